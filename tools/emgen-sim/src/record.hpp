#pragma once
// Recording a real EM and replaying the recording: `emgen-sim record` is a proxy on 127.0.0.1 that forwards every
// request to an upstream EM and keeps each exchange in a folder; `emgen-sim replay` serves the folder.
//
// The folder: index.yaml lists the exchanges in the order they completed (method, target, the format asked for,
// the token, status, Content-Type, kept headers, body files), and bodies/ holds one file per body, as received
// but for the secrets. Secrets are replaced by stable placeholders in targets, headers and bodies:
//
//   the X-RestSvcSessionId tokens     {{token-1}}, {{token-2}}, ... in the order the upstream issued them
//   the Basic credentials             {{credentials}} (the base64 text and user:password), {{password}}, {{user}}
//   the upstream's origin in URLs     {{origin}} (scheme, host and port), so that a replay writes its own there
//   any other host of an absolute URL {{host-1}}, {{host-2}}, ... (kept with its port); the upstream's {{host}}
//   those host names elsewhere        the same placeholders, where a name stands whole (EM names a backup
//                                     server by its host name)
//
// A client talking to the proxy sees what a replay of the folder will answer: its tokens are `emgen-recorded-
// token-N` (the proxy keeps the real ones to itself), and every body and header is the recorded one with
// {{origin}} turned into the proxy's own origin. So the same requests get byte-identical answers from both.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace emgen::sim {

/// A recorded folder, an upstream URL or an output folder that cannot be used: what() says where and why
/// (`DIR/index.yaml:LINE:COL: ...` for a folder).
class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Replaces the secrets of one recording by placeholders (see above). Not thread-safe; the proxy locks.
class Scrubber {
 public:
  /// upstream: `http(s)://host[:port]`, any path after it ignored.
  explicit Scrubber(std::string_view upstream);

  /// The credentials of a Basic Authorization header value; returns its scrubbed form.
  std::string learn_authorization(std::string_view header);
  /// A token the upstream issued; returns its placeholder (the same one for the same token).
  std::string learn_token(const std::string& token);
  /// The placeholder of a token learnt; empty when the token is not one.
  std::string placeholder_of_token(const std::string& token) const;

  /// text with every secret known so far, and every host of an absolute URL, replaced. Linear in the text.
  std::string scrub(std::string_view text);

  /// `scheme://host:port` of the upstream, lower case.
  const std::string& upstream_origin() const { return origin_; }

 private:
  std::string origin_;
  std::string host_;
  // Looked up at each position of a text by each length, longest first: one pass whatever the number of secrets.
  std::unordered_map<std::string, std::string> secrets_;
  std::vector<std::size_t> secret_lengths_;
  // By lower-case host name; a text's runs of host-name characters are looked up, in one pass.
  std::unordered_map<std::string, std::string> hosts_;
  int tokens_ = 0;

  void add_secret(const std::string& text, const std::string& placeholder, bool replace = false);
  std::string host_placeholder(const std::string& lower_host);
  std::string replace_secrets(std::string_view text) const;
  std::string scrub_urls(std::string_view text);
  std::string replace_hosts(std::string_view text) const;
};

/// The token a client is given for a token placeholder: `{{token-3}}` → `emgen-recorded-token-3`.
std::string served_token(std::string_view placeholder);
/// text with {{origin}} replaced by origin and each {{token-N}} by its served token.
std::string served_text(std::string_view text, std::string_view origin);

struct RecordOptions {
  /// `https://em.example.com:9398` (a path such as /api is ignored: requests keep their own).
  std::string upstream;
  std::filesystem::path out;
  /// An HTTPS upstream's certificate (EM's is self-signed), to verify it against; empty for the system's CAs.
  std::filesystem::path ca_file;
  /// Do not verify an HTTPS upstream's certificate.
  bool insecure = false;
  std::chrono::seconds timeout{120};
};

/// The recording proxy, on 127.0.0.1.
class Recorder {
 public:
  /// Throws RecordError for an upstream URL that is not http(s)://host[:port] or an out folder that exists and is
  /// not empty (it is created otherwise).
  explicit Recorder(RecordOptions options);
  ~Recorder();
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  /// Binds 127.0.0.1:port (0 picks one) and serves in the background.
  void start(std::uint16_t port = 0);
  /// Idempotent; index.yaml is complete after each exchange, not only here.
  void stop();
  std::uint16_t port() const;
  /// `http://127.0.0.1:PORT`.
  std::string origin() const;
  /// Exchanges recorded so far.
  int exchanges() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Serves a recorded folder on 127.0.0.1. A request is matched by its method, its target (scrubbed as the
/// recording was), the format its Accept asks for and its token's placeholder; the exchanges recorded for one
/// such key are answered in their order, the last one again once they run out. Logon accepts any credentials
/// (the password is not in the folder). A request the folder has no answer for gets 404 with a text body saying
/// so and the header X-Emgen-Replay: no-match.
class Replayer {
 public:
  /// Reads DIR/index.yaml and checks that every body file it names exists; RecordError at the line and column.
  explicit Replayer(const std::filesystem::path& dir);
  ~Replayer();
  Replayer(const Replayer&) = delete;
  Replayer& operator=(const Replayer&) = delete;

  void start(std::uint16_t port = 0);
  void stop();
  std::uint16_t port() const;
  std::string origin() const;
  /// Exchanges in the folder.
  std::size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emgen::sim
