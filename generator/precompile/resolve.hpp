#pragma once
// Resolving and checking: schema AST → IR. Every violation is reported with its location.

#include "format/ast.hpp"
#include "precompile/ir.hpp"

namespace emgen::gen::precompile {

/// Throws SchemaErrors with every problem found.
void resolve(const format::SchemaSetAst& schemas, ir::Model& model);

}  // namespace emgen::gen::precompile
