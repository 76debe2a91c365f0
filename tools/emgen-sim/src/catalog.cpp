#include "catalog.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <functional>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include "text/text.hpp"

namespace emgen::sim::detail {
namespace {

using veeam::em::LinkRel;

std::string read_file(const std::filesystem::path& path) {
  std::optional<std::string> bytes = text::read_file(path);
  if (!bytes) throw std::runtime_error("emgen-sim: cannot read " + path.string());
  return std::move(*bytes);
}

using text::equals_ignoring_case;

}  // namespace

std::string guid(std::mt19937_64& rng) {
  std::uint64_t high = rng();
  std::uint64_t low = rng();
  high = (high & ~0xF000ULL) | 0x4000ULL;
  low = (low & ~(0xC000ULL << 48)) | (0x8000ULL << 48);
  char text[37];
  std::snprintf(text, sizeof text, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(high >> 32),
                static_cast<unsigned long long>((high >> 16) & 0xFFFF), static_cast<unsigned long long>(high & 0xFFFF),
                static_cast<unsigned long long>(low >> 48), static_cast<unsigned long long>(low & 0xFFFFFFFFFFFFULL));
  return text;
}

namespace {

// `2025-10-19 07:32:44`, as EM writes times into session names.
std::string name_time(DateTime time) {
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::year_month_day date(day);
  const std::chrono::hh_mm_ss clock(std::chrono::floor<std::chrono::seconds>(time - day));
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02d:%02d:%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                static_cast<int>(clock.seconds().count()));
  return text;
}

// A session's name ends with its start time (`Backup Job 3@2025-09-24 20:00:09`); re-dated, it tells the new one.
std::optional<std::string> redated_name(const std::optional<std::string>& name, DateTime time) {
  if (!name) return name;
  const std::size_t at = name->rfind('@');
  if (at == std::string::npos) return name;
  return name->substr(0, at + 1) + name_time(time);
}

veeam::em::Link link(LinkRel rel, std::string href, std::optional<std::string> type = std::nullopt,
                     std::optional<std::string> name = std::nullopt) {
  veeam::em::Link out;
  out.rel = rel;
  out.href = std::move(href);
  out.type = std::move(type);
  out.name = std::move(name);
  return out;
}

}  // namespace

std::string id_of(const veeam::em::Entity& entity) {
  if (entity.uid) return entity.uid->id;
  std::string_view href = entity.href;
  href = href.substr(0, href.find('?'));
  return std::string(href.substr(href.rfind('/') + 1));
}

Catalog::Catalog(const std::filesystem::path& data_dir, const Options& options) : options_(options) {
  documented_session_ = veeam::em::BackupJobSession::from_xml(read_file(data_dir / "BackupJobSession_doc13.xml"));
  documented_manager_ = veeam::em::EnterpriseManager::from_xml(read_file(data_dir / "EnterpriseManager_doc13.xml"));
  documented_logon_ = veeam::em::LogonSession::from_xml(read_file(data_dir / "LogonSession.xml"));
  documented_system_sessions_ = veeam::em::SystemSessions::from_xml(read_file(data_dir / "SystemSessions_doc.xml"));
  documented_task_ = veeam::em::Task::from_xml(read_file(data_dir / "Task_StopJobSession_Finished.xml"));
  documented_vm_restore_point_ =
      veeam::em::VmRestorePoint::from_xml(read_file(data_dir / "VmRestorePoint_vmrestorepoints_id.xml"));
  documented_task_session_ =
      veeam::em::BackupTaskSession::from_xml(read_file(data_dir / "BackupTaskSession_backuptasksessions_id.xml"));
}

std::string Catalog::rebased(std::string_view documented_href) const {
  const std::size_t authority = documented_href.find("://");
  const std::size_t api = documented_href.find("/api", authority == std::string_view::npos ? 0 : authority + 3);
  if (api == std::string_view::npos) return std::string(documented_href);
  return base_ + std::string(documented_href.substr(api + 4));
}

