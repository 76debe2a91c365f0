// `emgen import xsd`: an XML Schema read into a draft. XsdReader's parts (complex types, simple types, the
// names it claims, the families of documents, the notes) all read and write the same records of what it has
// drafted, so it stays one class (about 850 lines).

#include "import/xsd.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "format/vocabulary.hpp"
#include "naming.hpp"
#include "text/english.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {

namespace {

constexpr std::string_view kXsdNamespace = "http://www.w3.org/2001/XMLSchema";
constexpr int kUnbounded = -1;

struct Occurs {
  int min = 1;
  int max = 1;  // kUnbounded for "unbounded"
};

Occurs combine(Occurs outer, Occurs inner) {
  Occurs result;
  result.min = outer.min * inner.min;
  result.max = (outer.max == kUnbounded || inner.max == kUnbounded) ? kUnbounded : outer.max * inner.max;
  return result;
}

std::string_view local_part(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix_part(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view{} : name.substr(0, colon);
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// `Type` and `Entity` suffixes dropped, as a person naming the type would: `BackupJobSessionEntityType` →
/// `BackupJobSession`, `LinkType` → `Link`, `EntityType` → `Entity`.
std::string type_name_from_xsd(const std::string& xsd_name) {
  std::string name = xsd_name;
  if (ends_with(name, "Type")) name.resize(name.size() - 4);
  if (ends_with(name, "Entity")) name.resize(name.size() - 6);
  return name;
}

std::string enum_name_from_xsd(const std::string& xsd_name) {
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
std::vector<std::string> singular_candidates(const std::string& name) {
  std::vector<std::string> candidates;
  if (ends_with(name, "List")) candidates.push_back(name.substr(0, name.size() - 4));
  if (const std::string singular = emgen::text::singular(name); singular != name) candidates.push_back(singular);
  return candidates;
}

std::string trimmed_text(const pugi::xml_node& node) {
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

  XsdImport run(const XsdImportOptions& options) {
    std::optional<std::string> bytes = emgen::text::read_file(path_);
    if (!bytes) throw ImportError(display_ + ": cannot be read");
    text_ = std::move(*bytes);
    const pugi::xml_parse_result parsed =
        document_.load_buffer(text_.data(), text_.size(), pugi::parse_default & ~pugi::parse_doctype);
    if (!parsed)
      throw ImportError(display_ + ":" + std::to_string(line_at(static_cast<std::size_t>(parsed.offset))) +
                        ": not well-formed XML: " + parsed.description());
    schema_ = document_.document_element();
    if (!is_xs(schema_, "schema"))
      fail(schema_, "the root element is not xs:schema (" + std::string(kXsdNamespace) + ")");
    target_namespace_ = schema_.attribute("targetNamespace").value();

    check_depth();
    index();
    check_bases();
    name_types();
    // List types that no element uses as a document are written where they are used, as wrapped lists.
    for (const auto& [xsd_name, node] : complex_order_)
      if (names_.count(xsd_name)) materialize_named(xsd_name);
    attach_elements();

    XsdImport result;
    result.complex_types = complex_types_.size();
    result.simple_types = simple_types_.size();
    result.global_elements = elements_.size();
    result.draft.api.title = options.title;
    result.draft.api.version = options.api_version.empty() ? version_from_file_name() : options.api_version;
    if (result.draft.api.version.empty())
      throw ImportError(display_ + ": the API version is not in the file name (RestAPI_v1_3.xsd); give --api-version");
    result.draft.api.build = options.build.empty() ? result.draft.api.version : options.build;
    result.draft.api.xml_namespace = target_namespace_;
    result.draft.api.base_path = options.base_path;
    result.draft.source = "the XSD";
    result.draft.header = "Drafted by `emgen import xsd` from " + display_name() +
                          ". Review before committing (README: Importing from Veeam's XSD and help pages).";
    result.draft.files = group_into_files();
    result.notes = std::move(notes_);
    std::stable_sort(result.notes.begin(), result.notes.end(),
                     [](const Diagnostic& a, const Diagnostic& b) { return a.where.line < b.where.line; });
    return result;
  }

 private:
  // ---- where things are -------------------------------------------------------------------------------------

  std::string display_name() const {
    const std::size_t slash = display_.find_last_of('/');
    return slash == std::string::npos ? display_ : display_.substr(slash + 1);
  }

  std::string version_from_file_name() const {
    const std::string name = display_name();
    const std::size_t at = name.find("_v");
    if (at == std::string::npos) return "";
    std::string version = "v";
    for (std::size_t i = at + 2;
         i < name.size() && (std::isdigit(static_cast<unsigned char>(name[i])) || name[i] == '_'); ++i)
      version += name[i];
    while (version.ends_with('_')) version.pop_back();
    return version.size() > 1 ? version : "";
  }

  int line_at(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  }

  int line_of(const pugi::xml_node& node) const {
    const std::ptrdiff_t offset = node.offset_debug();
    return offset < 0 ? 0 : line_at(static_cast<std::size_t>(offset));
  }

  /// `complexType[@name='X']/complexContent/extension/sequence/element[@name='Y']`
  std::string path_of(pugi::xml_node node) const {
    std::vector<std::string> steps;
    for (; node && node != schema_ && node.type() == pugi::node_element; node = node.parent()) {
      std::string step(local_part(node.name()));
      if (const pugi::xml_attribute name = node.attribute("name"))
        step += "[@name='" + std::string(name.value()) + "']";
      steps.push_back(step);
    }
    std::string path;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it) path += (path.empty() ? "" : "/") + *it;
    return path.empty() ? "schema" : path;
  }

  void note(const pugi::xml_node& node, std::string message) {
    notes_.push_back(Diagnostic::warning(Location{display_, line_of(node), 0, path_of(node)}, std::move(message)));
  }

  [[noreturn]] void fail(const pugi::xml_node& node, const std::string& message) const {
    throw ImportError(display_ + ":" + std::to_string(line_of(node)) + ": " + path_of(node) + ": " + message);
  }

  // ---- names and namespaces ---------------------------------------------------------------------------------

  std::string namespace_of_prefix(pugi::xml_node context, std::string_view prefix) const {
    const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
    for (; context; context = context.parent())
      if (const pugi::xml_attribute declared = context.attribute(attribute.c_str())) return declared.value();
    return prefix == "xml" ? "http://www.w3.org/XML/1998/namespace" : "";
  }

  bool is_xs(const pugi::xml_node& node, std::string_view local) const {
    return node.type() == pugi::node_element && local_part(node.name()) == local &&
           namespace_of_prefix(node, prefix_part(node.name())) == kXsdNamespace;
  }

  struct QName {
    bool builtin = false;  // in the XML Schema namespace
    std::string local;
  };

  QName resolve_qname(const pugi::xml_node& context, std::string_view text) {
    const std::string_view prefix = prefix_part(text);
    const std::string ns = namespace_of_prefix(context, prefix);
    if (!prefix.empty() && ns.empty()) fail(context, "the prefix '" + std::string(prefix) + "' is not declared");
    if (ns == kXsdNamespace) return QName{true, std::string(local_part(text))};
    if (ns != target_namespace_)
      fail(context, "'" + std::string(text) + "' names a type of namespace '" + ns +
                        "', which this file does not define (xs:import is not followed)");
    return QName{false, std::string(local_part(text))};
  }

  // ---- the index of global declarations ---------------------------------------------------------------------

  void index() {
    for (const pugi::xml_node child : schema_.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string name = child.attribute("name").value();
      if (is_xs(child, "complexType")) {
        if (name.empty()) fail(child, "a global complexType needs a name");
        if (!complex_types_.emplace(name, child).second) fail(child, "complexType '" + name + "' is defined twice");
        complex_order_.emplace_back(name, child);
      } else if (is_xs(child, "simpleType")) {
        if (name.empty()) fail(child, "a global simpleType needs a name");
        if (!simple_types_.emplace(name, child).second) fail(child, "simpleType '" + name + "' is defined twice");
      } else if (is_xs(child, "element")) {
        if (name.empty()) fail(child, "a global element needs a name");
        if (!global_elements_.emplace(name, child).second) fail(child, "element '" + name + "' is defined twice");
        elements_.push_back(child);
      } else if (is_xs(child, "annotation")) {
        continue;
      } else if (is_xs(child, "include") || is_xs(child, "import") || is_xs(child, "redefine")) {
        note(child, "not followed: only this file is imported");
      } else {
        note(child, "global " + std::string(local_part(child.name())) + " is not imported");
      }
    }
  }

  /// The readers below follow nesting by recursion; a hostile file must not exhaust the stack. Walked
  /// without recursion, through parent and sibling links.
  void check_depth() const {
    constexpr int kMaxDepth = 100;
    int depth = 0;
    for (pugi::xml_node node = schema_; node;) {
      if (node.first_child()) {
        node = node.first_child();
        if (++depth > kMaxDepth) fail(node, "nested deeper than " + std::to_string(kMaxDepth) + " levels");
        continue;
      }
      while (node && node != schema_ && !node.next_sibling()) {
        node = node.parent();
        --depth;
      }
      if (!node || node == schema_) break;
      node = node.next_sibling();
    }
  }

  void check_bases() {
    for (const auto& [xsd_name, node] : complex_order_) {
      std::set<std::string> seen{xsd_name};
      for (std::string base = content_of(node).base; !base.empty(); base = content_of(complex_types_.at(base)).base)
        if (!seen.insert(base).second) {
          if (base == xsd_name) fail(node, "complexType '" + xsd_name + "' derives from itself");
          break;  // a cycle further up is reported at a type of its own
        }
    }
  }

  std::string doc_of(const pugi::xml_node& node) const {
    std::string doc;
    for (const pugi::xml_node annotation : node.children())
      if (is_xs(annotation, "annotation"))
        for (const pugi::xml_node documentation : annotation.children())
          if (is_xs(documentation, "documentation")) {
            const std::string text = trimmed_text(documentation);
            if (!text.empty()) doc += (doc.empty() ? "" : " ") + text;
          }
    return doc;
  }

  static Occurs occurs_of(const pugi::xml_node& node) {
    Occurs occurs;
    const std::string min = node.attribute("minOccurs").value();
    const std::string max = node.attribute("maxOccurs").value();
    if (!min.empty()) occurs.min = std::atoi(min.c_str());
    if (max == "unbounded")
      occurs.max = kUnbounded;
    else if (!max.empty())
      occurs.max = std::atoi(max.c_str());
    return occurs;
  }

  /// The particles and attributes of a complex type's own content, and its base (for an extension).
  struct Content {
    pugi::xml_node container;  // whose children are the particles and attributes
    std::string base;          // the complex base type's XSD name, if any
    bool simple_content = false;
    pugi::xml_node simple_base_holder;
  };

  Content content_of(const pugi::xml_node& type) {
    Content content{type, "", false, {}};
    for (const pugi::xml_node child : type.children()) {
      if (is_xs(child, "complexContent") || is_xs(child, "simpleContent")) {
        const bool simple = is_xs(child, "simpleContent");
        for (const pugi::xml_node derivation : child.children()) {
          if (is_xs(derivation, "extension") || is_xs(derivation, "restriction")) {
            if (is_xs(derivation, "restriction") && !simple)
              note(derivation, "derivation by restriction is read as its own content only");
            content.container = derivation;
            const QName base = resolve_qname(derivation, derivation.attribute("base").value());
            if (simple) {
              content.simple_content = true;
              content.simple_base_holder = derivation;
            } else if (!base.builtin) {
              if (!complex_types_.count(base.local))
                fail(derivation, "base type '" + base.local + "' is not a complexType of this file");
              content.base = base.local;
            }
          }
        }
      }
    }
    return content;
  }

  bool has_own_members(const pugi::xml_node& container) {
    for (const pugi::xml_node child : container.children()) {
      if (is_xs(child, "attribute") || is_xs(child, "element")) return true;
      if (is_xs(child, "sequence") || is_xs(child, "choice") || is_xs(child, "all"))
        if (has_own_members(child)) return true;
    }
    return false;
  }

  /// A type with no element and no attribute, its own or inherited (`ListType`, `InfoType`, `SpecType`): the
  /// schema language has no empty types, so it is not written and its subtypes do not extend it.
  bool is_empty(const std::string& xsd_name) {
    std::set<std::string> seen;
    for (std::string name = xsd_name; !name.empty() && seen.insert(name).second;) {
      const Content content = content_of(complex_types_.at(name));
      if (content.simple_content || has_own_members(content.container)) return false;
      name = content.base;
    }
    return true;
  }

  /// A list type: one element repeated and nothing else (`LinkListType`: `<xs:choice maxOccurs="unbounded">
  /// <xs:element name="Link" type="LinkType"/></xs:choice>`), over an empty base at most. A field of such a type
  /// becomes a wrapped list (`repeated`, `item: Link`).
  std::optional<ListShape> list_shape(const pugi::xml_node& type) {
    const Content content = content_of(type);
    if (content.simple_content || (!content.base.empty() && !is_empty(content.base))) return std::nullopt;
    pugi::xml_node particle;
    for (const pugi::xml_node child : content.container.children()) {
      if (child.type() != pugi::node_element || is_xs(child, "annotation")) continue;
      if (particle) return std::nullopt;
      particle = child;
    }
    // A sequence that only holds the repeating choice: `<xs:sequence><xs:choice maxOccurs="unbounded">...`.
    while (particle && is_xs(particle, "sequence") && occurs_of(particle).max == 1) {
      pugi::xml_node only;
      for (const pugi::xml_node child : particle.children()) {
        if (child.type() != pugi::node_element || is_xs(child, "annotation")) continue;
        if (only) return std::nullopt;
        only = child;
      }
      if (!only || is_xs(only, "element")) break;
      particle = only;
    }
    if (!particle || !(is_xs(particle, "choice") || is_xs(particle, "sequence"))) return std::nullopt;
    pugi::xml_node item;
    for (const pugi::xml_node child : particle.children()) {
      if (child.type() != pugi::node_element || is_xs(child, "annotation")) continue;
      if (item || !is_xs(child, "element")) return std::nullopt;
      item = child;
    }
    if (!item) return std::nullopt;
    const Occurs occurs = combine(occurs_of(particle), occurs_of(item));
    if (occurs.max == 1) return std::nullopt;
    std::string item_name = item.attribute("name").value();
    if (item_name.empty()) item_name = std::string(local_part(item.attribute("ref").value()));
    return ListShape{item_name, item};
  }

  // ---- naming -----------------------------------------------------------------------------------------------

  std::string claim_name(std::string wanted, const std::string& fallback, const pugi::xml_node& where) {
    if (wanted.empty()) wanted = fallback;
    if (!is_identifier(wanted) || !(wanted[0] >= 'A' && wanted[0] <= 'Z')) wanted = identifier_words(wanted);
    if (wanted.empty()) wanted = "Unnamed";
    if (taken_names_.insert(wanted).second) return wanted;
    std::string name = fallback.empty() ? wanted : identifier_words(fallback);
    for (int n = 2; !taken_names_.insert(name).second; ++n) name = wanted + std::to_string(n);
    note(where, "named '" + name + "': '" + wanted + "' is taken");
    return name;
  }

  void name_types() {
    // Primitive names are not free.
    for (const std::string_view primitive : format::vocabulary::kPrimitiveTypes) taken_names_.emplace(primitive);
    for (const pugi::xml_node element : elements_) {
      const pugi::xml_attribute type = element.attribute("type");
      if (!type) continue;
      const QName name = resolve_qname(element, type.value());
      if (!name.builtin && complex_types_.count(name.local)) documents_[name.local].push_back(element);
    }
    // A type that is the document of one element is named after it (EntityReferenceType → EntityRef); those
    // names are claimed first, so that no derived name takes them.
    for (const auto& [xsd_name, node] : complex_order_) {
      const auto found = documents_.find(xsd_name);
      if (found != documents_.end() && found->second.size() == 1)
        names_[xsd_name] = claim_name(found->second.front().attribute("name").value(), xsd_name, node);
    }
    for (const auto& [xsd_name, node] : complex_order_) {
      if (names_.count(xsd_name) || (list_shape(node) && !documents_.count(xsd_name))) continue;
      names_[xsd_name] = claim_name(type_name_from_xsd(xsd_name), xsd_name, node);
    }
  }

  // ---- simple types -----------------------------------------------------------------------------------------

  std::string builtin_type(const std::string& local, const pugi::xml_node& where) {
    // XML Schema's own names of the primitives (xs:int, xs:dateTime) are the vocabulary's synonyms; these are
    // the other built-in types, read as the primitive that holds their values.
    static const std::map<std::string, std::string> kNarrower = {{"normalizedString", "String"},
                                                                 {"token", "String"},
                                                                 {"anyURI", "String"},
                                                                 {"NMTOKEN", "String"},
                                                                 {"Name", "String"},
                                                                 {"language", "String"},
                                                                 {"ID", "String"},
                                                                 {"short", "Int"},
                                                                 {"byte", "Int"},
                                                                 {"unsignedShort", "Int"},
                                                                 {"unsignedByte", "Int"},
                                                                 {"integer", "Long"},
                                                                 {"unsignedInt", "Long"}};
    if (const auto primitive = format::vocabulary::primitive_of_synonym(local)) return std::string(*primitive);
    if (const auto found = kNarrower.find(local); found != kNarrower.end()) return found->second;
    if (local == "unsignedLong" || local == "nonNegativeInteger" || local == "positiveInteger") {
      note(where, "xs:" + local + " is read as Long: values above 9223372036854775807 would be refused");
      return "Long";
    }
    note(where, "xs:" + local + " has no schema-language type; read as String");
    return "String";
  }

  /// The schema-language type of a named simple type: a primitive, Uid, or the name of the enum it becomes.
  std::string simple_type(const std::string& xsd_name, const pugi::xml_node& used_at) {
    if (const auto done = simple_results_.find(xsd_name); done != simple_results_.end()) return done->second;
    const auto found = simple_types_.find(xsd_name);
    if (found == simple_types_.end()) {
      // The .NET-style names this API writes without a prefix, when the file does not define them itself.
      fail(used_at, "type '" + xsd_name + "' is defined nowhere in this file");
    }
    if (!simple_in_progress_.insert(xsd_name).second)
      fail(found->second, "simpleType '" + xsd_name + "' derives from itself");
    const std::string result = simple_type_of(found->second, xsd_name, enum_name_from_xsd(xsd_name), "");
    simple_results_[xsd_name] = result;
    return result;
  }

  std::string simple_type_of(const pugi::xml_node& node, const std::string& xsd_name, const std::string& enum_name,
                             const std::string& owner) {
    for (const pugi::xml_node child : node.children()) {
      if (is_xs(child, "list") || is_xs(child, "union")) {
        note(child, "xs:" + std::string(local_part(child.name())) + " is read as one String");
        return "String";
      }
      if (!is_xs(child, "restriction")) continue;
      std::string base = "String";
      bool base_is_uid = false;
      if (const pugi::xml_attribute base_attribute = child.attribute("base")) {
        const QName base_name = resolve_qname(child, base_attribute.value());
        base = base_name.builtin ? builtin_type(base_name.local, child) : simple_type(base_name.local, child);
        base_is_uid = base == "Uid";
      } else {
        for (const pugi::xml_node inner : child.children())
          if (is_xs(inner, "simpleType")) base = simple_type_of(inner, "", enum_name, owner);
      }
      DraftEnum enumeration;
      std::vector<pugi::xml_node> ignored;
      bool urn_pattern = false;
      for (const pugi::xml_node facet : child.children()) {
        if (facet.type() != pugi::node_element || is_xs(facet, "annotation") || is_xs(facet, "simpleType")) continue;
        if (is_xs(facet, "enumeration")) {
          const std::string wire = facet.attribute("value").value();
          enumeration.values.push_back(
              DraftEnumValue{wire, doc_of(facet), is_identifier(wire) ? "" : identifier_words(wire)});
        } else if (is_xs(facet, "pattern")) {
          const std::string pattern = facet.attribute("value").value();
          if (pattern.find("\\:") != std::string::npos)
            note(facet,
                 "the pattern escapes ':' as '\\:', which XML Schema does not allow (the file as Veeam ships "
                 "it); read as ':'");
          if (pattern.rfind("urn", 0) == 0 || xsd_name == "UidType" || xsd_name == "UrnType")
            urn_pattern = true;
          else
            note(facet, "pattern '" + pattern + "' is not enforced; values read as " + base);
        } else {
          note(facet, "facet xs:" + std::string(local_part(facet.name())) + " is not enforced");
        }
      }
      if (urn_pattern || base_is_uid) return "Uid";
      if (!enumeration.values.empty()) {
        enumeration.doc = provenance(
            node, xsd_name.empty() ? "a simpleType declared in " + owner : "simpleType " + xsd_name, doc_of(node));
        enumeration.name = claim_name(enum_name, xsd_name, node);
        EnumRecord record{enumeration, owner, static_cast<int>(enums_.size())};
        enums_.push_back(std::move(record));
        return enums_.back().draft.name;
      }
      return base;
    }
    note(node, "a simpleType without restriction is read as String");
    return "String";
  }

  std::string provenance(const pugi::xml_node& node, const std::string& what, const std::string& doc) const {
    std::string text = doc;
    if (!what.empty()) {
      if (!text.empty() && text.back() != '.') text += '.';
      text += (text.empty() ? "" : " ") + std::string("XSD: ") + what + " (" + display_name() + ":" +
              std::to_string(line_of(node)) + ").";
    }
    return text;
  }

  // ---- complex types ----------------------------------------------------------------------------------------

  TypeRecord& record_of(const std::string& name) { return records_.at(record_index_.at(name)); }

  /// Writes a named complex type once (list types only when something needs them as a type).
  std::string materialize_named(const std::string& xsd_name) {
    const pugi::xml_node node = complex_types_.at(xsd_name);
    if (!names_.count(xsd_name)) {
      if (!list_shape(node)) return "";
      names_[xsd_name] = claim_name(type_name_from_xsd(xsd_name), xsd_name, node);
    }
    const std::string& name = names_.at(xsd_name);
    if (record_index_.count(name) || is_empty(xsd_name)) return name;
    if (!in_progress_.insert(xsd_name).second) return name;  // a recursive type: its record is being written
    fill(add_record(name, xsd_name, ""), node, "complexType " + xsd_name);
    return name;
  }

  std::string materialize_anonymous(const pugi::xml_node& node, const std::string& owner, const std::string& element) {
    // A list type's anonymous item is met once per field of that list type, and written once.
    if (const auto done = anonymous_names_.find(node.offset_debug()); done != anonymous_names_.end())
      return done->second;
    const std::string name = claim_name(owner + element, "", node);
    anonymous_names_[node.offset_debug()] = name;
    fill(add_record(name, "", owner), node, "the anonymous complexType of " + owner + "/" + element);
    return name;
  }

  /// The record is added before its fields are read, so that a type that contains itself finds it.
  std::size_t add_record(const std::string& name, const std::string& xsd_name, const std::string& owner) {
    TypeRecord record;
    record.draft.name = name;
    record.xsd_name = xsd_name;
    record.owner = owner;
    record.order = order_++;
    record_index_[name] = records_.size();
    records_.push_back(std::move(record));
    return records_.size() - 1;
  }

  void fill(std::size_t index, const pugi::xml_node& node, const std::string& what) {
    const Content content = content_of(node);
    std::string base;
    if (!content.base.empty()) {
      if (is_empty(content.base))
        base.clear();
      else
        base = materialize_named(content.base);
    }
    DraftType draft;
    draft.doc = provenance(node, what, doc_of(node));
    draft.extends = base;
    std::set<std::string> uses;
    if (!base.empty()) uses.insert(base);
    const std::string owner = records_[index].draft.name;
    if (content.simple_content)
      note(content.simple_base_holder,
           "the element's text content is not imported (the schema language has no "
           "text-content field); its attributes are");
    walk(content.container, Occurs{}, false, owner, draft, uses);
    TypeRecord& record = records_[index];
    record.draft.doc = draft.doc;
    record.draft.extends = draft.extends;
    record.draft.fields = std::move(draft.fields);
    record.uses = std::move(uses);
  }

  void walk(const pugi::xml_node& container, Occurs outer, bool one_of_many, const std::string& owner, DraftType& draft,
            std::set<std::string>& uses) {
    for (const pugi::xml_node child : container.children()) {
      if (child.type() != pugi::node_element || is_xs(child, "annotation")) continue;
      if (is_xs(child, "element")) {
        Occurs occurs = combine(outer, occurs_of(child));
        if (one_of_many) occurs.min = 0;
        add_element(child, occurs, owner, draft, uses);
      } else if (is_xs(child, "attribute")) {
        add_attribute(child, owner, draft, uses);
      } else if (is_xs(child, "sequence") || is_xs(child, "all")) {
        const Occurs own = occurs_of(child);
        if (own.max != 1 && count_particles(child) > 1)
          note(child, "a repeating sequence becomes one list per element; how they interleave is not kept");
        Occurs occurs = combine(outer, own);
        if (one_of_many) occurs.min = 0;
        walk(child, occurs, false, owner, draft, uses);
      } else if (is_xs(child, "choice")) {
        const Occurs own = occurs_of(child);
        const Occurs occurs = combine(outer, own);
        const std::size_t alternatives = count_particles(child);
        if (occurs.max != 1 && alternatives > 1)
          note(child,
               "a repeating choice becomes one list per element; their order relative to each other is not kept");
        if (occurs.max == 1 && alternatives > 1)
          note(child, "a choice of one of " + std::to_string(alternatives) +
                          " elements: each becomes optional, and that only one is present is not checked");
        walk(child, occurs, alternatives > 1 && occurs.max == 1, owner, draft, uses);
      } else if (is_xs(child, "any")) {
        note(child, "wildcard xs:any dropped: what it allows is skipped (with a read warning) when read");
      } else if (is_xs(child, "anyAttribute")) {
        note(child, "wildcard xs:anyAttribute dropped: unknown attributes are skipped (with a read warning)");
      } else if (is_xs(child, "group") || is_xs(child, "attributeGroup")) {
        note(child, "xs:" + std::string(local_part(child.name())) + " references are not imported");
      }
    }
  }

  std::size_t count_particles(const pugi::xml_node& container) {
    std::size_t count = 0;
    for (const pugi::xml_node child : container.children())
      if (is_xs(child, "element") || is_xs(child, "sequence") || is_xs(child, "choice") || is_xs(child, "any")) ++count;
    return count;
  }

  /// The type of an element declaration: a primitive, an enum, a type, or a list shape (item element + type).
  struct ElementType {
    std::string type;
    std::string item;  // set for a list
  };

  ElementType element_type(const pugi::xml_node& element, const std::string& owner, const std::string& name,
                           bool repeated) {
    if (const pugi::xml_attribute type = element.attribute("type")) {
      const QName qname = resolve_qname(element, type.value());
      if (qname.builtin) return {builtin_type(qname.local, element), ""};
      if (simple_types_.count(qname.local)) return {simple_type(qname.local, element), ""};
      const auto complex = complex_types_.find(qname.local);
      if (complex == complex_types_.end()) fail(element, "type '" + qname.local + "' is defined nowhere in this file");
      if (!repeated)
        if (const std::optional<ListShape> list = list_shape(complex->second)) {
          const ElementType item = element_type(list->item, type_name_from_xsd(qname.local), list->item_name, true);
          if (!item.item.empty()) return {materialize_named(qname.local), ""};
          return {item.type, list->item_name};
        }
      if (is_empty(qname.local)) {
        note(element, "type '" + qname.local + "' has no content; the element is read as a String");
        return {"String", ""};
      }
      return {materialize_named(qname.local), ""};
    }
    if (const pugi::xml_attribute ref = element.attribute("ref")) {
      const QName qname = resolve_qname(element, ref.value());
      const auto global = global_elements_.find(qname.local);
      if (global == global_elements_.end()) fail(element, "element '" + qname.local + "' is not declared globally");
      return element_type(global->second, owner, name, repeated);
    }
    for (const pugi::xml_node child : element.children()) {
      if (is_xs(child, "complexType")) {
        if (!repeated)
          if (const std::optional<ListShape> list = list_shape(child)) {
            const ElementType item = element_type(list->item, owner + name, list->item_name, true);
            if (item.item.empty()) return {item.type, list->item_name};
          }
        const Content content = content_of(child);
        if (!content.simple_content && content.base.empty() && !has_own_members(content.container)) {
          note(child, "an element of empty content is read as a String");
          return {"String", ""};
        }
        return {materialize_anonymous(child, owner, name), ""};
      }
      if (is_xs(child, "simpleType")) return {simple_type_of(child, "", owner + name, owner), ""};
    }
    note(element, "no type (xs:anyType): read as a String");
    return {"String", ""};
  }

  void add_field(DraftType& draft, DraftField field, const pugi::xml_node& where) {
    field.origin = display_ + ":" + std::to_string(line_of(where));
    for (const DraftField& existing : draft.fields)
      if (existing.name == field.name) {
        note(where, "a second '" + field.name + "' in the same type is dropped");
        return;
      }
    draft.fields.push_back(std::move(field));
  }

  void add_element(const pugi::xml_node& element, Occurs occurs, const std::string& owner, DraftType& draft,
                   std::set<std::string>& uses) {
    DraftField field;
    field.name = element.attribute("name").value();
    if (field.name.empty()) field.name = std::string(local_part(element.attribute("ref").value()));
    if (!is_xml_name(field.name)) fail(element, "'" + field.name + "' is not an element name");
    field.doc = doc_of(element);
    field.repeated = occurs.max != 1;
    field.optional = !field.repeated && occurs.min == 0;
    const ElementType type = element_type(element, owner, field.name, field.repeated);
    field.type = type.type;
    if (!type.item.empty()) {
      field.repeated = true;
      field.optional = false;
      field.item = type.item;
    }
    if (element.attribute("default") || element.attribute("fixed"))
      note(element, "the default or fixed value is not applied: an absent element reads as absent");
    uses.insert(field.type);
    add_field(draft, std::move(field), element);
  }

  void add_attribute(const pugi::xml_node& attribute, const std::string& owner, DraftType& draft,
                     std::set<std::string>& uses) {
    DraftField field;
    field.name = attribute.attribute("name").value();
    if (field.name.empty()) {
      note(attribute, "attribute references are not imported");
      return;
    }
    if (!is_xml_name(field.name)) fail(attribute, "'" + field.name + "' is not an attribute name");
    field.doc = doc_of(attribute);
    field.attribute = true;
    field.optional = std::string_view(attribute.attribute("use").value()) != "required";
    if (const pugi::xml_attribute type = attribute.attribute("type")) {
      const QName qname = resolve_qname(attribute, type.value());
      if (qname.builtin)
        field.type = builtin_type(qname.local, attribute);
      else if (simple_types_.count(qname.local))
        field.type = simple_type(qname.local, attribute);
      else
        fail(attribute, "attribute type '" + qname.local + "' is not a simpleType of this file");
    } else {
      field.type = "String";
      for (const pugi::xml_node child : attribute.children())
        if (is_xs(child, "simpleType")) field.type = simple_type_of(child, "", owner + field.name, owner);
    }
    if (attribute.attribute("default") || attribute.attribute("fixed"))
      note(attribute, "the default or fixed value is not applied: an absent attribute reads as absent");
    uses.insert(field.type);
    add_field(draft, std::move(field), attribute);
  }

  // ---- documents --------------------------------------------------------------------------------------------

  void attach_elements() {
    for (const pugi::xml_node element : elements_) {
      const std::string element_name = element.attribute("name").value();
      const pugi::xml_attribute type = element.attribute("type");
      if (!type) {
        note(element, "a global element without a named type is not imported");
        continue;
      }
      const QName qname = resolve_qname(element, type.value());
      if (qname.builtin || !complex_types_.count(qname.local)) {
        note(element, "a global element of a simple type is not a document; not imported");
        continue;
      }
      const std::string name = materialize_named(qname.local);
      if (name.empty() || !record_index_.count(name)) {
        note(element, "its type has no content; not imported");
        continue;
      }
      TypeRecord& record = record_of(name);
      if (record.draft.element.empty()) {
        record.draft.element = element_name;
        continue;
      }
      // One type, several root elements: each further element gets a type of its own that adds nothing.
      TypeRecord document;
      document.draft.name = claim_name(element_name, element_name + "Document", element);
      document.draft.doc = provenance(element, "element " + element_name, "The document <" + element_name + ">.");
      document.draft.extends = name;
      document.draft.element = element_name;
      document.uses = {name};
      document.order = order_++;
      note(element, "type '" + qname.local + "' is also the document <" + record.draft.element + ">: <" + element_name +
                        "> becomes '" + document.draft.name + "', which extends it");
      record_index_[document.draft.name] = records_.size();
      records_.push_back(std::move(document));
    }
  }

  // ---- files ------------------------------------------------------------------------------------------------

  /// One file per family of documents (`BackupJobSession` with `BackupJobSessions`), the types only one family
  /// uses with it, and `common` for what several share. Files that would use each other in a cycle are merged.
  std::vector<DraftFile> group_into_files() {
    std::set<std::string> element_names;
    for (const TypeRecord& record : records_)
      if (!record.draft.element.empty()) element_names.insert(record.draft.element);
    // The family of a document: its singular when that is a document too (`BackupJobSessions` →
    // `BackupJobSession`), and a request body goes with the resource it is for (`JobCloneSpec` → `Job`,
    // `VmRestorePointMount` → `VmRestorePoint`).
    const auto family_of_element = [&](const std::string& element) {
      std::string name = element;
      for (const std::string_view suffix :
           {"CreateSpec", "ManagementSpec", "CloneSpec", "StartupSpec", "Spec", "Mounts", "Mount"})
        if (ends_with(name, suffix) && element_names.count(name.substr(0, name.size() - suffix.size()))) {
          name.resize(name.size() - suffix.size());
          break;
        }
      for (const std::string& singular : singular_candidates(name))
        if (element_names.count(singular)) return singular;
      return name;
    };
    std::map<std::string, std::string> owner_of_enum;
    for (const EnumRecord& record : enums_) owner_of_enum[record.draft.name] = record.owner;

    // A document type belongs to its own family. Any other type belongs to the families whose documents reach
    // it without passing through another document (a query result lists every kind of entity, and does not
    // make them all its own).
    std::map<std::string, std::string> family_of_document;
    for (const TypeRecord& record : records_)
      if (!record.draft.element.empty())
        family_of_document[record.draft.name] = family_of_element(record.draft.element);
    std::map<std::string, std::set<std::string>> families;
    std::function<void(const std::string&, const std::string&)> reach = [&](const std::string& name,
                                                                            const std::string& family) {
      if (!families[name].insert(family).second) return;
      const auto found = record_index_.find(name);
      if (found == record_index_.end()) return;
      for (const std::string& used : records_[found->second].uses)
        if (!family_of_document.count(used)) reach(used, family);
    };
    for (const auto& [name, family] : family_of_document) reach(name, family);
    for (const auto& [name, family] : family_of_document) families[name] = {family};

    std::map<std::string, std::string> file_of;  // type or enum name → file key
    const auto assign = [&](const std::string& name, const std::string& owner) {
      const std::set<std::string>& reached = families[name];
      if (!owner.empty() && file_of.count(owner))
        file_of[name] = file_of[owner];
      else if (reached.size() == 1)
        file_of[name] = *reached.begin();
      else if (reached.empty())
        file_of[name] = "Unreferenced";
      else
        file_of[name] = "Common";
    };
    for (const TypeRecord& record : records_)
      if (record.owner.empty()) assign(record.draft.name, "");
    for (const TypeRecord& record : records_)
      if (!record.owner.empty()) assign(record.draft.name, record.owner);
    for (const EnumRecord& record : enums_) assign(record.draft.name, record.owner);

    // Merge files that use each other in a cycle, until none do.
    for (bool merged = true; merged;) {
      merged = false;
      std::map<std::string, std::set<std::string>> edges;
      for (const TypeRecord& record : records_)
        for (const std::string& used : record.uses)
          if (file_of.count(used) && file_of[used] != file_of[record.draft.name])
            edges[file_of[record.draft.name]].insert(file_of[used]);
      std::vector<std::string> cycle = find_cycle(edges);
      if (cycle.empty()) break;
      std::sort(cycle.begin(), cycle.end());
      // The merged file keeps the name of the file the others lean on: Common when it is in the cycle.
      const std::string into =
          std::find(cycle.begin(), cycle.end(), "Common") != cycle.end() ? "Common" : cycle.front();
      for (auto& [name, file] : file_of)
        if (std::find(cycle.begin(), cycle.end(), file) != cycle.end()) file = into;
      merged = true;
    }

    std::map<std::string, DraftFile> files;
    std::vector<const TypeRecord*> ordered;
    for (const TypeRecord& record : records_) ordered.push_back(&record);
    std::sort(ordered.begin(), ordered.end(),
              [](const TypeRecord* a, const TypeRecord* b) { return a->order < b->order; });
    for (const TypeRecord* record : ordered) files[file_of[record->draft.name]].types.push_back(record->draft);
    for (const EnumRecord& record : enums_) files[file_of[record.draft.name]].enums.push_back(record.draft);
    std::vector<DraftFile> result;
    for (auto& [key, file] : files) {
      file.stem = snake_case(key);
      if (file.stem == "api" || file.stem == "index" || file.stem == "client") file.stem += "_types";
      file.doc =
          key == "Common" ? "Types several resource families share. Drafted from " + display_name() + "."
          : key == "Unreferenced"
              ? "Types no document of " + display_name() + " uses (request bodies sent by the client, for example)."
              : "The " + key + " documents and the types only they use. Drafted from " + display_name() + ".";
      result.push_back(std::move(file));
    }
    std::sort(result.begin(), result.end(), [](const DraftFile& a, const DraftFile& b) { return a.stem < b.stem; });
    return result;
  }

  static std::vector<std::string> find_cycle(const std::map<std::string, std::set<std::string>>& edges) {
    std::map<std::string, int> state;
    std::vector<std::string> path;
    std::vector<std::string> cycle;
    std::function<bool(const std::string&)> visit = [&](const std::string& node) {
      state[node] = 1;
      path.push_back(node);
      if (const auto found = edges.find(node); found != edges.end())
        for (const std::string& next : found->second) {
          if (state[next] == 1) {
            cycle.assign(std::find(path.begin(), path.end(), next), path.end());
            return true;
          }
          if (state[next] == 0 && visit(next)) return true;
        }
      path.pop_back();
      state[node] = 2;
      return false;
    };
    for (const auto& [node, unused] : edges)
      if (state[node] == 0 && visit(node)) return cycle;
    return {};
  }

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

}  // namespace

XsdImport import_xsd(const std::string& path, const XsdImportOptions& options) {
  return XsdReader(path, path).run(options);
}

}  // namespace emgen::gen::import
