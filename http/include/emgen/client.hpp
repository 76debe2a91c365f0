#pragma once
// Support for generated clients: reading a response as a schema type, following links, waiting for tasks
// and walking the pages of a query. Tasks and pages are the schemas' own Task and QueryResult (veeam::em, built
// with this library), so that their member names are checked by the compiler, not assumed by convention.

#include <chrono>
#include <cstddef>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "emgen/api_error.hpp"
#include "emgen/query.hpp"
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
  // Collected whether or not a handler is set: Session::read_warnings() counts them either way.
  ReadWarnings warnings;
  T value =
      session.format() == Format::json ? T::from_json(response.body, warnings) : T::from_xml(response.body, warnings);
  session.report_read_warnings(warnings);
  return value;
}

/// value as a request body in the session's format: XML, or JSON in the member-name style of the server's JSON
/// (camelCase from EM 13.x, PascalCase before). The session learns that style from its logon answer, so a JSON
/// session that has not logged on yet logs on here, as the call the body is for would have done first.
template <class T>
std::string write_as(Session& session, const T& value) {
  if (session.format() != Format::json) return value.to_xml();
  session.ensure_logged_on();
  return value.to_json(session.json_style().value_or(JsonStyle::pascal));
}

/// options marked idempotent: the generated methods of GET, PUT and DELETE call so, since sending them twice does
/// what sending them once does, and the retry policy then applies to a PUT too. A POST keeps the caller's options.
inline CallOptions idempotent(CallOptions options) {
  options.idempotent = true;
  return options;
}

/// GET a link's Href (absolute, as the server writes it) and read the answer as T.
template <class T>
T follow(Session& session, std::string_view href, const CallOptions& options = {}) {
  return read_as<T>(session, session.call_ok("GET", std::string(href), {}, options));
}

/// Runs work(0) ... work(count - 1) on up to `concurrency` threads (at least 1; this thread waits), each
/// index once. When a work item throws, no further items start; after the running ones end, the exception of
/// the lowest failed index is rethrown. A stop requested on `stop` also ends the run: Cancelled.
void run_concurrently(std::size_t count, std::size_t concurrency, const std::function<void(std::size_t)>& work,
                      const std::stop_token& stop = {});

/// GETs every href (an Href as the server writes it, or a path relative to the base URL) with up to
/// `concurrency` requests in flight, and reads each answer as T, in the order of hrefs: the task sessions of
/// 500 backup sessions over 8 connections instead of one after the other. The Session's transport must allow
/// that many at once (CurlOptions::max_connections). The first failure, in the order of hrefs, is thrown once
/// the requests in flight have ended; hrefs not yet requested by then are not.
template <class T>
std::vector<T> get_all(Session& session, const std::vector<std::string>& hrefs, std::size_t concurrency,
                       const CallOptions& options = {}) {
  std::vector<T> results(hrefs.size());
  run_concurrently(
      hrefs.size(), concurrency, [&](std::size_t i) { results[i] = follow<T>(session, hrefs[i], options); },
      options.stop);
  return results;
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

/// The pages of a query, one GET each, fetched when next() is called: from the first page's path, then each
/// page's Next link (PagingInfo/Links). A Next link back to a page already read ends the walk, and the
/// session's read warning handler hears it (`query: page 3 links back to page 1 as Next; stopped`).
/// options go with each page's GET; a stop requested on options.stop ends the walk before the next page.
class QueryPages {
 public:
  QueryPages(Session& session, std::string first_page, CallOptions options = {})
      : session_(session), options_(std::move(options)), next_(std::move(first_page)) {}
  /// Reads the next page into page; false after the last. Errors of the request or the body are thrown here,
  /// and Cancelled when a stop was requested.
  bool next(veeam::em::QueryResult& page);
  /// Pages read so far.
  int pages() const noexcept { return pages_; }

 private:
  Session& session_;
  CallOptions options_;
  std::string next_;
  std::vector<std::string> seen_;
  int pages_ = 0;
};

/// The entities of a query, page after page: `for (const auto& s : emgen::entities<BackupTaskSession>(session,
/// Query::of<BackupTaskSession>().page_size(100)))`. An input range: each page is fetched when the iteration
/// reaches it, so a loop that stops early never asks for the rest, and an error (a 503 the retries did not
/// get past, a page that does not read) is thrown by the increment that needed that page. It compiles where
/// query_result.hpp is included.
template <class Entity, class Page = veeam::em::QueryResult>
class EntityRange {
 public:
  EntityRange(Session& session, const Query& query, CallOptions options = {})
      : pages_(session, query.path(), std::move(options)) {}

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Entity;
    using difference_type = std::ptrdiff_t;
    using pointer = const Entity*;
    using reference = const Entity&;

    iterator() = default;
    explicit iterator(EntityRange* range) : range_(range) {
      if (!range_->load()) range_ = nullptr;
    }
    reference operator*() const { return range_->items_[index_]; }
    pointer operator->() const { return &range_->items_[index_]; }
    iterator& operator++() {
      if (++index_ == range_->items_.size()) {
        index_ = 0;
        if (!range_->load()) range_ = nullptr;
      }
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) noexcept { return it.range_ == nullptr; }

   private:
    EntityRange* range_ = nullptr;
    std::size_t index_ = 0;
  };

  /// Fetches the first page (once: an input range is walked once).
  iterator begin() { return iterator(this); }
  std::default_sentinel_t end() const noexcept { return {}; }
  /// Pages fetched so far.
  int pages() const noexcept { return pages_.pages(); }

 private:
  // The next page that holds entities of this kind; false after the last page.
  bool load() {
    Page page;
    while (pages_.next(page)) {
      items_ = entities_in<Entity>(page);
      if (!items_.empty()) return true;
    }
    items_.clear();
    return false;
  }

  QueryPages pages_;
  std::vector<Entity> items_;
};

/// The entities of query, lazily, page after page (see EntityRange).
template <class Entity>
EntityRange<Entity> entities(Session& session, const Query& query, CallOptions options = {}) {
  return EntityRange<Entity>(session, query, std::move(options));
}

/// Calls visit(page) for each page of a query, starting at path_and_query and following each page's Next
/// link (PagingInfo/Links) until there is none, as QueryPages does.
void for_each_page(Session& session, std::string path_and_query,
                   const std::function<void(const veeam::em::QueryResult&)>& visit, CallOptions options = {});

}  // namespace emgen
