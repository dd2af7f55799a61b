#include "journal/provisional.h"

#include <algorithm>

#include "core/json_member.h"
#include "core/names.h"
#include "core/tax_math.h"

namespace deskbill {

namespace {
size_t live_lines(const State& s, uint32_t inv) {
  size_t n = 0;
  for (uint32_t il = s.invoices.rows[inv].line_head; il != kNone; il = s.invoice_lines.rows[il].next)
    if (!s.invoice_lines.rows[il].deleted) ++n;
  return n;
}
}  // namespace

bool invoice_provisional(const Workspace& ws, uint32_t inv) {
  if (!ws.shared() || ws.pending().empty()) return false;
  const State& shown = ws.state();
  if (inv >= shown.invoices.size() || shown.invoices.rows[inv].state != MoveState::Posted) return false;
  const State& confirmed = ws.confirmed_state();
  uint32_t c = confirmed.invoices.find(confirmed.text, shown.invoices.ids.id_of(shown.text, inv));
  return c == kNone || confirmed.invoices.rows[c].state != MoveState::Posted;
}

bool ticket_provisional(const Workspace& ws, uint32_t t) {
  return ws.shared() && t < ws.state().tickets.size() && t >= ws.confirmed_state().tickets.size();
}

void PostWatch::posted(uint64_t seq, const State& shown, const std::string& invoice) {
  uint32_t i = shown.invoices.find(shown.text, invoice);
  if (i == kNone) return;
  PostSeen p;
  p.seq = seq;
  p.invoice = invoice;
  p.total = invoice_totals(shown, i).total;
  p.date = shown.invoices.rows[i].date;
  p.lines = live_lines(shown, i);
  p.name =
      std::string(shown.str(shown.partners.rows[shown.invoices.rows[i].partner].name)) + ", " + format_money(p.total);
  watched_.push_back(std::move(p));
}

std::vector<std::string> PostWatch::settle(const Workspace& ws, const std::vector<Envelope>& received) {
  std::vector<std::string> notices;
  const State& s = ws.confirmed_state();
  std::vector<PostSeen> still;
  for (PostSeen& p : watched_) {
    bool pending =
        std::any_of(ws.pending().begin(), ws.pending().end(), [&](const PendingOp& o) { return o.seq == p.seq; });
    if (pending) {
      still.push_back(std::move(p));
      continue;
    }
    uint32_t i = s.invoices.find(s.text, p.invoice);
    // A refused post is in the inbox already, with its reason.
    if (i == kNone || s.invoices.rows[i].state != MoveState::Posted) continue;
    Money total = invoice_totals(s, i).total;
    Day date = s.invoices.rows[i].date;
    size_t lines = live_lines(s, i);
    if (total == p.total && date == p.date && lines == p.lines) continue;
    std::string what;
    if (total != p.total) what += format_money(p.total) + " → " + format_money(total);
    if (date != p.date)
      what += std::string(what.empty() ? "" : ", ") + "dated " + format_day(date) + " instead of " + format_day(p.date);
    if (lines != p.lines)
      what += std::string(what.empty() ? "" : ", ") + std::to_string(lines) + " lines instead of " +
              std::to_string(p.lines);
    // Whose ops came first: the other devices' ops this sync brought before the post.
    std::vector<std::string> who;
    for (const Envelope& e : received) {
      if (e.client == ws.client_id() && e.seq == p.seq) break;
      if (e.client == ws.client_id()) continue;
      std::string name = e.agent.empty() ? "device " + e.client : e.agent;
      if (std::find(who.begin(), who.end(), name) == who.end()) who.push_back(name);
    }
    std::string by;
    for (size_t k = 0; k < who.size(); ++k) by += (k ? ", " : "") + who[k];
    notices.push_back(invoice_name(s, i) + " (" + p.name + "): " + what + " — " +
                      (by.empty() ? std::string("the server ordered other changes before your posting")
                                  : "changes by " + by + " were ordered before your posting") +
                      ". Check it before you send it.");
  }
  watched_ = std::move(still);
  return notices;
}

nlohmann::json PostWatch::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const PostSeen& p : watched_)
    out.push_back({{"seq", p.seq},
                   {"invoice", p.invoice},
                   {"name", p.name},
                   {"total", p.total},
                   {"date", p.date},
                   {"lines", p.lines}});
  return out;
}

void PostWatch::from_json(const nlohmann::json& j) {
  watched_.clear();
  if (!j.is_array()) return;
  for (const auto& e : j) {
    // An entry with a member of another type is left out (nlohmann's value() threw at start on
    // a damaged inbox.json): that posting is only not compared when it is confirmed. A member
    // that is missing takes its default, as when earlier builds wrote fewer.
    if (!e.is_object()) continue;
    bool fits = true;
    auto member = [&](const char* key, auto& out) { fits = fits && read_member(e, key, out) != MemberRead::OtherType; };
    PostSeen p;
    if (read_member(e, "seq", p.seq) != MemberRead::Taken) continue;
    member("invoice", p.invoice);
    member("name", p.name);
    member("total", p.total);
    member("date", p.date);
    member("lines", p.lines);
    if (!fits) continue;
    watched_.push_back(std::move(p));
  }
}

}  // namespace deskbill
