#include "emgen/session.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <random>
#include <thread>

#include "emgen/json_writer.hpp"
#include "veeam/em/logon_session.hpp"

namespace emgen {
namespace {

constexpr std::string_view kTokenHeader = "X-RestSvcSessionId";
constexpr std::string_view kLogonPath = "/sessionMngr/?v=latest";

bool starts_with_scheme(std::string_view text) noexcept {
  return (text.size() >= 7 && iequals(text.substr(0, 7), "http://")) ||
         (text.size() >= 8 && iequals(text.substr(0, 8), "https://"));
}

// The path, query and fragment of an absolute URL (`/` when it has none); text itself otherwise.
std::string_view path_of(std::string_view url) noexcept {
  if (!starts_with_scheme(url)) return url;
  const std::size_t authority = url.find("://") + 3;
  const std::size_t path = url.find_first_of("/?#", authority);
  return path == std::string_view::npos ? std::string_view("/") : url.substr(path);
}

// Where a LogonSession says it can be deleted: its Href, else its Delete link, else /logonSessions/SessionId.
std::string logoff_target(const veeam::em::LogonSession& logon) {
  if (!logon.href.empty()) return logon.href;
  for (const veeam::em::Link& link : logon.links)
    if (link.rel == veeam::em::LinkRel::Delete && !link.href.empty()) return link.href;
  if (!logon.session_id.empty()) return "/logonSessions/" + logon.session_id;
  return {};
}

using Clock = std::chrono::steady_clock;

std::chrono::microseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

// A wait drawn uniformly from [0, ceiling]: clients that failed together do not come back together.
std::chrono::milliseconds full_jitter(std::chrono::milliseconds ceiling) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  if (ceiling.count() <= 0) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds(std::uniform_int_distribution<long long>(0, ceiling.count())(random));
}

}  // namespace

std::string_view to_string(SessionEvent::Kind kind) noexcept {
  switch (kind) {
    case SessionEvent::Kind::logon:
      return "logon";
    case SessionEvent::Kind::relogon:
      return "relogon";
    case SessionEvent::Kind::logoff:
      return "logoff";
  }
  return "logon";
}

std::string_view media_type(Format format) noexcept {
  return format == Format::json ? "application/json" : "application/xml";
}

Session::Session(Transport& transport, std::string base_url, std::string user, std::string password, Format format)
    : transport_(transport), base_url_(std::move(base_url)), user_(std::move(user)), format_(format) {
  while (base_url_.ends_with('/')) base_url_.pop_back();
  const std::string_view path = path_of(base_url_);
  base_path_ = starts_with_scheme(base_url_) ? std::string(path.substr(0, path.find_first_of("?#"))) : std::string();
  if (base_path_ == "/") base_path_.clear();
  authorization_ = "Basic " + base64_encode(user_ + ":" + password);
}

Session::~Session() {
  try {
    logoff();
  } catch (...) {  // a destructor must not throw; the server expires the session anyway
  }
}

bool Session::logged_on() const {
  std::lock_guard lock(state_mutex_);
  return !token_.empty();
}

std::string Session::logon_body() const {
  std::lock_guard lock(state_mutex_);
  return logon_body_;
}

std::string Session::logoff_path() const {
  std::lock_guard lock(state_mutex_);
  return logoff_path_;
}

std::optional<JsonStyle> Session::json_style() const {
  std::lock_guard lock(state_mutex_);
  return json_style_;
}

Session::Token Session::current_token() const {
  std::lock_guard lock(state_mutex_);
  return Token{token_, token_logon_};
}

void Session::logon() {
  std::lock_guard lock(logon_mutex_);
  logon_locked(SessionEvent::Kind::logon);
}

void Session::logon_locked(SessionEvent::Kind kind) {
  if (logged_on()) {
    try {
      logoff_locked();
    } catch (const std::exception&) {  // the old session expires on the server; the new logon is what matters
    }
  }
  Request request{"POST", base_url_ + std::string(kLogonPath), {}, {}, {}, {}};
  request.headers.set("Authorization", authorization_);
  request.headers.set("Accept", std::string(media_type(format_)));
  const Clock::time_point started = Clock::now();
  Response response;
  try {
    response = send_observed(request, 1);
  } catch (const TransportError&) {
    if (session_handler_) session_handler_(SessionEvent{kind, 0, since(started)});
    throw;
  }
  if (session_handler_) session_handler_(SessionEvent{kind, response.status, since(started)});
  if (!response.ok()) throw_for_status(response, "POST", kLogonPath);
  const std::optional<std::string_view> token = response.headers.find(kTokenHeader);
  if (!token || token->empty())
    throw ProtocolError("POST " + std::string(kLogonPath) + ": " + std::to_string(response.status) + " " +
                        std::string(reason_phrase(response.status)) + " without an X-RestSvcSessionId header");
  std::optional<JsonStyle> style;
  if (format_ == Format::json) style = json::style_of(response.body);
  std::string logoff_path = logoff_path_from(response.body);
  const int logon_number = ++logons_;
  std::lock_guard lock(state_mutex_);
  token_ = std::string(*token);
  token_logon_ = static_cast<std::uint64_t>(logon_number);
  json_style_ = style;
  logon_body_ = std::move(response.body);
  logoff_path_ = std::move(logoff_path);
}

