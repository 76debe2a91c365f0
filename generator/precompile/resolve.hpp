#pragma once
// Resolving and checking: schema AST → IR. Every violation is reported with its location.

#include <vector>

#include "format/ast.hpp"
#include "precompile/ir.hpp"

namespace emgen::gen::precompile {

/// Other schema sets whose types and enums this one may use by name (protobuf's `import`): each resolved on its
/// own first, its files marked with imported_from.
struct Imports {
  std::vector<const ir::Model*> models;
  /// An imported set of another API version is an error unless this is set.
  bool allow_other_versions = false;
};

/// Throws SchemaErrors with every problem found.
void resolve(const format::SchemaSetAst& schemas, ir::Model& model, const Imports& imports = {});

}  // namespace emgen::gen::precompile
