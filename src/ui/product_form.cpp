// Configuration → Products: every field of a product, editable after it was created (seed 003's
// "Create and edit"): name, invoicing policy, unit, price, cost, taxes, upsell threshold and the
// project a confirmed order creates its task in.
#include <cstdio>
#include <optional>

#include "core/numeric.h"
#include "core/update_op.h"
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

namespace {
const char* kPolicyKeys[] = {"prepaid", "timesheet", "manual"};
const char* kPolicies[] = {"Prepaid/Fixed Price", "Based on Timesheets", "Manual"};

void load(const State& s, ProductForm& f, uint32_t rec) {
  const Product& p = s.products.rows[rec];
  f = ProductForm{};
  f.rec = rec;
  std::snprintf(f.name, sizeof f.name, "%s", std::string(s.str(p.name)).c_str());
  std::snprintf(f.price, sizeof f.price, "%s", format_money(p.price).c_str());
  std::snprintf(f.cost, sizeof f.cost, "%s", format_money(p.cost).c_str());
  // The threshold is a fraction (1.0 = 100 %); people type a percentage.
  std::snprintf(f.upsell, sizeof f.upsell, "%s", format_decimal(p.upsell_threshold * 100, 6, 0).c_str());
  f.policy = static_cast<int>(p.policy);
  f.uom = p.uom;
  f.project = p.project;
  f.taxes = p.taxes;
  f.creates_task = p.creates_task;
  f.active = p.active;
}

// The fields that differ from the product as it is: an update names only what changed
// (core/update_op.h, as the customer and company forms).
std::optional<UpdateOp> changes(const State& s, const ProductForm& f, std::string& error) {
  const Product& p = s.products.rows[f.rec];
  auto pct = parse_decimal_rounded(f.upsell, 6);
  if (!pct) {
    error = tr("The upsell threshold must be a percentage, e.g. 100.");
    return std::nullopt;
  }
  auto ref = [&](const auto& table, uint32_t rec) {
    return rec == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, table, rec));
  };
  UpdateOp u("product.update", id_of(s, s.products, f.rec));
  u.text("name", f.name, s.str(p.name))
      .value("policy", kPolicyKeys[f.policy], kPolicyKeys[static_cast<int>(p.policy)])
      .value("uom", ref(s.uoms, f.uom), ref(s.uoms, p.uom))
      .text("price", f.price, format_money(p.price))
      .text("cost", f.cost, format_money(p.cost))
      .value("taxes", taxes_json(s, f.taxes), taxes_json(s, p.taxes))
      .value("upsell_threshold", format_qty(*pct / 100, 6), format_qty(p.upsell_threshold, 6))
      .value("creates_task", f.creates_task, p.creates_task)
      .value("project", ref(s.projects, f.project), ref(s.projects, p.project))
      .value("active", f.active, p.active);
  return u;
}
// The fields a product has when it is created and when it is edited; `id` keeps each form's
// widgets apart ("##pe-price" in Configuration, "##np-price" in the dialog).
template <class Form>
void product_fields(const State& s, Form& f, const std::string& id) {
  ImGui::SetNextItemWidth(px(300));
  ImGui::InputText((std::string(tr("Name")) + id + "-name").c_str(), f.name, sizeof f.name);
  const char* labels[] = {tr(kPolicies[0]), tr(kPolicies[1]), tr(kPolicies[2])};
  ImGui::SetNextItemWidth(px(300));
  label_next_combo((id + "-policy").c_str());
  ImGui::Combo((std::string(tr("Invoicing policy")) + id + "-policy").c_str(), &f.policy, labels, 3);
  pick((std::string(tr("Unit")) + id + "-uom").c_str(), uom_choices(s), f.uom, nullptr, px(300));
  ImGui::SetNextItemWidth(px(140));
  ImGui::InputText((std::string(tr("Sales Price")) + id + "-price").c_str(), f.price, sizeof f.price);
  ImGui::SetNextItemWidth(px(140));
  ImGui::InputText((std::string(tr("Cost")) + id + "-cost").c_str(), f.cost, sizeof f.cost);
  pick_taxes((std::string(tr("Taxes")) + id + "-taxes").c_str(), s, f.taxes, px(300));
}
}  // namespace

void draw_product_editor(Host& host, UiState& ui) {
  const State& s = host.state();
  ProductForm& f = ui.product;
  if (f.rec == kNone || f.rec >= s.products.size()) return;
  ImGui::Separator();
  ImGui::PushFont(bold_font());
  ImGui::Text("%s: %s", tr("Product"), std::string(s.str(s.products.rows[f.rec].name)).c_str());
  ImGui::PopFont();
  product_fields(s, f, "##pe");
  ImGui::SetNextItemWidth(px(140));
  ImGui::InputText((std::string(tr("Upsell threshold %")) + "##pe-upsell").c_str(), f.upsell, sizeof f.upsell);
  ImGui::Checkbox((std::string(tr("Creates a task on order confirmation")) + "##pe-task").c_str(), &f.creates_task);
  if (f.creates_task)
    pick((std::string(tr("Project")) + "##pe-project").c_str(), project_choices(s), f.project, "—", px(300));
  ImGui::Checkbox((std::string(tr("Active")) + "##pe-active").c_str(), &f.active);
  if (action_button(host, std::string(tr("Save")) + "##save-product", "product.update")) {
    std::string error;
    std::optional<UpdateOp> u = changes(s, f, error);
    if (!u) {
      ui.error = error;
      host.announce(error);
    } else if (u->empty()) {
      show_notice(host, ui, tr("Nothing changed"));
    } else if (run_op(host, ui, u->op(), "Product saved")) {
      load(host.state(), f, f.rec);
    }
  }
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Close")) + "##close-product").c_str())) f.rec = kNone;
}

void open_product(const State& s, UiState& ui, uint32_t rec) { load(s, ui.product, rec); }

void start_new_product(NewProductForm& f, const std::string& typed) {
  f = NewProductForm{};
  f.open = true;
  std::snprintf(f.name, sizeof f.name, "%s", typed == " " ? "" : typed.c_str());
}

uint32_t draw_new_product_dialog(Host& host, UiState& ui, NewProductForm& f) {
  const State& s = host.state();
  const std::string popup = std::string(tr("Create a product")) + "###new-product";
  if (f.open && !ImGui::IsPopupOpen(popup.c_str())) ImGui::OpenPopup(popup.c_str());
  if (!ImGui::BeginPopupModal(popup.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return kNone;
  if (f.uom == kNone) f.uom = s.hours;
  product_fields(s, f, "##np");
  uint32_t created = kNone;
  if (button_through_popups(std::string(tr("Save")) + "##np-save")) {
    std::string id = host.new_id();
    nlohmann::json op = {{"kind", "product.create"},
                         {"id", id},
                         {"name", f.name},
                         {"policy", kPolicyKeys[f.policy]},
                         {"uom", id_of(s, s.uoms, f.uom)},
                         {"price", f.price[0] ? f.price : "0"},
                         {"taxes", taxes_json(s, f.taxes)}};
    if (f.cost[0]) op["cost"] = f.cost;
    if (run_op(host, ui, op, "Product created")) {
      created = host.state().products.find(host.state().text, id);
      f = NewProductForm{};
      ImGui::CloseCurrentPopup();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button((std::string(tr("Discard")) + "##np-discard").c_str()) ||
      (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !ImGui::IsAnyItemActive())) {
    f = NewProductForm{};
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return created;
}

}  // namespace deskbill::ui
