#include "emgen/json_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>

#include "emgen/json_simdjson.hpp"
#include "emgen/json_writer.hpp"
#include "text.hpp"

namespace emgen::json {
namespace {

std::string_view kind_of(ondemand::json_type type) {
  switch (type) {
    case ondemand::json_type::array:
      return "an array";
    case ondemand::json_type::object:
      return "an object";
    case ondemand::json_type::number:
      return "a number";
    case ondemand::json_type::string:
      return "a string";
    case ondemand::json_type::boolean:
      return "a boolean";
    case ondemand::json_type::null:
      return "null";
  }
  return "a value";
}

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!word) return false;
  }
  return !(key.front() >= '0' && key.front() <= '9');
}

// simdjson finds these for the whole document at once and does not say where.
enum class StringProblem { unclosed, control_character };

// Walks the strings of source: the offset of the quote that opens a string never closed, or of the first raw
// control character (below U+0020) in a string; fallback when there is none.
std::size_t string_problem_at(std::string_view source, StringProblem problem, std::size_t fallback) {
  std::size_t open = std::string_view::npos;
  for (std::size_t at = 0; at < source.size(); ++at) {
    const char c = source[at];
    if (open == std::string_view::npos) {
      if (c == '"') open = at;
    } else if (c == '\\') {
      ++at;
    } else if (c == '"') {
      open = std::string_view::npos;
    } else if (problem == StringProblem::control_character && static_cast<unsigned char>(c) < 0x20) {
      return at;
    }
  }
  return problem == StringProblem::unclosed && open != std::string_view::npos ? open : fallback;
}

/// Walks the brackets of source from start, outside strings, calling on_bracket(offset, depth after it) for
/// each `{[` and `}]` until it returns false. Both the nesting limit and the end of the root object are found
/// this way, without simdjson's help.
template <class OnBracket>
void walk_brackets(std::string_view source, std::size_t start, OnBracket&& on_bracket) {
  const char* const begin = source.data();
  const char* const end = begin + source.size();
  std::size_t depth = 0;
  for (const char* at = begin + start; at < end; ++at) {
    const char c = *at;
    if (c == '"') {
      // Most of a document's bytes are inside strings: memchr finds each closing quote many bytes at a time. A
      // quote is escaped when an odd run of backslashes precedes it (each pair escapes itself).
      for (;;) {
        const char* quote = static_cast<const char*>(std::memchr(at + 1, '"', static_cast<std::size_t>(end - at - 1)));
        if (quote == nullptr) return;  // an unclosed string: no bracket follows it
        const char* run = quote;
        while (run[-1] == '\\') --run;
        at = quote;
        if ((quote - run) % 2 == 0) break;
      }
    } else if (c == '{' || c == '[') {
      if (!on_bracket(static_cast<std::size_t>(at - begin), ++depth)) return;
    } else if ((c == '}' || c == ']') && depth > 0) {
      if (!on_bracket(static_cast<std::size_t>(at - begin), --depth)) return;
    }
  }
}

// simdjson refuses a root object whose document does not end with `}`: either the object is not closed
// (a truncated document, reported at its end) or something follows it (reported where that starts).
[[noreturn]] void fail_unclosed(const Reader& reader, std::string_view source, std::size_t root) {
  walk_brackets(source, root, [&](std::size_t at, std::size_t depth) {
    if (depth != 0) return true;
    const std::size_t next = source.find_first_not_of(" \t\r\n", at + 1);
    if (next != std::string_view::npos) reader.fail(next, "unexpected content after the end of the document");
    return false;
  });
  fail(reader, source.size(), simdjson::INCOMPLETE_ARRAY_OR_OBJECT);
}

}  // namespace

std::size_t Reader::offset_of(Value& value) noexcept {
  const std::string_view token = value.raw_json_token();
  const auto offset = token.data() - source_.data();
  if (offset < 0 || static_cast<std::size_t>(offset) > source_.size()) return source_.size();
  return static_cast<std::size_t>(offset);
}

