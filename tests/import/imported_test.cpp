// `emgen import ... --import DIR`: a draft for a schema set that imports another uses the imported types and enums
// by name. use_imported() on drafts made here, rule by rule; then the command line on the help pages of
// examples/consumer's resource, with --out and with --into a directory that imports emgen's schemas.

#include "import/imported.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../generator/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using emgen::gen::Diagnostic;
using emgen::gen::Location;
using emgen::gen::import::Draft;
using emgen::gen::import::DraftApi;
using emgen::gen::import::DraftEnum;
using emgen::gen::import::DraftField;
using emgen::gen::import::DraftFile;
using emgen::gen::import::DraftType;
using emgen::gen::import::ImportedDefinition;
using emgen::gen::import::use_imported;
using emgen_test::read_text;
using emgen_test::run;
using emgen_test::TempDir;
using emgen_test::write_text;

DraftField field(const std::string& name, const std::string& type = "String") {
  DraftField f;
  f.name = name;
  f.type = type;
  return f;
}

DraftType type(const std::string& name, const std::vector<std::string>& fields, const std::string& origin) {
  DraftType t;
  t.name = name;
  t.origin = origin;
  for (const std::string& f : fields) t.fields.push_back(field(f));
  return t;
}

/// What an imported set like emgen's defines, made here: Resource, Entity on it, a document type, Link, an enum.
std::vector<ImportedDefinition> imported() {
  return {
      {"Resource", false, Location{"em/common.yaml", 10, 11, ""}, {"Href", "Type"}, false},
      {"Entity", false, Location{"em/common.yaml", 20, 11, ""}, {"Href", "Type", "Name", "UID", "Links"}, false},
      {"BackupServer",
       false,
       Location{"em/backup_server.yaml", 5, 11, ""},
       {"Href", "Type", "Name", "UID", "Links", "Port"},
       true},
      {"Link", false, Location{"em/common.yaml", 30, 11, ""}, {"Href", "Name", "Type", "Rel"}, false},
      {"SessionResult", true, Location{"em/session_result.yaml", 3, 11, ""}, {}, false},
  };
}

const DraftApi kEmApi{"EM", "v1_7", "13.0", "http://www.veeam.com/ent/v1.0", "/api"};

Draft page_like_draft() {
  Draft draft;
  draft.api = DraftApi{"EM", "v1_7", "v1_7", "http://www.veeam.com/ent/v1.0", "/api"};
  DraftFile common;
  common.stem = "common";
  DraftType link = type("Link", {"Href", "Name", "Type", "Rel", "Title"}, "");
  common.types.push_back(link);
  DraftEnum result;
  result.name = "SessionResult";
  common.enums.push_back(result);
  DraftFile computer;
  computer.stem = "discovered_computer";
  DraftType discovered =
      type("DiscoveredComputer", {"Links", "UID", "Name", "HostStatus", "Port", "Type", "Href"}, "page.md:12");
  discovered.fields[0].type = "Link";
  discovered.fields[0].repeated = true;
  computer.types.push_back(discovered);
  computer.types.push_back(type("Status", {"Href", "State"}, "page.md:40"));
  draft.files = {common, computer};
  return draft;
}

// Every note use_imported makes has a code of imported.hpp's table: each test that reads the notes checks it.
void expect_codes(const std::vector<Diagnostic>& notes) {
  for (const Diagnostic& note : notes) EXPECT_FALSE(note.code.empty()) << note.to_string();
}

TEST(UseImported, LeavesOutWhatTheImportsDefineAndNotesIt) {
  std::vector<Diagnostic> notes;
  const Draft result = use_imported(page_like_draft(), imported(), kEmApi, notes);
  expect_codes(notes);
  // common.yaml held only Link and SessionResult: it is gone.
  ASSERT_EQ(result.files.size(), 1u);
  EXPECT_EQ(result.files[0].stem, "discovered_computer");
  EXPECT_EQ(result.api.build, "13.0") << "the api is the imported set's, so that the versions agree";
  ASSERT_EQ(notes.size(), 3u);
  // The drafted Link had a field EM's lacks: the note names it, at the draft's file (the importer added Link).
  EXPECT_EQ(notes[0].to_string(),
            "common.yaml: warning: enum SessionResult: the imported schemas define SessionResult; the draft uses it "
            "instead of "
            "its own (defined at em/session_result.yaml:3:11)");
  EXPECT_EQ(
      notes[1].to_string(),
      "common.yaml: warning: Link: the imported schemas define Link; the draft uses it instead of its own, which lacks "
      "the draft's Title: review (defined at em/common.yaml:30:11)");
  EXPECT_EQ(notes[0].severity, Diagnostic::Severity::warning);
}

