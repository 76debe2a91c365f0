// `emgen import xsd` and `emgen import page`: schema files drafted from Veeam's XSD or help pages, written into
// a directory of their own (--out) or merged into one a person keeps (--into).

#include <filesystem>
#include <iostream>

#include "commands/command.hpp"
#include "import/merge.hpp"
#include "import/page.hpp"
#include "import/xsd.hpp"

namespace emgen::gen::commands {
namespace {

/// `--into`: the directory must check before and after; the merge is shown as a diff, or written with --write.
int merge_into(const import::Draft& draft, const std::string& directory, bool write, const std::string& command,
               const pipeline::ImportedSets& imported) {
  const pipeline::MergeCheck checked = pipeline::merge_checked(draft, directory, imported.imports);
  if (checked.outcome == pipeline::MergeCheck::Outcome::directory_does_not_check) {
    for (const auto& diagnostic : checked.errors) std::cerr << diagnostic.to_string() << '\n';
    std::cerr << command << ": " << directory << " does not pass `emgen check`; fix it before merging into it"
              << (imported.models.empty() ? " (a directory whose schemas use another set's types needs --import DIR)"
                                          : "")
              << "\n";
    return kSchemaError;
  }
  const import::Merge& merge = checked.merge;
  for (const Diagnostic& note : merge.notes) std::cerr << note.to_string() << '\n';
  if (checked.outcome == pipeline::MergeCheck::Outcome::merge_does_not_check) {
    for (const auto& diagnostic : checked.errors) std::cerr << diagnostic.to_string() << '\n';
    std::cerr << command << ": the merge would leave " << directory
              << " failing `emgen check` (above); nothing written. Import with --out and merge by hand.\n";
    return kSchemaError;
  }
  const import::MergeCounts& c = merge.counts;
  if (!write)
    for (const import::FileChange& change : merge.changes) std::cout << import::unified_diff(change, directory);
  else
    import::write_merge(merge, directory);
  // With --write the summary is the output; without, the diff is, and the summary goes with the notes.
  (write ? std::cout : std::cerr) << command << " --into " << directory << ": +" << c.types << " types, +" << c.enums
                                  << " enums, +" << c.fields << " fields, +" << c.values << " enum values, +" << c.links
                                  << " links, +" << c.endpoints << " endpoints, +" << c.examples << " examples; "
                                  << c.docs << " docs filled, " << c.enum_typed << " String(s) typed as enums, "
                                  << c.made_optional << " field(s) made optional, " << c.aliases << " alias(es); "
                                  << c.disagreements << " disagreement(s) kept as they were (above); "
                                  << merge.changes.size() << " file(s) "
                                  << (write                   ? "written"
                                      : merge.changes.empty() ? "would change"
                                                              : "would change (diff above; --write writes it)")
                                  << "\n";
  return 0;
}

/// `import page --each`: each page drafted alone into OUT/<page's stem>/ and the draft checked as `emgen check`
/// checks it, in one process (a review of a whole pages folder). A page that documents no representation of its
/// own drafts nothing; an import error or a draft that does not check is reported at its page. Exit 1 if any.
int import_each_page(const std::vector<std::string>& pages, import::PageImportOptions page_options,
                     const std::string& out, bool overwrite, const pipeline::ImportedSets& imported) {
  namespace fs = std::filesystem;
  page_options.allow_empty = true;
  std::size_t drafted = 0, nothing = 0, failed = 0, all_imported = 0;
  for (const std::string& page : pages) {
    const std::string directory = (fs::path(out) / fs::path(page).stem()).string();
    try {
      const import::PageImport result = import::import_pages({page}, page_options);
      if (import::count(result.draft).types == 0) {
        ++nothing;
        continue;
      }
      std::vector<Diagnostic> notes;  // --each reports failures only, as without --import
      const import::Draft draft = pipeline::draft_on_imports(result.draft, imported, notes);
      if (import::count(draft).types == 0) {
        ++all_imported;
        continue;
      }
      import::write_draft(draft, directory, overwrite);
      ir::Model model;
      pipeline::load(directory, model, imported.imports);
      pipeline::check_cpp_names(model, cpp::Options{});
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
            << " drafted schemas that check, " << nothing << " document no representation of their own, ";
  if (!imported.models.empty()) std::cout << all_imported << " document only what the imports define, ";
  std::cout << failed << " failed" << (failed ? " (above)" : "") << "\n";
  return failed ? kSchemaError : 0;
}

class Import : public Command {
 public:
  explicit Import(CLI::App& app)
      : Command(app.add_subcommand("import", "Draft schema files from Veeam's XSD or help pages, for review")) {
    app_->require_subcommand(1);
    xsd_ = app_->add_subcommand("xsd", "Draft a schema directory from an XML Schema (RestAPI.xsd)");
    xsd_->add_option("FILE", source_, "The .xsd file, as shipped")->required()->check(CLI::ExistingFile);
    xsd_->add_option("--out", out_, "Directory to write the drafted schema files to");
    xsd_->add_option("--api-version", xsd_options_.api_version,
                     "api.yaml's version (default: from the file name, RestAPI_v1_3.xsd → v1_3)");
    xsd_->add_option("--build", xsd_options_.build, "api.yaml's build (default: the version)");
    xsd_->add_flag("--overwrite", overwrite_,
                   "Replace the schema files of a directory an earlier import wrote (default: refuse a directory "
                   "that holds *.yaml files)");

    page_ =
        app_->add_subcommand("page", "Draft schemas from EM REST API help pages (markdown, as in the pages folder)");
    page_->add_option("FILE", pages_, "Help pages; those of one resource (its page and its GET page) together")
        ->required()
        ->check(CLI::ExistingFile);
    page_->add_option("--out", out_, "Directory to write the drafted schema files and examples to");
    page_->add_option("--api-version", page_options_.api_version, "api.yaml's version")->capture_default_str();
    page_->add_flag("--overwrite", overwrite_, "Replace the schema files an earlier import wrote");
    add_destination(xsd_);
    add_destination(page_);
    imports_.add_imports(xsd_);
    imports_.add_imports(page_);
    page_
        ->add_flag("--each", each_page_,
                   "Draft each page alone into --out/<page's name>/ and check each draft (a review of a pages folder)")
        ->needs("--out")
        ->excludes("--only");

    xsd_->footer(
        "EXIT STATUS\n  0 drafted (warnings on stderr, each FILE:LINE: xsd path: what); 1 an XSD that cannot be "
        "imported (located), or with --into a merge that would not check; 2 usage errors.\n\n"
        "EXAMPLES\n  emgen import xsd RestAPI.xsd --out drafts/v1_3\n"
        "  emgen import xsd RestAPI.xsd --into schemas            # the merge as a diff\n"
        "  emgen import xsd RestAPI.xsd --into schemas --write    # written\n"
        "  emgen import xsd RestAPI.xsd --only Job,BackupServer --into schemas   # two types and what they use\n"
        "  emgen import xsd RestAPI_v1_8.xsd --import emgen/schemas --out drafts   # what emgen/schemas lacks");
    page_->footer(
        "EXIT STATUS\n  0 drafted (warnings on stderr, each FILE:LINE: where: what); 1 nothing to draft, or with "
        "--into a merge that would not check; 2 usage errors.\n\n"
        "EXAMPLES\n  emgen import page backupsessions_id.md get_backupsessions_id.md --out drafts/sessions\n"
        "  emgen import page backuptasksessions_id.md --into schemas --write\n"
        "  emgen import page get_query_job.md --only Job --into schemas   # the type, not the QueryEntities list\n"
        "  emgen import page --each pages/*.md --out drafts/each           # every page alone, each draft checked\n"
        "  emgen import page agents_discoveredcomputers_id.md --import emgen/schemas --into my_schemas\n"
        "                                                    # EM's Entity and Link used by name, not drafted again");
  }

  int run() override {
    if (out_.empty() && into_.empty()) {
      std::cerr << "emgen import: say where the draft goes: --out DIR (a new directory) or --into DIR (merge)\n";
      return kUsageError;
    }
    cpp::Options unused;
    std::vector<pipeline::ImportOption> imports;
    if (!imports_.resolve(false, unused, imports)) return kUsageError;
    return reporting_errors([&] {
      pipeline::load_imports(imports, imports_.allow_version_mismatch, imported_);
      return *xsd_ ? import_xsd() : import_pages();
    });
  }

 private:
  // --out drafts a directory of its own; --into merges into one a person keeps, showing the diff unless --write.
  void add_destination(CLI::App* command) {
    CLI::Option* into = command->add_option(
        "--into", into_,
        "Merge into this schema directory instead: print what would change as a diff (write it with --write); "
        "docs, aliases, json: overrides, comments and layout there are kept byte for byte");
    into->check(CLI::ExistingDirectory)->excludes("--out");
    command->add_flag("--write", write_merge_, "With --into: write the merge instead of showing it")->needs(into);
    command
        ->add_option("--only", only_,
                     "Draft only these types or enums (comma-separated, repeatable) and what they use: their "
                     "bases, field types and endpoint returns")
        ->delimiter(',')
        ->check(CLI::Validator(
            [](const std::string& name) {
              return name.empty() ? std::string("an empty name: give type or enum names, e.g. --only Job,BackupServer")
                                  : std::string();
            },
            "NAME[,NAME...]"));
  }

  int import_xsd() {
    import::XsdImport result = import::import_xsd(source_, xsd_options_);
    if (!only_.empty()) result.draft = import::only(result.draft, only_);
    result.draft = pipeline::draft_on_imports(result.draft, imported_, result.notes);
    for (const Diagnostic& note : result.notes) std::cerr << note.to_string() << '\n';
    if (!into_.empty()) return merge_into(result.draft, into_, write_merge_, "emgen import xsd", imported_);
    const auto written = import::write_draft(result.draft, out_, overwrite_);
    const import::DraftCounts drafted = import::count(result.draft);
    std::cout << "emgen import xsd: " << result.complex_types << " complex types, " << result.simple_types
              << " simple types, " << result.global_elements << " global elements → " << drafted.types << " types, "
              << drafted.enums << " enums in " << drafted.files << " files in " << out_ << " (" << written.size()
              << " written); " << result.notes.size()
              << " warning(s) above: what was not carried over, and choices to review\n";
    return 0;
  }

  int import_pages() {
    if (each_page_) return import_each_page(pages_, page_options_, out_, overwrite_, imported_);
    import::PageImport result = import::import_pages(pages_, page_options_);
    if (!only_.empty()) result.draft = import::only(result.draft, only_);
    result.draft = pipeline::draft_on_imports(result.draft, imported_, result.notes);
    for (const Diagnostic& note : result.notes) std::cerr << note.to_string() << '\n';
    if (!into_.empty()) return merge_into(result.draft, into_, write_merge_, "emgen import page", imported_);
    const auto written = import::write_draft(result.draft, out_, overwrite_);
    const import::DraftCounts drafted = import::count(result.draft);
    std::cout << "emgen import page: " << pages_.size() << " page(s) → " << drafted.types << " types, " << drafted.enums
              << " enums, " << result.draft.payloads.size() << " example payload(s) in " << out_ << " ("
              << written.size() << " files written); " << result.notes.size()
              << " warning(s) above: contradictions, cut-short payloads, rows not understood\n";
    return 0;
  }

  CLI::App* xsd_ = nullptr;
  CLI::App* page_ = nullptr;
  std::string source_, out_, into_;
  std::vector<std::string> pages_, only_;
  import::XsdImportOptions xsd_options_;
  import::PageImportOptions page_options_;
  bool overwrite_ = false, write_merge_ = false, each_page_ = false;
  // --import: the sets the drafted schemas will import, whose types and enums the draft uses by name.
  SchemaSetOptions imports_;
  pipeline::ImportedSets imported_;
};

}  // namespace

std::unique_ptr<Command> add_import(CLI::App& app) { return std::make_unique<Import>(app); }

}  // namespace emgen::gen::commands
