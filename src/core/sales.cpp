// Handlers for quotations and sales orders: lines, confirmation (with task creation),
// cancellation and locking (E5–E10).
#include <cstdio>

#include "core/billing.h"
#include "core/handlers.h"
#include "core/links.h"

namespace deskbill {

static uint32_t live_order(const State& s, const OpArgs& a, const char* key) {
  return a.ref(key, s.orders, "sales order", true);
}

static uint32_t live_line(const State& s, const OpArgs& a) {
  uint32_t rec = existing(s, a, s.lines, "order line");
  if (s.lines.rows[rec].deleted) refuse("deleted", "This order line was removed.");
  return rec;
}

static Qty order_qty(const OpArgs& a, Qty fallback) {
  Qty q = a.qty("qty", false, fallback);
  if (q < 0) refuse("negative_quantity", "The ordered quantity cannot be negative.");
  return round_to_step(q, kQtyCent, Rounding::HalfUp);  // 'Product Unit' precision: 2 decimals
}

static int64_t discount_of(const OpArgs& a, int64_t fallback) {
  int64_t d = a.percent_bp("discount", fallback);
  if (d < 0 || d > kPercentOneBp) refuse("bad_discount", "A discount must be between 0 and 100 %.");
  return d;
}

static void check_uom(const State& s, uint32_t uom, uint32_t product) {
  uint32_t pu = s.products.rows[product].uom;
  if (!same_uom_category(s, uom, pu)) {
    std::string m = odoo::kUomCategory;
    m.replace(m.find("%(unit)s"), 8, std::string(s.str(s.uoms.rows[uom].name)));
    m.replace(m.find("%(product_unit)s"), 16, std::string(s.str(s.uoms.rows[pu].name)));
    refuse("uom_category", m);
  }
}

// Product price in the line's unit: 90/h sold per Day is 720.
static Money price_in_uom(const State& s, uint32_t product, uint32_t uom) {
  const Product& p = s.products.rows[product];
  Qty per = convert(s, kQtyOne, uom, p.uom, Rounding::HalfUp, false);
  return round_div(static_cast<__int128>(p.price) * per, kQtyOne, Rounding::HalfUp);
}

// Confirmed lines of a task-creating product get their task in the product's project.
static void create_task_for(State& s, uint32_t line) {
  OrderLine& l = s.lines.rows[line];
  if (l.kind != LineKind::Product || l.product == kNone || l.task != kNone) return;
  const Product& p = s.products.rows[l.product];
  if (!p.creates_task || p.project == kNone) return;
  std::string id = std::string(s.lines.ids.id_of(s.text, line)) + "/task";
  if (s.tasks.find(s.text, id) != kNone) return;
  const Order& o = s.orders.rows[l.order];
  Task t;
  char num[16];
  std::snprintf(num, sizeof num, "S%05u", o.number);
  t.name = s.text.add(std::string(num) + " - " + std::string(s.str(l.name)));
  t.project = p.project;
  t.partner = o.partner;
  t.sale_line = line;
  uint32_t task = s.tasks.add(s.text, id, t);
  s.lines.rows[line].task = task;
}

void op_order_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.orders, "sales order");
  Order o;
  o.partner = a.ref("partner", s.partners, "customer", true);
  o.date_order = a.day("date", false);
  o.number = s.last_order_number + 1;
  s.last_order_number = o.number;
  uint32_t rec = s.orders.add(s.text, id, o);
  add_order_to_customer(s, rec);
}

void op_order_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.orders, "sales order");
  Order& o = s.orders.rows[rec];
  if (!a.has("partner")) return;
  uint32_t p = a.ref("partner", s.partners, "customer", true);
  if (o.state != OrderState::Draft) refuse("order_confirmed", "The customer of a confirmed order cannot be changed.");
  if (p == o.partner) return;
  // Move the order to the new customer's list (R10 index).
  uint32_t cp = commercial_partner(s, o.partner);
  uint32_t* link = &s.partners.rows[cp].order_head;
  while (*link != kNone && *link != rec) link = &s.orders.rows[*link].next_of_customer;
  if (*link == rec) *link = o.next_of_customer;
  o.partner = p;
  add_order_to_customer(s, rec);
}

