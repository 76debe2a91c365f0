// The rules of `emgen diff`: one enumerator per kind of change, and a table of what each is called (its stable
// id, which reports, ignore files and the corpus in tests/diff/cases/ use), its severity, what it breaks and
// when it applies. docs/schema-diff.md's table of rules is this table (tests/diff/rules_test.cpp checks them
// row by row).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace emgen::gen::diff {

enum class Rule {
  api_version_changed,
  api_build_changed,
  api_xml_namespace_changed,
  api_base_path_changed,
  type_added,
  type_removed,
  type_renamed,
  type_element_added,
  type_element_removed,
  type_element_changed,
  type_base_changed,
  field_added,
  field_removed,
  field_renamed,
  field_cpp_name_changed,
  field_type_changed,
  field_type_widened,
  field_cardinality_changed,
  field_attribute_changed,
  field_text_changed,
  field_item_changed,
  field_json_name_changed,
  field_json_list_changed,
  field_query_changed,
  enum_added,
  enum_removed,
  enum_renamed,
  enum_value_added,
  enum_value_removed,
  enum_value_renamed,
  enum_value_wire_changed,
  link_added,
  link_removed,
  endpoint_added,
  endpoint_removed,
  endpoint_method_changed,
  endpoint_path_changed,
  client_method_renamed,
  endpoint_returns_changed,
  endpoint_representation_changed,
  endpoint_body_changed,
  endpoint_client_changed,
  endpoint_file_paths_changed,
};

/// What a change breaks, judged three ways (compare.hpp says how).
struct Breaks {
  bool source = false;
  bool old_payloads = false;
  bool new_payloads = false;
  /// Schema sets that import this one (`--import`): they no longer generate until they follow or allow it.
  bool importers = false;
};

struct RuleSpec {
  Rule rule;
  /// Stable: `FIELD_REMOVED`.
  std::string_view id;
  /// As docs/schema-diff.md states them: a rule's severity follows what a change breaks, so some rules have
  /// more than one.
  std::string_view severity;
  std::string_view breaks;
  std::string_view when;
};

