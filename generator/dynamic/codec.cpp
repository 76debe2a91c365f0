#include "dynamic/codec.hpp"

#include <charconv>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "dynamic/dispatch.hpp"
#include "suggest.hpp"

namespace emgen::dynamic {

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

/// A type that is a whole XML document (has an element).
const ir::Type& document_type(const ir::Model& schemas, std::string_view name) {
  const ir::Type& type = find_type(schemas, name);
  if (!type.element)
    throw std::invalid_argument(type.name +
                                " is not a document type: it has no element, so no XML document of its own");
  return type;
}

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

}  // namespace emgen::dynamic
