#include "precompile/resolve.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "emgen/scalar.hpp"
#include "format/vocabulary.hpp"
#include "naming.hpp"
#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::gen::precompile {
namespace {

using format::Text;

// The vocabulary lists the primitives in the order of ir::Primitive.
constexpr bool names_the_primitive(ir::Primitive primitive, std::string_view name) {
  return format::vocabulary::kPrimitiveTypes[static_cast<std::size_t>(primitive)] == name;
}
static_assert(names_the_primitive(ir::Primitive::String, "String") && names_the_primitive(ir::Primitive::Int, "Int") &&
              names_the_primitive(ir::Primitive::Long, "Long") && names_the_primitive(ir::Primitive::Double, "Double") &&
              names_the_primitive(ir::Primitive::Bool, "Bool") &&
              names_the_primitive(ir::Primitive::DateTime, "DateTime") && names_the_primitive(ir::Primitive::Uid, "Uid"));

const std::map<std::string, ir::Primitive>& primitives() {
  static const std::map<std::string, ir::Primitive> table = [] {
    std::map<std::string, ir::Primitive> by_name;
    for (std::size_t i = 0; i < format::vocabulary::kPrimitiveTypes.size(); ++i)
      by_name.emplace(format::vocabulary::kPrimitiveTypes[i], static_cast<ir::Primitive>(i));
    return by_name;
  }();
  return table;
}

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// first(c) for the first character, rest(c) for the others; never empty.
template <class First, class Rest>
bool is_word(const std::string& name, First first, Rest rest) {
  if (name.empty() || !first(name.front())) return false;
  return std::all_of(name.begin() + 1, name.end(), rest);
}
bool is_type_name(const std::string& name) {
  return is_word(name, [](char c) { return c >= 'A' && c <= 'Z'; },
                 [](char c) { return is_ascii_letter(c) || is_digit(c); });
}
bool is_version(const std::string& text) {
  return is_word(text, [](char c) { return is_ascii_letter(c) || is_digit(c) || c == '_' || c == '.'; },
                 [](char c) { return is_ascii_letter(c) || is_digit(c) || c == '_' || c == '.'; });
}
bool is_count(const std::string& text) { return is_word(text, is_digit, is_digit); }

/// The local name of the first element of an XML file (prolog, comments and a byte order mark skipped); empty
/// when there is none to be found, which the example's generated test then reports.
std::string root_element_of(const std::filesystem::path& file) {
  const std::string text = emgen::text::read_file(file).value_or("");
  std::size_t at = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while ((at = text.find('<', at)) != std::string::npos) {
    if (text.compare(at, 4, "<!--") == 0) {
      at = text.find("-->", at);
    } else if (text.compare(at, 2, "<?") == 0 || text.compare(at, 2, "<!") == 0) {
      at = text.find('>', at);
    } else {
      const std::size_t start = at + 1;
      const std::size_t end = text.find_first_of(" \t\r\n/>", start);
      const std::string name = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      const std::size_t colon = name.rfind(':');
      return colon == std::string::npos ? name : name.substr(colon + 1);
    }
    if (at == std::string::npos) break;
  }
  return "";
}

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
    if (!diagnostics_.empty()) throw SchemaErrors(diagnostics_.sorted());
  }

 private:
  void read_api() {
    const format::FileAst* api_file = nullptr;
    for (const auto& file : schemas_.files)
      if (file.api) api_file = &file;
    if (!api_file) {
      diagnostics_.error(Location{schemas_.directory, 0, 0, ""},
                         "no api.yaml: the API version and XML namespace are declared there");
      return;
    }
    const format::ApiAst& api = *api_file->api;
    api_version_ = api.version.where;
    model_.api = ir::Api{api.title.value, api.version.value, api.build.value, api.xml_namespace.value,
                         api.base_path.value};
    if (!is_version(api.version.value))
      diagnostics_.error(api.version.where, "version '" + api.version.value + "' must be letters, digits, '_' or '.'");
    if (api.xml_namespace.value.empty()) diagnostics_.error(api.xml_namespace.where, "xml_namespace is empty");
    if (api.base_path.value.empty() || api.base_path.value.front() != '/')
      diagnostics_.error(api.base_path.where, "base_path must start with '/'");
  }

  /// The imported sets' names come first, so that one of this set's own that repeats one is reported here.
  void declare_imports() {
    for (const ir::Model* imported : imports_.models) {
      if (imported->api.version != model_.api.version && !imports_.allow_other_versions && api_version_)
        diagnostics_.error(*api_version_, "the imported schemas " + imported->schema_directory + " describe API " +
                                              imported->api.version + ", this api.yaml " + model_.api.version +
                                              " (allow it explicitly to use them anyway)");
      const auto import_name = [&](const std::string& name, const Location& where, const ir::Type* type,
                                   const ir::Enum* enumeration) {
        const auto [it, inserted] = names_.emplace(name, Named{where, type, enumeration, imported});
        if (!inserted)
          diagnostics_.error(where, "'" + name + "' is defined by two imported schema sets: " +
                                        it->second.imported->schema_directory + " (" + it->second.where.file + ":" +
                                        std::to_string(it->second.where.line) + ") and " + imported->schema_directory);
      };
      for (const ir::Enum& enumeration : imported->enums) import_name(enumeration.name, enumeration.where, nullptr, &enumeration);
      for (const ir::Type& type : imported->types) import_name(type.name, type.where, &type, nullptr);
    }
  }

  void define(const Text& name, const Location& where, ir::Type* type, ir::Enum* enumeration) {
    if (!is_type_name(name.value)) {
      diagnostics_.error(name.where, "'" + name.value + "' is not a PascalCase identifier ([A-Z][A-Za-z0-9]*)");
      return;
    }
    if (primitives().count(name.value)) {
      diagnostics_.error(name.where, "'" + name.value + "' is a primitive type and cannot be redefined");
      return;
    }
    const auto [it, inserted] = names_.emplace(name.value, Named{where, type, enumeration, nullptr});
    if (!inserted && it->second.imported) {
      const Location& first = it->second.where;
      diagnostics_.error(name.where, "'" + name.value + "' is already defined by the imported schemas " +
                                         it->second.imported->schema_directory + " (" + first.file + ":" +
                                         std::to_string(first.line) + ":" + std::to_string(first.column) +
                                         "); use theirs, or give this one another name");
    } else if (!inserted) {
      diagnostics_.add(Diagnostic{name.where,
                                  "duplicate name '" + name.value + "'",
                                  Diagnostic::Severity::error,
                                  "duplicate-name",
                                  {{"first defined at", it->second.where}}});
    }
  }

  void declare() {
    for (const auto& file_ast : schemas_.files) {
      if (file_ast.api) continue;
      if (file_ast.api_version && file_ast.api_version->value != model_.api.version)
        diagnostics_.error(file_ast.api_version->where, "this file describes API " + file_ast.api_version->value +
                                                            " but api.yaml declares " + model_.api.version);
      if (!is_identifier(file_ast.stem))
        diagnostics_.error(file_ast.where, "file name '" + file_ast.stem +
                                               "' must be an identifier ([A-Za-z_][A-Za-z0-9_]*): it names C++ files");
      ir::SchemaFile& file = model_.files.emplace_back();
      file.stem = file_ast.stem;
      file.display_path = file_ast.display_path;
      file.doc = file_ast.doc;
      file.where = file_ast.where;
      file_of_ast_[&file_ast] = &file;
      for (const auto& enum_ast : file_ast.enums) {
        ir::Enum& enumeration = model_.enums.emplace_back();
        enumeration.name = enum_ast.name.value;
        enumeration.doc = enum_ast.doc;
        enumeration.where = enum_ast.name.where;
        enumeration.file = &file;
        file.enums.push_back(&enumeration);
        define(enum_ast.name, enum_ast.name.where, nullptr, &enumeration);
        resolve_enum_values(enum_ast, enumeration);
      }
      for (const auto& type_ast : file_ast.types) {
        ir::Type& type = model_.types.emplace_back();
        type.name = type_ast.name.value;
        type.doc = type_ast.doc;
        type.where = type_ast.name.where;
        type.file = &file;
        ast_of_type_[&type] = &type_ast;
        declared_types_.push_back(&type);
        define(type_ast.name, type_ast.name.where, &type, nullptr);
        if (type_ast.element) {
          if (!is_xml_name(type_ast.element->value)) {
            diagnostics_.error(type_ast.element->where, "'" + type_ast.element->value + "' is not an XML element name");
          } else {
            const auto [it, inserted] = elements_.emplace(type_ast.element->value, type.name);
            if (!inserted)
              diagnostics_.error(type_ast.element->where, "element '" + type_ast.element->value +
                                                              "' is already the document element of type " +
                                                              it->second);
          }
          type.element = type_ast.element->value;
        }
      }
    }
  }

  void resolve_enum_values(const format::EnumAst& ast, ir::Enum& enumeration) {
    std::map<std::string, Location> wires, names;
    for (const auto& value_ast : ast.values) {
      ir::EnumValue value;
      value.wire = value_ast.wire.value;
      value.doc = value_ast.doc;
      if (value.wire.empty()) {
        diagnostics_.error(value_ast.wire.where, "an enum value's wire text cannot be empty");
        continue;
      }
      const Text& name = value_ast.name ? *value_ast.name : value_ast.wire;
      value.name = name.value;
      value.where = name.where;
      value.named = value_ast.name.has_value();
      if (!wires.emplace(value.wire, value_ast.wire.where).second)
        diagnostics_.error(value_ast.wire.where, "duplicate enum value '" + value.wire + "'");
      else if (!names.emplace(value.name, name.where).second)
        diagnostics_.error(name.where, "duplicate enum value name '" + value.name + "'");
      else
        enumeration.values.push_back(std::move(value));
    }
  }

  const ir::Type* find_type(const Text& name, const std::string& what) {
    const auto it = names_.find(name.value);
    if (it == names_.end()) {
      unknown(name, what);
      return nullptr;
    }
    if (!it->second.type) {
      diagnostics_.error(name.where, "'" + name.value + "' is an enum; " + what + " must be a type with fields");
      return nullptr;
    }
    return it->second.type;
  }

  /// The type an endpoint's `body:` names. The client sends it as a whole document, so it needs an element;
  /// only POST and PUT carry one (EM's GET and DELETE take none).
  const ir::Type* find_body_type(const std::string& method, const Text& name) {
    if (method != "POST" && method != "PUT") {
      if (is_method(method))
        diagnostics_.error(name.where, "a " + method + " request sends no body; 'body' applies to POST and PUT");
      return nullptr;
    }
    const auto named = names_.find(name.value);
    const bool enumeration = named != names_.end() && !named->second.type;
    if (primitives().count(name.value) || enumeration) {
      diagnostics_.error(name.where, "'" + name.value + "' is " + (enumeration ? "an enum" : "a primitive") +
                                         "; body must be a document type (a type with element:)");
      return nullptr;
    }
    const ir::Type* body = find_type(name, "body");
    if (body != nullptr && !body->element) {
      diagnostics_.error(name.where, "type '" + body->name +
                                         "' is not a document type (it has no element:); a body is sent as a whole document");
      return nullptr;
    }
    return body;
  }

  void unknown(const Text& name, const std::string& what) {
    std::vector<std::string> candidates;
    for (const auto& [candidate, named] : names_) candidates.push_back(candidate);
    if (what == "a field type")
      for (const auto& [primitive, unused] : primitives()) candidates.push_back(primitive);
    std::string message = "unknown type '" + name.value + "'";
    const auto synonym = format::vocabulary::primitive_of_synonym(name.value);
    if (what == "a field type" && synonym)
      message += ": the schema language calls it '" + std::string(*synonym) + "'";
    else if (auto near = closest_match(name.value, candidates))
      message += " (did you mean '" + *near + "'?)";
    diagnostics_.error(name.where, message);
  }

  void resolve_bases() {
    for (ir::Type* type : declared_types_) {
      const format::TypeAst& ast = *ast_of_type_[type];
      if (ast.extends) type->base = find_type(*ast.extends, "extends");
      if (ast.extends && !type->base) incomplete_.insert(type);
    }
    // A chain of bases that comes back to where it started.
    for (ir::Type* type : declared_types_) {
      std::vector<const ir::Type*> chain{type};
      for (const ir::Type* base = type->base; base; base = base->base) {
        if (base == type) {
          std::string names;
          for (const ir::Type* link : chain) names += link->name + " → ";
          diagnostics_.error(ast_of_type_[type]->extends->where, "inheritance cycle: " + names + type->name);
          inheritance_cycle_ = true;
          break;
        }
        if (std::find(chain.begin(), chain.end(), base) != chain.end()) break;
        chain.push_back(base);
      }
    }
  }

  /// Bases first, so that a type sees every inherited field whatever the order of declaration.
  void resolve_fields() {
    std::set<const ir::Type*> resolved;
    std::map<const ir::Type*, ir::Type*> declared;
    for (ir::Type* type : declared_types_) declared[type] = type;
    std::function<void(ir::Type*)> resolve_type = [&](ir::Type* type) {
      if (!resolved.insert(type).second) return;
      // An imported base was resolved with its own set.
      if (type->base && declared.count(type->base)) resolve_type(declared[type->base]);
      resolve_own_fields(type);
    };
    for (ir::Type* type : declared_types_) resolve_type(type);
  }

  void resolve_own_fields(ir::Type* type) {
    {
      const format::TypeAst& ast = *ast_of_type_[type];
      std::map<std::string, std::string> wire_names;  // every name a field answers to → owner description
      std::map<std::string, std::string> json_names;  // every JSON member name a field answers to → owner
      for (const ir::Type* base = type->base; base; base = base->base) {
        for (const ir::Field& field : base->fields) {
          // Base fields are checked with their own type; here they only reserve names.
          wire_names.emplace(field.name, "inherited from " + base->name);
          for (const auto& alias : field.aliases) wire_names.emplace(alias, "inherited from " + base->name);
          for (const auto& json_name : field.json_names)
            json_names.emplace(json_name, field.name + ", inherited from " + base->name);
        }
      }
      for (const auto& field_ast : ast.fields) {
        const std::size_t before = type->fields.size();
        resolve_field(*type, field_ast, wire_names, json_names);
        if (type->fields.size() == before) incomplete_.insert(type);
      }
      bool has_fields = !type->fields.empty();
      for (const ir::Type* base = type->base; base && !has_fields; base = base->base) has_fields = !base->fields.empty();
      // A type whose own fields failed to resolve is not reported again as empty.
      if (!has_fields && ast.fields.empty() && !ast.empty_on_purpose)
        diagnostics_.error(ast.name.where, "type '" + type->name +
                                               "' has no fields (its own or inherited); an element with no content "
                                               "(<ForDirectDownload/>) says so with 'fields: []'");
    }
  }

  void resolve_field(ir::Type& type, const format::FieldAst& ast, std::map<std::string, std::string>& wire_names,
                     std::map<std::string, std::string>& json_names) {
    ir::Field field;
    field.name = ast.name.value;
    field.doc = ast.doc;
    field.where = ast.name.where;
    if (ast.cpp_name) field.cpp_name_where = ast.cpp_name->where;
    field.attribute = ast.attribute;
    if (!is_xml_name(field.name)) {
      diagnostics_.error(ast.name.where, "'" + field.name + "' is not an XML name ([A-Za-z_][A-Za-z0-9_.-]*)");
      return;
    }
    const auto claim = [&](const Text& wire) {
      const auto [it, inserted] = wire_names.emplace(wire.value, field.name);
      if (!inserted) {
        const std::string owner = it->second.rfind("inherited", 0) == 0 ? " (" + it->second + ")" : "";
        diagnostics_.error(wire.where, "duplicate field name '" + wire.value + "'" + owner);
        return false;
      }
      return true;
    };
    if (!claim(ast.name)) return;
    for (const auto& alias : ast.aliases) {
      if (!is_xml_name(alias.value)) {
        diagnostics_.error(alias.where, "alias '" + alias.value + "' is not an XML name");
        continue;
      }
      if (claim(alias)) field.aliases.push_back(alias.value);
    }

    // Type.
    if (const auto primitive = primitives().find(ast.type.value); primitive != primitives().end()) {
      field.type.kind = ir::TypeRef::Kind::primitive;
      field.type.primitive = primitive->second;
    } else if (const auto named = names_.find(ast.type.value); named != names_.end()) {
      if (named->second.enumeration) {
        field.type.kind = ir::TypeRef::Kind::enumeration;
        field.type.enumeration = named->second.enumeration;
      } else {
        field.type.kind = ir::TypeRef::Kind::complex;
        field.type.complex = named->second.type;
      }
    } else {
      unknown(ast.type, "a field type");
      return;
    }

    // Cardinality and shape.
    if (ast.optional && ast.repeated) {
      diagnostics_.error(ast.where, "a field cannot be both optional and repeated (an empty list already means absent)");
      return;
    }
    field.cardinality = ast.repeated ? ir::Cardinality::repeated
                        : ast.optional ? ir::Cardinality::optional
                                       : ir::Cardinality::required;
    if (ast.attribute && field.type.kind == ir::TypeRef::Kind::complex) {
      diagnostics_.error(ast.type.where, "attribute '" + field.name + "' must have a primitive or enum type, not " +
                                             ast.type.value);
      return;
    }
    if (ast.attribute && ast.repeated) {
      diagnostics_.error(ast.where, "attribute '" + field.name + "' cannot be repeated");
      return;
    }
    if (ast.item) {
      if (!ast.repeated) {
        diagnostics_.error(ast.item->where, "'item' needs 'repeated: true' (it names the items of a wrapped list)");
        return;
      }
      if (!is_xml_name(ast.item->value)) {
        diagnostics_.error(ast.item->where, "'" + ast.item->value + "' is not an XML name");
        return;
      }
      field.item = ast.item->value;
    }

    // The C++ stage decides the member's name; the schema may ask for one.
    if (ast.cpp_name) field.cpp_name = ast.cpp_name->value;

    // JSON: the PascalCase name EM 12.x writes and the camelCase one EM 13.x writes, for the name and each alias.
    field.json_name = ast.json_name ? ast.json_name->value : field.name;
    if (ast.json_name && ast.json_name->value.empty()) {
      diagnostics_.error(ast.json_name->where, "JSON name is empty");
      return;
    }
    field.json_camel_name = json_camel_case(field.json_name);
    std::vector<std::string> spellings = {field.json_name, field.json_camel_name};
    for (const auto& alias : field.aliases) {
      spellings.push_back(alias);
      spellings.push_back(json_camel_case(alias));
    }
    const Location& json_at = ast.json_name ? ast.json_name->where : ast.name.where;
    for (const auto& spelling : spellings) {
      if (std::find(field.json_names.begin(), field.json_names.end(), spelling) != field.json_names.end()) continue;
      if (const auto [it, inserted] = json_names.emplace(spelling, field.name); !inserted) {
        diagnostics_.error(json_at, "JSON member name '" + spelling + "' of field '" + field.name +
                                        "' is already read as field " + it->second +
                                        " (camelCase forms count: EM 13.x writes them); rename one or set json: {name: ...}");
        return;
      }
      field.json_names.push_back(spelling);
    }
    if (ast.json_list) {
      if (!field.item) {
        diagnostics_.error(ast.json_list->where, "json.list applies only to a wrapped list (a field with 'item')");
        return;
      }
      if (ast.json_list->value == "array")
        field.json_list = ir::JsonList::array;
      else if (ast.json_list->value == "nested")
        field.json_list = ir::JsonList::nested;
      else {
        diagnostics_.error(ast.json_list->where, "json.list must be 'array' or 'nested', not '" +
                                                     ast.json_list->value + "'");
        return;
      }
    }
    if (ast.query && !resolve_query_list(field, *ast.query)) return;
    type.fields.push_back(std::move(field));
  }

  /// `query: X` names the query service's type= whose entities the list holds: one list per type= and per
  /// entity type in a set, so that emgen::Query::of<T>() has exactly one answer.
  bool resolve_query_list(ir::Field& field, const Text& query) {
    const bool word = !query.value.empty() && std::isalpha(static_cast<unsigned char>(query.value[0])) &&
                      std::all_of(query.value.begin(), query.value.end(),
                                  [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
    if (!word) {
      diagnostics_.error(query.where, "query type '" + query.value +
                                          "' is not a word of letters and digits (the value of type= in /query?type=...)");
      return false;
    }
    if (field.cardinality != ir::Cardinality::repeated || field.type.kind != ir::TypeRef::Kind::complex) {
      diagnostics_.error(query.where, "'query' applies to a repeated field of a type (the entities a query returns), "
                                      "not to field '" + field.name + "'");
      return false;
    }
    if (const auto [it, inserted] = query_types_.emplace(query.value, query.where); !inserted) {
      diagnostics_.add(Diagnostic{query.where,
                                  "query type '" + query.value + "' is already the list of another field",
                                  Diagnostic::Severity::error,
                                  "duplicate-query-type",
                                  {{"", it->second}}});
      return false;
    }
    if (const auto [it, inserted] = query_entities_.emplace(field.type.complex, query); !inserted) {
      diagnostics_.error(query.where, "type '" + field.type.complex->name + "' already has query type '" +
                                          it->second.value + "' (" + to_string(it->second.where) +
                                          "); one query type per entity type");
      return false;
    }
    field.query_type = query.value;
    field.query_where = query.where;
    return true;
  }

  /// A type may not contain itself, directly or through other types, by base or by field.
  void check_type_cycles() {
    std::map<const ir::Type*, int> state;  // 0 new, 1 on the path, 2 done
    std::vector<const ir::Type*> path;
    std::function<void(const ir::Type*)> visit = [&](const ir::Type* type) {
      state[type] = 1;
      path.push_back(type);
      std::vector<const ir::Type*> uses;
      if (type->base) uses.push_back(type->base);
      for (const auto& field : type->fields)
        if (field.type.kind == ir::TypeRef::Kind::complex) uses.push_back(field.type.complex);
      for (const ir::Type* used : uses) {
        if (state[used] == 1) {
          std::string names;
          const auto start = std::find(path.begin(), path.end(), used);
          for (auto it = start; it != path.end(); ++it) names += (*it)->name + " → ";
          diagnostics_.error(ast_of_type_[const_cast<ir::Type*>(used)]->name.where,
                             "type cycle: " + names + used->name + " (a type cannot contain itself)");
        } else if (state[used] == 0) {
          visit(used);
        }
      }
      path.pop_back();
      state[type] = 2;
    };
    for (const ir::Type* type : declared_types_)
      if (state[type] == 0) visit(type);
  }

  static bool is_method(const std::string& method) {
    return method == "GET" || method == "POST" || method == "PUT" || method == "DELETE";
  }

  /// Checks a path and splits it: segments between slashes before `?` (a segment is a literal or a whole
  /// `{NAME}` parameter, used once), whether it ends with `/`, and the query after it.
  void check_path(const Text& path, std::vector<ir::PathSegment>* segments, std::string* query,
                  bool* trailing_slash = nullptr) {
    if (path.value.empty() || path.value.front() != '/') {
      diagnostics_.error(path.where, "path '" + path.value + "' must start with '/'");
      return;
    }
    std::size_t at = 0;
    while ((at = path.value.find_first_of("{}", at)) != std::string::npos) {
      const std::size_t close = path.value.find('}', at);
      if (path.value[at] == '}' || close == std::string::npos) {
        diagnostics_.error(path.where, "path '" + path.value + "' has an unbalanced '{' or '}'");
        return;
      }
      const std::string name = path.value.substr(at + 1, close - at - 1);
      if (!is_identifier(name)) {
        diagnostics_.error(path.where, "path parameter '{" + name + "}' must be an identifier");
        return;
      }
      at = close + 1;
    }
    const std::size_t query_at = path.value.find('?');
    const std::string route = path.value.substr(0, query_at);
    std::vector<ir::PathSegment> pieces;
    std::set<std::string> parameters;
    for (std::size_t start = 1; start <= route.size();) {
      const std::size_t slash = std::min(route.find('/', start), route.size());
      const std::string piece = route.substr(start, slash - start);
      start = slash + 1;
      if (piece.empty() && slash < route.size()) {
        // `/a//b` is a typo (the help pages have some), not a path: the request would not reach the resource.
        diagnostics_.error(path.where, "path '" + path.value + "' has an empty segment ('//')");
        return;
      }
      if (piece.empty()) continue;  // after a trailing `/`
      const bool parameter = piece.front() == '{';
      if (piece.find_first_of("{}", parameter ? 1 : 0) != (parameter ? piece.size() - 1 : std::string::npos)) {
        diagnostics_.error(path.where, "path segment '" + piece + "' must be a name or a whole {PARAMETER}");
        return;
      }
      const std::string text = parameter ? piece.substr(1, piece.size() - 2) : piece;
      if (parameter && !parameters.insert(text).second) {
        diagnostics_.error(path.where, "path parameter '{" + text + "}' appears twice; name each one differently");
        return;
      }
      pieces.push_back(ir::PathSegment{text, parameter});
    }
    if (query_at != std::string::npos && path.value.find_first_of("{}", query_at) != std::string::npos) {
      diagnostics_.error(path.where, "path parameters go before '?', not in the query");
      return;
    }
    if (segments) *segments = std::move(pieces);
    if (trailing_slash) *trailing_slash = route.size() > 1 && route.back() == '/';
    if (query && query_at != std::string::npos) *query = path.value.substr(query_at + 1);
  }

  void resolve_links_endpoints_examples() {
    for (ir::Type* type : declared_types_) {
      const format::TypeAst& ast = *ast_of_type_[type];
      for (const auto& link_ast : ast.links) {
        ir::Link link;
        link.rel = link_ast.rel.value;
        link.type = link_ast.type ? link_ast.type->value : "";
        link.path = link_ast.path.value;
        link.method = link_ast.method ? link_ast.method->value : "GET";
        link.doc = link_ast.doc;
        if (link.rel.empty()) diagnostics_.error(link_ast.rel.where, "rel is empty");
        if (link_ast.method && !is_method(link.method))
          diagnostics_.error(link_ast.method->where, "method must be GET, POST, PUT or DELETE, not '" + link.method + "'");
        check_path(link_ast.path, nullptr, nullptr);
        if (link_ast.returns) link.returns = find_type(*link_ast.returns, "returns");
        type->links.push_back(std::move(link));
      }
      for (const auto& endpoint_ast : ast.endpoints) {
        ir::Endpoint endpoint;
        endpoint.method = endpoint_ast.method.value;
        endpoint.path = endpoint_ast.path.value;
        endpoint.doc = endpoint_ast.doc;
        endpoint.client = endpoint_ast.client;
        endpoint.where = endpoint_ast.where;
        if (!is_method(endpoint.method))
          diagnostics_.error(endpoint_ast.method.where,
                             "method must be GET, POST, PUT or DELETE, not '" + endpoint.method + "'");
        check_path(endpoint_ast.path, &endpoint.segments, &endpoint.query, &endpoint.trailing_slash);
        mark_file_paths(endpoint_ast, endpoint);
        if (endpoint_ast.returns) endpoint.returns = find_type(*endpoint_ast.returns, "returns");
        if (endpoint_ast.returns_reference) endpoint.reference = find_type(*endpoint_ast.returns_reference, "reference");
        if (endpoint_ast.returns_entity) endpoint.entity = find_type(*endpoint_ast.returns_entity, "entity");
        if (endpoint_ast.body) endpoint.body = find_body_type(endpoint.method, *endpoint_ast.body);
        type->endpoints.push_back(std::move(endpoint));
      }
      std::set<std::string> example_files;
      for (const auto& example_ast : ast.examples) resolve_example(*type, example_ast, example_files);
    }
  }

  /// `file_paths:` names path parameters of the endpoint, each once.
  void mark_file_paths(const format::EndpointAst& ast, ir::Endpoint& endpoint) {
    std::set<std::string> listed;
    for (const Text& name : ast.file_paths) {
      if (!listed.insert(name.value).second) {
        diagnostics_.error(name.where, "file path parameter '" + name.value + "' is listed twice");
        continue;
      }
      const auto segment = std::find_if(endpoint.segments.begin(), endpoint.segments.end(), [&](const ir::PathSegment& s) {
        return s.parameter && s.text == name.value;
      });
      if (segment == endpoint.segments.end()) {
        diagnostics_.error(name.where, "file path parameter '" + name.value + "' is not a parameter of path '" +
                                           endpoint.path + "'" + parameters_of(endpoint));
        continue;
      }
      segment->file_path = true;
    }
  }

  static std::string parameters_of(const ir::Endpoint& endpoint) {
    std::string parameters;
    for (const ir::PathSegment& segment : endpoint.segments)
      if (segment.parameter) parameters += (parameters.empty() ? "" : ", ") + std::string("{") + segment.text + "}";
    return parameters.empty() ? " (it has none)" : " (it has " + parameters + ")";
  }

  void resolve_example(ir::Type& type, const format::ExampleAst& ast, std::set<std::string>& seen_files) {
    namespace fs = std::filesystem;
    if (!type.element) {
      diagnostics_.error(ast.where, "examples need the type to be a document type: give '" + type.name +
                                        "' an 'element:'");
      return;
    }
    ir::Example example;
    example.file = fs::path(ast.file.value).lexically_normal().generic_string();
    example.doc = ast.doc;
    example.where = ast.file.where;
    const fs::path on_disk = fs::path(schemas_.directory) / example.file;
    std::error_code error;
    if (ast.file.value.empty() || example.file.rfind("..", 0) == 0 || fs::path(example.file).is_absolute()) {
      diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' must be inside the schema directory");
      return;
    }
    if (!fs::is_regular_file(on_disk, error)) {
      diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' does not exist (looked for " +
                                             on_disk.generic_string() + ")");
      return;
    }
    const auto extension = fs::path(example.file).extension();
    if (extension != ".xml" && extension != ".json") {
      diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' must be an .xml or .json payload");
      return;
    }
    example.format = extension == ".json" ? ir::Example::Format::json : ir::Example::Format::xml;
    if (example.format == ir::Example::Format::xml) {
      const std::string root = root_element_of(on_disk);
      if (!root.empty() && root != *type.element) {
        const Location& element_at = ast_of_type_[&type]->element->where;
        // The example's other problems (its expectations, its name) are its own: reported too.
        diagnostics_.error(ast.file.where, "the root element of '" + ast.file.value + "' is <" + root +
                                               ">, but type '" + type.name + "' reads <" + *type.element +
                                               "> (element: at line " + std::to_string(element_at.line) + ")");
      }
    }
    if (!seen_files.insert(example.file).second) {
      diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' is listed twice");
      return;
    }
    const std::string test = example_test_name(example.file);
    if (const auto [it, inserted] = example_tests_.emplace(type.name + "." + test, ast.file.value); !inserted) {
      diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' gives the generated test the same name (" +
                                             type.name + "Examples." + test + ") as '" + it->second + "'");
      return;
    }
    for (const auto& expectation_ast : ast.expect) {
      ir::Expectation expectation;
      expectation.where = expectation_ast.path.where;
      if (resolve_expectation(type, expectation_ast, expectation)) example.expectations.push_back(expectation);
    }
    type.examples.push_back(std::move(example));
  }

  bool resolve_expectation(const ir::Type& type, const format::ExpectationAst& ast, ir::Expectation& out) {
    out.path = ast.path.value;
    out.expected = ast.expected.value;
    out.kind = static_cast<ir::Expectation::Kind>(ast.kind);
    static const std::regex step_pattern("([A-Za-z_][A-Za-z0-9_.-]*?)(\\[([0-9]+)\\])?");
    const ir::Type* current = &type;
    const ir::Field* field = nullptr;
    std::size_t start = 0;
    const std::string& path = ast.path.value;
    while (true) {
      const std::size_t dot = path.find('.', start);
      const std::string step_text = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      std::smatch match;
      if (!std::regex_match(step_text, match, step_pattern)) {
        diagnostics_.error(ast.path.where, "'" + step_text + "' is not a field name, optionally with [index]");
        return false;
      }
      if (!current) {
        diagnostics_.error(ast.path.where, "'" + field->name + "' has no fields: it is not a type with fields");
        return false;
      }
      const std::string name = match[1];
      field = nullptr;
      std::vector<std::string> candidates;
      for (const ir::Field* candidate : current->all_fields()) {
        candidates.push_back(candidate->name);
        if (candidate->name == name) field = candidate;
      }
      if (!field) {
        // A field that failed to resolve is reported already; the expectations that name it are not checked.
        if (is_incomplete(current)) return false;
        std::string message = current->name + " has no field '" + name + "'";
        if (auto near = closest_match(name, candidates)) message += " (did you mean '" + *near + "'?)";
        diagnostics_.error(ast.path.where, message);
        return false;
      }
      ir::PathStep step{field, std::nullopt};
      if (match[2].matched) {
        if (field->cardinality != ir::Cardinality::repeated) {
          diagnostics_.error(ast.path.where, "'" + name + "' is not repeated and cannot be indexed");
          return false;
        }
        step.index = std::stoul(match[3].str());
      }
      out.steps.push_back(step);
      const bool is_list = field->cardinality == ir::Cardinality::repeated && !step.index;
      if (dot == std::string::npos) {
        return check_expected(ast, *field, is_list, out.expected);
      }
      if (is_list) {
        diagnostics_.error(ast.path.where, "'" + name + "' is a list: index it, as in " + name + "[0]");
        return false;
      }
      current = field->type.kind == ir::TypeRef::Kind::complex ? field->type.complex : nullptr;
      start = dot + 1;
    }
  }

  /// canonical: set to the value's one wire form (`+100` → `100`, `True` → `true`), so later stages print it
  /// without parsing it again.
  bool check_expected(const format::ExpectationAst& ast, const ir::Field& field, bool is_list, std::string& canonical) {
    using Kind = format::ExpectationAst::Kind;
    if (ast.kind == Kind::count) {
      if (!is_list) {
        diagnostics_.error(ast.path.where, "{count: N} needs a repeated field, and '" + field.name + "' is not one");
        return false;
      }
      if (!is_count(ast.expected.value)) {
        diagnostics_.error(ast.expected.where, "count must be a whole number, not '" + ast.expected.value + "'");
        return false;
      }
      return true;
    }
    if (is_list) {
      diagnostics_.error(ast.path.where, "'" + field.name + "' is a list: expect {count: N} or index it");
      return false;
    }
    if (ast.kind == Kind::null) {
      if (field.cardinality != ir::Cardinality::optional) {
        diagnostics_.error(ast.expected.where, "null expects an absent value, but '" + field.name + "' is not optional");
        return false;
      }
      return true;
    }
    if (ast.kind == Kind::unlisted || field.type.kind == ir::TypeRef::Kind::enumeration) {
      if (field.type.kind != ir::TypeRef::Kind::enumeration) {
        diagnostics_.error(ast.expected.where, "{unlisted: ...} is for enum fields, and '" + field.name + "' is not one");
        return false;
      }
      const ir::Enum& enumeration = *field.type.enumeration;
      std::vector<std::string> wires;
      for (const auto& value : enumeration.values) wires.push_back(value.wire);
      const bool listed = std::find(wires.begin(), wires.end(), ast.expected.value) != wires.end();
      if (ast.kind == Kind::unlisted && listed) {
        diagnostics_.error(ast.expected.where, "'" + ast.expected.value + "' is a listed " + enumeration.name +
                                                   " value: write it plainly, not as {unlisted: ...}");
        return false;
      }
      if (ast.kind == Kind::value && !listed) {
        std::string message = "'" + ast.expected.value + "' is not a listed " + enumeration.name + " value";
        if (auto near = closest_match(ast.expected.value, wires)) message += " (did you mean '" + *near + "'?)";
        message += "; write {unlisted: " + ast.expected.value + "} for a value the schema does not list";
        diagnostics_.error(ast.expected.where, message);
        return false;
      }
      return true;
    }
    if (field.type.kind == ir::TypeRef::Kind::complex) {
      diagnostics_.error(ast.path.where, "'" + field.name + "' is a " + field.type.complex->name +
                                             ": expect one of its fields, as in " + ast.path.value + "." +
                                             field.type.complex->all_fields().front()->name);
      return false;
    }
    if (field.type.kind == ir::TypeRef::Kind::primitive) {
      ScalarResult result = ScalarResult::ok;
      std::string type_name;
      const std::string& text = ast.expected.value;
      // Parsed as the bindings will parse the payload, then written in the one form the generated test uses.
      const auto parse = [&](auto value, std::string_view name) {
        result = parse_scalar(text, value);
        type_name = name;
        if (result == ScalarResult::ok) canonical = format_scalar(value);
      };
      switch (field.type.primitive) {
        case ir::Primitive::String:
          return true;
        case ir::Primitive::Int:
          parse(std::int32_t{}, "Int");
          break;
        case ir::Primitive::Long:
          parse(std::int64_t{}, "Long");
          break;
        case ir::Primitive::Double:
          parse(double{}, "Double");
          break;
        case ir::Primitive::Bool:
          parse(bool{}, "Bool");
          break;
        case ir::Primitive::DateTime:
          parse(DateTime{}, "DateTime");
          break;
        case ir::Primitive::Uid:
          parse(Uid{}, "Uid");
          break;
      }
      if (result != ScalarResult::ok) {
        diagnostics_.error(ast.expected.where, scalar_error(text, type_name, result));
        return false;
      }
    }
    return true;
  }

  /// Types within a file after the types of that file they use; files know which files they use.
  void order_files() {
    for (ir::SchemaFile& file : model_.files) {
      std::vector<const ir::Type*> declared = file.types;
      std::set<const ir::SchemaFile*> dependencies;
      file.types.clear();
      for (const ir::Type* type : declared_types_)
        if (type->file == &file) declared.push_back(type);
      std::set<const ir::Type*> placed;
      std::function<void(const ir::Type*)> place = [&](const ir::Type* type) {
        if (placed.count(type)) return;
        placed.insert(type);
        const auto use = [&](const ir::Type* used) {
          if (used->file == &file)
            place(used);
          else
            dependencies.insert(used->file);
        };
        if (type->base) use(type->base);
        for (const auto& field : type->fields) {
          if (field.type.kind == ir::TypeRef::Kind::complex) use(field.type.complex);
          if (field.type.kind == ir::TypeRef::Kind::enumeration && field.type.enumeration->file != &file)
            dependencies.insert(field.type.enumeration->file);
        }
        file.types.push_back(type);
      };
      for (const ir::Type* type : declared) place(type);
      file.dependencies.assign(dependencies.begin(), dependencies.end());
      std::sort(file.dependencies.begin(), file.dependencies.end(),
                [](const ir::SchemaFile* a, const ir::SchemaFile* b) { return a->stem < b->stem; });
    }
    // Headers include each other along these dependencies, so they must not form a cycle.
    std::map<const ir::SchemaFile*, int> state;
    std::vector<const ir::SchemaFile*> path;
    std::function<void(const ir::SchemaFile*)> visit = [&](const ir::SchemaFile* file) {
      state[file] = 1;
      path.push_back(file);
      for (const ir::SchemaFile* used : file->dependencies) {
        if (state[used] == 1) {
          std::string names;
          for (auto it = std::find(path.begin(), path.end(), used); it != path.end(); ++it)
            names += (*it)->stem + ".yaml → ";
          diagnostics_.error(Location{used->display_path, 1, 1, ""},
                             "schema files use each other in a cycle: " + names + used->stem +
                                 ".yaml (move the shared types into one file)");
        } else if (state[used] == 0) {
          visit(used);
        }
      }
      path.pop_back();
      state[file] = 2;
    };
    for (const ir::SchemaFile& file : model_.files)
      if (state[&file] == 0) visit(&file);
  }

  bool is_incomplete(const ir::Type* type) const {
    for (; type != nullptr; type = type->base)
      if (incomplete_.count(type)) return true;
    return false;
  }

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
  std::map<std::string, std::string> elements_;
  std::map<std::string, std::string> example_tests_;
  std::map<const format::FileAst*, ir::SchemaFile*> file_of_ast_;
  std::map<ir::Type*, const format::TypeAst*> ast_of_type_;
  std::vector<ir::Type*> declared_types_;
};

}  // namespace

void resolve(const format::SchemaSetAst& schemas, ir::Model& model, const Imports& imports) {
  Resolver(schemas, model, imports).run();
}

}  // namespace emgen::gen::precompile

namespace emgen::gen::ir {

std::vector<const Field*> Type::all_fields() const {
  std::vector<const Field*> fields_in_order;
  if (base) fields_in_order = base->all_fields();
  for (const Field& field : fields) fields_in_order.push_back(&field);
  return fields_in_order;
}

}  // namespace emgen::gen::ir
