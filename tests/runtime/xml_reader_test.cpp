#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "emgen/xml.hpp"

namespace session {

// The shape of a generated enum, for the unlisted-value paths.
enum class State { Stopped, Working, Unlisted };
inline std::string_view to_string(State value) noexcept {
  switch (value) {
    case State::Stopped:
      return "Stopped";
    case State::Working:
      return "Working";
    default:
      return "";
  }
}
inline std::optional<State> parse_enum(std::string_view text, std::type_identity<State>) noexcept {
  if (text == "Stopped") return State::Stopped;
  if (text == "Working") return State::Working;
  return std::nullopt;
}
inline std::string_view schema_name(std::type_identity<State>) { return "BackupJobSessionState"; }

}  // namespace session

namespace {

using emgen::ParseError;
using emgen::ReadMode;
using emgen::xml::Reader;

// Runs f, which must throw a ParseError, and returns it for inspection.
template <class F>
ParseError error_from(F&& f) {
  try {
    f();
  } catch (const ParseError& error) {
    return error;
  }
  ADD_FAILURE() << "expected a ParseError";
  return ParseError("", "no error was thrown");
}

// 1-based line and column of the first occurrence of needle, computed independently of the runtime.
std::pair<std::size_t, std::size_t> where(std::string_view text, std::string_view needle) {
  const std::size_t offset = text.find(needle);
  EXPECT_NE(offset, std::string_view::npos) << needle;
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

std::pair<std::size_t, std::size_t> position(const ParseError& error) { return {error.line(), error.column()}; }

struct Parsed {
  explicit Parsed(std::string text_in, std::string_view root_name, ReadMode mode = ReadMode::strict)
      : text(std::move(text_in)), reader(text, mode) {
    root = emgen::xml::parse_document(doc, text, root_name, reader);
  }
  std::string text;
  pugi::xml_document doc;
  Reader reader;
  pugi::xml_node root;
};

TEST(LocalName, DropsThePrefix) {
  EXPECT_EQ(emgen::xml::local_name("Link"), "Link");
  EXPECT_EQ(emgen::xml::local_name("ns:Link"), "Link");
  EXPECT_EQ(emgen::xml::local_name(""), "");
  EXPECT_EQ(emgen::xml::local_name(nullptr), "");
}

TEST(MarkupAttribute, NamespaceAndSchemaInstanceAttributes) {
  pugi::xml_document doc;
  ASSERT_TRUE(
      doc.load_string(R"(<r xmlns="u" xmlns:xsi="x" xsi:type="T" xml:lang="en" Href="h" xmlnsx="n" ns:Rel="r"/>)"));
  std::vector<std::string> markup, data;
  for (const pugi::xml_attribute attribute : doc.document_element().attributes())
    (emgen::xml::is_markup_attribute(attribute) ? markup : data).push_back(attribute.name());
  EXPECT_EQ(markup, (std::vector<std::string>{"xmlns", "xmlns:xsi", "xsi:type", "xml:lang"}));
  EXPECT_EQ(data, (std::vector<std::string>{"Href", "xmlnsx", "ns:Rel"}));
}

TEST(ReaderPath, NestedElementWithPosition) {
  Parsed p(
      "<SystemSession>\n"
      "  <Result>\n"
      "    <IsCanceled>maybe</IsCanceled>\n"
      "  </Result>\n"
      "</SystemSession>\n",
      "SystemSession");
  const pugi::xml_node node = p.root.child("Result").child("IsCanceled");
  const ParseError error = error_from([&] {
    bool value = false;
    emgen::xml::read_value(p.reader, node, value);
  });
  EXPECT_STREQ(error.what(), "3:6: /SystemSession/Result/IsCanceled: \"maybe\" is not a Bool");
  EXPECT_EQ(error.path(), "/SystemSession/Result/IsCanceled");
  EXPECT_EQ(error.message(), "\"maybe\" is not a Bool");
}

TEST(ReaderPath, MatchesTheHeaderExample) {
  Parsed p(
      "<BackupJobSession>\n"
      "<JobName>Backup Job 3</JobName>\n"
      " <Result>Success</Result><Progress>abc</Progress>\n"
      "</BackupJobSession>",
      "BackupJobSession");
  const ParseError error = error_from([&] {
    std::int32_t value = 0;
    emgen::xml::read_value(p.reader, p.root.child("Progress"), value);
  });
  EXPECT_STREQ(error.what(), "3:27: /BackupJobSession/Progress: \"abc\" is not an Int");
}

TEST(ReaderPath, RepeatedSiblingsAreIndexedFromOne) {
  Parsed p(
      "<SystemSessions>\n"
      "  <Sessions><State>A</State></Sessions>\n"
      "  <Other/>\n"
      "  <Sessions><State>B</State></Sessions>\n"
      "</SystemSessions>",
      "SystemSessions");
  const pugi::xml_node first = p.root.child("Sessions");
  const pugi::xml_node second = first.next_sibling("Sessions");
  const ParseError on_second = error_from([&] { p.reader.fail(second.child("State"), "bad"); });
  EXPECT_EQ(on_second.path(), "/SystemSessions/Sessions[2]/State");
  EXPECT_EQ(position(on_second), where(p.text, "State>B"));
  EXPECT_EQ(error_from([&] { p.reader.fail(first.child("State"), "bad"); }).path(),
            "/SystemSessions/Sessions[1]/State");
  // A lone element gets no index even though other names repeat around it.
  EXPECT_EQ(error_from([&] { p.reader.fail(p.root.child("Other"), "bad"); }).path(), "/SystemSessions/Other");
}

TEST(ReaderPath, SiblingsAreCountedByLocalName) {
  Parsed p(R"(<Links xmlns:em="urn:x"><em:Link/><Note/><Link/></Links>)", "Links");
  const pugi::xml_node last = p.root.last_child();
  ASSERT_STREQ(last.name(), "Link");
  EXPECT_EQ(error_from([&] { p.reader.fail(last, "bad"); }).path(), "/Links/Link[2]");
  EXPECT_EQ(error_from([&] { p.reader.fail(p.root.first_child(), "bad"); }).path(), "/Links/Link[1]");
}

TEST(ReaderPath, RootOnly) {
  Parsed p("<SystemSession/>", "SystemSession");
  const ParseError error = error_from([&] { p.reader.fail(p.root, "bad"); });
  EXPECT_STREQ(error.what(), "1:2: /SystemSession: bad");
}

TEST(ReaderPath, AttributeOnALaterLine) {
  Parsed p(
      "<BackupJobSession Href=\"https://em:9398/api/backupSessions/1\"\n"
      "    Type=\"BackupJobSession\" UID=\"bogus\">\n"
      "</BackupJobSession>",
      "BackupJobSession");
  const pugi::xml_attribute uid = p.root.attribute("UID");
  const ParseError error = error_from([&] {
    std::optional<emgen::Uid> value;
    bool seen = false;
    emgen::xml::read_attribute_field(p.reader, p.root, uid, value, seen);
  });
  EXPECT_STREQ(error.what(), "2:29: /BackupJobSession/@UID: \"bogus\" is not a Uid");
  EXPECT_EQ(position(error), where(p.text, "UID="));
}

TEST(ReaderPath, AttributeOfAnIndexedElement) {
  Parsed p(
      "<Links>\n"
      "  <Link Rel=\"Up\"/>\n"
      "  <Link Href=\"h\" Rel=\"Sideways\"/>\n"
      "</Links>",
      "Links");
  const pugi::xml_node second = p.root.last_child();
  const ParseError error = error_from([&] { p.reader.fail(second, second.attribute("Rel"), "bad"); });
  EXPECT_EQ(error.path(), "/Links/Link[2]/@Rel");
  EXPECT_EQ(position(error), where(p.text, "Rel=\"Sideways"));
}

TEST(ReaderPath, PrefixedAttributeUsesItsLocalName) {
  Parsed p(R"(<Link xmlns:em="urn:x" em:Rel="Up"/>)", "Link");
  const ParseError error = error_from([&] { p.reader.fail(p.root, p.root.attribute("em:Rel"), "bad"); });
  EXPECT_EQ(error.path(), "/Link/@Rel");
  EXPECT_EQ(position(error), where(p.text, "em:Rel"));
}

TEST(ReaderPosition, AttributeAddedInMemoryFallsBackToItsElement) {
  Parsed p("<a>\n  <Link Rel=\"Up\"/>\n</a>", "a");
  pugi::xml_node link = p.root.child("Link");
  const pugi::xml_attribute added = link.append_attribute("Added");
  const ParseError error = error_from([&] { p.reader.fail(link, added, "bad"); });
  EXPECT_EQ(error.path(), "/a/Link/@Added");
  EXPECT_EQ(position(error), where(p.text, "Link"));
}

TEST(ReaderPosition, UnknownWithoutSource) {
  pugi::xml_document doc;
  const std::string text = "<a>\n<b/>\n</a>";
  ASSERT_TRUE(doc.load_string(text.c_str()));
  const Reader reader({}, ReadMode::strict);
  const ParseError error = error_from([&] { reader.fail(doc.document_element().child("b"), "bad"); });
  EXPECT_EQ(error.line(), 0u);
  EXPECT_EQ(error.column(), 0u);
  EXPECT_STREQ(error.what(), "/a/b: bad");
}

TEST(ReaderPosition, NodesBuiltInMemoryHaveNone) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("SystemSession");
  pugi::xml_node state = root.append_child("State");
  state.append_attribute("Rel").set_value("x");
  const Reader reader("<SystemSession><State Rel=\"x\"/></SystemSession>", ReadMode::strict);
  const ParseError error = error_from([&] { reader.fail(state, "bad"); });
  EXPECT_STREQ(error.what(), "/SystemSession/State: bad");
  EXPECT_STREQ(error_from([&] { reader.fail(state, state.attribute("Rel"), "bad"); }).what(),
               "/SystemSession/State/@Rel: bad");
}

TEST(ReaderPosition, NodesFromOtherTextAreNotGivenItsPositions) {
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string("<a><b/></a>"));
  // Another source in which the same offsets point at different names, or past the end.
  EXPECT_EQ(
      error_from([&] { Reader("<x><y/></x>", ReadMode::strict).fail(doc.first_child().first_child(), "m"); }).line(),
      0u);
  EXPECT_EQ(error_from([&] { Reader("<", ReadMode::strict).fail(doc.first_child().first_child(), "m"); }).line(), 0u);
}

