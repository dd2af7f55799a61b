// One draw function per screen (each in its own file). A panel reads the state through the
// host and emits ops; its own view state lives in UiState.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "ui/host.h"
#include "ui/ui_state.h"

namespace deskbill::ui {

void draw_app(Host& host, UiState& ui);  // navigation, banners, the current screen, palette
// The side bar's screens, in its order (app_ui.cpp); the palette offers each as "Go to …".
struct NavItem {
  const char* label;
  Screen screen;
};
const std::vector<NavItem>& nav_items();
// Configuration's tabs in their order: the label and the route's id (#/config/<key>), which
// opens the tab; the palette offers each as "Configuration: …" (config.cpp).
struct ConfigTab {
  const char* label;
  const char* key;
};
const std::vector<ConfigTab>& config_tabs();

void draw_helpdesk(Host& host, UiState& ui);     // team cards
void draw_pipeline(Host& host, UiState& ui);     // a team's tickets by stage
void draw_ticket_form(Host& host, UiState& ui);  // ticket + Timesheets tab
void draw_orders(Host& host, UiState& ui);       // quotations and orders
void draw_order_form(Host& host, UiState& ui);
void draw_invoice_wizard(Host& host, UiState& ui);  // Create Invoice dialog
void draw_invoices(Host& host, UiState& ui);
void draw_invoice_form(Host& host, UiState& ui);
void draw_timesheets(Host& host, UiState& ui);  // all entries + week grid
void draw_config(Host& host, UiState& ui);
void draw_reports(Host& host, UiState& ui);
void draw_conflicts(Host& host, UiState& ui);
void draw_settings(Host& host, UiState& ui);
void draw_palette(Host& host, UiState& ui);  // Ctrl+K
// Configuration → Projects: projects, their tasks, hours and tickets (projects.cpp).
void projects_tab(Host& host, UiState& ui);
void open_project(const State& s, UiState& ui, uint32_t project);
// The task's project, with the task's fields open under it.
void open_task(const State& s, UiState& ui, uint32_t task);
// Configuration → Products: the open product's every field (product_form.cpp).
void draw_product_editor(Host& host, UiState& ui);
void open_product(const State& s, UiState& ui, uint32_t rec);
// "Create and edit…" from a product picker (product_form.cpp): the dialog, named after what was
// typed; returns the new product once it was created, else kNone.
void start_new_product(NewProductForm& f, const std::string& typed);
uint32_t draw_new_product_dialog(Host& host, UiState& ui, NewProductForm& f);
// Configuration → Customers: the open customer's fields (customer_form.cpp).
void draw_customer_editor(Host& host, UiState& ui);
void open_customer(const State& s, UiState& ui, uint32_t rec);
// Settings → Company: the profile every invoice prints (customer_form.cpp).
void draw_company_profile(Host& host, UiState& ui);
// The running timer, on every screen (timer_bar.cpp): its ticket, the time so far, Stop.
void draw_timer_bar(Host& host, UiState& ui);
// "Stop timer 00:12:34": logs the line (core/timer.h) and clears the timer in one flush.
void draw_stop_timer(Host& host, UiState& ui, const char* id);
// What that button does (also Ctrl+K's "Stop timer"); nothing when no timer runs or the tab is
// read-only.
void stop_timer_now(Host& host, UiState& ui);
// Starts the timer on ticket k (ticket_form.cpp: its Start timer button and Ctrl+K's command),
// for the employee of the ticket's new line, else its assignee; nothing when a timer runs.
void start_timer_on(Host& host, UiState& ui, uint32_t k);

// An action on the record a form shows (Confirm, Create Invoice, Post, …): the form draws it as a
// button, and Ctrl+K offers it as a command, so both run the same thing.
struct RecordAction {
  std::string label;   // the button's text, translated
  std::string widget;  // the button's ImGui id ("##post-invoice"; "###lock-order" when the text changes)
  const char* kind;    // the op it sends, whose role check disables it; nullptr for none (Print)
  std::function<void(Host&, UiState&)> run;
};
// What an order's header offers for its state, in Odoo's order (order_form.cpp).
std::vector<RecordAction> order_actions(const Host& host, uint32_t order);
// What an invoice's header offers for its state and payment (invoice_form.cpp).
std::vector<RecordAction> invoice_actions(const Host& host, uint32_t invoice);
// What a ticket offers besides its fields: its Sales Order (the smart button, when the ticket has a
// line) and each other stage (ticket_form.cpp).
std::vector<RecordAction> ticket_actions(const Host& host, uint32_t ticket);
// The actions on one row, each disabled (with the reason) when the user's role may not send it.
void draw_action_row(Host& host, UiState& ui, const std::vector<RecordAction>& actions);

// The printable invoice as a standalone HTML page.
// provisional: posted by an op not yet ordered by the server (printed with a PROVISIONAL mark).
std::string invoice_html(const State& s, uint32_t invoice, bool provisional = false);

}  // namespace deskbill::ui
