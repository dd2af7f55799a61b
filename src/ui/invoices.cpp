// Invoices and credit notes: the list (with CSV export) and the printable HTML page.
#include "core/names.h"
#include "core/tax_math.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

std::string html_escape(std::string_view in) {
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
    else
      out += c;
  }
  return out;
}

}  // namespace

std::string invoice_html(const State& s, uint32_t i, bool provisional) {
  const Invoice& inv = s.invoices.rows[i];
  InvoiceTotals t = invoice_totals(s, i);
  std::string h =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(invoice_name(s, i)) +
      "</title><style>body{font-family:'Noto "
      "Sans',sans-serif;margin:40px;color:#222}table{border-collapse:collapse;width:100%}"
      "th,td{padding:6px;border-bottom:1px solid #ddd;text-align:left}td.n,th.n{text-align:right}h1{color:#714b67}"
      ".tot td{font-weight:bold}</style></head><body>";
  if (provisional)
    h += "<p style=\"border:3px solid "
         "#c0392b;color:#c0392b;padding:10px;font-weight:bold;font-size:1.3em\">PROVISIONAL — not "
         "numbered yet: this invoice gets its number when it is synced. Do not send it before.</p>";
  h += "<h1>" + std::string(inv.type == MoveType::Refund ? "Credit Note " : "Invoice ") +
       (provisional ? std::string("(numbered on sync)") : html_escape(invoice_name(s, i))) + "</h1>";
  h += "<p><strong>" + html_escape(s.str(s.partners.rows[inv.partner].name)) +
       "</strong><br>Date: " + format_day(inv.date) + "</p>";
  h += "<table><thead><tr><th>Description</th><th class=n>Quantity</th><th class=n>Unit Price</th><th "
       "class=n>Disc.%</th><th class=n>Amount</th></tr></thead><tbody>";
  for (uint32_t il = inv.line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
    const InvoiceLine& x = s.invoice_lines.rows[il];
    if (x.deleted) continue;
    if (x.kind == LineKind::Section || x.kind == LineKind::Note) {
      h += "<tr><td colspan=5><strong>" + html_escape(s.str(x.name)) + "</strong></td></tr>";
      continue;
    }
    LineAmounts a = line_amounts(s, x.price, x.qty, x.discount_bp, x.taxes);
    h += "<tr><td>" + html_escape(s.str(x.name)) + "</td><td class=n>" + qty_text(x.qty) + "</td><td class=n>" +
         money_text(x.price) + "</td><td class=n>" + format_decimal(x.discount_bp, 2, 2) + "</td><td class=n>" +
         money_text(a.subtotal) + "</td></tr>";
  }
  h += "</tbody></table><table style=\"width:40%;margin-left:60%\"><tr><td>Untaxed Amount</td><td class=n>" +
       money_text(t.untaxed) + "</td></tr>";
  for (const TaxAmount& ta : t.by_tax)
    h += "<tr><td>" + html_escape(s.str(s.taxes.rows[ta.tax].name)) + "</td><td class=n>" + money_text(ta.amount) +
         "</td></tr>";
  h += "<tr class=tot><td>Total</td><td class=n>" + money_text(t.total) + "</td></tr>";
  h += "<tr><td>Amount Due</td><td class=n>" + money_text(invoice_residual(s, i)) + "</td></tr></table></body></html>";
  return h;
}

void draw_invoices(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Invoices"));
  ImGui::SetNextItemWidth(px(260));
  ImGui::InputTextWithHint("##invoice-filter", tr("Search…"), ui.list_filter, sizeof ui.list_filter);
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Export CSV")) + "##invoices-csv").c_str())) {
    std::string out = "number,type,customer,date,state,payment_state,untaxed,tax,total,residual\n";
    for (uint32_t i = 0; i < s.invoices.size(); ++i) {
      const Invoice& v = s.invoices.rows[i];
      if (v.deleted) continue;
      InvoiceTotals t = invoice_totals(s, i);
      out += csv(shown_invoice_name(host, i)) + "," + (v.type == MoveType::Refund ? "credit_note" : "invoice") + "," +
             csv(std::string(s.str(s.partners.rows[v.partner].name))) + "," + format_day(v.date) + "," +
             to_string(v.state) + "," + to_string(payment_state(s, i)) + "," + format_money(t.untaxed) + "," +
             format_money(t.tax) + "," + format_money(t.total) + "," + format_money(invoice_residual(s, i)) + "\n";
    }
    host.download("invoices.csv", "text/csv", out);
  }
  std::string filter = ui.list_filter;
  std::vector<uint32_t> rows;
  for (uint32_t i = s.invoices.size(); i-- > 0;) {
    if (s.invoices.rows[i].deleted) continue;
    if (!filter.empty() &&
        (shown_invoice_name(host, i) + " " + std::string(s.str(s.partners.rows[s.invoices.rows[i].partner].name)))
                .find(filter) == std::string::npos)
      continue;
    rows.push_back(i);
  }
  if (ImGui::BeginTable("##invoices", 6,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"Number", "Customer", "Date", "Total", "Status", "Payment"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(rows.size()));
    while (clip.Step())
      for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
        uint32_t i = rows[r];
        const Invoice& v = s.invoices.rows[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(static_cast<int>(i));
        std::string name = shown_invoice_name(host, i) + (v.type == MoveType::Refund ? " (credit note)" : "");
        if (ImGui::Selectable(name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
          navigate(ui, Screen::Invoice, id_of(s, s.invoices, i));
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(std::string(s.str(s.partners.rows[v.partner].name)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(format_day(v.date).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money_text(invoice_totals(s, i).total).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(shown_invoice_state(host, i));
        ImGui::TableNextColumn();
        if (v.state == MoveState::Posted) {
          PaymentState p = payment_state(s, i);
          badge(payment_text(p), p == PaymentState::Paid      ? colors::kGreen
                                 : p == PaymentState::NotPaid ? colors::kAmber
                                                              : colors::kBlue);
        }
      }
    ImGui::EndTable();
  }
}

}  // namespace deskbill::ui
