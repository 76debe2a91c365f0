#include "languages/cpp/names.hpp"

#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "naming.hpp"
#include "text/english.hpp"

namespace emgen::gen::cpp {

std::string parse_function_name(const std::string& enum_name) { return "parse_" + snake_case(enum_name); }

std::string string_literal(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\%03o", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string include_prefix(const std::string& cpp_namespace) {
  std::string out;
  for (std::size_t i = 0; i < cpp_namespace.size(); ++i) {
    if (cpp_namespace.compare(i, 2, "::") == 0) {
      out += '/';
      ++i;
    } else {
      out += cpp_namespace[i];
    }
  }
  return out;
}

std::string test_name(const std::string& file_name) { return example_test_name(file_name); }

bool is_cpp_keyword(const std::string& word) {
  static const std::set<std::string> keywords = {
      "alignas",     "alignof",   "and",        "and_eq",    "asm",      "auto",         "bitand",
      "bitor",       "bool",      "break",      "case",      "catch",    "char",         "char8_t",
      "char16_t",    "char32_t",  "class",      "compl",     "concept",  "const",        "consteval",
      "constexpr",   "constinit", "const_cast", "continue",  "co_await", "co_return",    "co_yield",
      "decltype",    "default",   "delete",     "do",        "double",   "dynamic_cast", "else",
      "enum",        "explicit",  "export",     "extern",    "false",    "float",        "for",
      "friend",      "goto",      "if",         "inline",    "int",      "long",         "mutable",
      "namespace",   "new",       "noexcept",   "not",       "not_eq",   "nullptr",      "operator",
      "or",          "or_eq",     "private",    "protected", "public",   "register",     "reinterpret_cast",
      "requires",    "return",    "short",      "signed",    "sizeof",   "static",       "static_assert",
      "static_cast", "struct",    "switch",     "template",  "this",     "thread_local", "throw",
      "true",        "try",       "typedef",    "typeid",    "typename", "union",        "unsigned",
      "using",       "virtual",   "void",       "volatile",  "wchar_t",  "while",        "xor",
      "xor_eq"};
  return keywords.count(word) != 0;
}

namespace {

/// `backupSessions` → `backup_session`, `repositories` → `repository`: one item of a collection.
std::string singular(const std::string& segment) { return emgen::text::singular(snake_case(segment)); }

/// The value of `action=` in a query string, or empty.
std::string action_of(const std::string& query) {
  for (std::size_t start = 0; start <= query.size();) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string pair = query.substr(start, end - start);
    if (pair.rfind("action=", 0) == 0) return pair.substr(7);
    start = end + 1;
  }
  return "";
}

std::string joined(const std::string& first, const std::string& second) {
  if (first.empty()) return second;
  if (second.empty()) return first;
  return first + "_" + second;
}

}  // namespace

ClientNames client_names(const ir::Endpoint& endpoint, Diagnostics& diagnostics) {
  // Members the Client class has whatever the schemas say.
  static const std::set<std::string> taken = {"session", "follow"};
  ClientNames names;
  std::string subject;
  const auto& segments = endpoint.segments;
  names.parameters.resize(segments.size());
  std::set<std::string> parameters;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].parameter) {
      const std::string parameter = snake_case(segments[i].text);
      // `query`, `body` and `options` are the names of the parameters a collection's query string, a request's
      // body and every method's CallOptions take.
      if (!is_identifier(parameter) || is_cpp_keyword(parameter) || parameter == "query" || parameter == "body" ||
          parameter == "options" || !parameters.insert(parameter).second) {
        diagnostics.error(endpoint.where,
                          "path parameter '{" + segments[i].text + "}' of " + endpoint.method + " " + endpoint.path +
                              " would be the C++ parameter '" + parameter +
                              "', which is a keyword, reserved or used twice; rename it",
                          kBadCppName);
        return {};
      }
      names.parameters[i] = parameter;
      // A file path names a file or folder in what the path before it names: `..._mount_path(id, id2, filepath)`.
      if (segments[i].file_path) subject = joined(subject, "path");
      continue;
    }
    const bool names_an_item = i + 1 < segments.size() && segments[i + 1].parameter;
    subject = joined(subject, names_an_item ? singular(segments[i].text) : snake_case(segments[i].text));
  }
  // `client_name:` replaces the name the path gives, and only that: the second method of an endpoint with both
  // representations is still named from the first, so that one key names both.
  const auto chosen_or = [&](std::string from_path) { return endpoint.client_name.value_or(std::move(from_path)); };
  // A file path is no item of a collection: a folder's listing takes a query (`action=listAll&pageSize=100`).
  const bool one_item = !segments.empty() && segments.back().parameter && !segments.back().file_path;
  if (endpoint.method == "GET") {
    if (subject.empty()) subject = snake_case(endpoint.returns ? endpoint.returns->name : "root");
    names.method = chosen_or(one_item ? "get_" + subject : subject);
    names.takes_query = !one_item;
    if (endpoint.reference && endpoint.entity) {
      names.has_reference_form = true;
      // One item: the entity is get_<subject>, the reference get_<subject>_reference. A collection keeps its
      // name for the references, EM's default answer (`repositories(query)`), and reads the entity document
      // (?format=Entity) as <subject>_entities.
      names.reference_method = one_item ? names.method + "_reference" : names.method;
      if (!one_item) names.method += "_entities";
    }
  } else if (endpoint.method == "DELETE") {
    names.method = chosen_or(joined("delete", subject));
  } else {
    const std::string action = action_of(endpoint.query);
    names.method = chosen_or(joined(snake_case(action.empty() ? endpoint.method : action), subject));
  }
  for (const std::string* name : {&names.method, &names.reference_method}) {
    if (name->empty()) continue;
    if (!is_identifier(*name) || is_cpp_keyword(*name) || taken.count(*name)) {
      diagnostics.error(client_name_location(endpoint),
                        "client method name '" + *name + "' for " + endpoint.method + " " + endpoint.path +
                            " is not a usable C++ name (a keyword, not an identifier, "
                            "or a member the Client already has); " +
                            (endpoint.client_name ? "choose another with client_name:"
                                                  : "choose one with client_name:, or give it client: false"),
                        kBadCppName);
      return {};
    }
  }
  return names;
}

