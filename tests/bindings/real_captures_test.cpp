// Response bodies captured from real EM servers (tests/real/, each with its row in tests/real/SOURCES.md), read
// by one rule rather than one test per file: the row names the document type; the file reads leniently as that
// type, in its own JSON casing and in the other one; and writing the value back loses nothing: every value the
// server sent is in the output, at the same place. That rule checks the item counts and every value of each
// capture, the unknown members kept included, without a value written here by hand.

#include <gtest/gtest.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <emgen/datetime.hpp>
#include <emgen/json_writer.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <pugixml.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "veeam/em/index.hpp"

namespace {

namespace fs = std::filesystem;

struct Capture {
  std::string file;
  std::string type;
};

void PrintTo(const Capture& capture, std::ostream* out) { *out << capture.file << " as " << capture.type; }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The rows of the table in SOURCES.md: | File | Root (XML element / JSON type) | ...; the type is the root's
// first word, without its backquotes (`QueryResult (JSON)`, `` `BackupFiles` ``).
std::vector<Capture> captures_listed(const fs::path& sources) {
  std::vector<Capture> rows;
  std::istringstream table(read_file(sources));
  const std::regex row(R"(^\|\s*([A-Za-z0-9_.]+\.(json|xml))\s*\|\s*`?([A-Za-z]+)`?)");
  for (std::string line; std::getline(table, line);) {
    std::smatch match;
    if (std::regex_search(line, match, row)) rows.push_back({match[1], match[3]});
  }
  return rows;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Values as sent and as written back may differ in form, not in value: a time's fraction digits
// (`22.7Z` and `22.700Z`), a UID's letter case, a number's spelling.
bool same_value(std::string_view sent, std::string_view written) {
  if (sent == written || same_ignoring_case(sent, written)) return true;
  const auto sent_time = emgen::parse_datetime(sent);
  const auto written_time = emgen::parse_datetime(written);
  return sent_time && written_time && *sent_time == *written_time;
}

// Leaves of a JSON value by path, with keys lower-cased (casings differ) and nulls left out (null is absent).
void json_leaves(simdjson::dom::element value, const std::string& path, std::map<std::string, std::string>& out) {
  switch (value.type()) {
    case simdjson::dom::element_type::OBJECT:
      for (auto [key, member] : value.get_object()) {
        std::string lower(key);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        json_leaves(member, path + "." + lower, out);
      }
      return;
    case simdjson::dom::element_type::ARRAY: {
      std::size_t index = 0;
      for (auto item : value.get_array()) json_leaves(item, path + "[" + std::to_string(index++) + "]", out);
      return;
    }
    case simdjson::dom::element_type::NULL_VALUE:
      return;
    case simdjson::dom::element_type::STRING:
      out[path] = std::string(std::string_view(value.get_string()));
      return;
    case simdjson::dom::element_type::BOOL:
      out[path] = bool(value.get_bool()) ? "true" : "false";
      return;
    default: {
      // Numbers by value: `5.0` and `5` are the same number.
      std::ostringstream number;
      number.precision(17);
      number << double(value.get_double());
      out[path] = number.str();
    }
  }
}

std::map<std::string, std::string> json_leaves_of(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  const simdjson::padded_string padded(text);
  if (const auto error = parser.parse(padded).get(root)) throw std::runtime_error(simdjson::error_message(error));
  std::map<std::string, std::string> leaves;
  json_leaves(root, "$", leaves);
  return leaves;
}

// Leaves of an XML element by path of local names, with the index of same-named siblings: attributes, and the
// text of elements that hold only text.
void xml_leaves(const pugi::xml_node& element, const std::string& path, std::map<std::string, std::string>& out) {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
    const std::string_view name = attribute.name();
    if (name == "xmlns" || name.starts_with("xmlns:") || name.starts_with("xsi:")) continue;
    out[path + "/@" + std::string(name)] = attribute.value();
  }
  std::map<std::string, std::size_t> seen;
  bool has_elements = false;
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) continue;
    has_elements = true;
    std::string name = child.name();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    xml_leaves(child, path + "/" + name + "[" + std::to_string(++seen[name]) + "]", out);
  }
  const std::string text = element.text().get();
  if (!has_elements && !text.empty()) out[path] = text;
}

