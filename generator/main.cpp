// emgen: YAML schemas → C++ bindings for the Veeam Backup Enterprise Manager REST API.

#include <algorithm>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <tuple>

#include <unistd.h>

#include <CLI/CLI.hpp>

#include "diff/compare.hpp"
#include "diff/git.hpp"
#include "diff/report.hpp"
#include "format/loader.hpp"
#include "import/merge.hpp"
#include "import/page.hpp"
#include "import/xsd.hpp"
#include "languages/cpp/names.hpp"
#include "languages/cpp/view_model.hpp"
#include "output/render.hpp"
#include "precompile/resolve.hpp"

namespace {

using namespace emgen::gen;

constexpr int kSchemaError = 1;
constexpr int kUsageError = 2;

/// Loads, resolves and checks the C++ names, reporting the problems of every stage together: a misspelt key,
/// an unknown type and a C++ keyword as a member name are all reported by one run. A problem the loader found
/// hides what resolving then says about the same YAML entry (its consequence, not a second problem), and a
/// file the loader could not read at all (`yaml_path` empty) stops there, as resolving without it would report
/// every use of its names. The C++ names are checked on whatever resolved.
void load_model(const std::string& schemas, ir::Model& model, const precompile::Imports& imports = {}) {
  Diagnostics loading;
  const format::SchemaSetAst ast = format::load_schema_directory(schemas, loading);
  const std::vector<Diagnostic> loaded = loading.sorted();
  const bool unreadable =
      std::any_of(loaded.begin(), loaded.end(), [](const Diagnostic& d) { return d.where.yaml_path.empty(); });
  if (unreadable) throw SchemaErrors(loaded);
  std::vector<Diagnostic> resolved;
  try {
    precompile::resolve(ast, model, imports);
    if (loaded.empty()) return;  // the C++ stage checks its names itself when it builds its views
  } catch (const SchemaErrors& resolving) {
    resolved = resolving.diagnostics();
  }
  // The entry a loader problem makes unreliable: a misspelt key is only itself; a value of the wrong shape
  // (`fields: X`) leaves the map holding it incomplete.
  const auto entry_of = [](const Diagnostic& problem) {
    const std::string& path = problem.where.yaml_path;
    if (problem.code == format::kUnknownKey) return path;
    const std::size_t cut = path.find_last_of(".[");
    return cut == std::string::npos ? path : path.substr(0, cut);
  };
  const auto hidden = [&](const Diagnostic& later) {
    return std::any_of(loaded.begin(), loaded.end(), [&](const Diagnostic& first) {
      const std::string entry = entry_of(first);
      const std::string& path = later.where.yaml_path;
      return first.where.file == later.where.file &&
             (path == entry || (path.rfind(entry, 0) == 0 && (path[entry.size()] == '.' || path[entry.size()] == '[')) ||
              (entry.rfind(path, 0) == 0 && (entry[path.size()] == '.' || entry[path.size()] == '[')));
    });
  };
  Diagnostics naming;
  cpp::check_names(model, naming);
  for (const Diagnostic& diagnostic : naming.sorted()) resolved.push_back(diagnostic);
  Diagnostics all;
  for (const Diagnostic& diagnostic : loaded) all.add(diagnostic);
  for (const Diagnostic& diagnostic : resolved)
    if (!hidden(diagnostic)) all.add(diagnostic);
  throw SchemaErrors(all.sorted());
}

/// `--import DIR[=NAMESPACE]`: the directory, and the C++ namespace its bindings were generated in.
struct ImportOption {
  std::string directory;
  std::string cpp_namespace;
};

ImportOption parse_import(const std::string& argument) {
  const std::size_t equals = argument.rfind('=');
  if (equals == std::string::npos) return {argument, "veeam::em"};
  return {argument.substr(0, equals), argument.substr(equals + 1)};
}

/// Loads each imported set on its own (it must pass check by itself), then marks its files as imported.
void load_imports(const std::vector<ImportOption>& options, std::deque<ir::Model>& models, precompile::Imports& imports) {
  for (const ImportOption& option : options) {
    ir::Model& model = models.emplace_back();
    try {
      load_model(option.directory, model);
    } catch (const SchemaErrors& errors) {
      std::vector<Diagnostic> located = errors.diagnostics();
      for (Diagnostic& diagnostic : located) diagnostic.message += " (in the imported schemas " + option.directory + ")";
      throw SchemaErrors(located);
    }
    for (ir::SchemaFile& file : model.files) file.imported_from = option.directory;
    imports.models.push_back(&model);
  }
}

std::vector<std::string> schema_stems(const std::string& schemas) {
  std::vector<std::string> stems;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(schemas, error))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") stems.push_back(entry.path().stem().string());
  if (error) throw std::runtime_error(schemas + ": " + error.message());
  return stems;
}

