// Limits on JSON text before a tree is built from it (core/json_guard.h): a hostile journal line
// or sync answer is refused with a reason, in bounded memory, instead of taking gigabytes.
#include "core/json_guard.h"

#include <gtest/gtest.h>

#include "journal/envelope.h"
#include "sync/sync_client.h"

using namespace deskbill;

TEST(JsonGuard, AHundredMegabyteLineOfBracketsIsRefusedForItsLengthBeforeParsing) {
  std::string line(100u << 20, '[');
  Envelope e;
  auto err = parse_journal_line(line, e);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("longer than"), std::string::npos);
}

TEST(JsonGuard, ALineNestedAThousandDeepIsRefusedNamingTheLimit) {
  std::string line = std::string(1000, '[') + std::string(1000, ']');
  Envelope e;
  auto err = parse_journal_line(line, e);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "nested deeper than 64 levels");
}

TEST(JsonGuard, BracketsInsideTextDoNotCount) {
  std::string name(500, '[');
  Envelope e;
  EXPECT_FALSE(parse_journal_line(R"({"kind":"partner.create","id":"p","name":")" + name + R"(\"["})", e));
  EXPECT_EQ(e.op["name"].get<std::string>().size(), 502u);
}

TEST(JsonGuard, ASyncAnswerNestedTooDeeplyChangesNothing) {
  Workspace ws("dev1", true);
  SyncOutcome out;
  std::string body = R"({"acked_seq":0,"ops":[{"pos":1,"op":)" + std::string(200, '[') + std::string(200, ']') + "}]}";
  auto err = apply_sync_response(ws, 200, body, 0, out);
  ASSERT_TRUE(err);
  EXPECT_NE(err->find("nested too deeply"), std::string::npos);
  EXPECT_EQ(ws.cursor(), 0u);
}
