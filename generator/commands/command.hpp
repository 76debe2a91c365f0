#pragma once
// emgen's subcommands, one file each: every one adds its options to the application and runs when it is the
// one given. They parse, call the pipeline (pipeline.hpp) and print; the work is the pipeline's.

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "languages/cpp/view_model.hpp"
#include "pipeline.hpp"

namespace emgen::gen::commands {

/// Exit statuses (the application's footer states them).
inline constexpr int kSchemaError = 1;
inline constexpr int kUsageError = 2;

class Command {
 public:
  virtual ~Command() = default;
  /// Whether the command line chose this command.
  bool chosen() const { return static_cast<bool>(*app_); }
  /// After parsing: the exit status.
  virtual int run() = 0;

 protected:
  explicit Command(CLI::App* app) : app_(app) {}
  CLI::App* app_;
};

std::unique_ptr<Command> add_generate(CLI::App& app);
std::unique_ptr<Command> add_check(CLI::App& app);
std::unique_ptr<Command> add_outputs(CLI::App& app);
std::unique_ptr<Command> add_import(CLI::App& app);
std::unique_ptr<Command> add_diff(CLI::App& app);
/// `emgen inspect`; em-inspect is the same command under the name program, its --schemas defaulting to
/// default_schemas.
std::unique_ptr<Command> add_inspect(CLI::App& app, const std::string& program = "emgen inspect",
                                     const std::string& default_schemas = "");

/// The options of the commands that read one schema set: its directory, its C++ namespace, the sets it imports.
struct SchemaSetOptions {
  std::string schemas;
  std::string cpp_namespace = "veeam::em";
  std::vector<std::string> import_arguments;
  bool allow_version_mismatch = false;
  std::string diagnostics_format = "text";

  void add_schemas(CLI::App* command);
  void add_namespace(CLI::App* command);
  void add_imports(CLI::App* command);
  void add_diagnostics(CLI::App* command);
  /// The C++ options and the imports, checked; a message on stderr and nothing for a bad namespace.
  /// own_namespace_taken: the imports may not use --namespace's namespace (generate would write its headers
  /// twice).
  bool resolve(bool own_namespace_taken, cpp::Options& options, std::vector<pipeline::ImportOption>& imports) const;
};

/// Runs work, printing what it throws as emgen does (schema errors as text or JSON, each located) and
/// returning the exit status for it.
int reporting_errors(const std::function<int()>& work, const std::string& diagnostics_format = "text");

}  // namespace emgen::gen::commands