void op_order_add_line(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.lines, "order line");
  uint32_t order = live_order(s, a, "order");
  const Order& o = s.orders.rows[order];
  if (o.state == OrderState::Cancel) refuse("order_cancelled", "Lines cannot be added to a cancelled order.");
  if (o.locked) refuse("order_locked", std::string(odoo::kLockedFields) + "Product");
  OrderLine l;
  std::string display = a.text("display", false);
  std::string name = a.text("name", false, 2000);
  if (display == "section" || display == "note") {
    l.kind = display == "section" ? LineKind::Section : LineKind::Note;
    if (name.empty()) refuse("missing_field", "A section or note needs a text.");
  } else if (!display.empty()) {
    refuse("bad_field", "Field 'display' must be 'section' or 'note'.");
  } else {
    l.product = a.ref("product", s.products, "product", true);
    const Product& p = s.products.rows[l.product];
    if (!p.active) refuse("archived_product", "This product is archived.");
    l.uom = a.ref("uom", s.uoms, "unit of measure", false);
    if (l.uom == kNone) l.uom = p.uom;
    check_uom(s, l.uom, l.product);
    l.qty = order_qty(a, kQtyOne);
    l.price = a.money("price", false, price_in_uom(s, l.product, l.uom));
    if (l.price < 0) refuse("negative_amount", "A unit price cannot be negative.");
    l.discount_bp = discount_of(a, 0);
    l.taxes = a.taxes("taxes", p.taxes);
    if (name.empty()) name = std::string(s.str(p.name));
  }
  l.name = s.text.add(name);
  uint32_t rec = s.lines.add(s.text, id, l);
  append_order_line(s, order, rec);
  if (o.state == OrderState::Sale) create_task_for(s, rec);
}

void op_order_update_line(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_line(s, a);
  OrderLine l = s.lines.rows[rec];
  const Order& o = s.orders.rows[l.order];
  if (a.has("display")) {
    std::string d = a.text("display", false);
    LineKind k = d == "section" ? LineKind::Section : d == "note" ? LineKind::Note : LineKind::Product;
    if (k != l.kind) refuse("line_type", odoo::kChangeLineType);
  }
  if (o.locked) {
    static const std::pair<const char*, const char*> kProtected[] = {
        {"product", "Product"}, {"name", "Description"}, {"price", "Unit Price"},     {"uom", "Unit of Measure"},
        {"qty", "Quantity"},    {"taxes", "Taxes"},      {"discount", "Discount (%)"}};
    std::string fields;
    for (auto& f : kProtected)
      if (a.has(f.first)) fields += (fields.empty() ? "" : "\n") + std::string("- ") + f.second;
    if (!fields.empty()) refuse("order_locked", std::string(odoo::kLockedFields) + fields);
  }
  if (o.state == OrderState::Cancel) refuse("order_cancelled", "The lines of a cancelled order cannot be changed.");
  std::string name = a.text("name", false, 2000);
  if (l.kind == LineKind::Product) {
    if (a.has("product")) {
      uint32_t p = a.ref("product", s.products, "product", true);
      if (p != l.product && o.state == OrderState::Sale &&
          (qty_invoiced(s, rec) != 0 || qty_delivered(s, rec) != 0 || l.ts_head != kNone))
        refuse("modify_product", odoo::kModifyProduct);
      l.product = p;
    }
    if (a.has("uom")) l.uom = a.ref("uom", s.uoms, "unit of measure", true);
    check_uom(s, l.uom, l.product);
    l.qty = order_qty(a, l.qty);
    l.price = a.money("price", false, l.price);
    if (l.price < 0) refuse("negative_amount", "A unit price cannot be negative.");
    l.discount_bp = discount_of(a, l.discount_bp);
    l.taxes = a.taxes("taxes", l.taxes);
    if (a.has("delivered")) {
      if (s.products.rows[l.product].policy != ServicePolicy::Manual)
        refuse("delivered_computed", "The delivered quantity of this product is computed from its timesheets.");
      l.manual_delivered = round_to_step(a.qty("delivered", true), kQtyCent, Rounding::HalfUp);
    }
  } else if (l.kind == LineKind::DownPayment) {
    if (a.has("product") || a.has("qty") || a.has("price") || a.has("delivered"))
      refuse("down_payment_line", "A down payment line is changed through its invoices.");
  } else if (a.has("product") || a.has("qty") || a.has("price")) {
    refuse("line_type", odoo::kChangeLineType);
  }
  if (a.has("name")) {
    if (name.empty() && l.kind != LineKind::Product) refuse("missing_field", "A section or note needs a text.");
    l.name = s.text.add(name);
  }
  s.lines.rows[rec] = l;
}

