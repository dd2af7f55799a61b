// Invoices and credit notes: the list (with CSV export); the printable page is core/invoice_printout.
#include "core/invoice_printout.h"
#include "core/names.h"
#include "core/tax_math.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
std::string invoice_html(const State& s, uint32_t i, bool provisional) {
  return invoice_printout(s, i, provisional, PrintLanguage{lang() == Lang::Ro ? "ro" : "en", &tr});
}

void draw_invoices(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("Invoices"));
  ImGui::SetNextItemWidth(px(260));
  ImGui::InputTextWithHint("##invoice-filter", tr("Search…"), ui.list_filter, sizeof ui.list_filter);
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Export CSV")) + "##invoices-csv").c_str())) {
    std::string out = "number,type,customer,date,due_date,state,payment_state,untaxed,tax,total,residual\n";
    for (uint32_t i = 0; i < s.invoices.size(); ++i) {
      const Invoice& v = s.invoices.rows[i];
      if (v.deleted) continue;
      InvoiceTotals t = invoice_totals(s, i);
      out += csv(shown_invoice_name(host, i)) + "," + (v.type == MoveType::Refund ? "credit_note" : "invoice") + "," +
             csv(std::string(s.str(s.partners.rows[v.partner].name))) + "," + format_day(v.date) + "," +
             (v.due == kNoDay ? std::string() : format_day(v.due)) + "," + to_string(v.state) + "," +
             to_string(payment_state(s, i)) + "," + format_money(t.untaxed) + "," + format_money(t.tax) + "," +
             format_money(t.total) + "," + format_money(invoice_residual(s, i)) + "\n";
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
  if (s.invoices.size() == 0)
    empty_hint(
        tr("No invoices yet. Open a confirmed order and press Create Invoice: it bills what was ordered "
           "(prepaid) or the hours delivered on its lines."));
  ListLayout layout = list_layout(rows.size(), true);
  if (ImGui::BeginTable(
          "##invoices", 6,
          ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | layout.scroll | ImGuiTableFlags_SizingStretchProp,
          layout.size)) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"Number", "Customer"}) ImGui::TableSetupColumn(tr(h));
    fixed_column(tr("Date"), "0000-00-00");
    for (const char* h : {"Total", "Status", "Payment"}) ImGui::TableSetupColumn(tr(h));
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
        cell_text(std::string(s.str(s.partners.rows[v.partner].name)));
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
