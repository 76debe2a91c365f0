// fuzz_dynamic: the same bytes read by the generated bindings and by emgen::dynamic over the IR of the project's
// schemas, as the document type, mode, member-name style and layout the first byte picks (fuzz_document.hpp),
// once as XML and once as JSON. Any disagreement on the value, the warnings or the error, or between the two
// XML writers, is a finding (the comparison is tests/dynamic/differential.hpp's, shared with the tests).

#include "differential.hpp"
#include "fuzz_document.hpp"

#ifndef EMGEN_FUZZ_SCHEMA_DIR
#error "EMGEN_FUZZ_SCHEMA_DIR must name the project's schema directory"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace differential = emgen::differential;
  const emgen::fuzz::DocumentInput input = emgen::fuzz::document_input(data, size);
  if (input.type == nullptr) return 0;
  const differential::ir::Model& schemas = differential::schema_set(EMGEN_FUZZ_SCHEMA_DIR);
  for (const differential::Format format : {differential::Format::xml, differential::Format::json}) {
    const differential::Reading reading{input.type, format, input.mode, input.style, input.pretty, input.payload};
    if (const auto different = differential::disagreement(schemas, reading))
      emgen::fuzz::finding("the generated bindings and emgen::dynamic disagree", *different, input.payload);
  }
  return 0;
}
