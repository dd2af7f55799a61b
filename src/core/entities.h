// The records of the ticket-to-invoice domain, as plain data (no pointers, no std::string) so the
// state can be copied, compared, hashed and snapshotted as bytes. References are record numbers.
// A new Text field is added to core/shared_texts.h's list too: a load of an old snapshot lays the
// shared texts out again from that list, and the check of a loaded state walks it.
#pragma once
#include <cstdint>

#include "core/dates.h"
#include "core/id_index.h"
#include "core/numeric.h"
#include "core/text_pool.h"

namespace deskbill {

constexpr int kMaxTaxes = 3;
struct TaxSet {
  uint32_t ids[kMaxTaxes] = {kNone, kNone, kNone};
  bool operator==(const TaxSet& o) const { return ids[0] == o.ids[0] && ids[1] == o.ids[1] && ids[2] == o.ids[2]; }
};

enum class UomCategory : uint8_t { Time, Unit };
// factor = units of this uom per reference unit (Days for time, Units for unit), as num/den so
// Dozens (1/12) and custom factors stay exact.
struct Uom {
  Text name;
  UomCategory category = UomCategory::Time;
  int64_t factor_num = 1, factor_den = 1;
  Qty rounding = kQtyCent;
};

struct Partner {
  Text name, email;
  uint32_t parent = kNone;      // kNone: a company (its own commercial partner)
  uint32_t order_head = kNone;  // newest order of this commercial partner (R10 search)
  Text address, vat;            // printed on invoices: postal address (lines), tax id
  uint32_t payment_days = 0;    // payment terms: an invoice is due this many days after its date
};

// The business that sends the invoices (Settings → Company): printed at the top of each one.
struct Company {
  Text name, address, vat, bank_account, email;
};

struct Employee {
  Text name;
  Money hourly_cost = 0;
  bool active = true;
};

struct Tax {
  Text name;
  int64_t rate_e4 = 0;  // percent × 10^4: 21 % == 210000
  bool price_include = false;
};

// R1: Prepaid = (order, timesheet); Timesheet = (delivery, timesheet); Manual = (delivery, manual).
enum class ServicePolicy : uint8_t { Prepaid, Timesheet, Manual };

struct Product {
  Text name;
  ServicePolicy policy = ServicePolicy::Timesheet;
  uint32_t uom = kNone;
  Money price = 0, cost = 0;
  TaxSet taxes;
  Qty upsell_threshold = kQtyOne;  // 1.0 == 100 %
  bool creates_task = false;
  bool active = true;
  bool timesheet_default = false;  // "Service on Timesheet", made when Time Billing is turned on
  uint32_t project = kNone;        // where confirming an order creates its task (creates_task)
};

struct Project {
  Text name;
  uint32_t partner = kNone, sale_line = kNone;
  bool allow_timesheets = true, allow_billable = false;
};

struct Task {
  Text name;
  uint32_t project = kNone, partner = kNone, sale_line = kNone;
};

struct Team {
  Text name;
  uint32_t project = kNone;
  bool use_timesheets = false, use_billing = false;
};

enum class Stage : uint8_t { New, InProgress, Solved, Cancelled };
constexpr int kStageCount = 4;

struct Ticket {
  Text title;
  uint32_t team = kNone, partner = kNone, assignee = kNone, sale_line = kNone, task = kNone;
  Stage stage = Stage::New;
  Day created = kNoDay;
  uint32_t ts_head = kNone, ts_tail = kNone;  // its timesheets, in creation order
};

struct Timesheet {
  Day date = kNoDay;
  uint32_t employee = kNone, ticket = kNone, task = kNone, project = kNone;
  uint32_t sale_line = kNone;  // kNone: non-billable (R12)
  uint32_t invoice = kNone;    // the invoice that billed it (R16)
  // The flags sit in what would be padding before `hours`: 64 bytes a timesheet, not 72.
  bool sol_edited = false;  // the user chose the line: never recomputed (R9)
  bool deleted = false;
  Qty hours = 0;       // stored in Hours, may be negative
  TsText description;  // in State::ts_text
  uint32_t sol_prev = kNone, sol_next = kNone, tk_prev = kNone, tk_next = kNone;
};

enum class OrderState : uint8_t { Draft, Sale, Cancel };

struct Order {
  uint32_t partner = kNone;
  OrderState state = OrderState::Draft;
  bool locked = false;
  Day date_order = kNoDay;
  uint32_t number = 0;  // S00001
  uint32_t line_head = kNone, line_tail = kNone;
  uint32_t next_of_customer = kNone;  // older order of the same commercial partner
};

enum class LineKind : uint8_t { Product, Section, Note, DownPayment };

struct OrderLine {
  uint32_t order = kNone, product = kNone;
  Text name;
  LineKind kind = LineKind::Product;
  Qty qty = 0;
  uint32_t uom = kNone;
  // The last of the line's first timesheets that are all billed for good (kNone: none known), so
  // Create Invoice walks only the rest, not every timesheet ever logged on the line. Anything
  // that can free a billed timesheet (cancel, delete, a posted credit note, a removed invoice
  // line, a timesheet moved off the line) moves it back (core/links.h).
  uint32_t ts_billed_upto = kNone;
  Money price = 0;
  int64_t discount_bp = 0;  // 1250 == 12.5 %
  TaxSet taxes;
  Qty manual_delivered = 0;  // delivered quantity typed by the user (manual policy)
  Qty ts_hours = 0;          // Σ hours of the timesheets on this line, kept incrementally (R3)
  uint32_t next = kNone;     // next line of the order
  uint32_t ts_head = kNone, ts_tail = kNone;
  uint32_t il_head = kNone, il_tail = kNone;  // invoice lines billing it
  uint32_t task = kNone;
  bool deleted = false;
};

enum class MoveType : uint8_t { Invoice, Refund };
enum class MoveState : uint8_t { Draft, Posted, Cancel };

struct Invoice {
  MoveType type = MoveType::Invoice;
  MoveState state = MoveState::Draft;
  uint32_t partner = kNone;
  Day date = kNoDay;
  uint32_t number = 0;  // 0 until first posted; then fixed for life
  int32_t number_year = 0;
  uint32_t reversed_entry = kNone;
  uint32_t line_head = kNone, line_tail = kNone;
  Money paid = 0;
  bool down_payment = false;                              // made by the down-payment wizard (R19)
  uint32_t reversal_head = kNone, next_reversal = kNone;  // credit notes reversing this invoice
  Day due = kNoDay;  // fixed when posted: the date plus the customer's payment terms
  bool deleted = false;
};

struct InvoiceLine {
  uint32_t invoice = kNone, sale_line = kNone, product = kNone;
  Text name;
  LineKind kind = LineKind::Product;
  Qty qty = 0;
  uint32_t uom = kNone;
  Money price = 0;
  int64_t discount_bp = 0;
  TaxSet taxes;
  uint32_t next = kNone;      // next line of the invoice
  uint32_t sol_next = kNone;  // next invoice line of the same order line
  bool deleted = false;
};

struct Payment {
  uint32_t invoice = kNone;
  Money amount = 0;
  Day date = kNoDay;
};

}  // namespace deskbill
