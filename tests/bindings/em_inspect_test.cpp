// The em-inspect command line: exit codes, output and messages. em-inspect is `emgen inspect` with --schemas
// defaulting to EM's schemas; these hold it to what it has always printed for them. Runs the built binary
// (EM_INSPECT) through /bin/sh, with stdout and stderr captured in files of a per-test temporary directory.
// Broken payloads are made here, in that directory, from the documented examples (which are never edited).

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "veeam/em/index.hpp"

#ifndef EM_INSPECT
#error "Compile with EM_INSPECT defined as the path of the em-inspect binary."
#endif
#ifndef EMGEN_EXAMPLES_DIR
#error "Compile with EMGEN_EXAMPLES_DIR defined as the schemas/examples directory."
#endif

namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string example_path(const std::string& name) { return std::string(EMGEN_EXAMPLES_DIR) + "/" + name; }

// Single-quoted for /bin/sh.
std::string shell_quote(std::string_view word) {
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
  return out;
}

std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  const std::size_t count = count_of(text, from);
  if (count != 1) {
    ADD_FAILURE() << "replace_once: \"" << from << "\" occurs " << count << " times";
    return text;
  }
  text.replace(text.find(from), from.size(), to);
  return text;
}

// 1-based line:column (bytes) of a byte offset, counted here.
std::string position_at(std::string_view text, std::size_t offset) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

// Position of the name of the element whose start tag is the only occurrence of start_tag (the byte after `<`).
std::string element_position(std::string_view text, std::string_view start_tag) {
  EXPECT_EQ(count_of(text, start_tag), 1u) << start_tag;
  return position_at(text, text.find(start_tag) + 1);
}

// The text of the JSON value (object or array) that starts at open, a `{` or `[`; strings are skipped whole.
std::string_view json_value_at(std::string_view json, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = open; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return json.substr(open, i - open + 1);
    }
  }
  ADD_FAILURE() << "unbalanced JSON from offset " << open;
  return {};
}

