// The simulator served from the schema set: every GET endpoint of schemas/ answers with a document that reads
// strictly as a type of the set, every Href an answer holds answers in turn, the endpoints that change the data
// set answer as EM does (201, 200, 204, or a 202 Task that finishes), request bodies are checked, and the clock
// moves the data set. The schema set is loaded here too, to know what there is to call.

#include <gtest/gtest.h>

#include <deque>
#include <map>
#include <memory>
#include <regex>
#include <set>
#include <veeam/em/backup_job_session.hpp>
#include <veeam/em/backup_task_session.hpp>
#include <veeam/em/entity_references.hpp>
#include <veeam/em/error.hpp>
#include <veeam/em/query_result.hpp>
#include <veeam/em/repository.hpp>
#include <veeam/em/task.hpp>
#include <veeam/em/vm_restore_point.hpp>

#include "../sim/simulator_support.hpp"
#include "dynamic/codec.hpp"
#include "emgen/session.hpp"
#include "emgen/sim/simulator.hpp"
#include "pipeline.hpp"
#include "text/text.hpp"

namespace {

namespace ir = emgen::gen::ir;

constexpr const char* kUser = "engine";
constexpr const char* kPassword = "engine-password";

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  path = path.substr(0, path.find('?'));
  for (std::size_t start = 0; start < path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool matches(const ir::Endpoint& endpoint, const std::vector<std::string>& segments) {
  if (endpoint.segments.size() != segments.size()) return false;
  for (std::size_t i = 0; i < segments.size(); ++i)
    if (!endpoint.segments[i].parameter && !emgen::text::equals_ignoring_case(endpoint.segments[i].text, segments[i]))
      return false;
  return true;
}

// The root element of an XML document.
std::string root_of(const std::string& xml) {
  std::size_t at = 0;
  while ((at = xml.find('<', at)) != std::string::npos && at + 1 < xml.size() &&
         (xml[at + 1] == '?' || xml[at + 1] == '!'))
    ++at;
  if (at == std::string::npos) return {};
  const std::size_t end = xml.find_first_of(" />\n", at + 1);
  return xml.substr(at + 1, end - at - 1);
}

class SimEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model = new ir::Model;
    emgen::gen::pipeline::load(EMGEN_SCHEMAS_DIR, *model);
  }
  static void TearDownTestSuite() {
    delete model;
    model = nullptr;
  }

  void start(const emgen::test::SimulatorTweak& tweak = {}) {
    sim = emgen::test::start_simulator([&](emgen::sim::Options& options) {
      options.user = kUser;
      options.password = kPassword;
      options.task_running_polls = 1;
      if (tweak) tweak(options);
    });
    session = std::make_unique<emgen::Session>(transport, sim->base_url(), kUser, kPassword);
  }

  // Whether body (XML) reads strictly as a document type whose element is its root; why not, when it does not.
  // One thing a strict read refuses is allowed: a session's Result "None" while it runs, which EM sends and its
  // tables do not list (the simulator sends it on purpose, as clients must keep it).
  static std::optional<std::string> strict_failure(const std::string& body) {
    const std::string root = root_of(body);
    std::string why = "no document type has the element <" + root + ">";
    for (const ir::Type& type : model->types) {
      if (type.element != root) continue;
      try {
        emgen::ReadWarnings warnings;
        emgen::dynamic::read_xml(*model, type.name, body, emgen::ReadMode::lenient, &warnings);
        bool only_none = true;
        for (const emgen::ReadWarning& warning : warnings)
          only_none = only_none && warning.message == "kept \"None\", which is not a SessionResult value";
        if (only_none) return std::nullopt;
        emgen::dynamic::read_xml(*model, type.name, body, emgen::ReadMode::strict);
        return std::nullopt;
      } catch (const emgen::ParseError& error) {
        why = type.name + ": " + error.what();
      }
    }
    return why;
  }

