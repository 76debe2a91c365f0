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

Closure closure_of(const ir::Model& model, const std::vector<std::string>& type_names) {
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
  std::set<const ir::Endpoint*> client_endpoints;
  // An endpoint answered without a body (a DELETE, a PUT of a spec) has no result to choose it by: it goes with
  // the type that declares it, so that all the areas together keep every client method.
  const auto chosen = [&](const ir::Type& declaring, const ir::Endpoint& endpoint) {
    if (!endpoint.returns && !endpoint.entity) return named_closure.count(&declaring) > 0;
    return named_closure.count(endpoint.returns) > 0 || named_closure.count(endpoint.entity) > 0;
  };
  for (const ir::Type& type : model.types)
    for (const ir::Endpoint& endpoint : type.endpoints) {
      if (!endpoint.client || !chosen(type, endpoint)) continue;
      client_endpoints.insert(&endpoint);
      for (const ir::Type* used : {endpoint.returns, endpoint.reference, endpoint.entity, endpoint.body})
        kept.add(used);
    }
  // An imported set's types and enums are generated with that set, not here.
  std::erase_if(kept.types, [](const ir::Type* type) { return !type->file->imported_from.empty(); });
  std::erase_if(kept.enums, [](const ir::Enum* enumeration) { return !enumeration->file->imported_from.empty(); });
  return Closure{std::move(kept.types), std::move(kept.enums), std::move(client_endpoints)};
}

void keep_closure(ir::Model& model, const std::vector<std::string>& type_names) {
  const Closure kept = closure_of(model, type_names);
  for (ir::Type& type : model.types)
    for (ir::Endpoint& endpoint : type.endpoints)
      if (!kept.client_endpoints.count(&endpoint)) endpoint.client = false;
  for (ir::SchemaFile& file : model.files) {
    std::erase_if(file.types, [&](const ir::Type* type) { return !kept.types.count(type); });
    std::erase_if(file.enums, [&](const ir::Enum* enumeration) { return !kept.enums.count(enumeration); });
    file.dependencies = dependencies_of(file);
  }
}

std::vector<std::string> area_types(const ir::Model& model, const std::vector<std::string>& area_names) {
  std::vector<std::string> types;
  std::set<std::string> seen;
  for (const std::string& name : area_names) {
    const auto area = std::find_if(model.areas.begin(), model.areas.end(),
                                   [&](const ir::Area& candidate) { return candidate.name == name; });
    if (area == model.areas.end()) {
      const std::string api_yaml = model.schema_directory + "/api.yaml";
      if (model.areas.empty()) throw UnknownAreaName("no area '" + name + "': " + api_yaml + " declares no areas");
      std::vector<std::string> names;
      for (const ir::Area& known : model.areas) names.push_back(known.name);
      const std::optional<std::string> closest = closest_match(name, names);
      std::string known;
      for (const std::string& each : names) known += (known.empty() ? "" : ", ") + each;
      throw UnknownAreaName("no area '" + name + "' in " + api_yaml +
                            (closest ? " (did you mean '" + *closest + "'?)" : "") + "; its areas: " + known);
    }
    for (const ir::Type* type : area->types)
      if (seen.insert(type->name).second) types.push_back(type->name);
  }
  return types;
}

}  // namespace emgen::gen::precompile
