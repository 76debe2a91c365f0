#include "emgen/uid.hpp"

#include <gtest/gtest.h>

namespace {

using emgen::Uid;

TEST(Uid, ParsesKindAndId) {
  const auto uid = Uid::parse("urn:veeam:BackupJobSession:d46e39e0-1131-4585-91a7-e828ce7eafae");
  ASSERT_TRUE(uid);
  EXPECT_EQ(uid->kind, "BackupJobSession");
  EXPECT_EQ(uid->id, "d46e39e0-1131-4585-91a7-e828ce7eafae");
}

TEST(Uid, PrefixIsCaseInsensitiveAndWrittenCanonically) {
  const auto uid = Uid::parse("URN:Veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e");
  ASSERT_TRUE(uid);
  EXPECT_EQ(uid->kind, "Job");
  EXPECT_EQ(uid->to_string(), "urn:veeam:Job:2b078668-e45d-4eb3-abb0-275b0d130e7e");
}

TEST(Uid, KindKeepsItsCase) { EXPECT_NE(Uid::parse("urn:veeam:job:1"), Uid::parse("urn:veeam:Job:1")); }

TEST(Uid, IdMayContainColons) {
  const auto uid = Uid::parse("urn:veeam:HierarchyItem:vc01:vm-42");
  ASSERT_TRUE(uid);
  EXPECT_EQ(uid->kind, "HierarchyItem");
  EXPECT_EQ(uid->id, "vc01:vm-42");
}

TEST(Uid, RoundTrip) {
  for (const char* text : {"urn:veeam:BackupJobSession:a057c2c3-f3bd-4ab4-9fb7-24058cccb4f6",
                           "urn:veeam:SystemSession:00057ade-8f1a-4b54-a265-391441981e25", "urn:veeam:K:i"})
    EXPECT_EQ(Uid::parse(text).value().to_string(), text);
}

TEST(Uid, OtherNamespacesAreKept) {
  // A VM's UID as the documented VM restore point payloads send it (the docs type it UidType).
  const auto vm = Uid::parse("urn:VMware:Vm:a87d15db-4d46-4e2c-ba0b-07d97fd1f6e5.vm-91826");
  ASSERT_TRUE(vm);
  EXPECT_EQ(vm->nid, "VMware");
  EXPECT_EQ(vm->kind, "Vm");
  EXPECT_EQ(vm->id, "a87d15db-4d46-4e2c-ba0b-07d97fd1f6e5.vm-91826");
  EXPECT_EQ(vm->to_string(), "urn:VMware:Vm:a87d15db-4d46-4e2c-ba0b-07d97fd1f6e5.vm-91826");
  EXPECT_NE(Uid::parse("urn:hyperv:Vm:1"), Uid::parse("urn:veeam:Vm:1"));
  EXPECT_EQ(Uid::parse("urn:veeamx:Job:1").value().to_string(), "urn:veeamx:Job:1");
  EXPECT_EQ((Uid{"Job", "1"}).nid, "veeam");
}

TEST(Uid, Refusals) {
  for (const char* text :
       {"", "urn", "urn:veeam", "urn:veeam:", "urn:veeam:Job", "urn:veeam:Job:", "urn:veeam::1234",
        "urn:veeam:::", "urn::Job:1", "urn:-x:Job:1", "urn:a_b:Job:1", "urn:abcdefghijklmnopqrstuvwxyz0123456:Job:1",
        "urn:VMware:Vm", " urn:veeam:Job:1", "d46e39e0-1131-4585-91a7-e828ce7eafae", "url:veeam:Job:1"})
    EXPECT_EQ(Uid::parse(text), std::nullopt) << '"' << text << '"';
}

TEST(Uid, ComparesByKindThenId) {
  const Uid a{"Job", "2"};
  const Uid b{"Job", "10"};
  const Uid c{"Session", "1"};
  EXPECT_EQ(a, (Uid{"Job", "2"}));
  EXPECT_GT(a, b);  // ids compare as text
  EXPECT_LT(a, c);
}

}  // namespace
