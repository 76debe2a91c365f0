#include "emgen/api_error.hpp"

#include "emgen/error.hpp"

namespace emgen {
namespace {

std::string_view skip_leading_space(std::string_view text) noexcept {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 byte order mark
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos ? std::string_view{} : text.substr(first);
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
                    const std::optional<veeam::em::Error>& details, const std::vector<std::string>& earlier_attempts) {
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
  if (details && details->message && !details->message->empty()) {
    out += ": ";
    out += one_line(*details->message);
  }
  return out + attempts_note(earlier_attempts);
}

}  // namespace

std::optional<veeam::em::Error> parse_error_details(std::string_view body) {
  const std::string_view text = skip_leading_space(body);
  // Read leniently but without collecting warnings: the body itself is kept in the ApiError.
  try {
    if (text.starts_with('<')) return veeam::em::Error::from_xml(text);
    if (text.starts_with('{')) {
      veeam::em::Error details = veeam::em::Error::from_json(text);
      // Any JSON object reads as an Error with nothing in it; only one that says something is an error body.
      if (!details.message && !details.status_code) return std::nullopt;
      return details;
    }
  } catch (const ParseError&) {
  }
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

std::string attempts_note(const std::vector<std::string>& earlier_attempts) {
  if (earlier_attempts.empty()) return {};
  std::string out = " (attempt " + std::to_string(earlier_attempts.size() + 1) + "; earlier attempts: ";
  for (std::size_t i = 0; i < earlier_attempts.size(); ++i) out += (i == 0 ? "" : "; ") + earlier_attempts[i];
  return out + ")";
}

ApiError::ApiError(int status, std::string method, std::string path_and_query, std::string body,
                   std::vector<std::string> earlier_attempts)
    : ApiError(status, std::move(method), std::move(path_and_query), std::move(body), parse_error_details(body),
               std::move(earlier_attempts)) {}

// Takes rvalue references so that nothing is moved before the details are read from body and the message is
// composed: the base class comes first and needs both.
ApiError::ApiError(int status, std::string&& method, std::string&& path_and_query, std::string&& body,
                   std::optional<veeam::em::Error>&& details, std::vector<std::string>&& earlier_attempts)
    : std::runtime_error(compose(status, method, path_and_query, details, earlier_attempts)),
      status_(status),
      method_(std::move(method)),
      path_(std::move(path_and_query)),
      body_(std::move(body)),
      details_(std::move(details)),
      earlier_attempts_(std::move(earlier_attempts)) {}

void throw_for_status(const Response& response, std::string_view method, std::string_view path_and_query) {
  std::string m(method);
  std::string p(path_and_query);
  const int status = response.status;
  switch (status) {
    case 400:
      throw BadRequest(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
    case 401:
      throw Unauthorized(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
    case 403:
      throw Forbidden(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
    case 404:
      throw NotFound(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
    case 405:
      throw MethodNotAllowed(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
    default:
      if (status >= 500 && status < 600)
        throw ServerError(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
      throw UnexpectedStatus(status, std::move(m), std::move(p), response.body, response.earlier_attempts);
  }
}

}  // namespace emgen
