// The loader: YAML text → schema AST, with the shape of every file checked and every value located.

#include "format/loader.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"

namespace emgen::gen::format {
namespace {

std::vector<std::string> messages(const Diagnostics& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics.sorted()) out.push_back(d.to_string());
  return out;
}

const char* const kFullFile = R"(api_version: v1
doc: A file.
enums:
  - name: Colour
    doc: A colour.
    values:
      - Red
      - {wire: Dark-Green, name: DarkGreen, doc: Dark.}
types:
  - name: Thing
    doc: A thing.
    extends: Base
    element: ThingDoc
    fields:
      - name: Href
        type: String
        attribute: true
        optional: true
      - name: Parts
        type: Part
        repeated: true
        item: Part
        aliases: [Pieces, Bits]
        cpp_name: the_parts
        json: {name: parts, list: array}
    links:
      - {rel: Down, type: PartList, path: "/things/{ID}/parts", method: POST, returns: Part, doc: Parts.}
    endpoints:
      - {method: GET, path: "/things/{ID}", returns: Thing, client_name: thing_by_id}
      - method: GET
        path: /things
        returns: {reference: ThingRef, entity: Thing}
      - {method: POST, path: "/things?action=create", body: ThingSpec}
    examples:
      - file: examples/thing.xml
        doc: Documented.
        expect:
          Href: /x
          Parts: {count: 2}
          Name: null
)";

// The merger edits the file's text at the places the loader gives: each key's place is the key's first byte, each
// value's the value's, for every key of every map (a new key of the vocabulary is placed with no code of its own).
TEST(Loader, PlacesEveryKeyAndValueAtItsBytes) {
  Diagnostics diagnostics;
  const FileAst file = load_schema_text(kFullFile, "dir/things.yaml", "things", diagnostics);
  ASSERT_EQ(messages(diagnostics), std::vector<std::string>{});
  EXPECT_EQ(file.text, kFullFile);
  std::size_t placed = 0;
  const auto check = [&](const KeyPlaces& places) {
    ASSERT_LT(places.map.offset, file.text.size());
    for (const KeyPlace& place : places.keys) {
      ++placed;
      const std::string name(vocabulary::name(place.key));
      ASSERT_LT(place.at.offset, file.text.size()) << name;
      EXPECT_EQ(file.text.substr(place.at.offset, name.size() + 1), name + ":") << name;
      ASSERT_LT(place.value.offset, file.text.size()) << name;
      EXPECT_GT(place.value.offset, place.at.offset + name.size()) << name;
    }
  };
  check(file.keys);
  for (const EnumAst& enumeration : file.enums) {
    check(enumeration.keys);
    for (const EnumValueAst& value : enumeration.values) {
      EXPECT_LE(file.text.substr(value.where.offset).find(value.wire.value), 7u) << value.wire.value;
      if (!value.keys.keys.empty()) check(value.keys);
    }
  }
  for (const TypeAst& type : file.types) {
    check(type.keys);
    EXPECT_EQ(file.text.substr(type.name.where.offset, type.name.value.size()), type.name.value);
    for (const FieldAst& field : type.fields) {
      check(field.keys);
      EXPECT_EQ(file.text.substr(field.type.where.offset, field.type.value.size()), field.type.value);
    }
    for (const LinkAst& link : type.links) check(link.keys);
    for (const EndpointAst& endpoint : type.endpoints) check(endpoint.keys);
    for (const ExampleAst& example : type.examples) check(example.keys);
  }
  EXPECT_EQ(placed, 48u);  // 4 of the file, 3 + 3 of the enum, 8 + 4 + 7 + 6 + 10 + 3 of the type
}

