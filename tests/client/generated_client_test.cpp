// The generated veeam::em::Client against the simulator on 127.0.0.1: every endpoint method, query paging,
// link following and waiting for a task, in XML and in JSON.
#include <gtest/gtest.h>

#include <emgen/http.hpp>
#include <emgen/query.hpp>
#include <emgen/sim/simulator.hpp>
#include <map>
#include <set>

#include "../sim/simulator_support.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/backup_task_session.hpp"
#include "veeam/em/client.hpp"
#include "veeam/em/enterprise_manager.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/overview_report_frame.hpp"
#include "veeam/em/query_result.hpp"
#include "veeam/em/system_session.hpp"
#include "veeam/em/task.hpp"
#include "veeam/em/vm_restore_point.hpp"

namespace em = veeam::em;

namespace {

class GeneratedClient : public testing::TestWithParam<emgen::Format> {
 protected:
  GeneratedClient() {
    const emgen::sim::Options options =
        emgen::test::simulator_options([](emgen::sim::Options& each) { each.backup_sessions = 25; });
    simulator_ = emgen::test::start_simulator(options);
    transport_ = std::make_unique<emgen::CurlTransport>();
    session_ = std::make_unique<emgen::Session>(*transport_, simulator_->base_url(), options.user, options.password,
                                                GetParam());
    client_ = std::make_unique<em::Client>(*session_);
  }
  ~GeneratedClient() override {
    // The session logs off before the simulator goes away.
    client_.reset();
    session_.reset();
    transport_.reset();
  }