// Objects directly inside the array text `[...]`.
int objects_in_array(std::string_view array) {
  int depth = 0, objects = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < array.size(); ++i) {
    const char c = array[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (c == '{' && depth == 1) ++objects;
      ++depth;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return objects;
}

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class EmInspect : public testing::Test {
 protected:
  void SetUp() override {
    const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() / ("em_inspect_test_" + std::string(info->test_suite_name()) + "_" + info->name() +
                                        "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // Writes a payload made in the test into the temporary directory and returns its path.
  std::string write_payload(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream out(path, std::ios::binary);
    out << text;
    out.close();
    EXPECT_TRUE(out) << path;
    return path.string();
  }

  Result run(const std::vector<std::string>& args) { return run_program(EM_INSPECT, args); }

  Result run_program(const std::string& program, const std::vector<std::string>& args) {
    const fs::path out = dir_ / "stdout.txt";
    const fs::path err = dir_ / "stderr.txt";
    std::string command = shell_quote(program);
    for (const std::string& arg : args) command += " " + shell_quote(arg);
    command += " </dev/null >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
    const int status = std::system(command.c_str());
    Result result;
    if (status != -1 && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    result.out = read_file(out);
    result.err = read_file(err);
    return result;
  }

  fs::path dir_;
};

TEST_F(EmInspect, ListsTheDocumentTypes) {
  const Result r = run({"--list"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  for (const std::string name : {"BackupJobSession", "SystemSession", "SystemSessions", "EntityRef"}) {
    EXPECT_EQ(count_of("\n" + r.out, "\n" + name + "\t<" + name + ">\n"), 1u) << name << " in\n" << r.out;
  }
}

TEST_F(EmInspect, BackupJobSessionAsJson) {
  const Result r = run({"BackupJobSession", example_path("BackupJobSession_doc13.xml")});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(count_of(r.out, "\"State\": \"Stopped\""), 1u) << r.out;
  EXPECT_EQ(count_of(r.out, "\"Progress\": 100"), 1u) << r.out;
  EXPECT_EQ(count_of(r.out, "\"CreationTimeUTC\": \"2025-09-24T20:00:09.607Z\""), 1u) << r.out;
  const std::size_t links = r.out.find("\"Links\": [");
  ASSERT_NE(links, std::string::npos) << r.out;
  const std::string_view array = json_value_at(r.out, r.out.find('[', links));
  EXPECT_EQ(objects_in_array(array), 6) << array;
  EXPECT_EQ(count_of(array, "\"Rel\": "), 6u) << array;
  ASSERT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.front(), '{');
  EXPECT_EQ(r.out.substr(r.out.size() - 2), "}\n");
}

TEST_F(EmInspect, SystemSessionResultIsNested) {
  const Result r = run({"SystemSession", example_path("SystemSession_doc.xml")});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.err, "");
  const std::size_t result = r.out.find("\"Result\": {");
  ASSERT_NE(result, std::string::npos) << r.out;
  const std::string_view object = json_value_at(r.out, r.out.find('{', result));
  EXPECT_EQ(count_of(object, "\"Result\": \"CompletedSuccessfully\""), 1u) << object;
  EXPECT_EQ(count_of(object, "\"Message\": \"\""), 1u) << object;
  // Only there: the inner Result is not also at the top level.
  EXPECT_EQ(count_of(r.out, "\"Result\": \"CompletedSuccessfully\""), 1u) << r.out;
}

TEST_F(EmInspect, StrictAcceptsEveryDocumentedExample) {
  // The types em-inspect knows, from --list, with their root elements: every example in schemas/examples is of
  // one of them, and its root is that type's element.
  const Result list = run({"--list"});
  ASSERT_EQ(list.exit_code, 0);
  std::map<std::string, std::string> element_of;
  std::istringstream lines(list.out);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    element_of[line.substr(0, tab)] = line.substr(tab + 1);
  }

  std::vector<std::string> checked;
  std::vector<std::string> args{"--strict", "auto"};
  for (const fs::directory_entry& entry : fs::directory_iterator(EMGEN_EXAMPLES_DIR)) {
    if (entry.path().extension() != ".xml") continue;
    // The file name starts with the document type: BackupJobSession_doc13.xml.
    const std::string stem = entry.path().stem().string();
    const std::string type = stem.substr(0, stem.find('_'));
    const auto known = element_of.find(type);
    if (known == element_of.end()) {
      ADD_FAILURE() << entry.path() << ": em-inspect does not know its type " << type;
      continue;
    }
    // `auto` reads a file as the one type whose element is its root (and refuses a root two types share): with
    // the root checked to be this type's element, one run reads every example strictly as the type it is named
    // after, instead of a program start per file.
    const std::string text = read_file(entry.path().string());
    std::size_t open = text.find('<');
    while (open != std::string::npos && open + 1 < text.size() && (text[open + 1] == '?' || text[open + 1] == '!'))
      open = text.find('<', open + 1);
    ASSERT_NE(open, std::string::npos) << entry.path();
    const std::size_t name_end = text.find_first_of(" \t\r\n/>", open + 1);
    EXPECT_EQ("<" + text.substr(open + 1, name_end - open - 1) + ">", known->second) << entry.path();
    args.push_back(entry.path().string());
    checked.push_back(entry.path().filename().string());
  }
  const Result r = run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  // One JSON document per file, in order, each a top-level object.
  EXPECT_EQ(r.out.substr(0, 2), "{\n");
  EXPECT_EQ(count_of(r.out, "\n}\n{\n") + 1, checked.size()) << r.out.substr(0, 2000);
  for (const std::string name :
       {"BackupJobSession_doc13.xml", "BackupJobSession_doc2014.xml", "SystemSession_doc.xml",
        "SystemSession_seed002.xml", "SystemSessions_doc.xml", "BackupTaskSession_backuptasksessions_id.xml",
        "QueryResult_BackupTaskSession_Entities_made.xml"}) {
    EXPECT_NE(std::find(checked.begin(), checked.end(), name), checked.end()) << name << " was not checked";
  }
}

TEST_F(EmInspect, BrokenPayloadIsLocated) {
  // Made here: Progress is not a number.
  const std::string text = replace_once(read_file(example_path("BackupJobSession_doc13.xml")),
                                        "<Progress>100</Progress>", "<Progress>abc</Progress>");
  const std::string file = write_payload("broken.xml", text);
  const std::string at = element_position(text, "<Progress>");
  EXPECT_EQ(at, "17:2");
  for (const bool strict : {false, true}) {
    std::vector<std::string> args = {"BackupJobSession", file};
    if (strict) args.insert(args.begin(), "--strict");
    const Result r = run(args);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, file + ":" + at + ": /BackupJobSession/Progress: \"abc\" is not an Int\n");
  }
}

TEST_F(EmInspect, MalformedPayloadIsLocated) {
  // Made here: <State> never closed; the root's end tag (line 18) is where pugixml notices.
  const std::string text =
      replace_once(read_file(example_path("BackupJobSession_doc13.xml")), "<State>Stopped</State>", "<State>Stopped");
  const std::string file = write_payload("malformed.xml", text);
  // The end tag's name, after `</`.
  const std::string at = position_at(text, text.find("</BackupJobSession>") + 2);
  EXPECT_EQ(at, "18:28");
  const Result r = run({"BackupJobSession", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, file + ":" + at + ": /: malformed XML: Start-end tags mismatch\n");
}

TEST_F(EmInspect, EmptyFile) {
  const std::string file = write_payload("empty.xml", "");
  const Result r = run({"BackupJobSession", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, file + ":1:1: /: no root element\n");
}

TEST_F(EmInspect, WrongDocumentType) {
  const std::string file = example_path("SystemSession_doc.xml");
  const Result r = run({"BackupJobSession", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, file + ":1:2: /SystemSession: expected root element <BackupJobSession>, found <SystemSession>\n");
}

TEST_F(EmInspect, UnknownTypeListsTheKnownOnes) {
  const Result r = run({"NoSuchType", example_path("BackupJobSession_doc13.xml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("em-inspect: no type 'NoSuchType' in the schema set; document types:", 0), 0u) << r.err;
  for (const std::string name : {"BackupJobSession", "SystemSession", "SystemSessions", "EntityRef"})
    EXPECT_EQ(count_of(r.err, " " + name + " ") + count_of(r.err, " " + name + "\n"), 1u) << name << " in " << r.err;
}

TEST_F(EmInspect, HelpShowsTheUsageOfThisProgram) {
  const Result r = run({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.find("Usage: inspect"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Usage: em-inspect [OPTIONS] [TYPE] [FILE...]"), std::string::npos) << r.out;
}

TEST_F(EmInspect, MissingFileArgument) {
  const Result r = run({"BackupJobSession"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("em-inspect: give TYPE and FILE, --recorded DIR, --list or --list-areas\n", 0), 0u) << r.err;
}

TEST_F(EmInspect, NoArguments) {
  const Result r = run({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("give TYPE and FILE"), std::string::npos) << r.err;
}

TEST_F(EmInspect, NonexistentFile) {
  const std::string missing = (dir_ / "does-not-exist.xml").string();
  const Result r = run({"BackupJobSession", missing});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;
}

TEST_F(EmInspect, UnknownOption) {
  const Result r = run({"--bogus", "BackupJobSession", example_path("BackupJobSession_doc13.xml")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("--bogus"), std::string::npos) << r.err;
}

TEST_F(EmInspect, StrictRefusesAnUnlistedEnumValue) {
  // Made here: a State the schema does not list.
  const std::string text = replace_once(read_file(example_path("BackupJobSession_doc13.xml")), "<State>Stopped</State>",
                                        "<State>Postprocessing</State>");
  const std::string file = write_payload("unlisted.xml", text);
  const std::string at = element_position(text, "<State>");
  EXPECT_EQ(at, "15:2");
  const Result r = run({"--strict", "BackupJobSession", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            file + ":" + at + ": /BackupJobSession/State: \"Postprocessing\" is not a BackupJobSessionState value\n");
}

TEST_F(EmInspect, LenientKeepsAnUnlistedEnumValue) {
  const std::string text = replace_once(read_file(example_path("BackupJobSession_doc13.xml")), "<State>Stopped</State>",
                                        "<State>Postprocessing</State>");
  const std::string file = write_payload("unlisted.xml", text);
  const Result r = run({"BackupJobSession", file});
  EXPECT_EQ(r.exit_code, 0);
  // Kept, and said so: a warning at the element, and a count.
  EXPECT_EQ(r.err,
            file + ":" + element_position(text, "<State>") +
                ": /BackupJobSession/State: kept \"Postprocessing\", which is not a BackupJobSessionState value\n"
                "em-inspect: " +
                file + ": 1 warning (read leniently; --strict makes them errors)\n");
  EXPECT_EQ(count_of(r.out, "\"State\": \"Postprocessing\""), 1u) << r.out;
}

TEST_F(EmInspect, LenientWarnsAboutEachSkippedMemberAndStrictRefusesThem) {
  // Made here: the camelCase QueryResult example with members this version of the schemas does not know, as
  // a newer server adds them (at the root, and an entity list of another kind).
  const std::string text = replace_once(read_file(example_path("QueryResult_BackupJobSession_Entities_v13_made.json")),
                                        R"({"refs":null,"entities":{)",
                                        R"({"refs":null,"extra":{"a":1},"entities":{"vlanConfigurations":null,)");
  const std::string file = write_payload("v13-newer.json", text);
  const Result lenient = run({"QueryResult", file});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_EQ(lenient.err, file + ":1:14: $: kept unknown member \"extra\"\n" + file +
                             ":1:42: $.entities: kept unknown member \"vlanConfigurations\" (null)\n"
                             "em-inspect: " +
                             file + ": 2 warnings (read leniently; --strict makes them errors)\n");
  // The values are all there, written in EM's PascalCase by default.
  EXPECT_EQ(count_of(lenient.out, "\"JobUid\""), 2u) << lenient.out;

  const Result strict = run({"--strict", "QueryResult", file});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_EQ(strict.out, "");
  EXPECT_EQ(strict.err, file + ":1:14: $: unknown member \"extra\"\n");
}

TEST_F(EmInspect, ADocumentOfOnlyUnknownMembersIsAnotherDocument) {
  // Made here: part of a BackupFile given where an Error is expected. Every member of Error is optional, so it
  // would read as an empty Error: it is refused as another document (exit 1), after the members it did not know.
  const std::string file = write_payload("wrong-type.json", R"({"filePath": "x", "fileType": "vbk"})");
  const Result r = run({"Error", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(file + R"(:1:2: $: kept unknown member "filePath")"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(file + ":1:1: $: the document is not an Error: none of its 2 members is known to Error"),
            std::string::npos)
      << r.err;
}

TEST_F(EmInspect, WritesCamelCaseOnRequest) {
  const Result r = run({"--json-style", "camel", "EnterpriseManager", example_path("EnterpriseManager_doc13.xml")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(count_of(r.out, R"("supportedVersions": {)"), 1u) << r.out;
  EXPECT_EQ(count_of(r.out, R"("SupportedVersions")"), 0u) << r.out;
  const Result bad = run({"--json-style", "snake", "EnterpriseManager", example_path("EnterpriseManager_doc13.xml")});
  EXPECT_EQ(bad.exit_code, 2);
}

TEST_F(EmInspect, InvalidUtf8IsALocatedMismatch) {
  // Made here: invalid UTF-8 in JobName. The XML reader refuses it where it stands, and em-inspect reports
  // that as a mismatch (exit 1) with the file, line and column.
  const std::string text = replace_once(read_file(example_path("BackupJobSession_doc13.xml")),
                                        "<JobName>Backup Job 3</JobName>", "<JobName>Backup \xC3( Job</JobName>");
  const std::string file = write_payload("bad-utf8.xml", text);
  const Result r = run({"BackupJobSession", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, file + ":11:17: /: malformed XML: invalid UTF-8\n") << r.err;
}

TEST_F(EmInspect, FailOnWarningMakesALenientReadWithWarningsExitOne) {
  const std::string text = replace_once(read_file(example_path("BackupJobSession_doc13.xml")), "<State>Stopped</State>",
                                        "<State>Stopped</State><Platform>VMware</Platform>");
  const std::string file = write_payload("newer.xml", text);
  const Result lenient = run({"BackupJobSession", file});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("kept unknown element <Platform>"), std::string::npos) << lenient.err;
  EXPECT_NE(lenient.err.find("em-inspect: " + file + ": 1 warning"), std::string::npos) << lenient.err;
  const Result failing = run({"--fail-on-warning", "BackupJobSession", file});
  EXPECT_EQ(failing.exit_code, 1);
  EXPECT_EQ(failing.err, lenient.err);
  EXPECT_EQ(failing.out, lenient.out);
  // Without a warning, the flag changes nothing.
  EXPECT_EQ(run({"--fail-on-warning", "BackupJobSession", example_path("BackupJobSession_doc13.xml")}).exit_code, 0);
}

// The fuzz corpora number their seeds by the index of a type in veeam::em::document_types(), which
// tests/fuzz/make_corpus.sh reads from em-inspect --list: both list the same types in the same order.
TEST_F(EmInspect, ListsTheDocumentTypesInTheOrderOfTheGeneratedIndex) {
  const Result list = run({"--list"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  std::string expected;
  for (const veeam::em::DocumentType& type : veeam::em::document_types())
    expected += std::string(type.name) + "\t<" + std::string(type.element) + ">\n";
  EXPECT_EQ(list.out, expected);
}

// The alias prints what `emgen inspect --schemas <EM's schemas>` prints, and takes its options: another schema
// set, with EM's imported.
TEST_F(EmInspect, IsEmgenInspectOverEmsSchemas) {
  const std::string payload = example_path("BackupJobSession_doc13.xml");
  const Result alias = run({"BackupJobSession", payload});
  const Result emgen = run_program(EMGEN_EXE, {"inspect", "--schemas", EMGEN_SCHEMAS_DIR, "BackupJobSession", payload});
  EXPECT_EQ(alias.exit_code, 0);
  EXPECT_EQ(emgen.exit_code, 0);
  EXPECT_EQ(alias.out, emgen.out);
  const std::string computer =
      std::string(EMGEN_CONSUMER_SCHEMAS_DIR) + "/examples/DiscoveredComputer_agents_discoveredcomputers_id.xml";
  const Result other = run({"--schemas", EMGEN_CONSUMER_SCHEMAS_DIR, "--import", EMGEN_SCHEMAS_DIR, "--strict",
                            "DiscoveredComputer", computer});
  EXPECT_EQ(other.exit_code, 0) << other.err;
  EXPECT_NE(other.out.find("\"AgentVersion\": \"5.0.0.4301\""), std::string::npos) << other.out;
}

}  // namespace
