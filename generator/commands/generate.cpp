// `emgen generate`: a schema directory checked and rendered into C++ sources, written where they changed.

#include <iostream>

#include "commands/command.hpp"
#include "output/render.hpp"
#include "precompile/closure.hpp"

namespace emgen::gen::commands {
namespace {

class Generate : public Command {
 public:
  explicit Generate(CLI::App& app)
      : Command(app.add_subcommand("generate", "Generate C++ sources from a schema directory")) {
    set_.add_schemas(app_);
    app_->add_option("--templates", templates_, "Directory of *.mustache templates")
        ->required()
        ->check(CLI::ExistingDirectory);
    app_->add_option("--out", out_, "Output directory (only changed files are written)")->required();
    set_.add_namespace(app_);
    app_->add_flag("--check", check_only_, "Write nothing; exit 1 and list the files that differ from --out");
    app_->add_flag("--quiet", quiet_, "Print only the files written or removed (nothing when all are up to date)");
    app_->add_option("--types", closure_types_,
                     "Generate only these types (comma-separated) and what they need: bases, field types, enums, "
                     "the client methods that return them; the other schema files are generated empty")
        ->delimiter(',');
    app_->add_option("--areas", closure_areas_,
                     "Generate only these areas of api.yaml's areas: (comma-separated): the closure of their types, "
                     "as --types does; with --types, of both")
        ->delimiter(',');
    set_.add_diagnostics(app_);
    set_.add_imports(app_);
    app_->footer(
        "EXIT STATUS\n  0 generated (or, with --check, up to date); 1 schema errors, located as FILE:LINE:COL: path: "
        "message, nothing written (with --check: stale files); 2 usage errors.\n\n"
        "EXAMPLES\n  emgen generate --schemas schemas --templates templates --out generated\n"
        "  emgen generate --schemas schemas --templates templates --out build/em_sessions --namespace acme::em "
        "--areas sessions,jobs\n"
        "  emgen generate --schemas my_schemas --import emgen/schemas=veeam::em --namespace acme::em_tasks "
        "--templates emgen/templates --out build/gen");
  }

  int run() override {
    cpp::Options options;
    std::vector<pipeline::ImportOption> imports;
    // Two sets generated into one namespace would write the same headers (api.hpp): generate refuses it.
    if (!set_.resolve(true, options, imports)) return kUsageError;
    return reporting_errors([&] { return generate(options, imports); }, set_.diagnostics_format);
  }

 private:
  int generate(const cpp::Options& options, const std::vector<pipeline::ImportOption>& imports) {
    pipeline::ImportedSets imported;
    pipeline::load_imports(imports, set_.allow_version_mismatch, imported);
    ir::Model model;
    pipeline::load(set_.schemas, model, imported.imports);
    if (!closure_types_.empty() || !closure_areas_.empty()) {
      std::vector<std::string> roots = closure_types_;
      try {
        for (std::string& type : precompile::area_types(model, closure_areas_)) roots.push_back(std::move(type));
      } catch (const precompile::UnknownAreaName& e) {
        std::cerr << "emgen generate: --areas: " << e.what() << '\n';
        return kUsageError;
      }
      try {
        precompile::keep_closure(model, roots);
      } catch (const precompile::UnknownTypeName& e) {
        std::cerr << "emgen generate: --types: " << e.what() << '\n';
        return kUsageError;
      }
    }
    const auto rendered = pipeline::render(model, options, templates_);
    if (check_only_) {
      const auto stale = output::stale_files(rendered, out_);
      for (const auto& path : stale) std::cerr << out_ << "/" << path << ": differs from what the schemas generate\n";
      if (!stale.empty()) {
        std::cerr << "emgen: " << stale.size() << " generated file(s) are stale; regenerate them\n";
        return kSchemaError;
      }
      if (!quiet_) std::cout << "emgen: " << rendered.size() << " files up to date in " << out_ << '\n';
      return 0;
    }
    const auto report = output::write_files(rendered, out_);
    if (!quiet_ || !report.written.empty() || !report.removed.empty()) {
      for (const auto& path : report.written) std::cout << "wrote " << out_ << "/" << path << '\n';
      for (const auto& path : report.removed) std::cout << "removed " << out_ << "/" << path << '\n';
      std::cout << "emgen: " << report.written.size() << " written, " << report.unchanged.size() << " unchanged, "
                << report.removed.size() << " removed\n";
    }
    return 0;
  }

  SchemaSetOptions set_;
  std::string templates_, out_;
  std::vector<std::string> closure_types_, closure_areas_;
  bool check_only_ = false, quiet_ = false;
};

}  // namespace

std::unique_ptr<Command> add_generate(CLI::App& app) { return std::make_unique<Generate>(app); }

}  // namespace emgen::gen::commands
