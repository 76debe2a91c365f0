// The client stack (CurlTransport, Session, typed errors) against emgen-sim on 127.0.0.1 over real sockets,
// over HTTP and HTTPS. The simulator's counters and request log prove what went over the wire.
//
// Every test collects the what() of each exception it sees; at its end, none may contain a token the
// simulator handed out, the password or the Basic credentials.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>
#include <veeam/em/backup_job_session.hpp>
#include <veeam/em/enterprise_manager.hpp>
#include <veeam/em/entity_references.hpp>
#include <veeam/em/logon_session.hpp>
#include <veeam/em/query_result.hpp>
#include <veeam/em/system_session.hpp>
#include <veeam/em/task.hpp>

#include "../sim/simulator_support.hpp"
#include "emgen/client.hpp"
#include "emgen/session.hpp"
#include "emgen/sim/simulator.hpp"

namespace {

using emgen::CurlOptions;
using emgen::CurlTransport;
using emgen::Format;
using emgen::Response;
using emgen::Session;
using emgen::TransportError;
using veeam::em::LinkRel;

emgen::Request get(std::string url, emgen::Headers headers = {}) {
  emgen::Request request;
  request.method = "GET";
  request.url = std::move(url);
  request.headers = std::move(headers);
  return request;
}

constexpr const char* kUser = "monitor";
constexpr const char* kPassword = "Corr3ct-H0rse!";
constexpr int kSessions = 40;

class ClientTest : public ::testing::Test {
 protected:
  void start(bool tls, const emgen::test::SimulatorTweak& tweak = {}) {
    sim = emgen::test::start_simulator([&](emgen::sim::Options& options) {
      options.tls = tls;
      options.user = kUser;
      options.password = kPassword;
      options.backup_sessions = kSessions;
      if (tweak) tweak(options);
    });
  }

  // Options under which the client trusts the simulator's certificate.
  CurlOptions trusting() const {
    CurlOptions options;
    if (!sim->cert_file().empty()) options.ca_file = sim->cert_file().string();
    return options;
  }

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
    if (!sim) return;
    std::vector<std::string> secrets = sim->issued_tokens();
    secrets.emplace_back(kPassword);
    secrets.push_back(emgen::base64_encode(std::string(kUser) + ":" + kPassword));
    for (const std::string& message : messages)
      for (const std::string& secret : secrets)
        EXPECT_EQ(message.find(secret), std::string::npos) << "\"" << message << "\" contains a credential";
  }

  std::unique_ptr<emgen::sim::Simulator> sim;
  std::vector<std::string> messages;
};

// The tests that read the same over HTTP and HTTPS.
class BothSchemes : public ClientTest, public ::testing::WithParamInterface<bool> {
 protected:
  void SetUp() override { start(GetParam()); }
};

INSTANTIATE_TEST_SUITE_P(Schemes, BothSchemes, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "https" : "http"; });

TEST_P(BothSchemes, LogonSendsTheTokenAndDestructionLogsOff) {
  {
    CurlTransport transport(trusting());
    Session session(transport, sim->base_url(), kUser, kPassword);
    session.logon();
    EXPECT_EQ(sim->counters().logons, 1);
    EXPECT_EQ(sim->counters().active_sessions, 1);
    const Response response = session.call_ok("GET", "/backupSessions");
    EXPECT_EQ(veeam::em::EntityReferences::from_xml(response.body).ref.size(), static_cast<std::size_t>(kSessions));
    EXPECT_EQ(sim->counters().authorized_requests, 1);
    const auto logon = veeam::em::LogonSession::from_xml(session.logon_body());
    EXPECT_EQ(session.logoff_path(), "/logonSessions/" + logon.session_id);
    EXPECT_EQ(logon.user_name, kUser);
  }
  const emgen::sim::Counters counters = sim->counters();
  EXPECT_EQ(counters.logoffs, 1);
  EXPECT_EQ(counters.active_sessions, 0);
  EXPECT_EQ(counters.rejected_tokens, 0);
  const auto requests = sim->requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/sessionMngr/?v=latest");
  EXPECT_EQ(requests[0].status, 201);
  EXPECT_TRUE(requests[1].valid_token);
  EXPECT_EQ(requests[2].method, "DELETE");
  EXPECT_TRUE(requests[2].target.starts_with("/api/logonSessions/"));
  EXPECT_EQ(requests[2].status, 204);
}

