#pragma once
// How schema names become C++ names and literals.

#include <string>

#include "naming.hpp"

namespace emgen::gen::cpp {

/// `BackupJobSessionState` → `parse_backup_job_session_state`.
std::string parse_function_name(const std::string& enum_name);

/// A C++ string literal with quotes, backslashes and control characters escaped.
std::string string_literal(const std::string& text);

/// `veeam::em` → `veeam/em`.
std::string include_prefix(const std::string& cpp_namespace);

/// `examples/BackupJobSession_doc13.xml` → `BackupJobSessionDoc13Xml`: a name gtest accepts.
std::string test_name(const std::string& file_name);

}  // namespace emgen::gen::cpp
