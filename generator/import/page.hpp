#pragma once
// `emgen import page`: drafts schemas from the EM REST API help pages (the markdown form of
// helpcenter.veeam.com/docs/vbr/em_rest/, as in the project's seed pages).

#include <string>
#include <string_view>
#include <vector>

#include "import/draft.hpp"
#include "import/xsd.hpp"

namespace emgen::gen::import {

/// The code of the warning about an example payload a page publishes incomplete (tools count them).
inline constexpr std::string_view kCutShortPayload = "cut-short-payload";

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
