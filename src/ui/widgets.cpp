#include "ui/widgets.h"

#include <cstdio>
#include <cstring>
#include <map>

#include "core/csv.h"
#include "core/inverse.h"
#include "core/names.h"
#include "core/sale_line_defaults.h"
#include "imgui_internal.h"
#include "ui/i18n.h"

namespace deskbill::ui {
namespace {
float g_scale = 1.f;
}

void label_next_combo(const char* label) {
#ifdef IMGUI_ENABLE_TEST_ENGINE
  ImGuiContext& g = *GImGui;
  IMGUI_TEST_ENGINE_ITEM_INFO(ImGui::GetID(label), label, 0);
#else
  (void)label;
#endif
}

void set_ui_scale(float font_px) { g_scale = font_px / 16.f; }
float px(float n) { return n * g_scale; }

ImFont* bold_font() {
  ImGuiIO& io = ImGui::GetIO();
  return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : io.Fonts->Fonts[0];
}
ImFont* title_font() {
  ImGuiIO& io = ImGui::GetIO();
  return io.Fonts->Fonts.Size > 2 ? io.Fonts->Fonts[2] : bold_font();
}

void apply_theme() {
  ImGuiStyle& st = ImGui::GetStyle();
  ImGui::StyleColorsLight(&st);
  st.WindowPadding = ImVec2(px(14), px(12));
  st.FramePadding = ImVec2(px(8), px(5));
  st.ItemSpacing = ImVec2(px(10), px(7));
  st.CellPadding = ImVec2(px(8), px(4));
  st.FrameRounding = px(4);
  st.WindowRounding = 0;
  st.ChildRounding = px(6);
  st.PopupRounding = px(4);
  st.GrabRounding = px(4);
  st.TabRounding = px(4);
  st.ScrollbarSize = px(14);
  st.WindowBorderSize = 0;
  st.FrameBorderSize = 1;
  ImVec4* c = st.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.82f, 0.82f, 0.86f, 1);
  c[ImGuiCol_Button] = ImVec4(0.91f, 0.87f, 0.90f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.85f, 0.79f, 0.84f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.78f, 0.70f, 0.76f, 1);
  c[ImGuiCol_Text] = ImVec4(0.13f, 0.13f, 0.16f, 1);
  c[ImGuiCol_Header] = ImVec4(0.90f, 0.86f, 0.89f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.93f, 0.89f, 0.92f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0.86f, 0.80f, 0.85f, 1);
  c[ImGuiCol_Tab] = ImVec4(0.92f, 0.90f, 0.92f, 1);
  c[ImGuiCol_TabActive] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_TabHovered] = ImVec4(0.96f, 0.94f, 0.96f, 1);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.93f, 0.95f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0.44f, 0.29f, 0.40f, 1);
  c[ImGuiCol_NavHighlight] = ImVec4(0.15f, 0.45f, 0.85f, 1);
}

