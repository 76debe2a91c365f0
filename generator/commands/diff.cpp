// `emgen diff`: what changed between two versions of the schemas, and what each change breaks.

#include <iostream>
#include <map>
#include <optional>
#include <tuple>

#include "commands/command.hpp"
#include "diff/report.hpp"

namespace emgen::gen::commands {
namespace {

class Diff : public Command {
 public:
  explicit Diff(CLI::App& app)
      : Command(app.add_subcommand(
            "diff", "Report what changed between two versions of the schemas, and what each change breaks")) {
    app_->add_option("--old", old_schemas_,
                     "The old schemas: a directory, or git:REF[:PATH] (PATH at revision REF of the current "
                     "repository; default: --new's path, else schemas)")
        ->required();
    app_->add_option("--new", new_schemas_, "The new schemas: a directory, or git:REF[:PATH]")->required();
    app_->add_option("--format", format_, "text (grouped by severity), json, markdown or github")
        ->check(CLI::IsMember({"text", "json", "markdown", "github"}))
        ->capture_default_str();
    app_->add_option("--fail-on", fail_on_, "Exit 1 when a change of this severity or worse is found")
        ->check(CLI::IsMember({"error", "warning", "info", "none"}))
        ->capture_default_str();
    app_->add_option("--ignore", ignore_file_, "A YAML file of accepted changes {rule, subject, reason}")
        ->check(CLI::ExistingFile);
    app_->add_flag("--shared-only", shared_only_,
                   "Compare only the types and enums both sides have (schema sets of different scope)");
    // A consumer's set, which uses another set's types by name, loads only with it: both sides import it.
    imports_.add_imports(app_);
    app_->footer(
        "EXIT STATUS\n  0 no change at --fail-on; 1 a change at --fail-on (default error); 2 the comparison cannot be "
        "made (a side that does not check, an unknown revision, a bad ignore file, a bad option).\n\n"
        "EXAMPLES\n  emgen diff --old git:HEAD --new schemas\n"
        "  emgen diff --old git:origin/main --new schemas --format github\n"
        "  emgen diff --old drafts/v1_3 --new schemas --shared-only --format markdown --fail-on none\n"
        "  emgen diff --old git:v1.0:my_schemas --new my_schemas --import emgen/schemas=veeam::em\n\n"
        "SEE ALSO\n  docs/schema-diff.md: every rule, the JSON format, the ignore file");
  }

  /// Exit 0, or 1 when a change reaches --fail-on; 2 when the comparison cannot be made.
  int run() override {
    std::optional<pipeline::DiffSide> old_side, new_side;
    try {
      old_side.emplace(old_schemas_, new_schemas_);
      new_side.emplace(new_schemas_, new_schemas_);
    } catch (const std::exception& e) {
      std::cerr << "emgen diff: " << e.what() << '\n';
      return kUsageError;
    }
    cpp::Options options;
    std::vector<pipeline::ImportOption> import_options;
    if (!imports_.resolve(false, options, import_options)) return kUsageError;
    pipeline::ImportedSets imported;
    try {
      pipeline::load_imports(import_options, imports_.allow_version_mismatch, imported);
    } catch (const SchemaErrors& errors) {
      for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
      std::cerr << "emgen diff: an imported schema set does not pass `emgen check`; nothing compared\n";
      return kUsageError;
    }
    ir::Model old_model, new_model;
    for (auto [side, model, name] :
         {std::tuple{&*old_side, &old_model, "old"}, std::tuple{&*new_side, &new_model, "new"}}) {
      try {
        pipeline::load(side->directory(), *model, imported.imports);
      } catch (const SchemaErrors& errors) {
        for (Diagnostic diagnostic : errors.diagnostics()) {
          side->relabel(diagnostic.where.file);
          std::cerr << diagnostic.to_string() << '\n';
        }
        std::cerr << "emgen diff: the " << name << " schemas (" << side->label()
                  << ") do not pass `emgen check`; nothing compared\n";
        return kUsageError;
      }
    }
    std::vector<diff::Ignore> ignores;
    if (!ignore_file_.empty()) {
      try {
        ignores = diff::load_ignores(ignore_file_);
      } catch (const SchemaErrors& errors) {
        for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
        std::cerr << "emgen diff: the ignore file has errors; nothing compared\n";
        return kUsageError;
      }
    }
    const diff::Report report =
        pipeline::compare(*old_side, old_model, *new_side, new_model, diff::CompareOptions{shared_only_}, ignores);
    const std::map<std::string, diff::Format> formats{{"text", diff::Format::text},
                                                      {"json", diff::Format::json},
                                                      {"markdown", diff::Format::markdown},
                                                      {"github", diff::Format::github}};
    std::cout << diff::render(report, formats.at(format_));
    for (const diff::Ignore& unused : report.unused_ignores)
      std::cerr << unused.where.file << ":" << unused.where.line << ": " << unused.where.yaml_path << ": ignores "
                << unused.rule << " " << unused.subject << ", which this comparison does not report (remove it?)\n";
    const std::map<std::string, std::optional<diff::Severity>> thresholds{{"error", diff::Severity::error},
                                                                          {"warning", diff::Severity::warning},
                                                                          {"info", diff::Severity::info},
                                                                          {"none", std::nullopt}};
    return diff::fails(report, thresholds.at(fail_on_)) ? kSchemaError : 0;
  }

 private:
  SchemaSetOptions imports_;
  std::string old_schemas_, new_schemas_, format_ = "text", fail_on_ = "error", ignore_file_;
  bool shared_only_ = false;
};

}  // namespace

std::unique_ptr<Command> add_diff(CLI::App& app) { return std::make_unique<Diff>(app); }

}  // namespace emgen::gen::commands
