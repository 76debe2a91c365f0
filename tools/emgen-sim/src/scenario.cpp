#include "scenario.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <charconv>
#include <fstream>
#include <sstream>

namespace emgen::sim::detail {
namespace {

constexpr std::array<std::string_view, 9> kRuleKeys = {"path",    "method", "times",       "delay_ms",    "status",
                                                       "message", "drop",   "retry_after", "reject_token"};
constexpr std::array<std::string_view, 7> kMethods = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

class Reader {
 public:
  explicit Reader(std::string name) : name_(std::move(name)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    if (mark.line < 0) throw ScenarioError(name_ + ": " + message);
    throw ScenarioError(name_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": " +
                        message);
  }

  std::string where(const YAML::Node& node) const {
    return name_ + ":" + std::to_string(node.Mark().line + 1) + ":" + std::to_string(node.Mark().column + 1);
  }

  std::string scalar(const YAML::Node& node, std::string_view key) const {
    if (!node.IsScalar()) fail(node.Mark(), std::string(key) + " must be a single value");
    return node.Scalar();
  }

  int integer(const YAML::Node& node, std::string_view key, int low, int high) const {
    const std::string text = scalar(node, key);
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < low || value > high)
      fail(node.Mark(), std::string(key) + " must be a whole number from " + std::to_string(low) + " to " +
                            std::to_string(high) + ", not \"" + text + "\"");
    return value;
  }

  bool flag(const YAML::Node& node, std::string_view key) const {
    const std::string text = scalar(node, key);
    if (text == "true") return true;
    if (text == "false") return false;
    fail(node.Mark(), std::string(key) + " must be true or false, not \"" + text + "\"");
  }

  ScenarioRule rule(const YAML::Node& node) const {
    if (!node.IsMap()) fail(node.Mark(), "a rule must be a map with at least a path");
    ScenarioRule rule;
    rule.where = where(node);
    bool has_path = false;
    std::optional<YAML::Mark> retry_mark;
    std::vector<std::pair<std::string, YAML::Mark>> faults;
    for (const auto& entry : node) {
      const std::string key = scalar(entry.first, "a key");
      const YAML::Node& value = entry.second;
      if (key == "path") {
        rule.path = scalar(value, key);
        if (!rule.path.starts_with('/')) fail(value.Mark(), "path must start with \"/\", as /api/backupSessions*");
        has_path = true;
      } else if (key == "method") {
        rule.method = scalar(value, key);
        bool known = false;
        for (const std::string_view method : kMethods) known = known || rule.method == method;
        if (!known) fail(value.Mark(), "method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
      } else if (key == "times") {
        if (value.IsScalar() && value.Scalar() == "always")
          rule.times.reset();
        else
          rule.times = integer(value, "times (or always)", 1, 1000000000);
      } else if (key == "delay_ms") {
        rule.delay = std::chrono::milliseconds(integer(value, key, 0, 600000));
      } else if (key == "status") {
        rule.status = integer(value, key, 400, 599);
        if (rule.status == 401)
          fail(value.Mark(), "status 401 is reject_token: true, which also invalidates the token");
        rule.fault = ScenarioRule::Fault::status;
        faults.emplace_back(key, entry.first.Mark());
      } else if (key == "message") {
        rule.message = scalar(value, key);
      } else if (key == "retry_after") {
        rule.retry_after_seconds = integer(value, key, 0, 86400);
        retry_mark = value.Mark();
      } else if (key == "drop") {
        if (flag(value, key)) {
          rule.fault = ScenarioRule::Fault::drop;
          faults.emplace_back(key, entry.first.Mark());
        }
      } else if (key == "reject_token") {
        if (flag(value, key)) {
          rule.fault = ScenarioRule::Fault::reject_token;
          faults.emplace_back(key, entry.first.Mark());
        }
      } else {
        std::string known;
        for (const std::string_view k : kRuleKeys) known += (known.empty() ? "" : ", ") + std::string(k);
        fail(entry.first.Mark(), "unknown key \"" + key + "\" in a rule (known: " + known + ")");
      }
    }
    if (!has_path) fail(node.Mark(), "the rule has no path");
    if (faults.size() > 1)
      fail(faults[1].second,
           faults[1].first + " and " + faults[0].first + " cannot be given together: one fault a rule");
    if (retry_mark && rule.status != 429 && rule.status != 503)
      fail(*retry_mark, "retry_after goes with status 429 or 503");
    if (!rule.message.empty() && rule.fault != ScenarioRule::Fault::status &&
        rule.fault != ScenarioRule::Fault::reject_token)
      fail(node.Mark(), "message goes with status or reject_token");
    if (rule.fault == ScenarioRule::Fault::none && rule.delay.count() == 0)
      fail(node.Mark(), "the rule does nothing: give delay_ms, status, drop or reject_token");
    return rule;
  }

  Scenario scenario(const YAML::Node& root) const {
    if (!root.IsMap()) fail(root.Mark(), "a scenario file is a map with a rules: list");
    Scenario out;
    bool has_rules = false;
    for (const auto& entry : root) {
      const std::string key = scalar(entry.first, "a key");
      if (key != "rules") fail(entry.first.Mark(), "unknown key \"" + key + "\" (a scenario file has rules: only)");
      if (!entry.second.IsSequence()) fail(entry.second.Mark(), "rules must be a list of rules");
      has_rules = true;
      for (const YAML::Node& rule_node : entry.second) out.rules.push_back(rule(rule_node));
    }
    if (!has_rules) fail(root.Mark(), "the file has no rules:");
    return out;
  }

 private:
  std::string name_;
};

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& name) {
  const Reader reader(name);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& error) {
    reader.fail(error.mark, error.msg);
  }
  if (!root.IsDefined() || root.IsNull()) throw ScenarioError(name + ":1:1: the file is empty: give rules:");
  return reader.scenario(root);
}

Scenario load_scenario(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ScenarioError(file.string() + ": cannot read the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), file.string());
}

bool glob_matches(std::string_view pattern, std::string_view path) {
  // The usual two-pointer match: a mismatch after a `*` retries from the character after the one that `*` last
  // took, so nothing is tried twice from one star.
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == path[s])) {
      ++p;
      ++s;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_s = s;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace emgen::sim::detail
