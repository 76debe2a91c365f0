// What real EM 12.x and 13.x servers send that the help pages do not show, read as a monitoring job would.
// Every document here is made here (labelled in each test) from the facts reported of captured responses:
// camelCase member names in 13.x, null for absent collections and link names, entity kinds this version of
// the schemas does not type (among them Veeam's own typo `EnterpiseRoles`), decimal ratios, -1 capacities,
// time stamps with 0 to 6 fraction digits.

#include <algorithm>
#include <string>
#include <vector>

#include "json_test_support.hpp"

namespace {

using namespace json_test;
using namespace veeam::em;

// Made here: the shape of a 13.0.1 server's answer to GET /query?type=BackupJobSession&format=Entities: every
// entity kind of the query service present, null but for the sessions. Kinds this version of the schemas does
// not type are unknown members, the typo keys among them, in both conventions.
const std::string kQueryResultV13 = R"({"refs": null, "entities": {"jobs": null, "backupServers": null,
 "enterpiseRoles": null, "EnterpiseAccounts": null,
 "backupJobSessions": {"backupJobSessions": [
  {"isRetry": true, "jobUid": "urn:veeam:Job:643e7958-f608-41fd-932c-084596f5b44f", "jobName": "Backup Job 1",
   "jobType": "Backup", "creationTimeUTC": "2026-06-16T06:33:10.659559Z", "endTimeUTC": null,
   "state": "Working", "result": "None", "progress": 37,
   "uid": "urn:veeam:BackupJobSession:07fb4019-dc8c-45ba-a36f-d15f2e7fe41b",
   "href": "https://em13:9398/api/backupSessions/07fb4019-dc8c-45ba-a36f-d15f2e7fe41b?format=Entity",
   "name": "Backup Job 1@2026-06-16 06:33:10", "type": "BackupJobSession",
   "links": [{"rel": "Up", "href": "https://em13:9398/api/jobs/643e7958-f608-41fd-932c-084596f5b44f"}]},
  {"isRetry": false, "jobUid": "urn:veeam:Job:0a6262a1-8add-49c5-85ea-0b1ba9361a3b", "jobName": "Backup Job 2",
   "jobType": "Backup", "creationTimeUTC": "2026-06-16T05:00:00Z", "endTimeUTC": "2026-06-16T05:10:00.5Z",
   "state": "Stopped", "result": "Success", "progress": 100,
   "uid": "urn:veeam:BackupJobSession:1f038a6b-7968-4052-be97-3ed6b7aaf6a3",
   "href": "https://em13:9398/api/backupSessions/1f038a6b-7968-4052-be97-3ed6b7aaf6a3?format=Entity",
   "name": "Backup Job 2@2026-06-16 05:00:00", "type": "BackupJobSession", "links": null}]},
 "backupTaskSessions": null},
 "pagingInfo": {"pageNum": 1, "pageSize": 100, "pagesCount": 1, "links": null}})";

