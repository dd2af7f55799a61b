// Searchable record pickers (with Odoo's "Create and edit…") and the choice lists they show,
// built once per state version.

#include "core/names.h"
#include "core/sale_line_defaults.h"
#include "core/search.h"
#include "core/timesheet_queries.h"
#include "imgui_internal.h"
#include "ui/i18n.h"
#include "ui/list_memo.h"
#include "ui/widgets.h"

namespace deskbill::ui {

void label_next_combo(const char* label) {
#ifdef IMGUI_ENABLE_TEST_ENGINE
  ImGuiContext& g = *GImGui;
  IMGUI_TEST_ENGINE_ITEM_INFO(ImGui::GetID(label), label, 0);
#else
  (void)label;
#endif
}

bool pick(const char* label, const std::vector<Choice>& items, uint32_t& selected, const char* none_label,
          float width) {
  return pick_or_create(label, items, selected, none_label, width, nullptr);
}

bool pick_or_create(const char* label, const std::vector<Choice>& items, uint32_t& selected, const char* none_label,
                    float width, std::string* create) {
  std::string preview = none_label ? none_label : "";
  for (const Choice& c : items)
    if (c.rec == selected) preview = c.label;
  bool changed = false;
  ImGui::SetNextItemWidth(width > 0 ? width : px(280));
  label_next_combo(label);
  if (ImGui::BeginCombo(label, preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    static char filter[96] = "";
    if (ImGui::IsWindowAppearing()) {
      filter[0] = 0;
      ImGui::SetKeyboardFocusHere();
    }
    ImGui::SetNextItemWidth(-1);
    // Enter takes the first match: a picker is usable without the mouse.
    bool enter = ImGui::InputTextWithHint("##filter", tr("Search…"), filter, sizeof filter,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    // One Esc closes the picker (the first used to only leave the search field).
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::CloseCurrentPopup();
    // Case and accents aside, as Ctrl+K searches (core/search.h): "tanase" finds "Dan Tănase".
    std::string f = search_folded(filter);
    if (enter) {
      for (const Choice& c : items) {
        if (!holds_folded(c.label, f)) continue;
        selected = c.rec;
        changed = true;
        ImGui::CloseCurrentPopup();
        break;
      }
    }
    if (none_label && ImGui::Selectable(none_label, selected == kNone)) {
      selected = kNone;
      changed = true;
    }
    int shown = 0;
    for (const Choice& c : items) {
      if (!holds_folded(c.label, f)) continue;
      if (++shown > 200) {
        ImGui::TextDisabled("…");
        break;
      }
      ImGui::PushID(static_cast<int>(c.rec));
      if (ImGui::Selectable(c.label.c_str(), c.rec == selected)) {
        selected = c.rec;
        changed = true;
      }
      ImGui::PopID();
    }
    // Odoo's "Create and edit…": what was typed becomes the new record's name in its form.
    if (create &&
        ImGui::Selectable(filter[0] ? (std::string(tr("Create and edit")) + " \"" + filter + "\"…##create-edit").c_str()
                                    : (std::string(tr("Create and edit…")) + "##create-edit").c_str())) {
      *create = filter[0] ? filter : " ";
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndCombo();
  }
  return changed;
}

namespace {
// Choice lists are built once per state version, not every frame (at 1M timesheets a frame has
// about 4 ms; a customer list of thousands of names is rebuilt only when something changed).
ListMemo<std::vector<Choice>>& choice_memo() {
  static ListMemo<std::vector<Choice>> memo;
  return memo;
}

template <class F>
const std::vector<Choice>& memo_choices(const State& s, int kind, uint64_t arg, F build) {
  return choice_memo().get(&s, s.applied, {kind, arg}, build);
}
}  // namespace

void forget_unshown_choices() { choice_memo().forget_unasked(); }

const std::vector<Choice>& partner_choices(const State& s, bool companies_only) {
  return memo_choices(s, 0, static_cast<uint32_t>(companies_only), [&] {
    std::vector<Choice> out;
    for (uint32_t p = 0; p < s.partners.size(); ++p) {
      const Partner& r = s.partners.rows[p];
      if (companies_only && r.parent != kNone) continue;
      out.push_back({p, partner_display(s, p)});
    }
    return out;
  });
}

void line_fields(const State& s, const char* p, char* date, size_t date_size, uint32_t& employee, char* desc,
                 size_t desc_size) {
  const std::string id = std::string("##") + p;
  text_field((id + "-date").c_str(), date, date_size, tr("Date"), px(110), true);
  pick((id + "-employee").c_str(), employee_choices(s), employee, tr("Choose an employee"),
       begin_field(tr("Employee"), px(170)));
  end_field();
  text_field((id + "-desc").c_str(), desc, desc_size, tr("Description"), px(260));
}

const std::vector<Choice>& employee_choices(const State& s) {
  return memo_choices(s, 1, static_cast<uint32_t>(0), [&] {
    std::vector<Choice> out;
    for (uint32_t e = 0; e < s.employees.size(); ++e)
      if (s.employees.rows[e].active) out.push_back({e, std::string(s.str(s.employees.rows[e].name))});
    return out;
  });
}

const std::vector<Choice>& product_choices(const State& s) {
  return memo_choices(s, 2, static_cast<uint32_t>(0), [&] {
    std::vector<Choice> out;
    for (uint32_t p = 0; p < s.products.size(); ++p)
      if (s.products.rows[p].active) out.push_back({p, std::string(s.str(s.products.rows[p].name))});
    return out;
  });
}

const std::vector<Choice>& team_choices(const State& s) {
  return memo_choices(s, 3, static_cast<uint32_t>(0), [&] {
    std::vector<Choice> out;
    for (uint32_t t = 0; t < s.teams.size(); ++t) out.push_back({t, std::string(s.str(s.teams.rows[t].name))});
    return out;
  });
}

const std::vector<Choice>& uom_choices(const State& s) {
  return memo_choices(s, 4, static_cast<uint32_t>(0), [&] {
    std::vector<Choice> out;
    for (uint32_t u = 0; u < s.uoms.size(); ++u) out.push_back({u, std::string(s.str(s.uoms.rows[u].name))});
    return out;
  });
}

const std::vector<Choice>& project_choices(const State& s) {
  return memo_choices(s, 5, static_cast<uint32_t>(0), [&] {
    std::vector<Choice> out;
    for (uint32_t p = 0; p < s.projects.size(); ++p) out.push_back({p, std::string(s.str(s.projects.rows[p].name))});
    return out;
  });
}

const std::vector<Choice>& sale_line_choices(const State& s, uint32_t partner, uint32_t current) {
  return memo_choices(s, 6, static_cast<uint64_t>(partner) << 32 | current, [&] {
    std::vector<Choice> out;
    SaleLineOffer offer = sale_lines_offered(s, partner, current);
    for (uint32_t l : offer.lines) {
      std::string label = line_display_name(s, l);
      if (remaining_hours_available(s, l)) label += " (" + hours_hhmm(remaining_hours(s, l)) + ")";
      out.push_back({l, label});
    }
    if (offer.current_not_eligible) out.back().label += std::string(" — ") + tr("chosen before, not offered now");
    return out;
  });
}

const std::vector<Choice>& task_choices(const State& s, uint32_t partner) {
  return memo_choices(s, 7, static_cast<uint32_t>(partner), [&] {
    std::vector<Choice> out;
    uint32_t cp = commercial_partner(s, partner);
    for (uint32_t t = 0; t < s.tasks.size(); ++t) {
      const Task& task = s.tasks.rows[t];
      if (partner != kNone && task.partner != kNone && commercial_partner(s, task.partner) != cp) continue;
      out.push_back({t, std::string(s.str(task.name))});
    }
    return out;
  });
}
const std::vector<Choice>& log_subject_choices(const State& s) {
  return memo_choices(s, 8, static_cast<uint32_t>(0), [&] {
    std::vector<Choice> out;
    std::vector<LogSubject> subjects = subjects_to_log_on(s);
    for (uint32_t i = 0; i < subjects.size(); ++i) {
      const LogSubject& at = subjects[i];
      std::string label;
      if (at.ticket != kNone) {
        std::string who = partner_display(s, s.tickets.rows[at.ticket].partner);
        label = ticket_display_name(s, at.ticket) + (who.empty() ? "" : " — " + who);
      } else if (at.task != kNone) {
        label = std::string(tr("Task")) + ": " + task_display_name(s, at.task);
      } else {
        label = std::string(tr("Project")) + ": " + std::string(s.str(s.projects.rows[at.project].name));
      }
      out.push_back({i, std::move(label)});
    }
    return out;
  });
}
}  // namespace deskbill::ui
