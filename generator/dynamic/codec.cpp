#include "dynamic/codec.hpp"

#include <charconv>
#include <cstddef>
#include <emgen/json_reader.hpp>
#include <emgen/runtime.hpp>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "suggest.hpp"

// How the runtime is reused. Its readers and writers are templates over the C++ type of a value:
// xml::read_element_field, read_wrapped_field, read_attribute_field, json::read_member, write_member, ... decide
// every rule of the wire format, and call back, by argument-dependent lookup, read_xml / read_json /
// write_xml / write_json for a complex value and parse_enum / to_string / schema_name for an open enum. Here
// the type is known only at run time, so two C++ types stand for "a value of the schema type expected here":
// Value for a complex type and SchemaEnum for an enum. Their callbacks take that schema type from
// `expected`, which the dispatch below sets, around each call into the runtime, to the IR type the call reads
// or writes. Scalars are read and written as the C++ types the generated code uses, then converted to Value.
// The dispatch itself is what the generated per-type functions (templates/schema.cpp.mustache) do: match
// names in field order, count members for "none is known", and check required fields after the last one.

namespace emgen::dynamic {

// Callbacks of the runtime's templates for a complex value, found by argument-dependent lookup (so declared in
// Value's namespace), with internal linkage: they are not part of the library's interface.
static void read_xml(xml::Reader& reader, const pugi::xml_node& element, Value& out);
static void write_xml(pugi::xml_node& element, const Value& value);
static void read_json(json::Reader& reader, json::Object& object, Value& out);
static void write_json(json::Writer& writer, const Value& value);

namespace {

struct ExpectedType {
  const ir::Type* complex = nullptr;
  const ir::Enum* enumeration = nullptr;
};

// Per thread, so that schema sets can be read on several threads at once.
thread_local ExpectedType expected;

// Sets the expected type for one call into the runtime, and restores the enclosing one after it: the items of a
// list are read one after the other, each after the fields of the one before have set their own types.
class Expecting {
 public:
  explicit Expecting(const ir::TypeRef& type) : saved_(expected) { expected = {type.complex, type.enumeration}; }
  explicit Expecting(const ir::Type& type) : saved_(expected) { expected = {&type, nullptr}; }
  Expecting(const Expecting&) = delete;
  Expecting& operator=(const Expecting&) = delete;
  ~Expecting() { expected = saved_; }

