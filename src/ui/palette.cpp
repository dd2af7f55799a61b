// The command palette (Ctrl+K): type to run a command (what the ticket, order or invoice in view
// offers, start or stop the timer, go to a screen, the week grid, a new ticket or quotation) or
// to find any ticket, order, invoice or customer (the queries are core/search.h); arrows choose,
// Enter runs or opens, Esc closes.
#include <cstdio>
#include <cstring>
#include <functional>

#include "core/names.h"
#include "core/search.h"
#include "imgui_internal.h"  // ImTextCharToUtf8
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

// A line of the palette: what it shows, and what Enter or a click on it does (a command runs, a
// record opens).
struct Hit {
  std::string label;
  std::function<void(Host&, UiState&)> run;
};

// Opens a record's screen.
std::function<void(Host&, UiState&)> open_screen(Screen screen, std::string id) {
  return [screen, id = std::move(id)](Host&, UiState& u) { navigate(u, screen, id); };
}

// The team a new ticket starts in: the one the user is looking at (its pipeline, or a ticket of
// it), else the first team. kNone when there is no team yet (the form then asks for one).
uint32_t team_in_view(const State& s, const Route& r) {
  if (r.screen == Screen::Pipeline) {
    uint32_t t = s.teams.find(s.text, r.id);
    if (t != kNone) return t;
  }
  if (r.screen == Screen::Ticket) {
    uint32_t k = s.tickets.find(s.text, r.id);
    if (k != kNone && s.tickets.rows[k].team != kNone) return s.tickets.rows[k].team;
  }
  return s.teams.size() ? 0 : kNone;
}

// The ticket, order or invoice the route shows, by its name, and what it offers (its buttons' own
// actions): "Post · INV/2026/00001", "Stage: Solved · VPN drops (#12)". Other screens have none.
std::vector<Hit> actions_in_view(const Host& host, const UiState& ui) {
  const State& s = host.state();
  std::string record;
  std::vector<RecordAction> actions;
  if (ui.route.screen == Screen::Ticket) {
    uint32_t k = s.tickets.find(s.text, ui.route.id);  // "new" is none
    if (k == kNone) return {};
    record = shown_ticket_name(host, k);
    actions = ticket_actions(host, k);
  } else if (ui.route.screen == Screen::Order) {
    uint32_t o = s.orders.find(s.text, ui.route.id);
    if (o == kNone) return {};
    record = order_name(s, o);
    actions = order_actions(host, o);
  } else if (ui.route.screen == Screen::Invoice) {
    uint32_t i = s.invoices.find(s.text, ui.route.id);
    if (i == kNone || s.invoices.rows[i].deleted) return {};
    record = shown_invoice_name(host, i);
    actions = invoice_actions(host, i);
  }
  std::vector<Hit> out;
  for (RecordAction& a : actions)
    // The button says why it is disabled; the palette leaves it out (as in a read-only tab).
    if (!a.kind || (host.may_send(a.kind) && !host.read_only()))
      out.push_back({a.label + " · " + record, std::move(a.run)});
  return out;
}

