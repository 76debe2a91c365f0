// `emgen import ... --into DIR`: merging a draft into a schema directory a person keeps. The directories and drafts
// here are made here, each for the layout or the rule it shows; the last tests run the command line on the
// project's own schemas/ and the committed XSD draft.

#include "import/merge.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "../generator/test_support.hpp"
#include "format/loader.hpp"

namespace {

namespace fs = std::filesystem;
using emgen::gen::import::Draft;
using emgen::gen::import::DraftEnum;
using emgen::gen::import::DraftField;
using emgen::gen::import::DraftFile;
using emgen::gen::import::DraftType;
using emgen::gen::import::Merge;
using emgen::gen::import::merge_draft;
using emgen_test::read_text;
using emgen_test::run;
using emgen_test::TempDir;
using emgen_test::write_text;

DraftField field(const std::string& name, const std::string& type, const std::string& doc = "") {
  DraftField f;
  f.name = name;
  f.type = type;
  f.doc = doc;
  f.origin = "page.md:7";
  return f;
}

const emgen::gen::import::FileChange* change_of(const Merge& merge, const std::string& file) {
  const auto it =
      std::find_if(merge.changes.begin(), merge.changes.end(), [&](const auto& c) { return c.file == file; });
  return it == merge.changes.end() ? nullptr : &*it;
}

// Every note the merger makes has a code of merge.hpp's table: each test that reads the notes checks it.
std::string notes_of(const Merge& merge) {
  std::string text;
  for (const auto& note : merge.notes) {
    EXPECT_FALSE(note.code.empty()) << note.to_string();
    text += note.to_string() + "\n";
  }
  return text;
}

std::vector<std::string> codes_of(const Merge& merge) {
  std::vector<std::string> codes;
  for (const auto& note : merge.notes) codes.push_back(note.code);
  return codes;
}

// A file written by hand in every layout the schema language allows: block and flow maps, flow and block lists,
// comments, a quote in a plain flow scalar, a json: override, scalar enum values, no newline at the end.
const char* const kHandWritten =
    "# Written by hand: this comment stays.\n"
    "api_version: v1_7\n"
    "enums:\n"
    "  - name: Color\n"
    "    values:\n"
    "      - Red\n"
    "      - {wire: Blue, doc: Kept.}\n"
    "types:\n"
    "  - name: Session  # the resource\n"
    "    element: Session\n"
    "    doc: Kept as written.\n"
    "    fields:\n"
    "      - name: State\n"
    "        type: String\n"
    "      - {name: Note, type: String, doc: it's the person's, json: {name: note}}\n"
    "      - {name: Started, type: DateTime, aliases: [Begun]}\n"
    "      - {name: Paint, type: Color, optional: true}\n"
    "    links:\n"
    "    - {rel: Up, path: \"/a/{ID}\"}";

Draft session_draft() {
  Draft draft;
  draft.source = "the page";
  DraftFile file;
  file.stem = "session";
  DraftEnum color;
  color.name = "Color";
  color.values = {{"Red", "The red one.", ""}, {"Blue", "Not taken: Blue has a doc.", ""}, {"Green", "", ""}};
  DraftEnum state;
  state.name = "SessionState";
  state.values = {{"Working", "", ""}, {"Stopped", "", ""}};
  file.enums = {color, state};
  DraftType session;
  session.name = "Session";
  session.element = "Session";
  session.doc = "Not taken: the type has a doc.";
  DraftField started = field("Started", "DateTime", "When it started.");
  started.aliases = {"StartTime"};
  DraftField ended = field("Ended", "DateTime");
  ended.optional = true;
  session.fields = {field("State", "SessionState", "State of the session."), field("Note", "String", "Not taken."),
                    started, ended, field("Paint", "Color")};
  session.links = {{"Up", "/a/{id}", "Not added: the path is there."}, {"Down", "/b/{ID}", "Added."}};
  file.types = {session};
  draft.files = {file};
  return draft;
}

TEST(Merge, EditsOnlyWhereItAddsAndKeepsEveryLayout) {
  TempDir dir;
  write_text(dir / "session.yaml", kHandWritten);
  const Merge merge = merge_draft(session_draft(), dir.path().string());
  ASSERT_EQ(merge.changes.size(), 1u) << notes_of(merge);
  const auto* change = change_of(merge, "session.yaml");
  ASSERT_NE(change, nullptr);
  EXPECT_EQ(change->before, kHandWritten);
  EXPECT_EQ(change->after,
            "# Written by hand: this comment stays.\n"
            "api_version: v1_7\n"
            "enums:\n"
            "  - name: Color\n"
            "    values:\n"
            "      - {wire: Red, doc: The red one.}\n"
            "      - {wire: Blue, doc: Kept.}\n"
            "      - {wire: Green}\n"
            "  - name: SessionState\n"
            "    values:\n"
            "      - {wire: Working}\n"
            "      - {wire: Stopped}\n"
            "types:\n"
            "  - name: Session  # the resource\n"
            "    element: Session\n"
            "    doc: Kept as written.\n"
            "    fields:\n"
            "      - name: State\n"
            "        type: SessionState\n"
            "        doc: State of the session.\n"
            "      - {name: Note, type: String, doc: it's the person's, json: {name: note}}\n"
            "      - {name: Started, type: DateTime, aliases: [Begun, StartTime], doc: When it started.}\n"
            "      - {name: Paint, type: Color, optional: true}\n"
            "      - {name: Ended, type: DateTime, optional: true}\n"
            "    links:\n"
            "    - {rel: Up, path: \"/a/{ID}\"}\n"
            "    - {rel: Down, path: \"/b/{ID}\", doc: Added.}\n");
  EXPECT_EQ(merge.counts.enums, 1u);
  EXPECT_EQ(merge.counts.values, 1u);
  EXPECT_EQ(merge.counts.fields, 1u);
  EXPECT_EQ(merge.counts.links, 1u);
  EXPECT_EQ(merge.counts.enum_typed, 1u);
  EXPECT_EQ(merge.counts.aliases, 1u);
  const std::string notes = notes_of(merge);
  EXPECT_NE(
      notes.find(
          "session.yaml:13: warning: Session/State: a String in the schemas; the page lists its values (page.md:7): "
          "typed as enum SessionState"),
      std::string::npos)
      << notes;
  EXPECT_NE(notes.find("session.yaml:16: warning: Session/Started: also reads StartTime"), std::string::npos) << notes;
}

// The merger edits where the loader found each key: a doc the loader read as empty (`doc: ""`, `doc:`) is
// filled in place. Read by a reader of its own, the merger saw no doc and added a second `doc:` key, which the
// loader then refused as a duplicate key.
TEST(Merge, AnEmptyDocTheLoaderReadIsFilledInPlaceNotAddedTwice) {
  TempDir dir;
  const std::string before =
      "api_version: v1_7\n"
      "enums:\n"
      "  - name: Color\n"
      "    doc:\n"
      "    values: [Red]\n"
      "types:\n"
      "  - name: Session\n"
      "    element: Session\n"
      "    doc: \"\"\n"
      "    fields:\n"
      "      - {name: State, type: String, doc: ''}\n";
  write_text(dir / "session.yaml", before);
  Draft draft;
  draft.source = "the page";
  DraftType session;
  session.name = "Session";
  session.element = "Session";
  session.doc = "A session.";
  session.fields = {field("State", "String", "Its state.")};
  DraftEnum color;
  color.name = "Color";
  color.doc = "A color.";
  color.values = {{"Red", "", ""}};
  draft.files = {DraftFile{"session", "", {color}, {session}}};
  const Merge merge = merge_draft(draft, dir.path().string());
  ASSERT_EQ(merge.changes.size(), 1u) << notes_of(merge);
  EXPECT_EQ(merge.counts.docs, 3u);
  EXPECT_EQ(merge.changes[0].after,
            "api_version: v1_7\n"
            "enums:\n"
            "  - name: Color\n"
            "    doc: A color.\n"
            "    values: [Red]\n"
            "types:\n"
            "  - name: Session\n"
            "    element: Session\n"
            "    doc: A session.\n"
            "    fields:\n"
            "      - {name: State, type: String, doc: Its state.}\n");
  // And the result loads: no key twice.
  write_text(dir / "session.yaml", merge.changes[0].after);
  emgen::gen::Diagnostics loading;
  static_cast<void>(emgen::gen::format::load_schema_directory(dir.path().string(), loading));
  EXPECT_TRUE(loading.empty()) << (loading.empty() ? "" : loading.sorted().front().to_string());
}

// A list the loader read as null (`links:`, `aliases: ~`) takes the draft's items where the key stands.
TEST(Merge, AListTheLoaderReadAsNullTakesTheDraftsItemsInPlace) {
  TempDir dir;
  write_text(dir / "session.yaml",
             "api_version: v1_7\n"
             "types:\n"
             "  - name: Session\n"
             "    element: Session\n"
             "    links:\n"
             "    fields:\n"
             "      - name: State\n"
             "        type: String\n"
             "        aliases: ~  # none yet\n");
  Draft draft;
  draft.source = "the page";
  DraftType session;
  session.name = "Session";
  session.element = "Session";
  DraftField state = field("State", "String");
  state.aliases = {"SessionState"};
  session.fields = {state};
  session.links = {{"Down", "/b/{ID}", ""}};
  draft.files = {DraftFile{"session", "", {}, {session}}};
  const Merge merge = merge_draft(draft, dir.path().string());
  ASSERT_EQ(merge.changes.size(), 1u) << notes_of(merge);
  EXPECT_EQ(merge.counts.links, 1u);
  EXPECT_EQ(merge.counts.aliases, 1u);
  EXPECT_EQ(merge.changes[0].after,
            "api_version: v1_7\n"
            "types:\n"
            "  - name: Session\n"
            "    element: Session\n"
            "    links:\n"
            "      - {rel: Down, path: \"/b/{ID}\"}\n"
            "    fields:\n"
            "      - name: State\n"
            "        type: String\n"
            "        aliases: [SessionState]  # none yet\n");
  write_text(dir / "session.yaml", merge.changes[0].after);
  emgen::gen::Diagnostics loading;
  static_cast<void>(emgen::gen::format::load_schema_directory(dir.path().string(), loading));
  EXPECT_TRUE(loading.empty()) << (loading.empty() ? "" : loading.sorted().front().to_string());
}

TEST(Merge, ADisagreementIsReportedAtItsLineAndKept) {
  TempDir dir;
  write_text(dir / "session.yaml",
             "api_version: v1_7\ntypes:\n  - name: Session\n    element: Session\n    fields:\n"
             "      - {name: Size, type: Long}\n      - {name: Tags, type: String, repeated: true}\n");
  Draft draft;
  draft.source = "the page";
  DraftType session;
  session.name = "Session";
  session.element = "Session";
  DraftField tags = field("Tags", "String");
  tags.attribute = true;
  session.fields = {field("Size", "Int"), tags};
  draft.files = {DraftFile{"session", "", {}, {session}}};
  const Merge merge = merge_draft(draft, dir.path().string());
  EXPECT_TRUE(merge.changes.empty());
  EXPECT_EQ(merge.counts.disagreements, 3u);
  const std::string notes = notes_of(merge);
  EXPECT_EQ(codes_of(merge), (std::vector<std::string>{"type-disagrees", "kind-disagrees", "cardinality-disagrees"}));
  EXPECT_NE(
      notes.find(
          "session.yaml:6: warning: Session/Size: the schemas say Long, the page says Int (page.md:7); kept Long"),
      std::string::npos)
      << notes;
  EXPECT_NE(notes.find("session.yaml:7: warning: Session/Tags: an element in the schemas, an attribute in the page"),
            std::string::npos)
      << notes;
  EXPECT_NE(notes.find("session.yaml:7: warning: Session/Tags: a list in the schemas, a single value in the page"),
            std::string::npos)
      << notes;
}

// The example wins: a required field the page's own payload lacks could not read it.
TEST(Merge, ARequiredFieldThePagesExampleLacksBecomesOptionalAndTheExampleJoins) {
  TempDir dir;
  write_text(dir / "base.yaml",
             "api_version: v1_7\ntypes:\n  - name: Base\n    fields:\n      - name: Failure\n        type: String\n");
  write_text(dir / "session.yaml",
             "api_version: v1_7\ntypes:\n  - name: Session\n    extends: Base\n    element: Session\n    fields:\n"
             "      - {name: State, type: String}\n");
  Draft draft;
  draft.source = "the page";
  DraftType session;
  session.name = "Session";
  session.element = "Session";
  session.fields = {field("State", "String")};
  session.examples = {{"examples/Session_page.xml", "From the page.", {{"State", "Working"}}}};
  draft.files = {DraftFile{"session", "", {}, {session}}};
  draft.payloads = {{"examples/Session_page.xml", "<Session><State>Working</State></Session>\n"}};
  draft.sources = {"| Session_page.xml | https://example/page.html | made here |"};
  const Merge merge = merge_draft(draft, dir.path().string());
  ASSERT_NE(change_of(merge, "base.yaml"), nullptr) << notes_of(merge);
  EXPECT_EQ(change_of(merge, "base.yaml")->after,
            "api_version: v1_7\ntypes:\n  - name: Base\n    fields:\n      - name: Failure\n        type: String\n"
            "        optional: true\n");
  ASSERT_NE(change_of(merge, "examples/Session_page.xml"), nullptr);
  EXPECT_TRUE(change_of(merge, "examples/Session_page.xml")->created);
  ASSERT_NE(change_of(merge, "examples/SOURCES.md"), nullptr);
  EXPECT_NE(change_of(merge, "examples/SOURCES.md")->after.find("| Session_page.xml | https://example/page.html |"),
            std::string::npos);
  EXPECT_NE(change_of(merge, "session.yaml")->after.find("    examples:\n      - file: examples/Session_page.xml\n"),
            std::string::npos);
  const std::string notes = notes_of(merge);
  EXPECT_NE(notes.find("base.yaml:5: warning: Base/Failure: in the schemas, not in the page"), std::string::npos)
      << notes;
  EXPECT_NE(notes.find("base.yaml:5: warning: Base/Failure: required in the schemas, absent from the page's example "
                       "examples/Session_page.xml: made optional"),
            std::string::npos)
      << notes;
}

// A draft type's bases count (the XSD's BackupJobSession has its fields in JobSession); a field the directory lacks
// comes in, optional when the directory's own example does not have it.
TEST(Merge, FieldsOfTheDraftsBasesCountAndTheDirectorysExamplesWin) {
  TempDir dir;
  write_text(dir / "session.yaml",
             "api_version: v1_7\ntypes:\n  - name: Session\n    element: Session\n    fields:\n"
             "      - {name: State, type: String}\n    examples:\n      - file: examples/Session.xml\n");
  write_text(dir / "examples/Session.xml", "<Session><State>Working</State></Session>\n");
  Draft draft;
  draft.source = "the XSD";
  DraftType base;
  base.name = "JobSession";
  base.fields = {field("State", "String"), field("Failure", "String"), field("Progress", "Int")};
  DraftType session;
  session.name = "Session";
  session.element = "Session";
  session.extends = "JobSession";
  draft.files = {DraftFile{"session", "", {}, {base, session}}};
  const Merge merge = merge_draft(draft, dir.path().string());
  ASSERT_NE(change_of(merge, "session.yaml"), nullptr) << notes_of(merge);
  EXPECT_EQ(change_of(merge, "session.yaml")->after,
            "api_version: v1_7\ntypes:\n  - name: Session\n    element: Session\n    fields:\n"
            "      - {name: State, type: String}\n"
            "      - {name: Failure, type: String, optional: true}\n"
            "      - {name: Progress, type: Int, optional: true}\n"
            "    examples:\n      - file: examples/Session.xml\n");
  EXPECT_EQ(merge.counts.disagreements, 0u) << notes_of(merge);
  EXPECT_NE(notes_of(merge).find("session.yaml:3: warning: Session/Failure: added as optional: the directory's example "
                                 "examples/Session.xml has no Failure (page.md:7)"),
            std::string::npos)
      << notes_of(merge);
}

TEST(Merge, ATypeThePageAddsGoesToItsOwnNewFile) {
  TempDir dir;
  write_text(dir / "api.yaml",
             "api:\n  title: T\n  version: v9\n  build: \"9\"\n  xml_namespace: urn:x\n  base_path: /api\n");
  write_text(dir / "other.yaml",
             "api_version: v9\ntypes:\n  - name: Other\n    fields:\n      - {name: A, type: Int}\n");
  Draft draft;
  draft.header = "Drafted here.";
  DraftType job;
  job.name = "Job";
  job.element = "Job";
  job.fields = {field("Owner", "Other")};
  draft.files = {DraftFile{"job", "Jobs.", {}, {job}}};
  const Merge merge = merge_draft(draft, dir.path().string());
  ASSERT_EQ(merge.changes.size(), 1u);
  EXPECT_TRUE(merge.changes[0].created);
  EXPECT_EQ(merge.changes[0].file, "job.yaml");
  EXPECT_EQ(merge.changes[0].after,
            "# Drafted here.\napi_version: v9\ndoc: Jobs.\ntypes:\n  - name: Job\n    element: Job\n    fields:\n"
            "      - {name: Owner, type: Other}\n");
}

// The pages list an entity's inherited UID, Name, Href, Type and Links as its own: an added type extends the
// directory's base that has them all (the one with most fields; of two alike, the one nearer the root).
TEST(Merge, AnAddedTypeExtendsTheBaseWhoseFieldsItLists) {
  TempDir dir;
  write_text(dir / "api.yaml",
             "api:\n  title: T\n  version: v1\n  build: \"1\"\n  xml_namespace: urn:x\n  base_path: /api\n");
  write_text(
      dir / "common.yaml",
      "api_version: v1\ntypes:\n  - name: Resource\n    fields:\n      - {name: Href, type: String, attribute: true}\n"
      "  - name: Entity\n    extends: Resource\n    fields:\n      - {name: Name, type: String, attribute: true}\n"
      "  - name: Alike\n    extends: Entity\n  - name: Tagged\n    fields:\n      - {name: Tag, type: String}\n");
  Draft draft;
  draft.source = "the page";
  DraftType job;
  job.name = "Job";
  job.element = "Job";
  job.origin = "jobs.md:1";
  DraftField href = field("Href", "String");
  href.attribute = true;
  DraftField name = field("Name", "String");
  name.attribute = true;
  job.fields = {href, name, field("Schedule", "String")};
  draft.files = {DraftFile{"job", "", {}, {job}}};
  const Merge merge = merge_draft(draft, dir.path().string());
  ASSERT_NE(change_of(merge, "job.yaml"), nullptr) << notes_of(merge);
  EXPECT_EQ(change_of(merge, "job.yaml")->after,
            "api_version: v1\ntypes:\n  - name: Job\n    extends: Entity\n    element: Job\n    fields:\n"
            "      - {name: Schedule, type: String}\n");
  EXPECT_NE(
      notes_of(merge).find("common.yaml:6: warning: Job: the page lists Href, Name as fields of Job (jobs.md:1): it "
                           "extends Entity, which has them all"),
      std::string::npos)
      << notes_of(merge);
}

TEST(Merge, UnifiedDiffNamesBothSidesAndOnlyTheChangedLines) {
  const emgen::gen::import::FileChange change{"a.yaml", "one\ntwo\nthree\n", "one\ntwo\n2.5\nthree\n", false};
  EXPECT_EQ(emgen::gen::import::unified_diff(change, "schemas"),
            "--- a/schemas/a.yaml\n+++ b/schemas/a.yaml\n@@ -1,3 +1,4 @@\n one\n two\n+2.5\n three\n");
}

// ---- The command line, on real directories ----

std::vector<std::string> seed_pages() {
  std::vector<std::string> pages;
  for (const char* name : {"000_629a0ce034b3d3a7.txt", "001_5e573a7938656a3f.txt", "002_be12e973ce70d439.txt",
                           "003_ef3cacc13191cd4e.txt", "004_8a0d7f8fdf0de545.txt"})
    pages.push_back((fs::path(SEED_DIR) / name).string());
  return pages;
}

std::vector<std::string> import_pages_into(const fs::path& dir, bool write) {
  std::vector<std::string> argv{EMGEN_EXE, "import", "page"};
  for (const std::string& page : seed_pages()) argv.push_back(page);
  argv.insert(argv.end(), {"--into", dir.string()});
  if (write) argv.push_back("--write");
  return argv;
}

/// Whether every line of before is in after, in order: the merge only added lines or changed them in place.
bool keeps_every_line(const std::string& before, const std::string& after) {
  std::istringstream a(before), b(after);
  std::string wanted, line;
  while (std::getline(a, wanted)) {
    bool found = false;
    while (std::getline(b, line))
      if (line == wanted) {
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

TEST(MergeCommand, ShowsADiffWritesOnlyWithWriteAndIsIdempotent) {
  TempDir dir;
  fs::copy(SCHEMAS_DIR, dir.path(), fs::copy_options::recursive);
  const auto before = emgen_test::snapshot_bytes(dir.path());

  const auto shown = run(import_pages_into(dir.path(), false));
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_TRUE(shown.out.starts_with("--- ")) << shown.out;
  EXPECT_NE(shown.err.find("would change (diff above; --write writes it)"), std::string::npos) << shown.err;
  EXPECT_EQ(emgen_test::snapshot_bytes(dir.path()), before) << "a merge without --write wrote";

  const auto written = run(import_pages_into(dir.path(), true));
  ASSERT_EQ(written.status, 0) << written.err;
  const auto after = emgen_test::snapshot_bytes(dir.path());
  EXPECT_NE(after, before);
  // The hand-written schemas keep every line, comments and layout included.
  for (const auto& [file, bytes] : before)
    EXPECT_TRUE(keeps_every_line(bytes, after.at(file))) << file << " lost a line";

  const auto again = run(import_pages_into(dir.path(), false));
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "");
  EXPECT_NE(again.err.find("0 file(s) would change"), std::string::npos) << again.err;
  const auto check = run({EMGEN_EXE, "check", "--schemas", dir.path().string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

TEST(MergeCommand, AMergeThatWouldNotCheckWritesNothing) {
  TempDir dir;
  write_text(dir / "api.yaml",
             "api:\n  title: T\n  version: v1\n  build: \"1\"\n  xml_namespace: urn:x\n  base_path: /api\n");
  // JobUID and the page's JobUid are one C++ member, job_uid: adding the page's field would clash.
  write_text(dir / "backup_job_session.yaml",
             "api_version: v1\ntypes:\n  - name: BackupJobSession\n    element: BackupJobSession\n    fields:\n"
             "      - {name: JobUID, type: Uid}\n");
  const auto before = emgen_test::snapshot_bytes(dir.path());
  const auto result = run(import_pages_into(dir.path(), true));
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_NE(result.err.find("the merge would leave " + dir.path().string() + " failing `emgen check`"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(dir.path().string() + "/backup_job_session.yaml:"), std::string::npos)
      << "the errors name the directory, not a scratch copy:\n"
      << result.err;
  EXPECT_EQ(emgen_test::snapshot_bytes(dir.path()), before);
}

TEST(MergeCommand, RefusesADirectoryThatDoesNotCheck) {
  TempDir dir;
  write_text(dir / "broken.yaml", "api_version: v1\ntypes:\n  - name: X\n    fields:\n      - {name: A, type: Nope}\n");
  const auto result = run(import_pages_into(dir.path(), false));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("does not pass `emgen check`; fix it before merging into it"), std::string::npos)
      << result.err;
}

TEST(MergeCommand, UsageErrors) {
  TempDir dir;
  const std::string page = seed_pages()[0];
  EXPECT_EQ(run({EMGEN_EXE, "import", "page", page}).status, 2);
  EXPECT_EQ(
      run({EMGEN_EXE, "import", "page", page, "--out", (dir / "o").string(), "--into", dir.path().string()}).status, 2);
  EXPECT_EQ(run({EMGEN_EXE, "import", "page", page, "--out", (dir / "o").string(), "--write"}).status, 2);
  EXPECT_EQ(run({EMGEN_EXE, "import", "page", page, "--into", (dir / "missing").string()}).status, 2);
}

}  // namespace