TEST(ReaderStrictness, UnknownElement) {
  Parsed strict("<Session>\n  <Foo>1</Foo>\n</Session>", "Session");
  const ParseError error = error_from([&] { strict.reader.unknown_element(strict.root.child("Foo")); });
  EXPECT_STREQ(error.what(), "2:4: /Session/Foo: unknown element <Foo>");

  Parsed lenient("<Session><Foo>1</Foo></Session>", "Session", ReadMode::lenient);
  EXPECT_NO_THROW(lenient.reader.unknown_element(lenient.root.child("Foo")));
}

TEST(ReaderStrictness, UnknownElementUsesTheLocalName) {
  Parsed p(R"(<Session xmlns:x="urn:x"><x:Foo/></Session>)", "Session");
  EXPECT_STREQ(error_from([&] { p.reader.unknown_element(p.root.first_child()); }).what(),
               "1:27: /Session/Foo: unknown element <Foo>");
}

TEST(ReaderStrictness, UnknownAttribute) {
  Parsed strict(R"(<Session Href="h" Foo="1"/>)", "Session");
  const ParseError error =
      error_from([&] { strict.reader.unknown_attribute(strict.root, strict.root.attribute("Foo")); });
  EXPECT_STREQ(error.what(), "1:19: /Session/@Foo: unknown attribute Foo");

  Parsed lenient(R"(<Session Foo="1"/>)", "Session", ReadMode::lenient);
  EXPECT_NO_THROW(lenient.reader.unknown_attribute(lenient.root, lenient.root.attribute("Foo")));
}

