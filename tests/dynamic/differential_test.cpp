// The generated bindings and emgen::dynamic read one corpus and must agree on every payload: the value, the
// warnings (text, path, line, column) and the error (what()); see differential.hpp.
//
// The corpus: every `examples:` payload of schemas/ (strict and lenient, as its own type), every real server
// capture in the reference material (never edited), the made-here JSON twins of tests/json/made_here, the fuzz
// seeds and regressions of fuzz_xml and fuzz_json, each of these files read as every document type; and
// variants of the documented examples made here, each with one thing changed, to reach every rule of the wire
// format: unknown, duplicate, missing, renamed (other casing, alias) and reordered parts, nil and null, stray
// text, scalars outside their grammars, quoted numbers, both JSON forms of a wrapped list.

#include "differential.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_document.hpp"

#if !defined(EMGEN_SCHEMA_DIR) || !defined(EMGEN_MADE_HERE_DIR) || !defined(EMGEN_FUZZ_DIR)
#error "Compile with EMGEN_SCHEMA_DIR, EMGEN_MADE_HERE_DIR and EMGEN_FUZZ_DIR defined."
#endif

namespace {

namespace fs = std::filesystem;
using emgen::JsonStyle;
using emgen::ReadMode;
using emgen::differential::Format;
using emgen::differential::Reading;

const emgen::gen::ir::Model& schemas() { return emgen::differential::schema_set(EMGEN_SCHEMA_DIR); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> files_in(const fs::path& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory))
    if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

Format format_of(const fs::path& path) { return path.extension() == ".json" ? Format::json : Format::xml; }

/// Runs readings and keeps what they showed: how many, how many each outcome, and the disagreements.
class Tally {
 public:
  void read(const Reading& reading) {
    ++readings_;
    emgen::differential::Outcome outcome;
    if (const auto different = emgen::differential::disagreement(schemas(), reading, &outcome)) {
      if (disagreements_.size() < 10) disagreements_.push_back(*different + "\n  payload: " + excerpt(reading.payload));
      ++disagreeing_;
      return;
    }
    if (outcome.json) ++read_;
    if (!outcome.error.empty()) ++refused_;
    if (!outcome.warnings.empty()) ++warned_;
  }

  /// The reading varies in style and layout from one call to the next, so that each corpus covers both.
  void read_varied(const veeam::em::DocumentType& type, Format format, ReadMode mode, std::string_view payload) {
    Reading reading;
    reading.type = &type;
    reading.format = format;
    reading.mode = mode;
    reading.style = readings_ % 2 == 0 ? JsonStyle::pascal : JsonStyle::camel;
    reading.pretty = readings_ % 3 == 0;
    reading.payload = payload;
    read(reading);
  }

  void read_both_modes(const veeam::em::DocumentType& type, Format format, std::string_view payload) {
    read_varied(type, format, ReadMode::lenient, payload);
    read_varied(type, format, ReadMode::strict, payload);
  }

  /// Every document type, in both modes.
  void read_as_every_type(Format format, std::string_view payload) {
    for (const veeam::em::DocumentType& type : veeam::em::document_types()) read_both_modes(type, format, payload);
  }

  /// refusals_and_warnings: whether the corpus is meant to reach refusals and warnings too (the documented
  /// examples, read as their own type, are meant to read cleanly).
  void expect_agreement_and_coverage(std::size_t least_readings, bool refusals_and_warnings = true) const {
    EXPECT_EQ(disagreeing_, 0u) << "first disagreements:\n"
                                << [&] {
                                     std::string text;
                                     for (const std::string& disagreement : disagreements_) text += disagreement + "\n";
                                     return text;
                                   }();
    // The corpus reached what it is meant to: values, refusals and warnings, in numbers.
    EXPECT_GE(readings_, least_readings);
    EXPECT_GT(read_, 0u);
    if (refusals_and_warnings) {
      EXPECT_GT(refused_, 0u);
      EXPECT_GT(warned_, 0u);
    }
    std::cout << readings_ << " readings: " << read_ << " read, " << refused_ << " refused, " << warned_
              << " with warnings, " << disagreeing_ << " disagreeing\n";
  }

