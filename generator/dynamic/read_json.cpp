#include <cstddef>
#include <emgen/json_reader.hpp>
#include <emgen/json_simdjson.hpp>
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

// As for XML (read_xml.cpp): a missing required member is decided by the runtime, here in one place; an unknown
// one inside the runtime's walk, json::read_object.

/// Strict: the runtime refuses the document. Lenient: it warns, and the field holds what the generated member
/// holds then, default_value(field.type).
void missing_required(json::Reader& reader, const json::Object& object, const ir::Field& field, Slot& slot) {
  reader.missing(object, json::Key{field.json_name, field.json_camel_name});
  slot.value = default_value(field.type);
}

/// What the runtime's walk hands back to the member reader in read_object.
struct JsonReading {
  const std::vector<const ir::Field*>& fields;
  std::vector<Slot>& slots;
};

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
        json::read_member(reader, member, out, slot.seen);
        slot.value = to_value(std::move(out));
        break;
      }
      case ir::Cardinality::optional: {
        std::optional<T> out;
        json::read_member(reader, member, out, slot.seen);
        if (out) slot.value = to_value(std::move(*out));
        break;
      }
      case ir::Cardinality::repeated: {
        // The items of a JSON list are read inside the runtime, each once: a DateTime item keeps the runtime's
        // written form as its text (no schema has a list of DateTime).
        if constexpr (kListable<T>) {
          std::vector<T> out;
          json::read_member(reader, member, out, slot.seen);
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
  const TablesOf tables(type);
  const std::vector<const ir::Field*>& fields = tables->fields;
  std::vector<Slot> slots(fields.size());
  UnknownMembers kept;
  JsonReading reading{fields, slots};
  json::read_object(
      reader, object, type.name, tables->json_names,
      [](json::Reader& reader, json::Reader::Member& member, std::size_t field, void* target, bool*) {
        JsonReading& reading = *static_cast<JsonReading*>(target);
        read_member(reader, member, *reading.fields[field], reading.slots[field]);
      },
      &reading, nullptr, kept);
  for (std::size_t index = 0; index < fields.size(); ++index)
    if (fields[index]->cardinality == ir::Cardinality::required && !slots[index].seen)
      missing_required(reader, object, *fields[index], slots[index]);
  out = assemble(fields, slots);
  out.unknown_members = std::move(kept);
}

}  // namespace

void read_json(json::Reader& reader, json::Object& object, Value& out) {
  read_object(reader, object, *expected.complex, out);
}

Value read_json(const ir::Model& schemas, std::string_view type, std::string_view text, ReadMode mode,
                ReadWarnings* warnings) {
  const Expecting expect(find_type(schemas, type));
  TablesScope tables;
  return json::parse_document<Value>(text, mode, warnings);
}

}  // namespace emgen::dynamic
