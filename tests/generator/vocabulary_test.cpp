// The schema language's vocabulary (format/vocabulary.hpp): the loader accepts its keys, and the drafter, the
// merger and the diff each say what they do with every one of them.

#include "format/vocabulary.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <span>
#include <string>

#include "diff/compare.hpp"
#include "format/loader.hpp"
#include "import/draft.hpp"
#include "import/merge.hpp"

namespace emgen::gen::format {
namespace {

using vocabulary::Key;
using vocabulary::KeyUse;

/// A schema file (made here) that uses every key of a schema file but api.yaml's.
const char* const kEveryKey = R"(api_version: v1
doc: Every key.
enums:
  - name: Colour
    doc: A colour.
    values:
      - {wire: Dark-Green, name: DarkGreen, doc: Dark.}
types:
  - name: Thing
    doc: A thing.
    extends: Base
    element: Thing
    fields:
      - {name: Href, type: String, attribute: true, optional: true, doc: Where.}
      - {name: Parts, type: Part, repeated: true, item: Part, aliases: [Pieces], cpp_name: parts_list,
         query: Part, json: {name: parts, list: array}}
    links:
      - {rel: Alternate, type: Thing, path: "/things/{ID}", method: GET, returns: Thing, doc: Itself.}
    endpoints:
      - {method: GET, path: "/things/{ID}/files/{path}", doc: A file., client: false, body: Thing,
         file_paths: [path], returns: {reference: Ref, entity: Thing}}
      - {method: GET, path: /things, client_name: all_things, returns: Thing}
    examples:
      - file: examples/thing.xml
        doc: One thing.
        expect: {Parts: {count: 1}, Href: {unlisted: x}}
  - name: Day
    fields:
      - {name: Value, type: String, text: true, optional: true}
)";

const char* const kEveryApiKey = R"(api:
  title: T
  version: v1
  build: "1"
  xml_namespace: urn:x
  base_path: /api
areas:
  - {name: things, doc: The things., types: [Thing]}
)";

TEST(Vocabulary, TheLoaderAcceptsEveryKey) {
  Diagnostics diagnostics;
  static_cast<void>(load_schema_text(kEveryKey, "every.yaml", "every", diagnostics));
  static_cast<void>(load_schema_text(kEveryApiKey, "api.yaml", "api", diagnostics));
  for (const Diagnostic& diagnostic : diagnostics.sorted()) ADD_FAILURE() << diagnostic.to_string();
  // The files above hold every key of the table (so that a key added to it is added to them).
  const std::string both = std::string(kEveryKey) + kEveryApiKey;
  for (const vocabulary::KeySpec& spec : vocabulary::kKeys)
    EXPECT_NE(both.find(std::string(spec.name) + ":"), std::string::npos) << spec.name;
}

TEST(Vocabulary, TheLoaderRejectsAKeyOfAnotherMap) {
  Diagnostics diagnostics;
  // `wire` is a key of an enum value, not of a field.
  static_cast<void>(load_schema_text("types:\n  - name: T\n    fields:\n      - {name: A, type: String, wire: x}\n",
                                     "t.yaml", "t", diagnostics));
  ASSERT_EQ(diagnostics.sorted().size(), 1u);
  EXPECT_NE(diagnostics.sorted()[0].message.find("unknown key 'wire'"), std::string::npos);
}

void expect_every_key_once(std::span<const KeyUse> uses, const std::string& component) {
  std::map<Key, int> seen;
  for (const KeyUse& use : uses) {
    ++seen[use.key];
    EXPECT_FALSE(use.how.empty()) << component << ": " << vocabulary::name(use.key) << " has no description";
  }
  for (const vocabulary::KeySpec& spec : vocabulary::kKeys) {
    const int count = seen.count(spec.key) ? seen.at(spec.key) : 0;
    EXPECT_EQ(count, 1) << component << " does not say (once) what it does with the key '" << spec.name << "' (map "
                        << static_cast<int>(spec.map) << ")";
  }
}

TEST(Vocabulary, TheDrafterKnowsEveryKeyTheLoaderAccepts) {
  expect_every_key_once(import::drafted_keys(), "the drafter");
}

TEST(Vocabulary, TheMergerKnowsEveryKeyTheLoaderAccepts) { expect_every_key_once(import::merged_keys(), "the merger"); }

TEST(Vocabulary, TheDiffKnowsEveryKeyTheLoaderAccepts) { expect_every_key_once(diff::compared_keys(), "the diff"); }

TEST(Vocabulary, PrimitivesAndSynonyms) {
  EXPECT_TRUE(vocabulary::is_primitive("DateTime"));
  EXPECT_FALSE(vocabulary::is_primitive("dateTime"));
  EXPECT_EQ(vocabulary::primitive_named("Int32"), "Int");
  EXPECT_EQ(vocabulary::primitive_named("Int64"), "Long");
  EXPECT_EQ(vocabulary::primitive_named("Uid"), "Uid");
  EXPECT_EQ(vocabulary::primitive_of_synonym("Uid"), std::nullopt);
  EXPECT_EQ(vocabulary::primitive_named("Job"), std::nullopt);
  // Every synonym names a primitive, and no primitive is a synonym of another.
  for (const vocabulary::Synonym& synonym : vocabulary::kPrimitiveSynonyms) {
    EXPECT_TRUE(vocabulary::is_primitive(synonym.primitive)) << synonym.name;
    EXPECT_FALSE(vocabulary::is_primitive(synonym.name)) << synonym.name;
  }
}

}  // namespace
}  // namespace emgen::gen::format
