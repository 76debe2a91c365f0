#include "emgen/query.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "emgen/scalar.hpp"

namespace emgen {

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

std::string percent_encode_path(std::string_view path) {
  std::string out;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    const std::string_view segment =
        path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (segment == "." || segment == "..") {
      for (std::size_t i = 0; i < segment.size(); ++i) out += "%2E";
    } else {
      std::size_t from = 0;
      for (std::size_t colon = segment.find(':'); colon != std::string_view::npos; colon = segment.find(':', from)) {
        out += percent_encode(segment.substr(from, colon - from)) + ":";
        from = colon + 1;
      }
      out += percent_encode(segment.substr(from));
    }
    if (slash == std::string_view::npos) return out;
    out += '/';
    start = slash + 1;
  }
}

std::string filter_literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string filter_literal(DateTime value) { return "\"" + format_datetime(value) + "\""; }
std::string filter_literal(std::int64_t value) { return std::to_string(value); }
std::string filter_literal(bool value) { return value ? "true" : "false"; }
std::string filter_literal(double value) { return format_scalar(value); }
std::string filter_literal(const Uid& value) { return filter_literal(std::string_view(value.to_string())); }

namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// text with %XX decoded and letters lowered: how a server that decodes the query before it compares names
/// case-insensitively sees it. A `%` without two hex digits stays as it is.
std::string canonical(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%' && i + 2 < text.size() && hex_digit(text[i + 1]) >= 0 && hex_digit(text[i + 2]) >= 0) {
      c = static_cast<char>(hex_digit(text[i + 1]) * 16 + hex_digit(text[i + 2]));
      i += 2;
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// The value of the query's first `format=` (decoded, lower case), or nullopt when it has none.
std::optional<std::string> format_of(std::string_view query) {
  for (std::size_t start = 0; start <= query.size();) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    const std::size_t equals = pair.find('=');
    if (canonical(pair.substr(0, equals)) == "format")
      return equals == std::string_view::npos ? std::string() : canonical(pair.substr(equals + 1));
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace

std::string entity_form_query(std::string_view query, std::string_view method) {
  if (const auto format = format_of(query))
    throw std::invalid_argument(std::string(method) + ": the query asks for format=" + *format + ", but " +
                                std::string(method) + " sets format=Entity itself; leave format= out of its query");
  return query.empty() ? std::string("format=Entity") : std::string(query) + "&format=Entity";
}

std::string_view reference_form_query(std::string_view query, std::string_view method, std::string_view entity_method) {
  const auto format = format_of(query);
  if (format && (*format == "entity" || *format == "entities"))
    throw std::invalid_argument(std::string(method) + " reads references, but the query asks for format=" + *format +
                                ", which EM answers with entities; call " + std::string(entity_method) + " for them");
  return query;
}

Query& Query::where(const Filter& filter) {
  filters_.push_back(filter.expression());
  return *this;
}

std::string Query::to_string() const {
  std::string out = "type=" + percent_encode(type_);
  if (!format_.empty()) out += "&format=" + format_;
  if (!filters_.empty()) {
    std::string joined;
    for (const auto& filter : filters_) joined += (joined.empty() ? "" : ";") + filter;
    out += "&filter=" + percent_encode(joined);
  }
  if (!sort_.empty()) out += "&" + sort_;
  if (page_size_ > 0) out += "&pageSize=" + std::to_string(page_size_);
  if (page_ > 0) out += "&page=" + std::to_string(page_);
  return out;
}

}  // namespace emgen
