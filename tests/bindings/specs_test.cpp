// T::kLinks and T::kEndpoints: what the schemas say about a type's links and endpoints, kept in the generated
// code as API. Checked against schemas/backup_job_session.yaml.

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>

#include "veeam/em/backup_job_session.hpp"

namespace {

using veeam::em::BackupJobSession;

const emgen::EndpointSpec* endpoint(std::string_view method, std::string_view path) {
  const auto& all = BackupJobSession::kEndpoints;
  const auto* found = std::find_if(std::begin(all), std::end(all), [&](const emgen::EndpointSpec& spec) {
    return spec.method == method && spec.path == path;
  });
  return found == std::end(all) ? nullptr : found;
}

TEST(Specs, EndpointsSayWhatEachReturns) {
  const emgen::EndpointSpec* get = endpoint("GET", "/backupSessions/{ID}");
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get->returns, "");
  EXPECT_EQ(get->reference, "EntityRef");
  EXPECT_EQ(get->entity, "BackupJobSession");
  const emgen::EndpointSpec* stop = endpoint("POST", "/backupSessions/{ID}?action=stop");
  ASSERT_NE(stop, nullptr);
  EXPECT_EQ(stop->returns, "Task");
  EXPECT_EQ(stop->reference, "");
  EXPECT_EQ(stop->entity, "");
  const emgen::EndpointSpec* tasks = endpoint("GET", "/backupSessions/{ID}/taskSessions");
  ASSERT_NE(tasks, nullptr);
  // A collection in both forms: references by default, the entity list with ?format=Entity.
  EXPECT_EQ(tasks->returns, "");
  EXPECT_EQ(tasks->reference, "EntityReferences");
  EXPECT_EQ(tasks->entity, "BackupTaskSessions");
}

TEST(Specs, LinksKeepRelTypePathAndMethod) {
  const auto& links = BackupJobSession::kLinks;
  const auto* stop =
      std::find_if(std::begin(links), std::end(links), [](const emgen::LinkSpec& spec) { return spec.rel == "Stop"; });
  ASSERT_NE(stop, std::end(links));
  EXPECT_EQ(stop->method, "POST");
  EXPECT_EQ(stop->path, "/backupSessions/{ID}?action=stop");
  EXPECT_EQ(stop->returns, "Task");
  const auto* up = std::find_if(std::begin(links), std::end(links),
                                [](const emgen::LinkSpec& spec) { return spec.type == "JobReference"; });
  ASSERT_NE(up, std::end(links));
  EXPECT_EQ(up->rel, "Up");
  EXPECT_EQ(up->method, "GET");
  EXPECT_EQ(up->path, "/jobs/{ID}");
}

}  // namespace
