// emgen::Session against a scripted Transport: what it sends, how it treats each answer, and that neither
// the password nor the token reaches a message. The same flows over real sockets are in sim_test.cpp.

#include "emgen/session.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <functional>

namespace {

using emgen::Format;
using emgen::Request;
using emgen::Response;
using emgen::Session;

constexpr const char* kBase = "https://em.example.com:9398/api";
constexpr const char* kPassword = "pa55-w0rd!";
constexpr const char* kToken = "O9Msj3rq7EGUhtSMBQx+mw==";

class ScriptedTransport : public emgen::Transport {
 public:
  Response send(const Request& request) override {
    sent.push_back(request);
    if (replies.empty()) throw emgen::TransportError(emgen::TransportError::Cause::other, "nothing scripted");
    auto reply = std::move(replies.front());
    replies.pop_front();
    return reply(request);
  }

  void reply(int status, std::string body = {}, emgen::Headers headers = {}) {
    replies.push_back([=](const Request&) { return Response{status, headers, body}; });
  }
  void fail(emgen::TransportError::Cause cause) {
    replies.push_back([=](const Request& request) -> Response {
      throw emgen::TransportError(cause, request.method + " " + emgen::redact_url(request.url) + ": scripted");
    });
  }
  void logon(std::string token = kToken, std::string header = "X-RestSvcSessionId",
             std::string body =
                 "<LogonSession Href=\"https://srv12.tech.local:9398/api/logonSessions/15a3\" "
                 "Type=\"LogonSession\"><UserName>admin</UserName><SessionId>15a3</SessionId></LogonSession>") {
    reply(201, std::move(body), {{std::move(header), std::move(token)}});
  }

  std::vector<Request> sent;
  std::deque<std::function<Response(const Request&)>> replies;
};

// Every message a test saw, checked for credentials at the end of the test.
class SessionTest : public ::testing::Test {
 protected:
  template <class E, class F>
  E expect_throw(F&& action) {
    try {
      action();
    } catch (const E& error) {
      messages.emplace_back(error.what());
      return error;
    } catch (const std::exception& error) {
      messages.emplace_back(error.what());
      ADD_FAILURE() << "threw another type: " << error.what();
      throw;
    }
    ADD_FAILURE() << "did not throw";
    throw std::logic_error("did not throw");
  }

  void TearDown() override {
    const std::string basic = emgen::base64_encode(std::string("admin:") + kPassword);
    for (const std::string& message : messages) {
      EXPECT_EQ(message.find(kPassword), std::string::npos) << message;
      EXPECT_EQ(message.find(kToken), std::string::npos) << message;
      EXPECT_EQ(message.find(basic), std::string::npos) << message;
    }
  }

