// emgen::dynamic on its own: the Value a payload reads to (names, order, kinds, wire texts), its generic JSON
// view, the writers' refusal of values that do not fit, and the errors for types a schema set does not have.
// Payloads are documented examples from schemas/examples/ or small documents made here.

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "differential.hpp"

#ifndef EMGEN_SCHEMA_DIR
#error "Compile with EMGEN_SCHEMA_DIR defined as the schemas directory."
#endif

namespace {

using emgen::ParseError;
using emgen::ReadMode;
using emgen::ReadWarnings;
using emgen::dynamic::Value;
namespace dynamic = emgen::dynamic;

const emgen::gen::ir::Model& schemas() { return emgen::differential::schema_set(EMGEN_SCHEMA_DIR); }

std::string example(const std::string& name) {
  std::ifstream in(std::string(EMGEN_SCHEMA_DIR) + "/examples/" + name, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read example " + name);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> member_names(const Value& object) {
  std::vector<std::string> names;
  for (const auto& member : object.members) names.push_back(member.name);
  return names;
}

TEST(Dynamic, DocumentedSessionReadsToTheSchemasNamesInSchemaOrder) {
  const Value session =
      dynamic::read_xml(schemas(), "BackupJobSession", example("BackupJobSession_doc13.xml"), ReadMode::strict);
  ASSERT_EQ(session.kind, Value::Kind::object);
  // Entity's fields first (inherited), then BackupJobSession's own, whatever the payload's order.
  EXPECT_EQ(member_names(session),
            (std::vector<std::string>{"Href", "Type", "Name", "UID", "Links", "JobUid", "JobName", "JobType",
                                      "CreationTimeUTC", "EndTimeUTC", "State", "Result", "Progress", "IsRetry"}));
  EXPECT_EQ(session.find("Name")->text, "Backup Job 3@2025-09-24 20:00:09");
  EXPECT_EQ(session.find("UID")->kind, Value::Kind::uid);
  EXPECT_EQ(session.find("UID")->uid.kind, "BackupJobSession");
  EXPECT_EQ(session.find("JobType")->kind, Value::Kind::enumeration);
  EXPECT_EQ(session.find("JobType")->text, "Backup");
  EXPECT_TRUE(session.find("JobType")->listed);
  EXPECT_EQ(session.find("Progress")->kind, Value::Kind::integer);
  EXPECT_EQ(session.find("Progress")->integer, 100);
  EXPECT_EQ(session.find("IsRetry")->kind, Value::Kind::boolean);
  EXPECT_FALSE(session.find("IsRetry")->boolean);
  const Value& created = *session.find("CreationTimeUTC");
  EXPECT_EQ(created.kind, Value::Kind::datetime);
  EXPECT_EQ(created.text, "2025-09-24T20:00:09.607Z");
  EXPECT_EQ(created.datetime, emgen::parse_datetime("2025-09-24T20:00:09.607Z").value());
  const Value& links = *session.find("Links");
  ASSERT_EQ(links.kind, Value::Kind::list);
  ASSERT_EQ(links.items.size(), 6u);
  EXPECT_EQ(member_names(links.items[4]), (std::vector<std::string>{"Rel", "Href"}));
  EXPECT_EQ(links.items[4].find("Rel")->text, "Stop");
}

TEST(Dynamic, DateTimesKeepTheirWireText) {
  // Made here: two offsets and seven fraction digits, which the runtime's written form would change.
  const std::string json = R"({"JobUid": "urn:veeam:Job:1", "JobName": "J", "JobType": "Backup",
    "CreationTimeUTC": "2025-09-24T22:00:09.6070001+02:00", "EndTimeUTC": "2025-09-24T\u00320:02:54Z",
    "State": "Stopped", "Result": "Success", "Progress": 100, "IsRetry": false, "Href": "h"})";
  const Value session = dynamic::read_json(schemas(), "BackupJobSession", json, ReadMode::strict);
  EXPECT_EQ(session.find("CreationTimeUTC")->text, "2025-09-24T22:00:09.6070001+02:00");
  EXPECT_EQ(session.find("CreationTimeUTC")->datetime, emgen::parse_datetime("2025-09-24T20:00:09.607Z").value());
  EXPECT_EQ(session.find("EndTimeUTC")->text, "2025-09-24T20:02:54Z");
  // Writers write the instant in the runtime's form, as the generated ones do.
  EXPECT_NE(dynamic::write_json(schemas(), "BackupJobSession", session)
                .find("\"CreationTimeUTC\":\"2025-09-24T20:00:09.607Z\""),
            std::string::npos);
}

