// What a lenient read does with what the schema does not list: it keeps each unknown element, attribute and JSON
// member in the object that held it and writes it back, so that a GET -> edit -> PUT changes nothing the server
// sent; it reports each, located; it keeps at most a thousand warnings per document and counts the rest; and a
// document that is another document altogether is an error, not an empty value. Documents are made here.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/overview_report_frame.hpp"
#include "veeam/em/query_result.hpp"

namespace {

using veeam::em::BackupJobSession;

// A backup job session as a newer server might send it: an attribute on the root and on a link, an element with
// attributes and children between known ones, and a second one after them.
const std::string kSessionXml = R"(<?xml version="1.0" encoding="utf-8"?>
<BackupJobSession Href="https://em:9398/api/backupSessions/a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6?format=Entity" Type="BackupJobSession" Name="Backup Job 3@2025-09-24 20:00:09" UID="urn:veeam:BackupJobSession:a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6" Tenant="north" xmlns="http://www.veeam.com/ent/v1.0">
  <Links>
    <Link Href="https://em:9398/api/jobs/2b078668-e45d-4eb3-abb0-275b0d130e7e" Name="Backup Job 3" Type="JobReference" Rel="Up" Weight="2" />
  </Links>
  <JobUid>urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e</JobUid>
  <JobName>Backup Job 3</JobName>
  <FailureMessage Code="17"><Text>Lost connection</Text><Retry>true</Retry></FailureMessage>
  <JobType>Backup</JobType>
  <CreationTimeUTC>2025-09-24T20:00:09.607Z</CreationTimeUTC>
  <State>Stopped</State>
  <Result>Failed</Result>
  <Progress>100</Progress>
  <IsRetry>false</IsRetry>
  <Platform>VMware</Platform>
</BackupJobSession>
)";

// An element's infoset in one text: its name, its attributes in name order (their order carries nothing), its
// text and its child elements in document order.
std::string infoset(const pugi::xml_node& node) {
  std::vector<std::string> attributes;
  for (pugi::xml_attribute attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute())
    attributes.push_back(std::string(attribute.name()) + "=" + attribute.value());
  std::sort(attributes.begin(), attributes.end());
  std::string out = "<" + std::string(node.name());
  for (const auto& attribute : attributes) out += " " + attribute;
  out += ">";
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
    out += child.type() == pugi::node_element ? infoset(child) : std::string(child.value());
  return out + "</>";
}

pugi::xml_node root_of(pugi::xml_document& document, const std::string& text) {
  EXPECT_TRUE(document.load_string(text.c_str()));
  return document.document_element();
}

TEST(UnknownMembers, XmlReadLenientlyIsWrittenBackWithEveryUnknownElementAndAttribute) {
  emgen::ReadWarnings warnings;
  const BackupJobSession session = BackupJobSession::from_xml(kSessionXml, warnings);
  EXPECT_EQ(session.unknown_members.size(), 3u);  // Tenant, FailureMessage, Platform
  ASSERT_EQ(session.links.size(), 1u);
  EXPECT_EQ(session.links[0].unknown_members.size(), 1u);  // Weight

  std::vector<std::string> said;
  for (const auto& warning : warnings) said.push_back(warning.to_string());
  EXPECT_EQ(said, (std::vector<std::string>{
                      "2:246: /BackupJobSession: kept unknown attribute Tenant",
                      "4:129: /BackupJobSession/Links/Link: kept unknown attribute Weight",
                      "8:4: /BackupJobSession: kept unknown element <FailureMessage>",
                      "15:4: /BackupJobSession: kept unknown element <Platform>",
                  }));

  pugi::xml_document sent_document, written_document;
  const pugi::xml_node sent = root_of(sent_document, kSessionXml);
  const pugi::xml_node written = root_of(written_document, session.to_xml());
  EXPECT_STREQ(written.attribute("Tenant").value(), "north");
  EXPECT_STREQ(written.child("Links").child("Link").attribute("Weight").value(), "2");
  // The same infoset: each element of the sent document is in the written one, with the same content (known
  // elements in schema order, unknown ones after them, in document order).
  for (pugi::xml_node child = sent.first_child(); child; child = child.next_sibling()) {
    const pugi::xml_node again = written.child(child.name());
    ASSERT_TRUE(again) << child.name() << " was not written back";
    EXPECT_EQ(infoset(again), infoset(child));
  }
  EXPECT_EQ(std::string(written.last_child().name()), "Platform");
  EXPECT_EQ(std::string(written.last_child().previous_sibling().name()), "FailureMessage");

  // Read again, the value is the same, unknown members included.
  EXPECT_EQ(BackupJobSession::from_xml(session.to_xml()), session);
}

TEST(UnknownMembers, StrictReadStillRefusesThem) {
  EXPECT_THROW(BackupJobSession::from_xml(kSessionXml, emgen::ReadMode::strict), emgen::ParseError);
}

