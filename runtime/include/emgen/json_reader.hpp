#pragma once
// Reading EM's JSON form with simdjson's On-Demand API: each object is walked once, dispatching on the key.

#include <simdjson.h>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "emgen/error.hpp"
#include "emgen/json_fwd.hpp"
#include "emgen/json_writer.hpp"
#include "emgen/scalar.hpp"
#include "emgen/unknown.hpp"

namespace emgen::json {

namespace ondemand = simdjson::ondemand;

struct Object {
  ondemand::object object;
  /// Byte offset of its `{`, for errors about the object as a whole.
  std::size_t offset = 0;
};

/// Reads one document and knows where it is: the JSON path (`$.Links[2].Rel`) and the byte offset of the
/// value being read, so that errors say `LINE:COL: $.path: message`.
class Reader {
 public:
  /// source: the text being parsed (simdjson's padded copy), for offsets and line:column.
  /// warnings: where a lenient read records what it skipped or kept unlisted; nullptr to not collect them.
  Reader(std::string_view source, ReadMode mode, ReadWarnings* warnings = nullptr) noexcept
      : source_(source), lines_(source), mode_(mode), warnings_(warnings) {}

  bool strict() const noexcept { return mode_ == ReadMode::strict; }

  /// Byte offset of a value's first character in the source.
  std::size_t offset_of(ondemand::value& value) noexcept;

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const;
  /// Fails with simdjson's error, in words a user understands (truncated, too deep, bad UTF-8, ...).
  [[noreturn]] void fail(std::size_t offset, simdjson::error_code error) const;

  /// The path is kept as a stack of keys and indexes, so that building it costs nothing until an error.
  void push_key(std::string_view key) { path_.push_back(Segment{key, 0, false}); }
  void push_index(std::size_t index) { path_.push_back(Segment{{}, index, true}); }
  void pop() noexcept { path_.pop_back(); }

  /// One member of an object being iterated: its key, where the key starts, and its value.
  struct Member {
    std::string_view key;
    std::size_t key_offset = 0;
    ondemand::value value;
  };
  Member member(const Object& object, simdjson::simdjson_result<ondemand::field> field);

  /// The object a value holds; fails with `expected an object, found a string` otherwise.
  Object object_of(ondemand::value& value);
  /// The root object of a document (a scalar root too gets `expected an object, found a string`). Reading it
  /// as a root lets simdjson check that the document ends with its `}`, so a truncated document is reported as
  /// such rather than by whichever value it was cut in.
  Object root_object(ondemand::document& document);
  /// simdjson's On-Demand API does not limit nesting (it skips unread values without descending): fails with
  /// `nested deeper than the parser allows` when an array or object opens deeper than max_depth.
  void check_depth(std::size_t max_depth) const;

  /// A member of an object that its type does not list. Strict: `unknown member "Foo"`. Lenient: the value is
  /// checked to be well-formed JSON (simdjson would otherwise skip `nul` or `{]` unseen) and kept in keep, to be
  /// written back, with a warning.
  void unknown_member(Member& member, UnknownMembers& keep);
  /// The same where there is no object to keep it in (beside the list in EM's nested list form): skipped.
  void unknown_member(Member& member);
  /// After the last member of an object of type type_name: an object that had members but none that the type
  /// knows reads as empty. Nested, a lenient read warns that it is likely another naming convention or another
  /// type; the root object of a document is then another document, a DocumentMismatch in either mode.
  void end_object(const Object& object, std::string_view type_name, std::size_t members, std::size_t unknown);
  [[noreturn]] void duplicate(std::string_view key, std::size_t offset) const;
  /// A required member that is absent, or null. Strict: an error. Lenient: the field keeps its default, with a
  /// warning (real servers send `"Href": null` where the pages say required).
  void missing(const Object& object, const Key& key);
  void null_required(std::size_t offset);
  /// Strict: `"Foo" is not a BackupJobSessionState value`. Lenient: kept, with a warning.
  void unlisted_value(std::size_t offset, std::string_view text, std::string_view enum_name);
  /// Records a warning at offset (lenient reads only; strict ones fail before they would warn).
  void warn(std::size_t offset, std::string message);

  void read_scalar(ondemand::value& value, std::string& out);
  void read_scalar(ondemand::value& value, std::int32_t& out);
  void read_scalar(ondemand::value& value, std::int64_t& out);
  void read_scalar(ondemand::value& value, double& out);
  void read_scalar(ondemand::value& value, bool& out);
  void read_scalar(ondemand::value& value, DateTime& out);
  void read_scalar(ondemand::value& value, Uid& out);
  /// The string of a value, or a located error naming type_name (`expected a string (DateTime), found ...`).
  std::string_view string_of(ondemand::value& value, std::string_view type_name);

  /// Walks a value that is not read, so that malformed JSON in it is still an error. The depth is bounded
  /// by the nesting check done before reading.
  void check_well_formed(ondemand::value& value);

  /// Whether the value is JSON null (absent, for EM).
  bool is_null(ondemand::value& value);

 private:
  struct Segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };
  std::string path() const;
  /// Whether a warning is to be built: warnings are collected and below their limit (past it, counted).
  bool keeps_warning();
  /// The JSON text of a value that check_well_formed has walked, which started at offset.
  std::string_view walked_text(std::size_t offset, std::string_view scalar_token) const;

  std::string_view source_;
  LineIndex lines_;
  ReadMode mode_;
  ReadWarnings* warnings_;
  std::vector<Segment> path_;
};