std::string Reader::path() const {
  std::string text = "$";
  for (const Segment& segment : path_) {
    if (segment.is_index) {
      // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "[" + ... + "]".
      text += '[';
      text += std::to_string(segment.index);
      text += ']';
    } else if (is_identifier(segment.key)) {
      text += ".";
      text += segment.key;
    } else {
      text += "[";
      detail::append_quoted(text, segment.key);
      text += "]";
    }
  }
  return text;
}

void Reader::fail(std::size_t offset, const std::string& message) const {
  const TextPosition at = lines_.position_of(offset);
  throw ParseError(path(), message, at.line, at.column);
}

void fail(const Reader& reader, std::size_t offset, simdjson::error_code error) {
  switch (error) {
    case simdjson::EMPTY:
      reader.fail(offset, "empty document");
    case simdjson::TAPE_ERROR:
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
      reader.fail(offset, "malformed JSON: unclosed or misplaced brace, bracket, comma or colon (truncated document?)");
    case simdjson::DEPTH_ERROR:
      reader.fail(offset, "malformed JSON: nested deeper than the parser allows");
    case simdjson::UTF8_ERROR: {
      // simdjson checks the whole document at once and does not say where: the first bad byte is found here.
      const std::size_t bad = invalid_utf8_offset(reader.source());
      reader.fail(bad == std::string_view::npos ? offset : bad, "malformed JSON: invalid UTF-8");
    }
    case simdjson::UNCLOSED_STRING:
      // Also found for the whole document at once: the string is the one whose opening quote is never matched.
      reader.fail(string_problem_at(reader.source(), StringProblem::unclosed, offset),
                  "malformed JSON: unclosed string");
    case simdjson::STRING_ERROR:
      reader.fail(offset, "malformed JSON: bad string (bad escape or unescaped control character)");
    case simdjson::UNESCAPED_CHARS:
      reader.fail(string_problem_at(reader.source(), StringProblem::control_character, offset),
                  "malformed JSON: unescaped control character in a string");
    case simdjson::NUMBER_ERROR:
      reader.fail(offset, "malformed JSON: bad number");
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
      reader.fail(offset, "malformed JSON: bad literal (expected true, false or null)");
    case simdjson::CAPACITY:
      reader.fail(offset, "document too large");
    default:
      break;
  }
  reader.fail(offset, std::string("malformed JSON: ") + simdjson::error_message(error));
}

Reader::Member next_member(Reader& reader, const Object& object, simdjson::simdjson_result<ondemand::field> field) {
  Reader::Member member;
  // The raw key points just past its opening quote, into the source; unescaping consumes it, so it comes first.
  member.key_offset = object.offset;
  ondemand::raw_json_string raw;
  if (!field.key().get(raw) && raw.raw() != nullptr) {
    const auto at = reinterpret_cast<std::uintptr_t>(raw.raw());
    const auto begin = reinterpret_cast<std::uintptr_t>(reader.source().data());
    if (at > begin && at - begin <= reader.source().size())
      member.key_offset = static_cast<std::size_t>(at - begin - 1);
  }
  if (const auto error = field.unescaped_key().get(member.key)) fail(reader, object.offset, error);
  if (const auto error = field.value().get(static_cast<ondemand::value&>(member.value)))
    fail(reader, object.offset, error);
  return member;
}

Object object_of(Reader& reader, Value& value) {
  const std::size_t offset = reader.offset_of(value);
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) fail(reader, offset, error);
  if (type != ondemand::json_type::object)
    reader.fail(offset, "expected an object, found " + std::string(kind_of(type)));
  Object object;
  object.offset = offset;
  if (const auto error = value.get_object().get(object.object)) fail(reader, offset, error);
  return object;
}