// The commands whose label has each word of the query (core/search.h: words_match), in a fixed
// order: what the record in view offers and the timer first (with an empty query they are the
// palette's first lines), then the side bar's screens, Configuration's tabs, and what starts new
// work. A command the user's role may not send is not offered (its screen's button says why).
std::vector<Hit> commands(const Host& host, const UiState& ui, const std::string& query) {
  const State& s = host.state();
  std::vector<Hit> all = actions_in_view(host, ui);
  // The timer: stopped from anywhere, as the side bar's button; started on the ticket in view
  // (once its form is loaded: the new line's employee and description go with it).
  if (host.timer() && !host.read_only())
    all.push_back({tr("Stop timer"), [](Host& h, UiState& u) { stop_timer_now(h, u); }});
  if (!host.timer() && !host.read_only() && ui.route.screen == Screen::Ticket && ui.ticket.loaded == ui.route.id) {
    uint32_t k = s.tickets.find(s.text, ui.route.id);
    if (k != kNone) all.push_back({tr("Start timer"), [k](Host& h, UiState& u) { start_timer_on(h, u, k); }});
  }
  for (const NavItem& n : nav_items())
    all.push_back({std::string(tr("Go to")) + " " + tr(n.label), open_screen(n.screen, "")});
  for (const ConfigTab& t : config_tabs())
    all.push_back({std::string(tr("Configuration")) + ": " + tr(t.label), open_screen(Screen::Config, t.key)});
  all.push_back({std::string(tr("Timesheets")) + ": " + tr("Week"), open_screen(Screen::Timesheets, "week")});
  if (host.may_send("ticket.create")) {
    uint32_t team = team_in_view(s, ui.route);
    all.push_back({tr("New Ticket"), [team](Host&, UiState& u) {
                     u.ticket = TicketForm{};
                     u.ticket.team = team;
                     ask_focus(u.ticket.focus_title);
                     navigate(u, Screen::Ticket, "new");
                   }});
  }
  if (host.may_send("order.create"))
    all.push_back({tr("New quotation"), [](Host&, UiState& u) {
                     u.order = OrderForm{};
                     navigate(u, Screen::Order, "new");
                   }});
  std::vector<Hit> out;
  for (Hit& h : all)
    if (words_match(h.label, query)) out.push_back(std::move(h));
  return out;
}

// The hits as the palette lists them.
std::vector<Hit> labelled(const Host& host, const std::vector<SearchHit>& found) {
  const State& s = host.state();
  std::vector<Hit> out;
  for (const SearchHit& h : found) {
    switch (h.kind) {
      case HitKind::Ticket: {
        std::string who = partner_display(s, s.tickets.rows[h.rec].partner);
        out.push_back(
            {std::string(tr("Ticket")) + ": " + shown_ticket_name(host, h.rec) + (who.empty() ? "" : " — " + who),
             open_screen(Screen::Ticket, id_of(s, s.tickets, h.rec))});
        break;
      }
      case HitKind::Order:
        out.push_back({std::string(tr("Sales Order")) + ": " + order_name(s, h.rec) + " " +
                           partner_display(s, s.orders.rows[h.rec].partner),
                       open_screen(Screen::Order, id_of(s, s.orders, h.rec))});
        break;
      case HitKind::Invoice:
        out.push_back({std::string(tr("Invoice")) + ": " + shown_invoice_name(host, h.rec) + " " +
                           partner_display(s, s.invoices.rows[h.rec].partner),
                       open_screen(Screen::Invoice, id_of(s, s.invoices, h.rec))});
        break;
      case HitKind::Customer: {
        // The list, filtered on the customer (not the week grid, which has no customer filter).
        uint32_t partner = h.rec;
        out.push_back({std::string(tr("Customer")) + ": " + partner_display(s, partner), [partner](Host&, UiState& u) {
                         u.timesheets.partner = partner;
                         navigate(u, Screen::Timesheets, "list");
                       }});
        break;
      }
      // Configuration's records: their tab, with the record's form open.
      case HitKind::Product:
        out.push_back({std::string(tr("Product")) + ": " + std::string(s.str(s.products.rows[h.rec].name)),
                       [p = h.rec](Host& hs, UiState& u) {
                         navigate(u, Screen::Config, "products");
                         open_product(hs.state(), u, p);
                       }});
        break;
      case HitKind::Project:
        out.push_back({std::string(tr("Project")) + ": " + std::string(s.str(s.projects.rows[h.rec].name)),
                       [p = h.rec](Host& hs, UiState& u) {
                         navigate(u, Screen::Config, "projects");
                         open_project(hs.state(), u, p);
                       }});
        break;
      case HitKind::Task:
        out.push_back({std::string(tr("Task")) + ": " + task_display_name(s, h.rec), [t = h.rec](Host& hs, UiState& u) {
                         navigate(u, Screen::Config, "projects");
                         open_task(hs.state(), u, t);
                       }});
        break;
    }
  }
  return out;
}

}  // namespace