TEST(Dynamic, UnlistedEnumValueIsKeptLenientlyWithAWarningAndRefusedStrictly) {
  // Made here: a state no schema lists, camelCase as EM 13.x writes.
  const std::string json = R"({"jobUid": "urn:veeam:Job:1", "jobName": "J", "jobType": "Backup",
    "creationTimeUTC": "2025-09-24T20:00:09Z", "state": "Hibernating", "result": "Success", "progress": 1,
    "isRetry": true, "href": "h"})";
  ReadWarnings warnings;
  const Value session = dynamic::read_json(schemas(), "BackupJobSession", json, ReadMode::lenient, &warnings);
  EXPECT_EQ(session.find("State")->text, "Hibernating");
  EXPECT_FALSE(session.find("State")->listed);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].to_string(), "2:57: $.state: kept \"Hibernating\", which is not a BackupJobSessionState value");
  try {
    dynamic::read_json(schemas(), "BackupJobSession", json, ReadMode::strict);
    FAIL() << "read strictly";
  } catch (const ParseError& error) {
    EXPECT_STREQ(error.what(), "2:57: $.state: \"Hibernating\" is not a BackupJobSessionState value");
  }
}

TEST(Dynamic, GenericJsonViewUsesTheSchemasNames) {
  // Made here: camelCase in, the schema's names out; an optional field left out is no member.
  const std::string json = R"({"rel": "Up", "href": "https://em/api/jobs/1", "name": null})";
  const Value link = dynamic::read_json(schemas(), "Link", json, ReadMode::strict);
  EXPECT_EQ(dynamic::to_json_debug(link), R"({"Rel":"Up","Href":"https://em/api/jobs/1"})");
  EXPECT_EQ(dynamic::to_json_debug(link, true), "{\n  \"Rel\": \"Up\",\n  \"Href\": \"https://em/api/jobs/1\"\n}");
  EXPECT_EQ(dynamic::write_json(schemas(), "Link", link, emgen::JsonStyle::camel),
            R"({"rel":"Up","href":"https://em/api/jobs/1"})");
}

TEST(Dynamic, WritersRefuseValuesThatDoNotFitTheType) {
  Value link = Value::object();
  link.members.push_back({"Rel", Value::enumeration("Up", true)});
  EXPECT_THROW(
      {
        try {
          dynamic::write_json(schemas(), "Link", link);
        } catch (const std::invalid_argument& error) {
          EXPECT_STREQ(error.what(), "Link.Href: missing required field");
          throw;
        }
      },
      std::invalid_argument);
  link.members.push_back({"Href", Value::integer_value(3)});
  try {
    dynamic::write_xml(schemas(), "BackupJobSession", Value::list());
    FAIL() << "wrote a list as a session";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "BackupJobSession: expected object, found list");
  }
  try {
    dynamic::write_json(schemas(), "Link", link);
    FAIL() << "wrote an integer as Href";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "Link.Href: expected string, found integer");
  }
  link.members.back() = {"Hreff", Value::string("h")};
  try {
    dynamic::write_json(schemas(), "Link", link);
    FAIL() << "wrote a member Link does not have";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "Link has no field 'Hreff'");
  }
}

