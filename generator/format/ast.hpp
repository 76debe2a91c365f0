#pragma once
// The schema files as written: every value with the place it came from. No name is resolved here.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.hpp"
#include "format/vocabulary.hpp"

namespace emgen::gen::format {

/// A scalar from the YAML text and where it stands.
struct Text {
  std::string value;
  Location where;
};

/// One key of a map as the loader met it: where the key and its value stand (each Location with its byte offset).
struct KeyPlace {
  vocabulary::Key key;
  Location at;
  Location value;
  /// A null value (`doc:`, `doc: ~`): yaml-cpp places one written as nothing at the next token, so a null is
  /// edited from its key on.
  bool null = false;
};

/// Where a map stands in its file and each of its keys, as the loader met them: the merger finds what to edit
/// here, a key whose value the AST keeps no Text for (`doc: ""`, `fields:`, `optional: false`) included.
/// yaml-cpp marks where a node begins, not where it ends, so the end of what is edited is found in the text
/// (import/schema_text.cpp).
struct KeyPlaces {
  Location map;
  std::vector<KeyPlace> keys;

  /// The key's place; nothing when the map does not have the key.
  const KeyPlace* find(vocabulary::Key key) const {
    for (const KeyPlace& place : keys)
      if (place.key == key) return &place;
    return nullptr;
  }
};

struct ApiAst {
  Text title, version, build, xml_namespace, base_path;
  Location where;
  KeyPlaces keys;
};

/// An item of api.yaml's `areas:`: a part of the API named for `emgen generate --areas`, by its root types.
struct AreaAst {
  Text name;
  std::string doc;
  std::vector<Text> types;
  Location where;
  KeyPlaces keys;
};

struct EnumValueAst {
  Text wire;
  std::optional<Text> name;
  std::string doc;
  Location where;
  KeyPlaces keys;
};

struct EnumAst {
  Text name;
  std::string doc;
  std::vector<EnumValueAst> values;
  Location where;
  KeyPlaces keys;
};

struct FieldAst {
  Text name;
  Text type;
  std::string doc;
  bool attribute = false;
  /// `text: true`: the field holds the element's character content (<Day Name="Sunday">1,1</Day>).
  bool text = false;
  bool optional = false;
  bool repeated = false;
  std::optional<Text> item;
  std::vector<Text> aliases;
  std::optional<Text> cpp_name;
  std::optional<Text> json_name;
  std::optional<Text> json_list;
  /// `query: BackupTaskSession`: this list holds the entities of GET /query?type=BackupTaskSession.
  std::optional<Text> query;
  Location where;
  KeyPlaces keys;
};

struct LinkAst {
  Text rel;
  std::optional<Text> type;
  Text path;
  std::optional<Text> method;
  std::optional<Text> returns;
  std::string doc;
  Location where;
  KeyPlaces keys;
};

struct EndpointAst {
  Text method;
  Text path;
  std::string doc;
  /// Either one type, or the reference/entity pair; neither for a POST, PUT or DELETE that answers without a body.
  std::optional<Text> returns;
  std::optional<Text> returns_reference;
  std::optional<Text> returns_entity;
  /// `body: CredentialsInfoSpec`: the document a POST or PUT sends.
  std::optional<Text> body;
  /// `file_paths: [filepath]`: path parameters whose value is a file path, sent with its `/` kept.
  std::vector<Text> file_paths;
  /// False for endpoints the runtime's Session calls itself (logon, logoff).
  bool client = true;
  /// `client_name: list_sessions`: the client method's name, instead of the one its path gives.
  std::optional<Text> client_name;
  Location where;
  KeyPlaces keys;
};

struct ExpectationAst {
  /// `unlisted`: `{unlisted: Text}`, an enum value the schema does not list, on purpose.
  enum class Kind { value, null, count, unlisted };
  Text path;
  Kind kind = Kind::value;
  /// The expected scalar text, or the count.
  Text expected;
};

struct ExampleAst {
  Text file;
  std::string doc;
  std::vector<ExpectationAst> expect;
  Location where;
  KeyPlaces keys;
};

struct TypeAst {
  Text name;
  std::string doc;
  std::optional<Text> extends;
  std::optional<Text> element;
  std::vector<FieldAst> fields;
  /// `fields: []` written out: an element with no content on purpose (`<ForDirectDownload/>`, JSON `{}`).
  bool empty_on_purpose = false;
  std::vector<LinkAst> links;
  std::vector<EndpointAst> endpoints;
  std::vector<ExampleAst> examples;
  Location where;
  KeyPlaces keys;
};

/// One YAML file of the schema directory.
struct FileAst {
  /// As shown in messages: the schema directory as given, then the file name.
  std::string display_path;
  /// File name without `.yaml`; names the generated files.
  std::string stem;
  std::optional<ApiAst> api;
  /// api.yaml's `areas:`, in the order written; empty in every other file.
  std::vector<AreaAst> areas;
  std::optional<Text> api_version;
  std::string doc;
  std::vector<EnumAst> enums;
  std::vector<TypeAst> types;
  Location where;
  KeyPlaces keys;
  /// The file's bytes, which the offsets of its locations index.
  std::string text;
};

struct SchemaSetAst {
  /// The schema directory as given; example files are relative to it.
  std::string directory;
  /// Sorted by file name.
  std::vector<FileAst> files;
};

}  // namespace emgen::gen::format
