#pragma once
// `emgen import page`: drafts schemas from the EM REST API help pages (the markdown form of
// helpcenter.veeam.com/docs/vbr/em_rest/, as in the project's seed pages).

#include <string>
#include <string_view>
#include <vector>

#include "import/draft.hpp"
#include "import/xsd.hpp"

namespace emgen::gen::import {

// The codes of the page importer's notes: one per kind of page content it drafts otherwise or not at all.

/// An example payload the page publishes incomplete (tools count them); not drafted.
inline constexpr std::string_view kCutShortPayload = "cut-short-payload";
/// An endpoint's body type has no document element; the body is not drafted.
inline constexpr std::string_view kBodyWithoutElement = "body-without-element";
/// A page that documents no representation of its own (no parameter table, no complete example).
inline constexpr std::string_view kNothingDrafted = "nothing-drafted";
/// A JSON example payload: examples are drafted from XML payloads only.
inline constexpr std::string_view kJsonExampleSkipped = "json-example-skipped";
/// A row of a Links or Parameters table with fewer than 3 cells; not drafted.
inline constexpr std::string_view kShortRow = "short-row";
/// A Links row that is not a relationship and a path; not drafted.
inline constexpr std::string_view kBadLinkRow = "bad-link-row";
/// A link path with an empty segment (`//`), drafted without it.
inline constexpr std::string_view kEmptyPathSegment = "empty-path-segment";
/// An HTTP Request that is not `METHOD https://.../api/path`; no endpoint drafted.
inline constexpr std::string_view kBadRequestLine = "bad-request-line";
/// A query entity drafted as a list of QueryEntities whose element name is inferred: to check.
inline constexpr std::string_view kQueryListDrafted = "query-list-drafted";
/// A Parameters row whose name is not an element name; not drafted.
inline constexpr std::string_view kBadElementName = "bad-element-name";
/// A parameter's type that is neither a primitive nor a table of the page; drafted as String.
inline constexpr std::string_view kUnknownTableType = "unknown-table-type";
/// A Uid parameter whose possible values are no URNs; drafted as an enum of them.
inline constexpr std::string_view kUidWithValues = "uid-with-values";
/// A parameter that differs from another only in letter case; drafted as its alias.
inline constexpr std::string_view kCaseAlias = "case-alias";
/// A link whose rel the table and the example disagree on: the example's is drafted.
inline constexpr std::string_view kExampleRelWins = "example-rel-wins";
/// An example element with both attributes and text; the type is drafted from the tables alone.
inline constexpr std::string_view kMixedContentExample = "mixed-content-example";
/// An attribute in the example, not in the table: drafted as an optional String.
inline constexpr std::string_view kAttributeFromExample = "attribute-from-example";
/// A field the example names otherwise than the table: the example's name, the table's an alias.
inline constexpr std::string_view kRenamedByExample = "renamed-by-example";
/// An element in the example, not in the table: drafted as an optional String.
inline constexpr std::string_view kElementFromExample = "element-from-example";
/// A field the example repeats: drafted as a list.
inline constexpr std::string_view kListFromExample = "list-from-example";
/// An element with content and no table: its type drafted from the example, every value a String.
inline constexpr std::string_view kTypeFromExample = "type-from-example";
/// A required field of the table the example lacks: drafted optional.
inline constexpr std::string_view kMissingFromExample = "missing-from-example";
/// A Uid field whose example value is no URN: drafted as a String.
inline constexpr std::string_view kUidNotUrn = "uid-not-urn";
/// An example value the table's possible values do not list: added to the enum.
inline constexpr std::string_view kValueFromExample = "value-from-example";

struct PageImportOptions {
  std::string title = "Veeam Backup Enterprise Manager REST API";
  /// api.yaml's version.
  std::string api_version = "v1_7";
  std::string xml_namespace = "http://www.veeam.com/ent/v1.0";
  std::string base_path = "/api";
  /// Return an empty draft, rather than throw, when no page documents a representation (em-coverage reads the
  /// requests of every page).
  bool allow_empty = false;
};

struct PageImport {
  Draft draft;
  /// Contradictions between a page and its own example, payloads cut short, rows not understood: each names
  /// the page and the line.
  std::vector<Diagnostic> notes;
  /// Every HTTP request the pages state (`GET /backupSessions`), whether or not a type was drafted from them.
  std::vector<DraftEndpoint> requests;
};

/// Reads the pages (markdown with front matter). A type documented by several pages (a resource page and its
/// GET page) is drafted once, from all of them. Throws ImportError for a file that cannot be read.
PageImport import_pages(const std::vector<std::string>& paths, const PageImportOptions& options);

}  // namespace emgen::gen::import
