// `emgen import xsd`: simple types (to primitives and enums) and complex types (to types and their fields,
// anonymous ones named after their owner), each drafted once, with its place in the XSD as provenance.

#include <algorithm>
#include <cctype>
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

namespace emgen::gen::import::xsd_reading {

std::string XsdReader::builtin_type(const std::string& local, const pugi::xml_node& where) {
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
    note(where, "xs:" + local + " is read as Long: values above 9223372036854775807 would be refused", kReadAsLong);
    return "Long";
  }
  note(where, "xs:" + local + " has no schema-language type; read as String", kUnmappedBuiltin);
  return "String";
}

std::string XsdReader::simple_type(const std::string& xsd_name, const pugi::xml_node& used_at) {
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

std::string XsdReader::simple_type_of(const pugi::xml_node& node, const std::string& xsd_name,
                                      const std::string& enum_name, const std::string& owner) {
  for (const pugi::xml_node child : node.children()) {
    if (is_xs(child, "list") || is_xs(child, "union")) {
      note(child, "xs:" + std::string(local_part(child.name())) + " is read as one String", kListAsString);
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
               "it); read as ':'",
               kEscapedColon);
        if (pattern.rfind("urn", 0) == 0 || xsd_name == "UidType" || xsd_name == "UrnType")
          urn_pattern = true;
        else
          note(facet, "pattern '" + pattern + "' is not enforced; values read as " + base, kPatternNotEnforced);
      } else {
        note(facet, "facet xs:" + std::string(local_part(facet.name())) + " is not enforced", kFacetNotEnforced);
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
  note(node, "a simpleType without restriction is read as String", kSimpleTypeAsString);
  return "String";
}

std::string XsdReader::provenance(const pugi::xml_node& node, const std::string& what, const std::string& doc) const {
  std::string text = doc;
  if (!what.empty()) {
    if (!text.empty() && text.back() != '.') text += '.';
    text += (text.empty() ? "" : " ") + std::string("XSD: ") + what + " (" + display_name() + ":" +
            std::to_string(line_of(node)) + ").";
  }
  return text;
}

std::string XsdReader::materialize_named(const std::string& xsd_name) {
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

std::string XsdReader::materialize_anonymous(const pugi::xml_node& node, const std::string& owner,
                                             const std::string& element) {
  // A list type's anonymous item is met once per field of that list type, and written once.
  if (const auto done = anonymous_names_.find(node.offset_debug()); done != anonymous_names_.end()) return done->second;
  const std::string name = claim_name(owner + element, "", node);
  anonymous_names_[node.offset_debug()] = name;
  fill(add_record(name, "", owner), node, "the anonymous complexType of " + owner + "/" + element);
  return name;
}

std::size_t XsdReader::add_record(const std::string& name, const std::string& xsd_name, const std::string& owner) {
  TypeRecord record;
  record.draft.name = name;
  record.xsd_name = xsd_name;
  record.owner = owner;
  record.order = order_++;
  record_index_[name] = records_.size();
  records_.push_back(std::move(record));
  return records_.size() - 1;
}

void XsdReader::fill(std::size_t index, const pugi::xml_node& node, const std::string& what) {
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
         "text-content field); its attributes are",
         kTextContentDropped);
  walk(content.container, Occurs{}, false, owner, draft, uses);
  TypeRecord& record = records_[index];
  record.draft.doc = draft.doc;
  record.draft.extends = draft.extends;
  record.draft.fields = std::move(draft.fields);
  record.uses = std::move(uses);
}

void XsdReader::walk(const pugi::xml_node& container, Occurs outer, bool one_of_many, const std::string& owner,
                     DraftType& draft, std::set<std::string>& uses) {
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
        note(child, "a repeating sequence becomes one list per element; how they interleave is not kept",
             kRepeatingSequence);
      Occurs occurs = combine(outer, own);
      if (one_of_many) occurs.min = 0;
      walk(child, occurs, false, owner, draft, uses);
    } else if (is_xs(child, "choice")) {
      const Occurs own = occurs_of(child);
      const Occurs occurs = combine(outer, own);
      const std::size_t alternatives = count_particles(child);
      if (occurs.max != 1 && alternatives > 1)
        note(child, "a repeating choice becomes one list per element; their order relative to each other is not kept",
             kRepeatingChoice);
      if (occurs.max == 1 && alternatives > 1)
        note(child,
             "a choice of one of " + std::to_string(alternatives) +
                 " elements: each becomes optional, and that only one is present is not checked",
             kChoiceAsOptionals);
      walk(child, occurs, alternatives > 1 && occurs.max == 1, owner, draft, uses);
    } else if (is_xs(child, "any")) {
      note(child, "wildcard xs:any dropped: what it allows is skipped (with a read warning) when read", kAnyDropped);
    } else if (is_xs(child, "anyAttribute")) {
      note(child, "wildcard xs:anyAttribute dropped: unknown attributes are skipped (with a read warning)",
           kAnyAttributeDropped);
    } else if (is_xs(child, "group") || is_xs(child, "attributeGroup")) {
      note(child, "xs:" + std::string(local_part(child.name())) + " references are not imported", kGroupNotImported);
    }
  }
}

std::size_t XsdReader::count_particles(const pugi::xml_node& container) {
  std::size_t count = 0;
  for (const pugi::xml_node child : container.children())
    if (is_xs(child, "element") || is_xs(child, "sequence") || is_xs(child, "choice") || is_xs(child, "any")) ++count;
  return count;
}

XsdReader::ElementType XsdReader::element_type(const pugi::xml_node& element, const std::string& owner,
                                               const std::string& name, bool repeated) {
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
      note(element, "type '" + qname.local + "' has no content; the element is read as a String", kEmptyTypeAsString);
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
        note(child, "an element of empty content is read as a String", kEmptyElementAsString);
        return {"String", ""};
      }
      return {materialize_anonymous(child, owner, name), ""};
    }
    if (is_xs(child, "simpleType")) return {simple_type_of(child, "", owner + name, owner), ""};
  }
  note(element, "no type (xs:anyType): read as a String", kAnyTypeAsString);
  return {"String", ""};
}

void XsdReader::add_field(DraftType& draft, DraftField field, const pugi::xml_node& where) {
  field.origin = display_ + ":" + std::to_string(line_of(where));
  for (const DraftField& existing : draft.fields)
    if (existing.name == field.name) {
      note(where, "a second '" + field.name + "' in the same type is dropped", kSecondFieldDropped);
      return;
    }
  draft.fields.push_back(std::move(field));
}

void XsdReader::add_element(const pugi::xml_node& element, Occurs occurs, const std::string& owner, DraftType& draft,
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
    note(element, "the default or fixed value is not applied: an absent element reads as absent", kDefaultNotApplied);
  uses.insert(field.type);
  add_field(draft, std::move(field), element);
}

void XsdReader::add_attribute(const pugi::xml_node& attribute, const std::string& owner, DraftType& draft,
                              std::set<std::string>& uses) {
  DraftField field;
  field.name = attribute.attribute("name").value();
  if (field.name.empty()) {
    note(attribute, "attribute references are not imported", kAttributeRefNotImported);
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
    note(attribute, "the default or fixed value is not applied: an absent attribute reads as absent",
         kDefaultNotApplied);
  uses.insert(field.type);
  add_field(draft, std::move(field), attribute);
}

}  // namespace emgen::gen::import::xsd_reading
