#include "core/describe.h"

#include <cstdint>

#include "core/dates.h"
#include "core/names.h"
#include "core/numeric.h"
#include "core/refused.h"

namespace deskbill {

namespace {
// A decimal field as written in the op ("4", "1.5" or 4): in hours, or empty.
std::string op_hours(const nlohmann::json& op) {
  auto it = op.find("hours");
  if (it == op.end()) return "";
  std::optional<int64_t> q;
  if (it->is_string())
    q = parse_decimal(it->get<std::string>(), 6);
  else if (it->is_number_integer()) {
    // Whole hours that fit in millionths. Any JSON integer can come from a peer: a larger one is
    // not shown, where it overflowed into a made-up figure.
    constexpr int64_t kMaxWhole = INT64_MAX / kQtyOne;
    bool fits = it->is_number_unsigned() ? it->get<uint64_t>() <= static_cast<uint64_t>(kMaxWhole)
                                         : it->get<int64_t>() >= -kMaxWhole && it->get<int64_t>() <= kMaxWhole;
    if (fits) q = it->get<int64_t>() * kQtyOne;
  }
  return q ? format_hhmm(*q, 1) + " h" : "";
}

std::string ticket_title(const State& s, const std::string& id) {
  uint32_t t = s.tickets.find(s.text, id);
  return t == kNone ? "" : std::string(s.str(s.tickets.rows[t].title));
}

std::string join(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts)
    if (!p.empty()) out += (out.empty() ? "" : ", ") + p;
  return out;
}
}  // namespace

std::string describe_op(const State& s, const nlohmann::json& wrapped) {
  const nlohmann::json& op = unwrap_refused(wrapped);  // a refused op is described as it was made
  if (!op.is_object()) return "An operation that is not a JSON object";
  std::string kind = op_text(op, "kind"), id = op_text(op, "id");
  if (kind == "timesheet.log") {
    std::string on = ticket_title(s, op_text(op, "ticket"));
    return "Timesheet " + join({op_text(op, "date"), op_hours(op), op_text(op, "description"),
                                on.empty() ? "" : "on ticket \"" + on + "\""});
  }
  if (kind == "timesheet.update" || kind == "timesheet.delete") {
    uint32_t t = s.find(s.timesheets, id);
    std::string was;
    if (t != kNone) {
      const Timesheet& ts = s.timesheets.rows[t];
      was = join({format_day(ts.date), format_hhmm(ts.hours, 1) + " h", std::string(s.str(ts.description))});
    }
    std::string change = kind == "timesheet.delete" ? "deleted"
                         : op_hours(op).empty()     ? "edited"
                                                    : "changed to " + op_hours(op);
    return "Timesheet " + (was.empty() ? id : was) + " — " + change;
  }
  if (kind.rfind("ticket.", 0) == 0) {
    std::string title = op_text(op, "title");
    if (title.empty()) title = ticket_title(s, id);
    return "Ticket \"" + (title.empty() ? id : title) + "\"";
  }
  if (kind.rfind("invoice.", 0) == 0) {
    uint32_t i = s.invoices.find(s.text, id);
    std::string name = i == kNone ? ""
                                  : invoice_name(s, i) + " (" +
                                        std::string(s.str(s.partners.rows[s.invoices.rows[i].partner].name)) + ")";
    if (kind == "invoice.create") {
      std::string orders;
      if (auto it = op.find("orders"); it != op.end() && it->is_array())
        for (const auto& o : *it)
          if (o.is_string()) {
            uint32_t r = s.orders.find(s.text, o.get<std::string>());
            orders += (orders.empty() ? "" : ", ") + (r == kNone ? o.get<std::string>() : order_name(s, r));
          }
      return "Invoice for " + (orders.empty() ? std::string("an order") : orders);
    }
    if (kind == "invoice.post") return "Posting invoice " + (name.empty() ? id : name);
    if (kind == "invoice.pay") return "Payment of " + op_text(op, "amount") + " on invoice " + op_text(op, "invoice");
    return "Invoice " + (name.empty() ? id : name) + ": " + kind.substr(8);
  }
  if (kind == "order.create") {
    uint32_t p = s.partners.find(s.text, op_text(op, "partner"));
    return "New quotation" + (p == kNone ? std::string() : " for " + std::string(s.str(s.partners.rows[p].name)));
  }
  if (kind.rfind("order.", 0) == 0) {
    uint32_t o = s.orders.find(s.text, op_text(op, "order").empty() ? id : op_text(op, "order"));
    return "Sales order " + (o == kNone ? id : order_name(s, o)) + ": " + kind.substr(6);
  }
  return kind.empty() ? "An operation without a kind" : kind + " " + id;
}

}  // namespace deskbill
