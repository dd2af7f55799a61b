// Handlers for invoices after creation: draft edits, posting with gapless numbers, cancel,
// reset to draft, credit notes and payments (R18, R19, R20).
#include <algorithm>

#include "core/billing.h"
#include "core/handlers.h"
#include "core/links.h"
#include "core/tax_math.h"

namespace deskbill {

static uint32_t live_invoice(const State& s, const OpArgs& a, const char* key) {
  uint32_t rec = a.ref(key, s.invoices, "invoice", true);
  if (s.invoices.rows[rec].deleted) refuse("deleted", "This invoice was deleted.");
  return rec;
}

static uint32_t draft_line(const State& s, const OpArgs& a) {
  uint32_t rec = existing(s, a, s.invoice_lines, "invoice line");
  const InvoiceLine& il = s.invoice_lines.rows[rec];
  if (il.deleted) refuse("deleted", "This invoice line was removed.");
  if (s.invoices.rows[il.invoice].state != MoveState::Draft) refuse("not_draft", "Only a draft invoice can be edited.");
  return rec;
}

// R18: timesheets of `sale_line` linked to `inv` no longer are, unless another live line of the
// same order line stays on the invoice.
static void unlink_timesheets(State& s, uint32_t inv, uint32_t sale_line) {
  for (uint32_t il = s.invoices.rows[inv].line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (!s.invoice_lines.rows[il].deleted && s.invoice_lines.rows[il].sale_line == sale_line) return;
  reset_billed_upto(s, sale_line);  // they are freed: the next invoice looks again
  for (uint32_t ts = s.lines.rows[sale_line].ts_head; ts != kNone; ts = s.timesheets.rows[ts].sol_next)
    if (s.timesheets.rows[ts].invoice == inv) set_timesheet_invoice(s, ts, kNone);
}

void op_invoice_update_line(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = draft_line(s, a);
  InvoiceLine il = s.invoice_lines.rows[rec];
  std::string name = a.text("name", false, 2000);
  if (il.kind == LineKind::Section || il.kind == LineKind::Note) {
    if (a.has("qty") || a.has("price") || a.has("discount") || a.has("taxes"))
      refuse("line_type", odoo::kChangeLineType);
  } else {
    il.qty = round_to_step(a.qty("qty", false, il.qty), kQtyCent, Rounding::HalfUp);
    il.price = a.money("price", false, il.price);
    int64_t d = a.percent_bp("discount", il.discount_bp);
    if (d < 0 || d > kPercentOneBp) refuse("bad_discount", "A discount must be between 0 and 100 %.");
    il.discount_bp = d;
    il.taxes = a.taxes("taxes", il.taxes);  // a draft line's taxes may differ from its order line's
  }
  if (a.has("name")) il.name = s.text.add(name);
  s.invoice_lines.rows[rec] = il;
}

void op_invoice_remove_line(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = draft_line(s, a);
  InvoiceLine& il = s.invoice_lines.rows[rec];
  il.deleted = true;
  if (il.sale_line != kNone) unlink_timesheets(s, il.invoice, il.sale_line);
}

void op_invoice_delete(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_invoice(s, a, "id");
  Invoice& inv = s.invoices.rows[rec];
  if (inv.state == MoveState::Posted)
    refuse("posted", "A posted invoice cannot be deleted: reset it to draft or issue a credit note.");
  if (inv.number != 0)
    refuse("numbered",
           "An invoice that has been numbered cannot be deleted (numbers have no gaps): cancel it instead.");
  inv.deleted = true;
  forget_billed_upto(s, rec);
  unlink_invoice_timesheets(s, rec);
  // S15: deleting a down-payment invoice removes its down-payment lines from the order.
  if (inv.down_payment && inv.type == MoveType::Invoice)
    for (uint32_t il = inv.line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
      uint32_t sol = s.invoice_lines.rows[il].sale_line;
      if (sol != kNone && s.lines.rows[sol].kind == LineKind::DownPayment && qty_invoiced(s, sol) == 0)
        s.lines.rows[sol].deleted = true;
    }
}

static std::vector<uint32_t> order_lines_of(const State& s, uint32_t inv) {
  std::vector<uint32_t> out;
  for (uint32_t il = s.invoices.rows[inv].line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (!s.invoice_lines.rows[il].deleted && s.invoice_lines.rows[il].sale_line != kNone)
      out.push_back(s.invoice_lines.rows[il].sale_line);
  return out;
}

void op_invoice_post(State& s, const OpArgs& a, const OpContext& ctx) {
  uint32_t rec = live_invoice(s, a, "id");
  const Invoice& cur = s.invoices.rows[rec];
  if (cur.state != MoveState::Draft) refuse("not_draft", "Only a draft invoice can be posted.");
  bool any = false;
  for (uint32_t il = cur.line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
    const InvoiceLine& x = s.invoice_lines.rows[il];
    if (!x.deleted && x.kind != LineKind::Section && x.kind != LineKind::Note) any = true;
  }
  if (!any) refuse("empty_invoice", "An invoice needs at least one line to be posted.");
  if (invoice_totals(s, rec).total < 0)
    refuse("negative_invoice",
           "You cannot validate an invoice with a negative total amount. You should create a credit note instead.");
  Day date = cur.date != kNoDay && ctx.accepted_at == kNoDay && !a.has("date") ? cur.date : effective_date(a, ctx);
  // Commit: numbers are given here, in canonical order, without gaps (DESIGN §3).
  Invoice& inv = s.invoices.rows[rec];
  inv.state = MoveState::Posted;
  inv.date = date;
  // Odoo's due date: the invoice date plus the customer's payment terms; a credit note is due at once.
  inv.due = inv.type == MoveType::Refund
                ? date
                : date + static_cast<Day>(s.partners.rows[commercial_partner(s, inv.partner)].payment_days);
  if (inv.number == 0) {
    uint8_t type = inv.type == MoveType::Refund ? 1 : 0;
    int year = year_of(date);
    NumberCounter* c = nullptr;
    for (NumberCounter& n : s.numbers)
      if (n.type == type && n.year == year) c = &n;
    if (!c) {
      s.numbers.push_back(NumberCounter{type, year, 0});
      c = &s.numbers.back();
    }
    inv.number = ++c->last;
    inv.number_year = year;
  }
  std::vector<uint32_t> sols = order_lines_of(s, rec);
  // R18: a posted credit note frees the timesheets its lines credit on the reversed invoice.
  if (inv.type == MoveType::Refund && inv.reversed_entry != kNone) {
    forget_billed_upto(s, inv.reversed_entry);  // its timesheets count as not billed again
    for (uint32_t sol : sols)
      for (uint32_t ts = s.lines.rows[sol].ts_head; ts != kNone; ts = s.timesheets.rows[ts].sol_next)
        if (s.timesheets.rows[ts].invoice == inv.reversed_entry) set_timesheet_invoice(s, ts, kNone);
  }
  // R19: a down-payment line is worth what its posted down-payment invoices say.
  for (uint32_t sol : sols) {
    if (s.lines.rows[sol].kind != LineKind::DownPayment) continue;
    Money v = 0;
    for (uint32_t il = s.lines.rows[sol].il_head; il != kNone; il = s.invoice_lines.rows[il].sol_next) {
      const InvoiceLine& x = s.invoice_lines.rows[il];
      const Invoice& m = s.invoices.rows[x.invoice];
      if (x.deleted || m.deleted || m.state != MoveState::Posted || !m.down_payment) continue;
      v += m.type == MoveType::Refund ? -x.price : x.price;
    }
    s.lines.rows[sol].price = v;
  }
}

void op_invoice_cancel(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_invoice(s, a, "id");
  if (s.invoices.rows[rec].state != MoveState::Draft)
    refuse("not_draft", "Only a draft invoice can be cancelled: reset a posted invoice to draft first.");
  // R18: links stay; the timesheets count as not billed again.
  s.invoices.rows[rec].state = MoveState::Cancel;
  forget_billed_upto(s, rec);
}

void op_invoice_reset_to_draft(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_invoice(s, a, "id");
  const Invoice& inv = s.invoices.rows[rec];
  if (inv.state == MoveState::Draft) refuse("already_draft", "This invoice is already a draft.");
  if (inv.paid != 0) refuse("has_payments", "Remove the payments of this invoice before resetting it to draft.");
  for (uint32_t r = inv.reversal_head; r != kNone; r = s.invoices.rows[r].next_reversal)
    if (!s.invoices.rows[r].deleted && s.invoices.rows[r].state == MoveState::Posted)
      refuse("has_credit_note", "This invoice has a posted credit note: it cannot be reset to draft.");
  s.invoices.rows[rec].state = MoveState::Draft;
}

void op_invoice_reverse(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.invoices, "invoice");
  uint32_t orig = live_invoice(s, a, "invoice");
  const Invoice& o = s.invoices.rows[orig];
  if (o.state != MoveState::Posted || o.type != MoveType::Invoice)
    refuse("not_posted", "Only a posted customer invoice can be reversed by a credit note.");
  std::vector<uint32_t> chosen;
  if (const OpValue* listed = a.op().find("lines")) {
    if (listed->type != OpValue::Type::Array) refuse("bad_field", "Field 'lines' must be a list of invoice line ids.");
    for (uint32_t n = 0; n < listed->count; ++n) {
      const OpValue& x = a.op().item(listed->first + n);
      if (!x.is_string()) refuse("bad_field", "Field 'lines' must be a list of invoice line ids.");
      uint32_t il = s.invoice_lines.find(s.text, x.text);
      if (il == kNone || s.invoice_lines.rows[il].invoice != orig || s.invoice_lines.rows[il].deleted)
        refuse("unknown_ref", "Line '" + std::string(x.text) + "' is not a line of the reversed invoice.");
      // Listed twice it would be credited twice.
      if (std::find(chosen.begin(), chosen.end(), il) != chosen.end())
        refuse("duplicate_id", "Line '" + std::string(x.text) + "' is listed twice in 'lines'.");
      chosen.push_back(il);
    }
    if (chosen.empty()) refuse("missing_field", "A credit note needs at least one line.");
  } else {
    for (uint32_t il = o.line_head; il != kNone; il = s.invoice_lines.rows[il].next)
      if (!s.invoice_lines.rows[il].deleted) chosen.push_back(il);
  }
  // Commit.
  Invoice cn;
  cn.type = MoveType::Refund;
  cn.partner = o.partner;
  cn.reversed_entry = orig;
  cn.down_payment = o.down_payment;
  uint32_t rec = s.invoices.add(s.text, id, cn);
  add_reversal(s, orig, rec);
  int n = 0;
  for (uint32_t src : chosen) {
    InvoiceLine il = s.invoice_lines.rows[src];
    il.next = il.sol_next = kNone;
    il.invoice = kNone;
    uint32_t line = s.invoice_lines.add(s.text, id + ":" + std::to_string(++n), il);
    append_invoice_line(s, rec, line);
  }
}

void op_invoice_pay(State& s, const OpArgs& a, const OpContext& ctx) {
  std::string id = new_id(s, a, s.payments, "payment");
  uint32_t inv = live_invoice(s, a, "invoice");
  if (s.invoices.rows[inv].state != MoveState::Posted) refuse("not_posted", "Only a posted invoice can be paid.");
  Money amount = a.money("amount", true);
  if (amount <= 0) refuse("bad_amount", "A payment must be a positive amount.");
  Money due = invoice_residual(s, inv);
  if (amount > due)
    refuse("overpayment",
           "The payment (" + format_money(amount) + ") is more than the amount due (" + format_money(due) + ").");
  Payment p;
  p.invoice = inv;
  p.amount = amount;
  p.date = effective_date(a, ctx);
  s.payments.add(s.text, id, p);
  s.invoices.rows[inv].paid += amount;
}

}  // namespace deskbill
