#pragma once
// Shared by the JSON tests: reading fixtures, and matching a ParseError's path, message and position.

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeinfo>

#include "veeam/em/backup_file.hpp"
#include "veeam/em/backup_job_session.hpp"
#include "veeam/em/common.hpp"
#include "veeam/em/credentials.hpp"
#include "veeam/em/enterprise_manager.hpp"
#include "veeam/em/entity_references.hpp"
#include "veeam/em/error.hpp"
#include "veeam/em/index.hpp"
#include "veeam/em/logon_session.hpp"
#include "veeam/em/query_result.hpp"
#include "veeam/em/repository.hpp"
#include "veeam/em/session_result.hpp"
#include "veeam/em/system_session.hpp"
#include "veeam/em/task.hpp"

#ifndef EMGEN_EXAMPLES_DIR
#error "Compile with EMGEN_EXAMPLES_DIR defined as the schemas/examples directory."
#endif
#ifndef EMGEN_MADE_HERE_DIR
#error "Compile with EMGEN_MADE_HERE_DIR defined as the tests/json/made_here directory."
#endif

namespace json_test {

namespace fs = std::filesystem;

inline constexpr emgen::ReadMode kStrict = emgen::ReadMode::strict;
inline constexpr emgen::ReadMode kLenient = emgen::ReadMode::lenient;

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline fs::path example_path(std::string_view name) { return fs::path(EMGEN_EXAMPLES_DIR) / name; }
inline fs::path made_here_path(std::string_view name) { return fs::path(EMGEN_MADE_HERE_DIR) / name; }
inline std::string example(std::string_view name) { return read_file(example_path(name)); }
inline std::string made_here(std::string_view name) { return read_file(made_here_path(name)); }

/// What a ParseError should say. line/column 0: not checked.
struct Expected {
  std::string path;
  std::string message_part;
  std::size_t line = 0;
  std::size_t column = 0;
};

/// Runs parse, which must throw emgen::ParseError matching expected (and nothing else: no other exception,
/// no success).
inline ::testing::AssertionResult fails_with(const std::function<void()>& parse, const Expected& expected) {
  try {
    parse();
  } catch (const emgen::ParseError& error) {
    std::ostringstream problems;
    if (error.path() != expected.path) problems << " path is `" << error.path() << "`, not `" << expected.path << "`;";
    if (error.message().find(expected.message_part) == std::string::npos)
      problems << " message does not contain `" << expected.message_part << "`;";
    if (expected.line != 0 && (error.line() != expected.line || error.column() != expected.column))
      problems << " position is " << error.line() << ":" << error.column() << ", not " << expected.line << ":"
               << expected.column << ";";
    // what() is LINE:COL: PATH: MESSAGE.
    const std::string what = error.what();
    if (what.find(error.message()) == std::string::npos || what.find(error.path()) == std::string::npos)
      problems << " what() does not carry path and message;";
    if (problems.str().empty()) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "ParseError `" << what << "`:" << problems.str();
  } catch (const std::exception& error) {
    return ::testing::AssertionFailure() << "threw " << typeid(error).name() << " (not ParseError): " << error.what();
  }
  return ::testing::AssertionFailure() << "parsed without an error";
}

/// Replaces the one occurrence of from in text (the test fails when there is not exactly one).
inline std::string replace_once(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) {
    ADD_FAILURE() << "`" << from << "` is not found exactly once";
    return text;
  }
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace json_test
