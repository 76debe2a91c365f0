// sessions-from-the-simulator: emgen's EM simulator (emgen::sim) serving emgen's documented payloads on
// 127.0.0.1, read through the generated EM client (veeam::em_client): how a project tests its EM code without an
// Enterprise Manager.
//   sessions-from-the-simulator SCHEMA_EXAMPLES_DIR

#include <emgen/http.hpp>
#include <emgen/session.hpp>
#include <emgen/sim/simulator.hpp>
#include <exception>
#include <iostream>

#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/client.hpp"
#include "veeam/em/entity_references.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: sessions-from-the-simulator SCHEMA_EXAMPLES_DIR\n";
    return 2;
  }
  try {
    emgen::sim::Options options;
    options.data_dir = argv[1];
    // In all: the documented sessions first (the newest), then sessions the simulator makes.
    options.backup_sessions = 12;
    emgen::sim::Simulator simulator(options);
    simulator.start();
    emgen::CurlTransport transport;
    {
      emgen::Session session(transport, simulator.base_url(), options.user, options.password);
      veeam::em::Client client(session);
      const veeam::em::EntityReferences sessions = client.backup_sessions();
      std::cout << sessions.ref.size() << " backup sessions\n";
      const veeam::em::BackupJobSession first = client.get_backup_session(sessions.ref.at(0).uid.value().id);
      std::cout << "the first: " << first.job_name << ", " << first.result << "\n";
    }
    const emgen::sim::Counters counters = simulator.counters();
    std::cout << counters.logons << " logon(s), " << counters.logoffs << " logoff(s)\n";
  } catch (const std::exception& error) {
    std::cerr << error.what() << "\n";
    return 1;
  }
  return 0;
}
