// The state as JSON for people and tools (deskbill-cli, tests); core/state_hash.h hashes the same
// values.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/state.h"

namespace deskbill {

nlohmann::json order_to_json(const State& s, uint32_t order);
nlohmann::json invoice_to_json(const State& s, uint32_t invoice);
nlohmann::json ticket_to_json(const State& s, uint32_t ticket);
nlohmann::json timesheet_to_json(const State& s, uint32_t ts);
nlohmann::json state_to_json(const State& s);
// state_to_json(s).dump(), written in pieces without building the tree (memory: one record).
void write_state_json(const State& s, const std::function<void(std::string_view)>& out);

// The state's JSON walked section by section in key order, record by record, without building
// it: the tree, the text and the hash are three visitors of the same walk, so they cannot list
// different records. Orders, invoices, tickets and timesheets come as row numbers, so a visitor
// can write them without a tree (core/record_walk.h); their value is order_to_json and so on.
class StateJsonVisitor {
 public:
  virtual ~StateJsonVisitor() = default;
  virtual void begin(size_t sections) = 0;  // the state is an object of this many sections
  virtual void section(const char* key, bool is_array) = 0;
  // Records come by value: the tree visitor keeps them without a copy.
  virtual void value(nlohmann::json v) = 0;    // the whole value of a section that is no array
  virtual void element(nlohmann::json v) = 0;  // the next record of an array section
  virtual void order(uint32_t o) = 0;          // order_to_json(s, o)
  virtual void invoice(uint32_t i) = 0;        // invoice_to_json(s, i)
  virtual void ticket(uint32_t k) = 0;
  virtual void timesheet(uint32_t t) = 0;
  // The live timesheets in row order: timesheet(t) for each, unless a visitor walks them itself
  // (the hash does, a million of them without a virtual call each).
  virtual void timesheets(const State& s);
  virtual void end_section() = 0;  // after the last record of an array section
};
void visit_state_json(const State& s, StateJsonVisitor& v);

}  // namespace deskbill