 private:
  ExpectedType saved_;
};

/// A value of the expected enum: the index of its entry in the IR enum's values.
enum class SchemaEnum : std::size_t { Unlisted = std::numeric_limits<std::size_t>::max() };

// What Open<SchemaEnum> needs of its enum, as a generated enum provides it: the first listed value whose wire
// text is text, the wire text of a value, and the enum's name for messages.
[[maybe_unused]] std::optional<SchemaEnum> parse_enum(std::string_view text, std::type_identity<SchemaEnum>) noexcept {
  const auto& values = expected.enumeration->values;
  for (std::size_t index = 0; index < values.size(); ++index)
    if (values[index].wire == text) return static_cast<SchemaEnum>(index);
  return std::nullopt;
}

[[maybe_unused]] std::string_view to_string(SchemaEnum value) noexcept {
  const auto& values = expected.enumeration->values;
  const auto index = static_cast<std::size_t>(value);
  return index < values.size() ? std::string_view(values[index].wire) : std::string_view();
}

[[maybe_unused]] std::string_view schema_name(std::type_identity<SchemaEnum>) noexcept {
  return expected.enumeration->name;
}

using OpenEnum = Open<SchemaEnum>;

/// Calls visit with std::type_identity of the C++ type the generated code uses for one value of type.
template <class Visit>
void with_cpp_type(const ir::TypeRef& type, Visit&& visit) {
  switch (type.kind) {
    case ir::TypeRef::Kind::complex:
      return visit(std::type_identity<Value>{});
    case ir::TypeRef::Kind::enumeration:
      return visit(std::type_identity<OpenEnum>{});
    case ir::TypeRef::Kind::primitive:
      break;
  }
  switch (type.primitive) {
    case ir::Primitive::String:
      return visit(std::type_identity<std::string>{});
    case ir::Primitive::Int:
      return visit(std::type_identity<std::int32_t>{});
    case ir::Primitive::Long:
      return visit(std::type_identity<std::int64_t>{});
    case ir::Primitive::Double:
      return visit(std::type_identity<double>{});
    case ir::Primitive::Bool:
      return visit(std::type_identity<bool>{});
    case ir::Primitive::DateTime:
      return visit(std::type_identity<DateTime>{});
    case ir::Primitive::Uid:
      return visit(std::type_identity<Uid>{});
  }
}

Value to_value(std::string&& value) { return Value::string(std::move(value)); }
Value to_value(std::int32_t value) { return Value::integer_value(value); }
Value to_value(std::int64_t value) { return Value::integer_value(value); }
Value to_value(double value) { return Value::number_value(value); }
Value to_value(bool value) { return Value::boolean_value(value); }
Value to_value(DateTime value) { return Value::datetime_value(value); }
Value to_value(Uid&& value) { return Value::uid_value(std::move(value)); }
// While the field's Expecting is in force: text() of a listed value asks the expected enum.
Value to_value(OpenEnum&& value) { return Value::enumeration(std::string(value.text()), value.is_listed()); }
Value to_value(Value&& value) { return std::move(value); }

/// The runtime's list readers hold items in std::vector<T>, which for bool is no container of bools: the
/// generated code cannot hold a repeated Bool field either (no schema has one), so neither is read here.
template <class T>
constexpr bool kListable = !std::is_same_v<T, bool>;

[[noreturn]] void unreadable_list(const ir::Field& field) {
  throw std::invalid_argument("field " + field.name +
                              " is a repeated Bool, which the runtime's list readers cannot hold");
}

/// What a generated struct member of type holds before anything is read into it: 0, false, "", the epoch, an
/// empty Uid, an enum's first listed value, and for a complex type an object of its fields' defaults (repeated
/// ones empty, optional ones absent).
Value default_value(const ir::TypeRef& type) {
  Value value;
  with_cpp_type(type, [&]<class T>(std::type_identity<T>) {
    if constexpr (std::is_same_v<T, Value>) {
      value = Value::object();
      for (const ir::Field* field : type.complex->all_fields()) {
        if (field->cardinality == ir::Cardinality::required)
          value.members.push_back(Member{field->name, default_value(field->type)});
        else if (field->cardinality == ir::Cardinality::repeated)
          value.members.push_back(Member{field->name, Value::list()});
      }
    } else {
      const Expecting expect(type);
      value = to_value(T{});
    }
  });
  return value;
}

/// The value a required field is read into: as the generated member starts (a read may leave it so).
template <class T>
T initial(const ir::Field& field) {
  if constexpr (std::is_same_v<T, Value>)
    return default_value(field.type);
  else
    return T{};
}

/// What reading has gathered for one field of an object.
struct Slot {
  bool seen = false;
  std::optional<Value> value;
};

Value& list_of(Slot& slot) {
  if (!slot.value) slot.value = Value::list();
  return *slot.value;
}

template <class T>
void add_items(Slot& slot, std::vector<T>&& items) {
  Value& list = list_of(slot);
  list.items.reserve(list.items.size() + items.size());
  for (T& item : items) list.items.push_back(to_value(std::move(item)));
}

/// The object the fields read make, in schema order; a repeated field the payload did not give is empty.
Value assemble(const std::vector<const ir::Field*>& fields, std::vector<Slot>& slots) {
  Value object = Value::object();
  object.members.reserve(fields.size());
  for (std::size_t index = 0; index < fields.size(); ++index) {
    const ir::Field& field = *fields[index];
    if (slots[index].value)
      object.members.push_back(Member{field.name, std::move(*slots[index].value)});
    else if (field.cardinality == ir::Cardinality::repeated)
      object.members.push_back(Member{field.name, Value::list()});
  }
  return object;
}

// What a read does with a part of the payload its type does not know, and with a required field the payload
// does not give: each decided in one function, by the runtime as the generated code asks it, so that a change
// of the runtime's rule is followed here in one place. (A nil or null required value is handled inside the
// runtime's read_element_field and read_member, which the dispatch calls as the generated code does.)
// Unknown members are kept in the object that held them (strict: an error), as the generated types keep them.
void unknown_attribute(xml::Reader& reader, const pugi::xml_node& element, const pugi::xml_attribute& attribute,
                       UnknownMembers& keep) {
  reader.unknown_attribute(element, attribute, keep);
}

void unknown_element(xml::Reader& reader, const pugi::xml_node& child, UnknownMembers& keep) {
  reader.unknown_element(child, keep);
}

void unknown_member(json::Reader& reader, json::Reader::Member& member, UnknownMembers& keep) {
  reader.unknown_member(member, keep);
}

/// Strict: the runtime refuses the document. Lenient: it warns, and the field holds what the generated member
/// holds then, default_value(field.type).
void missing_required(xml::Reader& reader, const pugi::xml_node& element, const ir::Field& field, Slot& slot) {
  if (field.attribute)
    reader.missing_attribute(element, field.name);
  else
    reader.missing_element(element, field.name);
  slot.value = default_value(field.type);
}

void missing_required(json::Reader& reader, const json::Object& object, const ir::Field& field, Slot& slot) {
  reader.missing(object, json::Key{field.json_name, field.json_camel_name});
  slot.value = default_value(field.type);
}

// ---- Reading XML ----------------------------------------------------------------------------------------------

/// The index of the first field of the kind (attribute or element) whose name or alias is name, as the generated
/// conditions test them in field order; fields.size() when none.
std::size_t match_xml(const std::vector<const ir::Field*>& fields, std::string_view name, bool attribute) {
  for (std::size_t index = 0; index < fields.size(); ++index) {
    const ir::Field& field = *fields[index];
    // A text field has no XML name: its name and aliases name no attribute or element.
    if (field.attribute != attribute || field.text) continue;
    if (field.name == name) return index;
    for (const std::string& alias : field.aliases)
      if (alias == name) return index;
  }
  return fields.size();
}

void read_attribute(xml::Reader& reader, const pugi::xml_node& element, const pugi::xml_attribute& attribute,
                    const ir::Field& field, Slot& slot) {
  with_cpp_type(field.type, [&]<class T>(std::type_identity<T>) {
    if constexpr (std::is_same_v<T, Value>) {
      throw std::logic_error("attribute " + field.name + " of a complex type: the schema set was not resolved");
    } else {
      const Expecting expect(field.type);
      if (field.cardinality == ir::Cardinality::optional) {
        std::optional<T> out;
        xml::read_attribute_field(reader, element, attribute, out, slot.seen);
        if (out) slot.value = to_value(std::move(*out));
      } else {
        T out = initial<T>(field);
        xml::read_attribute_field(reader, element, attribute, out, slot.seen);
        slot.value = to_value(std::move(out));
      }
      if constexpr (std::is_same_v<T, DateTime>)
        if (slot.value) slot.value->text = attribute.value();
    }
  });
}

void read_element(xml::Reader& reader, const pugi::xml_node& child, const ir::Field& field, Slot& slot) {
  with_cpp_type(field.type, [&]<class T>(std::type_identity<T>) {
    constexpr bool is_datetime = std::is_same_v<T, DateTime>;
    const Expecting expect(field.type);
    if constexpr (!kListable<T>)
      if (field.cardinality == ir::Cardinality::repeated) unreadable_list(field);
    if (field.item) {
      if constexpr (kListable<T>) {
        std::vector<T> out;
        xml::read_wrapped_field(reader, child, *field.item, out, slot.seen);
        Value& list = list_of(slot);
        const std::size_t first = list.items.size();
        const std::size_t read = out.size();
        add_items(slot, std::move(out));
        if constexpr (is_datetime) {
          // The items read are the wrapper's elements named item, in order.
          std::size_t at = first;
          for (pugi::xml_node item = child.first_child(); item && at < first + read; item = item.next_sibling())
            if (item.type() == pugi::node_element && xml::local_name(item.name()) == *field.item)
              list.items[at++].text = reader.text_of(item);
        }
      }
      return;
    }
    switch (field.cardinality) {
      case ir::Cardinality::required: {
        T out = initial<T>(field);
        xml::read_element_field(reader, child, out, slot.seen);
        slot.value = to_value(std::move(out));
        break;
      }
      case ir::Cardinality::optional: {
        std::optional<T> out;
        xml::read_element_field(reader, child, out, slot.seen);
        if (out) slot.value = to_value(std::move(*out));
        break;
      }
      case ir::Cardinality::repeated: {
        if constexpr (kListable<T>) {
          std::vector<T> out;
          xml::read_element_field(reader, child, out, slot.seen);
          add_items(slot, std::move(out));
          if constexpr (is_datetime) slot.value->items.back().text = reader.text_of(child);
        }
        return;
      }
    }
    if constexpr (is_datetime)
      if (slot.value) slot.value->text = reader.text_of(child);
  });
}

/// A text field (`text: true`): the element's text, which the runtime reads as the generated code asks it.
/// Returns whether the element had text (a known part of it).
bool read_text(xml::Reader& reader, const pugi::xml_node& element, const ir::Field& field, Slot& slot) {
  bool had_text = false;
  with_cpp_type(field.type, [&]<class T>(std::type_identity<T>) {
    if constexpr (std::is_same_v<T, Value>) {
      throw std::logic_error("text field " + field.name + " of a complex type: the schema set was not resolved");
    } else {
      const Expecting expect(field.type);
      if (field.cardinality == ir::Cardinality::optional) {
        std::optional<T> out;
        had_text = xml::read_text_field(reader, element, out);
        if (out) slot.value = to_value(std::move(*out));
      } else {
        T out = initial<T>(field);
        had_text = xml::read_text_field(reader, element, out);
        slot.value = to_value(std::move(out));
      }
      if constexpr (std::is_same_v<T, DateTime>)
        if (slot.value) slot.value->text = reader.text_beside_elements(element);
    }
  });
  // Never missing: no text is the empty text (or absent, for an optional field).
  slot.seen = true;
  return had_text;
}

void read_object(xml::Reader& reader, const pugi::xml_node& element, const ir::Type& type, Value& out) {
  const std::vector<const ir::Field*> fields = type.all_fields();
  // The resolver allows one text field per type, inherited ones included.
  std::size_t text_index = fields.size();
  for (std::size_t index = 0; index < fields.size(); ++index)
    if (fields[index]->text) text_index = index;
  std::vector<Slot> slots(fields.size());
  UnknownMembers kept;
  // Counted so that an element none of whose parts is known is reported rather than read as empty.
  std::size_t members = 0;
  std::size_t unknown = 0;
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
    if (xml::is_markup_attribute(attribute)) continue;
    ++members;
    const std::size_t index = match_xml(fields, xml::local_name(attribute.name()), true);
    if (index < fields.size()) {
      read_attribute(reader, element, attribute, *fields[index], slots[index]);
      continue;
    }
    ++unknown;
    unknown_attribute(reader, element, attribute, kept);
  }
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) {
      // Text is the text field's, when the type has one (read below); else stray.
      if (text_index == fields.size() && (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata))
        reader.stray_text(child);
      continue;
    }
    ++members;
    const std::size_t index = match_xml(fields, xml::local_name(child.name()), false);
    if (index < fields.size()) {
      read_element(reader, child, *fields[index], slots[index]);
      continue;
    }
    ++unknown;
    unknown_element(reader, child, kept);
  }
  if (text_index < fields.size() && read_text(reader, element, *fields[text_index], slots[text_index])) ++members;
  reader.end_element(element, type.name, members, unknown);
  // Attributes first, then elements, each in field order: the first missing one is the one reported.
  for (const bool attributes : {true, false})
    for (std::size_t index = 0; index < fields.size(); ++index)
      if (fields[index]->attribute == attributes && fields[index]->cardinality == ir::Cardinality::required &&
          !slots[index].seen)
        missing_required(reader, element, *fields[index], slots[index]);
  out = assemble(fields, slots);
  out.unknown_members = std::move(kept);
}