void Reader::read_nested_object(Value& value, ReadObject read, void* out) {
  Object object = object_of(*this, value);
  read(*this, object, out);
}

Object root_object(Reader& reader, ondemand::document& document) {
  const char* start = nullptr;
  const std::size_t offset =
      document.current_location().get(start) ? 0 : static_cast<std::size_t>(start - reader.source().data());
  ondemand::json_type type;
  if (const auto error = document.type().get(type)) fail(reader, offset, error);
  if (type != ondemand::json_type::object)
    reader.fail(offset, "expected an object, found " + std::string(kind_of(type)));
  Object object;
  object.offset = offset;
  if (const auto error = document.get_object().get(object.object)) {
    if (error == simdjson::INCOMPLETE_ARRAY_OR_OBJECT) fail_unclosed(reader, reader.source(), offset);
    fail(reader, offset, error);
  }
  return object;
}

void Reader::check_depth(std::size_t max_depth) const {
  // Only a document with more brackets than the limit can be too deep: most are let through on this count. It
  // is taken a block at a time, so that a large document stops counting once past the limit.
  constexpr std::size_t kBlock = 4096;
  std::size_t opening = 0;
  for (std::size_t at = 0; at < source_.size() && opening <= max_depth; at += kBlock) {
    const std::string_view block = source_.substr(at, kBlock);
    opening += static_cast<std::size_t>(
        std::count_if(block.begin(), block.end(), [](char c) { return c == '{' || c == '['; }));
  }
  if (opening <= max_depth) return;
  walk_brackets(source_, 0, [&](std::size_t at, std::size_t depth) {
    if (depth > max_depth) json::fail(*this, at, simdjson::DEPTH_ERROR);
    return true;
  });
}

namespace {

std::string unknown_member_message(std::string_view verb, std::string_view key, bool null) {
  std::string message(verb);
  message += verb.empty() ? "unknown member " : " unknown member ";
  detail::append_quoted(message, key);
  if (null) message += " (null)";
  return message;
}

}  // namespace

void Reader::unknown_member(Member& member, UnknownMembers& keep) {
  if (strict()) fail(member.key_offset, unknown_member_message("", member.key, false));
  const std::size_t offset = offset_of(member.value);
  // Taken before the walk: a scalar's token is gone once read.
  const std::string_view token = member.value.raw_json_token();
  const bool null = is_null(member.value);
  if (keeps_warning()) warn(member.key_offset, unknown_member_message("kept", member.key, null));
  push_key(member.key);
  check_well_formed(member.value);
  pop();
  keep.keep_json_member(member.key, walked_text(offset, token));
}

void Reader::unknown_member(Member& member) {
  if (strict()) fail(member.key_offset, unknown_member_message("", member.key, false));
  if (keeps_warning()) warn(member.key_offset, unknown_member_message("skipped", member.key, is_null(member.value)));
  push_key(member.key);
  check_well_formed(member.value);
  pop();
}

std::string_view Reader::walked_text(std::size_t offset, std::string_view scalar_token) const {
  if (offset >= source_.size()) return {};
  const char first = source_[offset];
  if (first != '{' && first != '[') {
    // A token may carry the layout that follows it.
    const std::size_t end = scalar_token.find_last_not_of(" \t\r\n");
    return scalar_token.substr(0, end == std::string_view::npos ? 0 : end + 1);
  }
  std::size_t end = source_.size();
  walk_brackets(source_, offset, [&](std::size_t at, std::size_t depth) {
    if (depth != 0) return true;
    end = at + 1;
    return false;
  });
  return source_.substr(offset, end - offset);
}

