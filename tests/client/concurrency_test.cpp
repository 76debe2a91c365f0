// One Session shared by threads, against emgen-sim over real sockets: get_all() over a pool of connections,
// a storm of 401s that logs on once, failures and cancellation while requests are in flight. These are the
// tests the ThreadSanitizer preset runs (label "concurrency").

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "../sim/simulator_support.hpp"
#include "emgen/client.hpp"
#include "emgen/http.hpp"
#include "emgen/session.hpp"
#include "emgen/sim/simulator.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/query_result.hpp"

namespace {

using emgen::CallOptions;
using emgen::CurlOptions;
using emgen::CurlTransport;
using emgen::Session;
using veeam::em::BackupJobSession;

constexpr const char* kUser = "monitor";
constexpr const char* kPassword = "Corr3ct-H0rse!";
constexpr int kSessions = 48;

class Concurrency : public ::testing::Test {
 protected:
  void SetUp() override {
    sim = emgen::test::start_simulator([](emgen::sim::Options& options) {
      options.user = kUser;
      options.password = kPassword;
      options.backup_sessions = kSessions;
    });
  }

  // The Hrefs of the simulator's backup sessions as its collection writes them (absolute), for the entity.
  std::vector<std::string> entity_hrefs(Session& session) {
    const auto refs = emgen::read_as<veeam::em::EntityReferences>(session, session.call_ok("GET", "/backupSessions"));
    std::vector<std::string> hrefs;
    for (const auto& ref : refs.ref) hrefs.push_back(ref.href + "?format=Entity");
    return hrefs;
  }

  static CurlOptions connections(std::size_t count) {
    CurlOptions options;
    options.max_connections = count;
    return options;
  }

  std::unique_ptr<emgen::sim::Simulator> sim;
};

TEST_F(Concurrency, GetAllReadsEveryHrefInOrderOverSeveralConnectionsWithOneLogon) {
  CurlTransport transport(connections(8));
  Session session(transport, sim->base_url(), kUser, kPassword);
  const std::vector<std::string> hrefs = entity_hrefs(session);
  ASSERT_EQ(hrefs.size(), static_cast<std::size_t>(kSessions));
  sim->set_delay(std::chrono::milliseconds(20));  // long enough that requests overlap

  const std::vector<BackupJobSession> sessions = emgen::get_all<BackupJobSession>(session, hrefs, 8);

  ASSERT_EQ(sessions.size(), hrefs.size());
  for (std::size_t i = 0; i < hrefs.size(); ++i)
    EXPECT_EQ(session.relative(sessions[i].href), session.relative(hrefs[i]))
        << "result " << i << " is not the answer to href " << i;
  const emgen::sim::Counters counters = sim->counters();
  EXPECT_EQ(counters.logons, 1);
  EXPECT_EQ(session.logons(), 1);
  EXPECT_GT(counters.max_in_flight, 1) << "the requests were sent one after the other";
  EXPECT_LE(counters.max_in_flight, 8) << "more requests at once than connections";
  EXPECT_LE(transport.connections_opened(), 8u);
  EXPECT_EQ(static_cast<std::size_t>(counters.connections), transport.connections_opened());
}

TEST_F(Concurrency, OneConnectionMeansOneRequestAtATime) {
  CurlTransport transport(connections(1));
  Session session(transport, sim->base_url(), kUser, kPassword);
  const std::vector<std::string> hrefs = entity_hrefs(session);
  sim->set_delay(std::chrono::milliseconds(5));
  const auto sessions = emgen::get_all<BackupJobSession>(session, hrefs, 8);
  EXPECT_EQ(sessions.size(), hrefs.size());
  EXPECT_EQ(sim->counters().max_in_flight, 1);
  EXPECT_EQ(transport.connections_opened(), 1u);
}

TEST_F(Concurrency, AStormOf401sLogsOnOnce) {
  // Declared before the Session: its destructor's logoff reports to the handler, which uses them.
  std::mutex events_mutex;
  std::vector<emgen::SessionEvent::Kind> events;
  CurlTransport transport(connections(8));
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.on_session_event([&](const emgen::SessionEvent& event) {
    std::lock_guard lock(events_mutex);
    events.push_back(event.kind);
  });
  const std::vector<std::string> hrefs = entity_hrefs(session);
  sim->set_delay(std::chrono::milliseconds(20));
  sim->expire_tokens();  // as after EM's 15 idle minutes: every request in flight is answered 401

  const auto sessions = emgen::get_all<BackupJobSession>(session, hrefs, 8);

  EXPECT_EQ(sessions.size(), hrefs.size());
  const emgen::sim::Counters counters = sim->counters();
  EXPECT_EQ(counters.logons, 2) << "the first logon and one re-logon";
  EXPECT_EQ(session.logons(), 2);
  EXPECT_GT(counters.rejected_tokens, 1) << "the 401s did not come together; the test proves nothing";
  std::lock_guard lock(events_mutex);
  EXPECT_EQ(std::count(events.begin(), events.end(), emgen::SessionEvent::Kind::relogon), 1);
}

TEST_F(Concurrency, ThreadsSharingASessionLogOnOnce) {
  CurlTransport transport(connections(4));
  Session session(transport, sim->base_url(), kUser, kPassword);
  sim->set_delay(std::chrono::milliseconds(10));
  std::atomic<int> read{0};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t)
      threads.emplace_back([&] {
        for (const auto& entity :
             emgen::entities<BackupJobSession>(session, emgen::Query::of<BackupJobSession>().page_size(16))) {
          if (!entity.href.empty()) ++read;
        }
      });
  }
  EXPECT_EQ(read.load(), 4 * kSessions);
  EXPECT_EQ(sim->counters().logons, 1);
}

