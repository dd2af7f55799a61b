// Configuration: helpdesk teams (Timesheets / Time Billing), products and their invoicing policy,
// customers and contacts, employees, units of measure, taxes. Each tab lists and creates.
#include <cstring>

#include "core/names.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

void clear(ConfigForms& f) {
  int tab = f.tab;
  f = ConfigForms{};
  f.tab = tab;
}

void teams_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ConfigForms& f = ui.config;
  for (uint32_t t = 0; t < s.teams.size(); ++t) {
    const Team& team = s.teams.rows[t];
    ImGui::PushID(static_cast<int>(t));
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(std::string(s.str(team.name)).c_str());
    ImGui::PopFont();
    bool ts = team.use_timesheets, billing = team.use_billing;
    std::string id = id_of(s, s.teams, t);
    if (ImGui::Checkbox(tr("Timesheets"), &ts))
      run_op(host, ui, {{"kind", "team.update"}, {"id", id}, {"use_timesheets", ts}});
    ImGui::SameLine();
    if (ImGui::Checkbox(tr("Time Billing"), &billing))
      run_op(host, ui, {{"kind", "team.update"}, {"id", id}, {"use_billing", billing}});
    // The project its tickets' time goes to: made with Time Billing, or any project chosen here.
    ImGui::SameLine();
    uint32_t project = team.project;
    std::string create;  // seed 002: a project created inline, named as typed
    if (pick_or_create((std::string(tr("Project")) + "##team-project").c_str(), project_choices(s), project, "—",
                       px(220), host.may_send("project.create") ? &create : nullptr))
      run_op(host, ui,
             {{"kind", "team.update"},
              {"id", id},
              {"project", project == kNone ? nlohmann::json(nullptr) : nlohmann::json(id_of(s, s.projects, project))}});
    if (!create.empty()) {
      std::string pid = host.new_id();
      std::string name = create == " " ? std::string(s.str(team.name)) : create;
      if (run_op(host, ui,
                 {{"kind", "project.create"},
                  {"id", pid},
                  {"name", name},
                  {"allow_timesheets", true},
                  {"allow_billable", team.use_billing}}) &&
          run_op(host, ui, {{"kind", "team.update"}, {"id", id}, {"project", pid}}, "Project created")) {
        // "and edit": the new project's form, in Configuration → Projects.
        open_project(host.state(), ui, host.state().projects.find(host.state().text, pid));
        navigate(ui, Screen::Config, "projects");
      }
    }
    ImGui::PopID();
  }
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("New team"));
  text_field("##team-name", f.name, sizeof f.name, tr("Name"), px(260), true);
  row_checkbox("Timesheets", "", &f.flag);
  row_checkbox("Time Billing", "##new", &f.flag2);
  bool create = row_action(host, "Create", "##create-team", "team.create");
  if (create && run_op(host, ui,
                       {{"kind", "team.create"},
                        {"id", host.new_id()},
                        {"name", f.name},
                        {"use_timesheets", f.flag || f.flag2},
                        {"use_billing", f.flag2}},
                       "Team created"))
    clear(f);
}

