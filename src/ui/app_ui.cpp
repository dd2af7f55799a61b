// The frame: left navigation, the storage/sync status, banners, and the current screen.
#include <algorithm>

#include "core/names.h"
#include "ui/i18n.h"
#include "ui/page_gaps.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

Screen section_of(Screen s) {
  switch (s) {
    case Screen::Pipeline:
    case Screen::Ticket:
      return Screen::Helpdesk;
    case Screen::Order:
      return Screen::Orders;
    case Screen::Invoice:
      return Screen::Invoices;
    default:
      return s;
  }
}

// A device far behind pulls in pages: the status says how far it has come.
bool receiving_pages(const SyncStatus& sy) { return sy.head > sy.cursor + 2000; }

// Work not saved is kept only in this tab's memory: the side bar says so under "Not saved", not
// only on hover (a user who took "Not saved" for a passing state could close the tab).
bool kept_in_tab_only(const Host& host) { return !host.read_only() && host.save_status().state == SaveState::NotSaved; }

// The status lines draw_status draws, so the side bar places them above its bottom edge.
int status_lines(const Host& host, const SyncStatus& sy) {
  int save = 1 + kept_in_tab_only(host);
  if (!sy.configured) return save;
  return save + 1 + (sy.pending > 0) + (sy.publication_upto > 0) + (sy.held_ops > 0) + receiving_pages(sy);
}

void draw_status(Host& host, const SyncStatus& sy) {
  SaveStatus st = host.save_status();
  if (host.read_only())
    value_text_colored(colors::kAmber, tr("Read-only"));
  else if (st.state == SaveState::Saved)
    value_text_colored(colors::kGreen, tr("Saved"));
  else if (st.state == SaveState::Saving)
    value_text_colored(colors::kGrey, tr("Saving…"));
  else {
    value_text_colored(colors::kRed, tr("Not saved"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(st.message).c_str());
    if (kept_in_tab_only(host)) {
      value_text_colored(colors::kRed, tr("Kept in this tab"));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(st.message).c_str());
    }
  }
  if (sy.configured) {
    if (!sy.online)
      value_text_colored(colors::kAmber, tr("Offline"));
    else if (!sy.error.empty())
      value_text_colored(colors::kRed, tr("Sync error"));
    else
      value_text_colored(colors::kGreen, tr("Synced"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", sy.error.empty() ? sy.url.c_str() : tr(sy.error).c_str());
    if (sy.pending) ImGui::TextDisabled("%zu %s", sy.pending, tr("pending"));
    if (sy.publication_upto > 0) {
      // A publication in several requests: the server stores others' work only after all of it.
      char line[96];
      std::snprintf(line, sizeof line, "%s %.0f%%",
                    sy.publication_by_this_device ? tr("Publishing") : tr("Being published"),
                    100.0 * static_cast<double>(sy.publication_held) / static_cast<double>(sy.publication_upto));
      value_text_colored(colors::kAmber, line);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("See Settings, Sync."));
    }
    if (sy.held_ops > 0) {
      // Re-sent work waiting for a record another device has to send again.
      value_text_colored(colors::kAmber, tr("Waiting for a record"));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("See Settings, Sync."));
    }
    if (receiving_pages(sy))
      ImGui::TextDisabled("%s %.0f%%", tr("Receiving"),
                          100.0 * static_cast<double>(sy.cursor) / static_cast<double>(sy.head));
  }
}

void draw_nav(Host& host, UiState& ui) {
  ImGui::PushFont(title_font());
  text_colored(colors::kAccent, "deskbill");
  ImGui::PopFont();
  ImGui::Spacing();
  Screen current = section_of(ui.route.screen);
  for (const NavItem& n : nav_items()) {
    std::string label = tr(n.label);
    if (n.screen == Screen::Conflicts) {
      size_t c = host.pending_conflicts().size() + host.sync_notices().size();
      for (const Rejected& r : host.state().rejected) c += !host.rejection_dismissed(r.pos);
      if (c) label += " (" + std::to_string(c) + ")";
    }
    label += "##nav";
    label += n.label;
    if (ImGui::Selectable(label.c_str(), current == n.screen, 0, ImVec2(0, px(26)))) navigate(ui, n.screen);
  }
  ImGui::Separator();
  if (ImGui::Selectable((std::string("Ctrl+K  ") + tr("search") + "##nav-palette").c_str())) ui.palette.open = true;
  draw_timer_bar(host, ui);
  SyncStatus sy = host.sync_status();
  float need = static_cast<float>(status_lines(host, sy)) * ImGui::GetTextLineHeightWithSpacing() + px(4) +
               ImGui::GetStyle().WindowPadding.y;
  ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), ImGui::GetWindowHeight() - need));
  draw_status(host, sy);
}

