#pragma once
// One payload read as one document type by both implementations: the generated bindings (veeam::em, through
// the generated index of document types) and emgen::dynamic over the resolved IR of schemas/. They must
// agree on the value (each written in EM's JSON form by its own writer), on the warnings (text, path, line,
// column) and on the error (its what()). Shared by the differential tests and the fuzz target fuzz_dynamic.

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <veeam/em/backup_file.hpp>
#include <veeam/em/backup_job_session.hpp>
#include <veeam/em/cloud_connect_service.hpp>
#include <veeam/em/common.hpp>
#include <veeam/em/entity_references.hpp>
#include <veeam/em/index.hpp>
#include <veeam/em/logon_session.hpp>
#include <veeam/em/query_result.hpp>
#include <veeam/em/security.hpp>
#include <veeam/em/system_session.hpp>

#include "dynamic/codec.hpp"
#include "format/loader.hpp"
#include "precompile/resolve.hpp"

namespace emgen::differential {

namespace ir = gen::ir;

/// The resolved IR of a schema directory, loaded once per process.
inline const ir::Model& schema_set(const std::string& directory) {
  // The model points into itself (deques of types and fields), so it is built in place and never moved.
  static const std::unique_ptr<ir::Model> model = [&] {
    auto loaded = std::make_unique<ir::Model>();
    gen::precompile::resolve(gen::format::load_schema_directory(directory), *loaded);
    return loaded;
  }();
  return *model;
}

enum class Format { xml, json };

struct Reading {
  const veeam::em::DocumentType* type = nullptr;
  Format format = Format::xml;
  ReadMode mode = ReadMode::lenient;
  JsonStyle style = JsonStyle::pascal;
  bool pretty = false;
  std::string_view payload;
};

/// The reading fuzz_dynamic's input selects (the payload is then read both as XML and as JSON):
///   byte 0: the document type, byte % N (N = veeam::em::document_types().size(), in that list's order)
///   byte 1: bit 0 strict, bit 1 pretty, bit 2 camelCase (the JSON written)
///   the rest: the payload
/// Two bytes rather than fuzz_document.hpp's one: with over a hundred document types, one byte cannot also
/// select the writing style and layout. nullopt for an input shorter than two bytes.
inline std::optional<Reading> fuzz_reading(std::string_view input) {
  const auto types = veeam::em::document_types();
  if (input.size() < 2 || types.empty()) return std::nullopt;
  const auto type = static_cast<unsigned char>(input[0]);
  const auto bits = static_cast<unsigned char>(input[1]);
  Reading reading;
  reading.type = &types[type % types.size()];
  reading.mode = (bits & 1) != 0 ? ReadMode::strict : ReadMode::lenient;
  reading.pretty = (bits & 2) != 0;
  reading.style = (bits & 4) != 0 ? JsonStyle::camel : JsonStyle::pascal;
  reading.payload = input.substr(2);
  return reading;
}

/// What one implementation made of a payload: the JSON it writes for the value, or the error it threw; and
/// the warnings of a lenient read.
struct Outcome {
  std::optional<std::string> json;
  std::string error;
  ReadWarnings warnings;

