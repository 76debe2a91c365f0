// The emgen executable end to end over the project's schemas: only changed files are written, files of a
// removed schema are removed, `generate --check` reports stale output, and output is deterministic.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeline.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using emgen_test::RunResult;
using emgen_test::TempDir;
using namespace emgen::gen;

const std::string kHeaderDir = "include/veeam/em/";

RunResult generate(const fs::path& schemas, const fs::path& out, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv{EMGEN_EXE,     "generate",          "--schemas", schemas.string(),
                                "--templates", EMGEN_TEMPLATES_DIR, "--out",     out.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return emgen_test::run(argv);
}

/// Sets every file under `dir` an hour back, so that a file the next run rewrites gets a modification time of
/// its own whatever the file system's time resolution, without waiting for the clock.
void backdate(const fs::path& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      fs::last_write_time(entry.path(), fs::last_write_time(entry.path()) - std::chrono::hours(1));
}

/// A copy of the project's schema directory (examples included) that a test may change.
fs::path copy_schemas(const TempDir& dir) {
  const fs::path copy = dir / "schemas";
  fs::copy(EMGEN_SCHEMAS_DIR, copy, fs::copy_options::recursive);
  return copy;
}

/// Stems of the schema files in dir, api excluded, sorted.
std::vector<std::string> schema_stems(const fs::path& dir) {
  std::vector<std::string> stems;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".yaml" && entry.path().stem() != "api")
      stems.push_back(entry.path().stem().string());
  std::sort(stems.begin(), stems.end());
  return stems;
}

std::vector<std::string> expected_outputs(const std::vector<std::string>& stems) {
  return cpp::output_paths(stems, cpp::Options{});
}

/// Changes the file-level doc of a schema text, whatever form it is written in.
std::string edit_file_doc(const std::string& text, const std::string& words) {
  // Nested docs are indented: the file's own doc is the `doc:` key at the start of a line.
  std::size_t at = 0;
  if (text.rfind("doc:", 0) != 0) {
    at = text.find("\ndoc:");
    if (at == std::string::npos) return "doc: " + words + "\n" + text;
    ++at;
  }
  const std::size_t end = text.find('\n', at);
  const std::string line = text.substr(at, end - at);
  const std::string value = line.substr(4);
  const std::size_t first = value.find_first_not_of(' ');
  if (first != std::string::npos && (value[first] == '>' || value[first] == '|'))
    return text.substr(0, end + 1) + "  " + words + "\n" + text.substr(end + 1);
  if (!line.empty() && (line.back() == '"' || line.back() == '\''))
    return text.substr(0, end - 1) + " " + words + text.substr(end - 1);
  return text.substr(0, end) + " " + words + text.substr(end);
}

TEST(EditFileDoc, HandlesEveryForm) {
  EXPECT_EQ(edit_file_doc("doc: >-\n  Old.\ntypes: []\n", "New."), "doc: >-\n  New.\n  Old.\ntypes: []\n");
  EXPECT_EQ(edit_file_doc("api_version: v1\ndoc: Old.\nenums: []\n", "New."),
            "api_version: v1\ndoc: Old. New.\nenums: []\n");
  EXPECT_EQ(edit_file_doc("doc: \"Old.\"\ntypes: []\n", "New."), "doc: \"Old. New.\"\ntypes: []\n");
  EXPECT_EQ(edit_file_doc("types:\n  - name: A\n    doc: Type doc.\n", "New."),
            "doc: New.\ntypes:\n  - name: A\n    doc: Type doc.\n");
}

/// The stems of schema files that no other schema file uses.
std::vector<std::string> unused_stems(const fs::path& schemas) {
  ir::Model model;
  pipeline::load(schemas.string(), model);
  std::set<std::string> used;
  for (const auto& file : model.files)
    for (const auto* dependency : file.dependencies) used.insert(dependency->stem);
  // A type another file's endpoint or link names (`entity: Repositories`) is used too, though no header includes it.
  for (const auto& type : model.types) {
    for (const auto& endpoint : type.endpoints)
      for (const ir::Type* named : {endpoint.returns, endpoint.reference, endpoint.entity, endpoint.body})
        if (named != nullptr && named->file != type.file) used.insert(named->file->stem);
    for (const auto& link : type.links)
      if (link.returns != nullptr && link.returns->file != type.file) used.insert(link.returns->file->stem);
  }
  std::vector<std::string> unused;
  for (const auto& file : model.files)
    if (!used.count(file.stem)) unused.push_back(file.stem);
  return unused;
}

/// The stems the doc-edit test edits: the six schema files the most other files include (the case that could
/// rewrite more than one header, with the widest reach), every eighth of the other used ones, and three that none
/// uses. Each edit costs a whole generation: editing every file would be quadratic in the number of files.
std::vector<std::string> stems_to_edit(const fs::path& schemas) {
  ir::Model model;
  pipeline::load(schemas.string(), model);
  std::map<std::string, std::size_t> includers;
  for (const auto& file : model.files)
    for (const auto* dependency : file.dependencies) ++includers[dependency->stem];
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (const auto& [stem, count] : includers) ranked.emplace_back(count, stem);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });

  const std::vector<std::string> unused = unused_stems(schemas);
  std::vector<std::string> stems;
  for (std::size_t i = 0; i < ranked.size() && i < 6; ++i) stems.push_back(ranked[i].second);
  std::size_t other = 0;
  for (const std::string& stem : schema_stems(schemas)) {
    const bool chosen = std::find(stems.begin(), stems.end(), stem) != stems.end();
    const bool is_unused = std::find(unused.begin(), unused.end(), stem) != unused.end();
    if (!chosen && !is_unused && other++ % 8 == 0) stems.push_back(stem);
  }
  for (std::size_t i = 0; i < unused.size() && i < 3; ++i) stems.push_back(unused[i]);
  return stems;
}

