// `emgen import --into`: a draft merged into a schema directory a person keeps. Merger matches each of the
// draft's types, fields, enums, values, links, endpoints and examples to the directory's, through one index of
// the directory's names and one set of renamings, and counts and notes all it does: its parts share that state,
// so it stays one class (about 700 lines). How the files' text is edited is schema_text.cpp's.

#include "import/merge.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <dtl/dtl.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "import/schema_text.hpp"
#include "naming.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {
namespace {

namespace fs = std::filesystem;

std::string read_bytes(const fs::path& path) {
  std::optional<std::string> bytes = emgen::text::read_file(path);
  if (!bytes) throw ImportError(path.generic_string() + ": cannot be read");
  return std::move(*bytes);
}

/// A map's entry, read without the chance of adding one (yaml-cpp's non-const [] may).
YAML::Node child(const YAML::Node& map, const char* key) {
  if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  return map[key];
}

std::string scalar(const YAML::Node& map, const char* key) {
  const YAML::Node value = child(map, key);
  return value && value.IsScalar() ? value.Scalar() : "";
}

bool is_flow(const SchemaText& file, const YAML::Node& node) { return file.text()[node.Mark().pos] == '{'; }

struct FieldRef {
  SchemaText* file = nullptr;
  YAML::Node node;
  std::string name, type, doc;
  std::vector<std::string> aliases;
  bool attribute = false, optional = false, repeated = false;

  bool answers_to(const std::string& text) const {
    return name == text || std::find(aliases.begin(), aliases.end(), text) != aliases.end();
  }
  bool answers_to(const DraftField& field) const {
    return answers_to(field.name) ||
           std::any_of(field.aliases.begin(), field.aliases.end(), [&](const std::string& a) { return answers_to(a); });
  }
  std::string key() const { return file->name() + ":" + std::to_string(node.Mark().pos); }
};

struct TypeRef {
  SchemaText* file = nullptr;
  YAML::Node node;
  std::string name, extends, element, doc;
  std::vector<FieldRef> fields;
};

struct EnumRef {
  SchemaText* file = nullptr;
  YAML::Node node;
  std::string name, doc;
};

class Merger {
 public:
  Merger(const Draft& draft, std::string directory)
      : draft_(draft), directory_(std::move(directory)), source_(draft.source.empty() ? "the draft" : draft.source) {}

  Merge run() {
    load();
    index_draft();
    map_names();
    for (const DraftFile& file : draft_.files)
      for (const DraftType& type : file.types)
        if (mapped_.count(type.name) && types_.count(mapped_[type.name])) merge_type(type, types_[mapped_[type.name]]);
    for (const DraftFile& file : draft_.files)
      for (const DraftEnum& enumeration : file.enums)
        if (mapped_.count(enumeration.name) && enums_.count(mapped_[enumeration.name]))
          merge_enum(enumeration, enums_[mapped_[enumeration.name]]);
    add_missing();
    finish();
    return std::move(result_);
  }

 private:
  void load() {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(directory_))
      if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    if (paths.empty()) throw ImportError(directory_ + ": no schema files to merge into (import with --out instead)");
    for (const fs::path& path : paths) {
      const std::string name = path.filename().string();
      files_.push_back(std::make_unique<SchemaText>(name, directory_ + "/" + name, read_bytes(path)));
      SchemaText& file = *files_.back();
      file_by_stem_[path.stem().string()] = &file;
      const YAML::Node& root = file.root();
      if (!root.IsMap()) continue;
      if (child(root, "api")) api_version_ = scalar(child(root, "api"), "version");
      if (child(root, "types") && child(root, "types").IsSequence())
        for (const YAML::Node& node : child(root, "types")) read_type(file, node);
      if (child(root, "enums") && child(root, "enums").IsSequence())
        for (const YAML::Node& node : child(root, "enums"))
          if (node.IsMap())
            enums_[scalar(node, "name")] = EnumRef{&file, node, scalar(node, "name"), scalar(node, "doc")};
    }
  }

  void read_type(SchemaText& file, const YAML::Node& node) {
    if (!node.IsMap()) return;
    TypeRef type{
        &file, node, scalar(node, "name"), scalar(node, "extends"), scalar(node, "element"), scalar(node, "doc"), {}};
    if (node["fields"] && node["fields"].IsSequence())
      for (const YAML::Node& field_node : node["fields"]) {
        if (!field_node.IsMap()) continue;
        FieldRef field{&file,
                       field_node,
                       scalar(field_node, "name"),
                       scalar(field_node, "type"),
                       scalar(field_node, "doc"),
                       {},
                       scalar(field_node, "attribute") == "true",
                       scalar(field_node, "optional") == "true",
                       scalar(field_node, "repeated") == "true"};
        if (field_node["aliases"] && field_node["aliases"].IsSequence())
          for (const YAML::Node& alias : field_node["aliases"])
            if (alias.IsScalar()) field.aliases.push_back(alias.Scalar());
        type.fields.push_back(std::move(field));
      }
    types_[type.name] = std::move(type);
  }

