#include "emgen/sim/simulator.hpp"

#include <arpa/inet.h>  // ntohs
#include <httplib.h>
#include <netinet/in.h>  // sockaddr_in
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdlib.h>      // mkdtemp
#include <sys/socket.h>  // getsockopt, getsockname, listen

#include <algorithm>
#include <cctype>
#include <charconv>
#include <condition_variable>
#include <deque>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "base64.hpp"
#include "catalog.hpp"
#include "certificate.hpp"
#include "clock.hpp"
#include "engine.hpp"
#include "scenario.hpp"
#include "text/text.hpp"

namespace emgen::sim {
namespace {

using detail::HttpFailure;

constexpr const char* kHost = "127.0.0.1";

/// What a response is written as: XML, or JSON with EM 12's PascalCase or EM 13's camelCase member names.
enum class Wire { xml, json, json_camel };

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
};

template <class T>
Reply document(int status, const T& value, Wire wire) {
  if (wire == Wire::json) return {status, value.to_json(), "application/json; charset=utf-8", {}};
  if (wire == Wire::json_camel) return {status, value.to_json(JsonStyle::camel), "application/json; charset=utf-8", {}};
  return {status, value.to_xml(), "application/xml; charset=utf-8", {}};
}

// Control characters (an id from a path with %00) written as \xNN: XML cannot carry them, and a NUL would end the
// message there.
Reply error_reply(int status, const std::string& message, Wire wire) {
  std::string printable;
  for (const char c : message) {
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f) {
      printable += c;
      continue;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    printable += "\\x";
    printable += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
    printable += kHex[static_cast<unsigned char>(c) & 0xf];
  }
  return document(status, detail::Catalog::error(status, printable), wire);
}

using text::equals_ignoring_case;

std::vector<std::string> segments_of(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string percent_decoded(std::string_view component) { return text::percent_decode(component, true); }

// The query of a request target. httplib's own parser splits a parameter at every `=`, which loses most of
// `filter=Result==Failed` from a client that does not encode the `=`; the usual rule is to split at the first.
detail::Params query_of(std::string_view target) {
  detail::Params params;
  const std::size_t question = target.find('?');
  if (question == std::string_view::npos) return params;
  std::string_view query = target.substr(question + 1);
  query = query.substr(0, query.find('#'));
  std::size_t start = 0;
  while (start < query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    params.emplace(percent_decoded(pair.substr(0, equals)),
                   equals == std::string_view::npos ? std::string() : percent_decoded(pair.substr(equals + 1)));
  }
  return params;
}

std::string param(const detail::Params& params, std::string_view name) {
  for (const auto& [key, value] : params)
    if (equals_ignoring_case(key, name)) return value;
  return {};
}

std::string random_token() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("emgen-sim: no random bytes for a token");
  unsigned char text[32] = {};
  EVP_EncodeBlock(text, bytes, sizeof bytes);
  return reinterpret_cast<const char*>(text);
}

// user:password from `Basic base64`, or nothing when the header is not that.
std::optional<std::string> basic_credentials(const std::string& header) {
  if (header.size() < 6 || !equals_ignoring_case(std::string_view(header).substr(0, 6), "Basic ")) return std::nullopt;
  std::string_view encoded = std::string_view(header).substr(6);
  while (!encoded.empty() && encoded.front() == ' ') encoded.remove_prefix(1);
  return decode_base64(encoded);
}

// httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled into Debian's library). A client
// that opens 8 connections at once overflows it, the kernel drops the extra SYNs, and the client resends them
// a second later: a stall no real server shows. Linux lets listen() on a listening socket change its backlog,
// and httplib does not expose its socket, so it is found among this process's descriptors by its port.
void raise_listen_backlog(std::uint16_t port) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    int fd = -1;
    const std::string name = entry.path().filename().string();
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc()) continue;
    int listening = 0;
    socklen_t size = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening == 0) continue;
    sockaddr_in address{};
    socklen_t address_size = sizeof address;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&address), &address_size) != 0 || address.sin_family != AF_INET ||
        ntohs(address.sin_port) != port)
      continue;
    ::listen(fd, 128);
    return;
  }
}

}  // namespace

