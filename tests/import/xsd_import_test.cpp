// `emgen import xsd` on Veeam's file, broken and hostile input, and a small XSD of every construct.

#include <gtest/gtest.h>

#include <string>

#include "../generator/test_support.hpp"

namespace {

namespace fs = std::filesystem;
using emgen_test::RunResult;
using emgen_test::TempDir;

RunResult import_xsd(const fs::path& xsd, const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv{EMGEN_EXE, "import", "xsd", xsd.string(), "--out", out.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return emgen_test::run(argv);
}

TEST(ImportXsd, IsDeterministicAndRefusesToOverwriteAPersonsFiles) {
  const TempDir dir;
  const RunResult first = import_xsd(VENDOR_XSD, dir / "a");
  ASSERT_EQ(first.status, 0) << first.err;
  const RunResult second = import_xsd(VENDOR_XSD, dir / "b");
  ASSERT_EQ(second.status, 0) << second.err;
  EXPECT_EQ(emgen_test::snapshot_bytes(dir / "a"), emgen_test::snapshot_bytes(dir / "b"));
  EXPECT_EQ(first.err, second.err);
  EXPECT_NE(first.out.find("215 complex types, 20 simple types, 131 global elements"), std::string::npos) << first.out;

  const RunResult again = import_xsd(VENDOR_XSD, dir / "a");
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.err.find("already holds schema files"), std::string::npos) << again.err;
  // --overwrite replaces what an import wrote, removes what it no longer drafts, and keeps a person's file.
  emgen_test::write_text(dir / "a" / "stale.yaml",
                         "# Drafted by `emgen import xsd` from RestAPI_v1_3.xsd. Review before committing (README: "
                         "Importing from Veeam's XSD and help pages).\n");
  emgen_test::write_text(dir / "a" / "mine.yaml", "# my own\n");
  const RunResult overwrite = import_xsd(VENDOR_XSD, dir / "a", {"--overwrite"});
  EXPECT_EQ(overwrite.status, 0) << overwrite.err;
  EXPECT_FALSE(fs::exists(dir / "a" / "stale.yaml"));
  EXPECT_TRUE(fs::exists(dir / "a" / "mine.yaml"));
}

// --only keeps the named types and what they use (bases, field types, endpoint returns), so that one resource
// can be drafted or merged without the other 180; a name the draft lacks is a usage error with a suggestion.
TEST(ImportXsd, OnlyDraftsTheNamedTypesAndWhatTheyUse) {
  const TempDir dir;
  const RunResult result = import_xsd(VENDOR_XSD, dir / "out", {"--only", "OverviewReportFrame,BackupServer"});
  ASSERT_EQ(result.status, 0) << result.err;
  const std::string overview = emgen_test::read_text(dir / "out" / "overview_report_frame.yaml");
  EXPECT_NE(overview.find("name: OverviewReportFrame"), std::string::npos) << overview;
  EXPECT_TRUE(fs::exists(dir / "out" / "backup_server.yaml"));
  EXPECT_FALSE(fs::exists(dir / "out" / "job.yaml"));
  EXPECT_FALSE(fs::exists(dir / "out" / "vm_restore_point.yaml"));
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir / "out")) ++files;
  EXPECT_LT(files, 8u);
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
  // Merged into what it drafted, another selection of the same XSD changes nothing it shares (the XSD's own
  // type docs are not prepended to themselves).
  const RunResult again = emgen_test::run(
      {EMGEN_EXE, "import", "xsd", VENDOR_XSD, "--only", "BackupServer", "--into", (dir / "out").string()});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(again.out, "") << again.out;

  const RunResult unknown = import_xsd(VENDOR_XSD, dir / "other", {"--only", "OverviewReportFrames"});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.err.find("--only OverviewReportFrames: the draft has no type or enum of that name (did you mean "
                             "OverviewReportFrame?)"),
            std::string::npos)
      << unknown.err;
  EXPECT_FALSE(fs::exists(dir / "other"));

  // An empty --only (an unset shell variable, say) would otherwise name no type: a usage error, not everything.
  const RunResult empty = import_xsd(VENDOR_XSD, dir / "empty", {"--only", ""});
  EXPECT_EQ(empty.status, 2);
  EXPECT_NE(empty.err.find("--only: an empty name: give type or enum names, e.g. --only Job,BackupServer"),
            std::string::npos)
      << empty.err;
  EXPECT_FALSE(fs::exists(dir / "empty"));
}

