// to_json of the generated types: strings are escaped (quote, backslash, control characters) and read back
// equal; non-ASCII UTF-8 is written as is; a String holding invalid UTF-8 is refused with std::invalid_argument
// rather than written as invalid JSON.

#include <stdexcept>
#include <string>

#include "json_test_support.hpp"

namespace {

using namespace json_test;
using namespace veeam::em;

BackupJobSession session() { return BackupJobSession::from_xml(example("BackupJobSession_doc13.xml"), kStrict); }

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters) {
  BackupJobSession value = session();
  static constexpr char kName[] = "say \"hi\" C:\\jobs\\new\n\r\t\b\f\x01\x1f\x7f/ end\0!";
  value.job_name = std::string(kName, sizeof kName - 1);  // the NUL inside included
  value.links[0].name = "tab\there";
  value.href = "https://em/api?a=1&b=\"2\"";
  for (const bool pretty : {false, true}) {
    SCOPED_TRACE(pretty ? "pretty" : "compact");
    const std::string json = value.to_json(pretty);
    const std::string key = pretty ? R"("JobName": )" : R"("JobName":)";
    EXPECT_NE(json.find(key + R"("say \"hi\" C:\\jobs\\new\n\r\t\b\f\u0001\u001f)"
                              "\x7f"
                              R"(/ end\u0000!")"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find(R"("tab\there")"), std::string::npos);
    EXPECT_NE(json.find(R"("https://em/api?a=1&b=\"2\"")"), std::string::npos);
    // No raw control character is left in the output but the pretty printer's newlines.
    for (const char c : json) {
      if (c == '\n' && pretty) continue;
      EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20) << "raw control character " << static_cast<int>(c);
    }
    BackupJobSession back;
    ASSERT_NO_THROW(back = BackupJobSession::from_json(json, kStrict)) << json;
    EXPECT_EQ(back, value);
    EXPECT_EQ(back.job_name.size(), sizeof kName - 1);
  }
}

TEST(JsonWriter, EveryControlCharacterRoundTrips) {
  BackupJobSession value = session();
  value.job_name.clear();
  for (int c = 0; c < 0x20; ++c) value.job_name += static_cast<char>(c);
  const std::string json = value.to_json();
  EXPECT_EQ(BackupJobSession::from_json(json, kStrict).job_name, value.job_name);
  EXPECT_NE(json.find(R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e)"), std::string::npos)
      << json;
}

TEST(JsonWriter, NonAsciiUtf8IsKeptAsIs) {
  BackupJobSession value = session();
  // é (2 bytes), 日本 (3 bytes each), 🙂 (4 bytes), U+FFFF and U+10FFFF (the largest code point).
  const std::string text =
      "Sauvegarde \xC3\xA9t\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x99\x82 \xEF\xBF\xBF \xF4\x8F\xBF\xBF";
  value.job_name = text;
  value.links[1].name = text;
  const std::string json = value.to_json();
  EXPECT_NE(json.find("\"JobName\":\"" + text + "\""), std::string::npos) << json;
  EXPECT_EQ(json.find("\\u"), std::string::npos) << "non-ASCII was escaped: " << json;
  const BackupJobSession back = BackupJobSession::from_json(json, kStrict);
  EXPECT_EQ(back, value);
  EXPECT_EQ(back.job_name, text);
  // The XML writer and reader keep it too.
  EXPECT_EQ(BackupJobSession::from_xml(value.to_xml(), kStrict), value);
}

TEST(JsonWriter, InvalidUtf8InAStringIsRefused) {
  for (const char* bad : {"\xFF", "\xC3\x28", "\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                          "\xF8\x88\x80\x80\x80", "\xE2\x82"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(bad)));
    BackupJobSession value = session();
    value.job_name = std::string("Job ") + bad;
    EXPECT_THROW(static_cast<void>(value.to_json()), std::invalid_argument);
    EXPECT_THROW(static_cast<void>(value.to_json(true)), std::invalid_argument);
    try {
      static_cast<void>(value.to_json());
    } catch (const std::invalid_argument& error) {
      // The offset in the string: after "Job ".
      EXPECT_NE(std::string(error.what()).find("byte 4"), std::string::npos) << error.what();
    }
  }
}

TEST(JsonWriter, InvalidUtf8AnywhereInTheValueIsRefused) {
  {
    BackupJobSession value = session();
    value.links[2].name = "\xC3";
    EXPECT_THROW(static_cast<void>(value.to_json()), std::invalid_argument);
  }
  {
    BackupJobSession value = session();
    value.href = "https://em/\xFE";
    EXPECT_THROW(static_cast<void>(value.to_json()), std::invalid_argument);
  }
  {
    BackupJobSession value = session();
    value.state = emgen::Open<BackupJobSessionState>::unlisted("Stopp\xE9");
    EXPECT_THROW(static_cast<void>(value.to_json()), std::invalid_argument);
  }
  {
    SystemSessions value = SystemSessions::from_xml(example("SystemSessions_doc.xml"), kStrict);
    value.sessions[1].result.message = "bad \xC0\x80 message";
    EXPECT_THROW(static_cast<void>(value.to_json()), std::invalid_argument);
  }
}

TEST(JsonWriter, CompactAndPrettyReadBackEqual) {
  const BackupJobSession value = session();
  const std::string compact = value.to_json();
  const std::string pretty = value.to_json(true);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_NE(pretty.find("\n  \"JobName\": \"Backup Job 3\",\n"), std::string::npos) << pretty;
  EXPECT_EQ(BackupJobSession::from_json(compact, kStrict), value);
  EXPECT_EQ(BackupJobSession::from_json(pretty, kStrict), value);
}

}  // namespace
