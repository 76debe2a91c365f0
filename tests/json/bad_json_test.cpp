// Bad, hostile and unusual JSON: each is a ParseError naming the JSON path, what is wrong and the line:column
// (worked out by hand in the comments), never a crash or a wrong success. Also EM's JSON conventions the reader
// must accept: null for absent, nested wrapper lists, the CreationTime alias, a byte order mark.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "json_test_support.hpp"

namespace {

using namespace json_test;
using namespace veeam::em;

// A valid BackupJobSession, one member a line, so that positions are easy to work out:
//   line 1   {
//   line 2     "Href": ...              a value starts at column 2 + len("\"Key\"") + len(": ") + 1
//   line 3     "JobUid": ...            = len(Key) + 7:  Href 11, JobUid 13, JobName 14, JobType 14,
//   line 4     "JobName": ...           CreationTimeUTC 22, State 12, Result 13, Progress 15, IsRetry 14,
//   line 5     "JobType": ...           (and for inserted keys) Foo 10, Links 12, EndTimeUTC 17.
//   line 6     "CreationTimeUTC": ...
//   line 7     "State": ...
//   line 8     "Result": ...
//   line 9     "Progress": ...
//   line 10    "IsRetry": ...
//   line 11  }
class Session {
 public:
  Session()
      : members_{{"Href", R"("https://em:9398/api/backupSessions/1?format=Entity")"},
                 {"JobUid", R"("urn:veeam:Job:1")"},
                 {"JobName", R"("Job 1")"},
                 {"JobType", R"("Backup")"},
                 {"CreationTimeUTC", R"("2025-09-24T20:00:09.607Z")"},
                 {"State", R"("Stopped")"},
                 {"Result", R"("Success")"},
                 {"Progress", "100"},
                 {"IsRetry", "false"}} {}

  /// The value of key, as JSON text.
  Session& set(std::string_view key, std::string value) {
    find(key).second = std::move(value);
    return *this;
  }
  Session& rename(std::string_view key, std::string to) {
    find(key).first = std::move(to);
    return *this;
  }
  /// A member inserted before the member key (which keeps its value and moves one line down).
  Session& insert_before(std::string_view key, std::string new_key, std::string value) {
    members_.insert(members_.begin() + (&find(key) - members_.data()), {std::move(new_key), std::move(value)});
    return *this;
  }
  Session& insert_after(std::string_view key, std::string new_key, std::string value) {
    members_.insert(members_.begin() + (&find(key) - members_.data()) + 1, {std::move(new_key), std::move(value)});
    return *this;
  }
  Session& remove(std::string_view key) {
    members_.erase(members_.begin() + (&find(key) - members_.data()));
    return *this;
  }

  std::string text() const {
    std::string out = "{\n";
    for (std::size_t i = 0; i < members_.size(); ++i) {
      out += "  \"" + members_[i].first + "\": " + members_[i].second;
      out += i + 1 < members_.size() ? ",\n" : "\n";
    }
    return out + "}";
  }
  /// The same members on one line: `{"Href": ..., "JobUid": ...}`.
  std::string members_on_one_line() const {
    std::string out;
    for (const auto& [key, value] : members_) out += (out.empty() ? "" : ", ") + ("\"" + key + "\": " + value);
    return out;
  }

 private:
  std::pair<std::string, std::string>& find(std::string_view key) {
    for (auto& member : members_)
      if (member.first == key) return member;
    throw std::logic_error("no member " + std::string(key));
  }
  std::vector<std::pair<std::string, std::string>> members_;
};

BackupJobSession parse(const std::string& text, emgen::ReadMode mode = kStrict) {
  return BackupJobSession::from_json(text, mode);
}

// What a lenient read gave, less the members it kept unknown, which it is checked to have kept (as written).
BackupJobSession known_part(BackupJobSession value, std::string_view kept_json) {
  EXPECT_NE(value.to_json().find(kept_json), std::string::npos) << value.to_json();
  EXPECT_EQ(value.unknown_members.size(), 1u);
  value.unknown_members = {};
  return value;
}

auto parsing(std::string text, emgen::ReadMode mode = kStrict) {
  return [text = std::move(text), mode] { static_cast<void>(parse(text, mode)); };
}

TEST(BadJson, TheBaseDocumentIsValid) {
  const BackupJobSession value = parse(Session().text());
  EXPECT_EQ(value.job_name, "Job 1");
  EXPECT_EQ(value.progress, 100);
  EXPECT_EQ(value.state, BackupJobSessionState::Stopped);
  EXPECT_FALSE(value.end_time_utc.has_value());
  EXPECT_TRUE(value.links.empty());
}

// --- Truncated documents ------------------------------------------------------------------------------------

// Every prefix of a document shorter than its closing `}` throws ParseError: never another exception, never a
// crash, never a value. Longer prefixes (only whitespace follows the `}`) read to the whole document's value.
template <class T>
void every_prefix_throws(const std::string& name, const std::string& text) {
  SCOPED_TRACE(name);
  const std::size_t end = text.rfind('}') + 1;
  const T whole = T::from_json(text, kStrict);
  int wrong = 0;
  for (std::size_t size = 0; size <= text.size() && wrong < 5; ++size) {
    const std::string prefix = text.substr(0, size);
    try {
      const T value = T::from_json(prefix, kStrict);
      if (size < end) {
        ADD_FAILURE() << "a prefix of " << size << " bytes (of " << text.size() << ") was read as a value";
        ++wrong;
      } else {
        EXPECT_EQ(value, whole);
      }
    } catch (const emgen::ParseError& error) {
      if (size >= end) {
        ADD_FAILURE() << "the prefix of " << size << " bytes ending after `}` fails: " << error.what();
        ++wrong;
      } else if (error.line() == 0 || error.message().empty() || error.path().empty()) {
        ADD_FAILURE() << "prefix of " << size << " bytes: unlocated error " << error.what();
        ++wrong;
      }
    } catch (const std::exception& error) {
      ADD_FAILURE() << "prefix of " << size << " bytes: not a ParseError: " << error.what();
      ++wrong;
    }
  }
}

TEST(Truncated, EveryPrefixOfBackupJobSessionDoc13) {
  every_prefix_throws<BackupJobSession>("BackupJobSession_doc13.json", made_here("BackupJobSession_doc13.json"));
}

TEST(Truncated, EveryPrefixOfTheOtherMadeHereDocuments) {
  every_prefix_throws<BackupJobSession>("BackupJobSession_doc2014.json", made_here("BackupJobSession_doc2014.json"));
  every_prefix_throws<SystemSession>("SystemSession_doc.json", made_here("SystemSession_doc.json"));
  every_prefix_throws<SystemSessions>("SystemSessions_doc.json", made_here("SystemSessions_doc.json"));
  every_prefix_throws<EntityReferences>("EntityReferences_backupSessions_doc.json",
                                        made_here("EntityReferences_backupSessions_doc.json"));
}

TEST(Truncated, EveryPrefixOfTheDocumentedJson) {
  every_prefix_throws<CredentialsInfo>("CredentialsInfo_doc.json", example("CredentialsInfo_doc.json"));
  every_prefix_throws<EntityRef>("EntityRef_JobReference_doc.json", example("EntityRef_JobReference_doc.json"));
  every_prefix_throws<EntityReferences>("EntityReferences_CloudTenantReference_doc.json",
                                        example("EntityReferences_CloudTenantReference_doc.json"));
}

// Where a cut document says it is wrong (BackupJobSession_doc13.json: Links on lines 2-39, JobName line 41,
// Progress line 47, IsRetry line 48, the closing `}` line 53).
TEST(Truncated, CutPointsAreLocated) {
  const std::string doc = made_here("BackupJobSession_doc13.json");
  const auto cut_after = [&](std::string_view text) {
    const std::size_t at = doc.find(text);
    EXPECT_NE(at, std::string::npos) << text;
    return doc.substr(0, at + text.size());
  };
  // Nothing at all.
  EXPECT_TRUE(fails_with(parsing(""), {"$", "empty document", 1, 1}));
  // `{`: not closed; reported at the end, 1:2.
  EXPECT_TRUE(fails_with(parsing("{"), {"$", "truncated", 1, 2}));
  // Inside a string: the string whose quote opens at 41:14 (`  "JobName": "`) is never closed.
  EXPECT_TRUE(fails_with(parsing(cut_after(R"("JobName": "Backup Jo)")), {"$", "unclosed string", 41, 14}));
  // Inside a key: `      "Hr` on line 5 (the first link's Href) opens its quote at column 7.
  EXPECT_TRUE(fails_with(parsing(cut_after(R"("Rel": "Up",
      "Hr)")),
                         {"$", "unclosed string", 5, 7}));
  // After a number: `  "Progress": 10` is 16 bytes, the end is 47:17 (and "10" is not reported as the problem).
  EXPECT_TRUE(fails_with(parsing(cut_after(R"("Progress": 10)")), {"$", "truncated", 47, 17}));
  // After a literal: `  "IsRetry": false` is 18 bytes, the end is 48:19.
  EXPECT_TRUE(fails_with(parsing(cut_after(R"("IsRetry": false)")), {"$", "truncated", 48, 19}));
  // In a literal: `  "IsRetry": fa`, the end is 48:16.
  EXPECT_TRUE(fails_with(parsing(cut_after(R"("IsRetry": fa)")), {"$", "truncated", 48, 16}));
  // Before the last `}`: the text ends with the newline after line 52, at 53:1.
  EXPECT_TRUE(fails_with(parsing(doc.substr(0, doc.rfind('}'))), {"$", "truncated", 53, 1}));
  // Right after a link's `}` (line 8): the Links array opened at 2:12 (`  "Links": [`) is not closed.
  EXPECT_TRUE(fails_with(parsing(cut_after(R"("Type": "BackupServerReference"
    })")),
                         {"$.Links", "truncated", 2, 12}));
  // After the `]` of Links (line 39, `  ]`): the end, 39:4.
  EXPECT_TRUE(fails_with(parsing(cut_after("\n  ]")), {"$", "truncated", 39, 4}));
}

// --- Content after a complete object --------------------------------------------------------------------------

// Each thread keeps its simdjson parser, and its buffers, from one document to the next: what a longer document
// left in them is never read as the rest of a shorter one, and another thread reads with a parser of its own.
TEST(Truncated, AShorterDocumentAfterALongerOneIsReadAsItself) {
  const std::string doc = made_here("BackupJobSession_doc13.json");
  const std::string cut = doc.substr(0, doc.rfind('}'));
  const auto read_in_turn = [&] {
    const BackupJobSession whole = parse(doc);
    EXPECT_EQ(whole.links.size(), 6u);
    EXPECT_TRUE(fails_with(parsing(cut), {"$", "truncated", 53, 1}));
    EXPECT_TRUE(fails_with(parsing("{"), {"$", "truncated", 1, 2}));
    EXPECT_EQ(parse(doc), whole);
  };
  read_in_turn();
  std::thread other(read_in_turn);
  read_in_turn();
  other.join();
}

// A document over the size a thread keeps its parser for (16 MiB) is read with a parser of its own, and the
// thread's kept one still reads the next document: layout makes the text longer, not the value different.
TEST(Truncated, ADocumentLargerThanTheKeptParserIsReadToo) {
  const std::string doc = made_here("BackupJobSession_doc13.json");
  const BackupJobSession whole = parse(doc);
  const std::string padded = doc + std::string(std::size_t{17} << 20, ' ');
  EXPECT_EQ(parse(padded), whole);
  const std::string cut = doc.substr(0, doc.rfind('}'));
  EXPECT_TRUE(
      fails_with(parsing(cut + std::string(std::size_t{17} << 20, '\n')), {"$", "truncated", 53 + (17 << 20), 1}));
  EXPECT_EQ(parse(doc), whole);
  EXPECT_TRUE(fails_with(parsing(cut), {"$", "truncated", 53, 1}));
}
TEST(TrailingContent, AfterACompleteObjectIsAnError) {
  const std::string doc = Session().text();  // its `}` is 11:1
  const std::string message = "unexpected content after the end of the document";
  EXPECT_TRUE(fails_with(parsing(doc + " junk"), {"$", message, 11, 3}));
  EXPECT_TRUE(fails_with(parsing(doc + "{}"), {"$", message, 11, 2}));
  EXPECT_TRUE(fails_with(parsing(doc + "\n{}"), {"$", message, 12, 1}));
  EXPECT_TRUE(fails_with(parsing(doc + "}"), {"$", message, 11, 2}));
  EXPECT_TRUE(fails_with(parsing(doc + "]"), {"$", message, 11, 2}));
  EXPECT_TRUE(fails_with(parsing(doc + ",\n\n  \"x\""), {"$", message, 11, 2}));
  EXPECT_TRUE(fails_with(parsing(doc + "\n\n  \"x\""), {"$", message, 13, 3}));
  EXPECT_TRUE(fails_with(parsing(doc + " 1"), {"$", message, 11, 3}));
  EXPECT_TRUE(fails_with(parsing(doc + doc), {"$", message, 11, 2}));
  // A whole documented payload followed by junk, in lenient mode too (the last `}` is line 53).
  const std::string doc13 = made_here("BackupJobSession_doc13.json");
  EXPECT_TRUE(fails_with(parsing(doc13 + "junk", kLenient), {"$", message, 54, 1}));
  EXPECT_TRUE(fails_with(parsing(doc13 + "{}", kLenient), {"$", message, 54, 1}));
}

TEST(TrailingContent, WhitespaceAfterTheObjectIsFine) {
  EXPECT_EQ(parse(Session().text() + " \n\t\r\n  "), parse(Session().text()));
}

// --- Nesting --------------------------------------------------------------------------------------------------

// simdjson's limit is 1024 levels: the 1025th opening bracket is the error.
TEST(Nesting, TenThousandLevelsAtTheRoot) {
  const std::string arrays = std::string(10000, '[') + std::string(10000, ']');
  EXPECT_TRUE(fails_with(parsing(arrays), {"$", "nested deeper than the parser allows", 1, 1025}));
  EXPECT_TRUE(fails_with(parsing(std::string(10000, '[')), {"$", "nested deeper", 1, 1025}));
  std::string objects;
  for (int i = 0; i < 10000; ++i) objects += R"({"a":)";
  objects += "1" + std::string(10000, '}');
  // Each level is the 5 bytes `{"a":`: the 1025th `{` is at offset 1024 * 5.
  EXPECT_TRUE(fails_with(parsing(objects), {"$", "nested deeper", 1, 5121}));
  EXPECT_TRUE(fails_with(parsing(objects, kLenient), {"$", "nested deeper", 1, 5121}));
}

TEST(Nesting, TenThousandLevelsInAnUnknownMember) {
  // `{"Foo": ` is 8 bytes; the root object is level 1, so the 1024th `[` (offset 8 + 1023) is level 1025.
  const std::string deep =
      R"({"Foo": )" + std::string(10000, '[') + std::string(10000, ']') + ", " + Session().members_on_one_line() + "}";
  EXPECT_TRUE(fails_with(parsing(deep, kLenient), {"$", "nested deeper", 1, 1032}));
  EXPECT_TRUE(fails_with(parsing(deep, kStrict), {"$", "nested deeper", 1, 1032}));
}

TEST(Nesting, TheLimitItselfIsAccepted) {
  // 1023 arrays in the root object: 1024 levels, skipped as an unknown member in lenient mode.
  const std::string deep =
      R"({"Foo": )" + std::string(1023, '[') + std::string(1023, ']') + ", " + Session().members_on_one_line() + "}";
  EXPECT_EQ(known_part(parse(deep, kLenient), R"("Foo":[[[[)"), parse(Session().text()));
  EXPECT_TRUE(fails_with(parsing(deep, kStrict), {"$", "unknown member \"Foo\"", 1, 2}));
  // Brackets inside strings do not count.
  const std::string in_string =
      R"({"Foo": ")" + std::string(5000, '[') + R"(\"{{{{", )" + Session().members_on_one_line() + "}";
  EXPECT_EQ(known_part(parse(in_string, kLenient), R"(\"{{{{")"), parse(Session().text()));
}

TEST(Nesting, BackslashesBeforeAQuoteDecideWhetherItEndsTheString) {
  // An even run of backslashes escapes itself, so the quote after it ends the string and the brackets that
  // follow count (the 1023rd of them, at offset 18 + 1022, is level 1025); an odd run escapes the quote, so the
  // brackets stay inside the string, which `\\"` then closes.
  const std::string even = R"({"Foo": ["a\\\\", )" + std::string(2000, '[') + std::string(2000, ']') + "], " +
                           Session().members_on_one_line() + "}";
  EXPECT_TRUE(fails_with(parsing(even, kLenient), {"$", "nested deeper", 1, 1041}));
  const std::string odd =
      R"({"Foo": ["a\\\" )" + std::string(2000, '[') + R"(\\"], )" + Session().members_on_one_line() + "}";
  EXPECT_EQ(known_part(parse(odd, kLenient), R"(["a\\\" [[[)"), parse(Session().text()));
}

TEST(Nesting, TenThousandLevelsInLinks) {
  // `{"Links": ` is 10 bytes: the 1024th `[` is at offset 10 + 1023.
  EXPECT_TRUE(fails_with(parsing(R"({"Links": )" + std::string(10000, '[') + std::string(10000, ']') + "}"),
                         {"$", "nested deeper", 1, 1034}));
}

// --- Numbers --------------------------------------------------------------------------------------------------

TEST(Numbers, HugeOrFractionalProgressIsNotAnInt) {
  // Progress is line 9, its value at column 15.
  const auto progress = [](std::string value) { return parsing(Session().set("Progress", std::move(value)).text()); };
  EXPECT_TRUE(fails_with(progress("99999999999"), {"$.Progress", R"("99999999999" is out of range for Int)", 9, 15}));
  EXPECT_TRUE(fails_with(progress("-99999999999"), {"$.Progress", "is out of range for Int", 9, 15}));
  EXPECT_TRUE(fails_with(progress("2147483648"), {"$.Progress", "is out of range for Int", 9, 15}));
  EXPECT_TRUE(fails_with(progress("123456789012345678901234567890"),
                         {"$.Progress", R"("123456789012345678901234567890" is out of range for Int)", 9, 15}));
  EXPECT_TRUE(
      fails_with(progress("-123456789012345678901234567890"), {"$.Progress", "is out of range for Int", 9, 15}));
  EXPECT_TRUE(fails_with(progress("1e400"), {"$.Progress", R"("1e400" is not an Int)", 9, 15}));
  EXPECT_TRUE(fails_with(progress("1.5"), {"$.Progress", R"("1.5" is not an Int)", 9, 15}));
  EXPECT_TRUE(fails_with(progress("1e2"), {"$.Progress", R"("1e2" is not an Int)", 9, 15}));
  EXPECT_TRUE(fails_with(progress("100.0"), {"$.Progress", R"("100.0" is not an Int)", 9, 15}));
  EXPECT_EQ(parse(Session().set("Progress", "2147483647").text()).progress, 2147483647);
  EXPECT_EQ(parse(Session().set("Progress", "-2147483648").text()).progress, -2147483647 - 1);
}

TEST(Numbers, MalformedNumbersAreErrors) {
  for (const char* bad : {"01", "-", "+1", ".5", "1.", "0x10", "1e", "NaN", "Infinity"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(fails_with(parsing(Session().set("Progress", bad).text()), {"$.Progress", "", 9, 15}));
  }
}

// --- Types --------------------------------------------------------------------------------------------------

TEST(Types, WrongJsonTypeForAField) {
  EXPECT_TRUE(fails_with(parsing(Session().set("Progress", R"("100")").text()),
                         {"$.Progress", "expected a number (Int), found a string", 9, 15}));
  EXPECT_TRUE(fails_with(parsing(Session().set("Progress", "true").text()),
                         {"$.Progress", "expected a number (Int), found a boolean", 9, 15}));
  EXPECT_TRUE(fails_with(parsing(Session().set("JobName", R"({"Text": "Job 1"})").text()),
                         {"$.JobName", "expected a string (String), found an object", 4, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("JobName", "{}").text()),
                         {"$.JobName", "expected a string (String), found an object", 4, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("JobName", R"(["Job 1"])").text()),
                         {"$.JobName", "expected a string (String), found an array", 4, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("JobName", "1").text()),
                         {"$.JobName", "expected a string (String), found a number", 4, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("CreationTimeUTC", "1758744009").text()),
                         {"$.CreationTimeUTC", "expected a string (DateTime), found a number", 6, 22}));
  EXPECT_TRUE(fails_with(parsing(Session().set("IsRetry", R"("false")").text()),
                         {"$.IsRetry", "expected true or false (Bool), found a string", 10, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("IsRetry", "0").text()),
                         {"$.IsRetry", "expected true or false (Bool), found a number", 10, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("State", "1").text()),
                         {"$.State", "expected a string (BackupJobSessionState), found a number", 7, 12}));
  // An object for Links is EM's nested form {"Links": [...]}: a link there is not (`  "Links": {"Rel": ` -> 20).
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", R"({"Rel": "Up"})").text()),
                         {"$.Links", R"(unknown member "Rel")", 7, 13}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", R"("none")").text()),
                         {"$.Links", "expected an array", 7, 12}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", R"(["Up"])").text()),
                         {"$.Links[0]", "expected an object, found a string", 7, 13}));
}

