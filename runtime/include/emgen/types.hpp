#pragma once
// What a generated header needs: the value types its members use (DateTime, Uid, Open<E>), read modes and
// warnings, JSON styles, the endpoint and link descriptions, and declarations of the readers and writers its
// functions take. Neither pugixml's nor simdjson's header comes with it: they are included by the generated
// sources (through emgen/runtime.hpp and emgen/json_reader.hpp), not by every file that uses a type.

#include "emgen/datetime.hpp"
#include "emgen/error.hpp"
#include "emgen/json_fwd.hpp"
#include "emgen/open_enum.hpp"
#include "emgen/spec.hpp"
#include "emgen/uid.hpp"

namespace pugi {
class xml_node;
}  // namespace pugi

namespace emgen::xml {
class Reader;
}  // namespace emgen::xml

namespace emgen::json {
class Writer;
}  // namespace emgen::json
