#pragma once
// Support for generated clients: reading a response as a schema type, following links, waiting for tasks
// and walking the pages of a query.

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "emgen/api_error.hpp"
#include "emgen/session.hpp"

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

/// Polls an EM task (a type with `href`, `state` and `links`, like the schemas' Task) until its state is
/// Finished, then deletes it (its Delete link, else its Href) and returns the finished task. Throws
/// TaskTimeout when timeout passes first; the task is then left for the caller.
template <class TaskT>
TaskT wait_for_task(Session& session, TaskT task, std::chrono::milliseconds timeout,
                    std::chrono::milliseconds interval = std::chrono::milliseconds(500)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (task.state.text() != "Finished") {
    if (std::chrono::steady_clock::now() + interval > deadline)
      throw TaskTimeout("task " + session.relative(task.href) + " is still " + std::string(task.state.text()) +
                        " after " + std::to_string(timeout.count()) + " ms");
    std::this_thread::sleep_for(interval);
    task = follow<TaskT>(session, task.href);
  }
  std::string remove = task.href;
  for (const auto& link : task.links)
    if (link.rel.text() == "Delete") remove = link.href;
  session.call_ok("DELETE", remove);
  return task;
}

/// Calls visit(page) for each page of a query (a type with `paging_info` whose `links` hold `Next`),
/// starting at path_and_query and following Next links until there is none.
template <class ResultT, class Visit>
void for_each_page(Session& session, std::string path_and_query, Visit&& visit) {
  // A server that links a page to itself must not keep the client busy forever.
  constexpr int kMaxPages = 100000;
  for (int pages = 0; !path_and_query.empty(); ++pages) {
    if (pages == kMaxPages) throw std::runtime_error("query: more than 100000 pages; is Next a loop?");
    const ResultT page = read_as<ResultT>(session, session.call_ok("GET", path_and_query));
    path_and_query.clear();
    if (page.paging_info)
      for (const auto& link : page.paging_info->links)
        if (link.rel.text() == "Next") path_and_query = link.href;
    visit(page);
  }
}

}  // namespace emgen
