#include "import/draft.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "format/vocabulary.hpp"
#include "naming.hpp"
#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {
namespace {

using format::vocabulary::Key;

std::string key(Key id) { return std::string(format::vocabulary::name(id)); }

void emit_doc(YAML::Emitter& out, Key doc_key, const std::string& doc) {
  if (doc.empty()) return;
  out << YAML::Key << key(doc_key) << YAML::Value << doc;
}

void emit_field(YAML::Emitter& out, const DraftField& field) {
  out << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << key(Key::field_name) << YAML::Value << field.name;
  out << YAML::Key << key(Key::field_type) << YAML::Value << field.type;
  if (field.attribute) out << YAML::Key << key(Key::field_attribute) << YAML::Value << true;
  if (field.optional) out << YAML::Key << key(Key::field_optional) << YAML::Value << true;
  if (field.repeated) out << YAML::Key << key(Key::field_repeated) << YAML::Value << true;
  if (!field.item.empty()) out << YAML::Key << key(Key::field_item) << YAML::Value << field.item;
  if (!field.aliases.empty()) {
    out << YAML::Key << key(Key::field_aliases) << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& alias : field.aliases) out << alias;
    out << YAML::EndSeq;
  }
  if (!field.query.empty()) out << YAML::Key << key(Key::field_query) << YAML::Value << field.query;
  emit_doc(out, Key::field_doc, field.doc);
  out << YAML::EndMap;
}

void emit_value(YAML::Emitter& out, const DraftEnumValue& value) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << key(Key::value_wire) << YAML::Value << value.wire;
  if (!value.name.empty()) out << YAML::Key << key(Key::value_name) << YAML::Value << value.name;
  emit_doc(out, Key::value_doc, value.doc);
  out << YAML::EndMap;
}

void emit_enum(YAML::Emitter& out, const DraftEnum& enumeration) {
  out << YAML::BeginMap << YAML::Key << key(Key::enum_name) << YAML::Value << enumeration.name;
  emit_doc(out, Key::enum_doc, enumeration.doc);
  out << YAML::Key << key(Key::enum_values) << YAML::Value << YAML::BeginSeq;
  for (const DraftEnumValue& value : enumeration.values) emit_value(out, value);
  out << YAML::EndSeq << YAML::EndMap;
}

void emit_link(YAML::Emitter& out, const DraftLink& link) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << key(Key::link_rel) << YAML::Value << link.rel;
  out << YAML::Key << key(Key::link_path) << YAML::Value << link.path;
  emit_doc(out, Key::link_doc, link.doc);
  out << YAML::EndMap;
}

void emit_endpoint(YAML::Emitter& out, const DraftEndpoint& endpoint) {
  out << YAML::Flow << YAML::BeginMap << YAML::Key << key(Key::endpoint_method) << YAML::Value << endpoint.method;
  out << YAML::Key << key(Key::endpoint_path) << YAML::Value << endpoint.path;
  if (!endpoint.returns.empty()) out << YAML::Key << key(Key::endpoint_returns) << YAML::Value << endpoint.returns;
  if (!endpoint.body.empty()) out << YAML::Key << key(Key::endpoint_body) << YAML::Value << endpoint.body;
  if (!endpoint.client) out << YAML::Key << key(Key::endpoint_client) << YAML::Value << false;
  if (!endpoint.file_paths.empty()) {
    out << YAML::Key << key(Key::endpoint_file_paths) << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& parameter : endpoint.file_paths) out << parameter;
    out << YAML::EndSeq;
  }
  emit_doc(out, Key::endpoint_doc, endpoint.doc);
  out << YAML::EndMap;
}