  void index_draft() {
    for (const DraftFile& file : draft_.files) {
      for (const DraftType& type : file.types) draft_types_[type.name] = {&type, file.stem};
      for (const DraftEnum& enumeration : file.enums) draft_enums_[enumeration.name] = {&enumeration, file.stem};
    }
  }

  /// The chain of a type and its bases, as far as they resolve.
  std::vector<TypeRef*> chain(TypeRef& type) {
    std::vector<TypeRef*> chain{&type};
    for (std::string base = type.extends; !base.empty() && types_.count(base);) {
      TypeRef* next = &types_[base];
      if (std::find(chain.begin(), chain.end(), next) != chain.end()) break;
      chain.push_back(next);
      base = next->extends;
    }
    return chain;
  }

  std::pair<FieldRef*, TypeRef*> find_field(TypeRef& type, const DraftField& field) {
    for (TypeRef* owner : chain(type))
      for (FieldRef& candidate : owner->fields)
        if (candidate.answers_to(field)) return {&candidate, owner};
    return {nullptr, nullptr};
  }

  /// A draft type's fields and those of its bases in the draft.
  std::vector<DraftField> draft_fields(const DraftType& type) {
    std::vector<DraftField> fields;
    std::set<std::string> seen;
    for (const DraftType* at = &type; at != nullptr && seen.insert(at->name).second;) {
      fields.insert(fields.end(), at->fields.begin(), at->fields.end());
      at = draft_types_.count(at->extends) ? draft_types_[at->extends].type : nullptr;
    }
    return fields;
  }

  std::string renamed(const std::string& name) const {
    const auto it = mapped_.find(name);
    return it == mapped_.end() ? name : it->second;
  }

  /// A draft type or enum that the merged schemas will use: it is added unless it met one of the directory's.
  void use(const std::string& name) {
    if ((draft_types_.count(name) || draft_enums_.count(name)) && !mapped_.count(name)) used_.insert(name);
  }

  void map_names() {
    std::vector<std::string> work;
    for (const DraftFile& file : draft_.files) {
      for (const DraftType& type : file.types) {
        if (types_.count(type.name)) {
          mapped_[type.name] = type.name;
        } else if (!type.element.empty()) {
          for (const auto& [name, existing] : types_)
            if (existing.element == type.element) {
              mapped_[type.name] = name;
              break;
            }
        }
        if (mapped_.count(type.name)) work.push_back(type.name);
      }
      for (const DraftEnum& enumeration : file.enums)
        if (enums_.count(enumeration.name)) mapped_[enumeration.name] = enumeration.name;
    }
    // A field that met one of the directory's fields brings its type along: the page's nested table `Session
    // Result` is the XSD's SessionResultInfo.
    while (!work.empty()) {
      const DraftType& draft = *draft_types_[work.back()].type;
      TypeRef& type = types_[mapped_[work.back()]];
      work.pop_back();
      for (const DraftField& field : draft_fields(draft)) {
        const auto [existing, owner] = find_field(type, field);
        if (existing == nullptr || mapped_.count(field.type)) continue;
        if (draft_types_.count(field.type) && types_.count(existing->type)) {
          mapped_[field.type] = existing->type;
          work.push_back(field.type);
        } else if (draft_enums_.count(field.type) && enums_.count(existing->type)) {
          mapped_[field.type] = existing->type;
        }
      }
    }
  }

  void note(const SchemaText& file, const YAML::Node& node, const std::string& path, std::string message) {
    result_.notes.push_back(
        Diagnostic::warning(Location{file.display(), node.Mark().line + 1, 0, path}, std::move(message)));
  }

  static std::string from(const std::string& origin) { return origin.empty() ? "" : " (" + origin + ")"; }

