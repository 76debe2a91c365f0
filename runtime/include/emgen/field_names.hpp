#pragma once
// How a generated reader finds the field an XML attribute, an XML element or a JSON member belongs to: from a
// table of the names it accepts, searched at run time, rather than from a chain of comparisons compiled into
// every reader. And how it adds an item to a list field.

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace emgen {

/// A name a generated reader accepts and the index of the field it reads: a field's wire name, one of its
/// aliases, or one of its JSON names (`CreationTimeUTC`, `creationTimeUTC`, `CreationTime`, `creationTime`).
struct FieldName {
  std::string_view name;
  std::size_t field;
};

/// What find_field returns for a name no field accepts.
inline constexpr std::size_t kNoField = static_cast<std::size_t>(-1);

/// The field of the first entry of names whose name is name, or kNoField. Generated readers' tables hold a few
/// dozen names at most, in the schema's order of fields, so a scan is as fast as a search would be.
std::size_t find_field(std::span<const FieldName> names, std::string_view name) noexcept;

/// Appends a default item to a list being read and returns it, for the reader to fill. Through resize rather than
/// emplace_back: each item type then compiles one growth path (_M_default_append) instead of emplace_back's
/// general insertion (_M_realloc_insert, which moves the items on both sides of the new one).
template <class T>
T& append_default(std::vector<T>& items) {
  items.resize(items.size() + 1);
  return items.back();
}

}  // namespace emgen