void Catalog::generate(const std::string& base, DateTime now, const std::vector<std::string>& documented_sessions,
                       const std::vector<std::string>& documented_task_sessions) {
  base_ = base;
  started_.clear();
  std::mt19937_64 rng(options_.seed);
  struct Job {
    std::string id;
    std::string name;
    veeam::em::BackupJobType type;
  };
  const std::string server_id = guid(rng);
  const std::vector<Job> jobs = {
      {guid(rng), "Backup Job 1 (made by the simulator)", veeam::em::BackupJobType::Backup},
      {guid(rng), "File Server Backup (made by the simulator)", veeam::em::BackupJobType::Backup},
      {guid(rng), "SQL Backup (made by the simulator)", veeam::em::BackupJobType::Backup},
      {guid(rng), "Backup Copy Job 1 (made by the simulator)", veeam::em::BackupJobType::BackupCopy},
  };
  // The newest session started a quarter of an hour before now, older ones every 47 minutes before it: "the
  // last 24 hours" of a client's own clock holds about 30 of them.
  const DateTime newest = std::chrono::floor<std::chrono::milliseconds>(now) - std::chrono::minutes(15);
  const std::chrono::minutes slot_gap(47);

  backup_sessions_.clear();
  backup_task_sessions_.clear();
  vm_restore_points_.clear();
  // The documented sessions take the newest slots, so that a client reading "the last day" meets them.
  const std::size_t documented = take_documented(documented_sessions, documented_task_sessions, newest, slot_gap);
  // Task sessions draw from a generator of their own, so that the backup sessions stay as they were; and the
  // made sessions' VMs are counted from theirs alone, so that they do not depend on what is documented.
  std::mt19937_64 task_rng(options_.seed + 1);
  made_task_sessions_ = 0;
  const int generated = std::max(0, options_.backup_sessions - static_cast<int>(documented));
  for (int i = 0; i < generated; ++i) {
    const Job& job = jobs[static_cast<std::size_t>(i) % jobs.size()];
    const int slot = static_cast<int>(documented) + i;
    // Start from the documented session so that every member a real server sends is there.
    veeam::em::BackupJobSession session = documented_session_;
    const std::string id = guid(rng);
    session.href = base_ + "/backupSessions/" + id + "?format=Entity";
    session.type = "BackupJobSession";
    session.uid = emgen::Uid{"BackupJobSession", id};
    session.job_uid = emgen::Uid{"Job", job.id};
    session.job_name = job.name;
    session.job_type = job.type;
    session.creation_time_utc =
        newest - slot_gap * slot - std::chrono::seconds(rng() % 600) - std::chrono::milliseconds(rng() % 1000);
    session.name = job.name + "@" + name_time(session.creation_time_utc);
    session.is_retry = i % 11 == 6;
    const bool working = i % 8 == 2;
    if (working) {
      session.state = veeam::em::BackupJobSessionState::Working;
      // EM reports a running session's result as None, a value its tables do not list.
      session.result = emgen::Open<veeam::em::SessionResult>::unlisted("None");
      session.end_time_utc.reset();
      session.progress = static_cast<std::int32_t>(5 + rng() % 90);
    } else {
      session.state = veeam::em::BackupJobSessionState::Stopped;
      session.result = i % 5 == 3   ? veeam::em::SessionResult::Failed
                       : i % 7 == 4 ? veeam::em::SessionResult::Warning
                                    : veeam::em::SessionResult::Success;
      session.end_time_utc =
          session.creation_time_utc + std::chrono::minutes(2 + rng() % 38) + std::chrono::milliseconds(rng() % 60000);
      session.progress = 100;
    }
    const std::string reference = base_ + "/backupSessions/" + id;
    session.links = {
        link(LinkRel::Up, base_ + "/backupServers/" + server_id, "BackupServerReference", "emgen-sim.local"),
        link(LinkRel::Up, base_ + "/jobs/" + job.id, "JobReference", job.name),
        link(LinkRel::Alternate, reference, "BackupJobSessionReference", session.name),
        link(LinkRel::Down, reference + "/taskSessions", "BackupTaskSessionReferenceList"),
        link(LinkRel::Stop, reference + "?action=stop"),
    };
    if (!working)
      session.links.push_back(
          link(LinkRel::Related, base_ + "/restorePoints/" + guid(rng), "RestorePointReference", ""));
    generate_task_sessions(session, working, task_rng);
    backup_sessions_.push_back(std::move(session));
  }

  system_sessions_ = documented_system_sessions_;
  for (veeam::em::SystemSession& session : system_sessions_.sessions) {
    session.href = rebased(session.href);
    for (veeam::em::Link& each : session.links) each.href = rebased(each.href);
  }
}

