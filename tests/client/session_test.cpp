// emgen::Session against a scripted Transport: what it sends, how it treats each answer, and that neither
// the password nor the token reaches a message. The same flows over real sockets are in sim_test.cpp.

#include "emgen/session.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <functional>

#include "emgen/client.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/query_result.hpp"

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
    replies.push_back([=](const Request&) {
      Response response;
      response.status = status;
      response.headers = headers;
      response.body = body;
      return response;
    });
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
  transport.logon(
      kToken, "X-RestSvcSessionId",
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

// A logon answer without its required SessionId still reads leniently: the warning handler hears of it, without
// the body being quoted, and logoff() uses the Href the answer gave.
TEST_F(SessionTest, LogonAnswerWithoutItsSessionIdIsAWarning) {
  transport.logon(
      kToken, "X-RestSvcSessionId",
      "<LogonSession Href=\"https://h/api/logonSessions/secret-id\"><UserName>admin</UserName></LogonSession>");
  std::vector<emgen::ReadWarning> warnings;
  {
    Session session(transport, kBase, "admin", kPassword);
    session.on_read_warning([&](const emgen::ReadWarning& warning) { warnings.push_back(warning); });
    session.logon();
    EXPECT_TRUE(session.logged_on());
    EXPECT_EQ(session.logoff_path(), "/logonSessions/secret-id");
    EXPECT_EQ(session.read_warnings().documents, 1u);
    transport.reply(204);
  }
  EXPECT_EQ(transport.sent.size(), 2u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].path, "/LogonSession");
  EXPECT_EQ(warnings[0].message, "missing required element <SessionId>, read as its default");
  EXPECT_EQ(warnings[0].to_string().find("secret-id"), std::string::npos);
}

// An answer that is another document altogether still leaves the token usable; logoff() then only forgets it.
TEST_F(SessionTest, LogonAnswerThatIsNoLogonSessionIsAWarning) {
  transport.logon(kToken, "X-RestSvcSessionId", "<Error Message=\"secret-id\"/>");
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
  EXPECT_EQ(warnings[0].path, "/Error");
  EXPECT_NE(warnings[0].message.find("not a LogonSession"), std::string::npos) << warnings[0].message;
  EXPECT_EQ(warnings[0].to_string().find("secret-id"), std::string::npos);
}

// Without a handler, the session still counts what its lenient reads let through.
TEST_F(SessionTest, ReadWarningsAreCountedWithoutAHandler) {
  transport.logon();
  transport.reply(200,
                  "<EntityReferences xmlns=\"http://www.veeam.com/ent/v1.0\"><Ref Href=\"h\" Name=\"a\" Future=\"1\"/>"
                  "<Next/><Ref Href=\"h2\"/></EntityReferences>");
  transport.reply(200,
                  "<EntityReferences xmlns=\"http://www.veeam.com/ent/v1.0\"><Ref Href=\"h\"/></EntityReferences>");
  Session session(transport, kBase, "admin", kPassword);
  const auto first = emgen::follow<veeam::em::EntityReferences>(session, "/backupSessions");
  EXPECT_EQ(first.ref.size(), 2u);
  EXPECT_EQ(session.read_warnings().documents, 1u);
  EXPECT_EQ(session.read_warnings().warnings, 2u);  // the attribute Future and the element Next
  emgen::follow<veeam::em::EntityReferences>(session, "/backupSessions");
  EXPECT_EQ(session.read_warnings().documents, 1u);
  EXPECT_EQ(session.read_warnings().warnings, 2u);
  transport.reply(204);
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
  session.set_retry_policy(emgen::RetryPolicy::none());
  session.logon();
  const auto error = expect_throw<emgen::TransportError>([&] { session.call("GET", "/query?type=BackupJobSession"); });
  EXPECT_EQ(error.cause(), emgen::TransportError::Cause::timeout);
  EXPECT_STREQ(error.what(), "GET https://em.example.com:9398/api/query: scripted");
  transport.reply(204);
}

// --- Retries --------------------------------------------------------------------------------------------------

// Waits are exact (the ceiling) and short, so that the tests neither depend on chance nor take time.
emgen::RetryPolicy quick_policy(int attempts = 4) {
  emgen::RetryPolicy policy;
  policy.max_attempts = attempts;
  policy.initial_backoff = std::chrono::milliseconds(1);
  policy.max_backoff = std::chrono::milliseconds(4);
  policy.jitter = [](std::chrono::milliseconds ceiling) { return ceiling; };
  return policy;
}

