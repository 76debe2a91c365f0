#include "emgen/http.hpp"

#include <algorithm>
#include <array>

namespace emgen {
namespace {

char lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string_view> Headers::find(std::string_view name) const noexcept {
  for (const Header& header : items_)
    if (iequals(header.name, name)) return std::string_view(header.value);
  return std::nullopt;
}

void Headers::set(std::string name, std::string value) {
  remove(name);
  items_.push_back({std::move(name), std::move(value)});
}

void Headers::add(std::string name, std::string value) { items_.push_back({std::move(name), std::move(value)}); }

std::size_t Headers::remove(std::string_view name) {
  return std::erase_if(items_, [&](const Header& header) { return iequals(header.name, name); });
}

std::string_view default_user_agent() noexcept { return "emgen/" EMGEN_VERSION; }

std::string_view to_string(TransportError::Cause cause) noexcept {
  switch (cause) {
    case TransportError::Cause::refused:
      return "refused";
    case TransportError::Cause::timeout:
      return "timeout";
    case TransportError::Cause::tls:
      return "tls";
    case TransportError::Cause::resolve:
      return "resolve";
    case TransportError::Cause::other:
      return "other";
  }
  return "other";
}

Transport::~Transport() = default;

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t at = 0;
  for (; at + 3 <= bytes.size(); at += 3) {
    const unsigned triple = (static_cast<unsigned char>(bytes[at]) << 16) |
                            (static_cast<unsigned char>(bytes[at + 1]) << 8) |
                            static_cast<unsigned char>(bytes[at + 2]);
    out += kAlphabet[(triple >> 18) & 0x3F];
    out += kAlphabet[(triple >> 12) & 0x3F];
    out += kAlphabet[(triple >> 6) & 0x3F];
    out += kAlphabet[triple & 0x3F];
  }
  const std::size_t rest = bytes.size() - at;
  if (rest > 0) {
    unsigned triple = static_cast<unsigned char>(bytes[at]) << 16;
    if (rest == 2) triple |= static_cast<unsigned char>(bytes[at + 1]) << 8;
    out += kAlphabet[(triple >> 18) & 0x3F];
    out += kAlphabet[(triple >> 12) & 0x3F];
    out += rest == 2 ? kAlphabet[(triple >> 6) & 0x3F] : '=';
    out += '=';
  }
  return out;
}

std::string redact_url(std::string_view url) {
  // Query strings may carry filters with user data and, on some servers, credentials; user info certainly
  // does. Neither is needed to say where a request went.
  url = url.substr(0, url.find_first_of("?#"));
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t authority = scheme_end + 3;
  const std::size_t path = std::min(url.find('/', authority), url.size());
  const std::size_t at_sign = url.substr(0, path).rfind('@');
  if (at_sign == std::string_view::npos || at_sign < authority) return std::string(url);
  std::string out(url.substr(0, authority));
  out += url.substr(at_sign + 1);
  return out;
}

bool is_sensitive_header(std::string_view name) noexcept {
  static constexpr std::array<std::string_view, 5> kSensitive = {"Authorization", "Proxy-Authorization",
                                                                 "X-RestSvcSessionId", "Cookie", "Set-Cookie"};
  return std::any_of(kSensitive.begin(), kSensitive.end(), [&](std::string_view s) { return iequals(s, name); });
}

std::string to_string(const Request& request) {
  std::string out = request.method;
  out += ' ';
  out += redact_url(request.url);
  for (const Header& header : request.headers) {
    out += "\n  ";
    out += header.name;
    out += ": ";
    out += is_sensitive_header(header.name) ? std::string("<redacted>") : header.value;
  }
  if (!request.body.empty()) {
    out += "\n  (";
    out += std::to_string(request.body.size());
    out += " bytes of body)";
  }
  return out;
}

}  // namespace emgen