std::size_t Catalog::take_documented(const std::vector<std::string>& sessions_xml,
                                     const std::vector<std::string>& tasks_xml, DateTime newest,
                                     std::chrono::minutes slot_gap) {
  std::vector<veeam::em::BackupJobSession> sessions;
  for (const std::string& xml : sessions_xml) sessions.push_back(veeam::em::BackupJobSession::from_xml(xml));
  std::vector<veeam::em::BackupTaskSession> tasks;
  for (const std::string& xml : tasks_xml) tasks.push_back(veeam::em::BackupTaskSession::from_xml(xml));
  // In their own order of time, newest first, as the data set is.
  std::stable_sort(sessions.begin(), sessions.end(),
                   [](const veeam::em::BackupJobSession& a, const veeam::em::BackupJobSession& b) {
                     return a.creation_time_utc > b.creation_time_utc;
                   });
  // A task session whose JobSessionUid names no session of the data set (one the engine made because its type had
  // a single example) is given to a session without task sessions, so that no task session is left without a
  // session that lists it.
  std::set<std::string> owners;
  for (const veeam::em::BackupJobSession& session : sessions)
    if (session.uid) owners.insert(session.uid->id);
  std::deque<veeam::em::BackupTaskSession> strays;
  std::erase_if(tasks, [&](veeam::em::BackupTaskSession& task) {
    if (owners.contains(task.job_session_uid.id)) return false;
    strays.push_back(std::move(task));
    return true;
  });
  // A session with no task session at all gets made ones, from a generator that leaves the others' alone.
  std::mt19937_64 rng(options_.seed + 2);
  for (std::size_t slot = 0; slot < sessions.size(); ++slot) {
    veeam::em::BackupJobSession& session = sessions[slot];
    const DateTime start = newest - slot_gap * static_cast<int>(slot);
    const auto offset = start - session.creation_time_utc;
    session.creation_time_utc = start;
    if (session.end_time_utc) *session.end_time_utc += offset;
    // EM names a session after its job and start; a session the engine made for a documented Href has the Name
    // beside that Href but the job of the example it copies, so the job decides.
    if (!session.job_name.empty()) session.name = session.job_name + "@";
    session.name = redated_name(session.name, session.creation_time_utc);
    for (veeam::em::Link& each : session.links)
      if (each.type == "BackupJobSessionReference") each.name = session.name;

    bool has_tasks = false;
    for (veeam::em::BackupTaskSession task : tasks) {
      if (!session.uid || task.job_session_uid.id != session.uid->id) continue;
      task.creation_time_utc += offset;
      if (task.end_time_utc) *task.end_time_utc += offset;
      task.name = redated_name(task.name, task.creation_time_utc);
      for (veeam::em::Link& each : task.links) {
        if (each.type == "BackupTaskSessionReference") each.name = task.name;
        if (each.type == "BackupJobSessionReference") each.name = session.name;
      }
      backup_task_sessions_.push_back(std::move(task));
      note_restore_points(backup_task_sessions_.size() - 1);
      has_tasks = true;
    }
    if (!has_tasks && !strays.empty() && session.uid) {
      veeam::em::BackupTaskSession task = std::move(strays.front());
      strays.pop_front();
      adopt_task_session(task, session);
      backup_task_sessions_.push_back(std::move(task));
      note_restore_points(backup_task_sessions_.size() - 1);
      has_tasks = true;
    }
    const bool working = session.state == veeam::em::BackupJobSessionState::Working || !session.end_time_utc;
    if (!has_tasks) generate_task_sessions(session, working, rng);
    backup_sessions_.push_back(std::move(session));
  }
  // More strays than sessions without task sessions: the newest session takes the rest.
  for (veeam::em::BackupTaskSession& task : strays) {
    if (backup_sessions_.empty() || !backup_sessions_.front().uid) break;
    adopt_task_session(task, backup_sessions_.front());
    backup_task_sessions_.push_back(std::move(task));
    note_restore_points(backup_task_sessions_.size() - 1);
  }
  return sessions.size();
}

