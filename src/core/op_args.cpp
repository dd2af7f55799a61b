#include "core/op_args.h"

#include <cmath>

namespace deskbill {

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (c <= ' ' || c >= 127 || c == '"') return false;
  return true;
}

std::string OpArgs::id() const {
  const OpValue* v = field("id");
  if (!v || !v->is_string()) refuse("missing_field", "Missing field 'id'.");
  std::string id(v->text);
  if (!valid_id(id)) refuse("bad_id", "Id '" + id + "' is not valid (1-64 characters, no spaces).");
  return id;
}

std::string OpArgs::text(const char* key, bool required, size_t max_len) const {
  const OpValue* f = field(key);
  if (!f) {
    if (required) refuse("missing_field", std::string("Missing field '") + key + "'.");
    return "";
  }
  if (!f->is_string()) refuse("bad_field", std::string("Field '") + key + "' must be text.");
  std::string_view v = f->text;
  if (v.size() > max_len) refuse("too_long", std::string("Field '") + key + "' is too long.");
  if (required && v.find_first_not_of(" \t") == std::string_view::npos)
    refuse("missing_field", std::string("Field '") + key + "' cannot be empty.");
  return std::string(v);
}

// Limits checked before any arithmetic, so that price × quantity and every sum of them fit the
// integer types with room to spare (docs/ops.md): amounts up to 1 000 000 000.00, quantities up
// to 1 000 000 (hours or units), percentages up to 1 000 000.
static int64_t decimal_field(const OpValue* field, const char* key, bool required, int64_t fallback, int decimals,
                             int64_t limit_units, const char* limit_text) {
  if (!field) {
    if (required) refuse("missing_field", std::string("Missing field '") + key + "'.");
    return fallback;
  }
  const OpValue& v = *field;
  std::optional<int64_t> out;
  int64_t scale = 1;
  for (int k = 0; k < decimals; ++k) scale *= 10;
  bool out_of_range = false;
  if (v.is_string()) {
    // More decimals than the field keeps are rounded half-up, as Odoo rounds a price to the
    // price precision ("20.125" → 20.13), not refused.
    out = parse_decimal_rounded(v.text, decimals, &out_of_range);
  } else if (v.type == OpValue::Type::Uint) {
    uint64_t u = v.unsigned_;  // read unsigned: 2^64 - 1 is not -1
    if (u <= static_cast<uint64_t>(limit_units))
      out = static_cast<int64_t>(u) * scale;
    else
      out_of_range = true;
  } else if (v.type == OpValue::Type::Int) {
    int64_t i = v.integer;
    if (i >= -limit_units && i <= limit_units)
      out = i * scale;
    else
      out_of_range = true;
  } else if (v.type == OpValue::Type::Float) {
    // Numbers are accepted for convenience; the canonical form is a decimal string.
    double d = v.number;
    if (std::isfinite(d) && std::fabs(d) <= static_cast<double>(limit_units))
      out = static_cast<int64_t>(std::llround(d * std::pow(10.0, decimals)));
    else
      out_of_range = true;
  }
  if (out && (*out > limit_units * scale || *out < -limit_units * scale)) out_of_range = true;
  if (out_of_range)
    refuse("out_of_range",
           std::string("Field '") + key + "' must be between -" + limit_text + " and " + limit_text + ".");
  if (!out) refuse("bad_number", std::string("Field '") + key + "' is not a number (write it like 12.5).");
  return *out;
}

Qty OpArgs::qty(const char* key, bool required, Qty fallback) const {
  return decimal_field(field(key), key, required, fallback, 6, kMaxQtyUnits, "1000000");
}
Money OpArgs::money(const char* key, bool required, Money fallback) const {
  return decimal_field(field(key), key, required, fallback, 2, kMaxMoneyUnits, "1000000000.00");
}
int64_t OpArgs::percent_bp(const char* key, Money fallback) const {
  return decimal_field(field(key), key, false, fallback, 2, kMaxQtyUnits, "1000000");
}

Day OpArgs::day(const char* key, bool required, Day fallback) const {
  const OpValue* v = field(key);
  if (!v) {
    if (required) refuse("missing_field", std::string("Missing field '") + key + "'.");
    return fallback;
  }
  if (!v->is_string()) refuse("bad_date", std::string("Field '") + key + "' must be a date YYYY-MM-DD.");
  auto d = parse_day(v->text);
  if (!d) refuse("bad_date", std::string("Field '") + key + "' is not a valid date (YYYY-MM-DD).");
  return *d;
}

bool OpArgs::flag(const char* key, bool fallback) const {
  const OpValue* v = field(key);
  if (!v) return fallback;
  if (v->type != OpValue::Type::Bool) refuse("bad_field", std::string("Field '") + key + "' must be true or false.");
  return v->boolean;
}

TaxSet OpArgs::taxes(const char* key, const TaxSet& fallback) const {
  const OpValue* f = field(key);
  if (!f) return fallback;
  const OpValue& v = *f;
  if (v.type != OpValue::Type::Array)
    refuse("bad_field", std::string("Field '") + key + "' must be a list of tax ids.");
  if (v.count > kMaxTaxes) refuse("too_many_taxes", "A line can carry at most 3 taxes.");
  TaxSet out;
  int k = 0;
  for (uint32_t n = 0; n < v.count; ++n) {
    const OpValue& t = op_.item(v.first + n);
    if (!t.is_string()) refuse("bad_field", std::string("Field '") + key + "' must be a list of tax ids.");
    uint32_t rec = s_.taxes.find(s_.text, t.text);
    if (rec == kNone) refuse("unknown_ref", "Unknown tax '" + std::string(t.text) + "'.");
    // Listed twice it would tax the line twice.
    for (int j = 0; j < k; ++j)
      if (out.ids[j] == rec)
        refuse("duplicate_id", "Tax '" + std::string(t.text) + "' is listed twice in '" + key + "'.");
    out.ids[k++] = rec;
  }
  return out;
}

}  // namespace deskbill
