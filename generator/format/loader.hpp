#pragma once
// Loading: YAML text → schema AST. Checks the shape of each file (keys, kinds of values), nothing more.

#include <string>
#include <string_view>

#include "format/ast.hpp"

namespace emgen::gen::format {

/// The codes of the loader's diagnostics.
inline constexpr std::string_view kUnknownKey = "unknown-key";
inline constexpr std::string_view kDuplicateKey = "duplicate-key";
inline constexpr std::string_view kMissingKey = "missing-key";
/// A value of the wrong kind (`fields: X` where a list belongs): the map holding it is incomplete.
inline constexpr std::string_view kWrongShape = "wrong-shape";
inline constexpr std::string_view kYamlSyntax = "yaml-syntax";
inline constexpr std::string_view kEmptyFile = "empty-file";
/// A file or directory that cannot be read: nothing of it loaded.
inline constexpr std::string_view kUnreadable = "unreadable";

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
