#include <cstddef>
#include <emgen/runtime.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "dynamic/codec.hpp"
#include "dynamic/dispatch.hpp"
#include "dynamic/tables.hpp"

namespace emgen::dynamic {

namespace {

// What a read does with a required field the payload does not give is decided in one function, by the runtime
// as the generated code asks it, so that a change of the runtime's rule is followed here in one place. (A nil or
// null required value is handled inside the runtime's read_element_field and read_member, which the dispatch
// calls as the generated code does; unknown parts, inside the runtime's walk, xml::read_members.)

/// Strict: the runtime refuses the document. Lenient: it warns, and the field holds what the generated member
/// holds then, default_value(field.type).
void missing_required(xml::Reader& reader, const pugi::xml_node& element, const ir::Field& field, Slot& slot) {
  if (field.attribute)
    reader.missing_attribute(element, field.name);
  else
    reader.missing_element(element, field.name);
  slot.value = default_value(field.type);
}

/// What the runtime's walk hands back to the field readers below.
struct XmlReading {
  const std::vector<const ir::Field*>& fields;
  std::vector<Slot>& slots;
};

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
  const TablesOf tables(type);
  const std::vector<const ir::Field*>& fields = tables->fields;
  const std::size_t text_index = tables->text_index;
  std::vector<Slot> slots(fields.size());
  UnknownMembers kept;
  xml::ElementFields table;
  table.attributes = tables->attribute_names;
  table.read_attribute = [](xml::Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
                            std::size_t field, void* target, bool*) {
    XmlReading& reading = *static_cast<XmlReading*>(target);
    read_attribute(reader, owner, attribute, *reading.fields[field], reading.slots[field]);
  };
  table.elements = tables->element_names;
  table.read_element = [](xml::Reader& reader, const pugi::xml_node& child, std::size_t field, void* target, bool*) {
    XmlReading& reading = *static_cast<XmlReading*>(target);
    read_element(reader, child, *reading.fields[field], reading.slots[field]);
  };
  // Text is the text field's, when the type has one (read below); else stray.
  table.has_text = text_index < fields.size();
  XmlReading reading{fields, slots};
  xml::MemberCounts counts = xml::read_members(reader, element, table, &reading, nullptr, kept);
  if (text_index < fields.size() && read_text(reader, element, *fields[text_index], slots[text_index]))
    ++counts.members;
  reader.end_element(element, type.name, counts.members, counts.unknown);
  // Attributes first, then elements, each in field order: the first missing one is the one reported.
  for (const bool attributes : {true, false})
    for (std::size_t index = 0; index < fields.size(); ++index)
      if (fields[index]->attribute == attributes && fields[index]->cardinality == ir::Cardinality::required &&
          !slots[index].seen)
        missing_required(reader, element, *fields[index], slots[index]);
  out = assemble(fields, slots);
  out.unknown_members = std::move(kept);
}

}  // namespace

void read_xml(xml::Reader& reader, const pugi::xml_node& element, Value& out) {
  read_object(reader, element, *expected.complex, out);
}

Value read_xml(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
               ReadWarnings* warnings) {
  const ir::Type& document = document_type(schemas, type);
  const Expecting expect(document);
  TablesScope tables;
  return xml::read_document<Value>(text, *document.element, mode, warnings);
}

}  // namespace emgen::dynamic
