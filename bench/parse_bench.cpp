// parse_bench: the generated XML/JSON readers and writers against the parsers underneath them, in one process.
//
// The input is a QueryResult-like document, shaped as EM's GET /query?type=BackupJobSession&format=Entities
// (<QueryResult><Entities><BackupJobSessions>...): N copies (default 10,000) of the documented payload
// schemas/examples/BackupJobSession_doc13.xml, each with its own session id and job name, namespace
// declarations moved to the root. The JSON input is the same sessions written with to_json(), as one array.
//
//   (a) xml_a_pugixml_load         pugixml load_buffer alone (the flags the bindings use)
//   (b) xml_b_pugixml_load_walk    (a) + a plain walk touching every node and attribute
//   (c) xml_c_load_typed           (a) + BackupJobSession::from_xml(node) for every child of the root
//   (d) json_d_ondemand_walk       simdjson On-Demand: iterate + touch every key and value
//   (e) json_e_typed               simdjson On-Demand + the generated read_json for every array item
//   plus, for information: one-document-per-session from_xml(text)/from_json(text), and to_xml()/to_json().
//
// After the benchmarks, the ratios c/a, c/b and e/d are printed from the times of this same run (median CPU
// time per iteration when --benchmark_repetitions is given).
//
// Environment: EMGEN_BENCH_EXAMPLE (payload file), EMGEN_BENCH_SESSIONS (count, default 10000).

#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <emgen/json_reader.hpp>
#include <emgen/json_simdjson.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "veeam/em/backup_job_session.hpp"

// The implementation simdjson's On-Demand templates are instantiated for in this translation unit (and, built
// with the same flags, in the runtime and the bindings). simdjson::builtin_implementation() cannot tell: it is
// compiled into libsimdjson and reports the library's own compile-time choice.
#define EMGEN_BENCH_STRINGIFY_(x) #x
#define EMGEN_BENCH_STRINGIFY(x) EMGEN_BENCH_STRINGIFY_(x)

#include "raw_walks.hpp"

namespace {

using emgen_bench::fail;
using emgen_bench::walk;

namespace em = veeam::em;
namespace ondemand = simdjson::ondemand;

// The parse options emgen::xml::parse_document uses, so that (a), (b) and (c) parse identically.
constexpr unsigned kXmlParseOptions = pugi::parse_default | pugi::parse_doctype;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

struct Data {
  std::size_t count = 0;
  std::string xml;                          // <QueryResult><Entities><BackupJobSessions> N × <BackupJobSession>
  std::vector<std::string> xml_documents;   // each session as its own document (with declaration, namespace)
  std::string json;                         // [ N × to_json() ]
  simdjson::padded_string json_padded;      // the same, padded once for simdjson
  std::vector<std::string> json_documents;  // each session's to_json()
  std::vector<em::BackupJobSession> sessions;
};

Data build_data() {
  const char* path_env = std::getenv("EMGEN_BENCH_EXAMPLE");
  const char* count_env = std::getenv("EMGEN_BENCH_SESSIONS");
  const std::string path = path_env ? path_env : EMGEN_BENCH_EXAMPLE;
  Data data;
  data.count = count_env ? std::strtoul(count_env, nullptr, 10) : 10000;
  if (data.count == 0) throw std::runtime_error("EMGEN_BENCH_SESSIONS must be a positive number");

  const std::string payload = read_file(path);
  // The element alone: no declaration, and the namespace declarations go to the collection's root.
  const std::size_t start = payload.find("<BackupJobSession");
  const std::size_t end = payload.rfind("</BackupJobSession>");
  if (start == std::string::npos || end == std::string::npos)
    throw std::runtime_error(path + ": no <BackupJobSession>");
  std::string element = payload.substr(start, end + std::strlen("</BackupJobSession>") - start);
  const std::string declarations[] = {R"( xmlns:xsd="http://www.w3.org/2001/XMLSchema")",
                                      R"( xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance")",
                                      R"( xmlns="http://www.veeam.com/ent/v1.0")"};
  for (const auto& declaration : declarations) replace_all(element, declaration, "");

  data.xml = R"(<?xml version="1.0" encoding="utf-8"?>)"
             "\n<QueryResult";
  for (const auto& declaration : declarations) data.xml += declaration;
  data.xml += ">\n<Entities>\n<BackupJobSessions>\n";
  data.sessions.reserve(data.count);
  char id[24];
  for (std::size_t i = 0; i < data.count; ++i) {
    std::string copy = element;
    std::snprintf(id, sizeof id, "%08x", static_cast<unsigned>(i));
    replace_all(copy, "a057c2c3", id);                                     // session id (Href, UID, links)
    replace_all(copy, "Backup Job 3", "Backup Job " + std::to_string(i));  // job and session names
    data.xml += copy;
    data.xml += '\n';
    std::string document = R"(<?xml version="1.0" encoding="utf-8"?>)";
    document += copy;
    document.insert(document.find("<BackupJobSession") + std::strlen("<BackupJobSession"),
                    R"( xmlns="http://www.veeam.com/ent/v1.0")");
    data.sessions.push_back(em::BackupJobSession::from_xml(document, emgen::ReadMode::strict));
    data.xml_documents.push_back(std::move(document));
  }
  data.xml += "</BackupJobSessions>\n</Entities>\n</QueryResult>\n";

  data.json = "[";
  for (std::size_t i = 0; i < data.count; ++i) {
    data.json_documents.push_back(data.sessions[i].to_json());
    if (i) data.json += ",\n";
    data.json += data.json_documents.back();
  }
  data.json += "]\n";
  data.json_padded = simdjson::padded_string(data.json);
  return data;
}

const Data& data() {
  static const Data instance = build_data();
  return instance;
}

// ---- XML -------------------------------------------------------------------------------------------------

void load(pugi::xml_document& document, const std::string& xml) {
  const pugi::xml_parse_result result =
      document.load_buffer(xml.data(), xml.size(), kXmlParseOptions, pugi::encoding_utf8);
  if (!result) throw std::runtime_error(std::string("pugixml: ") + result.description());
}

std::vector<em::BackupJobSession> read_typed_xml(const pugi::xml_document& document) {
  std::vector<em::BackupJobSession> sessions;
  sessions.reserve(data().count);
  const pugi::xml_node list = document.document_element().child("Entities").child("BackupJobSessions");
  for (pugi::xml_node child = list.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element)
      sessions.push_back(em::BackupJobSession::from_xml(child, emgen::ReadMode::lenient));
  return sessions;
}

void xml_a_pugixml_load(benchmark::State& state) {
  const std::string& xml = data().xml;
  for (auto _ : state) {
    pugi::xml_document document;
    load(document, xml);
    benchmark::DoNotOptimize(document.first_child().internal_object());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * xml.size()));
}

void xml_b_pugixml_load_walk(benchmark::State& state) {
  const std::string& xml = data().xml;
  for (auto _ : state) {
    pugi::xml_document document;
    load(document, xml);
    std::uint64_t sum = walk(document);
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * xml.size()));
}

