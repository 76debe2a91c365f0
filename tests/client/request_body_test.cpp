// The generated client's methods for endpoints with a `body:` against a scripted Transport: the method, the
// path, the Content-Type, and that the body sent reads back as the document the caller passed, in XML and in
// the JSON style of the server's logon answer. Also the paths of guest files (`file_paths:`), which keep their
// slashes, and bodies with an element of no content (<ForDirectDownload/>).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emgen/api_error.hpp"
#include "emgen/query.hpp"
#include "emgen/session.hpp"
#include "scripted_transport.hpp"
#include "veeam/em/client.hpp"
#include "veeam/em/credentials.hpp"
#include "veeam/em/file_system_entry.hpp"
#include "veeam/em/mount.hpp"
#include "veeam/em/security.hpp"
#include "veeam/em/task.hpp"

namespace em = veeam::em;

namespace {

constexpr const char* kBase = "https://em.example.com:9398/api";
constexpr const char* kServerId = "f62624c1-8462-4747-8bd4-d686f99b0540";
constexpr const char* kCredentialsId = "c473b8df-4499-41b8-ba6b-7f76def6fea1";

using client_test::ScriptedTransport;

constexpr const char* kXmlLogon =
    "<LogonSession Href=\"https://em.example.com:9398/api/logonSessions/15a3\" Type=\"LogonSession\">"
    "<UserName>admin</UserName><SessionId>15a3</SessionId></LogonSession>";
// EM 13.x answers in camelCase, EM 12 in PascalCase: the session's JSON style comes from here.
constexpr const char* kCamelLogon = R"({"userName": "admin", "sessionId": "15a3"})";
constexpr const char* kPascalLogon = R"({"UserName": "admin", "SessionId": "15a3"})";

em::CredentialsInfoSpec new_credentials() {
  em::CredentialsInfoSpec spec;
  spec.username = "VEEAM\\Administrator";
  spec.description = "Credentials created with <REST> & \"API\"";  // escaped in both formats
  spec.password = "1234";
  return spec;
}

em::CredentialsInfo edited_credentials() {
  em::CredentialsInfo info;
  info.href = std::string(kBase) + "/backupServers/" + kServerId + "/credentials/" + kCredentialsId;
  info.type = "Credentials";
  info.id = kCredentialsId;
  info.username = "VEEAM\\Administrator";
  info.description = "Edited with REST API";
  info.password = "P@ssw0rd";
  return info;
}

TEST(RequestBody, PostSendsTheSpecAsXmlAfterThePathParameters) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(201);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);
  const em::CredentialsInfoSpec spec = new_credentials();

  client.create_backup_server_credentials(kServerId, spec);

  ASSERT_EQ(transport.sent.size(), 2u);
  const emgen::Request& post = transport.sent[1];
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.url, std::string(kBase) + "/backupServers/" + kServerId + "/credentials?action=create");
  EXPECT_EQ(post.headers.find("Content-Type"), "application/xml");
  EXPECT_TRUE(post.body.find("<CredentialsInfoSpec xmlns=\"http://www.veeam.com/ent/v1.0\"") != std::string::npos)
      << post.body;
  EXPECT_EQ(em::CredentialsInfoSpec::from_xml(post.body, emgen::ReadMode::strict), spec);
}

TEST(RequestBody, PutSendsTheBodyInTheCamelCaseOfAn13xServer) {
  ScriptedTransport transport;
  transport.logon(kCamelLogon);
  transport.reply(204);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret", emgen::Format::json);
  em::Client client(session);
  const em::CredentialsInfo info = edited_credentials();

  // Not logged on yet: the body's style is only known after the logon, which the call makes first.
  client.put_backup_server_credential(kServerId, kCredentialsId, info);

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[0].method, "POST");  // the logon
  const emgen::Request& put = transport.sent[1];
  EXPECT_EQ(put.method, "PUT");
  EXPECT_EQ(put.url, std::string(kBase) + "/backupServers/" + kServerId + "/credentials/" + kCredentialsId);
  EXPECT_EQ(put.headers.find("Content-Type"), "application/json");
  EXPECT_NE(put.body.find("\"username\":"), std::string::npos) << put.body;
  EXPECT_EQ(put.body.find("\"Username\":"), std::string::npos) << put.body;
  EXPECT_EQ(em::CredentialsInfo::from_json(put.body, emgen::ReadMode::strict), info);
}

