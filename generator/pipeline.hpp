#pragma once
// The generator as a library: what `emgen` does, for the command line (commands/), the tests, the fuzz targets
// and the tools alike. load() runs format/ (load) → precompile/ (resolve) → languages/cpp/ (names); render()
// goes on to the view model and output/. The import and diff entry points check the directories they read the
// same way. Nothing here prints: problems are thrown as SchemaErrors or returned.

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "diff/compare.hpp"
#include "diff/git.hpp"
#include "diff/report.hpp"
#include "format/ast.hpp"
#include "import/draft.hpp"
#include "import/imported.hpp"
#include "import/merge.hpp"
#include "languages/cpp/view_model.hpp"
#include "output/render.hpp"
#include "precompile/ir.hpp"
#include "precompile/resolve.hpp"

namespace emgen::gen::pipeline {

/// Loads, resolves and checks the C++ names of a schema directory into model, reporting the problems of every
/// stage together: a misspelt key, an unknown type and a C++ keyword as a member name are all reported by one
/// run. A problem the loader found hides what resolving then says about the same YAML entry (its consequence,
/// not a second problem), and a file the loader could not read at all stops there. Throws SchemaErrors.
void load(const std::string& schemas, ir::Model& model, const precompile::Imports& imports = {});

/// Resolves a schema set already loaded (from text: the fuzz targets) and builds the C++ stage's views of it.
/// Throws SchemaErrors.
std::vector<cpp::FileView> views(const format::SchemaSetAst& schemas, ir::Model& model, const cpp::Options& options);

/// `--import DIR[=NAMESPACE]`: a schema set these schemas use by name, and the C++ namespace its bindings
/// were generated in.
struct ImportOption {
  std::string directory;
  std::string cpp_namespace;
};

/// `DIR` (namespace veeam::em) or `DIR=NAMESPACE`.
ImportOption parse_import(const std::string& argument);

/// The imported sets, loaded (each must check by itself), and what resolving the importing set needs of them.
struct ImportedSets {
  std::deque<ir::Model> models;
  precompile::Imports imports;
};

/// Throws SchemaErrors, each message naming the imported set it is in.
void load_imports(const std::vector<ImportOption>& options, bool allow_other_versions, ImportedSets& sets);

/// `emgen import ... --import`: the draft for a set that imports these, using their types and enums by name
/// (import::use_imported), with the first imported set's api. Notes are appended.
import::Draft draft_on_imports(const import::Draft& draft, const ImportedSets& sets, std::vector<Diagnostic>& notes);

/// The stems of a directory's schema files (`backup_job_session` for backup_job_session.yaml), unsorted.
std::vector<std::string> schema_stems(const std::string& schemas);

/// The files `emgen generate` writes for a loaded model: the C++ stage's views, rendered. Throws SchemaErrors
/// for C++ names that clash, output::TemplateError for a template that does not render.
std::vector<output::RenderedFile> render(const ir::Model& model, const cpp::Options& options,
                                         const std::string& templates);

/// `emgen check`'s last step: the C++ stage decides the C++ names and reports the clashes among them.
void check_cpp_names(const ir::Model& model, const cpp::Options& options);

/// A merge of a draft into a directory a person keeps, checked before and after.
struct MergeCheck {
  enum class Outcome {
    merged,                    // merge holds the changes; the directory checks with them
    directory_does_not_check,  // nothing merged: errors are the directory's own
    merge_does_not_check,      // the merged directory would not check: errors, named as in directory
  };
  Outcome outcome = Outcome::merged;
  import::Merge merge;
  std::vector<Diagnostic> errors;
};

/// Merges draft into directory in a scratch copy and checks the result, with the sets the directory imports;
/// writes nothing to directory.
MergeCheck merge_checked(const import::Draft& draft, const std::string& directory,
                         const precompile::Imports& imports = {});

/// One side of `emgen diff`: a directory, or `git:REF[:PATH]` read into a scratch directory.
class DiffSide {
 public:
  /// Throws std::invalid_argument for an argument that is neither, std::runtime_error for a revision git refuses.
  DiffSide(const std::string& argument, const std::string& other_argument);
  /// Where the files are.
  const std::string& directory() const noexcept { return directory_; }
  /// How reports name it.
  const std::string& label() const noexcept { return label_; }
  /// A file of the scratch directory named as reports name the side.
  void relabel(std::string& file) const;

 private:
  std::unique_ptr<diff::GitSnapshot> snapshot_;
  std::string directory_;
  std::string label_;
};

/// Compares two loaded models into a report, their files named by the sides' labels.
diff::Report compare(const DiffSide& old_side, const ir::Model& old_model, const DiffSide& new_side,
                     const ir::Model& new_model, const diff::CompareOptions& options,
                     const std::vector<diff::Ignore>& ignores);

}  // namespace emgen::gen::pipeline
