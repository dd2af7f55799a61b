// Shared widgets and helpers for the panels, one file per job: theme.cpp (sizes scaled with the
// font, fonts, badges), pickers.cpp (searchable record pickers and their choice lists),
// formats.cpp (hours, money, CSV cells), actions.cpp (running an op, its refusal, undo, action
// buttons), widgets.cpp (layout helpers, navigation).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/billing.h"
#include "imgui.h"
#include "ui/host.h"
#include "ui/ui_state.h"

namespace deskbill::ui {

float px(float n);  // n CSS pixels at the user's font size
// Tells ImGui's item hooks the label of the next combo (BeginCombo reports none), so tests and
// tools can find it by label.
void label_next_combo(const char* label);
void set_ui_scale(float font_px);

namespace colors {
constexpr ImU32 kRed = IM_COL32(200, 40, 40, 255);
constexpr ImU32 kGreen = IM_COL32(30, 130, 70, 255);
constexpr ImU32 kAmber = IM_COL32(190, 120, 0, 255);
constexpr ImU32 kGrey = IM_COL32(110, 110, 120, 255);
constexpr ImU32 kBlue = IM_COL32(40, 90, 170, 255);
constexpr ImU32 kAccent = IM_COL32(113, 75, 103, 255);  // Odoo's plum
}  // namespace colors

void apply_theme();
// The panels' colour, which the screen is cleared to before a frame is drawn: the page's colour
// (WindowBg) is painted only around the panels (page_gaps.h), and child windows fill nothing.
ImVec4 panel_colour();
ImFont* bold_font();
ImFont* title_font();

void badge(const char* text, ImU32 color);
void status_badge(InvoiceStatus st);
const char* status_text(InvoiceStatus st);
const char* payment_text(PaymentState p);
void text_colored(ImU32 color, const char* text);
// A line that states a value ("Due Date: 2026-12-20", "Total: 05:00"), printf-style. With the
// item registry on (?test), it is also reported under its text, so a browser test can check
// what a screen says, not only find what it can click (widgets.cpp).
void value_text(const char* fmt, ...) IM_FMTARGS(1);
void value_text_disabled(const char* fmt, ...) IM_FMTARGS(1);
// text_colored, also reported under its text: a status ("Not saved", "Kept in this tab") a
// browser test checks is drawn, and in which colour (tests/browser/lib.js tone()).
void value_text_colored(ImU32 color, const char* text);
// A box drawn straight into a draw list (the corner notice), reported as an item under `label`
// (with the item registry on, ?test), so a browser test can find it and read its colour.
void report_box(const char* label, ImVec2 min, ImVec2 max);
void title(const char* text);

// A searchable picker over records: items are (record, label). Returns true when changed.
struct Choice {
  uint32_t rec;
  std::string label;
};
bool pick(const char* label, const std::vector<Choice>& items, uint32_t& selected, const char* none_label = nullptr,
          float width = 0);
// pick() with "Create and edit…" as its last entry: choosing it sets *create to what was typed
// in the search (or " " when nothing was), for the caller to open a form for the new record.
bool pick_or_create(const char* label, const std::vector<Choice>& items, uint32_t& selected, const char* none_label,
                    float width, std::string* create);

// Taxes (tax_picker.cpp): check boxes, at most three; as text; as an op's list of tax ids.
bool pick_taxes(const char* label, const State& s, TaxSet& taxes, float width = 0);
std::string taxes_text(const State& s, const TaxSet& t);
nlohmann::json taxes_json(const State& s, const TaxSet& t);
std::string hours_hhmm(Qty hours);  // 10.5 → "10:30"
std::string money_text(Money m);    // 1234.5 → "1,234.50"
std::string qty_text(Qty q);        // 2 decimals
// Parses "1.5", "1,5" or "1:30" into hours.
bool parse_hours(const char* text, Qty& out);
// The refusal of hours that parse_hours does not read, shown and announced (actions.cpp).
void refuse_typed_hours(Host& host, UiState& ui);

// Emits op through the host; a refusal is kept in ui.error and shown in a modal.
bool run_op(Host& host, UiState& ui, const nlohmann::json& op, const char* success = nullptr);
// A short confirmation at the bottom of the screen, also announced to screen readers.
void show_notice(Host& host, UiState& ui, const std::string& text, bool problem = false);
// "Your role does not allow this (agent: invoice.post)." — what a disabled action says.
std::string role_refusal(const Host& host, const std::string& kind);
// A button that also takes a click made while a picker is open (which ImGui spends closing the
// picker): "Create" clicked with the Customer picker open creates.
bool button_through_popups(const std::string& label);
// A button for an action that sends ops of `kind`: disabled, with a tooltip saying why, when the
// user's role may not send them.
bool action_button(Host& host, const std::string& label, const char* kind);
// Ctrl+Z outside text fields: applies the inverse of the last undoable op (ticket fields and
// timesheet lines; see core/inverse.h).
void undo_last(Host& host, UiState& ui);
// Asks for a frame at host time `ms` even without input (see UiState::wake_at).
void wake_at(UiState& ui, double ms);
// Gives the next field the keyboard once asked (a form or its fields just opened, from a button
// or Ctrl+K); after_focused_field, called after that field, clears it once the field has
// the keyboard. The window is focused first: after Ctrl+K closes, the keyboard focus is still in
// the window under the palette, and ImGui 1.90 drops a focus request made in another window. It
// is asked again each frame until the field has the keyboard, unless the user clicks first (not
// the click that asked for it).
void ask_focus(FocusRequest& r);
void focus_next_field(FocusRequest& r);
void after_focused_field(Host& host, UiState& ui, FocusRequest& r);
// Puts the next item (about `width` wide) on the same line when it fits, else on the next one:
// rows of fields wrap at large font sizes and in longer languages instead of running off screen.
bool same_line_if_fits(float width);  // true when it stayed on the line
// The width a button with this label takes (text before "##", plus padding).
float button_width(const char* label);
// One field of a creation or filter row, with its label above it: a placeholder vanishes once
// something is typed and leaves the field unnamed, a label stays. begin_field puts the group on
// the row's line when it fits (unless it starts the row), draws the label, and returns the width
// for the field (at least the label's); end_field closes the group. Buttons and check boxes of
// the row go in a field with an empty label so they line up with the fields.
float begin_field(const char* label, float width, bool starts_row = false);
void end_field();
// A text field in such a row: its label above it (begin_field), `width` wide at least. `id` is
// the field's ImGui id ("##p-price"); returns whether the text changed, as ImGui::InputText.
bool text_field(const char* id, char* buf, size_t size, const char* label, float width, bool starts_row = false);
// The end of such a row: an action button (see action_button) or a check box, lined up with the
// fields. `id` is the "##…" part that keeps the widget's identity across languages.
bool row_action(Host& host, const char* text, const char* id, const char* kind);
bool row_checkbox(const char* text, const char* id, bool* value);
void draw_error_modal(UiState& ui);
// What an empty list says to do next (first use): greyed, wrapped, above the empty table.
void empty_hint(const char* text);
// How a table of `rows` one-line rows under its header is laid out: when they fit in the height
// left (or in `at_most`, when that is less), no scrolling and no height, so the table is exactly
// as tall as its rows (a fixed height guessed from the row count left a sliver of an empty row,
// or a short list's empty columns ran to the bottom of the screen); else that height, scrolled.
// `badges`: some rows hold badges, a pixel taller, so the guess of whether they fit errs high.
struct ListLayout {
  ImGuiTableFlags scroll;  // ImGuiTableFlags_ScrollY or 0
  ImVec2 size;
};
ListLayout list_layout(size_t rows, bool badges = false, float at_most = 0);
// A table column as wide as its header or `widest` (a value's widest text, "0000-00-00" for a
// date; only for values of a fixed shape), whichever is wider: in a narrow window or at a large font, stretched columns
// shrank dates and hours to "2026-11-2".
void fixed_column(const char* header, const char* widest);
// "From" and "To" date fields in a row of fields (begin_field; `id` tells them apart: "##f" makes
// "##f-start" and "##f-end"). Returns the period typed: an empty side is open; a side that is not
// a date is open too, and a red line under the fields says how a date is written.
DayRange period_fields(const char* id, PeriodText& p, bool starts_row = false);
// A table cell's text, ended with "…" when the column is narrower than it, and shown whole in a
// tooltip on hover: a cut "Password reset loop (#" gave no way to read the rest.
void cell_text(const std::string& text);
// A clickable text in a table cell (or a narrow panel): ImGui::Selectable, but a label wider than
// the room left ends in "…" with the whole text on hover, as cell_text does, instead of being cut
// mid-letter or, with SpanAllColumns, running over the next cells. The label and its "##id" stay
// the item's own, for the test hooks and the item's id.
bool cell_selectable(const char* label, bool selected = false, ImGuiSelectableFlags flags = 0);
void navigate(UiState& ui, Screen s, const std::string& id = "");

template <class T, class TRows, class TPool>
std::string id_of(const State& s, const Table<T, TRows, TPool>& t, uint32_t rec) {
  return rec == kNone ? std::string() : std::string(s.id_of(t, rec));
}

// Record lists for pickers.
const std::vector<Choice>& partner_choices(const State& s, bool companies_only = false);
const std::vector<Choice>& employee_choices(const State& s);
const std::vector<Choice>& product_choices(const State& s);
const std::vector<Choice>& team_choices(const State& s);
const std::vector<Choice>& uom_choices(const State& s);
const std::vector<Choice>& project_choices(const State& s);
// Confirmed service lines of a customer (same commercial partner), the choices of a Sales Order
// Item (core: sale_lines_offered), and `current` marked when it is not one of them.
const std::vector<Choice>& sale_line_choices(const State& s, uint32_t partner, uint32_t current);
// Drops the choice lists the last frame did not show; called before a frame draws, when no caller
// holds one.
void forget_unshown_choices();
const std::vector<Choice>& task_choices(const State& s, uint32_t partner);
// A timesheet line's date, employee and description fields, starting a row, with the ids
// ##<p>-date, ##<p>-employee and ##<p>-desc: the Timesheets list's line form ("tl") and a
// ticket's add/edit row ("ts") draw them alike.
void line_fields(const State& s, const char* p, char* date, size_t date_size, uint32_t& employee, char* desc,
                 size_t desc_size);
// The week grid's "Add a line": open tickets, then tasks and projects that take timesheets (core:
// subjects_to_log_on). A choice's rec is its place in that list, not a record.
const std::vector<Choice>& log_subject_choices(const State& s);

// CSV field quoting.
std::string csv(const std::string& field);

}  // namespace deskbill::ui
