// Fault scenarios (tools/emgen-sim/src/scenario.hpp): the made-here file tests/sim/made_here/faults.yaml applied
// by the simulator over HTTP, and the located errors of files that do not read.

#include "scenario.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <emgen/sim/simulator.hpp>
#include <fstream>
#include <random>
#include <string>

#include "simulator_support.hpp"
#include "text/text.hpp"

namespace {

using emgen::sim::detail::parse_scenario;
using emgen::sim::detail::ScenarioError;
using emgen::sim::detail::ScenarioRule;

using emgen::test::logon_token;

emgen::sim::Options options_with(const std::filesystem::path& scenario) {
  return emgen::test::simulator_options([&](emgen::sim::Options& options) { options.scenario = scenario; });
}

TEST(Scenario, TheSimulatorAppliesEachRuleAsManyTimesAsItSays) {
  const auto simulator = emgen::test::start_simulator(options_with(EMGEN_MADE_HERE_DIR "/faults.yaml"));
  httplib::Client client("127.0.0.1", simulator->port());
  const std::string token = logon_token(client);
  ASSERT_FALSE(token.empty());
  const httplib::Headers xml = {{"X-RestSvcSessionId", token}};
  const httplib::Headers json = {{"X-RestSvcSessionId", token}, {"Accept", "application/json"}};

  // GET only: a POST to the sessions is not this rule's (it gets the simulator's own 400 for a bad action).
  auto post = client.Post("/api/backupSessions/nothing?action=none", xml, "", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_NE(post->status, 503);
  for (int i = 0; i < 2; ++i) {
    auto busy = client.Get("/api/backupSessions", i == 0 ? xml : json);
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->status, 503);
    EXPECT_EQ(busy->get_header_value("Retry-After"), "3");
    // EM's error body, in the format asked for.
    if (i == 0)
      EXPECT_NE(busy->body.find("<Error "), std::string::npos) << busy->body;
    else
      EXPECT_NE(busy->body.find("\"StatusCode\":503"), std::string::npos) << busy->body;
    EXPECT_NE(busy->body.find("The service is busy (scenario)."), std::string::npos) << busy->body;
  }
  auto sessions = client.Get("/api/backupSessions", xml);
  ASSERT_TRUE(sessions);
  EXPECT_EQ(sessions->status, 200);

  auto limited = client.Get("/api/query?type=BackupJobSession", xml);
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
  EXPECT_NE(limited->body.find("faults.yaml:12:5"), std::string::npos) << "the default message names the rule";
  auto query = client.Get("/api/query?type=BackupJobSession", xml);
  ASSERT_TRUE(query);
  EXPECT_EQ(query->status, 200);

  // Dropped mid-body: httplib sees the headers of a chunked answer and no body, which is an error.
  auto dropped = client.Get("/api/systemSessions", xml);
  EXPECT_FALSE(dropped && dropped->status == 200 && !dropped->body.empty());
  auto system = client.Get("/api/systemSessions", xml);
  ASSERT_TRUE(system);
  EXPECT_EQ(system->status, 200);

  // The valid token is rejected once, and stays rejected elsewhere too.
  auto rejected = client.Get("/api/reports/summary/overview", xml);
  ASSERT_TRUE(rejected);
  EXPECT_EQ(rejected->status, 401);
  auto after = client.Get("/api/backupSessions", xml);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
  const std::string again = logon_token(client);
  auto report = client.Get("/api/reports/summary/overview", httplib::Headers{{"X-RestSvcSessionId", again}});
  ASSERT_TRUE(report);
  EXPECT_EQ(report->status, 200);

  // The delay rule applies always and answers in full.
  for (int i = 0; i < 3; ++i) {
    auto slow = client.Get("/api/backupTaskSessions", httplib::Headers{{"X-RestSvcSessionId", again}});
    ASSERT_TRUE(slow);
    EXPECT_EQ(slow->status, 200);
    EXPECT_NE(slow->body.find("EntityReferences"), std::string::npos);
  }
  EXPECT_EQ(simulator->counters().injected_faults, 5);
}

TEST(Scenario, GlobsMatchTheWholePath) {
  using emgen::sim::detail::glob_matches;
  EXPECT_TRUE(glob_matches("/api/backupSessions*", "/api/backupSessions"));
  EXPECT_TRUE(glob_matches("/api/backupSessions*", "/api/backupSessions/1/taskSessions"));
  EXPECT_FALSE(glob_matches("/api/backupSessions", "/api/backupSessions/1"));
  EXPECT_TRUE(glob_matches("/api/*/taskSessions", "/api/backupSessions/1/taskSessions"));
  EXPECT_TRUE(glob_matches("/api/tasks/task-?", "/api/tasks/task-7"));
  EXPECT_FALSE(glob_matches("/api/tasks/task-?", "/api/tasks/task-17"));
  // Many stars against a long path that fails at its end: answered without trying every split.
  EXPECT_FALSE(glob_matches("/*a*a*a*a*a*a*a*a*b", "/" + std::string(100000, 'a')));
}

TEST(Scenario, RulesReadWithTheirDefaults) {
  const auto scenario =
      parse_scenario("rules:\n  - {path: /api/*, delay_ms: 5}\n  - {path: /x, status: 500, times: 3}\n", "inline.yaml");
  ASSERT_EQ(scenario.rules.size(), 2U);
  EXPECT_FALSE(scenario.rules[0].times.has_value());  // always
  EXPECT_EQ(scenario.rules[0].fault, ScenarioRule::Fault::none);
  EXPECT_EQ(scenario.rules[0].where, "inline.yaml:2:5");
  EXPECT_EQ(scenario.rules[1].times, 3);
  EXPECT_EQ(scenario.rules[1].status, 500);
}

TEST(Scenario, BadFilesSayWhereAndWhat) {
  struct Case {
    std::string text;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"", "bad.yaml:1:1: the file is empty"},
      {"rules: [\n", "bad.yaml:2:1: "},
      {"rule:\n  - {path: /api}\n", "bad.yaml:1:1: unknown key \"rule\""},
      {"rules:\n  - {path: /api, status: 200}\n", "bad.yaml:2:26: status must be a whole number from 400 to 599"},
      {"rules:\n  - {path: /api, status: 401}\n", "bad.yaml:2:26: status 401 is reject_token"},
      {"rules:\n  - path: /api\n    delay: 5\n", "bad.yaml:3:5: unknown key \"delay\""},
      {"rules:\n  - {method: GET, drop: true}\n", "bad.yaml:2:5: the rule has no path"},
      {"rules:\n  - {path: api, drop: true}\n", "bad.yaml:2:12: path must start with \"/\""},
      {"rules:\n  - {path: /a, method: get, drop: true}\n", "bad.yaml:2:24: method must be one of"},
      {"rules:\n  - {path: /a, times: 0, drop: true}\n", "bad.yaml:2:23: times (or always) must be"},
      {"rules:\n  - {path: /a, status: 500, drop: true}\n", "bad.yaml:2:29: drop and status cannot be given together"},
      {"rules:\n  - {path: /a, status: 500, retry_after: 5}\n",
       "bad.yaml:2:42: retry_after goes with status 429 or 503"},
      {"rules:\n  - {path: /a}\n", "bad.yaml:2:5: the rule does nothing"},
      {"rules:\n  - {path: /a, drop: yes}\n", "bad.yaml:2:22: drop must be true or false"},
      {"rules: 5\n", "bad.yaml:1:8: rules must be a list"},
  };
  for (const Case& c : cases) {
    try {
      parse_scenario(c.text, "bad.yaml");
      ADD_FAILURE() << c.text << ": no error";
    } catch (const ScenarioError& error) {
      EXPECT_EQ(std::string(error.what()).rfind(c.says, 0), 0U) << c.text << "\n  says: " << error.what();
    }
  }
}

