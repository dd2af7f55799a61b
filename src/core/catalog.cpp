// Handlers for the reference data: units, customers, employees, taxes, products.
#include "core/billing.h"
#include "core/handlers.h"
#include "core/text_limits.h"

namespace deskbill {

static ServicePolicy parse_policy(const OpArgs& a, ServicePolicy fallback) {
  if (!a.has("policy")) return fallback;
  std::string p = a.text("policy", true);
  if (p == "prepaid") return ServicePolicy::Prepaid;
  if (p == "timesheet") return ServicePolicy::Timesheet;
  if (p == "manual") return ServicePolicy::Manual;
  refuse("bad_field", "Field 'policy' must be 'prepaid', 'timesheet' or 'manual'.");
}

void op_uom_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.uoms, "unit of measure");
  std::string name = a.text("name", true, 100);
  std::string cat = a.text("category", false);
  Uom u;
  if (cat.empty() || cat == "time")
    u.category = UomCategory::Time;
  else if (cat == "unit")
    u.category = UomCategory::Unit;
  else
    refuse("bad_field", "Field 'category' must be 'time' or 'unit'.");
  if (a.has("factor_inv")) {
    Qty inv = a.qty("factor_inv", true);
    if (inv <= 0) refuse("bad_factor", "A unit's factor must be positive.");
    u.factor_num = kQtyOne;
    u.factor_den = inv;
  } else {
    Qty f = a.qty("factor", true);
    if (f <= 0) refuse("bad_factor", "A unit's factor must be positive.");
    u.factor_num = f;
    u.factor_den = kQtyOne;
  }
  u.rounding = a.qty("rounding", false, kQtyCent);
  if (u.rounding <= 0) refuse("bad_rounding", "A unit's rounding must be positive.");
  u.name = s.text.add(name);
  s.uoms.add(s.text, id, u);
}

// Payment terms in whole days (Odoo's "Immediate Payment" is 0, "30 Days" is 30).
static uint32_t payment_days(const OpArgs& a, uint32_t fallback) {
  if (!a.has("payment_days") || a.is_null("payment_days")) return fallback;
  Qty q = a.qty("payment_days", true);
  if (q < 0 || q % kQtyOne != 0 || q > 3650 * kQtyOne)
    refuse("bad_payment_days", "Payment terms are a whole number of days between 0 and 3650.");
  return static_cast<uint32_t>(q / kQtyOne);
}

// The fields a customer's invoices print (address, tax id, payment terms), on create and update.
static void partner_invoice_fields(State& s, const OpArgs& a, Partner& p) {
  std::string address = a.text("address", false, kMaxAddress);
  std::string vat = a.text("vat", false, kMaxVat);
  p.payment_days = payment_days(a, p.payment_days);
  if (a.has("address")) p.address = s.text.add(address);
  if (a.has("vat")) p.vat = s.text.add(vat);
}

void op_partner_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.partners, "customer");
  Partner p;
  std::string name = a.text("name", true, kMaxName);
  std::string email = a.text("email", false, kMaxEmail);
  p.parent = a.ref("parent", s.partners, "customer", false);
  partner_invoice_fields(s, a, p);
  p.name = s.text.add(name);
  p.email = s.text.add(email);
  s.partners.add(s.text, id, p);
}

static bool partner_has_orders(const State& s, uint32_t p) {
  for (const Order& o : s.orders.rows)
    if (o.partner == p) return true;
  return false;
}

void op_partner_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.partners, "customer");
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  std::string email = a.text("email", false, kMaxEmail);
  uint32_t parent = s.partners.rows[rec].parent;
  if (a.has("parent")) {
    parent = a.ref("parent", s.partners, "customer", false);
    for (uint32_t p = parent; p != kNone; p = s.partners.rows[p].parent)
      if (p == rec) refuse("partner_cycle", "A contact cannot belong to itself.");
    if (parent != s.partners.rows[rec].parent && partner_has_orders(s, rec))
      refuse("partner_has_orders", "The company of a contact with sales orders cannot be changed.");
  }
  Partner p = s.partners.rows[rec];
  partner_invoice_fields(s, a, p);  // checked before anything changes
  if (a.has("name")) p.name = s.text.add(name);
  if (a.has("email")) p.email = s.text.add(email);
  p.parent = parent;
  s.partners.rows[rec] = p;
}