TEST(ReaderStrictness, MarkupAttributesAreNeverUnknown) {
  Parsed p(R"(<Session xmlns="http://www.veeam.com/ent/v1.0" xmlns:xsd="http://www.w3.org/2001/XMLSchema" )"
           R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="T" xml:lang="en"/>)",
           "Session");
  for (const pugi::xml_attribute attribute : p.root.attributes())
    EXPECT_NO_THROW(p.reader.unknown_attribute(p.root, attribute)) << attribute.name();
}

TEST(ReaderStrictness, StrayText) {
  Parsed strict("<Session>\n  <Links>abc<Link/></Links>\n</Session>", "Session");
  const pugi::xml_node text = strict.root.child("Links").first_child();
  ASSERT_EQ(text.type(), pugi::node_pcdata);
  const ParseError error = error_from([&] { strict.reader.stray_text(text); });
  EXPECT_EQ(error.message(), "unexpected text \"abc\"");
  EXPECT_EQ(error.path(), "/Session/Links");
  EXPECT_EQ(position(error), where(strict.text, "abc"));

  Parsed lenient("<Session><Links>abc<Link/></Links></Session>", "Session", ReadMode::lenient);
  EXPECT_NO_THROW(lenient.reader.stray_text(lenient.root.child("Links").first_child()));
}

