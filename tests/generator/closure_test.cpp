// Only what you use (`emgen generate --types`): the closure of named types, the client methods kept with it,
// what the schema files keep, and an unknown name. The schema set is made here.

#include "precompile/closure.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "format/loader.hpp"
#include "precompile/resolve.hpp"
#include "test_support.hpp"

namespace emgen::gen::precompile {
namespace {

const char* const kApi =
    "api:\n  title: Test\n  version: v1\n  build: '1.0'\n  xml_namespace: urn:test\n  base_path: /api\n"
    "areas:\n  - {name: things, doc: Things., types: [Thing]}\n  - {name: keepers, types: [Keeper, Thing]}\n";

const char* const kCommon = R"(enums:
  - {name: Colour, values: [Red, Green]}
  - {name: TaskState, values: [Running, Finished]}
types:
  - name: Link
    fields:
      - {name: Href, type: String, attribute: true}
  - name: Entity
    fields:
      - {name: Href, type: String, attribute: true}
      - {name: Links, type: Link, repeated: true, item: Link}
  - name: EntityRef
    extends: Entity
    element: EntityRef
  - name: Task
    element: Task
    fields:
      - {name: State, type: TaskState}
)";

const char* const kThings = R"(types:
  - name: Person
    fields:
      - {name: Name, type: String}
  - name: Thing
    extends: Entity
    element: Thing
    fields:
      - {name: Owner, type: Person}
      - {name: Colour, type: Colour}
    endpoints:
      - {method: GET, path: "/things/{ID}", returns: {reference: EntityRef, entity: Thing}}
      - {method: PUT, path: "/things/{ID}", body: ThingSpec, returns: Thing}
      - {method: DELETE, path: "/things/{ID}"}
      - {method: POST, path: "/things/{ID}?action=paint", returns: Task}
  - name: ThingSpec
    element: ThingSpec
    fields:
      - {name: Label, type: String}
)";

const char* const kZoo = R"(enums:
  - {name: Shift, values: [Day, Night]}
types:
  - name: Keeper
    element: Keeper
    fields:
      - {name: Shift, type: Shift}
    endpoints:
      - {method: GET, path: "/keepers/{ID}", returns: EntityRef}
  - name: Zoo
    element: Zoo
    fields:
      - {name: Animals, type: Thing, repeated: true}
      - {name: Keepers, type: Keeper, repeated: true}
    endpoints:
      - {method: GET, path: /zoos, returns: Zoo}
      - {method: GET, path: "/zoos/{ID}/favourite", returns: Thing}
)";

class Closure : public ::testing::Test {
 protected:
  void SetUp() override {
    emgen_test::write_text(dir_ / "api.yaml", kApi);
    emgen_test::write_text(dir_ / "common.yaml", kCommon);
    emgen_test::write_text(dir_ / "things.yaml", kThings);
    emgen_test::write_text(dir_ / "zoo.yaml", kZoo);
    Diagnostics diagnostics;
    const format::SchemaSetAst set = format::load_schema_directory(dir_.path().string(), diagnostics);
    ASSERT_TRUE(diagnostics.empty()) << diagnostics.sorted().front().to_string();
    resolve(set, model_);
  }

  const ir::SchemaFile& file(const std::string& stem) const {
    for (const ir::SchemaFile& candidate : model_.files)
      if (candidate.stem == stem) return candidate;
    throw std::runtime_error("no file " + stem);
  }

  std::vector<std::string> kept_types(const std::string& stem) const {
    std::vector<std::string> names;
    for (const ir::Type* type : file(stem).types) names.push_back(type->name);
    std::sort(names.begin(), names.end());
    return names;
  }

  std::vector<std::string> kept_enums(const std::string& stem) const {
    std::vector<std::string> names;
    for (const ir::Enum* enumeration : file(stem).enums) names.push_back(enumeration->name);
    return names;
  }

  std::vector<std::string> dependencies(const std::string& stem) const {
    std::vector<std::string> stems;
    for (const ir::SchemaFile* used : file(stem).dependencies) stems.push_back(used->stem);
    return stems;
  }

  /// "METHOD path" of each endpoint that keeps its client method, sorted.
  std::vector<std::string> client_endpoints() const {
    std::vector<std::string> kept;
    for (const ir::Type& type : model_.types)
      for (const ir::Endpoint& endpoint : type.endpoints)
        if (endpoint.client) kept.push_back(endpoint.method + " " + endpoint.path);
    std::sort(kept.begin(), kept.end());
    return kept;
  }

  emgen_test::TempDir dir_;
  ir::Model model_;
};

