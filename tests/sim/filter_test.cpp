// EM's filter grammar, matching, sorting and paging (tools/emgen-sim/src/filter.hpp), over backup job sessions
// read through emgen::dynamic from the documented payload (schemas/examples/BackupJobSession_doc13.xml) with
// their values changed here: the sessions of this file are made here.

#include "filter.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "dynamic/codec.hpp"
#include "format/loader.hpp"
#include "precompile/resolve.hpp"
#include "text/text.hpp"

namespace {

using emgen::dynamic::Value;
using emgen::sim::FilterError;
using emgen::sim::parse_filter;
using emgen::sim::parse_query;
namespace ir = emgen::gen::ir;

const ir::Model& schemas() {
  // The model points into itself, so it is built in place and never moved.
  static const std::unique_ptr<ir::Model> model = [] {
    auto loaded = std::make_unique<ir::Model>();
    emgen::gen::precompile::resolve(emgen::gen::format::load_schema_directory(EMGEN_SCHEMA_DIR), *loaded);
    return loaded;
  }();
  return *model;
}

const ir::Type& session_type() { return emgen::dynamic::find_type(schemas(), "BackupJobSession"); }

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// The documented session with another name, result, state, creation time and progress.
Value session(const std::string& name, const std::string& result, const std::string& state, const std::string& created,
              int progress) {
  static const std::string documented = *emgen::text::read_file(EMGEN_EXAMPLES_DIR "/BackupJobSession_doc13.xml");
  std::string xml = replace(documented, "<JobName>Backup Job 3</JobName>", "<JobName>" + name + "</JobName>");
  xml = replace(xml, "<Result>Success</Result>", "<Result>" + result + "</Result>");
  xml = replace(xml, "<State>Stopped</State>", "<State>" + state + "</State>");
  xml = replace(xml, "<CreationTimeUTC>2025-09-24T20:00:09.607Z</CreationTimeUTC>",
                "<CreationTimeUTC>" + created + "</CreationTimeUTC>");
  xml = replace(xml, "<Progress>100</Progress>", "<Progress>" + std::to_string(progress) + "</Progress>");
  return emgen::dynamic::read_xml(schemas(), "BackupJobSession", xml, emgen::ReadMode::lenient);
}

struct Sessions {
  std::vector<Value> values;
  std::vector<const Value*> pointers() const {
    std::vector<const Value*> out;
    for (const Value& value : values) out.push_back(&value);
    return out;
  }
};

Sessions sample() {
  Sessions s;
  s.values.push_back(session("alpha", "Success", "Stopped", "2025-10-18T10:00:00Z", 100));
  s.values.push_back(session("Bravo", "Warning", "Stopped", "2025-10-19T00:00:00Z", 100));
  s.values.push_back(session("charlie", "Failed", "Stopped", "2025-10-19T08:30:00.5Z", 40));
  s.values.push_back(session("delta \"quoted\"", "None", "Working", "2025-10-20T01:00:00Z", 10));
  return s;
}

std::vector<std::string> names(const std::vector<const Value*>& items) {
  std::vector<std::string> out;
  for (const Value* item : items) out.push_back(item->find("JobName")->text);
  return out;
}

std::vector<std::string> filtered(const std::string& text, bool bound = true) {
  emgen::sim::Filter filter = parse_filter(text);
  if (bound) emgen::sim::bind(filter, session_type());
  const Sessions s = sample();
  std::vector<std::string> out;
  for (const Value& value : s.values)
    if (emgen::sim::matches(filter, value)) out.push_back(value.find("JobName")->text);
  return out;
}

using Names = std::vector<std::string>;

TEST(Filter, OrMatchesEitherSide) {
  EXPECT_EQ(filtered("Result==Failed,Result==Warning"), (Names{"Bravo", "charlie"}));
}

TEST(Filter, AndBindsTighterThanOr) {
  // a,b;c is a,(b;c): alpha is a Success; charlie is Failed but its progress is not 100.
  EXPECT_EQ(filtered("Result==Success,Result==Failed;Progress==100"), (Names{"alpha"}));
  EXPECT_EQ(filtered("(Result==Success,Result==Failed);Progress==100"), (Names{"alpha"}));
  EXPECT_EQ(filtered("(Result==Success,Result==Failed);Progress<100"), (Names{"charlie"}));
  EXPECT_EQ(filtered("Progress<100;Result==Failed,Result==Success"), (Names{"alpha", "charlie"}));
}

TEST(Filter, FieldNamesAndEnumerationValuesIgnoreCase) {
  EXPECT_EQ(filtered("result==failed"), (Names{"charlie"}));
  EXPECT_EQ(filtered("RESULT==FAILED", false), (Names{"charlie"}));
}

TEST(Filter, EnumerationsOrderByTheDocumentedOrder) {
  // Success < Warning < Failed, as the pages say; None is not listed, so it is neither less nor greater.
  EXPECT_EQ(filtered("Result>Success"), (Names{"Bravo", "charlie"}));
  EXPECT_EQ(filtered("Result<=Warning"), (Names{"alpha", "Bravo"}));
  EXPECT_EQ(filtered("Result!=Success"), (Names{"Bravo", "charlie", "delta \"quoted\""}));
  // By letters, Failed would come first.
  EXPECT_EQ(filtered("State<Stopped"), (Names{"delta \"quoted\""}));
}

TEST(Filter, TimesCompareAsInstants) {
  EXPECT_EQ(filtered("CreationTimeUTC>=\"2025-10-19T00:00:00Z\""), (Names{"Bravo", "charlie", "delta \"quoted\""}));
  // The same instant written with an offset, and the pages' CreationTime (the schema's alias).
  EXPECT_EQ(filtered("CreationTime>=\"2025-10-19T02:00:00+02:00\";CreationTime<\"2025-10-19T08:30:00.5Z\""),
            (Names{"Bravo"}));
  // A bare date is midnight UTC.
  EXPECT_EQ(filtered("CreationTime<2025-10-19"), (Names{"alpha"}));
}

TEST(Filter, IntegersCompareNumerically) {
  // As text, "40" > "100".
  EXPECT_EQ(filtered("Progress<100"), (Names{"charlie", "delta \"quoted\""}));
  EXPECT_EQ(filtered("Progress>=+40"), (Names{"alpha", "Bravo", "charlie"}));
}

TEST(Filter, StringsQuotedWithDoubledOrEscapedQuotes) {
  EXPECT_EQ(filtered("JobName==\"delta \"\"quoted\"\"\""), (Names{"delta \"quoted\""}));
  EXPECT_EQ(filtered("JobName==\"delta \\\"quoted\\\"\""), (Names{"delta \"quoted\""}));
  EXPECT_EQ(filtered("JobName==BRAVO"), (Names{"Bravo"}));
  // Bare values lose their spaces, as EM ignores them.
  EXPECT_EQ(filtered("JobName==al pha"), (Names{"alpha"}));
  EXPECT_EQ(filtered("JobName==\"a,b;c)\""), (Names{}));
  // optional_query_parameters.html's form: a bare value whose quotes are doubled.
  EXPECT_EQ(parse_filter("Name==\"\"Backup\"\"").root.value, "\"Backup\"");
  EXPECT_EQ(parse_filter("JobName==de lta\"\"quoted\"\"").root.value, "delta\"quoted\"");
  EXPECT_EQ(parse_filter("Name==\"\";Result==Failed").root.children.at(0).value, "");
}

TEST(Filter, UidsByUrnOrBareId) {
  EXPECT_EQ(filtered("JobUid==\"urn:veeam:Job:2B078668-e45d-4eb3-abb0-275b0d130e7e\"").size(), 4U);
  EXPECT_EQ(filtered("JobUid==2b078668-e45d-4eb3-abb0-275b0d130e7e").size(), 4U);
  EXPECT_EQ(filtered("JobUid==\"urn:veeam:Job:00000000-e45d-4eb3-abb0-275b0d130e7e\"").size(), 0U);
}

TEST(Filter, AFieldTheObjectLacksNeverMatches) {
  // EndTimeUTC is optional: an object without it matches neither == nor !=.
  Value without = sample().values[0];
  std::erase_if(without.members, [](const emgen::dynamic::Member& m) { return m.name == "EndTimeUTC"; });
  for (const char* text : {"EndTimeUTC==\"2025-09-24T20:02:54.717Z\"", "EndTimeUTC!=\"2025-09-24T20:02:54.717Z\""}) {
    emgen::sim::Filter filter = parse_filter(text);
    emgen::sim::bind(filter, session_type());
    EXPECT_FALSE(emgen::sim::matches(filter, without)) << text;
    EXPECT_TRUE(emgen::sim::matches(filter, sample().values[0]) != (text[10] == '!')) << text;
  }
  // Unbound, an unknown field matches nothing.
  EXPECT_EQ(filtered("Nonsense!=1", false), (Names{}));
}

std::string error_of(const std::string& text, std::size_t& position) {
  try {
    emgen::sim::Filter filter = parse_filter(text);
    emgen::sim::bind(filter, session_type());
  } catch (const FilterError& error) {
    position = error.position();
    return error.what();
  }
  return "no error";
}

TEST(Filter, MalformedFiltersReportWhereAndWhat) {
  struct Case {
    std::string text;
    std::size_t position;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"", 0, "empty filter"},
      {"Result=Failed", 6, "single \"=\""},
      {"Result==", 8, "expected a value"},
      {"Result==Failed;", 15, "expected a comparison"},
      {"Result==Failed,,Result==Warning", 15, "expected a field name"},
      {"(Result==Failed", 15, "expected \")\" to close the \"(\" at column 1"},
      {"Result==Failed)", 14, "unbalanced \")\""},
      {"JobName==\"open", 9, "no closing quote"},
      {"Result~=Failed", 6, "expected an operator"},
      {"Result==Fail", 8, "not a value of Result (one of Success, Warning, Failed)"},
      {"Progress>=ten", 10, "Progress compares with a whole number"},
      {"CreationTime>=\"yesterday\"", 14, "a UTC time"},
      {"Reslt==Failed", 0, "no field \"Reslt\"; did you mean Result?"},
      {"Links==x", 0, "a list or an object"},
      {"Result==Failed Result==Warning", 8, "FailedResult"},
  };
  for (const Case& c : cases) {
    std::size_t position = 12345;
    const std::string message = error_of(c.text, position);
    if (c.text == "Result==Failed Result==Warning") {
      // Spaces vanish from a bare value, so this reads as one (unknown) value of Result.
      EXPECT_NE(message.find("\"FailedResult==Warning\" is not a value"), std::string::npos) << message;
      continue;
    }
    EXPECT_EQ(position, c.position) << c.text << ": " << message;
    EXPECT_NE(message.find(c.says), std::string::npos) << c.text << ": " << message;
    EXPECT_EQ(message.rfind("column " + std::to_string(c.position + 1) + ": ", 0), 0U) << message;
  }
}

