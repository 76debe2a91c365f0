#pragma once
// `emgen diff`: what changed between two versions of the schemas, and what each change breaks. Compares two
// resolved models (precompile/) and the C++ names the C++ stage gives them (languages/cpp/), so that a change
// is judged by what users of the generated bindings see.
//
// Every change is judged three ways, as buf separates generated source from wire:
// - source: does C++ code written against the old bindings still compile against the new ones;
// - old payloads: do the new bindings still read what a server of the old version sends;
// - new payloads: do the old bindings read what a server of the new version sends.
// Payloads are judged as the bindings read them by default: leniently (an unknown element or member is skipped
// and reported), with open enums (an unlisted value is kept as text).

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "diff/rules.hpp"
#include "format/vocabulary.hpp"
#include "precompile/ir.hpp"

namespace emgen::gen::diff {

enum class Severity { error, warning, info };

/// `ERROR`, `WARNING`, `INFO`.
std::string to_string(Severity severity);

struct Change {
  /// id(rule) is stable: `FIELD_REMOVED`, `ENUM_VALUE_ADDED`... (rules.hpp, docs/schema-diff.md).
  Rule rule;
  Severity severity = Severity::info;
  /// What changed, in the new version's names where it has one: `BackupJobSession.FailureMessage`,
  /// `BackupJobSessionState.Idle`, `GET /backupSessions/{ID}`, `api.version`.
  std::string subject;
  /// One sentence for a reviewer.
  std::string message;
  bool breaks_source = false;
  bool breaks_old_payloads = false;
  bool breaks_new_payloads = false;
  /// Sets that import this one no longer generate (an API version change) until they follow or allow it.
  bool breaks_importers = false;
  std::optional<Location> old_at;
  std::optional<Location> new_at;
};

struct CompareOptions {
  /// Compare only the types and enums both versions have (two schema sets of different scope, such as the
  /// 2017 XSD's draft against today's schemas/): nothing is reported as added or removed.
  bool shared_only = false;
};

struct Comparison {
  /// Sorted by severity, then subject, then rule.
  std::vector<Change> changes;
  /// With shared_only: how many types and enums only one side has, left out.
  std::size_t left_out = 0;
};

Comparison compare(const ir::Model& old_model, const ir::Model& new_model, const CompareOptions& options);

/// What compare() does with every key of the schema language: the rules a change of it reports, or why a
/// change of it breaks nothing.
std::span<const format::vocabulary::KeyUse> compared_keys();

}  // namespace emgen::gen::diff
