// The look: sizes scaled with the font, the theme and fonts, titles, badges and status words.
#include "imgui.h"
#include "ui/i18n.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {
float g_scale = 1.f;
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

ImVec4 panel_colour() { return ImVec4(1, 1, 1, 1); }

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
  // Child windows (the side bar, cards, columns, a scrolling table's rows) fill nothing: they lie
  // on the panel's colour, which the screen is cleared to (page_gaps.h). Each filled them again.
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Border] = ImVec4(0.82f, 0.82f, 0.86f, 1);
  c[ImGuiCol_Button] = ImVec4(0.91f, 0.87f, 0.90f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.85f, 0.79f, 0.84f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.78f, 0.70f, 0.76f, 1);
  c[ImGuiCol_Text] = ImVec4(0.13f, 0.13f, 0.16f, 1);
  c[ImGuiCol_Header] = ImVec4(0.90f, 0.86f, 0.89f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.93f, 0.89f, 0.92f, 1);
  c[ImGuiCol_HeaderActive] = ImVec4(0.86f, 0.80f, 0.85f, 1);
  // The open tab takes the colour of the side bar's open screen (Header); the others are faint.
  // The open one was white on the white page while the others were grey pills, so the tab a
  // user had not chosen was the one that looked chosen.
  c[ImGuiCol_Tab] = ImVec4(0.95f, 0.94f, 0.95f, 1);
  c[ImGuiCol_TabHovered] = c[ImGuiCol_HeaderHovered];
  c[ImGuiCol_TabActive] = c[ImGuiCol_Header];
  c[ImGuiCol_TabUnfocused] = c[ImGuiCol_Tab];
  c[ImGuiCol_TabUnfocusedActive] = c[ImGuiCol_TabActive];
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.93f, 0.93f, 0.95f, 1);
  c[ImGuiCol_CheckMark] = ImVec4(0.44f, 0.29f, 0.40f, 1);
  // Fields, the font size slider and a window's resize grip in the same purple: StyleColorsLight
  // left them blue (a blue tint on every hovered field, a blue slider grab in Settings).
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.98f, 0.96f, 0.98f, 1);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.96f, 0.93f, 0.95f, 1);
  c[ImGuiCol_SliderGrab] = c[ImGuiCol_CheckMark];
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.36f, 0.22f, 0.32f, 1);
  c[ImGuiCol_ResizeGrip] = ImVec4(0.44f, 0.29f, 0.40f, 0.20f);
  c[ImGuiCol_ResizeGripHovered] = ImVec4(0.44f, 0.29f, 0.40f, 0.60f);
  c[ImGuiCol_ResizeGripActive] = ImVec4(0.44f, 0.29f, 0.40f, 0.90f);
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
}  // namespace deskbill::ui
