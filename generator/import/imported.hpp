#pragma once
// A draft for a schema set that imports another (`emgen import ... --import DIR`): what the imported set defines
// is used by name, never defined a second time, so that the draft checks beside it.

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "import/draft.hpp"

namespace emgen::gen::import {

// The codes of use_imported's notes: one per kind of change it makes to the draft.

/// An enum the imported schemas define: the draft uses theirs instead of its own.
inline constexpr std::string_view kImportedEnumUsed = "imported-enum-used";
/// A type the imported schemas define: the draft uses theirs instead of its own.
inline constexpr std::string_view kImportedTypeUsed = "imported-type-used";
/// A type listing every field of an imported type: it extends that type instead.
inline constexpr std::string_view kImportedBaseExtended = "imported-base-extended";

/// A type or enum of an imported schema set, as much of it as a draft needs to be matched against it.
struct ImportedDefinition {
  std::string name;
  bool is_enum = false;
  /// Where the imported set defines it.
  Location where;
  /// A type's fields, its bases' first; empty for an enum.
  std::vector<std::string> fields;
  /// A document type (one with `element:`) is never made a drafted type's base: it is a resource of its own.
  bool document = false;
};

/// The draft with the imported definitions used by name, each change a note at the draft's item:
/// - a type or enum of an imported name is left out, and the draft's uses of the name mean the imported one
///   (what the draft's own had and the imported one lacks is named in the note);
/// - a type that lists every field of an imported type that is no document, and extends nothing, extends it
///   instead of listing them (the one with most fields, as the merge does with a directory's base types).
/// Files left empty are dropped. The api is the first imported set's, so that the versions agree.
Draft use_imported(const Draft& draft, const std::vector<ImportedDefinition>& imported, const DraftApi& api,
                   std::vector<Diagnostic>& notes);

}  // namespace emgen::gen::import
