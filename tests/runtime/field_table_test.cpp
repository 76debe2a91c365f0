// The walks every generated reader shares, tested on their own: emgen::find_field, xml::read_members (with
// enter_field and enter_item) and json::read_object (with enter_member and the list readers). The type read here,
// Tally, is declared the way the generator declares one: a table of the names its fields accept, and a switch from
// a field's index to the function that reads it.

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "emgen/field_names.hpp"
#include "emgen/json_reader.hpp"
#include "emgen/unknown.hpp"
#include "emgen/xml.hpp"

namespace {

using emgen::FieldName;
using emgen::find_field;
using emgen::kNoField;
using emgen::ParseError;
using emgen::ReadMode;
using emgen::ReadWarnings;

// --- find_field -----------------------------------------------------------------------------------------------

constexpr FieldName kNames[] = {
    {"Name", 0}, {"name", 0}, {"Count", 1}, {"count", 1}, {"Nome", 2}, {"", 3}, {"Name", 4},
};

TEST(FindField, ExactNameOnly) {
  EXPECT_EQ(find_field(kNames, "Name"), 0u);
  EXPECT_EQ(find_field(kNames, "name"), 0u);
  EXPECT_EQ(find_field(kNames, "count"), 1u);
  EXPECT_EQ(find_field(kNames, "NAME"), kNoField);
  EXPECT_EQ(find_field(kNames, "Nam"), kNoField);
  EXPECT_EQ(find_field(kNames, "Names"), kNoField);
}

TEST(FindField, SameLengthAndFirstByteAreNotEnough) {
  // "Nome" shares "Name"'s length and first byte: the whole name decides.
  EXPECT_EQ(find_field(kNames, "Nome"), 2u);
  EXPECT_EQ(find_field(kNames, "Nume"), kNoField);
}

TEST(FindField, TheFirstEntryWinsAndTheEmptyNameIsAName) {
  EXPECT_EQ(find_field(kNames, ""), 3u);
  EXPECT_EQ(find_field(std::span<const FieldName>{}, "Name"), kNoField);
  EXPECT_EQ(find_field(std::span<const FieldName>{}, ""), kNoField);
}

// --- A type read as a generated one is ------------------------------------------------------------------------

struct Tally {
  std::string kind;
  std::string name;
  std::optional<std::int32_t> count;
  std::vector<std::int32_t> tags;
  emgen::UnknownMembers unknown_members;
};

constexpr FieldName kTallyAttributes[] = {{"Kind", 0}};
constexpr FieldName kTallyElements[] = {{"Name", 1}, {"Count", 2}, {"Tag", 3}};

void read_xml(emgen::xml::Reader& reader, const pugi::xml_node& element, Tally& out) {
  std::array<bool, 4> seen{};
  static constexpr emgen::xml::ElementFields kFields{
      kTallyAttributes,
      [](emgen::xml::Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
         std::size_t field, void* out, bool* seen) {
        if (field == 0)
          emgen::xml::read_attribute_field(reader, owner, attribute, static_cast<Tally*>(out)->kind, seen[0]);
      },
      kTallyElements,
      [](emgen::xml::Reader& reader, const pugi::xml_node& element, std::size_t field, void* out, bool* seen) {
        auto& tally = *static_cast<Tally*>(out);
        switch (field) {
          case 1:
            emgen::xml::read_element_field(reader, element, tally.name, seen[1]);
            break;
          case 2:
            emgen::xml::read_element_field(reader, element, tally.count, seen[2]);
            break;
          case 3:
            emgen::xml::read_element_field(reader, element, tally.tags, seen[3]);
            break;
        }
      }};
  const emgen::xml::MemberCounts counts =
      emgen::xml::read_members(reader, element, kFields, &out, seen.data(), out.unknown_members);
  reader.end_element(element, "Tally", counts.members, counts.unknown);
  if (!seen[1]) reader.missing_element(element, "Name");
}

constexpr FieldName kTallyMembers[] = {{"Kind", 0},  {"kind", 0},  {"Name", 1}, {"name", 1},
                                       {"Count", 2}, {"count", 2}, {"Tags", 3}, {"tags", 3}};

void read_json(emgen::json::Reader& reader, emgen::json::Object& object, Tally& out) {
  std::array<bool, 4> seen{};
  emgen::json::read_object(
      reader, object, "Tally", kTallyMembers,
      [](emgen::json::Reader& reader, emgen::json::Reader::Member& member, std::size_t field, void* out, bool* seen) {
        auto& tally = *static_cast<Tally*>(out);
        switch (field) {
          case 0:
            emgen::json::read_member(reader, member, tally.kind, seen[0]);
            break;
          case 1:
            emgen::json::read_member(reader, member, tally.name, seen[1]);
            break;
          case 2:
            emgen::json::read_member(reader, member, tally.count, seen[2]);
            break;
          case 3:
            emgen::json::read_member(reader, member, tally.tags, seen[3]);
            break;
        }
      },
      &out, seen.data(), out.unknown_members);
}

Tally from_xml(std::string_view text, ReadMode mode, ReadWarnings* warnings = nullptr) {
  Tally tally;
  emgen::xml::read_document(
      text, "Tally", mode, warnings,
      [](emgen::xml::Reader& reader, const pugi::xml_node& element, void* out) {
        read_xml(reader, element, *static_cast<Tally*>(out));
      },
      &tally);
  return tally;
}

Tally from_json(std::string_view text, ReadMode mode, ReadWarnings* warnings = nullptr) {
  Tally tally;
  emgen::json::parse_document(
      text, mode, warnings,
      [](emgen::json::Reader& reader, emgen::json::Object& object, void* out) {
        read_json(reader, object, *static_cast<Tally*>(out));
      },
      &tally);
  return tally;
}

template <class F>
std::string error_of(F&& read) {
  try {
    read();
  } catch (const ParseError& error) {
    return error.what();
  }
  return "no error";
}

// --- xml::read_members ----------------------------------------------------------------------------------------

TEST(ReadMembers, EachAttributeAndElementGoesToItsField) {
  const Tally tally =
      from_xml(R"(<Tally Kind="k" xmlns="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Tag>1</Tag>)"
               R"(<Name>n</Name><Tag>2</Tag><p:Count xmlns:p="urn:p">3</p:Count><Tag>4</Tag></Tally>)",
               ReadMode::strict);
  EXPECT_EQ(tally.kind, "k");
  EXPECT_EQ(tally.name, "n");
  EXPECT_EQ(tally.count, 3);
  // The items of a list need not be next to each other: all are read, in document order.
  EXPECT_EQ(tally.tags, (std::vector<std::int32_t>{1, 2, 4}));
  EXPECT_TRUE(tally.unknown_members.empty());
}