void Reader::end_object(const Object& object, std::string_view type_name, std::size_t members, std::size_t unknown) {
  if (members == 0 || unknown < members) return;
  const std::string count = std::to_string(members) + (members == 1 ? " member" : " members");
  if (path_.empty()) {
    // The root: not a partial value but another document, such as an entity list read as references.
    const TextPosition at = lines_.position_of(object.offset);
    throw DocumentMismatch(path(),
                           "the document is not " + std::string(detail::article_for(type_name)) + " " +
                               std::string(type_name) + ": none of its " + count + " is known to " +
                               std::string(type_name),
                           at.line, at.column);
  }
  if (!keeps_warning()) return;
  warn(object.offset, "none of the " + count + " is known to " + std::string(type_name) +
                          ", so it reads as empty: is the document another type, or another naming convention?");
}

void Reader::missing(const Object& object, const Key& key) {
  std::string message = "missing required member ";
  detail::append_quoted(message, key.pascal);
  if (key.camel != key.pascal) {
    message += " (or ";
    detail::append_quoted(message, key.camel);
    message += ")";
  }
  if (strict()) fail(object.offset, message);
  if (keeps_warning()) warn(object.offset, message + ", read as its default");
}

void Reader::null_required(std::size_t offset) {
  if (strict()) fail(offset, "null for a required value");
  if (keeps_warning()) warn(offset, "null for a required value, read as its default");
}

bool Reader::keeps_warning() {
  if (warnings_ == nullptr) return false;
  if (warnings_->keeps_another()) return true;
  warnings_->count_not_kept();
  return false;
}

void Reader::warn(std::size_t offset, std::string message) {
  if (!keeps_warning()) return;
  const TextPosition at = lines_.position_of(offset);
  warnings_->add(ReadWarning{path(), std::move(message), at.line, at.column});
}

void Reader::check_well_formed(Value& value) {
  const std::size_t offset = offset_of(value);
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) json::fail(*this, offset, error);
  switch (type) {
    case ondemand::json_type::object: {
      ondemand::object object;
      if (const auto error = value.get_object().get(object)) json::fail(*this, offset, error);
      for (auto field : object) {
        std::string_view key;
        Value member;
        if (const auto error = field.unescaped_key().get(key)) json::fail(*this, offset, error);
        if (const auto error = field.value().get(static_cast<ondemand::value&>(member)))
          json::fail(*this, offset, error);
        push_key(key);
        check_well_formed(member);
        pop();
      }
      return;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if (const auto error = value.get_array().get(array)) json::fail(*this, offset, error);
      std::size_t index = 0;
      for (auto item : array) {
        Value element;
        if (const auto error = item.get(static_cast<ondemand::value&>(element))) json::fail(*this, offset, error);
        push_index(index++);
        check_well_formed(element);
        pop();
      }
      return;
    }
    case ondemand::json_type::number: {
      ondemand::number number;
      if (const auto error = value.get_number().get(number)) json::fail(*this, offset, error);
      return;
    }
    case ondemand::json_type::string: {
      std::string_view text;
      if (const auto error = value.get_string().get(text)) json::fail(*this, offset, error);
      return;
    }
    case ondemand::json_type::boolean: {
      bool flag = false;
      if (const auto error = value.get_bool().get(flag)) json::fail(*this, offset, error);
      return;
    }
    case ondemand::json_type::null: {
      bool null = false;
      if (const auto error = value.is_null().get(null)) json::fail(*this, offset, error);
      if (!null) json::fail(*this, offset, simdjson::N_ATOM_ERROR);
      return;
    }
  }
}

void Reader::duplicate(std::string_view key, std::size_t offset) const {
  std::string message = "member ";
  detail::append_quoted(message, key);
  fail(offset, message + " appears more than once");
}

void Reader::unlisted_value(std::size_t offset, std::string_view text, std::string_view enum_name) {
  std::string message = strict() ? "" : "kept ";
  detail::append_quoted(message, text);
  message += strict() ? " is not " : ", which is not ";
  message += detail::article_for(enum_name);
  message += " ";
  message += enum_name;
  message += " value";
  if (strict()) fail(offset, message);
  if (keeps_warning()) warn(offset, std::move(message));
}

