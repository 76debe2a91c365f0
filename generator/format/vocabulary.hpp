// The words of the schema language, in one place: the primitive type names (and what other sources call
// them), and every key of every map a schema file holds, with its shape. The loader reads keys only through
// this table; the drafter writes, the merger matches and the diff compares by it, and each of them says in a
// table of its own what it does with every key (tests/generator/vocabulary_test.cpp checks that none is
// missing). docs/schema-language.md is the prose for the same words.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace emgen::gen::format::vocabulary {

// ---- Primitive types --------------------------------------------------------------------------------------

/// In the order of ir::Primitive (precompile/resolve.cpp checks the two agree).
inline constexpr std::array<std::string_view, 7> kPrimitiveTypes = {"String", "Int",      "Long", "Double",
                                                                    "Bool",   "DateTime", "Uid"};

struct Synonym {
  std::string_view name;
  std::string_view primitive;
};

/// What the help pages' tables, Veeam's RestAPI.xsd and .NET call the primitives. The importers read them as
/// the primitive; the resolver suggests the primitive when a schema uses one ("did you mean").
inline constexpr std::array<Synonym, 16> kPrimitiveSynonyms = {{
    {"string", "String"},
    {"Int32", "Int"},
    {"int", "Int"},
    {"Integer", "Int"},
    {"Int64", "Long"},
    {"long", "Long"},
    {"Boolean", "Bool"},
    {"boolean", "Bool"},
    {"bool", "Bool"},
    {"dateTime", "DateTime"},
    {"double", "Double"},
    {"Decimal", "Double"},
    {"decimal", "Double"},
    {"float", "Double"},
    {"UidType", "Uid"},
    {"UrnType", "Uid"},
}};

constexpr bool is_primitive(std::string_view name) {
  for (const std::string_view primitive : kPrimitiveTypes)
    if (primitive == name) return true;
  return false;
}

/// The primitive a synonym names; nothing for a primitive's own name or another word.
constexpr std::optional<std::string_view> primitive_of_synonym(std::string_view name) {
  for (const Synonym& synonym : kPrimitiveSynonyms)
    if (synonym.name == name) return synonym.primitive;
  return std::nullopt;
}

/// The primitive a word names, as the schema language spells it or as a synonym; nothing for another word.
constexpr std::optional<std::string_view> primitive_named(std::string_view name) {
  if (is_primitive(name)) return name;
  return primitive_of_synonym(name);
}

// ---- Keys -------------------------------------------------------------------------------------------------

/// The maps of a schema file, each with keys of its own.
enum class Map {
  api_file,          // api.yaml: its `api:` and `areas:`
  api,               // api.yaml's `api:`
  area,              // an item of api.yaml's `areas:`
  schema_file,       // any other *.yaml
  enumeration,       // an item of `enums:`
  enum_value,        // an item of `values:` in its map form
  type,              // an item of `types:`
  field,             // an item of `fields:`
  field_json,        // a field's `json:`
  link,              // an item of `links:`
  endpoint,          // an item of `endpoints:`
  endpoint_returns,  // `returns:` in its map form
  example,           // an item of `examples:`
  expectation,       // a value of `expect:` in its map form
};

/// What a key holds.
enum class Shape {
  scalar,         // text
  flag,           // true or false
  list,           // a list of scalars or of maps
  map,            // a map (of the keys of another Map, or free keys for `expect:`)
  scalar_or_map,  // `returns: Type` or `returns: {reference: R, entity: E}`
};

/// Every key of the language, one per (map, key) pair.
enum class Key {
  api_file_api,
  api_title,
  api_version,
  api_build,
  api_xml_namespace,
  api_base_path,
  api_file_areas,
  area_name,
  area_doc,
  area_types,
  file_api_version,
  file_doc,
  file_enums,
  file_types,
  enum_name,
  enum_doc,
  enum_values,
  value_wire,
  value_name,
  value_doc,
  type_name,
  type_doc,
  type_extends,
  type_element,
  type_fields,
  type_links,
  type_endpoints,
  type_examples,
  field_name,
  field_type,
  field_doc,
  field_attribute,
  field_text,
  field_optional,
  field_repeated,
  field_item,
  field_aliases,
  field_cpp_name,
  field_query,
  field_json,
  json_name,
  json_list,
  link_rel,
  link_type,
  link_path,
  link_method,
  link_returns,
  link_doc,
  endpoint_method,
  endpoint_path,
  endpoint_doc,
  endpoint_client,
  endpoint_client_name,
  endpoint_body,
  endpoint_file_paths,
  endpoint_returns,
  returns_reference,
  returns_entity,
  example_file,
  example_doc,
  example_expect,
  expectation_count,
  expectation_unlisted,
};

struct KeySpec {
  Key key;
  Map map;
  std::string_view name;
  Shape shape;
  /// Required in every map of its kind (`returns:` is required of a GET only, which the loader checks).
  bool required;
};

