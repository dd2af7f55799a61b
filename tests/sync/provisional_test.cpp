// An invoice posted offline in a shared workspace is provisional until the server ordered its
// post: no number yet; once confirmed, a difference from what the user saw becomes a notice.
#include "journal/provisional.h"

#include <gtest/gtest.h>

#include "core/names.h"
#include "sync/sync_client.h"
#include "sync/timesheet_history.h"

using namespace deskbill;
using nlohmann::json;

namespace {
json envelope(uint64_t pos, const std::string& client, uint64_t seq, const std::string& agent, const json& op) {
  return {{"pos", pos}, {"client_id", client}, {"seq", seq}, {"agent", agent}, {"accepted_at", "2026-11-20T09:00:00Z"},
          {"op", op}};
}

Workspace shared_with_history() {
  Workspace ws("me", true);
  json ops = json::array();
  uint64_t pos = 0;
  for (const json& op : test::three_hours_on_an_order("2026-11-20")) {
    ++pos;
    ops.push_back(envelope(pos, "admin", pos, "admin", op));
  }
  SyncOutcome out;
  EXPECT_FALSE(apply_sync_response(ws, 200, json{{"acked_seq", 0}, {"ops", ops}}.dump(), 0, out));
  return ws;
}
// The user posts the invoice of the 3 h offline, seeing 3 h × 90.00 = 270.00; another device's
// edit of the timesheet to 4 h, by `agent` ("" from a server without accounts), is ordered first.
// The notices of the sync that brings both.
std::vector<SyncNotice> posted_after_an_edit_by(const std::string& agent, PostWatch& watch) {
  Workspace ws = shared_with_history();
  EXPECT_FALSE(ws.submit({{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"o"}}}));
  EXPECT_FALSE(ws.submit({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-11-20"}}));
  watch.posted(ws.pending()[1].seq, ws.state(), "inv");
  json edit = {{"kind", "timesheet.update"}, {"id", "ts"}, {"hours", "4"}};
  json ops = {envelope(10, "laptop", 1, agent, edit), envelope(11, "me", 1, "radu", ws.pending()[0].op),
              envelope(12, "me", 2, "radu", ws.pending()[1].op)};
  SyncOutcome out;
  EXPECT_FALSE(apply_sync_response(ws, 200, json{{"acked_seq", 2}, {"ops", ops}}.dump(), 2, out));
  return watch.settle(ws, out.new_confirmed);
}
}  // namespace

TEST(Provisional, AnInvoicePostedOfflineHasNoNumberUntilItsPostIsConfirmed) {
  Workspace ws = shared_with_history();
  ASSERT_FALSE(ws.submit({{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"o"}}}));
  ASSERT_FALSE(ws.submit({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-11-20"}}));
  uint32_t i = ws.state().invoices.find(ws.state().text, "inv");
  EXPECT_TRUE(invoice_provisional(ws, i));
  // The server orders both ops: the invoice is numbered, and no longer provisional.
  json ops = {envelope(10, "me", 1, "ana", ws.pending()[0].op), envelope(11, "me", 2, "ana", ws.pending()[1].op)};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, json{{"acked_seq", 2}, {"ops", ops}}.dump(), 2, out));
  i = ws.state().invoices.find(ws.state().text, "inv");
  EXPECT_FALSE(invoice_provisional(ws, i));
  EXPECT_EQ(invoice_name(ws.state(), i), "INV/2026/00001");
}

TEST(Provisional, AConfirmedPostThatChangedAmountBecomesANoticeNamingWhoseEditCameFirst) {
  PostWatch watch;
  std::vector<SyncNotice> notices = posted_after_an_edit_by("ana", watch);
  ASSERT_EQ(notices.size(), 1u);
  // Sentences with their values apart, so that the UI says them in its language.
  EXPECT_EQ(notices[0].sentences, (Sentences{{"%s (%s): changes by %s were ordered before your posting.",
                                              {"INV/2026/00001", "Acme, 270.00", "ana"}},
                                             {"The total: %s → %s.", {"270.00", "360.00"}},
                                             {"Check it before you send it.", {}}}));
  EXPECT_EQ(notices[0].invoice, "inv");  // Conflicts opens it from the notice
  EXPECT_TRUE(watch.watched().empty());
}

TEST(Provisional, AConfirmedPostAsSeenGivesNoNotice) {
  Workspace ws = shared_with_history();
  PostWatch watch;
  ASSERT_FALSE(ws.submit({{"kind", "invoice.create"}, {"id", "inv"}, {"orders", {"o"}}}));
  ASSERT_FALSE(ws.submit({{"kind", "invoice.post"}, {"id", "inv"}, {"date", "2026-11-20"}}));
  watch.posted(ws.pending()[1].seq, ws.state(), "inv");
  json ops = {envelope(10, "me", 1, "radu", ws.pending()[0].op), envelope(11, "me", 2, "radu", ws.pending()[1].op)};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, json{{"acked_seq", 2}, {"ops", ops}}.dump(), 2, out));
  EXPECT_TRUE(watch.settle(ws, out.new_confirmed).empty());
}

