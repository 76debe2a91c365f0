#pragma once
// Only what you use: the part of a resolved model that a few named types need (`emgen generate --types`).

#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "precompile/ir.hpp"

namespace emgen::gen::precompile {

/// A name given to keep_closure that no type of the set has.
class UnknownTypeName : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A name given to area_types that no area of the set has.
class UnknownAreaName : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What keep_closure keeps of a model: the set's own types and enums (not an imported set's, which are generated
/// with that set), and the endpoints that keep their client methods.
struct Closure {
  std::set<const ir::Type*> types;
  std::set<const ir::Enum*> enums;
  std::set<const ir::Endpoint*> client_endpoints;
};

/// The closure keep_closure keeps, the model left as it is. Throws UnknownTypeName as keep_closure does.
Closure closure_of(const ir::Model& model, const std::vector<std::string>& type_names);

/// Keeps of the set's own types and enums only the closure of type_names: each named type, its base, and the
/// types and enums of its fields, recursively; then the client methods whose result (`returns`, or `entity`) is
/// one of those, and those without a result that one of those declares, with the closures of every type such an
/// endpoint returns or sends. The other endpoints get no
/// client method. Schema files stay in the model, emptied of what is not kept, so that the generated files are
/// the ones `emgen outputs` lists; each file's dependencies are those of what it keeps. Imported types are never
/// generated here and are left alone. Throws UnknownTypeName, naming the closest type, for a name the set lacks.
void keep_closure(ir::Model& model, const std::vector<std::string>& type_names);

/// The root types of the named areas (api.yaml's `areas:`), each once, in the order the areas list them: what
/// `emgen generate --areas` gives keep_closure. Throws UnknownAreaName, naming the closest area and listing all.
std::vector<std::string> area_types(const ir::Model& model, const std::vector<std::string>& area_names);

}  // namespace emgen::gen::precompile