  ScriptedTransport transport;
  std::vector<std::string> messages;
};

TEST_F(SessionTest, LogonSendsBasicCredentialsAndAccept) {
  transport.logon();
  transport.reply(204);
  {
    Session session(transport, kBase, "admin", kPassword);
    session.logon();
    EXPECT_TRUE(session.logged_on());
    EXPECT_EQ(session.logons(), 1);
  }
  ASSERT_EQ(transport.sent.size(), 2u);
  const Request& logon = transport.sent[0];
  EXPECT_EQ(logon.method, "POST");
  EXPECT_EQ(logon.url, "https://em.example.com:9398/api/sessionMngr/?v=latest");
  EXPECT_EQ(logon.headers.find("Authorization"), "Basic " + emgen::base64_encode(std::string("admin:") + kPassword));
  EXPECT_EQ(logon.headers.find("Accept"), "application/xml");
  EXPECT_FALSE(logon.headers.find("X-RestSvcSessionId"));
}

TEST_F(SessionTest, TokenGoesOnEveryCallAndLogoffUsesTheLogonHref) {
  transport.logon(kToken, "x-restsvcsessionid");  // any letter case
  transport.reply(200, "<EntityReferences/>");
  transport.reply(204);
  {
    Session session(transport, std::string(kBase) + "/", "admin", kPassword);
    const Response response = session.call("GET", "/backupSessions");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(session.logoff_path(), "/logonSessions/15a3");
  }
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(transport.sent[1].url, "https://em.example.com:9398/api/backupSessions");
  EXPECT_EQ(transport.sent[1].headers.find("X-RestSvcSessionId"), kToken);
  EXPECT_EQ(transport.sent[2].method, "DELETE");
  // The Href names EM's own host; the DELETE goes to the base URL the client was given.
  EXPECT_EQ(transport.sent[2].url, "https://em.example.com:9398/api/logonSessions/15a3");
  EXPECT_EQ(transport.sent[2].headers.find("X-RestSvcSessionId"), kToken);
}

TEST_F(SessionTest, JsonFormatAsksForJsonAndReadsTheJsonLogonSession) {
  transport.logon(kToken, "X-RestSvcSessionId",
                  R"({"Href": "", "UserName": "admin", "Links": [{"Rel": "Delete", "Href": "https://h/api/logonSessions/77"}], "SessionId": "77"})");
  transport.reply(200, "{}");
  Session session(transport, kBase, "admin", kPassword, Format::json);
  session.call("POST", "/backupSessions/1?action=stop", "{\"x\": 1}");
  EXPECT_EQ(session.logoff_path(), "/logonSessions/77");
  EXPECT_EQ(transport.sent[0].headers.find("Accept"), "application/json");
  EXPECT_EQ(transport.sent[1].headers.find("Accept"), "application/json");
  EXPECT_EQ(transport.sent[1].headers.find("Content-Type"), "application/json");
  EXPECT_EQ(transport.sent[1].body, "{\"x\": 1}");
  transport.reply(204);
}

TEST_F(SessionTest, LogoffPathFallsBackToDeleteLinkThenSessionId) {
  transport.logon(kToken, "X-RestSvcSessionId",
                  "<LogonSession Href=\"\"><Links><Link Rel=\"Up\" Href=\"https://h/api/\"/>"
                  "<Link Rel=\"Delete\" Href=\"https://h/api/logonSessions/d1\"/></Links>"
                  "<UserName>admin</UserName><SessionId>d1</SessionId></LogonSession>");
  Session first(transport, kBase, "admin", kPassword);
  first.logon();
  EXPECT_EQ(first.logoff_path(), "/logonSessions/d1");

  transport.logon(kToken, "X-RestSvcSessionId",
                  "<LogonSession Href=\"\"><UserName>admin</UserName><SessionId>s2</SessionId></LogonSession>");
  Session second(transport, kBase, "admin", kPassword);
  second.logon();
  EXPECT_EQ(second.logoff_path(), "/logonSessions/s2");
  transport.reply(204);
  transport.reply(204);
}

TEST_F(SessionTest, UnreadableLogonBodyStillLogsOnButCannotLogOff) {
  transport.logon(kToken, "X-RestSvcSessionId", "not a document");
  {
    Session session(transport, kBase, "admin", kPassword);
    session.logon();
    EXPECT_TRUE(session.logged_on());
    EXPECT_EQ(session.logoff_path(), "");
  }
  EXPECT_EQ(transport.sent.size(), 1u);
}

// A logon answer that is not a LogonSession (here one without its required SessionId) is reported to the
// warning handler, without quoting the body, and logoff() then only forgets the token.
TEST_F(SessionTest, LogonAnswerThatIsNoLogonSessionIsAWarning) {
  transport.logon(kToken, "X-RestSvcSessionId",
                  "<LogonSession Href=\"https://h/api/logonSessions/secret-id\"><UserName>admin</UserName></LogonSession>");
  std::vector<emgen::ReadWarning> warnings;
  {
    Session session(transport, kBase, "admin", kPassword);
    session.on_read_warning([&](const emgen::ReadWarning& warning) { warnings.push_back(warning); });
    session.logon();
    EXPECT_TRUE(session.logged_on());
    EXPECT_EQ(session.logoff_path(), "");
  }
  EXPECT_EQ(transport.sent.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].path, "/LogonSession");
  EXPECT_NE(warnings[0].message.find("not a LogonSession"), std::string::npos) << warnings[0].message;
  EXPECT_EQ(warnings[0].to_string().find("secret-id"), std::string::npos);
}

TEST_F(SessionTest, BadCredentialsThrowUnauthorizedWithTheServerMessage) {
  transport.reply(401, "<Error Message=\"Login failed\" StatusCode=\"401\"/>",
                  {{"WWW-Authenticate", "Basic Realm=RestSvc"}});
  Session session(transport, kBase, "admin", kPassword);
  const auto error = expect_throw<emgen::Unauthorized>([&] { session.logon(); });
  EXPECT_STREQ(error.what(), "POST /sessionMngr/?v=latest: 401 Unauthorized: Login failed");
  ASSERT_TRUE(error.details());
  EXPECT_EQ(error.details()->message, "Login failed");
  EXPECT_FALSE(session.logged_on());
}

TEST_F(SessionTest, LogonWithoutTokenIsAProtocolError) {
  transport.reply(201, "<LogonSession/>");
  Session session(transport, kBase, "admin", kPassword);
  const auto error = expect_throw<emgen::ProtocolError>([&] { session.logon(); });
  EXPECT_NE(std::string(error.what()).find("without an X-RestSvcSessionId header"), std::string::npos);
}

TEST_F(SessionTest, ExpiredTokenLogsOnOnceAndResends) {
  transport.logon("old-token");
  transport.reply(401, "<Error Message=\"expired\" StatusCode=\"401\"/>");
  transport.logon(kToken);
  transport.reply(200, "<EntityReferences/>");
  Session session(transport, kBase, "admin", kPassword);
  session.logon();
  const Response response = session.call("GET", "/backupSessions");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(session.logons(), 2);
  ASSERT_EQ(transport.sent.size(), 4u);
  EXPECT_EQ(transport.sent[1].headers.find("X-RestSvcSessionId"), "old-token");
  EXPECT_EQ(transport.sent[2].method, "POST");
  EXPECT_EQ(transport.sent[3].headers.find("X-RestSvcSessionId"), kToken);
  transport.reply(204);
}

TEST_F(SessionTest, A401AfterTheReLogonIsReturnedNotRetriedAgain) {
  transport.logon();
  transport.reply(401);
  transport.logon();
  transport.reply(401, "<Error Message=\"still no\" StatusCode=\"401\"/>");
  Session session(transport, kBase, "admin", kPassword);
  session.logon();
  const auto error = expect_throw<emgen::Unauthorized>([&] { session.call_ok("GET", "/backupSessions"); });
  EXPECT_STREQ(error.what(), "GET /backupSessions: 401 Unauthorized: still no");
  EXPECT_EQ(transport.sent.size(), 4u);
  transport.reply(204);
}

TEST_F(SessionTest, A401RightAfterTheFirstLogonIsNotRetried) {
  transport.logon();
  transport.reply(401);
  Session session(transport, kBase, "admin", kPassword);
  EXPECT_EQ(session.call("GET", "/backupSessions").status, 401);
  EXPECT_EQ(transport.sent.size(), 2u);
  transport.reply(204);
}

TEST_F(SessionTest, CallOkThrowsTypedErrorsWithMethodAndPath) {
  transport.logon();
  transport.reply(404, "<Error Message=\"Backup job session x was not found.\" StatusCode=\"404\"/>");
  Session session(transport, kBase, "admin", kPassword);
  const auto error = expect_throw<emgen::NotFound>([&] { session.call_ok("GET", "/backupSessions/x?format=Entity"); });
  EXPECT_STREQ(error.what(), "GET /backupSessions/x?format=Entity: 404 Not Found: Backup job session x was not found.");
  transport.reply(204);
}

TEST_F(SessionTest, AbsoluteHrefsAreRebasedOntoTheBaseUrl) {
  transport.logon();
  transport.reply(200);
  transport.reply(200);
  Session session(transport, kBase, "admin", kPassword);
  session.call("GET", "https://localhost:9398/api/query?type=BackupJobSession&page=2");
  session.call("GET", "tasks/task-1");
  EXPECT_EQ(transport.sent[1].url, "https://em.example.com:9398/api/query?type=BackupJobSession&page=2");
  EXPECT_EQ(transport.sent[2].url, "https://em.example.com:9398/api/tasks/task-1");
  EXPECT_EQ(session.relative("https://localhost:9398/api"), "/");
  EXPECT_EQ(session.relative("https://localhost:9398/apiary/x"), "/apiary/x");
  EXPECT_EQ(session.relative("HTTPS://h:1/api/tasks/task-1"), "/tasks/task-1");
  transport.reply(204);
}

TEST_F(SessionTest, DestructorSwallowsLogoffFailures) {
  transport.logon();
  transport.fail(emgen::TransportError::Cause::refused);
  EXPECT_NO_THROW({
    Session session(transport, kBase, "admin", kPassword);
    session.logon();
  });
  EXPECT_EQ(transport.sent.size(), 2u);
}

TEST_F(SessionTest, ExplicitLogoffTreats401And404AsDoneAndReportsOthers) {
  transport.logon();
  transport.reply(401);
  Session session(transport, kBase, "admin", kPassword);
  session.logon();
  EXPECT_NO_THROW(session.logoff());
  EXPECT_FALSE(session.logged_on());

  transport.logon();
  transport.reply(500, "<Error Message=\"db down\" StatusCode=\"500\"/>");
  session.logon();
  const auto error = expect_throw<emgen::ServerError>([&] { session.logoff(); });
  EXPECT_STREQ(error.what(), "DELETE /logonSessions/15a3: 500 Internal Server Error: db down");
  EXPECT_FALSE(session.logged_on());
}

TEST_F(SessionTest, LogonWhileLoggedOnLogsOffTheOldSessionFirst) {
  transport.logon("first-token");
  transport.reply(204);
  transport.logon();
  Session session(transport, kBase, "admin", kPassword);
  session.logon();
  session.logon();
  ASSERT_EQ(transport.sent.size(), 3u);
  EXPECT_EQ(transport.sent[1].method, "DELETE");
  EXPECT_EQ(transport.sent[1].headers.find("X-RestSvcSessionId"), "first-token");
  transport.reply(204);
}

TEST_F(SessionTest, TransportErrorsPassThroughWithoutCredentials) {
  transport.logon();
  transport.fail(emgen::TransportError::Cause::timeout);
  Session session(transport, kBase, "admin", kPassword);
  session.logon();
  const auto error = expect_throw<emgen::TransportError>([&] { session.call("GET", "/query?type=BackupJobSession"); });
  EXPECT_EQ(error.cause(), emgen::TransportError::Cause::timeout);
  EXPECT_STREQ(error.what(), "GET https://em.example.com:9398/api/query: scripted");
  transport.reply(204);
}

}  // namespace
