// emgen-sim: runs the EM simulator on 127.0.0.1 until SIGINT or SIGTERM, for trying a client by hand.

#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "emgen/sim/simulator.hpp"
#include "record.hpp"

namespace {

// Installed, the documented payloads lie beside the executable (<prefix>/share/emgen/schemas/examples, reached
// from <prefix>/bin); run from the build tree, they are the source tree's.
std::filesystem::path default_data_dir() {
  std::error_code error;
  const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path installed = executable.parent_path() / EMGEN_INSTALLED_EXAMPLES_DIR;
    if (std::filesystem::is_directory(installed, error)) return installed.lexically_normal();
  }
  return EMGEN_EXAMPLES_DIR;
}

// Blocks SIGINT and SIGTERM before any server thread starts, so that the threads inherit the mask and
// wait_for_signal() gets the signal.
sigset_t block_stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

void wait_for_signal(const sigset_t& signals) {
  int received = 0;
  sigwait(&signals, &received);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Veeam Backup Enterprise Manager REST API simulator (loopback only, for tests)"};
  emgen::sim::Options options;
  options.data_dir = default_data_dir();
  int port = 0;
  app.add_option("--port", port, "Port on 127.0.0.1 (0 picks a free one)")->check(CLI::Range(0, 65535));
  app.add_option("--data-dir", options.data_dir, "The documented payloads (default: " + options.data_dir.string() + ")")
      ->check(CLI::ExistingDirectory);
  app.add_option("--user", options.user, "User name that logon accepts")->capture_default_str();
  app.add_option("--password", options.password, "Password that logon accepts (printed at start-up)")
      ->capture_default_str();
  app.add_flag("--tls", options.tls, "Serve HTTPS with a self-signed certificate made at start-up");
  app.add_option("--sessions", options.backup_sessions,
                 "Backup sessions in the data set in all, the documented ones first, then made ones; never fewer "
                 "than the documented ones, which are all kept")
      ->check(CLI::Range(0, 100000))
      ->capture_default_str();
  app.add_option("--scenario", options.scenario, "A fault scenario file: delays and failures per path")
      ->check(CLI::ExistingFile);
  app.add_option("--task-polls", options.task_running_polls, "GET /tasks/{ID} says Running this many times")
      ->capture_default_str();
  std::string schemas;
  app.add_option("--schemas", schemas,
                 "The schema set whose every endpoint is served, from its examples and generated values (default: "
                 "the parent of --data-dir)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--import", options.imports,
                 "A schema set --schemas imports, DIR or DIR=NAMESPACE as for emgen (repeatable); its endpoints are "
                 "served too");
  std::string json_style = "pascal";
  app.add_option("--json-style", json_style, "Member names of JSON answers: pascal (EM up to 12.x) or camel (EM 13.x)")
      ->check(CLI::IsMember({"pascal", "camel"}));
  std::string now;
  app.add_option("--now", now,
                 "The simulated time at start-up, e.g. 2025-10-19T08:00:00Z (default: the real time); the data set "
                 "is made around it");
  app.add_option("--speed", options.speed, "Simulated seconds per real second")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  int idle_minutes = 15;
  app.add_option("--idle-timeout", idle_minutes, "Simulated minutes after which an unused token expires")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_flag("--lenient-requests", options.lenient_requests,
               "Accept a request body that reads only leniently (unknown members, elements out of order)");

  emgen::sim::RecordOptions record_options;
  int proxy_port = 0;
  CLI::App* record = app.add_subcommand("record", "Record a real EM through a proxy on 127.0.0.1, secrets scrubbed");
  record->add_option("--upstream", record_options.upstream, "The EM to record: https://HOST:9398")->required();
  record->add_option("--out", record_options.out, "A new or empty folder for the recording")->required();
  record->add_option("--port", proxy_port, "Port of the proxy on 127.0.0.1 (0 picks a free one)")
      ->check(CLI::Range(0, 65535));
  record->add_option("--ca-file", record_options.ca_file, "The upstream's certificate (EM's is self-signed)")
      ->check(CLI::ExistingFile);
  record->add_flag("--insecure", record_options.insecure, "Do not verify the upstream's certificate");

  std::filesystem::path replay_dir;
  CLI::App* replay = app.add_subcommand("replay", "Serve a recorded folder on 127.0.0.1");
  replay->add_option("DIR", replay_dir, "A folder written by emgen-sim record")
      ->required()
      ->check(CLI::ExistingDirectory);
  replay->add_option("--port", proxy_port, "Port on 127.0.0.1 (0 picks a free one)")->check(CLI::Range(0, 65535));
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  if (!schemas.empty()) options.schemas = schemas;
  options.json_style = json_style == "camel" ? emgen::JsonStyle::camel : emgen::JsonStyle::pascal;
  options.idle_timeout = std::chrono::minutes(idle_minutes);
  if (!now.empty()) {
    options.now = emgen::parse_datetime(now);
    if (!options.now) {
      std::cerr << "--now: \"" << now << "\" is not a time such as 2025-10-19T08:00:00Z\n";
      return 2;
    }
  }

  const sigset_t signals = block_stop_signals();
  if (record->parsed() || replay->parsed()) {
    try {
      if (record->parsed()) {
        emgen::sim::Recorder recorder(record_options);
        recorder.start(static_cast<std::uint16_t>(proxy_port));
        std::cout << "emgen-sim: recording " << record_options.upstream << " through " << recorder.origin()
                  << "/api into " << record_options.out.string() << "\nemgen-sim: Ctrl-C stops" << std::endl;
        wait_for_signal(signals);
        recorder.stop();
        std::cout << "emgen-sim: " << recorder.exchanges() << " exchanges recorded" << std::endl;
      } else {
        emgen::sim::Replayer replayer(replay_dir);
        replayer.start(static_cast<std::uint16_t>(proxy_port));
        std::cout << "emgen-sim: replaying " << replayer.size() << " exchanges of " << replay_dir.string() << " on "
                  << replayer.origin() << "/api\nemgen-sim: Ctrl-C stops" << std::endl;
        wait_for_signal(signals);
        replayer.stop();
      }
    } catch (const std::exception& error) {
      std::cerr << "emgen-sim: " << error.what() << "\n";
      return 1;
    }
    return 0;
  }

  try {
    emgen::sim::Simulator simulator(options);
    simulator.start(static_cast<std::uint16_t>(port));
    std::cout << "emgen-sim: serving " << simulator.base_url() << "\n";
    // A simulator's credentials are not secrets: they are what a person trying a client types next.
    std::cout << "emgen-sim: user \"" << options.user << "\", password \"" << options.password << "\"\n";
    if (options.tls) std::cout << "emgen-sim: certificate " << simulator.cert_file().string() << "\n";
    std::cout << "emgen-sim: Ctrl-C stops" << std::endl;
    wait_for_signal(signals);
    simulator.stop();
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
