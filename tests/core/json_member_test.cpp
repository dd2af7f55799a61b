// The typed reading of workspace.json, inbox.json and settings.json members: a member is taken,
// missing, or of another type, and reading never throws.
#include "core/json_member.h"

#include <gtest/gtest.h>

namespace deskbill {
namespace {
using nlohmann::json;

TEST(JsonMember, AMemberOfTheFieldsTypeIsTaken) {
  json j = json::parse(R"({"name": "Acme", "shared": true, "seq": 7, "total": -27000, "px": 16.5})");
  std::string name;
  bool shared = false;
  uint64_t seq = 0;
  int64_t total = 0;
  float px = 0;
  EXPECT_EQ(read_member(j, "name", name), MemberRead::Taken);
  EXPECT_EQ(read_member(j, "shared", shared), MemberRead::Taken);
  EXPECT_EQ(read_member(j, "seq", seq), MemberRead::Taken);
  EXPECT_EQ(read_member(j, "total", total), MemberRead::Taken);
  EXPECT_EQ(read_member(j, "px", px), MemberRead::Taken);
  EXPECT_EQ(name, "Acme");
  EXPECT_TRUE(shared);
  EXPECT_EQ(seq, 7u);
  EXPECT_EQ(total, -27000);
  EXPECT_FLOAT_EQ(px, 16.5f);
}

TEST(JsonMember, AMissingMemberLeavesTheFieldAsItWas) {
  json j = json::object();
  uint64_t seq = 42;
  EXPECT_EQ(read_member(j, "seq", seq), MemberRead::Missing);
  EXPECT_EQ(seq, 42u);
}

TEST(JsonMember, TextWhereANumberBelongsIsAnotherTypeAndNotThrown) {
  json j = json::parse(R"({"seq": "5", "name": 5, "shared": 1, "px": "big"})");
  uint64_t seq = 1;
  std::string name = "kept";
  bool shared = false;
  float px = 16;
  EXPECT_EQ(read_member(j, "seq", seq), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "name", name), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "shared", shared), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "px", px), MemberRead::OtherType);
  EXPECT_EQ(seq, 1u);
  EXPECT_EQ(name, "kept");
  EXPECT_FALSE(shared);
  EXPECT_EQ(px, 16);
}

// get<size_t>() of -1 is 2^64 - 1, and get<int32_t>() of 2^32 + 5 is 5: a count or a day read
// that way is a made-up value, so a number its field cannot hold is another type.
TEST(JsonMember, ANumberTheFieldCannotHoldIsAnotherTypeNotWrappedAround) {
  json j = json::parse(R"({"count": -1, "day": 4294967301, "frac": 2.5, "big": 18446744073709551615})");
  size_t count = 3;
  int32_t day = 9;
  uint64_t frac = 0;
  int64_t big = 0;
  uint64_t big_unsigned = 0;
  EXPECT_EQ(read_member(j, "count", count), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "day", day), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "frac", frac), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "big", big), MemberRead::OtherType);
  EXPECT_EQ(read_member(j, "big", big_unsigned), MemberRead::Taken);
  EXPECT_EQ(count, 3u);
  EXPECT_EQ(day, 9);
  EXPECT_EQ(big_unsigned, UINT64_MAX);
}

}  // namespace
}  // namespace deskbill
