#pragma once
// Fault scenarios: a YAML file of rules that make the simulator slow or failing on chosen paths, for trying a
// client's retries, timeouts and re-logons by hand (emgen-sim --scenario FILE) or from a test
// (Options::scenario). docs/guide/simulator-faults-and-recording.md describes the file.
//
//   rules:
//     - path: /api/backupSessions*   # a glob over the request's path (no query): * any text, ? one character
//       method: GET                  # optional: any method when left out
//       times: 2                     # optional: a count, or always (the default)
//       delay_ms: 1500               # optional: wait before answering
//       status: 503                  # optional: answer this 4xx or 5xx with EM's <Error> body ...
//       message: EM is busy          #   ... saying this
//       retry_after: 5               #   ... and Retry-After (429 and 503 only)
//     - path: /api/query
//       drop: true                   # send the status line and headers, then close the connection mid-body
//     - path: /api/reports/*
//       reject_token: true           # 401 for a token that was valid, which then stays invalid
//
// A request takes the first rule that matches its path and method and has times left.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emgen::sim::detail {

/// A scenario file that does not read: what() is `FILE:LINE:COL: message`.
class ScenarioError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ScenarioRule {
  enum class Fault { none, status, drop, reject_token };

  std::string path;
  /// Empty: any method.
  std::string method;
  /// nullopt: always.
  std::optional<int> times;
  std::chrono::milliseconds delay{0};
  Fault fault = Fault::none;
  int status = 0;
  std::string message;
  std::optional<int> retry_after_seconds;
  /// Where the rule starts in its file, `FILE:LINE:COL`, for messages.
  std::string where;
};

struct Scenario {
  std::vector<ScenarioRule> rules;
};

/// Reads a scenario file; ScenarioError names the file, line and column of the first problem.
Scenario load_scenario(const std::filesystem::path& file);
/// The same from text; name stands for the file in messages.
Scenario parse_scenario(std::string_view text, const std::string& name);

/// Whether path matches the glob pattern (`*` any text, `/` included; `?` one character). Linear in the two
/// lengths for patterns of one `*`, and at most their product otherwise.
bool glob_matches(std::string_view pattern, std::string_view path);

}  // namespace emgen::sim::detail
