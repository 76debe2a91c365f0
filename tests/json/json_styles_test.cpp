// EM 12.x writes JSON member names in PascalCase, EM 13.x in camelCase. Every JSON example of the project,
// documented or made here, is read in the other convention too, made from it here by the generator's own rule
// (emgen::gen::json_camel_case, the one that decided the names the bindings accept), and must give the same
// value with nothing skipped; so must a document that mixes the two. Every example's value is also written in
// both styles and read back.

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "emgen/json_writer.hpp"
#include "json_test_support.hpp"
#include "naming.hpp"

namespace {

using namespace json_test;
using namespace veeam::em;

enum class Recase { all_camel, every_other_camel };

// Rewrites the member names of a JSON text (a string followed by `:`), leaving every value as it is. Member
// names of EM payloads hold no escapes, so none are handled.
std::string recase_keys(std::string_view json, Recase how) {
  std::string out;
  std::size_t keys = 0;
  for (std::size_t at = 0; at < json.size();) {
    if (json[at] != '"') {
      out += json[at++];
      continue;
    }
    std::size_t end = at + 1;
    while (end < json.size() && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
    const std::string_view text = json.substr(at + 1, end - at - 1);
    const std::size_t next = json.find_first_not_of(" \t\r\n", end + 1);
    const bool is_key = next != std::string_view::npos && json[next] == ':';
    const bool recase = is_key && (how == Recase::all_camel || keys++ % 2 == 0);
    out += '"';
    out += recase ? emgen::gen::json_camel_case(std::string(text)) : std::string(text);
    out += '"';
    at = end + 1;
  }
  return out;
}

std::string type_of(const std::string& file) {
  const std::string stem = fs::path(file).stem().string();
  return stem.substr(0, stem.find('_'));
}

std::vector<std::string> examples_with(const std::string& extension) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(EMGEN_EXAMPLES_DIR))
    if (entry.path().extension() == extension) files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

Conversion strict_to(emgen::JsonStyle style, emgen::ReadWarnings* warnings = nullptr) {
  return {kStrict, warnings, style, false};
}

TEST(JsonCamelCaseRule, RecasingTheKeysLeavesValuesAlone) {
  EXPECT_EQ(recase_keys(R"({"UID": "UID", "Links": [{"Rel": "Up"}], "X":"Y"})", Recase::all_camel),
            R"({"uid": "UID", "links": [{"rel": "Up"}], "x":"Y"})");
  EXPECT_EQ(recase_keys(R"({"IsRetry": true, "JobName": "A\"B:", "Progress": 1})", Recase::every_other_camel),
            R"({"isRetry": true, "JobName": "A\"B:", "progress": 1})");
}

class JsonExample : public ::testing::TestWithParam<std::string> {};

// A documented PascalCase example reads the same with every name in camelCase, and with the two mixed.
TEST_P(JsonExample, ReadsTheSameInEitherConventionOrMixed) {
  const std::string file = GetParam();
  const DocumentType* type = find_document_type(type_of(file));
  ASSERT_NE(type, nullptr) << file;
  const std::string text = example(file);
  emgen::ReadWarnings warnings;
  const std::string expected = type->json_to_json(text, strict_to(emgen::JsonStyle::pascal));
  for (const Recase how : {Recase::all_camel, Recase::every_other_camel}) {
    const std::string recased = recase_keys(text, how);
    SCOPED_TRACE(recased.substr(0, 200));
    std::string read;
    ASSERT_NO_THROW(read = type->json_to_json(recased, strict_to(emgen::JsonStyle::pascal)));
    EXPECT_EQ(read, expected);
    // Lenient reading of it skips nothing either.
    const std::string lenient = type->json_to_json(recased, {kLenient, &warnings, emgen::JsonStyle::pascal, false});
    EXPECT_EQ(lenient, expected);
    EXPECT_TRUE(warnings.empty()) << warnings.front().to_string();
  }
}

// `BackupFile_v13_made.json` → `BackupFile_v13_made_json`: a name gtest accepts.
std::string test_name_of(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Examples, JsonExample, ::testing::ValuesIn(examples_with(".json")), test_name_of);

class AnyExample : public ::testing::TestWithParam<std::string> {};

// Whatever the example's form, its value written in camelCase reads back as the value written in PascalCase,
// and the other way round.
TEST_P(AnyExample, WrittenInEitherStyleReadsBackTheSame) {
  const std::string file = GetParam();
  const DocumentType* type = find_document_type(type_of(file));
  ASSERT_NE(type, nullptr) << file;
  const std::string text = example(file);
  const bool xml = fs::path(file).extension() == ".xml";
  const emgen::Format from = xml ? emgen::Format::xml : emgen::Format::json;
  const std::string pascal = type->convert(text, from, emgen::Format::json, strict_to(emgen::JsonStyle::pascal));
  const std::string camel = type->convert(text, from, emgen::Format::json, strict_to(emgen::JsonStyle::camel));
  EXPECT_NE(pascal, camel);
  emgen::ReadWarnings warnings;
  EXPECT_EQ(type->json_to_json(camel, strict_to(emgen::JsonStyle::pascal, &warnings)), pascal);
  EXPECT_EQ(type->json_to_json(pascal, strict_to(emgen::JsonStyle::camel, &warnings)), camel);
  EXPECT_TRUE(warnings.empty());
  // The camelCase writer writes exactly the names the rule makes of the PascalCase ones.
  EXPECT_EQ(recase_keys(pascal, Recase::all_camel), camel);
  EXPECT_EQ(emgen::json::style_of(camel), emgen::JsonStyle::camel);
  EXPECT_EQ(emgen::json::style_of(pascal), emgen::JsonStyle::pascal);
}

std::vector<std::string> all_examples() {
  std::vector<std::string> files = examples_with(".json");
  const std::vector<std::string> xml = examples_with(".xml");
  files.insert(files.end(), xml.begin(), xml.end());
  return files;
}

INSTANTIATE_TEST_SUITE_P(Examples, AnyExample, ::testing::ValuesIn(all_examples()), test_name_of);

TEST(JsonStyleOf, TellsByTheFirstMemberName) {
  EXPECT_EQ(emgen::json::style_of(R"({"uid": 1})"), emgen::JsonStyle::camel);
  EXPECT_EQ(emgen::json::style_of("\xEF\xBB\xBF \n{ \"UID\": 1}"), emgen::JsonStyle::pascal);
  EXPECT_EQ(emgen::json::style_of("{}"), std::nullopt);
  EXPECT_EQ(emgen::json::style_of(R"({"_x": 1})"), std::nullopt);
  EXPECT_EQ(emgen::json::style_of("[1]"), std::nullopt);
  EXPECT_EQ(emgen::json::style_of(""), std::nullopt);
  EXPECT_EQ(emgen::json::style_of(R"({")"), std::nullopt);
}

}  // namespace
