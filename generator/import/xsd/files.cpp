// `emgen import xsd`: the documents (global elements) attached to their types, and the drafted types grouped
// into files, one per family of documents.

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

void XsdReader::attach_elements() {
  for (const pugi::xml_node element : elements_) {
    const std::string element_name = element.attribute("name").value();
    const pugi::xml_attribute type = element.attribute("type");
    if (!type) {
      note(element, "a global element without a named type is not imported", kElementWithoutType);
      continue;
    }
    const QName qname = resolve_qname(element, type.value());
    if (qname.builtin || !complex_types_.count(qname.local)) {
      note(element, "a global element of a simple type is not a document; not imported", kSimpleDocument);
      continue;
    }
    const std::string name = materialize_named(qname.local);
    if (name.empty() || !record_index_.count(name)) {
      note(element, "its type has no content; not imported", kEmptyDocument);
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
    note(element,
         "type '" + qname.local + "' is also the document <" + record.draft.element + ">: <" + element_name +
             "> becomes '" + document.draft.name + "', which extends it",
         kDocumentExtends);
    record_index_[document.draft.name] = records_.size();
    records_.push_back(std::move(document));
  }
}

std::vector<DraftFile> XsdReader::group_into_files() {
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
    if (!record.draft.element.empty()) family_of_document[record.draft.name] = family_of_element(record.draft.element);
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
    const std::string into = std::find(cycle.begin(), cycle.end(), "Common") != cycle.end() ? "Common" : cycle.front();
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

std::vector<std::string> XsdReader::find_cycle(const std::map<std::string, std::set<std::string>>& edges) {
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

}  // namespace emgen::gen::import::xsd_reading
