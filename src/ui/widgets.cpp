// Layout helpers (rows that wrap, measured buttons, empty-list hints), the frame scheduler's
// wake-up, and navigation. The rest of widgets.h lives in theme.cpp, pickers.cpp, formats.cpp
// and actions.cpp.
#include "ui/widgets.h"

#include <algorithm>
#include <cstdarg>
#include <optional>
#include <string>

#include "imgui_internal.h"  // RenderTextEllipsis
#include "ui/i18n.h"

namespace deskbill::ui {

bool same_line_if_fits(float width) {
  float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width > right) return false;
  ImGui::SameLine();
  return true;
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float begin_field(const char* label, float width, bool starts_row) {
  float w = std::max(width, ImGui::CalcTextSize(label).x);
  bool follows = !starts_row && same_line_if_fits(w);
  ImGui::BeginGroup();
  // A button or check box that wrapped to a line of its own needs no empty label above it.
  if (!label[0] && !follows) return w;
  // Every label sits on the same baseline, whether its field starts a line or follows another
  // field (which lowers the text of what comes after it on the line to its frame's text).
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  return w;
}

void end_field() { ImGui::EndGroup(); }

namespace {
void value_text_v(bool disabled, const char* fmt, va_list args) {
  // Formatted as ImGui::Text formats (its temporary buffer, or the argument itself for "%s"),
  // which is also the text reported below.
  const char* text = nullptr;
  const char* text_end = nullptr;
  ImFormatStringToTempBufferV(&text, &text_end, fmt, args);
  if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(text, text_end);
  if (disabled) ImGui::PopStyleColor();
#ifdef IMGUI_ENABLE_TEST_ENGINE
  // Plain text is no item: it reaches ImGui's hooks with no id and no label. Reported under its
  // own text, a value on screen can be found by what it says (tests/browser/lib.js exists()).
  ImGuiContext& g = *GImGui;
  if (g.TestEngineHookItems) {
    ImGuiID id = ImGui::GetID(text);
    IMGUI_TEST_ENGINE_ITEM_ADD(id, g.LastItemData.Rect, nullptr);
    IMGUI_TEST_ENGINE_ITEM_INFO(id, text, 0);
  }
#endif
}
}  // namespace

void value_text(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  value_text_v(false, fmt, args);
  va_end(args);
}

void report_box(const char* label, ImVec2 min, ImVec2 max) {
#ifdef IMGUI_ENABLE_TEST_ENGINE
  ImGuiContext& g = *GImGui;
  if (g.TestEngineHookItems) {
    ImGuiID id = ImGui::GetID(label);
    IMGUI_TEST_ENGINE_ITEM_ADD(id, ImRect(min, max), nullptr);
    IMGUI_TEST_ENGINE_ITEM_INFO(id, label, 0);
  }
#else
  (void)label;
  (void)min;
  (void)max;
#endif
}

void value_text_colored(ImU32 color, const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  value_text("%s", text);
  ImGui::PopStyleColor();
}

void value_text_disabled(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  value_text_v(true, fmt, args);
  va_end(args);
}

bool text_field(const char* id, char* buf, size_t size, const char* label, float width, bool starts_row) {
  ImGui::SetNextItemWidth(begin_field(label, width, starts_row));
  bool changed = ImGui::InputText(id, buf, size);
  end_field();
  return changed;
}

DayRange period_fields(const char* id, PeriodText& p, bool starts_row) {
  // The hint is the format, not the field's name (which is its label, above it).
  std::string start_id = std::string(id) + "-start", end_id = std::string(id) + "-end";
  ImGui::SetNextItemWidth(begin_field(tr("From"), px(105), starts_row));
  ImGui::InputTextWithHint(start_id.c_str(), "YYYY-MM-DD", p.start, sizeof p.start);
  end_field();
  ImGui::SetNextItemWidth(begin_field(tr("To"), px(105)));
  ImGui::InputTextWithHint(end_id.c_str(), "YYYY-MM-DD", p.end, sizeof p.end);
  end_field();
  DayRange out;
  std::optional<Day> start = parse_day(p.start), end = parse_day(p.end);
  if (start) out.start = *start;
  if (end) out.end = *end;
  if ((p.start[0] && !start) || (p.end[0] && !end))
    text_colored(colors::kRed, tr("A date is written YYYY-MM-DD (2026-11-30); the period is open on that side."));
  else if (out.none())
    text_colored(colors::kRed, tr("From is after To: no day is in the period."));
  return out;
}

bool row_action(Host& host, const char* text, const char* id, const char* kind) {
  const char* shown = tr(text);
  begin_field("", button_width(shown));
  bool pressed = action_button(host, std::string(shown) + id, kind);
  end_field();
  return pressed;
}

bool row_checkbox(const char* text, const char* id, bool* value) {
  const char* shown = tr(text);
  begin_field("", button_width(shown) + ImGui::GetFrameHeight());
  bool changed = ImGui::Checkbox((std::string(shown) + id).c_str(), value);
  end_field();
  return changed;
}

void wake_at(UiState& ui, double ms) {
  if (ui.wake_at == 0 || ms < ui.wake_at) ui.wake_at = ms;
}

void ask_focus(FocusRequest& r) {
  r.pending = true;
  r.asked_in_frame = ImGui::GetFrameCount();
}

void focus_next_field(FocusRequest& r) {
  if (r.pending && ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::GetFrameCount() != r.asked_in_frame)
    r.pending = false;
  if (!r.pending) return;
  ImGui::SetWindowFocus();
  ImGui::SetKeyboardFocusHere();
}

void after_focused_field(Host& host, UiState& ui, FocusRequest& r) {
  if (ImGui::IsItemActive()) r.pending = false;
  if (r.pending) wake_at(ui, host.now_ms());  // the next frame asks again, input or not
}

void empty_hint(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text);
  ImGui::PopStyleColor();
}