TEST(RetryRules, WhatIsWorthAnotherAttempt) {
  EXPECT_EQ(emgen::retryable_status(503), "503 Service Unavailable");
  EXPECT_EQ(emgen::retryable_status(429), "429 Too Many Requests");
  EXPECT_TRUE(emgen::retryable_status(502));
  EXPECT_TRUE(emgen::retryable_status(504));
  for (const int status : {200, 201, 400, 401, 403, 404, 405, 409, 500, 501})
    EXPECT_FALSE(emgen::retryable_status(status)) << status;
  using Cause = emgen::TransportError::Cause;
  EXPECT_EQ(emgen::retryable_failure(emgen::TransportError(Cause::refused, "x")), "connection refused");
  EXPECT_EQ(emgen::retryable_failure(emgen::TransportError(Cause::timeout, "x")), "timeout");
  EXPECT_TRUE(emgen::retryable_failure(emgen::TransportError(Cause::other, "x")));
  EXPECT_FALSE(emgen::retryable_failure(emgen::TransportError(Cause::tls, "x")));
  EXPECT_FALSE(emgen::retryable_failure(emgen::TransportError(Cause::resolve, "x")));
  for (const char* method : {"GET", "HEAD", "DELETE"}) EXPECT_TRUE(emgen::is_idempotent_method(method)) << method;
  for (const char* method : {"POST", "PUT", "get"}) EXPECT_FALSE(emgen::is_idempotent_method(method)) << method;
}

TEST(RetryRules, RetryAfterInSecondsOrAsAnHttpDate) {
  const auto at = [](const char* value) {
    Response response;
    response.status = 503;
    response.headers.set("Retry-After", value);
    return response;
  };
  using std::chrono::milliseconds;
  EXPECT_EQ(emgen::retry_after(at("120")), milliseconds(120000));
  EXPECT_EQ(emgen::retry_after(at(" 0 ")), milliseconds(0));
  // Anything longer than a day is a day (which no retry budget allows): a wait of years, or of more seconds than
  // a 64-bit number holds, is not a number to sleep on.
  const milliseconds day = std::chrono::hours(24);
  EXPECT_EQ(emgen::retry_after(at("86400")), day);
  EXPECT_EQ(emgen::retry_after(at("86401")), day);
  EXPECT_EQ(emgen::retry_after(at("99999999999999999999999")), day);
  // An HTTP date counts from now; one in the past means at once.
  const auto now = std::chrono::sys_days(std::chrono::year_month_day(std::chrono::year(2026), std::chrono::month(12),
                                                                     std::chrono::day(1))) +
                   std::chrono::hours(8) + std::chrono::minutes(49);
  EXPECT_EQ(emgen::retry_after(at("Tue, 01 Dec 2026 08:49:37 GMT"), now), milliseconds(37000));
  EXPECT_EQ(emgen::retry_after(at("Tue, 01 Dec 2026 08:00:00 GMT"), now), milliseconds(0));
  EXPECT_EQ(emgen::retry_after(at("Fri, 01 Dec 2028 08:49:00 GMT"), now), day);
  for (const char* garbage :
       {"", "soon", "-5", "1.5", "Tue, 01 Dec 2026 08:49:37 CET", "Tue, 32 Dec 2026 08:49:37 GMT"})
    EXPECT_FALSE(emgen::retry_after(at(garbage), now)) << garbage;
  EXPECT_FALSE(emgen::retry_after(Response{}));
}

TEST(RetryRules, BackoffDoublesUpToItsCeiling) {
  emgen::RetryPolicy policy;  // 250 ms, x2, at most 8 s
  using std::chrono::milliseconds;
  EXPECT_EQ(emgen::backoff_ceiling(policy, 1), milliseconds(250));
  EXPECT_EQ(emgen::backoff_ceiling(policy, 2), milliseconds(500));
  EXPECT_EQ(emgen::backoff_ceiling(policy, 3), milliseconds(1000));
  EXPECT_EQ(emgen::backoff_ceiling(policy, 10), milliseconds(8000));
  EXPECT_EQ(emgen::backoff_ceiling(policy, 1000), milliseconds(8000));
}