std::string summary(std::size_t written, std::size_t unchanged, std::size_t removed) {
  return "emgen: " + std::to_string(written) + " written, " + std::to_string(unchanged) + " unchanged, " +
         std::to_string(removed) + " removed\n";
}

TEST(EmgenCheck, AcceptsTheProjectSchemas) {
  const RunResult result = emgen_test::run({EMGEN_EXE, "check", "--schemas", EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_NE(result.out.find("; no errors\n"), std::string::npos) << result.out;
}

/// The 1-based `line:column` of the first `what` in text, plus column_offset.
std::string locate(const std::string& text, const std::string& what, std::size_t column_offset = 0) {
  const std::size_t at = text.find(what);
  EXPECT_NE(at, std::string::npos) << what;
  if (at == std::string::npos) return "";
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
  const std::size_t newline = text.rfind('\n', at);
  const std::size_t line_start = newline == std::string::npos ? 0 : newline + 1;
  return std::to_string(line) + ":" + std::to_string(at - line_start + 1 + column_offset);
}

/// Replaces the first `from` in a schema file with `to`, and returns where `to` starts (plus column_offset),
/// so that expected locations follow the schemas as they change.
std::string inject(const fs::path& file, const std::string& from, const std::string& to,
                   std::size_t column_offset = 0) {
  std::string text = emgen_test::read_text(file);
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from << " not in " << file;
  if (at == std::string::npos) return "";
  text.replace(at, from.size(), to);
  emgen_test::write_text(file, text);
  return locate(text, to, column_offset);
}

// Mistakes that `emgen check` once let pass (an enum expectation the enum does not list, a misspelt element:, a
// misspelt key beside an unknown type in another file), injected into a copy of the project's schemas, are all
// reported in one run, each at its YAML line and column.
TEST(EmgenCheck, ReportsEveryInjectedMistakeInOneRun) {
  const TempDir dir;
  const fs::path schemas = copy_schemas(dir);
  const std::string state = inject(schemas / "backup_job_session.yaml", "State: Stopped", "State: Complete", 7);
  const std::string element = inject(schemas / "repository.yaml", "element: Repository", "element: Repositry", 9);
  const std::string optinal = inject(schemas / "task.yaml", "optional: true", "optinal: true");
  const std::string int64 = inject(schemas / "backup_file.yaml", "type: Long", "type: Int64", 6);
  const RunResult result = emgen_test::run({EMGEN_EXE, "check", "--schemas", schemas.string()});
  EXPECT_EQ(result.status, 1);
  const auto reports = [&](const std::string& file, const std::string& at, const std::string& message) {
    const std::string prefix = (schemas / file).generic_string() + ":" + at + ": ";
    const std::size_t found = result.err.find(prefix);
    return found != std::string::npos && result.err.find(message, found) != std::string::npos &&
           result.err.find(message, found) < result.err.find('\n', found);
  };
  EXPECT_TRUE(reports("backup_job_session.yaml", state,
                      "'Complete' is not a listed BackupJobSessionState value; write {unlisted: Complete}"))
      << result.err;
  // Reported at the example whose root disagrees, with the place of element: as a related location.
  const std::string example_at =
      locate(emgen_test::read_text(schemas / "repository.yaml"), "file: examples/Repository_made.xml", 6);
  EXPECT_TRUE(reports("repository.yaml", example_at,
                      "is <Repository>, but type 'Repository' reads <Repositry> (element: at " +
                          (schemas / "repository.yaml").generic_string() + ":" + element + ")"))
      << result.err;
  EXPECT_TRUE(reports("task.yaml", optinal, "unknown key 'optinal' (did you mean 'optional'?)")) << result.err;
  EXPECT_TRUE(reports("backup_file.yaml", int64, "unknown type 'Int64': the schema language calls it 'Long'"))
      << result.err;
  EXPECT_NE(result.err.find("emgen: 4 error(s)"), std::string::npos) << result.err;
}

TEST(EmgenCheck, PrintsDiagnosticsAsJsonOnRequest) {
  const TempDir dir;
  const fs::path schemas = copy_schemas(dir);
  const std::string optinal = inject(schemas / "task.yaml", "optional: true", "optinal: true");
  const RunResult result =
      emgen_test::run({EMGEN_EXE, "check", "--schemas", schemas.string(), "--diagnostics", "json"});
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.out, "");
  const std::string line = optinal.substr(0, optinal.find(':'));
  EXPECT_EQ(result.err.rfind(R"([{"severity":"error","code":"unknown-key","file":")", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(R"(task.yaml","line":)" + line + R"(,"column":)"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(R"json("message":"unknown key 'optinal' (did you mean 'optional'?)","related":[]}])json"),
            std::string::npos)
      << result.err;
}

// "first defined at" is a related location of the diagnostic: the text form ends with it, the JSON form holds it
// apart from the message, as the place of the same kind as the diagnostic's own.
TEST(EmgenCheck, GivesTheFirstDefinitionAsARelatedLocationInTextAndJson) {
  const TempDir dir;
  const fs::path schemas = copy_schemas(dir);
  emgen_test::write_text(schemas / "zz_again.yaml",
                         "api_version: v1_7\ntypes:\n  - name: Task\n    fields:\n      - {name: X, type: String}\n");
  const std::string first = (schemas / "task.yaml").generic_string();
  const std::string again = (schemas / "zz_again.yaml").generic_string();
  const RunResult text = emgen_test::run({EMGEN_EXE, "check", "--schemas", schemas.string()});
  EXPECT_EQ(text.status, 1);
  EXPECT_NE(
      text.err.find(again + ":3:11: types[0].name: duplicate name 'Task' (first defined at " + first + ":16:11)\n"),
      std::string::npos)
      << text.err;
  const RunResult json = emgen_test::run({EMGEN_EXE, "check", "--schemas", schemas.string(), "--diagnostics", "json"});
  EXPECT_EQ(json.status, 1);
  EXPECT_NE(json.err.find(R"("code":"duplicate-name","file":")" + again +
                          R"(","line":3,"column":11,"path":"types[0].name","message":"duplicate name 'Task'",)"
                          R"("related":[{"relation":"first defined at","file":")" +
                          first + R"(","line":16,"column":11,"path":"types[1].name"}]})"),
            std::string::npos)
      << json.err;
}

