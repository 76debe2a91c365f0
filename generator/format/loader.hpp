#pragma once
// Loading: YAML text → schema AST. Checks the shape of each file (keys, kinds of values), nothing more.

#include <string>

#include "format/ast.hpp"

namespace emgen::gen::format {

/// Reads every `*.yaml` in directory (not recursive), in file-name order.
/// Throws SchemaErrors listing every shape problem found.
SchemaSetAst load_schema_directory(const std::string& directory);
/// The same, adding every problem to diagnostics instead of throwing: what loaded is returned, so that later
/// stages can report their problems in the same run. Throws only when directory cannot be listed.
SchemaSetAst load_schema_directory(const std::string& directory, Diagnostics& diagnostics);

/// Reads one file's text; display_path names it in messages. Problems go to diagnostics.
FileAst load_schema_text(const std::string& text, const std::string& display_path, const std::string& stem,
                         Diagnostics& diagnostics);

}  // namespace emgen::gen::format
