#pragma once
// The schema files as written: every value with the place it came from. No name is resolved here.

#include <optional>
#include <string>
#include <vector>

#include "diagnostics.hpp"

namespace emgen::gen::format {

/// A scalar from the YAML text and where it stands.
struct Text {
  std::string value;
  Location where;
};

struct ApiAst {
  Text title, version, build, xml_namespace, base_path;
  Location where;
};

struct EnumValueAst {
  Text wire;
  std::optional<Text> name;
  std::string doc;
  Location where;
};

struct EnumAst {
  Text name;
  std::string doc;
  std::vector<EnumValueAst> values;
  Location where;
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
};

struct LinkAst {
  Text rel;
  std::optional<Text> type;
  Text path;
  std::optional<Text> method;
  std::optional<Text> returns;
  std::string doc;
  Location where;
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
};

/// One YAML file of the schema directory.
struct FileAst {
  /// As shown in messages: the schema directory as given, then the file name.
  std::string display_path;
  /// File name without `.yaml`; names the generated files.
  std::string stem;
  std::optional<ApiAst> api;
  std::optional<Text> api_version;
  std::string doc;
  std::vector<EnumAst> enums;
  std::vector<TypeAst> types;
  Location where;
};

struct SchemaSetAst {
  /// The schema directory as given; example files are relative to it.
  std::string directory;
  /// Sorted by file name.
  std::vector<FileAst> files;
};

}  // namespace emgen::gen::format