TEST(ImportXsd, EveryWarningNamesFileAndLine) {
  const TempDir dir;
  const RunResult result = import_xsd(VENDOR_XSD, dir / "out");
  ASSERT_EQ(result.status, 0) << result.err;
  std::istringstream lines(result.err);
  int count = 0;
  for (std::string line; std::getline(lines, line); ++count)
    EXPECT_TRUE(line.find("RestAPI_v1_3.xsd:") != std::string::npos &&
                line.find(": ", line.find(".xsd:")) != std::string::npos)
        << line;
  EXPECT_GT(count, 0);
  EXPECT_NE(result.err.find(
                "RestAPI_v1_3.xsd:3004: warning: simpleType[@name='UidType']/restriction/pattern: the pattern escapes "
                "':' as '\\:'"),
            std::string::npos)
      << result.err;
}

struct BrokenXsd {
  const char* name;
  const char* text;
  const char* error;
};

class ImportXsdRefuses : public ::testing::TestWithParam<BrokenXsd> {};

TEST_P(ImportXsdRefuses, WithALocatedError) {
  const TempDir dir;
  emgen_test::write_text(dir / "bad.xsd", GetParam().text);
  const RunResult result = import_xsd(dir / "bad.xsd", dir / "out", {"--api-version", "v1"});
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find((dir / "bad.xsd").string() + GetParam().error), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
}

constexpr const char* kHead =
    "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n";

const BrokenXsd kBroken[] = {
    {"NotXml", "<xs:schema>\n<unclosed>\n", ":2: not well-formed XML"},
    {"NotASchema", "<html/>", ":1: schema: the root element is not xs:schema"},
    {"UnknownType",
     "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n"
     "<xs:element name=\"A\" type=\"AType\"/>\n<xs:complexType name=\"AType\"><xs:sequence>\n"
     "<xs:element name=\"B\" type=\"Nowhere\"/>\n</xs:sequence></xs:complexType></xs:schema>",
     ":4: complexType[@name='AType']/sequence/element[@name='B']: type 'Nowhere' is defined nowhere in this file"},
    {"UndeclaredPrefix",
     "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n"
     "<xs:complexType name=\"AType\"><xs:attribute name=\"X\" type=\"q:int\"/></xs:complexType>\n"
     "<xs:element name=\"A\" type=\"AType\"/></xs:schema>",
     ":2: complexType[@name='AType']/attribute[@name='X']: the prefix 'q' is not declared"},
    {"SelfDerivedSimpleType",
     "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n"
     "<xs:simpleType name=\"S\"><xs:restriction base=\"S\"/></xs:simpleType>\n"
     "<xs:complexType name=\"AType\"><xs:attribute name=\"X\" type=\"S\"/></xs:complexType>\n"
     "<xs:element name=\"A\" type=\"AType\"/></xs:schema>",
     ":2: simpleType[@name='S']: simpleType 'S' derives from itself"},
    {"DuplicateType",
     "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n"
     "<xs:complexType name=\"AType\"/>\n<xs:complexType name=\"AType\"/>\n</xs:schema>",
     ":3: complexType[@name='AType']: complexType 'AType' is defined twice"},
    {"BadElementName",
     "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n"
     "<xs:complexType name=\"AType\"><xs:sequence>\n<xs:element name=\"-1\" type=\"xs:int\"/>\n"
     "</xs:sequence></xs:complexType>\n<xs:element name=\"A\" type=\"AType\"/></xs:schema>",
     ":3: complexType[@name='AType']/sequence/element[@name='-1']: '-1' is not an element name"},
    {"DerivesFromItself",
     "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns=\"urn:t\" targetNamespace=\"urn:t\">\n"
     "<xs:complexType name=\"AType\"><xs:complexContent><xs:extension base=\"BType\"/></xs:complexContent>"
     "</xs:complexType>\n<xs:complexType name=\"BType\"><xs:complexContent><xs:extension base=\"AType\"/>"
     "</xs:complexContent></xs:complexType>\n</xs:schema>",
     ":2: complexType[@name='AType']: complexType 'AType' derives from itself"},
};

INSTANTIATE_TEST_SUITE_P(Broken, ImportXsdRefuses, ::testing::ValuesIn(kBroken),
                         [](const auto& info) { return std::string(info.param.name); });

// 100,000 nested sequences: a located error, not a stack overflow.
TEST(ImportXsd, RefusesNestingDeeperThanItFollows) {
  const TempDir dir;
  std::string text = std::string(kHead) + "<xs:complexType name=\"AType\">\n";
  for (int i = 0; i < 100000; ++i) text += "<xs:sequence>";
  for (int i = 0; i < 100000; ++i) text += "</xs:sequence>";
  text += "</xs:complexType>\n<xs:element name=\"A\" type=\"AType\"/>\n</xs:schema>\n";
  emgen_test::write_text(dir / "deep.xsd", text);
  const RunResult result = import_xsd(dir / "deep.xsd", dir / "out", {"--api-version", "v1"});
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("deep.xsd:3: complexType[@name='AType']/sequence/sequence/"), std::string::npos);
  EXPECT_NE(result.err.find(": nested deeper than 100 levels"), std::string::npos) << result.err.substr(0, 300);
}