  std::unique_ptr<emgen::sim::Simulator> simulator_;
  std::unique_ptr<emgen::CurlTransport> transport_;
  std::unique_ptr<emgen::Session> session_;
  std::unique_ptr<em::Client> client_;
};

TEST_P(GeneratedClient, ReadsTheRootAndTheBackupSessions) {
  const em::EnterpriseManager root = client_->enterprise_manager();
  ASSERT_EQ(root.supported_versions.size(), 3u);
  EXPECT_EQ(root.supported_versions[2].name, "v1_7");

  const em::EntityReferences list = client_->backup_sessions();
  ASSERT_EQ(list.ref.size(), 25u);
  const std::string id = list.ref[3].uid.value().id;
  const em::BackupJobSession entity = client_->get_backup_session(id);
  const em::EntityRef reference = client_->get_backup_session_reference(id);
  EXPECT_EQ(entity.uid, list.ref[3].uid);
  EXPECT_EQ(reference.uid, entity.uid);
  EXPECT_EQ(reference.type, "BackupJobSessionReference");
  EXPECT_EQ(entity.type, "BackupJobSession");

  // A link from a payload is fetched as its declared type: the entity's Alternate link is the reference.
  int followed = 0;
  for (const auto& link : entity.links) {
    if (link.rel != em::LinkRel::Alternate) continue;
    EXPECT_EQ(client_->follow<em::EntityRef>(link.href).uid, entity.uid);
    ++followed;
  }
  EXPECT_EQ(followed, 1);
}

TEST_P(GeneratedClient, UnknownIdIsNotFoundWithTheErrorBody) {
  try {
    static_cast<void>(client_->get_backup_session("00000000-0000-0000-0000-000000000000"));
    FAIL() << "expected NotFound";
  } catch (const emgen::NotFound& e) {
    EXPECT_EQ(e.status(), 404);
    ASSERT_TRUE(e.details().has_value());
    ASSERT_TRUE(e.details()->message);
    EXPECT_FALSE(e.details()->message->empty());
  }
}

TEST_P(GeneratedClient, PagesThroughAQueryFollowingNextLinks) {
  const auto query = emgen::Query("BackupJobSession").entities().sort_descending("CreationTime").page_size(7);
  std::set<std::string> seen;
  int pages = 0;
  emgen::for_each_page(*session_, query.path(), [&](const em::QueryResult& page) {
    ++pages;
    ASSERT_TRUE(page.paging_info.has_value());
    EXPECT_EQ(page.paging_info->page_num, pages);
    for (const auto& s : page.entities.value().backup_job_sessions) seen.insert(s.uid.value().id);
  });
  EXPECT_EQ(pages, 4);  // 25 sessions, 7 a page
  EXPECT_EQ(seen.size(), 25u);

  const auto failed = client_->query(emgen::Query("BackupJobSession")
                                         .entities()
                                         .where(emgen::Field<emgen::Open<em::SessionResult>>("Result") ==
                                                emgen::Open<em::SessionResult>(em::SessionResult::Failed))
                                         .to_string());
  ASSERT_TRUE(failed.entities.has_value());
  EXPECT_FALSE(failed.entities->backup_job_sessions.empty());
  for (const auto& s : failed.entities->backup_job_sessions) EXPECT_EQ(s.result, em::SessionResult::Failed);
}

TEST_P(GeneratedClient, WalksFromABackupSessionToItsTaskSessionsAndRestorePoints) {
  const em::EntityReferences sessions = client_->backup_sessions();
  ASSERT_FALSE(sessions.ref.empty());
  std::size_t task_sessions = 0, restore_points = 0;
  for (const auto& session_ref : sessions.ref) {
    const std::string id = session_ref.uid.value().id;
    for (const auto& task_ref : client_->backup_session_task_sessions(id).ref) {
      EXPECT_EQ(task_ref.type, "BackupTaskSessionReference");
      const em::BackupTaskSession task = client_->get_backup_task_session(task_ref.uid.value().id);
      EXPECT_EQ(task.job_session_uid, session_ref.uid);
      EXPECT_EQ(task.uid, task_ref.uid);
      EXPECT_EQ(client_->get_backup_task_session_reference(task_ref.uid.value().id).uid, task.uid);
      for (const auto& link : task.links) {
        if (link.rel != em::LinkRel::Related) continue;
        const em::VmRestorePoint point = client_->follow<em::VmRestorePoint>(link.href);
        EXPECT_EQ(point.vm_display_name, task.vm_display_name);
        EXPECT_EQ(client_->get_vm_restore_point_reference(point.uid.value().id).uid, point.uid);
        ++restore_points;
      }
      ++task_sessions;
    }
  }
  EXPECT_GE(task_sessions, sessions.ref.size());
  EXPECT_EQ(client_->backup_task_sessions().ref.size(), task_sessions);
  EXPECT_GT(restore_points, 0u);
}

TEST_P(GeneratedClient, TheOverviewReportCountsTheDataSet) {
  const em::OverviewReportFrame overview = client_->reports_summary_overview();
  int running = 0;
  std::set<std::string> jobs;
  for (const auto& s : simulator_->backup_sessions()) {
    jobs.insert(s.job_uid.id);
    running += s.state == em::BackupJobSessionState::Working ? 1 : 0;
  }
  EXPECT_EQ(overview.scheduled_jobs, static_cast<int>(jobs.size()));
  EXPECT_GT(overview.running_jobs, 0);
  EXPECT_LE(overview.running_jobs, running);
  // Each VM's latest completed task session, from the query service, gives the three counts.
  std::map<std::string, em::BackupTaskSession> latest;
  emgen::for_each_page(*session_, emgen::Query::of<em::BackupTaskSession>().page_size(50).path(),
                       [&](const em::QueryResult& page) {
                         for (const auto& task : emgen::entities_in<em::BackupTaskSession>(page)) {
                           if (task.state != em::BackupTaskSessionState::Completed) continue;
                           auto [it, added] = latest.emplace(task.vm_display_name.value_or(""), task);
                           if (!added && it->second.creation_time_utc < task.creation_time_utc) it->second = task;
                         }
                       });
  ASSERT_FALSE(latest.empty());
  int succeeded = 0, warned = 0, failed = 0;
  for (const auto& [vm, task] : latest) {
    succeeded += task.result == em::SessionResult::Success ? 1 : 0;
    warned += task.result == em::SessionResult::Warning ? 1 : 0;
    failed += task.result == em::SessionResult::Failed ? 1 : 0;
  }
  EXPECT_EQ(overview.successful_vm_lastest_states, succeeded);
  EXPECT_EQ(overview.warning_vm_lastest_states, warned);
  EXPECT_EQ(overview.failed_vm_lastest_states, failed);
  EXPECT_EQ(overview.href, simulator_->base_url() + "/reports/summary/overview");
}

TEST_P(GeneratedClient, QueriesTaskSessionsByEntityType) {
  const auto query = emgen::Query::of<em::BackupTaskSession>().sort_ascending("CreationTime").page_size(4);
  EXPECT_EQ(query.to_string().rfind("type=BackupTaskSession&format=Entities", 0), 0u) << query.to_string();
  std::size_t seen = 0;
  int pages = 0;
  emgen::for_each_page(*session_, query.path(), [&](const em::QueryResult& page) {
    ++pages;
    const auto& tasks = emgen::entities_in<em::BackupTaskSession>(page);
    EXPECT_LE(tasks.size(), 4u);
    EXPECT_TRUE(emgen::entities_in<em::BackupJobSession>(page).empty());
    for (std::size_t i = 1; i < tasks.size(); ++i)
      EXPECT_LE(tasks[i - 1].creation_time_utc, tasks[i].creation_time_utc);
    seen += tasks.size();
  });
  EXPECT_EQ(seen, client_->backup_task_sessions().ref.size());
  EXPECT_EQ(pages, static_cast<int>((seen + 3) / 4));

  const auto failed =
      client_->query(emgen::Query::of<em::BackupTaskSession>()
                         .where(emgen::Field<std::string>("VmDisplayName") == std::string("vm-1-made-by-the-simulator"))
                         .where(emgen::Field<emgen::Open<em::SessionResult>>("Result") ==
                                emgen::Open<em::SessionResult>(em::SessionResult::Failed))
                         .to_string());
  ASSERT_FALSE(emgen::entities_in<em::BackupTaskSession>(failed).empty());
  for (const auto& task : emgen::entities_in<em::BackupTaskSession>(failed)) {
    EXPECT_EQ(task.result, em::SessionResult::Failed);
    EXPECT_EQ(task.vm_display_name, "vm-1-made-by-the-simulator");
    EXPECT_FALSE(task.reason.empty());
  }
}

TEST_P(GeneratedClient, TheEntityRangeFetchesEachPageWhenIterationReachesIt) {
  const auto query = emgen::Query::of<em::BackupJobSession>().sort_ascending("CreationTime").page_size(7);
  auto first_three = emgen::entities<em::BackupJobSession>(*session_, query);
  int seen = 0;
  for ([[maybe_unused]] const auto& s : first_three)
    if (++seen == 3) break;
  EXPECT_EQ(first_three.pages(), 1);  // the other three pages were never asked for

  std::set<std::string> ids;
  auto all = emgen::entities<em::BackupJobSession>(*session_, query);
  for (const auto& s : all) ids.insert(s.uid.value().id);
  EXPECT_EQ(ids.size(), 25u);
  EXPECT_EQ(all.pages(), 4);

  // Page 3 fails: the error comes out of the increment that needed it, after the 14 sessions of pages 1 and 2.
  auto failing = emgen::entities<em::BackupJobSession>(*session_, query);
  int before_error = 0;
  try {
    for ([[maybe_unused]] const auto& s : failing) {
      if (++before_error == 14) simulator_->fail_path("/api/query", 1, 500);  // 500 is not retried
    }
    ADD_FAILURE() << "the third page did not fail";
  } catch (const emgen::ServerError& error) {
    EXPECT_EQ(error.status(), 500);
  }
  EXPECT_EQ(before_error, 14);
  EXPECT_EQ(failing.pages(), 2);
}

TEST_P(GeneratedClient, StopsARunningSessionAndWaitsForItsTask) {
  std::string running;
  for (const auto& s : simulator_->backup_sessions())
    if (s.state == em::BackupJobSessionState::Working) running = s.uid.value().id;
  ASSERT_FALSE(running.empty());
  const em::Task task = client_->stop_backup_session(running);
  EXPECT_EQ(task.state, em::TaskState::Running);
  const em::Task done = emgen::wait_for_task(*session_, task, std::chrono::seconds(20), std::chrono::milliseconds(20));
  EXPECT_EQ(done.state, em::TaskState::Finished);
  ASSERT_TRUE(done.result.has_value());
  EXPECT_TRUE(done.result->success);
  EXPECT_EQ(client_->get_backup_session(running).state, em::BackupJobSessionState::Stopped);
  // wait_for_task deleted the finished task.
  EXPECT_THROW(static_cast<void>(client_->get_task(done.task_id)), emgen::NotFound);
}

TEST_P(GeneratedClient, SystemSessions) {
  const em::SystemSessions all = client_->system_sessions();
  ASSERT_FALSE(all.sessions.empty());
  const std::string id = all.sessions[0].uid.value().id;
  EXPECT_EQ(client_->get_system_session(id).session_type, all.sessions[0].session_type);
  EXPECT_EQ(client_->get_system_session_reference(id).uid, all.sessions[0].uid);
}

INSTANTIATE_TEST_SUITE_P(Formats, GeneratedClient, testing::Values(emgen::Format::xml, emgen::Format::json),
                         [](const testing::TestParamInfo<emgen::Format>& info) {
                           return info.param == emgen::Format::json ? std::string("Json") : std::string("Xml");
                         });

}  // namespace
