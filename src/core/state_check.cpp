#include "core/state_check.h"

#include <cstring>
#include <type_traits>

#include "core/op_args.h"
#include "core/shared_texts.h"

namespace deskbill {
namespace {

// Collects the first problem; each record's fields are offered by name.
class Check {
 public:
  explicit Check(const State& s) : s_(s) {}

  template <class T, class TRows, class TPool>
  Check& link(uint32_t v, const Table<T, TRows, TPool>& to, const char* field) {
    if (v != kNone && v >= to.size()) fail("links past its table", field);
    return *this;
  }
  Check& text(Text t, const char* field) {
    if (!s_.text.holds(t)) fail("has a text past the text pool", field);
    return *this;
  }
  Check& text(TsText t, const char* field) {
    if (!s_.ts_text.holds(t)) fail("has a text past the timesheets' text pool", field);
    return *this;
  }
  Check& taxes(const TaxSet& t) {
    for (uint32_t id : t.ids) link(id, s_.taxes, "taxes");
    return *this;
  }
  // Read as a byte: a bool or enum holding another value is not read as itself first.
  template <class E>
  Check& value(const E& v, unsigned largest, const char* field) {
    static_assert(sizeof(E) == 1);
    unsigned char b = 0;
    std::memcpy(&b, &v, 1);
    if (b > largest) fail("has a value out of range", field);
    return *this;
  }
  Check& flag(const bool& b, const char* field) { return value(b, 1, field); }
  // An amount or quantity within [lowest, largest]: the billing math multiplies them, so a
  // damaged one must not reach it.
  Check& amount(int64_t v, int64_t lowest, int64_t largest, const char* field) {
    if (v < lowest || v > largest) fail("has an amount out of range", field);
    return *this;
  }
  Check& amount(int64_t v, int64_t largest, const char* field) { return amount(v, -largest, largest, field); }

  // Every record of a table, and its id key.
  template <class T, class F, class TRows, class TPool>
  void table(const Table<T, TRows, TPool>& t, const char* what, F fields) {
    what_ = what;
    for (row_ = 0; row_ < t.size() && !problem; ++row_) {
      if constexpr (std::is_same_v<TPool, TimesheetTextPool>) text(t.ids.keys()[row_], "id");  // the others': below
      fields(t.rows[row_]);
    }
  }
  // The record the next fields belong to, outside the tables (a rejected op, the company).
  void record(const char* what, uint32_t row) { what_ = what, row_ = row; }
  void top(uint32_t v, const char* what) {
    if (!problem && v != kNone && v >= s_.uoms.size())
      problem = std::string("the workspace's ") + what + " unit links past its table";
  }
  std::optional<std::string> problem;