  void merge_type(const DraftType& draft, TypeRef& type) {
    if (!merged_types_.insert(draft.name + ">" + type.name).second) return;
    SchemaText& file = *type.file;
    if (!draft.doc.empty() && type.doc.empty()) {
      if (file.add_key(type.node, "doc", yaml_flow_scalar(draft.doc))) ++result_.counts.docs;
    } else if (!draft.doc.empty() && !draft.doc.starts_with("XSD: ") && type.doc.starts_with("XSD: ") &&
               type.doc.find('\n') == std::string::npos) {
      // The XSD import's doc only says where the type came from: the page's doc goes before it.
      if (file.replace(child(type.node, "doc"), yaml_flow_scalar(draft.doc + " " + type.doc), is_flow(file, type.node)))
        ++result_.counts.docs;
    }
    std::vector<DraftField> new_fields;
    std::set<std::string> documented;
    const auto examples = directory_examples(type);
    const std::vector<DraftField> fields = draft_fields(draft);
    for (const DraftField& field : fields) {
      const auto [existing, owner] = find_field(type, field);
      if (existing == nullptr) {
        DraftField added = field;
        added.type = renamed(field.type);
        use(field.type);
        // The directory's own examples win as the page's do: a field they lack comes in optional.
        for (const auto& [example, names] : examples) {
          if (added.optional || added.repeated || names.count(field.name)) continue;
          added.optional = true;
          note(file, type.node, type.name + "/" + field.name,
               "added as optional: the directory's example " + example + " has no " + field.name + from(field.origin));
        }
        new_fields.push_back(added);
        continue;
      }
      documented.insert(existing->key());
      merge_field(field, *existing, *owner, type);
    }
    if (!new_fields.empty()) {
      std::vector<std::string> items;
      for (const DraftField& field : new_fields) items.push_back(yaml_item_of(field));
      if (add_items(file, type.node, "fields", items)) result_.counts.fields += new_fields.size();
    }
    check_against_examples(draft, fields, type, documented);
    merge_links(draft, type);
    merge_endpoints(draft, type);
    merge_examples(draft, type);
  }

  void merge_field(const DraftField& field, FieldRef& existing, TypeRef& owner, TypeRef& type) {
    SchemaText& file = *existing.file;
    const std::string path = owner.name + "/" + existing.name;
    const std::string seen = owner.name == type.name ? "" : " (met as a field of " + type.name + ")";
    const bool flow = is_flow(file, existing.node);
    // A base type's field keeps its doc empty: the page describes it for one of the types that extend the base.
    if (!field.doc.empty() && existing.doc.empty() && &owner == &type &&
        file.add_key(existing.node, "doc", yaml_flow_scalar(field.doc)))
      ++result_.counts.docs;
    const std::string field_type = renamed(field.type);
    if (field_type != existing.type) {
      if (existing.type == "String" && draft_enums_.count(field.type) && !existing.repeated &&
          !types_.count(field_type)) {
        if (file.replace(child(existing.node, "type"), field_type, flow)) {
          use(field.type);
          // Beside the field that uses it: files may not use each other in a cycle.
          if (!mapped_.count(field.type)) home_.emplace(field.type, fs::path(file.name()).stem().string());
          ++result_.counts.enum_typed;
          note(file, existing.node, path,
               "a String in the schemas; " + source_ + " lists its values" + from(field.origin) + ": typed as enum " +
                   field_type + seen);
        }
      } else {
        ++result_.counts.disagreements;
        note(file, existing.node, path,
             "the schemas say " + existing.type + ", " + source_ + " says " + field_type + from(field.origin) +
                 "; kept " + existing.type + seen);
      }
    }
    if (field.attribute != existing.attribute) {
      ++result_.counts.disagreements;
      note(file, existing.node, path,
           std::string("an ") + (existing.attribute ? "attribute" : "element") + " in the schemas, an " +
               (field.attribute ? "attribute" : "element") + " in " + source_ + from(field.origin) + "; kept" + seen);
    }
    if (field.repeated != existing.repeated) {
      ++result_.counts.disagreements;
      note(file, existing.node, path,
           std::string(existing.repeated ? "a list" : "a single value") + " in the schemas, " +
               (field.repeated ? "a list" : "a single value") + " in " + source_ + from(field.origin) + "; kept" +
               seen);
    }
    // The page's names for it (its table's, its example's) are read too.
    std::vector<std::string> aliases;
    std::vector<std::string> names = field.aliases;
    names.push_back(field.name);
    for (const std::string& name : names) {
      if (existing.answers_to(name) || std::find(aliases.begin(), aliases.end(), name) != aliases.end()) continue;
      const std::vector<TypeRef*> types = chain(type);
      const bool taken = std::any_of(types.begin(), types.end(), [&](TypeRef* t) {
        return std::any_of(t->fields.begin(), t->fields.end(), [&](const FieldRef& f) { return f.answers_to(name); });
      });
      if (taken) continue;
      aliases.push_back(name);
    }
    if (aliases.empty()) return;
    bool added = true;
    const YAML::Node list = child(existing.node, "aliases");
    if (list && list.IsSequence()) {
      for (const std::string& alias : aliases)
        added = file.append(list, "- " + yaml_flow_scalar(alias) + "\n") && added;
    } else {
      std::string flow_list;
      for (const std::string& alias : aliases) flow_list += (flow_list.empty() ? "" : ", ") + yaml_flow_scalar(alias);
      added = file.add_key(existing.node, "aliases", "[" + flow_list + "]");
    }
    if (!added) return;
    result_.counts.aliases += aliases.size();
    std::string joined;
    for (const std::string& alias : aliases) joined += (joined.empty() ? "" : ", ") + alias;
    note(file, existing.node, path,
         "also reads " + joined + ": " + source_ + "'s name for it" + from(field.origin) + seen);
  }

