#include <cstddef>
#include <emgen/runtime.hpp>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "dynamic/codec.hpp"
#include "dynamic/dispatch.hpp"
#include "dynamic/tables.hpp"

namespace emgen::dynamic {

namespace {

[[noreturn]] void misfit(const ir::Type& type, const ir::Field& field, const std::string& message) {
  throw std::invalid_argument(type.name + "." + field.name + ": " + message);
}

void expect_kind(const Value& value, Value::Kind kind, const ir::Type& type, const ir::Field& field) {
  if (value.kind != kind)
    misfit(type, field, "expected " + std::string(kind_name(kind)) + ", found " + std::string(kind_name(value.kind)));
}

/// Checks that value is an object whose members are fields of type (fields: all of them), each once.
void check_members(const ir::Type& type, const std::vector<const ir::Field*>& fields, const Value& value) {
  if (value.kind != Value::Kind::object)
    throw std::invalid_argument(type.name + ": expected object, found " + std::string(kind_name(value.kind)));
  for (std::size_t index = 0; index < value.members.size(); ++index) {
    const std::string& name = value.members[index].name;
    bool known = false;
    for (const ir::Field* field : fields) known = known || field->name == name;
    if (!known) throw std::invalid_argument(type.name + " has no field '" + name + "'");
    for (std::size_t before = 0; before < index; ++before)
      if (value.members[before].name == name)
        throw std::invalid_argument(type.name + "." + name + ": member appears more than once");
  }
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
  const TablesOf tables(type);
  const std::vector<const ir::Field*>& fields = tables->fields;
  check_members(type, fields, value);
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
  const TablesOf tables(type);
  const std::vector<const ir::Field*>& fields = tables->fields;
  check_members(type, fields, value);
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

}  // namespace

void write_xml(pugi::xml_node& element, const Value& value) { write_object(element, *expected.complex, value); }

void write_json(json::Writer& writer, const Value& value) { write_object(writer, *expected.complex, value); }

std::string write_xml(const ir::Model& schemas, std::string_view type, const Value& value) {
  const ir::Type& document = document_type(schemas, type);
  pugi::xml_document xml_document;
  pugi::xml_node root = xml::begin_document(xml_document, document.element->c_str(), schemas.api.xml_namespace.c_str());
  const Expecting expect(document);
  TablesScope tables;
  write_object(root, document, value);
  return xml::to_string(xml_document);
}

std::string write_json(const ir::Model& schemas, std::string_view type, const Value& value, JsonStyle style,
                       bool pretty) {
  const ir::Type& complex = find_type(schemas, type);
  const Expecting expect(complex);
  TablesScope tables;
  json::Writer writer(pretty, style);
  write_object(writer, complex, value);
  return writer.take();
}

}  // namespace emgen::dynamic
