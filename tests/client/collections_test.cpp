// The generated client's two forms of a collection (`repositories(query)` reads references,
// `repositories_entities(query)` the ?format=Entity document), against a scripted Transport with the real
// captures in schemas/examples; the CallOptions every generated method takes (GET, PUT and DELETE retried, POST
// not); and the typed filter fields of veeam/em/query.hpp, with the field names of the real query captures.

#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <stop_token>
#include <string>

#include "emgen/api_error.hpp"
#include "emgen/query.hpp"
#include "emgen/session.hpp"
#include "scripted_transport.hpp"
#include "veeam/em/backup_file.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/backup_task_session.hpp"
#include "veeam/em/client.hpp"
#include "veeam/em/credentials.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/query.hpp"
#include "veeam/em/query_result.hpp"
#include "veeam/em/repository.hpp"
#include "veeam/em/task.hpp"

namespace em = veeam::em;
using client_test::ScriptedTransport;

namespace {

constexpr const char* kBase = "https://em.example.com:9398/api";
constexpr const char* kXmlLogon =
    "<LogonSession Href=\"https://em.example.com:9398/api/logonSessions/15a3\" Type=\"LogonSession\">"
    "<UserName>admin</UserName><SessionId>15a3</SessionId></LogonSession>";
constexpr const char* kPascalLogon = R"({"UserName": "admin", "SessionId": "15a3"})";
constexpr const char* kSessionId = "a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6";

std::string example(const std::string& name) {
  std::ifstream in(std::string(EMGEN_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string path_of(const emgen::Request& request) { return request.url.substr(std::string(kBase).size()); }

// Retries without waiting, so that a test of them takes no time.
emgen::CallOptions retried_at_once() {
  emgen::RetryPolicy policy;
  policy.max_attempts = 3;
  policy.jitter = [](std::chrono::milliseconds) { return std::chrono::milliseconds(0); };
  emgen::CallOptions options;
  options.retry = policy;
  return options;
}

TEST(CollectionForms, TheEntityMethodAsksForFormatEntityAndReadsTheRealJsonCapture) {
  ScriptedTransport transport;
  transport.logon(kPascalLogon);
  transport.reply(200, example("Repositories_peekjef72_v12.json"));
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret", emgen::Format::json);
  em::Client client(session);

  const em::Repositories repositories = client.repositories_entities();

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(path_of(transport.sent[1]), "/repositories?format=Entity");
  ASSERT_EQ(repositories.repository.size(), 2u);
  EXPECT_EQ(repositories.repository[0].kind, em::RepositoryKind::AmazonS3Compatible);
  EXPECT_EQ(repositories.repository[0].capacity, -1);
  EXPECT_EQ(repositories.repository[1].name, "ddb_veeam_dch_backupdb");
  EXPECT_EQ(repositories.repository[1].capacity, 1013246324637696);
}

TEST(CollectionForms, TheEntityMethodKeepsTheCallersQueryAndReadsTheRealXmlCapture) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(200, example("BackupFiles_cloudstack_v11.xml"));
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  const em::BackupFiles files = client.backup_files_entities("pageSize=20");

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(path_of(transport.sent[1]), "/backupFiles?pageSize=20&format=Entity");
  ASSERT_EQ(files.backup_file.size(), 11u);
  EXPECT_EQ(files.backup_file[0].data_size, 7516219400);
  EXPECT_EQ(files.backup_file[1].deduplication_ratio, 1.0);
}

TEST(CollectionForms, ANestedCollectionsEntityMethodEncodesItsParameter) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(200, "<BackupTaskSessions xmlns=\"http://www.veeam.com/ent/v1.0\"/>");
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  EXPECT_TRUE(client.backup_session_task_sessions_entities("a/b").backup_task_session.empty());
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(path_of(transport.sent[1]), "/backupSessions/a%2Fb/taskSessions?format=Entity");
}

// The reference method refuses a query that asks for entities, before anything is sent: read as references,
// the entity document would be an empty list.
TEST(CollectionForms, TheReferenceMethodRefusesAQueryAskingForEntitiesAndNamesTheEntityMethod) {
  ScriptedTransport transport;
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  for (const char* query : {"format=Entity", "pageSize=10&FORMAT=entities", "form%61t=%45ntity"}) {
    try {
      client.repositories(query);
      ADD_FAILURE() << query << " was not refused";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("call Client::repositories_entities"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("Client::repositories reads references"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(client.backup_session_task_sessions(kSessionId, "format=Entity"), std::invalid_argument);
  EXPECT_TRUE(transport.sent.empty());
}

TEST(CollectionForms, TheReferenceMethodSendsOtherQueriesAsGiven) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(200, example("EntityReferences_backupSessions_doc.xml"));
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  // `formatted` is no format= parameter.
  EXPECT_EQ(client.backup_sessions("formatted=1&format=Refs").ref.size(), 5u);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(path_of(transport.sent[1]), "/backupSessions?formatted=1&format=Refs");
}

TEST(CollectionForms, TheEntityMethodRefusesAFormatOfTheCallers) {
  ScriptedTransport transport;
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  try {
    client.repositories_entities("format=Refs");
    ADD_FAILURE() << "format=Refs was not refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("Client::repositories_entities sets format=Entity itself"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(client.repositories_entities("format=Entity"), std::invalid_argument);
  EXPECT_TRUE(transport.sent.empty());
}

TEST(CollectionForms, FormatIsFoundAsAWholeKeyAnywhereInTheQuery) {
  EXPECT_EQ(emgen::entity_form_query("", "m"), "format=Entity");
  EXPECT_EQ(emgen::entity_form_query("pageSize=5&xformat=Entity", "m"), "pageSize=5&xformat=Entity&format=Entity");
  EXPECT_THROW(emgen::entity_form_query("pageSize=5&format", "m"), std::invalid_argument);  // a key without value
  EXPECT_EQ(emgen::reference_form_query("", "m", "e"), "");
  EXPECT_EQ(emgen::reference_form_query("xformat=Entity&format%3DEntity", "m", "e"), "xformat=Entity&format%3DEntity");
  EXPECT_EQ(emgen::reference_form_query("format=%4", "m", "e"), "format=%4");  // a broken escape stays as it is
  EXPECT_THROW(emgen::reference_form_query("a=1&b=2&Format=ENTITIES", "m", "e"), std::invalid_argument);
}

// A document whose root is not the type's is refused, never read as an empty list.
TEST(CollectionForms, AnEntityDocumentReadAsReferencesIsAnErrorNotAnEmptyList) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(200, example("BackupFiles_cloudstack_v11.xml"));
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  EXPECT_THROW(client.backup_files(), emgen::ParseError);
}

TEST(CallOptions, AGeneratedGetIsRetriedAndAPostIsNot) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(503);
  transport.reply(200, example("EntityReferences_backupSessions_doc.xml"));
  transport.reply(503);
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  EXPECT_EQ(client.backup_sessions({}, retried_at_once()).ref.size(), 5u);
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(path_of(transport.sent[1]), "/backupSessions");
  EXPECT_EQ(path_of(transport.sent[2]), "/backupSessions");

  // Stopping a session twice is not stopping it once: a 503 ends the call.
  EXPECT_THROW(client.stop_backup_session(kSessionId, retried_at_once()), emgen::ApiError);
  ASSERT_EQ(transport.sent.size(), 4u);
  EXPECT_EQ(transport.sent[3].method, "POST");
}

TEST(CallOptions, AGeneratedPutIsRetried) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(503);
  transport.reply(200, example("Task_StartJob_Finished.xml"));
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  em::CredentialsInfo info;
  info.id = "c473b8df-4499-41b8-ba6b-7f76def6fea1";
  info.username = "VEEAM\\Administrator";
  client.put_backup_server_credential("f62624c1", info.id, info, retried_at_once());
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(transport.sent[1].method, "PUT");
  EXPECT_EQ(transport.sent[2].method, "PUT");
}

TEST(CallOptions, TimeoutAndCancellationReachTheRequest) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(200, example("EntityReferences_backupSessions_doc.xml"));
  transport.reply(204);
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  emgen::CallOptions options;
  options.timeout = std::chrono::milliseconds(1500);
  client.backup_sessions({}, options);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].timeout, std::chrono::milliseconds(1500));

