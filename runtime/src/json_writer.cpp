#include "emgen/json_writer.hpp"

#include <simdjson.h>

#include <cassert>
#include <charconv>
#include <stdexcept>

namespace emgen::json {
namespace {

bool in_range(unsigned char byte, unsigned char low, unsigned char high) noexcept {
  return byte >= low && byte <= high;
}

// Length of the well-formed UTF-8 sequence starting at text[at], or 0 when there is none. Follows the
// Unicode table of well-formed byte sequences (3.9, table 3-7), which rules out overlong forms,
// surrogates and code points past U+10FFFF by the range allowed for the second byte.
std::size_t sequence_length(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const std::size_t left = text.size() - at;
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (in_range(lead, 0xC2, 0xDF)) {
    length = 2;
  } else if (in_range(lead, 0xE0, 0xEF)) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // below: overlong
    if (lead == 0xED) high = 0x9F;  // above: surrogates D800-DFFF
  } else if (in_range(lead, 0xF0, 0xF4)) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // below: overlong
    if (lead == 0xF4) high = 0x8F;  // above: past U+10FFFF
  } else {
    return 0;  // a continuation byte, C0/C1 (always overlong) or F5-FF
  }
  if (left < length || !in_range(byte(1), low, high)) return 0;
  for (std::size_t i = 2; i < length; ++i)
    if (!in_range(byte(i), 0x80, 0xBF)) return 0;
  return length;
}

}  // namespace

std::size_t invalid_utf8_offset(std::string_view text) noexcept {
  // A whole document (XML is checked before pugixml reads it) is checked at once by simdjson's vectorised
  // validator, many bytes per step; the byte-by-byte walk below runs on short texts, where the call through
  // simdjson's runtime-selected implementation costs more than it saves, and to find where a long text goes wrong.
  constexpr std::size_t kBlockCheckFrom = 64;
  if (text.size() >= kBlockCheckFrom && simdjson::validate_utf8(text.data(), text.size()))
    return std::string_view::npos;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(text, at);
    if (length == 0) return at;
    at += length;
  }
  return std::string_view::npos;
}

namespace {

// Checked in full before anything is written, so a refused string leaves the output as it was.
void validate_utf8(std::string_view text) {
  const std::size_t at = invalid_utf8_offset(text);
  if (at != std::string_view::npos) throw std::invalid_argument("invalid UTF-8 at byte " + std::to_string(at));
}

void append_escaped(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
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
        if (static_cast<unsigned char>(c) < 0x20) {
          static constexpr char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[static_cast<unsigned char>(c) >> 4];
          out += kHex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_members_.empty()) return;
  if (has_members_.back()) out_ += ',';
  has_members_.back() = true;
  newline();
}

void Writer::newline() {
  if (!pretty_) return;
  out_ += '\n';
  out_.append(2 * has_members_.size(), ' ');
}

void Writer::begin_object() {
  before_value();
  out_ += '{';
  has_members_.push_back(false);
}

void Writer::end_object() {
  assert(!has_members_.empty() && !after_key_);
  const bool had_members = has_members_.back();
  has_members_.pop_back();
  // Empty containers stay on one line: `{}` reads better than a brace pair split by a blank line.
  if (had_members) newline();
  out_ += '}';
}

void Writer::begin_array() {
  before_value();
  out_ += '[';
  has_members_.push_back(false);
}

void Writer::end_array() {
  assert(!has_members_.empty() && !after_key_);
  const bool had_members = has_members_.back();
  has_members_.pop_back();
  if (had_members) newline();
  out_ += ']';
}

void Writer::key(const Key& key) {
  assert(!has_members_.empty() && !after_key_);
  const std::string_view name = key.in(style_);
  validate_utf8(name);
  before_value();
  append_escaped(out_, name);
  out_ += pretty_ ? ": " : ":";
  after_key_ = true;
}

void Writer::string(std::string_view utf8) {
  validate_utf8(utf8);
  before_value();
  append_escaped(out_, utf8);
}

void Writer::integer(std::int64_t value) {
  before_value();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, result.ptr);
}

void Writer::number(double value) {
  // Formatted first: a NaN is refused before the writer has written half a member.
  const std::string text = format_scalar(value);
  before_value();
  out_ += text;
}

void Writer::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void Writer::null() {
  before_value();
  out_ += "null";
}

void append_without_layout(std::string& out, std::string_view json) {
  bool in_string = false;
  for (std::size_t at = 0; at < json.size(); ++at) {
    const char c = json[at];
    if (in_string) {
      out += c;
      if (c == '\\' && at + 1 < json.size())
        out += json[++at];
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      out += c;
    }
  }
}

void Writer::raw(std::string_view json) {
  before_value();
  append_without_layout(out_, json);
}

std::optional<JsonStyle> style_of(std::string_view text) noexcept {
  constexpr std::string_view kBlank = " \t\r\n";
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::size_t at = text.find_first_not_of(kBlank);
  if (at == std::string_view::npos || text[at] != '{') return std::nullopt;
  at = text.find_first_not_of(kBlank, at + 1);
  if (at == std::string_view::npos || text[at] != '"' || at + 1 >= text.size()) return std::nullopt;
  const char first = text[at + 1];
  if (first >= 'a' && first <= 'z') return JsonStyle::camel;
  if (first >= 'A' && first <= 'Z') return JsonStyle::pascal;
  return std::nullopt;
}

void write_member(Writer& writer, const Key& key, const std::string& value) {
  writer.key(key);
  write_value(writer, value);
}
void write_member(Writer& writer, const Key& key, std::int32_t value) {
  writer.key(key);
  write_value(writer, value);
}
void write_member(Writer& writer, const Key& key, std::int64_t value) {
  writer.key(key);
  write_value(writer, value);
}
void write_member(Writer& writer, const Key& key, double value) {
  writer.key(key);
  write_value(writer, value);
}
void write_member(Writer& writer, const Key& key, bool value) {
  writer.key(key);
  write_value(writer, value);
}
void write_member(Writer& writer, const Key& key, DateTime value) {
  writer.key(key);
  write_value(writer, value);
}
void write_member(Writer& writer, const Key& key, const Uid& value) {
  if (value.empty()) return;
  writer.key(key);
  write_value(writer, value);
}
void write_string_member(Writer& writer, const Key& key, std::string_view text) {
  writer.key(key);
  writer.string(text);
}

}  // namespace emgen::json