TEST_P(BothSchemes, FirstCallLogsOnByItself) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  EXPECT_EQ(session.call("GET", "/systemSessions").status, 200);
  EXPECT_EQ(sim->counters().logons, 1);
}

TEST_P(BothSchemes, EnterpriseManagerNeedsNoLogon) {
  CurlTransport transport(trusting());
  const Response response = transport.send(get(sim->base_url() + "/"));
  ASSERT_EQ(response.status, 200);
  const auto manager = veeam::em::EnterpriseManager::from_xml(response.body);
  ASSERT_FALSE(manager.links.empty());
  EXPECT_EQ(manager.supported_versions.size(), 3u);
  const auto create = std::find_if(manager.links.begin(), manager.links.end(),
                                   [](const auto& link) { return link.rel == LinkRel::Create; });
  ASSERT_NE(create, manager.links.end());
  EXPECT_EQ(create->href, sim->base_url() + "/sessionMngr/?v=latest");
  EXPECT_EQ(sim->counters().logons, 0);
}

TEST_P(BothSchemes, BadPasswordIsUnauthorizedWithTheParsedError) {
  CurlTransport transport(trusting());
  {
    Session session(transport, sim->base_url(), kUser, "wrong password");
    const auto error = expect_throw<emgen::Unauthorized>([&] { session.logon(); });
    EXPECT_EQ(error.status(), 401);
    ASSERT_TRUE(error.details());
    EXPECT_EQ(error.details()->status_code, 401);
    EXPECT_EQ(error.details()->message, "Authentication failed: the user name or password is incorrect.");
    EXPECT_STREQ(error.what(),
                 "POST /sessionMngr/?v=latest: 401 Unauthorized: Authentication failed: the user name or password is "
                 "incorrect.");
    EXPECT_EQ(std::string(error.what()).find("wrong password"), std::string::npos);
  }
  EXPECT_EQ(sim->counters().failed_logons, 1);
  EXPECT_EQ(sim->counters().logoffs, 0);
}

TEST_P(BothSchemes, ExpiredTokenGivesExactlyOneReLogonThenSuccess) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.logon();
  sim->expire_tokens();
  const Response response = session.call("GET", "/backupSessions");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(session.logons(), 2);
  const emgen::sim::Counters counters = sim->counters();
  EXPECT_EQ(counters.logons, 2);
  EXPECT_EQ(counters.rejected_tokens, 1);
  EXPECT_EQ(counters.authorized_requests, 1);
  EXPECT_EQ(sim->issued_tokens().size(), 2u);
  // Later calls use the new token without another logon.
  EXPECT_EQ(session.call("GET", "/systemSessions").status, 200);
  EXPECT_EQ(sim->counters().logons, 2);
}

TEST_P(BothSchemes, ReLogonThatFailsThrowsUnauthorized) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.logon();
  sim->fail_next_with_error(401, "Session expired");
  sim->fail_next_with_error(401, "Logon refused");
  const auto error = expect_throw<emgen::Unauthorized>([&] { session.call("GET", "/backupSessions"); });
  EXPECT_STREQ(error.what(), "POST /sessionMngr/?v=latest: 401 Unauthorized: Logon refused");
}

TEST_P(BothSchemes, EachErrorStatusItsTypeWithTheErrorBodyParsed) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.set_retry_policy(emgen::RetryPolicy::none());  // the first answer is the one to type
  session.logon();
  const auto check = [&](int status, const std::string& message, auto tag) {
    using Expected = decltype(tag);
    sim->fail_next_with_error(status, message);
    const auto error = expect_throw<Expected>([&] { session.call_ok("GET", "/backupSessions"); });
    EXPECT_EQ(error.status(), status);
    ASSERT_TRUE(error.details()) << status;
    EXPECT_EQ(error.details()->message, message);
    EXPECT_EQ(error.details()->status_code, status);
    EXPECT_EQ(std::string(error.what()), "GET /backupSessions: " + std::to_string(status) + " " +
                                             std::string(emgen::reason_phrase(status)) + ": " + message);
  };
  check(400, "The request body is malformed.", emgen::BadRequest(0, "", "", ""));
  check(403, "The user has no role for this.", emgen::Forbidden(0, "", "", ""));
  check(404, "No such session.", emgen::NotFound(0, "", "", ""));
  check(405, "Method is not allowed.", emgen::MethodNotAllowed(0, "", "", ""));
  check(500, "Internal error.", emgen::ServerError(0, "", "", ""));
  check(503, "Maintenance.", emgen::ServerError(0, "", "", ""));
  check(409, "Conflict.", emgen::UnexpectedStatus(0, "", "", ""));
  EXPECT_EQ(sim->counters().injected_faults, 7);
  EXPECT_EQ(sim->counters().logons, 1);
}

