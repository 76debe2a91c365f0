// `emgen import page`: a page's drafted tables reconciled with its example payload. The example wins: names,
// attributes, presence and enum values are taken from it, elements the page has no table for are inferred from
// it, and every disagreement with the table is a note.

#include <algorithm>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "import/page/reader.hpp"
#include "naming.hpp"
#include "text/english.hpp"
#include "text/text.hpp"

namespace emgen::gen::import::help_page {

bool PageReader::matches(const std::string& href, const std::string& path) const {
  const std::size_t api = href.find(options_.base_path + "/");
  if (api == std::string::npos) return false;
  const std::string concrete = href.substr(api + options_.base_path.size());
  const auto split = [](const std::string& text) {
    std::vector<std::string> parts;
    std::string part;
    for (const char c : text) {
      if (c == '/' || c == '?') {
        parts.push_back(part);
        part.clear();
        if (c == '?') part = "?";
        continue;
      }
      part += c;
    }
    parts.push_back(part);
    return parts;
  };
  const std::vector<std::string> a = split(concrete), b = split(path);
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (!(b[i].starts_with('{') && b[i].ends_with('}')) && a[i] != b[i]) return false;
  return true;
}

void PageReader::reconcile_links(const Page& page, const Payload& payload, const pugi::xml_node& root,
                                 DraftType& type) {
  for (const pugi::xml_node link : root.child("Links").children("Link")) {
    const std::string rel = link.attribute("Rel").value();
    const std::string href = link.attribute("Href").value();
    const bool documented = std::any_of(type.links.begin(), type.links.end(), [&](const DraftLink& known) {
      return known.rel == rel && matches(href, known.path);
    });
    if (documented) continue;
    for (DraftLink& known : type.links) {
      if (!matches(href, known.path)) continue;
      note(page, payload.line, type.name + "/Links",
           "the table says " + known.rel + " for " + known.path + ", the example has Rel=\"" + rel +
               "\": the example wins",
           kExampleRelWins);
      known.doc += (known.doc.empty() ? "" : " ") + std::string("(The page's table says ") + known.rel + ".)";
      known.rel = rel;
      break;
    }
  }
}

pugi::xml_node PageReader::mixed_element(const pugi::xml_node& root) {
  for (pugi::xml_node node = root; node;) {
    if (node.type() == pugi::node_element && node.first_attribute() && !emgen::text::trim(node.text().get()).empty()) {
      bool only_namespaces = true;
      for (const pugi::xml_attribute attribute : node.attributes()) {
        const std::string name = attribute.name();
        if (name != "xmlns" && !name.starts_with("xmlns:") && !name.starts_with("xsi:")) only_namespaces = false;
      }
      if (!only_namespaces) return node;
    }
    if (node.first_child()) {
      node = node.first_child();
      continue;
    }
    while (node && node != root && !node.next_sibling()) node = node.parent();
    if (!node || node == root) break;
    node = node.next_sibling();
  }
  return {};
}

void PageReader::reconcile(const Page& page, const Payload& payload, DraftType& type) {
  current_owner_ = type.name;
  pugi::xml_document document;
  document.load_buffer(payload.text.data(), payload.text.size(), pugi::parse_default & ~pugi::parse_doctype);
  const pugi::xml_node root = document.document_element();
  if (const pugi::xml_node mixed = mixed_element(root)) {
    note(page, payload.line, type.name,
         "the example has <" + std::string(mixed.name()) +
             "> with both attributes and text, which the schema "
             "language cannot describe: the type is drafted from the tables alone and the example is left out",
         kMixedContentExample);
    return;
  }
  type.element = payload.root;
  DraftExample example;
  example.file = "examples/" + type.name + "_" + page.stem + ".xml";
  example.doc = "From " + (page.source_url.empty() ? page.stem : page.source_url) + " (" + payload.caption + ").";
  reconcile_element(page, payload, root, type, "", example);
  reconcile_links(page, payload, root, type);
  if (std::none_of(type.examples.begin(), type.examples.end(),
                   [&](const DraftExample& e) { return e.file == example.file; })) {
    type.examples.push_back(example);
    payloads_.push_back(DraftPayload{example.file, payload.text + "\n"});
    sources_.push_back("| " + example.file.substr(9) + " | " + page.source_url + " | " + payload.caption + " (line " +
                       std::to_string(payload.line) + " of " + page.file_name + ") |");
  }
}

void PageReader::reconcile_element(const Page& page, const Payload& payload, const pugi::xml_node& element,
                                   DraftType& type, const std::string& prefix, DraftExample& example) {
  std::set<std::string> seen;
  const auto field_named = [&](const std::string& name) {
    return std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) { return f.name == name; });
  };
  const auto expect = [&](const std::string& name, const std::string& value) {
    example.expect.push_back(DraftExpectation{prefix + name, value});
  };
  for (const pugi::xml_attribute attribute : element.attributes()) {
    const std::string name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:")) continue;
    seen.insert(name);
    auto field = field_named(name);
    if (field == type.fields.end()) {
      note(page, payload.line, type.name + "/@" + name,
           "in the example, not in the page's table: drafted as an optional String attribute", kAttributeFromExample);
      type.fields.push_back(DraftField{name,
                                       is_urn(attribute.value()) ? "Uid" : "String",
                                       "",
                                       true,
                                       true,
                                       false,
                                       "",
                                       {},
                                       page.path + ":" + std::to_string(payload.line),
                                       ""});
      field = type.fields.end() - 1;
    }
    field->attribute = true;
    check_value(page, payload, type, *field, attribute.value());
    expect(name, attribute.value());
  }
  for (const pugi::xml_node child : element.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = child.name();
    if (!seen.insert(name).second) continue;
    auto field = field_named(name);
    if (field == type.fields.end() && name == "Links") {
      needs_link_ = true;
      type.fields.insert(
          type.fields.begin(),
          DraftField{
              "Links", "Link", "Links to related resources and actions.", false, false, true, "Link", {}, "", ""});
      continue;
    }
    if (field == type.fields.end()) {
      // The table's name for it: one the element's name starts with (CreationTime for CreationTimeUTC).
      // Or the same name in other letter case (PublicIPCount for <PublicIpCount>).
      const auto renamed = std::find_if(type.fields.begin(), type.fields.end(), [&](const DraftField& f) {
        return !f.attribute &&
               ((name.size() > f.name.size() && name.starts_with(f.name)) ||
                emgen::text::equals_ignoring_case(name, f.name)) &&
               !seen.count(f.name) && element.child(f.name.c_str()).empty();
      });
      if (renamed != type.fields.end()) {
        note(page, payload.line, type.name + "/" + name,
             "the table says '" + renamed->name + "', the example has <" + name + ">: the example wins, '" +
                 renamed->name + "' becomes an alias",
             kRenamedByExample);
        renamed->aliases.push_back(renamed->name);
        renamed->name = name;
        field = renamed;
      }
    }
    if (field == type.fields.end()) {
      note(page, payload.line, type.name + "/" + name,
           "in the example, not in the page's table: drafted as an optional String", kElementFromExample);
      type.fields.push_back(DraftField{
          name, "String", "", false, true, false, "", {}, page.path + ":" + std::to_string(payload.line), ""});
      field = type.fields.end() - 1;
    }
    if (!field->item.empty()) continue;  // a wrapped list drafted already (Links)
    std::vector<pugi::xml_node> occurrences;
    for (const pugi::xml_node same : element.children(name.c_str())) occurrences.push_back(same);
    if (occurrences.size() > 1 && !field->repeated) {
      note(page, payload.line, type.name + "/" + name,
           "appears " + std::to_string(occurrences.size()) + " times in the example: drafted as a list",
           kListFromExample);
      field->repeated = true;
      field->optional = false;
    }
    if (types_.count(field->type)) {
      // A list's items are read for what they add to the type; expectations are written for single values.
      DraftExample scratch;
      for (const pugi::xml_node& occurrence : occurrences)
        reconcile_element(page, payload, occurrence, types_[field->type], prefix + name + ".",
                          field->repeated ? scratch : example);
      continue;
    }
    if (std::any_of(occurrences.begin(), occurrences.end(), is_complex)) {
      const std::string inferred = infer_type(type.name + name, occurrences);
      note(page, payload.line, type.name + "/" + name,
           "has content in the example and no table in the page: its type " + inferred +
               " is drafted from the example, every value a String",
           kTypeFromExample);
      field->type = inferred;
      continue;
    }
    if (field->repeated) continue;
    const std::string text = child.text().get();
    check_value(page, payload, type, *field, text);
    if (!text.empty() || field->type == "String") expect(name, text);
  }
  for (DraftField& field : type.fields)
    if (!seen.count(field.name) && !field.repeated && !field.optional) {
      note(page, payload.line, type.name + "/" + field.name,
           "in the page's table, not in its example: drafted optional", kMissingFromExample);
      field.optional = true;
    }
}