TEST_F(Closure, AStandaloneTypeKeepsOnlyItself) {
  keep_closure(model_, {"Person"});
  EXPECT_EQ(kept_types("things"), (std::vector<std::string>{"Person"}));
  EXPECT_TRUE(kept_types("common").empty());
  EXPECT_TRUE(kept_enums("common").empty());
  EXPECT_TRUE(kept_types("zoo").empty());
  EXPECT_TRUE(client_endpoints().empty());
}

TEST_F(Closure, KeepsTheTypeItsBaseItsFieldTypesAndTheirEnums) {
  keep_closure(model_, {"Thing"});
  // Entity as the base, Link through Entity's Links, Person and Colour through fields; EntityRef and ThingSpec
  // because the kept endpoints return and send them.
  EXPECT_EQ(kept_types("common"), (std::vector<std::string>{"Entity", "EntityRef", "Link"}));
  EXPECT_EQ(kept_types("things"), (std::vector<std::string>{"Person", "Thing", "ThingSpec"}));
  EXPECT_EQ(kept_enums("common"), (std::vector<std::string>{"Colour"}));
  EXPECT_TRUE(kept_types("zoo").empty());
  EXPECT_TRUE(kept_enums("zoo").empty());
}

TEST_F(Closure, KeepsTheClientMethodsThatReturnAKeptTypeWhereverTheyAreDeclared) {
  keep_closure(model_, {"Thing"});
  // Not POST ...?action=paint (a Task), GET /zoos (a Zoo), nor GET /keepers/{ID}: EntityRef is kept only for
  // GET /things/{ID}'s reference method, and brings no endpoint of its own. DELETE /things/{ID} answers with no
  // body: Thing declares it.
  EXPECT_EQ(client_endpoints(), (std::vector<std::string>{"DELETE /things/{ID}", "GET /things/{ID}",
                                                          "GET /zoos/{ID}/favourite", "PUT /things/{ID}"}));
}

TEST_F(Closure, FilesDependOnlyOnWhatTheirKeptTypesUse) {
  EXPECT_EQ(dependencies("zoo"), (std::vector<std::string>{"things"}));
  keep_closure(model_, {"Keeper"});
  EXPECT_EQ(kept_types("zoo"), (std::vector<std::string>{"Keeper"}));
  EXPECT_EQ(kept_enums("zoo"), (std::vector<std::string>{"Shift"}));
  EXPECT_TRUE(dependencies("zoo").empty());
  // GET /keepers/{ID} returns EntityRef, not Keeper: Keeper has no client method.
  EXPECT_TRUE(client_endpoints().empty());
  EXPECT_TRUE(kept_types("common").empty());
}

TEST_F(Closure, SeveralNamesKeepTheUnionOfTheirClosures) {
  keep_closure(model_, {"Person", "Keeper"});
  EXPECT_EQ(kept_types("things"), (std::vector<std::string>{"Person"}));
  EXPECT_EQ(kept_types("zoo"), (std::vector<std::string>{"Keeper"}));
}

TEST_F(Closure, AnUnknownNameIsRefusedWithTheClosestName) {
  try {
    keep_closure(model_, {"Person", "Thnig"});
    FAIL() << "keep_closure accepted Thnig";
  } catch (const UnknownTypeName& error) {
    EXPECT_EQ(std::string(error.what()), "no type 'Thnig' in " + dir_.path().string() + " (did you mean 'Thing'?)");
  }
  // Nothing was removed before the name was found unknown.
  EXPECT_EQ(kept_types("zoo"), (std::vector<std::string>{"Keeper", "Zoo"}));
}

TEST_F(Closure, AreasGiveTheirRootTypesEachOnceInTheOrderTheyAreListed) {
  EXPECT_EQ(area_types(model_, {"things"}), (std::vector<std::string>{"Thing"}));
  EXPECT_EQ(area_types(model_, {"things", "keepers"}), (std::vector<std::string>{"Thing", "Keeper"}));
  EXPECT_EQ(area_types(model_, {"keepers", "things"}), (std::vector<std::string>{"Keeper", "Thing"}));
}

TEST_F(Closure, AnAreaKeepsTheClosureOfItsTypes) {
  keep_closure(model_, area_types(model_, {"keepers"}));
  EXPECT_EQ(kept_types("zoo"), (std::vector<std::string>{"Keeper"}));
  EXPECT_EQ(kept_types("things"), (std::vector<std::string>{"Person", "Thing", "ThingSpec"}));
  EXPECT_EQ(kept_enums("zoo"), (std::vector<std::string>{"Shift"}));
  EXPECT_EQ(kept_enums("common"), (std::vector<std::string>{"Colour"}));
}

