#include <curl/curl.h>

#include <cerrno>
#include <memory>
#include <mutex>

#include "emgen/http.hpp"

namespace emgen {
namespace {

// libcurl wants its global state set up once per process before any handle; since 7.84 the call is
// thread-safe, but a once-flag keeps older builds correct too. It is never torn down: other libraries in
// the process may use libcurl after us.
void ensure_curl_global() {
  static std::once_flag once;
  static CURLcode result = CURLE_OK;
  std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (result != CURLE_OK)
    throw TransportError(TransportError::Cause::other,
                         std::string("libcurl initialisation failed: ") + curl_easy_strerror(result));
}

struct SlistDeleter {
  void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) throw std::bad_alloc();
  static_cast<void>(list.release());
  list.reset(grown);
}

std::string_view trim(std::string_view text) noexcept {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

struct Received {
  Headers headers;
  std::string body;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<Received*>(user)->body.append(data, size * count);
  return size * count;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* received = static_cast<Received*>(user);
  const std::string_view line(data, size * count);
  // Each status line starts a new header block (after `100 Continue`, for example); keep only the last.
  if (line.starts_with("HTTP/")) {
    received->headers.clear();
  } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
    received->headers.add(std::string(trim(line.substr(0, colon))), std::string(trim(line.substr(colon + 1))));
  }
  return size * count;
}

TransportError::Cause cause_of(CURLcode code, long os_errno) noexcept {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
      return os_errno == ECONNREFUSED || os_errno == 0 ? TransportError::Cause::refused : TransportError::Cause::other;
    case CURLE_OPERATION_TIMEDOUT:
      return TransportError::Cause::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return TransportError::Cause::resolve;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
    case CURLE_USE_SSL_FAILED:
      return TransportError::Cause::tls;
    default:
      return TransportError::Cause::other;
  }
}

// Long enough that only the tail of a very long value is lost; curl's own limit for error texts.
constexpr std::size_t kErrorBufferSize = CURL_ERROR_SIZE;

}  // namespace

struct CurlTransport::Impl {
  CurlOptions options;
  CURL* easy = nullptr;
  std::size_t connections = 0;
  char error[kErrorBufferSize] = {};

  template <class T>
  void set(CURLoption option, T value) {
    const CURLcode code = curl_easy_setopt(easy, option, value);
    if (code != CURLE_OK)
      throw TransportError(TransportError::Cause::other,
                           std::string("libcurl rejected an option: ") + curl_easy_strerror(code));
  }
};

CurlTransport::CurlTransport(CurlOptions options) : impl_(std::make_unique<Impl>()) {
  ensure_curl_global();
  impl_->options = std::move(options);
  impl_->easy = curl_easy_init();
  if (impl_->easy == nullptr) throw TransportError(TransportError::Cause::other, "libcurl could not create a handle");
}

CurlTransport::~CurlTransport() { curl_easy_cleanup(impl_->easy); }

std::size_t CurlTransport::connections_opened() const noexcept { return impl_->connections; }

const CurlOptions& CurlTransport::options() const noexcept { return impl_->options; }

Response CurlTransport::send(const Request& request) {
  Impl& impl = *impl_;
  const CurlOptions& options = impl.options;
  // A reset forgets the last request's options but keeps the connection cache, so the next request to the
  // same server goes over the same connection.
  curl_easy_reset(impl.easy);
  impl.error[0] = '\0';

  Received received;
  impl.set(CURLOPT_URL, request.url.c_str());
  impl.set(CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM, which is unsafe in threaded programs
  impl.set(CURLOPT_PROTOCOLS_STR, "http,https");
  impl.set(CURLOPT_ERRORBUFFER, impl.error);
  impl.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  impl.set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
  impl.set(CURLOPT_TCP_KEEPALIVE, 1L);
  if (!options.user_agent.empty()) impl.set(CURLOPT_USERAGENT, options.user_agent.c_str());

  const bool verify = options.verify_tls && !options.insecure_skip_verify;
  impl.set(CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  impl.set(CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (!options.ca_file.empty()) impl.set(CURLOPT_CAINFO, options.ca_file.c_str());

  if (request.method == "GET") {
    impl.set(CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    impl.set(CURLOPT_NOBODY, 1L);
  } else if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH" ||
             !request.body.empty()) {
    // POSTFIELDS with an explicit size sends the body as is (binary-safe) with a Content-Length, also
    // when it is empty, which EM's logon and action requests are.
    impl.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    impl.set(CURLOPT_POSTFIELDS, request.body.data());
    if (request.method != "POST") impl.set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else {
    impl.set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  Slist headers;
  for (const Header& header : request.headers) {
    // `Name;` is curl's way to send a header with an empty value (`Name:` would remove it).
    append(headers, header.value.empty() ? header.name + ";" : header.name + ": " + header.value);
  }
  // curl would add a form Content-Type to every POST and make larger bodies wait for `100 Continue`.
  if (!request.headers.find("Content-Type")) append(headers, "Content-Type:");
  if (!request.headers.find("Expect")) append(headers, "Expect:");
  impl.set(CURLOPT_HTTPHEADER, headers.get());

  impl.set(CURLOPT_WRITEFUNCTION, &on_body);
  impl.set(CURLOPT_WRITEDATA, static_cast<void*>(&received));
  impl.set(CURLOPT_HEADERFUNCTION, &on_header);
  impl.set(CURLOPT_HEADERDATA, static_cast<void*>(&received));

  const CURLcode code = curl_easy_perform(impl.easy);

  long connects = 0;
  if (curl_easy_getinfo(impl.easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK && connects > 0)
    impl.connections += static_cast<std::size_t>(connects);

  if (code != CURLE_OK) {
    long os_errno = 0;
    curl_easy_getinfo(impl.easy, CURLINFO_OS_ERRNO, &os_errno);
    std::string text = impl.error[0] != '\0' ? std::string(impl.error) : std::string(curl_easy_strerror(code));
    // curl's texts name hosts and ports, not queries; this makes sure of it whatever the curl version.
    const std::size_t query = request.url.find('?');
    if (query != std::string::npos && query + 1 < request.url.size()) {
      const std::string secret = request.url.substr(query + 1);
      for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
        text.replace(at, secret.size(), "...");
    }
    throw TransportError(cause_of(code, os_errno), request.method + " " + redact_url(request.url) + ": " + text);
  }

  long status = 0;
  curl_easy_getinfo(impl.easy, CURLINFO_RESPONSE_CODE, &status);
  // The easy handle must not point at this stack frame once it returns.
  curl_easy_setopt(impl.easy, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));

  Response response;
  response.status = static_cast<int>(status);
  response.headers = std::move(received.headers);
  response.body = std::move(received.body);
  return response;
}

}  // namespace emgen
