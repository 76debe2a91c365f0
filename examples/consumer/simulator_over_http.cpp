// simulator-over-http: starts the emgen-sim executable as a person would (--port 0, at a given --now), reads
// the URL, user and password it prints, and talks to it over HTTP with emgen::http and the generated EM types;
// it stops the simulator by its process id.
//   simulator-over-http EMGEN_SIM_EXECUTABLE

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <emgen/datetime.hpp>
#include <emgen/http.hpp>
#include <emgen/session.hpp>
#include <exception>
#include <iostream>
#include <optional>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/query_result.hpp"
#include "veeam/em/repository.hpp"
#include "veeam/em/task.hpp"

extern char** environ;

namespace {

constexpr const char* kNow = "2031-05-06T07:08:09Z";

struct Started {
  pid_t pid = -1;
  std::string url;
  std::string user;
  std::string password;
};

// Reads what the simulator prints until the line that ends its start-up banner; that line is flushed only once
// the server listens, so the URL then answers.
Started start_simulator(const std::string& executable) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("no pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<std::string> arguments{executable, "--port", "0", "--now", kNow};
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  Started started;
  const int spawned = posix_spawn(&started.pid, executable.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) throw std::runtime_error("cannot start " + executable);
  std::string printed;
  char buffer[512];
  while (printed.find("Ctrl-C stops") == std::string::npos) {
    const ssize_t n = read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    printed.append(buffer, static_cast<std::size_t>(n));
  }
  close(out[0]);
  std::smatch url;
  std::smatch credentials;
  if (!std::regex_search(printed, url, std::regex("serving (http://127\\.0\\.0\\.1:[0-9]+/api)\n")) ||
      !std::regex_search(printed, credentials, std::regex("user \"([^\"]*)\", password \"([^\"]*)\"\n"))) {
    kill(started.pid, SIGTERM);
    waitpid(started.pid, nullptr, 0);
    throw std::runtime_error("emgen-sim printed no URL and credentials:\n" + printed);
  }
  started.url = url[1];
  started.user = credentials[1];
  started.password = credentials[2];
  return started;
}

void require(bool condition, const std::string& what) {
  if (!condition) throw std::runtime_error(what);
}

void check(emgen::Session& session) {
  const emgen::Response repositories = session.call("GET", "/repositories?format=Entity");
  require(repositories.status == 200, "GET /repositories?format=Entity: " + std::to_string(repositories.status));
  const auto list = veeam::em::Repositories::from_xml(repositories.body, emgen::ReadMode::strict);
  require(!list.repository.empty(), "GET /repositories?format=Entity: no repository\n" + repositories.body);
  std::cout << list.repository.size() << " repositories\n";

  const std::string job =
      veeam::em::EntityReferences::from_xml(session.call_ok("GET", "/jobs").body).ref.at(0).uid.value().id;
  const emgen::Response started = session.call("POST", "/jobs/" + job + "?action=start");
  require(started.status == 202, "POST /jobs/{ID}?action=start: " + std::to_string(started.status));
  veeam::em::Task task = veeam::em::Task::from_xml(started.body, emgen::ReadMode::strict);
  for (int poll = 0; poll < 100 && task.state.text() != "Finished"; ++poll)
    task = veeam::em::Task::from_xml(session.call_ok("GET", "/tasks/" + task.task_id).body, emgen::ReadMode::strict);
  require(task.state.text() == "Finished", "task " + task.task_id + " did not finish");
  std::cout << "started job: 202, task " << task.operation << " Finished\n";

  const auto failed_or_warning = veeam::em::QueryResult::from_xml(
      session.call_ok("GET", "/query?type=BackupJobSession&format=Entities&filter=Result==Failed,Result==Warning").body,
      emgen::ReadMode::strict);
  require(failed_or_warning.entities.has_value(), "the query answered no entities");
  std::set<std::string> results;
  for (const auto& s : failed_or_warning.entities->backup_job_sessions) results.insert(std::string(s.result.text()));
  require(results == std::set<std::string>{"Failed", "Warning"}, "the query answered other results");
  std::cout << "Result==Failed,Result==Warning: Failed and Warning sessions\n";

  // The data set is made around --now: every session lies in the month before it, none after it. Read leniently:
  // running sessions carry Result "None", which EM sends and its tables do not list.
  const emgen::DateTime now = emgen::parse_datetime(kNow).value();
  const auto all = veeam::em::QueryResult::from_xml(
      session.call_ok("GET", "/query?type=BackupJobSession&format=Entities&pageSize=1000").body);
  require(all.entities.has_value() && !all.entities->backup_job_sessions.empty(), "no backup sessions");
  for (const auto& s : all.entities->backup_job_sessions)
    require(s.creation_time_utc > now - std::chrono::days(30) && s.creation_time_utc < now + std::chrono::hours(1),
            "session " + s.name.value_or("") + " of " + s.job_name + " was created at " +
                emgen::format_datetime(s.creation_time_utc) + ", far from " + kNow);
  std::cout << all.entities->backup_job_sessions.size() << " sessions, all in the month before --now\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: simulator-over-http EMGEN_SIM_EXECUTABLE\n";
    return 2;
  }
  Started simulator;
  int status = 0;
  try {
    simulator = start_simulator(argv[1]);
    emgen::CurlTransport transport;
    emgen::Session session(transport, simulator.url, simulator.user, simulator.password);
    check(session);
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    status = 1;
  }
  if (simulator.pid > 0) {
    kill(simulator.pid, SIGTERM);
    int exit_status = 0;
    waitpid(simulator.pid, &exit_status, 0);
    if (!WIFEXITED(exit_status) || WEXITSTATUS(exit_status) != 0) {
      std::cerr << "emgen-sim did not stop cleanly on SIGTERM\n";
      status = 1;
    } else {
      std::cout << "stopped\n";
    }
  }
  return status;
}
