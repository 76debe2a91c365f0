// emgen diff's command line: the four formats, --fail-on, ignore files, git: revisions, and the real version
// pairs whose reports are committed in docs/diff-examples/. The corpus directories (base/, cases/, mixed/) are
// made here, each for the rule or the output it shows.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../generator/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using emgen_test::read_text;
using emgen_test::RunResult;
using emgen_test::shell_quote;
using emgen_test::TempDir;
using emgen_test::write_text;

/// `emgen diff ARGS`, run in directory.
RunResult diff_in(const std::string& directory, const std::string& arguments) {
  return emgen_test::run(
      {"sh", "-c", "cd " + shell_quote(directory) + " && " + shell_quote(EMGEN_EXE) + " diff " + arguments});
}

RunResult diff(const std::string& arguments) { return diff_in(DIFF_DIR, arguments); }

TEST(DiffFormats, EachFormatPrintsItsCommittedReport) {
  for (const std::string format : {"text", "json", "markdown", "github"}) {
    const RunResult result = diff("--old base --new mixed/new --fail-on none --format " + format);
    EXPECT_EQ(result.status, 0) << result.err;
    EXPECT_EQ(result.out, read_text(fs::path(DIFF_DIR) / "mixed" / ("expected." + format))) << format;
    EXPECT_EQ(result.err, "") << format;
  }
}

TEST(DiffFormats, TheSameInputGivesTheSameBytes) {
  const RunResult first =
      diff_in(SOURCE_DIR, "--old tests/import/restapi_v1_3 --new schemas --format json --fail-on none");
  const RunResult second =
      diff_in(SOURCE_DIR, "--old tests/import/restapi_v1_3 --new schemas --format json --fail-on none");
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  EXPECT_NE(first.out.find("\"rule\": \"FIELD_REMOVED\""), std::string::npos);
}

TEST(DiffExitCodes, FailOnSetsTheThreshold) {
  // mixed: one error, one warning, one info.
  EXPECT_EQ(diff("--old base --new mixed/new").status, 1);
  EXPECT_EQ(diff("--old base --new mixed/new --fail-on error").status, 1);
  EXPECT_EQ(diff("--old base --new mixed/new --fail-on none").status, 0);
  // enum_value_added: one info.
  const std::string info_only = "--old base --new cases/enum_value_added/new";
  EXPECT_EQ(diff(info_only).status, 0);
  EXPECT_EQ(diff(info_only + " --fail-on warning").status, 0);
  EXPECT_EQ(diff(info_only + " --fail-on info").status, 1);
  // link_removed: one warning.
  EXPECT_EQ(diff("--old base --new cases/link_removed/new --fail-on warning").status, 1);
  const RunResult same = diff("--old base --new base --fail-on info");
  EXPECT_EQ(same.status, 0);
  EXPECT_EQ(same.out, "emgen diff: base (v1, build 1) -> base (v1, build 1): 0 errors, 0 warnings, 0 infos\n");
}

TEST(DiffExitCodes, WhatCannotBeComparedIsAUsageError) {
  EXPECT_EQ(diff("--old base --new mixed/new --format xml").status, 2);
  EXPECT_EQ(diff("--old base --new mixed/new --fail-on sometimes").status, 2);
  EXPECT_EQ(diff("--old base").status, 2);
  const RunResult missing = diff("--old no/such/dir --new base");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("no/such/dir: not a directory, nor git:REF[:PATH]"), std::string::npos) << missing.err;
  TempDir broken;
  write_text(broken / "s.yaml", "api_version: v1\ntypes:\n  - name: X\n    fields:\n      - {name: A, type: Nope}\n");
  const RunResult unchecked = diff("--old base --new " + shell_quote(broken.path().string()));
  EXPECT_EQ(unchecked.status, 2);
  EXPECT_NE(unchecked.err.find("the new schemas (" + broken.path().string() + ") do not pass `emgen check`"),
            std::string::npos)
      << unchecked.err;
}

