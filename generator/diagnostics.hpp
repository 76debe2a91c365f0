#pragma once
// Where a schema problem is, and the list of problems found so far.

#include <stdexcept>
#include <string>
#include <vector>

namespace emgen::gen {

/// A place in a schema file: 1-based line and column, and the YAML path (`types[0].fields[3].type`).
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string yaml_path;
};

struct Diagnostic {
  Location where;
  std::string message;

  /// `file:line:col: yaml/path: message`
  std::string to_string() const;
};

/// Collects problems so that one run reports all it can, in a stable order.
class Diagnostics {
 public:
  void error(const Location& where, std::string message);
  bool empty() const noexcept { return errors_.empty(); }
  /// Sorted by file, line, column, then message; duplicates removed.
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
