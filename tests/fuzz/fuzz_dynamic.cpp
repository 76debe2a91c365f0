// fuzz_dynamic: the same bytes read by the generated bindings and by emgen::dynamic over the IR of the project's
// schemas, once as XML and once as JSON. Any disagreement on the value, the warnings or the error, or between the
// two XML writers, is a finding (the comparison is tests/dynamic/differential.hpp's, shared with the tests).
//
//   byte 0: the document type, byte % N (N = veeam::em::document_types().size(), in that list's order)
//   byte 1: bit 0 strict, bit 1 pretty, bit 2 camelCase (the JSON written)
//   the rest: the payload
//
// Two bytes rather than fuzz_document.hpp's one: with over a hundred document types, one byte cannot also
// select the writing style and layout.

#include <cstddef>
#include <cstdint>

#include "differential.hpp"
#include "fuzz_finding.hpp"

#ifndef EMGEN_FUZZ_SCHEMA_DIR
#error "EMGEN_FUZZ_SCHEMA_DIR must name the project's schema directory"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace differential = emgen::differential;
  const auto types = veeam::em::document_types();
  if (size < 2 || types.empty()) return 0;
  differential::Reading reading;
  reading.type = &types[data[0] % types.size()];
  reading.mode = (data[1] & 1) != 0 ? emgen::ReadMode::strict : emgen::ReadMode::lenient;
  reading.pretty = (data[1] & 2) != 0;
  reading.style = (data[1] & 4) != 0 ? emgen::JsonStyle::camel : emgen::JsonStyle::pascal;
  reading.payload = emgen::fuzz::as_text(data + 2, size - 2);
  const differential::ir::Model& schemas = differential::schema_set(EMGEN_FUZZ_SCHEMA_DIR);
  for (const differential::Format format : {differential::Format::xml, differential::Format::json}) {
    reading.format = format;
    if (const auto different = differential::disagreement(schemas, reading))
      emgen::fuzz::finding("the generated bindings and emgen::dynamic disagree", *different, reading.payload);
  }
  return 0;
}
