// emgen: YAML schemas → C++ bindings for the Veeam Backup Enterprise Manager REST API. Each subcommand is a
// file of commands/; the work is the pipeline's (pipeline.hpp).

#include <CLI/CLI.hpp>
#include <memory>
#include <vector>

#include "commands/command.hpp"

#ifdef EMGEN_WITH_MIMALLOC
// Routes this program's operator new and delete to mimalloc (generator/CMakeLists.txt says why); the
// declarations are mimalloc's, and they also make the link keep the library.
#include <mimalloc-new-delete.h>
#endif

int main(int argc, char** argv) {
  using namespace emgen::gen::commands;
  CLI::App app{
      "emgen: generates typed C++ bindings for the Veeam Backup Enterprise Manager REST API from YAML schemas"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("emgen ") + EMGEN_VERSION);
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(add_generate(app));
  commands.push_back(add_check(app));
  commands.push_back(add_outputs(app));
  commands.push_back(add_import(app));
  commands.push_back(add_diff(app));
  commands.push_back(add_inspect(app));
  // Man-page-style help: what each command exits with, and how it is used.
  app.footer(
      "EXIT STATUS\n  0 success; 1 schema errors (or, for diff, a change at --fail-on); 2 usage errors.\n\n"
      "SEE ALSO\n  emgen COMMAND --help; README.md; docs/schema-language.md; docs/schema-diff.md");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }
  for (const auto& command : commands)
    if (command->chosen()) return command->run();
  return kUsageError;
}
