#pragma once
// The example payloads of a help page: XML documents flattened into table cells, made documents again.

#include <optional>
#include <string>

namespace emgen::gen::import::help_page {

struct Payload {
  std::string text;  // reconstructed
  std::string root;
  bool complete = false;
  int line = 0;
  std::string caption;
};

/// A cell that holds a JSON document (the pages show request and response bodies in both forms).
bool is_json_payload(const std::string& cell);

/// The response document of a cell (all of it, or what follows "Response Body:"); nothing for a cell that
/// holds none.
std::optional<Payload> payload_of(const std::string& cell, int line, const std::string& caption);

/// The body an example request sends: what stands between "Request Body:" and the "Response:" that follows it.
std::optional<Payload> request_payload_of(const std::string& cell, int line, const std::string& caption);

}  // namespace emgen::gen::import::help_page
