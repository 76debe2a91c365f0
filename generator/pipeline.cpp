#include "pipeline.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "format/loader.hpp"
#include "languages/cpp/names.hpp"

namespace emgen::gen::pipeline {
namespace fs = std::filesystem;

namespace {

/// Resolves and checks what the loader read (loaded: its problems), and reports all in one sorted list.
void check_loaded(const format::SchemaSetAst& ast, const std::vector<Diagnostic>& loaded, ir::Model& model,
                  const precompile::Imports& imports) {
  const bool unreadable =
      std::any_of(loaded.begin(), loaded.end(), [](const Diagnostic& d) { return d.where.yaml_path.empty(); });
  if (unreadable) throw SchemaErrors(loaded);
  std::vector<Diagnostic> resolved;
  try {
    precompile::resolve(ast, model, imports);
    if (loaded.empty()) return;  // the C++ stage checks its names itself when it builds its views
  } catch (const SchemaErrors& resolving) {
    resolved = resolving.diagnostics();
  }
  // The entry a loader problem makes unreliable: a misspelt key is only itself; a value of the wrong shape
  // (`fields: X`) leaves the map holding it incomplete.
  const auto entry_of = [](const Diagnostic& problem) {
    const std::string& path = problem.where.yaml_path;
    if (problem.code == format::kUnknownKey) return path;
    const std::size_t cut = path.find_last_of(".[");
    return cut == std::string::npos ? path : path.substr(0, cut);
  };
  const auto within = [](const std::string& path, const std::string& entry) {
    return path.rfind(entry, 0) == 0 && (path[entry.size()] == '.' || path[entry.size()] == '[');
  };
  const auto hidden = [&](const Diagnostic& later) {
    return std::any_of(loaded.begin(), loaded.end(), [&](const Diagnostic& first) {
      const std::string entry = entry_of(first);
      const std::string& path = later.where.yaml_path;
      return first.where.file == later.where.file && (path == entry || within(path, entry) || within(entry, path));
    });
  };
  Diagnostics naming;
  cpp::check_names(model, naming);
  for (const Diagnostic& diagnostic : naming.sorted()) resolved.push_back(diagnostic);
  Diagnostics all;
  for (const Diagnostic& diagnostic : loaded) all.add(diagnostic);
  for (const Diagnostic& diagnostic : resolved)
    if (!hidden(diagnostic)) all.add(diagnostic);
  throw SchemaErrors(all.sorted());
}

}  // namespace

void load(const std::string& schemas, ir::Model& model, const precompile::Imports& imports) {
  Diagnostics loading;
  const format::SchemaSetAst ast = format::load_schema_directory(schemas, loading);
  check_loaded(ast, loading.sorted(), model, imports);
}

std::vector<cpp::FileView> views(const format::SchemaSetAst& schemas, ir::Model& model, const cpp::Options& options) {
  precompile::resolve(schemas, model);
  return cpp::build_views(model, options);
}

ImportOption parse_import(const std::string& argument) {
  const std::size_t equals = argument.rfind('=');
  if (equals == std::string::npos) return {argument, "veeam::em"};
  return {argument.substr(0, equals), argument.substr(equals + 1)};
}

void load_imports(const std::vector<ImportOption>& options, bool allow_other_versions, ImportedSets& sets) {
  sets.imports.allow_other_versions = allow_other_versions;
  for (const ImportOption& option : options) {
    ir::Model& model = sets.models.emplace_back();
    try {
      load(option.directory, model);
    } catch (const SchemaErrors& errors) {
      std::vector<Diagnostic> located = errors.diagnostics();
      for (Diagnostic& diagnostic : located)
        diagnostic.message += " (in the imported schemas " + option.directory + ")";
      throw SchemaErrors(located);
    }
    for (ir::SchemaFile& file : model.files) file.imported_from = option.directory;
    sets.imports.models.push_back(&model);
  }
}

std::vector<std::string> schema_stems(const std::string& schemas) {
  std::vector<std::string> stems;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(schemas, error))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") stems.push_back(entry.path().stem().string());
  if (error) throw std::runtime_error(schemas + ": " + error.message());
  return stems;
}