void text_colored(ImU32 color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void title(const char* text) {
  ImGui::PushFont(title_font());
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

void badge(const char* text, ImU32 color) {
  ImVec2 size = ImGui::CalcTextSize(text);
  ImVec2 p = ImGui::GetCursorScreenPos();
  ImVec2 pad(px(6), px(1));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImU32 bg = (color & 0x00FFFFFF) | 0x26000000;
  dl->AddRectFilled(p, ImVec2(p.x + size.x + pad.x * 2, p.y + size.y + pad.y * 2), bg, px(8));
  ImGui::SetCursorScreenPos(ImVec2(p.x + pad.x, p.y + pad.y));
  text_colored(color, text);
}

const char* status_text(InvoiceStatus st) {
  switch (st) {
    case InvoiceStatus::No:
      return tr("Nothing to invoice");
    case InvoiceStatus::ToInvoice:
      return tr("To invoice");
    case InvoiceStatus::Invoiced:
      return tr("Fully invoiced");
    case InvoiceStatus::Upselling:
      return tr("Upselling");
  }
  return "";
}

const char* payment_text(PaymentState p) {
  switch (p) {
    case PaymentState::NotPaid:
      return tr("Not paid");
    case PaymentState::Partial:
      return tr("Partially paid");
    case PaymentState::Paid:
      return tr("Paid");
    case PaymentState::Reversed:
      return tr("Reversed");
  }
  return "";
}

void status_badge(InvoiceStatus st) {
  ImU32 c = st == InvoiceStatus::ToInvoice   ? colors::kAmber
            : st == InvoiceStatus::Invoiced  ? colors::kGreen
            : st == InvoiceStatus::Upselling ? colors::kBlue
                                             : colors::kGrey;
  badge(status_text(st), c);
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
    std::string f = filter;
    for (auto& ch : f) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (enter) {
      for (const Choice& c : items) {
        std::string l = c.label;
        for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (l.find(f) == std::string::npos) continue;
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
      if (!f.empty()) {
        std::string l = c.label;
        for (auto& ch : l) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        if (l.find(f) == std::string::npos) continue;
      }
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

std::string hours_hhmm(Qty hours) {
  bool neg = hours < 0;
  int64_t minutes = round_div(neg ? -hours : hours, kQtyOne / 60, Rounding::HalfUp);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%02lld:%02lld", neg ? "-" : "", static_cast<long long>(minutes / 60),
                static_cast<long long>(minutes % 60));
  return buf;
}

std::string money_text(Money m) { return format_money_grouped(m); }

std::string qty_text(Qty q) { return format_qty(q, 2); }

bool parse_hours(const char* text, Qty& out) {
  std::string t = text;
  size_t colon = t.find(':');
  if (colon != std::string::npos) {
    auto h = parse_decimal(t.substr(0, colon), 0);
    auto m = parse_decimal(t.substr(colon + 1), 0);
    if (!h || !m || *m < 0 || *m >= 60) return false;
    out = (*h < 0 ? -1 : 1) *
          ((*h < 0 ? -*h : *h) * kQtyOne + round_div(static_cast<__int128>(*m) * kQtyOne, 60, Rounding::HalfUp));
    return true;
  }
  auto v = parse_decimal(t, 6);
  if (!v) return false;
  out = *v;
  return true;
}

void show_notice(Host& host, UiState& ui, const std::string& text) {
  ui.notice = text;
  ui.notice_until = host.now_ms() + 3000;
  host.announce(text);
}

bool run_op(Host& host, UiState& ui, const nlohmann::json& op, const char* success) {
  // What the user's role may not send is not made at all (the server would refuse it).
  if (std::string kind = op.value("kind", ""); !host.may_send(kind)) {
    ui.error = role_refusal(host, kind);
    ui.error_code = "role";
    host.announce(ui.error);
    return false;
  }
  // The inverse is taken from the state before the op (core/inverse.h); a deleted line comes
  // back under a new id.
  std::string fresh = op.value("kind", "") == "timesheet.delete" ? host.new_id() : "";
  std::optional<nlohmann::json> inverse = inverse_op(host.state(), op, fresh);
  ApplyResult r = host.emit(op);
  if (r) {
    ui.error = tr_error(r->code, r->message);
    ui.error_code = r->code;
    host.announce(ui.error);
    return false;
  }
  if (inverse) {
    ui.undo.push_back(UndoEntry{std::move(*inverse), success ? tr(success) : tr("Change")});
    if (ui.undo.size() > 50) ui.undo.erase(ui.undo.begin());
  }
  if (success)
    show_notice(host, ui,
                inverse ? std::string(tr(success)) + "  ·  " + tr("Ctrl+Z undoes it") : std::string(tr(success)));
  return true;
}

std::string role_refusal(const Host& host, const std::string& kind) {
  return std::string(tr("Your role does not allow this")) + " (" + host.sync_status().role + ": " + kind + ").";
}

bool button_through_popups(const std::string& label) {
  if (ImGui::Button(label.c_str())) return true;
  // ImGui lets no item be hovered while a popup is open, so the click only closes the picker.
  // Take it when it lands on this button in this window (not on the popup over it).
  ImGuiContext& g = *ImGui::GetCurrentContext();
  if (!ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId) || !ImGui::IsMouseClicked(ImGuiMouseButton_Left))
    return false;
  if (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) return false;
  if (!ImGui::IsMouseHoveringRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())) return false;
  return g.HoveredWindow && g.HoveredWindow->RootWindow == ImGui::GetCurrentWindow()->RootWindow;
}

bool action_button(Host& host, const std::string& label, const char* kind) {
  bool allowed = host.may_send(kind);
  ImGui::BeginDisabled(!allowed);
  bool pressed = button_through_popups(label);
  ImGui::EndDisabled();
  if (!allowed && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", role_refusal(host, kind).c_str());
  return pressed && allowed;
}

void same_line_if_fits(float width) {
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right) ImGui::SameLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

void wake_at(UiState& ui, double ms) {
  if (ui.wake_at == 0 || ms < ui.wake_at) ui.wake_at = ms;
}

void undo_last(Host& host, UiState& ui) {
  if (ui.undo.empty()) return;
  UndoEntry e = std::move(ui.undo.back());
  ui.undo.pop_back();
  // The undo is an op like any other: it may be refused (the line was invoiced meanwhile).
  if (ApplyResult r = host.emit(e.inverse)) {
    ui.error = tr_error(r->code, r->message);
    ui.error_code = r->code;
    host.announce(ui.error);
    return;
  }
  show_notice(host, ui, std::string(tr("Undone")) + ": " + e.label);
}

void draw_error_modal(UiState& ui) {
  if (!ui.error.empty() && !ImGui::IsPopupOpen("##error")) ImGui::OpenPopup("##error");
  ImGui::SetNextWindowSize(ImVec2(px(520), 0));
  if (ImGui::BeginPopupModal("##error", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::PushFont(bold_font());
    text_colored(colors::kRed, ui.error_code == "read_only" ? tr("Settings") : "User Error");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(px(500));
    ImGui::TextUnformatted(ui.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (ImGui::Button(tr("Close")) || ImGui::IsKeyPressed(ImGuiKey_Escape) || ImGui::IsKeyPressed(ImGuiKey_Enter)) {
      ui.error.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

void empty_hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

void navigate(UiState& ui, Screen s, const std::string& id) {
  ui.route = Route{s, id};
  ui.route_from_url = false;
}

namespace {
// Choice lists are built once per state version, not every frame (at 1M timesheets a frame has
// about 4 ms; a customer list of thousands of names is rebuilt only when something changed).
template <class F>
const std::vector<Choice>& memo_choices(const State& s, int kind, uint32_t arg, F build) {
  struct Entry {
    const State* state = nullptr;
    uint64_t version = ~0ull;
    std::vector<Choice> items;
  };
  static std::map<std::pair<int, uint32_t>, Entry> cache;
  Entry& e = cache[{kind, arg}];
  if (e.state != &s || e.version != s.applied) {
    e.items = build();
    e.state = &s;
    e.version = s.applied;
  }
  return e.items;
}
}  // namespace

const std::vector<Choice>& partner_choices(const State& s, bool companies_only) {
  return memo_choices(s, 0, static_cast<uint32_t>(companies_only), [&] {
    std::vector<Choice> out;
    for (uint32_t p = 0; p < s.partners.size(); ++p) {
      const Partner& r = s.partners.rows[p];
      if (companies_only && r.parent != kNone) continue;
      std::string label(s.str(r.name));
      if (r.parent != kNone) label = std::string(s.str(s.partners.rows[r.parent].name)) + ", " + label;
      out.push_back({p, label});
    }
    return out;
  });
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

const std::vector<Choice>& sale_line_choices(const State& s, uint32_t partner) {
  return memo_choices(s, 6, static_cast<uint32_t>(partner), [&] {
    std::vector<Choice> out;
    for (uint32_t l : eligible_sale_lines(s, partner)) {
      std::string label = line_display_name(s, l);
      if (remaining_hours_available(s, l)) label += " (" + hours_hhmm(remaining_hours(s, l)) + ")";
      out.push_back({l, label});
    }
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

std::string csv(const std::string& f) { return csv_cell(f); }

}  // namespace deskbill::ui
