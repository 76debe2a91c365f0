#include "emgen/client.hpp"

#include <algorithm>
#include <stdexcept>
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

bool QueryPages::next(veeam::em::QueryResult& page) {
  if (next_.empty()) return false;
  const std::string path = session_.relative(next_);
  if (const auto before = std::find(seen_.begin(), seen_.end(), path); before != seen_.end()) {
    if (const Session::WarningHandler& warn = session_.read_warning_handler(); warn) {
      ReadWarning warning;
      warning.path = "PagingInfo/Links";
      warning.message = "query: page " + std::to_string(pages_) + " links back to page " +
                        std::to_string(before - seen_.begin() + 1) + " as Next; stopped";
      warn(warning);
    }
    next_.clear();
    return false;
  }
  // Next links that never repeat but never end (page=N+1 for ever) must not keep the client busy forever.
  constexpr int kMaxPages = 100000;
  if (pages_ == kMaxPages) throw std::runtime_error("query: more than 100000 pages; does Next never end?");
  seen_.push_back(path);
  page = read_as<veeam::em::QueryResult>(session_, session_.call_ok("GET", next_));
  ++pages_;
  next_.clear();
  if (page.paging_info)
    for (const veeam::em::Link& link : page.paging_info->links)
      if (link.rel == veeam::em::LinkRel::Next) next_ = link.href;
  return true;
}

void for_each_page(Session& session, std::string path_and_query,
                   const std::function<void(const veeam::em::QueryResult&)>& visit) {
  QueryPages pages(session, std::move(path_and_query));
  veeam::em::QueryResult page;
  while (pages.next(page)) visit(page);
}

}  // namespace emgen
