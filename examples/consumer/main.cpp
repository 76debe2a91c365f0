// discovered-computers: a project of its own that extends the EM bindings with a resource emgen's schemas do not
// have yet (DiscoveredComputer, a computer in a Veeam Agent protection group), reads the documented payload with it,
// and calls the new endpoints through its generated client. The transport is scripted here (labelled answers made here,
// plus the documented payload) so that the example runs without an Enterprise Manager; with one, pass
// emgen::CurlTransport instead.
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "acme/em_agents/client.hpp"
#include "acme/em_agents/discovered_computer.hpp"
#include "veeam/em/entity_references.hpp"

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(std::string(path) + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// An XML document without its `<?xml ...?>` declaration, to be an element of another.
std::string without_declaration(const std::string& xml) {
  if (!xml.starts_with("<?xml")) return xml;
  return xml.substr(xml.find("?>") + 2);
}

/// Answers as an Enterprise Manager would, for the requests this example makes.
class ScriptedEm final : public emgen::Transport {
 public:
  explicit ScriptedEm(std::string computer) : computer_(std::move(computer)) {}

  emgen::Response send(const emgen::Request& request) override {
    const std::string path = request.url.substr(request.url.find("/api"));
    emgen::Response response;
    response.status = 200;
    if (request.method == "POST" && path.starts_with("/api/sessionMngr/")) {
      response.status = 201;
      response.headers.set("X-RestSvcSessionId", "made-here-token");
    } else if (request.method == "DELETE") {
      response.status = 204;
    } else if (path == "/api/agents/discoveredComputers") {
      // Made here: the reference list of one computer, in the form the EM help pages document.
      response.body =
          "<EntityReferences xmlns=\"http://www.veeam.com/ent/v1.0\"><Ref "
          "UID=\"urn:veeam:DiscoveredComputer:b85df3d1-c094-437c-b836-eaca6c3762ca\" Name=\"enterprise03.tech.local\" "
          "Href=\"https://em.example:9398/api/agents/discoveredComputers/b85df3d1-c094-437c-b836-eaca6c3762ca\" "
          "Type=\"DiscoveredComputerReference\"/></EntityReferences>";
    } else if (path == "/api/agents/discoveredComputers/b85df3d1-c094-437c-b836-eaca6c3762ca?format=Entity") {
      response.body = computer_;
    } else if (path == "/api/agents/discoveredComputers?format=Entity") {
      // The entity form of the collection: the documented computer as its one item.
      response.body = "<DiscoveredComputers xmlns=\"http://www.veeam.com/ent/v1.0\">" + without_declaration(computer_) +
                      "</DiscoveredComputers>";
    } else {
      response.status = 404;
    }
    return response;
  }

 private:
  std::string computer_;
};

void print(const acme::em_agents::DiscoveredComputer& computer) {
  // name, uid and links come from the imported Entity; the statuses are this project's own enums.
  std::cout << computer.name.value_or("?") << " (" << computer.uid->id << "): " << computer.host_status << ", agent "
            << computer.agent_version << " " << computer.agent_status << ", " << computer.links.size() << " links\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: discovered-computers DISCOVERED_COMPUTER.xml\n";
    return 2;
  }
  try {
    const std::string payload = read_file(argv[1]);
    print(acme::em_agents::DiscoveredComputer::from_xml(payload, emgen::ReadMode::strict));

    ScriptedEm em(payload);
    emgen::Session session(em, "https://em.example:9398/api", "user", "password");
    acme::em_agents::Client client(session);
    // The new collection endpoint returns the EM type EntityReferences; its references feed the new entity call.
    const veeam::em::EntityReferences references = client.agents_discovered_computers();
    for (const auto& reference : references.ref) {
      std::cout << "via the client: ";
      print(client.get_agents_discovered_computer(reference.uid->id));
    }
    // The whole collection as entities in one request (?format=Entity, which the method adds itself).
    for (const auto& computer : client.agents_discovered_computers_entities().discovered_computer) {
      std::cout << "as a collection of entities: ";
      print(computer);
    }
    // The reference method refuses a query asking for entities, which it would read as an empty list.
    try {
      client.agents_discovered_computers("format=Entity");
      std::cerr << "discovered-computers: format=Entity was not refused\n";
      return 1;
    } catch (const std::invalid_argument& e) {
      std::cout << "refused: " << e.what() << "\n";
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "discovered-computers: " << e.what() << "\n";
    return 1;
  }
}
