#include "diagnostics.hpp"

#include <algorithm>
#include <tuple>

#include "emgen/json_writer.hpp"

namespace emgen::gen {
namespace {

void write_location(json::Writer& out, const Location& where) {
  out.key("file");
  out.string(where.file);
  out.key("line");
  out.integer(where.line);
  out.key("column");
  out.integer(where.column);
  out.key("path");
  out.string(where.yaml_path);
}

}  // namespace

Diagnostic Diagnostic::warning(Location where, std::string message, std::string_view code) {
  return Diagnostic{std::move(where), std::move(message), Severity::warning, std::string(code), {}};
}

std::string to_string(const Location& where) {
  std::string text = where.file;
  if (where.line > 0) text += ":" + std::to_string(where.line);
  if (where.line > 0 && where.column > 0) text += ":" + std::to_string(where.column);
  return text;
}

std::string Diagnostic::to_string() const {
  std::string text = gen::to_string(where) + ": ";
  // As compilers print them: a warning says so, so that a reader of mixed output tells it from an error.
  if (severity == Severity::warning) text += "warning: ";
  if (!where.yaml_path.empty()) text += where.yaml_path + ": ";
  text += message;
  for (const RelatedLocation& other : related)
    text += " (" + (other.relation.empty() ? "" : other.relation + " ") + gen::to_string(other.where) + ")";
  return text;
}

std::string to_json(const std::vector<Diagnostic>& diagnostics) {
  json::Writer out;
  out.begin_array();
  for (const Diagnostic& diagnostic : diagnostics) {
    out.begin_object();
    out.key("severity");
    out.string(diagnostic.severity == Diagnostic::Severity::error ? "error" : "warning");
    out.key("code");
    out.string(diagnostic.code);
    write_location(out, diagnostic.where);
    out.key("message");
    out.string(diagnostic.message);
    out.key("related");
    out.begin_array();
    for (const RelatedLocation& other : diagnostic.related) {
      out.begin_object();
      out.key("relation");
      out.string(other.relation);
      write_location(out, other.where);
      out.end_object();
    }
    out.end_array();
    out.end_object();
  }
  out.end_array();
  return out.take();
}

void Diagnostics::error(const Location& where, std::string message, std::string_view code,
                        std::vector<RelatedLocation> related) {
  errors_.push_back(
      Diagnostic{where, std::move(message), Diagnostic::Severity::error, std::string(code), std::move(related)});
}

void Diagnostics::add(Diagnostic diagnostic) { errors_.push_back(std::move(diagnostic)); }

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> result = errors_;
  const auto key = [](const Diagnostic& d) {
    return std::tie(d.where.file, d.where.line, d.where.column, d.where.yaml_path, d.code, d.message);
  };
  std::sort(result.begin(), result.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
  result.erase(
      std::unique(result.begin(), result.end(), [&](const auto& a, const auto& b) { return key(a) == key(b); }),
      result.end());
  return result;
}

static std::string first_message(const std::vector<Diagnostic>& diagnostics) {
  return diagnostics.empty() ? std::string("schema errors") : diagnostics.front().to_string();
}

SchemaErrors::SchemaErrors(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace emgen::gen