TEST(ReaderStrictness, StrayTextIsQuotedAndEscaped) {
  Parsed p("<Links><![CDATA[a\"b\nc]]><Link/></Links>", "Links");
  EXPECT_EQ(error_from([&] { p.reader.stray_text(p.root.first_child()); }).message(), R"(unexpected text "a\"b\nc")");
}

TEST(ReaderStrictness, WhitespaceIsNeverStrayText) {
  pugi::xml_document doc;
  // parse_ws_pcdata keeps the indentation as nodes, which is what a caller might hand over.
  ASSERT_TRUE(doc.load_string("<Links>\n \t\r\n<Link/> </Links>", pugi::parse_default | pugi::parse_ws_pcdata));
  const Reader reader({}, ReadMode::strict);
  std::size_t text_nodes = 0;
  for (const pugi::xml_node child : doc.document_element().children()) {
    if (child.type() != pugi::node_pcdata) continue;
    ++text_nodes;
    EXPECT_NO_THROW(reader.stray_text(child));
  }
  EXPECT_EQ(text_nodes, 2u);
}

TEST(ReaderStrictness, UnlistedElementValue) {
  Parsed strict("<Session><State>Foo</State></Session>", "Session");
  const ParseError error = error_from([&] {
    emgen::Open<session::State> state;
    emgen::xml::read_value(strict.reader, strict.root.child("State"), state);
  });
  EXPECT_STREQ(error.what(), "1:11: /Session/State: \"Foo\" is not a BackupJobSessionState value");

  Parsed lenient("<Session><State>Foo</State></Session>", "Session", ReadMode::lenient);
  emgen::Open<session::State> state;
  EXPECT_NO_THROW(emgen::xml::read_value(lenient.reader, lenient.root.child("State"), state));
  EXPECT_EQ(state.text(), "Foo");
  EXPECT_FALSE(state.is_listed());
}

TEST(ReaderStrictness, ListedValueIsFineInStrictMode) {
  Parsed p("<Session><State>Working</State></Session>", "Session");
  emgen::Open<session::State> state;
  EXPECT_NO_THROW(emgen::xml::read_value(p.reader, p.root.child("State"), state));
  EXPECT_TRUE(state == session::State::Working);
}

TEST(ReaderStrictness, UnlistedAttributeValue) {
  Parsed strict(R"(<Link Rel="Sideways"/>)", "Link");
  const pugi::xml_attribute rel = strict.root.attribute("Rel");
  const ParseError error =
      error_from([&] { strict.reader.unlisted_value(strict.root, rel, rel.value(), "LinkRelation"); });
  EXPECT_STREQ(error.what(), "1:7: /Link/@Rel: \"Sideways\" is not a LinkRelation value");
  EXPECT_EQ(error_from([&] { strict.reader.unlisted_value(strict.root, rel, "x", "EJobType"); }).message(),
            "\"x\" is not an EJobType value");

  Parsed lenient(R"(<Link Rel="Sideways"/>)", "Link", ReadMode::lenient);
  EXPECT_NO_THROW(lenient.reader.unlisted_value(lenient.root, lenient.root.attribute("Rel"), "Sideways", "X"));
}

TEST(ReaderErrors, DuplicateElement) {
  Parsed p("<Session>\n<State>Working</State>\n<State>Stopped</State>\n</Session>", "Session");
  bool seen = false;
  std::optional<emgen::Open<session::State>> state;
  emgen::xml::read_element_field(p.reader, p.root.first_child(), state, seen);
  const ParseError error =
      error_from([&] { emgen::xml::read_element_field(p.reader, p.root.last_child(), state, seen); });
  EXPECT_STREQ(error.what(), "3:2: /Session/State[2]: element <State> appears more than once");
}

