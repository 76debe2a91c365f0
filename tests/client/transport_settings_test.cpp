// The transport settings of a production client, over real sockets against emgen-sim: an HTTP proxy (given,
// or from the environment when asked), the User-Agent, per-call timeouts, stops between attempts and pages,
// and a connection lost mid-answer.

#include <gtest/gtest.h>
#include <httplib.h>
#include <stdlib.h>  // setenv, unsetenv

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

constexpr const char* kUser = "monitor";
constexpr const char* kPassword = "Corr3ct-H0rse!";
// A name that resolves nowhere (RFC 2606): only a proxy can reach it.
constexpr const char* kUnreachableBase = "http://em.example.invalid:9398/api";

// An HTTP forward proxy on 127.0.0.1, made here for the tests: it records each request line's target and
// User-Agent, then sends the request on to the simulator, whatever host the target names.
class ForwardProxy {
 public:
  explicit ForwardProxy(std::uint16_t upstream_port) : upstream_port_(upstream_port) {
    const auto forward = [this](const httplib::Request& request, httplib::Response& response) {
      {
        std::lock_guard lock(mutex_);
        targets_.push_back(request.target);
        user_agents_.push_back(request.get_header_value("User-Agent"));
      }
      // An absolute-form target (`http://host:port/path?query`) names the origin; the path goes upstream.
      std::string path = request.target;
      if (const std::size_t scheme = path.find("://"); scheme != std::string::npos) {
        const std::size_t slash = path.find('/', scheme + 3);
        path = slash == std::string::npos ? "/" : path.substr(slash);
      }
      httplib::Client upstream("127.0.0.1", upstream_port_);
      httplib::Headers headers;
      for (const auto& [name, value] : request.headers)
        if (name != "Host" && name != "Proxy-Connection" && name != "Content-Length") headers.emplace(name, value);
      httplib::Request out;
      out.method = request.method;
      out.path = path;
      out.headers = headers;
      out.body = request.body;
      httplib::Response answer;
      httplib::Error error = httplib::Error::Success;
      if (!upstream.send(out, answer, error)) {
        response.status = 502;
        return;
      }
      response.status = answer.status;
      for (const auto& [name, value] : answer.headers)
        if (name != "Content-Length" && name != "Transfer-Encoding" && name != "Connection" && name != "Keep-Alive" &&
            name != "Content-Type")
          response.set_header(name, value);
      response.set_content(answer.body, answer.get_header_value("Content-Type").c_str());
    };
    server_.Get(".*", forward);
    server_.Post(".*", forward);
    server_.Delete(".*", forward);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~ForwardProxy() {
    server_.stop();
    thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<std::string> targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
  }
  std::vector<std::string> user_agents() const {
    std::lock_guard lock(mutex_);
    return user_agents_;
  }

 private:
  std::uint16_t upstream_port_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<std::string> targets_;
  std::vector<std::string> user_agents_;
};

class TransportSettings : public ::testing::Test {
 protected:
  void start(const std::string& advertised_base = {}) {
    sim = emgen::test::start_simulator([&](emgen::sim::Options& options) {
      options.user = kUser;
      options.password = kPassword;
      options.backup_sessions = 30;
      options.advertised_base = advertised_base;
    });
  }

