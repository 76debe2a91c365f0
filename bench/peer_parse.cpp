// peer_parse: the emgen side of bench/peers.sh, which compares emgen with gSOAP on the same documents.
//
//   peer_parse write DIR [COUNT]   writes the documents into DIR (COUNT sessions each, default 10000):
//                                  v13.xml   QueryResult of COUNT BackupJobSessions as the v13 examples send them
//                                  v1_3.xml  the same, each session carrying <FailureMessage /> (RestAPI v1_3)
//                                  v13.json  the v13 sessions in EM's JSON form
//   peer_parse time DIR ROUNDS [NAME]
//                                  reads them into memory, then for ROUNDS rounds times each reader once and
//                                  prints one line per measure: "NAME CPU_MS SESSIONS"; with NAME, only that
//                                  measure (to profile one reader alone, e.g. under perf record)
//
// The documents are made as growth_bench makes its v13/10000 and v1_3/10000 documents: the documented payload
// schemas/examples/BackupJobSession_doc13.xml, written back with to_xml()/to_json(), each copy with its own
// job and session name. Measures (CPU time of this thread, from the text in memory to the destroyed result):
//   emgen_xml_v13, emgen_xml_v1_3   QueryResult::from_xml(text, warnings) (lenient: FailureMessage, which the
//                                   v13 schemas lack, is kept as an unknown member and reported)
//   pugixml_walk_v13                pugixml load_buffer with the bindings' options, plus a walk that touches
//                                   every node and attribute (the raw XML floor)
//   emgen_json_v13                  QueryResult::from_json(text, warnings)
//   simdjson_walk_v13               padded copy of the text, On-Demand iterate, read every key and value

#include <simdjson.h>
#include <time.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "raw_walks.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/query_result.hpp"

namespace {

using emgen_bench::fail;
using emgen_bench::walk;

namespace em = veeam::em;
namespace ondemand = simdjson::ondemand;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path);
}

struct Documents {
  std::string v13_xml;
  std::string v1_3_xml;
  std::string v13_json;
};

Documents make_documents(std::size_t count) {
  em::BackupJobSession session =
      em::BackupJobSession::from_xml(read_file(EMGEN_BENCH_EXAMPLE), emgen::ReadMode::strict);
  const std::string head =
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<QueryResult xmlns=\"http://www.veeam.com/ent/v1.0\">"
      "<Entities><BackupJobSessions>\n";
  const std::string tail = "</BackupJobSessions></Entities></QueryResult>\n";
  Documents documents{head, head, "{\"Entities\":{\"BackupJobSessions\":{\"BackupJobSessions\":[\n"};
  for (std::size_t i = 0; i < count; ++i) {
    session.job_name = "Backup Job " + std::to_string(i);
    session.name = session.job_name + "@2025-09-24 20:00:09";
    std::string xml = session.to_xml();
    xml.erase(0, xml.find("<BackupJobSession"));
    documents.v13_xml += xml;
    xml.insert(xml.rfind("</BackupJobSession>"), "<FailureMessage />");
    documents.v1_3_xml += xml;
    if (i) documents.v13_json += ",\n";
    documents.v13_json += session.to_json();
  }
  documents.v13_xml += tail;
  documents.v1_3_xml += tail;
  documents.v13_json += "]}}}\n";
  return documents;
}

double cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

std::size_t sessions_of(const em::QueryResult& result) {
  return result.entities ? result.entities->backup_job_sessions.size() : 0;
}

void report(const char* name, double started, std::size_t sessions) {
  std::printf("%s %.3f %zu\n", name, cpu_ms() - started, sessions);
}

