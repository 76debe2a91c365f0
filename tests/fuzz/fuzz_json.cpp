// fuzz_json: T::from_json for every document type T (picked by the first byte, see fuzz_document.hpp), then
// to_json; what is written must read back (same mode) as the same value, and a payload that reads strictly
// must read the same leniently. The JSON reader checks UTF-8, so the writer's invalid-UTF-8 refusal
// (std::invalid_argument) is a finding here.

#include "fuzz_document.hpp"

namespace {

std::optional<std::string> json_to_json(const emgen::fuzz::DocumentInput& input, emgen::ReadMode mode) {
  try {
    emgen::ReadWarnings warnings;
    return input.type->json_to_json(input.payload, input.conversion(mode, &warnings));
  } catch (const emgen::ParseError&) {
    return std::nullopt;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using emgen::fuzz::finding;
  const emgen::fuzz::DocumentInput input = emgen::fuzz::document_input(data, size);
  if (input.type == nullptr) return 0;
  const std::optional<std::string> json = json_to_json(input, input.mode);
  if (!json) return 0;
  emgen::fuzz::check_json_round_trip(input, *json);
  if (input.mode == emgen::ReadMode::strict) {
    const std::optional<std::string> lenient = json_to_json(input, emgen::ReadMode::lenient);
    if (!lenient) finding("a JSON payload read strictly is refused leniently", input.payload);
    if (*lenient != *json) finding("strict and lenient reads of a JSON payload differ", *json, *lenient);
  }
  return 0;
}
