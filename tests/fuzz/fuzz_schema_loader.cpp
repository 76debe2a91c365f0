// fuzz_schema_loader: the input is the text of one schema file. It is loaded with
// emgen::gen::format::load_schema_text next to the project's api.yaml (read from EMGEN_FUZZ_SCHEMA_DIR, so
// that `examples:` entries naming the documented payloads are read and checked too), resolved with
// precompile::resolve, and, when that succeeds, turned into the C++ view model. Every problem must be a
// located diagnostic (emgen::gen::SchemaErrors); anything else is a finding.

#include <fstream>
#include <sstream>
#include <string>

#include "format/loader.hpp"
#include "fuzz_finding.hpp"
#include "pipeline.hpp"

#ifndef EMGEN_FUZZ_SCHEMA_DIR
#error "EMGEN_FUZZ_SCHEMA_DIR must name the schema directory that holds api.yaml"
#endif

namespace {

const std::string& api_yaml() {
  static const std::string text = [] {
    std::ifstream in(EMGEN_FUZZ_SCHEMA_DIR "/api.yaml", std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    if (!in) emgen::fuzz::finding("cannot read " EMGEN_FUZZ_SCHEMA_DIR "/api.yaml");
    return out.str();
  }();
  return text;
}

void check_located(const std::vector<emgen::gen::Diagnostic>& diagnostics) {
  if (diagnostics.empty()) emgen::fuzz::finding("SchemaErrors without any diagnostic");
  for (const auto& diagnostic : diagnostics)
    if (diagnostic.message.empty()) emgen::fuzz::finding("a diagnostic without a message", diagnostic.to_string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace gen = emgen::gen;
  const std::string directory = EMGEN_FUZZ_SCHEMA_DIR;
  const std::string text(emgen::fuzz::as_text(data, size));
  try {
    gen::Diagnostics diagnostics;
    gen::format::SchemaSetAst set;
    set.directory = directory;
    // Sorted by file name, as load_schema_directory gives them: api.yaml, then the fuzzed file.
    set.files.push_back(gen::format::load_schema_text(api_yaml(), directory + "/api.yaml", "api", diagnostics));
    if (!diagnostics.empty()) emgen::fuzz::finding("the project's api.yaml does not load");
    set.files.push_back(gen::format::load_schema_text(text, directory + "/fuzz.yaml", "fuzz", diagnostics));
    if (!diagnostics.empty()) {
      check_located(diagnostics.sorted());
      return 0;
    }
    gen::ir::Model model;
    const auto views = gen::pipeline::views(set, model, gen::cpp::Options{});
    if (views.empty()) emgen::fuzz::finding("a resolved schema set renders no file");
  } catch (const gen::SchemaErrors& errors) {
    check_located(errors.diagnostics());
  }
  return 0;
}
