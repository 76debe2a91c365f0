#include "emgen/uid.hpp"

namespace emgen {
namespace {

constexpr std::string_view kScheme = "urn:";
constexpr std::string_view kVeeam = "veeam";
constexpr std::size_t kMaxNidLength = 32;

char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view text, std::string_view lower) noexcept {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i)
    if (ascii_lower(text[i]) != lower[i]) return false;
  return true;
}

// RFC 8141: letters, digits and hyphens, starting with a letter or digit, at most 32 of them.
bool is_nid(std::string_view nid) noexcept {
  if (nid.empty() || nid.size() > kMaxNidLength || nid.front() == '-') return false;
  for (const char c : nid) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) return false;
  }
  return true;
}

}  // namespace

std::optional<Uid> Uid::parse(std::string_view text) {
  if (text.size() < kScheme.size() || !equals_ignoring_case(text.substr(0, kScheme.size()), kScheme))
    return std::nullopt;
  std::string_view rest = text.substr(kScheme.size());
  const std::size_t nid_end = rest.find(':');
  if (nid_end == std::string_view::npos || !is_nid(rest.substr(0, nid_end))) return std::nullopt;
  const std::string_view nid = rest.substr(0, nid_end);
  rest.remove_prefix(nid_end + 1);
  const std::size_t colon = rest.find(':');
  // The kind ends at the first colon; the id is everything after it and may itself contain colons.
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) return std::nullopt;
  return Uid{std::string(rest.substr(0, colon)), std::string(rest.substr(colon + 1)),
             equals_ignoring_case(nid, kVeeam) ? std::string(kVeeam) : std::string(nid)};
}

std::string Uid::to_string() const {
  std::string out;
  out.reserve(kScheme.size() + nid.size() + 1 + kind.size() + 1 + id.size());
  out += kScheme;
  out += nid;
  out += ':';
  out += kind;
  out += ':';
  out += id;
  return out;
}

}  // namespace emgen