TEST(Types, BadScalarText) {
  EXPECT_TRUE(fails_with(parsing(Session().set("CreationTimeUTC", R"("2025-02-30T20:00:09Z")").text()),
                         {"$.CreationTimeUTC", R"("2025-02-30T20:00:09Z" is not a DateTime)", 6, 22}));
  EXPECT_TRUE(fails_with(parsing(Session().set("CreationTimeUTC", R"("yesterday")").text()),
                         {"$.CreationTimeUTC", R"("yesterday" is not a DateTime)", 6, 22}));
  EXPECT_TRUE(fails_with(parsing(Session().set("CreationTimeUTC", R"("")").text()),
                         {"$.CreationTimeUTC", R"("" is not a DateTime)", 6, 22}));
  EXPECT_TRUE(fails_with(parsing(Session().set("JobUid", R"("job-1")").text()),
                         {"$.JobUid", R"("job-1" is not a Uid)", 3, 13}));
}

// --- Members ------------------------------------------------------------------------------------------------

TEST(Members, DuplicateKeys) {
  // The second State is line 8; reported at its value.
  EXPECT_TRUE(fails_with(parsing(Session().insert_after("State", "State", R"("Working")").text()),
                         {"$", R"(member "State" appears more than once)", 8, 12}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_after("State", "State", R"("Working")").text(), kLenient),
                         {"$", R"(member "State" appears more than once)", 8, 12}));
  // The alias counts as the same member: CreationTime (line 7, value at 19) after CreationTimeUTC.
  EXPECT_TRUE(
      fails_with(parsing(Session().insert_after("CreationTimeUTC", "CreationTime", R"("2025-09-24T20:00:09Z")").text()),
                 {"$", R"(member "CreationTime" appears more than once)", 7, 19}));
  // In a link: `  "Links": [{"Rel": "Up", "Rel": ` puts the second value at column 34.
  EXPECT_TRUE(fails_with(
      parsing(Session().insert_before("State", "Links", R"([{"Rel": "Up", "Rel": "Down", "Href": "h"}])").text()),
      {"$.Links[0]", R"(member "Rel" appears more than once)", 7, 34}));
  // Twice null is still twice.
  EXPECT_TRUE(fails_with(
      parsing(
          Session().insert_before("State", "EndTimeUTC", "null").insert_before("State", "EndTimeUTC", "null").text()),
      {"$", R"(member "EndTimeUTC" appears more than once)", 8, 17}));
}

