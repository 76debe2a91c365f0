#include "emgen/field_names.hpp"

namespace emgen {

std::size_t find_field(std::span<const FieldName> names, std::string_view name) noexcept {
  // The first byte rules out most entries before a call to memcmp: names of one type seldom share their length
  // and first letter, and the two JSON spellings of a name differ in it.
  for (const FieldName& entry : names)
    if (entry.name.size() == name.size() && (name.empty() || entry.name[0] == name[0]) && entry.name == name)
      return entry.field;
  return kNoField;
}

}  // namespace emgen