TEST(EmgenOutputs, ListsWhatGenerateWrites) {
  TempDir dir;
  const RunResult outputs = emgen_test::run({EMGEN_EXE, "outputs", "--schemas", EMGEN_SCHEMAS_DIR});
  ASSERT_EQ(outputs.status, 0) << outputs.err;
  const RunResult generated = generate(EMGEN_SCHEMAS_DIR, dir / "out");
  ASSERT_EQ(generated.status, 0) << generated.err;
  std::string listed;
  for (const auto& path : emgen_test::list_files(dir / "out")) listed += path + "\n";
  EXPECT_EQ(outputs.out, listed);
  EXPECT_EQ(emgen_test::list_files(dir / "out"), expected_outputs(schema_stems(EMGEN_SCHEMAS_DIR)));
}

TEST(EmgenGenerate, SecondRunRewritesNothing) {
  TempDir dir;
  const fs::path out = dir / "out";
  const RunResult first = generate(EMGEN_SCHEMAS_DIR, out);
  ASSERT_EQ(first.status, 0) << first.err;
  const auto files = emgen_test::list_files(out);
  ASSERT_FALSE(files.empty());
  EXPECT_NE(first.out.find(summary(files.size(), 0, 0)), std::string::npos) << first.out;
  for (const auto& file : files)
    EXPECT_NE(first.out.find("wrote " + out.string() + "/" + file + "\n"), std::string::npos) << file;

  backdate(out);
  const auto bytes = emgen_test::snapshot_bytes(out);
  const auto times = emgen_test::snapshot_times(out);
  const RunResult second = generate(EMGEN_SCHEMAS_DIR, out);
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(second.out, summary(0, files.size(), 0));
  EXPECT_EQ(second.err, "");
  EXPECT_EQ(emgen_test::changed_times(times, emgen_test::snapshot_times(out)), std::vector<std::string>{});
  EXPECT_EQ(emgen_test::snapshot_bytes(out), bytes);

  // --quiet prints nothing when nothing changed.
  const RunResult quiet = generate(EMGEN_SCHEMAS_DIR, out, {"--quiet"});
  EXPECT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.out, "");
}

TEST(EmgenGenerate, ADocChangeRewritesOnlyThatSchemasHeader) {
  TempDir dir;
  const fs::path schemas = copy_schemas(dir);
  const fs::path out = dir / "out";
  const RunResult first = generate(schemas, out);
  ASSERT_EQ(first.status, 0) << first.err;
  const std::size_t total = emgen_test::list_files(out).size();

  // One file after another, each edit on top of the previous ones: every time exactly one header changes,
  // including when other headers include the edited one.
  const auto stems = stems_to_edit(schemas);
  ASSERT_GE(stems.size(), 4u);
  for (const auto& stem : stems) {
    SCOPED_TRACE(stem);
    backdate(out);
    const auto before = emgen_test::snapshot_bytes(out);
    const auto times = emgen_test::snapshot_times(out);
    const fs::path schema = schemas / (stem + ".yaml");
    const std::string marker = "Edited" + stem + "ByTheGeneratorTest.";
    emgen_test::write_text(schema, edit_file_doc(emgen_test::read_text(schema), marker));
    const RunResult again = generate(schemas, out);
    ASSERT_EQ(again.status, 0) << again.err;
    const std::string header = kHeaderDir + stem + ".hpp";
    // The example tests name each expectation's line in its schema: an edit that moves the schema's lines
    // rewrites them too (a test's source, compiled into no library), and nothing else.
    const std::string examples = "tests/examples_test.cpp";
    const auto after = emgen_test::snapshot_bytes(out);
    const bool lines_moved = after.at(examples) != before.at(examples);
    std::vector<std::string> rewritten{header};
    if (lines_moved) rewritten.push_back(examples);
    std::string wrote;
    for (const auto& path : rewritten) wrote += "wrote " + out.string() + "/" + path + "\n";
    EXPECT_EQ(again.out, wrote + summary(rewritten.size(), total - rewritten.size(), 0));
    EXPECT_EQ(emgen_test::changed_times(times, emgen_test::snapshot_times(out)), rewritten);
    EXPECT_NE(after.at(header).find(marker), std::string::npos);
    if (lines_moved) {
      EXPECT_NE(after.at(examples).find(stem + ".yaml:"), std::string::npos) << "only its lines moved";
    }
    for (const auto& [path, content] : before)
      if (path != header && path != examples) {
        EXPECT_EQ(after.at(path), content) << path;
      }
  }
}

