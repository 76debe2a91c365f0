// The shared text operations and English plural rules (generator/text/).

#include "text/text.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "text/english.hpp"

namespace {

using namespace emgen::text;

TEST(EnglishPlural, SingularOfTheCollectionsEmNames) {
  EXPECT_EQ(singular("policies"), "policy");
  EXPECT_EQ(singular("repositories"), "repository");
  EXPECT_EQ(singular("FileSystemEntries"), "FileSystemEntry");
  EXPECT_EQ(singular("addresses"), "address");
  EXPECT_EQ(singular("statuses"), "status");
  EXPECT_EQ(singular("vApps"), "vApp");
  EXPECT_EQ(singular("backupSessions"), "backupSession");
  EXPECT_EQ(singular("backup_sessions"), "backup_session");
  EXPECT_EQ(singular("databases"), "database");
  EXPECT_EQ(singular("boxes"), "box");
  EXPECT_EQ(singular("batches"), "batch");
  EXPECT_EQ(singular("POLICIES"), "POLICY");
}

TEST(EnglishPlural, SingularLeavesSingularNounsAlone) {
  EXPECT_EQ(singular("access"), "access");
  EXPECT_EQ(singular("status"), "status");
  EXPECT_EQ(singular("analysis"), "analysis");
  EXPECT_EQ(singular("backupServer"), "backupServer");
  EXPECT_EQ(singular("s"), "s");
  EXPECT_EQ(singular(""), "");
}

TEST(EnglishPlural, PluralOfEntityNames) {
  EXPECT_EQ(plural("Policy"), "Policies");
  EXPECT_EQ(plural("Status"), "Statuses");
  EXPECT_EQ(plural("Address"), "Addresses");
  EXPECT_EQ(plural("vApp"), "vApps");
  EXPECT_EQ(plural("Day"), "Days");
  EXPECT_EQ(plural("Box"), "Boxes");
  EXPECT_EQ(plural("Batch"), "Batches");
  EXPECT_EQ(plural("BackupJobSession"), "BackupJobSessions");
  EXPECT_EQ(plural("POLICY"), "POLICIES");
}

TEST(EnglishPlural, SingularUndoesPlural) {
  for (const char* noun : {"policy", "address", "status", "vApp", "repository", "box", "batch", "backupJobSession",
                           "entry", "hash", "day"})
    EXPECT_EQ(singular(plural(noun)), noun) << noun;
}

TEST(Text, EqualsIgnoringCaseIsAsciiOnly) {
  EXPECT_TRUE(equals_ignoring_case("PublicIPCount", "PublicIpCount"));
  EXPECT_FALSE(equals_ignoring_case("Name", "Names"));
  EXPECT_FALSE(equals_ignoring_case("\xC3\x89", "\xC3\xA9"));  // É and é: bytes beyond ASCII compare as they are
  EXPECT_EQ(to_lower("ENTITY_Refs"), "entity_refs");
}

TEST(Text, Trim) {
  EXPECT_EQ(trim("  a b \r\n"), "a b");
  EXPECT_EQ(trim(" \t "), "");
  EXPECT_EQ(trim("\ta;\t", " \t"), "a;");
  EXPECT_EQ(trim_end("top\r\n\n", "\r\n"), "top");
  EXPECT_EQ(trim_end("\n", "\r\n"), "");
}

TEST(Text, PercentEncoding) {
  EXPECT_EQ(percent_encode("E:/Doc 14~a_b.c-d"), "E%3A%2FDoc%2014~a_b.c-d");
  EXPECT_EQ(percent_encode("Result==Failed;Name==x", ";"), "Result%3D%3DFailed;Name%3D%3Dx");
  EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");
  EXPECT_EQ(percent_encode_only("50%: a,b\r\n", "%\r\n"), "50%25: a,b%0D%0A");
  EXPECT_EQ(percent_decode("a%20b+c%3d%zz%4", true), "a b c=%zz%4");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode(percent_encode("x y/\xC3\xA9"), false), "x y/\xC3\xA9");
}

TEST(Text, ReadFileKeepsBytesAndReportsAMissingFile) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "emgen_text_test_read_file.bin";
  const std::string bytes("line\r\n\0end", 10);
  {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
  }
  EXPECT_EQ(read_file(path), bytes);
  std::filesystem::remove(path);
  EXPECT_EQ(read_file(path), std::nullopt);
  { std::ofstream out(path, std::ios::binary); }
  EXPECT_EQ(read_file(path), std::string());
  std::filesystem::remove(path);
}

}  // namespace
