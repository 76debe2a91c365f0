// The bindings drafted from Veeam's 2017 RestAPI.xsd (v1_3, tests/import/restapi_v1_3/) against documented
// payloads.

#include <gtest/gtest.h>

#include <string>

#include "../generator/test_support.hpp"
#include "veeam/em/v1_3/backup_job_session.hpp"
#include "veeam/em/v1_3/entity_references.hpp"
#include "veeam/em/v1_3/error.hpp"
#include "veeam/em/v1_3/logon_session.hpp"

namespace {

namespace fs = std::filesystem;
namespace v1_3 = veeam::em::v1_3;

std::string example(const std::string& name) { return emgen_test::read_text(fs::path(EMGEN_EXAMPLES_DIR) / name); }

TEST(XsdBindings, ReadTheDocumentedReferenceList) {
  const auto references =
      v1_3::EntityReferences::from_xml(example("EntityReferences_backupSessions_doc.xml"), emgen::ReadMode::strict);
  ASSERT_EQ(references.ref.size(), 5u);
  EXPECT_EQ(references.ref[0].name, "Fileserver Backup@2025-10-19 07:32:44");
  EXPECT_EQ(references.ref[0].uid.kind, "BackupJobSession");
}

TEST(XsdBindings, ReadTheDocumentedLogonSession) {
  const auto logon = v1_3::LogonSession::from_xml(example("LogonSession.xml"), emgen::ReadMode::strict);
  EXPECT_EQ(logon.user_name, "SRV12\\Administrator");
  EXPECT_EQ(logon.session_id, "15a3fc97-0325-4119-b789-5c0367c6c565");
}

// The API moved on: the 2017 schema requires FailureMessage, which v13 servers do not send. The v1_3 bindings
// say so, at the element that lacks it: strictly an error, leniently a warning and the default; the
// hand-written v1_7 schemas read the payload.
TEST(XsdBindings, RefuseTheV13BackupJobSessionForItsMissingFailureMessage) {
  try {
    static_cast<void>(v1_3::BackupJobSession::from_xml(example("BackupJobSession_doc13.xml"), emgen::ReadMode::strict));
    FAIL() << "expected a ParseError";
  } catch (const emgen::ParseError& error) {
    EXPECT_EQ(error.path(), "/BackupJobSession");
    EXPECT_EQ(error.message(), "missing required element <FailureMessage>");
  }
  emgen::ReadWarnings warnings;
  const auto lenient = v1_3::BackupJobSession::from_xml(example("BackupJobSession_doc13.xml"), warnings);
  EXPECT_EQ(lenient.failure_message, "");
  ASSERT_FALSE(warnings.empty());
  EXPECT_EQ(warnings.back().path, "/BackupJobSession");
  EXPECT_EQ(warnings.back().message, "missing required element <FailureMessage>, read as its default");
}

TEST(XsdBindings, ErrorAttributesAreRequiredInV13) {
  const auto error = v1_3::Error::from_xml(R"(<Error Message="m" StatusCode="404" Status="NotFound"/>)");
  EXPECT_EQ(error.status_code, 404);
  EXPECT_THROW(v1_3::Error::from_xml(R"(<Error Message="m"/>)", emgen::ReadMode::strict), emgen::ParseError);
}

}  // namespace
