// A create that reached the server twice (core/repeated_op.h): a tab closed while its request was
// on the way, and the device sent the same ops again under new seqs. The server holds both copies;
// every device folds the second after the first.
#include "core/repeated_op.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/op_kinds.h"
#include "core/record_walk.h"
#include "core/ways_forward.h"

using namespace deskbill;
using nlohmann::json;

namespace {

// What a confirmed op carries: its position, and the device and agent that sent it.
OpContext from(const char* client, uint64_t pos) { return OpContext{pos, client, "ana", kNoDay}; }

struct Desk {
  State s;
  uint64_t pos = 0;
  Desk() {
    fold({{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}});
    fold({{"kind", "employee.create"}, {"id", "ana"}, {"name", "Ana"}, {"hourly_cost", "30"}});
    fold({{"kind", "team.create"}, {"id", "sup"}, {"name", "Support"}, {"use_timesheets", true}});
    fold({{"kind", "ticket.create"}, {"id", "k1"}, {"team", "sup"}, {"title", "VPN"}, {"partner", "acme"}});
  }
  void fold(const json& op, const char* client = "dev1") { apply_or_reject(s, op, from(client, ++pos)); }
  Qty ticket_hours() const { return ticket_hours_spent(s, s.find(s.tickets, "k1")); }
  std::string code(size_t k) const { return std::string(s.str(s.rejected.at(k).code)); }
};

json two_hours(const char* id) {
  return {{"kind", "timesheet.log"},
          {"id", id},
          {"ticket", "k1"},
          {"employee", "ana"},
          {"hours", "2"},
          {"date", "2026-11-20"},
          {"sale_line", nullptr},
          {"description", "VPN drops every hour"}};
}

}  // namespace

// The loss this prevents: the copy was shown as a refused timesheet with "Log again as
// non-billable", and taking that way forward recorded the same two hours twice.
TEST(RepeatedOp, ATimesheetLoggedTwiceCountsOnceAndItsCopyIsNotOfferedToBeLoggedAgain) {
  Desk d;
  d.fold(two_hours("dev1.8.q3x9ab-3"));
  d.fold(two_hours("dev1.8.q3x9ab-3"));  // the same op, stored again under another seq
  ASSERT_EQ(d.s.rejected.size(), 1u);
  EXPECT_EQ(d.code(0), "repeated_op");
  // The inbox's way forward for the copy, taken as a user would.
  const Rejected& r = d.s.rejected[0];
  if (may_be_made_again(d.s.str(r.code)))
    if (auto again = relog_as_non_billable(json::parse(d.s.str(r.op)), "dev1.12.q3x9ab-4")) d.fold(*again);
  EXPECT_EQ(d.ticket_hours(), 2 * kQtyOne);
}

