#pragma once
// `emgen import xsd`: drafts a schema directory from an XML Schema such as the RestAPI.xsd that Veeam ships
// with Enterprise Manager.

#include <stdexcept>
#include <string>
#include <vector>

#include "diagnostics.hpp"
#include "import/draft.hpp"

namespace emgen::gen::import {

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
