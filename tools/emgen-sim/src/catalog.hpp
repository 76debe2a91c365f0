#pragma once
// The simulator's resources: the documented payloads of schemas/examples, re-based onto the simulator's URL,
// and the backup session data set made from the documented BackupJobSession. No HTTP here.

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>
#include <veeam/em/backup_job_session.hpp>
#include <veeam/em/backup_task_session.hpp>
#include <veeam/em/enterprise_manager.hpp>
#include <veeam/em/entity_references.hpp>
#include <veeam/em/error.hpp>
#include <veeam/em/logon_session.hpp>
#include <veeam/em/overview_report_frame.hpp>
#include <veeam/em/query_result.hpp>
#include <veeam/em/system_session.hpp>
#include <veeam/em/task.hpp>
#include <veeam/em/vm_restore_point.hpp>

#include "emgen/sim/simulator.hpp"

namespace emgen::sim::detail {

/// A request the simulator answers with an <Error> body; thrown by the catalog and the router.
struct HttpFailure {
  int status;
  std::string message;
};

/// Query parameters by name; EM reads the names case-insensitively.
using Params = std::multimap<std::string, std::string>;

class Catalog {
 public:
  /// Reads the documented payloads (throws emgen::ParseError or std::runtime_error when one is missing).
  Catalog(const std::filesystem::path& data_dir, const Options& options);

  /// Makes the data set with Hrefs under base (e.g. `https://127.0.0.1:PORT/api`), its newest session starting
  /// shortly before now. documented_sessions and documented_task_sessions (XML: the engine's entities of those
  /// types, Hrefs already under base) come first, each session re-dated with its task sessions into the schedule
  /// of the generated ones; generated sessions follow until options.backup_sessions are there in all. Every
  /// documented session is kept, so there are more when options.backup_sessions is smaller than their number.
  /// Throws emgen::ParseError when a documented one does not read.
  void generate(const std::string& base, DateTime now, const std::vector<std::string>& documented_sessions = {},
                const std::vector<std::string>& documented_task_sessions = {});

  veeam::em::EnterpriseManager enterprise_manager() const;
  veeam::em::LogonSession logon_session(const std::string& session_id, const std::string& user) const;

  veeam::em::EntityReferences backup_session_refs() const;
  /// Throws HttpFailure 404 for an unknown id.
  veeam::em::BackupJobSession& backup_session(std::string_view id);
  veeam::em::EntityRef backup_session_ref(const veeam::em::BackupJobSession& session) const;
  const std::vector<veeam::em::BackupJobSession>& backup_sessions() const { return backup_sessions_; }
  const std::vector<veeam::em::BackupTaskSession>& backup_task_sessions() const { return backup_task_sessions_; }
  /// Every backup task session, or those of one backup session (throws HttpFailure 404 for an unknown id).
  veeam::em::EntityReferences backup_task_session_refs() const;
  veeam::em::EntityReferences backup_task_session_refs_of(std::string_view backup_session_id);
  /// The task sessions of one backup session (throws HttpFailure 404 for an unknown id).
  veeam::em::BackupTaskSessions backup_task_sessions_of(std::string_view backup_session_id);
  /// Throws HttpFailure 404 for an unknown id.
  const veeam::em::BackupTaskSession& backup_task_session(std::string_view id) const;
  veeam::em::EntityRef backup_task_session_ref(const veeam::em::BackupTaskSession& session) const;
  /// The VM restore point a task session's Related link names (throws HttpFailure 404 for another id): the
  /// documented VmRestorePoint with that id, VM and time.
  veeam::em::VmRestorePoint vm_restore_point(std::string_view id) const;
  veeam::em::EntityRef vm_restore_point_ref(std::string_view id) const;
  /// GET /reports/summary/overview, counted from the data set: running jobs, and each VM's latest result.
  veeam::em::OverviewReportFrame overview_report() const;

  veeam::em::SystemSessions system_sessions() const { return system_sessions_; }
  /// Throws HttpFailure 404 for an unknown id.
  const veeam::em::SystemSession& system_session(std::string_view id) const;
  veeam::em::EntityRef system_session_ref(const veeam::em::SystemSession& session) const;

  /// A task of operation (StopJobSession, StartJob, ...) under base.
  veeam::em::Task task(const std::string& task_id, bool finished, bool success, const std::string& message,
                       const std::string& operation = "StopJobSession") const;

  /// A session of job started at now, Working until it finishes at now + duration (see advance()).
  void start_job_session(const std::string& job_id, const std::string& job_name, DateTime now,
                         std::chrono::seconds duration);
  /// Stops every Working session of job at now, as a user's stop does (Failed).
  void stop_job_sessions(const std::string& job_id, DateTime now);
  /// Finishes, with Success, the started sessions whose time has come.
  void advance(DateTime now);

  /// Every Href of the data set with the Name beside it, for the engine to serve what they name.
  std::vector<std::pair<std::string, std::string>> hrefs() const;

  static veeam::em::Error error(int status, const std::string& message);

  const std::string& base() const { return base_; }

 private:
  std::string rebased(std::string_view documented_href) const;
  void generate_task_sessions(const veeam::em::BackupJobSession& session, bool working, std::mt19937_64& rng);
  /// Takes the documented sessions and their task sessions into the data set, re-dated to the slots from newest on
  /// (one every slot_gap); returns how many sessions it took.
  std::size_t take_documented(const std::vector<std::string>& sessions_xml, const std::vector<std::string>& tasks_xml,
                              DateTime newest, std::chrono::minutes slot_gap);
  /// Makes task a task session of session, within its time.
  void adopt_task_session(veeam::em::BackupTaskSession& task, const veeam::em::BackupJobSession& session) const;
  /// Serves the VM restore point a task session's Related link names as the restore point of that task.
  void note_restore_points(std::size_t task_index);

  Options options_;
  std::string base_;
  veeam::em::BackupJobSession documented_session_;
  veeam::em::EnterpriseManager documented_manager_;
  veeam::em::LogonSession documented_logon_;
  veeam::em::SystemSessions documented_system_sessions_;
  veeam::em::Task documented_task_;
  veeam::em::BackupTaskSession documented_task_session_;
  std::vector<veeam::em::BackupTaskSession> backup_task_sessions_;
  /// Task sessions generate_task_sessions() has made: the next session's number of VMs follows from it.
  std::size_t made_task_sessions_ = 0;
  veeam::em::VmRestorePoint documented_vm_restore_point_;
  /// VM restore point id → the task session that made it.
  std::map<std::string, std::size_t> vm_restore_points_;
  std::vector<veeam::em::BackupJobSession> backup_sessions_;
  /// Sessions started through the API: their index and when they finish.
  std::vector<std::pair<std::size_t, DateTime>> started_;
  veeam::em::SystemSessions system_sessions_;
};

/// A version 4 GUID from rng: from a seeded generator, the same seed gives the same data set.
std::string guid(std::mt19937_64& rng);

/// The id in a UID (`urn:veeam:BackupJobSession:ID`), or the part of an Href after its last `/`.
std::string id_of(const veeam::em::Entity& entity);

}  // namespace emgen::sim::detail
