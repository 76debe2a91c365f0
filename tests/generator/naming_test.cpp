// Names and literals: snake_case, C++ string literals, test names, include prefixes, "did you mean", output paths.

#include "naming.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "languages/cpp/names.hpp"
#include "languages/cpp/view_model.hpp"
#include "suggest.hpp"

namespace emgen::gen {
namespace {

TEST(IsIdentifier, LettersDigitsUnderscoreNotADigitFirst) {
  for (const char* name : {"id", "ID", "_x", "part_id2", "A"}) EXPECT_TRUE(is_identifier(name)) << name;
  for (const char* name : {"", "2x", "a-b", "a.b", "a b", "é"}) EXPECT_FALSE(is_identifier(name)) << name;
}

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
  EXPECT_EQ(json_camel_case("IsRetry"), "isRetry");  // one leading capital
  EXPECT_EQ(json_camel_case("UID"), "uid");          // a name that is all capitals
  EXPECT_EQ(json_camel_case("ID"), "id");
  EXPECT_EQ(json_camel_case("A"), "a");
  EXPECT_EQ(json_camel_case("CreationTimeUTC"), "creationTimeUTC");      // later capitals are kept
  EXPECT_EQ(json_camel_case("VAppRestorePoints"), "vAppRestorePoints");  // the capital that starts a word stays
  EXPECT_EQ(json_camel_case("HTMLParser"), "htmlParser");
  EXPECT_EQ(json_camel_case("URLs"), "urLs");        // as .NET does, oddity included
  EXPECT_EQ(json_camel_case("VM2Name"), "vM2Name");  // a digit ends the run
  EXPECT_EQ(json_camel_case("EnterpiseRoles"), "enterpiseRoles");
  EXPECT_EQ(json_camel_case("isRetry"), "isRetry");  // already camelCase: kept
  EXPECT_EQ(json_camel_case("_Name"), "_Name");      // not a letter first: kept
  EXPECT_EQ(json_camel_case(""), "");
}

// One case per client method naming rule (docs/schema-language.md, "Client method names").
ir::Endpoint endpoint_for(const std::string& method, const std::string& route, const std::string& query = "") {
  ir::Endpoint endpoint;
  endpoint.method = method;
  endpoint.path = route + (query.empty() ? "" : "?" + query);
  endpoint.query = query;
  for (std::size_t start = 1; start < route.size();) {
    const std::size_t slash = std::min(route.find('/', start), route.size());
    const std::string piece = route.substr(start, slash - start);
    const bool parameter = piece.front() == '{';
    endpoint.segments.push_back({parameter ? piece.substr(1, piece.size() - 2) : piece, parameter});
    start = slash + 1;
  }
  return endpoint;
}

/// The endpoint with its last parameter listed in `file_paths:`.
ir::Endpoint with_file_path(ir::Endpoint endpoint) {
  endpoint.segments.back().file_path = true;
  return endpoint;
}

std::string method_of(const ir::Endpoint& endpoint) {
  Diagnostics diagnostics;
  const cpp::ClientNames names = cpp::client_names(endpoint, diagnostics);
  return diagnostics.empty() ? names.method : "error: " + diagnostics.sorted().front().message;
}

TEST(ClientMethodNames, EachRule) {
  ir::Type entity, reference, root;
  root.name = "EnterpriseManager";
  // GET of a collection: the collection, taking a query string.
  EXPECT_EQ(method_of(endpoint_for("GET", "/backupSessions")), "backup_sessions");
  // GET of one item: get_ and the item, in the singular (-ies → -y; -ss is no plural).
  EXPECT_EQ(method_of(endpoint_for("GET", "/tasks/{ID}")), "get_task");
  EXPECT_EQ(method_of(endpoint_for("GET", "/repositories/{ID}")), "get_repository");
  EXPECT_EQ(method_of(endpoint_for("GET", "/accessRules/{ID}")), "get_access_rule");
  EXPECT_EQ(method_of(endpoint_for("GET", "/backupAccess/{ID}")), "get_backup_access");
  // A sub-collection names its parent item and itself.
  EXPECT_EQ(method_of(endpoint_for("GET", "/backupSessions/{ID}/taskSessions")), "backup_session_task_sessions");
  // One item of a sub-collection.
  EXPECT_EQ(method_of(endpoint_for("GET", "/backupSessions/{ID}/taskSessions/{TaskID}")),
            "get_backup_session_task_session");
  // Nested literal segments.
  EXPECT_EQ(method_of(endpoint_for("GET", "/reports/summary/overview")), "reports_summary_overview");
  // GET / is named after what it returns.
  ir::Endpoint api_root = endpoint_for("GET", "/");
  api_root.returns = &root;
  EXPECT_EQ(method_of(api_root), "enterprise_manager");
  // Both representations: the entity, and _reference.
  ir::Endpoint both = endpoint_for("GET", "/backupSessions/{ID}");
  both.reference = &reference;
  both.entity = &entity;
  Diagnostics diagnostics;
  const cpp::ClientNames names = cpp::client_names(both, diagnostics);
  EXPECT_EQ(names.method, "get_backup_session");
  EXPECT_EQ(names.reference_method, "get_backup_session_reference");
  EXPECT_FALSE(names.takes_query);
  EXPECT_TRUE(cpp::client_names(endpoint_for("GET", "/backupSessions/{ID}/taskSessions"), diagnostics).takes_query);
  // A collection with both representations keeps its name for the references and reads the entities as _entities,
  // both taking the query string.
  ir::Endpoint collection = endpoint_for("GET", "/backupSessions/{ID}/taskSessions");
  collection.reference = &reference;
  collection.entity = &entity;
  const cpp::ClientNames collection_names = cpp::client_names(collection, diagnostics);
  EXPECT_EQ(collection_names.method, "backup_session_task_sessions_entities");
  EXPECT_EQ(collection_names.reference_method, "backup_session_task_sessions");
  EXPECT_TRUE(collection_names.takes_query);
  // DELETE: delete_ and the item.
  EXPECT_EQ(method_of(endpoint_for("DELETE", "/logonSessions/{ID}")), "delete_logon_session");
  // POST and PUT: the action, else the HTTP method.
  EXPECT_EQ(method_of(endpoint_for("POST", "/backupSessions/{ID}", "action=stop")), "stop_backup_session");
  EXPECT_EQ(method_of(endpoint_for("POST", "/jobs/{ID}", "format=Entity&action=startVmRestore")),
            "start_vm_restore_job");
  EXPECT_EQ(method_of(endpoint_for("PUT", "/jobs/{ID}")), "put_job");
  EXPECT_EQ(method_of(endpoint_for("POST", "/backupServers")), "post_backup_servers");
  // Parameters in snake_case.
  EXPECT_EQ(cpp::client_names(endpoint_for("GET", "/things/{ID}/parts/{PartID}"), diagnostics).parameters,
            (std::vector<std::string>{"", "id", "", "part_id"}));
  EXPECT_TRUE(diagnostics.empty());
  // What cannot be C++ is reported at the endpoint.
  EXPECT_EQ(method_of(endpoint_for("GET", "/things/{Delete}")).substr(0, 27), "error: path parameter '{Del");
  // `options` is the CallOptions parameter every method takes.
  EXPECT_EQ(method_of(endpoint_for("GET", "/things/{Options}")).substr(0, 27), "error: path parameter '{Opt");
  EXPECT_EQ(method_of(endpoint_for("GET", "/session")).substr(0, 35), "error: client method name 'session'");
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

TEST(CppNames, StringLiteralKeepsUtf8) { EXPECT_EQ(cpp::string_literal("A → B"), "\"A → B\""); }

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

TEST(OutputPaths, ListsApiIndexClientQueryTestsAndTwoFilesPerSchema) {
  const std::vector<std::string> expected{".clang-format",
                                          "include/veeam/em/api.hpp",
                                          "include/veeam/em/backup.hpp",
                                          "include/veeam/em/client.hpp",
                                          "include/veeam/em/common.hpp",
                                          "include/veeam/em/index.hpp",
                                          "include/veeam/em/query.hpp",
                                          "src/backup.cpp",
                                          "src/client.cpp",
                                          "src/common.cpp",
                                          "src/index.cpp",
                                          "tests/examples_test.cpp"};
  EXPECT_EQ(cpp::output_paths({"common", "api", "backup"}, cpp::Options{}), expected);
}

TEST(OutputPaths, FollowsTheNamespace) {
  const std::vector<std::string> expected{".clang-format",
                                          "include/acme/rest/api.hpp",
                                          "include/acme/rest/client.hpp",
                                          "include/acme/rest/index.hpp",
                                          "include/acme/rest/jobs.hpp",
                                          "include/acme/rest/query.hpp",
                                          "src/client.cpp",
                                          "src/index.cpp",
                                          "src/jobs.cpp",
                                          "tests/examples_test.cpp"};
  EXPECT_EQ(cpp::output_paths({"jobs"}, cpp::Options{"acme::rest"}), expected);
}

TEST(OutputPaths, WithoutSchemasStillHasTheFixedFiles) {
  const std::vector<std::string> fixed{".clang-format",
                                       "include/veeam/em/api.hpp",
                                       "include/veeam/em/client.hpp",
                                       "include/veeam/em/index.hpp",
                                       "include/veeam/em/query.hpp",
                                       "src/client.cpp",
                                       "src/index.cpp",
                                       "tests/examples_test.cpp"};
  EXPECT_EQ(cpp::output_paths({}, cpp::Options{}), fixed);
  EXPECT_EQ(cpp::output_paths({"api"}, cpp::Options{}), fixed);
}

// `client_name:` replaces the name the path gives; the second method of an endpoint with both representations
// follows it as it follows the name from the path.
TEST(ClientMethodNames, AClientNameReplacesThePathsNameAndNamesBothForms) {
  ir::Type entity, reference;
  ir::Endpoint entities = endpoint_for("GET", "/backupSessions", "format=Entity");
  entities.client_name = "backup_session_entities";
  EXPECT_EQ(method_of(entities), "backup_session_entities");
  ir::Endpoint stop = endpoint_for("POST", "/backupSessions/{ID}", "action=stop");
  stop.client_name = "stop";
  EXPECT_EQ(method_of(stop), "stop");

  Diagnostics diagnostics;
  ir::Endpoint collection = endpoint_for("GET", "/backupSessions");
  collection.reference = &reference;
  collection.entity = &entity;
  collection.client_name = "sessions";
  const cpp::ClientNames collection_names = cpp::client_names(collection, diagnostics);
  EXPECT_EQ(collection_names.reference_method, "sessions");
  EXPECT_EQ(collection_names.method, "sessions_entities");
  ir::Endpoint item = endpoint_for("GET", "/backupSessions/{ID}");
  item.reference = &reference;
  item.entity = &entity;
  item.client_name = "session_by_id";
  const cpp::ClientNames item_names = cpp::client_names(item, diagnostics);
  EXPECT_EQ(item_names.method, "session_by_id");
  EXPECT_EQ(item_names.reference_method, "session_by_id_reference");
  // The path's parameters are named as without it.
  EXPECT_EQ(item_names.parameters, (std::vector<std::string>{"", "id"}));
  EXPECT_TRUE(diagnostics.empty());

  // A chosen name that cannot be C++ is reported at the client_name: value, not at the endpoint.
  ir::Endpoint keyword = endpoint_for("DELETE", "/tasks/{ID}");
  keyword.where = Location{"s.yaml", 3, 9, "types[0].endpoints[0]"};
  keyword.client_name = "delete";
  keyword.client_name_where = Location{"s.yaml", 3, 60, "types[0].endpoints[0].client_name"};
  const cpp::ClientNames refused = cpp::client_names(keyword, diagnostics);
  EXPECT_TRUE(refused.method.empty());
  ASSERT_EQ(diagnostics.sorted().size(), 1u);
  EXPECT_EQ(diagnostics.sorted()[0].where.column, 60);
  EXPECT_NE(diagnostics.sorted()[0].message.find("'delete'"), std::string::npos);
  ir::Endpoint session = endpoint_for("GET", "/tasks");
  session.client_name = "session";
  EXPECT_EQ(method_of(session).substr(0, 35), "error: client method name 'session'");
}

// Rule 7: a file path adds "path" to the subject, and a GET ending in one is a folder's listing (a query).
TEST(ClientMethodNames, AFilePathParameterNamesAPathAndItsListingTakesAQuery) {
  const ir::Endpoint get = with_file_path(endpoint_for("GET", "/vmRestorePoints/{ID}/mounts/{ID2}/{filepath}"));
  EXPECT_EQ(method_of(get), "vm_restore_point_mount_path");
  Diagnostics diagnostics;
  EXPECT_TRUE(cpp::client_names(get, diagnostics).takes_query);
  const ir::Endpoint restore =
      with_file_path(endpoint_for("POST", "/vmRestorePoints/{ID}/mounts/{ID2}/{filepath}", "action=restore"));
  EXPECT_EQ(method_of(restore), "restore_vm_restore_point_mount_path");
  // Without file_paths: the same path names one item of the mount, as any other parameter would.
  EXPECT_EQ(method_of(endpoint_for("GET", "/vmRestorePoints/{ID}/mounts/{ID2}/{filepath}")),
            "get_vm_restore_point_mount");
}

}  // namespace
}  // namespace emgen::gen