TEST_P(BothSchemes, TransientFailuresAreRetriedWithOneLogon) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  emgen::RetryPolicy policy;
  policy.initial_backoff = std::chrono::milliseconds(1);
  session.set_retry_policy(policy);
  sim->fail_path("/api/backupSessions", 2, 503, 0);
  const emgen::Response response = session.call_ok("GET", "/backupSessions");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.earlier_attempts,
            (std::vector<std::string>{"503 Service Unavailable", "503 Service Unavailable"}));
  sim->fail_path("/api/systemSessions", 1, 429, 1);  // Retry-After: 1 s
  EXPECT_EQ(session.call_ok("GET", "/systemSessions").earlier_attempts,
            std::vector<std::string>{"429 Too Many Requests"});
  EXPECT_EQ(sim->counters().injected_faults, 3);
  EXPECT_EQ(sim->counters().logons, 1);
  // A POST is not retried: the stop would otherwise be sent twice.
  sim->fail_path("/api/backupSessions/", 1, 503, 0);
  const std::string id = sim->backup_sessions().front().uid->id;
  expect_throw<emgen::ServerError>([&] { session.call_ok("POST", "/backupSessions/" + id + "?action=stop"); });
  EXPECT_EQ(sim->counters().tasks_created, 0);
}

TEST_P(BothSchemes, RealNotFoundBadRequestAndMethodNotAllowed) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  const auto not_found =
      expect_throw<emgen::NotFound>([&] { session.call_ok("GET", "/backupSessions/no-such-id?format=Entity"); });
  EXPECT_STREQ(not_found.what(),
               "GET /backupSessions/no-such-id?format=Entity: 404 Not Found: Backup job session no-such-id was not "
               "found.");
  // A field BackupJobSession does not have, named with its column.
  const auto bad = expect_throw<emgen::BadRequest>(
      [&] { session.call_ok("GET", "/query?type=BackupJobSession&filter=Progres%3E%3D5"); });
  ASSERT_TRUE(bad.details());
  const std::string message = bad.details()->message.value_or("");
  EXPECT_EQ(message.rfind("Query: column ", 0), 0u) << message;
  EXPECT_NE(message.find("Progres"), std::string::npos) << message;
  expect_throw<emgen::MethodNotAllowed>([&] { session.call_ok("DELETE", "/backupSessions"); });
  expect_throw<emgen::NotFound>([&] { session.call_ok("GET", "/tasks/task-99"); });
}

TEST_P(BothSchemes, NonXmlErrorBodyKeepsTheStatusAndTheBody) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.set_retry_policy(emgen::RetryPolicy::none());
  session.logon();
  const std::string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
  sim->fail_next(502, html, "text/html");
  const auto gateway = expect_throw<emgen::ServerError>([&] { session.call_ok("GET", "/systemSessions"); });
  EXPECT_FALSE(gateway.details());
  EXPECT_EQ(gateway.body(), html);
  EXPECT_STREQ(gateway.what(), "GET /systemSessions: 502 Bad Gateway");

  sim->fail_next(500, "Object reference not set to an instance of an object.", "text/plain");
  const auto plain = expect_throw<emgen::ServerError>([&] { session.call_ok("GET", "/systemSessions"); });
  EXPECT_FALSE(plain.details());
  EXPECT_EQ(plain.body(), "Object reference not set to an instance of an object.");

  sim->fail_next(400, "<Error Message=\"cut sh", "application/xml");
  const auto truncated = expect_throw<emgen::BadRequest>([&] { session.call_ok("GET", "/systemSessions"); });
  EXPECT_FALSE(truncated.details());

  sim->fail_next(404, "", "application/xml");
  const auto empty = expect_throw<emgen::NotFound>([&] { session.call_ok("GET", "/systemSessions"); });
  EXPECT_FALSE(empty.details());
  EXPECT_EQ(empty.body(), "");
  // The session is still good afterwards.
  EXPECT_EQ(session.call("GET", "/systemSessions").status, 200);
}

