#include "emgen/field_names.hpp"

namespace emgen {

std::size_t find_field(std::span<const FieldName> names, std::string_view name) noexcept {
  for (const FieldName& entry : names)
    if (entry.name == name) return entry.field;
  return kNoField;
}

}  // namespace emgen