TEST(Loader, ReadsEveryPartOfASchemaFile) {
  Diagnostics diagnostics;
  const FileAst file = load_schema_text(kFullFile, "dir/things.yaml", "things", diagnostics);
  EXPECT_EQ(messages(diagnostics), std::vector<std::string>{});
  EXPECT_EQ(file.display_path, "dir/things.yaml");
  EXPECT_EQ(file.stem, "things");
  EXPECT_FALSE(file.api.has_value());
  ASSERT_TRUE(file.api_version.has_value());
  EXPECT_EQ(file.api_version->value, "v1");
  EXPECT_EQ(file.doc, "A file.");

  ASSERT_EQ(file.enums.size(), 1u);
  const EnumAst& colour = file.enums[0];
  EXPECT_EQ(colour.name.value, "Colour");
  EXPECT_EQ(colour.doc, "A colour.");
  ASSERT_EQ(colour.values.size(), 2u);
  EXPECT_EQ(colour.values[0].wire.value, "Red");
  EXPECT_FALSE(colour.values[0].name.has_value());
  EXPECT_EQ(colour.values[1].wire.value, "Dark-Green");
  ASSERT_TRUE(colour.values[1].name.has_value());
  EXPECT_EQ(colour.values[1].name->value, "DarkGreen");
  EXPECT_EQ(colour.values[1].doc, "Dark.");

  ASSERT_EQ(file.types.size(), 1u);
  const TypeAst& thing = file.types[0];
  EXPECT_EQ(thing.name.value, "Thing");
  EXPECT_EQ(thing.doc, "A thing.");
  ASSERT_TRUE(thing.extends.has_value());
  EXPECT_EQ(thing.extends->value, "Base");
  ASSERT_TRUE(thing.element.has_value());
  EXPECT_EQ(thing.element->value, "ThingDoc");

  ASSERT_EQ(thing.fields.size(), 2u);
  const FieldAst& href = thing.fields[0];
  EXPECT_EQ(href.name.value, "Href");
  EXPECT_EQ(href.type.value, "String");
  EXPECT_TRUE(href.attribute);
  EXPECT_TRUE(href.optional);
  EXPECT_FALSE(href.repeated);
  EXPECT_FALSE(href.item.has_value());
  const FieldAst& parts = thing.fields[1];
  EXPECT_FALSE(parts.attribute);
  EXPECT_FALSE(parts.optional);
  EXPECT_TRUE(parts.repeated);
  ASSERT_TRUE(parts.item.has_value());
  EXPECT_EQ(parts.item->value, "Part");
  ASSERT_EQ(parts.aliases.size(), 2u);
  EXPECT_EQ(parts.aliases[0].value, "Pieces");
  EXPECT_EQ(parts.aliases[1].value, "Bits");
  ASSERT_TRUE(parts.cpp_name.has_value());
  EXPECT_EQ(parts.cpp_name->value, "the_parts");
  ASSERT_TRUE(parts.json_name.has_value());
  EXPECT_EQ(parts.json_name->value, "parts");
  ASSERT_TRUE(parts.json_list.has_value());
  EXPECT_EQ(parts.json_list->value, "array");

  ASSERT_EQ(thing.links.size(), 1u);
  const LinkAst& link = thing.links[0];
  EXPECT_EQ(link.rel.value, "Down");
  ASSERT_TRUE(link.type && link.method && link.returns);
  EXPECT_EQ(link.type->value, "PartList");
  EXPECT_EQ(link.path.value, "/things/{ID}/parts");
  EXPECT_EQ(link.method->value, "POST");
  EXPECT_EQ(link.returns->value, "Part");
  EXPECT_EQ(link.doc, "Parts.");

  ASSERT_EQ(thing.endpoints.size(), 3u);
  EXPECT_FALSE(thing.endpoints[0].body.has_value());
  // A POST answered without a body (201 Created) needs no returns; its body is the document it sends.
  const EndpointAst& create = thing.endpoints[2];
  EXPECT_FALSE(create.returns || create.returns_reference || create.returns_entity);
  ASSERT_TRUE(create.body.has_value());
  EXPECT_EQ(create.body->value, "ThingSpec");
  EXPECT_EQ(create.body->where.line, 33);
  EXPECT_EQ(create.body->where.column, 61);
  EXPECT_EQ(create.body->where.yaml_path, "types[0].endpoints[2].body");
  ASSERT_TRUE(thing.endpoints[0].client_name.has_value());
  EXPECT_EQ(thing.endpoints[0].client_name->value, "thing_by_id");
  EXPECT_EQ(thing.endpoints[0].client_name->where.line, 29);
  EXPECT_EQ(thing.endpoints[0].client_name->where.column, 74);
  EXPECT_EQ(thing.endpoints[0].client_name->where.yaml_path, "types[0].endpoints[0].client_name");
  EXPECT_FALSE(thing.endpoints[1].client_name.has_value());
  ASSERT_TRUE(thing.endpoints[0].returns.has_value());
  EXPECT_EQ(thing.endpoints[0].returns->value, "Thing");
  EXPECT_FALSE(thing.endpoints[0].returns_reference.has_value());
  EXPECT_FALSE(thing.endpoints[1].returns.has_value());
  ASSERT_TRUE(thing.endpoints[1].returns_reference && thing.endpoints[1].returns_entity);
  EXPECT_EQ(thing.endpoints[1].returns_reference->value, "ThingRef");
  EXPECT_EQ(thing.endpoints[1].returns_entity->value, "Thing");

  ASSERT_EQ(thing.examples.size(), 1u);
  const ExampleAst& example = thing.examples[0];
  EXPECT_EQ(example.file.value, "examples/thing.xml");
  EXPECT_EQ(example.doc, "Documented.");
  ASSERT_EQ(example.expect.size(), 3u);
  EXPECT_EQ(example.expect[0].path.value, "Href");
  EXPECT_EQ(example.expect[0].kind, ExpectationAst::Kind::value);
  EXPECT_EQ(example.expect[0].expected.value, "/x");
  EXPECT_EQ(example.expect[1].path.value, "Parts");
  EXPECT_EQ(example.expect[1].kind, ExpectationAst::Kind::count);
  EXPECT_EQ(example.expect[1].expected.value, "2");
  EXPECT_EQ(example.expect[2].path.value, "Name");
  EXPECT_EQ(example.expect[2].kind, ExpectationAst::Kind::null);
}

