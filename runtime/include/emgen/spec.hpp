#pragma once
// What the schemas say about a resource's links and endpoints, kept in the generated code so that clients
// and tools can use it.

#include <string_view>

namespace emgen {

/// A link the server puts in a resource's <Links>.
struct LinkSpec {
  std::string_view rel;
  /// The Type attribute the server sends; empty when it sends none.
  std::string_view type;
  /// Path template relative to the API base, e.g. `/backupSessions/{ID}/taskSessions`.
  std::string_view path;
  std::string_view method;
  /// The schema type the target returns; empty when not described.
  std::string_view returns;
};

/// A REST endpoint of a resource: what it returns, and what it sends.
struct EndpointSpec {
  std::string_view method;
  std::string_view path;
  /// One returned type, or empty when the endpoint has the reference/entity pair below.
  std::string_view returns;
  /// Returned by a plain GET.
  std::string_view reference;
  /// Returned with `?format=Entity`.
  std::string_view entity;
  /// The document a POST or PUT sends; empty when it sends none.
  std::string_view body;
};

}  // namespace emgen
