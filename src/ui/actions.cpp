// Running an op from a screen: role checks, the refusal shown and announced, the success notice,
// undo (Ctrl+Z), and the buttons that send ops.
#include "core/inverse.h"
#include "imgui_internal.h"
#include "ui/i18n.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {

void show_notice(Host& host, UiState& ui, const std::string& text, bool problem) {
  ui.notice = text;
  ui.notice_problem = problem;
  ui.notice_until = host.now_ms() + (problem ? 8000 : 3000);  // a problem takes longer to read
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

void refuse_typed_hours(Host& host, UiState& ui) {
  ui.error = tr("Hours Spent must be a number of hours (1.5) or hours:minutes (1:30).");
  ui.error_code = "bad_number";
  host.announce(ui.error);
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

void draw_action_row(Host& host, UiState& ui, const std::vector<RecordAction>& actions) {
  for (size_t n = 0; n < actions.size(); ++n) {
    const RecordAction& a = actions[n];
    if (n) ImGui::SameLine();
    std::string label = a.label + a.widget;
    if (a.kind ? action_button(host, label, a.kind) : button_through_popups(label)) a.run(host, ui);
  }
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
    text_colored(colors::kRed, ui.error_code == "read_only" ? tr("Settings") : tr("User Error"));
    ImGui::PopFont();
    ImGui::PushTextWrapPos(px(500));
    ImGui::TextUnformatted(ui.error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    // Enter and Esc close it, but not in the frame it opened: an error sent by Enter (hours that
    // are not hours, typed in a field) closed it at once, unread.
    bool key = !ImGui::IsWindowAppearing() &&
               (ImGui::IsKeyPressed(ImGuiKey_Escape, false) || ImGui::IsKeyPressed(ImGuiKey_Enter, false));
    if (ImGui::Button(tr("Close")) || key) {
      ui.error.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}
}  // namespace deskbill::ui