// A small schema of every construct the importer maps, and the YAML it drafts for it, exactly.
TEST(ImportXsd, DraftsEachConstructAsThePersonWould) {
  const TempDir dir;
  emgen_test::write_text(dir / "Small_v2_0.xsd", std::string(kHead) + R"(
  <xs:element name="Thing" type="ThingEntityType"/>
  <xs:element name="Things" type="ThingEntityListType"/>
  <xs:complexType name="ResourceType">
    <xs:sequence><xs:element name="Links" type="LinkListType" minOccurs="0"/></xs:sequence>
    <xs:attribute name="Href" use="required" type="xs:string"/>
  </xs:complexType>
  <xs:complexType name="LinkListType">
    <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Link" type="LinkType"/></xs:choice>
  </xs:complexType>
  <xs:complexType name="LinkType"><xs:attribute name="Rel" type="xs:string" use="required"/></xs:complexType>
  <xs:complexType name="ThingEntityType">
    <xs:annotation><xs:documentation>A thing,
      documented.</xs:documentation></xs:annotation>
    <xs:complexContent><xs:extension base="ResourceType"><xs:sequence>
      <xs:element name="Size" type="xs:long"/>
      <xs:element name="Colour" type="ColourEnumeration" minOccurs="0"/>
      <xs:element name="Part" maxOccurs="unbounded"><xs:complexType>
        <xs:attribute name="Weight" type="xs:double"/></xs:complexType></xs:element>
      <xs:any/>
    </xs:sequence></xs:extension></xs:complexContent>
  </xs:complexType>
  <xs:complexType name="ThingEntityListType">
    <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Thing" type="ThingEntityType"/></xs:choice>
  </xs:complexType>
  <xs:simpleType name="ColourEnumeration"><xs:restriction base="xs:string">
    <xs:enumeration value="Red"/><xs:enumeration value="Dark-Blue"/></xs:restriction></xs:simpleType>
</xs:schema>
)");
  const RunResult result = import_xsd(dir / "Small_v2_0.xsd", dir / "out");
  ASSERT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(result.err,
            (dir / "Small_v2_0.xsd").string() +
                ":21: warning: complexType[@name='ThingEntityType']/complexContent/extension/sequence/any: wildcard "
                "xs:any dropped: what it allows is skipped (with a read warning) when read\n");
  // Resource and Link serve the Thing documents alone, so they are written with them.
  EXPECT_EQ(emgen_test::list_files(dir / "out"), (std::vector<std::string>{"api.yaml", "thing.yaml"}));
  EXPECT_EQ(
      emgen_test::read_text(dir / "out" / "thing.yaml"),
      R"(# Drafted by `emgen import xsd` from Small_v2_0.xsd. Review before committing (README: Importing from Veeam's XSD and help pages).
api_version: v2_0
doc: The Thing documents and the types only they use. Drafted from Small_v2_0.xsd.
enums:
  - name: Colour
    doc: "XSD: simpleType ColourEnumeration (Small_v2_0.xsd:27)."
    values:
      - {wire: Red}
      - {wire: Dark-Blue, name: DarkBlue}
types:
  - name: Resource
    doc: "XSD: complexType ResourceType (Small_v2_0.xsd:5)."
    fields:
      - {name: Links, type: Link, repeated: true, item: Link}
      - {name: Href, type: String, attribute: true}
  - name: Link
    doc: "XSD: complexType LinkType (Small_v2_0.xsd:12)."
    fields:
      - {name: Rel, type: String, attribute: true}
  - name: Thing
    doc: "A thing, documented. XSD: complexType ThingEntityType (Small_v2_0.xsd:13)."
    extends: Resource
    element: Thing
    fields:
      - {name: Size, type: Long}
      - {name: Colour, type: Colour, optional: true}
      - {name: Part, type: ThingPart, repeated: true}
  - name: ThingPart
    doc: "XSD: the anonymous complexType of Thing/Part (Small_v2_0.xsd:19)."
    fields:
      - {name: Weight, type: Double, attribute: true, optional: true}
  - name: Things
    doc: "XSD: complexType ThingEntityListType (Small_v2_0.xsd:24)."
    element: Things
    fields:
      - {name: Thing, type: Thing, repeated: true}
)");
  EXPECT_EQ(
      emgen_test::read_text(dir / "out" / "api.yaml"),
      R"(# Drafted by `emgen import xsd` from Small_v2_0.xsd. Review before committing (README: Importing from Veeam's XSD and help pages).
api:
  title: Veeam Backup Enterprise Manager REST API
  version: v2_0
  build: "v2_0"
  xml_namespace: urn:t
  base_path: /api
)");
  const RunResult check = emgen_test::run({EMGEN_EXE, "check", "--schemas", (dir / "out").string()});
  EXPECT_EQ(check.status, 0) << check.err;
}

}  // namespace