// ---- Reading JSON ---------------------------------------------------------------------------------------------

/// The index of the first field one of whose member names (json_names: both casings, and the aliases') is name.
std::size_t match_json(const std::vector<const ir::Field*>& fields, std::string_view name) {
  for (std::size_t index = 0; index < fields.size(); ++index)
    for (const std::string& candidate : fields[index]->json_names)
      if (candidate == name) return index;
  return fields.size();
}

/// The string a JSON string token holds; token is the raw token of a string the runtime has read, so it is
/// well-formed (quotes, then maybe layout after the closing one).
std::string string_of_token(std::string_view token) {
  const std::size_t close = token.find_last_of('"');
  const std::string_view inner = token.substr(1, close - 1);
  if (inner.find('\\') == std::string_view::npos) return std::string(inner);
  // Escapes are rare in a timestamp: simdjson unescapes them, rather than a second JSON string decoder here.
  const simdjson::padded_string padded(token.substr(0, close + 1));
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document document;
  std::string_view text;
  if (parser.iterate(padded).get(document) || document.get_string().get(text))
    throw std::logic_error("a string the JSON reader accepted does not parse again");
  return std::string(text);
}

void read_member(json::Reader& reader, json::Reader::Member& member, const ir::Field& field, Slot& slot) {
  with_cpp_type(field.type, [&]<class T>(std::type_identity<T>) {
    constexpr bool is_datetime = std::is_same_v<T, DateTime>;
    const Expecting expect(field.type);
    // Looked at before the runtime reads the value (On-Demand values are read once); points into the source.
    if constexpr (!kListable<T>)
      if (field.cardinality == ir::Cardinality::repeated) unreadable_list(field);
    std::string_view token;
    if constexpr (is_datetime)
      if (field.cardinality != ir::Cardinality::repeated) token = member.value.raw_json_token();
    switch (field.cardinality) {
      case ir::Cardinality::required: {
        T out = initial<T>(field);
        json::read_member(reader, member.key, member.value, out, slot.seen);
        slot.value = to_value(std::move(out));
        break;
      }
      case ir::Cardinality::optional: {
        std::optional<T> out;
        json::read_member(reader, member.key, member.value, out, slot.seen);
        if (out) slot.value = to_value(std::move(*out));
        break;
      }
      case ir::Cardinality::repeated: {
        // The items of a JSON list are read inside the runtime, each once: a DateTime item keeps the runtime's
        // written form as its text (no schema has a list of DateTime).
        if constexpr (kListable<T>) {
          std::vector<T> out;
          json::read_member(reader, member.key, member.value, out, slot.seen);
          add_items(slot, std::move(out));
        }
        return;
      }
    }
    if constexpr (is_datetime)
      if (slot.value) slot.value->text = string_of_token(token);
  });
}