TEST(ReadMembers, UnknownPartsAreErrorsWhenStrict) {
  EXPECT_EQ(error_of([] { from_xml(R"(<Tally Other="1"><Name>n</Name></Tally>)", ReadMode::strict); }),
            "1:8: /Tally/@Other: unknown attribute Other");
  EXPECT_EQ(error_of([] { from_xml("<Tally><Name>n</Name><Other/></Tally>", ReadMode::strict); }),
            "1:23: /Tally/Other: unknown element <Other>");
  EXPECT_EQ(error_of([] { from_xml("<Tally><Name>n</Name>text</Tally>", ReadMode::strict); }),
            "1:22: /Tally: unexpected text \"text\"");
}

TEST(ReadMembers, UnknownPartsAreKeptAndReportedWhenLenient) {
  ReadWarnings warnings;
  const Tally tally =
      from_xml(R"(<Tally Other="1"><Name>n</Name><Other>x</Other></Tally>)", ReadMode::lenient, &warnings);
  EXPECT_EQ(tally.name, "n");
  EXPECT_EQ(tally.unknown_members.size(), 2u);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].message, "kept unknown attribute Other");
  EXPECT_NE(warnings[1].message.find("<Other>"), std::string::npos) << warnings[1].message;
}

TEST(ReadMembers, AnElementWithOnlyUnknownPartsIsReported) {
  // The counts read_members returns let end_element tell a lenient reader that nothing was read.
  ReadWarnings warnings;
  from_xml(R"(<Tally xmlns="urn:x" Other="1"><More/></Tally>)", ReadMode::lenient, &warnings);
  const auto reported = std::find_if(warnings.begin(), warnings.end(), [](const emgen::ReadWarning& warning) {
    return warning.message.starts_with("none of the 2 attributes and elements is known to Tally, so it reads");
  });
  EXPECT_NE(reported, warnings.end());
}