TEST(RealServer, CamelCaseQueryResultReadsEverySessionLeniently) {
  emgen::ReadWarnings warnings;
  const QueryResult result = QueryResult::from_json(kQueryResultV13, warnings);
  ASSERT_TRUE(result.entities);
  const auto& sessions = result.entities->backup_job_sessions;
  ASSERT_EQ(sessions.size(), 2u);
  EXPECT_EQ(sessions[0].job_name, "Backup Job 1");
  EXPECT_TRUE(sessions[0].is_retry);
  EXPECT_EQ(sessions[0].progress, 37);
  EXPECT_EQ(sessions[0].creation_time_utc, emgen::parse_datetime("2026-06-16T06:33:10.659559Z").value());
  EXPECT_EQ(sessions[0].end_time_utc, std::nullopt);
  EXPECT_EQ(sessions[0].state, BackupJobSessionState::Working);
  EXPECT_EQ(sessions[0].result.text(), "None");
  EXPECT_EQ(sessions[0].links.size(), 1u);
  EXPECT_EQ(sessions[1].result, SessionResult::Success);
  EXPECT_EQ(sessions[1].end_time_utc, emgen::parse_datetime("2026-06-16T05:10:00.500Z").value());
  EXPECT_TRUE(sessions[1].links.empty());
  ASSERT_TRUE(result.paging_info);
  EXPECT_EQ(result.paging_info->pages_count, 1);

  // Nothing was dropped without a word: each kind the schemas do not type yet, the unlisted result.
  std::vector<std::string> said;
  for (const auto& warning : warnings) said.push_back(warning.to_string());
  EXPECT_EQ(
      said,
      (std::vector<std::string>{
          R"(2:2: $.entities: kept unknown member "enterpiseRoles" (null))",
          R"(2:26: $.entities: kept unknown member "EnterpiseAccounts" (null))",
          R"(6:34: $.entities.backupJobSessions.backupJobSessions[0].result: kept "None", which is not a SessionResult value)",
      }));
  // backupTaskSessions, jobs and backupServers are typed lists now: their nulls read as none.
  EXPECT_TRUE(result.entities->backup_task_sessions.empty());
  EXPECT_TRUE(result.entities->jobs.empty());
  EXPECT_TRUE(result.entities->backup_servers.empty());
}

TEST(RealServer, StrictReadingNamesTheFirstMemberTheSchemasDoNotType) {
  EXPECT_TRUE(fails_with([] { QueryResult::from_json(kQueryResultV13, kStrict); },
                         {"$.entities", R"(unknown member "enterpiseRoles")", 2, 2}));
}

TEST(RealServer, ADocumentOfOnlyUnknownMembersIsAnotherDocument) {
  // Made here: an answer of another type read as a QueryResult, whose members are all optional. Read, it would be
  // an empty QueryResult: it is refused as another document instead, in either mode.
  emgen::ReadWarnings warnings;
  EXPECT_TRUE(fails_with(
      [&] { QueryResult::from_json(R"({"backupServerName": "vbr", "capacity": 5, "freeSpace": 1})", warnings); },
      {"$", "the document is not a QueryResult: none of its 3 members is known to QueryResult", 1, 1}));
  EXPECT_THROW(QueryResult::from_json(R"({"backupServerName": "vbr"})"), emgen::DocumentMismatch);
  // Nested, such an object is a warning: the document is still the one asked for.
  warnings.clear();
  QueryResult::from_json(R"({"refs": null, "pagingInfo": {"nope": 1}})", warnings);
  std::vector<std::string> said;
  for (const auto& warning : warnings) said.push_back(warning.to_string());
  EXPECT_NE(std::find(said.begin(), said.end(),
                      "1:30: $.pagingInfo: none of the 1 member is known to PagingInfo, so it reads as empty: is the "
                      "document another type, or another naming convention?"),
            said.end());
  // One member known is enough for the read to be trusted.
  warnings.clear();
  QueryResult::from_json(R"({"nope": 1, "refs": null})", warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings.front().message, R"(kept unknown member "nope")");
}

TEST(RealServer, XmlOfAnotherVersionWarnsToo) {
  // Made here: a <BackupFile> whose children are all of some other API version.
  emgen::ReadWarnings warnings;
  const std::string xml = R"(<?xml version="1.0"?>
<BackupFile xmlns="http://www.veeam.com/ent/v1.0" Flavour="x">
  <Path>x</Path>
</BackupFile>)";
  EXPECT_TRUE(fails_with([&] { BackupFile::from_xml(xml, kStrict); },
                         {"/BackupFile/@Flavour", "unknown attribute Flavour", 2, 51}));
  BackupFile::from_xml(xml, warnings);
  std::vector<std::string> said;
  for (const auto& warning : warnings) said.push_back(warning.to_string());
  ASSERT_GE(said.size(), 4u);
  said.resize(4);
  EXPECT_EQ(said, (std::vector<std::string>{
                      "2:51: /BackupFile: kept unknown attribute Flavour",
                      "3:4: /BackupFile: kept unknown element <Path>",
                      "2:2: /BackupFile: none of the 2 attributes and elements is known to BackupFile, so it reads as "
                      "empty: is the document another type, or from another API version?",
                      "2:2: /BackupFile: missing required attribute Href, read as its default",
                  }));
}

