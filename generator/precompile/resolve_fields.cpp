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

void Resolver::resolve_bases() {
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
        diagnostics_.error(ast_of_type_[type]->extends->where, "inheritance cycle: " + names + type->name,
                           kInheritanceCycle);
        inheritance_cycle_ = true;
        break;
      }
      if (std::find(chain.begin(), chain.end(), base) != chain.end()) break;
      chain.push_back(base);
    }
  }
}

/// Bases first, so that a type sees every inherited field whatever the order of declaration.
void Resolver::resolve_fields() {
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

void Resolver::resolve_own_fields(ir::Type* type) {
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
    check_text_field(*type);
    bool has_fields = !type->fields.empty();
    for (const ir::Type* base = type->base; base && !has_fields; base = base->base) has_fields = !base->fields.empty();
    // A type whose own fields failed to resolve is not reported again as empty.
    if (!has_fields && ast.fields.empty() && !ast.empty_on_purpose)
      diagnostics_.error(ast.name.where,
                         "type '" + type->name +
                             "' has no fields (its own or inherited); an element with no content "
                             "(<ForDirectDownload/>) says so with 'fields: []'",
                         kNoFields);
  }
}

/// A text field is the element's whole content beside its attributes: one per type, inherited ones included,
/// and no element fields beside it (that would be mixed content, which EM does not send and which the readers
/// could not split into fields). Reported at this type's own field, so that each problem is reported once,
/// with the type that brings it.
void Resolver::check_text_field(const ir::Type& type) {
  const ir::Field* text = nullptr;
  const ir::Field* element = nullptr;
  for (const ir::Field* field : type.all_fields()) {
    const bool own = std::any_of(type.fields.begin(), type.fields.end(),
                                 [&](const ir::Field& candidate) { return &candidate == field; });
    if (field->text) {
      if (text && own) {
        diagnostics_.error(
            field->where,
            "type '" + type.name + "' already has text field '" + text->name + "'; an element has one text content",
            kTextField);
        return;
      }
      text = field;
    } else if (!field->attribute) {
      element = field;
    }
    if (text && element && own) {
      diagnostics_.error(field->where,
                         "type '" + type.name + "' has text field '" + text->name + "' and element field '" +
                             element->name + "'; a type with a text field has attributes only",
                         kTextField);
      return;
    }
  }
}

