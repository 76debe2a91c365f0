#pragma once
// Support for generated clients: reading a response as a schema type, following links, waiting for tasks
// and walking the pages of a query. Tasks and pages are the schemas' own Task and QueryResult (veeam::em, built
// with this library), so that their member names are checked by the compiler, not assumed by convention.

#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "emgen/api_error.hpp"
#include "emgen/session.hpp"

// Declared only, so that this header does not bring every schema a query result can hold; a caller of
// wait_for_task() or for_each_page() has included task.hpp or query_result.hpp to use what they return.
namespace veeam::em {
struct QueryResult;
struct Task;
}  // namespace veeam::em

namespace emgen {

/// The response body as T, in the session's format, read leniently; what was skipped goes to the session's
/// read warning handler when it has one.
template <class T>
T read_as(const Session& session, const Response& response) {
  const bool json = session.format() == Format::json;
  const Session::WarningHandler& handler = session.read_warning_handler();
  if (!handler) return json ? T::from_json(response.body) : T::from_xml(response.body);
  ReadWarnings warnings;
  T value = json ? T::from_json(response.body, warnings) : T::from_xml(response.body, warnings);
  for (const ReadWarning& warning : warnings) handler(warning);
  return value;
}

/// GET a link's Href (absolute, as the server writes it) and read the answer as T.
template <class T>
T follow(Session& session, std::string_view href) {
  return read_as<T>(session, session.call_ok("GET", std::string(href)));
}

/// A task still unfinished at its deadline.
class TaskTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Polls an EM task until its state is Finished, then deletes it (its Delete link, else its Href) and returns
/// the finished task. Throws TaskTimeout when timeout passes first; the task is then left for the caller.
veeam::em::Task wait_for_task(Session& session, veeam::em::Task task, std::chrono::milliseconds timeout,
                              std::chrono::milliseconds interval = std::chrono::milliseconds(500));

/// The entities of type Entity on one page of a query: empty when the page holds references, or another kind.
/// Like Query::of<Entity>(), it compiles where query_result.hpp is included.
template <class Entity, class Page = veeam::em::QueryResult>  // Page: checked where the call is, complete
const std::vector<Entity>& entities_in(const Page& page) {
  static const std::vector<Entity> none;
  return page.entities ? (*page.entities).*QueryType<Entity>::list : none;
}

/// Calls visit(page) for each page of a query, starting at path_and_query and following each page's Next
/// link (PagingInfo/Links) until there is none.
void for_each_page(Session& session, std::string path_and_query,
                   const std::function<void(const veeam::em::QueryResult&)>& visit);

}  // namespace emgen
