// `emgen diff`'s comparison. Comparer pairs the enums, types and endpoints of two models (renames included)
// and compares each pair; every comparison uses those pairings, so it stays one class (about 700 lines). The
// rules are diff/rules.hpp's; what the diff does with each schema key is the table at the end.

#include "diff/compare.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "format/vocabulary.hpp"
#include "languages/cpp/names.hpp"

namespace emgen::gen::diff {

std::string to_string(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "ERROR";
    case Severity::warning:
      return "WARNING";
    case Severity::info:
      break;
  }
  return "INFO";
}

namespace {

std::string primitive_name(ir::Primitive primitive) {
  return std::string(format::vocabulary::kPrimitiveTypes[static_cast<std::size_t>(primitive)]);
}

std::string type_name(const ir::TypeRef& type) {
  switch (type.kind) {
    case ir::TypeRef::Kind::enumeration:
      return type.enumeration->name;
    case ir::TypeRef::Kind::complex:
      return type.complex->name;
    case ir::TypeRef::Kind::primitive:
      break;
  }
  return primitive_name(type.primitive);
}

std::string cardinality_name(ir::Cardinality cardinality) {
  switch (cardinality) {
    case ir::Cardinality::optional:
      return "optional";
    case ir::Cardinality::repeated:
      return "a list";
    case ir::Cardinality::required:
      break;
  }
  return "required";
}

/// Int → Long → Double: every value of the narrower reads as the wider.
int numeric_rank(const ir::TypeRef& type) {
  if (type.kind != ir::TypeRef::Kind::primitive) return 0;
  switch (type.primitive) {
    case ir::Primitive::Int:
      return 1;
    case ir::Primitive::Long:
      return 2;
    case ir::Primitive::Double:
      return 3;
    default:
      return 0;
  }
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string endpoint_key(const ir::Endpoint& endpoint) { return endpoint.method + " " + endpoint.path; }

/// The type that declares a field: where a change to it is reported, once, whichever subtype met it.
const ir::Type* owner_of(const ir::Type& type, const ir::Field* field) {
  for (const ir::Type* at = &type; at != nullptr; at = at->base)
    for (const ir::Field& own : at->fields)
      if (&own == field) return at;
  return &type;
}

/// Pairs the types or enums of two versions by name; what only one side has goes to removed or added, in order.
template <typename Item>
void pair_by_name(const std::deque<Item>& before, const std::deque<Item>& after,
                  std::vector<std::pair<const Item*, const Item*>>& pairs, std::vector<const Item*>& removed,
                  std::vector<const Item*>& added) {
  std::map<std::string, const Item*> after_by_name;
  for (const Item& item : after) after_by_name.emplace(item.name, &item);
  std::set<const Item*> paired;
  for (const Item& item : before) {
    const auto match = after_by_name.find(item.name);
    if (match == after_by_name.end()) {
      removed.push_back(&item);
      continue;
    }
    pairs.emplace_back(&item, match->second);
    paired.insert(match->second);
  }
  for (const Item& item : after)
    if (!paired.count(&item)) added.push_back(&item);
}

class Comparer {
 public:
  Comparer(const ir::Model& old_model, const ir::Model& new_model, const CompareOptions& options)
      : old_(old_model), new_(new_model), options_(options) {}

  Comparison run() {
    compare_api();
    match_enums();
    match_types();
    for (const auto& [old_enum, new_enum] : enum_pairs_) compare_enum(*old_enum, *new_enum);
    for (const auto& [old_type, new_type] : type_pairs_) compare_type(*old_type, *new_type);
    compare_endpoints();
    std::sort(result_.changes.begin(), result_.changes.end(), [](const Change& a, const Change& b) {
      const std::string_view a_rule = id(a.rule), b_rule = id(b.rule);
      return std::tie(a.severity, a.subject, a_rule, a.message) < std::tie(b.severity, b.subject, b_rule, b.message);
    });
    return std::move(result_);
  }

 private:
  /// Severity from what breaks: the source or the old servers' payloads is an error; the new servers' payloads
  /// with the old bindings (what upgrading fixes) a warning.
  void add(Rule rule, std::string subject, std::string message, Breaks breaks, std::optional<Location> old_at,
           std::optional<Location> new_at, std::optional<Severity> severity = std::nullopt) {
    if (!reported_.insert(std::string(id(rule)) + " " + subject).second) return;
    Change change;
    change.rule = rule;
    change.subject = std::move(subject);
    change.message = std::move(message);
    change.breaks_source = breaks.source;
    change.breaks_old_payloads = breaks.old_payloads;
    change.breaks_new_payloads = breaks.new_payloads;
    change.breaks_importers = breaks.importers;
    change.severity = severity                                  ? *severity
                      : breaks.source || breaks.old_payloads    ? Severity::error
                      : breaks.new_payloads || breaks.importers ? Severity::warning
                                                                : Severity::info;
    change.old_at = std::move(old_at);
    change.new_at = std::move(new_at);
    result_.changes.push_back(std::move(change));
  }

  Location api_location(const ir::Model& model) const {
    return Location{model.schema_directory + "/api.yaml", 0, 0, "api"};
  }

  void compare_api() {
    const auto api = [&](Rule rule, const std::string& key, const std::string& before, const std::string& after,
                         bool breaks, const std::string& consequence) {
      if (before == after) return;
      add(rule, "api." + key, "api.yaml's " + key + " changed from '" + before + "' to '" + after + "'" + consequence,
          Breaks{.old_payloads = breaks, .new_payloads = breaks}, api_location(old_), api_location(new_),
          rule == Rule::api_base_path_changed ? std::optional<Severity>(Severity::warning) : std::nullopt);
    };
    if (old_.api.version != new_.api.version)
      add(Rule::api_version_changed, "api.version",
          "api.yaml's version changed from '" + old_.api.version + "' to '" + new_.api.version +
              "': a schema set that imports this one no longer generates until its api.yaml follows, or it passes "
              "--allow-version-mismatch (ALLOW_API_VERSION_MISMATCH in emgen_generate()).",
          Breaks{.importers = true}, api_location(old_), api_location(new_));
    api(Rule::api_build_changed, "build", old_.api.build, new_.api.build, false, ".");
    api(Rule::api_xml_namespace_changed, "xml_namespace", old_.api.xml_namespace, new_.api.xml_namespace, true,
        ": every XML document of one version is in a namespace the other's bindings do not read.");
    api(Rule::api_base_path_changed, "base_path", old_.api.base_path, new_.api.base_path, false,
        ": every request goes to another path.");
  }

  // ---- Enums ----

  static std::vector<std::string> wires(const ir::Enum& enumeration) {
    std::vector<std::string> wires;
    for (const ir::EnumValue& value : enumeration.values) wires.push_back(value.wire);
    return wires;
  }

  void match_enums() {
    std::vector<const ir::Enum*> removed, added;
    pair_by_name(old_.enums, new_.enums, enum_pairs_, removed, added);
    // An enum that comes back under another name with the same values was renamed.
    for (const ir::Enum* old_enum : removed) {
      const auto renamed = std::find_if(
          added.begin(), added.end(), [&](const ir::Enum* e) { return e != nullptr && wires(*e) == wires(*old_enum); });
      if (renamed != added.end()) {
        add(Rule::enum_renamed, (*renamed)->name,
            "enum " + old_enum->name + " is now " + (*renamed)->name +
                " (the same values): code naming it no longer compiles; payloads read as before.",
            Breaks{.source = true}, old_enum->where, (*renamed)->where);
        enum_pairs_.emplace_back(old_enum, *renamed);
        *renamed = nullptr;
        continue;
      }
      if (options_.shared_only) {
        ++result_.left_out;
        continue;
      }
      add(Rule::enum_removed, old_enum->name,
          "enum " + old_enum->name + " was removed: code naming it no longer compiles.", Breaks{.source = true},
          old_enum->where, std::nullopt);
    }
    for (const ir::Enum* new_enum : added) {
      if (new_enum == nullptr) continue;
      if (options_.shared_only) {
        ++result_.left_out;
        continue;
      }
      add(Rule::enum_added, new_enum->name,
          "enum " + new_enum->name + " was added, with " + std::to_string(new_enum->values.size()) +
              (new_enum->values.size() == 1 ? " value." : " values."),
          Breaks{}, std::nullopt, new_enum->where);
    }
    for (const auto& [old_enum, new_enum] : enum_pairs_) enum_names_[old_enum->name] = new_enum->name;
  }

  void compare_enum(const ir::Enum& old_enum, const ir::Enum& new_enum) {
    std::set<const ir::EnumValue*> matched_new;
    std::vector<const ir::EnumValue*> unmatched_old;
    for (const ir::EnumValue& value : old_enum.values) {
      const auto same_wire = std::find_if(new_enum.values.begin(), new_enum.values.end(),
                                          [&](const ir::EnumValue& v) { return v.wire == value.wire; });
      if (same_wire == new_enum.values.end()) {
        unmatched_old.push_back(&value);
        continue;
      }
      matched_new.insert(&*same_wire);
      if (same_wire->name != value.name)
        add(Rule::enum_value_renamed, new_enum.name + "." + same_wire->name,
            new_enum.name + "::" + value.name + " is now " + new_enum.name + "::" + same_wire->name + " (wire text '" +
                value.wire + "' unchanged): code naming it no longer compiles.",
            Breaks{.source = true}, value.where, same_wire->where);
    }
    for (const ir::EnumValue* value : unmatched_old) {
      const auto same_name = std::find_if(new_enum.values.begin(), new_enum.values.end(), [&](const ir::EnumValue& v) {
        return v.name == value->name && !matched_new.count(&v);
      });
      if (same_name != new_enum.values.end()) {
        matched_new.insert(&*same_name);
        add(Rule::enum_value_wire_changed, new_enum.name + "." + same_name->name,
            new_enum.name + "::" + value->name + " is written '" + same_name->wire + "' instead of '" + value->wire +
                "': the old servers' '" + value->wire +
                "' now reads as an unlisted value, and code comparing with it silently stops matching.",
            Breaks{.old_payloads = true, .new_payloads = true}, value->where, same_name->where);
        continue;
      }
      add(Rule::enum_value_removed, new_enum.name + "." + value->name,
          new_enum.name + "::" + value->name + " ('" + value->wire +
              "') was removed: code naming it no longer compiles; a server that still sends it is read as an "
              "unlisted value (EM enums are open).",
          Breaks{.source = true}, value->where, new_enum.where);
    }
    for (const ir::EnumValue& value : new_enum.values)
      if (!matched_new.count(&value))
        add(Rule::enum_value_added, new_enum.name + "." + value.name,
            new_enum.name + " gains '" + value.wire +
                "': the old bindings read it as an unlisted value (EM enums are open); a switch over " + new_enum.name +
                " without a default now warns (-Wswitch).",
            Breaks{}, old_enum.where, value.where);
  }

  // ---- Types and fields ----

  void match_types() {
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

  /// Whether two field types are the same across the versions (a renamed enum or type is the same).
  static bool is_imported(const ir::SchemaFile* file) { return file != nullptr && !file->imported_from.empty(); }

  bool same_type(const ir::TypeRef& before, const ir::TypeRef& after) const {
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

  void compare_type(const ir::Type& old_type, const ir::Type& new_type) {
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

  void compare_fields(const ir::Type& old_type, const ir::Type& new_type) {
    const std::vector<const ir::Field*> old_fields = old_type.all_fields(), new_fields = new_type.all_fields();
    std::set<const ir::Field*> matched_new;
    std::vector<std::pair<const ir::Field*, const ir::Field*>> pairs;
    std::vector<const ir::Field*> unmatched_old;
    for (const ir::Field* field : old_fields) {
      const auto same = std::find_if(new_fields.begin(), new_fields.end(),
                                     [&](const ir::Field* f) { return f->name == field->name; });
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

  /// A field the type lost: its declaring type's when that type lost it too, else the type's own.
  std::string removed_subject(const ir::Type& old_type, const ir::Type& new_type, const ir::Field& field) const {
    const ir::Type* owner = owner_of(old_type, &field);
    if (owner == &old_type) return owner->name + "." + field.name;
    const ir::Type* now = type_names_.count(owner->name) ? find_type(new_, type_names_.at(owner->name)) : nullptr;
    const bool owner_lost_it = now != nullptr && !has_field(*now, field.name);
    return (owner_lost_it ? owner->name : new_type.name) + "." + field.name;
  }

  /// A field the type gained: its declaring type's when that type is new to it too, else the type's own.
  std::string added_subject(const ir::Type& old_type, const ir::Type& new_type, const ir::Field& field) const {
    const ir::Type* owner = owner_of(new_type, &field);
    if (owner == &new_type) return owner->name + "." + field.name;
    for (const auto& [before, after] : type_pairs_)
      if (after == owner && has_field(*before, field.name)) return new_type.name + "." + field.name;
    static_cast<void>(old_type);
    return owner->name + "." + field.name;
  }

  static const ir::Type* find_type(const ir::Model& model, const std::string& name) {
    for (const ir::Type& type : model.types)
      if (type.name == name) return &type;
    return nullptr;
  }

  static bool has_field(const ir::Type& type, const std::string& name) {
    const auto fields = type.all_fields();
    return std::any_of(fields.begin(), fields.end(), [&](const ir::Field* f) { return f->name == name; });
  }

  void compare_field(const std::string& subject, const ir::Field& before, const ir::Field& after) {
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
          Breaks{.source = member_changed, .old_payloads = !reads_old, .new_payloads = true}, before.where,
          after.where);
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
          Breaks{.source = true, .old_payloads = old_payloads, .new_payloads = new_payloads}, before.where,
          after.where);
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

  /// `query: X`: the query service's type= whose entities the list holds, which emgen::Query::of<> and
  /// emgen::entities_in<> are generated from.
  void compare_query(const std::string& subject, const ir::Field& before, const ir::Field& after) {
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

  void compare_field_types(const std::string& subject, const ir::Field& before, const ir::Field& after) {
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

  void compare_links(const ir::Type& old_type, const ir::Type& new_type) {
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

  // ---- Endpoints ----

  struct EndpointAt {
    const ir::Endpoint* endpoint;
    const ir::Type* type;
    std::string method_name;
  };

  std::vector<EndpointAt> endpoints(const ir::Model& model, const std::set<std::string>& types) {
    std::vector<EndpointAt> list;
    for (const ir::Type& type : model.types) {
      if (options_.shared_only && !types.count(type.name)) continue;
      for (const ir::Endpoint& endpoint : type.endpoints) {
        Diagnostics ignored;  // the models checked; names that cannot be C++ were reported then
        const cpp::ClientNames names = cpp::client_names(endpoint, ignored);
        // A collection with both forms keeps for its references the plain name a collection of one form has.
        const std::string& name = names.has_reference_form && names.takes_query ? names.reference_method : names.method;
        list.push_back(EndpointAt{&endpoint, &type, endpoint.client ? name : ""});
      }
    }
    return list;
  }

  static std::string returns_of(const ir::Endpoint& endpoint) {
    if (endpoint.returns) return endpoint.returns->name;
    if (endpoint.reference && endpoint.entity) return endpoint.reference->name + " | " + endpoint.entity->name;
    return "";
  }

  /// An old type's name in the new version (its new name when it was renamed).
  std::string mapped_name(const ir::Type& type) const {
    const auto renamed = type_names_.find(type.name);
    return renamed == type_names_.end() ? type.name : renamed->second;
  }

  /// What an endpoint returns, in a sentence: a POST, PUT or DELETE may answer without a body.
  static std::string or_nothing(const std::string& returns) { return returns.empty() ? "nothing" : returns; }

  std::string mapped_returns(const ir::Endpoint& endpoint) const {
    const auto map = [&](const ir::Type* type) {
      return type == nullptr ? std::string() : type_names_.count(type->name) ? type_names_.at(type->name) : type->name;
    };
    if (endpoint.returns) return map(endpoint.returns);
    if (!endpoint.reference || !endpoint.entity) return "";
    return map(endpoint.reference) + " | " + map(endpoint.entity);
  }

  void compare_endpoints() {
    std::set<std::string> old_shared, new_shared;
    for (const auto& [old_type, new_type] : type_pairs_) {
      old_shared.insert(old_type->name);
      new_shared.insert(new_type->name);
    }
    const std::vector<EndpointAt> before = endpoints(old_, old_shared), after = endpoints(new_, new_shared);
    std::set<const ir::Endpoint*> matched;
    std::vector<const EndpointAt*> unmatched_old;
    for (const EndpointAt& old_endpoint : before) {
      const auto same = std::find_if(after.begin(), after.end(), [&](const EndpointAt& e) {
        return endpoint_key(*e.endpoint) == endpoint_key(*old_endpoint.endpoint);
      });
      if (same == after.end()) {
        unmatched_old.push_back(&old_endpoint);
        continue;
      }
      matched.insert(same->endpoint);
      compare_endpoint(old_endpoint, *same);
    }
    for (const EndpointAt* old_endpoint : unmatched_old) {
      // Moved: the client method of the same name serves another path or verb.
      auto moved = std::find_if(after.begin(), after.end(), [&](const EndpointAt& e) {
        return !matched.count(e.endpoint) && !e.method_name.empty() && e.method_name == old_endpoint->method_name;
      });
      const ir::Endpoint& gone = *old_endpoint->endpoint;
      // Another verb on the same path: the resource is the same, how it is called changed.
      const auto reverbed = std::find_if(after.begin(), after.end(), [&](const EndpointAt& e) {
        return !matched.count(e.endpoint) && e.endpoint->path == old_endpoint->endpoint->path &&
               e.endpoint->method != old_endpoint->endpoint->method;
      });
      if (moved == after.end() && reverbed != after.end()) {
        matched.insert(reverbed->endpoint);
        const bool renamed = !old_endpoint->method_name.empty() && old_endpoint->method_name != reverbed->method_name;
        add(Rule::endpoint_method_changed, endpoint_key(*reverbed->endpoint),
            reverbed->endpoint->path + " is called with " + reverbed->endpoint->method + " instead of " +
                old_endpoint->endpoint->method +
                (renamed ? ": Client::" + old_endpoint->method_name + " is now Client::" + reverbed->method_name +
                               ", so code calling it no longer compiles; servers of the other version refuse the verb."
                         : ": servers of the other version refuse the verb."),
            Breaks{.source = renamed}, old_endpoint->endpoint->where, reverbed->endpoint->where, Severity::error);
        continue;
      }
      if (moved == after.end()) moved = moved_elsewhere(*old_endpoint, unmatched_old, after, matched);
      if (moved != after.end()) {
        matched.insert(moved->endpoint);
        add(Rule::endpoint_path_changed, endpoint_key(*moved->endpoint),
            endpoint_key(*moved->endpoint) + " replaces " + endpoint_key(gone) + " (" +
                (moved->endpoint->returns ? "returning " + returns_of(*moved->endpoint) : "the same representations") +
                "): servers of the other version may not answer it.",
            Breaks{}, gone.where, moved->endpoint->where, Severity::warning);
        compare_endpoint(*old_endpoint, *moved);
        continue;
      }
      add(Rule::endpoint_removed, endpoint_key(gone),
          endpoint_key(gone) + " was removed" +
              (old_endpoint->method_name.empty()
                   ? "."
                   : ": code calling Client::" + old_endpoint->method_name + " no longer compiles."),
          Breaks{.source = !old_endpoint->method_name.empty()}, gone.where, std::nullopt);
    }
    for (const EndpointAt& new_endpoint : after)
      if (!matched.count(new_endpoint.endpoint))
        add(Rule::endpoint_added, endpoint_key(*new_endpoint.endpoint),
            endpoint_key(*new_endpoint.endpoint) + " was added" +
                (new_endpoint.method_name.empty() ? "." : ": Client::" + new_endpoint.method_name + "."),
            Breaks{}, std::nullopt, new_endpoint.endpoint->where);
  }

  /// An endpoint that moved to another path under another method name: the one new endpoint of the same verb
  /// returning the same type, when the old one is the only one gone with that verb and type.
  std::vector<EndpointAt>::const_iterator moved_elsewhere(const EndpointAt& gone,
                                                          const std::vector<const EndpointAt*>& gone_all,
                                                          const std::vector<EndpointAt>& after,
                                                          const std::set<const ir::Endpoint*>& matched) const {
    const auto same_kind = [&](const ir::Endpoint& a, const ir::Endpoint& b) {
      return a.method == b.method && mapped_returns(a) == returns_of(b);
    };
    const auto same_old = [&](const EndpointAt* other) {
      return other->endpoint->method == gone.endpoint->method &&
             returns_of(*other->endpoint) == returns_of(*gone.endpoint);
    };
    if (std::count_if(gone_all.begin(), gone_all.end(), same_old) != 1) return after.end();
    auto found = after.end();
    for (auto it = after.begin(); it != after.end(); ++it) {
      if (matched.count(it->endpoint) || !same_kind(*gone.endpoint, *it->endpoint)) continue;
      if (found != after.end()) return after.end();  // two candidates: not a move
      found = it;
    }
    return found;
  }

  void compare_endpoint(const EndpointAt& before, const EndpointAt& after) {
    const ir::Endpoint& o = *before.endpoint;
    const ir::Endpoint& n = *after.endpoint;
    const std::string subject = endpoint_key(n);
    const bool old_pair = o.reference && o.entity, new_pair = n.reference && n.entity;
    // A collection that gains the entity form keeps its method, reading the references it read before, and gets
    // a second one (`<subject>_entities`): nothing breaks when those references are what it returned.
    const bool one_item = !n.segments.empty() && n.segments.back().parameter && !n.segments.back().file_path;
    if (!old_pair && new_pair && !one_item && o.returns && mapped_name(*o.returns) == n.reference->name)
      add(Rule::endpoint_representation_changed, subject,
          subject + " now also has an entity form (?format=Entity), " + n.entity->name +
              ": its client method still reads " + n.reference->name + ", and one for the entities is added.",
          Breaks{}, o.where, n.where);
    else if (old_pair != new_pair)
      add(Rule::endpoint_representation_changed, subject,
          subject +
              (new_pair ? " now has a reference and an entity form (?format=Entity)" : " now has one representation") +
              ": the client methods for it change, so code calling them may no longer compile.",
          Breaks{.source = true}, o.where, n.where);
    else if (mapped_returns(o) != returns_of(n))
      add(Rule::endpoint_returns_changed, subject,
          subject + " returns " + or_nothing(returns_of(n)) + " instead of " + or_nothing(returns_of(o)) +
              ": code using the result no longer compiles; each version's bindings expect their own document.",
          Breaks{.source = true, .old_payloads = true, .new_payloads = true}, o.where, n.where);
    // The body is what the client sends: another type changes the method's parameters and the document the
    // server of each version expects, though no response is read differently.
    const std::string old_body = o.body ? mapped_name(*o.body) : "", new_body = n.body ? n.body->name : "";
    if (old_body != new_body) {
      const std::string method = after.method_name.empty() ? "" : "Client::" + after.method_name;
      const std::string calls = method.empty() ? "" : ": code calling " + method + " no longer compiles";
      const std::string sent_before = o.body ? o.body->name : "";
      add(Rule::endpoint_body_changed, subject,
          !o.body ? subject + " now sends a " + new_body + " body" + calls + " (it takes the body as a new parameter)."
          : !n.body ? subject + " no longer sends a body (it sent " + sent_before + ")" + calls + "."
                    : subject + " sends a " + new_body + " body instead of a " + sent_before + calls +
                          "; each version's server expects its own document.",
          Breaks{.source = true}, o.where, n.where);
    }
    if (o.client != n.client)
      add(Rule::endpoint_client_changed, subject,
          n.client ? subject + " now has a client method: Client::" + after.method_name + "."
                   : subject + " no longer has a client method (client: false)" +
                         (before.method_name.empty()
                              ? std::string(".")
                              : ": code calling Client::" + before.method_name + " no longer compiles."),
          Breaks{.source = !n.client}, o.where, n.where);
    compare_file_paths(subject, o, n);
    if (!before.method_name.empty() && !after.method_name.empty() && before.method_name != after.method_name)
      add(Rule::client_method_renamed, subject,
          "Client::" + before.method_name + " is now Client::" + after.method_name +
              ": code calling it no longer compiles.",
          Breaks{.source = true}, o.where, n.where);
  }

  /// `file_paths:`: which path parameters are file paths, whose `/` a request keeps instead of encoding.
  static std::set<std::string> file_path_parameters(const ir::Endpoint& endpoint) {
    std::set<std::string> names;
    for (const ir::PathSegment& segment : endpoint.segments)
      if (segment.parameter && segment.file_path) names.insert(segment.text);
    return names;
  }

  void compare_file_paths(const std::string& subject, const ir::Endpoint& o, const ir::Endpoint& n) {
    const std::set<std::string> before = file_path_parameters(o), after = file_path_parameters(n);
    if (before == after) return;
    const auto listed = [](const std::set<std::string>& names) {
      std::string text;
      for (const std::string& name : names) text += (text.empty() ? "{" : ", {") + name + "}";
      return text.empty() ? std::string("none") : text;
    };
    add(Rule::endpoint_file_paths_changed, subject,
        subject + "'s file path parameters are " + listed(after) + " instead of " + listed(before) +
            ": one version sends the '/' of such a value as it is, the other as %2F, and servers of the other version "
            "may not find the file.",
        Breaks{}, o.where, n.where, Severity::warning);
  }

  const ir::Model& old_;
  const ir::Model& new_;
  CompareOptions options_;
  Comparison result_;
  std::vector<std::pair<const ir::Enum*, const ir::Enum*>> enum_pairs_;
  std::vector<std::pair<const ir::Type*, const ir::Type*>> type_pairs_;
  /// Old name → new name, for the enums and types both have (renamed ones included).
  std::map<std::string, std::string> enum_names_, type_names_;
  std::set<std::string> reported_;
};

}  // namespace

Comparison compare(const ir::Model& old_model, const ir::Model& new_model, const CompareOptions& options) {
  return Comparer(old_model, new_model, options).run();
}

namespace {

using format::vocabulary::Key;

constexpr const char* kDoc = "not compared: a doc changes comments, not code or payloads";
constexpr const char* kExample = "not compared: examples test the bindings and generate none of them";
constexpr const char* kLinkText =
    "not compared: the generated link tables carry it as text, which no generated signature or reader uses";

constexpr format::vocabulary::KeyUse kComparedKeys[] = {
    {Key::api_file_api, "API_VERSION_CHANGED, API_BUILD_CHANGED, API_XML_NAMESPACE_CHANGED, API_BASE_PATH_CHANGED"},
    {Key::api_title, "not compared: the title names the API in comments only"},
    {Key::api_version, "API_VERSION_CHANGED"},
    {Key::api_build, "API_BUILD_CHANGED"},
    {Key::api_xml_namespace, "API_XML_NAMESPACE_CHANGED"},
    {Key::api_base_path, "API_BASE_PATH_CHANGED"},
    {Key::file_api_version, "not compared: `emgen check` holds it equal to api.yaml's version (API_VERSION_CHANGED)"},
    {Key::file_doc, kDoc},
    {Key::file_enums, "ENUM_ADDED, ENUM_REMOVED, ENUM_RENAMED"},
    {Key::file_types, "TYPE_ADDED, TYPE_REMOVED, TYPE_RENAMED"},
    {Key::enum_name, "ENUM_RENAMED"},
    {Key::enum_doc, kDoc},
    {Key::enum_values, "ENUM_VALUE_ADDED, ENUM_VALUE_REMOVED"},
    {Key::value_wire, "ENUM_VALUE_WIRE_CHANGED"},
    {Key::value_name, "ENUM_VALUE_RENAMED"},
    {Key::value_doc, kDoc},
    {Key::type_name, "TYPE_RENAMED"},
    {Key::type_doc, kDoc},
    {Key::type_extends, "TYPE_BASE_CHANGED"},
    {Key::type_element, "TYPE_ELEMENT_ADDED, TYPE_ELEMENT_REMOVED, TYPE_ELEMENT_CHANGED"},
    {Key::type_fields, "FIELD_ADDED, FIELD_REMOVED"},
    {Key::type_links, "LINK_ADDED, LINK_REMOVED"},
    {Key::type_endpoints, "ENDPOINT_ADDED, ENDPOINT_REMOVED"},
    {Key::type_examples, kExample},
    {Key::field_name, "FIELD_RENAMED"},
    {Key::field_type, "FIELD_TYPE_CHANGED, FIELD_TYPE_WIDENED"},
    {Key::field_doc, kDoc},
    {Key::field_attribute, "FIELD_ATTRIBUTE_CHANGED"},
    {Key::field_text, "FIELD_TEXT_CHANGED"},
    {Key::field_optional, "FIELD_CARDINALITY_CHANGED"},
    {Key::field_repeated, "FIELD_CARDINALITY_CHANGED"},
    {Key::field_item, "FIELD_ITEM_CHANGED"},
    {Key::field_aliases, "FIELD_RENAMED (a field that still reads its old name)"},
    {Key::field_cpp_name, "FIELD_CPP_NAME_CHANGED"},
    {Key::field_query, "FIELD_QUERY_CHANGED"},
    {Key::field_json, "FIELD_JSON_NAME_CHANGED, FIELD_JSON_LIST_CHANGED"},
    {Key::json_name, "FIELD_JSON_NAME_CHANGED"},
    {Key::json_list, "FIELD_JSON_LIST_CHANGED"},
    {Key::link_rel, "LINK_ADDED, LINK_REMOVED (a link is its rel and path)"},
    {Key::link_type, kLinkText},
    {Key::link_path, "LINK_ADDED, LINK_REMOVED (a link is its rel and path)"},
    {Key::link_method, kLinkText},
    {Key::link_returns, kLinkText},
    {Key::link_doc, kDoc},
    {Key::endpoint_method, "ENDPOINT_METHOD_CHANGED"},
    {Key::endpoint_path, "ENDPOINT_PATH_CHANGED"},
    {Key::endpoint_doc, kDoc},
    {Key::endpoint_client, "ENDPOINT_CLIENT_CHANGED"},
    {Key::endpoint_client_name, "CLIENT_METHOD_RENAMED"},
    {Key::endpoint_body, "ENDPOINT_BODY_CHANGED"},
    {Key::endpoint_file_paths, "ENDPOINT_FILE_PATHS_CHANGED"},
    {Key::endpoint_returns, "ENDPOINT_RETURNS_CHANGED, ENDPOINT_REPRESENTATION_CHANGED"},
    {Key::returns_reference, "ENDPOINT_RETURNS_CHANGED, ENDPOINT_REPRESENTATION_CHANGED"},
    {Key::returns_entity, "ENDPOINT_RETURNS_CHANGED, ENDPOINT_REPRESENTATION_CHANGED"},
    {Key::example_file, kExample},
    {Key::example_doc, kExample},
    {Key::example_expect, kExample},
    {Key::expectation_count, kExample},
    {Key::expectation_unlisted, kExample},
};

}  // namespace

std::span<const format::vocabulary::KeyUse> compared_keys() { return kComparedKeys; }

}  // namespace emgen::gen::diff
