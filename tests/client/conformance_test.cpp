// Every method of the generated veeam::em::Client (client_methods(), which the generator writes beside the
// methods) called against the simulator served from schemas/: each answer reads strictly as the type the method
// returns, each body the method sends (the body type's documented example) is accepted, each Task the server
// answers with finishes. The methods called are counted against the methods that exist.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <veeam/em/client.hpp>
#include <veeam/em/entity_references.hpp>
#include <veeam/em/task.hpp>

#include "../sim/simulator_support.hpp"
#include "dynamic/codec.hpp"
#include "emgen/sim/simulator.hpp"
#include "pipeline.hpp"
#include "text/text.hpp"

namespace {

namespace ir = emgen::gen::ir;
namespace em = veeam::em;

std::vector<std::string> segments_of(std::string_view path) {
  std::vector<std::string> out;
  path = path.substr(0, path.find('?'));
  for (std::size_t start = 0; start < path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

TEST(Conformance, EveryClientMethodAgainstTheSimulator) {
  ir::Model model;
  emgen::gen::pipeline::load(EMGEN_SCHEMAS_DIR, model);
  // The documented XML example of each body type.
  std::map<std::string, std::string> bodies;
  for (const ir::Type& type : model.types)
    for (const ir::Example& example : type.examples)
      if (example.format == ir::Example::Format::xml && !bodies.contains(type.name))
        bodies[type.name] = emgen::text::read_file(std::filesystem::path(EMGEN_SCHEMAS_DIR) / example.file).value();

  const emgen::sim::Options options =
      emgen::test::simulator_options([](emgen::sim::Options& each) { each.task_running_polls = 1; });
  const std::unique_ptr<emgen::sim::Simulator> sim = emgen::test::start_simulator(options);
  emgen::CurlTransport transport;
  emgen::Session session(transport, sim->base_url(), options.user, options.password);
  em::Client client(session);

  std::vector<const em::ClientMethodInfo*> methods;
  for (const em::ClientMethodInfo& method : em::client_methods()) methods.push_back(&method);
  ASSERT_GT(methods.size(), 300u);
  // Deletions last: they take away the entities the others name.
  std::stable_partition(methods.begin(), methods.end(),
                        [](const em::ClientMethodInfo* method) { return method->http_method != "DELETE"; });

  // The hand-written resources' ids: the logon's, and a task made here.
  session.ensure_logged_on();
  const std::string logon = session.logon_body();
  const std::size_t logon_at = logon.find("/logonSessions/") + 15;
  const std::string logon_id = logon.substr(logon_at, logon.find('"', logon_at) - logon_at);
  const std::string job = em::EntityReferences::from_xml(session.call_ok("GET", "/jobs").body).ref.at(0).uid->id;
  const std::string task_id = client.start_job(job).task_id;

  int called = 0, tasks = 0;
  std::vector<std::string> not_called;
  for (const em::ClientMethodInfo* method : methods) {
    const std::string what = std::string(method->name) + " (" + std::string(method->http_method) + " " +
                             std::string(method->endpoint_path) + ")";
    std::string path = sim->sample_path(method->endpoint_path);
    if (method->endpoint_path == "/logonSessions/{ID}") path = "/logonSessions/" + logon_id;
    if (method->endpoint_path == "/tasks/{ID}") path = "/tasks/" + task_id;
    ASSERT_FALSE(path.empty()) << what;
    // The path parameters, from the places of the endpoint's {NAME}s.
    const std::vector<std::string> pattern = segments_of(method->endpoint_path);
    const std::vector<std::string> filled = segments_of(path);
    std::vector<std::string> parameters;
    for (std::size_t i = 0; i < pattern.size() && i < filled.size(); ++i)
      if (pattern[i].starts_with('{')) parameters.push_back(filled[i]);
    ASSERT_EQ(parameters.size(), method->path_parameters) << what;
    std::string body;
    if (!method->body_type.empty()) {
      const auto found = bodies.find(std::string(method->body_type));
      if (found != bodies.end()) {
        body = found->second;
      } else {
        // No example: an edit sends the entity as the server gave it, as a client does.
        const emgen::Response entity = session.call("GET", path.substr(0, path.find('?')) + "?format=Entity");
        const ir::Type& type = emgen::dynamic::find_type(model, method->body_type);
        if (entity.status == 200 && type.element && entity.body.find("<" + *type.element + " ") != std::string::npos)
          body = entity.body;
      }
      if (body.empty()) {
        not_called.push_back(what + ": " + std::string(method->body_type) + " has no XML example");
        continue;
      }
    }

    std::string answer;
    try {
      // The query service needs a type; collections take no query here.
      answer = method->call(client, parameters, body,
                            method->endpoint_path == "/query" ? "type=BackupJobSession&format=Entities" : "");
    } catch (const std::exception& error) {
      ADD_FAILURE() << what << ": " << error.what();
      continue;
    }
    ++called;
    if (method->returns_type.empty()) continue;
    // Read back strictly: anything the client kept that the type does not know would be written back and refused.
    // A session's Result "None" (EM's, for a running session; no table lists it) is the one thing allowed.
    emgen::ReadWarnings warnings;
    try {
      emgen::dynamic::read_xml(model, method->returns_type, answer, emgen::ReadMode::lenient, &warnings);
    } catch (const std::exception& error) {
      ADD_FAILURE() << what << ": " << error.what();
      continue;
    }
    for (const emgen::ReadWarning& warning : warnings)
      EXPECT_EQ(warning.message, "kept \"None\", which is not a SessionResult value")
          << what << ": " << warning.to_string();
    // A task this test polls and deletes, but not the one delete_task deletes.
    if (method->returns_type == "Task" && method->endpoint_path != "/tasks/{ID}") {
      ++tasks;
      em::Task task = em::Task::from_xml(answer, emgen::ReadMode::strict);
      for (int poll = 0; poll < 10 && task.state != em::TaskState::Finished; ++poll)
        task = client.follow<em::Task>(task.href);
      EXPECT_EQ(task.state, em::TaskState::Finished) << what;
      EXPECT_TRUE(task.result && task.result->success) << what;
      session.call_ok("DELETE", task.href);
    }
  }
  std::cout << em::client_methods().size() << " client methods; " << called << " called (" << tasks
            << " returned a task that finished); not called:\n";
  for (const std::string& reason : not_called) std::cout << "  " << reason << "\n";
  EXPECT_EQ(called + static_cast<int>(not_called.size()), static_cast<int>(em::client_methods().size()));
  EXPECT_TRUE(not_called.empty());
}

}  // namespace
