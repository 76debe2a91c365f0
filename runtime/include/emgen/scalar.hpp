#pragma once
// Scalars as text: the one place that knows how Int, Long, Double, Bool, DateTime and Uid look on the wire.

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "emgen/datetime.hpp"
#include "emgen/open_enum.hpp"
#include "emgen/uid.hpp"

namespace emgen {

enum class ScalarResult {
  ok,
  /// Not of the type's form at all ("abc" for an Int).
  invalid,
  /// Of the right form but out of the type's range (99999999999 for an Int).
  out_of_range,
};

/// Reads wire text. Leading and trailing XML whitespace is ignored for every type but String.
ScalarResult parse_scalar(std::string_view text, std::string& out);
ScalarResult parse_scalar(std::string_view text, std::int32_t& out);
ScalarResult parse_scalar(std::string_view text, std::int64_t& out);
/// Decimal and exponent forms (`5.83`, `1`, `-1`, `1.5E+3`); NaN, INF and hexadecimal floats are invalid,
/// values beyond double's range out of range.
ScalarResult parse_scalar(std::string_view text, double& out);
ScalarResult parse_scalar(std::string_view text, bool& out);
ScalarResult parse_scalar(std::string_view text, DateTime& out);
ScalarResult parse_scalar(std::string_view text, Uid& out);
/// Always ok: an unlisted value is kept (ReadMode::strict is the reader's business).
template <class E>
ScalarResult parse_scalar(std::string_view text, Open<E>& out) {
  out = Open<E>::from_wire(text);
  return ScalarResult::ok;
}

/// The schema's name of a scalar type, for messages: `"abc" is not an Int`.
constexpr std::string_view scalar_type_name(std::type_identity<std::string>) { return "String"; }
constexpr std::string_view scalar_type_name(std::type_identity<std::int32_t>) { return "Int"; }
constexpr std::string_view scalar_type_name(std::type_identity<std::int64_t>) { return "Long"; }
constexpr std::string_view scalar_type_name(std::type_identity<double>) { return "Double"; }
constexpr std::string_view scalar_type_name(std::type_identity<bool>) { return "Bool"; }
constexpr std::string_view scalar_type_name(std::type_identity<DateTime>) { return "DateTime"; }
constexpr std::string_view scalar_type_name(std::type_identity<Uid>) { return "Uid"; }

/// `"abc" is not an Int`, `"99999999999" is out of range for Int`; the text is quoted and cut to 80 bytes.
std::string scalar_error(std::string_view text, std::string_view type_name, ScalarResult result);

/// Writes wire text.
inline const std::string& format_scalar(const std::string& value) { return value; }
std::string format_scalar(std::int32_t value);
std::string format_scalar(std::int64_t value);
/// The shortest text that reads back as value (`5.83`, `1`, `-1`, `1e+15`); throws std::invalid_argument for
/// NaN and infinities, which the wire forms cannot carry.
std::string format_scalar(double value);
std::string format_scalar(bool value);
std::string format_scalar(DateTime value);
std::string format_scalar(const Uid& value);
template <class E>
std::string format_scalar(const Open<E>& value) {
  return std::string(value.text());
}

}  // namespace emgen
