#pragma once
// Reading EM's JSON form with simdjson's On-Demand API: each object is walked once, dispatching on the key.
// This header is what generated sources compile against, and it does not include simdjson's: simdjson.h alone
// preprocesses to 2.6 MB and costs about 1.5 s of compile CPU in every translation unit that includes it. The
// values and objects being read are handled here by reference only; emgen/json_simdjson.hpp defines them over
// simdjson's types, for the runtime's walks and for code that drives simdjson itself.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "emgen/error.hpp"
#include "emgen/field_names.hpp"
#include "emgen/json_fwd.hpp"
#include "emgen/json_writer.hpp"
#include "emgen/scalar.hpp"
#include "emgen/unknown.hpp"

namespace emgen::json {

/// A JSON value being read (simdjson's On-Demand value; defined in emgen/json_simdjson.hpp).
class Value;

/// Reads an object into out (a `T*`): the part of a read that depends on T, given to the runtime's walks, which
/// are compiled once.
using ReadObject = void (*)(Reader& reader, Object& object, void* out);

/// Reads one document and knows where it is: the JSON path (`$.Links[2].Rel`) and the byte offset of the
/// value being read, so that errors say `LINE:COL: $.path: message`.
class Reader {
 public:
  /// source: the text being parsed (simdjson's padded copy), for offsets and line:column.
  /// warnings: where a lenient read records what it skipped or kept unlisted; nullptr to not collect them.
  Reader(std::string_view source, ReadMode mode, ReadWarnings* warnings = nullptr) noexcept
      : source_(source), lines_(source), mode_(mode), warnings_(warnings) {}

  bool strict() const noexcept { return mode_ == ReadMode::strict; }
  /// The text being read.
  std::string_view source() const noexcept { return source_; }

  /// Byte offset of a value's first character in the source.
  std::size_t offset_of(Value& value) noexcept;

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const;

  /// Before a member that holds a single field: a second one is a duplicate; null is absent, which a required
  /// field may not be. Pushes the key (the caller pops it) and returns whether there is a value to read.
  bool enter_member(std::string_view key, Value& value, bool& seen, bool required);

  /// The path is kept as a stack of keys and indexes, so that building it costs nothing until an error.
  void push_key(std::string_view key) { path_.push_back(Segment{key, 0, false}); }
  void push_index(std::size_t index) { path_.push_back(Segment{{}, index, true}); }
  void pop() noexcept { path_.pop_back(); }

  /// One member of an object being iterated: its key, where the key starts, and its value (defined in
  /// emgen/json_simdjson.hpp; generated readers pass it on whole).
  struct Member;

  /// Reads the object a value holds with read (fails with `expected an object, found a string` otherwise).
  void read_nested_object(Value& value, ReadObject read, void* out);
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

  void read_scalar(Value& value, std::string& out);
  void read_scalar(Value& value, std::int32_t& out);
  void read_scalar(Value& value, std::int64_t& out);
  void read_scalar(Value& value, double& out);
  void read_scalar(Value& value, bool& out);
  void read_scalar(Value& value, DateTime& out);
  void read_scalar(Value& value, Uid& out);
  /// The string of a value, or a located error naming type_name (`expected a string (DateTime), found ...`).
  std::string_view string_of(Value& value, std::string_view type_name);

  /// Walks a value that is not read, so that malformed JSON in it is still an error. The depth is bounded
  /// by the nesting check done before reading.
  void check_well_formed(Value& value);

  /// Whether the value is JSON null (absent, for EM).
  bool is_null(Value& value);

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

/// Reads one member into the field that the type's table of names found for its key (an index into the type's
/// fields, as in seen).
using ReadField = void (*)(Reader& reader, Reader::Member& member, std::size_t field, void* out, bool* seen);

/// The walk of a generated type's read_json, compiled once here: each member whose key is in names is given to
/// read_field, any other is unknown (an error when strict, kept in keep when lenient); then end_object. names may
/// be empty (a type with no fields), and read_field null with it.
void read_object(Reader& reader, Object& object, std::string_view type_name, std::span<const FieldName> names,
                 ReadField read_field, void* out, bool* seen, UnknownMembers& keep);

/// Generated types provide `void read_json(emgen::json::Reader&, emgen::json::Object&, T&)`.
template <class T>
concept Readable = requires(Reader& reader, Object& object, T& out) {
  read_json(reader, object, out);
};

template <class T>
void read_value(Reader& reader, Value& value, T& out) {
  if constexpr (Readable<T>) {
    reader.read_nested_object(
        value, [](Reader& reader, Object& object, void* out) { read_json(reader, object, *static_cast<T*>(out)); },
        &out);
  } else {
    reader.read_scalar(value, out);
  }
}

template <class E>
void read_value(Reader& reader, Value& value, Open<E>& out) {
  const std::size_t offset = reader.offset_of(value);
  const std::string_view text = reader.string_of(value, schema_name(std::type_identity<E>{}));
  out = Open<E>::from_wire(text);
  if (!out.is_listed()) reader.unlisted_value(offset, text, schema_name(std::type_identity<E>{}));
}

/// Reads one item of a list from value and appends it to the list (a `std::vector<T>*`). Lists are read through
/// this one signature so that the walk over an array is compiled once in the runtime, not once per item type.
using ReadItem = void (*)(Reader& reader, Value& value, void* list);

template <class T>
void read_item(Reader& reader, Value& value, void* list) {
  read_value(reader, value, append_default(*static_cast<std::vector<T>*>(list)));
}

/// An array's items, each read by read_item; the path gets the index.
void read_items(Reader& reader, Value& value, ReadItem read_item, void* list);
template <class T>
void read_items(Reader& reader, Value& value, std::vector<T>& out) {
  read_items(reader, value, &read_item<T>, &out);
}

/// Before a member that holds a single field (Reader::enter_member, with the member's key and value): the value
/// to read, or nullptr when it is null.
Value* enter_member(Reader& reader, Reader::Member& member, bool& seen, bool required);

/// A single member: null is absent, which a required member may not be.
template <class T>
void read_member(Reader& reader, Reader::Member& member, T& out, bool& seen) {
  if (Value* value = enter_member(reader, member, seen, true)) read_value(reader, *value, out);
  reader.pop();
}
template <class T>
void read_member(Reader& reader, Reader::Member& member, std::optional<T>& out, bool& seen) {
  if (Value* value = enter_member(reader, member, seen, false)) read_value(reader, *value, out.emplace());
  reader.pop();
}
/// A list: `[...]`, or EM's nested form of a wrapped XML list, `{"Refs": [...]}`; null is empty.
void read_list_member(Reader& reader, Reader::Member& member, ReadItem read_item, void* list, bool& seen);
template <class T>
void read_member(Reader& reader, Reader::Member& member, std::vector<T>& out, bool& seen) {
  read_list_member(reader, member, &read_item<T>, &out, seen);
}

/// Parses a whole document and reads its root object with read_root; throws ParseError. Compiled once in the
/// runtime, so that each document type adds only its read_json.
void parse_document(std::string_view text, ReadMode mode, ReadWarnings* warnings, ReadObject read_root, void* out);

/// Parses a whole document as T (which provides read_json); throws ParseError. A lenient read adds what it
/// skipped to warnings when given.
template <Readable T>
[[gnu::noinline]] T parse_document(std::string_view text, ReadMode mode, ReadWarnings* warnings = nullptr) {
  T value;
  parse_document(
      text, mode, warnings,
      [](Reader& reader, Object& object, void* out) { read_json(reader, object, *static_cast<T*>(out)); }, &value);
  return value;
}

}  // namespace emgen::json
