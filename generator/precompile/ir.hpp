#pragma once
// The checked model: every name resolved, every rule of the schema language verified.
// Later stages can trust it and report nothing.

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.hpp"

namespace emgen::gen::ir {

enum class Primitive { String, Int, Long, Double, Bool, DateTime, Uid };

struct Enum;
struct Type;
struct SchemaFile;

struct TypeRef {
  enum class Kind { primitive, enumeration, complex };
  Kind kind = Kind::primitive;
  Primitive primitive = Primitive::String;
  const Enum* enumeration = nullptr;
  const Type* complex = nullptr;
};

enum class Cardinality { required, optional, repeated };

/// How a wrapped list looks in JSON: `"Refs": {"Refs": [...]}` (nested) or `"Links": [...]` (array).
enum class JsonList { nested, array };

struct Field {
  std::string name;
  std::string doc;
  TypeRef type;
  bool attribute = false;
  /// The element's character content, beside its attributes (`text: true`); the type has no element fields.
  bool text = false;
  Cardinality cardinality = Cardinality::required;
  /// Set for a wrapped list: the element name of each item.
  std::optional<std::string> item;
  std::vector<std::string> aliases;
  std::optional<std::string> cpp_name;
  /// The field's name in its schema file; where a later stage reports a problem with it.
  Location where;
  /// The `cpp_name:` value, when given.
  Location cpp_name_where;
  /// The PascalCase member name (EM up to 12.x): the XML name unless the schema says `json: {name: ...}`.
  std::string json_name;
  /// Its camelCase form (EM 13.x), by json_camel_case.
  std::string json_camel_name;
  /// Every member name a reader accepts, without repeats: json_name, json_camel_name, then each alias and its
  /// camelCase form.
  std::vector<std::string> json_names;
  JsonList json_list = JsonList::nested;
  /// The query service's `type=` whose entities this list holds (`query:` in the schema), when it has one.
  std::optional<std::string> query_type;
  Location query_where;
};

struct EnumValue {
  std::string wire;
  std::string name;
  std::string doc;
  /// The value's name (or wire text, when it has no name) in its schema file.
  Location where;
  /// Whether the schema gave a `name:` (else name is the wire text).
  bool named = false;
};

struct Enum {
  std::string name;
  std::string doc;
  std::vector<EnumValue> values;
  const SchemaFile* file = nullptr;
  Location where;
};

struct Link {
  std::string rel;
  std::string type;
  std::string path;
  std::string method;
  const Type* returns = nullptr;
  std::string doc;
};

/// One piece of an endpoint's path between slashes: `backupSessions`, or the parameter `{ID}` (text `ID`).
struct PathSegment {
  std::string text;
  bool parameter = false;
  /// A parameter listed in `file_paths:`: its value is a file path, whose `/` the request keeps.
  bool file_path = false;
};

struct Endpoint {
  std::string method;
  /// As the schema writes it: `/backupSessions/{ID}?action=stop`.
  std::string path;
  std::string doc;
  /// The path before `?`, split at `/` (parsed once, here).
  std::vector<PathSegment> segments;
  /// The path ends with `/` before any query (`/catalog/vms/{vmname}/vmRestorePoints/{ID}/guestfs/`), and its
  /// requests keep it: servers may route `x/` and `x` apart.
  bool trailing_slash = false;
  /// What follows `?`, e.g. `action=stop`; empty when there is none.
  std::string query;
  Location where;
  /// Either returns, or both reference and entity; none for a POST, PUT or DELETE answered without a body.
  const Type* returns = nullptr;
  const Type* reference = nullptr;
  const Type* entity = nullptr;
  /// The document a POST or PUT sends (`body:`); a document type (it has an element), or null for no body.
  const Type* body = nullptr;
  /// Whether the generated Client gets a method for it.
  bool client = true;
  /// The `client_name:` value, when given: the method's name instead of the one its path gives.
  std::optional<std::string> client_name;
  /// The `client_name:` value's place, when given.
  Location client_name_where;
};

struct PathStep {
  const Field* field = nullptr;
  std::optional<std::size_t> index;
};

struct Expectation {
  /// Same order as format::ExpectationAst::Kind.
  enum class Kind { value, null, count, unlisted };
  std::string path;
  /// The expectation's key in the schema file, for a failing generated test to point at.
  Location where;
  std::vector<PathStep> steps;
  Kind kind = Kind::value;
  std::string expected;
};

struct Example {
  enum class Format { xml, json };
  /// Relative to the schema directory, with `/` separators.
  std::string file;
  /// From the file's extension.
  Format format = Format::xml;
  std::string doc;
  std::vector<Expectation> expectations;
  Location where;
};

struct Type {
  std::string name;
  std::string doc;
  const Type* base = nullptr;
  /// Set for a document type: its root element.
  std::optional<std::string> element;
  /// Declared here; inherited fields are in base.
  std::vector<Field> fields;
  std::vector<Link> links;
  std::vector<Endpoint> endpoints;
  std::vector<Example> examples;
  const SchemaFile* file = nullptr;
  Location where;

  /// Inherited fields first, then this type's own, as on the wire.
  std::vector<const Field*> all_fields() const;
};

struct SchemaFile {
  std::string stem;
  std::string display_path;
  /// The schema directory of an imported set (`--import DIR`) this file belongs to; empty for the set's own.
  std::string imported_from;
  std::string doc;
  /// In declaration order.
  std::vector<const Enum*> enums;
  /// Ordered so that a type comes after every type of this file that it uses.
  std::vector<const Type*> types;
  /// Other files whose types or enums this one uses, by stem.
  std::vector<const SchemaFile*> dependencies;
  Location where;
};

struct Api {
  std::string title;
  std::string version;
  std::string build;
  std::string xml_namespace;
  std::string base_path;
};

/// A part of the API named in api.yaml's `areas:`, which `emgen generate --areas` generates alone.
struct Area {
  std::string name;
  std::string doc;
  /// The root types as listed (the documents its endpoints answer with or take); the area is their closure.
  std::vector<const Type*> types;
  /// The area's item in api.yaml.
  Location where;
};

struct Model {
  Api api;
  /// In the order api.yaml lists them; none when it has no `areas:`.
  std::vector<Area> areas;
  /// What the resolver accepts but reports: each document type that no area lists, when api.yaml has areas.
  /// `emgen check` prints them; they stop nothing.
  std::vector<Diagnostic> warnings;
  std::string schema_directory;
  /// Sorted by stem; excludes api.yaml.
  std::deque<SchemaFile> files;
  std::deque<Enum> enums;
  std::deque<Type> types;
};

}  // namespace emgen::gen::ir