void xml_c_load_typed(benchmark::State& state) {
  const std::string& xml = data().xml;
  for (auto _ : state) {
    pugi::xml_document document;
    load(document, xml);
    std::vector<em::BackupJobSession> sessions = read_typed_xml(document);
    benchmark::DoNotOptimize(sessions.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * xml.size()));
}

void xml_per_document_from_xml(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& document : data().xml_documents) bytes += document.size();
  for (auto _ : state) {
    std::vector<em::BackupJobSession> sessions;
    sessions.reserve(data().count);
    for (const auto& document : data().xml_documents) sessions.push_back(em::BackupJobSession::from_xml(document));
    benchmark::DoNotOptimize(sessions.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// ---- JSON ------------------------------------------------------------------------------------------------

std::vector<em::BackupJobSession> read_typed_json(ondemand::parser& parser, const simdjson::padded_string& json) {
  // What emgen::json::parse_document does for one document, with the root read as a list: read_items is the
  // runtime's code for a JSON array of a generated type (what a generated collection type would call).
  emgen::json::Reader reader(std::string_view(json.data(), json.size()), emgen::ReadMode::lenient);
  ondemand::document document;
  if (const auto error = parser.iterate(json).get(document)) emgen::json::fail(reader, 0, error);
  emgen::json::Value root;
  if (const auto error = document.get_value().get(static_cast<ondemand::value&>(root)))
    emgen::json::fail(reader, 0, error);
  std::vector<em::BackupJobSession> sessions;
  sessions.reserve(data().count);
  emgen::json::read_items(reader, root, sessions);
  return sessions;
}

void json_d_ondemand_walk(benchmark::State& state) {
  const simdjson::padded_string& json = data().json_padded;
  ondemand::parser parser;
  for (auto _ : state) {
    ondemand::document document;
    if (const auto error = parser.iterate(json).get(document)) fail(error);
    ondemand::value root;
    if (const auto error = document.get_value().get(root)) fail(error);
    std::uint64_t sum = walk(root);
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}

void json_e_typed(benchmark::State& state) {
  const simdjson::padded_string& json = data().json_padded;
  ondemand::parser parser;
  for (auto _ : state) {
    std::vector<em::BackupJobSession> sessions = read_typed_json(parser, json);
    benchmark::DoNotOptimize(sessions.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * json.size()));
}

void json_per_document_from_json(benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& document : data().json_documents) bytes += document.size();
  for (auto _ : state) {
    std::vector<em::BackupJobSession> sessions;
    sessions.reserve(data().count);
    for (const auto& document : data().json_documents) sessions.push_back(em::BackupJobSession::from_json(document));
    benchmark::DoNotOptimize(sessions.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// ---- Writers ---------------------------------------------------------------------------------------------

void write_to_xml(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& session : data().sessions) {
      std::string text = session.to_xml();
      bytes += text.size();
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void write_to_json(benchmark::State& state) {
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    for (const auto& session : data().sessions) {
      std::string text = session.to_json();
      bytes += text.size();
      benchmark::DoNotOptimize(text.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

BENCHMARK(xml_a_pugixml_load)->Unit(benchmark::kMillisecond);
BENCHMARK(xml_b_pugixml_load_walk)->Unit(benchmark::kMillisecond);
BENCHMARK(xml_c_load_typed)->Unit(benchmark::kMillisecond);
BENCHMARK(xml_per_document_from_xml)->Unit(benchmark::kMillisecond);
BENCHMARK(json_d_ondemand_walk)->Unit(benchmark::kMillisecond);
BENCHMARK(json_e_typed)->Unit(benchmark::kMillisecond);
BENCHMARK(json_per_document_from_json)->Unit(benchmark::kMillisecond);
BENCHMARK(write_to_xml)->Unit(benchmark::kMillisecond);
BENCHMARK(write_to_json)->Unit(benchmark::kMillisecond);

// ---- Checks and ratios -----------------------------------------------------------------------------------

/// Every reader must give the same sessions, so that the benchmarks compare the same work.
void check_readers() {
  const Data& d = data();
  pugi::xml_document document;
  load(document, d.xml);
  const auto from_xml = read_typed_xml(document);
  ondemand::parser parser;
  const auto from_json = read_typed_json(parser, d.json_padded);
  if (from_xml != d.sessions || from_json != d.sessions)
    throw std::runtime_error("the typed readers disagree: the benchmarks would not compare the same data");
  if (from_xml[1].job_name != "Backup Job 1") throw std::runtime_error("the sessions are not distinct");
}

/// Shows the benchmarks as usual and keeps each one's CPU time per iteration for the ratios.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  using ConsoleReporter::ConsoleReporter;

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) continue;
      const std::string name = run.run_name.function_name;
      if (run.run_type == Run::RT_Iteration)
        iterations_[name].push_back(run.GetAdjustedCPUTime());
      else if (run.aggregate_name == "median")
        medians_[name] = run.GetAdjustedCPUTime();
    }
    ConsoleReporter::ReportRuns(runs);
  }

  /// Median CPU time per iteration of one benchmark in this run, 0 if it did not run.
  double time_of(const std::string& name) const {
    if (const auto median = medians_.find(name); median != medians_.end()) return median->second;
    const auto found = iterations_.find(name);
    if (found == iterations_.end() || found->second.empty()) return 0;
    std::vector<double> times = found->second;
    std::sort(times.begin(), times.end());
    const std::size_t n = times.size();
    return n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  }

  void print_ratios(std::ostream& out) const {
    struct Ratio {
      const char* label;
      const char* numerator;
      const char* denominator;
      double goal;
    };
    const Ratio ratios[] = {
        {"c/a  XML typed vs pugixml load alone", "xml_c_load_typed", "xml_a_pugixml_load", 0},
        {"c/b  XML typed vs pugixml load + walk", "xml_c_load_typed", "xml_b_pugixml_load_walk", 1.3},
        {"e/d  JSON typed vs On-Demand walk", "json_e_typed", "json_d_ondemand_walk", 1.3},
    };
    out << "\nRatios (median CPU time per iteration, this run):\n";
    for (const Ratio& ratio : ratios) {
      const double numerator = time_of(ratio.numerator), denominator = time_of(ratio.denominator);
      if (numerator <= 0 || denominator <= 0) continue;
      char line[200];
      std::snprintf(line, sizeof line, "  %-40s %6.2fx", ratio.label, numerator / denominator);
      out << line;
      if (ratio.goal > 0)
        out << (numerator / denominator <= ratio.goal ? "  (goal <= " : "  (NOT MET: goal <= ") << ratio.goal << "x)";
      out << '\n';
    }
  }

 private:
  std::map<std::string, std::vector<double>> iterations_;
  std::map<std::string, double> medians_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  try {
    const Data& d = data();
    check_readers();
    std::cout << "sessions: " << d.count << "; XML document: " << d.xml.size()
              << " bytes; JSON document: " << d.json.size() << " bytes\n"
              << "simdjson " << simdjson::SIMDJSON_VERSION_MAJOR << '.' << simdjson::SIMDJSON_VERSION_MINOR << '.'
              << simdjson::SIMDJSON_VERSION_REVISION << ": On-Demand code compiled into this program for: "
              << EMGEN_BENCH_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION)
              << " (SIMDJSON_BUILTIN_IMPLEMENTATION); simdjson::builtin_implementation(): "
              << simdjson::builtin_implementation()->name()
              << " (libsimdjson's own build); active, runtime-dispatched (stage 1, string unescaping): "
              << simdjson::get_active_implementation()->name() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "parse_bench: " << e.what() << '\n';
    return 1;
  }
  RatioReporter reporter(isatty(STDOUT_FILENO) ? benchmark::ConsoleReporter::OO_Defaults
                                               : benchmark::ConsoleReporter::OO_Tabular);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios(std::cout);
  benchmark::Shutdown();
  return 0;
}