/// `--into`: the directory must check before and after; the merge is shown as a diff, or written with --write.
int merge_into(const import::Draft& draft, const std::string& directory, bool write, const std::string& command) {
  namespace fs = std::filesystem;
  {
    ir::Model before;
    try {
      load_model(directory, before);
    } catch (const SchemaErrors& errors) {
      for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
      std::cerr << command << ": " << directory << " does not pass `emgen check`; fix it before merging into it\n";
      return kSchemaError;
    }
  }
  const import::Merge merge = import::merge_draft(draft, directory);
  for (const Diagnostic& note : merge.notes) std::cerr << note.to_string() << '\n';
  // The merged directory is checked in a copy, so that a merge that would not check writes nothing.
  const fs::path scratch = fs::temp_directory_path() / ("emgen-merge-" + std::to_string(::getpid()));
  fs::remove_all(scratch);
  fs::copy(directory, scratch, fs::copy_options::recursive);
  import::write_merge(merge, scratch.string());
  try {
    ir::Model after;
    load_model(scratch.string(), after);
  } catch (const SchemaErrors& errors) {
    for (const auto& diagnostic : errors.diagnostics()) {
      std::string line = diagnostic.to_string();
      if (line.starts_with(scratch.string())) line = directory + line.substr(scratch.string().size());
      std::cerr << line << '\n';
    }
    fs::remove_all(scratch);
    std::cerr << command << ": the merge would leave " << directory
              << " failing `emgen check` (above); nothing written. Import with --out and merge by hand.\n";
    return kSchemaError;
  }
  fs::remove_all(scratch);
  const import::MergeCounts& c = merge.counts;
  if (!write)
    for (const import::FileChange& change : merge.changes) std::cout << import::unified_diff(change, directory);
  else
    import::write_merge(merge, directory);
  // With --write the summary is the output; without, the diff is, and the summary goes with the notes.
  (write ? std::cout : std::cerr) << command << " --into " << directory << ": +" << c.types << " types, +" << c.enums << " enums, +" << c.fields
            << " fields, +" << c.values << " enum values, +" << c.links << " links, +" << c.endpoints << " endpoints, +"
            << c.examples << " examples; " << c.docs << " docs filled, " << c.enum_typed << " String(s) typed as enums, "
            << c.made_optional << " field(s) made optional, " << c.aliases << " alias(es); " << c.disagreements
            << " disagreement(s) kept as they were (above); " << merge.changes.size() << " file(s) "
            << (write ? "written" : merge.changes.empty() ? "would change" : "would change (diff above; --write writes it)")
            << "\n";
  return 0;
}

/// `import page --each`: each page drafted alone into OUT/<page's stem>/ and the draft checked as `emgen check`
/// checks it, in one process (a review of a whole pages folder). A page that documents no representation of its
/// own drafts nothing; an import error or a draft that does not check is reported at its page. Exit 1 if any.
int import_each_page(const std::vector<std::string>& pages, import::PageImportOptions page_options,
                     const std::string& out, bool overwrite, const cpp::Options& options) {
  namespace fs = std::filesystem;
  page_options.allow_empty = true;
  std::size_t drafted = 0, nothing = 0, failed = 0;
  for (const std::string& page : pages) {
    const std::string directory = (fs::path(out) / fs::path(page).stem()).string();
    try {
      const import::PageImport result = import::import_pages({page}, page_options);
      if (import::count(result.draft).types == 0) {
        ++nothing;
        continue;
      }
      import::write_draft(result.draft, directory, overwrite);
      ir::Model model;
      load_model(directory, model);
      static_cast<void>(cpp::build_views(model, options));
      ++drafted;
    } catch (const SchemaErrors& errors) {
      for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
      std::cerr << page << ": the draft in " << directory << " does not pass `emgen check` (above)\n";
      ++failed;
    } catch (const std::exception& e) {
      std::cerr << page << ": " << e.what() << '\n';
      ++failed;
    }
  }
  std::cout << "emgen import page --each: " << pages.size() << " page(s): " << drafted
            << " drafted schemas that check, " << nothing << " document no representation of their own, " << failed
            << " failed" << (failed ? " (above)" : "") << "\n";
  return failed ? kSchemaError : 0;
}