 private:
  static std::string excerpt(std::string_view payload) {
    return std::string(payload.substr(0, 600)) + (payload.size() > 600 ? "..." : "");
  }

  std::size_t readings_ = 0;
  std::size_t read_ = 0;
  std::size_t refused_ = 0;
  std::size_t warned_ = 0;
  std::size_t disagreeing_ = 0;
  std::vector<std::string> disagreements_;
};

const veeam::em::DocumentType& document_type(const std::string& name) {
  const veeam::em::DocumentType* type = veeam::em::find_document_type(name);
  if (type == nullptr) throw std::runtime_error("no generated document type " + name);
  return *type;
}

struct Example {
  const veeam::em::DocumentType* type;
  Format format;
  std::string text;
};

const std::vector<Example>& documented_examples() {
  static const std::vector<Example> examples = [] {
    std::vector<Example> loaded;
    for (const emgen::gen::ir::Type& type : schemas().types)
      for (const emgen::gen::ir::Example& example : type.examples)
        loaded.push_back(Example{&document_type(type.name),
                                 example.format == emgen::gen::ir::Example::Format::json ? Format::json : Format::xml,
                                 read_file(fs::path(EMGEN_SCHEMA_DIR) / example.file)});
    return loaded;
  }();
  return examples;
}

TEST(Differential, DocumentedExamplesAsTheirTypeInBothModes) {
  Tally tally;
  for (const Example& example : documented_examples()) {
    // Both styles and layouts for each: the examples are where values are richest.
    for (const JsonStyle style : {JsonStyle::pascal, JsonStyle::camel})
      for (const ReadMode mode : {ReadMode::lenient, ReadMode::strict})
        tally.read(Reading{example.type, example.format, mode, style, style == JsonStyle::camel, example.text});
  }
  tally.expect_agreement_and_coverage(4 * 150, false);
}

TEST(Differential, CorpusFilesAsEveryDocumentType) {
  std::vector<fs::path> files = files_in(fs::path(EMGEN_SCHEMA_DIR) / "examples");
#ifdef EMGEN_REAL_PAYLOADS_DIR
  for (const fs::path& real : files_in(EMGEN_REAL_PAYLOADS_DIR))
    if (real.extension() == ".xml" || real.extension() == ".json") files.push_back(real);
#endif
  for (const fs::path& twin : files_in(EMGEN_MADE_HERE_DIR))
    if (twin.extension() == ".json") files.push_back(twin);
  Tally tally;
  for (const fs::path& file : files) {
    const std::string text = read_file(file);
    tally.read_as_every_type(format_of(file), text);
  }
  tally.expect_agreement_and_coverage(150 * 100 * 2);
}

#ifdef EMGEN_REAL_PAYLOADS_DIR
// Built when the build is given real responses (EMGEN_REAL_PAYLOADS_DIR, tests/dynamic/CMakeLists.txt).
TEST(Differential, RealServerCapturesLeniently) {
  Tally tally;
  std::size_t captures = 0;
  for (const fs::path& real : files_in(EMGEN_REAL_PAYLOADS_DIR)) {
    if (real.extension() != ".xml" && real.extension() != ".json") continue;
    ++captures;
    const std::string text = read_file(real);
    for (const veeam::em::DocumentType& type : veeam::em::document_types())
      for (const JsonStyle style : {JsonStyle::pascal, JsonStyle::camel})
        tally.read(Reading{&type, format_of(real), ReadMode::lenient, style, false, text});
  }
  EXPECT_GT(captures, 0u);
  tally.expect_agreement_and_coverage(captures * 100 * 2);
}
#endif

// Those of fuzz_xml and fuzz_json, in both modes; those of fuzz_dynamic, as XML and as JSON.
TEST(Differential, FuzzSeedsAndRegressions) {
  Tally tally;
  std::size_t inputs = 0;
  for (const auto& [target, format] : {std::pair{"fuzz_xml", Format::xml}, std::pair{"fuzz_json", Format::json}}) {
    for (const char* kind : {"corpus", "regressions"}) {
      const fs::path directory = fs::path(EMGEN_FUZZ_DIR) / kind / target;
      if (!fs::exists(directory)) continue;
      for (const fs::path& file : files_in(directory)) {
        const std::string bytes = read_file(file);
        const auto input =
            emgen::fuzz::document_input(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        if (input.type == nullptr) continue;
        ++inputs;
        tally.read(Reading{input.type, format, input.mode, input.style, input.pretty, input.payload});
        // The other mode too: a seed is written for one.
        tally.read(Reading{input.type, format, input.mode == ReadMode::strict ? ReadMode::lenient : ReadMode::strict,
                           input.style, input.pretty, input.payload});
      }
    }
  }
  // fuzz_dynamic's own: each read as XML and as JSON.
  for (const char* kind : {"corpus", "regressions"}) {
    for (const fs::path& file : files_in(fs::path(EMGEN_FUZZ_DIR) / kind / "fuzz_dynamic")) {
      const std::string bytes = read_file(file);
      std::optional<Reading> reading = emgen::differential::fuzz_reading(bytes);
      if (!reading) continue;
      ++inputs;
      for (const Format format : {Format::xml, Format::json}) {
        reading->format = format;
        tally.read(*reading);
      }
    }
  }
  EXPECT_GE(inputs, 50u + 500u);
  tally.expect_agreement_and_coverage(2 * 50 + 2 * 500);
}

// ---- Variants made here -------------------------------------------------------------------------------------

std::string replaced(std::string_view text, std::size_t begin, std::size_t end, std::string_view with) {
  return std::string(text.substr(0, begin)) + std::string(with) + std::string(text.substr(end));
}

std::string to_text(const pugi::xml_document& document) {
  std::ostringstream out;
  document.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

/// The element at position index in document order (the root is 0).
pugi::xml_node nth_element(pugi::xml_document& document, std::size_t index) {
  std::size_t at = 0;
  pugi::xml_node found;
  std::function<bool(pugi::xml_node)> visit = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_element && at++ == index) {
      found = node;
      return true;
    }
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
      if (visit(child)) return true;
    return false;
  };
  visit(document);
  return found;
}

bool has_child_elements(const pugi::xml_node& node) {
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
    if (child.type() == pugi::node_element) return true;
  return false;
}

/// Scalar texts outside and at the edges of the scalars' grammars.
constexpr const char* kOddTexts[] = {"",
                                     " 42 ",
                                     "abc",
                                     "99999999999",
                                     "-1.5e3",
                                     "TRUE",
                                     "1",
                                     "2023-02-30T00:00:00Z",
                                     "2023-01-27T17:05:52.0698371+02:00",
                                     "urn:veeam:Kind:1"};

/// Variants of an XML document, each with one element changed (the first 40 elements).
std::vector<std::string> xml_variants(const std::string& text) {
  std::vector<std::string> variants;
  pugi::xml_document original;
  if (!original.load_buffer(text.data(), text.size())) return variants;
  using Change = std::function<bool(pugi::xml_node)>;
  std::vector<Change> changes = {
      [](pugi::xml_node node) {
        return node.parent().type() == pugi::node_element && node.parent().remove_child(node);
      },
      [](pugi::xml_node node) {
        return node.parent().type() == pugi::node_element && node.parent().insert_copy_after(node, node);
      },
      [](pugi::xml_node node) { return node.set_name((std::string("Unknown") + node.name()).c_str()); },
      [](pugi::xml_node node) {
        std::string name = node.name();
        name[0] = static_cast<char>(name[0] >= 'A' && name[0] <= 'Z' ? name[0] - 'A' + 'a' : name[0] - 'a' + 'A');
        return node.set_name(name.c_str());
      },
      [](pugi::xml_node node) {
        while (node.first_child()) node.remove_child(node.first_child());
        return static_cast<bool>(node.append_attribute("xsi:nil").set_value("true"));
      },
      [](pugi::xml_node node) { return node.append_attribute("xsi:nil").set_value("false"); },
      // Emptied: every required attribute and element missing at once, so which is reported first shows.
      [](pugi::xml_node node) {
        while (node.first_child()) node.remove_child(node.first_child());
        for (pugi::xml_attribute attribute = node.first_attribute(); attribute;) {
          const pugi::xml_attribute next = attribute.next_attribute();
          if (!std::string_view(attribute.name()).starts_with("xmlns")) node.remove_attribute(attribute);
          attribute = next;
        }
        return true;
      },
      [](pugi::xml_node node) { return node.append_attribute("Extra").set_value("1"); },
      [](pugi::xml_node node) {
        return has_child_elements(node) && node.prepend_child(pugi::node_pcdata).set_value("stray");
      },
      [](pugi::xml_node node) {
        return has_child_elements(node) && node.append_child(pugi::node_cdata).set_value(" ");
      },
      [](pugi::xml_node node) {
        pugi::xml_node first = node.first_child();
        return first && first.next_sibling() && node.append_move(first);
      },
      [](pugi::xml_node node) {
        pugi::xml_attribute attribute = node.first_attribute();
        while (attribute && std::string_view(attribute.name()).starts_with("xmlns"))
          attribute = attribute.next_attribute();
        return attribute && node.remove_attribute(attribute);
      },
      [](pugi::xml_node node) {
        pugi::xml_attribute attribute = node.first_attribute();
        while (attribute && std::string_view(attribute.name()).starts_with("xmlns"))
          attribute = attribute.next_attribute();
        return attribute && attribute.set_value("abc");
      },
      [](pugi::xml_node node) {
        pugi::xml_attribute attribute = node.first_attribute();
        while (attribute && std::string_view(attribute.name()).starts_with("xmlns"))
          attribute = attribute.next_attribute();
        return attribute && node.append_copy(attribute);
      },
  };
  for (const char* odd : kOddTexts)
    changes.push_back([odd](pugi::xml_node node) { return !has_child_elements(node) && node.text().set(odd); });
  // Text split by a comment and a CDATA section, which a scalar reads joined.
  changes.push_back([](pugi::xml_node node) {
    if (has_child_elements(node) || !node.first_child()) return false;
    const std::string text = node.text().get();
    while (node.first_child()) node.remove_child(node.first_child());
    node.append_child(pugi::node_pcdata).set_value(text.substr(0, text.size() / 2).c_str());
    node.append_child(pugi::node_comment).set_value(" split ");
    return node.append_child(pugi::node_cdata).set_value(text.substr(text.size() / 2).c_str());
  });
  // A namespace prefix on the element, which names match without.
  changes.push_back([](pugi::xml_node node) { return node.set_name((std::string("em:") + node.name()).c_str()); });
  // Whole documents: half of one, what XML does not allow around the root, a byte that is not UTF-8.
  const std::size_t root_end = text.rfind('>');
  variants.push_back(text.substr(0, text.size() / 2));
  variants.push_back(text + "<Second/>");
  variants.push_back(text + "after");
  variants.push_back("<!DOCTYPE x [<!ENTITY e \"e\">]>" +
                     text.substr(text.find("?>") == std::string::npos ? 0 : text.find("?>") + 2));
  if (root_end != std::string::npos) variants.push_back(replaced(text, root_end - 1, root_end - 1, "\xC3\x28"));
  variants.push_back("\xEF\xBB\xBF" + text);
  // The first 40 elements, and the first that holds both attributes and text (a text field's, such as
  // <Day Name="Sunday">1,1,...</Day>), which documents hold past their first 40 elements.
  std::vector<std::size_t> indexes;
  for (std::size_t index = 0; index < 40; ++index) indexes.push_back(index);
  std::size_t at = 0;
  std::function<bool(pugi::xml_node)> find_text_beside_attributes = [&](pugi::xml_node node) {
    if (node.type() == pugi::node_element) {
      if (at >= 40 && node.first_attribute() && !has_child_elements(node) && *node.text().get() != '\0') {
        indexes.push_back(at);
        return true;
      }
      ++at;
    }
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling())
      if (find_text_beside_attributes(child)) return true;
    return false;
  };
  find_text_beside_attributes(original);
  for (const std::size_t index : indexes) {
    {
      pugi::xml_document probe;
      probe.reset(original);
      if (!nth_element(probe, index)) break;
    }
    for (const Change& change : changes) {
      pugi::xml_document document;
      document.reset(original);
      if (change(nth_element(document, index))) variants.push_back(to_text(document));
    }
  }
  return variants;
}

