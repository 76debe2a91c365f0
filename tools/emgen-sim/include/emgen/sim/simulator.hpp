#pragma once
// emgen-sim: a Veeam Backup Enterprise Manager REST API simulator for tests, on 127.0.0.1 only.
//
// It speaks the documented protocol (logon with Basic credentials and the X-RestSvcSessionId token, 401 on
// a missing or expired token, logoff, errors as <Error> bodies) and serves the documented payloads of
// schemas/examples, with one data set of backup sessions: the documented ones, re-dated to the clock, then sessions
// made from the documented BackupJobSession (new ids, names, times and results; every made job name says "made by
// the simulator"). Bodies are written with the generated bindings, in XML or, for `Accept: application/json`, in
// EM's JSON form.
//
// Tests drive it: counters prove what the client sent, tokens can be expired, the next responses can be
// forced to any status and body, and responses can be delayed.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>
#include <veeam/em/backup_job_session.hpp>

namespace emgen::sim {

struct Options {
  /// The documented payloads (schemas/examples) of the special resources (logon, backup and system sessions,
  /// tasks, the query service): every response body of those starts from one of them.
  std::filesystem::path data_dir;
  /// The schema set whose every `endpoints:` entry the simulator serves, from a data set made of its examples and
  /// of generated values; empty for data_dir's parent (the schemas/ that holds schemas/examples).
  std::filesystem::path schemas;
  /// Schema sets that schemas imports, as `emgen --import`: `DIR` or `DIR=NAMESPACE`. Their endpoints are served
  /// too.
  std::vector<std::string> imports;
  /// The simulated time at start(); unset for the real time. The data set is made around it.
  std::optional<DateTime> now;
  /// Simulated seconds per real second (> 0).
  double speed = 1.0;
  /// Accept a request body that reads only leniently (members the type does not know, elements out of order).
  bool lenient_requests = false;
  /// Serve HTTPS with a self-signed certificate made at start() (see Simulator::cert_file()).
  bool tls = false;
  /// The credentials logon accepts.
  std::string user = "emgen";
  std::string password = "emgen";
  /// Backup sessions in the data set in all (GET /backupSessions, /query): the documented ones first (those of the
  /// examples and those their Hrefs name, re-dated to the clock, each with its own task sessions), then made ones
  /// up to this number. The documented ones are always all there, so with a smaller number there are more.
  int backup_sessions = 60;
  /// GET /tasks/{ID} answers Running this many times, then Finished.
  int task_running_polls = 2;
  /// The base URL written into Hrefs; empty for base_url(). Real servers write their own host name, which
  /// clients may not reach; set this to check that a client re-bases Hrefs.
  std::string advertised_base;
  /// The letter case in which logon returns the token header (servers and proxies vary).
  std::string token_header = "X-RestSvcSessionId";
  /// A session unused this long expires, as on EM; counted on the simulator's clock, so at --speed 60 a token
  /// unused for 15 real seconds has expired.
  std::chrono::seconds idle_timeout{15 * 60};
  /// The member names of JSON answers: PascalCase as EM up to 12.x, camelCase as EM 13.x.
  JsonStyle json_style = JsonStyle::pascal;
  /// Seed for the ids and times of the data set (the same seed gives the same data).
  std::uint32_t seed = 20251019;
  /// Requests served at the same time. Each kept-alive connection holds one of these threads while it is
  /// open, so a client with more connections than this waits for one to close.
  int threads = 32;
  /// A fault scenario file (tools/emgen-sim/src/scenario.hpp): delays and failures per path; empty for none.
  /// start() throws std::runtime_error naming its file, line and column when it does not read.
  std::filesystem::path scenario;
};

/// What the simulator has seen since start().
struct Counters {
  int requests = 0;
  int logons = 0;
  int failed_logons = 0;
  int logoffs = 0;
  /// Requests that carried a valid token (logon and GET /api/ excluded).
  int authorized_requests = 0;
  /// 401s for a missing, unknown or expired token.
  int rejected_tokens = 0;
  int injected_faults = 0;
  int tasks_created = 0;
  /// Logon sessions neither logged off nor expired.
  int active_sessions = 0;
  /// Client connections that sent a request (distinct client addresses and ports).
  int connections = 0;
  /// The most requests handled at the same time.
  int max_in_flight = 0;
};

/// One request as the simulator saw it (no header values: the recording is as safe to print as the client's).
struct RecordedRequest {
  std::string method;
  /// Path and query as sent, e.g. `/api/query?type=BackupJobSession&page=2`.
  std::string target;
  bool json = false;
  bool valid_token = false;
  int status = 0;
};

class Simulator {
 public:
  explicit Simulator(Options options);
  /// Stops the server and removes the certificate directory.
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  /// Binds 127.0.0.1:port (0 picks a free port) and serves in background threads. Throws std::runtime_error
  /// when the port cannot be bound or the certificate cannot be made, ParseError when a documented payload
  /// does not read.
  void start(std::uint16_t port = 0);
  /// Idempotent. Delayed responses are cut short.
  void stop();
  bool running() const;

  std::uint16_t port() const;
  /// `http://127.0.0.1:PORT/api` or `https://...`.
  std::string base_url() const;
  /// The PEM certificate (its own CA) over HTTPS, to give a client as its CA file; empty over HTTP.
  std::filesystem::path cert_file() const;

  Counters counters() const;
  std::vector<RecordedRequest> requests() const;
  /// Every token handed out since start(), so that tests can prove none leaks into a message.
  std::vector<std::string> issued_tokens() const;
  /// The data set as it stands (stopping a session changes it).
  std::vector<veeam::em::BackupJobSession> backup_sessions() const;

  /// The path of the schema set's endpoint written endpoint_path (`/repositories/{ID}`) with each parameter the
  /// id of an entity the simulator serves (made up for a parameter that names no entity), for tests that call
  /// every endpoint; empty when the schema set has no such endpoint. A backup session's endpoints
  /// (`/backupSessions/{ID}?action=stop`) name a running session while the data set has one.
  std::string sample_path(std::string_view endpoint_path) const;

  /// Every current token gets 401 from now on, as after EM's idle timeout.
  void expire_tokens();
  /// The next request (whatever it is) gets this status, body and Content-Type; calls queue up.
  void fail_next(int status, std::string body, std::string content_type = "application/xml");
  /// The next request gets this status with an <Error Message StatusCode> body in the format it asked for.
  void fail_next_with_error(int status, std::string message);
  /// The next `times` requests whose path starts with path_prefix (`/api/backupSessions`) get status with an
  /// <Error> body in the format asked for, and a Retry-After header of that many seconds when given: a
  /// transient failure, as a busy EM or a proxy in front of it answers.
  void fail_path(std::string path_prefix, int times, int status, std::optional<int> retry_after_seconds = {});
  /// The next `times` requests whose path starts with path_prefix get the status line and headers of an
  /// answer, then the connection closes mid-body: a connection lost while the answer came.
  void drop_path(std::string path_prefix, int times);
  /// Every response waits this long before it is sent (0 for none); requests wait at the same time, each on
  /// its own thread, as on a server whose database takes this long.
  void set_delay(std::chrono::milliseconds delay);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace emgen::sim
