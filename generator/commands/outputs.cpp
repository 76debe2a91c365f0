// `emgen outputs`: the files generate writes, for a build system to declare them.

#include <iostream>

#include "commands/command.hpp"

namespace emgen::gen::commands {
namespace {

class Outputs : public Command {
 public:
  explicit Outputs(CLI::App& app)
      : Command(app.add_subcommand("outputs", "List the files generate writes, relative to --out")) {
    set_.add_schemas(app_);
    set_.add_namespace(app_);
    app_->add_option("--import", set_.import_arguments, "Accepted as generate takes it; imports add no output file");
    app_->footer(
        "EXIT STATUS\n  0; 2 usage errors.\n\nEXAMPLES\n  emgen outputs --schemas schemas --namespace veeam::em");
  }

  int run() override {
    cpp::Options options;
    std::vector<pipeline::ImportOption> imports;
    if (!set_.resolve(false, options, imports)) return kUsageError;
    return reporting_errors([&] {
      for (const auto& path : cpp::output_paths(pipeline::schema_stems(set_.schemas), options))
        std::cout << path << '\n';
      return 0;
    });
  }

 private:
  SchemaSetOptions set_;
};

}  // namespace

std::unique_ptr<Command> add_outputs(CLI::App& app) { return std::make_unique<Outputs>(app); }

}  // namespace emgen::gen::commands
