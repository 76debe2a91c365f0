#pragma once
// The document fuzz targets (fuzz_xml, fuzz_json): the first input byte picks the document type, the read
// mode and the output form; the rest is the payload.
//
//   type   = byte % N                (N = veeam::em::document_types().size(), in that list's order)
//   strict = (byte / N) % 2 == 1
//   pretty = (byte / N / 2) % 2 == 1
//   camel  = (byte / N / 4) % 2 == 1   (the JSON written uses camelCase member names)
//
// So a seed for type i, lenient and compact, starts with the byte i.

#include <stdexcept>
#include <string>
#include <veeam/em/index.hpp>

#include "fuzz_finding.hpp"

namespace emgen::fuzz {

struct DocumentInput {
  const veeam::em::DocumentType* type = nullptr;
  ReadMode mode = ReadMode::lenient;
  bool pretty = false;
  JsonStyle style = JsonStyle::pascal;
  std::string_view payload;

  /// How to convert: a lenient read also collects its warnings, so that code is fuzzed too.
  veeam::em::Conversion conversion(ReadMode read_mode, ReadWarnings* warnings) const {
    return {read_mode, read_mode == ReadMode::lenient ? warnings : nullptr, style, pretty};
  }
};

inline DocumentInput document_input(const std::uint8_t* data, std::size_t size) {
  DocumentInput input;
  const auto types = veeam::em::document_types();
  if (size == 0 || types.empty()) return input;
  const std::size_t selector = data[0];
  input.type = &types[selector % types.size()];
  input.mode = (selector / types.size()) % 2 == 1 ? ReadMode::strict : ReadMode::lenient;
  input.pretty = (selector / types.size() / 2) % 2 == 1;
  input.style = (selector / types.size() / 4) % 2 == 1 ? JsonStyle::camel : JsonStyle::pascal;
  input.payload = as_text(data + 1, size - 1);
  return input;
}

/// A required value that the first, lenient read lacked and gave its default: written back, it is absent again
/// (a Uid never set) or its default, and reads back with the same warning.
inline bool is_default_written_back(std::string_view message) {
  return message.starts_with("missing required ") || message.starts_with("null for a required value") ||
         message.starts_with("nil for a required value");
}

/// The JSON the bindings write reads back, in the mode the payload was read in, as the same value: reading
/// and writing it again gives the same text. (Not always strictly: a lenient read keeps unlisted enum
/// values, which a strict read refuses by design.)
inline void check_json_round_trip(const DocumentInput& input, const std::string& json) {
  std::string again;
  try {
    ReadWarnings warnings;
    again = input.type->json_to_json(json, input.conversion(input.mode, &warnings));
    // What the bindings wrote, they know: reading it back skips nothing (unlisted enum values are kept, and
    // warned about, every time).
    for (const ReadWarning& warning : warnings)
      if (!warning.message.starts_with("kept ") && !is_default_written_back(warning.message))
        finding("the JSON written reads back skipping", json, warning.to_string());
  } catch (const ParseError& error) {
    finding("the JSON written does not read back", json, error.what());
  }
  if (again != json) finding("JSON written, read and written again differs", json, again);
}

/// The JSON writer refuses invalid UTF-8 in a string with this message (json_writer.cpp); the XML reader
/// passes text through as it is, so an XML payload can hold such a string.
inline bool is_json_writer_utf8_refusal(const std::invalid_argument& error) {
  return std::string_view(error.what()).starts_with("invalid UTF-8 at byte ");
}

}  // namespace emgen::fuzz
