#pragma once
// How a generated reader finds the field an XML attribute, an XML element or a JSON member belongs to: from a
// table of the names it accepts, searched at run time, rather than from a chain of comparisons compiled into
// every reader.

#include <cstddef>
#include <span>
#include <string_view>

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

}  // namespace emgen