TEST_F(Closure, ClosureOfCountsWhatKeepClosureKeepsAndLeavesTheModelAlone) {
  const precompile::Closure counted = closure_of(model_, area_types(model_, {"things"}));
  // Thing, Entity, Link, Person, EntityRef, ThingSpec; Colour.
  EXPECT_EQ(counted.types.size(), 6u);
  EXPECT_EQ(counted.enums.size(), 1u);
  EXPECT_EQ(counted.client_endpoints.size(), 4u);
  EXPECT_EQ(kept_types("zoo"), (std::vector<std::string>{"Keeper", "Zoo"}));
  keep_closure(model_, {"Thing"});
  std::size_t kept = 0;
  for (const ir::SchemaFile& each : model_.files) kept += each.types.size();
  EXPECT_EQ(kept, counted.types.size());
}

TEST_F(Closure, AnUnknownAreaIsRefusedWithTheClosestNameAndEveryArea) {
  try {
    area_types(model_, {"things", "keeper"});
    FAIL() << "area_types accepted keeper";
  } catch (const UnknownAreaName& error) {
    EXPECT_EQ(std::string(error.what()), "no area 'keeper' in " + dir_.path().string() +
                                             "/api.yaml (did you mean 'keepers'?); its areas: things, keepers");
  }
}

TEST_F(Closure, DocumentTypesInNoAreaAreOneWarningAtTheAreasKey) {
  ASSERT_EQ(model_.warnings.size(), 1u);
  const Diagnostic& warning = model_.warnings.front();
  EXPECT_EQ(warning.message, "4 document type(s) that no area lists: EntityRef, Task, ThingSpec, Zoo");
  EXPECT_EQ(warning.code, "type-in-no-area");
  EXPECT_EQ(warning.where.line, 7);
}

// `emgen generate --types` over the project's schemas.
emgen_test::RunResult generate_types(const emgen_test::fs::path& out, const std::string& types) {
  return emgen_test::run({EMGEN_EXE, "generate", "--schemas", EMGEN_SCHEMAS_DIR, "--templates", EMGEN_TEMPLATES_DIR,
                          "--out", out.string(), "--types", types});
}

TEST(EmgenGenerateTypes, WritesEveryListedFileWithOnlyTheClosuresCode) {
  emgen_test::TempDir dir;
  const emgen_test::RunResult generated = generate_types(dir / "out", "BackupJobSession");
  ASSERT_EQ(generated.status, 0) << generated.err;
  const emgen_test::RunResult outputs = emgen_test::run({EMGEN_EXE, "outputs", "--schemas", EMGEN_SCHEMAS_DIR});
  ASSERT_EQ(outputs.status, 0) << outputs.err;
  std::string written;
  for (const auto& path : emgen_test::list_files(dir / "out")) written += path + "\n";
  EXPECT_EQ(written, outputs.out);

  const std::string session = emgen_test::read_text(dir / "out/include/veeam/em/backup_job_session.hpp");
  EXPECT_NE(session.find("struct BackupJobSession : Entity {"), std::string::npos);
  const std::string accelerator = emgen_test::read_text(dir / "out/include/veeam/em/wan_accelerator.hpp");
  EXPECT_EQ(accelerator.find("struct WanAccelerator"), std::string::npos) << accelerator;
  const std::string client = emgen_test::read_text(dir / "out/include/veeam/em/client.hpp");
  EXPECT_NE(
      client.find("BackupJobSession get_backup_session(std::string_view id, const emgen::CallOptions& options = {});"),
      std::string::npos);
  EXPECT_NE(client.find(
                "EntityRef get_backup_session_reference(std::string_view id, const emgen::CallOptions& options = {});"),
            std::string::npos);
  EXPECT_EQ(client.find("get_wan_accelerator"), std::string::npos);
  EXPECT_EQ(client.find("BackupTaskSession"), std::string::npos);
}

