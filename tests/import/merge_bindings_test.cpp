// The bindings of the two sources merged (tests/import/restapi_v1_3_seed_pages/: Veeam's 2017 RestAPI.xsd drafted,
// then the five seed pages of build 13 merged into it with `emgen import page --into`) against documented payloads.
// The plain XSD draft refuses the v13 BackupJobSession (xsd_bindings_test.cpp); the merge reads it, in the XSD's
// structure (JobSession, Entity, Resource), with the pages' enums.

#include <gtest/gtest.h>

#include <string>

#include "../generator/test_support.hpp"
#include "veeam/em/v1_3_pages/backup_job_session.hpp"
#include "veeam/em/v1_3_pages/common.hpp"

namespace {

namespace fs = std::filesystem;
namespace merged = veeam::em::v1_3_pages;

std::string example(const std::string& name) { return emgen_test::read_text(fs::path(EMGEN_EXAMPLES_DIR) / name); }

TEST(MergedBindings, ReadTheV13BackupJobSessionStrictly) {
  const auto session =
      merged::BackupJobSession::from_xml(example("BackupJobSession_doc13.xml"), emgen::ReadMode::strict);
  // Made optional by the merge: the page's example has no FailureMessage.
  EXPECT_FALSE(session.failure_message.has_value());
  // Typed by the merge from the page's "Possible values" lists; the XSD said xs:string.
  EXPECT_EQ(session.state, merged::BackupJobSessionState::Stopped);
  EXPECT_EQ(session.result, merged::BackupJobSessionResult::Success);
  EXPECT_EQ(session.job_type, merged::BackupJobSessionJobType::Backup);
  // From the XSD's structure: inherited from Entity and Resource.
  EXPECT_EQ(session.uid.kind, "BackupJobSession");
  EXPECT_EQ(session.name, "Backup Job 3@2025-09-24 20:00:09");
  EXPECT_EQ(session.links.size(), 6u);
  EXPECT_EQ(session.progress, 100);
  EXPECT_FALSE(session.is_retry);
}

// The alias the merge added (the page's table name) reads a payload that uses it.
TEST(MergedBindings, ReadTheTableNameOfCreationTime) {
  const auto session = merged::BackupJobSession::from_xml(
      R"(<BackupJobSession xmlns="http://www.veeam.com/ent/v1.0" Href="h" Name="n" UID="urn:veeam:BackupJobSession:1">)"
      R"(<JobUid>urn:veeam:Job:2</JobUid><JobName>j</JobName><JobType>Backup</JobType>)"
      R"(<CreationTime>2025-09-24T20:00:09Z</CreationTime><State>Working</State><Result>None</Result>)"
      R"(<Progress>5</Progress><IsRetry>false</IsRetry></BackupJobSession>)");
  EXPECT_EQ(session.state, merged::BackupJobSessionState::Working);
  EXPECT_EQ(session.creation_time_utc, emgen::parse_datetime("2025-09-24T20:00:09Z").value());
  // An unlisted value is kept: EM enums are open.
  EXPECT_EQ(session.result.text(), "None");
}

}  // namespace