 private:
  void fail(const char* how, const char* field) {
    if (!problem) problem = std::string(what_) + " " + std::to_string(row_) + " " + how + " (" + field + ")";
  }
  const State& s_;
  const char* what_ = "";
  uint32_t row_ = 0;
};

constexpr unsigned kLastLineKind = static_cast<unsigned>(LineKind::DownPayment);
// What an op may carry (core/op_args.h), in the state's units.
constexpr int64_t kMoney = kMaxMoneyUnits * 100;
constexpr int64_t kQty = kMaxQtyUnits * kQtyOne;
// Values the fold derives (a price in another unit, the hours on a line, an invoice's payments)
// may pass one op's bound. 2^53 keeps price × quantity × (100 % − discount) inside the 128-bit
// products of the billing math and a sum of 512 of them inside int64.
constexpr int64_t kDerived = int64_t{1} << 53;

void check_timesheets(Check& c, const State& s) {
  c.table(s.timesheets, "timesheet", [&](const Timesheet& r) {
    c.link(r.employee, s.employees, "employee").link(r.ticket, s.tickets, "ticket").link(r.task, s.tasks, "task");
    c.link(r.project, s.projects, "project").link(r.sale_line, s.lines, "sale_line");
    c.link(r.invoice, s.invoices, "invoice").flag(r.sol_edited, "sol_edited").flag(r.deleted, "deleted");
    c.text(r.description, "description").amount(r.hours, kQty, "hours");
    c.link(r.sol_prev, s.timesheets, "sol_prev").link(r.sol_next, s.timesheets, "sol_next");
    c.link(r.tk_prev, s.timesheets, "tk_prev").link(r.tk_next, s.timesheets, "tk_next");
  });
}

// The timesheets, and the tickets' and lines' links into them: what a preview does not read.
void check_timesheets_and_links_into_them(Check& c, const State& s) {
  c.table(s.tickets, "ticket", [&](const Ticket& r) {
    c.link(r.ts_head, s.timesheets, "ts_head").link(r.ts_tail, s.timesheets, "ts_tail");
  });
  c.table(s.lines, "order line", [&](const OrderLine& r) {
    c.link(r.ts_head, s.timesheets, "ts_head").link(r.ts_tail, s.timesheets, "ts_tail");
    c.link(r.ts_billed_upto, s.timesheets, "ts_billed_upto");
  });
  check_timesheets(c, s);
}

}  // namespace

std::optional<std::string> timesheets_problem(const State& s) {
  Check c(s);
  check_timesheets_and_links_into_them(c, s);
  return c.problem;
}

std::optional<std::string> state_problem(const State& s) {
  Check c(s);
  c.table(s.uoms, "unit", [&](const Uom& r) {
    c.value(r.category, static_cast<unsigned>(UomCategory::Unit), "category");
    c.amount(r.factor_num, 1, kQty, "factor_num").amount(r.factor_den, 1, kQty, "factor_den");
    c.amount(r.rounding, 1, kQty, "rounding");
  });
  c.table(s.partners, "customer",
          [&](const Partner& r) { c.link(r.parent, s.partners, "parent").link(r.order_head, s.orders, "order_head"); });
  c.table(s.employees, "employee",
          [&](const Employee& r) { c.flag(r.active, "active").amount(r.hourly_cost, kMoney, "hourly_cost"); });
  c.table(s.taxes, "tax",
          [&](const Tax& r) { c.flag(r.price_include, "price_include").amount(r.rate_e4, 0, kRateOneE4, "rate"); });
  c.table(s.products, "product", [&](const Product& r) {
    c.value(r.policy, static_cast<unsigned>(ServicePolicy::Manual), "policy");
    c.link(r.uom, s.uoms, "uom").taxes(r.taxes).link(r.project, s.projects, "project");
    c.flag(r.creates_task, "creates_task").flag(r.active, "active").flag(r.timesheet_default, "timesheet_default");
    c.amount(r.price, kMoney, "price").amount(r.cost, kMoney, "cost");
    c.amount(r.upsell_threshold, 0, kQty, "upsell_threshold");
  });
  c.table(s.projects, "project", [&](const Project& r) {
    c.link(r.partner, s.partners, "partner").link(r.sale_line, s.lines, "sale_line");
    c.flag(r.allow_timesheets, "allow_timesheets").flag(r.allow_billable, "allow_billable");
  });
  c.table(s.tasks, "task", [&](const Task& r) {
    c.link(r.project, s.projects, "project").link(r.partner, s.partners, "partner");
    c.link(r.sale_line, s.lines, "sale_line");
  });
  c.table(s.teams, "team", [&](const Team& r) {
    c.link(r.project, s.projects, "project");
    c.flag(r.use_timesheets, "use_timesheets").flag(r.use_billing, "use_billing");
  });
  c.table(s.tickets, "ticket", [&](const Ticket& r) {
    c.link(r.team, s.teams, "team").link(r.partner, s.partners, "partner");
    c.link(r.assignee, s.employees, "assignee").link(r.sale_line, s.lines, "sale_line").link(r.task, s.tasks, "task");
    c.value(r.stage, kStageCount - 1, "stage");
  });
  c.table(s.orders, "order", [&](const Order& r) {
    c.link(r.partner, s.partners, "partner").value(r.state, static_cast<unsigned>(OrderState::Cancel), "state");
    c.flag(r.locked, "locked").link(r.line_head, s.lines, "line_head").link(r.line_tail, s.lines, "line_tail");
    c.link(r.next_of_customer, s.orders, "next_of_customer");
  });
  c.table(s.lines, "order line", [&](const OrderLine& r) {
    c.link(r.order, s.orders, "order").link(r.product, s.products, "product");
    c.value(r.kind, kLastLineKind, "kind").link(r.uom, s.uoms, "uom");
    c.taxes(r.taxes).link(r.next, s.lines, "next");
    c.link(r.il_head, s.invoice_lines, "il_head").link(r.il_tail, s.invoice_lines, "il_tail");
    c.link(r.task, s.tasks, "task").flag(r.deleted, "deleted");
    c.amount(r.qty, kQty, "qty").amount(r.price, kDerived, "price").amount(r.discount_bp, 0, kPercentOneBp, "discount");
    c.amount(r.manual_delivered, kQty, "manual_delivered").amount(r.ts_hours, kDerived, "ts_hours");
  });
  c.table(s.invoices, "invoice", [&](const Invoice& r) {
    c.value(r.type, static_cast<unsigned>(MoveType::Refund), "type");
    c.value(r.state, static_cast<unsigned>(MoveState::Cancel), "state").link(r.partner, s.partners, "partner");
    c.link(r.reversed_entry, s.invoices, "reversed_entry");
    c.link(r.line_head, s.invoice_lines, "line_head").link(r.line_tail, s.invoice_lines, "line_tail");
    c.flag(r.down_payment, "down_payment").link(r.reversal_head, s.invoices, "reversal_head");
    c.link(r.next_reversal, s.invoices, "next_reversal").flag(r.deleted, "deleted").amount(r.paid, kDerived, "paid");
  });
  c.table(s.invoice_lines, "invoice line", [&](const InvoiceLine& r) {
    c.link(r.invoice, s.invoices, "invoice").link(r.sale_line, s.lines, "sale_line");
    c.link(r.product, s.products, "product").value(r.kind, kLastLineKind, "kind");
    c.link(r.uom, s.uoms, "uom").taxes(r.taxes).link(r.next, s.invoice_lines, "next");
    c.link(r.sol_next, s.invoice_lines, "sol_next").flag(r.deleted, "deleted");
    c.amount(r.qty, kDerived, "qty")
        .amount(r.price, kDerived, "price")
        .amount(r.discount_bp, 0, kPercentOneBp, "discount");
  });
  c.table(s.payments, "payment",
          [&](const Payment& r) { c.link(r.invoice, s.invoices, "invoice").amount(r.amount, kMoney, "amount"); });
  each_shared_text(s, [&](const Text& t, const char* what, uint32_t row, const char* field) {
    c.record(what, row);
    c.text(t, field);
  });
  check_timesheets_and_links_into_them(c, s);
  c.top(s.hours, "hours");
  c.top(s.days, "days");
  c.top(s.units, "units");
  c.top(s.dozens, "dozens");
  return c.problem;
}

}  // namespace deskbill
