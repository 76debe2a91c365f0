// em-demo: the generated bindings at work on the documented Enterprise Manager payloads.
//   em-demo SCHEMA_EXAMPLES_DIR

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "veeam/em/index.hpp"

namespace em = veeam::em;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string duration_text(emgen::DateTime start, const std::optional<emgen::DateTime>& end) {
  if (!end) return "still running";
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*end - start).count();
  return std::to_string(seconds / 60) + " min " + std::to_string(seconds % 60) + " s";
}

void show(const em::BackupJobSession& session) {
  std::cout << "  " << session.name.value_or("(no name)") << "\n"
            << "    job " << session.job_name << " (" << session.job_type << "), uid " << session.job_uid.id << "\n"
            << "    started " << emgen::format_datetime(session.creation_time_utc) << ", took "
            << duration_text(session.creation_time_utc, session.end_time_utc) << "\n"
            << "    state " << session.state << ", result " << session.result << ", progress " << session.progress
            << "%" << (session.is_retry ? ", a retry" : "") << "\n";
  for (const auto& link : session.links)
    if (link.rel == em::LinkRel::Stop) std::cout << "    can be stopped: POST " << link.href << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: em-demo SCHEMA_EXAMPLES_DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  try {
    std::cout << "emgen demo: bindings for " << em::kApiTitle << " " << em::kApiVersion << " (build " << em::kApiBuild
              << ")\n\n";

    std::cout << "Backup job sessions (documented payloads of GET /backupSessions/{ID}?format=Entity):\n";
    for (const char* file : {"BackupJobSession_doc13.xml", "BackupJobSession_doc2014.xml"}) {
      const auto session = em::BackupJobSession::from_xml(read_file(dir + "/" + file));
      show(session);
    }

    std::cout << "\nSystem sessions (GET /systemSessions):\n";
    const auto sessions = em::SystemSessions::from_xml(read_file(dir + "/SystemSessions_doc.xml"));
    for (const auto& session : sessions.sessions) {
      std::cout << "  " << session.session_type << ": " << session.state << ", result " << session.result.result
                << (session.result.is_canceled ? " (canceled)" : "") << ", "
                << duration_text(session.creation_time_utc, session.end_time_utc) << "\n";
    }

    // A newer server may send values the documentation never listed; the bindings keep them.
    // (This payload is made here from the documented one, with one value changed.)
    std::string newer = read_file(dir + "/BackupJobSession_doc13.xml");
    newer.replace(newer.find("<State>Stopped</State>"), 22, "<State>Postprocessing</State>");
    const auto unlisted = em::BackupJobSession::from_xml(newer);
    std::cout << "\nA state no schema lists is kept: state = \"" << unlisted.state.text() << "\" (listed: "
              << (unlisted.state.is_listed() ? "yes" : "no") << "), written back as "
              << (unlisted.to_xml().find("<State>Postprocessing</State>") != std::string::npos ? "is" : "changed")
              << "\n";
    try {
      (void)em::BackupJobSession::from_xml(newer, emgen::ReadMode::strict);
    } catch (const emgen::ParseError& e) {
      std::cout << "In strict mode it is an error: " << e.what() << "\n";
    }

    std::cout << "\nThe first session as EM's JSON form:\n"
              << em::BackupJobSession::from_xml(read_file(dir + "/BackupJobSession_doc2014.xml")).to_json(true)
              << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "em-demo: " << e.what() << "\n";
    return 1;
  }
}
