#include "dynamic/value.hpp"

#include <algorithm>
#include <emgen/json_writer.hpp>
#include <emgen/scalar.hpp>
#include <utility>

namespace emgen::dynamic {

Value Value::object() {
  Value value;
  value.kind = Kind::object;
  return value;
}

Value Value::list() {
  Value value;
  value.kind = Kind::list;
  return value;
}

Value Value::string(std::string text) {
  Value value;
  value.kind = Kind::string;
  value.text = std::move(text);
  return value;
}

Value Value::integer_value(std::int64_t integer) {
  Value value;
  value.kind = Kind::integer;
  value.integer = integer;
  return value;
}

Value Value::number_value(double number) {
  Value value;
  value.kind = Kind::number;
  value.number = number;
  return value;
}

Value Value::boolean_value(bool boolean) {
  Value value;
  value.kind = Kind::boolean;
  value.boolean = boolean;
  return value;
}

Value Value::datetime_value(DateTime datetime, std::string text) {
  Value value;
  value.kind = Kind::datetime;
  value.datetime = datetime;
  value.text = text.empty() ? format_datetime(datetime) : std::move(text);
  return value;
}

Value Value::uid_value(Uid uid) {
  Value value;
  value.kind = Kind::uid;
  value.uid = std::move(uid);
  return value;
}

Value Value::enumeration(std::string wire, bool listed) {
  Value value;
  value.kind = Kind::enumeration;
  value.text = std::move(wire);
  value.listed = listed;
  return value;
}

const Value* Value::find(std::string_view name) const noexcept {
  const auto found =
      std::find_if(members.begin(), members.end(), [&](const Member& member) { return member.name == name; });
  return found == members.end() ? nullptr : &found->value;
}

Value* Value::find(std::string_view name) noexcept { return const_cast<Value*>(std::as_const(*this).find(name)); }

// Only what the kind uses is compared: a string's integer field, say, means nothing.
bool operator==(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::absent:
      return true;
    case Value::Kind::object:
      return a.members == b.members && a.unknown_members == b.unknown_members;
    case Value::Kind::list:
      return a.items == b.items;
    case Value::Kind::string:
      return a.text == b.text;
    case Value::Kind::integer:
      return a.integer == b.integer;
    case Value::Kind::number:
      return a.number == b.number;
    case Value::Kind::boolean:
      return a.boolean == b.boolean;
    case Value::Kind::datetime:
      return a.datetime == b.datetime && a.text == b.text;
    case Value::Kind::uid:
      return a.uid == b.uid;
    case Value::Kind::enumeration:
      return a.text == b.text && a.listed == b.listed;
  }
  return false;
}

std::string_view kind_name(Value::Kind kind) noexcept {
  switch (kind) {
    case Value::Kind::absent:
      return "absent";
    case Value::Kind::object:
      return "object";
    case Value::Kind::list:
      return "list";
    case Value::Kind::string:
      return "string";
    case Value::Kind::integer:
      return "integer";
    case Value::Kind::number:
      return "number";
    case Value::Kind::boolean:
      return "boolean";
    case Value::Kind::datetime:
      return "datetime";
    case Value::Kind::uid:
      return "uid";
    case Value::Kind::enumeration:
      return "enumeration";
  }
  return "value";
}

std::string written_text(const Value& value) {
  switch (value.kind) {
    case Value::Kind::string:
    case Value::Kind::enumeration:
      return value.text;
    case Value::Kind::integer:
      return format_scalar(value.integer);
    case Value::Kind::number:
      return format_scalar(value.number);
    case Value::Kind::boolean:
      return format_scalar(value.boolean);
    case Value::Kind::datetime:
      return format_scalar(value.datetime);
    case Value::Kind::uid:
      return format_scalar(value.uid);
    case Value::Kind::absent:
    case Value::Kind::object:
    case Value::Kind::list:
      break;
  }
  return {};
}

namespace {

void write_debug(json::Writer& writer, const Value& value) {
  switch (value.kind) {
    case Value::Kind::absent:
      writer.null();
      return;
    case Value::Kind::object:
      writer.begin_object();
      for (const Member& member : value.members) {
        writer.key(json::Key(member.name));
        write_debug(writer, member.value);
      }
      writer.end_object();
      return;
    case Value::Kind::list:
      writer.begin_array();
      for (const Value& item : value.items) write_debug(writer, item);
      writer.end_array();
      return;
    case Value::Kind::string:
    case Value::Kind::datetime:
    case Value::Kind::enumeration:
      writer.string(value.text);
      return;
    case Value::Kind::integer:
      writer.integer(value.integer);
      return;
    case Value::Kind::number:
      writer.number(value.number);
      return;
    case Value::Kind::boolean:
      writer.boolean(value.boolean);
      return;
    case Value::Kind::uid:
      writer.string(value.uid.to_string());
      return;
  }
}

}  // namespace

std::string to_json_debug(const Value& value, bool pretty) {
  json::Writer writer(pretty);
  write_debug(writer, value);
  return writer.take();
}

}  // namespace emgen::dynamic