struct Simulator::Impl {
  struct Logon {
    std::string session_id;
    // On the simulator's clock, as EM counts the idle timeout on its own: --speed 60 expires a token in 15 real
    // seconds.
    DateTime last_used;
    bool expired = false;
  };
  struct TaskState {
    std::string session_id;
    int polls = 0;
    bool success = false;
    std::string message;
    bool finished = false;
    std::string operation = "StopJobSession";
    /// What finishing does, for a task of the schema-driven engine (session_id is then empty).
    std::function<void()> on_finish;
  };
  struct Fault {
    int status;
    std::string body;
    std::string content_type;
    bool error_document;  // body is the message of an <Error> written in the format asked for
  };

  struct PathFault {
    std::string prefix;
    int remaining;
    int status;
    std::optional<int> retry_after_seconds;
    bool drop_connection = false;  // instead of answering status
  };

  explicit Impl(Options o) : options(std::move(o)) {}

  Options options;
  mutable std::mutex mutex;
  std::condition_variable wake;  // cuts delays short at stop()
  bool stopping = false;
  std::unique_ptr<httplib::Server> server;
  std::thread thread;
  std::uint16_t port = 0;
  std::filesystem::path cert_dir;
  std::filesystem::path cert_file;
  std::unique_ptr<detail::Catalog> catalog;
  std::unique_ptr<detail::Clock> clock;
  std::unique_ptr<detail::Engine> engine;
  std::map<std::string, Logon> logons;  // by token
  std::vector<std::string> issued;
  std::map<std::string, TaskState> tasks;  // by task id
  int next_task = 1;
  std::deque<Fault> faults;
  std::vector<PathFault> path_faults;
  std::vector<detail::ScenarioRule> scenario;  // times counts down as rules apply
  std::chrono::milliseconds delay{0};
  Counters counters;
  int in_flight = 0;
  std::set<std::pair<std::string, int>> clients;  // address and port of each connection seen
  std::vector<RecordedRequest> recorded;
  std::mt19937_64 ids{std::random_device{}()};

  std::string scheme() const { return options.tls ? "https" : "http"; }
  std::string base_url() const { return scheme() + "://" + kHost + ":" + std::to_string(port) + "/api"; }

  void handle(const httplib::Request& request, httplib::Response& response);
  Reply route(const httplib::Request& request, Wire wire, bool& valid_token);
  Reply logon(const httplib::Request& request, const detail::Params& params, Wire wire);
  bool authenticate(const httplib::Request& request);
  Reply backup_sessions(const httplib::Request& request, const detail::Params& params,
                        const std::vector<std::string>& path, Wire wire);
  Reply system_sessions(const httplib::Request& request, const detail::Params& params,
                        const std::vector<std::string>& path, Wire wire);
  Reply tasks_resource(const httplib::Request& request, const std::vector<std::string>& path, Wire wire);
  Reply logon_sessions(const httplib::Request& request, const std::vector<std::string>& path, Wire wire);
  Reply special(const httplib::Request& request, const detail::Params& params, const std::vector<std::string>& segments,
                Wire wire);
  Reply from_engine(const httplib::Request& request, const detail::Params& params,
                    const std::vector<std::string>& segments, Wire wire);
  Reply task_reply(const std::string& task_id, const TaskState& task, Wire wire) const;
  Reply engine_reply(const detail::EngineAnswer& answer, Wire wire) const;
  void finish_task(TaskState& task);
};

