// growth_bench: how the cost of a lenient read grows with the document, whatever its shape.
//
// Each document is a QueryResult of N backup job sessions (the documented payload
// schemas/examples/BackupJobSession_doc13.xml, each with its own id), read with QueryResult::from_xml or
// from_json into a ReadWarnings (the costly case: every unknown member is reported, kept and located). Shapes:
//   unknown/N/U   U members per session that the schema does not list (U = 0, 1, 10), N = 1k, 2k, 4k, 8k
//   deep/N        one unknown member per session nested 64 deep
//   long/N        one unknown member per session with a 2,000-character name
//   v1_3/10000    each session carrying <FailureMessage> (null in JSON), as RestAPI v1_3 and real 13.x servers
//                 send it, against v13/10000, the same sessions without it
// After the run it prints, from the times of this same run, the per-session cost of each document, the growth
// 8k/1k of the per-session cost (goal <= 1.2: linear), the cost of one unknown member per session against none
// (goal <= 1.5), and v1_3 against v13 (goal: within 20 %).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/query_result.hpp"

namespace {

namespace em = veeam::em;

enum class Shape { unknown, deep, long_name, failure_message };

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The documented session, as a value: each document's sessions are copies of it with their own names.
const em::BackupJobSession& documented_session() {
  static const em::BackupJobSession session =
      em::BackupJobSession::from_xml(read_file(EMGEN_BENCH_EXAMPLE), emgen::ReadMode::strict);
  return session;
}

// The members a session carries beyond its schema, in XML or JSON.
std::string extra_members(Shape shape, int unknown, bool json) {
  std::string extra;
  switch (shape) {
    case Shape::unknown:
      for (int k = 0; k < unknown; ++k) {
        const std::string name = "Extra" + std::to_string(k);
        extra += json ? "\"" + name + "\":{\"Code\":17,\"Text\":\"Lost connection\"},"
                      : "<" + name + " Code=\"17\"><Text>Lost connection</Text></" + name + ">";
      }
      break;
    case Shape::deep: {
      constexpr int kDepth = 64;
      for (int level = 0; level < kDepth; ++level) extra += json ? "\"Deep\":{" : "<Deep>";
      for (int level = 0; level < kDepth; ++level) extra += json ? "}" : "</Deep>";
      if (json) extra += ",";
      break;
    }
    case Shape::long_name: {
      const std::string name = "Long" + std::string(2000, 'x');
      extra += json ? "\"" + name + "\":1," : "<" + name + ">1</" + name + ">";
      break;
    }
    case Shape::failure_message:
      extra += json ? "\"FailureMessage\":null," : "<FailureMessage />";
      break;
  }
  return extra;
}

struct Document {
  std::string xml;
  std::string json;
};

Document make_document(Shape shape, std::size_t count, int unknown) {
  Document document;
  document.xml =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<QueryResult xmlns=\"http://www.veeam.com/ent/v1.0\">"
      "<Entities><BackupJobSessions>\n";
  document.json = "{\"Entities\":{\"BackupJobSessions\":{\"BackupJobSessions\":[\n";
  const std::string xml_extra = extra_members(shape, unknown, false);
  const std::string json_extra = extra_members(shape, unknown, true);
  em::BackupJobSession session = documented_session();
  for (std::size_t i = 0; i < count; ++i) {
    session.job_name = "Backup Job " + std::to_string(i);
    session.name = session.job_name + "@2025-09-24 20:00:09";
    std::string xml = session.to_xml();
    xml.erase(0, xml.find("<BackupJobSession"));
    const std::size_t close = xml.rfind("</BackupJobSession>");
    xml.insert(close, xml_extra);
    document.xml += xml;
    std::string json = session.to_json();
    json.insert(1, json_extra);
    if (i) document.json += ",\n";
    document.json += json;
  }
  document.xml += "</BackupJobSessions></Entities></QueryResult>\n";
  document.json += "]}}}\n";
  // Every document is checked once: the sessions are all read, and each unknown member is reported.
  emgen::ReadWarnings xml_warnings, json_warnings;
  const auto from_xml = em::QueryResult::from_xml(document.xml, xml_warnings);
  const auto from_json = em::QueryResult::from_json(document.json, json_warnings);
  if (!from_xml.entities || from_xml.entities->backup_job_sessions.size() != count || !from_json.entities ||
      from_json.entities->backup_job_sessions.size() != count)
    throw std::runtime_error("a document did not read every session");
  const std::size_t expected = shape == Shape::unknown ? count * unknown : count;
  if (xml_warnings.total() != expected || json_warnings.total() != expected)
    throw std::runtime_error("a document did not report each unknown member once");
  return document;
}

const Document& document(Shape shape, std::size_t count, int unknown) {
  static std::map<std::tuple<Shape, std::size_t, int>, Document> cache;
  const auto key = std::make_tuple(shape, count, unknown);
  auto found = cache.find(key);
  if (found == cache.end()) found = cache.emplace(key, make_document(shape, count, unknown)).first;
  return found->second;
}

template <bool Json>
void read(benchmark::State& state, Shape shape, int unknown) {
  const auto count = static_cast<std::size_t>(state.range(0));
  const Document& doc = document(shape, count, unknown);
  const std::string& text = Json ? doc.json : doc.xml;
  for (auto _ : state) {
    emgen::ReadWarnings warnings;
    auto result = Json ? em::QueryResult::from_json(text, warnings) : em::QueryResult::from_xml(text, warnings);
    benchmark::DoNotOptimize(result);
  }
  state.counters["sessions"] = static_cast<double>(count);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void register_benchmarks() {
  const std::vector<std::int64_t> counts = {1000, 2000, 4000, 8000};
  for (const char* format : {"xml", "json"}) {
    const bool json = std::string(format) == "json";
    const auto add = [&](const std::string& name, Shape shape, int unknown, const std::vector<std::int64_t>& sizes) {
      auto* benchmark = benchmark::RegisterBenchmark(
          (std::string(format) + "/" + name).c_str(), [json, shape, unknown](benchmark::State& state) {
            json ? read<true>(state, shape, unknown) : read<false>(state, shape, unknown);
          });
      for (const std::int64_t size : sizes) benchmark->Arg(size);
      benchmark->Unit(benchmark::kMillisecond);
    };
    for (const int unknown : {0, 1, 10}) add("unknown" + std::to_string(unknown), Shape::unknown, unknown, counts);
    add("deep", Shape::deep, 0, counts);
    add("long", Shape::long_name, 0, counts);
    add("v13", Shape::unknown, 0, {10000});
    add("v1_3", Shape::failure_message, 0, {10000});
  }
}

/// Shows the benchmarks as usual and keeps each one's CPU time per iteration for the table.
class GrowthReporter : public benchmark::ConsoleReporter {
 public:
  using ConsoleReporter::ConsoleReporter;

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs)
      if (!run.error_occurred && (run.run_type == Run::RT_Iteration || run.aggregate_name == "median"))
        times_[run.run_name.str()] = run.GetAdjustedCPUTime();
    ConsoleReporter::ReportRuns(runs);
  }