void emit_example(YAML::Emitter& out, const DraftExample& example) {
  out << YAML::BeginMap << YAML::Key << key(Key::example_file) << YAML::Value << example.file;
  emit_doc(out, Key::example_doc, example.doc);
  if (!example.expect.empty()) {
    out << YAML::Key << key(Key::example_expect) << YAML::Value << YAML::BeginMap;
    for (const DraftExpectation& expectation : example.expect)
      out << YAML::Key << expectation.path << YAML::Value << YAML::DoubleQuoted << expectation.value;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_type(YAML::Emitter& out, const DraftType& type) {
  out << YAML::BeginMap << YAML::Key << key(Key::type_name) << YAML::Value << type.name;
  emit_doc(out, Key::type_doc, type.doc);
  if (!type.extends.empty()) out << YAML::Key << key(Key::type_extends) << YAML::Value << type.extends;
  if (!type.element.empty()) out << YAML::Key << key(Key::type_element) << YAML::Value << type.element;
  if (!type.fields.empty()) {
    out << YAML::Key << key(Key::type_fields) << YAML::Value << YAML::BeginSeq;
    for (const DraftField& field : type.fields) emit_field(out, field);
    out << YAML::EndSeq;
  }
  if (!type.links.empty()) {
    out << YAML::Key << key(Key::type_links) << YAML::Value << YAML::BeginSeq;
    for (const DraftLink& link : type.links) emit_link(out, link);
    out << YAML::EndSeq;
  }
  if (!type.endpoints.empty()) {
    out << YAML::Key << key(Key::type_endpoints) << YAML::Value << YAML::BeginSeq;
    for (const DraftEndpoint& endpoint : type.endpoints) emit_endpoint(out, endpoint);
    out << YAML::EndSeq;
  }
  if (!type.examples.empty()) {
    out << YAML::Key << key(Key::type_examples) << YAML::Value << YAML::BeginSeq;
    for (const DraftExample& example : type.examples) emit_example(out, example);
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
}

template <typename Item>
std::string item_yaml(const Item& item, void (*emit)(YAML::Emitter&, const Item&)) {
  YAML::Emitter out;
  out << YAML::BeginSeq;
  emit(out, item);
  out << YAML::EndSeq;
  if (!out.good()) throw std::logic_error("yaml_item_of: " + out.GetLastError());
  return std::string(out.c_str()) + "\n";
}

std::string with_header(const std::string& header, const char* yaml) {
  std::string text;
  if (!header.empty()) {
    std::istringstream lines(header);
    for (std::string line; std::getline(lines, line);) text += line.empty() ? "#\n" : "# " + line + "\n";
  }
  text += yaml;
  text += '\n';
  return text;
}

}  // namespace

std::string identifier_words(const std::string& text) {
  const std::string words = pascal_words(text);
  return !words.empty() && words[0] >= '0' && words[0] <= '9' ? "Value" + words : words;
}

Draft only(const Draft& draft, const std::vector<std::string>& names) {
  std::map<std::string, const DraftType*> types;
  std::set<std::string> enums;
  for (const DraftFile& file : draft.files) {
    for (const DraftType& type : file.types) types[type.name] = &type;
    for (const DraftEnum& enumeration : file.enums) enums.insert(enumeration.name);
  }
  std::set<std::string> kept;
  std::vector<std::string> pending;
  for (const std::string& name : names) {
    if (!types.count(name) && !enums.count(name)) {
      std::vector<std::string> known(enums.begin(), enums.end());
      for (const auto& [type_name, type] : types) known.push_back(type_name);
      const auto near = closest_match(name, known);
      throw UnknownDraftName("--only " + name + ": the draft has no type or enum of that name" +
                             (near ? " (did you mean " + *near + "?)" : ""));
    }
    pending.push_back(name);
  }
  const auto use = [&](const std::string& name) {
    if ((types.count(name) || enums.count(name)) && !kept.count(name)) pending.push_back(name);
  };
  while (!pending.empty()) {
    const std::string name = pending.back();
    pending.pop_back();
    if (!kept.insert(name).second) continue;
    const auto found = types.find(name);
    if (found == types.end()) continue;
    const DraftType& type = *found->second;
    use(type.extends);
    for (const DraftField& field : type.fields) use(field.type);
    for (const DraftEndpoint& endpoint : type.endpoints) use(endpoint.returns);
  }

  Draft result = draft;
  result.files.clear();
  std::set<std::string> example_files;
  for (const DraftFile& file : draft.files) {
    DraftFile cut = file;
    cut.types.clear();
    cut.enums.clear();
    for (const DraftType& type : file.types)
      if (kept.count(type.name)) {
        cut.types.push_back(type);
        for (const DraftExample& example : type.examples) example_files.insert(example.file);
      }
    for (const DraftEnum& enumeration : file.enums)
      if (kept.count(enumeration.name)) cut.enums.push_back(enumeration);
    if (!cut.types.empty() || !cut.enums.empty()) result.files.push_back(std::move(cut));
  }
  result.payloads.clear();
  for (const DraftPayload& payload : draft.payloads)
    if (example_files.count(payload.file)) result.payloads.push_back(payload);
  result.sources.clear();
  for (const std::string& row : draft.sources) {
    const bool kept_row = std::any_of(example_files.begin(), example_files.end(), [&](const std::string& file) {
      const std::string name = file.substr(file.rfind('/') + 1);
      return row.rfind("| " + name + " |", 0) == 0;
    });
    if (kept_row) result.sources.push_back(row);
  }
  return result;
}

DraftCounts count(const Draft& draft) {
  DraftCounts counts;
  for (const DraftFile& file : draft.files) {
    counts.types += file.types.size();
    counts.enums += file.enums.size();
  }
  counts.files = draft.files.size() + 1;
  return counts;
}

std::string yaml_of(const DraftFile& file, const std::string& api_version, const std::string& header) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << key(Key::file_api_version) << YAML::Value << api_version;
  emit_doc(out, Key::file_doc, file.doc);
  if (!file.enums.empty()) {
    out << YAML::Key << key(Key::file_enums) << YAML::Value << YAML::BeginSeq;
    for (const DraftEnum& enumeration : file.enums) emit_enum(out, enumeration);
    out << YAML::EndSeq;
  }
  if (!file.types.empty()) {
    out << YAML::Key << key(Key::file_types) << YAML::Value << YAML::BeginSeq;
    for (const DraftType& type : file.types) emit_type(out, type);
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  if (!out.good()) throw std::logic_error("yaml_of: " + out.GetLastError());
  return with_header(header, out.c_str());
}

std::string yaml_of(const DraftApi& api, const std::string& header) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << key(Key::api_file_api) << YAML::Value << YAML::BeginMap;
  out << YAML::Key << key(Key::api_title) << YAML::Value << api.title;
  out << YAML::Key << key(Key::api_version) << YAML::Value << api.version;
  out << YAML::Key << key(Key::api_build) << YAML::Value << YAML::DoubleQuoted << api.build;
  out << YAML::Key << key(Key::api_xml_namespace) << YAML::Value << api.xml_namespace;
  out << YAML::Key << key(Key::api_base_path) << YAML::Value << api.base_path;
  out << YAML::EndMap << YAML::EndMap;
  if (!out.good()) throw std::logic_error("yaml_of: " + out.GetLastError());
  return with_header(header, out.c_str());
}

std::string yaml_item_of(const DraftType& type) { return item_yaml(type, emit_type); }
std::string yaml_item_of(const DraftEnum& enumeration) { return item_yaml(enumeration, emit_enum); }
std::string yaml_item_of(const DraftField& field) { return item_yaml(field, emit_field); }
std::string yaml_item_of(const DraftEnumValue& value) { return item_yaml(value, emit_value); }
std::string yaml_item_of(const DraftLink& link) { return item_yaml(link, emit_link); }
std::string yaml_item_of(const DraftEndpoint& endpoint) { return item_yaml(endpoint, emit_endpoint); }
std::string yaml_item_of(const DraftExample& example) { return item_yaml(example, emit_example); }

std::string yaml_flow_scalar(const std::string& text) {
  YAML::Emitter out;
  out << YAML::Flow << YAML::BeginSeq << text << YAML::EndSeq;
  const std::string flow = out.c_str();  // `[text]`
  return flow.substr(1, flow.size() - 2);
}

std::string sources_md(const std::vector<std::string>& rows) {
  std::string text =
      "# Where each payload comes from\n\nExtracted by `emgen import page`. The help pages flatten code blocks "
      "into one table cell; the whitespace between tags was made a line break, and nothing inside tags or text "
      "was changed.\n\n| File | Page | Notes |\n|---|---|---|\n";
  for (const std::string& row : rows) text += row + "\n";
  return text;
}

std::vector<std::string> write_draft(const Draft& draft, const std::string& directory, bool overwrite) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) throw std::runtime_error(directory + ": cannot create the directory: " + error.message());
  if (!overwrite) {
    for (const auto& entry : fs::directory_iterator(directory))
      if (entry.path().extension() == ".yaml")
        throw std::runtime_error(directory + " already holds schema files (" + entry.path().filename().string() +
                                 "); import into an empty directory, or pass --overwrite to replace them");
  }
  std::vector<std::pair<std::string, std::string>> files{{"api.yaml", yaml_of(draft.api, draft.header)}};
  for (const DraftFile& file : draft.files)
    files.emplace_back(file.stem + ".yaml", yaml_of(file, draft.api.version, draft.header));
  for (const DraftPayload& payload : draft.payloads) files.emplace_back(payload.file, payload.bytes);
  if (!draft.sources.empty()) files.emplace_back("examples/SOURCES.md", sources_md(draft.sources));
  std::vector<std::string> written;
  // A file an earlier import drafted that this one does not produce goes; anything else is a person's.
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string name = entry.path().filename().string();
    if (std::any_of(files.begin(), files.end(), [&](const auto& file) { return file.first == name; })) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string first_line;
    std::getline(in, first_line);
    if (!draft.header.empty() && first_line == "# " + draft.header.substr(0, draft.header.find('\n')))
      fs::remove(entry.path());
  }
  for (const auto& [name, text] : files) {
    const fs::path path = fs::path(directory) / name;
    fs::create_directories(path.parent_path());
    if (emgen::text::read_file(path) == text) continue;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error(path.string() + ": cannot be written");
    written.push_back(path.generic_string());
  }
  return written;
}