TEST_P(BothSchemes, JsonSessionReadsJsonPayloadsAndJsonErrors) {
  {
    CurlTransport transport(trusting());
    Session session(transport, sim->base_url(), kUser, kPassword, Format::json);
    session.logon();
    const auto logon = veeam::em::LogonSession::from_json(session.logon_body());
    EXPECT_EQ(session.logoff_path(), "/logonSessions/" + logon.session_id);

    const auto refs = veeam::em::EntityReferences::from_json(session.call_ok("GET", "/backupSessions").body);
    ASSERT_EQ(refs.ref.size(), static_cast<std::size_t>(kSessions));
    // The oldest session is a generated one (the documented ones come first).
    const auto entity =
        veeam::em::BackupJobSession::from_json(session.call_ok("GET", refs.ref.back().href + "?format=Entity").body);
    EXPECT_EQ(entity.uid, refs.ref.back().uid);
    EXPECT_TRUE(entity.job_name.ends_with("(made by the simulator)"));

    const auto error = expect_throw<emgen::NotFound>([&] { session.call_ok("GET", "/systemSessions/nope"); });
    ASSERT_TRUE(error.details());
    EXPECT_EQ(error.details()->message, "System session nope was not found.");
    EXPECT_TRUE(error.body().starts_with("{"));
  }
  EXPECT_EQ(sim->counters().logoffs, 1);
  for (const auto& request : sim->requests()) EXPECT_TRUE(request.json) << request.target;
}

TEST_F(ClientTest, AnUnusedTokenExpiresAfterTheIdleTimeoutOnTheSimulatorsClock) {
  // Ten simulated minutes pass in half a real second: a token unused for a real second has expired, one used
  // right away has not.
  start(false, [](emgen::sim::Options& options) {
    options.speed = 1200;
    options.idle_timeout = std::chrono::minutes(10);
  });
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.logon();
  EXPECT_EQ(session.call("GET", "/systemSessions").status, 200);
  EXPECT_EQ(sim->counters().rejected_tokens, 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_EQ(session.call("GET", "/systemSessions").status, 200);
  EXPECT_EQ(sim->counters().rejected_tokens, 1);
  EXPECT_EQ(session.logons(), 2);
  EXPECT_EQ(sim->counters().logons, 2);
}

TEST_F(ClientTest, CamelCaseJsonServerAsEm13IsReadWithAllItsValues) {
  // The simulator answers as EM 13.x does: JSON member names in camelCase.
  start(false, [](emgen::sim::Options& options) { options.json_style = emgen::JsonStyle::camel; });
  {
    CurlTransport transport(trusting());
    Session session(transport, sim->base_url(), kUser, kPassword, Format::json);
    EXPECT_EQ(session.json_style(), std::nullopt);
    session.logon();
    EXPECT_EQ(session.json_style(), emgen::JsonStyle::camel);
    ASSERT_TRUE(session.logon_body().starts_with(R"({"href")")) << session.logon_body().substr(0, 80);
    // The logoff link is found in the camelCase logon answer, so the session is closed on the server.
    const auto logon = veeam::em::LogonSession::from_json(session.logon_body(), emgen::ReadMode::strict);
    EXPECT_EQ(session.logoff_path(), "/logonSessions/" + logon.session_id);

    const std::string body = session.call_ok("GET", "/query?type=BackupJobSession&format=Entities").body;
    ASSERT_TRUE(body.starts_with(R"({"refs")")) << body.substr(0, 80);
    emgen::ReadWarnings warnings;
    const auto result = veeam::em::QueryResult::from_json(body, warnings);
    // Nothing skipped; running sessions carry Result "None", which no table lists: kept, and said so.
    for (const emgen::ReadWarning& warning : warnings)
      EXPECT_TRUE(warning.message.starts_with(R"(kept "None", which is not a SessionResult value)"))
          << warning.to_string();
    ASSERT_TRUE(result.entities);
    ASSERT_EQ(result.entities->backup_job_sessions.size(), static_cast<std::size_t>(kSessions));
    EXPECT_EQ(result.entities->backup_job_sessions[0], sim->backup_sessions()[0]);

    // Through the session's handler, what a read skipped or kept reaches the caller of any read_as().
    std::vector<std::string> handled;
    session.on_read_warning([&](const emgen::ReadWarning& warning) { handled.push_back(warning.message); });
    const auto page = emgen::read_as<veeam::em::QueryResult>(
        session, session.call_ok("GET", "/query?type=BackupJobSession&format=Entities"));
    EXPECT_EQ(page, result);
    EXPECT_EQ(handled.size(), warnings.size());

    // Error bodies are camelCase too, and their message is still found.
    const auto error = expect_throw<emgen::NotFound>([&] { session.call_ok("GET", "/systemSessions/nope"); });
    ASSERT_TRUE(error.details());
    EXPECT_EQ(error.details()->message, "System session nope was not found.");
    EXPECT_TRUE(error.body().starts_with(R"({"message")")) << error.body();
  }
  EXPECT_EQ(sim->counters().logoffs, 1);
  EXPECT_EQ(sim->counters().active_sessions, 0);
}

TEST_P(BothSchemes, ReferenceAndEntityFormsOfBackupAndSystemSessions) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  const auto expected = sim->backup_sessions();
  const std::string id = expected[5].uid->id;

  const auto ref = veeam::em::EntityRef::from_xml(session.call_ok("GET", "/backupSessions/" + id).body);
  EXPECT_EQ(ref.type, "BackupJobSessionReference");
  EXPECT_EQ(ref.name, expected[5].name);
  const auto alternate =
      std::find_if(ref.links.begin(), ref.links.end(), [](const auto& link) { return link.rel == LinkRel::Alternate; });
  ASSERT_NE(alternate, ref.links.end());
  const auto entity = veeam::em::BackupJobSession::from_xml(session.call_ok("GET", alternate->href).body);
  EXPECT_EQ(entity, expected[5]);

  const auto systems = veeam::em::SystemSessions::from_xml(session.call_ok("GET", "/systemSessions").body);
  ASSERT_EQ(systems.sessions.size(), 2u);
  const std::string system_id = systems.sessions[1].uid->id;
  const auto system_ref = veeam::em::EntityRef::from_xml(session.call_ok("GET", "/systemSessions/" + system_id).body);
  EXPECT_EQ(system_ref.type, "SystemSessionReference");
  const auto system = veeam::em::SystemSession::from_xml(
      session.call_ok("GET", "/systemSessions/" + system_id + "?format=Entity").body);
  EXPECT_EQ(system, systems.sessions[1]);
}

