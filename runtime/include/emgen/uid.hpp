#pragma once
// Uid: EM's resource identifiers, `urn:veeam:<Kind>:<Id>`.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace emgen {

/// `urn:veeam:BackupJobSession:d46e39e0-1131-4585-91a7-e828ce7eafae` is kind `BackupJobSession`,
/// id `d46e39e0-1131-4585-91a7-e828ce7eafae`.
struct Uid {
  std::string kind;
  std::string id;

  /// Accepts `urn:veeam:` (prefix compared case-insensitively, as URNs are), a non-empty kind without
  /// `:` and a non-empty id; returns nullopt for anything else.
  static std::optional<Uid> parse(std::string_view text);

  /// The wire form, `urn:veeam:<kind>:<id>`.
  std::string to_string() const;

  friend bool operator==(const Uid&, const Uid&) = default;
  friend auto operator<=>(const Uid&, const Uid&) = default;
};

}  // namespace emgen