  /// The names an XML example of the draft gives its root element's children and attributes.
  std::optional<std::set<std::string>> names_in_example(const std::string& file, const std::string& element) {
    const auto payload = std::find_if(draft_.payloads.begin(), draft_.payloads.end(),
                                      [&](const DraftPayload& p) { return p.file == file; });
    if (payload == draft_.payloads.end() || !file.ends_with(".xml")) return std::nullopt;
    return names_in_xml(payload->bytes, element);
  }

  /// The same for the XML examples the directory lists for a type.
  std::vector<std::pair<std::string, std::set<std::string>>> directory_examples(const TypeRef& type) {
    std::vector<std::pair<std::string, std::set<std::string>>> examples;
    const YAML::Node list = child(type.node, "examples");
    if (!list || !list.IsSequence()) return examples;
    for (const YAML::Node& example : list) {
      const std::string file = scalar(example, "file");
      const fs::path path = fs::path(directory_) / file;
      if (!file.ends_with(".xml") || !fs::is_regular_file(path)) continue;
      if (auto names = names_in_xml(read_bytes(path), type.element)) examples.emplace_back(file, *names);
    }
    return examples;
  }

  static std::optional<std::set<std::string>> names_in_xml(const std::string& bytes, const std::string& element) {
    pugi::xml_document document;
    if (!document.load_buffer(bytes.data(), bytes.size())) return std::nullopt;
    const pugi::xml_node root = document.document_element();
    if (element.empty() || root.name() != element) return std::nullopt;
    std::set<std::string> names;
    for (const pugi::xml_attribute attribute : root.attributes()) names.insert(attribute.name());
    for (const pugi::xml_node child : root.children())
      if (child.type() == pugi::node_element) names.insert(child.name());
    return names;
  }

  /// A required field the page's own example does not have would make that example unreadable: optional. A field
  /// the page does not document is reported.
  void check_against_examples(const DraftType& draft, const std::vector<DraftField>& fields, TypeRef& type,
                              const std::set<std::string>& documented) {
    std::vector<std::pair<std::string, std::set<std::string>>> examples;
    for (const DraftExample& example : draft.examples)
      if (auto names = names_in_example(example.file, type.element)) examples.emplace_back(example.file, *names);
    for (TypeRef* owner : chain(type))
      for (FieldRef& field : owner->fields) {
        const std::string path = owner->name + "/" + field.name;
        const std::string seen = owner == &type ? "" : " (met as a field of " + type.name + ")";
        if (!fields.empty() && !documented.count(field.key()) && noted_.insert(field.key() + " undocumented").second) {
          ++result_.counts.disagreements;
          note(*field.file, field.node, path,
               "in the schemas, not in " + source_ + from(draft.origin) + "; kept" + seen);
        }
        if (field.optional || field.repeated) continue;
        for (const auto& [file, names] : examples) {
          if (std::any_of(names.begin(), names.end(), [&](const std::string& n) { return field.answers_to(n); }))
            continue;
          SchemaText& text = *field.file;
          const YAML::Node optional = child(field.node, "optional");
          const bool made = optional ? text.replace(optional, "true", is_flow(text, field.node))
                                     : text.add_key(field.node, "optional", "true");
          if (made) {
            field.optional = true;
            ++result_.counts.made_optional;
            note(text, field.node, path,
                 "required in the schemas, absent from " + source_ + "'s example " + file +
                     ": made optional, so that the "
                     "example reads" +
                     seen);
          }
          break;
        }
      }
  }

  bool add_items(SchemaText& file, const YAML::Node& map, const char* key, const std::vector<std::string>& items) {
    const YAML::Node list = child(map, key);
    if (list && list.IsSequence()) {
      bool all = true;
      for (const std::string& item : items) all = file.append(list, item) && all;
      if (all) return true;
    } else if (file.add_list(map, key, items)) {
      return true;
    }
    note(file, map, scalar(map, "name"),
         std::string("written in flow style: its new ") + key + " are not added; add them by hand");
    return false;
  }

