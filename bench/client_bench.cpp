// Client overhead: 1,000 sequential GETs of one BackupJobSession (?format=Entity) against the EM simulator on
// 127.0.0.1, through the generated client (Session + CurlTransport + from_xml) and through raw libcurl reusing
// one handle with the same token (body kept, not parsed). Both in this process, side by side; the ratio is
// printed at the end, with the connections each side opened.
#include <benchmark/benchmark.h>
#include <curl/curl.h>

#include <emgen/http.hpp>
#include <emgen/sim/simulator.hpp>
#include <iostream>
#include <memory>

#include "veeam/em/client.hpp"

namespace {

constexpr int kRequests = 1000;

struct Setup {
  Setup() {
    emgen::sim::Options options;
    options.data_dir = EMGEN_BENCH_EXAMPLES;
    options.backup_sessions = 20;
    simulator = std::make_unique<emgen::sim::Simulator>(options);
    simulator->start();
    transport = std::make_unique<emgen::CurlTransport>();
    session = std::make_unique<emgen::Session>(*transport, simulator->base_url(), options.user, options.password);
    client = std::make_unique<veeam::em::Client>(*session);
    id = simulator->backup_sessions().front().uid.value().id;
    client->get_backup_session(id);  // logs on
    token = simulator->issued_tokens().back();
  }
  ~Setup() {
    client.reset();
    session.reset();
    transport.reset();
  }
  std::unique_ptr<emgen::sim::Simulator> simulator;
  std::unique_ptr<emgen::CurlTransport> transport;
  std::unique_ptr<emgen::Session> session;
  std::unique_ptr<veeam::em::Client> client;
  std::string id;
  std::string token;
};

Setup& setup() {
  static Setup instance;
  return instance;
}

std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

long raw_connections = 0;

void generated_client(benchmark::State& state) {
  Setup& s = setup();
  for (auto _ : state)
    for (int i = 0; i < kRequests; ++i) benchmark::DoNotOptimize(s.client->get_backup_session(s.id));
  state.SetItemsProcessed(state.iterations() * kRequests);
}

void raw_libcurl(benchmark::State& state) {
  Setup& s = setup();
  CURL* curl = curl_easy_init();
  const std::string url = s.simulator->base_url() + "/backupSessions/" + s.id + "?format=Entity";
  curl_slist* headers = curl_slist_append(nullptr, ("X-RestSvcSessionId: " + s.token).c_str());
  headers = curl_slist_append(headers, "Accept: application/xml");
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  for (auto _ : state) {
    for (int i = 0; i < kRequests; ++i) {
      body.clear();
      if (curl_easy_perform(curl) != CURLE_OK) state.SkipWithError("curl_easy_perform failed");
      benchmark::DoNotOptimize(body.data());
      long opened = 0;  // new connections made by this transfer alone
      curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &opened);
      raw_connections += opened;
    }
  }
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  state.SetItemsProcessed(state.iterations() * kRequests);
}

BENCHMARK(generated_client)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(raw_libcurl)->Unit(benchmark::kMillisecond)->UseRealTime();

/// Keeps each benchmark's median real time per iteration.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      times_[run.run_name.function_name] = run.GetAdjustedRealTime();
    }
  }
  std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double client = reporter.times_["generated_client"], raw = reporter.times_["raw_libcurl"];
  if (client > 0 && raw > 0) {
    std::cout << "\nClient overhead (" << kRequests << " sequential GETs of one BackupJobSession):\n"
              << "  generated client / raw libcurl   " << client / raw << "x  (goal <= 1.2x)\n"
              << "  connections opened: generated client " << setup().transport->connections_opened()
              << ", raw libcurl " << raw_connections << " (one per benchmark run: each run starts a new handle)\n";
  }
  benchmark::Shutdown();
  curl_global_cleanup();
  return 0;
}
