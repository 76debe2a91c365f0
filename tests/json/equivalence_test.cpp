// The made-here JSON twins of documented XML examples (tests/json/made_here, see its README.md) read, in strict
// mode, to exactly the value the documented XML reads to.

#include <string>

#include "json_test_support.hpp"

namespace {

using namespace json_test;
using namespace veeam::em;

template <class T>
void expect_same_value(const std::string& json_name, const std::string& xml_name) {
  SCOPED_TRACE(json_name + " vs " + xml_name);
  T from_xml;
  T from_json;
  ASSERT_NO_THROW(from_xml = T::from_xml(example(xml_name), kStrict));
  ASSERT_NO_THROW(from_json = T::from_json(made_here(json_name), kStrict));
  EXPECT_EQ(from_json, from_xml);
  // Equal values write equal JSON: a readable diff when the comparison above fails.
  EXPECT_EQ(from_json.to_json(true), from_xml.to_json(true));
}

TEST(MadeHereJson, BackupJobSessionDoc13) {
  expect_same_value<BackupJobSession>("BackupJobSession_doc13.json", "BackupJobSession_doc13.xml");
}

TEST(MadeHereJson, BackupJobSessionDoc2014) {
  expect_same_value<BackupJobSession>("BackupJobSession_doc2014.json", "BackupJobSession_doc2014.xml");
}

TEST(MadeHereJson, SystemSessionDoc) {
  expect_same_value<SystemSession>("SystemSession_doc.json", "SystemSession_doc.xml");
}

TEST(MadeHereJson, SystemSessionsDoc) {
  expect_same_value<SystemSessions>("SystemSessions_doc.json", "SystemSessions_doc.xml");
}

TEST(MadeHereJson, EntityReferencesBackupSessionsDoc) {
  expect_same_value<EntityReferences>("EntityReferences_backupSessions_doc.json",
                                      "EntityReferences_backupSessions_doc.xml");
}

// The fixtures exercise what they claim to (README.md): a null standing for an absent optional, an empty Name,
// and members in another order than the XML.
TEST(MadeHereJson, FixturesExerciseTheConventions) {
  const std::string doc13 = made_here("BackupJobSession_doc13.json");
  EXPECT_NE(doc13.find(R"("Name": null)"), std::string::npos);
  EXPECT_NE(doc13.find(R"("Type": null)"), std::string::npos);
  EXPECT_NE(doc13.find(R"("Name": "")"), std::string::npos);
  EXPECT_LT(doc13.find(R"("Links")"), doc13.find(R"("Href": "https://enterprise04)"));  // XML: Href first

  const auto value = BackupJobSession::from_json(doc13, kStrict);
  ASSERT_EQ(value.links.size(), 6u);
  EXPECT_EQ(value.links[4].rel, LinkRel::Stop);
  EXPECT_FALSE(value.links[4].name.has_value());
  EXPECT_FALSE(value.links[4].type.has_value());
  ASSERT_TRUE(value.links[5].name.has_value());
  EXPECT_EQ(*value.links[5].name, "");

  const std::string doc2014 = made_here("BackupJobSession_doc2014.json");
  EXPECT_LT(doc2014.find(R"("IsRetry")"), doc2014.find(R"("JobUid")"));  // XML: JobUid first
  const auto value2014 = BackupJobSession::from_json(doc2014, kStrict);
  ASSERT_EQ(value2014.links.size(), 6u);
  EXPECT_EQ(value2014.links[5].name, std::optional<std::string>("Oct 19 2014  5:23AM"));  // two spaces kept
}

}  // namespace