  void merge_links(const DraftType& draft, TypeRef& type) {
    std::vector<std::string> items;
    const YAML::Node list = child(type.node, "links");
    for (const DraftLink& link : draft.links) {
      bool known = false;
      if (list && list.IsSequence())
        for (const YAML::Node& existing : list) {
          if (path_shape(scalar(existing, "path")) != path_shape(link.path)) continue;
          known = true;
          if (scalar(existing, "rel") != link.rel) {
            ++result_.counts.disagreements;
            note(*type.file, existing, type.name + "/links",
                 "rel " + scalar(existing, "rel") + " in the schemas, " + link.rel + " in " + source_ + " for " +
                     link.path + "; kept");
          }
          break;
        }
      if (!known) items.push_back(yaml_item_of(link));
    }
    if (!items.empty() && add_items(*type.file, type.node, "links", items)) result_.counts.links += items.size();
  }

  void merge_endpoints(const DraftType& draft, TypeRef& type) {
    std::vector<std::string> items;
    const YAML::Node list = child(type.node, "endpoints");
    for (const DraftEndpoint& endpoint : draft.endpoints) {
      const bool known =
          list && list.IsSequence() && std::any_of(list.begin(), list.end(), [&](const YAML::Node& existing) {
            return scalar(existing, "method") == endpoint.method &&
                   path_shape(scalar(existing, "path")) == path_shape(endpoint.path);
          });
      if (known) continue;
      DraftEndpoint added = endpoint;
      added.returns = renamed(endpoint.returns);
      added.body = renamed(endpoint.body);
      use(endpoint.returns);
      use(endpoint.body);
      items.push_back(yaml_item_of(added));
    }
    if (!items.empty() && add_items(*type.file, type.node, "endpoints", items))
      result_.counts.endpoints += items.size();
  }

  /// An expectation path in the draft's names (`Result.Result`), in the names of the directory's fields.
  std::string renamed_path(const DraftType* draft, TypeRef* type, const std::string& path) {
    std::string out;
    std::istringstream segments(path);
    for (std::string segment; std::getline(segments, segment, '.');) {
      std::string name = segment;
      std::optional<DraftField> field;
      if (draft != nullptr)
        for (const DraftField& candidate : draft_fields(*draft))
          if (candidate.name == segment) field = candidate;
      FieldRef* existing = nullptr;
      if (field && type != nullptr) existing = find_field(*type, *field).first;
      if (existing != nullptr) name = existing->name;
      out += (out.empty() ? "" : ".") + name;
      draft = field && draft_types_.count(field->type) ? draft_types_[field->type].type : nullptr;
      type = existing != nullptr && types_.count(existing->type) ? &types_[existing->type] : nullptr;
    }
    return out;
  }

  /// Whether the payload can join the directory: new, or there already byte for byte.
  bool take_payload(const std::string& file, SchemaText& where, const YAML::Node& node, const std::string& path) {
    const auto payload = std::find_if(draft_.payloads.begin(), draft_.payloads.end(),
                                      [&](const DraftPayload& p) { return p.file == file; });
    if (payload == draft_.payloads.end()) return false;
    const fs::path on_disk = fs::path(directory_) / file;
    if (fs::exists(on_disk)) {
      if (read_bytes(on_disk) == payload->bytes) return true;
      note(where, node, path, file + " is in the directory with other bytes; " + source_ + "'s example is not added");
      return false;
    }
    if (new_payloads_.insert(file).second) {
      result_.changes.push_back(FileChange{file, "", payload->bytes, true});
      const std::string cell = "| " + fs::path(file).filename().string() + " |";
      for (const std::string& row : draft_.sources)
        if (row.starts_with(cell)) new_sources_.push_back(row);
    }
    return true;
  }

  void merge_examples(const DraftType& draft, TypeRef& type) {
    std::vector<std::string> items;
    const YAML::Node list = child(type.node, "examples");
    for (const DraftExample& example : draft.examples) {
      const bool known = list && list.IsSequence() && std::any_of(list.begin(), list.end(), [&](const YAML::Node& e) {
                           return scalar(e, "file") == example.file;
                         });
      if (known || !take_payload(example.file, *type.file, type.node, type.name + "/examples")) continue;
      DraftExample added = example;
      for (DraftExpectation& expectation : added.expect)
        expectation.path = renamed_path(&draft, &type, expectation.path);
      items.push_back(yaml_item_of(added));
    }
    if (!items.empty() && add_items(*type.file, type.node, "examples", items)) result_.counts.examples += items.size();
  }

