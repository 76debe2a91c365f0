#pragma once
// Declarations generated headers need for JSON reading, without simdjson's large header.

namespace emgen::json {

class Reader;
/// A JSON object being read (wraps simdjson's On-Demand object; see json_reader.hpp).
struct Object;

}  // namespace emgen::json
