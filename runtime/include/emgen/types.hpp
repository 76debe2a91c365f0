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
#include "emgen/unknown.hpp"

namespace pugi {
class xml_node;
}  // namespace pugi

namespace emgen::xml {
class Reader;
}  // namespace emgen::xml

namespace emgen::json {
class Writer;
}  // namespace emgen::json

namespace emgen {

/// The two forms of a payload: what a Session asks for with Accept, what a conversion reads and writes.
enum class Format { xml, json };

/// What the query service returns for an entity type: `name`, the value of `type=` in GET /query?type=...,
/// and `list`, the member of the query result's entities that holds them. The generated code specializes it
/// for each schema list marked `query:`; emgen::Query::of<Entity>() and emgen::entities_in<Entity>() read it.
template <class Entity>
struct QueryType;

}  // namespace emgen