TEST_F(SessionTest, AGetIsRetriedOn503And429UntilItSucceeds) {
  transport.logon();
  transport.reply(503, "<Error Message=\"Busy\" StatusCode=\"503\"/>");
  transport.reply(429, "", {{"Retry-After", "0"}});
  transport.reply(200, "<EntityReferences/>");
  std::vector<emgen::RequestEvent> events;  // before the session: its destructor's logoff is an event too
  Session session(transport, kBase, "admin", kPassword);
  session.set_retry_policy(quick_policy());
  session.on_request([&](const emgen::RequestEvent& event) { events.push_back(event); });
  const Response response = session.call_ok("GET", "/backupSessions");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.earlier_attempts, (std::vector<std::string>{"503 Service Unavailable", "429 Too Many Requests"}));
  EXPECT_EQ(session.logons(), 1);
  ASSERT_EQ(events.size(), 4u);  // the logon, then three attempts
  EXPECT_EQ(events[0].path, "/sessionMngr/?v=latest");
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(events[static_cast<std::size_t>(i)].attempt, i);
    EXPECT_EQ(events[static_cast<std::size_t>(i)].path, "/backupSessions");
  }
  EXPECT_EQ(events[1].status, 503);
  EXPECT_EQ(events[3].status, 200);
  EXPECT_EQ(events[3].bytes_received, std::string("<EntityReferences/>").size());
  transport.reply(204);
}

TEST_F(SessionTest, ThePostThatIsNotIdempotentIsSentOnce) {
  transport.logon();
  transport.reply(503);
  Session session(transport, kBase, "admin", kPassword);
  session.set_retry_policy(quick_policy());
  const auto error =
      expect_throw<emgen::ServerError>([&] { session.call_ok("POST", "/backupSessions/1?action=stop"); });
  EXPECT_STREQ(error.what(), "POST /backupSessions/1?action=stop: 503 Service Unavailable");
  EXPECT_TRUE(error.earlier_attempts().empty());
  EXPECT_EQ(transport.sent.size(), 2u);
  // Marked idempotent, it is retried.
  transport.reply(503);
  transport.reply(202, "<Task/>");
  emgen::CallOptions idempotent;
  idempotent.idempotent = true;
  EXPECT_EQ(session.call_ok("POST", "/backupSessions/1?action=stop", {}, idempotent).status, 202);
  EXPECT_EQ(transport.sent.size(), 4u);
  transport.reply(204);
}

TEST_F(SessionTest, OtherErrorsAreNotRetried) {
  Session session(transport, kBase, "admin", kPassword);
  session.set_retry_policy(quick_policy());
  transport.logon();
  for (const int status : {400, 403, 404, 405, 500}) {
    transport.reply(status);
    EXPECT_EQ(session.call("GET", "/backupSessions").status, status);
  }
  EXPECT_EQ(transport.sent.size(), 6u);
  transport.fail(emgen::TransportError::Cause::tls);
  const auto error = expect_throw<emgen::TransportError>([&] { session.call("GET", "/backupSessions"); });
  EXPECT_EQ(error.cause(), emgen::TransportError::Cause::tls);
  EXPECT_EQ(transport.sent.size(), 7u);
  transport.reply(204);
}

TEST_F(SessionTest, ExhaustedAttemptsSayHowManyAndWhyEachFailed) {
  transport.logon();
  transport.fail(emgen::TransportError::Cause::refused);
  transport.reply(502);
  transport.reply(503, "<Error Message=\"Maintenance.\" StatusCode=\"503\"/>");
  Session session(transport, kBase, "admin", kPassword);
  session.set_retry_policy(quick_policy(3));
  const auto error = expect_throw<emgen::ServerError>([&] { session.call_ok("GET", "/repositories"); });
  EXPECT_STREQ(error.what(),
               "GET /repositories: 503 Service Unavailable: Maintenance. (attempt 3; earlier attempts: connection "
               "refused; 502 Bad Gateway)");
  EXPECT_EQ(error.earlier_attempts().size(), 2u);

  transport.fail(emgen::TransportError::Cause::timeout);
  transport.fail(emgen::TransportError::Cause::timeout);
  transport.fail(emgen::TransportError::Cause::timeout);
  const auto failure = expect_throw<emgen::TransportError>([&] { session.call("GET", "/repositories"); });
  EXPECT_EQ(failure.cause(), emgen::TransportError::Cause::timeout);
  EXPECT_STREQ(failure.what(),
               "GET https://em.example.com:9398/api/repositories: scripted (attempt 3; earlier attempts: timeout; "
               "timeout)");
  transport.reply(204);
}

