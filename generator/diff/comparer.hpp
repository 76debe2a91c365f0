// The comparer of `emgen diff`, private to diff/. Comparer pairs the enums, types and endpoints of two models
// (renames included) and every comparison uses those pairings; its members are defined by concern: compare.cpp
// (the run, the API, enums), compare_types.cpp (types, fields, links), compare_endpoints.cpp (endpoints).
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diff/compare.hpp"
#include "languages/cpp/names.hpp"

namespace emgen::gen::diff::comparing {

inline std::string primitive_name(ir::Primitive primitive) {
  return std::string(format::vocabulary::kPrimitiveTypes[static_cast<std::size_t>(primitive)]);
}

inline std::string type_name(const ir::TypeRef& type) {
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

inline std::string cardinality_name(ir::Cardinality cardinality) {
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
inline int numeric_rank(const ir::TypeRef& type) {
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

inline bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

inline std::string endpoint_key(const ir::Endpoint& endpoint) { return endpoint.method + " " + endpoint.path; }

/// The type that declares a field: where a change to it is reported, once, whichever subtype met it.
inline const ir::Type* owner_of(const ir::Type& type, const ir::Field* field) {
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

  Comparison run();

 private:
  /// Severity from what breaks: the source or the old servers' payloads is an error; the new servers' payloads
  /// with the old bindings (what upgrading fixes) a warning.
  void add(Rule rule, std::string subject, std::string message, Breaks breaks, std::optional<Location> old_at,
           std::optional<Location> new_at, std::optional<Severity> severity = std::nullopt);

  Location api_location(const ir::Model& model) const;

  void compare_api();

  // ---- Enums ----

  static std::vector<std::string> wires(const ir::Enum& enumeration);

  void match_enums();

  void compare_enum(const ir::Enum& old_enum, const ir::Enum& new_enum);

  // ---- Types and fields ----

  void match_types();

  /// Whether two field types are the same across the versions (a renamed enum or type is the same).
  static bool is_imported(const ir::SchemaFile* file) { return file != nullptr && !file->imported_from.empty(); }

  bool same_type(const ir::TypeRef& before, const ir::TypeRef& after) const;

  void compare_type(const ir::Type& old_type, const ir::Type& new_type);

  void compare_fields(const ir::Type& old_type, const ir::Type& new_type);

  /// A field the type lost: its declaring type's when that type lost it too, else the type's own.
  std::string removed_subject(const ir::Type& old_type, const ir::Type& new_type, const ir::Field& field) const;

  /// A field the type gained: its declaring type's when that type is new to it too, else the type's own.
  std::string added_subject(const ir::Type& old_type, const ir::Type& new_type, const ir::Field& field) const;

  static const ir::Type* find_type(const ir::Model& model, const std::string& name);

  static bool has_field(const ir::Type& type, const std::string& name);

  void compare_field(const std::string& subject, const ir::Field& before, const ir::Field& after);

  /// `query: X`: the query service's type= whose entities the list holds, which emgen::Query::of<> and
  /// emgen::entities_in<> are generated from.
  void compare_query(const std::string& subject, const ir::Field& before, const ir::Field& after);

  void compare_field_types(const std::string& subject, const ir::Field& before, const ir::Field& after);

  void compare_links(const ir::Type& old_type, const ir::Type& new_type);

  // ---- Endpoints ----

  struct EndpointAt {
    const ir::Endpoint* endpoint;
    const ir::Type* type;
    std::string method_name;
  };

  std::vector<EndpointAt> endpoints(const ir::Model& model, const std::set<std::string>& types);

  static std::string returns_of(const ir::Endpoint& endpoint);

  /// An old type's name in the new version (its new name when it was renamed).
  std::string mapped_name(const ir::Type& type) const;

  /// What an endpoint returns, in a sentence: a POST, PUT or DELETE may answer without a body.
  static std::string or_nothing(const std::string& returns) { return returns.empty() ? "nothing" : returns; }

  std::string mapped_returns(const ir::Endpoint& endpoint) const;

  void compare_endpoints();

  /// An endpoint that moved to another path under another method name: the one new endpoint of the same verb
  /// returning the same type, when the old one is the only one gone with that verb and type.
  std::vector<EndpointAt>::const_iterator moved_elsewhere(const EndpointAt& gone,
                                                          const std::vector<const EndpointAt*>& gone_all,
                                                          const std::vector<EndpointAt>& after,
                                                          const std::set<const ir::Endpoint*>& matched) const;

  void compare_endpoint(const EndpointAt& before, const EndpointAt& after);

  /// `file_paths:`: which path parameters are file paths, whose `/` a request keeps instead of encoding.
  static std::set<std::string> file_path_parameters(const ir::Endpoint& endpoint);

  void compare_file_paths(const std::string& subject, const ir::Endpoint& o, const ir::Endpoint& n);

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

}  // namespace emgen::gen::diff::comparing
