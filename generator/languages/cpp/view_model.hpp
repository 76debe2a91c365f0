#pragma once
// The C++ view of the IR: file names, C++ names and types, doc comment lines, and literal fragments,
// shaped as Mustache data so that templates only substitute and loop.

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "precompile/ir.hpp"

namespace emgen::gen::cpp {

struct Options {
  std::string cpp_namespace = "veeam::em";
  /// The namespace each imported schema set (by its directory, ir::SchemaFile::imported_from) was generated in.
  std::map<std::string, std::string> imported_namespaces = {};
};

/// One file to produce: which template renders it, with what data.
struct FileView {
  /// Relative to the output directory, `/`-separated.
  std::string path;
  std::string template_name;
  /// Shared: a schema's header and source render the same data, and deep copies of it are what costs.
  std::shared_ptr<const kainjow::mustache::data> data;
};

/// Every file the model produces, sorted by path.
std::vector<FileView> build_views(const ir::Model& model, const Options& options);

/// The output paths for schema files with these stems (`api` for api.yaml), sorted: what build_views produces,
/// known from file names alone so that a build system can list outputs before the generator exists.
std::vector<std::string> output_paths(const std::vector<std::string>& stems, const Options& options);

/// True if text is a valid C++ namespace such as `veeam::em`.
bool is_valid_namespace(const std::string& text);

}  // namespace emgen::gen::cpp
