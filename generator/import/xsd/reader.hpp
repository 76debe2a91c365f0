// The reader of `emgen import xsd`, private to import/. XsdReader's parts (complex types, simple types, the names
// it claims, the families of documents, the notes) all read and write the same records of what it has drafted;
// its members are defined by concern: xsd.cpp (where things are, names, the index of declarations, naming),
// xsd/types.cpp (simple and complex types, fields), xsd/files.cpp (documents, and the files they are grouped into).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "import/xsd.hpp"
#include "text/english.hpp"

namespace emgen::gen::import::xsd_reading {

inline constexpr std::string_view kXsdNamespace = "http://www.w3.org/2001/XMLSchema";
inline constexpr int kUnbounded = -1;

struct Occurs {
  int min = 1;
  int max = 1;  // kUnbounded for "unbounded"
};

inline Occurs combine(Occurs outer, Occurs inner) {
  Occurs result;
  result.min = outer.min * inner.min;
  result.max = (outer.max == kUnbounded || inner.max == kUnbounded) ? kUnbounded : outer.max * inner.max;
  return result;
}

inline std::string_view local_part(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

inline std::string_view prefix_part(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

inline bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// `Type` and `Entity` suffixes dropped, as a person naming the type would: `BackupJobSessionEntityType` →
/// `BackupJobSession`, `LinkType` → `Link`, `EntityType` → `Entity`.
inline std::string type_name_from_xsd(const std::string& xsd_name) {
  std::string name = xsd_name;
  if (ends_with(name, "Type")) name.resize(name.size() - 4);
  if (ends_with(name, "Entity")) name.resize(name.size() - 6);
  return name;
}

inline std::string enum_name_from_xsd(const std::string& xsd_name) {
  std::string name = xsd_name;
  for (const std::string_view suffix : {"Enumeration", "EnumType", "Enum", "Type"})
    if (ends_with(name, suffix)) {
      name.resize(name.size() - suffix.size());
      break;
    }
  return name;
}

/// `BackupJobSessions` → `BackupJobSession`, `FileSystemEntries` → `FileSystemEntry`, `CredentialsInfoList` →
/// `CredentialsInfo`: the name of a family of documents.
inline std::vector<std::string> singular_candidates(const std::string& name) {
  std::vector<std::string> candidates;
  if (ends_with(name, "List")) candidates.push_back(name.substr(0, name.size() - 4));
  if (const std::string singular = emgen::text::singular(name); singular != name) candidates.push_back(singular);
  return candidates;
}

inline std::string trimmed_text(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xml_node child : node.children())
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) text += child.value();
  // One line: whitespace runs become one space.
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

/// A named (or anonymous) complex type as it will be written, and what it uses.
struct TypeRecord {
  DraftType draft;
  std::string xsd_name;  // empty for an anonymous type
  std::string owner;     // for an anonymous type: the type it was declared in
  std::set<std::string> uses;
  int order = 0;
};

struct EnumRecord {
  DraftEnum draft;
  std::string owner;
  int order = 0;
};

struct ListShape {
  std::string item_name;
  pugi::xml_node item;
};

class XsdReader {
 public:
  XsdReader(std::string path, std::string display) : path_(std::move(path)), display_(std::move(display)) {}

  XsdImport run(const XsdImportOptions& options);

 private:
  // ---- where things are -------------------------------------------------------------------------------------

  std::string display_name() const;

  std::string version_from_file_name() const;

  int line_at(std::size_t offset) const;

  int line_of(const pugi::xml_node& node) const;

  /// `complexType[@name='X']/complexContent/extension/sequence/element[@name='Y']`
  std::string path_of(pugi::xml_node node) const;

  void note(const pugi::xml_node& node, std::string message, std::string_view code);

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const;

  // ---- names and namespaces ---------------------------------------------------------------------------------

  std::string namespace_of_prefix(pugi::xml_node context, std::string_view prefix) const;

  bool is_xs(const pugi::xml_node& node, std::string_view local) const;

  struct QName {
    bool builtin = false;  // in the XML Schema namespace
    std::string local;
  };

  QName resolve_qname(const pugi::xml_node& context, std::string_view text);

  // ---- the index of global declarations ---------------------------------------------------------------------

  void index();

  /// The readers below follow nesting by recursion; a hostile file must not exhaust the stack. Walked
  /// without recursion, through parent and sibling links.
  void check_depth() const;

  void check_bases();

  std::string doc_of(const pugi::xml_node& node) const;

  static Occurs occurs_of(const pugi::xml_node& node);

  /// The particles and attributes of a complex type's own content, and its base (for an extension).
  struct Content {
    pugi::xml_node container;  // whose children are the particles and attributes
    std::string base;          // the complex base type's XSD name, if any
    bool simple_content = false;
    pugi::xml_node simple_base_holder;
  };

  Content content_of(const pugi::xml_node& type);

  bool has_own_members(const pugi::xml_node& container);

  /// A type with no element and no attribute, its own or inherited (`ListType`, `InfoType`, `SpecType`): the
  /// schema language has no empty types, so it is not written and its subtypes do not extend it.
  bool is_empty(const std::string& xsd_name);

  /// A list type: one element repeated and nothing else (`LinkListType`: `<xs:choice maxOccurs="unbounded">
  /// <xs:element name="Link" type="LinkType"/></xs:choice>`), over an empty base at most. A field of such a type
  /// becomes a wrapped list (`repeated`, `item: Link`).
  std::optional<ListShape> list_shape(const pugi::xml_node& type);

  // ---- naming -----------------------------------------------------------------------------------------------

  std::string claim_name(std::string wanted, const std::string& fallback, const pugi::xml_node& where);

  void name_types();

  // ---- simple types -----------------------------------------------------------------------------------------

  std::string builtin_type(const std::string& local, const pugi::xml_node& where);

  /// The schema-language type of a named simple type: a primitive, Uid, or the name of the enum it becomes.
  std::string simple_type(const std::string& xsd_name, const pugi::xml_node& used_at);

  std::string simple_type_of(const pugi::xml_node& node, const std::string& xsd_name, const std::string& enum_name,
                             const std::string& owner);

  std::string provenance(const pugi::xml_node& node, const std::string& what, const std::string& doc) const;

  // ---- complex types ----------------------------------------------------------------------------------------

  TypeRecord& record_of(const std::string& name) { return records_.at(record_index_.at(name)); }

  /// Writes a named complex type once (list types only when something needs them as a type).
  std::string materialize_named(const std::string& xsd_name);

  std::string materialize_anonymous(const pugi::xml_node& node, const std::string& owner, const std::string& element);

  /// The record is added before its fields are read, so that a type that contains itself finds it.
  std::size_t add_record(const std::string& name, const std::string& xsd_name, const std::string& owner);

  void fill(std::size_t index, const pugi::xml_node& node, const std::string& what);

  void walk(const pugi::xml_node& container, Occurs outer, bool one_of_many, const std::string& owner, DraftType& draft,
            std::set<std::string>& uses);

  std::size_t count_particles(const pugi::xml_node& container);

  /// The type of an element declaration: a primitive, an enum, a type, or a list shape (item element + type).
  struct ElementType {
    std::string type;
    std::string item;  // set for a list
  };

  ElementType element_type(const pugi::xml_node& element, const std::string& owner, const std::string& name,
                           bool repeated);

  void add_field(DraftType& draft, DraftField field, const pugi::xml_node& where);

  void add_element(const pugi::xml_node& element, Occurs occurs, const std::string& owner, DraftType& draft,
                   std::set<std::string>& uses);

  void add_attribute(const pugi::xml_node& attribute, const std::string& owner, DraftType& draft,
                     std::set<std::string>& uses);

  // ---- documents --------------------------------------------------------------------------------------------

  void attach_elements();

  // ---- files ------------------------------------------------------------------------------------------------

  /// One file per family of documents (`BackupJobSession` with `BackupJobSessions`), the types only one family
  /// uses with it, and `common` for what several share. Files that would use each other in a cycle are merged.
  std::vector<DraftFile> group_into_files();

  static std::vector<std::string> find_cycle(const std::map<std::string, std::set<std::string>>& edges);

  std::string path_;
  std::string display_;
  std::string text_;
  pugi::xml_document document_;
  pugi::xml_node schema_;
  std::string target_namespace_;
  std::map<std::string, pugi::xml_node> complex_types_;
  std::vector<std::pair<std::string, pugi::xml_node>> complex_order_;
  std::map<std::string, pugi::xml_node> simple_types_;
  std::map<std::string, pugi::xml_node> global_elements_;
  std::vector<pugi::xml_node> elements_;
  std::map<std::string, std::vector<pugi::xml_node>> documents_;
  std::map<std::string, std::string> names_;
  std::set<std::string> taken_names_;
  std::map<std::string, std::string> simple_results_;
  std::set<std::string> simple_in_progress_;
  std::set<std::string> in_progress_;
  std::vector<TypeRecord> records_;
  std::map<std::string, std::size_t> record_index_;
  std::map<std::ptrdiff_t, std::string> anonymous_names_;
  std::vector<EnumRecord> enums_;
  std::vector<Diagnostic> notes_;
  int order_ = 0;
};

}  // namespace emgen::gen::import::xsd_reading
