#include "emgen/client.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

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
  if (options_.stop.stop_requested()) throw Cancelled("query: cancelled before page " + std::to_string(pages_ + 1));
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
  page = read_as<veeam::em::QueryResult>(session_, session_.call_ok("GET", next_, {}, options_));
  ++pages_;
  next_.clear();
  if (page.paging_info)
    for (const veeam::em::Link& link : page.paging_info->links)
      if (link.rel == veeam::em::LinkRel::Next) next_ = link.href;
  return true;
}

void for_each_page(Session& session, std::string path_and_query,
                   const std::function<void(const veeam::em::QueryResult&)>& visit, CallOptions options) {
  QueryPages pages(session, std::move(path_and_query), std::move(options));
  veeam::em::QueryResult page;
  while (pages.next(page)) visit(page);
}

void run_concurrently(std::size_t count, std::size_t concurrency, const std::function<void(std::size_t)>& work,
                      const std::stop_token& stop) {
  std::atomic<std::size_t> next_index{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;  // first_failure
  std::optional<std::pair<std::size_t, std::exception_ptr>> first_failure;
  const auto worker = [&] {
    while (!failed.load() && !stop.stop_requested()) {
      const std::size_t index = next_index.fetch_add(1);
      if (index >= count) return;
      try {
        work(index);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!first_failure || index < first_failure->first) first_failure.emplace(index, std::current_exception());
        failed.store(true);
      }
    }
  };
  const std::size_t threads = std::min(std::max<std::size_t>(concurrency, 1), count);
  {
    std::vector<std::jthread> helpers;
    helpers.reserve(threads > 0 ? threads - 1 : 0);
    try {
      for (std::size_t i = 1; i < threads; ++i) helpers.emplace_back(worker);
    } catch (...) {  // no more threads: the ones started and this one do the work
    }
    if (threads > 0) worker();
  }  // joins the helpers
  if (first_failure) std::rethrow_exception(first_failure->second);
  if (stop.stop_requested() && next_index.load() < count)
    throw Cancelled("cancelled after " + std::to_string(std::min(next_index.load(), count)) + " of " +
                    std::to_string(count) + " items had started");
}

}  // namespace emgen