TEST(Loader, LocatesValuesByLineColumnAndYamlPath) {
  Diagnostics diagnostics;
  const FileAst file = load_schema_text(kFullFile, "dir/things.yaml", "things", diagnostics);
  ASSERT_TRUE(diagnostics.empty());
  const TypeAst& thing = file.types.at(0);
  EXPECT_EQ(thing.name.where.file, "dir/things.yaml");
  EXPECT_EQ(thing.name.where.line, 10);
  EXPECT_EQ(thing.name.where.column, 11);
  EXPECT_EQ(thing.name.where.yaml_path, "types[0].name");
  EXPECT_EQ(thing.where.line, 10);
  EXPECT_EQ(thing.where.column, 5);
  EXPECT_EQ(thing.where.yaml_path, "types[0]");
  const FieldAst& parts = thing.fields.at(1);
  EXPECT_EQ(parts.type.where.line, 20);
  EXPECT_EQ(parts.type.where.column, 15);
  EXPECT_EQ(parts.type.where.yaml_path, "types[0].fields[1].type");
  EXPECT_EQ(parts.aliases.at(1).where.yaml_path, "types[0].fields[1].aliases[1]");
  EXPECT_EQ(parts.aliases.at(1).where.column, 27);
  EXPECT_EQ(parts.json_list->where.yaml_path, "types[0].fields[1].json.list");
  EXPECT_EQ(file.enums.at(0).values.at(1).name->where.yaml_path, "enums[0].values[1].name");
  const ExpectationAst& count = thing.examples.at(0).expect.at(1);
  EXPECT_EQ(count.path.where.yaml_path, "types[0].examples[0].expect.Parts");
  EXPECT_EQ(count.path.where.line, 39);
  EXPECT_EQ(count.path.where.column, 11);
  EXPECT_EQ(count.expected.where.yaml_path, "types[0].examples[0].expect.Parts.count");
}

