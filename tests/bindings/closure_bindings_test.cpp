// The bindings of the sessions area and LogonSession alone (veeam::em_sessions, emgen_generate AREAS sessions
// TYPES LogonSession) read and write the documented payloads exactly as the whole EM bindings (veeam::em) do,
// and their client has the methods that return the area's sessions.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>

#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/backup_task_session.hpp"
#include "veeam/em/logon_session.hpp"
#include "veeam/em/restore_session.hpp"
#include "veeam/em/system_session.hpp"
#include "veeam/em_sessions/backup_job_session.hpp"
#include "veeam/em_sessions/backup_task_session.hpp"
#include "veeam/em_sessions/client.hpp"
#include "veeam/em_sessions/logon_session.hpp"
#include "veeam/em_sessions/restore_session.hpp"
#include "veeam/em_sessions/system_session.hpp"

namespace {

std::string read_example(const std::string& name) {
  std::ifstream in(std::string(EMGEN_EXAMPLES_DIR) + "/" + name, std::ios::binary);
  if (!in) throw std::runtime_error(name + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

static_assert(std::is_same_v<decltype(&veeam::em_sessions::Client::get_backup_session),
                             veeam::em_sessions::BackupJobSession (veeam::em_sessions::Client::*)(
                                 std::string_view, const emgen::CallOptions&)>);
static_assert(std::is_same_v<decltype(&veeam::em_sessions::Client::get_backup_task_session),
                             veeam::em_sessions::BackupTaskSession (veeam::em_sessions::Client::*)(
                                 std::string_view, const emgen::CallOptions&)>);
static_assert(std::is_same_v<decltype(&veeam::em_sessions::Client::get_restore_session),
                             veeam::em_sessions::RestoreSession (veeam::em_sessions::Client::*)(
                                 std::string_view, const emgen::CallOptions&)>);

/// Reads file as Alone (the closure's type) and as Whole (veeam::em's), strictly, and compares what each writes.
template <class Alone, class Whole>
void expect_read_and_written_alike(const std::string& file) {
  SCOPED_TRACE(file);
  const std::string payload = read_example(file);
  const auto alone = Alone::from_xml(payload, emgen::ReadMode::strict);
  const auto whole = Whole::from_xml(payload, emgen::ReadMode::strict);
  EXPECT_FALSE(alone.to_xml().empty());
  EXPECT_EQ(alone.to_xml(), whole.to_xml());
  EXPECT_EQ(alone.to_json(), whole.to_json());
  EXPECT_EQ(Alone::from_json(alone.to_json(), emgen::ReadMode::strict), alone);
}

class ClosureBindings : public ::testing::TestWithParam<const char*> {};

TEST_P(ClosureBindings, ReadAndWriteAsTheWholeBindingsDo) {
  const auto alone = veeam::em_sessions::BackupJobSession::from_xml(read_example(GetParam()), emgen::ReadMode::strict);
  EXPECT_FALSE(alone.job_name.empty());
  expect_read_and_written_alike<veeam::em_sessions::BackupJobSession, veeam::em::BackupJobSession>(GetParam());
}

INSTANTIATE_TEST_SUITE_P(DocumentedPayloads, ClosureBindings,
                         ::testing::Values("BackupJobSession_doc13.xml", "BackupJobSession_doc2014.xml"));

TEST(ClosureBindings, TheAreasOtherSessionsAndTheNamedTypeReadAndWriteAsTheWholeBindingsDo) {
  expect_read_and_written_alike<veeam::em_sessions::BackupTaskSession, veeam::em::BackupTaskSession>(
      "BackupTaskSession_backuptasksessions_id.xml");
  expect_read_and_written_alike<veeam::em_sessions::RestoreSession, veeam::em::RestoreSession>(
      "RestoreSession_made.xml");
  expect_read_and_written_alike<veeam::em_sessions::SystemSession, veeam::em::SystemSession>("SystemSession_doc.xml");
  expect_read_and_written_alike<veeam::em_sessions::LogonSession, veeam::em::LogonSession>("LogonSession.xml");
}

}  // namespace
