// em-demo: the session-monitoring workflow, end to end through the generated client, against the EM
// simulator on 127.0.0.1 over HTTPS: log on, list the backup sessions of the last day, show the failed ones,
// walk from a failed session to its task sessions (one per VM) and their restore points, query the failed VMs
// of the day, read the summary report, stop a running one and wait for its task, log off. Then what the bindings do
// with a value no schema lists.
//   em-demo SCHEMA_EXAMPLES_DIR

#include <chrono>
#include <emgen/http.hpp>
#include <emgen/query.hpp>
#include <emgen/sim/simulator.hpp>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "text/text.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/backup_task_session.hpp"
#include "veeam/em/client.hpp"
#include "veeam/em/enterprise_manager.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/logon_session.hpp"
#include "veeam/em/overview_report_frame.hpp"
#include "veeam/em/query_result.hpp"
#include "veeam/em/system_session.hpp"
#include "veeam/em/task.hpp"
#include "veeam/em/vm_restore_point.hpp"

namespace em = veeam::em;

namespace {

std::string read_file(const std::string& path) {
  std::optional<std::string> bytes = emgen::text::read_file(path);
  if (!bytes) throw std::runtime_error("cannot read " + path);
  return std::move(*bytes);
}

std::string duration_text(emgen::DateTime start, const std::optional<emgen::DateTime>& end) {
  if (!end) return "still running";
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*end - start).count();
  return std::to_string(seconds / 60) + " min " + std::to_string(seconds % 60) + " s";
}