void products_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ConfigForms& f = ui.config;
  static const char* policies[] = {"Prepaid/Fixed Price", "Based on Timesheets", "Manual"};
  if (s.products.size() == 0)
    empty_hint(
        tr("No products yet. A service product sets how time is billed: prepaid (ordered hours) or based "
           "on timesheets (hours delivered). Add one below."));
  if (ImGui::BeginTable("##products", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
    for (const char* h : {"Name", "Policy", "Unit", "Price", "Cost", "Taxes"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    for (uint32_t p = 0; p < s.products.size(); ++p) {
      const Product& r = s.products.rows[p];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      // A click opens the product's form below.
      if (cell_selectable((std::string(s.str(r.name)) + "##product-" + id_of(s, s.products, p)).c_str(),
                          ui.product.rec == p, ImGuiSelectableFlags_SpanAllColumns))
        open_product(s, ui, p);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(tr(policies[static_cast<int>(r.policy)]));
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(std::string(s.str(s.uoms.rows[r.uom].name)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money_text(r.price).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money_text(r.cost).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(taxes_text(s, r.taxes).c_str());
    }
    ImGui::EndTable();
  }
  draw_product_editor(host, ui);
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("New product"));
  text_field("##p-name", f.name, sizeof f.name, tr("Name"), px(220), true);
  ImGui::SetNextItemWidth(begin_field(tr("Invoicing policy"), px(190)));
  const char* labels[] = {tr(policies[0]), tr(policies[1]), tr(policies[2])};
  label_next_combo("##p-policy");
  ImGui::Combo("##p-policy", &f.policy, labels, 3);
  end_field();
  if (f.uom == kNone) f.uom = s.hours;
  pick("##p-uom", uom_choices(s), f.uom, nullptr, begin_field(tr("Unit"), px(110)));
  end_field();
  text_field("##p-price", f.price, sizeof f.price, tr("Price"), px(90));
  text_field("##p-cost", f.cost, sizeof f.cost, tr("Cost"), px(90));
  pick_taxes("##p-taxes", s, f.taxes, begin_field(tr("Taxes"), px(160)));
  end_field();
  bool create = row_action(host, "Create", "##create-product", "product.create");
  if (create) {
    static const char* keys[] = {"prepaid", "timesheet", "manual"};
    nlohmann::json op = {{"kind", "product.create"},
                         {"id", host.new_id()},
                         {"name", f.name},
                         {"policy", keys[f.policy]},
                         {"uom", id_of(s, s.uoms, f.uom)},
                         {"price", f.price[0] ? f.price : "0"}};
    if (f.cost[0]) op["cost"] = f.cost;
    op["taxes"] = taxes_json(s, f.taxes);
    if (run_op(host, ui, op, "Product created")) clear(f);
  }
}

void customers_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ConfigForms& f = ui.config;
  if (s.partners.size() == 0)
    empty_hint(tr("No customers yet. Add a company below, then its contacts with the company chosen."));
  if (ImGui::BeginTable("##partners", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY,
                        ImVec2(0, px(300)))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"Name", "Company", "Email"}) ImGui::TableSetupColumn(tr(h));
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(s.partners.size()));
    while (clip.Step())
      for (int p = clip.DisplayStart; p < clip.DisplayEnd; ++p) {
        const Partner& r = s.partners.rows[p];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        // A click opens the customer's form below (address, tax id, payment terms).
        if (cell_selectable((std::string(s.str(r.name)) + "##customer-" + id_of(s, s.partners, p)).c_str(),
                            ui.customer.rec == static_cast<uint32_t>(p), ImGuiSelectableFlags_SpanAllColumns))
          open_customer(s, ui, p);
        ImGui::TableNextColumn();
        cell_text(r.parent == kNone ? "" : std::string(s.str(s.partners.rows[r.parent].name)));
        ImGui::TableNextColumn();
        cell_text(std::string(s.str(r.email)));
      }
    ImGui::EndTable();
  }
  draw_customer_editor(host, ui);
  ImGui::Separator();
  ImGui::TextDisabled("%s", tr("New customer"));
  text_field("##c-name", f.name, sizeof f.name, tr("Name"), px(220), true);
  text_field("##c-email", f.extra, sizeof f.extra, tr("Email"), px(220));
  pick("##c-parent", partner_choices(s, true), f.parent, tr("None (a company)"), begin_field(tr("Company"), px(200)));
  end_field();
  bool create = row_action(host, "Create", "##create-customer", "partner.create");
  if (create) {
    nlohmann::json op = {{"kind", "partner.create"}, {"id", host.new_id()}, {"name", f.name}, {"email", f.extra}};
    if (f.parent != kNone) op["parent"] = id_of(s, s.partners, f.parent);
    if (run_op(host, ui, op, "Customer created")) clear(f);
  }
}

void employees_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ConfigForms& f = ui.config;
  for (uint32_t e = 0; e < s.employees.size(); ++e) {
    const Employee& r = s.employees.rows[e];
    ImGui::PushID(static_cast<int>(e));
    bool active = r.active;
    if (ImGui::Checkbox("##active", &active))
      run_op(host, ui, {{"kind", "employee.update"}, {"id", id_of(s, s.employees, e)}, {"active", active}});
    ImGui::SameLine();
    ImGui::Text("%s  (%s / h)", std::string(s.str(r.name)).c_str(), money_text(r.hourly_cost).c_str());
    ImGui::PopID();
  }
  ImGui::TextDisabled("%s", tr("New employee"));
  text_field("##e-name", f.name, sizeof f.name, tr("Name"), px(220), true);
  text_field("##e-cost", f.cost, sizeof f.cost, tr("Hourly cost"), px(100));
  bool create = row_action(host, "Create", "##create-employee", "employee.create");
  if (create && run_op(host, ui,
                       {{"kind", "employee.create"},
                        {"id", host.new_id()},
                        {"name", f.name},
                        {"hourly_cost", f.cost[0] ? f.cost : "0"}},
                       "Employee created"))
    clear(f);
}