void read_object(json::Reader& reader, json::Object& object, const ir::Type& type, Value& out) {
  const std::vector<const ir::Field*> fields = type.all_fields();
  std::vector<Slot> slots(fields.size());
  UnknownMembers kept;
  // Counted so that an object none of whose members is known is reported rather than read as empty.
  std::size_t members = 0;
  std::size_t unknown = 0;
  for (auto field : object.object) {
    json::Reader::Member member = reader.member(object, field);
    ++members;
    const std::size_t index = match_json(fields, member.key);
    if (index < fields.size()) {
      read_member(reader, member, *fields[index], slots[index]);
      continue;
    }
    ++unknown;
    unknown_member(reader, member, kept);
  }
  reader.end_object(object, type.name, members, unknown);
  for (std::size_t index = 0; index < fields.size(); ++index)
    if (fields[index]->cardinality == ir::Cardinality::required && !slots[index].seen)
      missing_required(reader, object, *fields[index], slots[index]);
  out = assemble(fields, slots);
  out.unknown_members = std::move(kept);
}

// ---- Writing --------------------------------------------------------------------------------------------------

[[noreturn]] void misfit(const ir::Type& type, const ir::Field& field, const std::string& message) {
  throw std::invalid_argument(type.name + "." + field.name + ": " + message);
}