TEST_F(Concurrency, ThreadsThatEnsureALogonTogetherShareOne) {
  // What write_as() does before writing a JSON body: several threads at once, none logged on yet.
  CurlTransport transport(connections(8));
  Session session(transport, sim->base_url(), kUser, kPassword, emgen::Format::json);
  sim->set_delay(std::chrono::milliseconds(20));
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t) threads.emplace_back([&] { session.ensure_logged_on(); });
  }
  EXPECT_EQ(sim->counters().logons, 1);
  EXPECT_EQ(sim->counters().logoffs, 0) << "a thread's logon logged another's off";
  EXPECT_TRUE(session.logged_on());
  EXPECT_EQ(session.json_style(), emgen::JsonStyle::pascal);
}

TEST_F(Concurrency, ZeroConnectionsOrConcurrencyMeanOneAndNoHrefsMeanNoRequest) {
  CurlTransport transport(connections(0));
  EXPECT_EQ(transport.options().max_connections, 1u);
  Session session(transport, sim->base_url(), kUser, kPassword);
  EXPECT_TRUE(emgen::get_all<BackupJobSession>(session, {}, 8).empty());
  EXPECT_EQ(sim->counters().requests, 0);
  const std::vector<std::string> hrefs = entity_hrefs(session);
  const auto sessions = emgen::get_all<BackupJobSession>(session, hrefs, 0);
  EXPECT_EQ(sessions.size(), hrefs.size());
  EXPECT_EQ(sim->counters().max_in_flight, 1);
}

TEST_F(Concurrency, GetAllThrowsTheFirstFailureInTheOrderOfHrefs) {
  CurlTransport transport(connections(4));
  Session session(transport, sim->base_url(), kUser, kPassword);
  std::vector<std::string> hrefs = entity_hrefs(session);
  hrefs[5] = "/backupSessions/no-such-session-5?format=Entity";
  hrefs[9] = "/backupSessions/no-such-session-9?format=Entity";
  try {
    emgen::get_all<BackupJobSession>(session, hrefs, 4);
    FAIL() << "did not throw";
  } catch (const emgen::NotFound& error) {
    EXPECT_NE(std::string(error.what()).find("no-such-session-5"), std::string::npos) << error.what();
  }
  // Items after the failure are not all started: the run stops taking new ones.
  EXPECT_LT(sim->counters().requests, 1 + 1 + kSessions) << "every href was requested after the failure";
}

TEST_F(Concurrency, AStopEndsGetAllWhileRequestsAreInFlight) {
  CurlTransport transport(connections(4));
  Session session(transport, sim->base_url(), kUser, kPassword);
  const std::vector<std::string> hrefs = entity_hrefs(session);
  sim->set_delay(std::chrono::milliseconds(2000));
  std::stop_source stop;
  CallOptions options;
  options.stop = stop.get_token();
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop.request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(emgen::get_all<BackupJobSession>(session, hrefs, 4, options), emgen::Cancelled);
  // Without the stop, 48 requests of 2 s over 4 connections take 24 s; the transport notices a stop within
  // about a second.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  sim->set_delay(std::chrono::milliseconds(0));
  EXPECT_LE(sim->counters().requests, 1 + 1 + 4 + 4) << "requests were started after the stop";
}

}  // namespace
