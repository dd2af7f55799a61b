#include "core/invoice_printout.h"

#include "core/billing.h"
#include "core/names.h"
#include "core/tax_math.h"

namespace deskbill {
namespace {

// Every English word of the page, once (invoice_printout_words lists them for the translation test).
const char* const kWords[] = {"Invoice",
                              "Credit Note",
                              "Draft Invoice",
                              "Draft Credit Note",
                              "Cancelled",
                              "Paid",
                              "Reversed",
                              "Credit note of",
                              "Invoice Date",
                              "Due Date",
                              "Payment Reference",
                              "Tax ID",
                              "Description",
                              "Quantity",
                              "Unit Price",
                              "Disc.%",
                              "Taxes",
                              "Amount",
                              "Untaxed Amount",
                              "Total",
                              "Amount Due",
                              "Please use the following communication for your payment:",
                              "Bank account",
                              "PROVISIONAL: not numbered yet. This invoice gets its number when it is synced; do not "
                              "send it before.",
                              nullptr};

std::string esc(std::string_view in) {
  std::string out;
  for (char c : in) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else if (c == '\n')
      out += "<br>";  // addresses are typed on several lines
    else
      out += c;
  }
  return out;
}

std::string amount(Money m) { return format_money_grouped(m); }

}  // namespace

const char* const* invoice_printout_words() { return kWords; }

std::string payment_reference(const State& s, uint32_t i) {
  const Invoice& inv = s.invoices.rows[i];
  return inv.number == 0 ? "" : invoice_name(s, i);
}