/// One `"key": value` of a JSON text, found by a scan that knows strings and brackets, enough for made-here
/// variants of well-formed documents.
struct JsonMember {
  std::size_t key_begin;
  std::size_t key_end;
  std::size_t value_begin;
  std::size_t value_end;
};

std::size_t string_end(std::string_view text, std::size_t at) {
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return text.size();
}

std::size_t value_end(std::string_view text, std::size_t at) {
  if (at >= text.size()) return at;
  if (text[at] == '"') return string_end(text, at);
  if (text[at] == '{' || text[at] == '[') {
    std::size_t depth = 0;
    for (std::size_t i = at; i < text.size(); ++i) {
      if (text[i] == '"') {
        i = string_end(text, i) - 1;
      } else if (text[i] == '{' || text[i] == '[') {
        ++depth;
      } else if ((text[i] == '}' || text[i] == ']') && --depth == 0) {
        return i + 1;
      }
    }
    return text.size();
  }
  const std::size_t end = text.find_first_of(",}] \t\r\n", at);
  return end == std::string_view::npos ? text.size() : end;
}

std::vector<JsonMember> json_members(std::string_view text) {
  std::vector<JsonMember> members;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '"') continue;
    const std::size_t end = string_end(text, i);
    std::size_t colon = text.find_first_not_of(" \t\r\n", end);
    if (colon != std::string_view::npos && text[colon] == ':') {
      const std::size_t value = text.find_first_not_of(" \t\r\n", colon + 1);
      if (value != std::string_view::npos) members.push_back(JsonMember{i, end, value, value_end(text, value)});
    }
    i = end - 1;
  }
  return members;
}

