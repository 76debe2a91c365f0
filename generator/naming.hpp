#pragma once
// Splitting schema names into words: shared by the checks (which reject names that would collide) and the
// C++ view model (which uses them).

#include <string>

namespace emgen::gen {

/// `CreationTimeUTC` → `creation_time_utc`, `JobUid` → `job_uid`, `UID` → `uid`, `IsRetry` → `is_retry`.
std::string snake_case(const std::string& name);

}  // namespace emgen::gen
