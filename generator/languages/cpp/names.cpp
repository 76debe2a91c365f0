#include "languages/cpp/names.hpp"

#include <cstdio>

#include "naming.hpp"

namespace emgen::gen::cpp {

std::string parse_function_name(const std::string& enum_name) { return "parse_" + snake_case(enum_name); }

std::string string_literal(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\%03o", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string include_prefix(const std::string& cpp_namespace) {
  std::string out;
  for (std::size_t i = 0; i < cpp_namespace.size(); ++i) {
    if (cpp_namespace.compare(i, 2, "::") == 0) {
      out += '/';
      ++i;
    } else {
      out += cpp_namespace[i];
    }
  }
  return out;
}

std::string test_name(const std::string& file_name) { return example_test_name(file_name); }

}  // namespace emgen::gen::cpp
