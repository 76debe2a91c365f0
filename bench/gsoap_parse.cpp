// gsoap_parse: the gSOAP side of bench/peers.sh. bench/peers.sh compiles it against gSOAP's binding of Veeam's
// RestAPI.xsd (wsdl2h, then soapcpp2 -0 -C -L -x: soapStub.h, soapH.h, soapC.cpp, ns1.nsmap) and libgsoap++.
//
//   gsoap_parse DIR ROUNDS   reads DIR/v13.xml and DIR/v1_3.xml (written by peer_parse) into memory, then for
//                            ROUNDS rounds reads each into ns1__QueryResultType once and prints one line per
//                            document: "gsoap_xml_v13 CPU_MS SESSIONS" and "gsoap_xml_v1_3 CPU_MS SESSIONS"
//   gsoap_parse DIR check    reads each document once in the default mode and once with SOAP_XML_STRICT and
//                            prints what gSOAP accepted ("v13 default ok 10000", "v13 strict error ..."); also
//                            "unknown": the v13 document with an element no schema lists in each session
//                            (<Extra0 Code="17"><Text>Lost connection</Text></Extra0>, as growth_bench adds)
//
// Each read starts from the text in memory (a std::streambuf over it, as soap->is) and ends with the context
// destroyed, its objects freed: the same span as QueryResult::from_xml(text) and the result's destruction.
// SOAP_C_UTFSTRING keeps UTF-8 in std::string as emgen does. What gSOAP does less: it builds no DOM (it reads
// while parsing), DateTime is a time_t (milliseconds dropped), JobType/State/Result are plain strings (the XSD
// types them string), UIDs are not checked, unknown elements are skipped without being kept or reported, and
// errors carry no line or column.

#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <streambuf>
#include <string>

#include "ns1.nsmap"
#include "soapH.h"

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "gsoap_parse: cannot read " << path << '\n';
    std::exit(1);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A read-only stream buffer over text in memory: std::istream::read copies from it in blocks.
class MemoryBuffer : public std::streambuf {
 public:
  explicit MemoryBuffer(const std::string& text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

double cpu_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Outcome {
  int error = SOAP_OK;
  std::string message;
  std::size_t sessions = 0;
  std::string second_job_name;
};

// One read of a whole document: context, parse, count, destruction.
Outcome read_document(const std::string& text, int mode) {
  Outcome outcome;
  MemoryBuffer buffer(text);
  std::istream stream(&buffer);
  soap* context = soap_new1(mode);
  soap_set_namespaces(context, namespaces);
  context->is = &stream;
  ns1__QueryResultType result;
  if (soap_read_ns1__QueryResultType(context, &result) != SOAP_OK) {
    outcome.error = context->error;
    soap_set_fault(context);
    const char* message = soap_fault_string(context);
    outcome.message = message != nullptr ? message : "(no message)";
  } else if (result.__union_QueryResultType == SOAP_UNION__ns1__union_QueryResultType_Entities &&
             result.union_QueryResultType.Entities != nullptr) {
    const ns1__EntitiesType* entities = result.union_QueryResultType.Entities;
    if (entities->__union_EntitiesType == SOAP_UNION__ns1__union_EntitiesType_BackupJobSessions &&
        entities->union_EntitiesType.BackupJobSessions != nullptr) {
      for (const auto& item : entities->union_EntitiesType.BackupJobSessions->__union_BackupJobSessionEntityListType) {
        const ns1__BackupJobSessionEntityType* session = item.union_BackupJobSessionEntityListType.BackupJobSession;
        if (session == nullptr) continue;
        if (++outcome.sessions == 2) outcome.second_job_name = session->JobName;
      }
    }
  }
  soap_destroy(context);
  soap_end(context);
  soap_free(context);
  return outcome;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: gsoap_parse DIR ROUNDS | gsoap_parse DIR check\n";
    return 2;
  }
  const std::string dir = argv[1];
  const std::pair<const char*, std::string> documents[] = {{"v13", read_file(dir + "/v13.xml")},
                                                           {"v1_3", read_file(dir + "/v1_3.xml")}};
  if (std::strcmp(argv[2], "check") == 0) {
    std::string unknown = documents[0].second;
    const std::string close = "</BackupJobSession>";
    const std::string extra = R"(<Extra0 Code="17"><Text>Lost connection</Text></Extra0>)";
    for (std::size_t at = unknown.find(close); at != std::string::npos; at = unknown.find(close, at + extra.size() + 1))
      unknown.insert(at, extra);
    const std::pair<const char*, std::string> checked[] = {documents[0], documents[1], {"unknown", unknown}};
    for (const auto& [name, text] : checked) {
      const std::pair<const char*, int> modes[] = {{"default", SOAP_C_UTFSTRING},
                                                   {"strict", SOAP_C_UTFSTRING | SOAP_XML_STRICT}};
      for (const auto& [mode_name, mode] : modes) {
        const Outcome outcome = read_document(text, mode);
        if (outcome.error == SOAP_OK)
          std::printf("%s %s ok %zu\n", name, mode_name, outcome.sessions);
        else
          std::printf("%s %s error %d %s\n", name, mode_name, outcome.error, outcome.message.c_str());
      }
    }
    return 0;
  }
  const int rounds = std::atoi(argv[2]);
  for (int round = 0; round < rounds; ++round) {
    for (const auto& [name, text] : documents) {
      const double started = cpu_ms();
      const Outcome outcome = read_document(text, SOAP_C_UTFSTRING);
      const double elapsed = cpu_ms() - started;
      if (outcome.error != SOAP_OK || outcome.sessions < 2 || outcome.second_job_name != "Backup Job 1") {
        std::cerr << "gsoap_parse: " << name << " was not read: " << outcome.message << '\n';
        return 1;
      }
      std::printf("gsoap_xml_%s %.3f %zu\n", name, elapsed, outcome.sessions);
    }
    std::fflush(stdout);
  }
  return 0;
}