TEST(Members, NullForARequiredMemberIsAnErrorStrictlyAndAWarningLeniently) {
  EXPECT_TRUE(
      fails_with(parsing(Session().set("State", "null").text()), {"$.State", "null for a required value", 7, 12}));
  emgen::ReadWarnings warnings;
  const BackupJobSession lenient = BackupJobSession::from_json(Session().set("State", "null").text(), warnings);
  EXPECT_EQ(lenient.state, BackupJobSession{}.state);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].to_string(), "7:12: $.State: null for a required value, read as its default");
  EXPECT_TRUE(
      fails_with(parsing(Session().set("JobName", "null").text()), {"$.JobName", "null for a required value", 4, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("Progress", "null").text()),
                         {"$.Progress", "null for a required value", 9, 15}));
}

TEST(Members, MissingRequiredMemberIsReportedAtTheObject) {
  EXPECT_TRUE(fails_with(parsing(Session().remove("State").text()),
                         {"$", R"(missing required member "State" (or "state"))", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("{}"), {"$", "missing required member", 1, 1}));
  // In a link (line 7 `  "Links": [{"Rel": "Up"}]`: the link's `{` is at column 13).
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", R"([{"Rel": "Up"}])").text()),
                         {"$.Links[0]", R"(missing required member "Href")", 7, 13}));
}

