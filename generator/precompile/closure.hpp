#pragma once
// Only what you use: the part of a resolved model that a few named types need (`emgen generate --types`).

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

/// Keeps of the set's own types and enums only the closure of type_names: each named type, its base, and the
/// types and enums of its fields, recursively; then the client methods whose result (`returns`, or `entity`) is
/// one of those, with the closures of every type such an endpoint returns or sends. The other endpoints get no
/// client method. Schema files stay in the model, emptied of what is not kept, so that the generated files are
/// the ones `emgen outputs` lists; each file's dependencies are those of what it keeps. Imported types are never
/// generated here and are left alone. Throws UnknownTypeName, naming the closest type, for a name the set lacks.
void keep_closure(ir::Model& model, const std::vector<std::string>& type_names);

}  // namespace emgen::gen::precompile