  friend bool operator==(const Outcome&, const Outcome&) = default;
};

/// Runs read (which returns the value written as JSON), catching what a payload may cause: a ParseError, or the
/// JSON writer's refusal of invalid UTF-8 that an XML payload carried in (std::invalid_argument).
template <class Read>
Outcome outcome_of(Read&& read) {
  Outcome outcome;
  try {
    outcome.json = read(outcome.warnings);
  } catch (const ParseError& error) {
    outcome.error = std::string("ParseError: ") + error.what();
  } catch (const std::invalid_argument& error) {
    outcome.error = std::string("invalid_argument: ") + error.what();
  }
  return outcome;
}

/// Warnings are collected by lenient reads, as the generated index does.
inline ReadWarnings* warnings_for(const Reading& reading, ReadWarnings& warnings) {
  return reading.mode == ReadMode::lenient ? &warnings : nullptr;
}

inline Outcome through_generated(const Reading& reading) {
  return outcome_of([&](ReadWarnings& warnings) {
    const veeam::em::Conversion how{reading.mode, warnings_for(reading, warnings), reading.style, reading.pretty};
    return reading.format == Format::xml ? reading.type->xml_to_json(reading.payload, how)
                                         : reading.type->json_to_json(reading.payload, how);
  });
}

/// Also gives the value read, when there is one, for the checks of the dynamic writers.
inline Outcome through_dynamic(const ir::Model& schemas, const Reading& reading, std::optional<dynamic::Value>* read) {
  return outcome_of([&](ReadWarnings& warnings) {
    dynamic::Value value = reading.format == Format::xml
                               ? dynamic::read_xml(schemas, reading.type->name, reading.payload, reading.mode,
                                                   warnings_for(reading, warnings))
                               : dynamic::read_json(schemas, reading.type->name, reading.payload, reading.mode,
                                                    warnings_for(reading, warnings));
    std::string json = dynamic::write_json(schemas, reading.type->name, value, reading.style, reading.pretty);
    if (read != nullptr) *read = std::move(value);
    return json;
  });
}

inline std::string describe(const Outcome& outcome) {
  std::string text = outcome.json ? "value " + *outcome.json : outcome.error;
  for (const ReadWarning& warning : outcome.warnings) text += "\n    warning " + warning.to_string();
  return text;
}

inline std::string describe(const Reading& reading) {
  return std::string(reading.type->name) + (reading.format == Format::xml ? " from XML" : " from JSON") +
         (reading.mode == ReadMode::strict ? ", strict" : ", lenient") +
         (reading.style == JsonStyle::camel ? ", written camelCase" : ", written PascalCase") +
         (reading.pretty ? ", pretty" : "");
}

/// The generated to_xml of the value a payload reads to, for a few document types chosen for what their XML
/// writers exercise: attributes, inheritance, wrapped and bare lists, nested types, `fields: []`.
struct GeneratedXmlWriter {
  std::string_view type;
  std::string (*to_xml)(const Reading& reading);
};

template <class T>
std::string generated_to_xml(const Reading& reading) {
  const T value = reading.format == Format::xml ? T::from_xml(reading.payload, reading.mode)
                                                : T::from_json(reading.payload, reading.mode);
  return value.to_xml();
}

inline const GeneratedXmlWriter* generated_xml_writer(std::string_view type) {
  using namespace veeam::em;
  static constexpr GeneratedXmlWriter kWriters[] = {
      {"BackupFile", &generated_to_xml<BackupFile>},
      {"BackupJobSession", &generated_to_xml<BackupJobSession>},
      {"CloudConnectService", &generated_to_xml<CloudConnectService>},
      {"EnterpriseRole", &generated_to_xml<EnterpriseRole>},
      {"EntityRef", &generated_to_xml<EntityRef>},
      {"EntityReferences", &generated_to_xml<EntityReferences>},
      {"LogonSession", &generated_to_xml<LogonSession>},
      {"QueryResult", &generated_to_xml<QueryResult>},
      {"SystemSessions", &generated_to_xml<SystemSessions>},
  };
  for (const GeneratedXmlWriter& writer : kWriters)
    if (writer.type == type) return &writer;
  return nullptr;
}

/// nullopt when both implementations agree on reading; otherwise what each gave. When the read succeeds and
/// the type has a GeneratedXmlWriter, both XML writers must also write the same document.
/// agreed, when given, gets the outcome both gave.
inline std::optional<std::string> disagreement(const ir::Model& schemas, const Reading& reading,
                                               Outcome* agreed = nullptr) {
  const Outcome generated = through_generated(reading);
  std::optional<dynamic::Value> value;
  const Outcome dynamic = through_dynamic(schemas, reading, &value);
  if (generated != dynamic)
    return describe(reading) + ":\n  generated: " + describe(generated) + "\n  dynamic:   " + describe(dynamic);
  if (agreed != nullptr) *agreed = generated;
  const GeneratedXmlWriter* writer = generated_xml_writer(reading.type->name);
  if (!value || writer == nullptr) return std::nullopt;
  const std::string expected = writer->to_xml(reading);
  const std::string written = dynamic::write_xml(schemas, reading.type->name, *value);
  if (written != expected)
    return describe(reading) + ": the XML writers differ\n  generated: " + expected + "\n  dynamic:   " + written;
  return std::nullopt;
}

}  // namespace emgen::differential
