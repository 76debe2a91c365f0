#pragma once
// How schema names become C++ names and literals.

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.hpp"
#include "naming.hpp"
#include "precompile/ir.hpp"

namespace emgen::gen::cpp {

// The codes of the C++ stage's diagnostics, as the resolver's (precompile/resolve.hpp).

/// A file, type or enum name the generated code uses itself.
inline constexpr std::string_view kReservedName = "reserved-name";
/// A name that would be a C++ keyword or no identifier (member, enum constant, parameter, method).
inline constexpr std::string_view kBadCppName = "bad-cpp-name";
/// Two fields of a type on one C++ member name.
inline constexpr std::string_view kMemberClash = "member-clash";
/// Two endpoints on one client method name (related: first defined at).
inline constexpr std::string_view kClientMethodClash = "client-method-clash";

/// `BackupJobSessionState` → `parse_backup_job_session_state`.
std::string parse_function_name(const std::string& enum_name);

/// A C++ string literal with quotes, backslashes and control characters escaped.
std::string string_literal(const std::string& text);

/// `veeam::em` → `veeam/em`.
std::string include_prefix(const std::string& cpp_namespace);

/// `examples/BackupJobSession_doc13.xml` → `BackupJobSessionDoc13Xml`: a name gtest accepts.
std::string test_name(const std::string& file_name);

/// True for the words C++ reserves (`delete`, `class`, ...).
bool is_cpp_keyword(const std::string& word);

/// The C++ member of a field: its `cpp_name:`, else its name in snake_case (`CreationTimeUTC` →
/// `creation_time_utc`). The one place that decides it.
std::string member_name(const ir::Field& field);

/// Checks every C++ name the model's types, enums, values, fields and files would get: identifiers, not
/// keywords, not names the generated code uses itself, no two members of a type alike. Reports each problem at
/// the schema entry that asked for the name.
void check_names(const ir::Model& model, Diagnostics& diagnostics);

/// What the generated Client calls an endpoint's method and its parameters. The rules (docs/schema-language.md,
/// "Client method names"), from the path's literal segments: a segment followed by a parameter names one item
/// (`backupSessions/{ID}` → `backup_session`), any other a collection (`taskSessions` → `task_sessions`);
/// joined with `_` they make the subject. GET of one item: `get_<subject>`, and `get_<subject>_reference` when
/// the endpoint has both representations; GET of a collection: `<subject>(query)`, or the returned type for
/// `/`, and `<subject>_entities(query)` for the entity document when it has both; DELETE: `delete_<subject>`; POST and
/// PUT: `<action>_<subject>` from `?action=`, else `post_<subject>` / `put_<subject>`. Path parameters become
/// snake_case parameters (`{PartID}` → `part_id`).
struct ClientNames {
  /// Empty when a problem was reported instead. With both representations, the entity form's.
  std::string method;
  /// The reference form's method, for a GET with both representations.
  std::string reference_method;
  bool has_reference_form = false;
  /// A collection's method takes the query string as a last parameter.
  bool takes_query = false;
  /// parameters[i] is the C++ parameter of the endpoint's segments[i]; empty for a literal segment.
  std::vector<std::string> parameters;
};
/// Reports names that cannot be C++ (a keyword, a name the Client has already) at the endpoint, or at its
/// `client_name:` when it chose the name. With `client_name: NAME`, NAME replaces the name the path gives; with
/// both representations, one item is `NAME` (entity) and `NAME_reference`, a collection `NAME` (references) and
/// `NAME_entities`, as the names from the path are.
ClientNames client_names(const ir::Endpoint& endpoint, Diagnostics& diagnostics);

/// Where an endpoint's client method is named: its `client_name:` value, else the endpoint.
const Location& client_name_location(const ir::Endpoint& endpoint);

}  // namespace emgen::gen::cpp
