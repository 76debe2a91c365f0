#include "emgen/datetime.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

namespace {

using namespace std::chrono;
using emgen::DateTime;
using emgen::format_datetime;
using emgen::parse_datetime;

DateTime at(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0, std::int64_t us = 0) {
  return sys_days{year{y} / month{mo} / day{d}} + hours{h} + minutes{mi} + seconds{s} + microseconds{us};
}

// The forms in the EM documentation and in captured payloads.
TEST(ParseDateTime, MicrosecondsWithZ) {
  EXPECT_EQ(parse_datetime("2023-01-27T17:05:52.069837Z"), at(2023, 1, 27, 17, 5, 52, 69837));
}

TEST(ParseDateTime, WholeSecondsWithZ) {
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52Z"), at(2014, 10, 19, 5, 22, 52));
}

TEST(ParseDateTime, ShortFractionIsScaledNotReadAsMicroseconds) {
  EXPECT_EQ(parse_datetime("2020-02-04T08:47:10.64Z"), at(2020, 2, 4, 8, 47, 10, 640000));
  EXPECT_EQ(parse_datetime("2020-02-04T08:47:10.6Z"), at(2020, 2, 4, 8, 47, 10, 600000));
  EXPECT_EQ(parse_datetime("2020-02-04T08:47:10.000001Z"), at(2020, 2, 4, 8, 47, 10, 1));
}

TEST(ParseDateTime, SeventhDigitIsTruncatedNotRounded) {
  EXPECT_EQ(parse_datetime("2023-01-27T17:05:52.0698379Z"), at(2023, 1, 27, 17, 5, 52, 69837));
  // Rounding would carry into the next second (and here the next year).
  EXPECT_EQ(parse_datetime("2023-12-31T23:59:59.9999999Z"), at(2023, 12, 31, 23, 59, 59, 999999));
}

TEST(ParseDateTime, EightFractionDigitsAreRefused) {
  EXPECT_EQ(parse_datetime("2023-01-27T17:05:52.06983790Z"), std::nullopt);
}

TEST(ParseDateTime, NoZoneIsUtc) {
  EXPECT_EQ(parse_datetime("2025-09-24T20:00:09.607"), at(2025, 9, 24, 20, 0, 9, 607000));
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52"), parse_datetime("2014-10-19T05:22:52Z"));
}

TEST(ParseDateTime, OffsetsAreConvertedToUtc) {
  EXPECT_EQ(parse_datetime("2014-10-19T07:22:52+02:00"), at(2014, 10, 19, 5, 22, 52));
  EXPECT_EQ(parse_datetime("2014-10-18T23:52:52-05:30"), at(2014, 10, 19, 5, 22, 52));
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52+00:00"), at(2014, 10, 19, 5, 22, 52));
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52-00:00"), at(2014, 10, 19, 5, 22, 52));
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52.5+01:00"), at(2014, 10, 19, 4, 22, 52, 500000));
}

TEST(ParseDateTime, OffsetCanMoveTheDateAcrossAYear) {
  EXPECT_EQ(parse_datetime("2000-01-01T00:30:00+01:00"), at(1999, 12, 31, 23, 30));
  EXPECT_EQ(parse_datetime("1999-12-31T23:30:00-01:00"), at(2000, 1, 1, 0, 30));
}

TEST(ParseDateTime, LowerCaseSeparatorAndZoneAsRfc3339Allows) {
  EXPECT_EQ(parse_datetime("2014-10-19t05:22:52z"), at(2014, 10, 19, 5, 22, 52));
}

TEST(ParseDateTime, LeapDays) {
  EXPECT_EQ(parse_datetime("2024-02-29T00:00:00Z"), at(2024, 2, 29));
  EXPECT_EQ(parse_datetime("2000-02-29T00:00:00Z"), at(2000, 2, 29));
  EXPECT_EQ(parse_datetime("2023-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("1900-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2024-02-30T00:00:00Z"), std::nullopt);
}

TEST(ParseDateTime, DayOfMonthAndMonthRanges) {
  EXPECT_EQ(parse_datetime("2023-04-30T00:00:00Z"), at(2023, 4, 30));
  EXPECT_EQ(parse_datetime("2023-04-31T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2023-12-31T00:00:00Z"), at(2023, 12, 31));
  EXPECT_EQ(parse_datetime("2023-12-32T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2023-13-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2023-00-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2023-01-00T00:00:00Z"), std::nullopt);
}

TEST(ParseDateTime, TimeRanges) {
  EXPECT_EQ(parse_datetime("2023-01-01T23:59:59Z"), at(2023, 1, 1, 23, 59, 59));
  EXPECT_EQ(parse_datetime("2023-01-01T24:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("2023-01-01T12:60:00Z"), std::nullopt);
  // Leap seconds are refused rather than folded into the next minute.
  EXPECT_EQ(parse_datetime("2016-12-31T23:59:60Z"), std::nullopt);
}

TEST(ParseDateTime, YearRange) {
  EXPECT_EQ(parse_datetime("0001-01-01T00:00:00Z"), at(1, 1, 1));
  EXPECT_EQ(parse_datetime("9999-12-31T23:59:59.999999Z"), at(9999, 12, 31, 23, 59, 59, 999999));
  EXPECT_EQ(parse_datetime("0000-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("10000-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("999-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("-2023-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("+2023-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_datetime("99999999999999999999-01-01T00:00:00Z"), std::nullopt);
}

TEST(ParseDateTime, OffsetForms) {
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52+0200"), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52+02"), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52+2:00"), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52+24:00"), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52+02:60"), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52Z+02:00"), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52 Z"), std::nullopt);
}

TEST(ParseDateTime, RefusesOtherShapes) {
  for (const char* text :
       {"", " ", "Z", "2014-10-19", "2014-10-19T", "2014-10-19T05:22Z", "2014-10-19 05:22:52Z", "2014/10/19T05:22:52Z",
        "2014-1-19T05:22:52Z", "2014-10-19T5:22:52Z", "2014-10-19T05:22:52.Z", "2014-10-19T05:22:52.",
        "2014-10-19T05:22:52,5Z", " 2014-10-19T05:22:52Z", "2014-10-19T05:22:52Z ", "2014-10-19T05:22:52Zjunk",
        "2014-10-19T05:22:52.12a", "2014-1O-19T05:22:52Z", "1414141414141414141414"})
    EXPECT_EQ(parse_datetime(text), std::nullopt) << '"' << text << '"';
}

TEST(ParseDateTime, EmbeddedNulIsNotAnEnd) {
  using namespace std::string_view_literals;
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52Z\0"sv), std::nullopt);
  EXPECT_EQ(parse_datetime("2014-10-19T05:22:52\0Z"sv), std::nullopt);
}

TEST(ParseDateTime, EveryProperPrefixIsRefused) {
  const std::string full = "2023-01-27T17:05:52.069837+01:00";
  ASSERT_TRUE(parse_datetime(full));
  for (std::size_t size = 0; size < full.size(); ++size) {
    const std::string prefix = full.substr(0, size);
    const bool complete_form = prefix == "2023-01-27T17:05:52" || (prefix.size() >= 21 && prefix.size() <= 26);
    EXPECT_EQ(parse_datetime(prefix).has_value(), complete_form) << prefix;
  }
}

TEST(ParseDateTime, ArbitraryBytesNeverCrash) {
  // A cheap stand-in for the fuzzer: mutations of a valid value, run under the sanitizers in CI.
  std::mt19937 random(12345);
  const std::string seed = "2023-01-27T17:05:52.0698379-05:30";
  for (int round = 0; round < 20000; ++round) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < edits; ++i) {
      const std::size_t pos = random() % (text.size() + 1);
      switch (random() % 3) {
        case 0:
          if (pos < text.size()) text[pos] = static_cast<char>(random() % 256);
          break;
        case 1:
          text.insert(pos, 1, static_cast<char>(random() % 256));
          break;
        default:
          if (pos < text.size()) text.erase(pos, 1);
      }
    }
    if (const auto value = parse_datetime(text)) {
      // Whatever is accepted formats to something that reads back as the same instant.
      EXPECT_EQ(parse_datetime(format_datetime(*value)), value) << text;
    }
  }
}

TEST(FormatDateTime, DocumentedForms) {
  EXPECT_EQ(format_datetime(at(2014, 10, 19, 5, 22, 52)), "2014-10-19T05:22:52Z");
  EXPECT_EQ(format_datetime(at(2025, 9, 24, 20, 0, 9, 607000)), "2025-09-24T20:00:09.607Z");
  EXPECT_EQ(format_datetime(at(2023, 1, 27, 17, 5, 52, 69837)), "2023-01-27T17:05:52.069837Z");
}

TEST(FormatDateTime, ShortestFraction) {
  EXPECT_EQ(format_datetime(at(2020, 2, 4, 8, 47, 10, 640000)), "2020-02-04T08:47:10.64Z");
  EXPECT_EQ(format_datetime(at(2020, 2, 4, 8, 47, 10, 1)), "2020-02-04T08:47:10.000001Z");
  EXPECT_EQ(format_datetime(at(2020, 2, 4, 8, 47, 10, 100000)), "2020-02-04T08:47:10.1Z");
  EXPECT_EQ(format_datetime(at(2020, 2, 4, 8, 47, 10, 10)), "2020-02-04T08:47:10.00001Z");
}

TEST(FormatDateTime, PadsAllFields) {
  EXPECT_EQ(format_datetime(at(1, 1, 1)), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_datetime(DateTime{}), "1970-01-01T00:00:00Z");
}

TEST(FormatDateTime, BeforeTheEpochBorrowsFromTheDay) {
  EXPECT_EQ(format_datetime(DateTime{microseconds{-1}}), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(format_datetime(DateTime{microseconds{-86'400'000'000}}), "1969-12-31T00:00:00Z");
}

TEST(FormatDateTime, ExtremesOfTheRepresentationDoNotOverflow) {
  EXPECT_EQ(format_datetime(DateTime::min()), "-290308-12-21T19:59:05.224192Z");
  EXPECT_EQ(format_datetime(DateTime::max()), "294247-01-10T04:00:54.775807Z");
}

TEST(DateTimeRoundTrip, ParseOfFormatIsIdentity) {
  std::mt19937_64 random(7);
  const std::int64_t first = at(1, 1, 1).time_since_epoch().count();
  const std::int64_t last = at(9999, 12, 31, 23, 59, 59, 999999).time_since_epoch().count();
  std::uniform_int_distribution<std::int64_t> pick(first, last);
  for (int i = 0; i < 10000; ++i) {
    const DateTime value{microseconds{pick(random)}};
    const std::string text = format_datetime(value);
    ASSERT_EQ(parse_datetime(text), value) << text;
  }
}

TEST(DateTimeRoundTrip, FormatOfParseKeepsCanonicalText) {
  for (const char* text : {"2023-01-27T17:05:52.069837Z", "2014-10-19T05:22:52Z", "2020-02-04T08:47:10.64Z",
                           "2024-02-29T23:59:59.9Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"})
    EXPECT_EQ(format_datetime(parse_datetime(text).value()), text);
}

}  // namespace

TEST(DateTimeRange, AnOffsetCannotMoveTheInstantOutOfYears1To9999) {
  // Found by fuzz_datetime: each is a valid local time whose UTC instant format_datetime could not write
  // back in a form parse_datetime reads.
  EXPECT_FALSE(emgen::parse_datetime("9999-12-31T23:59:59-07:30").has_value());
  EXPECT_FALSE(emgen::parse_datetime("0001-01-01T00:00:00+00:01").has_value());
  // The edges themselves are fine, and round-trip.
  for (const char* edge : {"9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+00:00"}) {
    const auto value = emgen::parse_datetime(edge);
    ASSERT_TRUE(value.has_value()) << edge;
    EXPECT_EQ(emgen::parse_datetime(emgen::format_datetime(*value)), value) << edge;
  }
}
