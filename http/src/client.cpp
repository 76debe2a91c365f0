#include "emgen/client.hpp"

#include <thread>

#include "veeam/em/query_result.hpp"
#include "veeam/em/task.hpp"

namespace emgen {

veeam::em::Task wait_for_task(Session& session, veeam::em::Task task, std::chrono::milliseconds timeout,
                              std::chrono::milliseconds interval) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (task.state != veeam::em::TaskState::Finished) {
    if (std::chrono::steady_clock::now() + interval > deadline)
      throw TaskTimeout("task " + session.relative(task.href) + " is still " + std::string(task.state.text()) +
                        " after " + std::to_string(timeout.count()) + " ms");
    std::this_thread::sleep_for(interval);
    task = follow<veeam::em::Task>(session, task.href);
  }
  std::string remove = task.href;
  for (const veeam::em::Link& link : task.links)
    if (link.rel == veeam::em::LinkRel::Delete) remove = link.href;
  session.call_ok("DELETE", remove);
  return task;
}

void for_each_page(Session& session, std::string path_and_query,
                   const std::function<void(const veeam::em::QueryResult&)>& visit) {
  // A server that links a page to itself must not keep the client busy forever.
  constexpr int kMaxPages = 100000;
  for (int pages = 0; !path_and_query.empty(); ++pages) {
    if (pages == kMaxPages) throw std::runtime_error("query: more than 100000 pages; is Next a loop?");
    const auto page = read_as<veeam::em::QueryResult>(session, session.call_ok("GET", path_and_query));
    path_and_query.clear();
    if (page.paging_info)
      for (const veeam::em::Link& link : page.paging_info->links)
        if (link.rel == veeam::em::LinkRel::Next) path_and_query = link.href;
    visit(page);
  }
}

}  // namespace emgen