  // The ids of the backup sessions the examples document: their own and those of the documented reference list.
  static std::set<std::string> documented_session_ids() {
    const std::filesystem::path examples = EMGEN_EXAMPLES_DIR;
    const auto example = [&](const char* file) { return emgen::text::read_file(examples / file).value(); };
    std::set<std::string> ids;
    for (const char* file : {"BackupJobSession_doc13.xml", "BackupJobSession_doc2014.xml"})
      ids.insert(veeam::em::BackupJobSession::from_xml(example(file)).uid.value().id);
    for (const auto& ref :
         veeam::em::EntityReferences::from_xml(example("EntityReferences_backupSessions_doc.xml")).ref)
      ids.insert(ref.uid.value().id);
    return ids;
  }

  // Polls a task until it is Finished (it says Running task_running_polls times), then deletes it.
  void finish_task(const std::string& body, const std::string& what) {
    const veeam::em::Task task = veeam::em::Task::from_xml(body);
    veeam::em::Task polled = task;
    for (int poll = 0; poll < 10 && polled.state != veeam::em::TaskState::Finished; ++poll)
      polled = veeam::em::Task::from_xml(session->call_ok("GET", task.href).body);
    EXPECT_EQ(polled.state, veeam::em::TaskState::Finished) << what;
    ASSERT_TRUE(polled.result.has_value()) << what;
    EXPECT_TRUE(polled.result->success) << what << ": " << polled.result->message.value_or("");
    EXPECT_EQ(session->call("DELETE", task.href).status, 204) << what;
    EXPECT_EQ(session->call("GET", task.href).status, 404) << what;
  }

  static inline ir::Model* model = nullptr;
  emgen::CurlTransport transport;
  std::unique_ptr<emgen::sim::Simulator> sim;
  std::unique_ptr<emgen::Session> session;
};