TEST(Filter, ParenthesesNestToTheLimitAndNoFurther) {
  const auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '(') + "Result==Failed" +
           std::string(static_cast<std::size_t>(depth), ')');
  };
  EXPECT_EQ(filtered(nested(emgen::sim::kMaxFilterDepth)), (Names{"charlie"}));
  std::size_t position = 0;
  const std::string message = error_of(nested(100000), position);
  EXPECT_EQ(position, static_cast<std::size_t>(emgen::sim::kMaxFilterDepth));
  EXPECT_NE(message.find("deeper than 32"), std::string::npos) << message;
}

TEST(Filter, LongChainsStayFlat) {
  // 100,000 comparisons: a recursive tree of them would overflow the stack.
  std::string text = "Result==Failed";
  for (int i = 0; i < 100000; ++i) text += i % 2 == 0 ? ";Progress<100" : ",Result==Failed";
  const emgen::sim::Filter filter = parse_filter(text);
  EXPECT_EQ(filter.root.kind, emgen::sim::FilterNode::Kind::any_of);
  EXPECT_TRUE(emgen::sim::matches(filter, sample().values[2]));
}

// Random text over the grammar's characters (a fixed seed, so a failure repeats): each either parses, binds or
// not, and matches without harm, or is a FilterError inside the text. Never a crash, never another exception.
TEST(Filter, AnyTextParsesOrFailsAtAPlaceInIt) {
  const std::string alphabet = "();,=!<>\"\\ aR1-:TZ.";
  const std::vector<std::string> words = {"Result", "Progress", "CreationTime", "JobUid",
                                          "State",  "==",       "!=",           "<=",
                                          ">=",     "Failed",   "100",          "\"2025-10-19T00:00:00Z\"",
                                          "\"\""};
  std::mt19937 random(20251019);
  const Sessions s = sample();
  int parsed = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int length = static_cast<int>(random() % 24);
    for (int i = 0; i < length; ++i)
      text += random() % 3 == 0 ? words[random() % words.size()] : std::string(1, alphabet[random() % alphabet.size()]);
    try {
      emgen::sim::Filter filter = parse_filter(text);
      ++parsed;
      try {
        emgen::sim::bind(filter, session_type());
      } catch (const FilterError& error) {
        EXPECT_LE(error.position(), text.size()) << text;
      }
      for (const Value& value : s.values) static_cast<void>(emgen::sim::matches(filter, value));
    } catch (const FilterError& error) {
      EXPECT_LE(error.position(), text.size()) << text;
    }
  }
  EXPECT_GT(parsed, 100);  // the generator reaches past the first error often enough to mean something
}