void expect_kind(const Value& value, Value::Kind kind, const ir::Type& type, const ir::Field& field) {
  if (value.kind != kind)
    misfit(type, field, "expected " + std::string(kind_name(kind)) + ", found " + std::string(kind_name(value.kind)));
}

/// The type's fields, after checking that value is an object whose members are fields of type, each once.
std::vector<const ir::Field*> fields_of(const ir::Type& type, const Value& value) {
  if (value.kind != Value::Kind::object)
    throw std::invalid_argument(type.name + ": expected object, found " + std::string(kind_name(value.kind)));
  std::vector<const ir::Field*> fields = type.all_fields();
  for (std::size_t index = 0; index < value.members.size(); ++index) {
    const std::string& name = value.members[index].name;
    bool known = false;
    for (const ir::Field* field : fields) known = known || field->name == name;
    if (!known) throw std::invalid_argument(type.name + " has no field '" + name + "'");
    for (std::size_t before = 0; before < index; ++before)
      if (value.members[before].name == name)
        throw std::invalid_argument(type.name + "." + name + ": member appears more than once");
  }
  return fields;
}

/// The C++ type the runtime's writers take for a value of C++ type T: an enum is written as its wire text.
template <class T>
using Written = std::conditional_t<std::is_same_v<T, OpenEnum>, std::string, T>;

