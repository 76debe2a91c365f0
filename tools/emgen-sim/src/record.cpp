#include "record.hpp"

#include <httplib.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>

#include "base64.hpp"
#include "text/text.hpp"

namespace emgen::sim {
namespace {

using text::equals_ignoring_case;
using text::to_lower;

constexpr std::string_view kTokenHeader = "X-RestSvcSessionId";
constexpr std::string_view kServedTokenPrefix = "emgen-recorded-";
constexpr std::string_view kUnknownToken = "{{unknown-token}}";
// Secrets shorter than this are not searched for in bodies: a one-letter password would rewrite every body.
constexpr std::size_t kShortestSecret = 3;

struct Url {
  std::string scheme;
  std::string host;
  int port = 0;
};

int default_port(std::string_view scheme) { return equals_ignoring_case(scheme, "https") ? 443 : 80; }

// host[:port] of an authority (userinfo already cut); port 0 when it is not a number.
std::pair<std::string, int> split_authority(std::string_view authority, std::string_view scheme) {
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    host = authority.substr(0, close == std::string_view::npos ? authority.size() : close + 1);
    if (close != std::string_view::npos && close + 1 < authority.size() && authority[close + 1] == ':')
      port_text = authority.substr(close + 2);
  } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }
  int port = default_port(scheme);
  if (!port_text.empty()) {
    const auto [end, error] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (error != std::errc() || end != port_text.data() + port_text.size() || port <= 0 || port > 65535) port = 0;
  }
  return {to_lower(host), port};
}

Url parse_upstream(std::string_view url) {
  const std::size_t separator = url.find("://");
  if (separator == std::string_view::npos)
    throw RecordError("--upstream \"" + std::string(url) + "\": expected http://HOST[:PORT] or https://HOST[:PORT]");
  Url out;
  out.scheme = to_lower(url.substr(0, separator));
  if (out.scheme != "http" && out.scheme != "https")
    throw RecordError("--upstream \"" + std::string(url) + "\": the scheme must be http or https, not \"" + out.scheme +
                      "\"");
  std::string_view authority = url.substr(separator + 3);
  authority = authority.substr(0, std::min(authority.find('/'), authority.size()));
  if (authority.find('@') != std::string_view::npos)
    throw RecordError("--upstream: give no credentials in the URL; the client sends them to the proxy");
  auto [host, port] = split_authority(authority, out.scheme);
  if (host.empty() || port == 0)
    throw RecordError("--upstream \"" + std::string(url) + "\": expected a host and an optional port 1-65535");
  out.host = std::move(host);
  out.port = port;
  return out;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  std::string out;
  std::size_t start = 0;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, start)) {
    out.append(text, start, at - start).append(to);
    start = at + from.size();
  }
  if (start == 0) return;
  out.append(text, start);
  text = std::move(out);
}

bool is_scheme_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
}

bool ends_authority(char c) { return std::string_view("/?#\"'<> \t\r\n&\\,;)}").find(c) != std::string_view::npos; }

// Whether the URL starting at start is an XML namespace name (xmlns="http://www.veeam.com/ent/v1.0"): an
// identifier, not a place, and readers compare it byte for byte.
bool is_namespace_name(std::string_view text, std::size_t start) {
  if (start < 2 || (text[start - 1] != '"' && text[start - 1] != '\'')) return false;
  std::size_t end = start - 1;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '=')) --end;
  std::size_t name = end;
  while (name > 0 && (is_scheme_char(text[name - 1]) || text[name - 1] == ':' || text[name - 1] == '_')) --name;
  const std::string_view attribute = text.substr(name, end - name);
  return attribute == "xmlns" || attribute.starts_with("xmlns:");
}

std::string wire_of(const std::string& accept) {
  return accept.find("application/json") != std::string::npos ? "json" : "xml";
}

