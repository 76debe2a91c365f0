// emgen-sim: runs the EM simulator on 127.0.0.1 until SIGINT or SIGTERM, for trying a client by hand.

#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <system_error>

#include "emgen/sim/simulator.hpp"

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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Veeam Backup Enterprise Manager REST API simulator (loopback only, for tests)"};
  emgen::sim::Options options;
  options.data_dir = default_data_dir();
  int port = 0;
  app.add_option("--port", port, "Port on 127.0.0.1 (0 picks a free one)")->check(CLI::Range(0, 65535));
  app.add_option("--data-dir", options.data_dir, "The documented payloads (default: " + options.data_dir.string() + ")")
      ->check(CLI::ExistingDirectory);
  app.add_option("--user", options.user, "User name that logon accepts");
  app.add_option("--password", options.password, "Password that logon accepts");
  app.add_flag("--tls", options.tls, "Serve HTTPS with a self-signed certificate made at start-up");
  app.add_option("--sessions", options.backup_sessions, "Backup sessions in the data set")
      ->check(CLI::Range(0, 100000));
  app.add_option("--scenario", options.scenario, "A fault scenario file: delays and failures per path")
      ->check(CLI::ExistingFile);
  app.add_option("--task-polls", options.task_running_polls, "GET /tasks/{ID} says Running this many times");
  CLI11_PARSE(app, argc, argv);

  // Blocked before the server's threads start, so that they inherit the mask and sigwait() below gets the signal.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  try {
    emgen::sim::Simulator simulator(options);
    simulator.start(static_cast<std::uint16_t>(port));
    std::cout << "emgen-sim: serving " << simulator.base_url() << " (user \"" << options.user << "\")\n";
    if (options.tls) std::cout << "emgen-sim: certificate " << simulator.cert_file().string() << "\n";
    std::cout << "emgen-sim: Ctrl-C stops" << std::endl;
    int received = 0;
    sigwait(&signals, &received);
    simulator.stop();
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