void Session::ensure_logged_on() { token_for_call(std::nullopt); }

void Session::logoff() {
  std::lock_guard lock(logon_mutex_);
  logoff_locked();
}

void Session::logoff_locked() {
  std::string token;
  std::string path;
  {
    std::lock_guard lock(state_mutex_);
    if (token_.empty()) return;
    if (logoff_path_.empty()) {
      token_.clear();
      return;
    }
    token = token_;
    path = logoff_path_;
  }
  const auto forget = [this] {
    std::lock_guard lock(state_mutex_);
    token_.clear();
  };
  const Clock::time_point started = Clock::now();
  Response response;
  try {
    response = send_with_token("DELETE", url_for(path), {}, token, 1, CallOptions{});
  } catch (...) {
    forget();
    if (session_handler_) session_handler_(SessionEvent{SessionEvent::Kind::logoff, 0, since(started)});
    throw;
  }
  forget();
  if (session_handler_) session_handler_(SessionEvent{SessionEvent::Kind::logoff, response.status, since(started)});
  // An expired or already deleted session is as logged off as it gets.
  if (response.ok() || response.status == 401 || response.status == 404) return;
  throw_for_status(response, "DELETE", path);
}

Session::Token Session::token_for_call(std::optional<std::uint64_t> rejected) {
  std::lock_guard lock(logon_mutex_);
  {
    std::lock_guard state(state_mutex_);
    if (!token_.empty() && (!rejected || token_logon_ != *rejected)) return Token{token_, token_logon_};
    // An expired token is not logged off: the server has forgotten it already.
    if (rejected) token_.clear();
  }
  logon_locked(rejected || logons_.load() > 0 ? SessionEvent::Kind::relogon : SessionEvent::Kind::logon);
  return current_token();
}

namespace {

[[noreturn]] void throw_cancelled(std::string_view method, const std::string& url) {
  throw Cancelled(std::string(method) + " " + redact_url(url) + ": cancelled");
}

// Waits for `wait`, or less when a stop is requested meanwhile; true when it was.
bool stopped_while_waiting(const std::stop_token& stop, std::chrono::milliseconds wait) {
  if (!stop.stop_possible()) {
    std::this_thread::sleep_for(wait);
    return false;
  }
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, wait, [] { return false; });
  return stop.stop_requested();
}

}  // namespace

Response Session::call(std::string method, std::string path_and_query, std::string body, const CallOptions& options) {
  const std::string url = url_for(path_and_query);
  const RetryPolicy& policy = options.retry ? *options.retry : retry_policy_;
  const bool may_retry = options.idempotent || is_idempotent_method(method);
  const int attempts = may_retry ? std::max(policy.max_attempts, 1) : 1;
  const Clock::time_point started = Clock::now();
  std::vector<std::string> earlier;  // why each failed attempt failed
  for (int attempt = 1;; ++attempt) {
    if (options.stop.stop_requested()) throw_cancelled(method, url);
    Response response;
    std::optional<std::string> reason;
    std::exception_ptr thrown;
    std::optional<TransportError::Cause> failure;
    try {
      response = attempt_call(method, url, body, attempt, options);
      reason = retryable_status(response.status);
    } catch (const TransportError& error) {
      thrown = std::current_exception();
      failure = error.cause();
      reason = retryable_failure(error);
    } catch (const ApiError& error) {  // the logon of this attempt was answered 429/502/503/504, or worse
      thrown = std::current_exception();
      reason = retryable_status(error.status());
    }
    std::chrono::milliseconds wait{0};
    bool again = reason.has_value() && attempt < attempts;
    if (again) {
      const std::chrono::milliseconds ceiling = backoff_ceiling(policy, attempt);
      const std::chrono::milliseconds jittered = policy.jitter ? policy.jitter(ceiling) : full_jitter(ceiling);
      wait = thrown ? jittered : retry_after(response).value_or(jittered);
      again = Clock::now() - started + wait <= policy.budget;
    }
    if (!again) {
      if (failure) {
        try {
          std::rethrow_exception(thrown);
        } catch (const TransportError& error) {
          if (earlier.empty()) throw;
          throw TransportError(error.cause(), std::string(error.what()) + attempts_note(earlier));
        }
      }
      if (thrown) std::rethrow_exception(thrown);
      response.earlier_attempts = std::move(earlier);
      return response;
    }
    earlier.push_back(*reason);
    if (stopped_while_waiting(options.stop, wait)) throw_cancelled(method, url);
  }
}

