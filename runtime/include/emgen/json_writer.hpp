#pragma once
// A small streaming JSON writer, and the EM JSON form of fields.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "emgen/json_fwd.hpp"
#include "emgen/scalar.hpp"

namespace emgen::json {

/// A member's name in both of EM's spellings, both decided by the generator: `{"CreationTimeUTC",
/// "creationTimeUTC"}`.
struct Key {
  constexpr Key(std::string_view pascal_name, std::string_view camel_name) noexcept
      : pascal(pascal_name), camel(camel_name) {}
  /// A name spelt the same in both styles (hand-written writers; generated code always gives both).
  constexpr Key(std::string_view name) noexcept : pascal(name), camel(name) {}
  constexpr Key(const char* name) noexcept : pascal(name), camel(name) {}

  std::string_view pascal;
  std::string_view camel;

  std::string_view in(JsonStyle style) const noexcept { return style == JsonStyle::camel ? camel : pascal; }
};

/// Byte offset of the first byte of text that does not begin a well-formed UTF-8 sequence (overlong forms,
/// surrogates and code points past U+10FFFF included); npos when all of text is well-formed.
std::size_t invalid_utf8_offset(std::string_view text) noexcept;

/// The member-name style of a JSON object, by the first letter of its first member name (`{"uid": ...}` is
/// camel, `{"UID": ...}` pascal); nullopt when text is not an object with a member whose name starts with a
/// letter. EM writes every member in one style, so the first tells.
std::optional<JsonStyle> style_of(std::string_view text) noexcept;

/// Appends well-formed JSON text without the layout between its tokens: `{"a": [1, 2]}` as `{"a":[1,2]}`.
void append_without_layout(std::string& out, std::string_view json);

/// Writes one JSON value. Strings are escaped (quote, backslash, control characters); non-ASCII UTF-8 is
/// kept as is, and invalid UTF-8 is refused with std::invalid_argument naming the byte offset.
class Writer {
 public:
  explicit Writer(bool pretty = false, JsonStyle style = JsonStyle::pascal) : pretty_(pretty), style_(style) {}

  JsonStyle style() const noexcept { return style_; }

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The name in this writer's style.
  void key(const Key& name);
  void string(std::string_view utf8);
  void integer(std::int64_t value);
  /// A finite double in its shortest round-tripping form (`5.83`, `1`, `1e+300`).
  void number(double value);
  void boolean(bool value);
  void null();
  /// A value given as JSON text that is already known to be well-formed (an unknown member kept by a lenient
  /// read), written without its layout.
  void raw(std::string_view json);

  const std::string& str() const noexcept { return out_; }
  std::string take() noexcept { return std::move(out_); }

 private:
  void before_value();
  void newline();

  std::string out_;
  bool pretty_;
  JsonStyle style_;
  // One entry per open object/array: whether it has members yet.
  std::vector<bool> has_members_;
  bool after_key_ = false;
};

/// Generated types provide `void write_json(emgen::json::Writer&, const T&)`.
template <class T>
concept Complex = requires(Writer& writer, const T& value) {
  write_json(writer, value);
};

inline void write_value(Writer& writer, const std::string& value) { writer.string(value); }
inline void write_value(Writer& writer, std::int32_t value) { writer.integer(value); }
inline void write_value(Writer& writer, std::int64_t value) { writer.integer(value); }
inline void write_value(Writer& writer, double value) { writer.number(value); }
inline void write_value(Writer& writer, bool value) { writer.boolean(value); }
inline void write_value(Writer& writer, DateTime value) { writer.string(format_datetime(value)); }
inline void write_value(Writer& writer, const Uid& value) { writer.string(value.to_string()); }
template <class E>
void write_value(Writer& writer, const Open<E>& value) {
  writer.string(value.text());
}
template <Complex T>
void write_value(Writer& writer, const T& value) {
  write_json(writer, value);
}

/// A scalar member: the key, then the value. Out of line, so that each field of a generated writer costs one call.
/// An unset Uid (see Uid::empty) is left out.
void write_member(Writer& writer, const Key& key, const std::string& value);
void write_member(Writer& writer, const Key& key, std::int32_t value);
void write_member(Writer& writer, const Key& key, std::int64_t value);
void write_member(Writer& writer, const Key& key, double value);
void write_member(Writer& writer, const Key& key, bool value);
void write_member(Writer& writer, const Key& key, DateTime value);
void write_member(Writer& writer, const Key& key, const Uid& value);
/// A member whose value is the string text (an enum's wire text).
void write_string_member(Writer& writer, const Key& key, std::string_view text);

template <class E>
void write_member(Writer& writer, const Key& key, const Open<E>& value) {
  write_string_member(writer, key, value.text());
}
template <Complex T>
void write_member(Writer& writer, const Key& key, const T& value) {
  writer.key(key);
  write_json(writer, value);
}
/// Absent optional values are left out.
template <class T>
void write_member(Writer& writer, const Key& key, const std::optional<T>& value) {
  if (value) write_member(writer, key, *value);
}
/// "Links": [...]
template <class T>
void write_member(Writer& writer, const Key& key, const std::vector<T>& values) {
  writer.key(key);
  writer.begin_array();
  for (const T& value : values) write_value(writer, value);
  writer.end_array();
}
/// EM's form of a wrapped XML list: "Refs": {"Refs": [...]}
template <class T>
void write_nested_list_member(Writer& writer, const Key& key, const std::vector<T>& values) {
  writer.key(key);
  writer.begin_object();
  write_member(writer, key, values);
  writer.end_object();
}

}  // namespace emgen::json
