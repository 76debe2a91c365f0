// `emgen check`: a schema directory checked as generate checks it, every error reported.

#include <iostream>

#include "commands/command.hpp"

namespace emgen::gen::commands {
namespace {

class Check : public Command {
 public:
  explicit Check(CLI::App& app)
      : Command(app.add_subcommand("check", "Check a schema directory and report every error")) {
    set_.add_schemas(app_);
    set_.add_diagnostics(app_);
    set_.add_imports(app_);
    app_->footer(
        "EXIT STATUS\n  0 no errors; 1 schema errors, every one located; 2 usage errors.\n\n"
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
          std::cout << set_.schemas << ": " << model.types.size() << " types, " << model.enums.size() << " enums in "
                    << model.files.size() << " files; no errors\n";
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
