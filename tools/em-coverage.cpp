// em-coverage: which EM REST API help pages the schemas cover. Each page is read as `emgen import page` reads it
// (alone); what it documents (its HTTP request, the representation its table and example describe) is looked up
// in the resolved schemas: an endpoint by method and path, a representation by its root element.
//
//   em-coverage --pages tests/import/pages --schemas schemas --notes docs/coverage-notes.yaml > docs/coverage.md
//
// The notes say why a page is not covered (yet); a note for a page that is covered, or that does not exist, is an
// error, so that the reasons cannot go stale.

#include <yaml-cpp/yaml.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "import/page.hpp"
#include "naming.hpp"
#include "pipeline.hpp"

namespace {

namespace fs = std::filesystem;
using namespace emgen::gen;

struct PageCoverage {
  std::string file;
  std::vector<std::string> documents;  // `GET /backupSessions/{ID}`, `<BackupJobSession>`
  std::vector<std::string> covered_by;
  std::size_t examples = 0;
  std::size_t cut_short = 0;
  std::string status;
  std::string why;
};

std::string cell(std::vector<std::string> items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : "<br>") + item;
  return text.empty() ? "—" : text;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"em-coverage: which EM REST API help pages the schemas cover, as markdown"};
  std::string pages_dir, schemas_dir, notes_file;
  app.add_option("--pages", pages_dir, "The help pages (markdown)")->required()->check(CLI::ExistingDirectory);
  app.add_option("--schemas", schemas_dir, "The schema directory")->required()->check(CLI::ExistingDirectory);
  app.add_option("--notes", notes_file, "YAML map of page file name to why it is not covered (yet)")
      ->check(CLI::ExistingFile);
  app.footer(
      "EXIT STATUS\n  0 written; 1 the schemas do not check, or a note is for a covered or unknown page; 2 usage "
      "errors.\n\n"
      "EXAMPLES\n  em-coverage --pages tests/import/pages --schemas schemas --notes docs/coverage-notes.yaml > "
      "docs/coverage.md");
  CLI11_PARSE(app, argc, argv);

  ir::Model model;
  try {
    pipeline::load(schemas_dir, model);
  } catch (const SchemaErrors& errors) {
    for (const auto& diagnostic : errors.diagnostics()) std::cerr << diagnostic.to_string() << '\n';
    return 1;
  }
  std::map<std::string, std::pair<std::string, int>> notes;  // page → why, line
  if (!notes_file.empty()) {
    try {
      const YAML::Node root = YAML::LoadFile(notes_file);
      if (!root.IsMap() && !root.IsNull()) throw YAML::Exception(root.Mark(), "expected a map of page: why");
      for (const auto& entry : root) {
        if (!entry.second.IsScalar()) throw YAML::Exception(entry.second.Mark(), "expected the reason as text");
        notes[entry.first.Scalar()] = {entry.second.Scalar(), entry.first.Mark().line + 1};
      }
    } catch (const YAML::Exception& error) {
      std::cerr << notes_file << ":" << error.mark.line + 1 << ":" << error.mark.column + 1 << ": " << error.msg
                << '\n';
      return 1;
    }
  }
  std::map<std::string, std::string> endpoints;  // METHOD shape → type
  std::map<std::string, std::string> elements;   // element → type
  for (const ir::Type& type : model.types) {
    for (const ir::Endpoint& endpoint : type.endpoints)
      endpoints[endpoint.method + " " + path_shape(endpoint.path)] = type.name;
    if (type.element) elements[*type.element] = type.name;
    // The query service's forms are covered by the list of QueryEntities that holds their entities.
    for (const ir::Field& field : type.fields)
      if (field.query_type)
        endpoints["GET " + path_shape("/query?type=" + *field.query_type)] = type.name + "." + field.name;
  }

  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(pages_dir))
    if (entry.path().extension() == ".md" && entry.path().filename() != "SOURCES.md" &&
        entry.path().filename() != "README.md")
      paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());

  std::vector<PageCoverage> pages;
  std::map<std::string, std::size_t> totals;
  for (const fs::path& path : paths) {
    PageCoverage page;
    page.file = path.filename().string();
    import::PageImport result;
    import::PageImportOptions options;
    options.allow_empty = true;
    try {
      result = import::import_pages({path.string()}, options);
    } catch (const import::ImportError& error) {
      std::string reason = error.what();
      std::replace(reason.begin(), reason.end(), '\n', ' ');
      page.status = "not read: " + reason;
      pages.push_back(page);
      ++totals["not read"];
      continue;
    }
    std::size_t documented = 0, covered = 0;
    std::set<std::string> seen;
    const auto look_up = [&](const std::string& what, const std::map<std::string, std::string>& table,
                             const std::string& key) {
      if (!seen.insert(what).second) return;
      page.documents.push_back("`" + what + "`");
      ++documented;
      if (const auto found = table.find(key); found != table.end()) {
        page.covered_by.push_back(found->second);
        ++covered;
      }
    };
    for (const import::DraftEndpoint& endpoint : result.requests)
      look_up(endpoint.method + " " + endpoint.path, endpoints, endpoint.method + " " + path_shape(endpoint.path));
    for (const import::DraftFile& file : result.draft.files)
      for (const import::DraftType& type : file.types)
        if (!type.element.empty()) look_up("<" + type.element + ">", elements, type.element);
    page.examples = result.draft.payloads.size();
    for (const emgen::gen::Diagnostic& note : result.notes)
      if (note.code == import::kCutShortPayload) ++page.cut_short;
    page.status = documented == 0         ? "documents no endpoint or representation of its own"
                  : covered == documented ? "covered"
                  : covered > 0           ? "partly covered"
                                          : "not covered yet";
    if (const auto note = notes.find(page.file); note != notes.end()) {
      if (page.status == "covered" || page.status.starts_with("documents no")) {
        std::cerr << notes_file << ":" << note->second.second << ": " << page.file << " is " << page.status
                  << ": its note is stale; remove it\n";
        return 1;
      }
      page.why = note->second.first;
      notes.erase(note);
    }
    ++totals[page.status];
    totals["examples"] += page.examples;
    totals["cut short"] += page.cut_short;
    pages.push_back(std::move(page));
  }

  for (const auto& [page, note] : notes) {
    std::cerr << notes_file << ":" << note.second << ": no page " << page << " in " << pages_dir << '\n';
    return 1;
  }
  std::ostringstream out;
  out << "# Coverage of the EM REST API help pages\n\n"
      << "Generated by `em-coverage --pages tests/import/pages --schemas schemas --notes docs/coverage-notes.yaml` "
         "(tools/em-coverage.cpp); the ctest "
         "test `coverage_report_is_current` fails when it is stale. Each page is read as `emgen import page` reads "
         "it, alone: what it documents is its HTTP request (an endpoint, looked up by method and path) and the "
         "representation its parameter table and example describe (looked up by root element). \"Examples\" counts "
         "the page's complete example payloads; \"cut short\" those the page publishes incomplete. \"Why not (yet)\" "
         "comes from docs/coverage-notes.yaml.\n\n";
  out << "| | pages |\n|---|---|\n";
  for (const char* status : {"covered", "partly covered", "not covered yet",
                             "documents no endpoint or representation of its own", "not read"})
    out << "| " << status << " | " << totals[status] << " |\n";
  out << "| **all** | " << pages.size() << " |\n\n"
      << totals["examples"] << " complete example payloads, " << totals["cut short"] << " cut short in the pages.\n\n";
  out << "| Page | Documents | Covered by | Examples (cut short) | Status | Why not (yet) |\n"
      << "|---|---|---|---|---|---|\n";
  for (const PageCoverage& page : pages)
    out << "| " << page.file << " | " << cell(page.documents) << " | " << cell(page.covered_by) << " | "
        << page.examples << " (" << page.cut_short << ") | " << page.status << " | "
        << (page.why.empty() ? "" : page.why) << " |\n";
  std::cout << out.str();
  return 0;
}
