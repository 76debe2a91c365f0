// One file: each view is built from the same naming helpers below, which a split would only move to a header.
#include "languages/cpp/view_model.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>

#include "languages/cpp/names.hpp"

namespace emgen::gen::cpp {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::list;
using kainjow::mustache::object;

constexpr std::size_t kLineWidth = 110;

// kainjow's data copies whatever it is given (set, push_back and its object constructor take const references),
// so a view assembled from lists nested in lists copies each leaf once for every level above it, and the copies
// were a fifth of `emgen generate`. These two move a value into place instead: they insert an empty placeholder
// and then move-assign through the container, which owns a non-const value.
void put(data& object, const std::string& name, data&& value) {
  object.set(name, data(false));
  *const_cast<data*>(object.get(name)) = std::move(value);
}

void append(data& list, data&& value) {
  list.push_back(data(false));
  const_cast<data&>(list.list_value().back()) = std::move(value);
}

std::string header_path(const Options& options, const std::string& stem) {
  return "include/" + include_prefix(options.cpp_namespace) + "/" + stem + ".hpp";
}
/// The namespace a schema file's code is in: the set's own, or the one its import was generated in.
std::string namespace_of(const ir::SchemaFile& file, const Options& options) {
  if (file.imported_from.empty()) return options.cpp_namespace;
  const auto it = options.imported_namespaces.find(file.imported_from);
  return it == options.imported_namespaces.end() ? options.cpp_namespace : it->second;
}

/// How this set's code names a type or enum: by its name, qualified when it comes from an imported set.
template <typename Named>
std::string qualified(const Named& named, const Options& options) {
  return named.file->imported_from.empty() ? named.name : namespace_of(*named.file, options) + "::" + named.name;
}

std::string include_of_file(const ir::SchemaFile& file, const Options& options) {
  return include_prefix(namespace_of(file, options)) + "/" + file.stem + ".hpp";
}

std::string include_of(const Options& options, const std::string& stem) {
  return include_prefix(options.cpp_namespace) + "/" + stem + ".hpp";
}

// The layout of the output, decided here once: build_views() fills these files and output_paths() lists them.
// Files made once per model, then files made once per schema file.
enum class Output {
  api_header,
  client_header,
  client_source,
  index_header,
  index_source,
  query_header,
  examples_test,
  style
};
constexpr Output kModelOutputs[] = {Output::api_header,    Output::client_header, Output::client_source,
                                    Output::index_header,  Output::index_source,  Output::query_header,
                                    Output::examples_test, Output::style};

struct OutputFile {
  std::string path;
  std::string template_name;
};

OutputFile output_file(Output output, const Options& options) {
  switch (output) {
    case Output::api_header:
      return {header_path(options, "api"), "api.hpp"};
    case Output::client_header:
      return {header_path(options, "client"), "client.hpp"};
    case Output::client_source:
      return {"src/client.cpp", "client.cpp"};
    case Output::index_header:
      return {header_path(options, "index"), "index.hpp"};
    case Output::index_source:
      return {"src/index.cpp", "index.cpp"};
    case Output::query_header:
      return {header_path(options, "query"), "query.hpp"};
    case Output::examples_test:
      return {"tests/examples_test.cpp", "examples_test.cpp"};
    case Output::style:
      return {".clang-format", "clang-format"};
  }
  throw std::logic_error("output_file: unknown output");
}

std::array<OutputFile, 2> schema_output_files(const std::string& stem, const Options& options) {
  return {OutputFile{header_path(options, stem), "schema.hpp"}, OutputFile{"src/" + stem + ".cpp", "schema.cpp"}};
}

/// `///` comment lines for text, wrapped to fit after indent columns; blank lines in text are kept.
data comment_lines(const std::string& text, std::size_t indent) {
  data lines{data::type::list};
  const std::size_t width = kLineWidth > indent + 4 ? kLineWidth - indent - 4 : 40;
  std::size_t start = 0;
  bool any = false;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string paragraph = text.substr(start, end - start);
    std::string line;
    std::size_t at = 0;
    bool blank = true;
    while (at < paragraph.size()) {
      while (at < paragraph.size() && paragraph[at] == ' ') ++at;
      std::size_t word_end = paragraph.find(' ', at);
      if (word_end == std::string::npos) word_end = paragraph.size();
      if (word_end == at) break;
      const std::string word = paragraph.substr(at, word_end - at);
      if (!line.empty() && line.size() + 1 + word.size() > width) {
        lines << object{{"comment", "/// " + line}};
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
      blank = false;
      at = word_end;
    }
    if (!blank) {
      lines << object{{"comment", "/// " + line}};
      any = true;
    } else if (any && end < text.size()) {
      lines << object{{"comment", "///"}};
    }
    start = end + 1;
  }
  return lines;
}

std::string element_type(const ir::TypeRef& type, const Options& options) {
  switch (type.kind) {
    case ir::TypeRef::Kind::enumeration:
      return "emgen::Open<" + qualified(*type.enumeration, options) + ">";
    case ir::TypeRef::Kind::complex:
      return qualified(*type.complex, options);
    case ir::TypeRef::Kind::primitive:
      break;
  }
  switch (type.primitive) {
    case ir::Primitive::String:
      return "std::string";
    case ir::Primitive::Int:
      return "std::int32_t";
    case ir::Primitive::Long:
      return "std::int64_t";
    case ir::Primitive::Double:
      return "double";
    case ir::Primitive::Bool:
      return "bool";
    case ir::Primitive::DateTime:
      return "emgen::DateTime";
    case ir::Primitive::Uid:
      return "emgen::Uid";
  }
  return "std::string";
}

std::string member_type(const ir::Field& field, const Options& options) {
  switch (field.cardinality) {
    case ir::Cardinality::optional:
      return "std::optional<" + element_type(field.type, options) + ">";
    case ir::Cardinality::repeated:
      return "std::vector<" + element_type(field.type, options) + ">";
    case ir::Cardinality::required:
      break;
  }
  return element_type(field.type, options);
}

/// Scalars that would otherwise be left uninitialised get a value; everything else default-constructs.
std::string member_initializer(const ir::Field& field) {
  if (field.cardinality != ir::Cardinality::required || field.type.kind != ir::TypeRef::Kind::primitive) return "";
  switch (field.type.primitive) {
    case ir::Primitive::Int:
    case ir::Primitive::Long:
    case ir::Primitive::Double:
      return " = 0";
    case ir::Primitive::Bool:
      return " = false";
    default:
      return "";
  }
}

/// The entries of an emgen::FieldName table for the names that read field index: `{"Href", 0}`.
void append_field_names(data& table, const std::vector<std::string>& names, std::size_t index) {
  for (const auto& name : names) table << object{{"name", string_literal(name)}, {"field", std::to_string(index)}};
}

/// `{"CreationTimeUTC", "creationTimeUTC"}`: an emgen::json::Key.
std::string json_key(const ir::Field& field) {
  return "{" + string_literal(field.json_name) + ", " + string_literal(field.json_camel_name) + "}";
}

/// The C++ expression a test compares with, for the expected text of a scalar or enum field (resolve has
/// checked that an enum's text is listed, or marked {unlisted: ...}).
std::string expected_literal(const ir::Field& field, const std::string& text, const Options& options) {
  if (field.type.kind == ir::TypeRef::Kind::enumeration) {
    const ir::Enum& enumeration = *field.type.enumeration;
    for (const auto& value : enumeration.values)
      if (value.wire == text) return qualified(enumeration, options) + "::" + value.name;
    return "emgen::Open<" + qualified(enumeration, options) + ">::unlisted(" + string_literal(text) + ")";
  }
  // text is already in its one wire form (resolve wrote it so): printed, never parsed again.
  switch (field.type.primitive) {
    case ir::Primitive::String:
      return "std::string(" + string_literal(text) + ")";
    case ir::Primitive::Int:
      return "std::int32_t{" + text + "}";
    case ir::Primitive::Long:
      return "std::int64_t{" + text + "}";
    case ir::Primitive::Double:
      return "double{" + text + "}";
    case ir::Primitive::Bool:
      return text;
    case ir::Primitive::DateTime:
      return "emgen::parse_datetime(" + string_literal(text) + ").value()";
    case ir::Primitive::Uid:
      return "emgen::Uid::parse(" + string_literal(text) + ").value()";
  }
  return string_literal(text);
}

data expectation_view(const ir::Expectation& expectation, const std::string& schema_file, const std::string& example,
                      const Options& options) {
  std::string actual = "value";
  for (std::size_t i = 0; i < expectation.steps.size(); ++i) {
    const ir::PathStep& step = expectation.steps[i];
    actual += "." + member_name(*step.field);
    if (step.index) actual += ".at(" + std::to_string(*step.index) + ")";
    const bool last = i + 1 == expectation.steps.size();
    // Through an absent optional the test should fail, not crash: value() throws.
    if (!last && step.field->cardinality == ir::Cardinality::optional) actual += ".value()";
  }
  // A failing test names the expectation's place in the schema, not only the generated line.
  const std::string where = schema_file + ":" + std::to_string(expectation.where.line) + ":" +
                            std::to_string(expectation.where.column) + ": " + expectation.path + " (" + example + ")";
  data view{object{{"path", expectation.path}, {"actual", actual}, {"where", string_literal(where)}}};
  switch (expectation.kind) {
    case ir::Expectation::Kind::count:
      view.set("count", true);
      view.set("expected", expectation.expected + "u");
      break;
    case ir::Expectation::Kind::null:
      view.set("absent", true);
      break;
    case ir::Expectation::Kind::value:
    case ir::Expectation::Kind::unlisted:
      view.set("equals", true);
      view.set("expected", expected_literal(*expectation.steps.back().field, expectation.expected, options));
      break;
  }
  return view;
}

data enum_view(const ir::Enum& enumeration) {
  data values{data::type::list};
  for (const auto& value : enumeration.values)
    values << object{
        {"value_name", value.name}, {"wire", string_literal(value.wire)}, {"doc", comment_lines(value.doc, 2)}};
  return object{{"name", enumeration.name},
                {"doc", comment_lines(enumeration.doc, 0)},
                {"values", values},
                {"parse_function", parse_function_name(enumeration.name)},
                {"schema_name", string_literal(enumeration.name)}};
}

data link_view(const ir::Link& link) {
  return object{{"rel", string_literal(link.rel)},
                {"type", string_literal(link.type)},
                {"path", string_literal(link.path)},
                {"method", string_literal(link.method)},
                {"returns", string_literal(link.returns ? link.returns->name : "")},
                {"doc", comment_lines(link.rel + ": " + link.doc, 6)}};
}

data endpoint_view(const ir::Endpoint& endpoint) {
  const auto name_of = [](const ir::Type* type) { return string_literal(type ? type->name : ""); };
  return object{{"method", string_literal(endpoint.method)},
                {"path", string_literal(endpoint.path)},
                {"returns", name_of(endpoint.returns)},
                {"reference", name_of(endpoint.reference)},
                {"entity", name_of(endpoint.entity)},
                {"body", name_of(endpoint.body)},
                {"doc", comment_lines(endpoint.method + " " + endpoint.path + ": " + endpoint.doc, 6)}};
}

data type_view(const ir::Type& type, const ir::Api& api, const Options& options) {
  data members{data::type::list};
  for (const auto& field : type.fields) {
    data member{object{{"type", member_type(field, options)},
                       {"name", member_name(field)},
                       {"initializer", member_initializer(field)}}};
    put(member, "doc", comment_lines(field.doc, 2));
    append(members, std::move(member));
  }
  data attributes{data::type::list}, elements{data::type::list}, required_attributes{data::type::list},
      required_elements{data::type::list}, attribute_writes{data::type::list}, element_writes{data::type::list},
      json_writes{data::type::list}, json_reads{data::type::list}, json_required{data::type::list},
      text_field{data::type::list}, text_writes{data::type::list}, attribute_names{data::type::list},
      element_names{data::type::list}, json_names{data::type::list};
  const auto fields = type.all_fields();
  for (std::size_t index = 0; index < fields.size(); ++index) {
    const ir::Field& field = *fields[index];
    const std::string name = member_name(field);
    const std::string wire = string_literal(field.name);
    std::vector<std::string> xml_names = {field.name};
    xml_names.insert(xml_names.end(), field.aliases.begin(), field.aliases.end());
    data read{object{{"member", name}, {"index", std::to_string(index)}}};
    if (field.item) read.set("item", string_literal(*field.item));
    read.set("wrapped", field.item.has_value());
    data write{object{{"wire", wire}, {"member", name}}};
    if (field.item) write.set("item", string_literal(*field.item));
    write.set("wrapped", field.item.has_value());
    data required{object{{"index", std::to_string(index)}, {"wire", wire}}};
    const bool is_required = field.cardinality == ir::Cardinality::required;
    if (field.text) {
      append(text_field, std::move(read));
      append(text_writes, std::move(write));
    } else if (field.attribute) {
      append_field_names(attribute_names, xml_names, index);
      append(attributes, std::move(read));
      append(attribute_writes, std::move(write));
      if (is_required) append(required_attributes, std::move(required));
    } else {
      append_field_names(element_names, xml_names, index);
      append(elements, std::move(read));
      append(element_writes, std::move(write));
      if (is_required) append(required_elements, std::move(required));
    }
    const bool nested = field.item && field.json_list == ir::JsonList::nested;
    append_field_names(json_names, field.json_names, index);
    json_reads << object{{"member", name}, {"index", std::to_string(index)}};
    if (is_required) json_required << object{{"index", std::to_string(index)}, {"json_key", json_key(field)}};
    json_writes << object{{"json_key", json_key(field)},
                          {"member", name},
                          {"function", nested ? "write_nested_list_member" : "write_member"}};
  }
  data links{data::type::list}, endpoints{data::type::list};
  for (const auto& link : type.links) append(links, link_view(link));
  for (const auto& endpoint : type.endpoints) append(endpoints, endpoint_view(endpoint));
  const bool has_attributes = !attributes.list_value().empty(), has_elements = !elements.list_value().empty(),
             has_text = !text_field.list_value().empty();

  data view{object{{"name", type.name},
                   {"doc", comment_lines(type.doc, 0)},
                   {"base_clause", type.base ? " : " + qualified(*type.base, options) : std::string()},
                   {"has_members", !type.fields.empty()},
                   // The root of a hierarchy holds what a lenient read kept unknown; derived types inherit it.
                   {"holds_unknown_members", type.base == nullptr},
                   {"has_attributes", has_attributes},
                   {"has_elements", has_elements},
                   // `text: true`: at most one field (the resolver checks), read from and written as the text.
                   {"has_text", has_text},
                   {"field_count", std::to_string(fields.size())},
                   // `fields: []`: an element with no content, whose readers and writers use none of their arguments.
                   {"has_fields", !fields.empty()},
                   // What the generated readers pass for the fields they have seen: `bool seen[0]` is not C++.
                   {"seen", fields.empty() ? "nullptr" : "seen"},
                   {"has_links", !type.links.empty()},
                   {"has_endpoints", !type.endpoints.empty()},
                   {"schema_name", string_literal(type.name)},
                   {"is_document", type.element.has_value()},
                   {"xml_namespace", string_literal(api.xml_namespace)}}};
  put(view, "members", std::move(members));
  put(view, "attributes", std::move(attributes));
  put(view, "elements", std::move(elements));
  put(view, "text_field", std::move(text_field));
  put(view, "text_writes", std::move(text_writes));
  put(view, "required_attributes", std::move(required_attributes));
  put(view, "required_elements", std::move(required_elements));
  put(view, "attribute_writes", std::move(attribute_writes));
  put(view, "element_writes", std::move(element_writes));
  put(view, "json_writes", std::move(json_writes));
  put(view, "json_reads", std::move(json_reads));
  put(view, "attribute_names", std::move(attribute_names));
  put(view, "element_names", std::move(element_names));
  put(view, "json_names", std::move(json_names));
  put(view, "json_required", std::move(json_required));
  put(view, "links", std::move(links));
  put(view, "endpoints", std::move(endpoints));
  if (type.element) view.set("element", string_literal(*type.element));
  return view;
}

/// The emgen::Field type of a field the query service filters by: what a filter compares it with. Every integer
/// compares as a 64-bit one; nullopt for what a filter cannot compare (a list, a nested element).
std::optional<std::string> query_field_type(const ir::Field& field, const Options& options) {
  if (field.cardinality == ir::Cardinality::repeated) return std::nullopt;
  switch (field.type.kind) {
    case ir::TypeRef::Kind::complex:
      return std::nullopt;
    case ir::TypeRef::Kind::enumeration: {
      const ir::Enum& enumeration = *field.type.enumeration;
      // Qualified from the global namespace: inside veeam::em::query, a struct may have the enum's name.
      return "emgen::Open<::" + namespace_of(*enumeration.file, options) + "::" + enumeration.name + ">";
    }
    case ir::TypeRef::Kind::primitive:
      break;
  }
  if (field.type.primitive == ir::Primitive::Int) return "std::int64_t";
  return element_type(field.type, options);
}

/// The typed filter fields of each queryable entity (a list with `query:`), for query.hpp: one static member per
/// wire name (the field's name and each alias: the pages filter by `CreationTime`, EM's payloads say
/// `CreationTimeUTC`), so that a misspelt or removed field does not compile.
void add_query_fields(const ir::Model& model, const Options& options, data& view) {
  std::map<std::string, data> structs;  // by entity name
  std::set<std::string> headers;
  for (const ir::Type& type : model.types) {
    if (!type.file->imported_from.empty()) continue;
    for (const ir::Field& list : type.fields) {
      if (!list.query_type) continue;
      const ir::Type& entity = *list.type.complex;
      data members{data::type::list};
      std::set<std::string> seen{entity.name};  // a member may not have its class's name
      for (const ir::Field* field : entity.all_fields()) {
        const auto field_type = query_field_type(*field, options);
        if (!field_type) continue;
        if (field->type.kind == ir::TypeRef::Kind::enumeration)
          headers.insert(include_of_file(*field->type.enumeration->file, options));
        std::vector<std::string> wire_names = {field->name};
        wire_names.insert(wire_names.end(), field->aliases.begin(), field->aliases.end());
        for (const std::string& wire : wire_names) {
          if (!is_identifier(wire) || is_cpp_keyword(wire) || !seen.insert(wire).second) continue;
          members << object{{"type", *field_type}, {"name", wire}, {"initializer", "{" + string_literal(wire) + "}"}};
        }
      }
      structs.emplace(entity.name,
                      object{{"name", entity.name},
                             {"members", members},
                             {"doc", comment_lines("Filter fields of GET /query?type=" + *list.query_type + " (" +
                                                       entity.name + "'s fields by their wire names): " + entity.name +
                                                       "::Name == \"x\" builds the filter text Name==\"x\".",
                                                   0)}});
    }
  }
  data entities{data::type::list}, includes{data::type::list};
  for (auto& [name, view] : structs) append(entities, std::move(view));
  for (const std::string& header : headers) includes << object{{"header", header}};
  put(view, "entities", std::move(entities));
  put(view, "type_headers", std::move(includes));
  view.set("header", include_of(options, "query"));
}

/// One method of the generated Client per endpoint and representation (see docs/schema-language.md).
struct ClientMethod {
  std::string name;
  std::string http_method;
  std::string return_type;  // empty: no body is read
  std::string parameters;
  /// The parameters as the definition repeats them (no default arguments).
  std::string definition_parameters;
  /// What follows the method in the session's call_ok(): the path, the body written in the session's format (or
  /// {}), and the CallOptions.
  std::string call_arguments;
  std::string doc;
  const ir::Endpoint* endpoint = nullptr;
  const ir::Type* returned = nullptr;  // what return_type names
  const ir::Type* body = nullptr;      // the document the request sends, when it sends one
  /// "entity" or "reference" for the two methods of a GET with both forms.
  std::string form = {};
  bool takes_query = false;
};

std::vector<ClientMethod> client_methods(const ir::Endpoint& endpoint, const ClientNames& names,
                                         const Options& options) {
  // The path as a C++ expression: literal pieces, and each {NAME} percent-encoded from its parameter.
  std::string expression, parameters;
  std::string literal;
  const auto flush = [&] {
    if (literal.empty()) return;
    expression += expression.empty() ? "std::string(" + string_literal(literal) + ")" : " + " + string_literal(literal);
    literal.clear();
  };
  for (std::size_t i = 0; i < endpoint.segments.size(); ++i) {
    const ir::PathSegment& segment = endpoint.segments[i];
    literal += "/";
    if (!segment.parameter) {
      literal += segment.text;
      continue;
    }
    flush();
    const std::string& parameter = names.parameters[i];
    expression +=
        (segment.file_path ? " + emgen::percent_encode_path(" : " + emgen::percent_encode(") + parameter + ")";
    parameters += (parameters.empty() ? "" : ", ") + std::string("std::string_view ") + parameter;
  }
  if (endpoint.segments.empty() || endpoint.trailing_slash) literal += "/";
  if (!endpoint.query.empty()) literal += "?" + endpoint.query;
  flush();

  std::vector<ClientMethod> methods;
  const std::string doc = endpoint.method + " " + endpoint.path + (endpoint.doc.empty() ? "" : ": " + endpoint.doc);
  // Every method takes the CallOptions Session::call takes, last. GET, PUT and DELETE send the same request
  // twice with the same effect, so the retry policy applies to them; a POST is retried only when its caller
  // marks it idempotent.
  const std::string options_parameter = "const emgen::CallOptions& options";
  const auto with_options = [&](const std::string& list, bool with_default) {
    return (list.empty() ? "" : list + ", ") + options_parameter + (with_default ? " = {}" : "");
  };
  const std::string call_options = endpoint.method == "POST" ? "options" : "emgen::idempotent(options)";
  if (names.has_reference_form && !names.takes_query) {
    const std::string entity_path =
        expression + (endpoint.query.empty() ? " + \"?format=Entity\"" : " + \"&format=Entity\"");
    methods.push_back({names.method, "GET", qualified(*endpoint.entity, options), with_options(parameters, true),
                       with_options(parameters, false), entity_path + ", {}, " + call_options,
                       doc + " (the entity, ?format=Entity)", &endpoint, endpoint.entity, nullptr, "entity"});
    methods.push_back({names.reference_method, "GET", qualified(*endpoint.reference, options),
                       with_options(parameters, true), with_options(parameters, false),
                       expression + ", {}, " + call_options, doc + " (the reference)", &endpoint, endpoint.reference,
                       nullptr, "reference"});
    return methods;
  }
  std::string definition_parameters = parameters;
  if (names.takes_query) {
    // A collection or query takes its query string: `backup_sessions("pageSize=10")`.
    parameters += (parameters.empty() ? "" : ", ") + std::string("std::string_view query = {}");
    definition_parameters += (definition_parameters.empty() ? "" : ", ") + std::string("std::string_view query");
  }
  if (names.has_reference_form) {
    // A collection with both forms: the entity method asks for ?format=Entity itself, and the reference method
    // refuses a query that asks for it, whose answer it would read as an empty list of references.
    const std::string entity_query =
        "emgen::entity_form_query(query, " + string_literal("Client::" + names.method) + ")";
    const std::string reference_query = "emgen::reference_form_query(query, " +
                                        string_literal("Client::" + names.reference_method) + ", " +
                                        string_literal("Client::" + names.method) + ")";
    methods.push_back({names.method, "GET", qualified(*endpoint.entity, options), with_options(parameters, true),
                       with_options(definition_parameters, false),
                       "emgen::with_query(" + expression + ", " + entity_query + "), {}, " + call_options,
                       doc + " (the entities, ?format=Entity)", &endpoint, endpoint.entity, nullptr, "entity", true});
    methods.push_back({names.reference_method, "GET", qualified(*endpoint.reference, options),
                       with_options(parameters, true), with_options(definition_parameters, false),
                       "emgen::with_query(" + expression + ", " + reference_query + "), {}, " + call_options,
                       doc + " (the references)", &endpoint, endpoint.reference, nullptr, "reference", true});
    return methods;
  }
  const std::string returned = endpoint.returns ? qualified(*endpoint.returns, options) : "";
  if (names.takes_query) expression = "emgen::with_query(" + expression + ", query)";
  std::string call_arguments = expression;
  if (endpoint.body != nullptr) {
    // The body comes after the path parameters (`create_backup_server_credentials(id, body)`), written in the
    // session's format and, for JSON, in the server's member-name style.
    const std::string body_parameter = "const " + qualified(*endpoint.body, options) + "& body";
    parameters += (parameters.empty() ? "" : ", ") + body_parameter;
    definition_parameters += (definition_parameters.empty() ? "" : ", ") + body_parameter;
    call_arguments += ", emgen::write_as(session_, body)";
  } else {
    call_arguments += ", {}";
  }
  call_arguments += ", " + call_options;
  // A DELETE reads its answer too when it has one: EM answers many with 202 and the Task to poll.
  const bool reads_body = !returned.empty();
  methods.push_back({names.method, endpoint.method, reads_body ? returned : "", with_options(parameters, true),
                     with_options(definition_parameters, false), call_arguments, doc, &endpoint,
                     reads_body ? endpoint.returns : nullptr, endpoint.body, "", names.takes_query});
  return methods;
}

data common_view(const ir::Model& model, const Options& options, const std::string& source) {
  return object{{"source", source},
                {"namespace", options.cpp_namespace},
                {"include_prefix", include_prefix(options.cpp_namespace)},
                {"api_version", string_literal(model.api.version)},
                {"api_build", string_literal(model.api.build)},
                {"api_title", string_literal(model.api.title)},
                {"xml_namespace", string_literal(model.api.xml_namespace)},
                {"base_path", string_literal(model.api.base_path)}};
}

}  // namespace