bool Reader::is_null(Value& value) {
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) json::fail(*this, offset_of(value), error);
  if (type != ondemand::json_type::null) return false;
  // type() looks at the first character only: `nul` or `nullx` is not null.
  bool null = false;
  if (const auto error = value.is_null().get(null); error || !null)
    json::fail(*this, offset_of(value), simdjson::N_ATOM_ERROR);
  return true;
}

std::string_view Reader::string_of(Value& value, std::string_view type_name) {
  const std::size_t offset = offset_of(value);
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) json::fail(*this, offset, error);
  if (type != ondemand::json_type::string)
    fail(offset, "expected a string (" + std::string(type_name) + "), found " + std::string(kind_of(type)));
  std::string_view text;
  if (const auto error = value.get_string().get(text)) json::fail(*this, offset, error);
  return text;
}

void Reader::read_scalar(Value& value, std::string& out) { out = string_of(value, "String"); }

namespace {

// JSON's integer form: -?(0|[1-9][0-9]*).
bool is_integer(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || (text.front() == '0' && text.size() > 1)) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Some servers quote numbers (`"StatusCode": "400"`). A lenient read takes the quoted text when it is a
// number in the type's grammar, and says so; a strict read, or a string that is no number, is an error.
template <class Number>
bool read_quoted_number(Reader& reader, Value& value, ondemand::json_type type, Number& out,
                        std::string_view type_name) {
  if (type != ondemand::json_type::string || reader.strict()) return false;
  const std::size_t offset = reader.offset_of(value);
  const std::string_view text = reader.string_of(value, type_name);
  const ScalarResult result = parse_scalar(text, out);
  if (result != ScalarResult::ok) reader.fail(offset, scalar_error(text, type_name, result));
  reader.warn(offset, "read a number (" + std::string(type_name) + ") written as a string");
  return true;
}

template <class Int>
void read_integer(Reader& reader, Value& value, Int& out, std::string_view type_name) {
  const std::size_t offset = reader.offset_of(value);
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) fail(reader, offset, error);
  if (read_quoted_number(reader, value, type, out, type_name)) return;
  if (type != ondemand::json_type::number)
    reader.fail(offset, "expected a number (" + std::string(type_name) + "), found " + std::string(kind_of(type)));
  const std::string_view token = value.raw_json_token();
  std::int64_t wide = 0;
  const auto error = value.get_int64().get(wide);
  if (error == simdjson::NUMBER_OUT_OF_RANGE ||
      (!error && (wide < std::numeric_limits<Int>::min() || wide > std::numeric_limits<Int>::max())))
    reader.fail(offset, scalar_error(detail::trim_xml_whitespace(token), type_name, ScalarResult::out_of_range));
  if (error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR) {
    // simdjson gives up on integers too long for 64 bits without calling them out of range; they are.
    const std::string_view text = detail::trim_xml_whitespace(token);
    reader.fail(offset,
                scalar_error(text, type_name, is_integer(text) ? ScalarResult::out_of_range : ScalarResult::invalid));
  }
  if (error) fail(reader, offset, error);
  out = static_cast<Int>(wide);
}

template <class T>
void read_text_scalar(Reader& reader, Value& value, T& out, std::string_view type_name) {
  const std::size_t offset = reader.offset_of(value);
  const std::string_view text = reader.string_of(value, type_name);
  const ScalarResult result = parse_scalar(text, out);
  if (result != ScalarResult::ok) reader.fail(offset, scalar_error(text, type_name, result));
}

}  // namespace

void Reader::read_scalar(Value& value, std::int32_t& out) { read_integer(*this, value, out, "Int"); }
void Reader::read_scalar(Value& value, std::int64_t& out) { read_integer(*this, value, out, "Long"); }