/// value as the C++ type W the runtime writes; a complex value is passed on as it is (its callback writes it).
template <class W>
decltype(auto) written(const Value& value, const ir::Type& type, const ir::Field& field) {
  if constexpr (std::is_same_v<W, Value>) {
    expect_kind(value, Value::Kind::object, type, field);
    return value;
  } else if constexpr (std::is_same_v<W, std::string>) {
    expect_kind(value,
                field.type.kind == ir::TypeRef::Kind::enumeration ? Value::Kind::enumeration : Value::Kind::string,
                type, field);
    return value.text;
  } else if constexpr (std::is_same_v<W, std::int32_t>) {
    expect_kind(value, Value::Kind::integer, type, field);
    if (value.integer < std::numeric_limits<std::int32_t>::min() ||
        value.integer > std::numeric_limits<std::int32_t>::max())
      misfit(type, field, std::to_string(value.integer) + " is out of range for Int");
    return static_cast<std::int32_t>(value.integer);
  } else if constexpr (std::is_same_v<W, std::int64_t>) {
    expect_kind(value, Value::Kind::integer, type, field);
    return value.integer;
  } else if constexpr (std::is_same_v<W, double>) {
    expect_kind(value, Value::Kind::number, type, field);
    return value.number;
  } else if constexpr (std::is_same_v<W, bool>) {
    expect_kind(value, Value::Kind::boolean, type, field);
    return value.boolean;
  } else if constexpr (std::is_same_v<W, DateTime>) {
    expect_kind(value, Value::Kind::datetime, type, field);
    return value.datetime;
  } else {
    static_assert(std::is_same_v<W, Uid>);
    expect_kind(value, Value::Kind::uid, type, field);
    return value.uid;
  }
}

/// The items of a repeated field as the runtime's writers take them; an absent member is an empty list.
template <class W>
std::vector<W> written_items(const Value* member, const ir::Type& type, const ir::Field& field) {
  std::vector<W> items;
  if (member == nullptr) return items;
  expect_kind(*member, Value::Kind::list, type, field);
  items.reserve(member->items.size());
  for (const Value& item : member->items) items.push_back(written<W>(item, type, field));
  return items;
}

/// Calls write with the repeated field's items: a list of complex values is handed over as it is.
template <class W, class Write>
void with_items(const Value* member, const ir::Type& type, const ir::Field& field, Write&& write) {
  if constexpr (std::is_same_v<W, Value>) {
    static const std::vector<Value> none;
    if (member == nullptr) return write(none);
    expect_kind(*member, Value::Kind::list, type, field);
    for (const Value& item : member->items) expect_kind(item, Value::Kind::object, type, field);
    write(member->items);
  } else {
    write(written_items<W>(member, type, field));
  }
}