void draw_palette(Host& host, UiState& ui) {
  Palette& p = ui.palette;
  ImGuiIO& io = ImGui::GetIO();
  if (p.open && !ImGui::IsPopupOpen("##palette")) {
    ImGui::OpenPopup("##palette");
    p.query[0] = 0;
    // What was typed in the frame that opened it ("#12" right after Ctrl+K, or while a slow
    // frame drew) has no text field to go to: ImGui would drop it at the end of this frame.
    // It starts the query instead.
    std::string typed;
    for (ImWchar c : io.InputQueueCharacters) {
      char utf8[5];
      typed += ImTextCharToUtf8(utf8, c);  // NUL-terminated
    }
    io.InputQueueCharacters.resize(0);
    std::snprintf(p.query, sizeof p.query, "%s", typed.c_str());
    p.cursor_to_end = !typed.empty();
    // Nothing is chosen until a letter or an arrow: with an empty query the first line is what
    // the record in view offers (Post, Confirm), and Ctrl+K then a stray Enter must not run it.
    p.selected = typed.empty() ? -1 : 0;
  }
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, px(90)), ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(px(560), px(420)));
  if (!ImGui::BeginPopupModal("##palette", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize)) return;
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  // Focusing a field selects its text: a query typed before the field took the keyboard would be
  // replaced by the next key. The cursor goes after it instead.
  auto after_typed = [](ImGuiInputTextCallbackData* data) {
    bool& to_end = *static_cast<bool*>(data->UserData);
    if (to_end) {  // called while the field is active only
      data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
      to_end = false;
    }
    return 0;
  };
  bool moved = false;  // the chosen hit changed: it is scrolled into view below
  if (ImGui::InputTextWithHint("##palette-query", tr("Search…"), p.query, sizeof p.query,
                               ImGuiInputTextFlags_CallbackAlways, after_typed, &p.cursor_to_end)) {
    p.selected = p.query[0] ? 0 : -1;  // typing chooses the first hit; an emptied query, none
    moved = true;
  }
  // Up and Down choose a hit and the query keeps the keyboard: ImGui's keyboard navigation took
  // them and moved the focus off the field, so the next letter typed went nowhere.
  ImGui::SetItemKeyOwner(ImGuiKey_UpArrow);
  ImGui::SetItemKeyOwner(ImGuiKey_DownArrow);
  // Commands first: a few labels, matched each frame. Records are searched again only when the
  // query or the state changes (a rare word scans every ticket of a large workspace).
  auto search = [](const State& st, const std::string& q) { return search_records(st, q); };
  std::vector<Hit> hits = commands(host, ui, p.query);
  for (Hit& h : labelled(host, p.hits.get(host.state(), std::string(p.query), search))) hits.push_back(std::move(h));
  if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) {
    p.selected = std::min<int>(p.selected + 1, static_cast<int>(hits.size()) - 1);
    moved = true;
  }
  if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) {
    p.selected = std::max(p.selected - 1, 0);
    moved = true;
  }
  bool go = ImGui::IsKeyPressed(ImGuiKey_Enter);
  // The hits scroll under the query, and the one the arrows chose is kept in view (it went below
  // the box after the first screenful, with the query scrolled away above).
  ImGui::BeginChild("##palette-hits");
  if (moved && p.selected < 0) ImGui::SetScrollY(0);  // the query emptied: back to the top
  for (int i = 0; i < static_cast<int>(hits.size()); ++i) {
    ImGui::PushID(i);
    if (ImGui::Selectable(hits[i].label.c_str(), i == p.selected)) {
      p.selected = i;
      go = true;
    }
    if (i == p.selected && moved) ImGui::SetScrollHereY();
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (go && p.selected >= 0 && p.selected < static_cast<int>(hits.size())) {
    hits[p.selected].run(host, ui);
    p.open = false;
    ImGui::CloseCurrentPopup();
  }
  if (ImGui::IsKeyPressed(ImGuiKey_Escape)) {
    p.open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace deskbill::ui
