// One invoice: lines (editable while draft), taxes and totals to the cent, and its life cycle:
// Post, Cancel, Reset to draft, Credit note, Register payment, Print.
#include <cstdio>

#include "core/names.h"
#include "core/order_links.h"
#include "core/tax_math.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

namespace {

// Register payment's fields, under the actions: the amount due and today, which Enter confirms.
void draw_payment(Host& host, UiState& ui, const std::string& id) {
  InvoiceForm& f = ui.invoice;
  if (f.paying != id) return;  // asked on another invoice, the fields stay there
  ImGui::SetNextItemWidth(px(120));
  focus_next_field(f.focus_amount);
  bool enter = ImGui::InputText(tr("Amount"), f.pay_amount, sizeof f.pay_amount, ImGuiInputTextFlags_EnterReturnsTrue);
  after_focused_field(host, ui, f.focus_amount);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(px(120));
  enter |= ImGui::InputText(tr("Date"), f.pay_date, sizeof f.pay_date, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  bool confirm = ImGui::Button((std::string(tr("Confirm")) + "##confirm-payment").c_str()) || enter;
  if (confirm && run_op(host, ui,
                        {{"kind", "invoice.pay"},
                         {"id", host.new_id()},
                         {"invoice", id},
                         {"amount", f.pay_amount},
                         {"date", f.pay_date}},
                        "Payment registered"))
    f.paying.clear();
  ImGui::SameLine();
  if (ImGui::Button("x##cancel-payment")) f.paying.clear();
}

}  // namespace

std::vector<RecordAction> invoice_actions(const Host& host, uint32_t i) {
  const State& s = host.state();
  const Invoice& v = s.invoices.rows[i];
  std::string id(id_of(s, s.invoices, i));
  std::vector<RecordAction> out;
  auto reset = [&] {
    out.push_back({tr("Reset to draft"), "##reset-draft", "invoice.reset_to_draft", [id](Host& h, UiState& u) {
                     run_op(h, u, {{"kind", "invoice.reset_to_draft"}, {"id", id}});
                   }});
  };
  if (v.state == MoveState::Draft) {
    out.push_back(
        {tr("Post"), "##post-invoice", "invoice.post", [id](Host& h, UiState& u) {
           run_op(h, u, {{"kind", "invoice.post"}, {"id", id}, {"date", format_day(h.today())}}, "Invoice posted");
         }});
    out.push_back({tr("Cancel"), "##cancel-invoice", "invoice.cancel", [id](Host& h, UiState& u) {
                     run_op(h, u, {{"kind", "invoice.cancel"}, {"id", id}});
                   }});
    if (v.number == 0)
      out.push_back({tr("Delete"), "##delete-invoice", "invoice.delete", [id](Host& h, UiState& u) {
                       if (run_op(h, u, {{"kind", "invoice.delete"}, {"id", id}}, "Draft deleted"))
                         navigate(u, Screen::Invoices);
                     }});
  } else if (v.state == MoveState::Posted) {
    PaymentState p = payment_state(s, i);
    if (p != PaymentState::Paid && p != PaymentState::Reversed)
      out.push_back({tr("Register payment"), "##pay", "invoice.pay", [i, id](Host& h, UiState& u) {
                       InvoiceForm& f = u.invoice;
                       f.paying = id;
                       ask_focus(f.focus_amount);
                       std::snprintf(f.pay_amount, sizeof f.pay_amount, "%s",
                                     format_money(invoice_residual(h.state(), i)).c_str());
                       std::snprintf(f.pay_date, sizeof f.pay_date, "%s", format_day(h.today()).c_str());
                     }});
    if (v.type == MoveType::Invoice)
      out.push_back(
          {tr("Credit note"), "##credit-note", "invoice.reverse", [id](Host& h, UiState& u) {
             std::string cn = h.new_id();
             if (run_op(h, u, {{"kind", "invoice.reverse"}, {"id", cn}, {"invoice", id}}, "Credit note created"))
               navigate(u, Screen::Invoice, cn);
           }});
    reset();
  } else {
    reset();
  }
  out.push_back({tr("Print"), "##print", nullptr,
                 [i](Host& h, UiState&) { h.print_html(invoice_html(h.state(), i, h.invoice_provisional(i))); }});
  return out;
}

void draw_invoice_form(Host& host, UiState& ui) {
  const State& s = host.state();
  uint32_t i = s.invoices.find(s.text, ui.route.id);
  if (i == kNone || s.invoices.rows[i].deleted) {
    ImGui::TextUnformatted(tr("This invoice does not exist."));
    return;
  }
  const Invoice& v = s.invoices.rows[i];
  InvoiceForm& f = ui.invoice;
  if (ImGui::SmallButton(tr("Invoices"))) navigate(ui, Screen::Invoices);
  ImGui::SameLine();
  ImGui::TextDisabled("/");
  ImGui::SameLine();
  std::string name =
      (v.type == MoveType::Refund ? std::string(tr("Credit note")) + " " : std::string()) + shown_invoice_name(host, i);
  title(name.c_str());
  ImGui::SameLine();
  bool provisional = host.invoice_provisional(i);
  badge(shown_invoice_state(host, i), provisional                    ? colors::kAmber
                                      : v.state == MoveState::Posted ? colors::kGreen
                                                                     : colors::kGrey);
  if (v.state == MoveState::Posted) {
    ImGui::SameLine();
    badge(payment_text(payment_state(s, i)), colors::kBlue);
  }
  draw_action_row(host, ui, invoice_actions(host, i));
  draw_payment(host, ui, ui.route.id);
  if (provisional)
    text_colored(
        colors::kAmber,
        tr("Not numbered yet: the number is given when this posting is synced. It prints as PROVISIONAL until then."));
  ImGui::Separator();
  value_text("%s: %s", tr("Customer"), std::string(s.str(s.partners.rows[v.partner].name)).c_str());
  if (v.date != kNoDay) value_text("%s: %s", tr("Date"), format_day(v.date).c_str());
  if (v.due != kNoDay) value_text("%s: %s", tr("Due Date"), format_day(v.due).c_str());
  // Odoo's Source Document: the orders it bills, each opening its order.
  const InvoiceLinks& links = ui.invoice_links.get(s, i, invoice_links);
  if (!links.orders.empty()) {
    ImGui::Text("%s:", tr("Source Document"));
    for (uint32_t o : links.orders) {
      ImGui::SameLine();
      if (ImGui::SmallButton((order_name(s, o) + "##source-" + std::string(id_of(s, s.orders, o))).c_str()))
        navigate(ui, Screen::Order, id_of(s, s.orders, o));
    }
  }
  if (v.reversed_entry != kNone)
    value_text("%s %s", tr("Reversal of"), shown_invoice_name(host, v.reversed_entry).c_str());
  bool draft = v.state == MoveState::Draft;
  if (ImGui::BeginTable("##inv-lines", 7,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"Description", "Quantity", "Unit Price", "Discount %", "Taxes", "Subtotal", ""})
      ImGui::TableSetupColumn(h[0] ? tr(h) : "##a");
    ImGui::TableHeadersRow();
    for (uint32_t il = v.line_head; il != kNone; il = s.invoice_lines.rows[il].next) {
      const InvoiceLine& x = s.invoice_lines.rows[il];
      if (x.deleted) continue;
      ImGui::PushID(static_cast<int>(il));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (x.kind == LineKind::Section || x.kind == LineKind::Note) {
        ImGui::PushFont(bold_font());
        ImGui::TextUnformatted(std::string(s.str(x.name)).c_str());
        ImGui::PopFont();
        ImGui::PopID();
        continue;
      }
      std::string lid = id_of(s, s.invoice_lines, il);
      bool editing = draft && f.editing_line == lid;
      ImGui::TextUnformatted(std::string(s.str(x.name)).c_str());
      ImGui::TableNextColumn();
      if (editing) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##q", f.edit_qty, sizeof f.edit_qty);
      } else
        ImGui::TextUnformatted(qty_text(x.qty).c_str());
      ImGui::TableNextColumn();
      if (editing) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##p", f.edit_price, sizeof f.edit_price);
      } else
        ImGui::TextUnformatted(money_text(x.price).c_str());
      ImGui::TableNextColumn();
      if (editing) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##d", f.edit_discount, sizeof f.edit_discount);
      } else
        ImGui::TextUnformatted(format_decimal(x.discount_bp, 2, 2).c_str());
      ImGui::TableNextColumn();
      if (editing)
        pick_taxes("##t", s, f.edit_taxes, -1);
      else
        ImGui::TextUnformatted(taxes_text(s, x.taxes).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money_text(line_amounts(s, x.price, x.qty, x.discount_bp, x.taxes).subtotal).c_str());
      ImGui::TableNextColumn();
      if (draft) {
        if (!editing && ImGui::SmallButton(tr("Edit"))) {
          f.editing_line = lid;
          std::snprintf(f.edit_qty, sizeof f.edit_qty, "%s", qty_text(x.qty).c_str());
          std::snprintf(f.edit_price, sizeof f.edit_price, "%s", format_money(x.price).c_str());
          std::snprintf(f.edit_discount, sizeof f.edit_discount, "%s", format_decimal(x.discount_bp, 2, 2).c_str());
          f.edit_taxes = x.taxes;
        }
        if (editing && ImGui::SmallButton(tr("Save"))) {
          nlohmann::json op = {{"kind", "invoice.update_line"},
                               {"id", lid},
                               {"qty", f.edit_qty},
                               {"price", f.edit_price},
                               {"discount", f.edit_discount}};
          if (!(f.edit_taxes == x.taxes)) op["taxes"] = taxes_json(s, f.edit_taxes);
          if (run_op(host, ui, op)) f.editing_line.clear();
        }
        ImGui::SameLine();
        if (ImGui::SmallButton(tr("Delete"))) run_op(host, ui, {{"kind", "invoice.remove_line"}, {"id", lid}});
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  InvoiceTotals t = invoice_totals(s, i);
  float x = ImGui::GetContentRegionMax().x - px(300);
  ImGui::SetCursorPosX(x);
  value_text("%s: %s", tr("Untaxed"), money_text(t.untaxed).c_str());
  for (const TaxAmount& ta : t.by_tax) {
    ImGui::SetCursorPosX(x);
    value_text("%s: %s", std::string(s.str(s.taxes.rows[ta.tax].name)).c_str(), money_text(ta.amount).c_str());
  }
  ImGui::SetCursorPosX(x);
  ImGui::PushFont(bold_font());
  value_text("%s: %s", tr("Total"), money_text(t.total).c_str());
  ImGui::PopFont();
  // As Odoo lists them under the total: each payment, then what is left to pay.
  for (uint32_t p : links.payments) {
    ImGui::SetCursorPosX(x);
    const Payment& pay = s.payments.rows[p];
    value_text_disabled("%s %s: %s", tr("Paid on"), format_day(pay.date).c_str(), money_text(pay.amount).c_str());
  }
  if (v.state == MoveState::Posted) {
    ImGui::SetCursorPosX(x);
    value_text("%s: %s", tr("Amount due"), money_text(invoice_residual(s, i)).c_str());
  }
}

}  // namespace deskbill::ui