// Follows Next links from page 1 and returns every session, checking each page's PagingInfo on the way.
std::vector<veeam::em::BackupJobSession> all_pages(Session& session, const std::string& first, int page_size) {
  std::vector<veeam::em::BackupJobSession> found;
  std::string next = first;
  int page = 1;
  while (!next.empty()) {
    const Response response = session.call_ok("GET", next);
    const auto result = veeam::em::QueryResult::from_xml(response.body);
    EXPECT_TRUE(result.paging_info);
    if (!result.paging_info) break;
    EXPECT_EQ(result.paging_info->page_num, page);
    EXPECT_EQ(result.paging_info->page_size, page_size);
    // Hrefs come XML-escaped on the wire and unescaped from the reader.
    if (result.paging_info->links.size() > 1) {
      EXPECT_NE(response.body.find("&amp;pageSize="), std::string::npos);
    }
    next.clear();
    for (const auto& link : result.paging_info->links) {
      EXPECT_EQ(link.href.find("&amp;"), std::string::npos);
      if (link.rel == LinkRel::Next) next = link.href;
    }
    if (result.entities)
      found.insert(found.end(), result.entities->backup_job_sessions.begin(),
                   result.entities->backup_job_sessions.end());
    ++page;
    if (page > 100) break;
  }
  return found;
}

TEST_P(BothSchemes, QueryPagesThroughTheWholeSetByNextLinks) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  const auto found = all_pages(session, "/query?type=BackupJobSession&format=Entities&pageSize=7&page=1", 7);
  ASSERT_EQ(found.size(), static_cast<std::size_t>(kSessions));
  std::set<std::string> ids;
  for (const auto& each : found) ids.insert(each.uid->id);
  EXPECT_EQ(ids.size(), found.size());
  EXPECT_EQ(found, sim->backup_sessions());

  const auto last = veeam::em::QueryResult::from_xml(
      session.call_ok("GET", "/query?type=BackupJobSession&format=Refs&pageSize=7&page=6").body);
  ASSERT_TRUE(last.paging_info);
  EXPECT_EQ(last.paging_info->pages_count, 6);
  EXPECT_EQ(last.refs.size(), 5u);
  std::vector<std::string> rels;
  for (const auto& link : last.paging_info->links) rels.emplace_back(link.rel.text());
  EXPECT_EQ(rels, (std::vector<std::string>{"First", "Previous", "Last"}));
}

