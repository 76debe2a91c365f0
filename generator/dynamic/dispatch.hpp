#pragma once
// What the readers and the writers of emgen::dynamic (read_xml.cpp, read_json.cpp, write.cpp) share: the
// expected schema type, the C++ type that stands for each schema type, and the slots a read gathers. Not part of
// the library's interface.

#include <cstddef>
#include <emgen/runtime.hpp>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "dynamic/codec.hpp"

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

// The runtime's callbacks for a complex value, found by argument-dependent lookup (so declared in Value's
// namespace). All four are declared wherever one is called: the runtime's Complex concepts ask for the reading
// ones before it writes. Declared here only, they are not part of the library's interface.
void read_xml(xml::Reader& reader, const pugi::xml_node& element, Value& out);
void write_xml(pugi::xml_node& element, const Value& value);
void read_json(json::Reader& reader, json::Object& object, Value& out);
void write_json(json::Writer& writer, const Value& value);

struct ExpectedType {
  const ir::Type* complex = nullptr;
  const ir::Enum* enumeration = nullptr;
};

// Per thread, so that schema sets can be read on several threads at once.
inline constinit thread_local ExpectedType expected;

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
inline std::optional<SchemaEnum> parse_enum(std::string_view text, std::type_identity<SchemaEnum>) noexcept {
  const auto& values = expected.enumeration->values;
  for (std::size_t index = 0; index < values.size(); ++index)
    if (values[index].wire == text) return static_cast<SchemaEnum>(index);
  return std::nullopt;
}

inline std::string_view to_string(SchemaEnum value) noexcept {
  const auto& values = expected.enumeration->values;
  const auto index = static_cast<std::size_t>(value);
  return index < values.size() ? std::string_view(values[index].wire) : std::string_view();
}

inline std::string_view schema_name(std::type_identity<SchemaEnum>) noexcept { return expected.enumeration->name; }

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

inline Value to_value(std::string&& value) { return Value::string(std::move(value)); }
inline Value to_value(std::int32_t value) { return Value::integer_value(value); }
inline Value to_value(std::int64_t value) { return Value::integer_value(value); }
inline Value to_value(double value) { return Value::number_value(value); }
inline Value to_value(bool value) { return Value::boolean_value(value); }
inline Value to_value(DateTime value) { return Value::datetime_value(value); }
inline Value to_value(Uid&& value) { return Value::uid_value(std::move(value)); }
// While the field's Expecting is in force: text() of a listed value asks the expected enum.
inline Value to_value(OpenEnum&& value) { return Value::enumeration(std::string(value.text()), value.is_listed()); }
inline Value to_value(Value&& value) { return std::move(value); }

/// The runtime's list readers hold items in std::vector<T>, which for bool is no container of bools: the
/// generated code cannot hold a repeated Bool field either (no schema has one), so neither is read here.
template <class T>
constexpr bool kListable = !std::is_same_v<T, bool>;

[[noreturn]] void unreadable_list(const ir::Field& field);

/// What a generated struct member of type holds before anything is read into it: 0, false, "", the epoch, an
/// empty Uid, an enum's first listed value, and for a complex type an object of its fields' defaults (repeated
/// ones empty, optional ones absent).
Value default_value(const ir::TypeRef& type);

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

inline Value& list_of(Slot& slot) {
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
Value assemble(const std::vector<const ir::Field*>& fields, std::vector<Slot>& slots);

/// A type that is a whole XML document (has an element).
const ir::Type& document_type(const ir::Model& schemas, std::string_view name);

}  // namespace emgen::dynamic