void op_order_remove_line(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = live_line(s, a);
  const OrderLine& l = s.lines.rows[rec];
  const Order& o = s.orders.rows[l.order];
  if (o.locked) refuse("order_locked", std::string(odoo::kLockedFields) + "- Product");
  if (o.state == OrderState::Sale) {
    bool display = line_is_display(l);
    bool free_dp = l.kind == LineKind::DownPayment && qty_invoiced(s, rec) == 0;
    if (!display && !free_dp) refuse("remove_confirmed_line", odoo::kRemoveConfirmedLine);
  }
  if (l.ts_head != kNone) refuse("line_has_timesheets", "Timesheets are linked to this line: move them first.");
  s.lines.rows[rec].deleted = true;
}

void op_order_confirm(State& s, const OpArgs& a, const OpContext& ctx) {
  uint32_t rec = existing(s, a, s.orders, "sales order");
  if (s.orders.rows[rec].state != OrderState::Draft) refuse("not_quotation", "Only a quotation can be confirmed.");
  Day date = effective_date(a, ctx);
  Order& o = s.orders.rows[rec];
  o.state = OrderState::Sale;
  o.date_order = date;  // Odoo sets date_order at confirmation; it orders R10's search
  for (uint32_t l = o.line_head; l != kNone; l = s.lines.rows[l].next)
    if (!s.lines.rows[l].deleted) create_task_for(s, l);
}

void op_order_cancel(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.orders, "sales order");
  Order& o = s.orders.rows[rec];
  if (o.locked) refuse("order_locked", odoo::kCancelLocked);
  if (o.state == OrderState::Cancel) refuse("already_cancelled", "This order is already cancelled.");
  o.state = OrderState::Cancel;
  // R18: the order's draft invoices are cancelled with it.
  for (uint32_t l = o.line_head; l != kNone; l = s.lines.rows[l].next)
    for (uint32_t il = s.lines.rows[l].il_head; il != kNone; il = s.invoice_lines.rows[il].sol_next) {
      Invoice& inv = s.invoices.rows[s.invoice_lines.rows[il].invoice];
      if (inv.state == MoveState::Draft && !inv.deleted) inv.state = MoveState::Cancel;
    }
}

void op_order_to_quotation(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.orders, "sales order");
  if (s.orders.rows[rec].state != OrderState::Cancel)
    refuse("not_cancelled", "Only a cancelled order can be set back to quotation.");
  s.orders.rows[rec].state = OrderState::Draft;
}

void op_order_lock(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.orders, "sales order");
  if (s.orders.rows[rec].state != OrderState::Sale) refuse("not_confirmed", "Only a confirmed order can be locked.");
  s.orders.rows[rec].locked = true;
}

void op_order_unlock(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.orders, "sales order");
  s.orders.rows[rec].locked = false;
}

}  // namespace deskbill