TEST_P(BothSchemes, QueryFiltersAndSorts) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  const auto all = sim->backup_sessions();
  const auto count = [&](auto predicate) { return std::count_if(all.begin(), all.end(), predicate); };
  const auto failed_expected = count([](const auto& s) { return s.result == veeam::em::SessionResult::Failed; });
  const auto working_expected =
      count([](const auto& s) { return s.state == veeam::em::BackupJobSessionState::Working; });
  ASSERT_GT(failed_expected, 0);
  ASSERT_GT(working_expected, 0);

  const auto failed =
      all_pages(session, "/query?type=BackupJobSession&format=Entities&filter=Result%3D%3DFailed&pageSize=3&page=1", 3);
  EXPECT_EQ(static_cast<long>(failed.size()), failed_expected);
  for (const auto& each : failed) EXPECT_EQ(each.result, veeam::em::SessionResult::Failed);

  const auto working = all_pages(
      session, "/query?type=BackupJobSession&format=Entities&filter=State%3D%3DWorking;JobType%3D%3DBackup&pageSize=2",
      2);
  EXPECT_LE(static_cast<long>(working.size()), working_expected);
  EXPECT_GT(working.size(), 0u);
  for (const auto& each : working) {
    EXPECT_EQ(each.state, veeam::em::BackupJobSessionState::Working);
    EXPECT_FALSE(each.result.is_listed());  // EM's "None" while running
    EXPECT_FALSE(each.end_time_utc);
  }

  const auto ascending =
      all_pages(session, "/query?type=BackupJobSession&format=Entities&sortAsc=CreationTime&pageSize=100", 100);
  ASSERT_EQ(ascending.size(), all.size());
  EXPECT_TRUE(std::is_sorted(ascending.begin(), ascending.end(),
                             [](const auto& a, const auto& b) { return a.creation_time_utc < b.creation_time_utc; }));
  // Without pageSize, everything comes on one page and there is no PagingInfo.
  const auto unpaged = veeam::em::QueryResult::from_xml(session.call_ok("GET", "/query?type=BackupJobSession").body);
  EXPECT_FALSE(unpaged.paging_info);
  EXPECT_EQ(unpaged.refs.size(), all.size());
}

TEST_P(BothSchemes, StopASessionThenPollTheTaskUntilFinishedAndDeleteIt) {
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  const auto all = sim->backup_sessions();
  const auto working = std::find_if(all.begin(), all.end(),
                                    [](const auto& s) { return s.state == veeam::em::BackupJobSessionState::Working; });
  ASSERT_NE(working, all.end());
  const auto stop = std::find_if(working->links.begin(), working->links.end(),
                                 [](const auto& link) { return link.rel == LinkRel::Stop; });
  ASSERT_NE(stop, working->links.end());

  const Response accepted = session.call_ok("POST", stop->href);
  EXPECT_EQ(accepted.status, 202);
  auto task = veeam::em::Task::from_xml(accepted.body);
  EXPECT_EQ(task.state, veeam::em::TaskState::Running);
  EXPECT_EQ(task.operation, "StopJobSession");
  int polls = 0;
  while (task.state != veeam::em::TaskState::Finished && polls < 10) {
    task = veeam::em::Task::from_xml(session.call_ok("GET", task.href).body);
    ++polls;
  }
  EXPECT_EQ(polls, 3);  // Running for task_running_polls (2) polls, then Finished
  ASSERT_TRUE(task.result);
  EXPECT_TRUE(task.result->success);
  EXPECT_EQ(session.call_ok("DELETE", task.links.at(0).href).status, 204);
  expect_throw<emgen::NotFound>([&] { session.call_ok("GET", task.href); });

  const auto stopped = veeam::em::BackupJobSession::from_xml(session.call_ok("GET", working->href).body);
  EXPECT_EQ(stopped.state, veeam::em::BackupJobSessionState::Stopped);
  EXPECT_TRUE(stopped.end_time_utc);

  // Stopping a session that is not running gives a task that finishes unsuccessfully.
  auto again = veeam::em::Task::from_xml(session.call_ok("POST", stop->href).body);
  for (int i = 0; i < 3; ++i) again = veeam::em::Task::from_xml(session.call_ok("GET", again.href).body);
  EXPECT_EQ(again.state, veeam::em::TaskState::Finished);
  ASSERT_TRUE(again.result);
  EXPECT_FALSE(again.result->success);
}

