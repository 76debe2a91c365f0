// Diagnostic text and the order in which problems are reported.

#include "diagnostics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <set>
#include <string>

#include "text/text.hpp"

namespace emgen::gen {
namespace {

TEST(Diagnostic, FormatsFileLineColumnPathAndMessage) {
  const Diagnostic d{Location{"dir/a.yaml", 4, 9, "types[0].fields[1].type"}, "unknown type 'Strng'"};
  EXPECT_EQ(d.to_string(), "dir/a.yaml:4:9: types[0].fields[1].type: unknown type 'Strng'");
}

TEST(Diagnostic, LeavesOutWhatIsNotKnown) {
  EXPECT_EQ((Diagnostic{Location{"dir", 0, 0, ""}, "no *.yaml schema files"}.to_string()),
            "dir: no *.yaml schema files");
  EXPECT_EQ((Diagnostic{Location{"dir/a.yaml", 1, 1, ""}, "the file is empty"}.to_string()),
            "dir/a.yaml:1:1: the file is empty");
}

TEST(Diagnostic, AWarningWithoutAColumnAsTheImportersLocateThem) {
  const Diagnostic warning =
      Diagnostic::warning(Location{"RestAPI.xsd", 120, 0, "complexType[@name='X']"}, "skipped", "cut-short-payload");
  EXPECT_EQ(warning.severity, Diagnostic::Severity::warning);
  EXPECT_EQ(warning.code, "cut-short-payload");
  EXPECT_EQ(warning.to_string(), "RestAPI.xsd:120: warning: complexType[@name='X']: skipped");
}

TEST(Diagnostic, RelatedLocationsFollowTheMessage) {
  const Diagnostic d{
      Location{"b.yaml", 7, 5, "types[1].name"},
      "duplicate name 'Job'",
      Diagnostic::Severity::error,
      "duplicate-name",
      {{"first defined at", Location{"a.yaml", 3, 9, "types[0].name"}}, {"", Location{"c.yaml", 2, 0, ""}}}};
  EXPECT_EQ(d.to_string(), "b.yaml:7:5: types[1].name: duplicate name 'Job' (first defined at a.yaml:3:9) (c.yaml:2)");
}

TEST(Diagnostic, JsonFormHoldsEveryPart) {
  const Diagnostic error{Location{"b.yaml", 7, 5, "types[1].name"},
                         "duplicate name \"Job\"",
                         Diagnostic::Severity::error,
                         "duplicate-name",
                         {{"first defined at", Location{"a.yaml", 3, 9, "types[0].name"}}}};
  const Diagnostic warning = Diagnostic::warning(Location{"p.md", 4, 0, "example"}, "cut short", "cut-short-payload");
  EXPECT_EQ(
      to_json({error, warning}),
      R"([{"severity":"error","code":"duplicate-name","file":"b.yaml","line":7,"column":5,"path":"types[1].name",)"
      R"("message":"duplicate name \"Job\"","related":[{"relation":"first defined at","file":"a.yaml","line":3,)"
      R"("column":9,"path":"types[0].name"}]},{"severity":"warning","code":"cut-short-payload","file":"p.md","line":4,)"
      R"("column":0,)"
      R"("path":"example","message":"cut short","related":[]}])");
  EXPECT_EQ(to_json({}), "[]");
}

TEST(Diagnostics, SortsByFileLineColumnAndRemovesDuplicates) {
  Diagnostics diagnostics;
  EXPECT_TRUE(diagnostics.empty());
  diagnostics.error(Location{"b.yaml", 1, 1, ""}, "third", "test");
  diagnostics.error(Location{"a.yaml", 10, 2, "x"}, "second", "test");
  diagnostics.error(Location{"a.yaml", 2, 30, "y"}, "first", "test");
  diagnostics.error(Location{"a.yaml", 10, 2, "x"}, "second", "test");
  EXPECT_FALSE(diagnostics.empty());
  const auto sorted = diagnostics.sorted();
  ASSERT_EQ(sorted.size(), 3u);
  EXPECT_EQ(sorted[0].message, "first");
  EXPECT_EQ(sorted[1].message, "second");
  EXPECT_EQ(sorted[2].message, "third");
}

TEST(SchemaErrors, WhatIsTheFirstDiagnostic) {
  const SchemaErrors errors(
      {Diagnostic{Location{"a.yaml", 3, 4, "p"}, "bad"}, Diagnostic{Location{"b.yaml", 1, 1, ""}, "worse"}});
  EXPECT_STREQ(errors.what(), "a.yaml:3:4: p: bad");
  EXPECT_EQ(errors.diagnostics().size(), 2u);
}

// The codes each stage tables beside its entry point are the codes docs/architecture.md lists for it, each code
// once across the stages: a code added to a table and not documented (or documented and gone) fails here.
TEST(DiagnosticCodes, TheArchitectureListsEveryStagesCodesOnce) {
  const std::string source = EMGEN_SOURCE_DIR;
  const std::map<std::string, std::string> tables = {{"format/", "generator/format/loader.hpp"},
                                                     {"precompile/", "generator/precompile/resolve.hpp"},
                                                     {"languages/cpp/", "generator/languages/cpp/names.hpp"},
                                                     {"diff/", "generator/diff/report.hpp"},
                                                     {"import/", "generator/import/merge.hpp"},
                                                     {"import/xsd", "generator/import/xsd.hpp"},
                                                     {"import/page", "generator/import/page.hpp"},
                                                     {"import/imported", "generator/import/imported.hpp"}};
  const std::optional<std::string> doc = emgen::text::read_file(source + "/docs/architecture.md");
  ASSERT_TRUE(doc.has_value());
  const std::size_t section = doc->find("### Diagnostic codes");
  ASSERT_NE(section, std::string::npos);
  std::set<std::string> all;
  for (const auto& [stage, table] : tables) {
    const std::optional<std::string> header = emgen::text::read_file(source + "/" + table);
    ASSERT_TRUE(header.has_value()) << table;
    std::set<std::string> tabled;
    const std::regex constant(R"re(inline constexpr std::string_view k\w+ = "([a-z-]+)";)re");
    for (auto it = std::sregex_iterator(header->begin(), header->end(), constant); it != std::sregex_iterator(); ++it)
      tabled.insert((*it)[1]);
    EXPECT_FALSE(tabled.empty()) << table;
    const std::size_t row = doc->find("| `" + stage + "`", section);
    ASSERT_NE(row, std::string::npos) << stage;
    const std::string line = doc->substr(row, doc->find('\n', row) - row);
    std::set<std::string> listed;
    const std::regex code(R"re(`([a-z]+(-[a-z]+)*)`)re");
    const std::string codes = line.substr(line.find(table.substr(std::string("generator/").size())));
    for (auto it = std::sregex_iterator(codes.begin(), codes.end(), code); it != std::sregex_iterator(); ++it)
      listed.insert((*it)[1]);
    if (stage == "diff/") listed.erase("yaml-syntax");  // the loader's, named beside it
    EXPECT_EQ(listed, tabled) << stage;
    for (const std::string& each : tabled) EXPECT_TRUE(all.insert(each).second) << each << " is tabled twice";
  }
}

}  // namespace
}  // namespace emgen::gen