TEST(RequestBody, PostSendsPascalCaseJsonToAServerThatAnswersInPascalCase) {
  ScriptedTransport transport;
  transport.logon(kPascalLogon);
  transport.reply(201);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret", emgen::Format::json);
  em::Client client(session);
  const em::CredentialsInfoSpec spec = new_credentials();

  client.create_backup_server_credentials(kServerId, spec);

  ASSERT_EQ(transport.sent.size(), 2u);
  const emgen::Request& post = transport.sent[1];
  EXPECT_EQ(post.headers.find("Content-Type"), "application/json");
  EXPECT_NE(post.body.find("\"Username\":"), std::string::npos) << post.body;
  EXPECT_EQ(em::CredentialsInfoSpec::from_json(post.body, emgen::ReadMode::strict), spec);
}

TEST(RequestBody, PathParametersArePercentEncodedAndARefusedBodyIsATypedError) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(400,
                  "<Error xmlns=\"http://www.veeam.com/ent/v1.0\" Message=\"Username is required\" "
                  "StatusCode=\"400\" />",
                  {{"Content-Type", "application/xml"}});
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  EXPECT_THROW(client.create_backup_server_credentials("a/b c", em::CredentialsInfoSpec{}), emgen::BadRequest);
  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].url, std::string(kBase) + "/backupServers/a%2Fb%20c/credentials?action=create");
  // A spec with nothing set is still a whole document.
  EXPECT_EQ(em::CredentialsInfoSpec::from_xml(transport.sent[1].body, emgen::ReadMode::strict),
            em::CredentialsInfoSpec{});
}

TEST(RequestBody, NestedListsOfABodyAreWrittenInTheServersStyle) {
  ScriptedTransport transport;
  transport.logon(kCamelLogon);
  transport.reply(201);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret", emgen::Format::json);
  em::Client client(session);
  em::EnterpriseAccountCreateSpec spec;
  spec.account_type = em::EnterpriseAccountType::User;
  spec.account_name = "TECH\\william.fox";
  em::EnterpriseAccountInRoleCreateSpec role;
  role.enterprise_role_uid = emgen::Uid::parse("urn:veeam:EnterpriseRole:f84a8b62-49b8-4d0c-b25b-92321b52bab6").value();
  spec.roles.enterprise_role.push_back(role);
  spec.allow_restore_all_vms = true;

  client.post_security_accounts(spec);

  ASSERT_EQ(transport.sent.size(), 2u);
  const emgen::Request& post = transport.sent[1];
  EXPECT_EQ(post.method, "POST");
  EXPECT_EQ(post.url, std::string(kBase) + "/security/accounts");
  // EM's JSON names the list's items in the plural, where XML repeats <EnterpriseRole>.
  EXPECT_NE(post.body.find("\"roles\":{\"enterpriseRoles\":["), std::string::npos) << post.body;
  EXPECT_EQ(em::EnterpriseAccountCreateSpec::from_json(post.body, emgen::ReadMode::strict), spec);
}

TEST(RequestBody, APostWithoutABodySendsNone) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(204);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  client.post_security_account("fd4befd6-70c6-4b2f-a068-d1d9a61905a3");  // toggles the account's restore scopes

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].method, "POST");
  EXPECT_EQ(transport.sent[1].url, std::string(kBase) + "/security/accounts/fd4befd6-70c6-4b2f-a068-d1d9a61905a3");
  EXPECT_TRUE(transport.sent[1].body.empty());
}

TEST(RequestBody, DeleteSendsNoBody) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(204);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  client.delete_backup_server_credential(kServerId, kCredentialsId);

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].method, "DELETE");
  EXPECT_TRUE(transport.sent[1].body.empty());
  EXPECT_FALSE(transport.sent[1].headers.find("Content-Type").has_value());
}

// EM answers DELETE /jobs/{ID} with 202 and the Task to poll (delete_jobs_id.html): the method returns it.
TEST(RequestBody, ADeleteWithReturnsReadsTheTaskItIsAnsweredWith) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(202, "<Task xmlns=\"http://www.veeam.com/ent/v1.0\" Type=\"Task\" Href=\"" + std::string(kBase) +
                           "/tasks/task-1\"><TaskId>task-1</TaskId><State>Running</State>"
                           "<Operation>DeleteJob</Operation></Task>");
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  const em::Task task = client.delete_job("78c3919c-54d7-43fe-b047-485d3566f11f");

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].method, "DELETE");
  EXPECT_EQ(transport.sent[1].url, std::string(kBase) + "/jobs/78c3919c-54d7-43fe-b047-485d3566f11f");
  EXPECT_EQ(task.task_id, "task-1");
  EXPECT_EQ(task.operation, "DeleteJob");
}