TEST_P(BothSchemes, FiftyRequestsReuseOneConnection) {
  CurlTransport transport(trusting());
  {
    Session session(transport, sim->base_url(), kUser, kPassword);
    for (int i = 0; i < 50; ++i)
      EXPECT_EQ(session.call("GET", i % 2 ? "/systemSessions" : "/backupSessions").status, 200);
  }
  EXPECT_EQ(transport.connections_opened(), 1u);
  EXPECT_EQ(sim->counters().requests, 52);  // logon, 50 calls, logoff
  EXPECT_EQ(sim->counters().logoffs, 1);
}

TEST_P(BothSchemes, TimeoutWhenTheServerIsSlowerThanTheTotalTimeout) {
  CurlOptions options = trusting();
  options.total_timeout = std::chrono::milliseconds(300);
  CurlTransport transport(options);
  sim->set_delay(std::chrono::milliseconds(3000));
  const auto started = std::chrono::steady_clock::now();
  const auto error = expect_throw<TransportError>([&] {
    transport.send(get(sim->base_url() + "/?secret=s3", {{"X-RestSvcSessionId", "hdr-value"}}));
  });
  EXPECT_EQ(error.cause(), TransportError::Cause::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(2500));
  const std::string what = error.what();
  EXPECT_TRUE(what.starts_with("GET " + sim->base_url() + "/: ")) << what;
  EXPECT_EQ(what.find("s3"), std::string::npos) << what;
  EXPECT_EQ(what.find("hdr-value"), std::string::npos) << what;
  sim->set_delay(std::chrono::milliseconds(0));
}

TEST_P(BothSchemes, LowerCaseTokenHeaderAndForeignHrefsStillWork) {
  sim->stop();
  start(GetParam(), [](emgen::sim::Options& options) {
    options.token_header = "x-restsvcsessionid";
    options.advertised_base = "https://em01.example.invalid:9398/api";
  });
  {
    CurlTransport transport(trusting());
    Session session(transport, sim->base_url(), kUser, kPassword);
    session.logon();
    EXPECT_TRUE(session.logoff_path().starts_with("/logonSessions/"));
    const auto refs = veeam::em::EntityReferences::from_xml(session.call_ok("GET", "/backupSessions").body);
    ASSERT_FALSE(refs.ref.empty());
    EXPECT_TRUE(refs.ref[0].href.starts_with("https://em01.example.invalid:9398/api/backupSessions/"));
    EXPECT_EQ(session.call("GET", refs.ref[0].href).status, 200);
  }
  EXPECT_EQ(sim->counters().logoffs, 1);
  EXPECT_EQ(sim->counters().rejected_tokens, 0);
}

// HTTPS only: certificate handling.
class Tls : public ClientTest {
 protected:
  void SetUp() override { start(true); }
};

TEST_F(Tls, SelfSignedCertificateFailsVerificationByDefault) {
  CurlTransport transport;  // default options: verify against the system's CAs
  Session session(transport, sim->base_url(), kUser, kPassword);
  const auto error = expect_throw<TransportError>([&] { session.logon(); });
  EXPECT_EQ(error.cause(), TransportError::Cause::tls);
  EXPECT_NE(std::string(error.what()).find("POST " + sim->base_url() + "/sessionMngr/: "), std::string::npos)
      << error.what();
  EXPECT_EQ(std::string(error.what()).find("latest"), std::string::npos) << error.what();
  EXPECT_EQ(sim->counters().logons, 0);
}

TEST_F(Tls, CaFileWithTheSimulatorsCertificateIsTrusted) {
  CurlOptions options;
  options.ca_file = sim->cert_file().string();
  CurlTransport transport(options);
  Session session(transport, sim->base_url(), kUser, kPassword);
  EXPECT_NO_THROW(session.logon());
  EXPECT_EQ(sim->counters().logons, 1);
}

TEST_F(Tls, InsecureSkipVerifyIsAnExplicitOptIn) {
  CurlOptions options;
  options.insecure_skip_verify = true;
  CurlTransport transport(options);
  Session session(transport, sim->base_url(), kUser, kPassword);
  EXPECT_NO_THROW(session.logon());
  EXPECT_EQ(sim->counters().logons, 1);
}

