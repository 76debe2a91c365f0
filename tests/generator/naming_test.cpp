// Names and literals: snake_case, C++ string literals, test names, include prefixes, "did you mean", output paths.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "languages/cpp/names.hpp"
#include "languages/cpp/view_model.hpp"
#include "naming.hpp"
#include "suggest.hpp"

namespace emgen::gen {
namespace {

TEST(SnakeCase, SplitsWordsAndAcronyms) {
  EXPECT_EQ(snake_case("CreationTimeUTC"), "creation_time_utc");
  EXPECT_EQ(snake_case("JobUid"), "job_uid");
  EXPECT_EQ(snake_case("UID"), "uid");
  EXPECT_EQ(snake_case("IsRetry"), "is_retry");
  EXPECT_EQ(snake_case("HTTPServer"), "http_server");
  EXPECT_EQ(snake_case("Links"), "links");
  EXPECT_EQ(snake_case("UTCTime"), "utc_time");
  EXPECT_EQ(snake_case("EndTimeUTC"), "end_time_utc");
  EXPECT_EQ(snake_case("Href"), "href");
}

// The .NET camelCase rule EM 13.x servers apply to the schema's PascalCase names, one case per clause.
TEST(JsonCamelCase, LowersTheLeadingRunOfCapitals) {
  EXPECT_EQ(json_camel_case("IsRetry"), "isRetry");                       // one leading capital
  EXPECT_EQ(json_camel_case("UID"), "uid");                               // a name that is all capitals
  EXPECT_EQ(json_camel_case("ID"), "id");
  EXPECT_EQ(json_camel_case("A"), "a");
  EXPECT_EQ(json_camel_case("CreationTimeUTC"), "creationTimeUTC");       // later capitals are kept
  EXPECT_EQ(json_camel_case("VAppRestorePoints"), "vAppRestorePoints");   // the capital that starts a word stays
  EXPECT_EQ(json_camel_case("HTMLParser"), "htmlParser");
  EXPECT_EQ(json_camel_case("URLs"), "urLs");                             // as .NET does, oddity included
  EXPECT_EQ(json_camel_case("VM2Name"), "vM2Name");                       // a digit ends the run
  EXPECT_EQ(json_camel_case("EnterpiseRoles"), "enterpiseRoles");
  EXPECT_EQ(json_camel_case("isRetry"), "isRetry");                       // already camelCase: kept
  EXPECT_EQ(json_camel_case("_Name"), "_Name");                           // not a letter first: kept
  EXPECT_EQ(json_camel_case(""), "");
}

TEST(SnakeCase, HandlesDigitsPunctuationAndEdges) {
  EXPECT_EQ(snake_case("Ipv4Address"), "ipv4_address");
  EXPECT_EQ(snake_case("Job-Name"), "job_name");
  EXPECT_EQ(snake_case("Job.Name"), "job_name");
  EXPECT_EQ(snake_case("already_snake"), "already_snake");
  EXPECT_EQ(snake_case("X"), "x");
  EXPECT_EQ(snake_case(""), "");
  // Two different wire names can give one C++ name; the resolver reports that as a clash.
  EXPECT_EQ(snake_case("JobUID"), snake_case("JobUid"));
}

TEST(CppNames, ParseFunctionName) {
  EXPECT_EQ(cpp::parse_function_name("BackupJobSessionState"), "parse_backup_job_session_state");
  EXPECT_EQ(cpp::parse_function_name("LinkRel"), "parse_link_rel");
}

TEST(CppNames, StringLiteralQuotesPlainText) {
  EXPECT_EQ(cpp::string_literal(""), "\"\"");
  EXPECT_EQ(cpp::string_literal("Backup"), "\"Backup\"");
  EXPECT_EQ(cpp::string_literal("/backupSessions/{ID}"), "\"/backupSessions/{ID}\"");
}

TEST(CppNames, StringLiteralEscapes) {
  EXPECT_EQ(cpp::string_literal("say \"hi\""), R"("say \"hi\"")");
  EXPECT_EQ(cpp::string_literal("C:\\dir"), R"("C:\\dir")");
  EXPECT_EQ(cpp::string_literal("a\nb\tc"), R"("a\nb\tc")");
  EXPECT_EQ(cpp::string_literal("\r"), R"("\015")");
  EXPECT_EQ(cpp::string_literal(std::string("\x01") + "2"), R"("\0012")");  // always three octal digits
  EXPECT_EQ(cpp::string_literal("\x7f"), R"("\177")");
  EXPECT_EQ(cpp::string_literal(std::string("a\0b", 3)), R"("a\000b")");
}

TEST(CppNames, StringLiteralKeepsUtf8) {
  EXPECT_EQ(cpp::string_literal("A → B"), "\"A → B\"");
}

TEST(CppNames, TestNameIsAnIdentifierFromTheFileName) {
  EXPECT_EQ(cpp::test_name("BackupJobSession_doc13.xml"), "BackupJobSessionDoc13Xml");
  EXPECT_EQ(cpp::test_name("SystemSession_seed002.xml"), "SystemSessionSeed002Xml");
  EXPECT_EQ(cpp::test_name("get-backup.sessions.xml"), "GetBackupSessionsXml");
  EXPECT_EQ(cpp::test_name("a"), "A");
  EXPECT_EQ(cpp::test_name(""), "");
}

TEST(CppNames, IncludePrefix) {
  EXPECT_EQ(cpp::include_prefix("veeam::em"), "veeam/em");
  EXPECT_EQ(cpp::include_prefix("acme::rest::v1"), "acme/rest/v1");
  EXPECT_EQ(cpp::include_prefix("flat"), "flat");
}

TEST(CppNames, ValidNamespace) {
  EXPECT_TRUE(cpp::is_valid_namespace("veeam::em"));
  EXPECT_TRUE(cpp::is_valid_namespace("a"));
  EXPECT_TRUE(cpp::is_valid_namespace("_x::y2"));
  EXPECT_FALSE(cpp::is_valid_namespace(""));
  EXPECT_FALSE(cpp::is_valid_namespace("veeam::"));
  EXPECT_FALSE(cpp::is_valid_namespace("::veeam"));
  EXPECT_FALSE(cpp::is_valid_namespace("veeam:em"));
  EXPECT_FALSE(cpp::is_valid_namespace("2em"));
  EXPECT_FALSE(cpp::is_valid_namespace("veeam/em"));
}

TEST(ClosestMatch, SuggestsAnObviousTypo) {
  const std::vector<std::string> keys{"name", "type", "doc", "attribute", "optional", "repeated", "item"};
  EXPECT_EQ(closest_match("optinal", keys), std::optional<std::string>("optional"));
  EXPECT_EQ(closest_match("repaeted", keys), std::optional<std::string>("repeated"));
  EXPECT_EQ(closest_match("atribute", keys), std::optional<std::string>("attribute"));
  EXPECT_EQ(closest_match("dok", keys), std::optional<std::string>("doc"));
}

TEST(ClosestMatch, IgnoresCase) {
  EXPECT_EQ(closest_match("STRING", {"String", "Int"}), std::optional<std::string>("String"));
  EXPECT_EQ(closest_match("datetime", {"DateTime", "Uid"}), std::optional<std::string>("DateTime"));
}

TEST(ClosestMatch, PrefersTheNearestCandidate) {
  EXPECT_EQ(closest_match("Strng", {"Int", "String", "Uid"}), std::optional<std::string>("String"));
  EXPECT_EQ(closest_match("Linkz", {"Entity", "Link", "LinkRel"}), std::optional<std::string>("Link"));
}

TEST(ClosestMatch, RejectsDifferentWords) {
  EXPECT_EQ(closest_match("colour", {"name", "type", "doc"}), std::nullopt);
  EXPECT_EQ(closest_match("summary", {"method", "path", "doc", "returns"}), std::nullopt);
  EXPECT_EQ(closest_match("anything", {}), std::nullopt);
}

TEST(OutputPaths, ListsApiIndexClientTestsAndTwoFilesPerSchema) {
  const std::vector<std::string> expected{".clang-format",
                                          "include/veeam/em/api.hpp",
                                          "include/veeam/em/backup.hpp",
                                          "include/veeam/em/client.hpp",
                                          "include/veeam/em/common.hpp",
                                          "include/veeam/em/index.hpp",
                                          "src/backup.cpp",
                                          "src/client.cpp",
                                          "src/common.cpp",
                                          "src/index.cpp",
                                          "tests/examples_test.cpp"};
  EXPECT_EQ(cpp::output_paths({"common", "api", "backup"}, cpp::Options{}), expected);
}

TEST(OutputPaths, FollowsTheNamespace) {
  const std::vector<std::string> expected{".clang-format",       "include/acme/rest/api.hpp",
                                          "include/acme/rest/client.hpp", "include/acme/rest/index.hpp",
                                          "include/acme/rest/jobs.hpp",   "src/client.cpp",
                                          "src/index.cpp",                "src/jobs.cpp",
                                          "tests/examples_test.cpp"};
  EXPECT_EQ(cpp::output_paths({"jobs"}, cpp::Options{"acme::rest"}), expected);
}

TEST(OutputPaths, WithoutSchemasStillHasTheFixedFiles) {
  const std::vector<std::string> fixed{".clang-format",   "include/veeam/em/api.hpp", "include/veeam/em/client.hpp",
                                       "include/veeam/em/index.hpp", "src/client.cpp",  "src/index.cpp",
                                       "tests/examples_test.cpp"};
  EXPECT_EQ(cpp::output_paths({}, cpp::Options{}), fixed);
  EXPECT_EQ(cpp::output_paths({"api"}, cpp::Options{}), fixed);
}

}  // namespace
}  // namespace emgen::gen