// The pages' own request: GET .../mounts/1/E:/Documentation%2014 lists the folder, and restoring a file in it for
// download sends <ForDirectDownload/> to .../E:/Documentation%2014/Offers.docx?action=restore.
TEST(FilePath, AGuestFilesPathKeepsItsSlashesAndColonAndEncodesTheRest) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(200, "<FileSystemEntries xmlns=\"http://www.veeam.com/ent/v1.0\" Href=\"" + std::string(kBase) +
                           "/vmRestorePoints/fb87163e-687d-4006-96c9-0451b5423b85/mounts/1/E:/Documentation%2014?"
                           "action=listAll&amp;pageSize=100&amp;page=1\"><Files/><Directories/></FileSystemEntries>");
  transport.reply(202, "<Task xmlns=\"http://www.veeam.com/ent/v1.0\" Type=\"Task\" Href=\"" + std::string(kBase) +
                           "/tasks/task-1\"><TaskId>task-1</TaskId><State>Running</State>"
                           "<Operation>FileRestoreFromMountPoint</Operation></Task>");
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);
  const std::string point = "fb87163e-687d-4006-96c9-0451b5423b85";

  const em::FileSystemEntries entries =
      client.vm_restore_point_mount_path(point, "1", "E:/Documentation 14", "action=listAll");
  em::FileRestoreSpec download;
  download.for_direct_download.emplace();
  const em::Task task =
      client.restore_vm_restore_point_mount_path(point, "1", "E:/Documentation 14/Offers.docx", download);

  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(transport.sent[1].method, "GET");
  EXPECT_EQ(transport.sent[1].url,
            std::string(kBase) + "/vmRestorePoints/" + point + "/mounts/1/E:/Documentation%2014?action=listAll");
  EXPECT_TRUE(entries.files.empty());
  EXPECT_EQ(transport.sent[2].method, "POST");
  EXPECT_EQ(transport.sent[2].url, std::string(kBase) + "/vmRestorePoints/" + point +
                                       "/mounts/1/E:/Documentation%2014/Offers.docx?action=restore");
  const em::FileRestoreSpec sent = em::FileRestoreSpec::from_xml(transport.sent[2].body, emgen::ReadMode::strict);
  EXPECT_TRUE(sent.for_direct_download.has_value());
  EXPECT_FALSE(sent.to_original_location.has_value());
  EXPECT_NE(transport.sent[2].body.find("<ForDirectDownload"), std::string::npos) << transport.sent[2].body;
  EXPECT_EQ(task.task_id, "task-1");
}

// The path parameter of other endpoints is one segment: a slash in an ID is encoded, not a path.
TEST(FilePath, AnOrdinaryPathParameterEncodesItsSlashes) {
  ScriptedTransport transport;
  transport.logon(kXmlLogon);
  transport.reply(204);
  transport.reply(204);  // logoff
  emgen::Session session(transport, kBase, "admin", "secret");
  em::Client client(session);

  client.delete_vm_restore_point_mount("a/b", "1");

  ASSERT_EQ(transport.sent.size(), 2u);
  EXPECT_EQ(transport.sent[1].url, std::string(kBase) + "/vmRestorePoints/a%2Fb/mounts/1");
}

TEST(FilePath, EncodingKeepsSeparatorsAndCannotClimbOutOfTheResource) {
  EXPECT_EQ(emgen::percent_encode_path("E:/Documentation 14/Offers.docx"), "E:/Documentation%2014/Offers.docx");
  EXPECT_EQ(emgen::percent_encode_path("C:\\Users/a?b#c%d"), "C:%5CUsers/a%3Fb%23c%25d");
  EXPECT_EQ(emgen::percent_encode_path("../../backupServers"), "%2E%2E/%2E%2E/backupServers");
  EXPECT_EQ(emgen::percent_encode_path("./a/./b..c/."), "%2E/a/%2E/b..c/%2E");
  EXPECT_EQ(emgen::percent_encode_path("F:/ExchDB/"), "F:/ExchDB/");
  EXPECT_EQ(emgen::percent_encode_path(""), "");
  EXPECT_EQ(emgen::percent_encode_path("/"), "/");
}

}  // namespace
