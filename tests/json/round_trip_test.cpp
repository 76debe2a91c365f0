// Round trips of every documented example in schemas/examples, XML and JSON alike:
//   XML:  XML -> value -> JSON -> value -> XML -> value, all equal; em-inspect's output (to_json(true)) read back
//         with from_json equals the XML's value.
//   JSON: from_json -> to_json -> from_json equal (and to_json a fixed point); JSON -> value -> XML -> value equal.
// An example reads in strict mode when it can (every documented one does today), else leniently, and what this
// test writes is read back in the same mode.

#include <algorithm>
#include <cctype>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "json_test_support.hpp"

namespace {

using namespace json_test;
using namespace veeam::em;

bool is_xml(const std::string& file) { return fs::path(file).extension() == ".xml"; }

// `EntityRef_JobReference_doc.json` holds an EntityRef: the schema type is the name up to the first `_`.
std::string type_of(const std::string& file) {
  const std::string stem = fs::path(file).stem().string();
  return stem.substr(0, stem.find('_'));
}

template <class T>
T read(const std::string& file, const std::string& text, emgen::ReadMode mode) {
  return is_xml(file) ? T::from_xml(text, mode) : T::from_json(text, mode);
}

template <class T>
emgen::ReadMode mode_for(const std::string& file, const std::string& text) {
  try {
    static_cast<void>(read<T>(file, text, kStrict));
    return kStrict;
  } catch (const emgen::ParseError& error) {
    std::cout << "note: " << file << " does not read in strict mode (" << error.what()
              << "); round trip done leniently\n";
    return kLenient;
  }
}

template <class T>
void round_trip(const std::string& file, const std::string& text) {
  const emgen::ReadMode mode = mode_for<T>(file, text);
  const DocumentType* inspect = find_document_type(type_of(file));
  ASSERT_NE(inspect, nullptr);
  const T value = read<T>(file, text, mode);

  // Through JSON, compact and pretty.
  const std::string json = value.to_json();
  T from_json;
  ASSERT_NO_THROW(from_json = T::from_json(json, mode)) << json;
  EXPECT_EQ(from_json, value);
  EXPECT_EQ(from_json.to_json(), json) << "to_json is not a fixed point";
  const std::string pretty = value.to_json(true);
  T from_pretty;
  ASSERT_NO_THROW(from_pretty = T::from_json(pretty, mode)) << pretty;
  EXPECT_EQ(from_pretty, value);

  // Through XML (from the value read back from JSON).
  const std::string xml = from_json.to_xml();
  T from_xml;
  ASSERT_NO_THROW(from_xml = T::from_xml(xml, mode)) << xml;
  EXPECT_EQ(from_xml, value);

  // What em-inspect prints for the file is that pretty JSON, and reads back to the same value.
  const std::string printed = is_xml(file)
                                  ? inspect->xml_to_json(text, {mode, nullptr, emgen::JsonStyle::pascal, true})
                                  : inspect->json_to_json(text, {mode, nullptr, emgen::JsonStyle::pascal, true});
  EXPECT_EQ(printed, pretty);
  EXPECT_EQ(T::from_json(printed, mode), value);
}

using RoundTrip = void (*)(const std::string& file, const std::string& text);

// The document types of the examples; a new example of another type falls back to checking the JSON text.
const std::map<std::string, RoundTrip>& typed_round_trips() {
  static const std::map<std::string, RoundTrip> table = {
    {"BackupJobSession", &round_trip<BackupJobSession>},
    {"CredentialsInfo", &round_trip<CredentialsInfo>},
    {"EntityRef", &round_trip<EntityRef>},
    {"EntityReferences", &round_trip<EntityReferences>},
    {"SystemSession", &round_trip<SystemSession>},
    {"SystemSessions", &round_trip<SystemSessions>},
  // Resources whose schemas are newer than these tests: checked with their types when they are generated.
#if __has_include("veeam/em/enterprise_manager.hpp")
    {"EnterpriseManager", &round_trip<EnterpriseManager>},
#endif
#if __has_include("veeam/em/logon_session.hpp")
    {"LogonSession", &round_trip<LogonSession>},
#endif
#if __has_include("veeam/em/query_result.hpp")
    {"QueryResult", &round_trip<QueryResult>},
#endif
#if __has_include("veeam/em/task.hpp")
    {"Task", &round_trip<Task>},
#endif
#if __has_include("veeam/em/error.hpp")
    {"Error", &round_trip<Error>},
#endif
  };
  return table;
}

void untyped_round_trip(const std::string& file, const std::string& text) {
  const DocumentType* type = find_document_type(type_of(file));
  ASSERT_NE(type, nullptr) << "no document type `" << type_of(file) << "` for " << file;
  const emgen::ReadMode mode = kLenient;
  const Conversion compact{mode, nullptr, emgen::JsonStyle::pascal, false};
  const std::string json = is_xml(file) ? type->xml_to_json(text, compact) : type->json_to_json(text, compact);
  EXPECT_EQ(type->json_to_json(json, compact), json);
  const std::string pretty = type->json_to_json(json, {mode, nullptr, emgen::JsonStyle::pascal, true});
  EXPECT_EQ(type->json_to_json(pretty, compact), json);
}

std::vector<std::string> documented_examples() {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(EMGEN_EXAMPLES_DIR)) {
    const auto extension = entry.path().extension();
    if (entry.is_regular_file() && (extension == ".xml" || extension == ".json"))
      files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class DocumentedExample : public ::testing::TestWithParam<std::string> {};

TEST_P(DocumentedExample, RoundTrips) {
  const std::string& file = GetParam();
  const std::string text = example(file);
  const auto typed = typed_round_trips().find(type_of(file));
  if (typed != typed_round_trips().end())
    typed->second(file, text);
  else
    untyped_round_trip(file, text);
}

INSTANTIATE_TEST_SUITE_P(Examples, DocumentedExample, ::testing::ValuesIn(documented_examples()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// The directory is the one meant: the parameterised test above did not silently run over nothing.
TEST(DocumentedExamples, AreAllFound) {
  const auto files = documented_examples();
  for (const char* name : {"BackupJobSession_doc13.xml", "BackupJobSession_doc2014.xml", "CredentialsInfo_doc.json",
                           "EntityRef_BackupServerReference_doc.json", "EntityRef_JobReference_doc.json",
                           "EntityReferences_CloudTenantReference_doc.json", "EntityReferences_backupSessions_doc.xml",
                           "SystemSession_doc.xml", "SystemSession_seed002.xml", "SystemSessions_doc.xml"})
    EXPECT_NE(std::find(files.begin(), files.end(), name), files.end()) << name;
}

// The JSON examples' nested collection form and the XML collection read to the same kind of value.
TEST(DocumentedExamples, CloudTenantReferencesReadAsRefs) {
  const auto refs = EntityReferences::from_json(example("EntityReferences_CloudTenantReference_doc.json"), kStrict);
  ASSERT_EQ(refs.ref.size(), 3u);
  EXPECT_EQ(refs.ref[1].name, std::optional<std::string>("ABC Company"));
  ASSERT_TRUE(refs.ref[1].uid.has_value());
  EXPECT_EQ(refs.ref[1].uid->kind, "CloudTenant");
  ASSERT_EQ(refs.ref[1].links.size(), 2u);
  EXPECT_EQ(refs.ref[1].links[1].rel, LinkRel::Alternate);
}

// Backslashes in a documented JSON string (`tech\\william.fox`) are unescaped on reading and escaped again on
// writing.
TEST(DocumentedExamples, CredentialsBackslashSurvives) {
  const auto credentials = CredentialsInfo::from_json(example("CredentialsInfo_doc.json"), kStrict);
  EXPECT_EQ(credentials.username, "tech\\william.fox");
  EXPECT_EQ(credentials.password, std::optional<std::string>(""));
  EXPECT_NE(credentials.to_json().find(R"("Username":"tech\\william.fox")"), std::string::npos);
}

}  // namespace
