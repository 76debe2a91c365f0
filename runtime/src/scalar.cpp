#include "emgen/scalar.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "text.hpp"

namespace emgen {
namespace {

constexpr std::string_view kXmlWhitespace = " \t\r\n";
// Long enough to recognise a value in a message, short enough that a megabyte of junk stays out of logs.
constexpr std::size_t kQuoteLimit = 80;

}  // namespace

namespace detail {

std::string_view trim_xml_whitespace(std::string_view text) noexcept {
  const std::size_t first = text.find_first_not_of(kXmlWhitespace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(kXmlWhitespace);
  return text.substr(first, last - first + 1);
}

std::string_view article_for(std::string_view word) noexcept {
  // Spelling approximates sound: "an Int", "an EJobType", but "a Uid", "a UserRole", "a UniqueKey"
  // (a U that sounds like "you": followed by a vowel, by one consonant then a vowel, or an acronym),
  // while "an Unlisted", "an Update" keep "an".
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const auto vowel = [&](char c) {
    c = lower(c);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
  };
  if (word.empty()) return "a";
  const char first = lower(word[0]);
  if (first == 'a' || first == 'e' || first == 'i' || first == 'o') return "an";
  if (first != 'u') return "a";
  if (word.size() < 3) return "a";
  if (word[0] == 'U' && word[1] >= 'A' && word[1] <= 'Z') return "a";
  if (vowel(word[1]) || vowel(word[2])) return "a";
  return "an";
}

void append_quoted(std::string& out, std::string_view text) {
  bool cut = false;
  if (text.size() > kQuoteLimit) {
    std::size_t size = kQuoteLimit;
    // Back off to a code point boundary so the excerpt does not end in half a UTF-8 character.
    for (int i = 0; i < 3 && size > 0 && (static_cast<unsigned char>(text[size]) & 0xC0) == 0x80; ++i) --size;
    text = text.substr(0, size);
    cut = true;
  }
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\x";
          out += kHex[byte >> 4];
          out += kHex[byte & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  if (cut) out += "...";
}

}  // namespace detail

namespace {

template <class Integer>
ScalarResult parse_integer(std::string_view text, Integer& out) {
  text = detail::trim_xml_whitespace(text);
  // xsd:int and xsd:long allow an explicit plus sign; from_chars does not, so it is stripped here, and
  // only when a digit follows, so that "+-1" and "+" stay invalid.
  if (text.size() >= 2 && text[0] == '+' && text[1] >= '0' && text[1] <= '9') text.remove_prefix(1);
  if (text.empty()) return ScalarResult::invalid;
  const char* const end = text.data() + text.size();
  Integer value{};
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  // Trailing characters make it another form entirely ("1.0", "12abc"), even when the digits overflow.
  if (stop != end) return ScalarResult::invalid;
  if (error == std::errc::result_out_of_range) return ScalarResult::out_of_range;
  if (error != std::errc{}) return ScalarResult::invalid;
  out = value;
  return ScalarResult::ok;
}

template <class Integer>
std::string format_integer(Integer value) {
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// The decimal forms xsd:double and JSON numbers share: an optional sign, digits with an optional fraction
// (`5.83`, `5.`, `.5`), an optional exponent. INF, NaN and hexadecimal floats, which from_chars would take,
// are not values EM sends and are refused.
bool is_decimal(std::string_view text) noexcept {
  std::size_t at = 0;
  const auto digits = [&] {
    const std::size_t start = at;
    while (at < text.size() && is_digit(text[at])) ++at;
    return at - start;
  };
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
  std::size_t mantissa = digits();
  if (at < text.size() && text[at] == '.') {
    ++at;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    if (digits() == 0) return false;
  }
  return at == text.size();
}

}  // namespace

ScalarResult parse_scalar(std::string_view text, double& out) {
  text = detail::trim_xml_whitespace(text);
  if (!is_decimal(text)) return ScalarResult::invalid;
  if (text.front() == '+') text.remove_prefix(1);
  double value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value, std::chars_format::general);
  // 1e400 overflows; 1e-400 underflows, which libstdc++ also reports as out of range.
  if (error == std::errc::result_out_of_range) return ScalarResult::out_of_range;
  if (error != std::errc{} || stop != end) return ScalarResult::invalid;
  out = value;
  return ScalarResult::ok;
}

ScalarResult parse_scalar(std::string_view text, std::string& out) {
  out.assign(text);
  return ScalarResult::ok;
}

ScalarResult parse_scalar(std::string_view text, std::int32_t& out) { return parse_integer(text, out); }

ScalarResult parse_scalar(std::string_view text, std::int64_t& out) { return parse_integer(text, out); }

ScalarResult parse_scalar(std::string_view text, bool& out) {
  text = detail::trim_xml_whitespace(text);
  // xsd:boolean's four forms, plus the capitalised ones .NET's Boolean.ToString() writes.
  if (text == "true" || text == "True" || text == "1") {
    out = true;
    return ScalarResult::ok;
  }
  if (text == "false" || text == "False" || text == "0") {
    out = false;
    return ScalarResult::ok;
  }
  return ScalarResult::invalid;
}

ScalarResult parse_scalar(std::string_view text, DateTime& out) {
  const auto value = parse_datetime(detail::trim_xml_whitespace(text));
  if (!value) return ScalarResult::invalid;
  out = *value;
  return ScalarResult::ok;
}

ScalarResult parse_scalar(std::string_view text, Uid& out) {
  auto value = Uid::parse(detail::trim_xml_whitespace(text));
  if (!value) return ScalarResult::invalid;
  out = std::move(*value);
  return ScalarResult::ok;
}

std::string scalar_error(std::string_view text, std::string_view type_name, ScalarResult result) {
  std::string out;
  detail::append_quoted(out, text);
  if (result == ScalarResult::out_of_range) {
    out += " is out of range for ";
  } else {
    out += " is not ";
    out += detail::article_for(type_name);
    out += ' ';
  }
  out += type_name;
  return out;
}

std::string format_scalar(std::int32_t value) { return format_integer(value); }
std::string format_scalar(std::int64_t value) { return format_integer(value); }
std::string format_scalar(double value) {
  if (!std::isfinite(value))
    throw std::invalid_argument("a Double must be finite: EM's XML and JSON forms have no NaN or infinity");
  char buffer[32];
  // Shortest form that reads back as the same double.
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}
std::string format_scalar(bool value) { return value ? "true" : "false"; }
std::string format_scalar(DateTime value) { return format_datetime(value); }
std::string format_scalar(const Uid& value) { return value.to_string(); }

}  // namespace emgen