TEST(Members, NullForAnOptionalMemberIsAbsent) {
  const BackupJobSession with_null = parse(Session().insert_before("State", "EndTimeUTC", "null").text());
  EXPECT_FALSE(with_null.end_time_utc.has_value());
  EXPECT_EQ(with_null, parse(Session().text()));
  const BackupJobSession with_value =
      parse(Session().insert_before("State", "EndTimeUTC", R"("2025-09-24T20:02:54.717Z")").text());
  ASSERT_TRUE(with_value.end_time_utc.has_value());
  EXPECT_EQ(emgen::format_datetime(*with_value.end_time_utc), "2025-09-24T20:02:54.717Z");
  // Entity's optional attributes and a link's Name and Type too.
  const BackupJobSession nulls =
      parse(Session()
                .insert_before("State", "Type", "null")
                .insert_before("State", "Name", "null")
                .insert_before("State", "UID", "null")
                .insert_before("State", "Links", R"([{"Rel": "Stop", "Href": "h", "Name": null, "Type": null}])")
                .text());
  EXPECT_FALSE(nulls.type.has_value());
  EXPECT_FALSE(nulls.name.has_value());
  EXPECT_FALSE(nulls.uid.has_value());
  ASSERT_EQ(nulls.links.size(), 1u);
  EXPECT_FALSE(nulls.links[0].name.has_value());
  EXPECT_FALSE(nulls.links[0].type.has_value());
  // Written back, an absent value is left out (not written as null).
  EXPECT_EQ(nulls.to_json().find("null"), std::string::npos);
}