// A ticket created offline in a shared workspace has no number yet: a ticket another device
// created meanwhile may be ordered first and take the number it would show.
TEST(Provisional, ATicketCreatedOfflineIsNumberedWhenTheServerOrdersIt) {
  Workspace ws = shared_with_history();
  uint32_t before = ws.state().tickets.size();
  ASSERT_FALSE(ws.submit({{"kind", "ticket.create"}, {"id", "mine"}, {"team", "t"}, {"title", "Printer offline"}}));
  uint32_t mine = ws.state().tickets.find(ws.state().text, "mine");
  EXPECT_TRUE(ticket_provisional(ws, mine));
  EXPECT_FALSE(ticket_provisional(ws, 0));
  // The server ordered another device's ticket before it.
  json other = {{"kind", "ticket.create"}, {"id", "theirs"}, {"team", "t"}, {"title", "Printer offline"}};
  json ops = {envelope(10, "dev2", 1, "radu", other), envelope(11, "me", 1, "ana", ws.pending()[0].op)};
  SyncOutcome out;
  ASSERT_FALSE(apply_sync_response(ws, 200, json{{"acked_seq", 1}, {"ops", ops}}.dump(), 1, out));
  mine = ws.state().tickets.find(ws.state().text, "mine");
  EXPECT_FALSE(ticket_provisional(ws, mine));
  EXPECT_EQ(ticket_ref(mine), "#" + std::to_string(before + 2));
  EXPECT_EQ(ticket_display_name(ws.state(), mine), "Printer offline (#" + std::to_string(before + 2) + ")");
}

// inbox.json keeps the watched postings across a reload. nlohmann's value() threw on a member of
// another type, so a damaged file stopped the start; such an entry is left out, the others kept.
TEST(Provisional, AWatchedPostingOfADamagedInboxIsLeftOutNotThrown) {
  PostWatch watch;
  json saved = json::parse(R"([{"seq": 1, "invoice": "a", "name": "n", "total": "270.00"},
                                {"seq": 2, "invoice": "b", "name": "Acme, 270.00", "total": 27000},
                                {"seq": 3, "invoice": 7}, {"seq": "4"}, "not an entry"])");
  ASSERT_NO_THROW(watch.from_json(saved));
  ASSERT_EQ(watch.watched().size(), 1u);
  EXPECT_EQ(watch.watched()[0].seq, 2u);
  EXPECT_EQ(watch.watched()[0].total, 27000);
  EXPECT_EQ(watch.watched()[0].date, kNoDay);  // missing: its default, as earlier builds wrote
}

// Read with get<size_t>(), a line count of -1 became 2^64 - 1 lines, which no confirmed posting
// has: the posting would have been reported as changed by the server when it was not.
TEST(Provisional, AWatchedPostingWithANegativeLineCountIsLeftOut) {
  PostWatch watch;
  json saved = json::parse(R"([{"seq": 1, "invoice": "a", "lines": -1}, {"seq": 2, "invoice": "b", "lines": 2}])");
  watch.from_json(saved);
  ASSERT_EQ(watch.watched().size(), 1u);
  EXPECT_EQ(watch.watched()[0].invoice, "b");
  EXPECT_EQ(watch.watched()[0].lines, 2u);
}

TEST(Provisional, AChangeFromADeviceWithoutANameIsSaidToComeFromAnotherDevice) {
  PostWatch watch;
  std::vector<SyncNotice> notices = posted_after_an_edit_by("", watch);
  ASSERT_EQ(notices.size(), 1u);
  ASSERT_FALSE(notices[0].sentences.empty());
  EXPECT_EQ(notices[0].sentences[0],
            (TextTemplate{"%s (%s): changes from other devices were ordered before your posting.",
                          {"INV/2026/00001", "Acme, 270.00"}}));
}