TEST_F(SessionTest, TheTimeBudgetEndsTheRetries) {
  transport.logon();
  transport.reply(503, "", {{"Retry-After", "3600"}});  // an hour: past any budget
  Session session(transport, kBase, "admin", kPassword);
  emgen::RetryPolicy policy = quick_policy();
  policy.budget = std::chrono::milliseconds(2000);
  session.set_retry_policy(policy);
  EXPECT_EQ(session.call("GET", "/backupSessions").status, 503);
  EXPECT_EQ(transport.sent.size(), 2u);
  // Per call, a policy of its own: none.
  transport.reply(503);
  emgen::CallOptions once;
  once.retry = emgen::RetryPolicy::none();
  EXPECT_EQ(session.call("GET", "/backupSessions", {}, once).status, 503);
  EXPECT_EQ(transport.sent.size(), 3u);
  transport.reply(204);
}

TEST_F(SessionTest, ALogonAnswered503IsRetriedAndTheHooksSeeNoSecret) {
  transport.reply(503);
  transport.logon();
  transport.reply(200, "<EntityReferences/>");
  std::vector<emgen::SessionEvent> logons;
  std::vector<std::string> seen;
  {
    Session session(transport, kBase, "admin", kPassword);
    session.set_retry_policy(quick_policy());
    session.on_session_event([&](const emgen::SessionEvent& event) { logons.push_back(event); });
    session.on_request([&](const emgen::RequestEvent& event) {
      seen.push_back(event.method + " " + event.path + " " + std::to_string(event.status));
    });
    EXPECT_EQ(session.call("GET", "/backupSessions").status, 200);
    transport.reply(204);
  }
  ASSERT_EQ(logons.size(), 3u);  // refused logon, logon, logoff
  EXPECT_EQ(logons[0].status, 503);
  EXPECT_EQ(logons[1].status, 201);
  EXPECT_EQ(logons[2].kind, emgen::SessionEvent::Kind::logoff);
  EXPECT_EQ(seen, (std::vector<std::string>{"POST /sessionMngr/?v=latest 503", "POST /sessionMngr/?v=latest 201",
                                            "GET /backupSessions 200", "DELETE /logonSessions/15a3 204"}));
  messages.insert(messages.end(), seen.begin(), seen.end());  // checked for credentials in TearDown
}

// --- Pages ----------------------------------------------------------------------------------------------------

std::string query_page(int number, int next) {
  return "<QueryResult xmlns=\"http://www.veeam.com/ent/v1.0\"><PagingInfo PageNum=\"" + std::to_string(number) +
         "\" PageSize=\"1\" PagesCount=\"2\"><Links><Link Rel=\"Next\" Href=\"https://em.local:9398/api/query?" +
         "type=BackupJobSession&amp;pageSize=1&amp;page=" + std::to_string(next) +
         "\"/></Links></PagingInfo></QueryResult>";
}

TEST_F(SessionTest, QueryPagesStopAtANextLinkBackToAPageAlreadyRead) {
  transport.logon();
  transport.reply(200, query_page(1, 2));
  transport.reply(200, query_page(2, 1));  // a server whose last page links to the first
  Session session(transport, kBase, "admin", kPassword);
  std::vector<std::string> warnings;
  session.on_read_warning([&](const emgen::ReadWarning& warning) { warnings.push_back(warning.message); });
  emgen::QueryPages pages(session, "/query?type=BackupJobSession&pageSize=1&page=1");
  veeam::em::QueryResult page;
  std::vector<int> read;
  while (pages.next(page)) read.push_back(page.paging_info.value().page_num);
  EXPECT_EQ(read, (std::vector<int>{1, 2}));
  EXPECT_EQ(pages.pages(), 2);
  EXPECT_EQ(transport.sent.size(), 3u);  // the logon and two pages: the loop is not followed
  EXPECT_EQ(transport.sent[2].url,
            "https://em.example.com:9398/api/query?type=BackupJobSession&pageSize=1&page=2");  // re-based
  EXPECT_EQ(warnings, std::vector<std::string>{"query: page 2 links back to page 1 as Next; stopped"});
  transport.reply(204);
}

}  // namespace