char flipped_case(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  return c;
}

/// Variants of a JSON document, each with one member changed (the first 40 members), and a few of the whole.
std::vector<std::string> json_variants(const std::string& text) {
  std::vector<std::string> variants = {text.substr(0, text.size() / 2),
                                       text + "x",
                                       "\xEF\xBB\xBF" + text,
                                       "[" + text + "]",
                                       "",
                                       " \n",
                                       text + "\xC3\x28"};
  const std::vector<JsonMember> members = json_members(text);
  for (std::size_t index = 0; index < members.size() && index < 40; ++index) {
    const JsonMember& m = members[index];
    const std::string key(text.substr(m.key_begin, m.key_end - m.key_begin));
    const std::string value(text.substr(m.value_begin, m.value_end - m.value_begin));
    std::string other_case = key;
    if (other_case.size() > 2) other_case[1] = flipped_case(other_case[1]);
    variants.push_back(replaced(text, m.key_begin + 1, m.key_begin + 1, "X"));
    variants.push_back(replaced(text, m.key_begin, m.key_end, other_case));
    variants.push_back(replaced(text, m.key_begin, m.key_begin, key + ": " + value + ", "));
    // Left out, with the comma after it (or before it, when it is the last member).
    const std::size_t after = text.find_first_not_of(" \t\r\n", m.value_end);
    if (after != std::string::npos && text[after] == ',') {
      variants.push_back(replaced(text, m.key_begin, after + 1, ""));
    } else {
      const std::size_t before = text.find_last_not_of(" \t\r\n", m.key_begin - 1);
      if (before != std::string::npos && text[before] == ',')
        variants.push_back(replaced(text, before, m.value_end, ""));
    }
    for (const char* odd : {"null", "\"abc\"", "1.5", "99999999999", "true", "{}", "[]", "\"\"", "nul", "-0", "5.",
                            "1e400", "99999999999999999999", "\"\\u00e9\\n\"", "\"2023-01-27T17:05:52\\u005a\""})
      variants.push_back(replaced(text, m.value_begin, m.value_end, odd));
    // Deeper than the parser allows, where a value is.
    variants.push_back(replaced(text, m.value_begin, m.value_end, std::string(1100, '[') + std::string(1100, ']')));
    const char first = value.empty() ? ' ' : value.front();
    if (first == '-' || (first >= '0' && first <= '9'))
      variants.push_back(replaced(text, m.value_begin, m.value_end, "\"" + value + "\""));
    if (first == '[') {
      for (const std::string& inner : {key, other_case, std::string("\"Other\"")})
        variants.push_back(replaced(text, m.value_begin, m.value_end, "{" + inner + ": " + value + "}"));
      variants.push_back(replaced(text, m.value_begin, m.value_end, "{" + key + ": null}"));
      variants.push_back(replaced(text, m.value_begin, m.value_end, "{" + key + ": " + value + ", " + key + ": []}"));
    }
    if (first == '{') {
      variants.push_back(replaced(text, m.value_begin, m.value_end, "[" + value + "]"));
      variants.push_back(replaced(text, m.value_begin, m.value_end, "[" + value + ", null]"));
    }
  }
  return variants;
}

