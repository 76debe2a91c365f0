#pragma once
// `emgen diff`'s report: the ignore file of accepted changes, and the four output formats.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diff/compare.hpp"

namespace emgen::gen::diff {

enum class Format { text, json, markdown, github };

/// One accepted change: the rule and subject it silences, and why (required).
struct Ignore {
  std::string rule;
  std::string subject;
  std::string reason;
  Location where;
};

/// Reads an ignore file (`ignore:` then a list of `{rule, subject, reason}`). Throws SchemaErrors, each at its
/// line, for anything else.
/// The code of every problem of an ignore file but its YAML syntax (`yaml-syntax`, as the loader's).
inline constexpr std::string_view kBadIgnoreFile = "bad-ignore-file";

std::vector<Ignore> load_ignores(const std::string& path);

struct Side {
  /// As given on the command line: `schemas`, `git:HEAD`.
  std::string label;
  std::string version;
  std::string build;
};

struct Report {
  Side old_side;
  Side new_side;
  /// What the ignore file did not silence, sorted as compare() sorts.
  std::vector<Change> changes;
  /// What it did, each with its reason.
  std::vector<std::pair<Change, std::string>> ignored;
  /// Ignore entries that matched nothing (stale), for a warning.
  std::vector<Ignore> unused_ignores;
  std::size_t left_out = 0;
};

/// Splits the comparison by the ignore entries (exact rule and subject).
Report make_report(Side old_side, Side new_side, Comparison comparison, const std::vector<Ignore>& ignores);

std::string render(const Report& report, Format format);

/// Whether the report fails at this threshold (none: never).
bool fails(const Report& report, std::optional<Severity> threshold);

}  // namespace emgen::gen::diff