TEST(Members, LinksNullOrAbsentIsEmpty) {
  const BackupJobSession base = parse(Session().text());
  EXPECT_TRUE(base.links.empty());
  const BackupJobSession null_links = parse(Session().insert_before("State", "Links", "null").text());
  EXPECT_TRUE(null_links.links.empty());
  EXPECT_EQ(null_links, base);
  const BackupJobSession empty_links = parse(Session().insert_before("State", "Links", "[]").text());
  EXPECT_EQ(empty_links, base);
  // Written back, no links is an empty array.
  EXPECT_NE(base.to_json().find(R"("Links":[])"), std::string::npos);
}

TEST(Members, UnknownMemberLenientIsIgnoredStrictIsAnError) {
  // Foo inserted before State: line 7, its key at column 3 (errors point at the member's name).
  for (const char* value : {"1", R"("x")", "null", R"({"a": [1, {"b": null}]})", "[[], {}]"}) {
    SCOPED_TRACE(value);
    const std::string text = Session().insert_before("State", "Foo", value).text();
    EXPECT_EQ(known_part(parse(text, kLenient), std::string(R"("Foo":)")), parse(Session().text()));
    EXPECT_TRUE(fails_with(parsing(text, kStrict), {"$", R"(unknown member "Foo")", 7, 3}));
  }
  // In a link, and a key that is not an identifier in the path's words.
  const std::string in_link =
      Session().insert_before("State", "Links", R"([{"Rel": "Up", "Href": "h", "Foo Bar": 1}])").text();
  EXPECT_EQ(parse(in_link, kLenient).links.size(), 1u);
  // `  "Links": [{"Rel": "Up", "Href": "h", "Foo Bar": ` is 11 + 2 + 13 + 13 bytes before the key: column 40.
  EXPECT_TRUE(fails_with(parsing(in_link), {"$.Links[0]", R"(unknown member "Foo Bar")", 7, 40}));
  // Case matters beyond the two conventions: "state" is State's camelCase form (EM 13.x), "STATE" is neither.
  EXPECT_EQ(parse(Session().rename("State", "state").text(), kStrict), parse(Session().text(), kStrict));
  EXPECT_TRUE(fails_with(parsing(Session().rename("State", "STATE").text()), {"$", R"(unknown member "STATE")", 7, 3}));
}