TEST(ReaderErrors, RepeatedElementsAreNotDuplicates) {
  Parsed p("<Session><Ref>1</Ref><Ref>2</Ref></Session>", "Session");
  bool seen = false;
  std::vector<std::int64_t> refs;
  for (const pugi::xml_node child : p.root.children()) emgen::xml::read_element_field(p.reader, child, refs, seen);
  EXPECT_EQ(refs, (std::vector<std::int64_t>{1, 2}));
}

TEST(ReaderErrors, DuplicateAttribute) {
  // pugixml does not refuse a repeated attribute, so the reader must.
  Parsed p(R"(<Session UID="urn:veeam:A:1" UID="urn:veeam:A:2"/>)", "Session");
  bool seen = false;
  emgen::Uid uid;
  emgen::xml::read_attribute_field(p.reader, p.root, p.root.first_attribute(), uid, seen);
  const ParseError error =
      error_from([&] { emgen::xml::read_attribute_field(p.reader, p.root, p.root.last_attribute(), uid, seen); });
  EXPECT_STREQ(error.what(), "1:30: /Session/@UID: attribute UID appears more than once");
}

TEST(ReaderErrors, MissingElementAndAttribute) {
  Parsed p("<Sessions>\n  <Session/>\n  <Session Href=\"h\"/>\n</Sessions>", "Sessions");
  const pugi::xml_node second = p.root.last_child();
  EXPECT_STREQ(error_from([&] { p.reader.missing_element(second, "State"); }).what(),
               "3:4: /Sessions/Session[2]: missing required element <State>");
  EXPECT_STREQ(error_from([&] { p.reader.missing_attribute(p.root.first_child(), "Href"); }).what(),
               "2:4: /Sessions/Session[1]: missing required attribute Href");
}

TEST(TextOf, SingleChunkIsReturnedInPlace) {
  Parsed p("<a><b>hello</b></a>", "a");
  const pugi::xml_node b = p.root.child("b");
  const std::string_view text = p.reader.text_of(b);
  EXPECT_EQ(text, "hello");
  EXPECT_EQ(text.data(), b.first_child().value());
}

TEST(TextOf, EntitiesAreDecoded) {
  Parsed p("<a><b>Backup &amp; Replication &lt;3 &#x41;</b></a>", "a");
  EXPECT_EQ(p.reader.text_of(p.root.child("b")), "Backup & Replication <3 A");
}

TEST(TextOf, JoinsTextAndCdata) {
  Parsed p("<a><b>x<![CDATA[<y>&]]>z</b></a>", "a");
  EXPECT_EQ(p.reader.text_of(p.root.child("b")), "x<y>&z");
}

TEST(TextOf, IgnoresCommentsAndProcessingInstructions) {
  const std::string text = "<a><b>x<!--note-->y<?pi data?>z</b></a>";
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(text.c_str(), pugi::parse_default | pugi::parse_comments | pugi::parse_pi));
  Reader reader(text, ReadMode::strict);
  EXPECT_EQ(reader.text_of(doc.document_element().child("b")), "xyz");
}

TEST(TextOf, EmptyElementIsEmptyText) {
  Parsed p("<a><b/><c></c></a>", "a");
  EXPECT_EQ(p.reader.text_of(p.root.child("b")), "");
  EXPECT_EQ(p.reader.text_of(p.root.child("c")), "");
}

TEST(TextOf, ChildElementIsAnError) {
  Parsed p("<a>\n  <b>x<Foo/></b>\n</a>", "a", ReadMode::lenient);
  const ParseError error = error_from([&] { p.reader.text_of(p.root.child("b")); });
  EXPECT_STREQ(error.what(), "2:4: /a/b: expected text, found element <Foo>");
}

TEST(TextOf, UnknownEntityStaysLiteralWithoutADoctype) {
  Parsed p("<a>&lol;</a>", "a");
  EXPECT_EQ(p.reader.text_of(p.root), "&lol;");
}

TEST(ParseDocument, ReturnsTheRoot) {
  Parsed p("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<SystemSession xmlns=\"http://www.veeam.com/ent/v1.0\"/>",
           "SystemSession");
  EXPECT_STREQ(p.root.name(), "SystemSession");
}

