#pragma once
// DateTime: the EM API's timestamps, held as UTC microseconds.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace emgen {

/// A point in time, UTC, microsecond resolution.
using DateTime = std::chrono::sys_time<std::chrono::microseconds>;

/// Parses ISO 8601 as EM sends it: `2023-01-27T17:05:52.069837Z`, `2014-10-19T05:22:52Z`,
/// `2020-02-04T08:47:10.64Z`, with a `+hh:mm`/`-hh:mm` offset, or with no zone at all (read as UTC).
/// Up to 7 fraction digits are accepted (.NET writes 100 ns ticks); digits past the microsecond are
/// truncated. Returns nullopt for anything else (bad field ranges, Feb 30, trailing text).
std::optional<DateTime> parse_datetime(std::string_view text) noexcept;

/// Formats as UTC with `Z`, with the shortest fraction that keeps the value:
/// `2014-10-19T05:22:52Z`, `2025-09-24T20:00:09.607Z`, `2023-01-27T17:05:52.069837Z`.
std::string format_datetime(DateTime value);

}  // namespace emgen