  std::stop_source stop;
  stop.request_stop();
  options.stop = stop.get_token();
  EXPECT_THROW(client.get_repository("48045b24", options), emgen::Cancelled);
  EXPECT_EQ(transport.sent.size(), 2u);
}

// Compiles only with a field the schemas give the entity: the test of a misspelt or removed field.
template <class Fields>
concept HasResultField = requires {
  Fields::Result;
};
template <class Fields>
concept HasResultsField = requires {
  Fields::Results;
};
static_assert(HasResultField<em::query::BackupJobSession>);
static_assert(!HasResultsField<em::query::BackupJobSession>);

TEST(QueryFields, BuildTheFilterTextOfTheirWireNames) {
  using Sessions = em::query::BackupJobSession;
  EXPECT_EQ((Sessions::Result == em::SessionResult::Failed).expression(), "Result==Failed");
  EXPECT_EQ((Sessions::IsRetry == true).expression(), "IsRetry==true");
  EXPECT_EQ((Sessions::JobName != "Backup Job 1").expression(), "JobName!=\"Backup Job 1\"");
  const emgen::DateTime since = emgen::parse_datetime("2025-08-15T06:00:00Z").value();
  EXPECT_EQ((Sessions::Result == em::SessionResult::Failed && Sessions::CreationTime >= since).expression(),
            "(Result==Failed;CreationTime>=\"2025-08-15T06:00:00Z\")");
  EXPECT_EQ(
      (Sessions::Result == em::SessionResult::Failed || Sessions::Result == em::SessionResult::Warning).expression(),
      "(Result==Failed,Result==Warning)");
  // The field's name and its alias both: EM's CDP pages filter by CreationTimeUTC, the others by CreationTime.
  EXPECT_EQ((Sessions::CreationTimeUTC <= since).expression(), "CreationTimeUTC<=\"2025-08-15T06:00:00Z\"");
  EXPECT_EQ((em::query::BackupTaskSession::VmDisplayName == "dbserver01").expression(),
            "VmDisplayName==\"dbserver01\"");
  EXPECT_EQ((em::query::Repository::FreeSpace < 107374182400).expression(), "FreeSpace<107374182400");
  EXPECT_EQ(emgen::filter_literal(5.83), "5.83");
  EXPECT_EQ(emgen::filter_literal(false), "false");
  EXPECT_EQ((em::query::BackupJobSession::JobUid ==
             emgen::Uid::parse("urn:veeam:Job:dce85686-59c8-42c4-8766-f1c00a5b8067").value())
                .expression(),
            "JobUid==\"urn:veeam:Job:dce85686-59c8-42c4-8766-f1c00a5b8067\"");
}

// The filter of peekjef72_QueryResult_BackupJobSessions_v12.json's PagingInfo links (in the shared reference
// captures), `filter=CreationTime%3e%3d%222026-06-14T21%3a07%3a25%22`: the same field and operator, which the
// server encodes in lower case and whose time carries no zone, where this writer adds Z.
TEST(QueryFields, WriteTheFilterOfARealQueryCapture) {
  const emgen::DateTime since = emgen::parse_datetime("2026-06-14T21:07:25Z").value();
  const std::string query = emgen::Query::of<em::BackupJobSession>()
                                .where(em::query::BackupJobSession::CreationTime >= since)
                                .page_size(100)
                                .to_string();
  EXPECT_EQ(
      query,
      "type=BackupJobSession&format=Entities&filter=CreationTime%3E%3D%222026-06-14T21%3A07%3A25Z%22&pageSize=100");
}

}  // namespace