bool PageReader::is_complex(const pugi::xml_node& node) {
  for (const pugi::xml_attribute attribute : node.attributes()) {
    const std::string name = attribute.name();
    if (name != "xmlns" && !name.starts_with("xmlns:") && !name.starts_with("xsi:")) return true;
  }
  return std::any_of(node.children().begin(), node.children().end(),
                     [](const pugi::xml_node& n) { return n.type() == pugi::node_element; });
}

std::string PageReader::infer_type(std::string name, const std::vector<pugi::xml_node>& nodes) {
  name = unique_name(name);
  types_[name].name = name;
  types_[name].doc = "Drafted from the page's example (the page has no table for it).";
  nested_of_[current_owner_].push_back(name);
  std::vector<DraftField> fields;
  const auto field_index = [&](const std::string& field_name) -> std::size_t {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i].name == field_name) return i;
    fields.push_back(DraftField{field_name, "String", "", false, false, false, "", {}, "", ""});
    return fields.size() - 1;
  };
  std::map<std::string, std::size_t> presence;
  std::map<std::string, std::vector<pugi::xml_node>> children_by_name;
  for (const pugi::xml_node& node : nodes) {
    std::set<std::string> here;
    for (const pugi::xml_attribute attribute : node.attributes()) {
      const std::string attribute_name = attribute.name();
      if (attribute_name == "xmlns" || attribute_name.starts_with("xmlns:") || attribute_name.starts_with("xsi:"))
        continue;
      fields[field_index(attribute_name)].attribute = true;
      here.insert(attribute_name);
    }
    std::map<std::string, int> counts;
    for (const pugi::xml_node child : node.children()) {
      if (child.type() != pugi::node_element) continue;
      const std::string child_name = child.name();
      field_index(child_name);
      here.insert(child_name);
      children_by_name[child_name].push_back(child);
      if (++counts[child_name] > 1) fields[field_index(child_name)].repeated = true;
    }
    for (const std::string& present : here) ++presence[present];
  }
  for (DraftField& field : fields) {
    if (!field.repeated && presence[field.name] < nodes.size()) field.optional = true;
    if (field.name == "Links" && !field.attribute) {
      needs_link_ = true;
      field = DraftField{"Links", "Link", "Links to related resources and actions.", false, false, true, "Link", {},
                         "",      ""};
      continue;
    }
    const auto& occurrences = children_by_name[field.name];
    if (!field.attribute && std::any_of(occurrences.begin(), occurrences.end(), is_complex))
      field.type = infer_type(name + field.name, occurrences);
  }
  types_[name].fields = std::move(fields);
  return name;
}

void PageReader::check_value(const Page& page, const Payload& payload, const DraftType& type, DraftField& field,
                             const std::string& value) {
  if (field.type == "Uid" && !is_urn(value)) {
    note(page, payload.line, type.name + "/" + field.name,
         "typed UidType, but the example has '" + value + "', which is no URN: drafted as a String", kUidNotUrn);
    field.type = "String";
  }
  if (field.type == "Bool" && (value == "true" || value == "false"))
    return;  // the table writes True/False; either reads
  if (DraftEnum* enumeration = enum_named(field.type)) {
    if (std::none_of(enumeration->values.begin(), enumeration->values.end(),
                     [&](const DraftEnumValue& v) { return v.wire == value; }) &&
        !value.empty()) {
      note(page, payload.line, type.name + "/" + field.name,
           "the example has '" + value + "', which the table's possible values do not list: added to " +
               enumeration->name,
           kValueFromExample);
      enumeration->values.push_back(DraftEnumValue{value, "In the page's example; not in its table.",
                                                   is_identifier(value) ? "" : identifier_words(value)});
    }
  }
}

}  // namespace emgen::gen::import::help_page
