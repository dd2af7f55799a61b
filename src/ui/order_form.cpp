// The sales order form: customer, lines with Delivered / Invoiced / remaining hours, Confirm,
// Cancel, Lock, Create Invoice, and what is linked to it (tasks, tickets, invoices).
#include <cstdio>

#include "core/names.h"
#include "core/order_links.h"
#include "core/tax_math.h"
#include "ui/i18n.h"
#include "ui/invoice_labels.h"
#include "ui/panels.h"
#include "ui/widgets.h"

namespace deskbill::ui {
namespace {

void draw_new(Host& host, UiState& ui) {
  const State& s = host.state();
  title(tr("New quotation"));
  pick(tr("Customer"), partner_choices(s), ui.order.partner, "—");
  if (action_button(host, std::string(tr("Create")) + "##create-order", "order.create")) {
    std::string id = host.new_id();
    if (ui.order.partner == kNone) {
      ui.error = tr("Choose a customer.");
      host.announce(ui.error);
      return;
    }
    if (run_op(host, ui, {{"kind", "order.create"}, {"id", id}, {"partner", id_of(s, s.partners, ui.order.partner)}},
               "Quotation created"))
      navigate(ui, Screen::Order, id);
  }
}

void draw_lines(Host& host, UiState& ui, uint32_t o) {
  const State& s = host.state();
  const Order& ord = s.orders.rows[o];
  OrderForm& f = ui.order;
  if (ImGui::BeginTable("##lines", 10,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* h : {"Product", "Quantity", "Delivered", "Invoiced", "Unit Price", "Discount %", "Taxes",
                          "Subtotal", "Status", ""})
      ImGui::TableSetupColumn(h[0] ? tr(h) : "##a");
    ImGui::TableHeadersRow();
    for (uint32_t l = ord.line_head; l != kNone; l = s.lines.rows[l].next) {
      const OrderLine& line = s.lines.rows[l];
      if (line.deleted) continue;
      ImGui::PushID(static_cast<int>(l));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (line.kind == LineKind::Section || line.kind == LineKind::Note) {
        ImGui::PushFont(bold_font());
        ImGui::TextUnformatted(std::string(s.str(line.name)).c_str());
        ImGui::PopFont();
        ImGui::PopID();
        continue;
      }
      LineAmounts am = line_amounts(s, line.price, line.qty, line.discount_bp, line.taxes);
      ImGui::TextUnformatted(std::string(s.str(line.name)).c_str());
      if (remaining_hours_available(s, l) && ord.state == OrderState::Sale) {
        Qty rem = remaining_hours(s, l);
        text_colored(rem < 0 ? colors::kRed : colors::kGrey, (hours_hhmm(rem) + " " + tr("remaining")).c_str());
        if (over_prepaid(s, l)) {
          ImGui::SameLine();
          badge(tr("Over the prepaid hours"), colors::kRed);
        }
      }
      bool editing = f.editing_line == id_of(s, s.lines, l);
      ImGui::TableNextColumn();
      std::string unit = line.uom == kNone ? "" : " " + std::string(s.str(s.uoms.rows[line.uom].name));
      if (editing && line.kind == LineKind::Product) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##q", f.edit_qty, sizeof f.edit_qty);
      } else
        ImGui::TextUnformatted((qty_text(line.qty) + unit).c_str());
      ImGui::TableNextColumn();
      bool manual = line.product != kNone && s.products.rows[line.product].policy == ServicePolicy::Manual;
      if (editing && manual) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##d", f.edit_delivered, sizeof f.edit_delivered);
      } else
        ImGui::TextUnformatted(qty_text(qty_delivered(s, l)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(qty_text(qty_invoiced(s, l)).c_str());
      ImGui::TableNextColumn();
      if (editing && line.kind == LineKind::Product) {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputText("##p", f.edit_price, sizeof f.edit_price);
      } else
        ImGui::TextUnformatted(money_text(line.price).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_decimal(line.discount_bp, 2, 2).c_str());
      ImGui::TableNextColumn();
      // Taxes change on quotations only (a confirmed order's lines are what was sold).
      if (editing && ord.state == OrderState::Draft)
        pick_taxes("##t", s, f.edit_taxes, -1);
      else
        ImGui::TextUnformatted(taxes_text(s, line.taxes).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(money_text(am.subtotal).c_str());
      ImGui::TableNextColumn();
      if (ord.state == OrderState::Sale) status_badge(line_status(s, l));
      ImGui::TableNextColumn();
      if (line.kind == LineKind::Product && ord.state != OrderState::Cancel) {
        if (!editing && ImGui::SmallButton(tr("Edit"))) {
          f.editing_line = id_of(s, s.lines, l);
          std::snprintf(f.edit_qty, sizeof f.edit_qty, "%s", qty_text(line.qty).c_str());
          std::snprintf(f.edit_price, sizeof f.edit_price, "%s", format_money(line.price).c_str());
          std::snprintf(f.edit_delivered, sizeof f.edit_delivered, "%s", qty_text(line.manual_delivered).c_str());
          f.edit_taxes = line.taxes;
        }
        if (editing) {
          if (ImGui::SmallButton(tr("Save"))) {
            nlohmann::json op = {{"kind", "order.update_line"}, {"id", f.editing_line}};
            if (std::string(f.edit_qty) != qty_text(line.qty)) op["qty"] = f.edit_qty;
            if (std::string(f.edit_price) != format_money(line.price)) op["price"] = f.edit_price;
            if (manual && std::string(f.edit_delivered) != qty_text(line.manual_delivered))
              op["delivered"] = f.edit_delivered;
            if (!(f.edit_taxes == line.taxes)) op["taxes"] = taxes_json(s, f.edit_taxes);
            if (op.size() == 2 || run_op(host, ui, op, "Line saved")) f.editing_line.clear();
          }
          ImGui::SameLine();
          if (ImGui::SmallButton("x")) f.editing_line.clear();
        } else if (ord.state == OrderState::Draft) {
          ImGui::SameLine();
          if (ImGui::SmallButton(tr("Delete")))
            run_op(host, ui, {{"kind", "order.remove_line"}, {"id", id_of(s, s.lines, l)}});
        }
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::PushFont(bold_font());
  InvoiceTotals totals = order_totals(s, o);
  std::string line = std::string(tr("Untaxed")) + ": " + money_text(totals.untaxed);
  for (const TaxAmount& ta : totals.by_tax)
    line += "    " + std::string(s.str(s.taxes.rows[ta.tax].name)) + ": " + money_text(ta.amount);
  line += "    " + std::string(tr("Total")) + ": " + money_text(totals.total);
  value_text("%s", line.c_str());
  ImGui::PopFont();
  if (ord.state == OrderState::Cancel || ord.locked) return;
  // Add a product line.
  std::string create;
  // The row wraps where it does not fit (large fonts, Romanian labels) instead of running off.
  bool chose =
      pick_or_create("##add-product", product_choices(s), f.add_product, tr("Choose a product"),
                     begin_field(tr("Product"), px(260), true), host.may_send("product.create") ? &create : nullptr);
  end_field();
  if (chose && f.add_product != kNone)
    f.add_taxes = s.products.rows[f.add_product].taxes;  // the product's taxes, changeable below
  if (!create.empty()) start_new_product(f.new_product, create);
  if (uint32_t made = draw_new_product_dialog(host, ui, f.new_product); made != kNone) {
    f.add_product = made;  // the line being added takes the product just made
    f.add_taxes = host.state().products.rows[made].taxes;
  }
  // Enter in a number adds the line, as in a ticket's timesheet row (run_op checks the role).
  const ImGuiInputTextFlags enter_adds = ImGuiInputTextFlags_EnterReturnsTrue;
  ImGui::SetNextItemWidth(begin_field(tr("Quantity"), px(80)));
  bool enter = ImGui::InputText("##add-qty", f.add_qty, sizeof f.add_qty, enter_adds);
  end_field();
  // Empty: the product's price.
  ImGui::SetNextItemWidth(begin_field(tr("Unit Price"), px(90)));
  enter |= ImGui::InputText("##add-price", f.add_price, sizeof f.add_price, enter_adds);
  end_field();
  ImGui::SetNextItemWidth(begin_field(tr("Discount %"), px(70)));
  enter |= ImGui::InputText("##add-discount", f.add_discount, sizeof f.add_discount, enter_adds);
  end_field();
  pick_taxes("##add-taxes", s, f.add_taxes, begin_field(tr("Taxes"), px(170)));
  end_field();
  bool add = row_action(host, "Add a line", "##add-order-line", "order.add_line") || enter;
  if (add) {
    if (f.add_product == kNone) {
      ui.error = tr("Choose a product.");
      host.announce(ui.error);
      return;
    }
    nlohmann::json op = {{"kind", "order.add_line"},
                         {"id", host.new_id()},
                         {"order", ui.route.id},
                         {"product", id_of(s, s.products, f.add_product)},
                         {"qty", f.add_qty}};
    if (f.add_price[0]) op["price"] = f.add_price;
    if (f.add_discount[0]) op["discount"] = f.add_discount;
    op["taxes"] = taxes_json(s, f.add_taxes);
    if (run_op(host, ui, op)) {
      f.add_product = kNone;
      f.add_taxes = TaxSet{};
      std::snprintf(f.add_qty, sizeof f.add_qty, "1");
      f.add_price[0] = f.add_discount[0] = 0;
    }
  }
}

void draw_links(Host& host, UiState& ui, uint32_t o) {
  const State& s = host.state();
  const OrderLinks& links = ui.order_links.get(s, o, order_links);
  if (!links.invoices.empty()) {
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(tr("Invoices"));
    ImGui::PopFont();
    for (uint32_t i : links.invoices) {
      ImGui::PushID(static_cast<int>(i));
      std::string label = shown_invoice_name(host, i) + "  " + money_text(invoice_totals(s, i).total) + "  " +
                          shown_invoice_state(host, i);
      if (ImGui::Selectable(label.c_str())) navigate(ui, Screen::Invoice, id_of(s, s.invoices, i));
      ImGui::PopID();
    }
  }
  if (!links.tickets.empty()) {
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(tr("Tickets"));
    ImGui::PopFont();
  }
  for (uint32_t k : links.tickets) {
    ImGui::PushID(static_cast<int>(k) + 1000000);
    if (ImGui::Selectable(shown_ticket_name(host, k).c_str())) navigate(ui, Screen::Ticket, id_of(s, s.tickets, k));
    ImGui::PopID();
  }
  if (!links.tasks.empty()) {
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(tr("Task"));
    ImGui::PopFont();
  }
  for (uint32_t t : links.tasks) ImGui::BulletText("%s", std::string(s.str(s.tasks.rows[t].name)).c_str());
}

}  // namespace

std::vector<RecordAction> order_actions(const Host& host, uint32_t o) {
  const State& s = host.state();
  const Order& ord = s.orders.rows[o];
  std::string id(id_of(s, s.orders, o));
  std::vector<RecordAction> out;
  if (ord.state == OrderState::Draft)
    out.push_back(
        {tr("Confirm"), "##confirm-order", "order.confirm", [id](Host& h, UiState& u) {
           run_op(h, u, {{"kind", "order.confirm"}, {"id", id}, {"date", format_day(h.today())}}, "Order confirmed");
         }});
  if (ord.state == OrderState::Sale) {
    out.push_back({tr("Create Invoice"), "##create-invoice", "invoice.create", [id](Host&, UiState& u) {
                     u.wizard = InvoiceWizard{};
                     u.wizard.open = true;
                     u.wizard.orders = {id};
                   }});
    const char* kind = ord.locked ? "order.unlock" : "order.lock";
    out.push_back({ord.locked ? tr("Unlock") : tr("Lock"), "###lock-order", kind, [id, kind](Host& h, UiState& u) {
                     run_op(h, u, {{"kind", kind}, {"id", id}});
                   }});
  }
  if (ord.state != OrderState::Cancel)
    out.push_back({tr("Cancel"), "##cancel-order", "order.cancel", [id](Host& h, UiState& u) {
                     run_op(h, u, {{"kind", "order.cancel"}, {"id", id}});
                   }});
  else
    out.push_back({tr("Set to quotation"), "###to-quotation", "order.to_quotation", [id](Host& h, UiState& u) {
                     run_op(h, u, {{"kind", "order.to_quotation"}, {"id", id}});
                   }});
  return out;
}

void draw_order_form(Host& host, UiState& ui) {
  const State& s = host.state();
  if (ui.route.id == "new") return draw_new(host, ui);
  uint32_t o = s.orders.find(s.text, ui.route.id);
  if (o == kNone) {
    ImGui::TextUnformatted(tr("This order does not exist."));
    return;
  }
  const Order& ord = s.orders.rows[o];
  if (ImGui::SmallButton(tr("Orders"))) navigate(ui, Screen::Orders);
  ImGui::SameLine();
  ImGui::TextDisabled("/");
  ImGui::SameLine();
  title(order_name(s, o).c_str());
  ImGui::SameLine();
  badge(ord.state == OrderState::Draft  ? tr("Quotation")
        : ord.state == OrderState::Sale ? tr("Sales Order")
                                        : tr("Cancelled"),
        ord.state == OrderState::Sale ? colors::kGreen : colors::kGrey);
  if (ord.state == OrderState::Sale) {
    ImGui::SameLine();
    status_badge(order_status(s, o));
  }
  if (ord.locked) {
    ImGui::SameLine();
    badge(tr("Locked"), colors::kGrey);
  }
  draw_action_row(host, ui, order_actions(host, o));
  ImGui::Separator();
  value_text("%s: %s", tr("Customer"), std::string(s.str(s.partners.rows[ord.partner].name)).c_str());
  if (ord.date_order != kNoDay) value_text("%s: %s", tr("Date"), format_day(ord.date_order).c_str());
  ImGui::Spacing();
  draw_lines(host, ui, o);
  ImGui::Spacing();
  draw_links(host, ui, o);
}

}  // namespace deskbill::ui