void run_workflow(const std::string& examples) {
  emgen::sim::Options options;
  options.data_dir = examples;
  options.tls = true;
  options.user = "demo";
  options.password = "demo-password";
  emgen::sim::Simulator simulator(options);
  simulator.start();
  std::cout << "EM simulator on " << simulator.base_url() << " (self-signed certificate, trusted as CA file)\n";

  emgen::CurlOptions tls;
  tls.ca_file = simulator.cert_file().string();
  emgen::CurlTransport transport(tls);
  {
    emgen::Session session(transport, simulator.base_url(), options.user, options.password);
    // What a monitoring job would log: each attempt that failed or came after a failure (never a token).
    session.on_request([](const emgen::RequestEvent& event) {
      if (event.attempt > 1 || event.status >= 500 || event.status == 429 || event.failure)
        std::cout << "  [attempt " << event.attempt << "] " << event.method << " " << event.path << ": "
                  << (event.failure ? std::string(emgen::to_string(*event.failure)) : std::to_string(event.status))
                  << "\n";
    });
    em::Client client(session);

    const auto root = client.enterprise_manager();
    std::cout << "GET /api/: the server supports";
    for (const auto& version : root.supported_versions) std::cout << ' ' << version.name;
    std::cout << "\n";

    if (!session.logged_on()) session.logon();
    const auto logon = em::LogonSession::from_xml(session.logon_body());
    std::cout << "Logged on as " << logon.user_name << " (logon session " << logon.session_id << ")\n\n";

    // The simulator runs on the real clock and makes its data set around it: "the last day" is this machine's.
    const auto now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    const auto since = now - std::chrono::hours(24);
    const auto query = emgen::Query("BackupJobSession")
                           .entities()
                           .where(emgen::Field<emgen::DateTime>("CreationTime") >= since)
                           .sort_descending("CreationTime")
                           .page_size(10);
    std::cout << "Backup sessions since " << emgen::format_datetime(since) << " (GET " << query.path() << "):\n";
    int count = 0, pages = 0;
    std::vector<em::BackupJobSession> failed, running;
    std::vector<std::string> task_lists;  // GET /backupSessions/{ID}/taskSessions of each
    emgen::for_each_page(session, query.path(), [&](const em::QueryResult& page) {
      ++pages;
      if (!page.entities) return;
      for (const auto& s : page.entities->backup_job_sessions) {
        ++count;
        if (s.uid) task_lists.push_back("/backupSessions/" + s.uid->id + "/taskSessions");
        if (s.result == em::SessionResult::Failed) failed.push_back(s);
        if (s.state == em::BackupJobSessionState::Working) running.push_back(s);
      }
    });
    std::cout << "  " << count << " sessions on " << pages << " pages; " << failed.size() << " failed, "
              << running.size() << " running\n";
    for (const auto& s : failed)
      std::cout << "  FAILED  " << s.name.value_or(s.job_name) << ": started "
                << emgen::format_datetime(s.creation_time_utc) << ", "
                << duration_text(s.creation_time_utc, s.end_time_utc) << "\n";

    if (!failed.empty()) {
      // From a session to its VMs: GET /backupSessions/{ID}/taskSessions, then each task session.
      const em::BackupJobSession& session_of_vms = failed.front();
      const std::string id = session_of_vms.uid.value().id;
      std::cout << "\nTask sessions of " << session_of_vms.name.value_or(id) << " (GET /backupSessions/" << id
                << "/taskSessions):\n";
      for (const auto& reference : client.backup_session_task_sessions(id).ref) {
        const em::BackupTaskSession task = client.get_backup_task_session(reference.uid.value().id);
        std::cout << "  " << task.vm_display_name.value_or("?") << ": " << task.state << ", " << task.result << ", "
                  << task.total_size / (1024 * 1024 * 1024) << " GiB";
        if (!task.reason.empty()) std::cout << " (" << task.reason << ")";
        std::cout << "\n";
        // The restore point a VM's task session made: its Related link, read as the type it names.
        for (const auto& link : task.links)
          if (link.rel == em::LinkRel::Related) {
            const auto point = client.follow<em::VmRestorePoint>(link.href);
            std::cout << "    restore point " << point.name.value_or("?") << ": " << point.point_type << ", "
                      << point.algorithm << ", created " << emgen::format_datetime(point.creation_time_utc) << "\n";
          }
      }
    }

    // The query service by entity type: Query::of<T>() and entities<T>() take type= and the list from the
    // schemas.
    const auto failed_vms = emgen::Query::of<em::BackupTaskSession>()
                                .where(emgen::Field<emgen::DateTime>("CreationTime") >= since)
                                .where(emgen::Field<emgen::Open<em::SessionResult>>("Result") ==
                                       emgen::Open<em::SessionResult>(em::SessionResult::Failed))
                                .page_size(10);
    // A range: each page is fetched when the loop reaches it.
    std::size_t failed_vm_count = 0;
    auto failed_vm_sessions = emgen::entities<em::BackupTaskSession>(session, failed_vms);
    for ([[maybe_unused]] const em::BackupTaskSession& task : failed_vm_sessions) ++failed_vm_count;
    std::cout << "\nVMs that failed since then (GET " << failed_vms.path() << "): " << failed_vm_count << " on "
              << failed_vm_sessions.pages() << " page(s)\n";

    // Many resources at once: the task sessions of every session of the day, 4 requests at a time over the
    // transport's connections, with the one logon the session already has.
    const std::vector<em::EntityReferences> lists = emgen::get_all<em::EntityReferences>(session, task_lists, 4);
    std::size_t vm_count = 0;
    for (const auto& list : lists) vm_count += list.ref.size();
    std::cout << "\nTask sessions of all " << lists.size()
              << " sessions, 4 requests at a time (emgen::get_all): " << vm_count << " VMs; "
              << transport.connections_opened() << " connection(s) opened so far\n";

    // A busy server answers 503 once (the simulator is told to): the session retries after a short backoff.
    simulator.fail_path("/api/reports/summary/overview", 1, 503, 0);
    const em::OverviewReportFrame overview = client.reports_summary_overview();
    std::cout << "\nSummary (GET /reports/summary/overview): " << overview.running_jobs << " of "
              << overview.scheduled_jobs
              << " jobs running; VMs by latest result: " << overview.successful_vm_lastest_states << " succeeded, "
              << overview.warning_vm_lastest_states << " with warnings, " << overview.failed_vm_lastest_states
              << " failed\n";

    if (!running.empty()) {
      const em::BackupJobSession& target = running.front();
      const std::string id = target.uid.value().id;
      std::cout << "\nStopping " << target.name.value_or(id) << " (POST /backupSessions/" << id << "?action=stop)\n";
      const em::Task task = client.stop_backup_session(id);
      std::cout << "  task " << task.task_id << " is " << task.state << "; waiting for it\n";
      const em::Task done =
          emgen::wait_for_task(session, task, std::chrono::seconds(30), std::chrono::milliseconds(100));
      std::cout << "  task " << done.task_id << " is " << done.state << ", "
                << (done.result && done.result->success ? "succeeded" : "did not succeed") << ": "
                << (done.result ? done.result->message.value_or("") : "") << " (task deleted)\n";
      const auto after = client.get_backup_session(id);
      std::cout << "  the session is now " << after.state << ", result " << after.result << "\n";
    }
  }  // the session logs off here
  const auto counters = simulator.counters();
  std::cout << "\nLogged off. The simulator saw " << counters.requests << " requests, " << counters.logons
            << " logon(s), " << counters.logoffs << " logoff(s), " << counters.active_sessions
            << " session(s) left open; the client used " << transport.connections_opened() << " connection(s).\n";
}

void show_unlisted_values(const std::string& examples) {
  // A newer server may send values the documentation never listed; the bindings keep them.
  // (This payload is made here from the documented one, with one value changed.)
  std::string newer = read_file(examples + "/BackupJobSession_doc13.xml");
  newer.replace(newer.find("<State>Stopped</State>"), 22, "<State>Postprocessing</State>");
  const auto unlisted = em::BackupJobSession::from_xml(newer);
  std::cout << "\nA state no schema lists is kept: \"" << unlisted.state.text() << "\", written back "
            << (unlisted.to_xml().find("<State>Postprocessing</State>") != std::string::npos ? "unchanged" : "changed")
            << ".\n";
  try {
    (void)em::BackupJobSession::from_xml(newer, emgen::ReadMode::strict);
  } catch (const emgen::ParseError& e) {
    std::cout << "In strict mode it is an error: " << e.what() << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: em-demo SCHEMA_EXAMPLES_DIR\n";
    return 2;
  }
  try {
    std::cout << "emgen demo: " << em::kApiTitle << " " << em::kApiVersion << " (build " << em::kApiBuild << ")\n\n";
    run_workflow(argv[1]);
    show_unlisted_values(argv[1]);
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "em-demo: " << e.what() << "\n";
    return 1;
  }
}