std::string extension_of(const std::string& content_type) {
  if (content_type.find("json") != std::string::npos) return ".json";
  if (content_type.find("xml") != std::string::npos) return ".xml";
  return ".txt";
}

std::string header_value(const httplib::Headers& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (equals_ignoring_case(key, name)) return value;
  return {};
}

// What a proxy must not forward: hop-by-hop headers, those httplib sets itself, and the ones its server adds to
// a request to say where it came from.
bool forwarded(const std::string& name) {
  for (const std::string_view skipped :
       {"Host", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding", "Accept-Encoding", "REMOTE_ADDR",
        "REMOTE_PORT", "LOCAL_ADDR", "LOCAL_PORT", "Proxy-Connection", "TE", "Upgrade"})
    if (equals_ignoring_case(name, skipped)) return false;
  return true;
}

// The response headers a recording keeps: those a client of EM acts on.
bool kept(const std::string& name) {
  for (const std::string_view kept_name : {kTokenHeader, std::string_view("Retry-After"),
                                           std::string_view("WWW-Authenticate"), std::string_view("Location")})
    if (equals_ignoring_case(name, kept_name)) return true;
  return false;
}

std::string token_placeholder_of_served(const std::string& served) {
  if (served.empty()) return {};
  if (served.starts_with(kServedTokenPrefix)) return "{{" + served.substr(kServedTokenPrefix.size()) + "}}";
  return std::string(kUnknownToken);
}

void write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  if (!out) throw RecordError(path.string() + ": cannot write");
}

std::string origin_of(std::uint16_t port) { return "http://127.0.0.1:" + std::to_string(port); }

// Both servers: plain HTTP on loopback, every method to one handler.
std::unique_ptr<httplib::Server> make_server(
    const std::function<void(const httplib::Request&, httplib::Response&)>& handler) {
  auto server = std::make_unique<httplib::Server>();
  server->set_keep_alive_timeout(2);
  server->set_tcp_nodelay(true);
  server->Get(".*", handler);
  server->Post(".*", handler);
  server->Put(".*", handler);
  server->Patch(".*", handler);
  server->Delete(".*", handler);
  server->Options(".*", handler);
  return server;
}