TEST(RealServer, EnterpriseManagerRootInCamelCase) {
  // Made here: GET /api/ of a 13.x server, `{"supportedVersions": {"supportedVersions": [...]}}`.
  const std::string text = R"({"links": null, "supportedVersions": {"supportedVersions": [
    {"name": "v1_7", "links": [{"rel": "Create", "href": "https://em13:9398/api/sessionMngr/?v=v1_7", "name": null, "type": null}]},
    {"name": "v1_8", "links": null}]}})";
  for (const auto mode : {kLenient, kStrict}) {
    const EnterpriseManager root = EnterpriseManager::from_json(text, mode);
    ASSERT_EQ(root.supported_versions.size(), 2u);
    EXPECT_EQ(root.supported_versions[1].name, "v1_8");
    ASSERT_EQ(root.supported_versions[0].links.size(), 1u);
    EXPECT_EQ(root.supported_versions[0].links[0].rel, LinkRel::Create);
    EXPECT_EQ(root.supported_versions[0].links[0].name, std::nullopt);
  }
}

TEST(RealServer, DecimalRatiosAndUnknownCapacities) {
  // Made here: a backup file and a repository as 13.x servers send them, in both conventions.
  for (const char* ratio : {"5.83", "1", "-1", "1.5E+3", "0.0001", "2e-3"}) {
    SCOPED_TRACE(ratio);
    const std::string text = std::string(R"({"href": "h", "filePath": "p", "backupSize": 1, "dataSize": 2,
      "deduplicationRatio": )") +
                             ratio + R"(, "CompressRatio": 1.92, "creationTimeUtc": "2026-01-01T00:00:00Z",
      "fileType": "vbk"})";
    const BackupFile file = BackupFile::from_json(text, kStrict);
    EXPECT_EQ(file.deduplication_ratio, std::stod(ratio));
    EXPECT_EQ(file.compress_ratio, 1.92);
    // The shortest form that reads back: written and read again, the same double.
    EXPECT_EQ(BackupFile::from_json(file.to_json(), kStrict), file);
    EXPECT_EQ(BackupFile::from_xml(file.to_xml(), kStrict), file);
  }
  const Repository repository = Repository::from_json(
      R"({"href": "h", "capacity": -1, "freeSpace": -1, "kind": "Extendable", "links": null})", kStrict);
  EXPECT_EQ(repository.capacity, -1);
  EXPECT_EQ(repository.free_space, -1);
  const Repository big = Repository::from_json(
      R"({"Href": "h", "Capacity": 1099511627776000, "FreeSpace": 999999999999999, "Kind": "Nfs"})", kStrict);
  EXPECT_EQ(big.capacity, 1099511627776000);
  EXPECT_EQ(big.free_space, 999999999999999);
}

// Some servers quote numbers. A lenient read takes a quoted number of the field's grammar and says so; the
// warning names the type, not the value.
TEST(RealServer, QuotedNumbersAreReadLenientlyWithAWarning) {
  emgen::ReadWarnings warnings;
  const auto file = BackupFile::from_json(
      R"({"href": "h", "filePath": "p", "backupSize": "12884901889", "dataSize": 2, "deduplicationRatio": "5.83",)"
      R"( "compressRatio": 1, "creationTimeUtc": "2026-01-01T00:00:00Z", "fileType": "vbk"})",
      warnings);
  EXPECT_EQ(file.backup_size, 12884901889);
  EXPECT_EQ(file.deduplication_ratio, 5.83);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].to_string(), "1:46: $.backupSize: read a number (Long) written as a string");
  EXPECT_EQ(warnings[1].to_string(), "1:98: $.deduplicationRatio: read a number (Double) written as a string");
  EXPECT_THROW(
      BackupFile::from_json(R"({"href": "h", "filePath": "p", "backupSize": "12884901889"})", emgen::ReadMode::strict),
      emgen::ParseError);
}

