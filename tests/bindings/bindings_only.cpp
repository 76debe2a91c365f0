// Uses one generated header and links veeam::em alone: the bindings need no HTTP layer (see CMakeLists.txt).
//   bindings_only FILE   prints "<job name>: <state>, <result>" for a BackupJobSession payload

#include <fstream>
#include <iostream>
#include <sstream>

#include "veeam/em/backup_job_session.hpp"

// A generated header brings the value types, not the parsers: neither pugixml's nor simdjson's header.
#ifdef PUGIXML_VERSION
#error "veeam/em/backup_job_session.hpp includes pugixml.hpp"
#endif
#ifdef SIMDJSON_VERSION
#error "veeam/em/backup_job_session.hpp includes simdjson.h"
#endif

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: bindings_only FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const auto session = veeam::em::BackupJobSession::from_xml(text.str());
    std::cout << session.job_name << ": " << session.state.text() << ", " << session.result.text() << '\n';
    return 0;
  } catch (const emgen::ParseError& error) {
    std::cerr << argv[1] << ":" << error.what() << '\n';
    return 1;
  }
}
