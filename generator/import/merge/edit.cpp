// `emgen import --into`: what the directory has, edited where the draft's evidence says it should be: docs
// filled, a String typed as the draft's enum, a field the draft's example lacks made optional, the draft's names
// added as aliases, the draft's links, endpoints, examples and enum values the directory lacks added; every other
// disagreement noted and kept.

#include <algorithm>
#include <filesystem>
#include <pugixml.hpp>
#include <set>

#include "import/merge/merger.hpp"
#include "naming.hpp"

namespace emgen::gen::import::merging {

void Merger::merge_type(const DraftType& draft, TypeRef& type) {
  if (!merged_types_.insert(draft.name + ">" + type.name).second) return;
  SchemaText& file = *type.file;
  if (!draft.doc.empty() && type.doc.empty()) {
    if (fill(file, type.ast->keys, Key::type_doc, yaml_flow_scalar(draft.doc))) ++result_.counts.docs;
  } else if (!draft.doc.empty() && !draft.doc.starts_with("XSD: ") && type.doc.starts_with("XSD: ") &&
             type.doc.find('\n') == std::string::npos) {
    // The XSD import's doc only says where the type came from: the page's doc goes before it.
    if (file.replace(type.ast->keys.find(Key::type_doc)->value, yaml_flow_scalar(draft.doc + " " + type.doc),
                     file.is_flow(type.ast->where)))
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
        note(file, type.ast->where, type.name + "/" + field.name,
             "added as optional: the directory's example " + example + " has no " + field.name + from(field.origin),
             kAddedOptional);
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
    if (add_items(file, type.ast->keys, Key::type_fields, type.name, items)) result_.counts.fields += new_fields.size();
  }
  check_against_examples(draft, fields, type, documented);
  merge_links(draft, type);
  merge_endpoints(draft, type);
  merge_examples(draft, type);
}

void Merger::merge_field(const DraftField& field, FieldRef& existing, TypeRef& owner, TypeRef& type) {
  SchemaText& file = *existing.file;
  const std::string path = owner.name + "/" + existing.name;
  const std::string seen = owner.name == type.name ? "" : " (met as a field of " + type.name + ")";
  const bool flow = file.is_flow(existing.ast->where);
  // A base type's field keeps its doc empty: the page describes it for one of the types that extend the base.
  if (!field.doc.empty() && existing.doc.empty() && &owner == &type &&
      fill(file, existing.ast->keys, Key::field_doc, yaml_flow_scalar(field.doc)))
    ++result_.counts.docs;
  const std::string field_type = renamed(field.type);
  if (field_type != existing.type) {
    if (existing.type == "String" && draft_enums_.count(field.type) && !existing.repeated &&
        !types_.count(field_type)) {
      if (file.replace(existing.ast->type.where, field_type, flow)) {
        use(field.type);
        // Beside the field that uses it: files may not use each other in a cycle.
        if (!mapped_.count(field.type)) home_.emplace(field.type, fs::path(file.name()).stem().string());
        ++result_.counts.enum_typed;
        note(file, existing.ast->where, path,
             "a String in the schemas; " + source_ + " lists its values" + from(field.origin) + ": typed as enum " +
                 field_type + seen,
             kTypedAsEnum);
      }
    } else {
      ++result_.counts.disagreements;
      note(file, existing.ast->where, path,
           "the schemas say " + existing.type + ", " + source_ + " says " + field_type + from(field.origin) +
               "; kept " + existing.type + seen,
           kTypeDisagrees);
    }
  }
  if (field.attribute != existing.attribute) {
    ++result_.counts.disagreements;
    note(file, existing.ast->where, path,
         std::string("an ") + (existing.attribute ? "attribute" : "element") + " in the schemas, an " +
             (field.attribute ? "attribute" : "element") + " in " + source_ + from(field.origin) + "; kept" + seen,
         kKindDisagrees);
  }
  if (field.repeated != existing.repeated) {
    ++result_.counts.disagreements;
    note(file, existing.ast->where, path,
         std::string(existing.repeated ? "a list" : "a single value") + " in the schemas, " +
             (field.repeated ? "a list" : "a single value") + " in " + source_ + from(field.origin) + "; kept" + seen,
         kCardinalityDisagrees);
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
  const format::KeyPlace* list = existing.ast->keys.find(Key::field_aliases);
  if (list != nullptr && !list->null) {
    for (const std::string& alias : aliases)
      added = file.append(list->value, "- " + yaml_flow_scalar(alias) + "\n") && added;
  } else {
    std::string flow_list;
    for (const std::string& alias : aliases) flow_list += (flow_list.empty() ? "" : ", ") + yaml_flow_scalar(alias);
    added = fill(file, existing.ast->keys, Key::field_aliases, "[" + flow_list + "]");
  }
  if (!added) return;
  result_.counts.aliases += aliases.size();
  std::string joined;
  for (const std::string& alias : aliases) joined += (joined.empty() ? "" : ", ") + alias;
  note(file, existing.ast->where, path,
       "also reads " + joined + ": " + source_ + "'s name for it" + from(field.origin) + seen, kAliasAdded);
}

std::optional<std::set<std::string>> Merger::names_in_example(const std::string& file, const std::string& element) {
  const auto payload = std::find_if(draft_.payloads.begin(), draft_.payloads.end(),
                                    [&](const DraftPayload& p) { return p.file == file; });
  if (payload == draft_.payloads.end() || !file.ends_with(".xml")) return std::nullopt;
  return names_in_xml(payload->bytes, element);
}

std::vector<std::pair<std::string, std::set<std::string>>> Merger::directory_examples(const TypeRef& type) {
  std::vector<std::pair<std::string, std::set<std::string>>> examples;
  for (const format::ExampleAst& example : type.ast->examples) {
    const std::string& file = example.file.value;
    const fs::path path = fs::path(directory_) / file;
    if (!file.ends_with(".xml") || !fs::is_regular_file(path)) continue;
    if (auto names = names_in_xml(read_bytes(path), type.element)) examples.emplace_back(file, *names);
  }
  return examples;
}

std::optional<std::set<std::string>> Merger::names_in_xml(const std::string& bytes, const std::string& element) {
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

void Merger::check_against_examples(const DraftType& draft, const std::vector<DraftField>& fields, TypeRef& type,
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
        note(*field.file, field.ast->where, path,
             "in the schemas, not in " + source_ + from(draft.origin) + "; kept" + seen, kUndocumented);
      }
      if (field.optional || field.repeated) continue;
      for (const auto& [file, names] : examples) {
        if (std::any_of(names.begin(), names.end(), [&](const std::string& n) { return field.answers_to(n); }))
          continue;
        SchemaText& text = *field.file;
        if (fill(text, field.ast->keys, Key::field_optional, "true")) {
          field.optional = true;
          ++result_.counts.made_optional;
          note(text, field.ast->where, path,
               "required in the schemas, absent from " + source_ + "'s example " + file +
                   ": made optional, so that the "
                   "example reads" +
                   seen,
               kMadeOptional);
        }
        break;
      }
    }
}

bool Merger::add_items(SchemaText& file, const format::KeyPlaces& map, Key key, const std::string& name,
                       const std::vector<std::string>& items) {
  const std::string key_name(format::vocabulary::name(key));
  if (map.map.offset == Location::kNoOffset) {  // a file that holds no map (empty)
    note(file, map.map, name, "not a map: its new " + key_name + " are not added; add them by hand", kNotAdded);
    return false;
  }
  const format::KeyPlace* list = map.find(key);
  if (list != nullptr && !list->null) {
    bool all = true;
    for (const std::string& item : items) all = file.append(list->value, item) && all;
    if (all) return true;
  } else if (list != nullptr ? file.replace_null_list(list->at, map.map, key_name, items)
                             : file.add_list(map.map, key_name, items)) {
    return true;
  }
  note(file, map.map, name, "written in flow style: its new " + key_name + " are not added; add them by hand",
       kNotAdded);
  return false;
}

bool Merger::fill(SchemaText& file, const format::KeyPlaces& map, Key key, const std::string& value) {
  const std::string name(format::vocabulary::name(key));
  const format::KeyPlace* place = map.find(key);
  if (place == nullptr) return file.add_key(map.map, name, value);
  if (place->null) return file.replace_null(place->at, name, value, file.is_flow(map.map));
  return file.replace(place->value, value, file.is_flow(map.map));
}

void Merger::merge_links(const DraftType& draft, TypeRef& type) {
  std::vector<std::string> items;
  for (const DraftLink& link : draft.links) {
    bool known = false;
    for (const format::LinkAst& existing : type.ast->links) {
      if (path_shape(existing.path.value) != path_shape(link.path)) continue;
      known = true;
      if (existing.rel.value != link.rel) {
        ++result_.counts.disagreements;
        note(*type.file, existing.where, type.name + "/links",
             "rel " + existing.rel.value + " in the schemas, " + link.rel + " in " + source_ + " for " + link.path +
                 "; kept",
             kRelDisagrees);
      }
      break;
    }
    if (!known) items.push_back(yaml_item_of(link));
  }
  if (!items.empty() && add_items(*type.file, type.ast->keys, Key::type_links, type.name, items))
    result_.counts.links += items.size();
}

void Merger::merge_endpoints(const DraftType& draft, TypeRef& type) {
  std::vector<std::string> items;
  const std::vector<format::EndpointAst>& list = type.ast->endpoints;
  for (const DraftEndpoint& endpoint : draft.endpoints) {
    const bool known = std::any_of(list.begin(), list.end(), [&](const format::EndpointAst& existing) {
      return existing.method.value == endpoint.method && path_shape(existing.path.value) == path_shape(endpoint.path);
    });
    if (known) continue;
    DraftEndpoint added = endpoint;
    added.returns = renamed(endpoint.returns);
    added.body = renamed(endpoint.body);
    use(endpoint.returns);
    use(endpoint.body);
    items.push_back(yaml_item_of(added));
  }
  if (!items.empty() && add_items(*type.file, type.ast->keys, Key::type_endpoints, type.name, items))
    result_.counts.endpoints += items.size();
}

void Merger::merge_examples(const DraftType& draft, TypeRef& type) {
  std::vector<std::string> items;
  const std::vector<format::ExampleAst>& list = type.ast->examples;
  for (const DraftExample& example : draft.examples) {
    const bool known = std::any_of(list.begin(), list.end(),
                                   [&](const format::ExampleAst& e) { return e.file.value == example.file; });
    if (known || !take_payload(example.file, *type.file, type.ast->where, type.name + "/examples")) continue;
    DraftExample added = example;
    for (DraftExpectation& expectation : added.expect) expectation.path = renamed_path(&draft, &type, expectation.path);
    items.push_back(yaml_item_of(added));
  }
  if (!items.empty() && add_items(*type.file, type.ast->keys, Key::type_examples, type.name, items))
    result_.counts.examples += items.size();
}

void Merger::merge_enum(const DraftEnum& draft, EnumRef& enumeration) {
  if (!merged_types_.insert(draft.name + ">" + enumeration.name).second) return;
  SchemaText& file = *enumeration.file;
  if (!draft.doc.empty() && enumeration.doc.empty() &&
      fill(file, enumeration.ast->keys, Key::enum_doc, yaml_flow_scalar(draft.doc)))
    ++result_.counts.docs;
  const format::KeyPlace* values_place = enumeration.ast->keys.find(Key::enum_values);
  if (values_place == nullptr || values_place->null) return;
  const Location* values_at = &values_place->value;
  const std::vector<format::EnumValueAst>& values = enumeration.ast->values;
  std::vector<std::string> items;
  std::set<std::string> listed;
  for (const DraftEnumValue& value : draft.values) listed.insert(value.wire);
  for (const format::EnumValueAst& existing : values) {
    const std::string& wire = existing.wire.value;
    if (!listed.count(wire) && noted_.insert(enumeration.name + "=" + wire).second) {
      ++result_.counts.disagreements;
      note(file, existing.where, enumeration.name + "/" + wire,
           "in the schemas, not among " + source_ + "'s values; kept", kUnlistedValue);
    }
  }
  for (const DraftEnumValue& value : draft.values) {
    const auto existing = std::find_if(values.begin(), values.end(),
                                       [&](const format::EnumValueAst& node) { return node.wire.value == value.wire; });
    if (existing == values.end()) {
      items.push_back(yaml_item_of(value));
      continue;
    }
    if (value.doc.empty()) continue;
    // A value written as a scalar (`- Starting`) has no keys of its own.
    if (existing->keys.find(Key::value_wire) == nullptr) {
      // `- Starting` becomes `- {wire: Starting, doc: ...}`.
      const std::string item = yaml_item_of(DraftEnumValue{value.wire, value.doc, ""});
      if (file.replace(existing->where, item.substr(2, item.size() - 3), file.is_flow(*values_at)))
        ++result_.counts.docs;
    } else if (existing->doc.empty() && fill(file, existing->keys, Key::value_doc, yaml_flow_scalar(value.doc))) {
      ++result_.counts.docs;
    }
  }
  if (!items.empty()) {
    bool all = true;
    for (const std::string& item : items) all = file.append(*values_at, item) && all;
    if (all) result_.counts.values += items.size();
  }
}

}  // namespace emgen::gen::import::merging
