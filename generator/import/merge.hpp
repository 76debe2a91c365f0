#pragma once
// `emgen import ... --into DIR`: merges a draft into a schema directory a person keeps. The merge edits the YAML
// text where it adds or changes something, so everything it does not touch (docs, aliases, json: overrides,
// comments, layout) stays byte for byte, as cargo's toml_edit does for Cargo.toml.
//
// What it does, item by item (a draft type meets a schema type by name, else by element; a field by name or alias,
// in the type or its bases):
// - adds what the directory lacks: types, enums, fields, enum values, links, endpoints, examples and their payloads;
// - fills what is empty: a doc, an enum value's doc; a type doc that only names its XSD origin gets the page's doc;
// - changes a field only where the draft's evidence says the schemas cannot be right: a String whose values the
//   page lists becomes that enum; a required field the page's own example lacks becomes optional; a name the
//   example or table uses becomes an alias;
// - reports every other disagreement (type, attribute or element, list or single) per field and keeps the
//   directory's choice.

#include <string>
#include <string_view>
#include <vector>

#include "format/ast.hpp"
#include "import/draft.hpp"
#include "import/xsd.hpp"

namespace emgen::gen::import {

// The codes of the merger's notes: one per kind of change or disagreement, stable for tools.

/// A field the draft adds comes in optional: an example of the directory lacks it.
inline constexpr std::string_view kAddedOptional = "added-optional";
/// A String field of the directory typed as the draft's enum, whose values the draft lists.
inline constexpr std::string_view kTypedAsEnum = "typed-as-enum";
/// The field's type differs; the directory's is kept.
inline constexpr std::string_view kTypeDisagrees = "type-disagrees";
/// Attribute in one, element in the other; the directory's is kept.
inline constexpr std::string_view kKindDisagrees = "kind-disagrees";
/// A list in one, a single value in the other; the directory's is kept.
inline constexpr std::string_view kCardinalityDisagrees = "cardinality-disagrees";
/// The draft's other names of a field added as aliases.
inline constexpr std::string_view kAliasAdded = "alias-added";
/// A field of the directory the draft does not have; kept.
inline constexpr std::string_view kUndocumented = "undocumented";
/// A required field the draft's example lacks made optional, so that the example reads.
inline constexpr std::string_view kMadeOptional = "made-optional";
/// Items the merge cannot write where they belong (a flow-style or missing map); to add by hand.
inline constexpr std::string_view kNotAdded = "not-added";
/// A link of one path with another rel; the directory's is kept.
inline constexpr std::string_view kRelDisagrees = "rel-disagrees";
/// An enum value of the directory the draft does not list; kept.
inline constexpr std::string_view kUnlistedValue = "unlisted-value";
/// A type the merge adds extends a base of the directory that has the fields it lists.
inline constexpr std::string_view kBaseAdopted = "base-adopted";
/// A type of the draft named as an enum of the directory, or the reverse; not added.
inline constexpr std::string_view kKindClash = "kind-clash";
/// An example payload the directory holds with other bytes; the draft's is not added.
inline constexpr std::string_view kPayloadDiffers = "payload-differs";

struct FileChange {
  /// Relative to the directory: `common.yaml`, `examples/SOURCES.md`.
  std::string file;
  /// Empty for a new file.
  std::string before;
  std::string after;
  bool created = false;
};

struct MergeCounts {
  std::size_t types = 0, enums = 0, fields = 0, values = 0, links = 0, endpoints = 0, examples = 0;
  std::size_t docs = 0, enum_typed = 0, made_optional = 0, aliases = 0, disagreements = 0;
};

struct Merge {
  /// The files that change, sorted by name; nothing else is touched.
  std::vector<FileChange> changes;
  /// What changed in what the directory had, and every disagreement kept: each at the schema file's line.
  std::vector<Diagnostic> notes;
  MergeCounts counts;
};

/// Computes the merge of draft into directory (which should pass `emgen check`). Writes nothing. Throws
/// ImportError for a file that is not YAML.
Merge merge_draft(const Draft& draft, const std::string& directory);
/// The same, into a directory the loader has read: what is edited is found at the places the loader gives
/// (format::KeyPlaces), in the text it read (format::FileAst::text).
Merge merge_draft(const Draft& draft, const format::SchemaSetAst& schemas);

/// `diff -u` of one change, paths `a/DIRECTORY/FILE` and `b/DIRECTORY/FILE` (so `patch -p1` applies it).
std::string unified_diff(const FileChange& change, const std::string& directory);

/// Writes the changed files into directory (created directories included).
void write_merge(const Merge& merge, const std::string& directory);

/// What merge_draft() does with every key of the schema language in the directory it merges into: how it
/// matches, fills or adds it, or that it keeps the directory's bytes.
std::span<const format::vocabulary::KeyUse> merged_keys();

}  // namespace emgen::gen::import