  double time_of(const std::string& name) const {
    const auto found = times_.find(name);
    return found == times_.end() ? 0 : found->second;
  }
  // Per session, in microseconds (times are in milliseconds).
  double per_session(const std::string& name, std::size_t count) const { return time_of(name) * 1000 / count; }

  int print_table(std::ostream& out) const {
    int missed = 0;
    char line[256];
    out << "\n| document | format | 1k | 2k | 4k | 8k | 8k/1k per session |\n|---|---|---:|---:|---:|---:|---:|\n";
    for (const char* format : {"xml", "json"}) {
      for (const char* shape : {"unknown0", "unknown1", "unknown10", "deep", "long"}) {
        const std::string base = std::string(format) + "/" + shape + "/";
        const double first = per_session(base + "1000", 1000), last = per_session(base + "8000", 8000);
        if (first <= 0 || last <= 0) continue;
        const double growth = last / first;
        missed += growth > 1.2;
        std::snprintf(line, sizeof line, "| %s | %s | %.2f µs | %.2f µs | %.2f µs | %.2f µs | %.2fx%s |\n", shape,
                      format, first, per_session(base + "2000", 2000), per_session(base + "4000", 4000), last, growth,
                      growth > 1.2 ? " (NOT MET: goal <= 1.2x)" : "");
        out << line;
      }
    }
    out << "\n| format | 1 unknown member per session vs none, 8k | v1_3-shaped vs v13-shaped, 10k "
           "|\n|---|---:|---:|\n";
    for (const char* format : {"xml", "json"}) {
      const std::string base = std::string(format) + "/";
      const double one = time_of(base + "unknown1/8000") / time_of(base + "unknown0/8000");
      const double v1_3 = time_of(base + "v1_3/10000") / time_of(base + "v13/10000");
      missed += one > 1.5 || v1_3 > 1.2 || v1_3 < 0.8;
      std::snprintf(line, sizeof line, "| %s | %.2fx%s | %.2fx%s |\n", format, one,
                    one > 1.5 ? " (NOT MET: goal <= 1.5x)" : "", v1_3,
                    (v1_3 > 1.2 || v1_3 < 0.8) ? " (NOT MET: goal within 20 %)" : "");
      out << line;
    }
    return missed;
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    register_benchmarks();
  } catch (const std::exception& e) {
    std::cerr << "growth_bench: " << e.what() << '\n';
    return 1;
  }
  GrowthReporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Defaults
                                                : benchmark::ConsoleReporter::OO_Tabular);
  try {
    benchmark::RunSpecifiedBenchmarks(&reporter);
  } catch (const std::exception& e) {
    std::cerr << "growth_bench: " << e.what() << '\n';
    return 1;
  }
  const int missed = reporter.print_table(std::cout);
  benchmark::Shutdown();
  std::cout << (missed == 0 ? "\nEvery goal met.\n" : "\nSome goals NOT MET.\n");
  return 0;
}