struct DiffOptions {
  std::string old_schemas, new_schemas, format = "text", fail_on = "error", ignore_file;
  bool shared_only = false;
};

/// `emgen diff`: exit 0, or 1 when a change reaches --fail-on; 2 when the comparison cannot be made.
int run_diff(const DiffOptions& options) {
  namespace fs = std::filesystem;
  std::vector<std::unique_ptr<diff::GitSnapshot>> snapshots;
  // Where each side's files are, and how reports name them.
  const auto locate = [&](const std::string& argument) -> std::pair<std::string, std::string> {
    if (diff::is_git_revision(argument)) {
      const std::string beside = diff::is_git_revision(options.new_schemas) ? "schemas" : options.new_schemas;
      snapshots.push_back(std::make_unique<diff::GitSnapshot>(argument, beside));
      return {snapshots.back()->directory(), snapshots.back()->label()};
    }
    if (!fs::is_directory(argument)) throw std::invalid_argument(argument + ": not a directory, nor git:REF[:PATH]");
    return {argument, argument};
  };
  const auto relabel = [](std::string& file, const std::pair<std::string, std::string>& side) {
    if (side.first != side.second && file.starts_with(side.first)) file = side.second + file.substr(side.first.size());
  };
  std::pair<std::string, std::string> old_side, new_side;
  try {
    old_side = locate(options.old_schemas);
    new_side = locate(options.new_schemas);
  } catch (const std::exception& e) {
    std::cerr << "emgen diff: " << e.what() << '\n';
    return kUsageError;
  }
  ir::Model old_model, new_model;
  for (auto [side, model, name] : {std::tuple{&old_side, &old_model, "old"}, std::tuple{&new_side, &new_model, "new"}}) {
    try {
      load_model(side->first, *model);
    } catch (const SchemaErrors& errors) {
      for (Diagnostic diagnostic : errors.diagnostics()) {
        relabel(diagnostic.where.file, *side);
        std::cerr << diagnostic.to_string() << '\n';
      }
      std::cerr << "emgen diff: the " << name << " schemas (" << side->second << ") do not pass `emgen check`; nothing compared\n";
      return kUsageError;
    }
  }
  std::vector<diff::Ignore> ignores;
  if (!options.ignore_file.empty()) {
    try {
      ignores = diff::load_ignores(options.ignore_file);
    } catch (const SchemaErrors& errors) {
      for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
      std::cerr << "emgen diff: the ignore file has errors; nothing compared\n";
      return kUsageError;
    }
  }
  diff::Comparison comparison = diff::compare(old_model, new_model, diff::CompareOptions{options.shared_only});
  for (diff::Change& change : comparison.changes) {
    if (change.old_at) relabel(change.old_at->file, old_side);
    if (change.new_at) relabel(change.new_at->file, new_side);
  }
  const diff::Report report =
      diff::make_report({old_side.second, old_model.api.version, old_model.api.build},
                        {new_side.second, new_model.api.version, new_model.api.build}, std::move(comparison), ignores);
  const std::map<std::string, diff::Format> formats{{"text", diff::Format::text}, {"json", diff::Format::json},
                                                    {"markdown", diff::Format::markdown}, {"github", diff::Format::github}};
  std::cout << diff::render(report, formats.at(options.format));
  for (const diff::Ignore& unused : report.unused_ignores)
    std::cerr << unused.where.file << ":" << unused.where.line << ": " << unused.where.yaml_path << ": ignores " << unused.rule
              << " " << unused.subject << ", which this comparison does not report (remove it?)\n";
  const std::map<std::string, std::optional<diff::Severity>> thresholds{
      {"error", diff::Severity::error}, {"warning", diff::Severity::warning}, {"info", diff::Severity::info}, {"none", std::nullopt}};
  return diff::fails(report, thresholds.at(options.fail_on)) ? kSchemaError : 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"emgen: generates typed C++ bindings for the Veeam Backup Enterprise Manager REST API from YAML schemas"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("emgen ") + EMGEN_VERSION);

  std::string schemas, templates, out, cpp_namespace = "veeam::em";
  bool check_only = false, quiet = false;

  CLI::App* generate = app.add_subcommand("generate", "Generate C++ sources from a schema directory");
  generate->add_option("--schemas", schemas, "Directory of *.yaml schema files")->required()->check(CLI::ExistingDirectory);
  generate->add_option("--templates", templates, "Directory of *.mustache templates")
      ->required()
      ->check(CLI::ExistingDirectory);
  generate->add_option("--out", out, "Output directory (only changed files are written)")->required();
  generate->add_option("--namespace", cpp_namespace, "C++ namespace of the generated code")->capture_default_str();
  generate->add_flag("--check", check_only, "Write nothing; exit 1 and list the files that differ from --out");
  generate->add_flag("--quiet", quiet, "Print only the files written or removed (nothing when all are up to date)");
  std::string diagnostics_format = "text";

  CLI::App* check = app.add_subcommand("check", "Check a schema directory and report every error");
  check->add_option("--schemas", schemas, "Directory of *.yaml schema files")->required()->check(CLI::ExistingDirectory);
  for (CLI::App* command : {generate, check})
    command
        ->add_option("--diagnostics", diagnostics_format,
                     "How errors are printed on stderr: text (FILE:LINE:COL: path: message, one a line) or json (one "
                     "array of {severity, code, file, line, column, path, message, related})")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();

  // Other schema sets this one uses by name (protobuf's import): generate, check and outputs take them.
  std::vector<std::string> import_arguments;
  bool allow_version_mismatch = false;
  for (CLI::App* command : {generate, check}) {
    command
        ->add_option("--import", import_arguments,
                     "DIR[=NAMESPACE]: a schema set whose types and enums these schemas use by name, generated in "
                     "NAMESPACE (default veeam::em); repeatable")
        ->check(CLI::Validator(
            [](std::string& value) {
              const std::string directory = value.substr(0, value.rfind('='));
              return std::filesystem::is_directory(directory) ? std::string() : directory + ": not a directory";
            },
            "DIR[=NAMESPACE]"));
    command->add_flag("--allow-version-mismatch", allow_version_mismatch,
                      "Use an imported set whose api.yaml declares another API version");
  }

  CLI::App* outputs = app.add_subcommand("outputs", "List the files generate writes, relative to --out");
  outputs->add_option("--schemas", schemas, "Directory of *.yaml schema files")->required()->check(CLI::ExistingDirectory);
  outputs->add_option("--namespace", cpp_namespace, "C++ namespace of the generated code")->capture_default_str();
  outputs->add_option("--import", import_arguments, "Accepted as generate takes it; imports add no output file");

  CLI::App* import_command = app.add_subcommand("import", "Draft schema files from Veeam's XSD or help pages, for review");
  import_command->require_subcommand(1);
  std::string import_source, import_out, import_into;
  std::vector<std::string> import_only;
  import::XsdImportOptions xsd_options;
  bool overwrite = false, write_merge = false;
  // --out drafts a directory of its own; --into merges into one a person keeps, showing the diff unless --write.
  const auto add_destination = [&](CLI::App* command) {
    CLI::Option* into = command->add_option(
        "--into", import_into,
        "Merge into this schema directory instead: print what would change as a diff (write it with --write); "
        "docs, aliases, json: overrides, comments and layout there are kept byte for byte");
    into->check(CLI::ExistingDirectory)->excludes("--out");
    command->add_flag("--write", write_merge, "With --into: write the merge instead of showing it")->needs(into);
    command->add_option("--only", import_only,
                        "Draft only these types or enums (comma-separated, repeatable) and what they use: their "
                        "bases, field types and endpoint returns")
        ->delimiter(',')
        ->check(CLI::Validator(
            [](const std::string& name) {
              return name.empty() ? std::string("an empty name: give type or enum names, e.g. --only Job,BackupServer")
                                  : std::string();
            },
            "NAME[,NAME...]"));
  };
  CLI::App* import_xsd = import_command->add_subcommand("xsd", "Draft a schema directory from an XML Schema (RestAPI.xsd)");
  import_xsd->add_option("FILE", import_source, "The .xsd file, as shipped")->required()->check(CLI::ExistingFile);
  import_xsd->add_option("--out", import_out, "Directory to write the drafted schema files to");
  import_xsd->add_option("--api-version", xsd_options.api_version,
                         "api.yaml's version (default: from the file name, RestAPI_v1_3.xsd → v1_3)");
  import_xsd->add_option("--build", xsd_options.build, "api.yaml's build (default: the version)");
  import_xsd->add_flag("--overwrite", overwrite,
                       "Replace the schema files of a directory an earlier import wrote (default: refuse a directory "
                       "that holds *.yaml files)");

  std::vector<std::string> pages;
  import::PageImportOptions page_options;
  CLI::App* import_page =
      import_command->add_subcommand("page", "Draft schemas from EM REST API help pages (markdown, as in the pages folder)");
  import_page->add_option("FILE", pages, "Help pages; those of one resource (its page and its GET page) together")
      ->required()
      ->check(CLI::ExistingFile);
  import_page->add_option("--out", import_out, "Directory to write the drafted schema files and examples to");
  import_page->add_option("--api-version", page_options.api_version, "api.yaml's version")->capture_default_str();
  import_page->add_flag("--overwrite", overwrite, "Replace the schema files an earlier import wrote");
  add_destination(import_xsd);
  add_destination(import_page);
  bool each_page = false;
  import_page
      ->add_flag("--each", each_page,
                 "Draft each page alone into --out/<page's name>/ and check each draft (a review of a pages folder)")
      ->needs("--out")
      ->excludes("--only");

  // Man-page-style help: what each command exits with, and how it is used.
  app.footer(
      "EXIT STATUS\n  0 success; 1 schema errors (or, for diff, a change at --fail-on); 2 usage errors.\n\n"
      "SEE ALSO\n  emgen COMMAND --help; README.md; docs/schema-language.md; docs/schema-diff.md");
  generate->footer(
      "EXIT STATUS\n  0 generated (or, with --check, up to date); 1 schema errors, located as FILE:LINE:COL: path: "
      "message, nothing written (with --check: stale files); 2 usage errors.\n\n"
      "EXAMPLES\n  emgen generate --schemas schemas --templates templates --out generated\n"
      "  emgen generate --schemas my_schemas --import emgen/schemas=veeam::em --namespace acme::em_tasks "
      "--templates emgen/templates --out build/gen");
  check->footer(
      "EXIT STATUS\n  0 no errors; 1 schema errors, every one located; 2 usage errors.\n\n"
      "EXAMPLES\n  emgen check --schemas schemas\n  emgen check --schemas my_schemas --import emgen/schemas");
  outputs->footer("EXIT STATUS\n  0; 2 usage errors.\n\nEXAMPLES\n  emgen outputs --schemas schemas --namespace veeam::em");
  import_xsd->footer(
      "EXIT STATUS\n  0 drafted (warnings on stderr, each FILE:LINE: xsd path: what); 1 an XSD that cannot be "
      "imported (located), or with --into a merge that would not check; 2 usage errors.\n\n"
      "EXAMPLES\n  emgen import xsd RestAPI.xsd --out drafts/v1_3\n"
      "  emgen import xsd RestAPI.xsd --into schemas            # the merge as a diff\n"
      "  emgen import xsd RestAPI.xsd --into schemas --write    # written\n"
      "  emgen import xsd RestAPI.xsd --only Job,BackupServer --into schemas   # two types and what they use");
  import_page->footer(
      "EXIT STATUS\n  0 drafted (warnings on stderr, each FILE:LINE: where: what); 1 nothing to draft, or with "
      "--into a merge that would not check; 2 usage errors.\n\n"
      "EXAMPLES\n  emgen import page backupsessions_id.md get_backupsessions_id.md --out drafts/sessions\n"
      "  emgen import page backuptasksessions_id.md --into schemas --write\n"
      "  emgen import page get_query_job.md --only Job --into schemas   # the type, not the QueryEntities list\n"
      "  emgen import page --each pages/*.md --out drafts/each           # every page alone, each draft checked");

  DiffOptions diff_options;
  CLI::App* diff_command =
      app.add_subcommand("diff", "Report what changed between two versions of the schemas, and what each change breaks");
  diff_command->add_option("--old", diff_options.old_schemas,
                           "The old schemas: a directory, or git:REF[:PATH] (PATH at revision REF of the current "
                           "repository; default: --new's path, else schemas)")
      ->required();
  diff_command->add_option("--new", diff_options.new_schemas, "The new schemas: a directory, or git:REF[:PATH]")->required();
  diff_command->add_option("--format", diff_options.format, "text (grouped by severity), json, markdown or github")
      ->check(CLI::IsMember({"text", "json", "markdown", "github"}))
      ->capture_default_str();
  diff_command->add_option("--fail-on", diff_options.fail_on, "Exit 1 when a change of this severity or worse is found")
      ->check(CLI::IsMember({"error", "warning", "info", "none"}))
      ->capture_default_str();
  diff_command->add_option("--ignore", diff_options.ignore_file, "A YAML file of accepted changes {rule, subject, reason}")
      ->check(CLI::ExistingFile);
  diff_command->add_flag("--shared-only", diff_options.shared_only,
                         "Compare only the types and enums both sides have (schema sets of different scope)");
  diff_command->footer(
      "EXIT STATUS\n  0 no change at --fail-on; 1 a change at --fail-on (default error); 2 the comparison cannot be "
      "made (a side that does not check, an unknown revision, a bad ignore file, a bad option).\n\n"
      "EXAMPLES\n  emgen diff --old git:HEAD --new schemas\n"
      "  emgen diff --old git:origin/main --new schemas --format github\n"
      "  emgen diff --old drafts/v1_3 --new schemas --shared-only --format markdown --fail-on none\n\n"
      "SEE ALSO\n  docs/schema-diff.md: every rule, the JSON format, the ignore file");

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
  if (!cpp::is_valid_namespace(cpp_namespace)) {
    std::cerr << "emgen: --namespace '" << cpp_namespace << "' is not a C++ namespace such as veeam::em\n";
    return kUsageError;
  }
  cpp::Options options{cpp_namespace, {}};
  std::vector<ImportOption> import_options;
  for (const std::string& argument : import_arguments) {
    ImportOption option = parse_import(argument);
    // Two sets generated into one namespace would write the same headers (api.hpp): generate refuses it.
    if (!cpp::is_valid_namespace(option.cpp_namespace) || (*generate && option.cpp_namespace == cpp_namespace)) {
      std::cerr << "emgen: --import " << argument << ": '" << option.cpp_namespace
                << "' must be a C++ namespace other than --namespace's\n";
      return kUsageError;
    }
    options.imported_namespaces[option.directory] = option.cpp_namespace;
    import_options.push_back(std::move(option));
  }
  if ((*import_xsd || *import_page) && import_out.empty() && import_into.empty()) {
    std::cerr << "emgen import: say where the draft goes: --out DIR (a new directory) or --into DIR (merge)\n";
    return kUsageError;
  }

  if (*diff_command) return run_diff(diff_options);
  try {
    if (*import_xsd) {
      import::XsdImport result = import::import_xsd(import_source, xsd_options);
      if (!import_only.empty()) result.draft = import::only(result.draft, import_only);
      for (const Diagnostic& note : result.notes) std::cerr << note.to_string() << '\n';
      if (!import_into.empty()) return merge_into(result.draft, import_into, write_merge, "emgen import xsd");
      const auto written = import::write_draft(result.draft, import_out, overwrite);
      const import::DraftCounts drafted = import::count(result.draft);
      std::cout << "emgen import xsd: " << result.complex_types << " complex types, " << result.simple_types
                << " simple types, " << result.global_elements << " global elements → " << drafted.types
                << " types, " << drafted.enums << " enums in " << drafted.files << " files in " << import_out << " ("
                << written.size() << " written); " << result.notes.size()
                << " warning(s) above: what was not carried over, and choices to review\n";
      return 0;
    }
    if (*import_page && each_page) return import_each_page(pages, page_options, import_out, overwrite, options);
    if (*import_page) {
      import::PageImport result = import::import_pages(pages, page_options);
      if (!import_only.empty()) result.draft = import::only(result.draft, import_only);
      for (const Diagnostic& note : result.notes) std::cerr << note.to_string() << '\n';
      if (!import_into.empty()) return merge_into(result.draft, import_into, write_merge, "emgen import page");
      const auto written = import::write_draft(result.draft, import_out, overwrite);
      const import::DraftCounts drafted = import::count(result.draft);
      std::cout << "emgen import page: " << pages.size() << " page(s) → " << drafted.types << " types, "
                << drafted.enums << " enums, "
                << result.draft.payloads.size() << " example payload(s) in " << import_out << " (" << written.size()
                << " files written); " << result.notes.size()
                << " warning(s) above: contradictions, cut-short payloads, rows not understood\n";
      return 0;
    }
    if (*outputs) {
      for (const auto& path : cpp::output_paths(schema_stems(schemas), options)) std::cout << path << '\n';
      return 0;
    }
    std::deque<ir::Model> imported_models;
    precompile::Imports imports;
    imports.allow_other_versions = allow_version_mismatch;
    load_imports(import_options, imported_models, imports);
    ir::Model model;
    load_model(schemas, model, imports);
    if (*check) {
      // The C++ stage decides the C++ names, and reports the clashes among them: check runs it too.
      static_cast<void>(cpp::build_views(model, options));
      std::cout << schemas << ": " << model.types.size() << " types, " << model.enums.size() << " enums in "
                << model.files.size() << " files; no errors\n";
      return 0;
    }
    const auto rendered = output::render(cpp::build_views(model, options), templates);
    if (check_only) {
      const auto stale = output::stale_files(rendered, out);
      for (const auto& path : stale) std::cerr << out << "/" << path << ": differs from what the schemas generate\n";
      if (!stale.empty()) {
        std::cerr << "emgen: " << stale.size() << " generated file(s) are stale; regenerate them\n";
        return kSchemaError;
      }
      if (!quiet) std::cout << "emgen: " << rendered.size() << " files up to date in " << out << '\n';
      return 0;
    }
    const auto report = output::write_files(rendered, out);
    if (!quiet || !report.written.empty() || !report.removed.empty()) {
      for (const auto& path : report.written) std::cout << "wrote " << out << "/" << path << '\n';
      for (const auto& path : report.removed) std::cout << "removed " << out << "/" << path << '\n';
      std::cout << "emgen: " << report.written.size() << " written, " << report.unchanged.size() << " unchanged, "
                << report.removed.size() << " removed\n";
    }
    return 0;
  } catch (const SchemaErrors& errors) {
    if (diagnostics_format == "json") {
      std::cerr << to_json(errors.diagnostics()) << '\n';
      return kSchemaError;
    }
    for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
    std::cerr << "emgen: " << errors.diagnostics().size() << " error(s); nothing written\n";
    return kSchemaError;
  } catch (const output::TemplateError& e) {
    std::cerr << "emgen: template error: " << e.what() << '\n';
    return kSchemaError;
  } catch (const import::UnknownDraftName& e) {
    std::cerr << "emgen import: " << e.what() << '\n';
    return kUsageError;
  } catch (const import::ImportError& e) {
    std::cerr << e.what() << '\n';
    std::cerr << "emgen: nothing imported\n";
    return kSchemaError;
  } catch (const std::exception& e) {
    std::cerr << "emgen: " << e.what() << '\n';
    return kSchemaError;
  }
}
