#pragma once
// Declarations generated headers need for JSON reading, without simdjson's large header.

namespace emgen {

/// How JSON member names are spelt. EM up to 12.x writes the schema's PascalCase names (`CreationTimeUTC`);
/// EM 13.x writes their camelCase form (`creationTimeUTC`). Readers accept both; writers write one.
enum class JsonStyle {
  pascal,
  camel,
};

}  // namespace emgen

namespace emgen::json {

class Reader;
/// A JSON object being read (wraps simdjson's On-Demand object; see json_reader.hpp).
struct Object;

}  // namespace emgen::json
