#include "naming.hpp"

#include <algorithm>

namespace emgen::gen {

bool is_identifier(const std::string& name) {
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (name.empty() || !letter(name.front())) return false;
  for (const char c : name)
    if (!letter(c) && !(c >= '0' && c <= '9')) return false;
  return true;
}

std::string snake_case(const std::string& name) {
  std::string out;
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto is_lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (is_upper(c) && i > 0) {
      // A word starts at an upper-case letter after a lower-case one (JobUid), or at the last capital of an
      // acronym that a lower-case word follows (UTCTime → utc_time).
      const char prev = name[i - 1];
      const bool next_lower = i + 1 < name.size() && name[i + 1] >= 'a' && name[i + 1] <= 'z';
      if (is_lower_or_digit(prev) || (is_upper(prev) && next_lower)) out += '_';
    }
    if (c == '-' || c == '.')
      out += '_';
    else
      out += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

std::string json_camel_case(const std::string& name) {
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  std::string out = name;
  for (std::size_t i = 0; i < out.size() && is_upper(out[i]); ++i) {
    // In `VAppRestorePoints` the `A` begins the word `App` and keeps its capital; the first letter is always
    // lowered, even when it alone is a word.
    if (i > 0 && i + 1 < out.size() && !is_upper(out[i + 1])) break;
    out[i] = static_cast<char>(out[i] - 'A' + 'a');
  }
  return out;
}

bool is_xml_name(const std::string& name) {
  const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (name.empty() || !letter(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '.' || c == '-'; });
}

std::string pascal_words(const std::string& text) {
  std::string out;
  bool upper_next = true;
  for (const char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper_next = true;
      continue;
    }
    out += (upper_next && c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    upper_next = false;
  }
  return out;
}

std::string example_test_name(const std::string& path) { return pascal_words(path.substr(path.find_last_of('/') + 1)); }

std::string path_shape(const std::string& path) {
  std::string shape;
  bool in_braces = false;
  for (const char c : path) {
    if (c == '{') shape += "{}";
    if (c == '{' || c == '}')
      in_braces = c == '{';
    else if (!in_braces)
      shape += c;
  }
  return shape;
}

}  // namespace emgen::gen