TEST(EmgenGenerate, RemovingASchemaRemovesItsFiles) {
  TempDir dir;
  const fs::path schemas = copy_schemas(dir);
  const fs::path out = dir / "out";
  ASSERT_EQ(generate(schemas, out).status, 0);
  // A hand-written file in the output directory is never touched.
  emgen_test::write_text(out / "src/notes.txt", "mine\n");

  const auto candidates = unused_stems(schemas);
  ASSERT_FALSE(candidates.empty()) << "every schema file is used by another one";
  const std::string stem = candidates.front();
  const std::string header = kHeaderDir + stem + ".hpp";
  const std::string source = "src/" + stem + ".cpp";
  ASSERT_TRUE(fs::exists(out / header));
  ASSERT_TRUE(fs::exists(out / source));

  fs::remove(schemas / (stem + ".yaml"));
  // api.yaml's areas name the removed file's types; removing a schema means taking them out of its area too.
  const std::string api = emgen_test::read_text(schemas / "api.yaml");
  ASSERT_NE(api.find("\nareas:"), std::string::npos);
  emgen_test::write_text(schemas / "api.yaml", api.substr(0, api.find("\nareas:") + 1));
  const RunResult again = generate(schemas, out);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_FALSE(fs::exists(out / header));
  EXPECT_FALSE(fs::exists(out / source));
  EXPECT_NE(again.out.find("removed " + out.string() + "/" + header + "\n"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("removed " + out.string() + "/" + source + "\n"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find(", 2 removed\n"), std::string::npos) << again.out;
  auto expected = expected_outputs(schema_stems(schemas));
  expected.push_back("src/notes.txt");
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(emgen_test::list_files(out), expected);
  // The index no longer includes the removed header.
  EXPECT_EQ(emgen_test::read_text(out / (kHeaderDir + "index.hpp")).find("/" + stem + ".hpp"), std::string::npos);
}

TEST(EmgenGenerate, CheckReportsStaleOutputAndWritesNothing) {
  TempDir dir;
  const fs::path out = dir / "out";

  // Nothing generated yet: every file is stale, and --check creates nothing.
  const RunResult empty = generate(EMGEN_SCHEMAS_DIR, out, {"--check"});
  EXPECT_EQ(empty.status, 1);
  EXPECT_FALSE(fs::exists(out));
  const auto outputs = expected_outputs(schema_stems(EMGEN_SCHEMAS_DIR));
  EXPECT_NE(empty.err.find("emgen: " + std::to_string(outputs.size()) + " generated file(s) are stale"),
            std::string::npos)
      << empty.err;

  ASSERT_EQ(generate(EMGEN_SCHEMAS_DIR, out).status, 0);
  const RunResult fresh = generate(EMGEN_SCHEMAS_DIR, out, {"--check"});
  EXPECT_EQ(fresh.status, 0) << fresh.err;
  EXPECT_EQ(fresh.err, "");
  EXPECT_EQ(fresh.out, "emgen: " + std::to_string(outputs.size()) + " files up to date in " + out.string() + "\n");

  // One generated file edited by hand, one removed, one left over from a schema that is gone.
  const std::string edited = "src/index.cpp";
  const std::string deleted = kHeaderDir + "api.hpp";
  const std::string leftover = kHeaderDir + "gone.hpp";
  emgen_test::write_text(out / edited, emgen_test::read_text(out / edited) + "// local change\n");
  fs::remove(out / deleted);
  emgen_test::write_text(out / leftover, "// Generated by emgen from gone.yaml. Do not edit.\n");
  backdate(out);
  const auto bytes = emgen_test::snapshot_bytes(out);
  const auto times = emgen_test::snapshot_times(out);
  const RunResult stale = generate(EMGEN_SCHEMAS_DIR, out, {"--check"});
  EXPECT_EQ(stale.status, 1);
  EXPECT_EQ(stale.out, "");
  std::vector<std::string> listed{deleted, leftover, edited};
  std::sort(listed.begin(), listed.end());
  std::string expected_err;
  for (const auto& path : listed)
    expected_err += out.string() + "/" + path + ": differs from what the schemas generate\n";
  expected_err += "emgen: 3 generated file(s) are stale; regenerate them\n";
  EXPECT_EQ(stale.err, expected_err);
  EXPECT_EQ(emgen_test::snapshot_bytes(out), bytes);
  EXPECT_EQ(emgen_test::changed_times(times, emgen_test::snapshot_times(out)), std::vector<std::string>{});

  // Regenerating repairs all three, and --check is content again.
  const RunResult repair = generate(EMGEN_SCHEMAS_DIR, out);
  EXPECT_EQ(repair.status, 0) << repair.err;
  EXPECT_NE(repair.out.find(summary(2, outputs.size() - 2, 1)), std::string::npos) << repair.out;
  EXPECT_EQ(generate(EMGEN_SCHEMAS_DIR, out, {"--check"}).status, 0);
}

TEST(EmgenGenerate, IsDeterministic) {
  TempDir dir;
  ASSERT_EQ(generate(EMGEN_SCHEMAS_DIR, dir / "one").status, 0);
  ASSERT_EQ(generate(EMGEN_SCHEMAS_DIR, dir / "two").status, 0);
  const auto one = emgen_test::snapshot_bytes(dir / "one");
  const auto two = emgen_test::snapshot_bytes(dir / "two");
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(one, two);
  // Also from a copy of the schemas at another path: the schema directory's location is not in the output.
  const fs::path schemas = copy_schemas(dir);
  ASSERT_EQ(generate(schemas, dir / "three").status, 0);
  EXPECT_EQ(emgen_test::snapshot_bytes(dir / "three"), one);
}

TEST(EmgenGenerate, NamespaceChoosesTheIncludeDirectory) {
  TempDir dir;
  const RunResult result = generate(EMGEN_SCHEMAS_DIR, dir / "out", {"--namespace", "acme::rest"});
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(emgen_test::list_files(dir / "out"),
            cpp::output_paths(schema_stems(EMGEN_SCHEMAS_DIR), cpp::Options{"acme::rest"}));
  const std::string index = emgen_test::read_text(dir / "out/include/acme/rest/index.hpp");
  EXPECT_NE(index.find("namespace acme::rest {"), std::string::npos);

  const RunResult bad = generate(EMGEN_SCHEMAS_DIR, dir / "bad", {"--namespace", "acme::"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_FALSE(fs::exists(dir / "bad"));
}

// ---- Schema imports (docs/schema-language.md, "Importing other schema sets") ----

const char* const kApi =
    "api:\n  title: T\n  version: v1_7\n  build: \"1\"\n  xml_namespace: urn:x\n  base_path: /api\n";

/// A schema set of its own that uses EM's Entity and SessionResult by name.
fs::path own_set(const TempDir& dir, const std::string& extra_types = "") {
  const fs::path own = dir / "own";
  emgen_test::write_text(own / "api.yaml", kApi);
  emgen_test::write_text(
      own / "task.yaml",
      "api_version: v1_7\ntypes:\n  - name: TaskSession\n    extends: Entity\n    element: TaskSession\n"
      "    fields:\n      - {name: Result, type: SessionResult}\n" +
          extra_types);
  return own;
}

RunResult check_with_imports(const fs::path& own, const std::vector<std::string>& imports) {
  std::vector<std::string> argv{EMGEN_EXE, "check", "--schemas", own.string()};
  for (const std::string& import : imports) argv.insert(argv.end(), {"--import", import});
  return emgen_test::run(argv);
}

TEST(EmgenImports, ImportedNamesResolveAndAreQualifiedInTheGeneratedCode) {
  TempDir dir;
  const fs::path own = own_set(dir);
  EXPECT_NE(check_with_imports(own, {}).status, 0) << "without the import, Entity is unknown";
  const RunResult checked = check_with_imports(own, {EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(checked.status, 0) << checked.err;
  const RunResult generated = generate(
      own, dir / "out", {"--namespace", "acme::tasks", "--import", std::string(EMGEN_SCHEMAS_DIR) + "=veeam::em"});
  ASSERT_EQ(generated.status, 0) << generated.err;
  const std::string header = emgen_test::read_text(dir / "out/include/acme/tasks/task.hpp");
  EXPECT_NE(header.find("#include \"veeam/em/common.hpp\""), std::string::npos) << header;
  EXPECT_NE(header.find("#include \"veeam/em/session_result.hpp\""), std::string::npos) << header;
  EXPECT_NE(header.find("struct TaskSession : veeam::em::Entity {"), std::string::npos) << header;
  EXPECT_NE(header.find("emgen::Open<veeam::em::SessionResult> result;"), std::string::npos) << header;
  // The imported set's own files are not generated again.
  EXPECT_FALSE(fs::exists(dir / "out/include/acme/tasks/common.hpp"));
  EXPECT_FALSE(fs::exists(dir / "out/include/veeam"));
}

TEST(EmgenImports, AnOwnNameThatAnImportDefinesIsALocatedErrorNamingBothFiles) {
  TempDir dir;
  const fs::path own = own_set(dir, "  - name: Entity\n    fields:\n      - {name: Href, type: String}\n");
  const RunResult result = check_with_imports(own, {EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find((own / "task.yaml").string() +
                            ":8:11: types[1].name: 'Entity' is already defined by the "
                            "imported schemas " +
                            EMGEN_SCHEMAS_DIR + "; use theirs, or give this one another name (first defined at " +
                            EMGEN_SCHEMAS_DIR + "/common.yaml:"),
            std::string::npos)
      << result.err;
}

TEST(EmgenImports, TwoImportsDefiningOneNameIsAnError) {
  TempDir dir;
  const fs::path own = own_set(dir);
  const fs::path copy = dir / "copy";
  fs::copy(EMGEN_SCHEMAS_DIR, copy, fs::copy_options::recursive);
  const RunResult result = check_with_imports(own, {EMGEN_SCHEMAS_DIR, copy.string() + "=veeam::em2"});
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("'Entity' is defined by two imported schema sets: " + std::string(EMGEN_SCHEMAS_DIR)),
            std::string::npos)
      << result.err;
}

TEST(EmgenImports, AnotherApiVersionIsAnErrorUnlessAllowed) {
  TempDir dir;
  const fs::path own = own_set(dir);
  std::string api = kApi;
  api.replace(api.find("v1_7"), 4, "v1_8");
  emgen_test::write_text(own / "api.yaml", api);
  std::string task = emgen_test::read_text(own / "task.yaml");
  task.replace(task.find("v1_7"), 4, "v1_8");
  emgen_test::write_text(own / "task.yaml", task);
  const RunResult refused = check_with_imports(own, {EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find((own / "api.yaml").string() + ":3:12: api.version: the imported schemas " +
                             EMGEN_SCHEMAS_DIR + " describe API v1_7, this api.yaml v1_8; --allow-version-mismatch"),
            std::string::npos)
      << refused.err;
  std::vector<std::string> argv{
      EMGEN_EXE, "check", "--schemas", own.string(), "--import", EMGEN_SCHEMAS_DIR, "--allow-version-mismatch"};
  EXPECT_EQ(emgen_test::run(argv).status, 0);
}

TEST(EmgenImports, GenerateRefusesTheImportsOwnNamespace) {
  TempDir dir;
  const RunResult result = generate(own_set(dir), dir / "out", {"--import", EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("must be a C++ namespace other than --namespace's"), std::string::npos) << result.err;
}

// ---- Areas (docs/schema-language.md, "Areas") ----

const char* const kTaskSessions =
    "  - name: TaskSessions\n    element: TaskSessions\n    fields:\n"
    "      - {name: TaskSession, type: TaskSession, repeated: true}\n";

/// own_set's api.yaml with these areas.
void write_areas(const fs::path& own, const std::string& areas) {
  emgen_test::write_text(own / "api.yaml", std::string(kApi) + "areas:\n" + areas);
}

TEST(EmgenAreas, AnAreaListsOnlyTypesOfItsOwnSet) {
  TempDir dir;
  const fs::path own = own_set(dir);
  write_areas(own, "  - {name: tasks, types: [TaskSession, Entity]}\n");
  const RunResult result = check_with_imports(own, {EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find((own / "api.yaml").string() +
                            ":8:40: areas[0].types[1]: type 'Entity' is defined by the imported set " +
                            EMGEN_SCHEMAS_DIR + "; an area lists types of this set\n"),
            std::string::npos)
      << result.err;
}

TEST(EmgenAreas, CheckWarnsOfDocumentTypesInNoAreaAndPasses) {
  TempDir dir;
  const fs::path own = own_set(dir, kTaskSessions);
  write_areas(own, "  - {name: lists, types: [TaskSessions]}\n");
  const RunResult text = check_with_imports(own, {EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(text.status, 0) << text.err;
  EXPECT_EQ(text.err, (own / "api.yaml").string() +
                          ":7:1: warning: areas: 1 document type(s) that no area lists: "
                          "TaskSession\n");
  EXPECT_NE(text.out.find("; no errors, 1 warning(s)\n"), std::string::npos) << text.out;

  const RunResult json = emgen_test::run(
      {EMGEN_EXE, "check", "--schemas", own.string(), "--import", EMGEN_SCHEMAS_DIR, "--diagnostics", "json"});
  EXPECT_EQ(json.status, 0) << json.err;
  EXPECT_NE(json.err.find("\"severity\":\"warning\",\"code\":\"type-in-no-area\""), std::string::npos) << json.err;

  // Listed in an area, the type is no longer reported.
  write_areas(own, "  - {name: lists, types: [TaskSessions]}\n  - {name: tasks, types: [TaskSession]}\n");
  const RunResult listed = check_with_imports(own, {EMGEN_SCHEMAS_DIR});
  EXPECT_EQ(listed.status, 0) << listed.err;
  EXPECT_EQ(listed.err, "");
}

TEST(EmgenAreas, InspectListsEachAreaWithItsClosure) {
  TempDir dir;
  const fs::path own = own_set(dir, kTaskSessions);
  write_areas(own,
              "  - {name: tasks, doc: One task session., types: [TaskSession]}\n"
              "  - {name: lists, types: [TaskSessions]}\n");
  const RunResult result =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", own.string(), "--import", EMGEN_SCHEMAS_DIR, "--list-areas"});
  EXPECT_EQ(result.status, 0) << result.err;
  // Only this set's own types count: Entity and SessionResult are the imported set's.
  EXPECT_EQ(result.out,
            "tasks: One task session.\n  root types: TaskSession\n  generated: 1 type, 0 enums\n"
            "lists: (no doc)\n  root types: TaskSessions\n  generated: 2 types, 0 enums\n"
            "all 2 areas: 2 types, 0 enums; the whole set: 2 types, 0 enums\n");

  emgen_test::write_text(own / "api.yaml", kApi);
  const RunResult none =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", own.string(), "--import", EMGEN_SCHEMAS_DIR, "--list-areas"});
  EXPECT_EQ(none.status, 0) << none.err;
  EXPECT_EQ(none.out, own.string() + "/api.yaml declares no areas\n");
}

// `emgen check` reads every example payload strictly as its type and checks its `expect:` values, as the
// generated example tests do after a build: a payload that lost a required element, and an expectation that no
// longer holds, are each reported at the schema's line and at the payload's.
TEST(EmgenCheck, ReadsEveryExampleAndChecksItsExpectations) {
  const TempDir dir;
  const fs::path schemas = copy_schemas(dir);
  inject(schemas / "examples" / "BackupJobSession_doc13.xml", "<JobName>Backup Job 3</JobName>", "");
  const std::string expectation = inject(schemas / "repository.yaml", "Kind: WindowsLocal", "Kind: LinuxLocal");
  const RunResult result = emgen_test::run({EMGEN_EXE, "check", "--schemas", schemas.string()});
  EXPECT_EQ(result.status, 1) << result.out;
  const std::string schema_line =
      "backup_job_session.yaml:" + locate(emgen_test::read_text(schemas / "backup_job_session.yaml"),
                                          "- file: examples/BackupJobSession_doc13.xml", 8);
  EXPECT_NE(result.err.find(schema_line + ": example examples/BackupJobSession_doc13.xml does not read strictly as "
                                          "BackupJobSession: "),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("BackupJobSession_doc13.xml:1:41: /BackupJobSession: missing required element <JobName>"),
            std::string::npos)
      << result.err;
  EXPECT_NE(
      result.err.find("repository.yaml:" + expectation + ": expect Kind of examples/Repository_made.xml does not hold"),
      std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("emgen: 2 example error(s) among "), std::string::npos) << result.err;
}

// `emgen inspect --recorded` reads every body of a folder emgen-sim record wrote, each as its endpoint's type (an
// error status as Error), and summarises what the schemas do not know by type and member, with the first place.
TEST(EmgenInspect, SummarisesTheUnknownsOfARecordedFolder) {
  const std::string folder = std::string(EMGEN_SCHEMAS_DIR) + "/../tests/sim/made_here/recorded";
  const RunResult result =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--recorded", folder});
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find(folder + ": 7 exchange(s); 5 bodies read, 0 did not read, 1 answered by no endpoint of "
                                     "the schemas, 1 without a body\n"
                                     "  BackupJobSession: 2\n  EntityReferences: 1\n  Error: 1\n  QueryResult: 1\n"
                                     "Unknown members and values in 3 bodies"),
            std::string::npos)
      << result.out;
  // The entity's XML and JSON forms, and one line for the three entities of the query result, each counted.
  EXPECT_NE(result.out.find("      1  BackupJobSession  $  kept unknown member \"Platform\"  " + folder +
                            "/bodies/0002-response.json:1:"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("      1  BackupJobSession  /BackupJobSession  kept unknown element <Platform>  " + folder +
                            "/bodies/0001-response.xml:16:4\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("      1  BackupJobSession  /BackupJobSession/Result  kept \"Canceled\", which is not a "
                            "SessionResult value"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("      3  QueryResult  /QueryResult/Entities/BackupJobSessions/BackupJobSession  kept "
                            "unknown element <Platform>  " +
                            folder + "/bodies/0003-response.xml:19:10\n"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.err.find("index.yaml:44:3: GET /api/gadgets/1: no endpoint of the schemas answers it"),
            std::string::npos)
      << result.err;
  // What the summary reports fails the run on request, and --strict makes the unknowns errors.
  EXPECT_EQ(
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--fail-on-warning", "--recorded", folder})
          .status,
      1);
  const RunResult strict =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--strict", "--recorded", folder});
  EXPECT_EQ(strict.status, 1);
  EXPECT_NE(strict.out.find("2 bodies read, 3 did not read"), std::string::npos) << strict.out;

  // A folder whose index does not read, and the command lines that make no sense.
  const TempDir dir;
  emgen_test::write_text(dir / "index.yaml", "- {method: GET, target: /api/, status: fine}\n");
  const RunResult bad =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--recorded", dir.path().string()});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("index.yaml:1:40: status must be an HTTP status 100-599, not \"fine\""), std::string::npos)
      << bad.err;
  EXPECT_EQ(emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR}).status, 2);
  EXPECT_EQ(emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--recorded", folder, "auto",
                             std::string(EMGEN_SCHEMAS_DIR) + "/examples/BackupJobSession_doc13.xml"})
                .status,
            2);
}

// `emgen inspect` reads a payload as a type of a schema set, with no build: the value as JSON on stdout, what a
// lenient read let through on stderr, located; the type may be found from the XML root.
TEST(EmgenInspect, ReadsAPayloadAsATypeOfTheSchemaSet) {
  const std::string payload = std::string(EMGEN_SCHEMAS_DIR) + "/examples/BackupJobSession_doc13.xml";
  const RunResult read =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "BackupJobSession", payload});
  EXPECT_EQ(read.status, 0) << read.err;
  EXPECT_EQ(read.err, "");
  EXPECT_NE(read.out.find(R"("JobName": "Backup Job 3")"), std::string::npos) << read.out;
  const RunResult found = emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "auto", payload});
  EXPECT_EQ(found.status, 0) << found.err;
  EXPECT_EQ(found.out, read.out);

  const TempDir dir;
  const fs::path newer = dir / "newer.xml";
  std::string text = emgen_test::read_text(payload);
  text.replace(text.find("<State>"), 0, "<Platform>VMware</Platform>");
  emgen_test::write_text(newer, text);
  const RunResult lenient =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "BackupJobSession", newer.string()});
  EXPECT_EQ(lenient.status, 0) << lenient.err;
  EXPECT_NE(lenient.err.find(newer.string() + ":" + locate(text, "<Platform>", 1) +
                             ": /BackupJobSession: kept unknown element <Platform>"),
            std::string::npos)
      << lenient.err;
  // Kept, but not written into the JSON printed: an XML element has no JSON form (see UnknownMembers).
  EXPECT_EQ(lenient.out, read.out);
  EXPECT_EQ(emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--fail-on-warning",
                             "BackupJobSession", newer.string()})
                .status,
            1);
  const RunResult strict = emgen_test::run(
      {EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--strict", "BackupJobSession", newer.string()});
  EXPECT_EQ(strict.status, 1);
  EXPECT_NE(strict.err.find("unknown element <Platform>"), std::string::npos) << strict.err;
  const RunResult unknown =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "BackupJobSesion", payload});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("BackupJobSession"), std::string::npos) << unknown.err;
}