TEST(RealServer, DoubleRefusesWhatIsNotADecimal) {
  const auto with_ratio = [](const std::string& ratio) {
    return R"({"href": "h", "filePath": "p", "backupSize": 1, "dataSize": 2, "deduplicationRatio": )" + ratio +
           R"(, "compressRatio": 1, "creationTimeUtc": "2026-01-01T00:00:00Z", "fileType": "vbk"})";
  };
  EXPECT_TRUE(fails_with([&] { BackupFile::from_json(with_ratio(R"("5.83")"), emgen::ReadMode::strict); },
                         {"$.deduplicationRatio", "expected a number (Double), found a string", 1, 86}));
  EXPECT_TRUE(fails_with([&] { BackupFile::from_json(with_ratio(R"("5,83")")); },
                         {"$.deduplicationRatio", R"("5,83" is not a Double)", 1, 86}));
  EXPECT_TRUE(fails_with([&] { BackupFile::from_json(with_ratio(R"("")")); },
                         {"$.deduplicationRatio", R"("" is not a Double)", 1, 86}));
  EXPECT_TRUE(fails_with([&] { BackupFile::from_json(with_ratio("1e400")); },
                         {"$.deduplicationRatio", R"("1e400" is out of range for Double)", 0, 0}));
  EXPECT_TRUE(
      fails_with([&] { BackupFile::from_json(with_ratio("NaN")); }, {"$.deduplicationRatio", "malformed JSON", 1, 86}));
  EXPECT_TRUE(
      fails_with([&] { BackupFile::from_json(with_ratio("1.")); }, {"$.deduplicationRatio", "bad number", 0, 0}));
  const std::string xml = example("BackupFile_made.xml");
  for (const char* bad : {"INF", "NaN", "-INF", "0x1p3", "5,83", "", "1e"}) {
    SCOPED_TRACE(bad);
    std::string text = xml;
    const std::string from = "<DeduplicationRatio>5.83</DeduplicationRatio>";
    text.replace(text.find(from), from.size(), std::string("<DeduplicationRatio>") + bad + "</DeduplicationRatio>");
    EXPECT_TRUE(fails_with([&] { BackupFile::from_xml(text); },
                           {"/BackupFile/DeduplicationRatio", std::string("\"") + bad + "\" is not a Double", 10, 4}));
  }
}

TEST(RealServer, TimeStampsWithAnyNumberOfFractionDigits) {
  const std::vector<std::pair<std::string, std::string>> forms = {
      {"2026-06-16T06:33:10Z", "2026-06-16T06:33:10Z"},
      {"2026-06-16T06:33:10.6Z", "2026-06-16T06:33:10.6Z"},
      {"2026-06-16T06:33:10.659559Z", "2026-06-16T06:33:10.659559Z"},
      {"2026-06-16T06:33:10.6595591Z", "2026-06-16T06:33:10.659559Z"},
      {"2026-06-16T06:33:10.65", "2026-06-16T06:33:10.65Z"},
  };
  for (const auto& [sent, written] : forms) {
    SCOPED_TRACE(sent);
    const std::string text = R"({"href": "h", "filePath": "p", "backupSize": 1, "dataSize": 2, "deduplicationRatio": 1,
      "compressRatio": 1, "creationTimeUtc": ")" +
                             sent + R"(", "fileType": "vbk"})";
    const BackupFile file = BackupFile::from_json(text, kStrict);
    EXPECT_EQ(emgen::format_datetime(file.creation_time_utc), written);
  }
}

