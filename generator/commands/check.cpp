// `emgen check`: a schema directory checked as generate checks it, every error reported.

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands/command.hpp"
#include "dynamic/codec.hpp"

namespace emgen::gen::commands {
namespace {

std::string where(const Location& at) {
  std::string text = at.file;
  if (at.line > 0) text += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
  return text;
}

// Every `examples:` payload of the set's own types read strictly as its type, and every `expect:` of it held, as
// the generated example tests check them after a build: each failure printed at the schema's line and at the
// payload's. Returns how many failed.
std::size_t check_examples(const ir::Model& model, std::size_t& checked) {
  std::size_t failed = 0;
  for (const ir::Type& type : model.types) {
    for (const ir::Example& example : type.examples) {
      ++checked;
      const std::filesystem::path path = std::filesystem::path(model.schema_directory) / example.file;
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      try {
        const dynamic::Value value = example.format == ir::Example::Format::json
                                         ? dynamic::read_json(model, type.name, text.str(), ReadMode::strict)
                                         : dynamic::read_xml(model, type.name, text.str(), ReadMode::strict);
        for (const ir::Expectation& expectation : example.expectations) {
          if (const auto instead = dynamic::unmet(value, expectation)) {
            ++failed;
            std::cerr << where(expectation.where) << ": expect " << expectation.path << " of " << example.file
                      << " does not hold: " << *instead << '\n';
          }
        }
      } catch (const ParseError& error) {
        ++failed;
        std::cerr << where(example.where) << ": example " << example.file << " does not read strictly as " << type.name
                  << ": " << path.string() << (error.line() > 0 ? ":" : ": ") << error.what() << '\n';
      } catch (const std::invalid_argument& error) {
        ++failed;
        std::cerr << where(example.where) << ": example " << example.file << ": " << error.what() << '\n';
      }
    }
  }
  return failed;
}

class Check : public Command {
 public:
  explicit Check(CLI::App& app)
      : Command(app.add_subcommand("check", "Check a schema directory and report every error")) {
    set_.add_schemas(app_);
    set_.add_diagnostics(app_);
    set_.add_imports(app_);
    app_->footer(
        "EXIT STATUS\n  0 no errors (warnings, such as document types in no area, on stderr); 1 schema errors, every "
        "one located; 2 usage errors.\n\n"
        "EXAMPLES\n  emgen check --schemas schemas\n  emgen check --schemas my_schemas --import emgen/schemas");
  }

  int run() override {
    cpp::Options options;
    std::vector<pipeline::ImportOption> imports;
    if (!set_.resolve(false, options, imports)) return kUsageError;
    return reporting_errors(
        [&] {
          pipeline::ImportedSets imported;
          pipeline::load_imports(imports, set_.allow_version_mismatch, imported);
          ir::Model model;
          pipeline::load(set_.schemas, model, imported.imports);
          pipeline::check_cpp_names(model, options);
          // Warnings stop nothing; printed first, in the format errors are.
          if (!model.warnings.empty()) {
            if (set_.diagnostics_format == "json")
              std::cerr << to_json(model.warnings) << '\n';
            else
              for (const Diagnostic& warning : model.warnings) std::cerr << warning.to_string() << '\n';
          }
          std::size_t examples = 0;
          if (const std::size_t failed = check_examples(model, examples); failed > 0) {
            std::cerr << "emgen: " << failed << " example error(s) among " << examples << " example(s)\n";
            return kSchemaError;
          }
          std::cout << set_.schemas << ": " << model.types.size() << " types, " << model.enums.size() << " enums in "
                    << model.files.size() << " files, " << examples << " examples read strictly; no errors"
                    << (model.warnings.empty() ? "" : ", " + std::to_string(model.warnings.size()) + " warning(s)")
                    << '\n';
          return 0;
        },
        set_.diagnostics_format);
  }

 private:
  SchemaSetOptions set_;
};

}  // namespace

std::unique_ptr<Command> add_check(CLI::App& app) { return std::make_unique<Check>(app); }

}  // namespace emgen::gen::commands