void Catalog::adopt_task_session(veeam::em::BackupTaskSession& task, const veeam::em::BackupJobSession& session) const {
  task.job_session_uid = *session.uid;
  task.creation_time_utc = session.creation_time_utc + std::chrono::seconds(20);
  if (session.end_time_utc)
    task.end_time_utc = *session.end_time_utc - std::chrono::seconds(10);
  else
    task.end_time_utc.reset();
  task.name = redated_name(task.name, task.creation_time_utc);
  std::erase_if(task.links, [](const veeam::em::Link& each) {
    return each.rel == LinkRel::Up && each.type == "BackupJobSessionReference";
  });
  task.links.insert(task.links.begin(), link(LinkRel::Up, base_ + "/backupSessions/" + session.uid->id,
                                             "BackupJobSessionReference", session.name.value_or("")));
}

void Catalog::note_restore_points(std::size_t task_index) {
  veeam::em::BackupTaskSession& task = backup_task_sessions_.at(task_index);
  static constexpr std::string_view kPath = "/vmRestorePoints/";
  for (veeam::em::Link& each : task.links) {
    const std::size_t at = each.href.find(kPath);
    if (each.rel != LinkRel::Related || at == std::string::npos) continue;
    const std::size_t start = at + kPath.size();
    const std::string id = each.href.substr(start, each.href.find_first_of("/?", start) - start);
    vm_restore_points_[id] = task_index;
    each.name = vm_restore_point(id).name;
  }
}

// One task session per VM of the job: 1 to 3 VMs, the first one carrying the session's result.
void Catalog::generate_task_sessions(const veeam::em::BackupJobSession& session, bool working, std::mt19937_64& rng) {
  const std::string session_reference = base_ + "/backupSessions/" + id_of(session);
  const std::size_t vms = 1 + made_task_sessions_ % 3;
  made_task_sessions_ += vms;
  for (std::size_t vm = 0; vm < vms; ++vm) {
    veeam::em::BackupTaskSession task = documented_task_session_;
    const std::string id = guid(rng);
    const std::string reference = base_ + "/backupTaskSessions/" + id;
    task.href = reference + "?format=Entity";
    task.type = "BackupTaskSession";
    task.uid = emgen::Uid{"BackupTaskSession", id};
    task.vm_display_name = "vm-" + std::to_string(vm + 1) + "-made-by-the-simulator";
    task.job_session_uid = *session.uid;
    task.creation_time_utc = session.creation_time_utc + std::chrono::seconds(20 + 5 * vm);
    task.name = *task.vm_display_name + "@" + name_time(task.creation_time_utc);
    task.total_size = static_cast<std::int64_t>(1 + rng() % 200) * 1024 * 1024 * 1024;
    if (working) {
      task.state = vm == 0 ? veeam::em::BackupTaskSessionState::InProgress : veeam::em::BackupTaskSessionState::Pending;
      task.result = emgen::Open<veeam::em::SessionResult>::unlisted("None");
      task.end_time_utc.reset();
    } else {
      task.state = veeam::em::BackupTaskSessionState::Completed;
      task.result = vm == 0 ? session.result : emgen::Open<veeam::em::SessionResult>(veeam::em::SessionResult::Success);
      task.end_time_utc = *session.end_time_utc - std::chrono::seconds(10 * (vms - vm));
    }
    task.reason = task.result == veeam::em::SessionResult::Success ? ""
                  : working                                        ? ""
                            : "Processing " + *task.vm_display_name + " ended with " + std::string(task.result.text()) +
                                  " (made by the simulator).";
    task.links = {session.links.front(),
                  link(LinkRel::Up, session_reference, "BackupJobSessionReference", session.name.value_or("")),
                  link(LinkRel::Alternate, reference, "BackupTaskSessionReference", *task.name)};
    if (!working && task.result != veeam::em::SessionResult::Failed) {
      const std::string point = guid(rng);
      vm_restore_points_[point] = backup_task_sessions_.size();
      task.links.push_back(
          link(LinkRel::Related, base_ + "/vmRestorePoints/" + point + "?format=Entity", "VmRestorePoint", *task.name));
    }
    backup_task_sessions_.push_back(std::move(task));
  }
}

veeam::em::EntityReferences Catalog::backup_task_session_refs() const {
  veeam::em::EntityReferences refs;
  for (const veeam::em::BackupTaskSession& task : backup_task_sessions_)
    refs.ref.push_back(backup_task_session_ref(task));
  return refs;
}

