#include "emgen/uid.hpp"

namespace emgen {
namespace {

constexpr std::string_view kPrefix = "urn:veeam:";

char ascii_lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) noexcept {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (ascii_lower(text[i]) != prefix[i]) return false;
  return true;
}

}  // namespace

std::optional<Uid> Uid::parse(std::string_view text) {
  if (!starts_with_ignoring_case(text, kPrefix)) return std::nullopt;
  const std::string_view rest = text.substr(kPrefix.size());
  const std::size_t colon = rest.find(':');
  // The kind ends at the first colon; the id is everything after it and may itself contain colons.
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) return std::nullopt;
  return Uid{std::string(rest.substr(0, colon)), std::string(rest.substr(colon + 1))};
}

std::string Uid::to_string() const {
  std::string out;
  out.reserve(kPrefix.size() + kind.size() + 1 + id.size());
  out += kPrefix;
  out += kind;
  out += ':';
  out += id;
  return out;
}

}  // namespace emgen
