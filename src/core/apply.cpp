#include "core/apply.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/describe.h"
#include "core/handlers.h"
#include "core/repeated_op.h"

namespace deskbill {
namespace {

struct Entry {
  const char* kind;
  Handler fn;
};

// Documentation order (docs/ops.md follows it).
const Entry kHandlers[] = {
    {"uom.create", op_uom_create},
    {"partner.create", op_partner_create},
    {"partner.update", op_partner_update},
    {"company.update", op_company_update},
    {"employee.create", op_employee_create},
    {"employee.update", op_employee_update},
    {"tax.create", op_tax_create},
    {"product.create", op_product_create},
    {"product.update", op_product_update},
    {"project.create", op_project_create},
    {"project.update", op_project_update},
    {"task.create", op_task_create},
    {"task.update", op_task_update},
    {"team.create", op_team_create},
    {"team.update", op_team_update},
    {"ticket.create", op_ticket_create},
    {"ticket.update", op_ticket_update},
    {"timesheet.log", op_timesheet_log},
    {"timesheet.update", op_timesheet_update},
    {"timesheet.delete", op_timesheet_delete},
    {"order.create", op_order_create},
    {"order.update", op_order_update},
    {"order.add_line", op_order_add_line},
    {"order.update_line", op_order_update_line},
    {"order.remove_line", op_order_remove_line},
    {"order.confirm", op_order_confirm},
    {"order.cancel", op_order_cancel},
    {"order.to_quotation", op_order_to_quotation},
    {"order.lock", op_order_lock},
    {"order.unlock", op_order_unlock},
    {"invoice.create", op_invoice_create},
    {"invoice.update_line", op_invoice_update_line},
    {"invoice.remove_line", op_invoice_remove_line},
    {"invoice.delete", op_invoice_delete},
    {"invoice.post", op_invoice_post},
    {"invoice.cancel", op_invoice_cancel},
    {"invoice.reset_to_draft", op_invoice_reset_to_draft},
    {"invoice.reverse", op_invoice_reverse},
    {"invoice.pay", op_invoice_pay},
    {"op.refused", op_refused},
};

// A hash lookup: the handler used to be found by comparing the kind with each entry in turn,
// which cost a strlen and a memcmp per entry on every op of a replay.
Handler find_handler(std::string_view kind) {
  static const std::unordered_map<std::string_view, Handler> by_kind = [] {
    std::unordered_map<std::string_view, Handler> m;
    for (const Entry& e : kHandlers) m.emplace(e.kind, e.fn);
    return m;
  }();
  auto it = by_kind.find(kind);
  return it == by_kind.end() ? nullptr : it->second;
}

}  // namespace

Day effective_date(const OpArgs& a, const OpContext& ctx, const char* key) {
  if (ctx.accepted_at != kNoDay) return ctx.accepted_at;
  return a.day(key, true);
}

ApplyResult apply(State& s, const ParsedOp& op, const OpContext& ctx) {
  try {
    if (!op.is_object()) refuse("bad_op", "An operation must be a JSON object.");
    const OpValue* k = op.find("kind");
    if (!k || !k->is_string()) refuse("bad_op", "An operation needs a 'kind'.");
    // The version is read without narrowing: 4294967297 is not version 1.
    if (const OpValue* vi = op.find("v")) {
      if (!vi->is_integer()) refuse("bad_op", "Field 'v' must be an integer.");
      bool is_unsigned = vi->type == OpValue::Type::Uint;
      bool too_new = is_unsigned ? vi->unsigned_ > static_cast<uint64_t>(kOpVersion) : vi->integer > kOpVersion;
      bool too_old = !is_unsigned && vi->integer < 1;
      std::string shown = is_unsigned ? std::to_string(vi->unsigned_) : std::to_string(vi->integer);
      if (too_new)
        refuse("unsupported_version", "This operation was made by a newer version of deskbill (operation version " +
                                          shown + "); update deskbill to apply it.");
      if (too_old) refuse("unsupported_version", "Operation version " + shown + " is not a valid version.");
    }
    Handler h = find_handler(k->text);
    if (!h)
      refuse("unknown_kind", "This operation ('" + std::string(k->text) +
                                 "') was made by a newer version of deskbill; update deskbill to apply it.");
    OpArgs args(op, s);
    h(s, args, ctx);
    ++s.applied;
    return std::nullopt;
  } catch (const OpRefused& r) {
    return r.error;
  }
}

ApplyResult apply(State& s, const nlohmann::json& op, const OpContext& ctx) { return apply(s, ParsedOp(op), ctx); }

void apply_or_reject(State& s, const ParsedOp& op, const OpContext& ctx) {
  ApplyResult r = apply(s, op, ctx);
  if (!r) return;
  Rejected rej;
  rej.pos = ctx.pos;
  auto str_of = [&](const char* key) -> std::string_view {
    const OpValue* v = op.find(key);
    return v && v->is_string() ? v->text : std::string_view();
  };
  // The same create sent twice: its first copy made the record. Not a refusal to act on
  // (core/repeated_op.h): acting on it would record the same work twice.
  if (repeats_an_applied_create(s, str_of("kind"), str_of("id"), ctx.client))
    r = OpError{"repeated_op",
                "This operation reached the server twice (a tab closed while sending it, or the device's storage "
                "was restored from an older copy). The first copy was applied, so nothing is missing and nothing "
                "needs to be done again."};
  rej.kind = s.text.add(str_of("kind"));
  rej.op_id = s.text.add(str_of("id"));
  rej.client = s.text.add(ctx.client);
  rej.code = s.text.add(r->code);
  rej.message = s.text.add(r->message);
  rej.agent = s.text.add(ctx.agent);
  rej.accepted_at = ctx.accepted_at;
  // A refused op is rare: its summary and its text come from the tree, read for it alone.
  const nlohmann::json& tree = op.json();
  rej.summary = s.text.add(describe_op(s, tree));
  std::string text = tree.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  rej.op = s.text.add(text.size() <= 16000 ? text : std::string());
  s.rejected.push_back(rej);
  ++s.applied;
}

void apply_or_reject(State& s, const nlohmann::json& op, const OpContext& ctx) {
  apply_or_reject(s, ParsedOp(op), ctx);
}

const std::vector<std::string>& op_kinds() {
  static const std::vector<std::string> kinds = [] {
    std::vector<std::string> v;
    for (const Entry& e : kHandlers) v.push_back(e.kind);
    return v;
  }();
  return kinds;
}

}  // namespace deskbill
