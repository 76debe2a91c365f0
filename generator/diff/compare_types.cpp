// `emgen diff`: the types of two versions paired (by name, else by element) and compared: their bases, fields
// (names, JSON names, kinds, cardinalities, types, query lists) and links, by the C++ names they give.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diff/comparer.hpp"
#include "diff/rules.hpp"
#include "format/vocabulary.hpp"
#include "languages/cpp/names.hpp"

namespace emgen::gen::diff::comparing {

void Comparer::match_types() {
  std::vector<const ir::Type*> removed, added;
  pair_by_name(old_.types, new_.types, type_pairs_, removed, added);
  // A document type that reads the same element under another name was renamed.
  for (const ir::Type* old_type : removed) {
    const auto renamed = std::find_if(added.begin(), added.end(), [&](const ir::Type* t) {
      return t != nullptr && old_type->element && t->element == old_type->element;
    });
    if (renamed != added.end()) {
      add(Rule::type_renamed, (*renamed)->name,
          "type " + old_type->name + " is now " + (*renamed)->name + " (it reads <" + *old_type->element +
              "> as before): code naming it no longer compiles.",
          Breaks{.source = true}, old_type->where, (*renamed)->where);
      type_pairs_.emplace_back(old_type, *renamed);
      *renamed = nullptr;
      continue;
    }
    if (options_.shared_only) {
      ++result_.left_out;
      continue;
    }
    const bool document = old_type->element.has_value();
    add(Rule::type_removed, old_type->name,
        "type " + old_type->name + " was removed: code naming it no longer compiles" +
            (document ? "; the new bindings cannot read <" + *old_type->element + "> documents." : "."),
        Breaks{.source = true, .old_payloads = document}, old_type->where, std::nullopt);
  }
  for (const ir::Type* new_type : added) {
    if (new_type == nullptr) continue;
    if (options_.shared_only) {
      ++result_.left_out;
      continue;
    }
    add(Rule::type_added, new_type->name,
        "type " + new_type->name + " was added" +
            (new_type->element ? ", reading <" + *new_type->element + "> documents." : "."),
        Breaks{}, std::nullopt, new_type->where);
  }
  for (const auto& [old_type, new_type] : type_pairs_) type_names_[old_type->name] = new_type->name;
}

bool Comparer::same_type(const ir::TypeRef& before, const ir::TypeRef& after) const {
  if (before.kind != after.kind) return false;
  switch (before.kind) {
    case ir::TypeRef::Kind::primitive:
      return before.primitive == after.primitive;
    case ir::TypeRef::Kind::enumeration: {
      // An imported set's enum (--import) is neither side's own: the same name is the same enum.
      if (is_imported(before.enumeration->file) && is_imported(after.enumeration->file))
        return before.enumeration->name == after.enumeration->name;
      const auto it = enum_names_.find(before.enumeration->name);
      return it != enum_names_.end() && it->second == after.enumeration->name;
    }
    case ir::TypeRef::Kind::complex:
      break;
  }
  if (is_imported(before.complex->file) && is_imported(after.complex->file))
    return before.complex->name == after.complex->name;
  const auto it = type_names_.find(before.complex->name);
  return it != type_names_.end() && it->second == after.complex->name;
}

void Comparer::compare_type(const ir::Type& old_type, const ir::Type& new_type) {
  const std::string& name = new_type.name;
  if (old_type.element != new_type.element) {
    if (!old_type.element)
      add(Rule::type_element_added, name, name + " became a document type, reading <" + *new_type.element + ">.",
          Breaks{}, old_type.where, new_type.where);
    else if (!new_type.element)
      add(Rule::type_element_removed, name,
          name + " no longer reads <" + *old_type.element +
              "> documents: code calling its from_xml/from_json no "
              "longer compiles.",
          Breaks{.source = true, .old_payloads = true}, old_type.where, new_type.where);
    else
      add(Rule::type_element_changed, name,
          name + " reads <" + *new_type.element + "> instead of <" + *old_type.element +
              ">: neither version's bindings read the other's documents.",
          Breaks{.old_payloads = true, .new_payloads = true}, old_type.where, new_type.where);
  }
  const std::string old_base = old_type.base ? old_type.base->name : "";
  const std::string new_base = new_type.base ? new_type.base->name : "";
  const std::string mapped_base = type_names_.count(old_base) ? type_names_.at(old_base) : old_base;
  if (mapped_base != new_base)
    add(Rule::type_base_changed, name,
        name +
            (new_base.empty()   ? " no longer extends " + old_base
             : old_base.empty() ? " now extends " + new_base
                                : " extends " + new_base + " instead of " + old_base) +
            ": code that converts it to its old base no longer compiles (its fields are compared one by one).",
        Breaks{}, old_type.where, new_type.where, Severity::warning);
  compare_fields(old_type, new_type);
  compare_links(old_type, new_type);
}

void Comparer::compare_fields(const ir::Type& old_type, const ir::Type& new_type) {
  const std::vector<const ir::Field*> old_fields = old_type.all_fields(), new_fields = new_type.all_fields();
  std::set<const ir::Field*> matched_new;
  std::vector<std::pair<const ir::Field*, const ir::Field*>> pairs;
  std::vector<const ir::Field*> unmatched_old;
  for (const ir::Field* field : old_fields) {
    const auto same =
        std::find_if(new_fields.begin(), new_fields.end(), [&](const ir::Field* f) { return f->name == field->name; });
    if (same == new_fields.end()) {
      unmatched_old.push_back(field);
      continue;
    }
    matched_new.insert(*same);
    pairs.emplace_back(field, *same);
  }
  for (const ir::Field* field : unmatched_old) {
    // Renamed: the new field still reads the old name (aliases:), or the old one read the new.
    const auto renamed = std::find_if(new_fields.begin(), new_fields.end(), [&](const ir::Field* f) {
      return !matched_new.count(f) && (contains(f->aliases, field->name) || contains(field->aliases, f->name));
    });
    if (renamed != new_fields.end()) {
      matched_new.insert(*renamed);
      pairs.emplace_back(field, *renamed);
      continue;
    }
    const std::string subject = removed_subject(old_type, new_type, *field);
    const bool required = field->cardinality == ir::Cardinality::required;
    add(Rule::field_removed, subject,
        subject + " (" + type_name(field->type) + ", " + cardinality_name(field->cardinality) +
            ") was removed: code using " + cpp::member_name(*field) +
            " no longer compiles; the new bindings skip it in "
            "the old servers' payloads" +
            (required ? "; the old bindings reject the new servers' payloads, which lack it." : "."),
        Breaks{.source = true, .new_payloads = required}, field->where, new_type.where);
  }
  for (const ir::Field* field : new_fields) {
    if (matched_new.count(field)) continue;
    const std::string subject = added_subject(old_type, new_type, *field);
    const bool required = field->cardinality == ir::Cardinality::required;
    add(Rule::field_added, subject,
        subject + " (" + type_name(field->type) + ", " + cardinality_name(field->cardinality) + ") was added" +
            (required ? ": the new bindings reject the old servers' payloads, which lack it; make it optional to "
                        "read them."
                      : ": the old bindings skip it in the new servers' payloads."),
        Breaks{.old_payloads = required}, old_type.where, field->where);
  }
  for (const auto& [before, after] : pairs) {
    const ir::Type* old_owner = owner_of(old_type, before);
    const ir::Type* new_owner = owner_of(new_type, after);
    // Reported at the declaring type when both versions declare it there; else at the type that met it.
    const bool same_owner = type_names_.count(old_owner->name) && type_names_.at(old_owner->name) == new_owner->name;
    compare_field((same_owner ? new_owner->name : new_type.name) + "." + after->name, *before, *after);
  }
}

std::string Comparer::removed_subject(const ir::Type& old_type, const ir::Type& new_type,
                                      const ir::Field& field) const {
  const ir::Type* owner = owner_of(old_type, &field);
  if (owner == &old_type) return owner->name + "." + field.name;
  const ir::Type* now = type_names_.count(owner->name) ? find_type(new_, type_names_.at(owner->name)) : nullptr;
  const bool owner_lost_it = now != nullptr && !has_field(*now, field.name);
  return (owner_lost_it ? owner->name : new_type.name) + "." + field.name;
}

std::string Comparer::added_subject(const ir::Type& old_type, const ir::Type& new_type, const ir::Field& field) const {
  const ir::Type* owner = owner_of(new_type, &field);
  if (owner == &new_type) return owner->name + "." + field.name;
  for (const auto& [before, after] : type_pairs_)
    if (after == owner && has_field(*before, field.name)) return new_type.name + "." + field.name;
  static_cast<void>(old_type);
  return owner->name + "." + field.name;
}

const ir::Type* Comparer::find_type(const ir::Model& model, const std::string& name) {
  for (const ir::Type& type : model.types)
    if (type.name == name) return &type;
  return nullptr;
}

bool Comparer::has_field(const ir::Type& type, const std::string& name) {
  const auto fields = type.all_fields();
  return std::any_of(fields.begin(), fields.end(), [&](const ir::Field* f) { return f->name == name; });
}

void Comparer::compare_field(const std::string& subject, const ir::Field& before, const ir::Field& after) {
  const std::string old_member = cpp::member_name(before), new_member = cpp::member_name(after);
  if (before.name != after.name) {
    const bool reads_old = contains(after.aliases, before.name);
    const bool member_changed = old_member != new_member;
    add(Rule::field_renamed, subject,
        subject + " was " + before.name + (reads_old ? " (and still reads it: aliases)" : "") +
            (member_changed
                 ? "; its member " + old_member + " is now " + new_member + ", so code using it no longer compiles"
                 : "; its C++ member stays " + new_member) +
            (reads_old ? "" : "; the new bindings do not read the old name") +
            "; the old bindings do not read the new name.",
        Breaks{.source = member_changed, .old_payloads = !reads_old, .new_payloads = true}, before.where, after.where);
  } else if (old_member != new_member) {
    add(Rule::field_cpp_name_changed, subject,
        subject + "'s C++ member " + old_member + " is now " + new_member + ": code using it no longer compiles.",
        Breaks{.source = true}, before.where, after.where);
  }
  if (!same_type(before.type, after.type)) compare_field_types(subject, before, after);
  if (before.cardinality != after.cardinality) {
    const auto from = before.cardinality, to = after.cardinality;
    using ir::Cardinality;
    const bool old_payloads = to == Cardinality::required || (from == Cardinality::repeated);
    const bool new_payloads = from == Cardinality::required || (to == Cardinality::repeated);
    add(Rule::field_cardinality_changed, subject,
        subject + " is " + cardinality_name(to) + " instead of " + cardinality_name(from) +
            ": its C++ type changes, so code using " + new_member + " may no longer compile" +
            (old_payloads ? "; the new bindings may reject the old servers' payloads" : "") +
            (new_payloads ? "; the old bindings may reject the new servers' payloads" : "") + ".",
        Breaks{.source = true, .old_payloads = old_payloads, .new_payloads = new_payloads}, before.where, after.where);
  }
  // Text ↔ attribute is one change of the field's XML form, reported once, as a change of text.
  const auto xml_form = [](const ir::Field& field) {
    return field.text ? "the element's text" : field.attribute ? "an XML attribute" : "an XML element";
  };
  if (before.text != after.text)
    add(Rule::field_text_changed, subject,
        subject + " is " + xml_form(after) + " instead of " + xml_form(before) +
            ": neither version's bindings read the other's XML (JSON is unaffected).",
        Breaks{.old_payloads = true, .new_payloads = true}, before.where, after.where);
  else if (before.attribute != after.attribute)
    add(Rule::field_attribute_changed, subject,
        subject + " is an XML " + (after.attribute ? "attribute" : "element") + " instead of an " +
            (before.attribute ? "attribute" : "element") +
            ": neither version's bindings read the other's XML (JSON is "
            "unaffected).",
        Breaks{.old_payloads = true, .new_payloads = true}, before.where, after.where);
  if (before.item != after.item && before.item && after.item)
    add(Rule::field_item_changed, subject,
        subject + "'s items are <" + *after.item + "> instead of <" + *before.item +
            ">: neither version's bindings read the other's XML lists.",
        Breaks{.old_payloads = true, .new_payloads = true}, before.where, after.where);
  if (!contains(after.json_names, before.json_name))
    add(Rule::field_json_name_changed, subject,
        subject + " is \"" + after.json_name + "\" in JSON instead of \"" + before.json_name +
            "\": the new bindings skip it in the old servers' JSON.",
        Breaks{.old_payloads = true, .new_payloads = true}, before.where, after.where);
  if (before.json_list != after.json_list && after.cardinality == ir::Cardinality::repeated && after.item)
    add(Rule::field_json_list_changed, subject,
        subject + std::string(" is a JSON ") + (after.json_list == ir::JsonList::array ? "array" : "nested object") +
            " instead of a " + (before.json_list == ir::JsonList::array ? "array" : "nested object") +
            ": neither version's bindings read the other's JSON lists.",
        Breaks{.old_payloads = true, .new_payloads = true}, before.where, after.where);
  compare_query(subject, before, after);
}

void Comparer::compare_query(const std::string& subject, const ir::Field& before, const ir::Field& after) {
  if (before.query_type == after.query_type) return;
  const std::optional<Location> old_at = before.query_type ? before.query_where : before.where;
  const std::optional<Location> new_at = after.query_type ? after.query_where : after.where;
  const std::string entity = type_name(after.type);
  if (!before.query_type)
    add(Rule::field_query_changed, subject,
        subject + " is now the list of GET /query?type=" + *after.query_type + ": emgen::Query::of<" + entity +
            "> can ask for it.",
        Breaks{}, old_at, new_at);
  else if (!after.query_type)
    add(Rule::field_query_changed, subject,
        subject + " is no longer the list of GET /query?type=" + *before.query_type +
            ": code calling emgen::Query::of<" + type_name(before.type) + "> no longer compiles.",
        Breaks{.source = true}, old_at, new_at);
  else
    add(Rule::field_query_changed, subject,
        subject + " is the list of GET /query?type=" + *after.query_type + " instead of type=" + *before.query_type +
            ": emgen::Query::of<" + entity + "> asks the new name, which the old servers may not know.",
        Breaks{}, old_at, new_at, Severity::warning);
}

void Comparer::compare_field_types(const std::string& subject, const ir::Field& before, const ir::Field& after) {
  const std::string from = type_name(before.type), to = type_name(after.type);
  const int from_rank = numeric_rank(before.type), to_rank = numeric_rank(after.type);
  const bool was_string =
      before.type.kind == ir::TypeRef::Kind::primitive && before.type.primitive == ir::Primitive::String;
  const bool is_string =
      after.type.kind == ir::TypeRef::Kind::primitive && after.type.primitive == ir::Primitive::String;
  const bool from_enum = before.type.kind == ir::TypeRef::Kind::enumeration;
  const bool to_enum = after.type.kind == ir::TypeRef::Kind::enumeration;
  const std::string head = subject + " is " + to + " instead of " + from;
  if (from_rank && to_rank && to_rank > from_rank) {
    add(Rule::field_type_widened, subject,
        head +
            ": the old servers' values read as before; the old bindings may reject the new servers' larger "
            "values; C++ code converting " +
            cpp::member_name(after) + " back may narrow.",
        Breaks{.new_payloads = true}, before.where, after.where, Severity::warning);
  } else if ((was_string || from_enum) && to_enum) {
    add(Rule::field_type_changed, subject,
        head + ": code using " + cpp::member_name(after) +
            " no longer compiles; payloads read as before (EM enums are open and keep any text).",
        Breaks{.source = true}, before.where, after.where);
  } else if (from_enum && is_string) {
    add(Rule::field_type_changed, subject,
        head + ": code using " + cpp::member_name(after) + " no longer compiles; payloads read as before.",
        Breaks{.source = true}, before.where, after.where);
  } else if (is_string && before.type.kind == ir::TypeRef::Kind::primitive) {
    add(Rule::field_type_changed, subject,
        head + ": code using " + cpp::member_name(after) +
            " no longer compiles; the old servers' values read as text; the old bindings may reject what the new "
            "servers send.",
        Breaks{.source = true, .new_payloads = true}, before.where, after.where);
  } else {
    add(Rule::field_type_changed, subject,
        head + ": code using " + cpp::member_name(after) +
            " no longer compiles, and the new bindings may reject the old servers' values" +
            (from_rank > to_rank && to_rank ? " (a narrower number)." : "."),
        Breaks{.source = true, .old_payloads = true, .new_payloads = true}, before.where, after.where);
  }
}

void Comparer::compare_links(const ir::Type& old_type, const ir::Type& new_type) {
  const auto key = [](const ir::Link& link) { return link.rel + " " + link.path; };
  for (const ir::Link& link : old_type.links)
    if (std::none_of(new_type.links.begin(), new_type.links.end(),
                     [&](const ir::Link& l) { return key(l) == key(link); }))
      add(Rule::link_removed, new_type.name + " " + key(link),
          new_type.name + " no longer has a link (rel " + link.rel + ") to " + link.path +
              ": code following it by that relation may find none.",
          Breaks{}, old_type.where, new_type.where, Severity::warning);
  for (const ir::Link& link : new_type.links)
    if (std::none_of(old_type.links.begin(), old_type.links.end(),
                     [&](const ir::Link& l) { return key(l) == key(link); }))
      add(Rule::link_added, new_type.name + " " + key(link),
          new_type.name + " has a link (rel " + link.rel + ") to " + link.path + ".", Breaks{}, old_type.where,
          new_type.where);
}

}  // namespace emgen::gen::diff::comparing
