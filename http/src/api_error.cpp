#include "emgen/api_error.hpp"

#include <simdjson.h>

#include <charconv>
#include <pugixml.hpp>

namespace emgen {
namespace {

std::string_view skip_leading_space(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view{} : text.substr(first);
}

std::string_view local_name(std::string_view name) noexcept {
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::optional<int> to_int(std::string_view text) noexcept {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<ErrorDetails> from_xml(std::string_view body) {
  pugi::xml_document document;
  // No DOCTYPE and no entity expansion (pugixml's default): an error body is no reason to expand anything.
  if (!document.load_buffer(body.data(), body.size(), pugi::parse_default & ~pugi::parse_doctype)) return std::nullopt;
  const pugi::xml_node root = document.document_element();
  if (local_name(root.name()) != "Error") return std::nullopt;
  ErrorDetails details;
  for (const pugi::xml_attribute attribute : root.attributes()) {
    const std::string_view name = local_name(attribute.name());
    if (name == "Message") details.message = attribute.value();
    if (name == "StatusCode") details.status_code = to_int(attribute.value());
    if (name == "Status") details.status = attribute.value();
  }
  // Some versions send Message and StatusCode as elements; the documented form has them as attributes.
  for (const pugi::xml_node child : root.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = local_name(child.name());
    if (name == "FirstChanceExceptionMessage") details.first_chance_exception_message = child.text().get();
    if (name == "StackTrace") details.stack_trace = child.text().get();
    if (name == "Message" && details.message.empty()) details.message = child.text().get();
    if (name == "StatusCode" && !details.status_code) details.status_code = to_int(child.text().get());
    if (name == "Status" && details.status.empty()) details.status = child.text().get();
  }
  return details;
}

// A string member, or empty for null and anything that is not a string.
std::string string_of(simdjson::ondemand::value value) {
  std::string_view text;
  if (value.get_string().get(text)) return {};
  return std::string(text);
}

// Both spellings: EM up to 12.x writes PascalCase member names, EM 13.x camelCase.
std::optional<ErrorDetails> from_json(std::string_view body) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(body);
  simdjson::ondemand::document document;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(document) || document.get_object().get(object)) return std::nullopt;
  ErrorDetails details;
  bool is_error = false;
  for (auto field : object) {
    std::string_view key;
    simdjson::ondemand::value value;
    if (field.unescaped_key().get(key) || field.value().get(value)) return std::nullopt;
    if (key == "Message" || key == "message") {
      details.message = string_of(value);
      is_error = true;
    } else if (key == "StatusCode" || key == "statusCode") {
      is_error = true;
      std::int64_t number = 0;
      std::string_view text;
      simdjson::ondemand::json_type type;
      if (value.type().get(type)) return std::nullopt;
      if (type == simdjson::ondemand::json_type::number && !value.get_int64().get(number))
        details.status_code = static_cast<int>(number);
      else if (type == simdjson::ondemand::json_type::string && !value.get_string().get(text))
        details.status_code = to_int(text);
    } else if (key == "Status" || key == "status") {
      details.status = string_of(value);
    } else if (key == "FirstChanceExceptionMessage" || key == "firstChanceExceptionMessage") {
      details.first_chance_exception_message = string_of(value);
    } else if (key == "StackTrace" || key == "stackTrace") {
      details.stack_trace = string_of(value);
    }
  }
  if (!is_error) return std::nullopt;
  return details;
}

// The server's message goes into what(): one line, bounded, so a hostile or verbose server cannot flood logs.
std::string one_line(std::string_view text) {
  constexpr std::size_t kLimit = 500;
  std::string out;
  for (const char c : text) {
    if (out.size() >= kLimit) {
      out += "...";
      break;
    }
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
  }
  return out;
}

std::string compose(int status, const std::string& method, const std::string& path,
                    const std::optional<ErrorDetails>& details) {
  std::string out;
  if (!method.empty() || !path.empty()) {
    out += method;
    if (!method.empty() && !path.empty()) out += ' ';
    out += path;
    out += ": ";
  }
  out += std::to_string(status);
  out += ' ';
  out += reason_phrase(status);
  if (details && !details->message.empty()) {
    out += ": ";
    out += one_line(details->message);
  }
  return out;
}

}  // namespace

std::optional<ErrorDetails> parse_error_details(std::string_view body) {
  const std::string_view text = skip_leading_space(body);
  if (text.starts_with('<')) return from_xml(text);
  if (text.starts_with('{')) return from_json(text);
  return std::nullopt;
}

std::string_view reason_phrase(int status) noexcept {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 415:
      return "Unsupported Media Type";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown Status";
  }
}

ApiError::ApiError(int status, std::string method, std::string path_and_query, std::string body)
    : ApiError(status, std::move(method), std::move(path_and_query), std::move(body), parse_error_details(body)) {}

// Takes rvalue references so that nothing is moved before the details are read from body and the message is
// composed: the base class comes first and needs both.
ApiError::ApiError(int status, std::string&& method, std::string&& path_and_query, std::string&& body,
                   std::optional<ErrorDetails>&& details)
    : std::runtime_error(compose(status, method, path_and_query, details)),
      status_(status),
      method_(std::move(method)),
      path_(std::move(path_and_query)),
      body_(std::move(body)),
      details_(std::move(details)) {}

void throw_for_status(const Response& response, std::string_view method, std::string_view path_and_query) {
  std::string m(method);
  std::string p(path_and_query);
  const int status = response.status;
  switch (status) {
    case 400:
      throw BadRequest(status, std::move(m), std::move(p), response.body);
    case 401:
      throw Unauthorized(status, std::move(m), std::move(p), response.body);
    case 403:
      throw Forbidden(status, std::move(m), std::move(p), response.body);
    case 404:
      throw NotFound(status, std::move(m), std::move(p), response.body);
    case 405:
      throw MethodNotAllowed(status, std::move(m), std::move(p), response.body);
    default:
      if (status >= 500 && status < 600) throw ServerError(status, std::move(m), std::move(p), response.body);
      throw UnexpectedStatus(status, std::move(m), std::move(p), response.body);
  }
}

}  // namespace emgen