void op_company_update(State& s, const OpArgs& a, const OpContext&) {
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  std::string address = a.text("address", false, kMaxAddress);
  std::string vat = a.text("vat", false, kMaxVat);
  std::string bank = a.text("bank_account", false, kMaxBankAccount);
  std::string email = a.text("email", false, kMaxEmail);
  Company& c = s.company;
  if (a.has("name")) c.name = s.text.add(name);
  if (a.has("address")) c.address = s.text.add(address);
  if (a.has("vat")) c.vat = s.text.add(vat);
  if (a.has("bank_account")) c.bank_account = s.text.add(bank);
  if (a.has("email")) c.email = s.text.add(email);
}

void op_employee_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.employees, "employee");
  std::string name = a.text("name", true, kMaxName);
  Employee e;
  e.hourly_cost = a.money("hourly_cost", false, 0);
  if (e.hourly_cost < 0) refuse("negative_amount", "An hourly cost cannot be negative.");
  e.name = s.text.add(name);
  s.employees.add(s.text, id, e);
}

void op_employee_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.employees, "employee");
  Employee e = s.employees.rows[rec];
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  e.hourly_cost = a.money("hourly_cost", false, e.hourly_cost);
  if (e.hourly_cost < 0) refuse("negative_amount", "An hourly cost cannot be negative.");
  e.active = a.flag("active", e.active);
  if (a.has("name")) e.name = s.text.add(name);
  s.employees.rows[rec] = e;
}

void op_tax_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.taxes, "tax");
  std::string name = a.text("name", true, 100);
  Tax t;
  // rate in percent with up to 4 decimals
  Qty rate = a.qty("rate", true);
  if (rate < 0 || rate > 100 * kQtyOne) refuse("bad_rate", "A tax rate must be between 0 and 100 %.");
  if (rate % 100 != 0) refuse("bad_rate", "A tax rate has at most 4 decimals.");
  t.rate_e4 = rate / 100;
  t.price_include = a.flag("price_include", false);
  t.name = s.text.add(name);
  s.taxes.add(s.text, id, t);
}

static void read_product(State& s, const OpArgs& a, Product& p) {
  p.policy = parse_policy(a, p.policy);
  if (a.has("uom")) p.uom = a.ref("uom", s.uoms, "unit of measure", true);
  p.price = a.money("price", false, p.price);
  p.cost = a.money("cost", false, p.cost);
  if (p.price < 0 || p.cost < 0) refuse("negative_amount", "A product's price and cost cannot be negative.");
  p.taxes = a.taxes("taxes", p.taxes);
  p.upsell_threshold = a.qty("upsell_threshold", false, p.upsell_threshold);
  if (p.upsell_threshold < 0) refuse("bad_field", "The upsell threshold cannot be negative.");
  p.creates_task = a.flag("creates_task", p.creates_task);
  p.active = a.flag("active", p.active);
  if (a.has("project")) p.project = a.ref("project", s.projects, "project", false);
  if (p.creates_task && p.project == kNone)
    refuse("missing_field", "A product that creates tasks needs a project to create them in.");
}

void op_product_create(State& s, const OpArgs& a, const OpContext&) {
  std::string id = new_id(s, a, s.products, "product");
  std::string name = a.text("name", true, kMaxName);
  Product p;
  p.uom = s.hours;
  read_product(s, a, p);
  p.name = s.text.add(name);
  s.products.add(s.text, id, p);
}

void op_product_update(State& s, const OpArgs& a, const OpContext&) {
  uint32_t rec = existing(s, a, s.products, "product");
  Product p = s.products.rows[rec];
  std::string name = a.has("name") ? a.text("name", true, kMaxName) : "";
  uint32_t old_uom = p.uom;
  read_product(s, a, p);
  if (p.uom != old_uom && !same_uom_category(s, p.uom, old_uom))
    for (const OrderLine& l : s.lines.rows)
      if (!l.deleted && l.product == rec)
        refuse("uom_category", "The unit of a product used on orders can only change within its category.");
  if (p.timesheet_default && !p.active)
    refuse("timesheet_product",
           "The " + std::string(s.str(p.name)) +
               " product is required by the Timesheets app and cannot be archived, deleted nor linked to a company.");
  if (a.has("name")) p.name = s.text.add(name);
  s.products.rows[rec] = p;
}

}  // namespace deskbill
