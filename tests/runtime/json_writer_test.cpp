#include "emgen/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace model {

enum class Rel { Up, Down, Unlisted };
inline std::string_view to_string(Rel value) noexcept {
  return value == Rel::Up ? "Up" : value == Rel::Down ? "Down" : "";
}
inline std::optional<Rel> parse_enum(std::string_view text, std::type_identity<Rel>) noexcept {
  if (text == "Up") return Rel::Up;
  if (text == "Down") return Rel::Down;
  return std::nullopt;
}

struct Ref {
  std::string name;
  std::optional<std::int32_t> size;
};
inline void write_json(emgen::json::Writer& writer, const Ref& value) {
  writer.begin_object();
  emgen::json::write_member(writer, "Name", value.name);
  emgen::json::write_member(writer, "Size", value.size);
  writer.end_object();
}

}  // namespace model

namespace {

using emgen::json::Writer;

std::string string_json(std::string_view text) {
  Writer writer;
  writer.string(text);
  return writer.take();
}

// The message of the invalid_argument thrown for text, or "" when none is thrown.
std::string utf8_error(std::string_view text) {
  try {
    string_json(text);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "";
}

TEST(JsonWriter, CompactByDefault) {
  Writer writer;
  writer.begin_object();
  writer.key("a");
  writer.integer(1);
  writer.key("b");
  writer.begin_array();
  writer.boolean(true);
  writer.null();
  writer.end_array();
  writer.end_object();
  EXPECT_EQ(writer.str(), R"({"a":1,"b":[true,null]})");
}

TEST(JsonWriter, EmptyContainers) {
  for (const bool pretty : {false, true}) {
    Writer writer(pretty);
    writer.begin_object();
    writer.key("o");
    writer.begin_object();
    writer.end_object();
    writer.key("a");
    writer.begin_array();
    writer.end_array();
    writer.end_object();
    EXPECT_EQ(writer.str(), pretty ? "{\n  \"o\": {},\n  \"a\": []\n}" : R"({"o":{},"a":[]})");
  }
}

TEST(JsonWriter, PrettyLayoutIsExact) {
  Writer writer(true);
  writer.begin_object();
  writer.key("Name");
  writer.string("Backup Job 3");
  writer.key("Links");
  writer.begin_array();
  writer.begin_object();
  writer.key("Rel");
  writer.string("Up");
  writer.end_object();
  writer.integer(-7);
  writer.begin_array();
  writer.boolean(false);
  writer.end_array();
  writer.end_array();
  writer.key("Nothing");
  writer.null();
  writer.end_object();
  EXPECT_EQ(writer.str(),
            "{\n"
            "  \"Name\": \"Backup Job 3\",\n"
            "  \"Links\": [\n"
            "    {\n"
            "      \"Rel\": \"Up\"\n"
            "    },\n"
            "    -7,\n"
            "    [\n"
            "      false\n"
            "    ]\n"
            "  ],\n"
            "  \"Nothing\": null\n"
            "}");
}

TEST(JsonWriter, TopLevelScalars) {
  EXPECT_EQ(string_json("x"), "\"x\"");
  Writer writer(true);
  writer.integer(std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(writer.str(), "-9223372036854775808");
}

TEST(JsonWriter, Integers) {
  Writer writer;
  writer.begin_array();
  writer.integer(0);
  writer.integer(std::numeric_limits<std::int64_t>::max());
  writer.integer(std::numeric_limits<std::int64_t>::min());
  writer.end_array();
  EXPECT_EQ(writer.str(), "[0,9223372036854775807,-9223372036854775808]");
}

TEST(JsonEscaping, QuoteAndBackslash) { EXPECT_EQ(string_json(R"(a"b\c/d)"), R"("a\"b\\c/d")"); }

TEST(JsonEscaping, ShortFormsForCommonControls) { EXPECT_EQ(string_json("\b\f\n\r\t"), R"("\b\f\n\r\t")"); }

TEST(JsonEscaping, EveryOtherControlCharacterAsUnicodeEscape) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') continue;
    const std::string expected = std::string("\"\\u00") + kHex[c >> 4] + kHex[c & 0xF] + '"';
    EXPECT_EQ(string_json(std::string(1, static_cast<char>(c))), expected) << c;
  }
}

TEST(JsonEscaping, DeleteAndNonAsciiAreKept) {
  EXPECT_EQ(string_json("\x7f"), "\"\x7f\"");
  EXPECT_EQ(string_json("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\"");
  // U+2028 and U+2029 are valid in JSON strings and kept as UTF-8.
  EXPECT_EQ(string_json("\xE2\x80\xA8\xE2\x80\xA9"), "\"\xE2\x80\xA8\xE2\x80\xA9\"");
}

TEST(JsonEscaping, KeysAreEscapedToo) {
  Writer writer;
  writer.begin_object();
  writer.key("a\"\n");
  writer.integer(1);
  writer.end_object();
  EXPECT_EQ(writer.str(), R"({"a\"\n":1})");
}

TEST(JsonUtf8, BoundaryCodePointsAreAccepted) {
  for (const char* text : {"\x7f", "\xC2\x80", "\xDF\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80",
                           "\xEF\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"})
    EXPECT_EQ(utf8_error(text), "") << text;
}

TEST(JsonUtf8, InvalidSequencesAreRefusedWithTheirOffset) {
  struct Case {
    std::string text;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"ab\x80", "lone continuation byte"},
      {"ab\xBF", "lone continuation byte"},
      {"ab\xC0\xAF", "overlong two-byte form of '/'"},
      {"ab\xC1\xBF", "overlong two-byte form"},
      {"ab\xE0\x80\xAF", "overlong three-byte form"},
      {"ab\xE0\x9F\xBF", "overlong three-byte form of U+07FF"},
      {"ab\xF0\x80\x80\xAF", "overlong four-byte form"},
      {"ab\xF0\x8F\xBF\xBF", "overlong four-byte form of U+FFFF"},
      {"ab\xED\xA0\x80", "high surrogate U+D800"},
      {"ab\xED\xBF\xBF", "low surrogate U+DFFF"},
      {"ab\xED\xA0\xBD\xED\xB8\x80", "CESU-8 surrogate pair"},
      {"ab\xF4\x90\x80\x80", "U+110000"},
      {"ab\xF5\x80\x80\x80", "lead byte F5"},
      {"ab\xF8\x88\x80\x80\x80", "five-byte form"},
      {"ab\xFE", "byte FE"},
      {"ab\xFF", "byte FF"},
      {"ab\xC3", "truncated two-byte sequence at the end"},
      {"ab\xE2\x82", "truncated three-byte sequence at the end"},
      {"ab\xF0\x9F\x98", "truncated four-byte sequence at the end"},
      {"ab\xE2\x82x", "three-byte sequence cut by ASCII"},
      {"ab\xC3\xC3\xA9", "lead byte followed by a lead byte"},
  };
  for (const Case& c : cases) EXPECT_EQ(utf8_error(c.text), "invalid UTF-8 at byte 2") << c.why;
}

// Long texts are checked in blocks first (invalid_utf8_offset): every bad sequence is still found, at its offset,
// wherever it falls in a block and whatever valid multi-byte text comes before it.
TEST(JsonUtf8, LongTextsGiveTheSameAnswerAsShortOnes) {
  const std::string valid_prefix = std::string(61, 'x') + "\xC3\xA9" + std::string(70, 'y') + "\xF0\x9F\x98\x80";
  for (const char* bad : {"\x80", "\xC0\xAF", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xFF", "\xC3"}) {
    for (std::size_t padding = 0; padding < 70; padding += 7) {
      const std::string prefix = valid_prefix + std::string(padding, 'z');
      const std::string text = prefix + bad + std::string(100, 'w');
      EXPECT_EQ(emgen::json::invalid_utf8_offset(text), prefix.size()) << padding;
      EXPECT_EQ(emgen::json::invalid_utf8_offset(prefix + bad), prefix.size()) << padding;
    }
  }
  const std::string long_valid = valid_prefix + valid_prefix + "\xEF\xBF\xBF";
  EXPECT_EQ(emgen::json::invalid_utf8_offset(long_valid), std::string_view::npos);
}

TEST(JsonUtf8, OffsetIsOfTheFirstBadSequence) {
  EXPECT_EQ(utf8_error("\xC3\xA9\xC3\xA9\xFF\xFF"), "invalid UTF-8 at byte 4");
  EXPECT_EQ(utf8_error("\x80"), "invalid UTF-8 at byte 0");
}

TEST(JsonUtf8, RefusalLeavesTheOutputUntouched) {
  Writer writer;
  writer.begin_array();
  writer.string("ok");
  EXPECT_THROW(writer.string("bad\xFF"), std::invalid_argument);
  writer.string("next");
  writer.end_array();
  EXPECT_EQ(writer.str(), R"(["ok","next"])");
}

TEST(JsonUtf8, KeysAreValidated) {
  Writer writer;
  writer.begin_object();
  EXPECT_THROW(writer.key("\xED\xA0\x80"), std::invalid_argument);
  writer.key("k");
  writer.boolean(true);
  writer.end_object();
  EXPECT_EQ(writer.str(), R"({"k":true})");
}

TEST(JsonFields, MembersOfEveryKind) {
  Writer writer;
  writer.begin_object();
  emgen::json::write_member(writer, "Name", std::string("n"));
  emgen::json::write_member(writer, "Progress", std::int32_t{100});
  emgen::json::write_member(writer, "Size", std::int64_t{5000000000});
  emgen::json::write_member(writer, "IsRetry", false);
  emgen::json::write_member(writer, "Missing", std::optional<std::int32_t>{});
  emgen::json::write_member(writer, "Present", std::optional<std::int32_t>{0});
  emgen::json::write_member(writer, "CreationTimeUTC", emgen::parse_datetime("2014-10-19T05:22:52Z").value());
  emgen::json::write_member(writer, "UID", emgen::Uid{"Job", "1"});
  emgen::json::write_member(writer, "Rel", emgen::Open<model::Rel>(model::Rel::Down));
  emgen::json::write_member(writer, "NewRel", emgen::Open<model::Rel>::unlisted("Sideways"));
  emgen::json::write_member(writer, "Links", std::vector<model::Ref>{{"a", 1}, {"b", std::nullopt}});
  emgen::json::write_member(writer, "None", std::vector<std::int32_t>{});
  emgen::json::write_nested_list_member(writer, "Refs", std::vector<std::string>{"x", "y"});
  writer.end_object();
  EXPECT_EQ(writer.str(),
            R"({"Name":"n","Progress":100,"Size":5000000000,"IsRetry":false,"Present":0,)"
            R"("CreationTimeUTC":"2014-10-19T05:22:52Z","UID":"urn:veeam:Job:1","Rel":"Down","NewRel":"Sideways",)"
            R"("Links":[{"Name":"a","Size":1},{"Name":"b"}],"None":[],"Refs":{"Refs":["x","y"]}})");
}

TEST(JsonFields, NestedListPretty) {
  Writer writer(true);
  writer.begin_object();
  emgen::json::write_nested_list_member(writer, "Refs", std::vector<std::int32_t>{1});
  writer.end_object();
  EXPECT_EQ(writer.str(),
            "{\n"
            "  \"Refs\": {\n"
            "    \"Refs\": [\n"
            "      1\n"
            "    ]\n"
            "  }\n"
            "}");
}

TEST(JsonWriter, TakeMovesTheText) {
  Writer writer;
  writer.boolean(true);
  EXPECT_EQ(writer.take(), "true");
}

TEST(JsonWriter, MemberNamesInTheWritersStyle) {
  for (const auto style : {emgen::JsonStyle::pascal, emgen::JsonStyle::camel}) {
    emgen::json::Writer writer(false, style);
    EXPECT_EQ(writer.style(), style);
    writer.begin_object();
    writer.key(emgen::json::Key{"CreationTimeUTC", "creationTimeUTC"});
    writer.number(5.83);
    writer.key("Same");
    writer.null();
    writer.end_object();
    EXPECT_EQ(writer.str(), style == emgen::JsonStyle::camel ? R"({"creationTimeUTC":5.83,"Same":null})"
                                                             : R"({"CreationTimeUTC":5.83,"Same":null})");
  }
}

TEST(JsonWriter, RefusesANonFiniteNumberBeforeWritingIt) {
  emgen::json::Writer writer;
  writer.begin_array();
  EXPECT_THROW(writer.number(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  writer.number(1);
  writer.end_array();
  EXPECT_EQ(writer.str(), "[1]");
}

}  // namespace