Response Session::attempt_call(const std::string& method, const std::string& url, const std::string& body, int attempt,
                               const CallOptions& options) {
  Token token = current_token();
  // A 401 right after a logon means something else than an expired session (a role, a proxy), and logging on
  // again would only repeat it.
  const bool fresh = token.value.empty();
  if (fresh) token = token_for_call(std::nullopt);
  Response response = send_with_token(method, url, body, token.value, attempt, options);
  // A 401 on a token that worked before means the session expired (15 minutes idle).
  if (response.status == 401 && !fresh) {
    token = token_for_call(token.logon);
    response = send_with_token(method, url, body, token.value, attempt, options);
  }
  return response;
}

Response Session::call_ok(std::string method, std::string path_and_query, std::string body,
                          const CallOptions& options) {
  Response response = call(method, path_and_query, std::move(body), options);
  if (!response.ok()) throw_for_status(response, method, path_and_query);
  return response;
}

std::string Session::relative(std::string_view href) const {
  std::string_view path = path_of(href);
  if (!base_path_.empty() && path.starts_with(base_path_) &&
      (path.size() == base_path_.size() || path[base_path_.size()] == '/' || path[base_path_.size()] == '?'))
    path.remove_prefix(base_path_.size());
  std::string out;
  if (!path.starts_with('/')) out += '/';
  out += path;
  return out;
}

Response Session::send_with_token(const std::string& method, const std::string& url, const std::string& body,
                                  const std::string& token, int attempt, const CallOptions& options) {
  Request request{method, url, {}, body, options.timeout, options.stop};
  request.headers.set(std::string(kTokenHeader), token);
  request.headers.set("Accept", std::string(media_type(format_)));
  if (!body.empty()) request.headers.set("Content-Type", std::string(media_type(format_)));
  return send_observed(request, attempt);
}

Response Session::send_observed(const Request& request, int attempt) {
  if (!request_handler_) return transport_.send(request);
  RequestEvent event;
  event.method = request.method;
  event.path = relative(request.url);
  event.attempt = attempt;
  event.bytes_sent = request.body.size();
  const Clock::time_point started = Clock::now();
  Response response;
  try {
    response = transport_.send(request);
  } catch (const TransportError& error) {
    event.failure = error.cause();
    event.duration = since(started);
    request_handler_(event);
    throw;
  }
  event.status = response.status;
  event.bytes_received = response.body.size();
  event.duration = since(started);
  request_handler_(event);
  return response;
}

void Session::report_read_warnings(const ReadWarnings& warnings) const {
  if (warnings.total() == 0) return;
  ++warned_documents_;
  warnings_read_ += warnings.total();
  if (!warning_handler_) return;
  for (const ReadWarning& warning : warnings) warning_handler_(warning);
  if (warnings.not_kept() > 0)
    warning_handler_(ReadWarning{"/", std::to_string(warnings.not_kept()) +
                                          " more warning(s) of this document were counted, not kept (at most " +
                                          std::to_string(warnings.limit()) + " are)"});
}

std::string Session::url_for(std::string_view path_and_query) const {
  if (starts_with_scheme(path_and_query)) return base_url_ + relative(path_and_query);
  std::string url = base_url_;
  if (!path_and_query.starts_with('/')) url += '/';
  url += path_and_query;
  return url;
}

std::string Session::logoff_path_from(std::string_view body) const {
  ReadWarnings warnings;
  std::string target;
  try {
    const veeam::em::LogonSession logon = format_ == Format::json ? veeam::em::LogonSession::from_json(body, warnings)
                                                                  : veeam::em::LogonSession::from_xml(body, warnings);
    target = logoff_target(logon);
  } catch (const ParseError& error) {
    // The token works whatever the body says; only logoff() loses its target. The parser's message may quote
    // a value, so the warning names the place alone.
    warnings.push_back(ReadWarning{error.path(),
                                   "the logon answer is not a LogonSession; logoff() will forget the token "
                                   "without deleting the session, which the server expires after 15 minutes",
                                   error.line(), error.column()});
  }
  report_read_warnings(warnings);
  return target.empty() ? target : relative(target);
}

}  // namespace emgen