// bound is set before the first request can come: the handlers write it into answers.
void listen_in_background(httplib::Server& server, std::uint16_t port, std::thread& thread, std::uint16_t& bound) {
  const int result =
      port == 0 ? server.bind_to_any_port("127.0.0.1") : (server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (result <= 0) throw RecordError("cannot listen on 127.0.0.1:" + std::to_string(port));
  bound = static_cast<std::uint16_t>(result);
  thread = std::thread([&server] { server.listen_after_bind(); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!server.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) throw RecordError("the server did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

// ---- Scrubber ---------------------------------------------------------------------------------------------------

Scrubber::Scrubber(std::string_view upstream) {
  const Url url = parse_upstream(upstream);
  origin_ = url.scheme + "://" + url.host + ":" + std::to_string(url.port);
  host_ = url.host;
  hosts_.emplace(url.host, "{{host}}");
}

void Scrubber::add_secret(const std::string& secret, const std::string& placeholder, bool replace) {
  if (secret.empty()) return;
  const auto [at, added] = secrets_.emplace(secret, placeholder);
  if (!added) {
    if (replace) at->second = placeholder;
    return;
  }
  if (std::find(secret_lengths_.begin(), secret_lengths_.end(), secret.size()) == secret_lengths_.end()) {
    secret_lengths_.push_back(secret.size());
    std::sort(secret_lengths_.begin(), secret_lengths_.end(), std::greater<>());
  }
}

std::string Scrubber::learn_authorization(std::string_view header) {
  std::string_view value = text::trim(header);
  if (value.size() < 6 || !equals_ignoring_case(value.substr(0, 6), "Basic ")) return "{{authorization}}";
  const std::string_view encoded = text::trim(value.substr(6));
  add_secret(std::string(encoded), "{{credentials}}");
  if (const auto decoded = decode_base64(encoded)) {
    add_secret(*decoded, "{{credentials}}");
    const std::size_t colon = decoded->find(':');
    if (colon != std::string::npos) {
      if (colon + 1 + kShortestSecret <= decoded->size()) add_secret(decoded->substr(colon + 1), "{{password}}");
      if (colon >= kShortestSecret) add_secret(decoded->substr(0, colon), "{{user}}");
    }
  }
  return "Basic {{credentials}}";
}

std::string Scrubber::learn_token(const std::string& token) {
  if (const std::string known = placeholder_of_token(token); !known.empty()) return known;
  std::string placeholder = "{{token-" + std::to_string(++tokens_) + "}}";
  // Whatever its length, and before any other secret of the same text: a token must not be stored.
  add_secret(token, placeholder, true);
  return placeholder;
}

std::string Scrubber::placeholder_of_token(const std::string& token) const {
  const auto found = secrets_.find(token);
  if (found != secrets_.end() && found->second.starts_with("{{token-")) return found->second;
  return {};
}

std::string Scrubber::host_placeholder(const std::string& lower_host) {
  const auto found = hosts_.find(lower_host);
  if (found != hosts_.end()) return found->second;
  std::string placeholder = "{{host-" + std::to_string(hosts_.size()) + "}}";
  hosts_.emplace(lower_host, placeholder);
  return placeholder;
}

std::string Scrubber::replace_secrets(std::string_view text) const {
  if (secrets_.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::string key;
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    for (const std::size_t length : secret_lengths_) {
      if (length > text.size() - i) continue;
      key.assign(text.substr(i, length));
      if (const auto found = secrets_.find(key); found != secrets_.end()) {
        out += found->second;
        i += length;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::string Scrubber::replace_hosts(std::string_view text) const {
  const auto host_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (!host_char(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && host_char(text[end])) ++end;
    const std::string_view run = text.substr(i, end - i);
    const auto found = hosts_.find(to_lower(run));
    if (found != hosts_.end())
      out += found->second;
    else
      out.append(run);
    i = end;
  }
  return out;
}

std::string Scrubber::scrub_urls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t copied = 0;
  std::size_t at = 0;
  // Each kind of separator is searched for again only once the scan passed the last one found: one pass.
  std::size_t plain = text.find("://");
  std::size_t escaped = text.find(":\\/\\/");
  while (at < text.size()) {
    // JSON may escape the slashes: https:\/\/host
    if (plain != std::string_view::npos && plain < at) plain = text.find("://", at);
    if (escaped != std::string_view::npos && escaped < at) escaped = text.find(":\\/\\/", at);
    const std::size_t mark = std::min(plain, escaped);
    if (mark == std::string_view::npos) break;
    const std::size_t separator_size = mark == plain ? 3 : 5;
    std::size_t scheme_start = mark;
    while (scheme_start > copied && is_scheme_char(text[scheme_start - 1])) --scheme_start;
    const std::string_view scheme = text.substr(scheme_start, mark - scheme_start);
    const std::size_t authority_start = mark + separator_size;
    std::size_t authority_end = authority_start;
    while (authority_end < text.size() && !ends_authority(text[authority_end])) ++authority_end;
    at = authority_end > authority_start ? authority_end : authority_start;
    if (!equals_ignoring_case(scheme, "http") && !equals_ignoring_case(scheme, "https")) continue;
    if (is_namespace_name(text, scheme_start)) continue;
    std::string_view authority = text.substr(authority_start, authority_end - authority_start);
    // Credentials in a URL are a secret too, dropped with the host.
    if (const std::size_t user_end = authority.rfind('@'); user_end != std::string_view::npos)
      authority.remove_prefix(user_end + 1);
    const auto [host, port] = split_authority(authority, scheme);
    if (host.empty()) continue;
    out.append(text.substr(copied, scheme_start - copied));
    const std::string origin = to_lower(scheme) + "://" + host + ":" + std::to_string(port);
    if (origin == origin_) {
      out += "{{origin}}";
    } else {
      out.append(text.substr(scheme_start, authority_start - scheme_start));
      out += host_placeholder(host);
      const std::size_t colon = authority.rfind(':');
      if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos)
        out.append(authority.substr(colon));
    }
    copied = authority_end;
  }
  out.append(text.substr(copied));
  return out;
}

std::string Scrubber::scrub(std::string_view text) { return replace_hosts(scrub_urls(replace_secrets(text))); }

std::string served_token(std::string_view placeholder) {
  std::string_view inner = placeholder;
  if (inner.starts_with("{{") && inner.ends_with("}}")) inner = inner.substr(2, inner.size() - 4);
  return std::string(kServedTokenPrefix) + std::string(inner);
}

std::string served_text(std::string_view text, std::string_view origin) {
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  for (std::size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", start)) {
    const std::size_t close = text.find("}}", at);
    if (close == std::string_view::npos) break;
    const std::string_view name = text.substr(at + 2, close - at - 2);
    out.append(text.substr(start, at - start));
    if (name == "origin")
      out.append(origin);
    else if (name.starts_with("token-"))
      out.append(served_token(text.substr(at, close + 2 - at)));
    else
      out.append(text.substr(at, close + 2 - at));
    start = close + 2;
  }
  out.append(text.substr(start));
  return out;
}

// ---- Recorder ---------------------------------------------------------------------------------------------------

struct Recorder::Impl {
  RecordOptions options;
  Scrubber scrubber;
  std::string upstream_origin;  // as the client library wants it: scheme://host:port
  mutable std::mutex mutex;
  std::map<std::string, std::string> real_tokens;  // by served token
  int sequence = 0;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::uint16_t port = 0;

  explicit Impl(RecordOptions o) : options(std::move(o)), scrubber(options.upstream) {
    const Url url = parse_upstream(options.upstream);
    upstream_origin = url.scheme + "://" + url.host + ":" + std::to_string(url.port);
  }

  void handle(const httplib::Request& request, httplib::Response& response);
};

void Recorder::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  httplib::Request upstream_request;
  upstream_request.method = request.method;
  upstream_request.path = request.target;
  const std::string served = header_value(request.headers, kTokenHeader);
  {
    std::lock_guard lock(mutex);
    for (const auto& [name, value] : request.headers) {
      if (!forwarded(name)) continue;
      if (equals_ignoring_case(name, kTokenHeader)) {
        const auto real = real_tokens.find(value);
        upstream_request.headers.emplace(name, real == real_tokens.end() ? value : real->second);
      } else {
        upstream_request.headers.emplace(name, value);
      }
    }
  }
  // A body the client wrote from an answer names the proxy; the upstream must see its own origin.
  upstream_request.body = request.body;
  replace_all(upstream_request.body, origin_of(port), upstream_origin);

  httplib::Client client(upstream_origin);
  client.set_url_encode(false);  // the target goes as the client wrote it
  client.set_read_timeout(options.timeout);
  client.set_write_timeout(options.timeout);
  client.set_connection_timeout(std::chrono::seconds(30));
  if (upstream_origin.starts_with("https")) {
    if (!options.ca_file.empty()) client.set_ca_cert_path(options.ca_file.string());
    client.enable_server_certificate_verification(!options.insecure);
  }
  const httplib::Result result = client.send(upstream_request);
  if (!result) {
    response.status = 502;
    response.set_content(
        "emgen-sim record: no answer from " + upstream_origin + ": " + httplib::to_string(result.error()),
        "text/plain");
    return;
  }
  const httplib::Response& answer = *result;

  std::lock_guard lock(mutex);
  const std::string authorization = header_value(request.headers, "Authorization");
  const std::string scrubbed_authorization =
      authorization.empty() ? std::string() : scrubber.learn_authorization(authorization);
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : answer.headers) {
    if (!kept(name)) continue;
    if (equals_ignoring_case(name, kTokenHeader)) {
      const std::string placeholder = scrubber.learn_token(value);
      real_tokens[served_token(placeholder)] = value;
      headers.emplace_back(name, placeholder);
    } else {
      headers.emplace_back(name, scrubber.scrub(value));
    }
  }

  const int number = ++sequence;
  char prefix[16];
  std::snprintf(prefix, sizeof prefix, "%04d", number);
  const std::string content_type = header_value(answer.headers, "Content-Type");
  const std::string body = scrubber.scrub(answer.body);
  const std::string body_file =
      answer.body.empty() ? std::string() : "bodies/" + std::string(prefix) + "-response" + extension_of(content_type);
  if (!body_file.empty()) write_file(options.out / body_file, body);
  const std::string request_content_type = header_value(request.headers, "Content-Type");
  const std::string request_file =
      request.body.empty() ? std::string()
                           : "bodies/" + std::string(prefix) + "-request" + extension_of(request_content_type);
  if (!request_file.empty()) write_file(options.out / request_file, scrubber.scrub(upstream_request.body));

  YAML::Emitter entry;
  entry << YAML::BeginSeq << YAML::BeginMap;
  entry << YAML::Key << "seq" << YAML::Value << number;
  entry << YAML::Key << "method" << YAML::Value << request.method;
  entry << YAML::Key << "target" << YAML::Value << scrubber.scrub(request.target);
  entry << YAML::Key << "wire" << YAML::Value << wire_of(header_value(request.headers, "Accept"));
  const std::string token = token_placeholder_of_served(served);
  if (!token.empty()) entry << YAML::Key << "token" << YAML::Value << token;
  if (!scrubbed_authorization.empty()) entry << YAML::Key << "authorization" << YAML::Value << scrubbed_authorization;
  if (!request_file.empty()) {
    entry << YAML::Key << "request_content_type" << YAML::Value << request_content_type;
    entry << YAML::Key << "request_body" << YAML::Value << request_file;
  }
  entry << YAML::Key << "status" << YAML::Value << answer.status;
  if (!content_type.empty()) entry << YAML::Key << "content_type" << YAML::Value << content_type;
  if (!headers.empty()) {
    entry << YAML::Key << "headers" << YAML::Value << YAML::BeginMap;
    for (const auto& [name, value] : headers) entry << YAML::Key << name << YAML::Value << value;
    entry << YAML::EndMap;
  }
  if (!body_file.empty()) entry << YAML::Key << "body" << YAML::Value << body_file;
  entry << YAML::EndMap << YAML::EndSeq;
  {
    std::ofstream index(options.out / "index.yaml", std::ios::app);
    index << entry.c_str() << "\n";
    if (!index) throw RecordError((options.out / "index.yaml").string() + ": cannot write");
  }

  const std::string own = origin_of(port);
  response.status = answer.status;
  for (const auto& [name, value] : headers) response.set_header(name, served_text(value, own));
  if (!body.empty()) response.set_content(served_text(body, own), content_type.empty() ? "text/plain" : content_type);
}

Recorder::Recorder(RecordOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  const std::filesystem::path& out = impl_->options.out;
  std::error_code error;
  if (std::filesystem::exists(out, error) && !std::filesystem::is_empty(out, error))
    throw RecordError(out.string() + ": the folder is not empty; record into a new one");
  std::filesystem::create_directories(out / "bodies", error);
  if (error) throw RecordError(out.string() + ": cannot create the folder: " + error.message());
  std::ofstream index(out / "index.yaml");
  index << "# Exchanges recorded by emgen-sim record, in the order they completed; bodies are in bodies/.\n"
           "# Secrets are placeholders: {{origin}} {{host}} {{host-N}} {{token-N}} {{credentials}} {{user}} "
           "{{password}}.\n";
  if (!index) throw RecordError((out / "index.yaml").string() + ": cannot write");
}

Recorder::~Recorder() { stop(); }

void Recorder::start(std::uint16_t port) {
  Impl& impl = *impl_;
  if (impl.server) throw RecordError("emgen-sim record: already running");
  impl.server = make_server([&impl](const httplib::Request& request, httplib::Response& response) {
    try {
      impl.handle(request, response);
    } catch (const std::exception& failure) {
      response.status = 500;
      response.set_content(std::string("emgen-sim record failed: ") + failure.what(), "text/plain");
    }
  });
  try {
    listen_in_background(*impl.server, port, impl.thread, impl.port);
  } catch (...) {
    impl.server.reset();
    throw;
  }
}

void Recorder::stop() {
  if (!impl_->server) return;
  impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->server.reset();
}

std::uint16_t Recorder::port() const { return impl_->port; }
std::string Recorder::origin() const { return origin_of(impl_->port); }
int Recorder::exchanges() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->sequence;
}

// ---- Replayer ---------------------------------------------------------------------------------------------------

struct Replayer::Impl {
  struct Exchange {
    int status = 200;
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
  };
  struct Answers {
    std::vector<std::size_t> exchanges;
    std::size_t next = 0;
  };

  std::vector<Exchange> exchanges;
  std::map<std::string, Answers> by_key;
  std::mutex mutex;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::uint16_t port = 0;

  static std::string key(std::string_view method, std::string_view target, std::string_view wire,
                         std::string_view token) {
    std::string out;
    out.append(method).append(" ").append(target).append(" ").append(wire).append(" ").append(token);
    return out;
  }

  void handle(const httplib::Request& request, httplib::Response& response);
};

void Replayer::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  const std::string token = token_placeholder_of_served(header_value(request.headers, kTokenHeader));
  const std::string wire = wire_of(header_value(request.headers, "Accept"));
  std::string method = request.method;
  std::unique_lock lock(mutex);
  auto found = by_key.find(key(method, request.target, wire, token));
  if (found == by_key.end() && method == "HEAD") found = by_key.find(key("GET", request.target, wire, token));
  if (found == by_key.end()) {
    lock.unlock();
    response.status = 404;
    response.set_header("X-Emgen-Replay", "no-match");
    response.set_content("emgen-sim replay: the recording has no answer to " + request.method + " " + request.target +
                             " (" + wire + (token.empty() ? ", no token" : ", token " + token) + ")",
                         "text/plain");
    return;
  }
  Answers& answers = found->second;
  const Exchange& exchange = exchanges[answers.exchanges[answers.next]];
  if (answers.next + 1 < answers.exchanges.size()) ++answers.next;
  lock.unlock();
  const std::string own = origin_of(port);
  response.status = exchange.status;
  for (const auto& [name, value] : exchange.headers) response.set_header(name, served_text(value, own));
  if (!exchange.body.empty())
    response.set_content(served_text(exchange.body, own),
                         exchange.content_type.empty() ? "text/plain" : exchange.content_type);
}

namespace {

class IndexReader {
 public:
  IndexReader(std::filesystem::path dir, std::string name) : dir_(std::move(dir)), name_(std::move(name)) {}

  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    if (mark.line < 0) throw RecordError(name_ + ": " + message);
    throw RecordError(name_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1) + ": " +
                      message);
  }

  std::string scalar(const YAML::Node& map, std::string_view key, bool required) const {
    const YAML::Node node = map[std::string(key)];
    if (!node) {
      if (required) fail(map.Mark(), "the exchange has no " + std::string(key));
      return {};
    }
    if (!node.IsScalar()) fail(node.Mark(), std::string(key) + " must be a single value");
    return node.Scalar();
  }

  std::string body(const YAML::Node& map, std::string_view key) const {
    const std::string file = scalar(map, key, false);
    if (file.empty()) return {};
    const YAML::Mark mark = map[std::string(key)].Mark();
    const std::filesystem::path relative(file);
    if (relative.is_absolute() || std::find(relative.begin(), relative.end(), "..") != relative.end())
      fail(mark, std::string(key) + " must name a file inside the folder, not \"" + file + "\"");
    const std::optional<std::string> content = text::read_file(dir_ / relative);
    if (!content) fail(mark, std::string(key) + ": cannot read " + (dir_ / relative).string());
    return *content;
  }

 private:
  std::filesystem::path dir_;
  std::string name_;
};

}  // namespace

