#pragma once
// An EM logon session over a Transport: logon with Basic credentials, the X-RestSvcSessionId token on every
// request, one re-logon when the token has expired, logoff on destruction. It knows the protocol, not the
// resources: the generated client builds paths and parses bodies on top of call().

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

#include "emgen/api_error.hpp"
#include "emgen/error.hpp"
#include "emgen/http.hpp"
#include "emgen/json_fwd.hpp"
#include "emgen/retry.hpp"
#include "emgen/types.hpp"

namespace emgen {

/// `application/xml` or `application/json`.
std::string_view media_type(Format format) noexcept;

/// What one call may change about how the Session sends it.
struct CallOptions {
  /// This call's retry policy instead of the Session's.
  std::optional<RetryPolicy> retry;
  /// Retry this POST or PUT too: sending it twice does what sending it once does.
  bool idempotent = false;
  /// The limit of each attempt, connect included, instead of the transport's (CurlOptions::total_timeout).
  std::optional<std::chrono::milliseconds> timeout;
  /// A stop requested here ends the call with Cancelled: before an attempt, during a backoff wait (at once),
  /// or during a request (as soon as the transport notices; CurlTransport checks about once a second when
  /// no data moves). Page walks check it before each page.
  std::stop_token stop;
};

/// One attempt of one request, for logging or tracing (Session::on_request). It never holds the token, the
/// password or the Authorization header.
struct RequestEvent {
  std::string method;
  /// Relative to the base URL, query included: `/backupSessions?format=Entity`. Tokens never travel in it.
  std::string path;
  /// The status; 0 when no answer came (see failure).
  int status = 0;
  /// Why no answer came, when none did.
  std::optional<TransportError::Cause> failure;
  /// 1 for the first attempt of a call, 2 for its first retry, ...
  int attempt = 1;
  std::chrono::microseconds duration{0};
  std::size_t bytes_sent = 0;
  std::size_t bytes_received = 0;
};

/// A logon or logoff, for logging (Session::on_session_event).
struct SessionEvent {
  enum class Kind { logon, relogon, logoff };
  Kind kind = Kind::logon;
  /// The answer's status; 0 when no answer came.
  int status = 0;
  std::chrono::microseconds duration{0};
};

std::string_view to_string(SessionEvent::Kind kind) noexcept;

/// Safe to share between threads once set up: call() and what is built on it may run in several threads at
/// once, over a thread-safe Transport (CurlTransport is). Threads that find no token, or whose token was
/// answered 401, wait for one logon between them: a storm of 401s after the idle timeout logs on once.
/// The setters (set_retry_policy(), on_request(), ...) are for before the sharing starts; the handlers are
/// then called from the thread of each request, so they must be thread-safe themselves.
/// Neither the password nor the token appears in any exception, and the class has no accessor for them.
class Session {
 public:
  /// base_url: EM's API root, e.g. `https://em.example.com:9398/api` (a trailing `/` is ignored).
  /// Nothing is sent until logon() or the first call().
  Session(Transport& transport, std::string base_url, std::string user, std::string password,
          Format format = Format::xml);
  /// Logs off when logged on; never throws (errors are swallowed: the server expires the session anyway).
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// POST /sessionMngr/?v=latest with Basic credentials. Expects a 2xx (EM sends 201) with the
  /// X-RestSvcSessionId header. Logs off first when already logged on.
  /// Throws Unauthorized for bad credentials (other ApiErrors for other statuses), ProtocolError when the
  /// token header is missing, TransportError when no response came.
  void logon();

  /// Logs on unless a logon is current. Threads that call it together (or call() without a token) wait for
  /// one logon between them, where logon() would log each other off. Throws as logon() does.
  void ensure_logged_on();

  /// DELETE the logon session (its Href from the logon body). 401 and 404 count as already logged off.
  /// Throws like call() otherwise; the token is forgotten either way.
  void logoff();

  bool logged_on() const;

  /// Sends method to base_url + path_and_query with the token and Accept (and Content-Type when there is a
  /// body), logging on first if needed. On a 401 it logs on again once and resends. Returns the response
  /// whatever its status; throw_for_status() or call_ok() turn error statuses into exceptions.
  /// path_and_query is relative to base_url (`/backupSessions/ID?format=Entity`); an absolute Href from a
  /// response is accepted too and is re-based onto base_url (see relative()).
  ///
  /// It retries by the retry policy (set_retry_policy(), or the call's own): a GET, HEAD or DELETE (or a call
  /// marked idempotent) that failed to connect, timed out, or got 429, 502, 503 or 504 is sent again after a
  /// jittered backoff, or the wait Retry-After asks for, while attempts and the time budget last. The answer
  /// or TransportError that ends the retries says how many attempts were made and why each earlier one failed.
  Response call(std::string method, std::string path_and_query, std::string body = {}, const CallOptions& options = {});

  /// call(), then throw_for_status() unless the status is 2xx.
  Response call_ok(std::string method, std::string path_and_query, std::string body = {},
                   const CallOptions& options = {});

  /// The retry policy of every call that does not bring its own; RetryPolicy{} by default.
  void set_retry_policy(RetryPolicy policy) { retry_policy_ = policy; }
  const RetryPolicy& retry_policy() const noexcept { return retry_policy_; }