/// Generated types provide `void read_json(emgen::json::Reader&, emgen::json::Object&, T&)`.
template <class T>
concept Readable = requires(Reader& reader, Object& object, T& out) {
  read_json(reader, object, out);
};

template <class T>
void read_value(Reader& reader, ondemand::value& value, T& out) {
  if constexpr (Readable<T>) {
    Object object = reader.object_of(value);
    read_json(reader, object, out);
  } else {
    reader.read_scalar(value, out);
  }
}

template <class E>
void read_value(Reader& reader, ondemand::value& value, Open<E>& out) {
  const std::size_t offset = reader.offset_of(value);
  const std::string_view text = reader.string_of(value, schema_name(std::type_identity<E>{}));
  out = Open<E>::from_wire(text);
  if (!out.is_listed()) reader.unlisted_value(offset, text, schema_name(std::type_identity<E>{}));
}

/// An array's items, each read as T; the path gets the index.
template <class T>
void read_items(Reader& reader, ondemand::value& value, std::vector<T>& out) {
  const std::size_t offset = reader.offset_of(value);
  ondemand::array array;
  if (const auto error = value.get_array().get(array)) {
    if (error == simdjson::INCORRECT_TYPE) reader.fail(offset, "expected an array");
    reader.fail(offset, error);
  }
  std::size_t index = 0;
  for (auto item : array) {
    ondemand::value item_value;
    if (const auto error = item.get(item_value)) reader.fail(offset, error);
    reader.push_index(index++);
    read_value(reader, item_value, out.emplace_back());
    reader.pop();
  }
}

/// A single member: null is absent, which a required member may not be.
template <class T>
void read_member(Reader& reader, std::string_view key, ondemand::value& value, T& out, bool& seen) {
  const std::size_t offset = reader.offset_of(value);
  if (seen) reader.duplicate(key, offset);
  seen = true;
  reader.push_key(key);
  if (reader.is_null(value))
    reader.null_required(offset);
  else
    read_value(reader, value, out);
  reader.pop();
}
template <class T>
void read_member(Reader& reader, std::string_view key, ondemand::value& value, std::optional<T>& out, bool& seen) {
  const std::size_t offset = reader.offset_of(value);
  if (seen) reader.duplicate(key, offset);
  seen = true;
  reader.push_key(key);
  if (!reader.is_null(value)) read_value(reader, value, out.emplace());
  reader.pop();
}
/// Whether two member names differ at most in the case of their ASCII letters (`Refs`, `refs`).
inline bool same_name_ignoring_case(std::string_view a, std::string_view b) noexcept {
  const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

/// A list: `[...]`, or EM's nested form of a wrapped XML list, `{"Refs": [...]}`; null is empty.
template <class T>
void read_member(Reader& reader, std::string_view key, ondemand::value& value, std::vector<T>& out, bool& seen) {
  const std::size_t offset = reader.offset_of(value);
  if (seen) reader.duplicate(key, offset);
  seen = true;
  reader.push_key(key);
  if (reader.is_null(value)) {
    reader.pop();
    return;
  }
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) reader.fail(offset, error);
  if (type == ondemand::json_type::object) {
    Object wrapper = reader.object_of(value);
    bool inner_seen = false;
    for (auto field : wrapper.object) {
      Reader::Member member = reader.member(wrapper, field);
      // The list repeats the wrapper's name, `"refs": {"refs": [...]}` in 13.x; either spelling of it is read,
      // as the wrapper's own name is (a document with both styles has been seen as each member is cased alone).
      const std::string_view inner_key = member.key;
      ondemand::value& inner = member.value;
      if (!same_name_ignoring_case(inner_key, key)) {
        reader.unknown_member(member);
        continue;
      }
      const std::size_t inner_offset = reader.offset_of(inner);
      if (inner_seen) reader.duplicate(inner_key, inner_offset);
      inner_seen = true;
      reader.push_key(inner_key);
      if (!reader.is_null(inner)) read_items(reader, inner, out);
      reader.pop();
    }
  } else {
    read_items(reader, value, out);
  }
  reader.pop();
}

/// Parses a whole document as T (which provides read_json); throws ParseError. A lenient read adds what it
/// skipped to warnings when given.
template <Readable T>
T parse_document(std::string_view text, ReadMode mode, ReadWarnings* warnings = nullptr) {
  const simdjson::padded_string padded(text);
  ondemand::parser parser;
  Reader reader(std::string_view(padded.data(), padded.size()), mode, warnings);
  // A UTF-8 byte order mark is skipped (RFC 8259 8.1 allows it; .NET servers write one), and stays in the
  // reader's source so that line:column still count from the first byte of the text.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::size_t skip = text.starts_with(kBom) ? kBom.size() : 0;
  ondemand::document document;
  const std::size_t length = padded.size() - skip;
  if (const auto error =
          parser.iterate(padded.data() + skip, length, length + simdjson::SIMDJSON_PADDING).get(document))
    reader.fail(skip, error);
  reader.check_depth(parser.max_depth());
  T value;
  Object object = reader.root_object(document);
  read_json(reader, object, value);
  // current_location() answers only while the iterator is still inside the document.
  const char* at = nullptr;
  if (!document.current_location().get(at))
    reader.fail(static_cast<std::size_t>(at - padded.data()), "unexpected content after the end of the document");
  return value;
}

}  // namespace emgen::json