ListLayout list_layout(size_t rows, bool badges, float at_most) {
  // A row: a line of text, the cell's padding, and the pixel a badge (theme.cpp) adds below it.
  float row = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y + (badges ? 1 : 0);
  float want = (static_cast<float>(rows) + 1) * row + px(2);  // a little room for rounding
  float left = ImGui::GetContentRegionAvail().y;
  bool capped = at_most > 0 && at_most < left;
  if (want <= (capped ? at_most : left)) return {0, ImVec2(0, 0)};    // no ScrollY: the table fits its rows
  return {ImGuiTableFlags_ScrollY, ImVec2(0, capped ? at_most : 0)};  // 0: the height left
}

void fixed_column(const char* header, const char* widest) {
  float w = std::max(ImGui::CalcTextSize(header, nullptr, true).x, ImGui::CalcTextSize(widest).x);
  ImGui::TableSetupColumn(header, ImGuiTableColumnFlags_WidthFixed, w);
}

namespace {
// Draws [text, end) at `at`, cut with "…" at `room`'s edge, and the whole text in a tooltip
// while the item just submitted (the cell's Dummy or Selectable) is hovered. `size` is the
// text's own size.
void draw_cut_text(ImVec2 at, float room, const char* text, const char* end, ImVec2 size) {
  float right = at.x + room;
  ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), at, ImVec2(right, at.y + size.y), right, right, text, end,
                            &size);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(end - text), text);
}
}  // namespace

void cell_text(const std::string& text) {
  float room = ImGui::GetContentRegionAvail().x;
  ImVec2 size = ImGui::CalcTextSize(text.c_str());
  if (size.x <= room) {
    ImGui::TextUnformatted(text.c_str());
    return;
  }
  ImVec2 at = ImGui::GetCursorScreenPos();
  // The text's own width, as TextUnformatted would report it: a stretched column's share is its
  // content's width, and the room would shrink the column further each frame.
  ImGui::Dummy(size);
  draw_cut_text(at, room, text.data(), text.data() + text.size(), size);
}

bool cell_selectable(const char* label, bool selected, ImGuiSelectableFlags flags) {
  float room = ImGui::GetContentRegionAvail().x;
  const char* end = ImGui::FindRenderedTextEnd(label);
  ImVec2 size = ImGui::CalcTextSize(label, end);
  if (size.x <= room) return ImGui::Selectable(label, selected, flags);
  // The selectable itself (its box, hover and click, its label for the hooks) with its text
  // drawn clear, then the text again, cut with "…" at the cell's edge.
  ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0, 0, 0, 0));
  bool clicked = ImGui::Selectable(label, selected, flags);
  ImGui::PopStyleColor();
  draw_cut_text(at, room, label, end, size);
  return clicked;
}

void navigate(UiState& ui, Screen s, const std::string& id) {
  ui.route = Route{s, id};
  ui.route_from_url = false;
}
}  // namespace deskbill::ui
