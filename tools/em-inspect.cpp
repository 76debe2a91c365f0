// em-inspect: `emgen inspect` with --schemas defaulting to EM's schemas, the ones installed beside it
// (PREFIX/share/emgen/schemas) or, in the build tree, emgen's schemas/. The command is emgen's own
// (generator/commands/inspect.cpp): one reader of payloads (emgen::dynamic), one set of options and messages.
//   em-inspect [--schemas DIR] [--import DIR[=NS]]... [--strict] [--fail-on-warning] [--format xml|json]
//              [--json-style pascal|camel] TYPE|auto FILE...
//   em-inspect --list
// Exit 0 when every payload reads, 1 when one does not (or, with --fail-on-warning, read with warnings), 2 on a
// usage error.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands/command.hpp"

namespace {

// Installed, the schemas are found from the executable, so that a prefix that was moved still works.
std::string em_schemas() {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path executable = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    const fs::path installed = executable.parent_path() / EMGEN_INSTALLED_SCHEMAS;
    if (fs::is_regular_file(installed / "api.yaml", error)) return installed.lexically_normal().string();
  }
  return EMGEN_SOURCE_SCHEMAS;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace emgen::gen::commands;
  CLI::App app{"em-inspect: emgen inspect over EM's schemas"};
  app.require_subcommand(1);
  const std::unique_ptr<Command> inspect = add_inspect(app, "em-inspect", em_schemas());
  // The command is emgen's `inspect`; named after this program, and asked for its help alone, its usage line is
  // the one to type (the whole app's would put argv[0] before it).
  CLI::App* command = app.get_subcommand("inspect");
  command->name("em-inspect");
  std::vector<const char*> arguments{argv[0], "em-inspect"};
  for (int i = 1; i < argc; ++i) arguments.push_back(argv[i]);
  try {
    app.parse(static_cast<int>(arguments.size()), arguments.data());
  } catch (const CLI::CallForHelp&) {
    std::cout << command->help();
    return 0;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }
  return inspect->run();
}
