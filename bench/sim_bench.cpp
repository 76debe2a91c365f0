// Throughput of the EM simulator on loopback: requests per second with 1, 8 and 32 clients, each a thread with
// its own kept-alive connection, all on one logon. Each request is GET /api/backupSessions/{ID}?format=Entity
// (an entity written as XML, about 2 KB) over a data set of 1,000 sessions, the ids taken in turn. Clients and
// server share this process and its cores, as in the client tests: the figure is the simulator's capacity as the
// tests see it, not a server's alone. items_per_second is requests per second, over all clients.
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <atomic>
#include <emgen/sim/simulator.hpp>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int kSessions = 1000;

struct Setup {
  Setup() {
    emgen::sim::Options options;
    options.data_dir = EMGEN_BENCH_EXAMPLES;
    options.backup_sessions = kSessions;
    options.threads = 32;  // one per kept-alive client connection, for the 32 clients
    simulator = std::make_unique<emgen::sim::Simulator>(options);
    simulator->start();
    for (const auto& session : simulator->backup_sessions())
      targets.push_back("/api/backupSessions/" + session.uid.value().id + "?format=Entity");
    httplib::Client client("127.0.0.1", simulator->port());
    const auto logon = client.Post("/api/sessionMngr/?v=latest",
                                   httplib::Headers{{"Authorization", "Basic ZW1nZW46ZW1nZW4="}}, "", "text/plain");
    if (!logon || logon->status != 201) throw std::runtime_error("sim_bench: logon failed");
    token = logon->get_header_value("X-RestSvcSessionId");
  }
  std::unique_ptr<emgen::sim::Simulator> simulator;
  std::vector<std::string> targets;
  std::string token;
};

Setup& setup() {
  static Setup instance;
  return instance;
}

void BM_SimulatorGetEntity(benchmark::State& state) {
  Setup& s = setup();
  httplib::Client client("127.0.0.1", s.simulator->port());
  client.set_keep_alive(true);
  const httplib::Headers headers = {{"X-RestSvcSessionId", s.token}};
  std::size_t next = static_cast<std::size_t>(state.thread_index()) * 37;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    const auto result = client.Get(s.targets[next++ % s.targets.size()], headers);
    if (!result || result->status != 200) {
      state.SkipWithError("a request failed");
      break;
    }
    bytes += static_cast<std::int64_t>(result->body.size());
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_SimulatorGetEntity)->Threads(1)->Threads(8)->Threads(32)->UseRealTime()->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