veeam::em::EntityReferences Catalog::backup_task_session_refs_of(std::string_view backup_session_id) {
  const veeam::em::BackupJobSession& session = backup_session(backup_session_id);
  veeam::em::EntityReferences refs;
  for (const veeam::em::BackupTaskSession& task : backup_task_sessions_)
    if (task.job_session_uid == *session.uid) refs.ref.push_back(backup_task_session_ref(task));
  return refs;
}

veeam::em::BackupTaskSessions Catalog::backup_task_sessions_of(std::string_view backup_session_id) {
  const veeam::em::BackupJobSession& session = backup_session(backup_session_id);
  veeam::em::BackupTaskSessions tasks;
  for (const veeam::em::BackupTaskSession& task : backup_task_sessions_)
    if (task.job_session_uid == *session.uid) tasks.backup_task_session.push_back(task);
  return tasks;
}

const veeam::em::BackupTaskSession& Catalog::backup_task_session(std::string_view id) const {
  for (const veeam::em::BackupTaskSession& task : backup_task_sessions_)
    if (id_of(task) == id) return task;
  throw HttpFailure{404, "Backup task session " + std::string(id) + " was not found."};
}

veeam::em::EntityRef Catalog::backup_task_session_ref(const veeam::em::BackupTaskSession& session) const {
  veeam::em::EntityRef ref;
  ref.href = base_ + "/backupTaskSessions/" + id_of(session);
  ref.type = "BackupTaskSessionReference";
  ref.name = session.name;
  ref.uid = session.uid;
  for (const veeam::em::Link& each : session.links)
    if (each.rel == LinkRel::Up) ref.links.push_back(each);
  ref.links.push_back(link(LinkRel::Alternate, session.href, "BackupTaskSession", session.name));
  return ref;
}

veeam::em::VmRestorePoint Catalog::vm_restore_point(std::string_view id) const {
  const auto found = vm_restore_points_.find(std::string(id));
  if (found == vm_restore_points_.end())
    throw HttpFailure{404, "VM restore point " + std::string(id) + " was not found."};
  const veeam::em::BackupTaskSession& task = backup_task_sessions_.at(found->second);
  veeam::em::VmRestorePoint point = documented_vm_restore_point_;
  const std::string reference = base_ + "/vmRestorePoints/" + found->first;
  point.href = reference + "?format=Entity";
  point.uid = emgen::Uid{"VmRestorePoint", found->first};
  point.creation_time_utc = task.end_time_utc.value_or(task.creation_time_utc);
  point.name = task.vm_display_name.value_or("") + "@" + name_time(point.creation_time_utc);
  point.vm_display_name = task.vm_display_name;
  // The backup server the task session names (its first Up link) is the restore point's too.
  const auto server = std::find_if(task.links.begin(), task.links.end(),
                                   [](const veeam::em::Link& each) { return each.rel == LinkRel::Up; });
  point.links.clear();
  if (server != task.links.end()) point.links.push_back(*server);
  point.links.push_back(link(LinkRel::Alternate, reference, "VmRestorePointReference", *point.name));
  return point;
}

veeam::em::EntityRef Catalog::vm_restore_point_ref(std::string_view id) const {
  const veeam::em::VmRestorePoint point = vm_restore_point(id);
  veeam::em::EntityRef ref;
  ref.href = base_ + "/vmRestorePoints/" + std::string(id);
  ref.type = "VmRestorePointReference";
  ref.name = point.name;
  ref.uid = point.uid;
  ref.links.push_back(link(LinkRel::Alternate, point.href, "VmRestorePoint", point.name));
  return ref;
}