std::map<std::string, std::string> xml_leaves_of(std::string_view text) {
  pugi::xml_document document;
  if (!document.load_buffer(text.data(), text.size())) throw std::runtime_error("not XML");
  std::map<std::string, std::string> leaves;
  xml_leaves(document.document_element(), "", leaves);
  return leaves;
}

// Every value sent is written back, at the same place; returns how many were compared.
std::size_t expect_nothing_lost(const std::map<std::string, std::string>& sent,
                                const std::map<std::string, std::string>& written, const std::string& what) {
  for (const auto& [path, value] : sent) {
    const auto found = written.find(path);
    if (found == written.end()) {
      ADD_FAILURE() << what << ": " << path << " (\"" << value << "\") was not written back";
      continue;
    }
    EXPECT_TRUE(same_value(value, found->second))
        << what << ": " << path << " was \"" << value << "\", written back as \"" << found->second << "\"";
  }
  return sent.size();
}

class RealCapture : public testing::TestWithParam<Capture> {};

TEST_P(RealCapture, ReadsLenientlyAndWritesBackEverythingTheServerSent) {
  const Capture& capture = GetParam();
  const veeam::em::DocumentType* type = veeam::em::find_document_type(capture.type);
  ASSERT_NE(type, nullptr) << capture.file << ": SOURCES.md names " << capture.type
                           << ", which is no document type of the schemas";
  const std::string text = read_file(fs::path(EMGEN_REAL_CAPTURES_DIR) / capture.file);
  emgen::ReadWarnings warnings;
  veeam::em::Conversion how;
  how.warnings = &warnings;
  if (capture.file.ends_with(".xml")) {
    const std::string written = type->xml_to_xml(text, how);
    EXPECT_GT(expect_nothing_lost(xml_leaves_of(text), xml_leaves_of(written), capture.file), 0u);
  } else {
    how.style = emgen::json::style_of(text).value_or(emgen::JsonStyle::pascal);
    const std::string written = type->json_to_json(text, how);
    EXPECT_GT(expect_nothing_lost(json_leaves_of(text), json_leaves_of(written), capture.file), 0u);
    // The other casing reads the same values: the capture written in the member names of the other style (EM
    // 13.x writes camelCase), read again, gives the same document.
    const auto other = how.style == emgen::JsonStyle::camel ? emgen::JsonStyle::pascal : emgen::JsonStyle::camel;
    emgen::ReadWarnings again_warnings;
    veeam::em::Conversion again{emgen::ReadMode::lenient, &again_warnings, other, false};
    const std::string recased = type->json_to_json(text, again);
    EXPECT_NE(recased, written) << "the other style wrote the same names";
    again.style = how.style;
    const std::string written_again = type->json_to_json(recased, again);
    expect_nothing_lost(json_leaves_of(written), json_leaves_of(written_again), capture.file + " in the other style");
  }
  // What the schemas do not describe is said, never hidden; a missing or null required value is a warning.
  for (const emgen::ReadWarning& warning : warnings) {
    EXPECT_FALSE(warning.message.empty());
    EXPECT_FALSE(warning.path.empty()) << warning.to_string();
  }
}

std::string test_name(const testing::TestParamInfo<Capture>& info) {
  std::string name = info.param.file;
  std::replace_if(
      name.begin(), name.end(), [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(SourcesMd, RealCapture,
                         testing::ValuesIn(captures_listed(fs::path(EMGEN_REAL_CAPTURES_DIR) / "SOURCES.md")),
                         test_name);

TEST(RealCaptures, EveryFileOfTheFolderHasItsRow) {
  const auto rows = captures_listed(fs::path(EMGEN_REAL_CAPTURES_DIR) / "SOURCES.md");
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(EMGEN_REAL_CAPTURES_DIR)) {
    if (entry.path().filename() == "SOURCES.md") continue;
    ++files;
    EXPECT_TRUE(std::any_of(rows.begin(), rows.end(),
                            [&](const Capture& row) { return row.file == entry.path().filename().string(); }))
        << entry.path().filename() << " has no row in SOURCES.md";
  }
  EXPECT_EQ(rows.size(), files);
  EXPECT_GE(files, 6u);
}

}  // namespace
