#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stop_token>
#include <vector>

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

// Locks for what the handles of one transport share (DNS cache, TLS sessions): libcurl asks for the lock of
// one kind of data at a time.
struct ShareLocks {
  std::mutex locks[CURL_LOCK_DATA_LAST];

  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<ShareLocks*>(user)->locks[data].lock();
  }
  static void unlock(CURL*, curl_lock_data data, void* user) { static_cast<ShareLocks*>(user)->locks[data].unlock(); }
};

// One easy handle and what lives as long as it: its connection cache holds its keep-alive connection.
struct Handle {
  CURL* easy = nullptr;
  char error[CURL_ERROR_SIZE] = {};

  Handle() : easy(curl_easy_init()) {
    if (easy == nullptr) throw TransportError(TransportError::Cause::other, "libcurl could not create a handle");
  }
  ~Handle() { curl_easy_cleanup(easy); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  template <class T>
  void set(CURLoption option, T value) {
    const CURLcode code = curl_easy_setopt(easy, option, value);
    if (code != CURLE_OK)
      throw TransportError(TransportError::Cause::other,
                           std::string("libcurl rejected an option: ") + curl_easy_strerror(code));
  }
};

// Called by libcurl while a transfer runs (often while data moves, about once a second when none does):
// non-zero abandons the transfer with CURLE_ABORTED_BY_CALLBACK.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::stop_token*>(user)->stop_requested() ? 1 : 0;
}

}  // namespace

struct CurlTransport::Impl {
  CurlOptions options;
  ShareLocks share_locks;
  CURLSH* share = nullptr;
  std::mutex mutex;  // idle and created
  std::condition_variable released;
  std::vector<std::unique_ptr<Handle>> idle;  // the most recently used last: it is taken first
  std::size_t created = 0;
  std::atomic<std::size_t> connections{0};

  std::unique_ptr<Handle> acquire() {
    std::unique_lock lock(mutex);
    released.wait(lock, [this] { return !idle.empty() || created < options.max_connections; });
    if (!idle.empty()) {
      std::unique_ptr<Handle> handle = std::move(idle.back());
      idle.pop_back();
      return handle;
    }
    ++created;
    lock.unlock();
    try {
      auto handle = std::make_unique<Handle>();
      curl_easy_setopt(handle->easy, CURLOPT_SHARE, share);
      return handle;
    } catch (...) {
      lock.lock();
      --created;
      released.notify_one();
      throw;
    }
  }

  void release(std::unique_ptr<Handle> handle) {
    {
      std::lock_guard lock(mutex);
      idle.push_back(std::move(handle));
    }
    released.notify_one();
  }

  Response send(Handle& handle, const Request& request);
};

CurlTransport::CurlTransport(CurlOptions options) : impl_(std::make_unique<Impl>()) {
  ensure_curl_global();
  impl_->options = std::move(options);
  impl_->options.max_connections = std::max<std::size_t>(impl_->options.max_connections, 1);
  impl_->share = curl_share_init();
  if (impl_->share == nullptr) throw TransportError(TransportError::Cause::other, "libcurl could not create a share");
  curl_share_setopt(impl_->share, CURLSHOPT_LOCKFUNC, &ShareLocks::lock);
  curl_share_setopt(impl_->share, CURLSHOPT_UNLOCKFUNC, &ShareLocks::unlock);
  curl_share_setopt(impl_->share, CURLSHOPT_USERDATA, static_cast<void*>(&impl_->share_locks));
  // Each handle keeps its own connection (sharing the connection cache across threads costs a lock per
  // transfer and buys nothing here); a new connection resumes a TLS session another one made.
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
}

CurlTransport::~CurlTransport() {
  impl_->idle.clear();  // handles before the share they use
  curl_share_cleanup(impl_->share);
}

std::size_t CurlTransport::connections_opened() const noexcept { return impl_->connections.load(); }

const CurlOptions& CurlTransport::options() const noexcept { return impl_->options; }

Response CurlTransport::send(const Request& request) {
  if (request.stop.stop_requested()) throw Cancelled(request.method + " " + redact_url(request.url) + ": cancelled");
  std::unique_ptr<Handle> handle = impl_->acquire();
  struct Return {
    Impl& impl;
    std::unique_ptr<Handle>& handle;
    ~Return() { impl.release(std::move(handle)); }
  } give_back{*impl_, handle};
  return impl_->send(*handle, request);
}