std::string invoice_printout(const State& s, uint32_t i, bool provisional, const PrintLanguage& lang) {
  auto tr = [&](const char* en) -> std::string { return lang.tr ? lang.tr(en) : en; };
  const Invoice& inv = s.invoices.rows[i];
  const bool refund = inv.type == MoveType::Refund;
  const Partner& customer = s.partners.rows[inv.partner];
  const Partner& company_of = s.partners.rows[commercial_partner(s, inv.partner)];
  InvoiceTotals t = invoice_totals(s, i);
  std::string name = invoice_name(s, i);

  std::string h = "<!doctype html><html lang=\"" + std::string(lang.html_lang) +
                  "\"><head><meta charset=\"utf-8\"><title>" + esc(name) +
                  "</title><style>body{font-family:'Noto Sans',sans-serif;margin:40px;color:#222}"
                  "table{border-collapse:collapse;width:100%}th,td{padding:6px;border-bottom:1px solid #ddd;"
                  "text-align:left;vertical-align:top}td.n,th.n{text-align:right}h1{color:#714b67;margin:24px 0 8px}"
                  ".tot td{font-weight:bold}.head{display:flex;justify-content:space-between;gap:40px}"
                  ".mark{display:inline-block;border:3px solid;padding:4px 12px;font-weight:bold;font-size:1.2em;"
                  "text-transform:uppercase;margin:6px 0}.paid{color:#1e8449}.cancel{color:#7f8c8d}"
                  ".warn{border:3px solid #c0392b;color:#c0392b;padding:10px;font-weight:bold}"
                  ".meta{width:auto}.meta td{border:none;padding:2px 32px 2px 0}</style></head><body>";
  if (provisional) h += "<p class=warn>" + esc(tr(kWords[23])) + "</p>";

  // The company (left) and the customer (right).
  const Company& c = s.company;
  h += "<div class=head><div class=company>";
  if (c.name.len) h += "<strong>" + esc(s.str(c.name)) + "</strong><br>";
  if (c.address.len) h += esc(s.str(c.address)) + "<br>";
  if (c.vat.len) h += esc(tr("Tax ID")) + ": " + esc(s.str(c.vat)) + "<br>";
  if (c.email.len) h += esc(s.str(c.email)) + "<br>";
  h += "</div><div class=customer><strong>" + esc(s.str(company_of.name)) + "</strong><br>";
  if (&customer != &company_of) h += esc(s.str(customer.name)) + "<br>";
  const Partner& addressed = customer.address.len ? customer : company_of;
  if (addressed.address.len) h += esc(s.str(addressed.address)) + "<br>";
  if (company_of.vat.len) h += esc(tr("Tax ID")) + ": " + esc(s.str(company_of.vat)) + "<br>";
  h += "</div></div>";

  // Title and marks.
  std::string title = inv.state == MoveState::Draft && inv.number == 0
                          ? tr(refund ? "Draft Credit Note" : "Draft Invoice")
                          : tr(refund ? "Credit Note" : "Invoice") + " " + (provisional ? "" : name);
  h += "<h1>" + esc(title) + "</h1>";
  if (inv.state == MoveState::Cancel) h += "<div class=\"mark cancel\">" + esc(tr("Cancelled")) + "</div> ";
  if (inv.state == MoveState::Posted) {
    PaymentState p = payment_state(s, i);
    if (p == PaymentState::Paid) h += "<div class=\"mark paid\">" + esc(tr("Paid")) + "</div> ";
    if (p == PaymentState::Reversed) h += "<div class=\"mark cancel\">" + esc(tr("Reversed")) + "</div> ";
  }
  if (refund && inv.reversed_entry != kNone)
    h += "<p>" + esc(tr("Credit note of")) + " " + esc(invoice_name(s, inv.reversed_entry)) + "</p>";

  h += "<table class=meta><tr><td>" + esc(tr("Invoice Date")) + "</td><td>" + esc(tr("Due Date")) + "</td>";
  std::string ref = provisional ? "" : payment_reference(s, i);
  if (!ref.empty()) h += "<td>" + esc(tr("Payment Reference")) + "</td>";
  Day due = inv.due != kNoDay ? inv.due : inv.date;
  h += "</tr><tr><td><strong>" + format_day(inv.date) + "</strong></td><td><strong>" + format_day(due) +
       "</strong></td>";
  if (!ref.empty()) h += "<td><strong>" + esc(ref) + "</strong></td>";
  h += "</tr></table><br>";

  h += "<table><thead><tr><th>" + esc(tr("Description")) + "</th><th class=n>" + esc(tr("Quantity")) +
       "</th><th class=n>" + esc(tr("Unit Price")) + "</th><th class=n>" + esc(tr("Disc.%")) + "</th><th>" +
       esc(tr("Taxes")) + "</th><th class=n>" + esc(tr("Amount")) + "</th></tr></thead><tbody>";
  for (uint32_t il = inv.line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
    const InvoiceLine& x = s.invoice_lines.rows[il];
    if (x.deleted) continue;
    if (x.kind == LineKind::Section || x.kind == LineKind::Note) {
      h += "<tr><td colspan=6><strong>" + esc(s.str(x.name)) + "</strong></td></tr>";
      continue;
    }
    std::string taxes;
    for (uint32_t tx : x.taxes.ids)
      if (tx != kNone) taxes += (taxes.empty() ? "" : ", ") + std::string(s.str(s.taxes.rows[tx].name));
    LineAmounts a = line_amounts(s, x.price, x.qty, x.discount_bp, x.taxes);
    h += "<tr><td>" + esc(s.str(x.name)) + "</td><td class=n>" + format_qty(x.qty) + "</td><td class=n>" +
         amount(x.price) + "</td><td class=n>" + format_decimal(x.discount_bp, 2, 2) + "</td><td>" + esc(taxes) +
         "</td><td class=n>" + amount(a.subtotal) + "</td></tr>";
  }
  h += "</tbody></table><table style=\"width:45%;margin-left:55%\"><tr><td>" + esc(tr("Untaxed Amount")) +
       "</td><td class=n>" + amount(t.untaxed) + "</td></tr>";
  for (const TaxAmount& ta : t.by_tax)
    h += "<tr><td>" + esc(s.str(s.taxes.rows[ta.tax].name)) + "</td><td class=n>" + amount(ta.amount) + "</td></tr>";
  h += "<tr class=tot><td>" + esc(tr("Total")) + "</td><td class=n>" + amount(t.total) + "</td></tr>";
  if (inv.state == MoveState::Posted) {
    if (inv.paid != 0) h += "<tr><td>" + esc(tr("Paid")) + "</td><td class=n>" + amount(inv.paid) + "</td></tr>";
    h += "<tr class=tot><td>" + esc(tr("Amount Due")) + "</td><td class=n>" + amount(invoice_residual(s, i)) +
         "</td></tr>";
  }
  h += "</table>";

  if (!refund && inv.state != MoveState::Cancel && !ref.empty())
    h += "<p>" + esc(tr("Please use the following communication for your payment:")) + " <strong>" + esc(ref) +
         "</strong></p>";
  if (!refund && c.bank_account.len)
    h += "<p>" + esc(tr("Bank account")) + ": <strong>" + esc(s.str(c.bank_account)) + "</strong></p>";
  h += "</body></html>";
  return h;
}

}  // namespace deskbill