/// The member for field, or nullptr when value has none (or holds it as absent).
const Value* present(const Value& value, const ir::Field& field) {
  const Value* member = value.find(field.name);
  return member != nullptr && member->kind != Value::Kind::absent ? member : nullptr;
}

void write_object(json::Writer& writer, const ir::Type& type, const Value& value) {
  const std::vector<const ir::Field*> fields = fields_of(type, value);
  writer.begin_object();
  for (const ir::Field* field_pointer : fields) {
    const ir::Field& field = *field_pointer;
    const Value* member = present(value, field);
    const json::Key key{field.json_name, field.json_camel_name};
    with_cpp_type(field.type, [&]<class T>(std::type_identity<T>) {
      using W = Written<T>;
      const Expecting expect(field.type);
      switch (field.cardinality) {
        case ir::Cardinality::required:
          if (member == nullptr) misfit(type, field, "missing required field");
          json::write_member(writer, key, written<W>(*member, type, field));
          return;
        case ir::Cardinality::optional:
          if (member != nullptr) json::write_member(writer, key, written<W>(*member, type, field));
          return;
        case ir::Cardinality::repeated:
          with_items<W>(member, type, field, [&](const std::vector<W>& items) {
            if (field.item && field.json_list == ir::JsonList::nested)
              json::write_nested_list_member(writer, key, items);
            else
              json::write_member(writer, key, items);
          });
          return;
      }
    });
  }
  value.unknown_members.write_json(writer);
  writer.end_object();
}

void write_object(pugi::xml_node& element, const ir::Type& type, const Value& value) {
  const std::vector<const ir::Field*> fields = fields_of(type, value);
  // Attributes first, then elements, as the generated writers do.
  for (const bool attributes : {true, false}) {
    for (const ir::Field* field_pointer : fields) {
      const ir::Field& field = *field_pointer;
      if (field.attribute != attributes) continue;
      const Value* member = present(value, field);
      const char* name = field.name.c_str();
      with_cpp_type(field.type, [&]<class T>(std::type_identity<T>) {
        using W = Written<T>;
        const Expecting expect(field.type);
        if (field.cardinality == ir::Cardinality::repeated) {
          with_items<W>(member, type, field, [&](const std::vector<W>& items) {
            if (field.item)
              xml::write_wrapped_field(element, name, field.item->c_str(), items);
            else
              xml::write_element_field(element, name, items);
          });
          return;
        }
        if (member == nullptr) {
          if (field.cardinality == ir::Cardinality::required) misfit(type, field, "missing required field");
          return;
        }
        if constexpr (std::is_same_v<W, Value>) {
          if (field.attribute || field.text)
            throw std::logic_error("attribute or text field " + field.name + " of a complex type");
          xml::write_element_field(element, name, written<W>(*member, type, field));
        } else if (field.text) {
          // A type with a text field has no element fields: written after the attributes, as generated.
          xml::write_text_field(element, written<W>(*member, type, field));
        } else if (field.attribute) {
          xml::write_attribute_field(element, name, written<W>(*member, type, field));
        } else {
          xml::write_element_field(element, name, written<W>(*member, type, field));
        }
      });
    }
  }
  value.unknown_members.write_xml(element);
}

/// A type that is a whole XML document (has an element).
const ir::Type& document_type(const ir::Model& schemas, std::string_view name) {
  const ir::Type& type = find_type(schemas, name);
  if (!type.element)
    throw std::invalid_argument(type.name +
                                " is not a document type: it has no element, so no XML document of its own");
  return type;
}

}  // namespace

static void read_xml(xml::Reader& reader, const pugi::xml_node& element, Value& out) {
  read_object(reader, element, *expected.complex, out);
}

static void write_xml(pugi::xml_node& element, const Value& value) { write_object(element, *expected.complex, value); }

