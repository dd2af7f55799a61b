// The Timesheets screen's queries: the filtered list (latest day first, with its total) and one
// employee's week grid. Each is a single pass over the timesheets; the screen keeps the result
// until the state or the filter changes (TimesheetView), so a frame never scans 1 M rows.
#pragma once
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/state.h"

namespace deskbill {

enum class BilledFilter : uint8_t { All, Yes, No };

struct TimesheetFilter {
  uint32_t employee = kNone;
  uint32_t partner = kNone;                   // matched on the commercial partner (a contact finds its company's lines)
  BilledFilter billable = BilledFilter::All;  // Yes: on a Sales Order Item (R12)
  BilledFilter invoiced = BilledFilter::All;  // Yes: billed by a live invoice (R16, R18)
  DayRange period;                            // the lines' dates
  bool operator==(const TimesheetFilter& o) const {
    return employee == o.employee && partner == o.partner && billable == o.billable && invoiced == o.invoiced &&
           period == o.period;
  }
};

struct TimesheetSelection {
  std::vector<uint32_t> rows;  // latest day first; within a day, the last logged first (Odoo's order)
  Qty total = 0;
};
TimesheetSelection select_timesheets(const State& s, const TimesheetFilter& f);

// A row holds the time of one ticket, or (logged on no ticket) of one task, or (on no task
// either) of one project.
struct WeekRow {
  uint32_t ticket = kNone;
  uint32_t task = kNone;     // set when ticket is kNone
  uint32_t project = kNone;  // set when ticket and task are kNone
  std::array<Qty, 7> hours{};
  Qty total = 0;
};
struct WeekGrid {
  Day monday = kNoDay;
  std::vector<WeekRow> rows;  // tickets, then tasks, then projects, each in creation order
  std::array<Qty, 7> per_day{};
  Qty total = 0;
};
// `day`: any day of the week wanted (weeks start on Monday).
WeekGrid week_grid(const State& s, uint32_t employee, Day day);

// The tickets a week grid's "Add a line" offers: open (New or In Progress) on a team with
// timesheets, newest first, at most `limit` of them (a picker filters its whole list every frame
// it is open; an older ticket's time is logged from its own form). A row added for one of them
// takes hours as any other (week_cell.h).
std::vector<uint32_t> tickets_to_log_on(const State& s, size_t limit = 500);

// What a week grid's "Add a line" offers, as Odoo's grid adds a line for a project or one of its
// tasks: the tickets above, then each task of a project that takes timesheets, then each such
// project itself (time on the project, on no task). Tasks and projects are few next to tickets;
// they are capped at `limit` each all the same. A row is keyed as week_grid keys its rows.
struct LogSubject {
  uint32_t ticket = kNone, task = kNone, project = kNone;  // one is set
  bool operator==(const LogSubject& o) const { return ticket == o.ticket && task == o.task && project == o.project; }
};
std::vector<LogSubject> subjects_to_log_on(const State& s, size_t limit = 500);
// The subject of a grid row (its ticket, else its task, else its project).
LogSubject subject_of(const WeekRow& row);

// The list's rows as the CSV the screen exports, one line per row in the list's order:
// date,employee,customer,ticket,description,hours,sales_order_item,invoice. The customer is named
// as the ticket names it ("Globex, Bob Smith"): a contact's name alone read like the employee's.
// `ticket_name` names a ticket as the screen shows it (a ticket not yet synced has no number).
std::string timesheets_csv(const State& s, const std::vector<uint32_t>& rows,
                           const std::function<std::string(uint32_t ticket)>& ticket_name);

// The arguments of a query of the state alone.
struct NoArgs {
  bool operator==(const NoArgs&) const { return true; }
};

// A query's result kept until the state (State::applied) or its arguments change.
template <class Args, class Result>
class Cached {
 public:
  // A query of the state alone (Args = NoArgs).
  template <class Compute>
  const Result& get(const State& s, Compute compute) {
    return get(s, Args{}, [&compute](const State& st, const Args&) { return compute(st); });
  }
  template <class Compute>
  const Result& get(const State& s, const Args& args, Compute compute) {
    if (!valid_ || version_ != s.applied || !(args_ == args)) {
      result_ = compute(s, args);
      version_ = s.applied;
      args_ = args;
      valid_ = true;
      ++computed_;
    }
    return result_;
  }
  uint64_t computed() const { return computed_; }  // how many times it ran (tests)

 private:
  bool valid_ = false;
  uint64_t version_ = 0, computed_ = 0;
  Args args_{};
  Result result_{};
};

}  // namespace deskbill