// The backup sessions are one data set: the documented example sessions (and those their Hrefs name) are listed
// with the generated ones, moved to the clock, in both forms of the collection and on every page of the query
// service; a session's task sessions are its own; and every Href a session or task session holds answers with a
// document that reads strictly.
TEST_F(SimEngineTest, EverySessionThatAnswersIsListedAndEveryHrefItHoldsAnswers) {
  const emgen::DateTime now = emgen::parse_datetime("2025-10-19T08:00:00Z").value();
  constexpr std::size_t kSessions = 20;
  start([&](emgen::sim::Options& options) {
    options.now = now;
    options.backup_sessions = static_cast<int>(kSessions);
  });
  const std::set<std::string> documented = documented_session_ids();

  const emgen::Response listed = session->call_ok("GET", "/backupSessions?format=Entity");
  if (const auto failure = strict_failure(listed.body)) FAIL() << "GET /backupSessions?format=Entity: " << *failure;
  const std::vector<veeam::em::BackupJobSession> sessions =
      veeam::em::BackupJobSessions::from_xml(listed.body).backup_job_session;
  EXPECT_EQ(sessions.size(), kSessions);
  std::vector<std::string> ids;
  for (const veeam::em::BackupJobSession& each : sessions) ids.push_back(each.uid.value().id);
  for (const std::string& id : documented)
    EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << "documented session " << id << " is not listed";

  std::vector<std::string> referenced;
  for (const auto& ref : veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/backupSessions").body).ref)
    referenced.push_back(ref.uid.value().id);
  EXPECT_EQ(referenced, ids);
  emgen::Session json(transport, sim->base_url(), kUser, kPassword, emgen::Format::json);
  std::vector<std::string> in_json;
  for (const auto& each :
       veeam::em::BackupJobSessions::from_json(json.call_ok("GET", "/backupSessions?format=Entity").body)
           .backup_job_session)
    in_json.push_back(each.uid.value().id);
  EXPECT_EQ(in_json, ids);
  std::vector<std::string> queried;
  int pages = 0;
  for (std::string next = "/query?type=BackupJobSession&format=Entities&pageSize=7"; !next.empty() && pages < 100;
       ++pages) {
    const auto page = veeam::em::QueryResult::from_xml(session->call_ok("GET", next).body);
    ASSERT_TRUE(page.entities && page.paging_info) << next;
    for (const auto& each : page.entities->backup_job_sessions) queried.push_back(each.uid.value().id);
    next.clear();
    for (const veeam::em::Link& link : page.paging_info->links)
      if (link.rel == veeam::em::LinkRel::Next) next = link.href;
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(queried, ids);

  std::set<std::string> walked;
  // The body of GET href, once per href; empty when it has been read before or does not answer.
  const auto read = [&](const std::string& href, const std::string& holder) -> std::string {
    // Links to actions (?action=) are for POST; a GET of them is not what they say.
    if (href.find("action=") != std::string::npos || !walked.insert(href).second) return {};
    const emgen::Response response = session->call("GET", href);
    EXPECT_EQ(response.status, 200) << "GET " << href << " (held by " << holder << "): " << response.body;
    if (response.status != 200) return {};
    if (const auto failure = strict_failure(response.body))
      ADD_FAILURE() << "GET " << href << " (held by " << holder << "): " << *failure;
    return response.body;
  };
  std::set<std::string> task_ids;
  for (const veeam::em::BackupJobSession& each : sessions) {
    const std::string id = each.uid->id;
    if (documented.contains(id)) {
      EXPECT_LE(each.creation_time_utc, now) << id;
      EXPECT_GE(each.creation_time_utc, now - std::chrono::hours(24)) << id;
      if (each.end_time_utc) {
        EXPECT_LE(*each.end_time_utc, now) << id;
        EXPECT_GE(*each.end_time_utc, each.creation_time_utc) << id;
      }
    }
    read(each.href, id);
    for (const veeam::em::Link& link : each.links) {
      // A session's references to itself carry its Name, dates included.
      if (link.type == "BackupJobSessionReference") {
        EXPECT_EQ(link.name, each.name) << id;
      }
      read(link.href, id);
    }

    const auto tasks = veeam::em::BackupTaskSessions::from_xml(
        session->call_ok("GET", "/backupSessions/" + id + "/taskSessions?format=Entity").body);
    const auto task_refs =
        veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/backupSessions/" + id + "/taskSessions").body);
    EXPECT_EQ(task_refs.ref.size(), tasks.backup_task_session.size()) << id;
    EXPECT_FALSE(tasks.backup_task_session.empty()) << id;
    for (const veeam::em::BackupTaskSession& task : tasks.backup_task_session) {
      const std::string task_id = task.uid.value().id;
      task_ids.insert(task_id);
      EXPECT_EQ(task.job_session_uid, each.uid) << "task session " << task_id << " listed under session " << id;
      EXPECT_GE(task.creation_time_utc, each.creation_time_utc) << task_id;
      read(task.href, task_id);
      for (const veeam::em::Link& link : task.links) {
        const std::string body = read(link.href, task_id);
        if (link.rel != veeam::em::LinkRel::Related || body.empty()) continue;
        // The restore point a task session made is of its VM.
        EXPECT_EQ(veeam::em::VmRestorePoint::from_xml(body).vm_display_name, task.vm_display_name) << link.href;
      }
    }
  }
  std::set<std::string> all_tasks;
  for (const auto& ref : veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/backupTaskSessions").body).ref)
    all_tasks.insert(ref.uid.value().id);
  EXPECT_EQ(all_tasks, task_ids);
  std::cout << sessions.size() << " sessions (" << documented.size() << " documented), " << task_ids.size()
            << " task sessions, " << walked.size() << " Hrefs followed\n";
}

// Fewer sessions asked for than are documented: every documented one is still listed, and none is made.
TEST_F(SimEngineTest, FewerSessionsThanDocumentedKeepsEveryDocumentedOne) {
  start([](emgen::sim::Options& options) { options.backup_sessions = 1; });
  const std::set<std::string> documented = documented_session_ids();
  const auto sessions =
      veeam::em::BackupJobSessions::from_xml(session->call_ok("GET", "/backupSessions?format=Entity").body)
          .backup_job_session;
  EXPECT_GE(sessions.size(), documented.size());
  std::set<std::string> listed;
  for (const veeam::em::BackupJobSession& each : sessions) {
    listed.insert(each.uid.value().id);
    EXPECT_FALSE(each.job_name.ends_with("(made by the simulator)")) << each.uid->id;
  }
  for (const std::string& id : documented) EXPECT_TRUE(listed.contains(id)) << "documented session " << id;
}

// From the collections, every Href is followed; then every GET endpoint no Href names is called with ids the
// crawl found. Each answers 200 with a document that reads strictly.
TEST_F(SimEngineTest, EveryGetEndpointAndEveryHrefAnswers) {
  start();
  const std::string base = sim->base_url();
  std::vector<const ir::Endpoint*> gets;
  for (const ir::Type& type : model->types)
    for (const ir::Endpoint& endpoint : type.endpoints)
      if (endpoint.method == "GET") gets.push_back(&endpoint);
  ASSERT_GT(gets.size(), 150u);

  std::set<const ir::Endpoint*> answered;
  std::set<std::string> seen;
  std::deque<std::string> pending;
  const auto visit = [&](const std::string& path) {
    // Only what a GET serves: links also name POST endpoints (Rel Create, /nas/jobs/{ID}/start).
    const std::vector<std::string> segments = split_path(path);
    const bool gettable = std::any_of(gets.begin(), gets.end(), [&](const ir::Endpoint* endpoint) {
      return endpoint->query.empty() && matches(*endpoint, segments);
    });
    if (gettable && seen.insert(path).second) pending.push_back(path);
  };
  for (const ir::Endpoint* endpoint : gets) {
    // The query service needs type=; sim_test.cpp calls it.
    if (!endpoint->query.empty() || endpoint->path == "/query") continue;
    bool parameters = false;
    for (const ir::PathSegment& segment : endpoint->segments) parameters = parameters || segment.parameter;
    if (parameters) continue;
    visit(endpoint->path);
    if (endpoint->entity != nullptr) visit(endpoint->path + "?format=Entity");
  }
  const std::regex href_pattern("Href=\"([^\"]*)\"");
  int requests = 0;
  const auto call = [&](const std::string& path) {
    ++requests;
    const emgen::Response response = session->call("GET", path);
    EXPECT_EQ(response.status, 200) << "GET " << path << ": " << response.body;
    if (response.status != 200) return;
    if (const auto failure = strict_failure(response.body)) ADD_FAILURE() << "GET " << path << ": " << *failure;
    const std::vector<std::string> segments = split_path(path);
    for (const ir::Endpoint* endpoint : gets)
      if (endpoint->query.empty() && matches(*endpoint, segments)) answered.insert(endpoint);
    for (auto it = std::sregex_iterator(response.body.begin(), response.body.end(), href_pattern);
         it != std::sregex_iterator(); ++it) {
      const std::string href = (*it)[1];
      ASSERT_TRUE(href.starts_with(base)) << "GET " << path << " holds an Href elsewhere: " << href;
      const std::string relative = href.substr(base.size());
      // Links to actions (?action=) are for POST; a GET of them is not what they say.
      if (relative.find("action=") == std::string::npos) visit(relative);
    }
  };
  while (!pending.empty() && requests < 20000) {
    const std::string path = pending.front();
    pending.pop_front();
    call(path);
  }
  ASSERT_TRUE(pending.empty()) << "the data set's Hrefs go on past 20000 requests";
  const int crawled = requests;

  // A backup or task session any Href names is one the collections list.
  const auto listed_ids = [&](const std::string& collection) {
    std::set<std::string> ids;
    for (const auto& ref : veeam::em::EntityReferences::from_xml(session->call_ok("GET", collection).body).ref)
      ids.insert(ref.uid.value().id);
    return ids;
  };
  const std::set<std::string> listed_sessions = listed_ids("/backupSessions");
  const std::set<std::string> listed_tasks = listed_ids("/backupTaskSessions");
  const std::regex session_path("^/backupSessions/([^/?]+)(/taskSessions/([^/?]+))?");
  const std::regex task_path("^/backupTaskSessions/([^/?]+)");
  std::size_t named_sessions = 0;
  for (const std::string& path : seen) {
    std::smatch id;
    if (std::regex_search(path, id, session_path)) {
      ++named_sessions;
      EXPECT_TRUE(listed_sessions.contains(id[1])) << path << " answers but /backupSessions does not list it";
      if (id[3].matched) {
        EXPECT_TRUE(listed_tasks.contains(id[3])) << path << ": /backupTaskSessions does not list it";
      }
    }
    if (std::regex_search(path, id, task_path)) {
      EXPECT_TRUE(listed_tasks.contains(id[1])) << path << " answers but /backupTaskSessions does not list it";
    }
  }
  EXPECT_GT(named_sessions, listed_sessions.size());

  // Paths no Href names are filled with ids of the data set; the hand-written resources' with the logon's and a
  // task made here.
  const std::string logon_body = session->logon_body();
  const std::size_t session_id_at = logon_body.find("/logonSessions/") + 15;
  std::map<std::string, std::string> own;
  own["logonSessions"] = logon_body.substr(session_id_at, logon_body.find('"', session_id_at) - session_id_at);
  {
    const std::string job =
        veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/jobs").body).ref.at(0).uid->id;
    const emgen::Response started = session->call_ok("POST", "/jobs/" + job + "?action=start");
    own["tasks"] = veeam::em::Task::from_xml(started.body).task_id;
  }
  std::vector<std::string> unreached;
  for (const ir::Endpoint* endpoint : gets) {
    if (answered.contains(endpoint) || !endpoint->query.empty() || endpoint->path == "/query") continue;
    const std::string& first = endpoint->segments.front().text;
    std::string path = endpoint->segments.size() == 2 && own.contains(first) ? "/" + first + "/" + own[first]
                                                                             : sim->sample_path(endpoint->path);
    if (path.empty()) {
      unreached.push_back(endpoint->path);
      continue;
    }
    call(path);
    if (endpoint->entity != nullptr) call(path + "?format=Entity");
  }
  std::size_t with_query = 0;
  for (const ir::Endpoint* endpoint : gets) with_query += endpoint->query.empty() ? 0 : 1;
  EXPECT_TRUE(unreached.empty()) << "no id for: " << ::testing::PrintToString(unreached);
  EXPECT_EQ(answered.size() + unreached.size() + with_query + 1, gets.size());
  std::cout << gets.size() << " GET endpoints; " << answered.size() << " answered; " << crawled
            << " Hrefs and collections followed, " << requests << " requests in all\n";
}

TEST_F(SimEngineTest, CollectionsAnswerEntitiesAndReferencesInXmlAndJson) {
  start([](emgen::sim::Options& options) { options.json_style = emgen::JsonStyle::camel; });
  const emgen::Response entities = session->call_ok("GET", "/repositories?format=Entity");
  const auto repositories = veeam::em::Repositories::from_xml(entities.body, emgen::ReadMode::strict);
  ASSERT_GE(repositories.repository.size(), 2u);
  const auto references =
      veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/repositories").body, emgen::ReadMode::strict);
  ASSERT_EQ(references.ref.size(), repositories.repository.size());
  for (std::size_t i = 0; i < references.ref.size(); ++i) {
    EXPECT_EQ(references.ref[i].uid, repositories.repository[i].uid);
    EXPECT_EQ(references.ref[i].type, "RepositoryReference");
  }

  emgen::Session json(transport, sim->base_url(), kUser, kPassword, emgen::Format::json);
  const emgen::Response answer = json.call_ok("GET", "/repositories?format=Entity");
  EXPECT_NE(answer.body.find("\"repositories\""), std::string::npos) << answer.body;
  const auto from_json = veeam::em::Repositories::from_json(answer.body, emgen::ReadMode::strict);
  EXPECT_EQ(from_json.repository.size(), repositories.repository.size());
}

TEST_F(SimEngineTest, EveryChangingEndpointAnswersAsEmDoes) {
  start();
  int called = 0, tasks = 0, without_example = 0;
  std::vector<const ir::Endpoint*> changing;
  for (const ir::Type& type : model->types)
    for (const ir::Endpoint& endpoint : type.endpoints)
      if (endpoint.method != "GET") changing.push_back(&endpoint);
  // Deletions last: they take away the ids the others use.
  std::stable_partition(changing.begin(), changing.end(),
                        [](const ir::Endpoint* endpoint) { return endpoint->method != "DELETE"; });

  for (const ir::Endpoint* endpoint : changing) {
    // Logging on and off and deleting a task are sim_test.cpp's (finish_task() deletes each task here).
    if (endpoint->path == "/sessionMngr/" || endpoint->path == "/logonSessions/{ID}" || endpoint->path == "/tasks/{ID}")
      continue;
    std::string path = sim->sample_path(endpoint->path);
    ASSERT_FALSE(path.empty()) << endpoint->path;
    if (!endpoint->query.empty()) path += "?" + endpoint->query;
    std::string body;
    if (endpoint->body != nullptr) {
      for (const ir::Example& example : endpoint->body->examples)
        if (example.format == ir::Example::Format::xml) {
          body = emgen::text::read_file(std::filesystem::path(EMGEN_SCHEMAS_DIR) / example.file).value();
          break;
        }
      if (body.empty()) {
        ++without_example;
        continue;
      }
    }
    ++called;
    const emgen::Response response = session->call(endpoint->method, path, body);
    const std::string what = endpoint->method + " " + path;
    if (endpoint->returns != nullptr && endpoint->returns->name == "Task") {
      EXPECT_EQ(response.status, 202) << what << ": " << response.body;
      if (response.status == 202) {
        ++tasks;
        finish_task(response.body, what);
      }
    } else if (endpoint->returns == nullptr && endpoint->entity == nullptr) {
      EXPECT_TRUE(response.status == 204 || response.status == 200) << what << ": " << response.status;
    } else {
      EXPECT_TRUE(response.status == 200 || response.status == 201) << what << ": " << response.body;
      if (const auto failure = strict_failure(response.body)) ADD_FAILURE() << what << ": " << *failure;
    }
  }
  EXPECT_GT(called, 90);
  std::cout << changing.size() << " POST, PUT and DELETE endpoints; " << called << " called (" << tasks
            << " tasks finished); " << without_example << " skipped: their body type has no XML example\n";
}

TEST_F(SimEngineTest, RequestBodiesMustReadStrictlyAsTheirType) {
  start();
  const std::string job =
      veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/jobs").body).ref.at(0).uid->id;
  const std::string path = "/jobs/" + job + "?action=clone";
  // An element the type does not have.
  const std::string unknown = R"(<JobCloneSpec xmlns="http://www.veeam.com/ent/v1.0"><Bogus/></JobCloneSpec>)";
  const emgen::Response refused = session->call("POST", path, unknown);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const auto error = veeam::em::Error::from_xml(refused.body);
  EXPECT_NE(error.message.value_or("").find("/JobCloneSpec/Bogus"), std::string::npos) << refused.body;
  EXPECT_EQ(error.status_code, 400);
  // Elements out of the schema's order (FolderName before JobName), which a strict read refuses.
  const std::string swapped =
      R"(<JobCloneSpec xmlns="http://www.veeam.com/ent/v1.0"><BackupJobCloneInfo><FolderName>f</FolderName>)"
      R"(<JobName>j</JobName><RepositoryUid>urn:veeam:Repository:1</RepositoryUid></BackupJobCloneInfo></JobCloneSpec>)";
  const emgen::Response out_of_order = session->call("POST", path, swapped);
  EXPECT_EQ(out_of_order.status, 400) << out_of_order.body;
  EXPECT_NE(out_of_order.body.find("BackupJobCloneInfo"), std::string::npos) << out_of_order.body;
  // In order, it is accepted.
  const std::string in_order =
      R"(<JobCloneSpec xmlns="http://www.veeam.com/ent/v1.0"><BackupJobCloneInfo><JobName>j</JobName>)"
      R"(<FolderName>f</FolderName><RepositoryUid>urn:veeam:Repository:1</RepositoryUid></BackupJobCloneInfo></JobCloneSpec>)";
  EXPECT_EQ(session->call("POST", path, in_order).status, 202);

  const emgen::Response no_body = session->call("POST", path, "");
  EXPECT_EQ(no_body.status, 400) << no_body.body;
  const emgen::Response no_action = session->call("POST", "/jobs/" + job, "");
  EXPECT_EQ(no_action.status, 400);
  EXPECT_NE(no_action.body.find("?action=start"), std::string::npos) << no_action.body;
}

TEST_F(SimEngineTest, LenientRequestsAcceptWhatALenientReadAccepts) {
  start([](emgen::sim::Options& options) { options.lenient_requests = true; });
  const std::string job =
      veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/jobs").body).ref.at(0).uid->id;
  const std::string unknown = R"(<JobCloneSpec xmlns="http://www.veeam.com/ent/v1.0"><Bogus/></JobCloneSpec>)";
  EXPECT_EQ(session->call("POST", "/jobs/" + job + "?action=clone", unknown).status, 202);
  // Not what no read accepts.
  EXPECT_EQ(session->call("POST", "/jobs/" + job + "?action=clone", "<JobCloneSpec").status, 400);
}

TEST_F(SimEngineTest, AStartedJobGetsARunningSessionThatFinishes) {
  // A simulated day per real second: the job's two minutes pass in a few milliseconds of polling.
  // The token's idle timeout is on the same clock: at 15 simulated minutes it would last 10 real milliseconds, which a
  // loaded machine can let pass between two requests (a 401 after the one re-logon). A simulated year keeps it.
  start([](emgen::sim::Options& options) {
    options.speed = 86400;
    options.idle_timeout = std::chrono::hours(24 * 365);
  });
  const auto jobs = veeam::em::EntityReferences::from_xml(session->call_ok("GET", "/jobs").body);
  const veeam::em::EntityRef& job = jobs.ref.at(0);
  const emgen::Response started = session->call("POST", "/jobs/" + job.uid->id + "?action=start");
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(veeam::em::Task::from_xml(started.body).operation, "StartJob");
  finish_task(started.body, "POST ?action=start");

  const auto of_job = [&] {
    std::vector<veeam::em::BackupJobSession> out;
    for (const auto& s : sim->backup_sessions())
      if (s.job_uid.id == job.uid->id) out.push_back(s);
    return out;
  };
  ASSERT_EQ(of_job().size(), 1u);
  // The session finishes on the simulator's clock; each request lets the simulator see the time.
  for (int poll = 0; poll < 100000 && of_job().at(0).state == veeam::em::BackupJobSessionState::Working; ++poll)
    session->call_ok("GET", "/backupSessions");
  EXPECT_EQ(of_job().at(0).state, veeam::em::BackupJobSessionState::Stopped);
  EXPECT_EQ(of_job().at(0).result, veeam::em::SessionResult::Success);
}

TEST_F(SimEngineTest, TheQueryServiceFiltersSortsAndPagesEveryQueryableType) {
  start();
  // OR (,) of two results: both come, and nothing else.
  const auto either = veeam::em::QueryResult::from_xml(
      session->call_ok("GET", "/query?type=BackupJobSession&format=Entities&filter=Result==Failed,Result==Warning")
          .body);
  ASSERT_TRUE(either.entities);
  std::set<std::string> results;
  for (const auto& s : either.entities->backup_job_sessions) results.insert(std::string(s.result.text()));
  EXPECT_EQ(results, (std::set<std::string>{"Failed", "Warning"}));
  std::size_t expected = 0;
  for (const auto& s : sim->backup_sessions())
    expected += s.result == veeam::em::SessionResult::Failed || s.result == veeam::em::SessionResult::Warning;
  EXPECT_EQ(either.entities->backup_job_sessions.size(), expected);

  // Another type, from the schema-driven data set: references, sorted, two per page.
  const auto page = veeam::em::QueryResult::from_xml(
      session->call_ok("GET", "/query?type=Repository&sortDesc=Name&pageSize=2&page=1").body, emgen::ReadMode::strict);
  ASSERT_EQ(page.refs.size(), 2u);
  EXPECT_GE(page.refs[0].name.value_or(""), page.refs[1].name.value_or(""));
  ASSERT_TRUE(page.paging_info);
  EXPECT_EQ(page.paging_info->page_size, 2);
  EXPECT_GE(page.paging_info->pages_count, 2);
  // Every paging link answers.
  for (const auto& link : page.paging_info->links) EXPECT_EQ(session->call("GET", link.href).status, 200) << link.href;

  // A malformed filter: EM's 400 error body, with the column.
  const emgen::Response malformed = session->call("GET", "/query?type=BackupJobSession&filter=Result==Failed;(State");
  ASSERT_EQ(malformed.status, 400);
  const auto error = veeam::em::Error::from_xml(malformed.body, emgen::ReadMode::strict);
  EXPECT_EQ(error.status_code, 400);
  EXPECT_EQ(error.message.value_or("").rfind("Query: column ", 0), 0u) << malformed.body;
  const emgen::Response unknown = session->call("GET", "/query?type=NoSuchType");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("Repository"), std::string::npos) << unknown.body;
}

// A consumer's schema set, with emgen's imported: the endpoints of both are served.
TEST_F(SimEngineTest, AConsumersSchemaSetAndItsImportsAreServed) {
  start([](emgen::sim::Options& options) {
    options.schemas = EMGEN_CONSUMER_SCHEMAS_DIR;
    options.imports = {EMGEN_SCHEMAS_DIR};
  });
  const emgen::Response computers = session->call_ok("GET", "/agents/discoveredComputers?format=Entity");
  EXPECT_NE(computers.body.find("<DiscoveredComputers"), std::string::npos) << computers.body;
  EXPECT_NE(computers.body.find("<DiscoveredComputer "), std::string::npos) << computers.body;
  const std::string one = sim->sample_path("/agents/discoveredComputers/{ID}");
  ASSERT_FALSE(one.empty());
  EXPECT_EQ(session->call("GET", one + "?format=Entity").status, 200);
  EXPECT_EQ(session->call("GET", "/repositories?format=Entity").status, 200);
  EXPECT_EQ(session->call("GET", "/agents/discoveredComputers/no-such-id").status, 404);
}

// ?format=json asks for JSON as Accept does.
TEST_F(SimEngineTest, FormatJsonAsksForJson) {
  start();
  const emgen::Response json = session->call_ok("GET", "/repositories?format=json");
  EXPECT_EQ(json.body.front(), '{') << json.body;
  const emgen::Response entity = session->call_ok("GET", sim->sample_path("/repositories/{ID}") + "?format=Entity");
  EXPECT_EQ(entity.body.rfind("<?xml", 0), 0u) << entity.body;
}

TEST_F(SimEngineTest, TheDataSetIsMadeAroundTheClock) {
  const emgen::DateTime now = emgen::parse_datetime("2031-03-04T05:06:07Z").value();
  start([&](emgen::sim::Options& options) { options.now = now; });
  const std::vector<veeam::em::BackupJobSession> sessions = sim->backup_sessions();
  ASSERT_FALSE(sessions.empty());
  const auto newest = std::max_element(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
    return a.creation_time_utc < b.creation_time_utc;
  });
  EXPECT_LE(newest->creation_time_utc, now);
  EXPECT_GT(newest->creation_time_utc, now - std::chrono::hours(1));

  // The schema-driven data set too: the newest time of its examples is moved to now, the others with it.
  std::string bodies;
  for (const char* path : {"/restorePoints?format=Entity", "/vmRestorePoints?format=Entity",
                           "/replicaSessions?format=Entity", "/restoreSessions?format=Entity"})
    bodies += session->call_ok("GET", path).body;
  EXPECT_NE(bodies.find("2031-0"), std::string::npos);
  EXPECT_EQ(bodies.find("2025-10-19"), std::string::npos);
}

}  // namespace
