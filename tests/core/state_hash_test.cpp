// The state's JSON streamed record by record (write_state_json) is byte for byte the tree's dump,
// so the state hash stays what it was without holding the whole state as a tree.
#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/state_json.h"
#include "journal/generator.h"

using namespace deskbill;
using nlohmann::json;

namespace {
std::string streamed(const State& s) {
  std::string out;
  write_state_json(s, [&](std::string_view chunk) { out.append(chunk); });
  return out;
}
}  // namespace

TEST(StreamedStateJson, AnEmptyStateIsTheTreesDump) {
  State s;
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
}

TEST(StreamedStateJson, AGeneratedWorkspaceWithACompanyIsTheTreesDump) {
  State s;
  ASSERT_FALSE(deskbill::apply(s, {{"kind", "company.update"}, {"name", "Ștefan & \"Co\""}}));
  GeneratorOptions o;
  o.timesheets = 2000;
  generate_journal(o, [&](const json& op) { apply_or_reject(s, op); });
  apply_or_reject(s, {{"kind", "invoice.post"}, {"id", "missing"}});  // a rejected op is listed too
  ASSERT_GT(s.invoices.size(), 0u);
  ASSERT_GT(s.rejected.size(), 0u);
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
}

TEST(StreamedStateJson, TimesheetAndTicketTextIsEscapedAsTheTreeEscapesIt) {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "employee.create"}, {"id", "e"}, {"name", "Ana"}},
           {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}, {"use_timesheets", true}},
           {{"kind", "ticket.create"}, {"id", "k"}, {"title", "VPN \"down\" \\ again\n\x01 ș"}, {"team", "t"}},
           {{"kind", "timesheet.log"},
            {"id", "l1"},
            {"ticket", "k"},
            {"employee", "e"},
            {"date", "2026-11-20"},
            {"hours", "1.5"},
            {"description", std::string("quote \" back \\ nl \n tab \t bell \x07 del \x7f ș 😀")}},
       })
    ASSERT_FALSE(deskbill::apply(s, op)) << op.dump();
  EXPECT_EQ(streamed(s), state_to_json(s).dump());
}
