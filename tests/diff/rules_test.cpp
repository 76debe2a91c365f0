// The diff's table of rules (generator/diff/rules.hpp) against what documents and tests them: the table of
// docs/schema-diff.md, the corpus cases in tests/diff/cases/, and the diff's table of the schema keys.

#include "diff/rules.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>

#include "../generator/test_support.hpp"
#include "diff/compare.hpp"

namespace emgen::gen::diff {
namespace {

namespace fs = std::filesystem;

/// The rows of the table under `## Rules` in docs/schema-diff.md.
std::vector<std::string> documented_rows() {
  const std::string doc = emgen_test::read_text(fs::path(SOURCE_DIR) / "docs" / "schema-diff.md");
  const std::size_t header = doc.find("| rule | severity | breaks | when |");
  EXPECT_NE(header, std::string::npos) << "docs/schema-diff.md has no table of rules";
  std::vector<std::string> rows;
  if (header == std::string::npos) return rows;
  std::size_t line = doc.find('\n', doc.find('\n', header) + 1) + 1;  // past the header and |---| rows
  while (line < doc.size() && doc[line] == '|') {
    const std::size_t end = doc.find('\n', line);
    rows.push_back(doc.substr(line, end - line));
    line = end + 1;
  }
  return rows;
}

std::string row_of(const RuleSpec& rule) {
  const std::string when = rule.when.empty() ? "" : std::string(rule.when) + " ";
  return "| `" + std::string(rule.id) + "` | " + std::string(rule.severity) + " | " + std::string(rule.breaks) + " | " +
         when + "|";
}

TEST(DiffRules, TheDocumentationListsEveryRuleAsTheTableStatesIt) {
  const std::vector<std::string> rows = documented_rows();
  std::set<std::string> documented(rows.begin(), rows.end());
  for (const RuleSpec& rule : kRules)
    EXPECT_TRUE(documented.count(row_of(rule))) << "docs/schema-diff.md lacks the row\n" << row_of(rule);
  EXPECT_EQ(rows.size(), kRules.size()) << "docs/schema-diff.md lists a rule the diff does not have";
}

TEST(DiffRules, EveryRuleHasItsCorpusCase) {
  for (const RuleSpec& rule : kRules) {
    std::string directory(rule.id);
    for (char& c : directory) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(fs::is_directory(fs::path(DIFF_DIR) / "cases" / directory))
        << rule.id << ": no tests/diff/cases/" << directory;
  }
}

TEST(DiffRules, IdsNameTheirRules) {
  for (const RuleSpec& rule : kRules) EXPECT_EQ(rule_with_id(rule.id), rule.rule) << rule.id;
  EXPECT_EQ(rule_with_id("FIELD_DELETED"), std::nullopt);
}

TEST(DiffRules, TheKeysTableNamesOnlyRulesThatExist) {
  const std::regex rule_like("[A-Z]+(_[A-Z]+)+");
  for (const format::vocabulary::KeyUse& use : compared_keys()) {
    const std::string how(use.how);
    for (std::sregex_iterator it(how.begin(), how.end(), rule_like), end; it != end; ++it)
      EXPECT_TRUE(rule_with_id(it->str())) << format::vocabulary::name(use.key) << " names " << it->str();
  }
}

}  // namespace
}  // namespace emgen::gen::diff