TEST(ReadMembers, DuplicatesNilAndMissingFields) {
  EXPECT_EQ(error_of([] { from_xml("<Tally><Name>a</Name><Name>b</Name></Tally>", ReadMode::strict); }),
            "1:23: /Tally/Name[2]: element <Name> appears more than once");
  EXPECT_NE(error_of([] {
              from_xml(R"(<Tally xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Name>n</Name>)"
                       R"(<Tag xsi:nil="true"/></Tally>)",
                       ReadMode::lenient);
            }).find("nil for an item of a list"),
            std::string::npos);
  EXPECT_NE(error_of([] { from_xml("<Tally><Count>1</Count></Tally>", ReadMode::strict); }).find("Name"),
            std::string::npos);
}

// --- json::read_object ----------------------------------------------------------------------------------------

TEST(ReadObject, EachMemberGoesToItsFieldInEitherCasing) {
  const Tally tally = from_json(R"({"kind": "k", "Name": "n", "count": 3, "Tags": [1, 2, 4]})", ReadMode::strict);
  EXPECT_EQ(tally.kind, "k");
  EXPECT_EQ(tally.name, "n");
  EXPECT_EQ(tally.count, 3);
  EXPECT_EQ(tally.tags, (std::vector<std::int32_t>{1, 2, 4}));
}

TEST(ReadObject, ListsInEmsNestedFormAndNull) {
  EXPECT_EQ(from_json(R"({"Name": "n", "Tags": {"Tags": [5, 6]}})", ReadMode::strict).tags,
            (std::vector<std::int32_t>{5, 6}));
  EXPECT_TRUE(from_json(R"({"Name": "n", "Tags": null})", ReadMode::strict).tags.empty());
  EXPECT_TRUE(from_json(R"({"Name": "n", "Tags": []})", ReadMode::strict).tags.empty());
}

TEST(ReadObject, UnknownMembersAreErrorsWhenStrictAndKeptWhenLenient) {
  EXPECT_EQ(error_of([] { from_json(R"({"Name": "n", "Other": [1]})", ReadMode::strict); }),
            "1:15: $: unknown member \"Other\"");
  ReadWarnings warnings;
  const Tally tally = from_json(R"({"Name": "n", "Other": [1, {"a": "]"}]})", ReadMode::lenient, &warnings);
  EXPECT_EQ(tally.name, "n");
  EXPECT_EQ(tally.unknown_members.size(), 1u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].message.find("kept unknown member \"Other\""), std::string::npos) << warnings[0].message;
}

TEST(ReadObject, AnObjectWithOnlyUnknownMembersIsNotTheType) {
  EXPECT_NE(error_of([] { from_json(R"({"Other": 1, "More": 2})", ReadMode::lenient); }).find("none of its 2"),
            std::string::npos);
}

TEST(ReadObject, DuplicatesNullAndErrorsInsideAListAreLocated) {
  EXPECT_NE(error_of([] { from_json(R"({"Name": "a", "name": "b"})", ReadMode::strict); }).find("more than once"),
            std::string::npos);
  EXPECT_NE(error_of([] { from_json(R"({"Name": null})", ReadMode::strict); }).find("null"), std::string::npos);
  // An error in an item is located at the item.
  EXPECT_EQ(error_of([] { from_json(R"({"Name": "n", "Tags": [1, "two", 3]})", ReadMode::strict); }).substr(0, 15),
            "1:27: $.Tags[1]");
}

}  // namespace
