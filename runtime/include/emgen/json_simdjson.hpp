#pragma once
// The simdjson side of the JSON reader: the values, objects and members that emgen/json_reader.hpp handles by
// reference, defined over simdjson's On-Demand types, and the reader's steps that take simdjson's own types.
// The runtime's walks include it, as does code that drives simdjson itself (the dynamic reader, benchmarks);
// generated sources do not need it.

#include <simdjson.h>

#include <cstddef>
#include <string_view>

#include "emgen/json_reader.hpp"

namespace emgen::json {

namespace ondemand = simdjson::ondemand;

/// A JSON value being read: simdjson's On-Demand value, under a name that generated code can declare.
class Value : public ondemand::value {
 public:
  Value() = default;
  Value(ondemand::value value) noexcept : ondemand::value(value) {}
};

struct Object {
  ondemand::object object;
  /// Byte offset of its `{`, for errors about the object as a whole.
  std::size_t offset = 0;
};

struct Reader::Member {
  std::string_view key;
  std::size_t key_offset = 0;
  Value value;
};

/// Fails with simdjson's error, in words a user understands (truncated, too deep, bad UTF-8, ...).
[[noreturn]] void fail(const Reader& reader, std::size_t offset, simdjson::error_code error);

/// The next member of an object being iterated.
Reader::Member next_member(Reader& reader, const Object& object, simdjson::simdjson_result<ondemand::field> field);

/// The object a value holds; fails with `expected an object, found a string` otherwise.
Object object_of(Reader& reader, Value& value);

/// The root object of a document (a scalar root too gets `expected an object, found a string`). Reading it as a
/// root lets simdjson check that the document ends with its `}`, so a truncated document is reported as such
/// rather than by whichever value it was cut in.
Object root_object(Reader& reader, ondemand::document& document);

}  // namespace emgen::json