TEST(Dynamic, TypesTheSetDoesNotHaveAreNamed) {
  try {
    dynamic::read_json(schemas(), "BackupJobSesion", "{}", ReadMode::lenient);
    FAIL() << "read a type the set does not have";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "no type 'BackupJobSesion' in the schema set (did you mean 'BackupJobSession'?)");
  }
  try {
    dynamic::read_xml(schemas(), "Link", "<Link/>", ReadMode::lenient);
    FAIL() << "read XML of a type with no element";
  } catch (const std::invalid_argument& error) {
    EXPECT_STREQ(error.what(), "Link is not a document type: it has no element, so no XML document of its own");
  }
}

TEST(Dynamic, EveryExampleHoldsItsExpectations) {
  // The `expect:` entries of schemas/, which the generated example tests check on the compiled types.
  std::size_t checked = 0;
  for (const emgen::gen::ir::Type& type : schemas().types) {
    for (const emgen::gen::ir::Example& documented : type.examples) {
      const std::string text = example(documented.file.substr(documented.file.find('/') + 1));
      const Value value = documented.format == emgen::gen::ir::Example::Format::json
                              ? dynamic::read_json(schemas(), type.name, text, ReadMode::strict)
                              : dynamic::read_xml(schemas(), type.name, text, ReadMode::strict);
      for (const emgen::gen::ir::Expectation& expectation : documented.expectations) {
        EXPECT_EQ(dynamic::unmet(value, expectation), std::nullopt) << documented.file << ": " << expectation.path;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 300u);
}

TEST(Dynamic, UnmetExpectationsSayWhatTheValueHolds) {
  const emgen::gen::ir::Type& type = dynamic::find_type(schemas(), "BackupJobSession");
  const auto documented = std::find_if(type.examples.begin(), type.examples.end(), [](const auto& candidate) {
    return candidate.file == "examples/BackupJobSession_doc13.xml";
  });
  ASSERT_NE(documented, type.examples.end());
  const Value value =
      dynamic::read_xml(schemas(), "BackupJobSession", example("BackupJobSession_doc13.xml"), ReadMode::strict);
  const auto changed = [&](std::string_view path, emgen::gen::ir::Expectation::Kind kind, std::string expected) {
    const auto found = std::find_if(documented->expectations.begin(), documented->expectations.end(),
                                    [&](const auto& candidate) { return candidate.path == path; });
    if (found == documented->expectations.end()) throw std::runtime_error("no expectation " + std::string(path));
    emgen::gen::ir::Expectation expectation = *found;
    expectation.kind = kind;
    expectation.expected = std::move(expected);
    return dynamic::unmet(value, expectation);
  };
  using Kind = emgen::gen::ir::Expectation::Kind;
  EXPECT_EQ(changed("Progress", Kind::value, "99"), "Progress: \"100\", expected \"99\"");
  EXPECT_EQ(changed("State", Kind::unlisted, "Stopped"), "State: \"Stopped\", expected unlisted \"Stopped\"");
  EXPECT_EQ(changed("Links", Kind::count, "5"), "Links: 6 items, expected 5");
  EXPECT_EQ(changed("EndTimeUTC", Kind::null, ""), "EndTimeUTC: present, expected absent");
}

TEST(Dynamic, ReadsOnSeveralThreadsAtOnce) {
  // The expected type is per thread: concurrent reads of different types do not see each other's.
  const std::string session_xml = example("BackupJobSession_doc13.xml");
  const Value expected = dynamic::read_xml(schemas(), "BackupJobSession", session_xml, ReadMode::strict);
  std::vector<std::thread> threads;
  std::vector<int> agreeing(4, 0);
  for (std::size_t index = 0; index < agreeing.size(); ++index) {
    threads.emplace_back([&, index] {
      for (int round = 0; round < 50; ++round) {
        const bool session = (index + static_cast<std::size_t>(round)) % 2 == 0;
        if (session) {
          agreeing[index] +=
              dynamic::read_xml(schemas(), "BackupJobSession", session_xml, ReadMode::strict) == expected;
        } else {
          const Value link = dynamic::read_json(schemas(), "Link", R"({"Rel": "Up", "Href": "h"})", ReadMode::strict);
          agreeing[index] += link.members.size() == 2;
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(agreeing, std::vector<int>(4, 50));
}

}  // namespace