void Simulator::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  const std::string accept = request.get_header_value("Accept");
  const Wire json = options.json_style == JsonStyle::camel ? Wire::json_camel : Wire::json;
  // ?format=json or xml chooses as Accept does (format=Entity and the query service's formats are not these).
  const std::string format = param(query_of(request.target), "format");
  const Wire wire = equals_ignoring_case(format, "json")                   ? json
                    : equals_ignoring_case(format, "xml")                  ? Wire::xml
                    : accept.find("application/json") != std::string::npos ? json
                                                                           : Wire::xml;

  std::unique_lock lock(mutex);
  ++counters.requests;
  if (clients.emplace(request.remote_addr, request.remote_port).second) ++counters.connections;
  counters.max_in_flight = std::max(counters.max_in_flight, ++in_flight);
  const auto rule = std::find_if(scenario.begin(), scenario.end(), [&](const detail::ScenarioRule& r) {
    return (!r.times || *r.times > 0) && (r.method.empty() || r.method == request.method) &&
           detail::glob_matches(r.path, request.path);
  });
  const detail::ScenarioRule* scenario_rule = nullptr;
  if (rule != scenario.end()) {
    if (rule->times) --*rule->times;
    scenario_rule = &*rule;
  }
  const auto wait = delay + (scenario_rule != nullptr ? scenario_rule->delay : std::chrono::milliseconds(0));
  // wait_for unlocks while it waits: delayed requests wait together.
  if (wait.count() > 0) wake.wait_for(lock, wait, [this] { return stopping; });
  --in_flight;

  Reply reply;
  bool valid_token = false;
  bool drop = false;
  using ScenarioFault = detail::ScenarioRule::Fault;
  const ScenarioFault scenario_fault = scenario_rule != nullptr ? scenario_rule->fault : ScenarioFault::none;
  if (scenario_fault != ScenarioFault::none) {
    ++counters.injected_faults;
    if (scenario_fault == ScenarioFault::drop) {
      drop = true;
      reply.status = 200;
    } else if (scenario_fault == ScenarioFault::reject_token) {
      // As when EM drops a session early: the token stays invalid, so the client must log on again.
      logons.erase(request.get_header_value("X-RestSvcSessionId"));
      ++counters.rejected_tokens;
      reply = error_reply(401,
                          scenario_rule->message.empty() ? "The session is missing, unknown or expired: log on again."
                                                         : scenario_rule->message,
                          wire);
    } else {
      reply =
          error_reply(scenario_rule->status,
                      scenario_rule->message.empty() ? "Injected by the simulator's scenario " + scenario_rule->where
                                                     : scenario_rule->message,
                      wire);
      if (scenario_rule->retry_after_seconds)
        reply.headers.emplace_back("Retry-After", std::to_string(*scenario_rule->retry_after_seconds));
    }
  }
  const auto path_fault = std::find_if(path_faults.begin(), path_faults.end(), [&](const PathFault& fault) {
    return fault.remaining > 0 && request.path.rfind(fault.prefix, 0) == 0;
  });
  if (scenario_fault != ScenarioFault::none) {
    // answered above
  } else if (path_fault != path_faults.end() && path_fault->drop_connection) {
    --path_fault->remaining;
    ++counters.injected_faults;
    drop = true;
    reply.status = 200;
  } else if (path_fault != path_faults.end()) {
    --path_fault->remaining;
    ++counters.injected_faults;
    reply = error_reply(path_fault->status, "Injected by the simulator: the server is busy.", wire);
    if (path_fault->retry_after_seconds)
      reply.headers.emplace_back("Retry-After", std::to_string(*path_fault->retry_after_seconds));
  } else if (!faults.empty()) {
    Fault fault = std::move(faults.front());
    faults.pop_front();
    ++counters.injected_faults;
    reply = fault.error_document ? error_reply(fault.status, fault.body, wire)
                                 : Reply{fault.status, std::move(fault.body), std::move(fault.content_type), {}};
  } else {
    try {
      reply = route(request, wire, valid_token);
    } catch (const HttpFailure& failure) {
      reply = error_reply(failure.status, failure.message, wire);
    } catch (const std::exception& failure) {
      reply = error_reply(500, std::string("emgen-sim failed: ") + failure.what(), wire);
    }
  }
  recorded.push_back({request.method, request.target, wire != Wire::xml, valid_token, reply.status});
  lock.unlock();

  if (drop) {
    // httplib sends the status line and headers of a chunked answer, then closes the connection when the
    // provider fails before the first chunk.
    response.status = 200;
    response.set_chunked_content_provider("application/xml", [](std::size_t, httplib::DataSink&) { return false; });
    return;
  }
  response.status = reply.status;
  for (const auto& [name, value] : reply.headers) response.set_header(name, value);
  if (!reply.body.empty()) response.set_content(reply.body, reply.content_type.c_str());
}

