// `emgen diff`'s comparison (compare.hpp): the run, the API and the enums; types and fields in compare_types.cpp,
// endpoints in compare_endpoints.cpp (the Comparer: diff/comparer.hpp). The rules are diff/rules.hpp's; what the
// diff does with each schema key is the table at the end.

#include "diff/compare.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diff/comparer.hpp"
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

namespace comparing {

Comparison Comparer::run() {
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

void Comparer::add(Rule rule, std::string subject, std::string message, Breaks breaks, std::optional<Location> old_at,
                   std::optional<Location> new_at, std::optional<Severity> severity) {
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

Location Comparer::api_location(const ir::Model& model) const {
  return Location{model.schema_directory + "/api.yaml", 0, 0, "api"};
}

void Comparer::compare_api() {
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

std::vector<std::string> Comparer::wires(const ir::Enum& enumeration) {
  std::vector<std::string> wires;
  for (const ir::EnumValue& value : enumeration.values) wires.push_back(value.wire);
  return wires;
}

void Comparer::match_enums() {
  std::vector<const ir::Enum*> removed, added;
  pair_by_name(old_.enums, new_.enums, enum_pairs_, removed, added);
  // An enum that comes back under another name with the same values was renamed.
  for (const ir::Enum* old_enum : removed) {
    const auto renamed = std::find_if(added.begin(), added.end(),
                                      [&](const ir::Enum* e) { return e != nullptr && wires(*e) == wires(*old_enum); });
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

void Comparer::compare_enum(const ir::Enum& old_enum, const ir::Enum& new_enum) {
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

}  // namespace comparing

Comparison compare(const ir::Model& old_model, const ir::Model& new_model, const CompareOptions& options) {
  return comparing::Comparer(old_model, new_model, options).run();
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
    {Key::api_file_areas,
     "not compared: areas choose which types a build generates, not what a type is on the wire or in C++; an AREAS "
     "that names a removed area fails to generate, listing the areas there are"},
    {Key::area_name, "not compared (see areas)"},
    {Key::area_doc, kDoc},
    {Key::area_types, "not compared (see areas)"},
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