TEST(EmgenGenerateAreas, WritesEveryListedFileWithTheClosureOfTheAreasTypes) {
  emgen_test::TempDir dir;
  const emgen_test::RunResult generated =
      emgen_test::run({EMGEN_EXE, "generate", "--schemas", EMGEN_SCHEMAS_DIR, "--templates", EMGEN_TEMPLATES_DIR,
                       "--out", (dir / "out").string(), "--areas", "sessions"});
  ASSERT_EQ(generated.status, 0) << generated.err;
  const emgen_test::RunResult outputs = emgen_test::run({EMGEN_EXE, "outputs", "--schemas", EMGEN_SCHEMAS_DIR});
  ASSERT_EQ(outputs.status, 0) << outputs.err;
  std::string written;
  for (const auto& path : emgen_test::list_files(dir / "out")) written += path + "\n";
  EXPECT_EQ(written, outputs.out);

  const std::string client = emgen_test::read_text(dir / "out/include/veeam/em/client.hpp");
  for (const char* method : {"BackupJobSession get_backup_session(", "BackupTaskSession get_backup_task_session(",
                             "RestoreSession get_restore_session(", "ReplicaJobSession get_replica_session("})
    EXPECT_NE(client.find(method), std::string::npos) << method;
  EXPECT_EQ(client.find("get_wan_accelerator"), std::string::npos);
  EXPECT_EQ(client.find("Job get_job("), std::string::npos);
  const std::string accelerator = emgen_test::read_text(dir / "out/include/veeam/em/wan_accelerator.hpp");
  EXPECT_EQ(accelerator.find("struct WanAccelerator"), std::string::npos) << accelerator;
  // A schema file with nothing in the closure keeps its source, which CMake lists, but that source includes
  // nothing: a unity batch of such files then costs nothing to compile. One with something in it is whole.
  const std::string outside = emgen_test::read_text(dir / "out/src/wan_accelerator.cpp");
  EXPECT_EQ(outside.find("#include"), std::string::npos) << outside;
  EXPECT_NE(outside.find("None of its types and enums is in the set generated here"), std::string::npos) << outside;
  EXPECT_NE(emgen_test::read_text(dir / "out/src/backup_job_session.cpp").find("#include"), std::string::npos);

  // --areas with --types: the closure of both.
  const emgen_test::RunResult both =
      emgen_test::run({EMGEN_EXE, "generate", "--schemas", EMGEN_SCHEMAS_DIR, "--templates", EMGEN_TEMPLATES_DIR,
                       "--out", (dir / "both").string(), "--areas", "sessions", "--types", "WanAccelerator"});
  ASSERT_EQ(both.status, 0) << both.err;
  EXPECT_NE(emgen_test::read_text(dir / "both/include/veeam/em/wan_accelerator.hpp").find("struct WanAccelerator"),
            std::string::npos);
  EXPECT_NE(
      emgen_test::read_text(dir / "both/include/veeam/em/client.hpp").find("BackupJobSession get_backup_session("),
      std::string::npos);
}

// Every document type of the project's schemas is in an area (emgen check warns of none), so all the areas
// together are the whole set: the committed generated/ byte for byte, every client method included.
TEST(EmgenGenerateAreas, AllTheAreasTogetherGenerateWhatTheWholeSetDoes) {
  emgen_test::TempDir dir;
  const emgen_test::RunResult listing =
      emgen_test::run({EMGEN_EXE, "inspect", "--schemas", EMGEN_SCHEMAS_DIR, "--list-areas"});
  ASSERT_EQ(listing.status, 0) << listing.err;
  std::string areas;
  std::istringstream lines(listing.out);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line.front() != ' ' && line.rfind("all ", 0) != 0)
      areas += (areas.empty() ? "" : ",") + line.substr(0, line.find(':'));
  ASSERT_NE(areas.find("sessions,jobs,"), std::string::npos) << areas;
  const emgen_test::RunResult generated =
      emgen_test::run({EMGEN_EXE, "generate", "--schemas", EMGEN_SCHEMAS_DIR, "--templates", EMGEN_TEMPLATES_DIR,
                       "--out", (dir / "out").string(), "--areas", areas});
  ASSERT_EQ(generated.status, 0) << generated.err;
  const auto files = emgen_test::list_files(dir / "out");
  ASSERT_FALSE(files.empty());
  for (const auto& file : files)
    EXPECT_EQ(emgen_test::read_text(dir / "out" / file),
              emgen_test::read_text(emgen_test::fs::path(EMGEN_GENERATED_DIR) / file))
        << file;
}

TEST(EmgenGenerateAreas, AnUnknownAreaIsAUsageErrorListingTheAreasAndWritesNothing) {
  emgen_test::TempDir dir;
  const emgen_test::RunResult result =
      emgen_test::run({EMGEN_EXE, "generate", "--schemas", EMGEN_SCHEMAS_DIR, "--templates", EMGEN_TEMPLATES_DIR,
                       "--out", (dir / "out").string(), "--areas", "sessions,job"});
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("emgen generate: --areas: no area 'job' in " EMGEN_SCHEMAS_DIR
                            "/api.yaml (did you mean 'jobs'?); its areas: sessions, jobs, infrastructure, "),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(emgen_test::fs::exists(dir / "out"));
}

TEST(EmgenGenerateTypes, AnUnknownTypeIsAUsageErrorAndWritesNothing) {
  emgen_test::TempDir dir;
  const emgen_test::RunResult result = generate_types(dir / "out", "QueryResult,BackupJobSesion");
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.err.find("emgen generate: --types: no type 'BackupJobSesion' in " EMGEN_SCHEMAS_DIR
                            " (did you mean 'BackupJobSession'?)"),
            std::string::npos)
      << result.err;
  EXPECT_FALSE(emgen_test::fs::exists(dir / "out"));
}

}  // namespace
}  // namespace emgen::gen::precompile
