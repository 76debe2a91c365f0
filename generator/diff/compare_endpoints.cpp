// `emgen diff`: the endpoints of two versions paired by method and path shape and compared: what they return
// and send, their client methods, their file path parameters.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "diff/comparer.hpp"
#include "diff/rules.hpp"
#include "format/vocabulary.hpp"
#include "languages/cpp/names.hpp"

namespace emgen::gen::diff::comparing {

std::vector<Comparer::EndpointAt> Comparer::endpoints(const ir::Model& model, const std::set<std::string>& types) {
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

std::string Comparer::returns_of(const ir::Endpoint& endpoint) {
  if (endpoint.returns) return endpoint.returns->name;
  if (endpoint.reference && endpoint.entity) return endpoint.reference->name + " | " + endpoint.entity->name;
  return "";
}

std::string Comparer::mapped_name(const ir::Type& type) const {
  const auto renamed = type_names_.find(type.name);
  return renamed == type_names_.end() ? type.name : renamed->second;
}

std::string Comparer::mapped_returns(const ir::Endpoint& endpoint) const {
  const auto map = [&](const ir::Type* type) {
    return type == nullptr ? std::string() : type_names_.count(type->name) ? type_names_.at(type->name) : type->name;
  };
  if (endpoint.returns) return map(endpoint.returns);
  if (!endpoint.reference || !endpoint.entity) return "";
  return map(endpoint.reference) + " | " + map(endpoint.entity);
}

void Comparer::compare_endpoints() {
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

std::vector<Comparer::EndpointAt>::const_iterator Comparer::moved_elsewhere(
    const EndpointAt& gone, const std::vector<const EndpointAt*>& gone_all, const std::vector<EndpointAt>& after,
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

void Comparer::compare_endpoint(const EndpointAt& before, const EndpointAt& after) {
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
        !o.body   ? subject + " now sends a " + new_body + " body" + calls + " (it takes the body as a new parameter)."
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

std::set<std::string> Comparer::file_path_parameters(const ir::Endpoint& endpoint) {
  std::set<std::string> names;
  for (const ir::PathSegment& segment : endpoint.segments)
    if (segment.parameter && segment.file_path) names.insert(segment.text);
  return names;
}

void Comparer::compare_file_paths(const std::string& subject, const ir::Endpoint& o, const ir::Endpoint& n) {
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

}  // namespace emgen::gen::diff::comparing