std::vector<output::RenderedFile> render(const ir::Model& model, const cpp::Options& options,
                                         const std::string& templates) {
  return output::render(cpp::build_views(model, options), templates);
}

void check_cpp_names(const ir::Model& model, const cpp::Options& options) {
  static_cast<void>(cpp::build_views(model, options));
}

import::Draft draft_on_imports(const import::Draft& draft, const ImportedSets& sets,
                               std::vector<Diagnostic>& notes){if (sets.models.empty()) return draft;
std::vector<import::ImportedDefinition> definitions;
for (const ir::Model& model : sets.models) {
  for (const ir::Enum& enumeration : model.enums)
    definitions.push_back(import::ImportedDefinition{enumeration.name, true, enumeration.where, {}, false});
  for (const ir::Type& type : model.types) {
    import::ImportedDefinition definition{type.name, false, type.where, {}, type.element.has_value()};
    for (const ir::Field* field : type.all_fields()) definition.fields.push_back(field->name);
    definitions.push_back(std::move(definition));
  }
}
const ir::Api& api = sets.models.front().api;
return import::use_imported(
    draft, definitions, import::DraftApi{api.title, api.version, api.build, api.xml_namespace, api.base_path}, notes);
}  // namespace emgen::gen::pipeline

MergeCheck merge_checked(const import::Draft& draft, const std::string& directory, const precompile::Imports& imports) {
  MergeCheck result;
  // Read once: the merger edits at the places the loader found, in the text it read.
  format::SchemaSetAst ast;
  try {
    Diagnostics loading;
    ast = format::load_schema_directory(directory, loading);
    ir::Model before;
    check_loaded(ast, loading.sorted(), before, imports);
  } catch (const SchemaErrors& errors) {
    result.outcome = MergeCheck::Outcome::directory_does_not_check;
    result.errors = errors.diagnostics();
    return result;
  }
  result.merge = import::merge_draft(draft, ast);
  // The merged directory is checked in a copy, so that a merge that would not check writes nothing.
  const fs::path scratch = fs::temp_directory_path() / ("emgen-merge-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::copy(directory, scratch, fs::copy_options::recursive);
  import::write_merge(result.merge, scratch.string());
  try {
    ir::Model after;
    load(scratch.string(), after, imports);
  } catch (const SchemaErrors& errors) {
    result.outcome = MergeCheck::Outcome::merge_does_not_check;
    result.errors = errors.diagnostics();
    for (Diagnostic& diagnostic : result.errors)
      if (diagnostic.where.file.starts_with(scratch.string()))
        diagnostic.where.file = directory + diagnostic.where.file.substr(scratch.string().size());
  }
  fs::remove_all(scratch);
  return result;
}

DiffSide::DiffSide(const std::string& argument, const std::string& other_argument) {
  if (diff::is_git_revision(argument)) {
    const std::string beside = diff::is_git_revision(other_argument) ? "schemas" : other_argument;
    snapshot_ = std::make_unique<diff::GitSnapshot>(argument, beside);
    directory_ = snapshot_->directory();
    label_ = snapshot_->label();
    return;
  }
  if (!fs::is_directory(argument)) throw std::invalid_argument(argument + ": not a directory, nor git:REF[:PATH]");
  directory_ = label_ = argument;
}

void DiffSide::relabel(std::string& file) const {
  if (directory_ != label_ && file.starts_with(directory_)) file = label_ + file.substr(directory_.size());
}

diff::Report compare(const DiffSide& old_side, const ir::Model& old_model, const DiffSide& new_side,
                     const ir::Model& new_model, const diff::CompareOptions& options,
                     const std::vector<diff::Ignore>& ignores) {
  diff::Comparison comparison = diff::compare(old_model, new_model, options);
  for (diff::Change& change : comparison.changes) {
    if (change.old_at) old_side.relabel(change.old_at->file);
    if (change.new_at) new_side.relabel(change.new_at->file);
  }
  return diff::make_report({old_side.label(), old_model.api.version, old_model.api.build},
                           {new_side.label(), new_model.api.version, new_model.api.build}, std::move(comparison),
                           ignores);
}

}  // namespace emgen::gen::pipeline