TEST(UnknownMembers, NothingUnknownCostsNothing) {
  const BackupJobSession session = BackupJobSession::from_xml(
      R"(<BackupJobSession Href="h"><JobUid>urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e</JobUid><JobName>J</JobName><JobType>Backup</JobType><CreationTimeUTC>2025-09-24T20:00:09Z</CreationTimeUTC><State>Stopped</State><Result>Success</Result><Progress>100</Progress><IsRetry>false</IsRetry></BackupJobSession>)",
      emgen::ReadMode::lenient);
  EXPECT_TRUE(session.unknown_members.empty());
  EXPECT_EQ(session.unknown_members.size(), 0u);
  EXPECT_EQ(sizeof(emgen::UnknownMembers), sizeof(void*));
}

// Members compared as sets, recursively: JSON objects are unordered.
bool same_json(simdjson::dom::element a, simdjson::dom::element b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case simdjson::dom::element_type::OBJECT: {
      const auto left = a.get_object().value();
      const auto right = b.get_object().value();
      if (left.size() != right.size()) return false;
      for (auto [key, value] : left) {
        simdjson::dom::element other;
        if (right.at_key(key).get(other) || !same_json(value, other)) return false;
      }
      return true;
    }
    case simdjson::dom::element_type::ARRAY: {
      const auto left = a.get_array().value();
      const auto right = b.get_array().value();
      if (left.size() != right.size()) return false;
      auto it = right.begin();
      for (auto item : left)
        if (!same_json(item, *it) || (++it, false)) return false;
      return true;
    }
    default:
      return simdjson::to_string(a) == simdjson::to_string(b);
  }
}

const std::string kSessionJson =
    R"({"Href": "https://em:9398/api/backupSessions/a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6?format=Entity",
 "Type": "BackupJobSession", "Name": "Backup Job 3@2025-09-24 20:00:09",
 "UID": "urn:veeam:BackupJobSession:a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6",
 "Links": [{"Rel": "Up", "Href": "https://em:9398/api/jobs/2b078668-e45d-4eb3-abb0-275b0d130e7e", "Name": "Backup Job 3",
            "Type": "JobReference", "Weight": 2.5}],
 "JobUid": "urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e", "JobName": "Backup Job 3",
 "FailureMessage": {"Code": 17, "Text": "Lost \"connection\"", "Steps": [1, {"b": null}, []], "Empty": {}},
 "JobType": "Backup", "CreationTimeUTC": "2025-09-24T20:00:09.607Z", "State": "Stopped", "Result": "Failed",
 "Progress": 100, "IsRetry": false, "Platform": null, "Tags": ["a", "b"]})";

TEST(UnknownMembers, JsonReadLenientlyIsWrittenBackWithEveryMember) {
  emgen::ReadWarnings warnings;
  const BackupJobSession session = BackupJobSession::from_json(kSessionJson, warnings);
  EXPECT_EQ(session.unknown_members.size(), 3u);
  EXPECT_EQ(warnings.size(), 4u);
  EXPECT_EQ(warnings[3].message, "kept unknown member \"Tags\"");

  simdjson::dom::parser sent_parser, written_parser;
  const simdjson::padded_string sent(kSessionJson);
  const simdjson::padded_string written(session.to_json());
  EXPECT_TRUE(same_json(sent_parser.parse(sent).value(), written_parser.parse(written).value())) << session.to_json();
  // Pretty or not, camelCase or not, the unknown members are the same JSON.
  EXPECT_EQ(BackupJobSession::from_json(session.to_json(emgen::JsonStyle::camel, true)), session);
}

TEST(UnknownMembers, AcrossFormatsTheyAreNotWrittenAndTheValueSaysSo) {
  const BackupJobSession from_xml = BackupJobSession::from_xml(kSessionXml, emgen::ReadMode::lenient);
  EXPECT_TRUE(from_xml.unknown_members.dropped_by(emgen::UnknownMembers::Format::json));
  EXPECT_FALSE(from_xml.unknown_members.dropped_by(emgen::UnknownMembers::Format::xml));
  EXPECT_EQ(from_xml.to_json().find("FailureMessage"), std::string::npos);

  const BackupJobSession from_json = BackupJobSession::from_json(kSessionJson, emgen::ReadMode::lenient);
  EXPECT_TRUE(from_json.unknown_members.dropped_by(emgen::UnknownMembers::Format::xml));
  EXPECT_EQ(from_json.to_xml().find("FailureMessage"), std::string::npos);
}

TEST(UnknownMembers, AnEditedValueKeepsThemThroughAPut) {
  BackupJobSession session = BackupJobSession::from_json(kSessionJson, emgen::ReadMode::lenient);
  session.job_name = "Renamed";
  const std::string put = session.to_json();
  EXPECT_NE(
      put.find(R"("FailureMessage":{"Code":17,"Text":"Lost \"connection\"","Steps":[1,{"b":null},[]],"Empty":{}})"),
      std::string::npos)
      << put;
  EXPECT_NE(put.find(R"("JobName":"Renamed")"), std::string::npos);
}

