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

namespace emgen::dynamic {

namespace {

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

/// Strict: the runtime refuses the document. Lenient: it warns, and the field holds what the generated member
/// holds then, default_value(field.type).
void missing_required(xml::Reader& reader, const pugi::xml_node& element, const ir::Field& field, Slot& slot) {
  if (field.attribute)
    reader.missing_attribute(element, field.name);
  else
    reader.missing_element(element, field.name);
  slot.value = default_value(field.type);
}

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

}  // namespace

void read_xml(xml::Reader& reader, const pugi::xml_node& element, Value& out) {
  read_object(reader, element, *expected.complex, out);
}

Value read_xml(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
               ReadWarnings* warnings) {
  const ir::Type& document = document_type(schemas, type);
  const Expecting expect(document);
  return xml::read_document<Value>(text, *document.element, mode, warnings);
}

}  // namespace emgen::dynamic
