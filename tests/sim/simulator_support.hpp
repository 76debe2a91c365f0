#pragma once
// Starting emgen-sim in a test: the options of a simulator that serves the documented payloads of schemas/examples
// (EMGEN_EXAMPLES_DIR, which each test target that includes this defines), a started one, and a logon through a
// bare httplib client.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "emgen/sim/simulator.hpp"

namespace emgen::test {

/// What a test changes in the options before the simulator starts.
using SimulatorTweak = std::function<void(emgen::sim::Options&)>;

/// The options of a simulator of the documented payloads (the default credentials emgen/emgen), then tweak's.
inline emgen::sim::Options simulator_options(const SimulatorTweak& tweak = {}) {
  emgen::sim::Options options;
  options.data_dir = EMGEN_EXAMPLES_DIR;
  if (tweak) tweak(options);
  return options;
}

/// A simulator of options, serving on a free port of 127.0.0.1.
inline std::unique_ptr<emgen::sim::Simulator> start_simulator(const emgen::sim::Options& options) {
  auto simulator = std::make_unique<emgen::sim::Simulator>(options);
  simulator->start();
  return simulator;
}

/// A simulator of simulator_options(tweak), serving on a free port of 127.0.0.1.
inline std::unique_ptr<emgen::sim::Simulator> start_simulator(const SimulatorTweak& tweak = {}) {
  return start_simulator(simulator_options(tweak));
}

/// Logs on through client (an httplib::Client to the simulator) and returns the token; on failure, a test failure
/// and an empty token. The credentials go with the logon request only.
template <class HttpClient>
std::string logon_token(HttpClient& client, const std::string& user = "emgen", const std::string& password = "emgen") {
  client.set_basic_auth(user, password);
  const auto result = client.Post("/api/sessionMngr/?v=latest", "", "text/plain");
  client.set_basic_auth("", "");
  EXPECT_TRUE(result) << "the logon got no answer";
  if (!result) return {};
  EXPECT_EQ(result->status, 201) << result->body;
  return result->get_header_value("X-RestSvcSessionId");
}

}  // namespace emgen::test
