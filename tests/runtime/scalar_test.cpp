#include "emgen/scalar.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace palette {

// The shape of a generated enum, for Open<E>.
enum class Color { Red, Green, Unlisted };
inline std::string_view to_string(Color value) noexcept {
  switch (value) {
    case Color::Red:
      return "Red";
    case Color::Green:
      return "Green";
    default:
      return "";
  }
}
inline std::optional<Color> parse_enum(std::string_view text, std::type_identity<Color>) noexcept {
  if (text == "Red") return Color::Red;
  if (text == "Green") return Color::Green;
  return std::nullopt;
}

}  // namespace palette

namespace {

using emgen::DateTime;
using emgen::format_scalar;
using emgen::parse_scalar;
using emgen::scalar_error;
using emgen::ScalarResult;
using emgen::Uid;

template <class T>
ScalarResult parse_as(std::string_view text, T& out) {
  return parse_scalar(text, out);
}

TEST(ParseInt, Valid) {
  std::int32_t value = -1;
  EXPECT_EQ(parse_as("0", value), ScalarResult::ok);
  EXPECT_EQ(value, 0);
  EXPECT_EQ(parse_as("100", value), ScalarResult::ok);
  EXPECT_EQ(value, 100);
  EXPECT_EQ(parse_as("-42", value), ScalarResult::ok);
  EXPECT_EQ(value, -42);
  EXPECT_EQ(parse_as("+42", value), ScalarResult::ok);  // xsd:int allows the sign
  EXPECT_EQ(value, 42);
  EXPECT_EQ(parse_as("007", value), ScalarResult::ok);
  EXPECT_EQ(value, 7);
  EXPECT_EQ(parse_as(" \t\r\n15\n ", value), ScalarResult::ok);
  EXPECT_EQ(value, 15);
}

TEST(ParseInt, ExactBoundaries) {
  std::int32_t value = 0;
  EXPECT_EQ(parse_as("2147483647", value), ScalarResult::ok);
  EXPECT_EQ(value, std::numeric_limits<std::int32_t>::max());
  EXPECT_EQ(parse_as("-2147483648", value), ScalarResult::ok);
  EXPECT_EQ(value, std::numeric_limits<std::int32_t>::min());
  EXPECT_EQ(parse_as("2147483648", value), ScalarResult::out_of_range);
  EXPECT_EQ(parse_as("-2147483649", value), ScalarResult::out_of_range);
  EXPECT_EQ(parse_as("+2147483648", value), ScalarResult::out_of_range);
  EXPECT_EQ(parse_as("99999999999", value), ScalarResult::out_of_range);
  EXPECT_EQ(value, std::numeric_limits<std::int32_t>::min()) << "a refused value leaves the output alone";
}

TEST(ParseInt, Invalid) {
  for (const char* text : {"", " ", "\n\t", "abc", "1.0", "1e3", "0x10", "+", "-", "+-1", "-+1", "++1", "1 2", "12abc",
                           "99999999999x", "\xD9\xA1", "1,000", "\v1"}) {
    std::int32_t value = 5;
    EXPECT_EQ(parse_as(text, value), ScalarResult::invalid) << '"' << text << '"';
    EXPECT_EQ(value, 5);
  }
}

TEST(ParseLong, ExactBoundaries) {
  std::int64_t value = 0;
  EXPECT_EQ(parse_as("9223372036854775807", value), ScalarResult::ok);
  EXPECT_EQ(value, std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parse_as("-9223372036854775808", value), ScalarResult::ok);
  EXPECT_EQ(value, std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse_as("9223372036854775808", value), ScalarResult::out_of_range);
  EXPECT_EQ(parse_as("-9223372036854775809", value), ScalarResult::out_of_range);
  EXPECT_EQ(parse_as("99999999999", value), ScalarResult::ok);
  EXPECT_EQ(value, 99999999999);
  EXPECT_EQ(parse_as("1.5", value), ScalarResult::invalid);
}

TEST(ParseBool, TheSixForms) {
  bool value = false;
  for (const char* text : {"true", "True", "1", " true\n"}) {
    value = false;
    EXPECT_EQ(parse_as(text, value), ScalarResult::ok) << text;
    EXPECT_TRUE(value) << text;
  }
  for (const char* text : {"false", "False", "0", "\tFalse "}) {
    value = true;
    EXPECT_EQ(parse_as(text, value), ScalarResult::ok) << text;
    EXPECT_FALSE(value) << text;
  }
}

TEST(ParseBool, Refusals) {
  for (const char* text : {"", " ", "TRUE", "FALSE", "yes", "no", "2", "01", "truee", "t", "tRUE"}) {
    bool value = true;
    EXPECT_EQ(parse_as(text, value), ScalarResult::invalid) << '"' << text << '"';
    EXPECT_TRUE(value);
  }
}

TEST(ParseString, KeepsWhitespace) {
  std::string value;
  EXPECT_EQ(parse_as("  Backup Job 3\n", value), ScalarResult::ok);
  EXPECT_EQ(value, "  Backup Job 3\n");
  EXPECT_EQ(parse_as("", value), ScalarResult::ok);
  EXPECT_EQ(value, "");
}

TEST(ParseDateTimeScalar, TrimsAndRefuses) {
  DateTime value{};
  EXPECT_EQ(parse_as("\n  2014-10-19T05:22:52Z  \n", value), ScalarResult::ok);
  EXPECT_EQ(value, emgen::parse_datetime("2014-10-19T05:22:52Z"));
  EXPECT_EQ(parse_as("2023-02-29T00:00:00Z", value), ScalarResult::invalid);
  EXPECT_EQ(parse_as("", value), ScalarResult::invalid);
}

TEST(ParseUidScalar, TrimsAndRefuses) {
  Uid value;
  EXPECT_EQ(parse_as(" urn:veeam:Job:1\n", value), ScalarResult::ok);
  EXPECT_EQ(value, (Uid{"Job", "1"}));
  EXPECT_EQ(parse_as("urn:veeam:Job", value), ScalarResult::invalid);
}

TEST(ParseOpenEnum, ListedAndUnlistedAreBothOk) {
  emgen::Open<palette::Color> value;
  EXPECT_EQ(parse_as("Green", value), ScalarResult::ok);
  EXPECT_TRUE(value == palette::Color::Green);
  EXPECT_EQ(parse_as("Mauve", value), ScalarResult::ok);
  EXPECT_FALSE(value.is_listed());
  EXPECT_EQ(value.text(), "Mauve");
  EXPECT_EQ(format_scalar(value), "Mauve");
  value = palette::Color::Red;
  EXPECT_EQ(format_scalar(value), "Red");
}

TEST(ScalarError, InvalidWithArticles) {
  EXPECT_EQ(scalar_error("abc", "Int", ScalarResult::invalid), "\"abc\" is not an Int");
  EXPECT_EQ(scalar_error("abc", "Long", ScalarResult::invalid), "\"abc\" is not a Long");
  EXPECT_EQ(scalar_error("abc", "Bool", ScalarResult::invalid), "\"abc\" is not a Bool");
  EXPECT_EQ(scalar_error("abc", "DateTime", ScalarResult::invalid), "\"abc\" is not a DateTime");
  EXPECT_EQ(scalar_error("abc", "Uid", ScalarResult::invalid), "\"abc\" is not a Uid");
  EXPECT_EQ(scalar_error("abc", "String", ScalarResult::invalid), "\"abc\" is not a String");
}

TEST(ScalarError, TypeNamesComeFromTheHeader) {
  using emgen::scalar_type_name;
  EXPECT_EQ(scalar_error("x", scalar_type_name(std::type_identity<std::int32_t>{}), ScalarResult::invalid),
            "\"x\" is not an Int");
  EXPECT_EQ(scalar_error("x", scalar_type_name(std::type_identity<Uid>{}), ScalarResult::invalid),
            "\"x\" is not a Uid");
}

TEST(ScalarError, OutOfRange) {
  EXPECT_EQ(scalar_error("99999999999", "Int", ScalarResult::out_of_range), "\"99999999999\" is out of range for Int");
  EXPECT_EQ(scalar_error("-9223372036854775809", "Long", ScalarResult::out_of_range),
            "\"-9223372036854775809\" is out of range for Long");
}

TEST(ScalarError, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(scalar_error("a\"b\\c", "Int", ScalarResult::invalid), R"("a\"b\\c" is not an Int)");
  EXPECT_EQ(scalar_error("1\n2\r3\t4", "Int", ScalarResult::invalid), R"("1\n2\r3\t4" is not an Int)");
  EXPECT_EQ(scalar_error(std::string_view("\0\x1f\x7f", 3), "Int", ScalarResult::invalid),
            R"("\x00\x1f\x7f" is not an Int)");
  EXPECT_EQ(scalar_error("caf\xC3\xA9", "Int", ScalarResult::invalid), "\"caf\xC3\xA9\" is not an Int");
}

TEST(ScalarError, KeepsEightyBytesThenEllipsis) {
  const std::string exactly(80, '7');
  EXPECT_EQ(scalar_error(exactly, "Int", ScalarResult::out_of_range), '"' + exactly + "\" is out of range for Int");
  const std::string longer(81, '7');
  EXPECT_EQ(scalar_error(longer, "Int", ScalarResult::out_of_range), '"' + exactly + "\"... is out of range for Int");
}

TEST(ScalarError, CutIsOnTheRawTextNotTheEscapedText) {
  const std::string text(100, '"');
  std::string escaped;
  for (int i = 0; i < 80; ++i) escaped += "\\\"";
  EXPECT_EQ(scalar_error(text, "Int", ScalarResult::invalid), '"' + escaped + "\"... is not an Int");
}

TEST(ScalarError, CutDoesNotSplitAUtf8Character) {
  // 79 ASCII bytes, then a 3-byte character straddling the 80-byte limit.
  const std::string text = std::string(79, 'a') + "\xE2\x82\xAC" + "tail";
  EXPECT_EQ(scalar_error(text, "Int", ScalarResult::invalid), '"' + std::string(79, 'a') + "\"... is not an Int");
}

TEST(FormatScalar, Values) {
  EXPECT_EQ(format_scalar(std::int32_t{-2147483647 - 1}), "-2147483648");
  EXPECT_EQ(format_scalar(std::int32_t{100}), "100");
  EXPECT_EQ(format_scalar(std::numeric_limits<std::int64_t>::max()), "9223372036854775807");
  EXPECT_EQ(format_scalar(std::numeric_limits<std::int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(format_scalar(true), "true");
  EXPECT_EQ(format_scalar(false), "false");
  EXPECT_EQ(format_scalar(emgen::parse_datetime("2020-02-04T08:47:10.640Z").value()), "2020-02-04T08:47:10.64Z");
  EXPECT_EQ(format_scalar(Uid{"Job", "1"}), "urn:veeam:Job:1");
  const std::string text = " as is ";
  EXPECT_EQ(&format_scalar(text), &text);
}

TEST(ScalarRoundTrip, IntegersAndBools) {
  for (const std::int64_t value : {std::int64_t{0}, std::int64_t{-1}, std::numeric_limits<std::int64_t>::min(),
                                   std::numeric_limits<std::int64_t>::max()}) {
    std::int64_t back = 0;
    ASSERT_EQ(parse_scalar(format_scalar(value), back), ScalarResult::ok);
    EXPECT_EQ(back, value);
  }
  for (const bool value : {true, false}) {
    bool back = !value;
    ASSERT_EQ(parse_scalar(format_scalar(value), back), ScalarResult::ok);
    EXPECT_EQ(back, value);
  }
}

TEST(ParseDouble, DecimalAndExponentForms) {
  const std::vector<std::pair<std::string, double>> forms = {
      {"5.83", 5.83},     {"1", 1.0},
      {"-1", -1.0},       {"0", 0.0},
      {" 2.5\n", 2.5},    {"+1.5", 1.5},
      {"1.5E+3", 1500.0}, {"2e-3", 0.002},
      {".5", 0.5},        {"5.", 5.0},
      {"-0", -0.0},       {"1e308", 1e308},
      {"0.1", 0.1},       {"1099511627776000", 1099511627776000.0},
  };
  for (const auto& [text, expected] : forms) {
    double value = 42;
    EXPECT_EQ(parse_scalar(text, value), ScalarResult::ok) << text;
    EXPECT_EQ(value, expected) << text;
  }
}

TEST(ParseDouble, RefusesWhatIsNotADecimal) {
  for (const char* text : {"NaN", "nan", "INF", "-INF", "inf", "Infinity", "0x1p3", "5,83", "", " ", "1e", "1e+", "--1",
                           "+-1", "1.2.3", ".", "e5", "1 2", "5.83abc"}) {
    double value = 42;
    EXPECT_EQ(parse_scalar(text, value), ScalarResult::invalid) << text;
    EXPECT_EQ(value, 42) << text;
  }
  double value = 42;
  EXPECT_EQ(parse_scalar("1e400", value), ScalarResult::out_of_range);
  EXPECT_EQ(parse_scalar("-1e400", value), ScalarResult::out_of_range);
  EXPECT_EQ(value, 42);
  EXPECT_EQ(scalar_error("abc", "Double", ScalarResult::invalid), R"("abc" is not a Double)");
}

TEST(FormatDouble, ShortestFormThatReadsBack) {
  EXPECT_EQ(format_scalar(5.83), "5.83");
  EXPECT_EQ(format_scalar(1.0), "1");
  EXPECT_EQ(format_scalar(-1.0), "-1");
  EXPECT_EQ(format_scalar(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_scalar(1e15), "1e+15");
  EXPECT_THROW(format_scalar(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
  EXPECT_THROW(format_scalar(std::numeric_limits<double>::infinity()), std::invalid_argument);
  for (const double value : {5.83, 1.0 / 3.0, 1e-300, 123456789.123456789, std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::denorm_min() * 4}) {
    double back = 0;
    ASSERT_EQ(parse_scalar(format_scalar(value), back), ScalarResult::ok) << format_scalar(value);
    EXPECT_EQ(back, value);
  }
}

}  // namespace