void Reader::read_scalar(Value& value, double& out) {
  const std::size_t offset = offset_of(value);
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) json::fail(*this, offset, error);
  if (read_quoted_number(*this, value, type, out, "Double")) return;
  if (type != ondemand::json_type::number)
    fail(offset, "expected a number (Double), found " + std::string(kind_of(type)));
  // The token as written, so that the Double grammar (and its errors) are those of XML too.
  const std::string_view text = detail::trim_xml_whitespace(value.raw_json_token());
  const ScalarResult result = parse_scalar(text, out);
  if (result != ScalarResult::ok) fail(offset, scalar_error(text, "Double", result));
  // The Double grammar is XML's, a little wider than JSON's (`5.`): simdjson's number check keeps JSON JSON.
  double checked = 0;
  if (const auto error = value.get_double().get(checked)) json::fail(*this, offset, error);
}

void Reader::read_scalar(Value& value, bool& out) {
  const std::size_t offset = offset_of(value);
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) json::fail(*this, offset, error);
  if (type != ondemand::json_type::boolean)
    fail(offset, "expected true or false (Bool), found " + std::string(kind_of(type)));
  // type() looks at the first character only: `fals` or `trueish` is a bad literal, not a type mismatch.
  if (const auto error = value.get_bool().get(out))
    json::fail(*this, offset, error == simdjson::INCORRECT_TYPE ? simdjson::T_ATOM_ERROR : error);
}

void Reader::read_scalar(Value& value, DateTime& out) { read_text_scalar(*this, value, out, "DateTime"); }
void Reader::read_scalar(Value& value, Uid& out) { read_text_scalar(*this, value, out, "Uid"); }

}  // namespace emgen::json