  void merge_enum(const DraftEnum& draft, EnumRef& enumeration) {
    if (!merged_types_.insert(draft.name + ">" + enumeration.name).second) return;
    SchemaText& file = *enumeration.file;
    if (!draft.doc.empty() && enumeration.doc.empty() &&
        file.add_key(enumeration.node, "doc", yaml_flow_scalar(draft.doc)))
      ++result_.counts.docs;
    const YAML::Node values = child(enumeration.node, "values");
    if (!values || !values.IsSequence()) return;
    std::vector<std::string> items;
    std::set<std::string> listed;
    for (const DraftEnumValue& value : draft.values) listed.insert(value.wire);
    for (const YAML::Node& existing : values) {
      const std::string wire = existing.IsScalar() ? existing.Scalar() : scalar(existing, "wire");
      if (!listed.count(wire) && noted_.insert(enumeration.name + "=" + wire).second) {
        ++result_.counts.disagreements;
        note(file, existing, enumeration.name + "/" + wire, "in the schemas, not among " + source_ + "'s values; kept");
      }
    }
    for (const DraftEnumValue& value : draft.values) {
      const auto existing = std::find_if(values.begin(), values.end(), [&](const YAML::Node& node) {
        return (node.IsScalar() ? node.Scalar() : scalar(node, "wire")) == value.wire;
      });
      if (existing == values.end()) {
        items.push_back(yaml_item_of(value));
        continue;
      }
      const YAML::Node node = *existing;
      if (value.doc.empty()) continue;
      if (node.IsScalar()) {
        // `- Starting` becomes `- {wire: Starting, doc: ...}`.
        const std::string item = yaml_item_of(DraftEnumValue{value.wire, value.doc, ""});
        if (file.replace(node, item.substr(2, item.size() - 3), file.text()[values.Mark().pos] == '['))
          ++result_.counts.docs;
      } else if (scalar(node, "doc").empty() && file.add_key(node, "doc", yaml_flow_scalar(value.doc))) {
        ++result_.counts.docs;
      }
    }
    if (!items.empty()) {
      bool all = true;
      for (const std::string& item : items) all = file.append(values, item) && all;
      if (all) result_.counts.values += items.size();
    }
  }

  void add_missing() {
    // Documents the page describes are added; other draft types and enums when something added or retyped uses them.
    for (const DraftFile& file : draft_.files)
      for (const DraftType& type : file.types)
        if (!type.element.empty()) use(type.name);
    std::set<std::string> added;
    std::vector<std::string> work(used_.begin(), used_.end());
    while (!work.empty()) {
      const std::string name = work.back();
      work.pop_back();
      if (!added.insert(name).second) continue;
      if (draft_types_.count(name)) {
        const DraftType& type = *draft_types_[name].type;
        for (const DraftField& field : type.fields) work.push_back(field.type);
        work.push_back(type.extends);
        for (const DraftEndpoint& endpoint : type.endpoints) {
          work.push_back(endpoint.returns);
          work.push_back(endpoint.body);
        }
      }
      std::erase_if(work, [&](const std::string& n) { return !draft_types_.count(n) && !draft_enums_.count(n); });
      std::erase_if(work, [&](const std::string& n) { return mapped_.count(n) > 0; });
    }
    std::map<std::string, DraftFile> new_files;
    std::map<std::string, std::vector<std::string>> new_type_items, new_enum_items;
    for (const DraftFile& file : draft_.files) {
      for (const DraftEnum& enumeration : file.enums) {
        if (!added.count(enumeration.name)) continue;
        if (types_.count(enumeration.name)) {
          clash(enumeration.name, "an enum", types_[enumeration.name].file, types_[enumeration.name].node);
          continue;
        }
        ++result_.counts.enums;
        const std::string stem = home_.count(enumeration.name) ? home_[enumeration.name] : file.stem;
        if (file_by_stem_.count(stem))
          new_enum_items[stem].push_back(yaml_item_of(enumeration));
        else
          add_to_new_file(new_files, file).enums.push_back(enumeration);
      }
      for (const DraftType& type : file.types) {
        if (!added.count(type.name)) continue;
        if (enums_.count(type.name)) {
          clash(type.name, "a type", enums_[type.name].file, enums_[type.name].node);
          continue;
        }
        DraftType copy = type;
        copy.extends = renamed(type.extends);
        for (DraftField& field : copy.fields) field.type = renamed(field.type);
        if (copy.extends.empty()) adopt_base(copy);
        for (DraftEndpoint& endpoint : copy.endpoints) {
          endpoint.returns = renamed(endpoint.returns);
          endpoint.body = renamed(endpoint.body);
        }
        std::erase_if(copy.examples, [&](const DraftExample& example) {
          SchemaText& where = file_by_stem_.count(file.stem) ? *file_by_stem_[file.stem] : *files_.front();
          return !take_payload(example.file, where, where.root(), type.name + "/examples");
        });
        ++result_.counts.types;
        result_.counts.examples += copy.examples.size();
        if (file_by_stem_.count(file.stem))
          new_type_items[file.stem].push_back(yaml_item_of(copy));
        else
          add_to_new_file(new_files, file).types.push_back(copy);
      }
    }
    for (const auto& [stem, items] : new_enum_items)
      add_items(*file_by_stem_[stem], file_by_stem_[stem]->root(), "enums", items);
    for (const auto& [stem, items] : new_type_items)
      add_items(*file_by_stem_[stem], file_by_stem_[stem]->root(), "types", items);
    for (const auto& [stem, file] : new_files)
      result_.changes.push_back(FileChange{stem + ".yaml", "", yaml_of(file, api_version_, draft_.header), true});
  }

