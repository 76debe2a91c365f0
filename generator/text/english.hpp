// English plurals of the nouns that name resources and their lists (`policies`, `vApps`, `statuses`), for the
// importers, which draft names from them, and the C++ stage, which names client methods by them. One set of
// rules, so that a resource named from its path and a list named from its item agree.
#pragma once

#include <string>
#include <string_view>

namespace emgen::text {

/// `Policy` → `Policies`, `Status` → `Statuses`, `Box` → `Boxes`, `vApp` → `vApps`, `Day` → `Days`.
std::string plural(std::string_view noun);

/// `policies` → `policy`, `addresses` → `address`, `statuses` → `status`, `vApps` → `vApp`, `databases` →
/// `database`; a noun already singular (`access`, `status`, `analysis`) is returned as it is. Letter case is kept
/// (`POLICIES` → `POLICY`).
std::string singular(std::string_view noun);

}  // namespace emgen::text