  /// Called for each attempt of each request, logon and logoff included, after it ends. The destructor's
  /// logoff calls it too: what the handler uses must outlive the Session.
  using RequestHandler = std::function<void(const RequestEvent&)>;
  void on_request(RequestHandler handler) { request_handler_ = std::move(handler); }
  /// Called for each logon (the first, and each re-logon after a 401) and logoff, after it ends.
  using SessionHandler = std::function<void(const SessionEvent&)>;
  void on_session_event(SessionHandler handler) { session_handler_ = std::move(handler); }

  /// The part of an Href to append to base_url: `https://em.local:9398/api/tasks/task-1` gives `/tasks/task-1`.
  /// EM writes Hrefs with its own idea of its host name (often `localhost` or an internal FQDN), which the
  /// client may not be able to reach, so links are followed relative to the base URL the client was given.
  std::string relative(std::string_view href) const;

  const std::string& base_url() const noexcept { return base_url_; }
  Format format() const noexcept { return format_; }
  /// The body of the last successful logon: a LogonSession in format(), for callers that want its links.
  /// A copy: another thread's re-logon may replace it.
  std::string logon_body() const;
  /// Where logoff() sends its DELETE, e.g. `/logonSessions/15a3fc97-...`; empty when the logon body named none.
  std::string logoff_path() const;
  /// The member-name style of the server's JSON (camel from EM 13.x, pascal before), from its logon answer;
  /// nullopt in XML sessions and before the first logon. Readers accept both; a caller that writes JSON
  /// bodies for this server writes them in this style.
  std::optional<JsonStyle> json_style() const;

  /// Called with each warning of every lenient read of a response body through read_as() (the generated
  /// client's methods, follow(), paging): what the server sent that the schemas do not know. Past the limit of
  /// one document's warnings (ReadWarnings::kDefaultLimit), one last warning says how many more were counted.
  using WarningHandler = std::function<void(const ReadWarning&)>;
  void on_read_warning(WarningHandler handler) { warning_handler_ = std::move(handler); }
  const WarningHandler& read_warning_handler() const noexcept { return warning_handler_; }

  /// What the lenient reads of this session's responses let through, counted whether or not a handler is set,
  /// so that a job with no handler can still tell that its answers were read with warnings.
  struct ReadWarningCount {
    /// Response bodies read with at least one warning.
    std::uint64_t documents = 0;
    /// Their warnings, kept or only counted.
    std::uint64_t warnings = 0;
  };
  ReadWarningCount read_warnings() const noexcept { return {warned_documents_.load(), warnings_read_.load()}; }
  /// Adds one read's warnings to read_warnings() and hands them to the handler; read_as() calls it.
  void report_read_warnings(const ReadWarnings& warnings) const;
  /// Successful logons so far, re-logons included.
  int logons() const noexcept { return logons_.load(); }

 private:
  /// A token and which logon gave it: a thread whose token was answered 401 logs on again only if no other
  /// thread has done so since that logon.
  struct Token {
    std::string value;
    std::uint64_t logon = 0;
  };

  Token current_token() const;
  /// The current token, after a logon when there is none or when the current one is `rejected`; one thread
  /// logs on while the others wait for its token.
  Token token_for_call(std::optional<std::uint64_t> rejected);
  Response send_with_token(const std::string& method, const std::string& url, const std::string& body,
                           const std::string& token, int attempt, const CallOptions& options);
  /// Sends request and reports it to the request handler, whatever comes of it.
  Response send_observed(const Request& request, int attempt);
  /// One attempt of call(): logon when needed, the request, one re-logon on a 401.
  Response attempt_call(const std::string& method, const std::string& url, const std::string& body, int attempt,
                        const CallOptions& options);
  // Both with logon_mutex_ held.
  void logon_locked(SessionEvent::Kind kind);
  void logoff_locked();
  std::string url_for(std::string_view path_and_query) const;
  std::string logoff_path_from(std::string_view body) const;

  Transport& transport_;
  std::string base_url_;
  std::string base_path_;  // the path of base_url_, e.g. `/api`: stripped from Hrefs
  std::string user_;
  // `Basic base64(user:password)`, built once. base64 hides nothing, so it is treated like the password: no
  // accessor, never in a message.
  std::string authorization_;
  Format format_;
  // One logon or logoff at a time, held across its request: the threads that need a token wait here for it.
  std::mutex logon_mutex_;
  // What a logon sets and every call reads; held only to copy.
  mutable std::mutex state_mutex_;
  std::string token_;
  std::uint64_t token_logon_ = 0;  // the logon that gave token_
  std::string logon_body_;
  std::string logoff_path_;
  std::optional<JsonStyle> json_style_;
  std::atomic<int> logons_{0};
  WarningHandler warning_handler_;
  mutable std::atomic<std::uint64_t> warned_documents_{0};
  mutable std::atomic<std::uint64_t> warnings_read_{0};
  RetryPolicy retry_policy_;
  RequestHandler request_handler_;
  SessionHandler session_handler_;
};

}  // namespace emgen