veeam::em::OverviewReportFrame Catalog::overview_report() const {
  veeam::em::OverviewReportFrame report;
  report.href = base_ + "/reports/summary/overview";
  report.type = "OverviewReportFrame";
  report.links = {link(LinkRel::Up, base_ + "/reports/summary", "SummaryReportsList")};
  report.backup_servers = 1;
  report.proxy_servers = 1;
  report.repository_servers = 1;
  std::set<std::string> jobs, running;
  for (const veeam::em::BackupJobSession& session : backup_sessions_) {
    jobs.insert(session.job_uid.id);
    if (session.state == veeam::em::BackupJobSessionState::Working) running.insert(session.job_uid.id);
  }
  report.running_jobs = static_cast<std::int32_t>(running.size());
  report.scheduled_jobs = static_cast<std::int32_t>(jobs.size());
  // Each VM's latest finished task session says how it stands.
  std::map<std::string, const veeam::em::BackupTaskSession*> latest;
  for (const veeam::em::BackupTaskSession& task : backup_task_sessions_) {
    if (task.state != veeam::em::BackupTaskSessionState::Completed) continue;
    const veeam::em::BackupTaskSession*& slot = latest[task.vm_display_name.value_or("")];
    if (!slot || slot->creation_time_utc < task.creation_time_utc) slot = &task;
  }
  for (const auto& [vm, task] : latest) {
    if (task->result == veeam::em::SessionResult::Success) ++report.successful_vm_lastest_states;
    if (task->result == veeam::em::SessionResult::Warning) ++report.warning_vm_lastest_states;
    if (task->result == veeam::em::SessionResult::Failed) ++report.failed_vm_lastest_states;
  }
  return report;
}

veeam::em::EnterpriseManager Catalog::enterprise_manager() const {
  veeam::em::EnterpriseManager manager = documented_manager_;
  for (veeam::em::Link& each : manager.links) each.href = rebased(each.href);
  for (veeam::em::SupportedVersion& version : manager.supported_versions)
    for (veeam::em::Link& each : version.links) each.href = rebased(each.href);
  return manager;
}

veeam::em::LogonSession Catalog::logon_session(const std::string& session_id, const std::string& user) const {
  veeam::em::LogonSession logon = documented_logon_;
  const std::string documented_id = documented_logon_.session_id;
  const auto renamed = [&](std::string href) {
    href = rebased(href);
    for (std::size_t at = href.find(documented_id); at != std::string::npos; at = href.find(documented_id, at))
      href.replace(at, documented_id.size(), session_id);
    return href;
  };
  logon.href = renamed(logon.href);
  for (veeam::em::Link& each : logon.links) each.href = renamed(each.href);
  logon.user_name = user;
  logon.session_id = session_id;
  return logon;
}

veeam::em::EntityReferences Catalog::backup_session_refs() const {
  veeam::em::EntityReferences refs;
  for (const veeam::em::BackupJobSession& session : backup_sessions_) refs.ref.push_back(backup_session_ref(session));
  return refs;
}

veeam::em::BackupJobSession& Catalog::backup_session(std::string_view id) {
  for (veeam::em::BackupJobSession& session : backup_sessions_)
    if (id_of(session) == id) return session;
  throw HttpFailure{404, "Backup job session " + std::string(id) + " was not found."};
}

veeam::em::EntityRef Catalog::backup_session_ref(const veeam::em::BackupJobSession& session) const {
  veeam::em::EntityRef ref;
  const std::string reference = base_ + "/backupSessions/" + id_of(session);
  ref.href = reference;
  ref.type = "BackupJobSessionReference";
  ref.name = session.name;
  ref.uid = session.uid;
  for (const veeam::em::Link& each : session.links)
    if (each.rel == LinkRel::Up) ref.links.push_back(each);
  ref.links.push_back(link(LinkRel::Alternate, session.href, "BackupJobSession", session.name));
  ref.links.push_back(link(LinkRel::Down, reference + "/taskSessions", "BackupTaskSessionReferenceList"));
  return ref;
}

const veeam::em::SystemSession& Catalog::system_session(std::string_view id) const {
  for (const veeam::em::SystemSession& session : system_sessions_.sessions)
    if (id_of(session) == id) return session;
  throw HttpFailure{404, "System session " + std::string(id) + " was not found."};
}

veeam::em::EntityRef Catalog::system_session_ref(const veeam::em::SystemSession& session) const {
  veeam::em::EntityRef ref;
  ref.href = base_ + "/systemSessions/" + id_of(session);
  ref.type = "SystemSessionReference";
  ref.name = session.name;
  ref.uid = session.uid;
  ref.links.push_back(link(LinkRel::Alternate, session.href, "SystemSession", session.name));
  for (const veeam::em::Link& each : session.links)
    if (each.rel == LinkRel::Down) ref.links.push_back(each);
  return ref;
}