// The last item's rectangle (a child window's, after EndChild).
Box item_box() {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  return {a.x, a.y, b.x, b.y};
}

// The page's colour where the page shows around the panels (page_gaps.h), in the current window's
// draw list, which is drawn under its child windows. A panel's rounded corner: the page's colour
// over the corner's square, then the panel's over its quarter circle.
void paint_page_around(const Box& page, const std::vector<Box>& panels) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The window clips its own drawing to inside its padding; the page's margins are outside it.
  dl->PushClipRect({page.x0, page.y0}, {page.x1, page.y1}, false);
  const ImU32 page_colour = ImGui::GetColorU32(ImGuiCol_WindowBg);
  const ImU32 panel = ImGui::GetColorU32(panel_colour());
  for (const Box& g : page_gaps(page, panels)) dl->AddRectFilled({g.x0, g.y0}, {g.x1, g.y1}, page_colour);
  const float r = ImGui::GetStyle().ChildRounding;
  for (const Box& p : panels) {
    if (r <= 0) break;  // square corners: the gaps were all there was to paint
    // A panel squeezed to less than its two corners (a window narrower than the side bar) has no
    // rounded corners to paint: its quarter circles would land on the page.
    if (p.x1 - p.x0 < 2 * r || p.y1 - p.y0 < 2 * r) continue;
    struct Corner {
      ImVec2 square;  // the corner square's top left
      ImVec2 centre;  // its quarter circle's centre
      float from;     // the angle the quarter circle starts at (y grows downwards)
    };
    const Corner corners[] = {{{p.x0, p.y0}, {p.x0 + r, p.y0 + r}, IM_PI},
                              {{p.x1 - r, p.y0}, {p.x1 - r, p.y0 + r}, 1.5f * IM_PI},
                              {{p.x1 - r, p.y1 - r}, {p.x1 - r, p.y1 - r}, 0},
                              {{p.x0, p.y1 - r}, {p.x0 + r, p.y1 - r}, 0.5f * IM_PI}};
    for (const Corner& c : corners) {
      dl->AddRectFilled(c.square, {c.square.x + r, c.square.y + r}, page_colour);
      dl->PathLineTo(c.centre);
      dl->PathArcTo(c.centre, r, c.from, c.from + 0.5f * IM_PI);
      dl->PathFillConvex(panel);
    }
  }
  dl->PopClipRect();
}

}  // namespace

const std::vector<NavItem>& nav_items() {
  static const std::vector<NavItem> items = {{"Helpdesk", Screen::Helpdesk},   {"Orders", Screen::Orders},
                                             {"Invoices", Screen::Invoices},   {"Timesheets", Screen::Timesheets},
                                             {"Reports", Screen::Reports},     {"Configuration", Screen::Config},
                                             {"Conflicts", Screen::Conflicts}, {"Settings", Screen::Settings}};
  return items;
}