TEST(ParseDocument, PrefixedRootMatchesByLocalName) {
  Parsed p(R"(<em:SystemSession xmlns:em="http://www.veeam.com/ent/v1.0"/>)", "SystemSession");
  EXPECT_STREQ(p.root.name(), "em:SystemSession");
}

TEST(ParseDocument, WrongRoot) {
  const ParseError error = error_from([] { Parsed("<?xml version=\"1.0\"?>\n<Foo/>", "SystemSession"); });
  EXPECT_STREQ(error.what(), "2:2: /Foo: expected root element <SystemSession>, found <Foo>");
}

TEST(ParseDocument, WrongRootAfterAByteOrderMark) {
  // The mark stays in the source, so columns are still byte offsets into what was received.
  const ParseError error = error_from([] { Parsed("\xEF\xBB\xBF<Foo/>", "SystemSession"); });
  EXPECT_STREQ(error.what(), "1:5: /Foo: expected root element <SystemSession>, found <Foo>");
}

TEST(ParseDocument, MalformedXmlIsLocated) {
  const ParseError error = error_from([] { Parsed("<SystemSession>\n  <State>x</Result>\n</SystemSession>", "S"); });
  EXPECT_STREQ(error.what(), "2:13: /: malformed XML: Start-end tags mismatch");
}

TEST(ParseDocument, TruncatedXml) {
  const ParseError error = error_from([] { Parsed("<SystemSession><State>Wor", "SystemSession"); });
  EXPECT_EQ(error.path(), "/");
  EXPECT_EQ(error.message().rfind("malformed XML: ", 0), 0u) << error.message();
  EXPECT_EQ(error.line(), 1u);
}

TEST(ParseDocument, NoRootElement) {
  for (const char* text : {"", "   \n", "<?xml version=\"1.0\"?>", "<!-- only a comment -->"}) {
    const ParseError error = error_from([&] { Parsed(text, "SystemSession"); });
    EXPECT_EQ(error.path(), "/") << text;
    EXPECT_EQ(error.message(), "no root element") << text;
  }
}

TEST(ParseDocument, CheckRootOfANullNode) {
  const Reader reader({}, ReadMode::strict);
  EXPECT_STREQ(error_from([&] { emgen::xml::check_root(pugi::xml_node(), "SystemSession", reader); }).what(),
               "/: no root element");
}

TEST(ParseDocument, CheckRootOfAGivenNode) {
  pugi::xml_document doc;
  doc.append_child("Other");
  const Reader reader({}, ReadMode::lenient);
  EXPECT_NO_THROW(emgen::xml::check_root(doc.document_element(), "Other", reader));
  EXPECT_STREQ(error_from([&] { emgen::xml::check_root(doc.document_element(), "SystemSession", reader); }).what(),
               "/Other: expected root element <SystemSession>, found <Other>");
}

TEST(ParseDocument, BillionLaughsIsRefusedAtTheDoctype) {
  const char* text =
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE lolz [\n"
      " <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      "]>\n"
      "<lolz>&lol3;</lolz>";
  const ParseError error = error_from([&] { Parsed(text, "lolz"); });
  EXPECT_STREQ(error.what(), "2:1: /: DOCTYPE declarations are not accepted (entity expansion protection)");
}

TEST(ParseDocument, AnyDoctypeIsRefused) {
  for (const char* text : {"<!DOCTYPE SystemSession><SystemSession/>",
                           "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>", "<r/><!DOCTYPE r>"}) {
    const ParseError error = error_from([&] { Parsed(text, "r"); });
    EXPECT_EQ(error.message(), "DOCTYPE declarations are not accepted (entity expansion protection)") << text;
  }
}

TEST(ParseDocument, SecondRootElementIsRefused) {
  const ParseError error = error_from([] { Parsed("<a/>\n<a/>", "a"); });
  EXPECT_STREQ(error.what(), "2:2: /: malformed XML: more than one root element");
}

TEST(ParseDocument, CdataOutsideTheRootIsRefused) {
  const ParseError error = error_from([] { Parsed("<a/><![CDATA[x]]>", "a"); });
  EXPECT_EQ(error.message(), "malformed XML: text outside the root element");
}

TEST(ReadWrappedField, ItemsUnknownElementsAndStrayText) {
  Parsed p("<r><Refs><Ref>1</Ref><Ref>2</Ref></Refs></r>", "r");
  std::vector<std::int32_t> refs;
  bool seen = false;
  emgen::xml::read_wrapped_field(p.reader, p.root.child("Refs"), "Ref", refs, seen);
  EXPECT_EQ(refs, (std::vector<std::int32_t>{1, 2}));
  EXPECT_STREQ(
      error_from([&] { emgen::xml::read_wrapped_field(p.reader, p.root.child("Refs"), "Ref", refs, seen); }).what(),
      "1:5: /r/Refs: element <Refs> appears more than once");

  Parsed strict("<r><Refs><Ref>1</Ref><Bad/>oops</Refs></r>", "r");
  refs.clear();
  seen = false;
  EXPECT_STREQ(error_from([&] {
                 emgen::xml::read_wrapped_field(strict.reader, strict.root.child("Refs"), "Ref", refs, seen);
               }).what(),
               "1:23: /r/Refs/Bad: unknown element <Bad>");

  Parsed lenient("<r><Refs><Ref>1</Ref><Bad/>oops<Ref>3</Ref></Refs></r>", "r", ReadMode::lenient);
  refs.clear();
  seen = false;
  emgen::xml::read_wrapped_field(lenient.reader, lenient.root.child("Refs"), "Ref", refs, seen);
  EXPECT_EQ(refs, (std::vector<std::int32_t>{1, 3}));
}

TEST(ReadValue, OutOfRangeIntAtItsPosition) {
  Parsed p("<r>\n<Progress> 99999999999 </Progress>\n</r>", "r");
  std::int32_t value = 0;
  EXPECT_STREQ(error_from([&] { emgen::xml::read_value(p.reader, p.root.child("Progress"), value); }).what(),
               "2:2: /r/Progress: \" 99999999999 \" is out of range for Int");
}

// A text field (`text: true`): the text of an element that has attributes, parsed as a text-only element's is.
TEST(ReadTextField, ParsesTheTextBesideTheAttributesAndSkipsChildElements) {
  // The child element is the generated reader's to report (unknown to the type); the text around it is read.
  Parsed p("<r><Day Name=\"Sunday\">1,<x/>0</Day><Hour Name=\"h\"> 7 </Hour><Empty Name=\"e\"/></r>", "r");
  std::string day;
  EXPECT_TRUE(emgen::xml::read_text_field(p.reader, p.root.child("Day"), day));
  EXPECT_EQ(day, "1,0");
  std::int32_t hour = 0;
  EXPECT_TRUE(emgen::xml::read_text_field(p.reader, p.root.child("Hour"), hour));
  EXPECT_EQ(hour, 7);
  std::optional<emgen::Open<session::State>> state;
  // An optional field: no text is absent.
  EXPECT_FALSE(emgen::xml::read_text_field(p.reader, p.root.child("Empty"), state));
  EXPECT_EQ(state, std::nullopt);
  // A required one: no text is the empty text, the empty string...
  std::string empty = "before";
  EXPECT_FALSE(emgen::xml::read_text_field(p.reader, p.root.child("Empty"), empty));
  EXPECT_EQ(empty, "");
  // ... and for a number an error, as for an empty text-only element.
  EXPECT_STREQ(error_from([&] { emgen::xml::read_text_field(p.reader, p.root.child("Empty"), hour); }).what(),
               "1:62: /r/Empty: \"\" is not an Int");
}

TEST(ReadTextField, AnUnlistedEnumValueIsAnErrorStrictlyAndKeptLeniently) {
  const std::string text = "<r><Day Name=\"x\">Sleeping</Day></r>";
  Parsed strict(text, "r");
  emgen::Open<session::State> state;
  EXPECT_STREQ(error_from([&] { emgen::xml::read_text_field(strict.reader, strict.root.child("Day"), state); }).what(),
               "1:5: /r/Day: \"Sleeping\" is not a BackupJobSessionState value");
  Parsed lenient(text, "r", ReadMode::lenient);
  EXPECT_TRUE(emgen::xml::read_text_field(lenient.reader, lenient.root.child("Day"), state));
  EXPECT_EQ(state.text(), "Sleeping");
}

}  // namespace
