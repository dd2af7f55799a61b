// The Create Invoice dialog (Odoo's sale.advance.payment.inv): regular invoice, down payment
// (percentage or fixed amount), timesheet period, deduct down payments, one per order.
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

void draw_invoice_wizard(Host& host, UiState& ui) {
  InvoiceWizard& w = ui.wizard;
  // "###": the same popup whatever the language of its title.
  const std::string popup = std::string(tr("Create invoices")) + "###create-invoices";
  if (w.open && !ImGui::IsPopupOpen(popup.c_str())) ImGui::OpenPopup(popup.c_str());
  ImGui::SetNextWindowSize(ImVec2(px(560), 0));
  if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::RadioButton(tr("Regular invoice"), &w.method, 0);
  ImGui::RadioButton(tr("Down payment (percentage)"), &w.method, 1);
  ImGui::RadioButton(tr("Down payment (fixed amount)"), &w.method, 2);
  if (w.method != 0) {
    ImGui::SetNextItemWidth(px(140));
    ImGui::InputText(w.method == 1 ? "%##dp-amount" : "##dp-amount", w.amount, sizeof w.amount);
  } else {
    ImGui::TextUnformatted(tr("Timesheets period"));
    ImGui::SetNextItemWidth(px(120));
    ImGui::InputTextWithHint("##period-start", "YYYY-MM-DD", w.start, sizeof w.start);
    ImGui::SameLine();
    ImGui::TextUnformatted("–");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(px(120));
    ImGui::InputTextWithHint("##period-end", "YYYY-MM-DD", w.end, sizeof w.end);
    ImGui::TextDisabled("%s", tr("Empty: every timesheet not invoiced yet."));
    ImGui::Checkbox(tr("Deduct down payments"), &w.deduct);
    if (w.orders.size() > 1) ImGui::Checkbox(tr("Consolidated billing"), &w.consolidated);
  }
  if (!w.error.empty()) {
    ImGui::PushTextWrapPos(px(540));
    text_colored(colors::kRed, w.error.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::Separator();
  // Odoo's two ways out: "Create and View Invoice" opens the draft, "Create Invoice" stays on the
  // order, which lists the draft among its invoices. Enter is the first, the dialog's default
  // button, but not in the frame it opened: the Enter that chose Ctrl+K's "Create Invoice" is still
  // down then.
  bool enter = !ImGui::IsWindowAppearing() && ImGui::IsKeyPressed(ImGuiKey_Enter, false);
  bool view = ImGui::Button((std::string(tr("Create and View Invoice")) + "##wizard-create-view").c_str()) || enter;
  ImGui::SameLine();
  bool stay = ImGui::Button((std::string(tr("Create Invoice")) + "##wizard-create").c_str());
  if (view || stay) {
    std::string id = host.new_id();
    nlohmann::json op = {{"kind", "invoice.create"}, {"id", id}, {"orders", w.orders}};
    if (w.method == 1) {
      op["method"] = "percentage";
      op["amount"] = w.amount;
    } else if (w.method == 2) {
      op["method"] = "fixed";
      op["fixed_amount"] = w.amount;
    } else {
      op["deduct_down_payments"] = w.deduct;
      op["consolidated"] = w.consolidated;
      if (w.start[0]) op["start"] = w.start;
      if (w.end[0]) op["end"] = w.end;
    }
    ApplyResult r = host.emit(op);
    if (r) {
      w.error = tr_error(r->code, r->message);
      host.announce(w.error);
    } else {
      show_notice(host, ui, tr("Invoice created"));
      w = InvoiceWizard{};
      ImGui::CloseCurrentPopup();
      if (view) navigate(ui, Screen::Invoice, id);
    }
  }
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Cancel")) + "##wizard-cancel").c_str()) || ImGui::IsKeyPressed(ImGuiKey_Escape)) {
    w = InvoiceWizard{};
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace deskbill::ui