inline constexpr std::array<KeySpec, 63> kKeys = {{
    {Key::api_file_api, Map::api_file, "api", Shape::map, true},
    {Key::api_title, Map::api, "title", Shape::scalar, true},
    {Key::api_version, Map::api, "version", Shape::scalar, true},
    {Key::api_build, Map::api, "build", Shape::scalar, true},
    {Key::api_xml_namespace, Map::api, "xml_namespace", Shape::scalar, true},
    {Key::api_base_path, Map::api, "base_path", Shape::scalar, true},
    {Key::api_file_areas, Map::api_file, "areas", Shape::list, false},
    {Key::area_name, Map::area, "name", Shape::scalar, true},
    {Key::area_doc, Map::area, "doc", Shape::scalar, false},
    {Key::area_types, Map::area, "types", Shape::list, true},
    {Key::file_api_version, Map::schema_file, "api_version", Shape::scalar, false},
    {Key::file_doc, Map::schema_file, "doc", Shape::scalar, false},
    {Key::file_enums, Map::schema_file, "enums", Shape::list, false},
    {Key::file_types, Map::schema_file, "types", Shape::list, false},
    {Key::enum_name, Map::enumeration, "name", Shape::scalar, true},
    {Key::enum_doc, Map::enumeration, "doc", Shape::scalar, false},
    {Key::enum_values, Map::enumeration, "values", Shape::list, true},
    {Key::value_wire, Map::enum_value, "wire", Shape::scalar, true},
    {Key::value_name, Map::enum_value, "name", Shape::scalar, false},
    {Key::value_doc, Map::enum_value, "doc", Shape::scalar, false},
    {Key::type_name, Map::type, "name", Shape::scalar, true},
    {Key::type_doc, Map::type, "doc", Shape::scalar, false},
    {Key::type_extends, Map::type, "extends", Shape::scalar, false},
    {Key::type_element, Map::type, "element", Shape::scalar, false},
    {Key::type_fields, Map::type, "fields", Shape::list, false},
    {Key::type_links, Map::type, "links", Shape::list, false},
    {Key::type_endpoints, Map::type, "endpoints", Shape::list, false},
    {Key::type_examples, Map::type, "examples", Shape::list, false},
    {Key::field_name, Map::field, "name", Shape::scalar, true},
    {Key::field_type, Map::field, "type", Shape::scalar, true},
    {Key::field_doc, Map::field, "doc", Shape::scalar, false},
    {Key::field_attribute, Map::field, "attribute", Shape::flag, false},
    {Key::field_text, Map::field, "text", Shape::flag, false},
    {Key::field_optional, Map::field, "optional", Shape::flag, false},
    {Key::field_repeated, Map::field, "repeated", Shape::flag, false},
    {Key::field_item, Map::field, "item", Shape::scalar, false},
    {Key::field_aliases, Map::field, "aliases", Shape::list, false},
    {Key::field_cpp_name, Map::field, "cpp_name", Shape::scalar, false},
    {Key::field_query, Map::field, "query", Shape::scalar, false},
    {Key::field_json, Map::field, "json", Shape::map, false},
    {Key::json_name, Map::field_json, "name", Shape::scalar, false},
    {Key::json_list, Map::field_json, "list", Shape::scalar, false},
    {Key::link_rel, Map::link, "rel", Shape::scalar, true},
    {Key::link_type, Map::link, "type", Shape::scalar, false},
    {Key::link_path, Map::link, "path", Shape::scalar, true},
    {Key::link_method, Map::link, "method", Shape::scalar, false},
    {Key::link_returns, Map::link, "returns", Shape::scalar, false},
    {Key::link_doc, Map::link, "doc", Shape::scalar, false},
    {Key::endpoint_method, Map::endpoint, "method", Shape::scalar, true},
    {Key::endpoint_path, Map::endpoint, "path", Shape::scalar, true},
    {Key::endpoint_doc, Map::endpoint, "doc", Shape::scalar, false},
    {Key::endpoint_client, Map::endpoint, "client", Shape::flag, false},
    {Key::endpoint_client_name, Map::endpoint, "client_name", Shape::scalar, false},
    {Key::endpoint_body, Map::endpoint, "body", Shape::scalar, false},
    {Key::endpoint_file_paths, Map::endpoint, "file_paths", Shape::list, false},
    {Key::endpoint_returns, Map::endpoint, "returns", Shape::scalar_or_map, false},
    {Key::returns_reference, Map::endpoint_returns, "reference", Shape::scalar, true},
    {Key::returns_entity, Map::endpoint_returns, "entity", Shape::scalar, true},
    {Key::example_file, Map::example, "file", Shape::scalar, true},
    {Key::example_doc, Map::example, "doc", Shape::scalar, false},
    {Key::example_expect, Map::example, "expect", Shape::map, false},
    {Key::expectation_count, Map::expectation, "count", Shape::scalar, false},
    {Key::expectation_unlisted, Map::expectation, "unlisted", Shape::scalar, false},
}};

/// The table's row of a key; the table lists every Key once, in the enum's order (checked below).
constexpr const KeySpec& spec(Key key) { return kKeys[static_cast<std::size_t>(key)]; }

/// A key as schema files spell it.
constexpr std::string_view name(Key key) { return spec(key).name; }

namespace detail {
constexpr bool rows_follow_the_enum() {
  for (std::size_t i = 0; i < kKeys.size(); ++i)
    if (static_cast<std::size_t>(kKeys[i].key) != i) return false;
  return kKeys.back().key == Key::expectation_unlisted;
}
}  // namespace detail
static_assert(detail::rows_follow_the_enum(), "kKeys lists every Key once, in the order of the enum");

/// What a component does with a key of the language. The drafter, the merger and the diff each keep a table of
/// these, one row per key; `how` says what it does, or why it has nothing to do with the key.
struct KeyUse {
  Key key;
  std::string_view how;
};

}  // namespace emgen::gen::format::vocabulary
