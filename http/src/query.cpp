#include "emgen/query.hpp"

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
    const std::string_view segment = path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
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