Replayer::Replayer(const std::filesystem::path& dir) : impl_(std::make_unique<Impl>()) {
  const std::filesystem::path index_path = dir / "index.yaml";
  const std::string name = index_path.string();
  const std::optional<std::string> text = text::read_file(index_path);
  if (!text) throw RecordError(name + ": cannot read the index of a recorded folder");
  const IndexReader reader(dir, name);
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& error) {
    reader.fail(error.mark, error.msg);
  }
  if (!root.IsDefined() || root.IsNull()) throw RecordError(name + ": no exchanges recorded");
  if (!root.IsSequence()) reader.fail(root.Mark(), "expected a list of exchanges");
  for (const YAML::Node& node : root) {
    if (!node.IsMap()) reader.fail(node.Mark(), "an exchange must be a map");
    const std::string method = reader.scalar(node, "method", true);
    const std::string target = reader.scalar(node, "target", true);
    if (!target.starts_with('/')) reader.fail(node["target"].Mark(), "target must start with \"/\"");
    std::string wire = reader.scalar(node, "wire", false);
    if (wire.empty()) wire = "xml";
    if (wire != "xml" && wire != "json") reader.fail(node["wire"].Mark(), "wire must be xml or json");
    Impl::Exchange exchange;
    const std::string status = reader.scalar(node, "status", true);
    const auto [end, error] = std::from_chars(status.data(), status.data() + status.size(), exchange.status);
    if (error != std::errc() || end != status.data() + status.size() || exchange.status < 100 || exchange.status > 599)
      reader.fail(node["status"].Mark(), "status must be an HTTP status 100-599, not \"" + status + "\"");
    exchange.content_type = reader.scalar(node, "content_type", false);
    if (const YAML::Node headers = node["headers"]) {
      if (!headers.IsMap()) reader.fail(headers.Mark(), "headers must be a map of names to values");
      for (const auto& header : headers) {
        if (!header.second.IsScalar()) reader.fail(header.second.Mark(), "a header's value must be a single value");
        exchange.headers.emplace_back(header.first.Scalar(), header.second.Scalar());
      }
    }
    exchange.body = reader.body(node, "body");
    reader.body(node, "request_body");
    impl_->by_key[Impl::key(method, target, wire, reader.scalar(node, "token", false))].exchanges.push_back(
        impl_->exchanges.size());
    impl_->exchanges.push_back(std::move(exchange));
  }
}

Replayer::~Replayer() { stop(); }

void Replayer::start(std::uint16_t port) {
  Impl& impl = *impl_;
  if (impl.server) throw RecordError("emgen-sim replay: already running");
  impl.server = make_server(
      [&impl](const httplib::Request& request, httplib::Response& response) { impl.handle(request, response); });
  try {
    listen_in_background(*impl.server, port, impl.thread, impl.port);
  } catch (...) {
    impl.server.reset();
    throw;
  }
}

void Replayer::stop() {
  if (!impl_->server) return;
  impl_->server->stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  impl_->server.reset();
}

std::uint16_t Replayer::port() const { return impl_->port; }
std::string Replayer::origin() const { return origin_of(impl_->port); }
std::size_t Replayer::size() const { return impl_->exchanges.size(); }

}  // namespace emgen::sim