TEST(UseImported, ATypeListingAnImportedBasesFieldsExtendsTheOneWithMost) {
  std::vector<Diagnostic> notes;
  const Draft result = use_imported(page_like_draft(), imported(), kEmApi, notes);
  expect_codes(notes);
  ASSERT_EQ(result.files.size(), 1u);
  ASSERT_EQ(result.files[0].types.size(), 2u);
  // Entity (5 fields) rather than Resource (2); BackupServer has them all too, but is a document of its own.
  const DraftType& computer = result.files[0].types[0];
  EXPECT_EQ(computer.extends, "Entity");
  std::vector<std::string> own;
  for (const DraftField& f : computer.fields) own.push_back(f.name);
  EXPECT_EQ(own, (std::vector<std::string>{"HostStatus", "Port"}));
  EXPECT_EQ(
      notes[2].to_string(),
      "page.md:12: warning: DiscoveredComputer: lists Href, Type, Name, UID, Links, the fields of the imported Entity: "
      "it extends Entity instead, whose fields' types and optionality now apply: review (defined at "
      "em/common.yaml:20:11)");
  // A type lacking one of Resource's fields extends nothing.
  EXPECT_EQ(result.files[0].types[1].name, "Status");
  EXPECT_EQ(result.files[0].types[1].extends, "");
  EXPECT_EQ(result.files[0].types[1].fields.size(), 2u);
}

// A drafted document the imported set has already goes with its example payload and SOURCES.md row.
TEST(UseImported, ATypeLeftOutTakesItsExamplesWithIt) {
  Draft draft = page_like_draft();
  DraftType server = type("BackupServer", {"Port"}, "backupservers_id.md:3");
  server.examples.push_back({"examples/BackupServer_backupservers_id.xml", "From the page.", {}});
  draft.files[1].types.push_back(server);
  draft.files[1].types[0].examples.push_back({"examples/DiscoveredComputer_page.xml", "", {}});
  draft.payloads = {{"examples/BackupServer_backupservers_id.xml", "<BackupServer/>"},
                    {"examples/DiscoveredComputer_page.xml", "<DiscoveredComputer/>"}};
  draft.sources = {"| BackupServer_backupservers_id.xml | backupservers_id.html | |",
                   "| DiscoveredComputer_page.xml | page.html | |"};
  std::vector<Diagnostic> notes;
  const Draft result = use_imported(draft, imported(), kEmApi, notes);
  expect_codes(notes);
  ASSERT_EQ(result.payloads.size(), 1u);
  EXPECT_EQ(result.payloads[0].file, "examples/DiscoveredComputer_page.xml");
  EXPECT_EQ(result.sources, std::vector<std::string>{"| DiscoveredComputer_page.xml | page.html | |"});
  ASSERT_EQ(notes.size(), 4u);
  EXPECT_EQ(notes[3].to_string(),
            "backupservers_id.md:3: warning: BackupServer: the imported schemas define BackupServer; the draft uses it "
            "instead "
            "of its own; its example examples/BackupServer_backupservers_id.xml is left out with it (defined at "
            "em/backup_server.yaml:5:11)");
}

TEST(UseImported, KeepsABaseTheDraftChoseAndChangesNothingWithoutImports) {
  Draft draft = page_like_draft();
  draft.files[1].types[0].extends = "Thing";
  std::vector<Diagnostic> notes;
  const Draft result = use_imported(draft, imported(), kEmApi, notes);
  expect_codes(notes);
  EXPECT_EQ(result.files[0].types[0].extends, "Thing");
  EXPECT_EQ(result.files[0].types[0].fields.size(), 7u);

  std::vector<Diagnostic> none;
  const Draft same = use_imported(page_like_draft(), {}, kEmApi, none);
  EXPECT_EQ(same.files.size(), 2u);
  EXPECT_TRUE(none.empty());
}

const std::vector<std::string> kPages = {std::string(PAGES_DIR) + "/agents_discoveredcomputers_id.md",
                                         std::string(PAGES_DIR) + "/get_agents_discoveredcomputers_id.md"};

