#pragma once
// What the cells of a help page's parameter tables say: a type, and the values of an enumeration.

#include <string>
#include <vector>

#include "import/draft.hpp"

namespace emgen::gen::import::help_page {

/// The schema language's primitive a table's type cell names (`Int32`, `Boolean`, `UidType`); empty for
/// another type.
std::string primitive_of(const std::string& table_type);

struct PossibleValues {
  std::string doc;  // the description without the list
  std::vector<DraftEnumValue> values;
};

/// `State of the session. Possible values:   * Starting * Stopping — doc` → the doc and the values.
PossibleValues possible_values(const std::string& description);

}  // namespace emgen::gen::import::help_page