TEST(RealServer, TheCreationTimeSpellingOfBackupFilesAndOfSessions) {
  // BackupFile's own spelling is CreationTimeUtc; the sessions' CreationTimeUTC is accepted as an alias, and
  // both in camelCase (creationTimeUtc, creationTimeUTC).
  for (const char* key : {"CreationTimeUtc", "CreationTimeUTC", "creationTimeUtc", "creationTimeUTC"}) {
    SCOPED_TRACE(key);
    const std::string text = std::string(R"({"href": "h", "filePath": "p", "backupSize": 1, "dataSize": 2,
      "deduplicationRatio": 1, "compressRatio": 1, ")") +
                             key + R"(": "2026-01-01T00:00:00Z", "fileType": "vbk"})";
    EXPECT_EQ(BackupFile::from_json(text, kStrict).creation_time_utc,
              emgen::parse_datetime("2026-01-01T00:00:00Z").value());
  }
}

TEST(RealServer, WarningsNeverCarryValues) {
  // Made here: a 13.x logon answer with a member this version does not know whose value is a token.
  const std::string token = "O9Msj3rq7EGUhtSMBQx+mw==";
  const std::string text = R"({"href": "https://em13:9398/api/logonSessions/15a3fc97", "type": "LogonSession",
    "links": [{"rel": "Delete", "href": "https://em13:9398/api/logonSessions/15a3fc97", "kind": ")" +
                           token + R"("}], "userName": "monitor", "sessionId": "15a3fc97", "restSvcSessionId": ")" +
                           token + R"(", "extra": {"x-restsvcsessionid": ")" + token + R"("}})";
  emgen::ReadWarnings warnings;
  const LogonSession logon = LogonSession::from_json(text, warnings);
  EXPECT_EQ(logon.session_id, "15a3fc97");
  ASSERT_EQ(warnings.size(), 3u);
  for (const auto& warning : warnings)
    EXPECT_EQ(warning.to_string().find(token), std::string::npos) << warning.to_string();
}

TEST(RealServer, XmlNilIsAbsentLikeJsonNull) {
  // Made here: the documented session with its EndTimeUTC and Links written as .NET writes null values.
  std::string text = example("BackupJobSession_doc13.xml");
  const std::string end =
      text.substr(text.find("<EndTimeUTC>"), text.find("</EndTimeUTC>") + 13 - text.find("<EndTimeUTC>"));
  text.replace(text.find(end), end.size(),
               R"(<EndTimeUTC xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true" />)");
  for (const auto mode : {kLenient, kStrict}) {
    const BackupJobSession session = BackupJobSession::from_xml(text, mode);
    EXPECT_EQ(session.end_time_utc, std::nullopt);
    EXPECT_EQ(session.job_name, "Backup Job 3");
  }
  // A required value cannot be nil: said where, never read as an empty value.
  std::string required = example("BackupJobSession_doc13.xml");
  const std::string progress = "<Progress>100</Progress>";
  required.replace(required.find(progress), progress.size(),
                   R"(<Progress xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>)");
  EXPECT_TRUE(fails_with([&] { BackupJobSession::from_xml(required, kStrict); },
                         {"/BackupJobSession/Progress", "nil for a required value", 0, 0}));
  // A nil list is empty, in both modes (its items, if any, are not read).
  std::string links = example("BackupJobSession_doc13.xml");
  const std::size_t open = links.find("<Links>");
  const std::size_t close = links.find("</Links>") + 8;
  links.replace(open, close - open, R"(<Links xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>)");
  for (const auto mode : {kLenient, kStrict}) EXPECT_TRUE(BackupJobSession::from_xml(links, mode).links.empty());
  // A nil item of a repeated element is an error, not a default-made item.
  const std::string sessions = example("SystemSessions_doc.xml");
  const std::size_t first = sessions.find("<Sessions ");
  ASSERT_NE(first, std::string::npos);
  std::string nil_item = sessions;
  nil_item.insert(first, R"(<Sessions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>)");
  EXPECT_TRUE(fails_with([&] { SystemSessions::from_xml(nil_item); },
                         {"/SystemSessions/Sessions[1]", "nil for an item of a list", 0, 0}));
}

}  // namespace