void draw_app(Host& host, UiState& ui) {
  set_ui_scale(ui.font_px);
  forget_unshown_choices();
  ui.wake_at = 0;
  ImGuiIO& io = ImGui::GetIO();
  // While a start reads the timesheets, everything is shown and nothing can be changed.
  const bool opening = host.opening();
  if (!opening && io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_K, false)) ui.palette.open = true;
  // Inside a text field Ctrl+Z is the field's own undo; elsewhere it takes back the last edit.
  if (!opening && (io.KeyCtrl || io.KeySuper) && ImGui::IsKeyPressed(ImGuiKey_Z, false) && !io.WantTextInput &&
      !ui.palette.open)
    undo_last(host, ui);
  ImGui::BeginDisabled(opening);

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings);
  // The panels fill nothing (ChildBg is clear): the screen is cleared to their colour, and the
  // page's colour is painted only around them (paint_page_around).
  ImGui::BeginChild("##nav", ImVec2(px(190), 0), ImGuiChildFlags_Border);
  draw_nav(host, ui);
  ImGui::EndChild();
  const Box nav = item_box();
  ImGui::SameLine();
  ImGui::BeginChild("##main", ImVec2(0, 0), ImGuiChildFlags_AlwaysUseWindowPadding);
  if (opening) {
    ImGui::EndDisabled();  // the banner reads as text, not greyed
    text_colored(colors::kAmber, tr("Opening the workspace: its timesheets are being read. You can edit in a moment."));
    ImGui::BeginDisabled();
  }
  if (host.read_only()) {
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 243, 205, 255));
    ImGui::BeginChild("##ro", ImVec2(0, px(40)), ImGuiChildFlags_Border, ImGuiWindowFlags_NoScrollbar);
    text_colored(colors::kAmber, tr("This tab is read-only: deskbill is open in another tab. It shows that tab's work "
                                    "as it is saved, and takes over when that tab closes."));
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }
  switch (ui.route.screen) {
    case Screen::Helpdesk:
      draw_helpdesk(host, ui);
      break;
    case Screen::Pipeline:
      draw_pipeline(host, ui);
      break;
    case Screen::Ticket:
      draw_ticket_form(host, ui);
      break;
    case Screen::Orders:
      draw_orders(host, ui);
      break;
    case Screen::Order:
      draw_order_form(host, ui);
      break;
    case Screen::Invoices:
      draw_invoices(host, ui);
      break;
    case Screen::Invoice:
      draw_invoice_form(host, ui);
      break;
    case Screen::Timesheets:
      draw_timesheets(host, ui);
      break;
    case Screen::Config:
      draw_config(host, ui);
      break;
    case Screen::Reports:
      draw_reports(host, ui);
      break;
    case Screen::Conflicts:
      draw_conflicts(host, ui);
      break;
    case Screen::Settings:
      draw_settings(host, ui);
      break;
  }
  ImGui::EndChild();
  paint_page_around({vp->WorkPos.x, vp->WorkPos.y, vp->WorkPos.x + vp->WorkSize.x, vp->WorkPos.y + vp->WorkSize.y},
                    {nav, item_box()});
  // What the host did after a click or by itself, shown once.
  if (const Host::Message& m = host.message(); m.seq != ui.host_message_seen) {
    ui.host_message_seen = m.seq;
    show_notice(host, ui, tr(m.text), m.problem);
  }
  // The last success (or a problem the host told) as a toast in the corner: it never moves the
  // layout under the pointer. A long one wraps at half the window.
  if (!ui.notice.empty() && host.now_ms() < ui.notice_until) {
    wake_at(ui, ui.notice_until);  // to take the toast away
    float wrap = vp->WorkSize.x * 0.5f;
    ImVec2 size = ImGui::CalcTextSize(ui.notice.c_str(), nullptr, false, wrap);
    ImVec2 br = ImVec2(vp->WorkPos.x + vp->WorkSize.x - px(16), vp->WorkPos.y + vp->WorkSize.y - px(16));
    ImVec2 tl = ImVec2(br.x - size.x - px(24), br.y - size.y - px(14));
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(tl, br, ui.notice_problem ? IM_COL32(170, 40, 40, 240) : IM_COL32(30, 110, 60, 235), px(6));
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(tl.x + px(12), tl.y + px(7)), IM_COL32_WHITE,
                ui.notice.c_str(), nullptr, wrap);
    report_box("##notice", tl, br);  // its colour says a problem from a success (tests/browser)
  }
  draw_invoice_wizard(host, ui);
  draw_palette(host, ui);
  draw_error_modal(ui);
  ImGui::End();
  ImGui::EndDisabled();
}

}  // namespace deskbill::ui
