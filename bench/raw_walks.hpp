#pragma once
// The raw walks the typed readers are measured against (parse_bench, peer_parse): every node, attribute, key and
// value touched once, with nothing built, so that the ratio to them is what typing costs.

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <pugixml.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace emgen_bench {

inline std::uint64_t walk(const pugi::xml_node& node) {
  std::uint64_t sum = std::strlen(node.name()) + std::strlen(node.value());
  for (pugi::xml_attribute attribute = node.first_attribute(); attribute; attribute = attribute.next_attribute())
    sum += std::strlen(attribute.name()) + std::strlen(attribute.value());
  for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) sum += walk(child);
  return sum;
}

[[noreturn]] inline void fail(simdjson::error_code error) {
  throw std::runtime_error(std::string("simdjson: ") + simdjson::error_message(error));
}

inline std::uint64_t walk(simdjson::ondemand::value& value) {
  namespace ondemand = simdjson::ondemand;
  ondemand::json_type type;
  if (const auto error = value.type().get(type)) fail(error);
  std::uint64_t sum = 0;
  switch (type) {
    case ondemand::json_type::object: {
      ondemand::object object;
      if (const auto error = value.get_object().get(object)) fail(error);
      for (auto field : object) {
        std::string_view key;
        ondemand::value member;
        if (const auto error = field.unescaped_key().get(key)) fail(error);
        if (const auto error = field.value().get(member)) fail(error);
        sum += key.size() + walk(member);
      }
      break;
    }
    case ondemand::json_type::array: {
      ondemand::array array;
      if (const auto error = value.get_array().get(array)) fail(error);
      for (auto item : array) {
        ondemand::value element;
        if (const auto error = item.get(element)) fail(error);
        sum += walk(element);
      }
      break;
    }
    case ondemand::json_type::string: {
      std::string_view text;
      if (const auto error = value.get_string().get(text)) fail(error);
      sum += text.size();
      break;
    }
    case ondemand::json_type::number: {
      ondemand::number number;
      if (const auto error = value.get_number().get(number)) fail(error);
      sum += number.is_int64() ? static_cast<std::uint64_t>(number.get_int64()) : 1;
      break;
    }
    case ondemand::json_type::boolean: {
      bool flag = false;
      if (const auto error = value.get_bool().get(flag)) fail(error);
      sum += flag;
      break;
    }
    case ondemand::json_type::null:
      sum += value.is_null();
      break;
  }
  return sum;
}

}  // namespace emgen_bench
