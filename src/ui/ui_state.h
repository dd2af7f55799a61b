// The UI's own view state: where the user is (the route, mirrored in the URL hash) and what each
// screen holds between frames (form buffers, filters, selections). Never business data.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/order_links.h"
#include "core/report_queries.h"
#include "core/search.h"
#include "core/state.h"
#include "core/team_overview.h"
#include "core/text_limits.h"
#include "core/timesheet_queries.h"
#include "core/week_cell.h"

namespace deskbill::ui {

enum class Screen {
  Helpdesk,
  Pipeline,
  Ticket,
  Orders,
  Order,
  Invoices,
  Invoice,
  Timesheets,
  Config,
  Reports,
  Conflicts,
  Settings
};

struct Route {
  Screen screen = Screen::Helpdesk;
  std::string id;  // record id for form screens; team id for the pipeline; tab for config
  bool operator==(const Route& o) const { return screen == o.screen && id == o.id; }
};
std::string route_hash(const Route& r);
Route parse_route(const std::string& hash);

// A field that is to take the keyboard (widgets.h: ask_focus, focus_next_field): asked until it
// has it; a click cancels it, except the click that asked.
struct FocusRequest {
  bool pending = false;
  int asked_in_frame = -1;
};

struct TicketForm {
  std::string loaded;  // id the buffers were loaded from ("" = not loaded, "new" = new ticket)
  uint64_t version = 0;
  char title[kMaxTitle + 1] = "";
  FocusRequest focus_title;  // a new ticket's form takes the keyboard at its title
  uint32_t partner = kNone, team = kNone, assignee = kNone, sale_line = kNone, task = kNone;
  // New ticket: the user chose the Sales Order Item (else the form shows, and Create leaves to
  // the fold, the R10 default for the customer, team and task picked so far).
  bool sale_line_chosen = false;
  int stage = 0;
  // the "Add a line" row of the Timesheets tab, or the line being edited
  std::string editing_ts;
  char ts_date[16] = "";
  uint32_t ts_employee = kNone;
  char ts_desc[kMaxDescription + 1] = "";
  char ts_hours[16] = "";
  bool ts_billable = true;
  uint32_t ts_sale_line = kNone;
  // The height of what follows the timesheet table (its total, the add row, the hours left), as
  // the last frame drew it: the table takes the rest of the window, and scrolls only beyond it.
  float below_table = 0;
};

// "Create and edit…" from a product picker: a new product's fields in a dialog.
struct NewProductForm {
  bool open = false;
  char name[kMaxName + 1] = "", price[24] = "", cost[24] = "";
  int policy = 1;  // Based on Timesheets, as in Configuration
  uint32_t uom = kNone;
  TaxSet taxes;
};

struct OrderForm {
  std::string loaded;
  uint32_t partner = kNone;
  uint32_t add_product = kNone;
  char add_qty[24] = "1";
  char add_price[24] = "";
  char add_discount[16] = "";
  TaxSet add_taxes;  // defaulted from the product when it is picked
  NewProductForm new_product;
  std::string editing_line;
  char edit_qty[24] = "", edit_price[24] = "", edit_delivered[24] = "";
  TaxSet edit_taxes;
};

struct InvoiceWizard {
  bool open = false;
  std::vector<std::string> orders;
  int method = 0;  // 0 regular, 1 percentage, 2 fixed
  char amount[24] = "";
  bool deduct = true, consolidated = true;
  char start[16] = "", end[16] = "";
  std::string error;
};

struct InvoiceForm {
  std::string editing_line;
  char edit_qty[24] = "", edit_price[24] = "", edit_discount[24] = "";
  TaxSet edit_taxes;
  char pay_amount[24] = "";
  char pay_date[16] = "";
  std::string paying;         // the invoice whose payment is being registered (its fields show on it only)
  FocusRequest focus_amount;  // Register payment was just asked for: its amount takes the keyboard
};

// A period's two days as typed ("YYYY-MM-DD", or empty for an open side).
struct PeriodText {
  char start[16] = "", end[16] = "";
};

// A line of the Timesheets list opened for editing (its Edit button): the fields a line has on
// whatever it was logged on, a ticket, a task or a project.
struct TimesheetLineForm {
  uint32_t rec = kNone;  // kNone: no line open
  char date[16] = "", description[kMaxDescription + 1] = "", hours[16] = "";
  uint32_t employee = kNone;
  uint32_t sale_line = kNone;  // kNone: non-billable
};

struct TimesheetFilters {
  TimesheetLineForm line;
  uint32_t employee = kNone, partner = kNone;
  int billable = 0;  // 0 all, 1 billable, 2 non-billable
  int invoiced = 0;  // 0 all, 1 invoiced, 2 not invoiced
  PeriodText period;
  int tab = 0;  // the tab shown: 0 the list, 1 the week grid (#/timesheets/list, #/timesheets/week)
  uint32_t grid_employee = kNone;
  char grid_week[16] = "";
  // The week grid's cell being typed in (none: day kNoDay) and its text; sent when it is left.
  WeekCell grid_cell;
  char grid_text[16] = "";
  // Rows added with "Add a line" for a ticket, task or project with no time yet in the week shown
  // (for that employee and week only), and the picker's choice (a place in subjects_to_log_on).
  std::vector<LogSubject> grid_added;
  std::pair<uint32_t, Day> grid_added_for{kNone, kNoDay};
  uint32_t grid_add = kNone;
  // the queries' results, recomputed only when the state or the filters change
  Cached<TimesheetFilter, TimesheetSelection> list;
  Cached<std::pair<uint32_t, Day>, WeekGrid> week;
};

struct ConfigForms {
  int tab = 0;
  char name[kMaxName + 1] = "", extra[kMaxEmail + 1] = "", price[24] = "", cost[24] = "", rate[24] = "",
                       factor[24] = "";
  int policy = 1;
  uint32_t uom = kNone, parent = kNone, project = kNone;
  bool flag = false, flag2 = false;
  TaxSet taxes;
};

// The product being edited in Configuration → Products (every field a product has).
struct ProductForm {
  uint32_t rec = kNone;  // kNone: no product open
  char name[kMaxName + 1] = "", price[24] = "", cost[24] = "", upsell[24] = "";
  int policy = 1;
  uint32_t uom = kNone, project = kNone;
  TaxSet taxes;
  bool creates_task = false, active = true;
};

// Configuration → Customers: the customer being edited (what its invoices print).
struct CustomerForm {
  uint32_t rec = kNone;  // kNone: no customer open
  char name[kMaxName + 1] = "", email[kMaxEmail + 1] = "", address[kMaxAddress + 1] = "", vat[kMaxVat + 1] = "",
                       payment_days[8] = "";
  uint32_t parent = kNone;
};

// Settings → Company: the profile printed at the top of every invoice.
struct CompanyForm {
  uint64_t loaded_version = UINT64_MAX;  // reloaded when the state changed under an unedited form
  bool dirty = false;
  char name[kMaxName + 1] = "", address[kMaxAddress + 1] = "", vat[kMaxVat + 1] = "",
                       bank_account[kMaxBankAccount + 1] = "", email[kMaxEmail + 1] = "";
};

// Configuration → Projects: the open project and task, and the "new" rows.
struct ProjectsForm {
  uint32_t project = kNone, partner = kNone, sale_line = kNone;
  char name[kMaxName + 1] = "";
  bool timesheets = true, billable = false;
  uint32_t task = kNone, task_partner = kNone, task_sale_line = kNone;
  char task_name[kMaxName + 1] = "", new_task[kMaxName + 1] = "", new_name[kMaxName + 1] = "";
  uint32_t new_partner = kNone;
  bool new_billable = true;
  uint64_t hours_version = UINT64_MAX;  // hours per task, recomputed when the state changes
  std::vector<Qty> hours;
};

struct Palette {
  bool open = false;
  char query[128] = "";
  int selected = 0;
  bool cursor_to_end = false;  // the query was typed before its field took the keyboard
  Cached<std::string, std::vector<SearchHit>> hits;
};

// Derived lists, rebuilt only when the state's version changes (lists of any size stay smooth).
struct PipelineCache {
  uint64_t version = UINT64_MAX;
  uint32_t team = kNone;
  std::vector<uint32_t> by_stage[4];
};

struct ReportCache {
  PeriodText period;  // the hours tabs' From and To
  Cached<HoursQuery, std::vector<HoursRow>> hours;
  Cached<DayRange, BillableSplit> split;
  Cached<NoArgs, std::vector<uint32_t>> prepaid, uninvoiced;
};

// One step of Ctrl+Z: the op that takes the user's edit back (core/inverse.h).
struct UndoEntry {
  nlohmann::json inverse;
  std::string label;  // what was done, shown as "Undone: …"
};

struct UiState {
  Route route;
  std::vector<UndoEntry> undo;  // newest last, at most 50
  // The app draws only on input; a screen that changes by itself (a running timer, a toast that
  // goes away) asks for a frame at this host time (ms, 0 = none). Reset every frame.
  double wake_at = 0;
  ReportCache report;
  Cached<Day, TeamOverview> helpdesk;  // by today's date
  PipelineCache pipeline;
  uint32_t selected_ticket = kNone;
  bool route_from_url = false;
  std::string error, error_code;  // last refused op, shown in a modal
  std::string notice;             // last success, shown briefly
  double notice_until = 0;
  bool notice_problem = false;     // a problem the host told: red, and shown longer
  uint64_t host_message_seen = 0;  // the seq of the host's last message shown (Host::message)
  TicketForm ticket;
  OrderForm order;
  InvoiceWizard wizard;
  InvoiceForm invoice;
  TimesheetFilters timesheets;
  ConfigForms config;
  ProductForm product;
  CustomerForm customer;
  Cached<uint32_t, OrderLinks> order_links;      // the open order's invoices, tickets and tasks
  Cached<uint32_t, InvoiceLinks> invoice_links;  // the open invoice's orders and payments
  CompanyForm company;
  ProjectsForm projects;
  Palette palette;
  char list_filter[128] = "";
  int report_tab = 0;
  float font_px = 16.f;
  char sync_url[256] = "", sync_workspace[64] = "", sync_token[128] = "";
  bool sync_loaded = false;
};

}  // namespace deskbill::ui
