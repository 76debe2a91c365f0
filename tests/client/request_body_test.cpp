// The generated client's methods for endpoints with a `body:` against a scripted Transport: the method, the
// path, the Content-Type, and that the body sent reads back as the document the caller passed, in XML and in
// the JSON style of the server's logon answer.

#include <gtest/gtest.h>

#include <deque>
#include <string>
#include <vector>

#include "emgen/api_error.hpp"
#include "emgen/session.hpp"
#include "veeam/em/client.hpp"
#include "veeam/em/credentials.hpp"
#include "veeam/em/security.hpp"

namespace em = veeam::em;

namespace {

constexpr const char* kBase = "https://em.example.com:9398/api";
constexpr const char* kServerId = "f62624c1-8462-4747-8bd4-d686f99b0540";
constexpr const char* kCredentialsId = "c473b8df-4499-41b8-ba6b-7f76def6fea1";

// Answers each request with the next scripted response and keeps what was sent.
class ScriptedTransport : public emgen::Transport {
 public:
  emgen::Response send(const emgen::Request& request) override {
    sent.push_back(request);
    if (replies.empty()) throw emgen::TransportError(emgen::TransportError::Cause::other, "nothing scripted");
    emgen::Response response = std::move(replies.front());
    replies.pop_front();
    return response;
  }
  void reply(int status, std::string body = {}, emgen::Headers headers = {}) {
    emgen::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    replies.push_back(std::move(response));
  }
  void logon(std::string body) { reply(201, std::move(body), {{"X-RestSvcSessionId", "token"}}); }

  std::vector<emgen::Request> sent;
  std::deque<emgen::Response> replies;
};

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

}  // namespace