std::vector<std::string> import_page(const std::vector<std::string>& extra) {
  std::vector<std::string> argv{EMGEN_EXE, "import", "page"};
  argv.insert(argv.end(), kPages.begin(), kPages.end());
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

// Without --import, the page's draft defines a Link of its own, which clashes with EM's when the draft is used
// beside it; with --import, it uses EM's Link and extends EM's Entity, and checks beside them.
TEST(ImportCommand, ADraftWithImportUsesTheImportedTypesAndChecksBesideThem) {
  const TempDir dir;
  const std::string em = std::string(SCHEMAS_DIR) + "=veeam::em";
  const auto alone = run(import_page({"--out", (dir / "alone").string()}));
  ASSERT_EQ(alone.status, 0) << alone.err;
  const auto clash = run({EMGEN_EXE, "check", "--schemas", (dir / "alone").string(), "--import", em});
  EXPECT_EQ(clash.status, 1);
  EXPECT_NE(clash.err.find("'Link' is already defined by the imported schemas"), std::string::npos) << clash.err;

  const auto drafted = run(import_page({"--import", em, "--out", (dir / "on_em").string()}));
  ASSERT_EQ(drafted.status, 0) << drafted.err;
  EXPECT_NE(drafted.err.find("Link: the imported schemas define Link; the draft uses it instead of its own"),
            std::string::npos)
      << drafted.err;
  EXPECT_NE(
      drafted.err.find("agents_discoveredcomputers_id.md:1: warning: DiscoveredComputer: lists Href, Type, Name, UID, "
                       "Links, the fields of the imported Entity: it extends Entity instead"),
      std::string::npos)
      << drafted.err;
  EXPECT_FALSE(fs::exists(dir / "on_em" / "common.yaml"));
  const std::string schema = read_text(dir / "on_em" / "discovered_computer.yaml");
  EXPECT_NE(schema.find("    extends: Entity\n"), std::string::npos) << schema;
  EXPECT_EQ(schema.find("{name: UID,"), std::string::npos) << schema;
  const auto checked = run({EMGEN_EXE, "check", "--schemas", (dir / "on_em").string(), "--import", em});
  EXPECT_EQ(checked.status, 0) << checked.err;
  EXPECT_NE(checked.out.find("1 examples read strictly; no errors"), std::string::npos) << checked.out;
}

// A consumer's directory imports emgen's schemas: --into checks it with them before and after, and adds the
// drafted resource on top of EM's types; without --import the directory does not check, and is refused.
TEST(ImportCommand, MergesIntoADirectoryThatImports) {
  const TempDir dir;
  const std::string em = std::string(SCHEMAS_DIR) + "=veeam::em";
  const fs::path consumer = dir / "consumer";
  fs::create_directories(consumer);
  fs::copy_file(fs::path(CONSUMER_SCHEMAS_DIR) / "api.yaml", consumer / "api.yaml");
  // Made here: a consumer's own resource, on EM's Entity.
  write_text(consumer / "inventory.yaml",
             "api_version: v1_7\ntypes:\n  - name: AcmeInventoryItem\n    extends: Entity\n"
             "    element: AcmeInventoryItem\n    fields:\n      - {name: Shelf, type: String, optional: true}\n");
  const auto before = emgen_test::snapshot_bytes(consumer);

  const auto refused = run(import_page({"--into", consumer.string()}));
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("types[0].extends: unknown type 'Entity'"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("needs --import DIR"), std::string::npos) << refused.err;

  const auto shown = run(import_page({"--import", em, "--into", consumer.string()}));
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_NE(shown.out.find("+    extends: Entity"), std::string::npos) << shown.out;
  EXPECT_EQ(emgen_test::snapshot_bytes(consumer), before) << "a merge without --write wrote";

  const auto written = run(import_page({"--import", em, "--into", consumer.string(), "--write"}));
  ASSERT_EQ(written.status, 0) << written.err;
  EXPECT_NE(written.out.find("+1 types"), std::string::npos) << written.out;
  EXPECT_EQ(read_text(consumer / "inventory.yaml"), before.at("inventory.yaml"));
  EXPECT_FALSE(fs::exists(consumer / "common.yaml"));
  const auto checked = run({EMGEN_EXE, "check", "--schemas", consumer.string(), "--import", em});
  EXPECT_EQ(checked.status, 0) << checked.err;
  EXPECT_NE(checked.out.find("2 types, 0 enums in 2 files, 1 examples read strictly; no errors"), std::string::npos)
      << checked.out;
  const auto again = run(import_page({"--import", em, "--into", consumer.string()}));
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "");
}

// Veeam's v1_3 XSD drafted on top of emgen's schemas (v1_7, so --allow-version-mismatch): what the XSD has and
// the schemas lack, which checks beside them, with none of the schemas' types declared again.
TEST(ImportCommand, AnXsdDraftedOnTheSchemasKeepsWhatTheyLack) {
  const TempDir dir;
  const fs::path out = dir / "v1_3_on_em";
  const auto drafted = run({EMGEN_EXE, "import", "xsd", XSD_FILE, "--import", SCHEMAS_DIR, "--allow-version-mismatch",
                            "--out", out.string()});
  ASSERT_EQ(drafted.status, 0) << drafted.err;
  EXPECT_NE(drafted.err.find("BackupJobSession: the imported schemas define BackupJobSession"), std::string::npos)
      << drafted.err;
  for (const auto& [file, text] : emgen_test::snapshot_bytes(out)) {
    EXPECT_EQ(text.find("  - name: BackupJobSession\n"), std::string::npos) << file;
    EXPECT_EQ(text.find("  - name: Link\n"), std::string::npos) << file;
  }
  const auto checked =
      run({EMGEN_EXE, "check", "--schemas", out.string(), "--import", SCHEMAS_DIR, "--allow-version-mismatch"});
  EXPECT_EQ(checked.status, 0) << checked.err;
  EXPECT_NE(checked.out.find("no errors"), std::string::npos) << checked.out;
}

}  // namespace
