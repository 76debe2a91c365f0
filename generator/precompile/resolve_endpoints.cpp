#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <regex>
#include <set>

#include "emgen/scalar.hpp"
#include "format/vocabulary.hpp"
#include "naming.hpp"
#include "precompile/resolver.hpp"
#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::gen::precompile::resolving {

bool Resolver::is_method(const std::string& method) {
  return method == "GET" || method == "POST" || method == "PUT" || method == "DELETE";
}

/// Checks a path and splits it: segments between slashes before `?` (a segment is a literal or a whole
/// `{NAME}` parameter, used once), whether it ends with `/`, and the query after it.
void Resolver::check_path(const Text& path, std::vector<ir::PathSegment>* segments, std::string* query,
                          bool* trailing_slash) {
  if (path.value.empty() || path.value.front() != '/') {
    diagnostics_.error(path.where, "path '" + path.value + "' must start with '/'", kBadPath);
    return;
  }
  std::size_t at = 0;
  while ((at = path.value.find_first_of("{}", at)) != std::string::npos) {
    const std::size_t close = path.value.find('}', at);
    if (path.value[at] == '}' || close == std::string::npos) {
      diagnostics_.error(path.where, "path '" + path.value + "' has an unbalanced '{' or '}'", kBadPath);
      return;
    }
    const std::string name = path.value.substr(at + 1, close - at - 1);
    if (!is_identifier(name)) {
      diagnostics_.error(path.where, "path parameter '{" + name + "}' must be an identifier", kBadPath);
      return;
    }
    at = close + 1;
  }
  const std::size_t query_at = path.value.find('?');
  const std::string route = path.value.substr(0, query_at);
  std::vector<ir::PathSegment> pieces;
  std::set<std::string> parameters;
  for (std::size_t start = 1; start <= route.size();) {
    const std::size_t slash = std::min(route.find('/', start), route.size());
    const std::string piece = route.substr(start, slash - start);
    start = slash + 1;
    if (piece.empty() && slash < route.size()) {
      // `/a//b` is a typo (the help pages have some), not a path: the request would not reach the resource.
      diagnostics_.error(path.where, "path '" + path.value + "' has an empty segment ('//')", kBadPath);
      return;
    }
    if (piece.empty()) continue;  // after a trailing `/`
    const bool parameter = piece.front() == '{';
    if (piece.find_first_of("{}", parameter ? 1 : 0) != (parameter ? piece.size() - 1 : std::string::npos)) {
      diagnostics_.error(path.where, "path segment '" + piece + "' must be a name or a whole {PARAMETER}", kBadPath);
      return;
    }
    const std::string text = parameter ? piece.substr(1, piece.size() - 2) : piece;
    if (parameter && !parameters.insert(text).second) {
      diagnostics_.error(path.where, "path parameter '{" + text + "}' appears twice; name each one differently",
                         kDuplicatePathParameter);
      return;
    }
    pieces.push_back(ir::PathSegment{text, parameter});
  }
  if (query_at != std::string::npos && path.value.find_first_of("{}", query_at) != std::string::npos) {
    diagnostics_.error(path.where, "path parameters go before '?', not in the query", kBadPath);
    return;
  }
  if (segments) *segments = std::move(pieces);
  if (trailing_slash) *trailing_slash = route.size() > 1 && route.back() == '/';
  if (query && query_at != std::string::npos) *query = path.value.substr(query_at + 1);
}

void Resolver::resolve_links_endpoints_examples() {
  for (ir::Type* type : declared_types_) {
    const format::TypeAst& ast = *ast_of_type_[type];
    for (const auto& link_ast : ast.links) {
      ir::Link link;
      link.rel = link_ast.rel.value;
      link.type = link_ast.type ? link_ast.type->value : "";
      link.path = link_ast.path.value;
      link.method = link_ast.method ? link_ast.method->value : "GET";
      link.doc = link_ast.doc;
      if (link.rel.empty()) diagnostics_.error(link_ast.rel.where, "rel is empty", kBadLink);
      if (link_ast.method && !is_method(link.method))
        diagnostics_.error(link_ast.method->where, "method must be GET, POST, PUT or DELETE, not '" + link.method + "'",
                           kBadMethod);
      check_path(link_ast.path, nullptr, nullptr);
      if (link_ast.returns) link.returns = find_type(*link_ast.returns, "returns");
      type->links.push_back(std::move(link));
    }
    for (const auto& endpoint_ast : ast.endpoints) {
      ir::Endpoint endpoint;
      endpoint.method = endpoint_ast.method.value;
      endpoint.path = endpoint_ast.path.value;
      endpoint.doc = endpoint_ast.doc;
      endpoint.client = endpoint_ast.client;
      endpoint.where = endpoint_ast.where;
      if (const auto& name = endpoint_ast.client_name) {
        endpoint.client_name_where = name->where;
        if (!endpoint.client)
          diagnostics_.error(name->where,
                             "client_name '" + name->value +
                                 "' names a client method, but client: false gives the endpoint none; "
                                 "keep one of the two",
                             kBadClientName);
        else if (name->value.empty())
          diagnostics_.error(name->where, "client_name is empty; leave it out for the name the path gives",
                             kBadClientName);
        else
          endpoint.client_name = name->value;
      }
      if (!is_method(endpoint.method))
        diagnostics_.error(endpoint_ast.method.where,
                           "method must be GET, POST, PUT or DELETE, not '" + endpoint.method + "'", kBadMethod);
      check_path(endpoint_ast.path, &endpoint.segments, &endpoint.query, &endpoint.trailing_slash);
      mark_file_paths(endpoint_ast, endpoint);
      if (endpoint_ast.returns) endpoint.returns = find_type(*endpoint_ast.returns, "returns");
      if (endpoint_ast.returns_reference) endpoint.reference = find_type(*endpoint_ast.returns_reference, "reference");
      if (endpoint_ast.returns_entity) endpoint.entity = find_type(*endpoint_ast.returns_entity, "entity");
      if (endpoint_ast.body) endpoint.body = find_body_type(endpoint.method, *endpoint_ast.body);
      type->endpoints.push_back(std::move(endpoint));
    }
    std::set<std::string> example_files;
    for (const auto& example_ast : ast.examples) resolve_example(*type, example_ast, example_files);
  }
}

/// `file_paths:` names path parameters of the endpoint, each once.
void Resolver::mark_file_paths(const format::EndpointAst& ast, ir::Endpoint& endpoint) {
  std::set<std::string> listed;
  for (const Text& name : ast.file_paths) {
    if (!listed.insert(name.value).second) {
      diagnostics_.error(name.where, "file path parameter '" + name.value + "' is listed twice", kBadFilePath);
      continue;
    }
    const auto segment = std::find_if(endpoint.segments.begin(), endpoint.segments.end(),
                                      [&](const ir::PathSegment& s) { return s.parameter && s.text == name.value; });
    if (segment == endpoint.segments.end()) {
      diagnostics_.error(name.where,
                         "file path parameter '" + name.value + "' is not a parameter of path '" + endpoint.path + "'" +
                             parameters_of(endpoint),
                         kBadFilePath);
      continue;
    }
    segment->file_path = true;
  }
}

std::string Resolver::parameters_of(const ir::Endpoint& endpoint) {
  std::string parameters;
  for (const ir::PathSegment& segment : endpoint.segments)
    if (segment.parameter) parameters += (parameters.empty() ? "" : ", ") + std::string("{") + segment.text + "}";
  return parameters.empty() ? " (it has none)" : " (it has " + parameters + ")";
}

}  // namespace emgen::gen::precompile::resolving
