// task-sessions: a project of its own that extends the EM bindings with a resource emgen's schemas do not have
// (BackupTaskSession), reads the documented payload with it, and calls the new endpoints through its generated
// client. The transport is scripted here (labelled answers made here, plus the documented payload) so that the
// example runs without an Enterprise Manager; with one, pass emgen::CurlTransport instead.
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "acme/em_tasks/backup_task_session.hpp"
#include "acme/em_tasks/client.hpp"
#include "veeam/em/entity_references.hpp"

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string(path) + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Answers as an Enterprise Manager would, for the requests this example makes.
class ScriptedEm final : public emgen::Transport {
 public:
  explicit ScriptedEm(std::string task_session) : task_session_(std::move(task_session)) {}

  emgen::Response send(const emgen::Request& request) override {
    const std::string path = request.url.substr(request.url.find("/api"));
    emgen::Response response;
    response.status = 200;
    if (request.method == "POST" && path.starts_with("/api/sessionMngr/")) {
      response.status = 201;
      response.headers.set("X-RestSvcSessionId", "made-here-token");
    } else if (request.method == "DELETE") {
      response.status = 204;
    } else if (path == "/api/backupTaskSessions") {
      // Made here: the reference list of one task session, in the form the EM help pages document.
      response.body =
          "<EntityReferences xmlns=\"http://www.veeam.com/ent/v1.0\"><Ref "
          "UID=\"urn:veeam:BackupTaskSession:88767486-89d6-4340-92f0-2ad615a8f21b\" Name=\"srv04@2014-10-19 05:23:44\" "
          "Href=\"https://em.example:9398/api/backupTaskSessions/88767486-89d6-4340-92f0-2ad615a8f21b\" "
          "Type=\"BackupTaskSessionReference\"/></EntityReferences>";
    } else if (path == "/api/backupTaskSessions/88767486-89d6-4340-92f0-2ad615a8f21b?format=Entity" ||
               path == "/api/backupTaskSessions/88767486-89d6-4340-92f0-2ad615a8f21b") {
      response.body = task_session_;
    } else {
      response.status = 404;
    }
    return response;
  }

 private:
  std::string task_session_;
};

void print(const acme::em_tasks::BackupTaskSession& session) {
  // name, uid and links come from the imported Entity; result is the imported SessionResult.
  std::cout << session.name.value_or("?") << " (" << session.uid->id << "): " << session.state << ", "
            << session.result << ", " << session.total_size << " bytes, " << session.links.size() << " links\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: task-sessions BACKUP_TASK_SESSION.xml\n";
    return 2;
  }
  try {
    const std::string payload = read_file(argv[1]);
    print(acme::em_tasks::BackupTaskSession::from_xml(payload, emgen::ReadMode::strict));

    ScriptedEm em(payload);
    emgen::Session session(em, "https://em.example:9398/api", "user", "password");
    acme::em_tasks::Client client(session);
    // The new collection endpoint returns the EM type EntityReferences; its references feed the new entity call.
    const veeam::em::EntityReferences references = client.backup_task_sessions();
    for (const auto& reference : references.ref) {
      std::cout << "via the client: ";
      print(client.get_backup_task_session(reference.uid->id));
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "task-sessions: " << e.what() << "\n";
    return 1;
  }
}
