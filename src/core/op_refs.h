// How an op names the records it refers to, for the code that makes ops (undo, the week grid, the
// forms): by id, null for none, and what time is logged on by the one key timesheet.log reads.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/state.h"

namespace deskbill {

// A record's id as an op carries it; null for kNone (an op's way to clear a reference).
template <class T, class TRows, class TPool>
nlohmann::json ref_json(const State& s, const Table<T, TRows, TPool>& t, uint32_t rec) {
  if (rec == kNone) return nullptr;
  return std::string(s.id_of(t, rec));
}

// What a line of time is logged on, into `op`: "ticket", else "task", else "project" (a timesheet
// keeps all three, and the week grid's rows and timesheet.log name the first that is set).
inline void put_logged_on(const State& s, nlohmann::json& op, uint32_t ticket, uint32_t task, uint32_t project) {
  if (ticket != kNone)
    op["ticket"] = ref_json(s, s.tickets, ticket);
  else if (task != kNone)
    op["task"] = ref_json(s, s.tasks, task);
  else
    op["project"] = ref_json(s, s.projects, project);
}

}  // namespace deskbill