Reply Simulator::Impl::route(const httplib::Request& request, Wire wire, bool& valid_token) {
  std::string_view path = request.path;
  if (!path.starts_with("/api") || (path.size() > 4 && path[4] != '/'))
    throw HttpFailure{404, "The simulator serves /api/ only."};
  const std::vector<std::string> segments = segments_of(path.substr(4));
  const detail::Params params = query_of(request.target);
  // httplib hands HEAD to the GET handlers and drops the body itself.
  const std::string method = request.method == "HEAD" ? "GET" : request.method;

  if (segments.empty()) {
    if (method != "GET") throw HttpFailure{405, "/api/ supports GET only."};
    return document(200, catalog->enterprise_manager(), wire);
  }
  if (segments[0] == "sessionMngr" && segments.size() == 1) {
    if (method != "POST") throw HttpFailure{405, "/api/sessionMngr/ supports POST only."};
    return logon(request, params, wire);
  }

  if (!authenticate(request)) {
    ++counters.rejected_tokens;
    return error_reply(401, "The session is missing, unknown or expired: log on again.", wire);
  }
  valid_token = true;
  ++counters.authorized_requests;

  catalog->advance(clock->now());
  const std::string& resource = segments[0];
  // The resources the simulator has always served by hand (its own data set, task states, the query service);
  // every other path, and whatever of these they do not know, is the schema-driven engine's.
  static const std::set<std::string> kSpecial = {"logonSessions",   "backupSessions", "systemSessions",
                                                 "vmRestorePoints", "reports",        "backupTaskSessions",
                                                 "tasks",           "query"};
  if (!kSpecial.contains(resource)) return from_engine(request, params, segments, wire);
  try {
    return special(request, params, segments, wire);
  } catch (const HttpFailure& failure) {
    // A task or a logon session the engine does not know: the hand-written handlers' 404 stands. Their
    // collections are the engine's.
    if ((failure.status != 404 && failure.status != 405) || resource == "query" ||
        ((resource == "tasks" || resource == "logonSessions") && segments.size() != 1))
      throw;
    try {
      return from_engine(request, params, segments, wire);
    } catch (const HttpFailure& engine_failure) {
      if (engine_failure.status == 404 || engine_failure.status == 405) throw failure;
      throw;
    }
  }
}

Reply Simulator::Impl::from_engine(const httplib::Request& request, const detail::Params& params,
                                   const std::vector<std::string>& segments, Wire wire) {
  detail::EngineRequest asked;
  asked.method = request.method == "HEAD" ? "GET" : request.method;
  asked.segments = segments;
  asked.params = &params;
  asked.body = request.body;
  const std::string content_type = request.get_header_value("Content-Type");
  asked.content_type = content_type;
  std::optional<detail::EngineAnswer> answer = engine->answer(asked);
  if (!answer) throw HttpFailure{404, "The simulator does not serve " + request.path + "."};
  if (answer->task) {
    const std::string task_id = "task-" + std::to_string(next_task++);
    TaskState task{{}, 0, true, answer->message, false, answer->operation, std::move(answer->on_finish)};
    ++counters.tasks_created;
    TaskState& stored = tasks[task_id] = std::move(task);
    if (options.task_running_polls <= 0) finish_task(stored);
    return task_reply(task_id, stored, wire);
  }
  return engine_reply(*answer, wire);
}

Reply Simulator::Impl::engine_reply(const detail::EngineAnswer& answer, Wire wire) const {
  if (answer.type == nullptr) return {answer.status, {}, {}, {}};
  if (wire == Wire::xml) return {answer.status, engine->write_xml(answer), "application/xml; charset=utf-8", {}};
  return {answer.status,
          engine->write_json(answer, wire == Wire::json ? JsonStyle::pascal : JsonStyle::camel),
          "application/json; charset=utf-8",
          {}};
}

Reply Simulator::Impl::task_reply(const std::string& task_id, const TaskState& task, Wire wire) const {
  return document(202, catalog->task(task_id, task.finished, task.success, task.message, task.operation), wire);
}