// The made-here file with random bytes changed, removed or repeated (a fixed seed, so a failure repeats): each
// either reads or is a ScenarioError naming the file; never a crash or another exception.
TEST(Scenario, DamagedFilesReadOrFailWithAPlace) {
  const std::string original = *emgen::text::read_file(EMGEN_MADE_HERE_DIR "/faults.yaml");
  const std::string alphabet = "-:{}[], \n\"'#&*!|>?@`%abc0123456789";
  std::mt19937 random(20251019);
  int read = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = original;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text[at] = alphabet[random() % alphabet.size()];
          break;
        case 1:
          text.erase(at, 1 + random() % 8);
          break;
        default:
          text.insert(at, text.substr(at, 1 + random() % 8));
          break;
      }
    }
    try {
      parse_scenario(text, "damaged.yaml");
      ++read;
    } catch (const ScenarioError& error) {
      EXPECT_EQ(std::string(error.what()).rfind("damaged.yaml:", 0), 0U) << error.what();
    }
  }
  EXPECT_GT(read, 0);
}

TEST(Scenario, TheSimulatorRefusesToStartOnABadFile) {
  const std::filesystem::path file = std::filesystem::path(::testing::TempDir()) / "emgen-bad-scenario.yaml";
  {
    std::ofstream out(file);
    out << "rules:\n  - {path: /api, status: 700}\n";
  }
  emgen::sim::Simulator simulator(options_with(file));
  try {
    simulator.start();
    ADD_FAILURE() << "started";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()),
              file.string() + ":2:26: status must be a whole number from 400 to 599, not \"700\"");
  }
  std::filesystem::remove(file);
  emgen::sim::Simulator missing(options_with("/nonexistent/scenario.yaml"));
  EXPECT_THROW(missing.start(), ScenarioError);
}

}  // namespace
