// Configuration → Customers: a customer's every field after it was created, including what its
// invoices print (address, tax id) and its payment terms (the due date of its invoices).
#include <cstdio>

#include "core/update_op.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

namespace {
void load(const State& s, CustomerForm& f, uint32_t rec) {
  const Partner& p = s.partners.rows[rec];
  f = CustomerForm{};
  f.rec = rec;
  std::snprintf(f.name, sizeof f.name, "%s", std::string(s.str(p.name)).c_str());
  std::snprintf(f.email, sizeof f.email, "%s", std::string(s.str(p.email)).c_str());
  std::snprintf(f.address, sizeof f.address, "%s", std::string(s.str(p.address)).c_str());
  std::snprintf(f.vat, sizeof f.vat, "%s", std::string(s.str(p.vat)).c_str());
  std::snprintf(f.payment_days, sizeof f.payment_days, "%u", p.payment_days);
  f.parent = p.parent;
}
}  // namespace

void open_customer(const State& s, UiState& ui, uint32_t rec) { load(s, ui.customer, rec); }

void draw_customer_editor(Host& host, UiState& ui) {
  const State& s = host.state();
  CustomerForm& f = ui.customer;
  if (f.rec == kNone || f.rec >= s.partners.size()) return;
  const Partner& p = s.partners.rows[f.rec];
  ImGui::Separator();
  ImGui::PushFont(bold_font());
  ImGui::Text("%s: %s", tr("Customer"), std::string(s.str(p.name)).c_str());
  ImGui::PopFont();
  ImGui::SetNextItemWidth(px(320));
  ImGui::InputText((std::string(tr("Name")) + "##ce-name").c_str(), f.name, sizeof f.name);
  ImGui::SetNextItemWidth(px(320));
  ImGui::InputText((std::string(tr("Email")) + "##ce-email").c_str(), f.email, sizeof f.email);
  pick((std::string(tr("Company")) + "##ce-parent").c_str(), partner_choices(s, true), f.parent, "—", px(320));
  ImGui::InputTextMultiline((std::string(tr("Address")) + "##ce-address").c_str(), f.address, sizeof f.address,
                            ImVec2(px(320), ImGui::GetTextLineHeight() * 4));
  ImGui::SetNextItemWidth(px(320));
  ImGui::InputText((std::string(tr("Tax ID")) + "##ce-vat").c_str(), f.vat, sizeof f.vat);
  ImGui::SetNextItemWidth(px(120));
  ImGui::InputText((std::string(tr("Payment terms (days)")) + "##ce-days").c_str(), f.payment_days,
                   sizeof f.payment_days, ImGuiInputTextFlags_CharsDecimal);
  if (action_button(host, std::string(tr("Save")) + "##save-customer", "partner.update")) {
    UpdateOp u("partner.update", id_of(s, s.partners, f.rec));
    u.text("name", f.name, s.str(p.name))
        .text("email", f.email, s.str(p.email))
        .text("address", f.address, s.str(p.address))
        .text("vat", f.vat, s.str(p.vat))
        .text("payment_days", f.payment_days, std::to_string(p.payment_days));
    if (f.parent != p.parent)
      u.value("parent", f.parent == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.partners, f.parent)),
              nullptr);
    if (u.empty())
      show_notice(host, ui, tr("Nothing changed"));
    else if (run_op(host, ui, u.op(), "Customer saved"))
      load(host.state(), f, f.rec);
  }
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Close")) + "##close-customer").c_str())) f.rec = kNone;
}

void draw_company_profile(Host& host, UiState& ui) {
  const State& s = host.state();
  const Company& c = s.company;
  CompanyForm& f = ui.company;
  if (!f.dirty && f.loaded_version != s.applied) {
    std::snprintf(f.name, sizeof f.name, "%s", std::string(s.str(c.name)).c_str());
    std::snprintf(f.address, sizeof f.address, "%s", std::string(s.str(c.address)).c_str());
    std::snprintf(f.vat, sizeof f.vat, "%s", std::string(s.str(c.vat)).c_str());
    std::snprintf(f.bank_account, sizeof f.bank_account, "%s", std::string(s.str(c.bank_account)).c_str());
    std::snprintf(f.email, sizeof f.email, "%s", std::string(s.str(c.email)).c_str());
    f.loaded_version = s.applied;
  }
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(tr("Company"));
  ImGui::PopFont();
  ImGui::TextDisabled("%s", tr("Printed at the top of every invoice."));
  ImGui::SetNextItemWidth(px(320));
  f.dirty |= ImGui::InputText((std::string(tr("Company name")) + "##co-name").c_str(), f.name, sizeof f.name);
  f.dirty |= ImGui::InputTextMultiline((std::string(tr("Address")) + "##co-address").c_str(), f.address,
                                       sizeof f.address, ImVec2(px(320), ImGui::GetTextLineHeight() * 4));
  ImGui::SetNextItemWidth(px(320));
  f.dirty |= ImGui::InputText((std::string(tr("Tax ID")) + "##co-vat").c_str(), f.vat, sizeof f.vat);
  ImGui::SetNextItemWidth(px(320));
  f.dirty |=
      ImGui::InputText((std::string(tr("Bank account")) + "##co-bank").c_str(), f.bank_account, sizeof f.bank_account);
  ImGui::SetNextItemWidth(px(320));
  f.dirty |= ImGui::InputText((std::string(tr("Email")) + "##co-email").c_str(), f.email, sizeof f.email);
  if (action_button(host, std::string(tr("Save")) + "##save-company", "company.update")) {
    UpdateOp u("company.update", "");
    u.text("name", f.name, s.str(c.name))
        .text("address", f.address, s.str(c.address))
        .text("vat", f.vat, s.str(c.vat))
        .text("bank_account", f.bank_account, s.str(c.bank_account))
        .text("email", f.email, s.str(c.email));
    if (u.empty())
      show_notice(host, ui, tr("Nothing changed"));
    else if (run_op(host, ui, u.op(), "Company saved"))
      f.dirty = false;
  }
}

}  // namespace deskbill::ui