// A required value that a real server leaves null (report frames end with "Links": null, "Href": null, "Type":
// null) or leaves out: lenient reading gives the default and says so; strict reading refuses it.
TEST(RequiredValues, NullOrMissingIsAWarningLenientlyAndAnErrorStrictly) {
  const std::string frame = R"({"BackupServers": 10, "ProxyServers": 65, "RepositoryServers": 86, "RunningJobs": 0,
    "ScheduledJobs": 79, "SuccessfulVmLastestStates": 2071, "WarningVmLastestStates": 0, "FailedVmLastestStates": 0,
    "Links": null, "Href": null, "Type": null})";
  emgen::ReadWarnings warnings;
  const auto read = veeam::em::OverviewReportFrame::from_json(frame, warnings);
  EXPECT_EQ(read.backup_servers, 10);
  EXPECT_EQ(read.successful_vm_lastest_states, 2071);
  for (const auto& warning : warnings)
    EXPECT_EQ(warning.message.find("missing"), std::string::npos) << warning.to_string();

  const std::string session = R"({"JobUid": null, "JobName": "J", "JobType": "Backup", "State": "Stopped",
    "Result": "Success", "Progress": 100, "IsRetry": false, "Href": "h", "CreationTimeUTC": "2025-09-24T20:00:09Z"})";
  warnings.clear();
  EXPECT_NO_THROW(BackupJobSession::from_json(session, warnings));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].to_string(), "1:12: $.JobUid: null for a required value, read as its default");
  EXPECT_THROW(BackupJobSession::from_json(session, emgen::ReadMode::strict), emgen::ParseError);

  const std::string missing =
      R"(<BackupJobSession Href="h"><JobName>J</JobName><JobType>Backup</JobType><CreationTimeUTC>2025-09-24T20:00:09Z</CreationTimeUTC><State>Stopped</State><Result>Success</Result><Progress>100</Progress><IsRetry>false</IsRetry><EndTimeUTC xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></BackupJobSession>)";
  warnings.clear();
  const BackupJobSession lenient = BackupJobSession::from_xml(missing, warnings);
  EXPECT_EQ(lenient.job_name, "J");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].to_string(), "1:2: /BackupJobSession: missing required element <JobUid>, read as its default");
  EXPECT_THROW(BackupJobSession::from_xml(missing, emgen::ReadMode::strict), emgen::ParseError);
}

// An entity list read as references is another document: an error in either mode, never an empty value.
TEST(DocumentMismatch, AnotherDocumentIsAnErrorEvenLeniently) {
  const std::string entities = R"({"Repositories": [{"UID": "urn:veeam:Repository:1", "Name": "r", "Capacity": 1}]})";
  emgen::ReadWarnings warnings;
  try {
    veeam::em::EntityReferences::from_json(entities, warnings);
    FAIL() << "an entity list read as EntityReferences";
  } catch (const emgen::DocumentMismatch& error) {
    EXPECT_STREQ(error.what(),
                 "1:1: $: the document is not an EntityReferences: none of its 1 member is known to EntityReferences");
  }
  EXPECT_THROW(
      veeam::em::EntityReferences::from_xml("<Repositories><Repository/></Repositories>", emgen::ReadMode::lenient),
      emgen::DocumentMismatch);
  // An empty object is no mismatch: it is an empty list.
  EXPECT_TRUE(veeam::em::EntityReferences::from_json("{}").ref.empty());
}

// However many members a document has that the schema lacks, a read keeps at most a thousand warnings and
// counts the rest: memory and time stay linear.
TEST(ReadWarnings, KeepsAtMostTheLimitAndCountsTheRest) {
  std::string text =
      R"({"JobUid": "urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e", "JobName": "J", "JobType": "Backup",
    "State": "Stopped", "Result": "Success", "Progress": 100, "IsRetry": false, "Href": "h",
    "CreationTimeUTC": "2025-09-24T20:00:09Z")";
  for (int i = 0; i < 2500; ++i) text += ", \"Extra" + std::to_string(i) + "\": " + std::to_string(i);
  text += "}";
  emgen::ReadWarnings warnings;
  const BackupJobSession session = BackupJobSession::from_json(text, warnings);
  EXPECT_EQ(warnings.size(), emgen::ReadWarnings::kDefaultLimit);
  EXPECT_EQ(warnings.not_kept(), 1500u);
  EXPECT_EQ(warnings.total(), 2500u);
  EXPECT_EQ(warnings.back().message, "kept unknown member \"Extra999\"");
  // Counted, not kept, is only the warning: the members themselves are all kept.
  EXPECT_EQ(session.unknown_members.size(), 2500u);

  emgen::ReadWarnings few(3);
  BackupJobSession::from_json(text, few);
  EXPECT_EQ(few.size(), 3u);
  EXPECT_EQ(few.total(), 2500u);
  few.clear();
  EXPECT_EQ(few.total(), 0u);
}

}  // namespace
