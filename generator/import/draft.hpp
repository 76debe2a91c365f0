#pragma once
// A drafted schema directory: what an importer (`emgen import xsd`, `emgen import page`) proposes, in the terms
// of the schema language, before a person reviews it. write_draft() turns it into YAML files that `emgen check`
// reads; importers never write YAML themselves.

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "format/vocabulary.hpp"

namespace emgen::gen::import {

struct DraftField {
  std::string name;
  std::string type;
  std::string doc;
  bool attribute = false;
  bool optional = false;
  bool repeated = false;
  /// With repeated: the item element of a wrapped list (`<Links><Link/>...</Links>`).
  std::string item;
  std::vector<std::string> aliases;
  /// Where the importer read it (`FILE:LINE`), for the notes of a merge; not written.
  std::string origin;
  /// The query service's type= whose entities the list holds (`query:`); empty for other fields.
  std::string query;
};

struct DraftEnumValue {
  std::string wire;
  std::string doc;
  /// The C++-safe name, for a wire text that is not an identifier (`Dark-Blue` → `DarkBlue`); empty otherwise.
  std::string name;
};

struct DraftEnum {
  std::string name;
  std::string doc;
  std::vector<DraftEnumValue> values;
};

struct DraftLink {
  std::string rel;
  std::string path;
  std::string doc;
};

struct DraftEndpoint {
  std::string method;
  std::string path;
  /// Empty for a POST or PUT whose page documents the body it sends, not an answer.
  std::string returns;
  std::string doc;
  /// The document a POST or PUT sends, when its page's example shows one.
  std::string body = {};
  /// `client: false`: the generated Client has no method for it.
  bool client = true;
  /// The path parameters whose values are file paths (`file_paths:`).
  std::vector<std::string> file_paths = {};
};

struct DraftExpectation {
  std::string path;
  std::string value;
};

struct DraftExample {
  /// Relative to the schema directory: `examples/SystemSession_systemsessions_id.xml`.
  std::string file;
  std::string doc;
  std::vector<DraftExpectation> expect;
};

struct DraftType {
  std::string name;
  std::string doc;
  std::string extends;
  std::string element;
  std::vector<DraftField> fields;
  std::vector<DraftLink> links;
  std::vector<DraftEndpoint> endpoints;
  std::vector<DraftExample> examples;
  /// Where the importer read it (`FILE:LINE`), for the notes of a merge; not written.
  std::string origin;
};

/// A payload file to write beside the schemas, byte for byte.
struct DraftPayload {
  std::string file;  // relative to the schema directory
  std::string bytes;
};

struct DraftFile {
  /// The file name without `.yaml`, e.g. `backup_job_session`.
  std::string stem;
  std::string doc;
  std::vector<DraftEnum> enums;
  std::vector<DraftType> types;
};

struct DraftApi {
  std::string title;
  std::string version;
  std::string build;
  std::string xml_namespace;
  std::string base_path;
};

struct Draft {
  DraftApi api;
  std::vector<DraftFile> files;
  std::vector<DraftPayload> payloads;
  /// Rows of examples/SOURCES.md: `| file | page | notes |`, one per payload.
  std::vector<std::string> sources;
  /// The first line of every file written: where it came from and that it is a draft.
  std::string header;
  /// How a merge's notes name this side: "the page", "the XSD".
  std::string source;
};

/// A type, enum or value name for text that is not one: its PascalCase words, `Value` before a leading digit
/// (`Dark-Blue` → `DarkBlue`, `3rd party` → `Value3rdParty`, `job` → `Job`); empty for text without letters or
/// digits.
std::string identifier_words(const std::string& text);

/// The draft cut down to the named types and enums and what they use: bases, field types, endpoint returns.
/// Files left empty are dropped, payloads and SOURCES.md rows follow the examples that stay. Throws
/// UnknownDraftName naming a name the draft does not have (with the closest one it has).
class UnknownDraftName : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};
Draft only(const Draft& draft, const std::vector<std::string>& names);

/// Counts of a draft, for the importers' summaries.
struct DraftCounts {
  std::size_t types = 0;
  std::size_t enums = 0;
  std::size_t files = 0;  // api.yaml included
};
DraftCounts count(const Draft& draft);

/// The YAML text of one schema file (and of api.yaml): deterministic, in the layout the hand-written schemas use
/// (block maps for types and enums, one flow map per field and enum value).
std::string yaml_of(const DraftFile& file, const std::string& api_version, const std::string& header);
std::string yaml_of(const DraftApi& api, const std::string& header);

/// One item of a schema file's lists as yaml_of writes it, at indentation 0: `- {name: X, type: String}` for a
/// field, a block for a type or an enum. The merge adds these to files a person keeps.
std::string yaml_item_of(const DraftType& type);
std::string yaml_item_of(const DraftEnum& enumeration);
std::string yaml_item_of(const DraftField& field);
std::string yaml_item_of(const DraftEnumValue& value);
std::string yaml_item_of(const DraftLink& link);
std::string yaml_item_of(const DraftEndpoint& endpoint);
std::string yaml_item_of(const DraftExample& example);
/// A scalar as it stands in a flow collection: plain when YAML allows, quoted otherwise.
std::string yaml_flow_scalar(const std::string& text);

/// examples/SOURCES.md: its preamble and table head, then one row per payload.
std::string sources_md(const std::vector<std::string>& rows);

/// Writes api.yaml and every file into directory (created when missing). Refuses a directory that already holds
/// *.yaml files unless overwrite is set, so that a person's edits are never lost to a second import; a file whose
/// bytes would not change is not rewritten. Returns the paths written.
std::vector<std::string> write_draft(const Draft& draft, const std::string& directory, bool overwrite);

/// What write_draft() does with every key of the schema language: writes it from the draft, or why no importer
/// proposes it (a person adds it).
std::span<const format::vocabulary::KeyUse> drafted_keys();

}  // namespace emgen::gen::import
