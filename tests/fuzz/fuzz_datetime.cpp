// fuzz_datetime: emgen::parse_datetime on any bytes, and the round trip: a text that parses formats to a
// text that parses to the same instant (and formats to the same text again).

#include <emgen/datetime.hpp>

#include "fuzz_finding.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using emgen::fuzz::finding;
  const std::string_view text = emgen::fuzz::as_text(data, size);
  const std::optional<emgen::DateTime> parsed = emgen::parse_datetime(text);
  if (!parsed) return 0;
  const std::string formatted = emgen::format_datetime(*parsed);
  const std::optional<emgen::DateTime> again = emgen::parse_datetime(formatted);
  if (!again) finding("parse_datetime accepts a text whose format_datetime it refuses", text, formatted);
  if (*again != *parsed) finding("parse_datetime(format_datetime(x)) != x", text, formatted);
  if (emgen::format_datetime(*again) != formatted) finding("format_datetime is not stable", formatted);
  return 0;
}