static void read_json(json::Reader& reader, json::Object& object, Value& out) {
  read_object(reader, object, *expected.complex, out);
}

static void write_json(json::Writer& writer, const Value& value) { write_object(writer, *expected.complex, value); }

const ir::Type& find_type(const ir::Model& schemas, std::string_view name) {
  std::vector<std::string> names;
  for (const ir::Type& type : schemas.types) {
    if (type.name == name) return type;
    names.push_back(type.name);
  }
  std::string message = "no type '" + std::string(name) + "' in the schema set";
  if (const auto near = gen::closest_match(std::string(name), names)) message += " (did you mean '" + *near + "'?)";
  throw std::invalid_argument(message);
}

std::optional<std::string> unmet(const Value& root, const ir::Expectation& expectation) {
  const Value* at = &root;
  std::string path;
  for (const ir::PathStep& step : expectation.steps) {
    path += (path.empty() ? "" : ".") + step.field->name;
    const Value* member = at->kind == Value::Kind::object ? at->find(step.field->name) : nullptr;
    const bool last = &step == &expectation.steps.back();
    if (member == nullptr || member->kind == Value::Kind::absent) {
      if (last && expectation.kind == ir::Expectation::Kind::null) return std::nullopt;
      return path + ": absent";
    }
    if (step.index) {
      if (member->kind != Value::Kind::list || *step.index >= member->items.size())
        return path + ": " + std::to_string(member->items.size()) + " items, no [" + std::to_string(*step.index) + "]";
      path += "[" + std::to_string(*step.index) + "]";
      member = &member->items[*step.index];
    }
    at = member;
  }
  switch (expectation.kind) {
    case ir::Expectation::Kind::null:
      return path + ": present, expected absent";
    case ir::Expectation::Kind::count: {
      std::size_t count = 0;
      if (std::from_chars(expectation.expected.data(), expectation.expected.data() + expectation.expected.size(), count)
                  .ec == std::errc{} &&
          count == at->items.size())
        return std::nullopt;
      return path + ": " + std::to_string(at->items.size()) + " items, expected " + expectation.expected;
    }
    case ir::Expectation::Kind::value:
    case ir::Expectation::Kind::unlisted: {
      // resolve wrote expected in the one form the writers write, and checked that a value's enum text is
      // listed and an unlisted one's is not.
      const bool listed_as_expected =
          at->kind != Value::Kind::enumeration || at->listed == (expectation.kind == ir::Expectation::Kind::value);
      const std::string text = written_text(*at);
      if (text == expectation.expected && listed_as_expected) return std::nullopt;
      return path + ": " + (at->kind == Value::Kind::enumeration && !at->listed ? "unlisted " : "") + "\"" + text +
             "\", expected " + (expectation.kind == ir::Expectation::Kind::unlisted ? "unlisted " : "") + "\"" +
             expectation.expected + "\"";
    }
  }
  return std::nullopt;
}

Value read_xml(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
               ReadWarnings* warnings) {
  const ir::Type& document = document_type(schemas, type);
  const Expecting expect(document);
  return xml::read_document<Value>(text, *document.element, mode, warnings);
}

Value read_json(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
                ReadWarnings* warnings) {
  const Expecting expect(find_type(schemas, type));
  return json::parse_document<Value>(text, mode, warnings);
}

std::string write_xml(const ir::Model& schemas, std::string_view type, const Value& value) {
  const ir::Type& document = document_type(schemas, type);
  pugi::xml_document xml_document;
  pugi::xml_node root = xml::begin_document(xml_document, document.element->c_str(), schemas.api.xml_namespace.c_str());
  const Expecting expect(document);
  write_object(root, document, value);
  return xml::to_string(xml_document);
}

std::string write_json(const ir::Model& schemas, std::string_view type, const Value& value, JsonStyle style,
                       bool pretty) {
  const ir::Type& complex = find_type(schemas, type);
  const Expecting expect(complex);
  json::Writer writer(pretty, style);
  write_object(writer, complex, value);
  return writer.take();
}

}  // namespace emgen::dynamic
