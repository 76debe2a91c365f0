#pragma once
// Uid: EM's resource identifiers, URNs such as `urn:veeam:<Kind>:<Id>`.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace emgen {

/// `urn:veeam:BackupJobSession:d46e39e0-1131-4585-91a7-e828ce7eafae` is kind `BackupJobSession`, id
/// `d46e39e0-1131-4585-91a7-e828ce7eafae`. Most are Veeam's own (namespace `veeam`), but the API also hands
/// out other namespaces' URNs where the docs say UidType: a VM's `urn:VMware:Vm:<vCenter id>.vm-91826`.
struct Uid {
  std::string kind;
  std::string id;
  /// The URN namespace identifier: `veeam`, or another such as `VMware`.
  std::string nid = "veeam";

  /// Accepts `urn:<nid>:<kind>:<id>`: the `urn:` prefix in any case; a namespace identifier of letters,
  /// digits and hyphens (1 to 32, RFC 8141), `veeam` in any case written back as `veeam`; a non-empty kind
  /// without `:`; a non-empty id, which may hold colons. Returns nullopt for anything else.
  static std::optional<Uid> parse(std::string_view text);

  /// Whether it was never set: no valid Uid has an empty kind and id. A lenient read leaves a required Uid the
  /// document lacked so, and writers leave it out rather than write `urn:veeam::`, which no reader accepts.
  bool empty() const noexcept { return kind.empty() && id.empty(); }

  /// The wire form, `urn:<nid>:<kind>:<id>`.
  std::string to_string() const;

  friend bool operator==(const Uid&, const Uid&) = default;
  friend auto operator<=>(const Uid&, const Uid&) = default;
};

}  // namespace emgen