namespace emgen::json {
namespace {

/// Whether two member names differ at most in the case of their ASCII letters (`Refs`, `refs`).
bool same_name_ignoring_case(std::string_view a, std::string_view b) noexcept {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

void read_object(Reader& reader, Object& object, std::string_view type_name, std::span<const FieldName> names,
                 ReadField read_field, void* out, bool* seen, UnknownMembers& keep) {
  // Counted so that an object none of whose members is known is reported rather than read as empty.
  std::size_t members = 0;
  std::size_t unknown = 0;
  for (auto field : object.object) {
    Reader::Member member = next_member(reader, object, field);
    ++members;
    if (const std::size_t index = find_field(names, member.key); index != kNoField) {
      read_field(reader, member, index, out, seen);
    } else {
      ++unknown;
      reader.unknown_member(member, keep);
    }
  }
  reader.end_object(object, type_name, members, unknown);
}

bool Reader::enter_member(std::string_view key, Value& value, bool& seen, bool required) {
  const std::size_t offset = offset_of(value);
  if (seen) duplicate(key, offset);
  seen = true;
  push_key(key);
  if (!is_null(value)) return true;
  if (required) null_required(offset);
  return false;
}

void read_items(Reader& reader, Value& value, ReadItem read_item, void* list) {
  const std::size_t offset = reader.offset_of(value);
  ondemand::array array;
  if (const auto error = value.get_array().get(array)) {
    if (error == simdjson::INCORRECT_TYPE) reader.fail(offset, "expected an array");
    fail(reader, offset, error);
  }
  std::size_t index = 0;
  for (auto item : array) {
    Value item_value;
    if (const auto error = item.get(static_cast<ondemand::value&>(item_value))) fail(reader, offset, error);
    reader.push_index(index++);
    read_item(reader, item_value, list);
    reader.pop();
  }
}

Value* enter_member(Reader& reader, Reader::Member& member, bool& seen, bool required) {
  return reader.enter_member(member.key, member.value, seen, required) ? &member.value : nullptr;
}

void read_list_member(Reader& reader, Reader::Member& member, ReadItem read_item, void* list, bool& seen) {
  const std::string_view key = member.key;
  Value& value = member.value;
  const std::size_t offset = reader.offset_of(value);
  if (seen) reader.duplicate(key, offset);
  seen = true;
  reader.push_key(key);
  if (reader.is_null(value)) {
    reader.pop();
    return;
  }
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) fail(reader, offset, error);
  if (type == ondemand::json_type::object) {
    Object wrapper = object_of(reader, value);
    bool inner_seen = false;
    for (auto field : wrapper.object) {
      Reader::Member inner_member = next_member(reader, wrapper, field);
      // The list repeats the wrapper's name, `"refs": {"refs": [...]}` in 13.x; either spelling of it is read,
      // as the wrapper's own name is (a document with both styles has been seen as each member is cased alone).
      const std::string_view inner_key = inner_member.key;
      Value& inner = inner_member.value;
      if (!same_name_ignoring_case(inner_key, key)) {
        reader.unknown_member(inner_member);
        continue;
      }
      const std::size_t inner_offset = reader.offset_of(inner);
      if (inner_seen) reader.duplicate(inner_key, inner_offset);
      inner_seen = true;
      reader.push_key(inner_key);
      if (!reader.is_null(inner)) read_items(reader, inner, read_item, list);
      reader.pop();
    }
  } else {
    read_items(reader, value, read_item, list);
  }
  reader.pop();
}

namespace {

// simdjson's parser allocates its buffers for the document's size (about 5.7 bytes of address space per byte of
// text: the structural index and the unescaped strings) and is meant to be reused. A parser made for each document
// paid for them again every time, mostly in page faults on fresh memory: about 7 % of reading a 14 MB query
// result (bench/README.md). Each thread keeps one for documents up to kKeptParserCapacity, so that a thread
// holds at most about 90 MB of address space for it, touched only as far as its largest document needed; a
// larger document gets a parser of its own, freed once it has been read.
constexpr std::size_t kKeptParserCapacity = std::size_t{16} << 20;

class ParserLease {
 public:
  explicit ParserLease(std::size_t length) {
    Kept& kept = kept_parser();
    // A reader that reads a document while reading another (none does today) gets a parser of its own.
    if (length <= kKeptParserCapacity && !kept.busy) {
      kept_ = &kept;
      kept.busy = true;
    }
  }
  ParserLease(const ParserLease&) = delete;
  ParserLease& operator=(const ParserLease&) = delete;
  ~ParserLease() {
    if (kept_ != nullptr) kept_->busy = false;
  }
  ondemand::parser& parser() { return kept_ != nullptr ? kept_->parser : own_; }

 private:
  struct Kept {
    ondemand::parser parser;
    bool busy = false;
  };
  static Kept& kept_parser() {
    thread_local Kept kept;
    return kept;
  }
  Kept* kept_ = nullptr;
  ondemand::parser own_;
};

}  // namespace

void parse_document(std::string_view text, ReadMode mode, ReadWarnings* warnings, ReadObject read_root, void* out) {
  const simdjson::padded_string padded(text);
  ParserLease lease(padded.size());
  ondemand::parser& parser = lease.parser();
  Reader reader(std::string_view(padded.data(), padded.size()), mode, warnings);
  // A UTF-8 byte order mark is skipped (RFC 8259 8.1 allows it; .NET servers write one), and stays in the
  // reader's source so that line:column still count from the first byte of the text.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::size_t skip = text.starts_with(kBom) ? kBom.size() : 0;
  ondemand::document document;
  const std::size_t length = padded.size() - skip;
  if (const auto error =
          parser.iterate(padded.data() + skip, length, length + simdjson::SIMDJSON_PADDING).get(document))
    fail(reader, skip, error);
  reader.check_depth(parser.max_depth());
  Object object = root_object(reader, document);
  read_root(reader, object, out);
  // current_location() answers only while the iterator is still inside the document.
  const char* at = nullptr;
  if (!document.current_location().get(at))
    reader.fail(static_cast<std::size_t>(at - padded.data()), "unexpected content after the end of the document");
}

}  // namespace emgen::json
