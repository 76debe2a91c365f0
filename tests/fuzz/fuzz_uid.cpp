// fuzz_uid: emgen::Uid::parse on any bytes, and the round trip: a text that parses gives a to_string() that
// parses to the same Uid, and is the input itself up to the case of the `urn:veeam:` prefix.

#include <emgen/uid.hpp>

#include "fuzz_finding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using emgen::fuzz::finding;
  const std::string_view text = emgen::fuzz::as_text(data, size);
  const std::optional<emgen::Uid> parsed = emgen::Uid::parse(text);
  if (!parsed) return 0;
  if (parsed->kind.empty() || parsed->id.empty()) finding("Uid::parse gives an empty kind or id", text);
  const std::string written = parsed->to_string();
  const std::optional<emgen::Uid> again = emgen::Uid::parse(written);
  if (!again) finding("Uid::parse refuses what Uid::to_string wrote", text, written);
  if (*again != *parsed) finding("Uid::parse(to_string(u)) != u", text, written);
  constexpr std::size_t kPrefix = std::string_view("urn:veeam:").size();
  if (written.size() != text.size() || std::string_view(written).substr(kPrefix) != text.substr(kPrefix))
    finding("Uid::to_string changes more than the prefix's case", text, written);
  return 0;
}
