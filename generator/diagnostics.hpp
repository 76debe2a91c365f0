#pragma once
// What every stage reports: a problem (or, from the importers, a warning) at a place in a file, with a stable
// code, and the other places it concerns ("first defined at"). One text form and one JSON form of it.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emgen::gen {

/// A place in a file: 1-based line and column (0 when unknown), and the path inside it: a YAML path
/// (`types[0].fields[3].type`), an XSD path, or what a help page's line documents.
struct Location {
  static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

  std::string file;
  int line = 0;
  int column = 0;
  std::string yaml_path;
  /// The byte offset of the place's first character in the file, where the reader knows it (the loader does):
  /// the merger edits the file's text there. Not part of what a diagnostic says.
  std::size_t offset = kNoOffset;
};

/// Another place a diagnostic concerns, and how: `first defined at` (or nothing, when the message says it).
struct RelatedLocation {
  std::string relation;
  Location where;
};

struct Diagnostic {
  enum class Severity { error, warning };

  Location where;
  std::string message;
  Severity severity = Severity::error;
  /// Stable, for tools and for telling kinds of problems apart (`unknown-key`). Every error of the loader, the
  /// resolver and the C++ stage has one, and every note of the importers (their tables: format/loader.hpp,
  /// precompile/resolve.hpp, languages/cpp/names.hpp, import/xsd.hpp, import/page.hpp, import/imported.hpp,
  /// import/merge.hpp).
  std::string code = {};
  std::vector<RelatedLocation> related = {};

  /// Every warning has a code too: the importers table theirs (import/xsd.hpp, import/page.hpp, import/imported.hpp,
  /// import/merge.hpp).
  static Diagnostic warning(Location where, std::string message, std::string_view code);

  /// The text form: `file:line:col: path: message (relation file:line:col)`, with `warning: ` before the path for
  /// a warning; the line, column and path when known.
  std::string to_string() const;
};

/// `file:line:col`, `file:line` or `file`, as far as the location is known.
std::string to_string(const Location& where);

/// The JSON form of a list of diagnostics: `[{"severity", "code", "file", "line", "column", "path", "message",
/// "related": [{"relation", "file", "line", "column", "path"}]}]`, one line.
std::string to_json(const std::vector<Diagnostic>& diagnostics);

/// Collects problems so that one run reports all it can, in a stable order.
class Diagnostics {
 public:
  /// Every error has a code: the stage's table of codes names each kind of problem it reports.
  void error(const Location& where, std::string message, std::string_view code,
             std::vector<RelatedLocation> related = {});
  void add(Diagnostic diagnostic);
  bool empty() const noexcept { return errors_.empty(); }
  /// Sorted by file, line, column, path, code, then message; one problem two stages report alike is kept once.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> errors_;
};

/// Thrown by a stage that cannot go on; carries everything found.
class SchemaErrors : public std::runtime_error {
 public:
  explicit SchemaErrors(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace emgen::gen