void time_readers(const Documents& documents, std::size_t expected, int rounds, std::string_view only) {
  const auto wanted = [only](std::string_view name) { return only.empty() || only == name; };
  ondemand::parser parser;
  for (int round = 0; round < rounds; ++round) {
    for (const auto& [name, text] :
         {std::pair{"emgen_xml_v13", &documents.v13_xml}, std::pair{"emgen_xml_v1_3", &documents.v1_3_xml}}) {
      if (!wanted(name)) continue;
      const double started = cpu_ms();
      std::size_t sessions = 0, warnings_seen = 0;
      {
        emgen::ReadWarnings warnings;
        const em::QueryResult result = em::QueryResult::from_xml(*text, warnings);
        sessions = sessions_of(result);
        warnings_seen = warnings.total();
        if (sessions != expected || result.entities->backup_job_sessions[1].job_name != "Backup Job 1")
          throw std::runtime_error(std::string(name) + ": the sessions were not read");
      }
      report(name, started, sessions);
      const std::size_t expected_warnings = text == &documents.v1_3_xml ? expected : 0;
      if (warnings_seen != expected_warnings) throw std::runtime_error(std::string(name) + ": unexpected warnings");
    }
    if (wanted("pugixml_walk_v13")) {
      const double started = cpu_ms();
      std::uint64_t sum = 0;
      {
        pugi::xml_document document;
        const pugi::xml_parse_result result =
            document.load_buffer(documents.v13_xml.data(), documents.v13_xml.size(),
                                 pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
        if (!result) throw std::runtime_error(std::string("pugixml: ") + result.description());
        sum = walk(document);
      }
      report("pugixml_walk_v13", started, sum > 0 ? expected : 0);
    }
    if (wanted("emgen_json_v13")) {
      const double started = cpu_ms();
      std::size_t sessions = 0;
      {
        emgen::ReadWarnings warnings;
        const em::QueryResult result = em::QueryResult::from_json(documents.v13_json, warnings);
        sessions = sessions_of(result);
        if (sessions != expected) throw std::runtime_error("emgen_json_v13: the sessions were not read");
      }
      report("emgen_json_v13", started, sessions);
    }
    if (wanted("simdjson_walk_v13")) {
      const double started = cpu_ms();
      std::uint64_t sum = 0;
      {
        const simdjson::padded_string padded(documents.v13_json);
        ondemand::document document;
        if (const auto error = parser.iterate(padded).get(document)) fail(error);
        ondemand::value root;
        if (const auto error = document.get_value().get(root)) fail(error);
        sum = walk(root);
      }
      report("simdjson_walk_v13", started, sum > 0 ? expected : 0);
    }
    std::fflush(stdout);
  }
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "write" && (argc == 3 || argc == 4)) {
      const std::string dir = argv[2];
      const std::size_t count = argc == 4 ? std::strtoul(argv[3], nullptr, 10) : 10000;
      if (count < 2) throw std::runtime_error("COUNT must be at least 2");
      const Documents documents = make_documents(count);
      write_file(dir + "/v13.xml", documents.v13_xml);
      write_file(dir + "/v1_3.xml", documents.v1_3_xml);
      write_file(dir + "/v13.json", documents.v13_json);
      std::printf("sessions %zu\n", count);
      return 0;
    }
    if (mode == "time" && (argc == 4 || argc == 5)) {
      const std::string dir = argv[2];
      const int rounds = std::atoi(argv[3]);
      const Documents documents{read_file(dir + "/v13.xml"), read_file(dir + "/v1_3.xml"),
                                read_file(dir + "/v13.json")};
      // The session count, from the document itself: every session has one JobUid.
      std::size_t count = 0;
      for (std::size_t at = documents.v13_xml.find("<JobUid>"); at != std::string::npos;
           at = documents.v13_xml.find("<JobUid>", at + 1))
        ++count;
      time_readers(documents, count, rounds, argc == 5 ? argv[4] : "");
      return 0;
    }
    std::cerr << "usage: peer_parse write DIR [COUNT] | peer_parse time DIR ROUNDS [NAME]\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "peer_parse: " << e.what() << '\n';
    return 1;
  }
}