TEST(Query, SortsAscendingAndDescendingByKind) {
  const Sessions s = sample();
  emgen::sim::Query query = parse_query("type=BackupJobSession&sortAsc=progress");
  emgen::sim::bind(query, session_type());
  EXPECT_EQ(names(emgen::sim::select(s.pointers(), query)), (Names{"delta \"quoted\"", "charlie", "alpha", "Bravo"}));

  query = parse_query("type=BackupJobSession&sortDesc=Result");
  emgen::sim::bind(query, session_type());
  // Documented order, descending (stable for equal keys); the unlisted None after the listed values.
  EXPECT_EQ(names(emgen::sim::select(s.pointers(), query)), (Names{"charlie", "Bravo", "alpha", "delta \"quoted\""}));

  query = parse_query("sortAsc=JobName");
  EXPECT_EQ(names(emgen::sim::select(s.pointers(), query)), (Names{"alpha", "Bravo", "charlie", "delta \"quoted\""}));
}

TEST(Query, PagesAfterFilteringAndSorting) {
  const Sessions s = sample();
  emgen::sim::Query query =
      parse_query("type=BackupJobSession&filter=Result%21%3DSuccess&sortDesc=CreationTime&pageSize=2&page=1");
  emgen::sim::bind(query, session_type());
  emgen::sim::QueryPage page = emgen::sim::run_query(s.pointers(), query);
  EXPECT_EQ(page.total, 3U);
  EXPECT_EQ(page.pages, 2U);
  EXPECT_EQ(names(page.items), (Names{"delta \"quoted\"", "charlie"}));
  query.page = 2;
  EXPECT_EQ(names(emgen::sim::select(s.pointers(), query)), (Names{"Bravo"}));
  query.page = 3;
  EXPECT_TRUE(emgen::sim::select(s.pointers(), query).empty());
  query.page = static_cast<std::size_t>(-1);  // far past the end: no overflow into a wrong page
  EXPECT_TRUE(emgen::sim::select(s.pointers(), query).empty());

  // No pageSize: every item on one page, as the pages say EM does.
  page = emgen::sim::run_query(s.pointers(), parse_query("type=BackupJobSession"));
  EXPECT_EQ(page.items.size(), 4U);
  EXPECT_EQ(page.pages, 1U);
  page = emgen::sim::run_query({}, parse_query("pageSize=10"));
  EXPECT_EQ(page.pages, 1U);
  EXPECT_TRUE(page.items.empty());
}