TEST(DiffIgnoreFile, AnAcceptedChangeIsListedWithItsReasonAndDoesNotFail) {
  TempDir dir;
  const fs::path ignore = dir / "ignore.yaml";
  write_text(ignore,
             "ignore:\n"
             "  - rule: FIELD_REMOVED\n    subject: Session.Kind\n    reason: Servers stopped sending it in v2.\n"
             "  - {rule: TYPE_REMOVED, subject: Gone, reason: Stale on purpose.}\n");
  const RunResult result = diff("--old base --new mixed/new --ignore " + shell_quote(ignore.string()));
  EXPECT_EQ(result.status, 0) << result.out;  // the one error is accepted; a warning does not fail
  EXPECT_NE(result.out.find("0 errors, 1 warning, 1 info; 1 ignored"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("\nIGNORED\n  FIELD_REMOVED  Session.Kind\n    Servers stopped sending it in v2.\n"),
            std::string::npos)
      << result.out;
  EXPECT_EQ(result.err, ignore.string() +
                            ":5: ignore[1]: ignores TYPE_REMOVED Gone, which this comparison does not "
                            "report (remove it?)\n");
  const RunResult json = diff("--old base --new mixed/new --format json --ignore " + shell_quote(ignore.string()));
  EXPECT_NE(json.out.find("\"ignored\": \"Servers stopped sending it in v2.\""), std::string::npos) << json.out;
}

TEST(DiffIgnoreFile, AnEntryWithoutAReasonIsALocatedError) {
  TempDir dir;
  const fs::path ignore = dir / "ignore.yaml";
  write_text(ignore,
             "ignore:\n  - {rule: FIELD_REMOVED, subject: Session.Kind}\n  - {rule: X, subjekt: Y, reason: Z}\n");
  const RunResult result = diff("--old base --new mixed/new --ignore " + shell_quote(ignore.string()));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find(ignore.string() + ":2:5: ignore[0]: missing 'reason': say why the change is accepted"),
            std::string::npos)
      << result.err;
  EXPECT_NE(
      result.err.find(ignore.string() + ":3:15: ignore[1].subjekt: unknown key 'subjekt' (rule, subject, reason)"),
      std::string::npos)
      << result.err;
}

void git(const fs::path& repo, const std::string& arguments) {
  const RunResult result = emgen_test::run(
      {"sh", "-c",
       "git -C " + shell_quote(repo.string()) + " -c user.name=emgen -c user.email=emgen@example.com " + arguments});
  ASSERT_EQ(result.status, 0) << arguments << ": " << result.err;
}

TEST(DiffGit, TheOldSideCanBeARevisionOfTheRepositoryHoldingTheNewSide) {
  TempDir repo;
  git(repo.path(), "init -q");
  fs::copy(fs::path(DIFF_DIR) / "base", repo / "schemas", fs::copy_options::recursive);
  git(repo.path(), "add schemas && git -C " + shell_quote(repo.path().string()) +
                       " -c user.name=emgen -c user.email=emgen@example.com commit -q -m base");
  fs::copy(fs::path(DIFF_DIR) / "mixed" / "new" / "s.yaml", repo / "schemas" / "s.yaml",
           fs::copy_options::overwrite_existing);
  const std::string new_side = shell_quote((repo / "schemas").string());
  const RunResult result = diff("--old git:HEAD --new " + new_side);
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_NE(result.out.find("emgen diff: git:HEAD:schemas (v1, build 1) -> "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("old: git:HEAD:schemas/s.yaml:24"), std::string::npos) << result.out;
  // An explicit path, and the same revision on both sides.
  const RunResult same =
      diff("--old git:HEAD:schemas --new " + shell_quote((repo / "schemas").string()) + " --fail-on none");
  EXPECT_EQ(same.status, 0);
  const RunResult unknown = diff("--old git:no-such-branch --new " + new_side);
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("git:no-such-branch: 'no-such-branch' is not a revision of"), std::string::npos)
      << unknown.err;
  const RunResult no_path = diff("--old git:HEAD:elsewhere --new " + new_side);
  EXPECT_EQ(no_path.status, 2);
  EXPECT_NE(no_path.err.find("git:HEAD:elsewhere: elsewhere/ holds no files at HEAD"), std::string::npos)
      << no_path.err;
}

// ---- The real version pairs (their reports are committed in docs/diff-examples/) ----

void expect_committed(const RunResult& result, const std::string& example, const std::string& refresh) {
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.out, read_text(fs::path(SOURCE_DIR) / "docs" / "diff-examples" / example))
      << "docs/diff-examples/" << example << " is stale; when the change is intended, refresh it: " << refresh;
}

TEST(DiffRealVersions, TheVendorsV1_3SchemaAgainstTodaysSchemas) {
  const std::string arguments =
      "--old tests/import/restapi_v1_3 --new schemas --shared-only --format markdown --fail-on none";
  expect_committed(diff_in(SOURCE_DIR, arguments), "v1_3-xsd-to-v1_7.md",
                   "build/generator/emgen diff " + arguments + " > docs/diff-examples/v1_3-xsd-to-v1_7.md");
}

// The project's own history: schemas/ at its first commit against schemas/ once the workflow was complete.
TEST(DiffRealVersions, SchemasAtTwoCommitsOfThisRepository) {
  const std::string arguments = "--old git:54ae087:schemas --new git:9d24729:schemas --fail-on none";
  expect_committed(diff_in(SOURCE_DIR, arguments), "history-54ae087-to-9d24729.txt",
                   "build/generator/emgen diff " + arguments + " > docs/diff-examples/history-54ae087-to-9d24729.txt");
}

}  // namespace
