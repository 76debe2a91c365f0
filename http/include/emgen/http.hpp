#pragma once
// HTTP for the EM client: requests and responses as plain values, a Transport interface that the Session
// and the generated client talk to, and a libcurl Transport. Part of emgen::http, not of emgen::runtime, so
// that bindings that only read payloads do not pull in libcurl.

#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace emgen {

/// ASCII case-insensitive equality: HTTP header names come back in any letter case.
bool iequals(std::string_view a, std::string_view b) noexcept;

struct Header {
  std::string name;
  std::string value;

  friend bool operator==(const Header&, const Header&) = default;
};

/// HTTP headers in the order they were added. Names compare case-insensitively.
class Headers {
 public:
  Headers() = default;
  Headers(std::initializer_list<Header> headers) : items_(headers) {}

  /// The value of the first header with this name, if any.
  std::optional<std::string_view> find(std::string_view name) const noexcept;
  /// Replaces every header with this name by one header.
  void set(std::string name, std::string value);
  /// Adds a header, keeping any of the same name (Set-Cookie, for example, may repeat).
  void add(std::string name, std::string value);
  /// Removes every header with this name; returns how many there were.
  std::size_t remove(std::string_view name);

  const std::vector<Header>& all() const noexcept { return items_; }
  std::vector<Header>::const_iterator begin() const noexcept { return items_.begin(); }
  std::vector<Header>::const_iterator end() const noexcept { return items_.end(); }
  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  void clear() noexcept { items_.clear(); }

  friend bool operator==(const Headers&, const Headers&) = default;

 private:
  std::vector<Header> items_;
};

struct Request {
  std::string method;
  /// Absolute URL, e.g. `https://em.example.com:9398/api/backupSessions`.
  std::string url;
  Headers headers;
  std::string body;
  /// This request's limit, connect included, instead of the transport's total_timeout.
  std::optional<std::chrono::milliseconds> timeout;
  /// A stop requested here abandons the request: send() throws Cancelled.
  std::stop_token stop;
};

struct Response {
  int status = 0;
  Headers headers;
  std::string body;
  /// Why each earlier attempt of the call failed, when the Session retried it (`503 Service Unavailable`,
  /// `connection refused`); empty when this answer came at the first attempt.
  std::vector<std::string> earlier_attempts;

  bool ok() const noexcept { return status >= 200 && status < 300; }
};

/// The request never got an HTTP response: no connection, no TLS, no answer in time.
/// what() is `METHOD URL: text` with the URL cut before its query string and without user info, and never
/// a header value, so that tokens and credentials cannot end up in logs.
class TransportError : public std::runtime_error {
 public:
  enum class Cause {
    /// The connection was refused: nothing listens there.
    refused,
    /// The connect or total timeout passed.
    timeout,
    /// The TLS handshake failed, including an untrusted or mismatched certificate.
    tls,
    /// The host name did not resolve.
    resolve,
    /// Anything else (network unreachable, connection reset, malformed response, ...).
    other,
  };

  TransportError(Cause cause, const std::string& message) : std::runtime_error(message), cause_(cause) {}

  Cause cause() const noexcept { return cause_; }

 private:
  Cause cause_;
};

std::string_view to_string(TransportError::Cause cause) noexcept;

/// The caller asked to stop (a stop_token of the call, the request or the page walk): nothing failed, so
/// nothing is retried. what() is `METHOD URL: cancelled`, redacted like a TransportError's.
class Cancelled : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// `emgen/0.2.0`: the product and the version of this library, for the User-Agent header.
std::string_view default_user_agent() noexcept;

/// Sends one request and returns the response, whatever its status: an HTTP error status is a response,
/// not a failure. Only failures to get a response throw (TransportError), and a stop requested on the
/// request's stop token (Cancelled). A Session shared by threads calls send() from each of them: such a
/// Transport must be thread-safe, as CurlTransport is.
class Transport {
 public:
  virtual ~Transport();
  virtual Response send(const Request& request) = 0;
};

struct CurlOptions {
  /// Verify the server's certificate chain and host name. EM ships with a self-signed certificate: either
  /// give its certificate as ca_file or opt in to insecure_skip_verify.
  bool verify_tls = true;
  /// PEM file with the certificates to trust instead of the system's (e.g. EM's self-signed certificate).
  std::string ca_file;
  /// Explicit opt-in to accept any certificate (EM's self-signed default); overrides verify_tls.
  bool insecure_skip_verify = false;
  std::chrono::milliseconds connect_timeout{10000};
  /// Limit for a whole request, connect included; a Request's own timeout replaces it.
  std::chrono::milliseconds total_timeout{60000};
  std::string user_agent{default_user_agent()};
  /// The most requests in flight at once, each on a connection of its own (kept alive between requests).
  /// A send() beyond them waits for one to finish. At least 1.
  std::size_t max_connections = 8;
  /// The HTTP(S) proxy for every request, e.g. `http://proxy.example.com:3128` (user info in it is passed
  /// on and, like any URL here, never printed); empty for none.
  std::string proxy;
  /// Hosts reached without the proxy: a comma-separated list of names, domains and addresses, `*` for all.
  std::string no_proxy;
  /// When proxy is empty, take it from the environment as curl does (`https_proxy`, `http_proxy`,
  /// `all_proxy`, `no_proxy` and their upper case). Off by default: the environment a job happens to run in
  /// should not decide where its credentials travel.
  bool proxy_from_environment = false;
};

/// A Transport over libcurl, safe to share between threads. It keeps a pool of easy handles (up to
/// max_connections), each with its own keep-alive connection, and shares the DNS cache and TLS sessions
/// between them. A caller that sends one request at a time always gets the same handle back, so it uses one
/// connection, as a single-threaded client should.
class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  Response send(const Request& request) override;

  /// New connections opened so far (libcurl's CURLINFO_NUM_CONNECTS, summed over requests and handles).
  std::size_t connections_opened() const noexcept;

  const CurlOptions& options() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// RFC 4648 base64 with padding (for the Basic authorization header).
std::string base64_encode(std::string_view bytes);

/// `scheme://host:port/path` of url: no user info, no query string, no fragment. Safe to log.
std::string redact_url(std::string_view url);

/// Whether a header carries a credential (Authorization, X-RestSvcSessionId, Cookie, ...): its value is
/// never printed.
bool is_sensitive_header(std::string_view name) noexcept;

/// The request for logs: method, redacted URL, header names with sensitive values replaced by
/// `<redacted>`, and the body size (not the body).
std::string to_string(const Request& request);

}  // namespace emgen