TEST_F(Tls, CertificateIsForTheLoopbackAddressNotForOtherNames) {
  CurlOptions options;
  options.ca_file = sim->cert_file().string();
  CurlTransport transport(options);
  // Same server and trusted CA, but "localhost" is not in the certificate (only IP:127.0.0.1).
  std::string url = sim->base_url();
  url.replace(url.find("127.0.0.1"), 9, "localhost");
  const auto error = expect_throw<TransportError>([&] { transport.send(get(url + "/")); });
  EXPECT_TRUE(error.cause() == TransportError::Cause::tls || error.cause() == TransportError::Cause::refused)
      << error.what();
}

TEST_F(Tls, MissingCaFileIsATlsError) {
  CurlOptions options;
  options.ca_file = "/nonexistent/emgen/ca.pem";
  CurlTransport transport(options);
  const auto error = expect_throw<TransportError>([&] { transport.send(get(sim->base_url() + "/")); });
  EXPECT_EQ(error.cause(), TransportError::Cause::tls);
}

TEST_F(Tls, TheCertificateFileGoesAwayWithTheSimulator) {
  const std::filesystem::path cert = sim->cert_file();
  EXPECT_TRUE(std::filesystem::exists(cert));
  sim->stop();
  EXPECT_FALSE(std::filesystem::exists(cert));
}

// A port on 127.0.0.1 that nothing listens on: bound to find a free one, then closed.
std::uint16_t closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error("no free port");
  ::close(fd);
  return ntohs(address.sin_port);
}

class Network : public ClientTest {};

TEST_F(Network, ClosedPortIsRefused) {
  start(false);  // only for the credential check at the end
  CurlTransport transport;
  const std::string base = "http://127.0.0.1:" + std::to_string(closed_port()) + "/api";
  Session session(transport, base, kUser, kPassword);
  const auto error = expect_throw<TransportError>([&] { session.logon(); });
  EXPECT_EQ(error.cause(), TransportError::Cause::refused);
  EXPECT_TRUE(std::string(error.what()).starts_with("POST " + base + "/sessionMngr/: ")) << error.what();
}

TEST_F(Network, ServerGoneMidSessionThenDestructorStillDoesNotThrow) {
  start(false);
  CurlTransport transport;
  {
    Session session(transport, sim->base_url(), kUser, kPassword);
    session.set_retry_policy(emgen::RetryPolicy::none());
    session.logon();
    sim->stop();
    const auto error = expect_throw<TransportError>([&] { session.call("GET", "/backupSessions"); });
    EXPECT_NE(error.cause(), TransportError::Cause::tls);
  }  // the logoff fails and is swallowed
  EXPECT_EQ(sim->counters().logoffs, 0);
}

TEST_F(Network, NoCredentialInAnyMessageOfAWholeErrorTour) {
  // One session through every kind of failure; TearDown checks every message against every token issued.
  start(true);
  CurlTransport transport(trusting());
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.set_retry_policy(emgen::RetryPolicy::none());  // each failure's first answer is the message
  // What the logging hooks see is checked like the messages.
  session.on_request([&](const emgen::RequestEvent& event) {
    messages.push_back(event.method + " " + event.path + " " + std::to_string(event.status));
  });
  session.on_session_event([&](const emgen::SessionEvent& event) {
    messages.push_back(std::string(emgen::to_string(event.kind)) + " " + std::to_string(event.status));
  });
  session.logon();
  for (const int status : {400, 401, 403, 404, 405, 500, 501, 503, 418}) {
    sim->fail_next_with_error(status, "failure " + std::to_string(status));
    if (status == 401) sim->fail_next_with_error(401, "and the re-logon too");
    try {
      session.call_ok("GET", "/query?type=BackupJobSession&format=Entities");
    } catch (const std::exception& error) {
      messages.emplace_back(error.what());
    }
  }
  sim->expire_tokens();
  EXPECT_EQ(session.call("GET", "/backupSessions").status, 200);
  sim->set_delay(std::chrono::milliseconds(2000));
  CurlOptions impatient = trusting();
  impatient.total_timeout = std::chrono::milliseconds(200);
  CurlTransport slow(impatient);
  Session slow_session(slow, sim->base_url(), kUser, kPassword);
  expect_throw<TransportError>([&] { slow_session.logon(); });
  sim->set_delay(std::chrono::milliseconds(0));
  CurlTransport untrusting;
  Session untrusted(untrusting, sim->base_url(), kUser, kPassword);
  expect_throw<TransportError>([&] { untrusted.call("GET", "/backupSessions"); });
  EXPECT_GE(sim->issued_tokens().size(), 2u);
  EXPECT_GE(messages.size(), 30u);
}

}  // namespace
