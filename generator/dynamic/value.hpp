#pragma once
// A payload's value as a resolved schema set describes it, with no compiled type behind it: what
// emgen::dynamic reads and writes.

#include <cstdint>
#include <emgen/datetime.hpp>
#include <emgen/uid.hpp>
#include <emgen/unknown.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace emgen::dynamic {

struct Member;

/// One value of a payload. An object holds the fields that are present, in the order the schema declares
/// them (inherited fields first), under the schema's field name (the XML name, whatever alias or JSON casing
/// the payload used). A repeated field is always present, as a list (empty when the payload has none); an
/// optional field that is absent (left out, nil or null) is not a member at all.
struct Value {
  enum class Kind { absent, object, list, string, integer, number, boolean, datetime, uid, enumeration };

  Kind kind = Kind::absent;
  /// string: the text. datetime: the text as the payload wrote it (see datetime). enumeration: the wire text.
  std::string text;
  /// integer: an Int or a Long.
  std::int64_t integer = 0;
  /// number: a Double.
  double number = 0;
  bool boolean = false;
  /// datetime: the instant; writers write it in the one form the runtime writes, not text.
  DateTime datetime{};
  Uid uid;
  /// enumeration: whether the schema lists text (a lenient read keeps values it does not list).
  bool listed = false;
  /// object: the fields present, in schema order.
  std::vector<Member> members;
  /// list: the items.
  std::vector<Value> items;
  /// object: what a lenient read kept that the type does not list, written back as the generated types do.
  UnknownMembers unknown_members;

  static Value object();
  static Value list();
  static Value string(std::string text);
  static Value integer_value(std::int64_t value);
  static Value number_value(double value);
  static Value boolean_value(bool value);
  /// text empty: the runtime's written form of value.
  static Value datetime_value(DateTime value, std::string text = {});
  static Value uid_value(Uid value);
  static Value enumeration(std::string wire, bool listed);

  /// The member named name (the schema's field name) of an object; nullptr when it has none.
  const Value* find(std::string_view name) const noexcept;
  Value* find(std::string_view name) noexcept;

  friend bool operator==(const Value&, const Value&);
};

struct Member {
  std::string name;
  Value value;

  friend bool operator==(const Member&, const Member&) = default;
};

/// `object`, `list`, `string`, ...: for messages.
std::string_view kind_name(Value::Kind kind) noexcept;

/// The wire text a writer writes for a scalar value (the runtime's format_scalar: a datetime in its written form,
/// not the text it was read from); empty for an object, a list or absent.
std::string written_text(const Value& value);

/// A generic JSON view of value, with the schema's field names as member names: an object as an object, a list
/// as an array, a datetime and an enumeration as the wire text they were read from, a uid as its URN, absent
/// as null. Meant for people and tests; the payload's own JSON form is write_json's.
std::string to_json_debug(const Value& value, bool pretty = false);

}  // namespace emgen::dynamic
