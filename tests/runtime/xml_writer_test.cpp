#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "emgen/xml.hpp"

namespace model {

// The shape of a generated complex type.
struct Link {
  std::string rel;
  std::optional<std::string> href;
};
inline void read_xml(emgen::xml::Reader& reader, const pugi::xml_node& node, Link& out) {
  bool seen_rel = false, seen_href = false;
  for (const pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view name = emgen::xml::local_name(attribute.name());
    if (name == "Rel")
      emgen::xml::read_attribute_field(reader, node, attribute, out.rel, seen_rel);
    else if (name == "Href")
      emgen::xml::read_attribute_field(reader, node, attribute, out.href, seen_href);
    else
      reader.unknown_attribute(node, attribute);
  }
  if (!seen_rel) reader.missing_attribute(node, "Rel");
}
inline void write_xml(pugi::xml_node& node, const Link& value) {
  emgen::xml::write_attribute_field(node, "Href", value.href);
  emgen::xml::write_attribute_field(node, "Rel", value.rel);
}

}  // namespace model

namespace {

namespace xml = emgen::xml;

TEST(XmlWriter, DocumentLayoutIsExact) {
  pugi::xml_document doc;
  pugi::xml_node root = xml::begin_document(doc, "BackupJobSession", "http://www.veeam.com/ent/v1.0");
  xml::write_attribute_field(root, "UID", emgen::Uid{"BackupJobSession", "a057"});
  xml::write_attribute_field(root, "Name", std::optional<std::string>{});
  xml::write_element_field(root, "JobName", std::string("Backup & <Job> \"3\""));
  xml::write_element_field(root, "Progress", std::int32_t{100});
  xml::write_element_field(root, "IsRetry", false);
  xml::write_element_field(root, "EndTimeUTC", std::optional<emgen::DateTime>{});
  xml::write_element_field(root, "CreationTimeUTC", emgen::parse_datetime("2025-09-24T20:00:09.607Z").value());
  xml::write_wrapped_field(root, "Refs", "Ref", std::vector<std::int64_t>{1, 2});
  xml::write_wrapped_field(root, "NoRefs", "Ref", std::vector<std::int64_t>{});
  xml::write_element_field(root, "Link",
                           std::vector<model::Link>{{"Up", "https://em/api/jobs/1"}, {"Down", std::nullopt}});
  EXPECT_EQ(xml::to_string(doc),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<BackupJobSession xmlns=\"http://www.veeam.com/ent/v1.0\" UID=\"urn:veeam:BackupJobSession:a057\">\n"
            "  <JobName>Backup &amp; &lt;Job&gt; \"3\"</JobName>\n"
            "  <Progress>100</Progress>\n"
            "  <IsRetry>false</IsRetry>\n"
            "  <CreationTimeUTC>2025-09-24T20:00:09.607Z</CreationTimeUTC>\n"
            "  <Refs>\n"
            "    <Ref>1</Ref>\n"
            "    <Ref>2</Ref>\n"
            "  </Refs>\n"
            "  <Link Href=\"https://em/api/jobs/1\" Rel=\"Up\" />\n"
            "  <Link Rel=\"Down\" />\n"
            "</BackupJobSession>\n");
}

TEST(XmlWriter, NoNamespaceMeansNoXmlns) {
  pugi::xml_document doc;
  xml::begin_document(doc, "R", nullptr);
  EXPECT_EQ(xml::to_string(doc), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<R />\n");
  xml::begin_document(doc, "R", "");
  EXPECT_EQ(xml::to_string(doc), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<R />\n");
}

TEST(XmlWriter, BeginDocumentStartsOver) {
  pugi::xml_document doc;
  pugi::xml_node inner = xml::begin_document(doc, "First", nullptr).append_child("x");
  xml::write_element_field(inner, "y", true);
  xml::begin_document(doc, "Second", nullptr);
  EXPECT_EQ(xml::to_string(doc), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Second />\n");
}

TEST(XmlWriter, DeclarationIsWrittenOnceWhateverTheDocumentHolds) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a><b>1</b></a>",
                              pugi::parse_default | pugi::parse_declaration));
  EXPECT_EQ(xml::to_string(doc), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a>\n  <b>1</b>\n</a>\n");
  pugi::xml_document bare;
  bare.append_child("a");
  EXPECT_EQ(xml::to_string(bare), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<a />\n");
}

TEST(XmlWriter, SavingDirectlyAlsoStatesTheEncoding) {
  pugi::xml_document doc;
  xml::begin_document(doc, "R", nullptr);
  std::ostringstream out;
  doc.save(out, "  ");
  EXPECT_EQ(out.str(), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<R />\n");
}

TEST(XmlWriter, NonAsciiTextIsKept) {
  pugi::xml_document doc;
  pugi::xml_node root = xml::begin_document(doc, "R", nullptr);
  xml::write_element_field(root, "Name", std::string("Sauvegarde \xC3\xA9t\xC3\xA9 \xE2\x82\xAC"));
  EXPECT_EQ(xml::to_string(doc),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<R>\n  <Name>Sauvegarde \xC3\xA9t\xC3\xA9 "
            "\xE2\x82\xAC</Name>\n</R>\n");
}

TEST(XmlWriter, OutputReadsBack) {
  pugi::xml_document out_doc;
  pugi::xml_node root = xml::begin_document(out_doc, "Session", "http://www.veeam.com/ent/v1.0");
  xml::write_attribute_field(root, "UID", emgen::Uid{"Session", "1:2"});
  xml::write_element_field(root, "Name", std::string(" <&> padded "));
  xml::write_element_field(root, "Size", std::int64_t{-9223372036854775807 - 1});
  xml::write_element_field(root, "Link", model::Link{"Up", "h?a=1&b=\"2\""});
  const std::string text = xml::to_string(out_doc);

  pugi::xml_document in_doc;
  xml::Reader reader(text, emgen::ReadMode::strict);
  const pugi::xml_node in = xml::parse_document(in_doc, text, "Session", reader);
  emgen::Uid uid;
  std::string name;
  std::int64_t size = 0;
  model::Link link;
  bool seen_uid = false;
  xml::read_attribute_field(reader, in, in.attribute("UID"), uid, seen_uid);
  xml::read_value(reader, in.child("Name"), name);
  xml::read_value(reader, in.child("Size"), size);
  xml::read_value(reader, in.child("Link"), link);
  EXPECT_EQ(uid, (emgen::Uid{"Session", "1:2"}));
  EXPECT_EQ(name, " <&> padded ");
  EXPECT_EQ(size, -9223372036854775807 - 1);
  EXPECT_EQ(link.rel, "Up");
  EXPECT_EQ(link.href, "h?a=1&b=\"2\"");
}

TEST(XmlWriter, ComplexReadFailureIsLocatedInsideIt) {
  const std::string text = "<Session>\n  <Link Href=\"h\" Extra=\"1\" Rel=\"Up\"/>\n</Session>";
  pugi::xml_document doc;
  xml::Reader reader(text, emgen::ReadMode::strict);
  const pugi::xml_node root = xml::parse_document(doc, text, "Session", reader);
  model::Link link;
  try {
    xml::read_value(reader, root.child("Link"), link);
    FAIL() << "expected a ParseError";
  } catch (const emgen::ParseError& error) {
    EXPECT_STREQ(error.what(), "2:18: /Session/Link/@Extra: unknown attribute Extra");
  }
}

}  // namespace