TEST(Members, UnknownEnumValueLenientIsKeptStrictIsAnError) {
  const std::string text = Session().set("State", R"("Postponed")").text();
  const BackupJobSession value = parse(text, kLenient);
  EXPECT_FALSE(value.state.is_listed());
  EXPECT_EQ(value.state.value(), BackupJobSessionState::Unlisted);
  EXPECT_EQ(value.state.text(), "Postponed");
  // Kept: written back unchanged, and read back equal.
  EXPECT_NE(value.to_json().find(R"("State":"Postponed")"), std::string::npos);
  EXPECT_EQ(parse(value.to_json(), kLenient), value);
  EXPECT_TRUE(
      fails_with(parsing(text, kStrict), {"$.State", R"("Postponed" is not a BackupJobSessionState value)", 7, 12}));
  // A link relation that no table lists.
  const std::string link = Session().insert_before("State", "Links", R"([{"Rel": "Rewind", "Href": "h"}])").text();
  const BackupJobSession with_link = parse(link, kLenient);
  ASSERT_EQ(with_link.links.size(), 1u);
  EXPECT_EQ(with_link.links[0].rel.text(), "Rewind");
  // `  "Links": [{"Rel": ` puts the value at column 21.
  EXPECT_TRUE(fails_with(parsing(link), {"$.Links[0].Rel", R"("Rewind" is not a LinkRel value)", 7, 21}));
  // Enum text is compared exactly.
  EXPECT_TRUE(fails_with(parsing(Session().set("State", R"("stopped")").text()),
                         {"$.State", "is not a BackupJobSessionState value", 7, 12}));
}

TEST(Members, CreationTimeAliasIsAccepted) {
  const BackupJobSession expected = parse(Session().text());
  EXPECT_EQ(parse(Session().rename("CreationTimeUTC", "CreationTime").text(), kStrict), expected);
  const std::string end_time = R"("2025-09-24T20:02:54.717Z")";
  EXPECT_EQ(parse(Session().insert_before("State", "EndTime", end_time).text(), kStrict),
            parse(Session().insert_before("State", "EndTimeUTC", end_time).text(), kStrict));
  // Written back under the name documented payloads use.
  const std::string written = parse(Session().rename("CreationTimeUTC", "CreationTime").text()).to_json();
  EXPECT_NE(written.find(R"("CreationTimeUTC":)"), std::string::npos);
  // Missing both: reported by the payloads' name.
  EXPECT_TRUE(fails_with(parsing(Session().remove("CreationTimeUTC").text()),
                         {"$", R"(missing required member "CreationTimeUTC")", 1, 1}));
}