// A consumer's schema set loads only with the set it imports: emgen diff takes --import for both sides, and
// reports a field removed between two versions of the consumer's set as breaking.
TEST(EmgenDiff, ComparesTwoVersionsOfASetThatImportsAnother) {
  const TempDir dir;
  const fs::path old_set = dir / "old";
  const fs::path new_set = dir / "new";
  fs::copy(EMGEN_CONSUMER_SCHEMAS_DIR, old_set, fs::copy_options::recursive);
  fs::copy(EMGEN_CONSUMER_SCHEMAS_DIR, new_set, fs::copy_options::recursive);
  inject(new_set / "discovered_computer.yaml",
         "      - {name: IpAddress, type: String, doc: IP address of the protected computer.}\n", "");
  inject(new_set / "discovered_computer.yaml", "          IpAddress: \"172.17.53.89\"\n", "");
  const std::string import = std::string(EMGEN_SCHEMAS_DIR) + "=veeam::em";
  const RunResult without = emgen_test::run({EMGEN_EXE, "diff", "--old", old_set.string(), "--new", new_set.string()});
  EXPECT_EQ(without.status, 2) << "a set that imports another does not check alone";
  const RunResult result =
      emgen_test::run({EMGEN_EXE, "diff", "--old", old_set.string(), "--new", new_set.string(), "--import", import});
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_NE(result.out.find("FIELD_REMOVED  DiscoveredComputer.IpAddress"), std::string::npos) << result.out;
  const RunResult same =
      emgen_test::run({EMGEN_EXE, "diff", "--old", old_set.string(), "--new", old_set.string(), "--import", import});
  EXPECT_EQ(same.status, 0) << same.out << same.err;
}

