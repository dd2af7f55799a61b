// inbox.json (journal/inbox.h): what a device's user has read and dismissed on Conflicts comes
// back after a reload, and a damaged file costs only its damaged entries, never the start.
#include "journal/inbox.h"

#include <gtest/gtest.h>

namespace deskbill {
namespace {

TEST(Inbox, NoticesDismissalsAndWatchedPostsComeBackAsWritten) {
  Inbox in;
  SyncNotice changed;
  changed.sentences = {
      {"%s (%s): changes by %s were ordered before your posting.", {"INV/2026/00004", "Acme, 270.00", "ana"}},
      {"The total: %s → %s.", {"270.00", "360.00"}},
      {"Check it before you send it.", {}}};
  changed.invoice = "inv4";
  SyncNotice old;  // as a notice written before they were sentences reads
  old.sentences = {{"INV/2026/00005 was numbered on sync", {}}};
  in.notices = {changed, old};
  in.dismissed = {3, 17};
  in.watch.from_json(
      nlohmann::json::parse(R"([{"seq": 9, "invoice": "inv1", "name": "Acme, 270.00", "total": 27000}])"));
  std::optional<Inbox> back = parse_inbox(inbox_json(in));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->notices, in.notices);
  EXPECT_EQ(back->dismissed, in.dismissed);
  ASSERT_EQ(back->watch.watched().size(), 1u);
  EXPECT_EQ(back->watch.watched()[0].seq, 9u);
  EXPECT_EQ(back->watch.watched()[0].total, 27000);
}

TEST(Inbox, TextThatIsNotAnObjectIsNoInboxSoTheCallerKeepsItsOwn) {
  EXPECT_FALSE(parse_inbox(""));
  EXPECT_FALSE(parse_inbox("{\"notices\": ["));
  EXPECT_FALSE(parse_inbox("[]"));
}

TEST(Inbox, ANoticeWrittenAsOneSentenceOfTextComesBackAsThatSentence) {
  // Versions before a notice was kept as sentences wrote it as English text: shown as written.
  std::optional<Inbox> in = parse_inbox(R"({"notices": ["INV/2026/00001 (Acme, 270.00): 270.00 → 360.00"]})");
  ASSERT_TRUE(in);
  ASSERT_EQ(in->notices.size(), 1u);
  EXPECT_EQ(in->notices[0].sentences, (Sentences{{"INV/2026/00001 (Acme, 270.00): 270.00 → 360.00", {}}}));
  EXPECT_EQ(in->notices[0].invoice, "");  // no invoice to open
}

TEST(Inbox, ADamagedEntryIsLeftOutAndTheRestKept) {
  std::optional<Inbox> in;
  ASSERT_NO_THROW(
      in = parse_inbox(
          R"({"notices": ["kept", 5, null, {"parts": []}, {"parts": [{"text": 3}]}, {"parts": [{"text": "a %s", "args": [1]}]},
                         {"parts": [{"text": "x", "args": "y"}]}, {"parts": "z"}, {"parts": [{"text": "n"}], "invoice": 7},
                         {"parts": [{"text": "also %s", "args": ["kept"]}], "invoice": "inv9"}],
              "dismissed": [4, -1, "7", 2.5, 8], "watch": "x"})"));
  ASSERT_TRUE(in);
  ASSERT_EQ(in->notices.size(), 2u);
  EXPECT_EQ(in->notices[0].sentences, (Sentences{{"kept", {}}}));
  EXPECT_EQ(in->notices[1].sentences, (Sentences{{"also %s", {"kept"}}}));
  EXPECT_EQ(in->notices[1].invoice, "inv9");
  EXPECT_EQ(in->dismissed, (std::set<uint64_t>{4, 8}));
  EXPECT_TRUE(in->watch.watched().empty());
}

TEST(Inbox, AFileWrittenBeforeWatchedPostsHasNone) {
  std::optional<Inbox> in = parse_inbox(R"({"notices": ["n"], "dismissed": [1]})");
  ASSERT_TRUE(in);
  EXPECT_EQ(in->notices.size(), 1u);
  EXPECT_TRUE(in->watch.watched().empty());
}

}  // namespace
}  // namespace deskbill