TEST(Members, NestedWrapperListIsAcceptedAsWellAsTheArray) {
  const std::string links = R"([{"Rel": "Up", "Href": "a", "Type": "JobReference"}, {"Rel": "Down", "Href": "b"}])";
  const BackupJobSession array_form = parse(Session().insert_before("State", "Links", links).text());
  ASSERT_EQ(array_form.links.size(), 2u);
  EXPECT_EQ(parse(Session().insert_before("State", "Links", R"({"Links": )" + links + "}").text()), array_form);
  EXPECT_EQ(parse(Session().insert_before("State", "Links", R"({"Links": null})").text()).links.size(), 0u);
  EXPECT_EQ(parse(Session().insert_before("State", "Links", "{}").text()).links.size(), 0u);
  // The wrapper holds only the list: another key is an unknown member (strict), skipped (lenient).
  const std::string other = Session().insert_before("State", "Links", R"({"Link": [], "Links": )" + links + "}").text();
  EXPECT_EQ(parse(other, kLenient), array_form);
  // `  "Links": {"Link": ` is 20 bytes: the value at column 21; the path is the wrapper's.
  EXPECT_TRUE(fails_with(parsing(other), {"$.Links", R"(unknown member "Link")", 7, 13}));
  // Errors inside the nested form carry the inner key: `  "Links": {"Links": [{"Rel": ` -> column 31.
  EXPECT_TRUE(
      fails_with(parsing(Session().insert_before("State", "Links", R"({"Links": [{"Rel": 1, "Href": "a"}]})").text()),
                 {"$.Links.Links[0].Rel", "expected a string (LinkRel), found a number", 7, 31}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", R"({"Links": [], "Links": []})").text()),
                         {"$.Links", R"(member "Links" appears more than once)", 7, 35}));

  // EntityReferences: "Refs": [...] and "Refs": {"Refs": [...]}.
  const std::string ref = R"({"Href": "h", "Type": "BackupJobSessionReference", "Links": []})";
  const auto flat = EntityReferences::from_json(R"({"Refs": [)" + ref + "]}", kStrict);
  ASSERT_EQ(flat.ref.size(), 1u);
  EXPECT_EQ(EntityReferences::from_json(R"({"Refs": {"Refs": [)" + ref + "]}}", kStrict), flat);
  // The inner name in the other spelling reads too; another name inside the wrapper is unknown.
  EXPECT_EQ(EntityReferences::from_json(R"({"refs": {"Refs": [)" + ref + "]}}", kStrict), flat);
  EXPECT_EQ(EntityReferences::from_json(R"({"Refs": {"refs": [)" + ref + "]}}", kStrict), flat);
  EXPECT_THROW(EntityReferences::from_json(R"({"Refs": {"Ref": [)" + ref + "]}}", kStrict), emgen::ParseError);
  EXPECT_EQ(EntityReferences::from_json(R"({"Refs": null})", kStrict).ref.size(), 0u);
  EXPECT_EQ(EntityReferences::from_json(R"({})", kStrict).ref.size(), 0u);
}

// --- The root ------------------------------------------------------------------------------------------------

