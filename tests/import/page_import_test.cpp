// `emgen import page` on the seed pages: the drafted bindings read the seed payloads with the values the
// hand-written schemas give, and the command's contradictions, cut-short payloads and errors.

#include <gtest/gtest.h>

#include <string>

#include "../generator/test_support.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/seed_draft/backup_job_session.hpp"
#include "veeam/em/seed_draft/system_session.hpp"
#include "veeam/em/system_session.hpp"

namespace {

namespace fs = std::filesystem;
namespace draft = veeam::em::seed_draft;
using emgen_test::RunResult;
using emgen_test::TempDir;

std::string example(const std::string& name) { return emgen_test::read_text(fs::path(EMGEN_EXAMPLES_DIR) / name); }

// The payloads of the seed pages, read with the drafted bindings and with schemas/, give the same values. The
// intended differences: the draft's link relations are Strings (the pages list no LinkRel values), Href and Type
// are optional attributes (the tables do not list them; the examples have them), and the draft types its own
// enums per type (SystemSessionState rather than the schemas' shared names).
TEST(SeedPageDraft, ReadsTheSystemSessionAsTheSchemasDo) {
  const std::string payload = example("SystemSession_doc.xml");
  const auto drafted = draft::SystemSession::from_xml(payload, emgen::ReadMode::strict);
  const auto written = veeam::em::SystemSession::from_xml(payload, emgen::ReadMode::strict);
  EXPECT_EQ(drafted.uid, written.uid);
  EXPECT_EQ(drafted.name, written.name);
  EXPECT_EQ(drafted.href, written.href);
  EXPECT_EQ(drafted.session_type.text(), written.session_type.text());
  EXPECT_EQ(drafted.creation_time_utc, written.creation_time_utc);
  EXPECT_EQ(drafted.end_time_utc, written.end_time_utc);
  EXPECT_EQ(drafted.state.text(), written.state.text());
  EXPECT_EQ(drafted.result.result.text(), written.result.result.text());
  EXPECT_EQ(drafted.result.is_canceled, written.result.is_canceled);
  ASSERT_EQ(drafted.links.size(), written.links.size());
  for (std::size_t i = 0; i < drafted.links.size(); ++i) {
    EXPECT_EQ(drafted.links[i].rel, written.links[i].rel.text());
    EXPECT_EQ(drafted.links[i].href, written.links[i].href);
  }
}

TEST(SeedPageDraft, ReadsTheBackupJobSessionAsTheSchemasDo) {
  for (const char* file : {"BackupJobSession_doc2014.xml", "BackupJobSession_doc13.xml"}) {
    SCOPED_TRACE(file);
    const std::string payload = example(file);
    const auto drafted = draft::BackupJobSession::from_xml(payload, emgen::ReadMode::strict);
    const auto written = veeam::em::BackupJobSession::from_xml(payload, emgen::ReadMode::strict);
    EXPECT_EQ(drafted.uid, written.uid);
    EXPECT_EQ(drafted.job_uid, written.job_uid);
    EXPECT_EQ(drafted.job_name, written.job_name);
    EXPECT_EQ(drafted.job_type.text(), written.job_type.text());
    EXPECT_EQ(drafted.creation_time_utc, written.creation_time_utc);
    EXPECT_EQ(drafted.end_time_utc, written.end_time_utc);
    EXPECT_EQ(drafted.state.text(), written.state.text());
    EXPECT_EQ(drafted.result.text(), written.result.text());
    EXPECT_EQ(drafted.progress, written.progress);
    EXPECT_EQ(drafted.is_retry, written.is_retry);
    ASSERT_EQ(drafted.links.size(), written.links.size());
    for (std::size_t i = 0; i < drafted.links.size(); ++i) EXPECT_EQ(drafted.links[i].rel, written.links[i].rel.text());
  }
}

RunResult import_pages(const std::vector<std::string>& pages, const fs::path& out) {
  std::vector<std::string> argv{EMGEN_EXE, "import", "page"};
  for (const std::string& page : pages) argv.push_back(std::string(SEED_DIR) + "/" + page);
  argv.push_back("--out");
  argv.push_back(out.string());
  return emgen_test::run(argv);
}

// Where a page contradicts its own example, the example wins, and the import says so at the page's line.
TEST(ImportPage, PrintsEachContradictionWithTheExample) {
  const TempDir dir;
  const RunResult result = import_pages(
      {"000_629a0ce034b3d3a7.txt", "001_5e573a7938656a3f.txt", "003_ef3cacc13191cd4e.txt", "004_8a0d7f8fdf0de545.txt"},
      dir / "out");
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string seeds = std::string(SEED_DIR) + "/";
  for (const std::string& expected :
       {seeds + "003_ef3cacc13191cd4e.txt:54: warning: BackupJobSession/CreationTimeUTC: the table says "
                "'CreationTime', the "
                "example has <CreationTimeUTC>: the example wins, 'CreationTime' becomes an alias",
        seeds + "000_629a0ce034b3d3a7.txt:53: warning: SessionResultInfo/Result: the example has "
                "'CompletedSuccessfully', which "
                "the table's possible values do not list: added to SessionResultInfoResult",
        seeds +
            "001_5e573a7938656a3f.txt:75: warning: Parameters/Result: typed UidType but lists values that are no URNs; "
            "drafted as an enum of them",
        seeds + "003_ef3cacc13191cd4e.txt:54: warning: BackupJobSession/Links: the table says Down for "
                "/restorePoints/{ID}, the "
                "example has Rel=\"Related\": the example wins",
        seeds + "004_8a0d7f8fdf0de545.txt:101: warning: example: the example payload (A sample request below returns "
                "an entity "
                "representation of the backup job session resource having ID a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6.) is "
                "cut short in the page; it is not drafted"})
    EXPECT_NE(result.err.find(expected + "\n"), std::string::npos) << expected << "\n---\n" << result.err;
  // The table's name stays readable through the alias.
  const std::string schema = emgen_test::read_text(dir / "out" / "backup_job_session.yaml");
  EXPECT_NE(schema.find("{name: CreationTimeUTC, type: DateTime, aliases: [CreationTime]"), std::string::npos);
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

// A cut-short payload is reported and not invented: the GET page of a backup session alone drafts the type from
// its table, without an example.
TEST(ImportPage, DoesNotInventACutShortPayload) {
  const TempDir dir;
  const RunResult result = import_pages({"004_8a0d7f8fdf0de545.txt"}, dir / "out");
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_FALSE(fs::exists(dir / "out" / "examples"));
  EXPECT_NE(result.err.find("is cut short in the page; it is not drafted"), std::string::npos);
  const std::string schema = emgen_test::read_text(dir / "out" / "backup_job_session.yaml");
  EXPECT_EQ(schema.find("examples:"), std::string::npos);
  EXPECT_NE(schema.find("{method: GET, path: \"/backupSessions/{ID}\", returns: BackupJobSession"), std::string::npos);
}

// GET /query?type=X is the query service: the page drafts X from its table and the list of QueryEntities that
// holds X's entities (`query: X`), not an endpoint of X; the list's element name is a guess, and the import says so.
TEST(ImportPage, AQueryPageDraftsTheListOfQueryEntitiesNotAnEndpoint) {
  const TempDir dir;
  const std::string page = std::string(PAGES_DIR) + "/get_query_backuptasksession.md";
  const RunResult result = emgen_test::run({EMGEN_EXE, "import", "page", page, "--out", (dir / "out").string()});
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string entities = emgen_test::read_text(dir / "out" / "query_entities.yaml");
  EXPECT_NE(
      entities.find("{name: BackupTaskSessions, type: BackupTaskSession, repeated: true, item: BackupTaskSession, "
                    "query: BackupTaskSession"),
      std::string::npos)
      << entities;
  const std::string entity = emgen_test::read_text(dir / "out" / "backup_task_session.yaml");
  EXPECT_EQ(entity.find("/query"), std::string::npos) << entity;
  EXPECT_NE(result.err.find(page +
                            ":23: warning: QueryEntities/BackupTaskSessions: GET /query?type=BackupTaskSession drafted "
                            "as the list BackupTaskSessions of QueryEntities"),
            std::string::npos)
      << result.err;
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

// A POST page whose example sends a document and answers 201 with none documents that document: it is the
// page's type, the endpoint's body, and its example, byte for byte the payload schemas/ keeps for it.
TEST(ImportPage, APostPageDraftsTheDocumentItsRequestSendsAsTheEndpointsBody) {
  const TempDir dir;
  const std::string page = std::string(PAGES_DIR) + "/post_backupservers_id_creds.md";
  const RunResult result = emgen_test::run({EMGEN_EXE, "import", "page", page, "--out", (dir / "out").string()});
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string schema = emgen_test::read_text(dir / "out" / "credentials_info_spec.yaml");
  EXPECT_NE(schema.find("element: CredentialsInfoSpec"), std::string::npos) << schema;
  EXPECT_NE(schema.find("{method: POST, path: \"/backupServers/{ID}/credentials?action=create\", body: "
                        "CredentialsInfoSpec, doc:"),
            std::string::npos)
      << schema;
  EXPECT_EQ(schema.find("returns:"), std::string::npos) << schema;
  const std::string drafted = "CredentialsInfoSpec_post_backupservers_id_creds.xml";
  EXPECT_EQ(emgen_test::read_text(dir / "out" / "examples" / drafted), example(drafted));
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

TEST(ImportPage, APageWithoutARepresentationDraftsNothingAndSaysSo) {
  const TempDir dir;
  emgen_test::write_text(dir / "overview.md", "---\ntitle: \"Overview\"\n---\n\n# Overview\n\nJust words.\n");
  const RunResult result =
      emgen_test::run({EMGEN_EXE, "import", "page", (dir / "overview.md").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("nothing to draft"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

// Seed 002 is the plain-text form of a page (each table cell a paragraph, bullets as U+2022): it drafts the same
// type as the markdown pages, and its multi-line payload, indented with no-break spaces, is an example.
TEST(ImportPage, ReadsThePlainTextFormOfAPage) {
  const TempDir dir;
  const RunResult result = import_pages({"002_be12e973ce70d439.txt"}, dir / "out");
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string schema = emgen_test::read_text(dir / "out" / "system_session.yaml");
  EXPECT_NE(schema.find("{name: Result, type: SessionResultInfo, doc: \"Result of the system session. For details, see "
                        "Session Result.\"}"),
            std::string::npos)
      << schema;
  EXPECT_NE(schema.find("      - {wire: LogExport}\n"), std::string::npos);
  EXPECT_NE(schema.find("{method: GET, path: \"/systemSessions/{ID}\", returns: SystemSession"), std::string::npos);
  EXPECT_NE(schema.find("          Result.IsCanceled: \"false\"\n"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "out" / "examples" / "SystemSession_002_be12e973ce70d439.xml"));
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

// Made here: a page whose table rows lack cells. Each such row is reported at its line, never dropped silently.
TEST(ImportPage, ReportsRowsItCannotRead) {
  const TempDir dir;
  emgen_test::write_text(dir / "things.md",
                         "---\ntitle: \"GET /things/{ID}\"\n---\n# GET /things/{ID}\n\nParameters\n\n"
                         "| Element | Type | Description |\n| --- | --- | --- |\n| A |\n| B | Int |\n"
                         "| C | Int | Possible values: * 1 * 2 |\n");
  const RunResult result =
      emgen_test::run({EMGEN_EXE, "import", "page", (dir / "things.md").string(), "--out", (dir / "out").string()});
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string page = (dir / "things.md").string();
  EXPECT_NE(result.err.find(page + ":10: warning: Parameters: a row of 1 cells, not 3; not drafted\n"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(page + ":11: warning: Parameters: a row of 2 cells, not 3; not drafted\n"),
            std::string::npos);
  const std::string schema = emgen_test::read_text(dir / "out" / "thing.yaml");
  EXPECT_NE(schema.find("{wire: 1, name: Value1}"), std::string::npos) << schema;
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

// Made here: two pages, one drafting a type and one documenting nothing. --each drafts each alone into a
// directory of its own and checks each draft; a page that fails (here: its directory holds a person's schema)
// is named, and the others are still drafted.
TEST(ImportPage, EachDraftsEveryPageAloneChecksItAndNamesThePageThatFails) {
  const TempDir dir;
  const auto page = [&](const std::string& name, const std::string& rows) {
    const fs::path path = dir / (name + ".md");
    emgen_test::write_text(path, "---\ntitle: \"GET /" + name + "/{ID}\"\n---\n# GET /" + name +
                                     "/{ID}\n\nParameters\n\n| Element | Type | Description |\n| --- | --- | --- |\n" +
                                     rows);
    return path.string();
  };
  const std::string things = page("things", "| Count | Int | How many. |\n");
  const std::string others = page("others", "| Name | String | What it is called. |\n");
  emgen_test::write_text(dir / "overview.md", "---\ntitle: \"Overview\"\n---\n\n# Overview\n\nJust words.\n");
  const std::string overview = (dir / "overview.md").string();

  const RunResult good =
      emgen_test::run({EMGEN_EXE, "import", "page", "--each", things, overview, "--out", (dir / "out").string()});
  EXPECT_EQ(good.status, 0) << good.err;
  EXPECT_EQ(good.out,
            "emgen import page --each: 2 page(s): 1 drafted schemas that check, 1 document no representation "
            "of their own, 0 failed\n");
  EXPECT_TRUE(fs::exists(dir / "out" / "things" / "thing.yaml"));
  EXPECT_FALSE(fs::exists(dir / "out" / "overview"));

  emgen_test::write_text(dir / "bad" / "things" / "mine.yaml", "# a person's schema\n");
  const RunResult bad =
      emgen_test::run({EMGEN_EXE, "import", "page", "--each", things, others, "--out", (dir / "bad").string()});
  EXPECT_EQ(bad.status, 1);
  EXPECT_EQ(bad.out,
            "emgen import page --each: 2 page(s): 1 drafted schemas that check, 0 document no representation "
            "of their own, 1 failed (above)\n");
  EXPECT_NE(bad.err.find(things + ": " + (dir / "bad" / "things").string() + " already holds schema files (mine.yaml)"),
            std::string::npos)
      << bad.err;
  EXPECT_TRUE(fs::exists(dir / "bad" / "others" / "other.yaml"));

  const RunResult into =
      emgen_test::run({EMGEN_EXE, "import", "page", "--each", things, "--into", (dir / "out").string()});
  EXPECT_EQ(into.status, 2) << into.err;
}

TEST(ImportPage, IsDeterministic) {
  const TempDir dir;
  ASSERT_EQ(import_pages({"000_629a0ce034b3d3a7.txt", "001_5e573a7938656a3f.txt"}, dir / "a").status, 0);
  ASSERT_EQ(import_pages({"000_629a0ce034b3d3a7.txt", "001_5e573a7938656a3f.txt"}, dir / "b").status, 0);
  EXPECT_EQ(emgen_test::snapshot_bytes(dir / "a"), emgen_test::snapshot_bytes(dir / "b"));
}

}  // namespace