void Resolver::resolve_field(ir::Type& type, const format::FieldAst& ast,
                             std::map<std::string, std::string>& wire_names,
                             std::map<std::string, std::string>& json_names) {
  ir::Field field;
  field.name = ast.name.value;
  field.doc = ast.doc;
  field.where = ast.name.where;
  if (ast.cpp_name) field.cpp_name_where = ast.cpp_name->where;
  field.attribute = ast.attribute;
  if (!is_xml_name(field.name)) {
    diagnostics_.error(ast.name.where, "'" + field.name + "' is not an XML name ([A-Za-z_][A-Za-z0-9_.-]*)",
                       kBadXmlName);
    return;
  }
  const auto claim = [&](const Text& wire) {
    const auto [it, inserted] = wire_names.emplace(wire.value, field.name);
    if (!inserted) {
      const std::string owner = it->second.rfind("inherited", 0) == 0 ? " (" + it->second + ")" : "";
      diagnostics_.error(wire.where, "duplicate field name '" + wire.value + "'" + owner, kDuplicateField);
      return false;
    }
    return true;
  };
  if (!claim(ast.name)) return;
  for (const auto& alias : ast.aliases) {
    // A text field has no XML name, so its aliases are JSON member names only: EM writes `#text`.
    if (!ast.text && !is_xml_name(alias.value)) {
      diagnostics_.error(alias.where, "alias '" + alias.value + "' is not an XML name", kBadXmlName);
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
    diagnostics_.error(ast.where, "a field cannot be both optional and repeated (an empty list already means absent)",
                       kBadField);
    return;
  }
  field.cardinality = ast.repeated   ? ir::Cardinality::repeated
                      : ast.optional ? ir::Cardinality::optional
                                     : ir::Cardinality::required;
  if (ast.attribute && field.type.kind == ir::TypeRef::Kind::complex) {
    diagnostics_.error(ast.type.where,
                       "attribute '" + field.name + "' must have a primitive or enum type, not " + ast.type.value,
                       kBadField);
    return;
  }
  if (ast.text) {
    // The character content of the element: one scalar, which the element cannot also hold as an attribute.
    const std::string wrong = ast.attribute  ? "cannot also be an attribute"
                              : ast.repeated ? "cannot be repeated (an element has one text content)"
                              : ast.item     ? "cannot have 'item' (it is not a list)"
                              : field.type.kind == ir::TypeRef::Kind::complex
                                  ? "must have a primitive or enum type, not " + ast.type.value
                                  : "";
    if (!wrong.empty()) {
      diagnostics_.error(ast.where, "text field '" + field.name + "' " + wrong, kTextField);
      return;
    }
    field.text = true;
  }
  if (ast.attribute && ast.repeated) {
    diagnostics_.error(ast.where, "attribute '" + field.name + "' cannot be repeated", kBadField);
    return;
  }
  if (ast.item) {
    if (!ast.repeated) {
      diagnostics_.error(ast.item->where, "'item' needs 'repeated: true' (it names the items of a wrapped list)",
                         kBadField);
      return;
    }
    if (!is_xml_name(ast.item->value)) {
      diagnostics_.error(ast.item->where, "'" + ast.item->value + "' is not an XML name", kBadXmlName);
      return;
    }
    field.item = ast.item->value;
  }

  // The C++ stage decides the member's name; the schema may ask for one.
  if (ast.cpp_name) field.cpp_name = ast.cpp_name->value;

  // JSON: the PascalCase name EM 12.x writes and the camelCase one EM 13.x writes, for the name and each alias.
  field.json_name = ast.json_name ? ast.json_name->value : field.name;
  if (ast.json_name && ast.json_name->value.empty()) {
    diagnostics_.error(ast.json_name->where, "JSON name is empty", kBadJson);
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
      diagnostics_.error(json_at,
                         "JSON member name '" + spelling + "' of field '" + field.name + "' is already read as field " +
                             it->second +
                             " (camelCase forms count: EM 13.x writes them); rename one or set json: {name: ...}",
                         kJsonNameClash);
      return;
    }
    field.json_names.push_back(spelling);
  }
  if (ast.json_list) {
    if (!field.item) {
      diagnostics_.error(ast.json_list->where, "json.list applies only to a wrapped list (a field with 'item')",
                         kBadJson);
      return;
    }
    if (ast.json_list->value == "array")
      field.json_list = ir::JsonList::array;
    else if (ast.json_list->value == "nested")
      field.json_list = ir::JsonList::nested;
    else {
      diagnostics_.error(ast.json_list->where,
                         "json.list must be 'array' or 'nested', not '" + ast.json_list->value + "'", kBadJson);
      return;
    }
  }
  if (ast.query && !resolve_query_list(field, *ast.query)) return;
  type.fields.push_back(std::move(field));
}

/// `query: X` names the query service's type= whose entities the list holds: one list per type= and per
/// entity type in a set, so that emgen::Query::of<T>() has exactly one answer.
bool Resolver::resolve_query_list(ir::Field& field, const Text& query) {
  const bool word = !query.value.empty() && std::isalpha(static_cast<unsigned char>(query.value[0])) &&
                    std::all_of(query.value.begin(), query.value.end(),
                                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
  if (!word) {
    diagnostics_.error(
        query.where,
        "query type '" + query.value + "' is not a word of letters and digits (the value of type= in /query?type=...)",
        kBadQuery);
    return false;
  }
  if (field.cardinality != ir::Cardinality::repeated || field.type.kind != ir::TypeRef::Kind::complex) {
    diagnostics_.error(query.where,
                       "'query' applies to a repeated field of a type (the entities a query returns), "
                       "not to field '" +
                           field.name + "'",
                       kBadQuery);
    return false;
  }
  if (const auto [it, inserted] = query_types_.emplace(query.value, query.where); !inserted) {
    diagnostics_.error(query.where, "query type '" + query.value + "' is already the list of another field",
                       kDuplicateQueryType, {{"first defined at", it->second}});
    return false;
  }
  if (const auto [it, inserted] = query_entities_.emplace(field.type.complex, query); !inserted) {
    diagnostics_.error(query.where,
                       "type '" + field.type.complex->name + "' already has query type '" + it->second.value +
                           "'; one query type per entity type",
                       kDuplicateQueryEntity, {{"first defined at", it->second.where}});
    return false;
  }
  field.query_type = query.value;
  field.query_where = query.where;
  return true;
}

/// A type may not contain itself, directly or through other types, by base or by field.
void Resolver::check_type_cycles() {
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
                           "type cycle: " + names + used->name + " (a type cannot contain itself)", kTypeCycle);
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

}  // namespace emgen::gen::precompile::resolving
