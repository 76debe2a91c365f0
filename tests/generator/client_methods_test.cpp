// The generated veeam::em::Client has one method per endpoint the schemas declare for it (two for an endpoint
// with a reference and an entity form), and each says which endpoint it calls: counted here from schemas/ and
// from the committed generated/ (which generated_dir_is_fresh keeps current).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "pipeline.hpp"

namespace {

using namespace emgen::gen;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(GeneratedClient, HasOneMethodPerEndpointOfTheSchemas) {
  ir::Model model;
  pipeline::load(EMGEN_SCHEMAS_DIR, model);
  std::map<std::string, int> expected;  // "GET /path" → methods
  int expected_total = 0;
  for (const ir::Type& type : model.types)
    for (const ir::Endpoint& endpoint : type.endpoints) {
      if (!endpoint.client) continue;
      const int methods = endpoint.entity ? 2 : 1;
      expected[endpoint.method + " " + endpoint.path] += methods;
      expected_total += methods;
    }

  // Each method's comment starts with the endpoint it calls: `  /// GET /backupSessions/{ID}: ...`.
  const std::string header = read_text(std::string(EMGEN_GENERATED_DIR) + "/include/veeam/em/client.hpp");
  ASSERT_FALSE(header.empty());
  const std::regex method(
      R"(\n  /// (GET|POST|PUT|DELETE) (\S+?):[^\n]*\n(?:  ///[^\n]*\n)*  [A-Za-z_:<> ]+ [a-z_0-9]+\()");
  std::map<std::string, int> found;
  int found_total = 0;
  for (auto it = std::sregex_iterator(header.begin(), header.end(), method); it != std::sregex_iterator(); ++it) {
    ++found[(*it)[1].str() + " " + (*it)[2].str()];
    ++found_total;
  }
  EXPECT_EQ(found, expected);
  EXPECT_EQ(found_total, expected_total);
  // The EM surface this project covers today, so that losing endpoints is noticed (update it when adding some).
  EXPECT_GE(expected_total, 106);
}

TEST(GeneratedClient, MethodsOfEndpointsWithABodyTakeItBeforeTheCallOptions) {
  ir::Model model;
  pipeline::load(EMGEN_SCHEMAS_DIR, model);
  const std::string header = read_text(std::string(EMGEN_GENERATED_DIR) + "/include/veeam/em/client.hpp");
  ASSERT_FALSE(header.empty());
  int with_body = 0;
  for (const ir::Type& type : model.types)
    for (const ir::Endpoint& endpoint : type.endpoints) {
      if (!endpoint.client || endpoint.body == nullptr) continue;
      ++with_body;
      // The method's comment names the endpoint; the first line after the comment declares it.
      std::size_t at = header.find("\n  /// " + endpoint.method + " " + endpoint.path + ":");
      ASSERT_NE(at, std::string::npos) << endpoint.method << " " << endpoint.path;
      while (header.compare(at + 1, 5, "  ///") == 0) at = header.find('\n', at + 1);
      const std::string declaration = header.substr(at + 1, header.find('\n', at + 1) - at - 1);
      EXPECT_TRUE(
          declaration.ends_with("const " + endpoint.body->name + "& body, const emgen::CallOptions& options = {});"))
          << declaration;
    }
  // Credentials, passwords, security accounts: the write side of the schemas.
  EXPECT_GE(with_body, 7);
}

}  // namespace
