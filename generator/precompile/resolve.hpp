#pragma once
// Resolving and checking: schema AST → IR. Every violation is reported with its location.

#include <string_view>
#include <vector>

#include "format/ast.hpp"
#include "precompile/ir.hpp"

namespace emgen::gen::precompile {

// The codes of the resolver's diagnostics: one per kind of problem, stable for tools (`--diagnostics json`)
// and for telling problems apart; the message says the particulars.

/// No api.yaml in the schema directory.
inline constexpr std::string_view kMissingApiFile = "missing-api-file";
/// A value of api.yaml the language does not accept (version, xml_namespace, base_path).
inline constexpr std::string_view kBadApiValue = "bad-api-value";
/// A file or an imported set of another API version.
inline constexpr std::string_view kApiVersionMismatch = "api-version-mismatch";
/// A schema file whose name is not an identifier.
inline constexpr std::string_view kBadFileName = "bad-file-name";
/// Schema files that use each other in a cycle.
inline constexpr std::string_view kFileDependencyCycle = "file-dependency-cycle";
/// A type or enum name that is not PascalCase.
inline constexpr std::string_view kBadTypeName = "bad-type-name";
/// A type or enum named as a primitive.
inline constexpr std::string_view kPrimitiveRedefined = "primitive-redefined";
/// A name defined twice in the set (related: first defined at).
inline constexpr std::string_view kDuplicateName = "duplicate-name";
/// A name an imported set defines (related: first defined at).
inline constexpr std::string_view kImportedNameRedefined = "imported-name-redefined";
/// A name two imported sets define (related: first defined at).
inline constexpr std::string_view kDuplicateImportedName = "duplicate-imported-name";
/// A type name nothing defines, with a suggestion.
inline constexpr std::string_view kUnknownName = "unknown-name";
/// An enum or a primitive where a type with fields belongs, or a body that is no document.
inline constexpr std::string_view kWrongKindOfType = "wrong-kind-of-type";
/// An element, field, alias or item name that is not an XML name.
inline constexpr std::string_view kBadXmlName = "bad-xml-name";
/// Two document types on one element.
inline constexpr std::string_view kDuplicateElement = "duplicate-element";
/// An enum value with empty wire text.
inline constexpr std::string_view kEmptyEnumValue = "empty-enum-value";
/// An enum value or value name listed twice.
inline constexpr std::string_view kDuplicateEnumValue = "duplicate-enum-value";
/// Types that extend each other in a cycle.
inline constexpr std::string_view kInheritanceCycle = "inheritance-cycle";
/// A type that contains itself through required fields.
inline constexpr std::string_view kTypeCycle = "type-cycle";
/// A type with no fields, own or inherited, and no 'fields: []'.
inline constexpr std::string_view kNoFields = "no-fields";
/// Two fields (or aliases) on one XML name.
inline constexpr std::string_view kDuplicateField = "duplicate-field";
/// Two fields on one JSON member name.
inline constexpr std::string_view kJsonNameClash = "json-name-clash";
/// A json: override that does not apply.
inline constexpr std::string_view kBadJson = "bad-json";
/// A field whose keys contradict each other (optional and repeated, a repeated attribute, item without repeated, a
/// complex attribute).
inline constexpr std::string_view kBadField = "bad-field";
/// A text: true field where it cannot be.
inline constexpr std::string_view kTextField = "text-field";
/// A query: key that does not apply.
inline constexpr std::string_view kBadQuery = "bad-query";
/// A query type two fields hold (related: first defined at).
inline constexpr std::string_view kDuplicateQueryType = "duplicate-query-type";
/// An entity type given two query types (related: first defined at).
inline constexpr std::string_view kDuplicateQueryEntity = "duplicate-query-entity";
/// A link or endpoint path the language does not accept.
inline constexpr std::string_view kBadPath = "bad-path";
/// A path parameter named twice.
inline constexpr std::string_view kDuplicatePathParameter = "duplicate-path-parameter";
/// An HTTP method that is not GET, POST, PUT or DELETE, or a body a method cannot send.
inline constexpr std::string_view kBadMethod = "bad-method";
/// A link with an empty rel.
inline constexpr std::string_view kBadLink = "bad-link";
/// A file_paths: entry listed twice or not a parameter of the path.
inline constexpr std::string_view kBadFilePath = "bad-file-path";
/// A client_name: that is empty, or beside client: false.
inline constexpr std::string_view kBadClientName = "bad-client-name";
/// Examples of a type that is no document type.
inline constexpr std::string_view kExampleWithoutElement = "example-without-element";
/// An example file outside the directory, missing, of another format or listed twice.
inline constexpr std::string_view kBadExampleFile = "bad-example-file";
/// An example whose root element is not the type's (related: the element).
inline constexpr std::string_view kExampleRootMismatch = "example-root-mismatch";
/// Two examples whose generated tests have one name.
inline constexpr std::string_view kExampleTestClash = "example-test-clash";
/// An expect: path that does not lead to a field.
inline constexpr std::string_view kBadExpectPath = "bad-expect-path";
/// An expect: value the field cannot hold.
inline constexpr std::string_view kBadExpectValue = "bad-expect-value";
/// An area name that is not lower-case letters, digits and '_', starting with a letter.
inline constexpr std::string_view kBadAreaName = "bad-area-name";
/// Two areas with one name (related: first defined at).
inline constexpr std::string_view kDuplicateArea = "duplicate-area";
/// An area with no types, a type listed twice in one area, or a type of an imported set.
inline constexpr std::string_view kBadAreaType = "bad-area-type";
/// A warning: document types that no area lists, when api.yaml has areas.
inline constexpr std::string_view kTypeInNoArea = "type-in-no-area";

/// Other schema sets whose types and enums this one may use by name (protobuf's `import`): each resolved on its
/// own first, its files marked with imported_from.
struct Imports {
  std::vector<const ir::Model*> models;
  /// An imported set of another API version is an error unless this is set.
  bool allow_other_versions = false;
};

/// Throws SchemaErrors with every problem found.
void resolve(const format::SchemaSetAst& schemas, ir::Model& model, const Imports& imports = {});

}  // namespace emgen::gen::precompile
