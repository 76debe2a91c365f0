// `emgen import xsd`: an XML Schema read into a draft (xsd.hpp). This file holds the entry point and where things
// are, names and namespaces, the index of global declarations and the naming of types; the reader and its other
// concerns: xsd/reader.hpp.

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
#include "import/xsd/reader.hpp"
#include "naming.hpp"
#include "text/english.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {
namespace xsd_reading {

XsdImport XsdReader::run(const XsdImportOptions& options) {
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

std::string XsdReader::display_name() const {
  const std::size_t slash = display_.find_last_of('/');
  return slash == std::string::npos ? display_ : display_.substr(slash + 1);
}

std::string XsdReader::version_from_file_name() const {
  const std::string name = display_name();
  const std::size_t at = name.find("_v");
  if (at == std::string::npos) return "";
  std::string version = "v";
  for (std::size_t i = at + 2; i < name.size() && (std::isdigit(static_cast<unsigned char>(name[i])) || name[i] == '_');
       ++i)
    version += name[i];
  while (version.ends_with('_')) version.pop_back();
  return version.size() > 1 ? version : "";
}

int XsdReader::line_at(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  return 1 + static_cast<int>(std::count(text_.begin(), text_.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

int XsdReader::line_of(const pugi::xml_node& node) const {
  const std::ptrdiff_t offset = node.offset_debug();
  return offset < 0 ? 0 : line_at(static_cast<std::size_t>(offset));
}

std::string XsdReader::path_of(pugi::xml_node node) const {
  std::vector<std::string> steps;
  for (; node && node != schema_ && node.type() == pugi::node_element; node = node.parent()) {
    std::string step(local_part(node.name()));
    if (const pugi::xml_attribute name = node.attribute("name")) step += "[@name='" + std::string(name.value()) + "']";
    steps.push_back(step);
  }
  std::string path;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) path += (path.empty() ? "" : "/") + *it;
  return path.empty() ? "schema" : path;
}

void XsdReader::note(const pugi::xml_node& node, std::string message, std::string_view code) {
  notes_.push_back(Diagnostic::warning(Location{display_, line_of(node), 0, path_of(node)}, std::move(message), code));
}

[[noreturn]] void XsdReader::fail(const pugi::xml_node& node, const std::string& message) const {
  throw ImportError(display_ + ":" + std::to_string(line_of(node)) + ": " + path_of(node) + ": " + message);
}

std::string XsdReader::namespace_of_prefix(pugi::xml_node context, std::string_view prefix) const {
  const std::string attribute = prefix.empty() ? "xmlns" : "xmlns:" + std::string(prefix);
  for (; context; context = context.parent())
    if (const pugi::xml_attribute declared = context.attribute(attribute.c_str())) return declared.value();
  return prefix == "xml" ? "http://www.w3.org/XML/1998/namespace" : "";
}

bool XsdReader::is_xs(const pugi::xml_node& node, std::string_view local) const {
  return node.type() == pugi::node_element && local_part(node.name()) == local &&
         namespace_of_prefix(node, prefix_part(node.name())) == kXsdNamespace;
}

XsdReader::QName XsdReader::resolve_qname(const pugi::xml_node& context, std::string_view text) {
  const std::string_view prefix = prefix_part(text);
  const std::string ns = namespace_of_prefix(context, prefix);
  if (!prefix.empty() && ns.empty()) fail(context, "the prefix '" + std::string(prefix) + "' is not declared");
  if (ns == kXsdNamespace) return QName{true, std::string(local_part(text))};
  if (ns != target_namespace_)
    fail(context, "'" + std::string(text) + "' names a type of namespace '" + ns +
                      "', which this file does not define (xs:import is not followed)");
  return QName{false, std::string(local_part(text))};
}

void XsdReader::index() {
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
      note(child, "not followed: only this file is imported", kNotFollowed);
    } else {
      note(child, "global " + std::string(local_part(child.name())) + " is not imported", kGlobalNotImported);
    }
  }
}

void XsdReader::check_depth() const {
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

void XsdReader::check_bases() {
  for (const auto& [xsd_name, node] : complex_order_) {
    std::set<std::string> seen{xsd_name};
    for (std::string base = content_of(node).base; !base.empty(); base = content_of(complex_types_.at(base)).base)
      if (!seen.insert(base).second) {
        if (base == xsd_name) fail(node, "complexType '" + xsd_name + "' derives from itself");
        break;  // a cycle further up is reported at a type of its own
      }
  }
}

std::string XsdReader::doc_of(const pugi::xml_node& node) const {
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

Occurs XsdReader::occurs_of(const pugi::xml_node& node) {
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

XsdReader::Content XsdReader::content_of(const pugi::xml_node& type) {
  Content content{type, "", false, {}};
  for (const pugi::xml_node child : type.children()) {
    if (is_xs(child, "complexContent") || is_xs(child, "simpleContent")) {
      const bool simple = is_xs(child, "simpleContent");
      for (const pugi::xml_node derivation : child.children()) {
        if (is_xs(derivation, "extension") || is_xs(derivation, "restriction")) {
          if (is_xs(derivation, "restriction") && !simple)
            note(derivation, "derivation by restriction is read as its own content only", kRestrictionAsContent);
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

bool XsdReader::has_own_members(const pugi::xml_node& container) {
  for (const pugi::xml_node child : container.children()) {
    if (is_xs(child, "attribute") || is_xs(child, "element")) return true;
    if (is_xs(child, "sequence") || is_xs(child, "choice") || is_xs(child, "all"))
      if (has_own_members(child)) return true;
  }
  return false;
}

bool XsdReader::is_empty(const std::string& xsd_name) {
  std::set<std::string> seen;
  for (std::string name = xsd_name; !name.empty() && seen.insert(name).second;) {
    const Content content = content_of(complex_types_.at(name));
    if (content.simple_content || has_own_members(content.container)) return false;
    name = content.base;
  }
  return true;
}

std::optional<ListShape> XsdReader::list_shape(const pugi::xml_node& type) {
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

std::string XsdReader::claim_name(std::string wanted, const std::string& fallback, const pugi::xml_node& where) {
  if (wanted.empty()) wanted = fallback;
  if (!is_identifier(wanted) || !(wanted[0] >= 'A' && wanted[0] <= 'Z')) wanted = identifier_words(wanted);
  if (wanted.empty()) wanted = "Unnamed";
  if (taken_names_.insert(wanted).second) return wanted;
  std::string name = fallback.empty() ? wanted : identifier_words(fallback);
  for (int n = 2; !taken_names_.insert(name).second; ++n) name = wanted + std::to_string(n);
  note(where, "named '" + name + "': '" + wanted + "' is taken", kNameTaken);
  return name;
}

void XsdReader::name_types() {
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

}  // namespace xsd_reading

XsdImport import_xsd(const std::string& path, const XsdImportOptions& options) {
  return xsd_reading::XsdReader(path, path).run(options);
}

}  // namespace emgen::gen::import