TEST(Root, MustBeAnObject) {
  EXPECT_TRUE(fails_with(parsing("[]"), {"$", "expected an object, found an array", 1, 1}));
  EXPECT_TRUE(fails_with(parsing(R"([{"Href": "h"}])"), {"$", "expected an object, found an array", 1, 1}));
  EXPECT_TRUE(fails_with(parsing(R"("BackupJobSession")"), {"$", "expected an object, found a string", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("42"), {"$", "expected an object, found a number", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("true"), {"$", "expected an object, found a boolean", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("null"), {"$", "expected an object, found null", 1, 1}));
  // Located where the value starts.
  EXPECT_TRUE(fails_with(parsing("\n  [1, 2]\n"), {"$", "expected an object, found an array", 2, 3}));
  EXPECT_TRUE(fails_with(parsing(" \"x\" "), {"$", "expected an object, found a string", 1, 2}));
  // Other types' roots too.
  EXPECT_TRUE(fails_with([] { static_cast<void>(EntityReferences::from_json("[]", kLenient)); },
                         {"$", "expected an object, found an array", 1, 1}));
  EXPECT_TRUE(fails_with([] { static_cast<void>(SystemSessions::from_json(R"("Sessions")", kLenient)); },
                         {"$", "expected an object, found a string", 1, 1}));
}

TEST(Root, EmptyOrWhitespaceOnly) {
  EXPECT_TRUE(fails_with(parsing(""), {"$", "empty document", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("", kLenient), {"$", "empty document", 1, 1}));
  EXPECT_TRUE(fails_with(parsing(" "), {"$", "empty document", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("  \n\t \r\n "), {"$", "empty document", 1, 1}));
}

TEST(Root, NotJsonAtAll) {
  EXPECT_TRUE(fails_with(parsing("<BackupJobSession/>"), {"$", "", 1, 1}));
  EXPECT_TRUE(fails_with(parsing("junk"), {"$", "", 1, 1}));
  EXPECT_TRUE(fails_with(parsing(std::string("{\0}", 3)), {"$", "", 0, 0}));
}

// A UTF-8 byte order mark is skipped, as RFC 8259 8.1 allows: .NET servers may send one, and the XML reader
// accepts one too. Positions still count bytes from the start of the text, the BOM's 3 included.
TEST(Root, ByteOrderMarkIsSkipped) {
  const std::string bom = "\xEF\xBB\xBF";
  EXPECT_EQ(parse(bom + Session().text()), parse(Session().text()));
  const std::string doc13 = made_here("BackupJobSession_doc13.json");
  EXPECT_EQ(parse(bom + doc13), parse(doc13));
  EXPECT_EQ(BackupJobSession::from_xml(bom + example("BackupJobSession_doc13.xml"), kStrict), parse(doc13));
  // Foo's value, after `{"Foo": ` and the BOM, starts at byte 11: column 12.
  EXPECT_TRUE(fails_with(parsing(bom + R"({"Foo": 1})"), {"$", R"(unknown member "Foo")", 1, 5}));
  EXPECT_TRUE(fails_with(parsing(bom + "[]"), {"$", "expected an object, found an array", 1, 4}));
  EXPECT_TRUE(fails_with(parsing(bom), {"$", "empty document", 1, 4}));
  EXPECT_TRUE(fails_with(parsing(bom + "{"), {"$", "truncated", 1, 5}));
  // Only one, and only at the very start.
  EXPECT_TRUE(fails_with(parsing(bom + bom + Session().text()), {"$", "", 0, 0}));
  EXPECT_TRUE(fails_with(parsing(" " + bom + Session().text()), {"$", "", 0, 0}));
  // Other byte order marks are not UTF-8.
  EXPECT_TRUE(fails_with(parsing("\xFF\xFE{}"), {"$", "invalid UTF-8", 1, 1}));
}

// --- Encoding ------------------------------------------------------------------------------------------------

TEST(Encoding, InvalidUtf8InAStringIsLocated) {
  // JobName is line 4; `  "JobName": "Job ` puts the bad byte at column 19.
  for (const char* bad : {"\xFF", "\xC3\x28", "\x80", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82"}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(bad)));
    const std::string text = Session().set("JobName", std::string("\"Job ") + bad + " 1\"").text();
    EXPECT_TRUE(fails_with(parsing(text), {"$", "invalid UTF-8", 4, 19}));
    EXPECT_TRUE(fails_with(parsing(text, kLenient), {"$", "invalid UTF-8", 4, 19}));
  }
}

TEST(Encoding, InvalidUtf8InAKeyIsLocated) {
  // `  "Is` puts the bad byte at column 6 of line 10.
  EXPECT_TRUE(fails_with(parsing(Session().rename("IsRetry", "Is\xFFRetry").text()), {"$", "invalid UTF-8", 10, 6}));
  // In an unknown member's key, skipped in lenient mode: still an error.
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "F\xC3", "1").text(), kLenient),
                         {"$", "invalid UTF-8", 7, 5}));
}

TEST(Encoding, EscapesAndValidUtf8AreRead) {
  const BackupJobSession value =
      parse(Session().set("JobName", R"("a\"b\\c\/d\n\u00e9\u65e5\ud83d\ude42 \u0000")").text());
  static constexpr char kExpected[] = "a\"b\\c/d\n\xC3\xA9\xE6\x97\xA5\xF0\x9F\x99\x82 \0";
  EXPECT_EQ(value.job_name, std::string(kExpected, sizeof kExpected - 1));
  EXPECT_EQ(parse(Session().set("JobName", "\"Sauvegarde \xC3\xA9t\xC3\xA9 \xE6\x97\xA5\"").text()).job_name,
            "Sauvegarde \xC3\xA9t\xC3\xA9 \xE6\x97\xA5");
}

TEST(Encoding, BadStringsAreErrors) {
  // Escapes are checked when the string is read: at the value (JobName's, 4:14).
  for (const char* bad : {R"("\ud800")", R"("\x41")", R"("\u12")", R"("\uZZZZ")"}) {
    SCOPED_TRACE(bad);
    EXPECT_TRUE(fails_with(parsing(Session().set("JobName", bad).text()), {"$.JobName", "bad string", 4, 14}));
  }
  // Raw control characters are found for the whole document: at the character (`  "JobName": "a` -> 4:16).
  for (const char* bad : {"\"a\x01\"", "\"a\nb\"", "\"a\tb\""}) {
    SCOPED_TRACE(::testing::PrintToString(std::string(bad)));
    EXPECT_TRUE(fails_with(parsing(Session().set("JobName", bad).text()),
                           {"$", "unescaped control character in a string", 4, 16}));
  }
}

// type() looks at a value's first character only; the literal itself must be whole.
TEST(Literals, BadLiteralsAreErrors) {
  EXPECT_TRUE(fails_with(parsing(Session().set("IsRetry", "fals").text()), {"$.IsRetry", "bad literal", 10, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("IsRetry", "trueish").text()), {"$.IsRetry", "bad literal", 10, 14}));
  EXPECT_TRUE(fails_with(parsing(Session().set("IsRetry", "True").text()), {"$.IsRetry", "", 10, 14}));
  // `nul` is not null: neither for a required member nor for an optional one (which null would leave absent).
  EXPECT_TRUE(fails_with(parsing(Session().set("State", "nul").text()), {"$.State", "bad literal", 7, 12}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "EndTimeUTC", "nul").text()),
                         {"$.EndTimeUTC", "bad literal", 7, 17}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "EndTimeUTC", "nullx").text()),
                         {"$.EndTimeUTC", "bad literal", 7, 17}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", "nil").text()), {"$.Links", "", 7, 12}));
  EXPECT_TRUE(
      fails_with(parsing(Session().insert_before("State", "Links", "nul").text()), {"$.Links", "bad literal", 7, 12}));
  EXPECT_TRUE(fails_with(parsing(Session().insert_before("State", "Links", R"({"Links": nul})").text()),
                         {"$.Links.Links", "bad literal", 7, 22}));
}

}  // namespace

namespace {

TEST(UnknownMembers, LenientModeStillRefusesMalformedValues) {
  // An unknown member is skipped in lenient mode, but its value must still be JSON: `nul`, `{]` and `01` are
  // not, and skipping them unseen would accept a malformed document.
  for (const char* bad : {"nul", "[1,,2]", "{\"a\": tru}", "[{\"b\": [nul]}]"}) {
    const std::string text = Session().insert_before("State", "Foo", bad).text();
    EXPECT_THROW(static_cast<void>(parse(text, kLenient)), emgen::ParseError) << bad;
  }
  // Well-formed unknown values of every kind are skipped.
  const std::string fine =
      Session()
          .insert_before("State", "Foo", R"({"a": [1, -2.5e3, "x", true, false, null, {"b": {}}], "c": []})")
          .text();
  EXPECT_EQ(known_part(parse(fine, kLenient), R"("Foo":{"a":[1,-2.5e3,"x",true,false,null,{"b":{}}],"c":[]})"),
            parse(Session().text()));
}

}  // namespace