  /// A page lists inherited fields as the type's own (UID, Name, Href, Type, Links): when the directory has a base
  /// type (not a document) whose every field the added type has, alike, the added type extends it instead. The
  /// base with the most fields wins; of two alike, the one nearer the root.
  void adopt_base(DraftType& type) {
    TypeRef* best = nullptr;
    std::size_t best_fields = 0, best_depth = 0;
    for (auto& [name, candidate] : types_) {
      if (!candidate.element.empty() || name == type.name) continue;
      std::size_t fields = 0;
      bool all = true;
      for (TypeRef* owner : chain(candidate))
        for (const FieldRef& field : owner->fields) {
          ++fields;
          all = all && std::any_of(type.fields.begin(), type.fields.end(), [&](const DraftField& f) {
                  return field.answers_to(f) && f.attribute == field.attribute && f.repeated == field.repeated;
                });
        }
      const std::size_t depth = chain(candidate).size();
      if (!all || fields == 0 || fields < best_fields || (fields == best_fields && depth >= best_depth)) continue;
      best = &candidate;
      best_fields = fields;
      best_depth = depth;
    }
    if (best == nullptr) return;
    std::string inherited;
    const std::vector<TypeRef*> bases = chain(*best);
    for (auto owner = bases.rbegin(); owner != bases.rend(); ++owner)  // root first, as on the wire
      for (const FieldRef& field : (*owner)->fields) {
        std::erase_if(type.fields, [&](const DraftField& f) { return field.answers_to(f); });
        inherited += (inherited.empty() ? "" : ", ") + field.name;
      }
    type.extends = best->name;
    note(*best->file, best->node, type.name,
         source_ + " lists " + inherited + " as fields of " + type.name + from(type.origin) + ": it extends " +
             best->name + ", which has them all");
  }

  void clash(const std::string& name, const std::string& what, SchemaText* file, const YAML::Node& node) {
    ++result_.counts.disagreements;
    note(*file, node, name, source_ + " drafts " + what + " of this name, the schemas have another kind; not added");
  }

  static DraftFile& add_to_new_file(std::map<std::string, DraftFile>& files, const DraftFile& from) {
    DraftFile& file = files[from.stem];
    file.stem = from.stem;
    file.doc = from.doc;
    return file;
  }

  void finish() {
    for (const auto& file : files_)
      if (file->changed()) result_.changes.push_back(FileChange{file->name(), file->text(), file->edited(), false});
    if (!new_sources_.empty()) {
      const fs::path sources = fs::path(directory_) / "examples" / "SOURCES.md";
      if (fs::exists(sources)) {
        const std::string before = read_bytes(sources);
        std::string after = before;
        if (!after.empty() && after.back() != '\n') after += '\n';
        for (const std::string& row : new_sources_)
          if (before.find(row.substr(0, row.find(" | ") + 3)) == std::string::npos) after += row + "\n";
        if (after != before) result_.changes.push_back(FileChange{"examples/SOURCES.md", before, after, false});
      } else {
        result_.changes.push_back(FileChange{"examples/SOURCES.md", "", sources_md(new_sources_), true});
      }
    }
    std::sort(result_.changes.begin(), result_.changes.end(),
              [](const FileChange& a, const FileChange& b) { return a.file < b.file; });
  }

  struct DraftTypeRef {
    const DraftType* type = nullptr;
    std::string stem;
  };
  struct DraftEnumRef {
    const DraftEnum* enumeration = nullptr;
    std::string stem;
  };

