// fuzz_dynamic: the same bytes read by the generated bindings and by emgen::dynamic over the IR of the project's
// schemas, once as XML and once as JSON, as the document type, mode, layout and member-name style the first two
// bytes pick (emgen::differential::fuzz_reading). Any disagreement on the value, the warnings or the error, or
// between the two XML writers, is a finding (the comparison is tests/dynamic/differential.hpp's, shared with the
// tests).

#include <cstddef>
#include <cstdint>

#include "differential.hpp"
#include "fuzz_finding.hpp"

#ifndef EMGEN_FUZZ_SCHEMA_DIR
#error "EMGEN_FUZZ_SCHEMA_DIR must name the project's schema directory"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace differential = emgen::differential;
  std::optional<differential::Reading> reading = differential::fuzz_reading(emgen::fuzz::as_text(data, size));
  if (!reading) return 0;
  const differential::ir::Model& schemas = differential::schema_set(EMGEN_FUZZ_SCHEMA_DIR);
  for (const differential::Format format : {differential::Format::xml, differential::Format::json}) {
    reading->format = format;
    if (const auto different = differential::disagreement(schemas, *reading))
      emgen::fuzz::finding("the generated bindings and emgen::dynamic disagree", *different, reading->payload);
  }
  return 0;
}