namespace {

constexpr const char* kWritten = "written from the draft";
constexpr const char* kList = "written when the draft has items";
constexpr const char* kByHand =
    "not drafted: neither the XSD nor a help page says it; a person adds it, and a merge keeps it";

constexpr format::vocabulary::KeyUse kDraftedKeys[] = {
    {Key::api_file_api, kWritten},
    {Key::api_title, kWritten},
    {Key::api_version, kWritten},
    {Key::api_build, kWritten},
    {Key::api_xml_namespace, kWritten},
    {Key::api_base_path, kWritten},
    {Key::api_file_areas, "not drafted: which part of the API a type belongs to is a person's choice"},
    {Key::area_name, kByHand},
    {Key::area_doc, kByHand},
    {Key::area_types, kByHand},
    {Key::file_api_version, "written: the draft's API version"},
    {Key::file_doc, kWritten},
    {Key::file_enums, kList},
    {Key::file_types, kList},
    {Key::enum_name, kWritten},
    {Key::enum_doc, kWritten},
    {Key::enum_values, kWritten},
    {Key::value_wire, kWritten},
    {Key::value_name, "written for a wire text that is no identifier"},
    {Key::value_doc, kWritten},
    {Key::type_name, kWritten},
    {Key::type_doc, kWritten},
    {Key::type_extends, kWritten},
    {Key::type_element, kWritten},
    {Key::type_fields, kList},
    {Key::type_links, kList},
    {Key::type_endpoints, kList},
    {Key::type_examples, kList},
    {Key::field_name, kWritten},
    {Key::field_type, kWritten},
    {Key::field_doc, kWritten},
    {Key::field_attribute, kWritten},
    {Key::field_text, kByHand},
    {Key::field_optional, kWritten},
    {Key::field_repeated, kWritten},
    {Key::field_item, kWritten},
    {Key::field_aliases, kWritten},
    {Key::field_cpp_name, kByHand},
    {Key::field_query, kWritten},
    {Key::field_json, kByHand},
    {Key::json_name, kByHand},
    {Key::json_list, kByHand},
    {Key::link_rel, kWritten},
    {Key::link_type, kByHand},
    {Key::link_path, kWritten},
    {Key::link_method, kByHand},
    {Key::link_returns, kByHand},
    {Key::link_doc, kWritten},
    {Key::endpoint_method, kWritten},
    {Key::endpoint_path, kWritten},
    {Key::endpoint_doc, kWritten},
    {Key::endpoint_client, "written when false"},
    {Key::endpoint_client_name, kByHand},
    {Key::endpoint_body, kWritten},
    {Key::endpoint_file_paths, kList},
    {Key::endpoint_returns, "written in its scalar form; the reference and entity pair is not drafted"},
    {Key::returns_reference, kByHand},
    {Key::returns_entity, kByHand},
    {Key::example_file, kWritten},
    {Key::example_doc, kWritten},
    {Key::example_expect, "written as the values the payload shows"},
    {Key::expectation_count, kByHand},
    {Key::expectation_unlisted, kByHand},
};

}  // namespace

std::span<const format::vocabulary::KeyUse> drafted_keys() { return kDraftedKeys; }

}  // namespace emgen::gen::import