  const Draft& draft_;
  std::string directory_;
  /// How notes name the draft's side: "the page", "the XSD".
  std::string source_;
  std::string api_version_;
  std::vector<std::unique_ptr<SchemaText>> files_;
  std::map<std::string, SchemaText*> file_by_stem_;
  std::map<std::string, TypeRef> types_;
  std::map<std::string, EnumRef> enums_;
  std::map<std::string, DraftTypeRef> draft_types_;
  std::map<std::string, DraftEnumRef> draft_enums_;
  /// A draft type's or enum's name → the directory's name for it.
  std::map<std::string, std::string> mapped_;
  std::set<std::string> used_;
  /// The file a draft enum goes to when a field of that file is typed with it.
  std::map<std::string, std::string> home_;
  std::set<std::string> merged_types_;
  std::set<std::string> noted_;
  std::set<std::string> new_payloads_;
  std::vector<std::string> new_sources_;
  Merge result_;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

Merge merge_draft(const Draft& draft, const std::string& directory) {
  if (!fs::is_directory(directory)) throw ImportError(directory + ": not a directory to merge into");
  return Merger(draft, directory).run();
}

std::string unified_diff(const FileChange& change, const std::string& directory) {
  const std::vector<std::string> before = lines_of(change.before), after = lines_of(change.after);
  dtl::Diff<std::string> diff(before, after);
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  std::ostringstream out;
  const std::string path = (directory.starts_with("/") ? directory.substr(1) : directory) + "/" + change.file;
  out << "--- " << (change.created ? "/dev/null" : "a/" + path) << "\n";
  out << "+++ b/" << path << "\n";
  diff.printUnifiedFormat(out);
  return out.str();
}

void write_merge(const Merge& merge, const std::string& directory) {
  for (const FileChange& change : merge.changes) {
    const fs::path path = fs::path(directory) / change.file;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << change.after;
    if (!out) throw std::runtime_error(path.generic_string() + ": cannot be written");
  }
}

namespace {

using format::vocabulary::Key;

constexpr const char* kKept = "kept byte for byte; a new item takes the draft's";
constexpr const char* kFilled = "filled from the draft when the directory has none";
constexpr const char* kAdded = "the draft's items the directory lacks are added";
constexpr const char* kNewOnly = "kept as the directory has it; an item the merge adds carries the draft's";

constexpr format::vocabulary::KeyUse kMergedKeys[] = {
    {Key::api_file_api, "read for the version of new files; api.yaml is never edited"},
    {Key::api_title, kKept},
    {Key::api_version, "read: a new schema file declares it as its api_version"},
    {Key::api_build, kKept},
    {Key::api_xml_namespace, kKept},
    {Key::api_base_path, kKept},
    {Key::file_api_version, "written into a new file; kept in an existing one"},
    {Key::file_doc, kKept},
    {Key::file_enums, kAdded},
    {Key::file_types, kAdded},
    {Key::enum_name, "matches an enum of the draft to the directory's"},
    {Key::enum_doc, kFilled},
    {Key::enum_values, kAdded},
    {Key::value_wire, "matches a value of the draft to the directory's"},
    {Key::value_name, kNewOnly},
    {Key::value_doc, kFilled},
    {Key::type_name, "matches a type of the draft to the directory's"},
    {Key::type_doc, "filled when empty, or put before an XSD import's doc"},
    {Key::type_extends, "read: a base type's fields are matched too"},
    {Key::type_element, "read: the document a type's examples hold"},
    {Key::type_fields, kAdded},
    {Key::type_links, kAdded},
    {Key::type_endpoints, kAdded},
    {Key::type_examples, kAdded},
    {Key::field_name, "matches a field of the draft to the directory's (its aliases too)"},
    {Key::field_type, "String typed as the draft's enum; another disagreement is noted and kept"},
    {Key::field_doc, kFilled},
    {Key::field_attribute, "compared; a disagreement is noted and kept"},
    {Key::field_text, kKept},
    {Key::field_optional, "set when an example the draft adds lacks the field"},
    {Key::field_repeated, "read: a repeated field is never made optional"},
    {Key::field_item, kNewOnly},
    {Key::field_aliases, "the draft's names of a field in other letter case are added"},
    {Key::field_cpp_name, kKept},
    {Key::field_query, kNewOnly},
    {Key::field_json, kKept},
    {Key::json_name, kKept},
    {Key::json_list, kKept},
    {Key::link_rel, "compared for a link of the same path; a disagreement is noted and kept"},
    {Key::link_type, kKept},
    {Key::link_path, "matches a link of the draft to the directory's (parameter names aside)"},
    {Key::link_method, kKept},
    {Key::link_returns, kKept},
    {Key::link_doc, kNewOnly},
    {Key::endpoint_method, "matches an endpoint of the draft to the directory's, with its path"},
    {Key::endpoint_path, "matches an endpoint of the draft to the directory's (parameter names aside)"},
    {Key::endpoint_doc, kNewOnly},
    {Key::endpoint_client, kNewOnly},
    {Key::endpoint_client_name, kKept},
    {Key::endpoint_body, "a new endpoint's body, in the directory's name of the type"},
    {Key::endpoint_file_paths, kNewOnly},
    {Key::endpoint_returns, "a new endpoint's returns, in the directory's name of the type"},
    {Key::returns_reference, kKept},
    {Key::returns_entity, kKept},
    {Key::example_file, "matches an example of the draft to the directory's"},
    {Key::example_doc, kNewOnly},
    {Key::example_expect, "a new example's, in the directory's field names"},
    {Key::expectation_count, kKept},
    {Key::expectation_unlisted, kKept},
};

}  // namespace

std::span<const format::vocabulary::KeyUse> merged_keys() { return kMergedKeys; }

}  // namespace emgen::gen::import