TEST(Loader, ReadsTheApiFile) {
  Diagnostics diagnostics;
  const FileAst file = load_schema_text(
      "api:\n  title: T\n  version: v1_7\n  build: 13.0.1.1071\n  xml_namespace: urn:x\n  base_path: /api\n",
      "d/api.yaml", "api", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_TRUE(file.api.has_value());
  EXPECT_EQ(file.api->title.value, "T");
  EXPECT_EQ(file.api->version.value, "v1_7");
  EXPECT_EQ(file.api->build.value, "13.0.1.1071");
  EXPECT_EQ(file.api->xml_namespace.value, "urn:x");
  EXPECT_EQ(file.api->base_path.value, "/api");
  EXPECT_EQ(file.api->version.where.line, 3);
  EXPECT_EQ(file.api->version.where.yaml_path, "api.version");
}

TEST(Loader, ApiFileKeysAreCheckedToo) {
  Diagnostics diagnostics;
  load_schema_text("types: []\n", "d/api.yaml", "api", diagnostics);
  EXPECT_EQ(messages(diagnostics), (std::vector<std::string>{"d/api.yaml:1:1: missing required key 'api'",
                                                             "d/api.yaml:1:1: types: unknown key 'types'"}));
}

TEST(Loader, ReportsUnknownKeysWithAndWithoutSuggestion) {
  Diagnostics diagnostics;
  load_schema_text("types:\n  - name: A\n    extend: B\n    colour: red\n    fields: [{name: X, type: String}]\n",
                   "d/s.yaml", "s", diagnostics);
  EXPECT_EQ(messages(diagnostics),
            (std::vector<std::string>{"d/s.yaml:3:5: types[0].extend: unknown key 'extend' (did you mean 'extends'?)",
                                      "d/s.yaml:4:5: types[0].colour: unknown key 'colour'"}));
}

TEST(Loader, ReportsMissingKeysWrongKindsAndBadFlags) {
  Diagnostics diagnostics;
  load_schema_text(
      "types:\n"
      "  - name: A\n"
      "    fields:\n"
      "      - {name: [X], type: String}\n"
      "      - {name: Y, repeated: 1}\n"
      "    links: {rel: Up}\n",
      "d/s.yaml", "s", diagnostics);
  EXPECT_EQ(messages(diagnostics),
            (std::vector<std::string>{"d/s.yaml:4:16: types[0].fields[0].name: expected a scalar, found a list",
                                      "d/s.yaml:5:9: types[0].fields[1]: missing required key 'type'",
                                      "d/s.yaml:5:29: types[0].fields[1].repeated: expected true or false, found '1'",
                                      "d/s.yaml:6:12: types[0].links: expected a list, found a map"}));
}

TEST(Loader, PlacesAnEmptyValueWhereItWasWritten) {
  // yaml-cpp marks a value written as nothing at the token after it, lines below or past the end of the file; the
  // loader reports it at the `-` or `:` that introduced it, past blank lines and comments.
  Diagnostics diagnostics;
  load_schema_text(
      "types:\n"
      "  - name: A\n"
      "    fields:\n"
      "      -   # to do\n"
      "\n"
      "      # more to come\n"
      "      - {name: X, type: String, doc:}\n"
      "      - ~\n"
      "    doc: A type.\n"
      "  -\n",
      "d/s.yaml", "s", diagnostics);
  EXPECT_EQ(messages(diagnostics),
            (std::vector<std::string>{"d/s.yaml:4:7: types[0].fields[0]: expected a map, found nothing",
                                      "d/s.yaml:8:9: types[0].fields[2]: expected a map, found nothing",
                                      "d/s.yaml:10:3: types[1]: expected a map, found nothing"}));
}

TEST(Loader, AnEmptyValueBeforeAWordStartingWithNullIsStillPlacedAtItsColon) {
  Diagnostics diagnostics;
  load_schema_text("types:\n  - name:\n    nullable: true\n    fields: []\n  - name: ~\n    fields: []\n", "d/s.yaml",
                   "s", diagnostics);
  // The empty name is placed at its `:` (2:9), not at `nullable`, a key that only starts like a null; an explicit
  // `~` is placed where it is written (5:11).
  EXPECT_EQ(messages(diagnostics),
            (std::vector<std::string>{"d/s.yaml:2:9: types[0].name: expected a scalar, found nothing",
                                      "d/s.yaml:3:5: types[0].nullable: unknown key 'nullable'",
                                      "d/s.yaml:5:11: types[1].name: expected a scalar, found nothing"}));
}

TEST(Loader, ReportsDuplicateKeys) {
  Diagnostics diagnostics;
  load_schema_text("doc: one\ndoc: two\nenums: [{name: E, values: [A]}]\n", "d/s.yaml", "s", diagnostics);
  EXPECT_EQ(messages(diagnostics), std::vector<std::string>{"d/s.yaml:2:1: doc: duplicate key 'doc'"});
}

TEST(Loader, ReportsEmptySyntaxErrorAndNonMapFiles) {
  {
    Diagnostics diagnostics;
    load_schema_text("", "d/s.yaml", "s", diagnostics);
    EXPECT_EQ(messages(diagnostics), std::vector<std::string>{"d/s.yaml:1:1: the file is empty"});
  }
  {
    Diagnostics diagnostics;
    load_schema_text("# only a comment\n", "d/s.yaml", "s", diagnostics);
    EXPECT_EQ(messages(diagnostics), std::vector<std::string>{"d/s.yaml:1:1: the file is empty"});
  }
  {
    Diagnostics diagnostics;
    load_schema_text("just text\n", "d/s.yaml", "s", diagnostics);
    EXPECT_EQ(messages(diagnostics), std::vector<std::string>{"d/s.yaml:1:1: expected a map, found a scalar"});
  }
  {
    Diagnostics diagnostics;
    load_schema_text("types: [\n", "d/s.yaml", "s", diagnostics);
    const auto found = messages(diagnostics);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].rfind("d/s.yaml:", 0), 0u) << found[0];
    EXPECT_NE(found[0].find(": YAML syntax error: "), std::string::npos) << found[0];
  }
  {
    Diagnostics diagnostics;
    load_schema_text("doc: Nothing declared.\n", "d/s.yaml", "s", diagnostics);
    EXPECT_EQ(messages(diagnostics), std::vector<std::string>{"d/s.yaml:1:1: a schema file needs 'types' or 'enums'"});
  }
}