// Invoicing the same order twice finds nothing left the second time: that refusal, too, is the
// first copy's doing.
TEST(RepeatedOp, AnInvoiceCreatedTwiceIsARepeatNotNothingToInvoice) {
  Desk d;
  d.fold({{"kind", "product.create"}, {"id", "p"}, {"name", "Support 10h"}, {"policy", "prepaid"}, {"price", "100"}});
  d.fold({{"kind", "order.create"}, {"id", "so"}, {"partner", "acme"}});
  d.fold({{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "p"}, {"qty", "10"}});
  d.fold({{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-20"}});
  json invoice = {{"kind", "invoice.create"}, {"id", "dev1.20.q3x9ab-7"}, {"orders", {"so"}}};
  d.fold(invoice);
  ASSERT_TRUE(d.s.rejected.empty());
  d.fold(invoice);
  ASSERT_EQ(d.s.rejected.size(), 1u);
  EXPECT_EQ(d.code(0), "repeated_op");
  EXPECT_EQ(d.s.invoices.size(), 1u);
}

// Only its own device makes an id of that device: another device's op with it is another op.
TEST(RepeatedOp, AnIdTakenByAnotherDevicesOpIsStillRefusedAsDuplicate) {
  Desk d;
  d.fold(two_hours("dev1.8.q3x9ab-3"));
  d.fold(two_hours("dev1.8.q3x9ab-3"), "dev2");
  ASSERT_EQ(d.s.rejected.size(), 1u);
  EXPECT_EQ(d.code(0), "duplicate_id");
}

// Before the tab's tag, a device restored from an older copy made its lost future's ids again for
// other ops: such an id seen twice may be two ops.
TEST(RepeatedOp, AnIdMadeBeforeTheTabTagIsStillRefusedAsDuplicate) {
  Desk d;
  d.fold(two_hours("dev1.8.3"));
  d.fold(two_hours("dev1.8.3"));
  ASSERT_EQ(d.s.rejected.size(), 1u);
  EXPECT_EQ(d.code(0), "duplicate_id");
}

// A refused create whose record does not exist is no repeat: it keeps its own reason.
TEST(RepeatedOp, ACreateRefusedBeforeAnyCopyAppliedKeepsItsReason) {
  Desk d;
  json op = two_hours("dev1.8.q3x9ab-3");
  op["ticket"] = "gone";
  d.fold(op);
  ASSERT_EQ(d.s.rejected.size(), 1u);
  EXPECT_EQ(d.code(0), "unknown_ref");
  EXPECT_TRUE(may_be_made_again(d.s.str(d.s.rejected[0].code)));
}

// A change names a record that exists; refused, it keeps its own reason even when that record's
// id is one its device made: only a create makes the record it names.
TEST(RepeatedOp, AChangeRefusedOnARecordItsDeviceMadeKeepsItsReason) {
  Desk d;
  d.fold({{"kind", "ticket.create"}, {"id", "dev1.8.q3x9ab-3"}, {"team", "sup"}, {"title", "VPN"}});
  d.fold({{"kind", "ticket.update"}, {"id", "dev1.8.q3x9ab-3"}, {"stage", "nowhere"}});
  ASSERT_EQ(d.s.rejected.size(), 1u);
  EXPECT_NE(d.code(0), "repeated_op");
  EXPECT_TRUE(may_be_made_again(d.s.str(d.s.rejected[0].code)));
}

TEST(RepeatedOp, TheIdsADeviceMakesAreItsClientSeqTabTagAndCount) {
  EXPECT_TRUE(id_made_on_device("dev1.8.q3x9ab-3", "dev1"));
  EXPECT_TRUE(id_made_on_device("dev1.123456.Z9-40", "dev1"));
  EXPECT_FALSE(id_made_on_device("dev1.8.q3x9ab-3", "dev"));     // another device's prefix
  EXPECT_FALSE(id_made_on_device("dev1.8.q3x9ab-3", "dev1.8"));  // nor a longer one
  EXPECT_FALSE(id_made_on_device("dev1.8.q3x9ab-3", ""));
  EXPECT_FALSE(id_made_on_device("dev1.8.3", "dev1"));  // before the tag
  EXPECT_FALSE(id_made_on_device("dev1.x8.q3x9ab-3", "dev1"));
  EXPECT_FALSE(id_made_on_device("dev1.8.q3x9ab-", "dev1"));
  EXPECT_FALSE(id_made_on_device("dev1.8.-3", "dev1"));
  EXPECT_FALSE(id_made_on_device("dev1.8.q3.x9ab-3", "dev1"));
  EXPECT_FALSE(id_made_on_device("dev1.8.q3x9ab-3/2", "dev1"));  // a record an op made for itself
  EXPECT_FALSE(id_made_on_device("t1", "dev1"));
}

TEST(OpNamesItself, ACreateUnderAnIdItsDeviceMadeNamesItself) {
  EXPECT_TRUE(op_names_itself("timesheet.log", "dev1.8.q3x9ab-3", "", "dev1"));
  EXPECT_FALSE(op_names_itself("timesheet.log", "dev1.8.q3x9ab-3", "", "dev2"));  // another device's id
  EXPECT_FALSE(op_names_itself("timesheet.log", "dev1.8.3", "", "dev1"));         // before the tag
}

TEST(OpNamesItself, AChangeNamesItselfOnlyByItsMark) {
  EXPECT_TRUE(op_names_itself("ticket.update", "t1", "q3x9ab-4", "dev1"));
  // A change names a record it did not make: the same change may be made again on purpose.
  EXPECT_FALSE(op_names_itself("ticket.update", "dev1.8.q3x9ab-3", "", "dev1"));
  for (const char* mark : {"q3x9ab", "-4", "q3x9ab-", "q3.x9ab-4", "q3x9ab-4x"})
    EXPECT_FALSE(op_names_itself("ticket.update", "t1", mark, "dev1")) << mark;
}

// op_kinds.cpp lists the kinds that create a record, and repeated_op.cpp the table each adds to:
// a kind added to the first and not the second would fold its copy as an ordinary refusal, with
// "Log again" offered. (The server's list, src/server/op_identity.py, is checked against the CLI.)
TEST(RepeatedOp, EveryKindThatCreatesARecordHasItsTable) {
  size_t creating = 0;
  for (const std::string& kind : op_kinds()) {
    if (!op_creates_record(kind)) continue;
    ++creating;
    EXPECT_TRUE(knows_the_table_of(kind)) << kind;
  }
  EXPECT_EQ(creating, 15u);
  EXPECT_FALSE(knows_the_table_of("ticket.update"));
}
