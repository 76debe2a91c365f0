#include "precompile/closure.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "suggest.hpp"

namespace emgen::gen::precompile {
namespace {

struct Kept {
  std::set<const ir::Type*> types;
  std::set<const ir::Enum*> enums;

  /// Adds type and everything its values hold; iterative, so a deep chain of types cannot exhaust the stack.
  void add(const ir::Type* type) {
    std::vector<const ir::Type*> pending{type};
    while (!pending.empty()) {
      const ir::Type* next = pending.back();
      pending.pop_back();
      if (next == nullptr || !types.insert(next).second) continue;
      pending.push_back(next->base);
      for (const ir::Field& field : next->fields) {
        if (field.type.kind == ir::TypeRef::Kind::complex) pending.push_back(field.type.complex);
        if (field.type.kind == ir::TypeRef::Kind::enumeration) enums.insert(field.type.enumeration);
      }
    }
  }
};

/// The files whose types or enums the kept types of file use, as resolve orders them: by stem.
std::vector<const ir::SchemaFile*> dependencies_of(const ir::SchemaFile& file) {
  std::set<const ir::SchemaFile*> used;
  const auto use = [&](const ir::SchemaFile* other) {
    if (other != &file) used.insert(other);
  };
  for (const ir::Type* type : file.types) {
    if (type->base) use(type->base->file);
    for (const ir::Field& field : type->fields) {
      if (field.type.kind == ir::TypeRef::Kind::complex) use(field.type.complex->file);
      if (field.type.kind == ir::TypeRef::Kind::enumeration) use(field.type.enumeration->file);
    }
  }
  std::vector<const ir::SchemaFile*> ordered(used.begin(), used.end());
  std::sort(ordered.begin(), ordered.end(),
            [](const ir::SchemaFile* a, const ir::SchemaFile* b) { return a->stem < b->stem; });
  return ordered;
}

}  // namespace

void keep_closure(ir::Model& model, const std::vector<std::string>& type_names) {
  std::map<std::string, const ir::Type*> by_name;
  for (const ir::Type& type : model.types) by_name.emplace(type.name, &type);
  Kept kept;
  for (const std::string& name : type_names) {
    const auto found = by_name.find(name);
    if (found == by_name.end()) {
      std::vector<std::string> names;
      for (const auto& [known, type] : by_name) names.push_back(known);
      const std::optional<std::string> closest = closest_match(name, names);
      throw UnknownTypeName("no type '" + name + "' in " + model.schema_directory +
                            (closest ? " (did you mean '" + *closest + "'?)" : ""));
    }
    kept.add(found->second);
  }

  // Endpoints are chosen by the closure of the named types alone: what a kept endpoint adds (a reference type,
  // a request body) brings its own closure but no further endpoints, or one list type would bring them all.
  const std::set<const ir::Type*> named_closure = kept.types;
  for (ir::Type& type : model.types)
    for (ir::Endpoint& endpoint : type.endpoints) {
      if (!endpoint.client) continue;
      if (!named_closure.count(endpoint.returns) && !named_closure.count(endpoint.entity)) {
        endpoint.client = false;
        continue;
      }
      for (const ir::Type* used : {endpoint.returns, endpoint.reference, endpoint.entity, endpoint.body})
        kept.add(used);
    }

  for (ir::SchemaFile& file : model.files) {
    std::erase_if(file.types, [&](const ir::Type* type) { return !kept.types.count(type); });
    std::erase_if(file.enums, [&](const ir::Enum* enumeration) { return !kept.enums.count(enumeration); });
    file.dependencies = dependencies_of(file);
  }
}

}  // namespace emgen::gen::precompile