inline constexpr std::array<RuleSpec, 43> kRules = {{
    {Rule::api_version_changed, "API_VERSION_CHANGED", "WARNING", "importers", "`api.yaml`'s version"},
    {Rule::api_build_changed, "API_BUILD_CHANGED", "INFO", "nothing", "`api.yaml`'s build"},
    {Rule::api_xml_namespace_changed, "API_XML_NAMESPACE_CHANGED", "ERROR", "old and new payloads",
     "every XML document moves namespace"},
    {Rule::api_base_path_changed, "API_BASE_PATH_CHANGED", "WARNING", "nothing", "every request goes to another path"},
    {Rule::type_added, "TYPE_ADDED", "INFO", "nothing", ""},
    {Rule::type_removed, "TYPE_REMOVED", "ERROR", "source (and old payloads for a document type)", ""},
    {Rule::type_renamed, "TYPE_RENAMED", "ERROR", "source",
     "a document type reads the same element under another name"},
    {Rule::type_element_added, "TYPE_ELEMENT_ADDED", "INFO", "nothing", "a type becomes a document type"},
    {Rule::type_element_removed, "TYPE_ELEMENT_REMOVED", "ERROR", "source, old payloads", ""},
    {Rule::type_element_changed, "TYPE_ELEMENT_CHANGED", "ERROR", "old and new payloads", "another root element"},
    {Rule::type_base_changed, "TYPE_BASE_CHANGED", "WARNING", "nothing by itself",
     "`extends:` changed; the fields are compared one by one, inherited ones included"},
    {Rule::field_added, "FIELD_ADDED", "INFO if optional or a list; ERROR if required", "old payloads (required)", ""},
    {Rule::field_removed, "FIELD_REMOVED", "ERROR", "source; new payloads if it was required", ""},
    {Rule::field_renamed, "FIELD_RENAMED",
     "WARNING; ERROR when the C++ member changes or the new field does not read the old name",
     "new payloads; old payloads unless the new field lists the old name in `aliases:`",
     "matched through `aliases:` (either side's)"},
    {Rule::field_cpp_name_changed, "FIELD_CPP_NAME_CHANGED", "ERROR", "source",
     "same wire name, another C++ member (`cpp_name:`)"},
    {Rule::field_type_changed, "FIELD_TYPE_CHANGED", "ERROR",
     "source; payloads unless String ↔ enum or enum → enum (open enums keep any text)", ""},
    {Rule::field_type_widened, "FIELD_TYPE_WIDENED", "WARNING", "new payloads (larger values)", "Int → Long → Double"},
    {Rule::field_cardinality_changed, "FIELD_CARDINALITY_CHANGED", "ERROR",
     "source (`T` ↔ `std::optional<T>` ↔ `std::vector<T>`); old payloads when it becomes required or stops being a "
     "list; new payloads when it was required or becomes a list",
     ""},
    {Rule::field_attribute_changed, "FIELD_ATTRIBUTE_CHANGED", "ERROR", "old and new XML payloads",
     "attribute ↔ element"},
    {Rule::field_text_changed, "FIELD_TEXT_CHANGED", "ERROR", "old and new XML payloads",
     "the element's text (`text: true`) ↔ attribute or element"},
    {Rule::field_item_changed, "FIELD_ITEM_CHANGED", "ERROR", "old and new XML payloads",
     "a wrapped list's item element"},
    {Rule::field_json_name_changed, "FIELD_JSON_NAME_CHANGED", "ERROR", "old and new JSON payloads",
     "the new field no longer answers to the old JSON name"},
    {Rule::field_json_list_changed, "FIELD_JSON_LIST_CHANGED", "ERROR", "old and new JSON payloads",
     "`json: {list: array}` ↔ nested"},
    {Rule::field_query_changed, "FIELD_QUERY_CHANGED",
     "INFO when a list gains `query:`; WARNING when its `type=` name changes; ERROR when it loses `query:`",
     "source when it loses it (`emgen::Query::of<T>` no longer compiles); a changed name is a request the old servers "
     "may not know",
     "a list of the query service's answer (`query:`)"},
    {Rule::enum_added, "ENUM_ADDED", "INFO", "nothing", ""},
    {Rule::enum_removed, "ENUM_REMOVED", "ERROR", "source", ""},
    {Rule::enum_renamed, "ENUM_RENAMED", "ERROR", "source",
     "an enum comes back under another name with the same values"},
    {Rule::enum_value_added, "ENUM_VALUE_ADDED", "INFO", "nothing (a `switch` without `default` warns)", ""},
    {Rule::enum_value_removed, "ENUM_VALUE_REMOVED", "ERROR", "source",
     "a server that still sends it is read as an unlisted value"},
    {Rule::enum_value_renamed, "ENUM_VALUE_RENAMED", "ERROR", "source", "same wire text, another C++ enumerator"},
    {Rule::enum_value_wire_changed, "ENUM_VALUE_WIRE_CHANGED", "ERROR", "old and new payloads",
     "same enumerator, other wire text: comparisons silently stop matching"},
    {Rule::link_added, "LINK_ADDED", "INFO", "nothing", "by rel and path"},
    {Rule::link_removed, "LINK_REMOVED", "WARNING", "nothing", "code following it may find none"},
    {Rule::endpoint_added, "ENDPOINT_ADDED", "INFO", "nothing", "by method and path"},
    {Rule::endpoint_removed, "ENDPOINT_REMOVED", "ERROR", "source (its client method)", ""},
    {Rule::endpoint_method_changed, "ENDPOINT_METHOD_CHANGED", "ERROR",
     "source when the client method's name changes with the verb", "another verb on the same path"},
    {Rule::endpoint_path_changed, "ENDPOINT_PATH_CHANGED", "WARNING", "nothing by itself",
     "the client method of the same name, or the only endpoint of the same verb and result, serves another path"},
    {Rule::client_method_renamed, "CLIENT_METHOD_RENAMED", "ERROR", "source", ""},
    {Rule::endpoint_returns_changed, "ENDPOINT_RETURNS_CHANGED", "ERROR", "source, payloads", "another returned type"},
    {Rule::endpoint_representation_changed, "ENDPOINT_REPRESENTATION_CHANGED", "ERROR", "source",
     "one representation ↔ reference and entity forms; INFO, breaking nothing, when a collection that returned the "
     "references gains the entity form (its method is unchanged, `<subject>_entities` is added)"},
    {Rule::endpoint_body_changed, "ENDPOINT_BODY_CHANGED", "ERROR", "source",
     "a POST or PUT sends another `body:` type, or gains or loses its body: the client method's parameters change, and "
     "each version's server expects its own document"},
    {Rule::endpoint_client_changed, "ENDPOINT_CLIENT_CHANGED",
     "ERROR when the client method goes (`client: true` → `false`); INFO when one comes", "source when it goes",
     "`client:`"},
    {Rule::endpoint_file_paths_changed, "ENDPOINT_FILE_PATHS_CHANGED", "WARNING",
     "nothing by itself (a renamed client method is `CLIENT_METHOD_RENAMED`)",
     "`file_paths:`: one version sends a `/` in the parameter's value as it is, the other as `%2F`"},
}};

constexpr const RuleSpec& spec(Rule rule) { return kRules[static_cast<std::size_t>(rule)]; }

constexpr std::string_view id(Rule rule) { return spec(rule).id; }

/// The rule of an id (`FIELD_REMOVED`); nothing for another text.
constexpr std::optional<Rule> rule_with_id(std::string_view text) {
  for (const RuleSpec& row : kRules)
    if (row.id == text) return row.rule;
  return std::nullopt;
}

namespace detail {
constexpr bool rows_follow_the_enum() {
  for (std::size_t i = 0; i < kRules.size(); ++i)
    if (static_cast<std::size_t>(kRules[i].rule) != i) return false;
  return true;
}
}  // namespace detail
static_assert(detail::rows_follow_the_enum(), "kRules lists every Rule once, in the order of the enum");

}  // namespace emgen::gen::diff
