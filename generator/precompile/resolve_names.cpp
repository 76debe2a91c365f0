#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <regex>
#include <set>

#include "emgen/scalar.hpp"
#include "format/vocabulary.hpp"
#include "naming.hpp"
#include "precompile/resolver.hpp"
#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::gen::precompile::resolving {

/// The imported sets' names come first, so that one of this set's own that repeats one is reported here.
void Resolver::declare_imports() {
  for (const ir::Model* imported : imports_.models) {
    if (imported->api.version != model_.api.version && !imports_.allow_other_versions && api_version_)
      diagnostics_.error(
          *api_version_,
          "the imported schemas " + imported->schema_directory + " describe API " + imported->api.version +
              ", this api.yaml " + model_.api.version +
              "; --allow-version-mismatch (ALLOW_API_VERSION_MISMATCH in emgen_generate()) uses them anyway",
          kApiVersionMismatch);
    const auto import_name = [&](const std::string& name, const Location& where, const ir::Type* type,
                                 const ir::Enum* enumeration) {
      const auto [it, inserted] = names_.emplace(name, Named{where, type, enumeration, imported});
      if (!inserted)
        diagnostics_.error(where,
                           "'" + name + "' is defined by two imported schema sets: " +
                               it->second.imported->schema_directory + " and " + imported->schema_directory,
                           kDuplicateImportedName, {{"first defined at", it->second.where}});
    };
    for (const ir::Enum& enumeration : imported->enums)
      import_name(enumeration.name, enumeration.where, nullptr, &enumeration);
    for (const ir::Type& type : imported->types) import_name(type.name, type.where, &type, nullptr);
  }
}

void Resolver::define(const Text& name, const Location& where, ir::Type* type, ir::Enum* enumeration) {
  if (!is_type_name(name.value)) {
    diagnostics_.error(name.where, "'" + name.value + "' is not a PascalCase identifier ([A-Z][A-Za-z0-9]*)",
                       kBadTypeName);
    return;
  }
  if (primitives().count(name.value)) {
    diagnostics_.error(name.where, "'" + name.value + "' is a primitive type and cannot be redefined",
                       kPrimitiveRedefined);
    return;
  }
  const auto [it, inserted] = names_.emplace(name.value, Named{where, type, enumeration, nullptr});
  if (!inserted && it->second.imported) {
    diagnostics_.error(name.where,
                       "'" + name.value + "' is already defined by the imported schemas " +
                           it->second.imported->schema_directory + "; use theirs, or give this one another name",
                       kImportedNameRedefined, {{"first defined at", it->second.where}});
  } else if (!inserted) {
    diagnostics_.error(name.where, "duplicate name '" + name.value + "'", kDuplicateName,
                       {{"first defined at", it->second.where}});
  }
}

void Resolver::declare() {
  for (const auto& file_ast : schemas_.files) {
    if (file_ast.api) continue;
    if (file_ast.api_version && file_ast.api_version->value != model_.api.version)
      diagnostics_.error(
          file_ast.api_version->where,
          "this file describes API " + file_ast.api_version->value + " but api.yaml declares " + model_.api.version,
          kApiVersionMismatch);
    if (!is_identifier(file_ast.stem))
      diagnostics_.error(
          file_ast.where,
          "file name '" + file_ast.stem + "' must be an identifier ([A-Za-z_][A-Za-z0-9_]*): it names C++ files",
          kBadFileName);
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
          diagnostics_.error(type_ast.element->where, "'" + type_ast.element->value + "' is not an XML element name",
                             kBadXmlName);
        } else {
          const auto [it, inserted] =
              elements_.emplace(type_ast.element->value, Text{type.name, type_ast.element->where});
          if (!inserted)
            diagnostics_.error(
                type_ast.element->where,
                "element '" + type_ast.element->value + "' is already the document element of type " + it->second.value,
                kDuplicateElement, {{"first defined at", it->second.where}});
        }
        type.element = type_ast.element->value;
      }
    }
  }
}

void Resolver::resolve_enum_values(const format::EnumAst& ast, ir::Enum& enumeration) {
  std::map<std::string, Location> wires, names;
  for (const auto& value_ast : ast.values) {
    ir::EnumValue value;
    value.wire = value_ast.wire.value;
    value.doc = value_ast.doc;
    if (value.wire.empty()) {
      diagnostics_.error(value_ast.wire.where, "an enum value's wire text cannot be empty", kEmptyEnumValue);
      continue;
    }
    const Text& name = value_ast.name ? *value_ast.name : value_ast.wire;
    value.name = name.value;
    value.where = name.where;
    value.named = value_ast.name.has_value();
    if (!wires.emplace(value.wire, value_ast.wire.where).second)
      diagnostics_.error(value_ast.wire.where, "duplicate enum value '" + value.wire + "'", kDuplicateEnumValue);
    else if (!names.emplace(value.name, name.where).second)
      diagnostics_.error(name.where, "duplicate enum value name '" + value.name + "'", kDuplicateEnumValue);
    else
      enumeration.values.push_back(std::move(value));
  }
}

const ir::Type* Resolver::find_type(const Text& name, const std::string& what) {
  const auto it = names_.find(name.value);
  if (it == names_.end()) {
    unknown(name, what);
    return nullptr;
  }
  if (!it->second.type) {
    diagnostics_.error(name.where, "'" + name.value + "' is an enum; " + what + " must be a type with fields",
                       kWrongKindOfType);
    return nullptr;
  }
  return it->second.type;
}

/// The type an endpoint's `body:` names. The client sends it as a whole document, so it needs an element;
/// only POST and PUT carry one (EM's GET and DELETE take none).
const ir::Type* Resolver::find_body_type(const std::string& method, const Text& name) {
  if (method != "POST" && method != "PUT") {
    if (is_method(method))
      diagnostics_.error(name.where, "a " + method + " request sends no body; 'body' applies to POST and PUT",
                         kBadMethod);
    return nullptr;
  }
  const auto named = names_.find(name.value);
  const bool enumeration = named != names_.end() && !named->second.type;
  if (primitives().count(name.value) || enumeration) {
    diagnostics_.error(name.where,
                       "'" + name.value + "' is " + (enumeration ? "an enum" : "a primitive") +
                           "; body must be a document type (a type with element:)",
                       kWrongKindOfType);
    return nullptr;
  }
  const ir::Type* body = find_type(name, "body");
  if (body != nullptr && !body->element) {
    diagnostics_.error(
        name.where,
        "type '" + body->name + "' is not a document type (it has no element:); a body is sent as a whole document",
        kWrongKindOfType);
    return nullptr;
  }
  return body;
}

void Resolver::unknown(const Text& name, const std::string& what) {
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
  diagnostics_.error(name.where, message, kUnknownName);
}

}  // namespace emgen::gen::precompile::resolving
