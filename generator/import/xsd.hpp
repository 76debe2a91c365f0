#pragma once
// `emgen import xsd`: drafts a schema directory from an XML Schema such as the RestAPI.xsd that Veeam ships
// with Enterprise Manager.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "import/draft.hpp"

namespace emgen::gen::import {

// The codes of the XSD importer's notes: one per kind of XSD construct it drafts otherwise or not at all.

/// An xs:include, xs:import or xs:redefine: only the one file is imported.
inline constexpr std::string_view kNotFollowed = "not-followed";
/// A global declaration of a kind the importer does not draft (a group, a notation, ...).
inline constexpr std::string_view kGlobalNotImported = "global-not-imported";
/// A complex type derived by restriction, drafted from its own content only.
inline constexpr std::string_view kRestrictionAsContent = "restriction-as-content";
/// A drafted type's wanted name is taken; it is drafted under another.
inline constexpr std::string_view kNameTaken = "name-taken";
/// A global element without a named type; not drafted as a document.
inline constexpr std::string_view kElementWithoutType = "element-without-type";
/// A global element of a simple type, which is no document; not drafted.
inline constexpr std::string_view kSimpleDocument = "simple-document";
/// A global element whose type has no content; not drafted.
inline constexpr std::string_view kEmptyDocument = "empty-document";
/// A type that is also another element's document: that document is drafted as a type extending it.
inline constexpr std::string_view kDocumentExtends = "document-extends";
/// An unbounded or unsigned 64-bit XSD integer read as Long, which refuses larger values.
inline constexpr std::string_view kReadAsLong = "read-as-long";
/// An XSD built-in type with no schema-language type; read as String.
inline constexpr std::string_view kUnmappedBuiltin = "unmapped-builtin";
/// An xs:list or xs:union read as one String.
inline constexpr std::string_view kListAsString = "list-as-string";
/// A pattern that escapes ':' as XML Schema does not allow; read as ':'.
inline constexpr std::string_view kEscapedColon = "escaped-colon";
/// A pattern facet the drafted type does not enforce.
inline constexpr std::string_view kPatternNotEnforced = "pattern-not-enforced";
/// A facet other than a pattern or an enumeration, not enforced.
inline constexpr std::string_view kFacetNotEnforced = "facet-not-enforced";
/// A simpleType without a restriction, read as String.
inline constexpr std::string_view kSimpleTypeAsString = "simple-type-as-string";
/// A complex type's simple (text) content, not drafted; its attributes are.
inline constexpr std::string_view kTextContentDropped = "text-content-dropped";
/// A repeating sequence drafted as one list per element; their interleaving is lost.
inline constexpr std::string_view kRepeatingSequence = "repeating-sequence";
/// A repeating choice drafted as one list per element; their relative order is lost.
inline constexpr std::string_view kRepeatingChoice = "repeating-choice";
/// A choice of one element drafted as optional fields; that only one is present is not checked.
inline constexpr std::string_view kChoiceAsOptionals = "choice-as-optionals";
/// An xs:any wildcard, not drafted: what it allows is skipped when read.
inline constexpr std::string_view kAnyDropped = "any-dropped";
/// An xs:anyAttribute wildcard, not drafted: unknown attributes are skipped when read.
inline constexpr std::string_view kAnyAttributeDropped = "any-attribute-dropped";
/// A reference to an xs:group or xs:attributeGroup, not drafted.
inline constexpr std::string_view kGroupNotImported = "group-not-imported";
/// An element whose named type has no content, read as String.
inline constexpr std::string_view kEmptyTypeAsString = "empty-type-as-string";
/// An element of anonymous empty content, read as String.
inline constexpr std::string_view kEmptyElementAsString = "empty-element-as-string";
/// An element without a type (xs:anyType), read as String.
inline constexpr std::string_view kAnyTypeAsString = "any-type-as-string";
/// A second field of one name in one type; dropped.
inline constexpr std::string_view kSecondFieldDropped = "second-field-dropped";
/// A default or fixed value of an element or attribute, not applied when it is absent.
inline constexpr std::string_view kDefaultNotApplied = "default-not-applied";
/// A reference to a global attribute, not drafted.
inline constexpr std::string_view kAttributeRefNotImported = "attribute-ref-not-imported";

/// An XSD that cannot be imported at all (not XML, not a schema, a reference to a type it does not define);
/// what() is `FILE:LINE: xsd path: message`.
class ImportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct XsdImportOptions {
  std::string title = "Veeam Backup Enterprise Manager REST API";
  /// api.yaml's version; empty: taken from the file name (`RestAPI_v1_3.xsd` → v1_3).
  std::string api_version;
  /// api.yaml's build; empty: the version.
  std::string build;
  std::string base_path = "/api";
};

struct XsdImport {
  Draft draft;
  /// Warnings: what the import could not carry over as it is (a wildcard, a facet, a content model the schema
  /// language has no form for), or a choice a reviewer should know about; each at its line and XSD path
  /// (`complexType[@name='TimePeriodsType']/.../element[@name='Day']`).
  std::vector<Diagnostic> notes;
  std::size_t complex_types = 0;
  std::size_t simple_types = 0;
  std::size_t global_elements = 0;
};

/// Reads the XSD at path. Throws ImportError for a file that is not a usable XML Schema.
XsdImport import_xsd(const std::string& path, const XsdImportOptions& options);

}  // namespace emgen::gen::import