const Location& client_name_location(const ir::Endpoint& endpoint) {
  return endpoint.client_name ? endpoint.client_name_where : endpoint.where;
}

std::string member_name(const ir::Field& field) { return field.cpp_name.value_or(snake_case(field.name)); }

void check_names(const ir::Model& model, Diagnostics& diagnostics) {
  // Names the generated headers declare themselves, beside the schema's types and enums.
  static const std::set<std::string> reserved_types = {"Open", "Unlisted", "DocumentType", "Client", "Conversion"};
  static const std::set<std::string> reserved_members = {"from_xml", "to_xml", "from_json", "to_json"};
  for (const ir::SchemaFile& file : model.files)
    if (file.stem == "index" || file.stem == "client" || file.stem == "query")
      diagnostics.error(file.where,
                        "file name '" + file.stem + "' is reserved: emgen generates " + file.stem +
                            (file.stem == "query" ? ".hpp itself" : ".hpp and " + file.stem + ".cpp itself"),
                        kReservedName);
  for (const ir::Enum& enumeration : model.enums) {
    if (reserved_types.count(enumeration.name))
      diagnostics.error(enumeration.where, "'" + enumeration.name + "' is reserved by the generated code",
                        kReservedName);
    for (const ir::EnumValue& value : enumeration.values) {
      if (!is_identifier(value.name) || is_cpp_keyword(value.name)) {
        const std::string problem = is_identifier(value.name) ? "is a C++ keyword" : "is not a C++ identifier";
        diagnostics.error(value.where,
                          value.named ? "'" + value.name + "' " + problem
                                      : "wire text '" + value.wire + "' " + problem + "; give the value a name:",
                          kBadCppName);
      } else if (value.name == "Unlisted") {
        diagnostics.error(
            value.where,
            "'Unlisted' is reserved for values the schema does not list; rename it with name:", kBadCppName);
      }
    }
  }
  for (const ir::Type& type : model.types) {
    if (reserved_types.count(type.name))
      diagnostics.error(type.where, "'" + type.name + "' is reserved by the generated code", kReservedName);
    std::map<std::string, std::pair<std::string, Location>> members;  // C++ member → the field that has it
    // The model may be what resolved before an error, an inheritance cycle included: each base once.
    std::set<const ir::Type*> seen{&type};
    for (const ir::Type* base = type.base; base && seen.insert(base).second; base = base->base)
      for (const ir::Field& field : base->fields)
        members.emplace(member_name(field), std::pair(base->name + "." + field.name, field.where));
    for (const ir::Field& field : type.fields) {
      const std::string member = member_name(field);
      const Location& member_at = field.cpp_name ? field.cpp_name_where : field.where;
      if (!is_identifier(member) || is_cpp_keyword(member) || reserved_members.count(member)) {
        diagnostics.error(member_at,
                          "C++ member name '" + member + "' is " +
                              (is_identifier(member) ? "reserved" : "not an identifier") +
                              "; choose another with cpp_name:",
                          kBadCppName);
        continue;
      }
      if (const auto [it, inserted] = members.emplace(member, std::pair(type.name + "." + field.name, member_at));
          !inserted)
        diagnostics.error(member_at,
                          "C++ member name '" + member + "' is already used by " + it->second.first +
                              "; choose another with cpp_name:",
                          kMemberClash, {{"first defined at", it->second.second}});
    }
  }
}

}  // namespace emgen::gen::cpp