Reply Simulator::Impl::special(const httplib::Request& request, const detail::Params& params,
                               const std::vector<std::string>& segments, Wire wire) {
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  const std::string& resource = segments[0];
  if (resource == "logonSessions") return logon_sessions(request, segments, wire);
  if (resource == "backupSessions") return backup_sessions(request, params, segments, wire);
  if (resource == "systemSessions") return system_sessions(request, params, segments, wire);
  if (resource == "vmRestorePoints" && segments.size() == 2) {
    if (method != "GET") throw HttpFailure{405, "The simulator serves GET /api/vmRestorePoints/{ID} only."};
    if (equals_ignoring_case(param(params, "format"), "Entity"))
      return document(200, catalog->vm_restore_point(segments[1]), wire);
    return document(200, catalog->vm_restore_point_ref(segments[1]), wire);
  }
  if (resource == "reports" && segments.size() == 3 && segments[1] == "summary" && segments[2] == "overview") {
    if (method != "GET") throw HttpFailure{405, "/api/reports/summary/overview supports GET only."};
    return document(200, catalog->overview_report(), wire);
  }
  if (resource == "backupTaskSessions") {
    if (method != "GET") throw HttpFailure{405, "/api/backupTaskSessions supports GET only."};
    if (segments.size() == 1 && equals_ignoring_case(param(params, "format"), "Entity")) {
      veeam::em::BackupTaskSessions all;
      all.backup_task_session = catalog->backup_task_sessions();
      return document(200, all, wire);
    }
    if (segments.size() == 1) return document(200, catalog->backup_task_session_refs(), wire);
    if (segments.size() != 2) throw HttpFailure{404, "The simulator does not serve " + request.path + "."};
    const veeam::em::BackupTaskSession& task = catalog->backup_task_session(segments[1]);
    if (equals_ignoring_case(param(params, "format"), "Entity")) return document(200, task, wire);
    return document(200, catalog->backup_task_session_ref(task), wire);
  }
  if (resource == "tasks") return tasks_resource(request, segments, wire);
  if (resource == "query" && segments.size() == 1) {
    if (method != "GET") throw HttpFailure{405, "/api/query supports GET only."};
    // The Catalog's sessions are the query service's too, as they stand now.
    std::map<std::string, std::vector<dynamic::Value>> supplied;
    const std::string type = text::to_lower(param(params, "type"));
    if (type == "backupjobsession")
      for (const veeam::em::BackupJobSession& session : catalog->backup_sessions())
        supplied["BackupJobSession"].push_back(engine->read("BackupJobSession", session.to_xml()));
    if (type == "backuptasksession")
      for (const veeam::em::BackupTaskSession& session : catalog->backup_task_sessions())
        supplied["BackupTaskSession"].push_back(engine->read("BackupTaskSession", session.to_xml()));
    const std::size_t question = request.target.find('?');
    const std::string_view query_string =
        question == std::string::npos ? std::string_view() : std::string_view(request.target).substr(question + 1);
    return engine_reply(engine->query(query_string, supplied), wire);
  }
  throw HttpFailure{404, "The simulator does not serve " + request.path + "."};
}

Reply Simulator::Impl::logon(const httplib::Request& request, const detail::Params& params, Wire wire) {
  if (const std::string version = param(params, "v"); !version.empty()) {
    if (version != "latest" && version != "v1_5" && version != "v1_6" && version != "v1_7")
      throw HttpFailure{400, "API version \"" + version + "\" is not supported."};
  }
  const std::optional<std::string> credentials = basic_credentials(request.get_header_value("Authorization"));
  if (!credentials || *credentials != options.user + ":" + options.password) {
    ++counters.failed_logons;
    Reply reply = error_reply(401, "Authentication failed: the user name or password is incorrect.", wire);
    reply.headers.emplace_back("WWW-Authenticate", "Basic Realm=RestSvc");
    return reply;
  }
  const std::string session_id = detail::guid(ids);
  const std::string token = random_token();
  logons[token] = Logon{session_id, clock->now(), false};
  issued.push_back(token);
  ++counters.logons;
  Reply reply = document(201, catalog->logon_session(session_id, options.user), wire);
  reply.headers.emplace_back(options.token_header, token);
  return reply;
}

bool Simulator::Impl::authenticate(const httplib::Request& request) {
  const auto found = logons.find(request.get_header_value("X-RestSvcSessionId"));
  if (found == logons.end()) return false;
  const DateTime now = clock->now();
  if (found->second.expired || now - found->second.last_used > options.idle_timeout) {
    logons.erase(found);
    return false;
  }
  found->second.last_used = now;
  return true;
}

Reply Simulator::Impl::logon_sessions(const httplib::Request& request, const std::vector<std::string>& path,
                                      Wire wire) {
  if (path.size() != 2) throw HttpFailure{404, "The simulator serves /api/logonSessions/{ID} only."};
  const auto found =
      std::find_if(logons.begin(), logons.end(), [&](const auto& entry) { return entry.second.session_id == path[1]; });
  if (found == logons.end()) throw HttpFailure{404, "Logon session " + path[1] + " was not found."};
  if (request.method == "DELETE") {
    logons.erase(found);
    ++counters.logoffs;
    return {204, {}, {}, {}};
  }
  if (request.method == "GET" || request.method == "HEAD")
    return document(200, catalog->logon_session(path[1], options.user), wire);
  throw HttpFailure{405, "/api/logonSessions/{ID} supports GET and DELETE only."};
}