void units_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ConfigForms& f = ui.config;
  for (uint32_t u = 0; u < s.uoms.size(); ++u) {
    const Uom& r = s.uoms.rows[u];
    ImGui::BulletText(
        "%s  (%s, %s %s)", std::string(s.str(r.name)).c_str(),
        r.category == UomCategory::Time ? tr("time") : tr("unit"),
        format_decimal(round_div(static_cast<__int128>(r.factor_num) * 1000000, r.factor_den, Rounding::HalfUp), 6, 4)
            .c_str(),
        r.category == UomCategory::Time ? tr("per day") : tr("per unit"));
  }
  ImGui::TextDisabled("%s", tr("New unit of time"));
  text_field("##u-name", f.name, sizeof f.name, tr("Name"), px(200), true);
  text_field("##u-factor", f.factor, sizeof f.factor, tr("Per day"), px(100));
  bool create = row_action(host, "Create", "##create-uom", "uom.create");
  if (create &&
      run_op(
          host, ui,
          {{"kind", "uom.create"}, {"id", host.new_id()}, {"name", f.name}, {"category", "time"}, {"factor", f.factor}},
          "Unit created"))
    clear(f);
}

void taxes_tab(Host& host, UiState& ui) {
  const State& s = host.state();
  ConfigForms& f = ui.config;
  for (uint32_t t = 0; t < s.taxes.size(); ++t)
    ImGui::BulletText("%s  %s %%%s", std::string(s.str(s.taxes.rows[t].name)).c_str(),
                      format_decimal(s.taxes.rows[t].rate_e4, 4, 2).c_str(),
                      s.taxes.rows[t].price_include ? (std::string(" (") + tr("Included in price") + ")").c_str() : "");
  ImGui::TextDisabled("%s", tr("New tax"));
  text_field("##t-name", f.name, sizeof f.name, tr("Name"), px(200), true);
  text_field("##t-rate", f.rate, sizeof f.rate, tr("Rate %"), px(80));
  row_checkbox("Included in price", "", &f.flag);
  bool create = row_action(host, "Create", "##create-tax", "tax.create");
  if (create && run_op(host, ui,
                       {{"kind", "tax.create"},
                        {"id", host.new_id()},
                        {"name", f.name},
                        {"rate", f.rate},
                        {"price_include", f.flag}},
                       "Tax created"))
    clear(f);
}

}  // namespace

const std::vector<ConfigTab>& config_tabs() {
  static const std::vector<ConfigTab> tabs = {
      {"Teams", "teams"}, {"Products", "products"}, {"Customers", "customers"}, {"Employees", "employees"},
      {"Units", "units"}, {"Taxes", "taxes"},       {"Projects", "projects"}};
  return tabs;
}

void draw_config(Host& host, UiState& ui) {
  title(tr("Configuration"));
  const std::vector<ConfigTab>& tabs = config_tabs();
  if (ImGui::BeginTabBar("##config")) {
    for (int t = 0; t < static_cast<int>(tabs.size()); ++t) {
      const char* key = tabs[t].key;
      ImGuiTabItemFlags flags = ui.route.id == key && ui.config.tab != t ? ImGuiTabItemFlags_SetSelected : 0;
      if (ImGui::BeginTabItem(tr(tabs[t].label), nullptr, flags)) {
        if (ui.config.tab != t) {
          ui.config.tab = t;
          clear(ui.config);
          ui.route.id = key;
        }
        switch (t) {
          case 0:
            teams_tab(host, ui);
            break;
          case 1:
            products_tab(host, ui);
            break;
          case 2:
            customers_tab(host, ui);
            break;
          case 3:
            employees_tab(host, ui);
            break;
          case 4:
            units_tab(host, ui);
            break;
          case 5:
            taxes_tab(host, ui);
            break;
          case 6:
            projects_tab(host, ui);
            break;
        }
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
}

}  // namespace deskbill::ui