bool is_valid_namespace(const std::string& text) {
  static const std::regex pattern("[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*");
  return std::regex_match(text, pattern);
}

std::vector<FileView> build_views(const ir::Model& model, const Options& options) {
  // The C++ names are checked first, and all problems of this stage reported together.
  Diagnostics diagnostics;
  check_names(model, diagnostics);
  const auto shared = [](data value) { return std::make_shared<const data>(std::move(value)); };
  std::vector<FileView> views;
  std::map<Output, std::shared_ptr<const data>> model_views;
  model_views[Output::api_header] = shared(common_view(model, options, "api.yaml"));

  data headers{data::type::list}, document_types{data::type::list}, example_suites{data::type::list};
  std::map<std::string, std::string> document_type_names;  // sorted by name
  for (const ir::SchemaFile& file : model.files) {
    data view = common_view(model, options, file.stem + ".yaml");
    view.set("stem", file.stem);
    view.set("doc", comment_lines(file.doc, 0));
    data dependencies{data::type::list};
    for (const ir::SchemaFile* used : file.dependencies)
      dependencies << object{{"header", include_of_file(*used, options)}};
    put(view, "dependencies", std::move(dependencies));
    data enums{data::type::list}, types{data::type::list}, query_lists{data::type::list};
    for (const ir::Enum* enumeration : file.enums) append(enums, enum_view(*enumeration));
    for (const ir::Type* type : file.types) {
      append(types, type_view(*type, model.api, options));
      for (const ir::Field& field : type->fields) {
        if (!field.query_type) continue;
        const std::string space = "::" + namespace_of(file, options) + "::";
        const ir::Type& entity = *field.type.complex;
        query_lists << object{
            {"query_type", *field.query_type},
            {"name_literal", string_literal(*field.query_type)},
            {"entity", "::" + namespace_of(*entity.file, options) + "::" + entity.name},
            {"list", "&" + space + type->name + "::" + member_name(field)},
            {"doc", comment_lines("GET /query?type=" + *field.query_type + "&format=Entities answers with " +
                                      type->name + "::" + member_name(field) +
                                      ": emgen::Query::of<> and emgen::entities_in<> read it from here.",
                                  0)}};
      }
      if (type->element) document_type_names.emplace(type->name, *type->element);
      for (const ir::Example& example : type->examples) {
        data expectations{data::type::list};
        for (const auto& expectation : example.expectations)
          append(expectations, expectation_view(expectation, file.stem + ".yaml", example.file, options));
        data suite{object{{"type", type->name},
                          {"test_name", test_name(example.file)},
                          {"file", string_literal(example.file)},
                          {"read_function", example.format == ir::Example::Format::json ? "from_json" : "from_xml"}}};
        put(suite, "expectations", std::move(expectations));
        append(example_suites, std::move(suite));
      }
    }
    // Outside a closure (--types, --areas), a schema file keeps its source, which CMake lists at configure time,
    // but with nothing in it to compile.
    view.set("has_code", !file.enums.empty() || !file.types.empty());
    put(view, "enums", std::move(enums));
    put(view, "types", std::move(types));
    put(view, "query_lists", std::move(query_lists));
    view.set("header", include_of(options, file.stem));
    headers << object{{"header", include_of(options, file.stem)}};
    const auto file_data = shared(std::move(view));
    for (OutputFile& output : schema_output_files(file.stem, options))
      views.push_back(FileView{std::move(output.path), std::move(output.template_name), file_data});
  }

  // Every method name is decided here, once; two endpoints that would share one are an error naming both.
  std::map<std::string, ClientMethod> methods_by_name;
  for (const ir::Type& type : model.types)
    for (const ir::Endpoint& endpoint : type.endpoints) {
      if (!endpoint.client) continue;
      const ClientNames names = client_names(endpoint, diagnostics);
      if (names.method.empty()) continue;
      for (ClientMethod method : client_methods(endpoint, names, options)) {
        const auto [it, inserted] = methods_by_name.emplace(method.name, method);
        if (inserted) continue;
        const ir::Endpoint& first = *it->second.endpoint;
        diagnostics.error(client_name_location(endpoint),
                          "client method '" + method.name + "' for " + endpoint.method + " " + endpoint.path +
                              " clashes with " + first.method + " " + first.path +
                              "; give one of them another client_name:, or client: false",
                          kClientMethodClash, {{"first defined at", client_name_location(first)}});
      }
    }
  if (!diagnostics.empty()) throw SchemaErrors(diagnostics.sorted());
  data methods{data::type::list};
  // client.hpp declares the types its methods return or send, so that including it does not include every
  // schema; client.cpp includes their headers.
  std::set<std::string> used_types, used_headers;
  std::set<std::pair<std::string, std::string>> imported_types;  // namespace, name
  for (const auto& [name, method] : methods_by_name) {
    for (const ir::Type* used : {method.returned, method.body}) {
      if (used == nullptr) continue;
      if (used->file->imported_from.empty())
        used_types.insert(used->name);
      else
        imported_types.emplace(namespace_of(*used->file, options), used->name);
      used_headers.insert(include_of_file(*used->file, options));
    }
    data view{object{{"name", name},
                     {"http_method", string_literal(method.http_method)},
                     {"parameters", method.parameters},
                     {"definition_parameters", method.definition_parameters},
                     {"call_arguments", method.call_arguments},
                     {"doc", comment_lines(method.doc, 2)}}};
    view.set("returns_value", !method.return_type.empty());
    view.set("return_type", method.return_type.empty() ? "void" : method.return_type);
    // The entry of client_methods(): a call with the path parameters in order and the body read from XML, the
    // answer written back as XML (or JSON, for a type with no element), so that a test can call every method.
    std::string arguments;
    std::size_t parameter = 0;
    for (const ir::PathSegment& segment : method.endpoint->segments)
      if (segment.parameter)
        arguments +=
            (arguments.empty() ? "" : ", ") + std::string("parameters.at(") + std::to_string(parameter++) + ")";
    if (method.body != nullptr)
      arguments += (arguments.empty() ? "" : ", ") + qualified(*method.body, options) + "::from_xml(body)";
    if (method.takes_query) arguments += (arguments.empty() ? "" : ", ") + std::string("query");
    const std::string call = "client." + name + "(" + arguments + ")";
    view.set("table_call", method.returned == nullptr ? call + ";\n         return {};"
                           : method.returned->element ? "return " + call + ".to_xml();"
                                                      : "return " + call + ".to_json();");
    view.set("endpoint_path", string_literal(method.endpoint->path));
    view.set("form", string_literal(method.form));
    view.set("body_type", string_literal(method.body != nullptr ? method.body->name : ""));
    view.set("returns_type", string_literal(method.returned != nullptr ? method.returned->name : ""));
    view.set("path_parameters", std::to_string(parameter));
    view.set("takes_query", method.takes_query ? "true" : "false");
    append(methods, std::move(view));
  }
  data client = common_view(model, options, "the endpoints in the schemas");
  data declarations{data::type::list}, type_headers{data::type::list};
  for (const std::string& name : used_types) declarations << object{{"name", name}};
  data imported_declarations{data::type::list};
  for (const auto& [cpp_namespace, name] : imported_types)
    imported_declarations << object{{"namespace", cpp_namespace}, {"name", name}};
  put(client, "imported_declarations", std::move(imported_declarations));
  for (const std::string& header : used_headers) type_headers << object{{"header", header}};
  put(client, "methods", std::move(methods));
  put(client, "declarations", std::move(declarations));
  put(client, "type_headers", std::move(type_headers));
  client.set("header", include_of(options, "client"));
  model_views[Output::client_header] = model_views[Output::client_source] = shared(std::move(client));

  for (const auto& [name, element] : document_type_names)
    document_types << object{
        {"name", name}, {"schema_name", string_literal(name)}, {"element", string_literal(element)}};
  data index = common_view(model, options, "all schema files");
  put(index, "headers", std::move(headers));
  put(index, "document_types", std::move(document_types));
  index.set("header", include_of(options, "index"));
  data tests = index;
  put(tests, "examples", std::move(example_suites));
  model_views[Output::index_header] = model_views[Output::index_source] = shared(std::move(index));
  model_views[Output::examples_test] = shared(std::move(tests));
  data query = common_view(model, options, "the query lists (query:) in the schemas");
  add_query_fields(model, options, query);
  model_views[Output::query_header] = shared(std::move(query));
  model_views[Output::style] = shared(common_view(model, options, ""));
  for (const Output output : kModelOutputs) {
    OutputFile file = output_file(output, options);
    views.push_back(FileView{std::move(file.path), std::move(file.template_name), model_views.at(output)});
  }

  std::sort(views.begin(), views.end(), [](const FileView& a, const FileView& b) { return a.path < b.path; });
  return views;
}

std::vector<std::string> output_paths(const std::vector<std::string>& stems, const Options& options) {
  std::vector<std::string> paths;
  for (const Output output : kModelOutputs) paths.push_back(output_file(output, options).path);
  for (const auto& stem : stems) {
    if (stem == "api") continue;  // api.yaml describes the API; its header is a model output
    for (const OutputFile& file : schema_output_files(stem, options)) paths.push_back(file.path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace emgen::gen::cpp