Reply Simulator::Impl::backup_sessions(const httplib::Request& request, const detail::Params& params,
                                       const std::vector<std::string>& path, Wire wire) {
  const bool get = request.method == "GET" || request.method == "HEAD";
  if (path.size() == 1) {
    if (!get) throw HttpFailure{405, "/api/backupSessions supports GET only."};
    if (equals_ignoring_case(param(params, "format"), "Entity")) {
      veeam::em::BackupJobSessions all;
      all.backup_job_session = catalog->backup_sessions();
      return document(200, all, wire);
    }
    return document(200, catalog->backup_session_refs(), wire);
  }
  if (path.size() == 3 && path[2] == "taskSessions") {
    if (!get) throw HttpFailure{405, "/api/backupSessions/{ID}/taskSessions supports GET only."};
    if (equals_ignoring_case(param(params, "format"), "Entity"))
      return document(200, catalog->backup_task_sessions_of(path[1]), wire);
    return document(200, catalog->backup_task_session_refs_of(path[1]), wire);
  }
  if (path.size() != 2) throw HttpFailure{404, "The simulator does not serve " + request.path + "."};
  veeam::em::BackupJobSession& session = catalog->backup_session(path[1]);
  if (get) {
    if (equals_ignoring_case(param(params, "format"), "Entity")) return document(200, session, wire);
    return document(200, catalog->backup_session_ref(session), wire);
  }
  if (request.method != "POST") throw HttpFailure{405, "/api/backupSessions/{ID} supports GET and POST only."};
  const std::string action = param(params, "action");
  if (action != "stop") throw HttpFailure{400, "Action \"" + action + "\" is not supported for a backup session."};

  const std::string task_id = "task-" + std::to_string(next_task++);
  TaskState task{
      path[1],          0, true, "Job Session \"" + session.name.value_or("") + "\" triggered to stop.", false,
      "StopJobSession", {}};
  if (session.state != veeam::em::BackupJobSessionState::Working) {
    task.success = false;
    task.message = "Job Session \"" + session.name.value_or("") + "\" is not running.";
  }
  ++counters.tasks_created;
  TaskState& stored = tasks[task_id] = std::move(task);
  if (options.task_running_polls <= 0) finish_task(stored);
  return document(202, catalog->task(task_id, stored.finished, stored.success, stored.message), wire);
}

