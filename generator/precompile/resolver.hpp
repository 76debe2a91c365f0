#pragma once
// The resolver's class, shared by the files of its passes: resolve.cpp (the API and its areas, the entry point),
// resolve_names.cpp (declaring every name), resolve_fields.cpp (bases, fields, cycles),
// resolve_endpoints.cpp (links, endpoints and their paths), resolve_examples.cpp (example payloads and their
// expectations) and order_files.cpp (the order types and files are generated in). Private to precompile/.

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "format/ast.hpp"
#include "precompile/ir.hpp"
#include "precompile/resolve.hpp"

namespace emgen::gen::precompile::resolving {

using format::Text;

/// The primitives by the schema language's names.
const std::map<std::string, ir::Primitive>& primitives();
bool is_ascii_letter(char c);
bool is_digit(char c);

/// first(c) for the first character, rest(c) for the others; never empty.
template <class First, class Rest>
bool is_word(const std::string& name, First first, Rest rest) {
  if (name.empty() || !first(name.front())) return false;
  return std::all_of(name.begin() + 1, name.end(), rest);
}

bool is_type_name(const std::string& name);
bool is_version(const std::string& text);
bool is_count(const std::string& text);

/// The local name of the first element of an XML file (prolog, comments and a byte order mark skipped); empty
/// when there is none to be found, which the example's generated test then reports.
std::string root_element_of(const std::filesystem::path& file);

struct Named {
  Location where;
  const ir::Type* type = nullptr;
  const ir::Enum* enumeration = nullptr;
  /// Set for a name an imported set defines.
  const ir::Model* imported = nullptr;
};

class Resolver {
 public:
  Resolver(const format::SchemaSetAst& schemas, ir::Model& model, const Imports& imports)
      : schemas_(schemas), model_(model), imports_(imports) {}

  void run() {
    model_.schema_directory = schemas_.directory;
    read_api();
    declare_imports();
    declare();
    if (!diagnostics_.empty()) throw SchemaErrors(diagnostics_.sorted());
    resolve_bases();
    // Past this point a mistake in one type does not stop the checks of the others, so that one run reports
    // everything it can; only an inheritance cycle would make the walks below go round forever.
    if (inheritance_cycle_) throw SchemaErrors(diagnostics_.sorted());
    resolve_fields();
    check_type_cycles();
    resolve_links_endpoints_examples();
    order_files();
    resolve_areas();
    if (!diagnostics_.empty()) throw SchemaErrors(diagnostics_.sorted());
  }

 private:
  void read_api();

  /// api.yaml's `areas:`: names, their types; a warning naming the document types no area lists.
  void resolve_areas();

  /// The imported sets' names come first, so that one of this set's own that repeats one is reported here.
  void declare_imports();

  void define(const Text& name, const Location& where, ir::Type* type, ir::Enum* enumeration);

  void declare();

  void resolve_enum_values(const format::EnumAst& ast, ir::Enum& enumeration);

  const ir::Type* find_type(const Text& name, const std::string& what);

  /// The type an endpoint's `body:` names. The client sends it as a whole document, so it needs an element;
  /// only POST and PUT carry one (EM's GET and DELETE take none).
  const ir::Type* find_body_type(const std::string& method, const Text& name);

  void unknown(const Text& name, const std::string& what);

  void resolve_bases();

  /// Bases first, so that a type sees every inherited field whatever the order of declaration.
  void resolve_fields();

  void resolve_own_fields(ir::Type* type);
  void check_text_field(const ir::Type& type);

  void resolve_field(ir::Type& type, const format::FieldAst& ast, std::map<std::string, std::string>& wire_names,
                     std::map<std::string, std::string>& json_names);

  /// `query: X` names the query service's type= whose entities the list holds: one list per type= and per
  /// entity type in a set, so that emgen::Query::of<T>() has exactly one answer.
  bool resolve_query_list(ir::Field& field, const Text& query);

  /// A type may not contain itself, directly or through other types, by base or by field.
  void check_type_cycles();

  static bool is_method(const std::string& method);

  /// Checks a path and splits it: segments between slashes before `?` (a segment is a literal or a whole
  /// `{NAME}` parameter, used once), whether it ends with `/`, and the query after it.
  void check_path(const Text& path, std::vector<ir::PathSegment>* segments, std::string* query,
                  bool* trailing_slash = nullptr);

  void resolve_links_endpoints_examples();

  /// `file_paths:` names path parameters of the endpoint, each once.
  void mark_file_paths(const format::EndpointAst& ast, ir::Endpoint& endpoint);

  static std::string parameters_of(const ir::Endpoint& endpoint);

  void resolve_example(ir::Type& type, const format::ExampleAst& ast, std::set<std::string>& seen_files);

  bool resolve_expectation(const ir::Type& type, const format::ExpectationAst& ast, ir::Expectation& out);

  /// canonical: set to the value's one wire form (`+100` → `100`, `True` → `true`), so later stages print it
  /// without parsing it again.
  bool check_expected(const format::ExpectationAst& ast, const ir::Field& field, bool is_list, std::string& canonical);

  /// Types within a file after the types of that file they use; files know which files they use.
  void order_files();

  bool is_incomplete(const ir::Type* type) const;

  const format::SchemaSetAst& schemas_;
  ir::Model& model_;
  const Imports& imports_;
  std::optional<Location> api_version_;
  Diagnostics diagnostics_;
  // Types with a field or a base that did not resolve: what names them is not checked again.
  std::set<const ir::Type*> incomplete_;
  bool inheritance_cycle_ = false;
  std::map<std::string, Named> names_;
  std::map<std::string, Location> query_types_;
  std::map<const ir::Type*, Text> query_entities_;
  std::map<std::string, Text> elements_;
  std::map<std::string, std::string> example_tests_;
  std::map<const format::FileAst*, ir::SchemaFile*> file_of_ast_;
  std::map<ir::Type*, const format::TypeAst*> ast_of_type_;
  std::vector<ir::Type*> declared_types_;
};

}  // namespace emgen::gen::precompile::resolving
