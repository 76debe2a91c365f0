#include "diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace emgen::gen {

std::string Diagnostic::to_string() const {
  std::string text = where.file;
  if (where.line > 0) text += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  text += ": ";
  if (!where.yaml_path.empty()) text += where.yaml_path + ": ";
  return text + message;
}

void Diagnostics::error(const Location& where, std::string message) {
  errors_.push_back(Diagnostic{where, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> result = errors_;
  const auto key = [](const Diagnostic& d) {
    return std::tie(d.where.file, d.where.line, d.where.column, d.where.yaml_path, d.message);
  };
  std::sort(result.begin(), result.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  result.erase(std::unique(result.begin(), result.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); }),
               result.end());
  return result;
}

static std::string first_message(const std::vector<Diagnostic>& diagnostics) {
  return diagnostics.empty() ? std::string("schema errors") : diagnostics.front().to_string();
}

SchemaErrors::SchemaErrors(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace emgen::gen
