// The whole workspace as one value: tables of records plus the counters the fold owns
// (invoice and order numbers). Only core::apply writes it; everything else reads.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/chunked_rows.h"
#include "core/entities.h"

namespace deskbill {

// Rows: a std::vector, or ChunkedRows for the table that grows to a million rows. Pool: the text
// pool its ids are kept in (the timesheets' own, or the shared one).
template <class T, class Rows = std::vector<T>, class PoolT = TextPool>
struct Table {
  using Pool = PoolT;
  BasicIdIndex<Pool> ids;
  Rows rows;
  uint32_t size() const { return static_cast<uint32_t>(rows.size()); }
  uint32_t find(const Pool& pool, std::string_view id) const { return ids.find(pool, id); }
  uint32_t add(Pool& pool, std::string_view id, const T& row) {
    rows.push_back(row);
    return ids.add(pool, id);
  }
};

// An op that the fold refused at its place in the canonical order (DESIGN §3).
struct Rejected {
  uint64_t pos = 0;
  Text kind, op_id, client, code, message;
  // For the inbox: who sent it (the server's agent), what it was about in words, and the op
  // itself (compact JSON), so its author can make it again another way.
  Text agent, summary, op;
  Day accepted_at = kNoDay;  // the server's acceptance date (none in a local workspace)
};

struct NumberCounter {
  uint8_t type = 0;  // 0 invoice, 1 credit note
  int32_t year = 0;
  uint32_t last = 0;
};

struct State {
  State();

  TextPool text;
  // The timesheets' ids and descriptions: kept apart so that a snapshot writes them with the
  // timesheets, after what a start's preview reads (core/text_pool.h).
  TimesheetTextPool ts_text;
  Table<Uom> uoms;
  Table<Partner> partners;
  Table<Employee> employees;
  Table<Tax> taxes;
  Table<Product> products;
  Table<Project> projects;
  Table<Task> tasks;
  Table<Team> teams;
  Table<Ticket> tickets;
  Table<Timesheet, ChunkedRows<Timesheet>, TimesheetTextPool> timesheets;
  Table<Order> orders;
  Table<OrderLine> lines;
  Table<Invoice> invoices;
  Table<InvoiceLine> invoice_lines;
  Table<Payment> payments;

  std::vector<Rejected> rejected;
  std::vector<NumberCounter> numbers;
  // The timesheets logged without a ticket, by task and (without a task either) by project, in
  // row order: a task's or project's new line (R9, R13) moves these, and walking them costs what
  // changed, not the whole timesheet table. Which list a timesheet is on is decided when it is
  // logged and never changes, so the fold only appends (core/links.h). Not in snapshots: a load
  // derives them (derive_timesheet_indexes).
  std::vector<std::vector<uint32_t>> task_timesheets, project_timesheets;
  // Per invoice, how many timesheets it bills (have it as Timesheet::invoice): a deleted invoice
  // finds its timesheets on its order lines' lists and knows when it has found them all (R16).
  // Kept by set_timesheet_invoice, the one writer of Timesheet::invoice; derived at a load too.
  std::vector<uint32_t> invoice_timesheet_counts;
  // Per order line, the record numbers of its timesheets after OrderLine::ts_billed_upto, in the
  // line's order, in one array: Create Invoice (R15, R16) reads them in turn, and each row's load
  // no longer waits for the row before it, as following sol_next did (on a large workspace, a
  // cache miss per open timesheet at each month end). A list is `stale` after anything that can
  // change it other than a timesheet appended to the line (one moved off it, ts_billed_upto moved
  // back) and is made again from sol_next where it is next read (core/links.h: open_timesheets).
  // Not in snapshots: a load leaves every list stale.
  struct OpenTimesheets {
    std::vector<uint32_t> ts;
    bool stale = true;
  };
  std::vector<OpenTimesheets> line_open;
  Company company;
  uint32_t last_order_number = 0;
  uint64_t applied = 0;  // ops applied (accepted or rejected): a version number for views

  uint32_t hours = kNone, days = kNone, units = kNone, dozens = kNone;

  std::string_view str(Text t) const { return text.view(t); }
  std::string_view str(TsText t) const { return ts_text.view(t); }
  // The pool a table keeps its ids in, and a record's id or number by id, for code written once
  // for every table.
  const TextPool& pool_of(const TextPool*) const { return text; }
  const TimesheetTextPool& pool_of(const TimesheetTextPool*) const { return ts_text; }
  template <class Tb>
  const typename Tb::Pool& pool_for(const Tb&) const {
    return pool_of(static_cast<const typename Tb::Pool*>(nullptr));
  }
  template <class Tb>
  std::string_view id_of(const Tb& t, uint32_t rec) const {
    return t.ids.id_of(pool_of(static_cast<const typename Tb::Pool*>(nullptr)), rec);
  }
  template <class Tb>
  uint32_t find(const Tb& t, std::string_view id) const {
    return t.find(pool_of(static_cast<const typename Tb::Pool*>(nullptr)), id);
  }
};

// Total bytes held by the state's containers (for the memory benchmark).
size_t state_memory_bytes(const State& s);

}  // namespace deskbill