veeam::em::Task Catalog::task(const std::string& task_id, bool finished, bool success, const std::string& message,
                              const std::string& operation) const {
  veeam::em::Task task = documented_task_;
  task.href = base_ + "/tasks/" + task_id;
  task.type = "Task";
  task.links = {link(LinkRel::Delete, task.href, "Task")};
  task.task_id = task_id;
  task.state = finished ? veeam::em::TaskState::Finished : veeam::em::TaskState::Running;
  task.operation = operation;
  if (finished)
    task.result = veeam::em::TaskResult{success, message};
  else
    task.result.reset();
  return task;
}

void Catalog::start_job_session(const std::string& job_id, const std::string& job_name, DateTime now,
                                std::chrono::seconds duration) {
  veeam::em::BackupJobSession session = documented_session_;
  std::mt19937_64 rng(options_.seed + backup_sessions_.size() * 7919);
  const std::string id = guid(rng);
  session.href = base_ + "/backupSessions/" + id + "?format=Entity";
  session.type = "BackupJobSession";
  session.uid = emgen::Uid{"BackupJobSession", id};
  session.job_uid = emgen::Uid{"Job", job_id};
  session.job_name = job_name;
  session.creation_time_utc = now;
  session.name = job_name + "@" + name_time(now);
  session.is_retry = false;
  session.state = veeam::em::BackupJobSessionState::Working;
  session.result = emgen::Open<veeam::em::SessionResult>::unlisted("None");
  session.end_time_utc.reset();
  session.progress = 0;
  const std::string reference = base_ + "/backupSessions/" + id;
  session.links = {
      link(LinkRel::Up, base_ + "/jobs/" + job_id, "JobReference", job_name),
      link(LinkRel::Alternate, reference, "BackupJobSessionReference", session.name),
      link(LinkRel::Down, reference + "/taskSessions", "BackupTaskSessionReferenceList"),
      link(LinkRel::Stop, reference + "?action=stop"),
  };
  // Newest first, as the data set is.
  backup_sessions_.insert(backup_sessions_.begin(), std::move(session));
  for (auto& [index, end] : started_) ++index;
  started_.emplace_back(0, now + duration);
}

void Catalog::stop_job_sessions(const std::string& job_id, DateTime now) {
  for (veeam::em::BackupJobSession& session : backup_sessions_) {
    if (session.job_uid.id != job_id || session.state != veeam::em::BackupJobSessionState::Working) continue;
    session.state = veeam::em::BackupJobSessionState::Stopped;
    session.result = veeam::em::SessionResult::Failed;  // VBR reports a session stopped by a user as failed
    session.end_time_utc = now;
  }
}

void Catalog::advance(DateTime now) {
  std::erase_if(started_, [&](const std::pair<std::size_t, DateTime>& started) {
    if (started.second > now) return false;
    veeam::em::BackupJobSession& session = backup_sessions_.at(started.first);
    if (session.state == veeam::em::BackupJobSessionState::Working) {
      session.state = veeam::em::BackupJobSessionState::Stopped;
      session.result = veeam::em::SessionResult::Success;
      session.end_time_utc = started.second;
      session.progress = 100;
    }
    return true;
  });
  for (auto& [index, end] : started_) {
    veeam::em::BackupJobSession& session = backup_sessions_.at(index);
    if (session.state != veeam::em::BackupJobSessionState::Working) continue;
    const auto total = end - session.creation_time_utc;
    if (total.count() > 0)
      session.progress = static_cast<std::int32_t>(100 * (now - session.creation_time_utc) / total);
  }
}

std::vector<std::pair<std::string, std::string>> Catalog::hrefs() const {
  std::vector<std::pair<std::string, std::string>> out;
  const auto add = [&](const std::vector<veeam::em::Link>& links) {
    for (const veeam::em::Link& each : links) out.emplace_back(each.href, each.name.value_or(""));
  };
  for (const veeam::em::BackupJobSession& session : backup_sessions_) add(session.links);
  for (const veeam::em::BackupTaskSession& session : backup_task_sessions_) add(session.links);
  for (const veeam::em::SystemSession& session : system_sessions_.sessions) add(session.links);
  return out;
}

veeam::em::Error Catalog::error(int status, const std::string& message) {
  veeam::em::Error error;
  error.message = message;
  error.status_code = status;
  return error;
}

}  // namespace emgen::sim::detail