TEST(Query, BadParametersReportTheirPlace) {
  struct Case {
    std::string query;
    std::size_t position;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"type=BackupJobSession&pageSize=0", 31, "pageSize must be a whole number greater than 0, not \"0\""},
      {"type=BackupJobSession&page=x", 27, "page must be"},
      {"pageSize=-1", 9, "not \"-1\""},
      {"sortAsc=Name&sortDesc=Name", 13, "one of sortAsc and sortDesc"},
      {"sortAsc=", 8, "must name a field"},
      {"format=Everything", 7, "Refs or Entities"},
      {"type=x&filter=Result%3D%3D%28", 14, "filter, column 9 of \"Result==(\""},
  };
  for (const Case& c : cases) {
    try {
      parse_query(c.query);
      ADD_FAILURE() << c.query << ": no error";
    } catch (const FilterError& error) {
      EXPECT_EQ(error.position(), c.position) << c.query << ": " << error.what();
      EXPECT_NE(std::string(error.what()).find(c.says), std::string::npos) << c.query << ": " << error.what();
    }
  }
  emgen::sim::Query query = parse_query("sortAsc=Nmae");
  try {
    emgen::sim::bind(query, session_type());
    ADD_FAILURE() << "sortAsc=Nmae: no error";
  } catch (const FilterError& error) {
    EXPECT_EQ(error.position(), 8U);
    EXPECT_NE(std::string(error.what()).find("did you mean Name?"), std::string::npos) << error.what();
  }
}

}  // namespace
