// The bindings of BackupJobSession's closure alone (veeam::em_sessions, emgen_generate TYPES BackupJobSession)
// read and write the documented payloads exactly as the whole EM bindings (veeam::em) do, and their client has
// the methods that return a BackupJobSession.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>

#include "veeam/em/backup_job_session.hpp"
#include "veeam/em_sessions/backup_job_session.hpp"
#include "veeam/em_sessions/client.hpp"

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

class ClosureBindings : public ::testing::TestWithParam<const char*> {};

TEST_P(ClosureBindings, ReadAndWriteAsTheWholeBindingsDo) {
  const std::string payload = read_example(GetParam());
  const auto alone = veeam::em_sessions::BackupJobSession::from_xml(payload, emgen::ReadMode::strict);
  const auto whole = veeam::em::BackupJobSession::from_xml(payload, emgen::ReadMode::strict);
  EXPECT_FALSE(alone.job_name.empty());
  EXPECT_EQ(alone.job_name, whole.job_name);
  EXPECT_EQ(alone.to_xml(), whole.to_xml());
  EXPECT_EQ(alone.to_json(), whole.to_json());
  EXPECT_EQ(veeam::em_sessions::BackupJobSession::from_json(alone.to_json(), emgen::ReadMode::strict), alone);
}

INSTANTIATE_TEST_SUITE_P(DocumentedPayloads, ClosureBindings,
                         ::testing::Values("BackupJobSession_doc13.xml", "BackupJobSession_doc2014.xml"));

}  // namespace