TEST(Loader, ExpectValuesMustBeScalarNullOrCount) {
  Diagnostics diagnostics;
  load_schema_text(
      "types:\n"
      "  - name: A\n"
      "    fields: [{name: X, type: String}]\n"
      "    examples:\n"
      "      - file: a.xml\n"
      "        expect:\n"
      "          X: [1, 2]\n"
      "          Y: {count: 1, extra: 2}\n",
      "d/s.yaml", "s", diagnostics);
  EXPECT_EQ(messages(diagnostics),
            (std::vector<std::string>{
                "d/s.yaml:7:14: types[0].examples[0].expect.X: expected a value, null, {count: N} or {unlisted: Text}, "
                "found a list",
                "d/s.yaml:8:25: types[0].examples[0].expect.Y.extra: unknown key 'extra'"}));
}

TEST(LoaderDirectory, ReadsYamlFilesInNameOrder) {
  emgen_test::TempDir dir;
  emgen_test::write_text(dir / "zeta.yaml", "enums: [{name: Z, values: [A]}]\n");
  emgen_test::write_text(dir / "api.yaml",
                         "api: {title: T, version: v1, build: '1', xml_namespace: urn:x, base_path: /}\n");
  emgen_test::write_text(dir / "alpha.yaml", "enums: [{name: A, values: [A]}]\n");
  emgen_test::write_text(dir / "notes.txt", "not a schema: [\n");
  emgen_test::write_text(dir / "sub/inner.yaml", "not read: [\n");
  const SchemaSetAst set = load_schema_directory(dir.path().string());
  EXPECT_EQ(set.directory, dir.path().string());
  ASSERT_EQ(set.files.size(), 3u);
  EXPECT_EQ(set.files[0].stem, "alpha");
  EXPECT_EQ(set.files[1].stem, "api");
  EXPECT_EQ(set.files[2].stem, "zeta");
  EXPECT_EQ(set.files[0].display_path, (dir.path() / "alpha.yaml").generic_string());
  EXPECT_TRUE(set.files[1].api.has_value());
}

TEST(LoaderDirectory, ThrowsEveryProblemOfEveryFileSorted) {
  emgen_test::TempDir dir;
  emgen_test::write_text(dir / "b.yaml", "types: [{name: B, fields: [{name: X}]}]\n");
  emgen_test::write_text(dir / "a.yaml", "enums: [{name: A, values: [A], colour: red}]\n");
  const std::string d = dir.path().generic_string();
  try {
    load_schema_directory(dir.path().string());
    FAIL() << "expected SchemaErrors";
  } catch (const SchemaErrors& errors) {
    std::vector<std::string> found;
    for (const auto& diagnostic : errors.diagnostics()) found.push_back(diagnostic.to_string());
    EXPECT_EQ(found, (std::vector<std::string>{d + "/a.yaml:1:32: enums[0].colour: unknown key 'colour'",
                                               d + "/b.yaml:1:28: types[0].fields[0]: missing required key 'type'"}));
  }
}

TEST(LoaderDirectory, RejectsAnEmptyOrMissingDirectory) {
  emgen_test::TempDir dir;
  try {
    load_schema_directory(dir.path().string());
    FAIL() << "expected SchemaErrors";
  } catch (const SchemaErrors& errors) {
    ASSERT_EQ(errors.diagnostics().size(), 1u);
    EXPECT_EQ(errors.diagnostics()[0].to_string(), dir.path().string() + ": no *.yaml schema files");
  }
  const std::string missing = (dir.path() / "missing").string();
  try {
    load_schema_directory(missing);
    FAIL() << "expected SchemaErrors";
  } catch (const SchemaErrors& errors) {
    ASSERT_EQ(errors.diagnostics().size(), 1u);
    EXPECT_EQ(errors.diagnostics()[0].to_string(), missing + ": not a directory");
  }
}

}  // namespace
}  // namespace emgen::gen::format
