#pragma once
// An EM logon session over a Transport: logon with Basic credentials, the X-RestSvcSessionId token on every
// request, one re-logon when the token has expired, logoff on destruction. It knows the protocol, not the
// resources: the generated client builds paths and parses bodies on top of call().

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emgen/api_error.hpp"
#include "emgen/error.hpp"
#include "emgen/http.hpp"
#include "emgen/json_fwd.hpp"

namespace emgen {

/// The representation asked for with Accept (and sent with Content-Type).
enum class Format { xml, json };

/// `application/xml` or `application/json`.
std::string_view media_type(Format format) noexcept;

/// Not thread-safe (nor is CurlTransport): use one Session per thread.
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

  /// DELETE the logon session (its Href from the logon body). 401 and 404 count as already logged off.
  /// Throws like call() otherwise; the token is forgotten either way.
  void logoff();

  bool logged_on() const noexcept { return !token_.empty(); }

  /// Sends method to base_url + path_and_query with the token and Accept (and Content-Type when there is a
  /// body), logging on first if needed. On a 401 it logs on again once and resends. Returns the response
  /// whatever its status; throw_for_status() or call_ok() turn error statuses into exceptions.
  /// path_and_query is relative to base_url (`/backupSessions/ID?format=Entity`); an absolute Href from a
  /// response is accepted too and is re-based onto base_url (see relative()).
  Response call(std::string method, std::string path_and_query, std::string body = {});

  /// call(), then throw_for_status() unless the status is 2xx.
  Response call_ok(std::string method, std::string path_and_query, std::string body = {});

  /// The part of an Href to append to base_url: `https://em.local:9398/api/tasks/task-1` gives `/tasks/task-1`.
  /// EM writes Hrefs with its own idea of its host name (often `localhost` or an internal FQDN), which the
  /// client may not be able to reach, so links are followed relative to the base URL the client was given.
  std::string relative(std::string_view href) const;

  const std::string& base_url() const noexcept { return base_url_; }
  Format format() const noexcept { return format_; }
  /// The body of the last successful logon: a LogonSession in format(), for callers that want its links.
  const std::string& logon_body() const noexcept { return logon_body_; }
  /// Where logoff() sends its DELETE, e.g. `/logonSessions/15a3fc97-...`; empty when the logon body named none.
  const std::string& logoff_path() const noexcept { return logoff_path_; }
  /// The member-name style of the server's JSON (camel from EM 13.x, pascal before), from its logon answer;
  /// nullopt in XML sessions and before the first logon. Readers accept both; a caller that writes JSON
  /// bodies for this server writes them in this style.
  std::optional<JsonStyle> json_style() const noexcept { return json_style_; }

  /// Called with each warning of every lenient read of a response body through read_as() (the generated
  /// client's methods, follow(), paging): what the server sent that the schemas do not know. Unset, such
  /// reads collect nothing.
  using WarningHandler = std::function<void(const ReadWarning&)>;
  void on_read_warning(WarningHandler handler) { warning_handler_ = std::move(handler); }
  const WarningHandler& read_warning_handler() const noexcept { return warning_handler_; }
  /// Successful logons so far, re-logons included.
  int logons() const noexcept { return logons_; }

 private:
  Response send_with_token(const std::string& method, const std::string& url, const std::string& body);
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
  std::string token_;
  std::string logon_body_;
  std::string logoff_path_;
  int logons_ = 0;
  std::optional<JsonStyle> json_style_;
  WarningHandler warning_handler_;
};

}  // namespace emgen
