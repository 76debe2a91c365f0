// The reader of `emgen import page`, private to import/. PageReader keeps what the pages share (the types, enums
// and notes drafted so far); its members are defined by concern: page.cpp reads a page's tables into the draft,
// page/reconcile.cpp reconciles the drafted tables with the page's example payload. How a page's markdown, its
// payloads and its table cells are read is in markdown.cpp, payload.cpp and tables.cpp.
#pragma once

#include <map>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <utility>
#include <vector>

#include "import/page.hpp"
#include "import/page/markdown.hpp"
#include "import/page/payload.hpp"
#include "import/page/tables.hpp"

namespace emgen::gen::import::help_page {

inline bool is_urn(const std::string& text) {
  return text.size() > 4 && (text.rfind("urn:", 0) == 0 || text.rfind("URN:", 0) == 0);
}

class PageReader {
 public:
  explicit PageReader(const PageImportOptions& options) : options_(options) {}

  void read(const std::string& path);

  PageImport finish();

 private:
  void note(const Page& page, int line, const std::string& where, std::string message, std::string_view code);

  std::optional<Payload> main_payload(const Page& page);

  /// The first complete body an example request of the page sends.
  std::optional<Payload> request_payload(const Page& page);

  std::string type_name(const Page& page, const std::optional<Payload>& payload);

  std::string named_type(const Page& page);

  std::string description_of(const Page& page);

  DraftType& type_named(const std::string& name, const std::string& page);

  /// The pages name every parameter {ID} (`/backupSessions/{ID}/taskSessions/{ID}`); the schema language
  /// needs one name each: the second becomes {ID2}.
  static std::string distinct_parameters(const std::string& path);

  void read_links(const Page& page, const Table& table, DraftType& type);

  void read_endpoint(const Page& page, const Table& table, DraftType& type, const std::string& name,
                     bool documents_request_body);

  void draft_query_list(const Page& page, int line, const std::string& entity);

  void read_parameters(const Page& page, const Table& table, const std::vector<const Table*>& nested, DraftType& type,
                       const std::string& owner);

  bool is_taken(const std::string& name) { return types_.count(name) > 0 || enum_named(name) != nullptr; }

  std::string unique_name(const std::string& name);

  /// Whether a nested table is the one a row's description points to: `see [Lease Options](#LeaseOptions)`, `see
  /// Session Result` (plain text), or a table introduced by "The LeaseOptions element contains ...".
  static bool describes(const Table& table, const std::string& description, const std::string& field);

  void add_enum(const std::string& owner, const DraftEnum& enumeration);

  DraftEnum* enum_named(const std::string& name);

  /// Whether an Href of the example (`https://host:9398/api/restorePoints/a2d7...`) is an instance of a
  /// documented path (`/restorePoints/{ID}`): literal segments equal, a {parameter} matching any segment.
  bool matches(const std::string& href, const std::string& path) const;

  /// The example's links against the Links table: where the example gives a documented path another relation
  /// (the 2014 backup session links /restorePoints/{ID} as Related, the table says Down), the example wins and
  /// the table's word is kept in the link's doc.
  void reconcile_links(const Page& page, const Payload& payload, const pugi::xml_node& root, DraftType& type);

  /// An element with attributes and text (`<Day Name="Sunday">1,1,...</Day>`), which the schema language cannot
  /// describe: no type it drafts would read the payload.
  static pugi::xml_node mixed_element(const pugi::xml_node& root);

  /// The example wins: names, attributes, presence and enum values are taken from it, and every disagreement
  /// with the table is a note.
  void reconcile(const Page& page, const Payload& payload, DraftType& type);

  void reconcile_element(const Page& page, const Payload& payload, const pugi::xml_node& element, DraftType& type,
                         const std::string& prefix, DraftExample& example);

  static bool is_complex(const pugi::xml_node& node);

  /// A type for elements the page has no table for, from every occurrence in the example: attributes and
  /// children in their first order; optional unless in every occurrence; a list when one repeats.
  std::string infer_type(std::string name, const std::vector<pugi::xml_node>& nodes);

  void check_value(const Page& page, const Payload& payload, const DraftType& type, DraftField& field,
                   const std::string& value);

  const PageImportOptions& options_;
  std::map<std::string, DraftType> types_;
  std::vector<DraftEndpoint> requests_;
  std::vector<std::string> order_;
  std::map<std::string, std::vector<std::string>> nested_of_;
  std::map<std::string, std::vector<DraftEnum>> enums_of_;
  std::vector<DraftPayload> payloads_;
  std::vector<std::string> sources_;
  std::vector<Diagnostic> notes_;
  bool needs_link_ = false;
  std::vector<std::pair<Page, Payload>> pending_;
  std::map<std::string, std::string> first_page_of_;
  std::string current_owner_;
  std::map<std::string, std::string> nested_tables_;  // page:line of a nested table → its type
};

}  // namespace emgen::gen::import::help_page