// A consumer's set checks only with the set it imports, and its examples are read strictly then too: a required
// element removed from one of its payloads is reported at the example's schema line and at the payload's.
TEST(EmgenCheck, ReadsTheExamplesOfASetThatImportsAnother) {
  const TempDir dir;
  const fs::path set = dir / "agents";
  fs::copy(EMGEN_CONSUMER_SCHEMAS_DIR, set, fs::copy_options::recursive);
  const std::string import = std::string(EMGEN_SCHEMAS_DIR) + "=veeam::em";
  const RunResult intact = emgen_test::run({EMGEN_EXE, "check", "--schemas", set.string(), "--import", import});
  EXPECT_EQ(intact.status, 0) << intact.err;

  const fs::path payload = set / "examples" / "DiscoveredComputer_agents_discoveredcomputers_id.xml";
  inject(payload, "<AgentVersion>5.0.0.4301</AgentVersion>\n", "");
  const RunResult result = emgen_test::run({EMGEN_EXE, "check", "--schemas", set.string(), "--import", import});
  EXPECT_EQ(result.status, 1) << result.err;
  const std::string schema_line = (set / "discovered_computer.yaml").string() + ":" +
                                  locate(emgen_test::read_text(set / "discovered_computer.yaml"),
                                         "- file: examples/DiscoveredComputer_agents_discoveredcomputers_id.xml", 8);
  EXPECT_NE(result.err.find(schema_line +
                            ": example examples/DiscoveredComputer_agents_discoveredcomputers_id.xml does not read "
                            "strictly as DiscoveredComputer: " +
                            payload.string() + ":1:2: /DiscoveredComputer: missing required element <AgentVersion>"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("emgen: 1 example error(s) among 2 example(s)"), std::string::npos) << result.err;
}

// emgen inspect reads a consumer's documented payload as its type, the imported base's fields (Entity's Href,
// Type, Name, UID, Links) included, with every value the payload holds.
TEST(EmgenInspect, ReadsAPayloadOfASetThatImportsAnotherWithEveryValue) {
  const std::string payload =
      std::string(EMGEN_CONSUMER_SCHEMAS_DIR) + "/examples/DiscoveredComputer_agents_discoveredcomputers_id.xml";
  const std::string import = std::string(EMGEN_SCHEMAS_DIR) + "=veeam::em";
  const RunResult read = emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_CONSUMER_SCHEMAS_DIR, "--import",
                                          import, "--strict", "DiscoveredComputer", payload});
  EXPECT_EQ(read.status, 0) << read.err;
  EXPECT_EQ(read.err, "");
  EXPECT_EQ(read.out, R"json({
  "Href": "https://localhost:9398/api/backupTaskSessions/b85df3d1-c094-437c-b836-eaca6c3762ca?format=Entity",
  "Type": "DiscoveredComputer",
  "Name": "enterprise03.tech.local",
  "UID": "urn:veeam:DiscoveredComputer:b85df3d1-c094-437c-b836-eaca6c3762ca",
  "Links": [
    {
      "Rel": "Up",
      "Href": "https://localhost:9398/api/backupServers/7445e6ce-86f5-4171-b909-dac209c66563",
      "Name": "enterprise06.tech.local",
      "Type": "BackupServerReference"
    },
    {
      "Rel": "Alternate",
      "Href": "https://localhost:9398/api/agents/discoveredComputers/b85df3d1-c094-437c-b836-eaca6c3762ca",
      "Name": "enterprise03.tech.local",
      "Type": "DiscoveredComputerReference"
    },
    {
      "Rel": "Up",
      "Href": "https://localhost:9398/api/agents/protectionGroups/d0671b61-8f92-45a7-a199-ab2aad8037c6",
      "Name": "Protection Group 1",
      "Type": "AgentProtectionGroupReference"
    }
  ],
  "HostStatus": "Online",
  "AgentVersion": "5.0.0.4301",
  "AgentStatus": "Installed",
  "OsVersion": "Microsoft Windows Server 2012 R2 (64-bit)",
  "IpAddress": "172.17.53.89",
  "HierarchyObjRef": "urn:AgentForWindows:VeeamAgent:00000000-0000-0000-0000-000000000000.b85df3d1-c094-437c-b836-eaca6c3762ca"
}
)json");
  const RunResult found = emgen_test::run(
      {EMGEN_EXE, "inspect", "--schemas", EMGEN_CONSUMER_SCHEMAS_DIR, "--import", import, "auto", payload});
  EXPECT_EQ(found.status, 0) << found.err;
  EXPECT_EQ(found.out, read.out);
  const RunResult alone =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_CONSUMER_SCHEMAS_DIR, "DiscoveredComputer", payload});
  EXPECT_NE(alone.status, 0) << "without the import, Entity is unknown";
}

TEST(EmgenHelp, EveryCommandDocumentsItsExitStatusAndExamples) {
  for (const std::vector<std::string>& command : {std::vector<std::string>{"generate"},
                                                  {"check"},
                                                  {"outputs"},
                                                  {"import", "xsd"},
                                                  {"import", "page"},
                                                  {"diff"},
                                                  {"inspect"}}) {
    std::vector<std::string> argv{EMGEN_EXE};
    argv.insert(argv.end(), command.begin(), command.end());
    argv.push_back("--help");
    const RunResult result = emgen_test::run(argv);
    EXPECT_EQ(result.status, 0) << command[0];
    EXPECT_NE(result.out.find("\nEXIT STATUS\n"), std::string::npos) << command.back() << ":\n" << result.out;
    EXPECT_NE(result.out.find("\nEXAMPLES\n  emgen " + command[0]), std::string::npos) << command.back();
  }
  const RunResult version = emgen_test::run({EMGEN_EXE, "--version"});
  EXPECT_EQ(version.out, std::string("emgen ") + EMGEN_PROJECT_VERSION + "\n");
}

}  // namespace