  std::unique_ptr<emgen::sim::Simulator> sim;
};

TEST_F(TransportSettings, AProxyCarriesEveryRequestWithTheUserAgent) {
  start(kUnreachableBase);
  ForwardProxy proxy(sim->port());
  CurlOptions options;
  options.proxy = proxy.url();
  CurlTransport transport(options);
  {
    Session session(transport, kUnreachableBase, kUser, kPassword);
    const auto refs = emgen::read_as<veeam::em::EntityReferences>(session, session.call_ok("GET", "/backupSessions"));
    ASSERT_EQ(refs.ref.size(), 30u);
    // The Hrefs name the host only the proxy reaches; following one goes through it too.
    emgen::follow<veeam::em::BackupJobSession>(session, refs.ref.front().href + "?format=Entity");
  }
  const std::vector<std::string> targets = proxy.targets();
  ASSERT_EQ(targets.size(), 4u);  // logon, collection, entity, logoff
  for (const std::string& target : targets)
    EXPECT_TRUE(target.starts_with(std::string(kUnreachableBase) + "/")) << target;
  EXPECT_EQ(targets[0], std::string(kUnreachableBase) + "/sessionMngr/?v=latest");
  for (const std::string& agent : proxy.user_agents()) EXPECT_EQ(agent, "emgen/" EMGEN_VERSION);
  EXPECT_EQ(sim->counters().logons, 1);
  EXPECT_EQ(sim->counters().logoffs, 1);
}

TEST_F(TransportSettings, TheEnvironmentsProxyIsUsedOnlyWhenAskedFor) {
  start(kUnreachableBase);
  ForwardProxy proxy(sim->port());
  ASSERT_EQ(setenv("http_proxy", proxy.url().c_str(), 1), 0);
  {
    CurlTransport ignoring;  // proxy_from_environment is off by default
    Session session(ignoring, kUnreachableBase, kUser, kPassword);
    session.set_retry_policy(emgen::RetryPolicy::none());
    try {
      session.logon();
      ADD_FAILURE() << "reached " << kUnreachableBase << " without the proxy";
    } catch (const emgen::TransportError& error) {
      EXPECT_EQ(error.cause(), emgen::TransportError::Cause::resolve) << error.what();
    }
    EXPECT_TRUE(proxy.targets().empty());

    CurlOptions options;
    options.proxy_from_environment = true;
    CurlTransport following(options);
    Session proxied(following, kUnreachableBase, kUser, kPassword);
    proxied.logon();
    EXPECT_EQ(proxy.targets().size(), 1u);

    options.no_proxy = "em.example.invalid";
    CurlTransport excepting(options);
    Session direct(excepting, kUnreachableBase, kUser, kPassword);
    EXPECT_THROW(direct.logon(), emgen::TransportError);
    EXPECT_EQ(proxy.targets().size(), 1u);
  }
  unsetenv("http_proxy");
}

TEST_F(TransportSettings, AProxyThatIsNotThereIsATransportErrorWithoutItsPassword) {
  start();
  CurlOptions options;
  options.proxy = "http://proxyuser:Pr0xy-S3cret@127.0.0.1:1";  // nothing listens on port 1
  CurlTransport transport(options);
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.set_retry_policy(emgen::RetryPolicy::none());
  try {
    session.logon();
    ADD_FAILURE() << "reached the server through a proxy that is not there";
  } catch (const emgen::TransportError& error) {
    EXPECT_EQ(std::string(error.what()).find("Pr0xy-S3cret"), std::string::npos) << error.what();
    EXPECT_EQ(std::string(error.what()).find(kPassword), std::string::npos) << error.what();
  }
  EXPECT_EQ(sim->counters().requests, 0);
}

TEST_F(TransportSettings, APerCallTimeoutEndsASlowCall) {
  start();
  CurlTransport transport;
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.logon();
  sim->set_delay(std::chrono::milliseconds(1500));
  CallOptions options;
  options.timeout = std::chrono::milliseconds(200);
  options.retry = emgen::RetryPolicy::none();
  try {
    session.call("GET", "/backupSessions", {}, options);
    ADD_FAILURE() << "did not time out";
  } catch (const emgen::TransportError& error) {
    EXPECT_EQ(error.cause(), emgen::TransportError::Cause::timeout) << error.what();
  }
  sim->set_delay(std::chrono::milliseconds(0));
  // The next call has the transport's own limit again.
  EXPECT_EQ(session.call("GET", "/backupSessions").status, 200);
}

TEST_F(TransportSettings, AStopEndsTheWaitBeforeARetry) {
  start();
  CurlTransport transport;
  Session session(transport, sim->base_url(), kUser, kPassword);
  session.logon();
  sim->fail_path("/api/backupSessions", 1, 503, 20);  // Retry-After: 20 s, within the 30 s budget
  std::stop_source stop;
  CallOptions options;
  options.stop = stop.get_token();
  std::jthread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    stop.request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  try {
    session.call("GET", "/backupSessions", {}, options);
    ADD_FAILURE() << "was not stopped";
  } catch (const emgen::Cancelled& error) {
    EXPECT_STREQ(error.what(), ("GET " + sim->base_url() + "/backupSessions: cancelled").c_str());
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10)) << "waited for Retry-After";
  EXPECT_EQ(sim->counters().requests, 2) << "logon and the one attempt";
}

TEST_F(TransportSettings, AStopEndsAPageWalkBeforeTheNextPage) {
  start();
  CurlTransport transport;
  Session session(transport, sim->base_url(), kUser, kPassword);
  std::stop_source stop;
  CallOptions options;
  options.stop = stop.get_token();
  auto range = emgen::entities<veeam::em::BackupJobSession>(
      session, emgen::Query::of<veeam::em::BackupJobSession>().page_size(10), options);
  int read = 0;
  try {
    for (const auto& entity : range) {
      static_cast<void>(entity);
      if (++read == 3) stop.request_stop();
    }
    ADD_FAILURE() << "was not stopped";
  } catch (const emgen::Cancelled& error) {
    EXPECT_STREQ(error.what(), "query: cancelled before page 2");
  }
  EXPECT_EQ(read, 10) << "the page in hand is read to its end";
  EXPECT_EQ(range.pages(), 1);
}

TEST_F(TransportSettings, AConnectionLostMidAnswerIsRetriedOnlyWhenIdempotent) {
  start();
  CurlTransport transport;
  Session session(transport, sim->base_url(), kUser, kPassword);
  emgen::RetryPolicy quick;
  quick.initial_backoff = std::chrono::milliseconds(1);
  session.set_retry_policy(quick);
  session.logon();
  sim->drop_path("/api/backupSessions", 1);
  const emgen::Response response = session.call_ok("GET", "/backupSessions");
  EXPECT_EQ(response.earlier_attempts, std::vector<std::string>{"connection failed or reset"});
  EXPECT_EQ(transport.connections_opened(), 2u) << "the lost connection is replaced";

  const std::string id = sim->backup_sessions().front().uid->id;
  sim->drop_path("/api/backupSessions/", 1);
  try {
    session.call("POST", "/backupSessions/" + id + "?action=stop");
    ADD_FAILURE() << "a POST was sent again after its connection was lost";
  } catch (const emgen::TransportError& error) {
    EXPECT_EQ(error.cause(), emgen::TransportError::Cause::other) << error.what();
    EXPECT_EQ(std::string(error.what()).find("attempt"), std::string::npos) << error.what();
  }
}

}  // namespace
