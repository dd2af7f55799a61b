// Reading an op's arguments with validation: every malformed or unknown value refuses the op
// with a message naming the field, before anything is changed.
#pragma once
#include <string>
#include <string_view>

#include "core/errors.h"
#include "core/parsed_op.h"
#include "core/state.h"

namespace deskbill {

// The largest amount (in currency units) and quantity (hours or units) an op may carry.
constexpr int64_t kMaxMoneyUnits = 1'000'000'000;
constexpr int64_t kMaxQtyUnits = 1'000'000;

class OpArgs {
 public:
  OpArgs(const ParsedOp& op, const State& s) : op_(op), s_(s) {}

  bool has(std::string_view key) const { return op_.find(key) != nullptr; }
  bool is_null(std::string_view key) const {
    const OpValue* v = op_.find(key);
    return v && v->type == OpValue::Type::Null;
  }
  // The field's value, or null when it is absent or null: one lookup where has(), is_null() and
  // op[key] made three or four on every field of every op.
  const OpValue* field(std::string_view key) const {
    const OpValue* v = op_.find(key);
    return v && v->type != OpValue::Type::Null ? v : nullptr;
  }

  // The op's own record id, checked to be a well-formed id.
  std::string id() const;
  std::string text(const char* key, bool required, size_t max_len = 4000) const;
  Qty qty(const char* key, bool required, Qty fallback = 0) const;        // 6 decimals
  Money money(const char* key, bool required, Money fallback = 0) const;  // 2 decimals
  int64_t percent_bp(const char* key, Money fallback = 0) const;          // 2 decimals → hundredths of %
  Day day(const char* key, bool required, Day fallback = kNoDay) const;
  bool flag(const char* key, bool fallback) const;

  // A reference to an existing record; absent or null gives kNone unless required.
  template <class T, class TRows, class TPool>
  uint32_t ref(const char* key, const Table<T, TRows, TPool>& table, const char* what, bool required) const {
    const OpValue* v = field(key);
    if (!v) {
      if (required) refuse("missing_field", std::string("Missing field '") + key + "'.");
      return kNone;
    }
    if (!v->is_string()) refuse("bad_field", std::string("Field '") + key + "' must be an id.");
    uint32_t rec = s_.find(table, v->text);
    if (rec == kNone) refuse("unknown_ref", std::string("Unknown ") + what + " '" + std::string(v->text) + "'.");
    return rec;
  }
  TaxSet taxes(const char* key, const TaxSet& fallback) const;
  const ParsedOp& op() const { return op_; }

 private:
  const ParsedOp& op_;
  const State& s_;
};

// Ids are what devices make: 1–64 printable ASCII characters without spaces.
bool valid_id(std::string_view id);

}  // namespace deskbill
