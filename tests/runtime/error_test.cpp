#include "emgen/error.hpp"

#include <gtest/gtest.h>

namespace {

using emgen::ParseError;
using emgen::position_of;

TEST(ParseError, WhatWithPosition) {
  const ParseError error("/BackupJobSession/Progress", "\"abc\" is not an Int", 3, 27);
  EXPECT_STREQ(error.what(), "3:27: /BackupJobSession/Progress: \"abc\" is not an Int");
  EXPECT_EQ(error.path(), "/BackupJobSession/Progress");
  EXPECT_EQ(error.message(), "\"abc\" is not an Int");
  EXPECT_EQ(error.line(), 3u);
  EXPECT_EQ(error.column(), 27u);
}

TEST(ParseError, WhatWithoutPosition) {
  const ParseError error("$.Links[2].Rel", "missing required property");
  EXPECT_STREQ(error.what(), "$.Links[2].Rel: missing required property");
  EXPECT_EQ(error.line(), 0u);
  EXPECT_EQ(error.column(), 0u);
}

TEST(ParseError, IsARuntimeError) {
  try {
    throw ParseError("/", "no root element");
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "/: no root element");
  }
}

TEST(PositionOf, FirstByteIsOneOne) {
  EXPECT_EQ(position_of("abc", 0).line, 1u);
  EXPECT_EQ(position_of("abc", 0).column, 1u);
}

TEST(PositionOf, CountsLinesAndBytes) {
  const std::string_view text = "ab\ncd\n\nxyz";
  EXPECT_EQ(position_of(text, 2).line, 1u);  // the newline itself ends line 1
  EXPECT_EQ(position_of(text, 2).column, 3u);
  EXPECT_EQ(position_of(text, 3).line, 2u);
  EXPECT_EQ(position_of(text, 3).column, 1u);
  EXPECT_EQ(position_of(text, 6).line, 3u);
  EXPECT_EQ(position_of(text, 6).column, 1u);
  EXPECT_EQ(position_of(text, 9).line, 4u);
  EXPECT_EQ(position_of(text, 9).column, 3u);
}

TEST(PositionOf, ColumnsCountBytesNotCharacters) {
  EXPECT_EQ(position_of("\xC3\xA9x", 2).column, 3u);  // "éx": the x is the third byte
}

TEST(PositionOf, CarriageReturnLineEndsCountOnce) {
  EXPECT_EQ(position_of("a\r\nb", 3).line, 2u);
  EXPECT_EQ(position_of("a\r\nb", 3).column, 1u);
}

TEST(PositionOf, OffsetsPastTheEndClampToTheEnd) {
  EXPECT_EQ(position_of("ab\ncd", 100).line, 2u);
  EXPECT_EQ(position_of("ab\ncd", 100).column, 3u);
  EXPECT_EQ(position_of("", 5).line, 1u);
  EXPECT_EQ(position_of("", 5).column, 1u);
}

}  // namespace
