// fuzz_xml: T::from_xml for every document type T (picked by the first byte, see fuzz_document.hpp), then
// to_json; the JSON written must read back (same mode) as the same value, and a payload that reads strictly
// must read the same leniently.

#include "fuzz_document.hpp"

namespace {

// Reads the payload as XML and writes it as JSON; nullopt when the payload is refused.
std::optional<std::string> xml_to_json(const emgen::fuzz::DocumentInput& input, emgen::ReadMode mode) {
  try {
    emgen::ReadWarnings warnings;
    return input.type->xml_to_json(input.payload, input.conversion(mode, &warnings));
  } catch (const emgen::ParseError&) {
    return std::nullopt;
  } catch (const std::invalid_argument& error) {
    if (!emgen::fuzz::is_json_writer_utf8_refusal(error)) throw;
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using emgen::fuzz::finding;
  const emgen::fuzz::DocumentInput input = emgen::fuzz::document_input(data, size);
  if (input.type == nullptr) return 0;
  const std::optional<std::string> json = xml_to_json(input, input.mode);
  if (!json) return 0;
  emgen::fuzz::check_json_round_trip(input, *json);
  if (input.mode == emgen::ReadMode::strict) {
    const std::optional<std::string> lenient = xml_to_json(input, emgen::ReadMode::lenient);
    if (!lenient) finding("an XML payload read strictly is refused leniently", input.payload);
    if (*lenient != *json) finding("strict and lenient reads of an XML payload differ", *json, *lenient);
  }
  return 0;
}