// A successful stop task stops its session when it finishes, as the client would then see on EM.
void Simulator::Impl::finish_task(TaskState& task) {
  task.finished = true;
  if (task.on_finish) {
    task.on_finish();
    return;
  }
  if (!task.success || task.session_id.empty()) return;
  veeam::em::BackupJobSession& session = catalog->backup_session(task.session_id);
  if (session.state != veeam::em::BackupJobSessionState::Working) return;
  session.state = veeam::em::BackupJobSessionState::Stopped;
  session.result = veeam::em::SessionResult::Failed;  // VBR reports a session stopped by a user as failed
  session.end_time_utc = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

Reply Simulator::Impl::tasks_resource(const httplib::Request& request, const std::vector<std::string>& path,
                                      Wire wire) {
  if (path.size() != 2) throw HttpFailure{404, "The simulator serves /api/tasks/{ID} only."};
  const auto found = tasks.find(path[1]);
  if (found == tasks.end()) throw HttpFailure{404, "Task " + path[1] + " was not found."};
  if (request.method == "DELETE") {
    tasks.erase(found);
    return {204, {}, {}, {}};
  }
  if (request.method != "GET" && request.method != "HEAD")
    throw HttpFailure{405, "/api/tasks/{ID} supports GET and DELETE only."};
  TaskState& task = found->second;
  ++task.polls;
  if (!task.finished && task.polls > options.task_running_polls) finish_task(task);
  return document(200, catalog->task(path[1], task.finished, task.success, task.message, task.operation), wire);
}

Reply Simulator::Impl::system_sessions(const httplib::Request& request, const detail::Params& params,
                                       const std::vector<std::string>& path, Wire wire) {
  if (request.method != "GET" && request.method != "HEAD")
    throw HttpFailure{405, "/api/systemSessions supports GET only."};
  if (path.size() == 1) return document(200, catalog->system_sessions(), wire);
  if (path.size() != 2) throw HttpFailure{404, "The simulator does not serve " + request.path + "."};
  const veeam::em::SystemSession& session = catalog->system_session(path[1]);
  if (equals_ignoring_case(param(params, "format"), "Entity")) return document(200, session, wire);
  return document(200, catalog->system_session_ref(session), wire);
}

Simulator::Simulator(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Simulator::~Simulator() { stop(); }

void Simulator::start(std::uint16_t port) {
  Impl& impl = *impl_;
  if (impl.server) throw std::runtime_error("emgen-sim: already running");
  if (!(impl.options.speed > 0)) throw std::runtime_error("emgen-sim: the clock's speed must be greater than 0");
  auto catalog = std::make_unique<detail::Catalog>(impl.options.data_dir, impl.options);
  auto clock = std::make_unique<detail::Clock>(impl.options.now, impl.options.speed);
  auto engine = std::make_unique<detail::Engine>(impl.options, *clock);
  detail::Scenario scenario;
  if (!impl.options.scenario.empty()) scenario = detail::load_scenario(impl.options.scenario);

  std::unique_ptr<httplib::Server> server;
  if (impl.options.tls) {
    const detail::SelfSigned cert = detail::make_self_signed(kHost);
    std::string dir_template = (std::filesystem::temp_directory_path() / "emgen-sim-XXXXXX").string();
    if (mkdtemp(dir_template.data()) == nullptr)
      throw std::runtime_error("emgen-sim: cannot make a directory for the certificate");
    impl.cert_dir = dir_template;
    impl.cert_file = impl.cert_dir / "cert.pem";
    std::ofstream(impl.cert_file) << cert.cert_pem;
    const std::filesystem::path key_file = impl.cert_dir / "key.pem";
    std::ofstream(key_file) << cert.key_pem;
    std::filesystem::permissions(key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    // The server takes its own references to the certificate and key.
    server = std::make_unique<httplib::SSLServer>(cert.cert.get(), cert.key.get());
  } else {
    server = std::make_unique<httplib::Server>();
  }
  if (!server->is_valid()) throw std::runtime_error("emgen-sim: the server could not be set up");

  // Keep-alive as a real server does it: clients reuse one connection for a whole session.
  server->set_keep_alive_max_count(100000);
  // Short, because stop() waits for idle keep-alive connections to time out.
  server->set_keep_alive_timeout(2);
  // httplib writes headers and body separately; with Nagle's algorithm and the client's delayed ACK every
  // response would stall for about 40 ms.
  server->set_tcp_nodelay(true);
  const std::size_t threads = static_cast<std::size_t>(std::max(impl.options.threads, 1));
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  const auto handler = [&impl](const httplib::Request& request, httplib::Response& response) {
    impl.handle(request, response);
  };
  server->Get(".*", handler);
  server->Post(".*", handler);
  server->Put(".*", handler);
  server->Patch(".*", handler);
  server->Delete(".*", handler);
  server->Options(".*", handler);

  const int bound = port == 0 ? server->bind_to_any_port(kHost) : (server->bind_to_port(kHost, port) ? port : -1);
  if (bound <= 0)
    throw std::runtime_error("emgen-sim: cannot listen on " + std::string(kHost) + ":" + std::to_string(port));
  raise_listen_backlog(static_cast<std::uint16_t>(bound));

  {
    std::lock_guard lock(impl.mutex);
    impl.port = static_cast<std::uint16_t>(bound);
    const std::string base = impl.options.advertised_base.empty() ? impl.base_url() : impl.options.advertised_base;
    // One data set of sessions: the engine's (the examples', and those their Hrefs name) are the Catalog's first
    // ones, and the engine then holds the Catalog's, so that every session one path answers, the others list.
    engine->build(base);
    catalog->generate(base, clock->now(), engine->entities_xml("BackupJobSession"),
                      engine->entities_xml("BackupTaskSession"));
    std::vector<std::string> sessions_xml;
    for (const veeam::em::BackupJobSession& session : catalog->backup_sessions())
      sessions_xml.push_back(session.to_xml());
    engine->replace_entities("BackupJobSession", sessions_xml);
    std::vector<std::string> tasks_xml;
    for (const veeam::em::BackupTaskSession& task : catalog->backup_task_sessions()) tasks_xml.push_back(task.to_xml());
    engine->replace_entities("BackupTaskSession", tasks_xml);
    engine->adopt(catalog->hrefs());
    detail::Catalog& sessions = *catalog;
    const detail::Clock& time = *clock;
    // A job started through the API runs for two simulated minutes; the clock's speed decides how long that is.
    engine->jobs().start = [&sessions, &time](const std::string& job_id, const std::string& job_name) {
      sessions.start_job_session(job_id, job_name, time.now(), std::chrono::minutes(2));
    };
    engine->jobs().stop = [&sessions, &time](const std::string& job_id) {
      sessions.stop_job_sessions(job_id, time.now());
    };
    impl.catalog = std::move(catalog);
    impl.clock = std::move(clock);
    impl.engine = std::move(engine);
    impl.stopping = false;
    impl.counters = {};
    impl.recorded.clear();
    impl.logons.clear();
    impl.issued.clear();
    impl.tasks.clear();
    impl.faults.clear();
    impl.path_faults.clear();
    impl.scenario = std::move(scenario.rules);
    impl.clients.clear();
    impl.in_flight = 0;
  }
  impl.server = std::move(server);
  impl.thread = std::thread([server = impl.server.get()] { server->listen_after_bind(); });
  // stop() does nothing to a server that is not listening yet, so start() returns only once it is.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!impl.server->is_running()) {
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("emgen-sim: the server did not start");
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void Simulator::stop() {
  Impl& impl = *impl_;
  if (impl.server) {
    {
      std::lock_guard lock(impl.mutex);
      impl.stopping = true;
    }
    impl.wake.notify_all();
    impl.server->stop();
    if (impl.thread.joinable()) impl.thread.join();
    impl.server.reset();
  }
  // Also after a start() that failed past making the certificate.
  if (!impl.cert_dir.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(impl.cert_dir, ignored);
    impl.cert_dir.clear();
    impl.cert_file.clear();
  }
}

bool Simulator::running() const { return impl_->server && impl_->server->is_running(); }

std::uint16_t Simulator::port() const { return impl_->port; }

std::string Simulator::base_url() const { return impl_->base_url(); }

std::filesystem::path Simulator::cert_file() const { return impl_->cert_file; }

Counters Simulator::counters() const {
  std::lock_guard lock(impl_->mutex);
  Counters out = impl_->counters;
  out.active_sessions = static_cast<int>(impl_->logons.size());
  return out;
}

std::vector<RecordedRequest> Simulator::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->recorded;
}

std::vector<std::string> Simulator::issued_tokens() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->issued;
}

std::vector<veeam::em::BackupJobSession> Simulator::backup_sessions() const {
  std::lock_guard lock(impl_->mutex);
  if (!impl_->catalog) return {};
  return impl_->catalog->backup_sessions();
}

std::string Simulator::sample_path(std::string_view endpoint_path) const {
  std::lock_guard lock(impl_->mutex);
  if (!impl_->engine) return {};
  std::string path = impl_->engine->sample_path(endpoint_path);
  // A backup session's action (stop) applies to a running one: the sample names one while the data set has it.
  static constexpr std::string_view kSession = "/backupSessions/{ID}";
  const bool of_a_session = endpoint_path.starts_with(kSession) &&
                            (endpoint_path.size() == kSession.size() || endpoint_path[kSession.size()] == '/' ||
                             endpoint_path[kSession.size()] == '?');
  if (path.empty() || !of_a_session) return path;
  for (const veeam::em::BackupJobSession& session : impl_->catalog->backup_sessions()) {
    if (session.state != veeam::em::BackupJobSessionState::Working || !session.uid) continue;
    const std::size_t id_at = std::string_view("/backupSessions/").size();
    return path.substr(0, id_at) + session.uid->id + path.substr(std::min(path.find('/', id_at), path.size()));
  }
  return path;
}

void Simulator::expire_tokens() {
  std::lock_guard lock(impl_->mutex);
  for (auto& [token, logon] : impl_->logons) logon.expired = true;
}

void Simulator::fail_next(int status, std::string body, std::string content_type) {
  std::lock_guard lock(impl_->mutex);
  impl_->faults.push_back({status, std::move(body), std::move(content_type), false});
}

void Simulator::fail_next_with_error(int status, std::string message) {
  std::lock_guard lock(impl_->mutex);
  impl_->faults.push_back({status, std::move(message), {}, true});
}

void Simulator::fail_path(std::string path_prefix, int times, int status, std::optional<int> retry_after_seconds) {
  std::lock_guard lock(impl_->mutex);
  impl_->path_faults.push_back({std::move(path_prefix), times, status, retry_after_seconds});
}

void Simulator::drop_path(std::string path_prefix, int times) {
  std::lock_guard lock(impl_->mutex);
  impl_->path_faults.push_back({std::move(path_prefix), times, 0, std::nullopt, true});
}

void Simulator::set_delay(std::chrono::milliseconds delay) {
  std::lock_guard lock(impl_->mutex);
  impl_->delay = delay;
}

}  // namespace emgen::sim
