// Concurrent requests: the task sessions of 200 backup sessions (GET /backupSessions/{ID}/taskSessions), from
// the EM simulator on 127.0.0.1 answering each request after 20 ms, as a busy server's database would. The
// baseline is what a script does without emgen::get_all: one GET after the other over one connection. Then
// get_all() over 1, 4, 8 and 16 connections, each through one shared Session. All in this process; the table
// at the end gives each one's speedup against the baseline, the connections its transport opened and the
// logons the simulator counted.
#include <benchmark/benchmark.h>

#include <emgen/client.hpp>
#include <emgen/http.hpp>
#include <emgen/sim/simulator.hpp>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "veeam/em/entity_references.hpp"

namespace {

constexpr int kBackupSessions = 200;
constexpr std::chrono::milliseconds kServerDelay{20};

struct Setup {
  Setup() {
    emgen::sim::Options options;
    options.data_dir = EMGEN_BENCH_EXAMPLES;
    options.backup_sessions = kBackupSessions;
    options.threads = 32;
    simulator = std::make_unique<emgen::sim::Simulator>(options);
    simulator->start();
    for (const auto& session : simulator->backup_sessions())
      hrefs.push_back("/backupSessions/" + session.uid.value().id + "/taskSessions");
    simulator->set_delay(kServerDelay);
  }
  std::unique_ptr<emgen::sim::Simulator> simulator;
  std::vector<std::string> hrefs;
};

Setup& setup() {
  static Setup instance;
  return instance;
}

struct Figures {
  std::size_t connections = 0;
  int logons = 0;
  int server_logons = 0;
};
std::map<std::string, Figures> figures;

// One Session (and its transport) for all iterations of a benchmark, as a monitoring job keeps one.
struct Client {
  explicit Client(std::size_t connections) {
    emgen::CurlOptions options;
    options.max_connections = connections;
    transport = std::make_unique<emgen::CurlTransport>(options);
    session = std::make_unique<emgen::Session>(*transport, setup().simulator->base_url(), "emgen", "emgen");
    logons_before = setup().simulator->counters().logons;
  }
  void record(const std::string& name) {
    figures[name] = {transport->connections_opened(), session->logons(),
                     setup().simulator->counters().logons - logons_before};
  }
  std::unique_ptr<emgen::CurlTransport> transport;
  std::unique_ptr<emgen::Session> session;
  int logons_before = 0;
};

void sequential(benchmark::State& state) {
  Setup& s = setup();
  Client client(1);
  for (auto _ : state)
    for (const std::string& href : s.hrefs)
      benchmark::DoNotOptimize(emgen::follow<veeam::em::EntityReferences>(*client.session, href));
  state.SetItemsProcessed(state.iterations() * kBackupSessions);
  client.record("sequential");
}

void get_all(benchmark::State& state) {
  Setup& s = setup();
  const auto connections = static_cast<std::size_t>(state.range(0));
  Client client(connections);
  for (auto _ : state)
    benchmark::DoNotOptimize(emgen::get_all<veeam::em::EntityReferences>(*client.session, s.hrefs, connections));
  state.SetItemsProcessed(state.iterations() * kBackupSessions);
  client.record("get_all/" + std::to_string(connections));
}

BENCHMARK(sequential)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);
BENCHMARK(get_all)->Arg(1)->Arg(4)->Arg(8)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

/// Keeps each benchmark's median real time per iteration.
class SpeedupReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      times_[run.run_name.function_name + (run.run_name.args.empty() ? "" : "/" + run.run_name.args)] =
          run.GetAdjustedRealTime();
    }
  }
  std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  SpeedupReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double baseline = reporter.times_["sequential"];
  if (baseline > 0) {
    std::cout << "\nTask sessions of " << kBackupSessions << " backup sessions, server delay " << kServerDelay.count()
              << " ms per request (median real time):\n"
              << "| | time (ms) | speedup | connections opened | logons |\n|---|---|---|---|---|\n";
    for (const std::string name : {"sequential", "get_all/1", "get_all/4", "get_all/8", "get_all/16"}) {
      const auto time = reporter.times_.find(name);
      if (time == reporter.times_.end()) continue;
      const Figures& f = figures[name];
      std::cout << "| " << name << " | " << std::fixed << std::setprecision(0) << time->second << " | "
                << std::setprecision(2) << baseline / time->second << "x | " << f.connections << " | "
                << f.server_logons << " |\n";
    }
    std::cout << "(goal: >= 6x at 8 connections with 1 logon)\n";
  }
  benchmark::Shutdown();
  return 0;
}