Response CurlTransport::Impl::send(Handle& handle, const Request& request) {
  // A reset forgets the last request's options but keeps the connection cache (and the share), so the next
  // request to the same server goes over the same connection.
  curl_easy_reset(handle.easy);
  handle.error[0] = '\0';

  Received received;
  handle.set(CURLOPT_URL, request.url.c_str());
  handle.set(CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM, which is unsafe in threaded programs
  handle.set(CURLOPT_PROTOCOLS_STR, "http,https");
  handle.set(CURLOPT_ERRORBUFFER, handle.error);
  handle.set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  handle.set(CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.value_or(options.total_timeout).count()));
  handle.set(CURLOPT_TCP_KEEPALIVE, 1L);
  if (!options.user_agent.empty()) handle.set(CURLOPT_USERAGENT, options.user_agent.c_str());

  // curl reads the proxy environment variables unless told a proxy, and "" is "none".
  if (!options.proxy.empty() || !options.proxy_from_environment) handle.set(CURLOPT_PROXY, options.proxy.c_str());
  if (!options.no_proxy.empty()) handle.set(CURLOPT_NOPROXY, options.no_proxy.c_str());

  const bool verify = options.verify_tls && !options.insecure_skip_verify;
  handle.set(CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  handle.set(CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  if (!options.ca_file.empty()) handle.set(CURLOPT_CAINFO, options.ca_file.c_str());
  // The same for a proxy spoken to over HTTPS.
  handle.set(CURLOPT_PROXY_SSL_VERIFYPEER, verify ? 1L : 0L);
  handle.set(CURLOPT_PROXY_SSL_VERIFYHOST, verify ? 2L : 0L);

  if (request.stop.stop_possible()) {
    handle.set(CURLOPT_NOPROGRESS, 0L);
    handle.set(CURLOPT_XFERINFOFUNCTION, &on_progress);
    handle.set(CURLOPT_XFERINFODATA, static_cast<void*>(const_cast<std::stop_token*>(&request.stop)));
  }

  if (request.method == "GET") {
    handle.set(CURLOPT_HTTPGET, 1L);
  } else if (request.method == "HEAD") {
    handle.set(CURLOPT_NOBODY, 1L);
  } else if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH" ||
             !request.body.empty()) {
    // POSTFIELDS with an explicit size sends the body as is (binary-safe) with a Content-Length, also
    // when it is empty, which EM's logon and action requests are.
    handle.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    handle.set(CURLOPT_POSTFIELDS, request.body.data());
    if (request.method != "POST") handle.set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  } else {
    handle.set(CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }

  Slist headers;
  for (const Header& header : request.headers) {
    // `Name;` is curl's way to send a header with an empty value (`Name:` would remove it).
    append(headers, header.value.empty() ? header.name + ";" : header.name + ": " + header.value);
  }
  // curl would add a form Content-Type to every POST and make larger bodies wait for `100 Continue`.
  if (!request.headers.find("Content-Type")) append(headers, "Content-Type:");
  if (!request.headers.find("Expect")) append(headers, "Expect:");
  handle.set(CURLOPT_HTTPHEADER, headers.get());

  handle.set(CURLOPT_WRITEFUNCTION, &on_body);
  handle.set(CURLOPT_WRITEDATA, static_cast<void*>(&received));
  handle.set(CURLOPT_HEADERFUNCTION, &on_header);
  handle.set(CURLOPT_HEADERDATA, static_cast<void*>(&received));

  const CURLcode code = curl_easy_perform(handle.easy);

  long connects = 0;
  if (curl_easy_getinfo(handle.easy, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK && connects > 0)
    connections += static_cast<std::size_t>(connects);
  // The easy handle must not point at this stack frame once it returns.
  curl_easy_setopt(handle.easy, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
  curl_easy_setopt(handle.easy, CURLOPT_XFERINFODATA, static_cast<void*>(nullptr));

  if (code == CURLE_ABORTED_BY_CALLBACK)
    throw Cancelled(request.method + " " + redact_url(request.url) + ": cancelled");
  if (code != CURLE_OK) {
    long os_errno = 0;
    curl_easy_getinfo(handle.easy, CURLINFO_OS_ERRNO, &os_errno);
    std::string text = handle.error[0] != '\0' ? std::string(handle.error) : std::string(curl_easy_strerror(code));
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
  curl_easy_getinfo(handle.easy, CURLINFO_RESPONSE_CODE, &status);

  Response response;
  response.status = static_cast<int>(status);
  response.headers = std::move(received.headers);
  response.body = std::move(received.body);
  return response;
}

}  // namespace emgen