// Under AddressSanitizer a reading costs about twenty times as much, and these two corpora (about 250,000
// readings) took six of the sanitizer run's fifteen minutes. There, each example's variants are read one in
// kSanitizerStride, a different share for each example so that every kind of variant is still read; the normal
// run reads them all.
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSanitizerStride = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::size_t kSanitizerStride = 4;
#else
constexpr std::size_t kSanitizerStride = 1;
#endif
#else
constexpr std::size_t kSanitizerStride = 1;
#endif

/// Reads the variants of the example-th source as its type, in both modes (one in kSanitizerStride of them).
void read_variants(Tally& tally, std::size_t example, const veeam::em::DocumentType& type, Format format,
                   const std::vector<std::string>& variants) {
  for (std::size_t i = example % kSanitizerStride; i < variants.size(); i += kSanitizerStride)
    tally.read_both_modes(type, format, variants[i]);
}

TEST(Differential, MadeHereVariantsOfTheXmlExamples) {
  Tally tally;
  std::size_t index = 0;
  for (const Example& example : documented_examples()) {
    if (example.format != Format::xml) continue;
    read_variants(tally, index++, *example.type, Format::xml, xml_variants(example.text));
  }
  tally.expect_agreement_and_coverage(10000);
}

TEST(Differential, MadeHereVariantsOfTheJsonExamples) {
  // The documented JSON examples, and the JSON the generated writer makes of the XML ones in EM 13.x's
  // camelCase, so that both conventions are varied.
  std::vector<Example> sources;
  for (const Example& example : documented_examples()) {
    if (example.format == Format::json) {
      sources.push_back(example);
      continue;
    }
    try {
      const veeam::em::Conversion camel{ReadMode::lenient, nullptr, JsonStyle::camel, false};
      sources.push_back(Example{example.type, Format::json, example.type->xml_to_json(example.text, camel)});
    } catch (const emgen::ParseError&) {
      // An example that does not read is compared as it is by the tests above.
    }
  }
  Tally tally;
  for (std::size_t index = 0; index < sources.size(); ++index)
    read_variants(tally, index, *sources[index].type, Format::json, json_variants(sources[index].text));
  tally.expect_agreement_and_coverage(10000);
}

}  // namespace
