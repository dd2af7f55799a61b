#include "journal/generator.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/apply.h"
#include "core/dates.h"
#include "core/numeric.h"
#include "core/state.h"
#include "core/tax_math.h"

namespace deskbill {
namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {  // splitmix64: same numbers on every platform
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
};

const char* kCompanies[] = {"Acme",     "Globex",      "Initech",        "Umbrella",  "Hooli",
                            "Stark",    "Wayne",       "Tyrell",         "Cyberdyne", "Soylent",
                            "Wonka",    "Oscorp",      "Vandelay",       "Dunder",    "Pied Piper",
                            "Aperture", "Brașov Soft", "Timișoara Tech", "Iași Data", "Constanța Port"};
const char* kStreets[] = {"Str. Mihai Eminescu", "Bd. Unirii",      "Str. Lungă",
                          "Calea Victoriei",     "Str. Republicii", "Bd. Decebal"};
const char* kCities[] = {"010011 București", "400001 Cluj-Napoca", "500003 Brașov", "300011 Timișoara",
                         "700028 Iași",      "900178 Constanța",   "550160 Sibiu",  "410067 Oradea"};
const char* kFirst[] = {"Ana",   "Bob",    "Carla", "Dan",   "Elena", "Ion",
                        "Maria", "Ștefan", "Radu",  "Ioana", "Mihai", "Sara"};
const char* kLast[] = {"Popescu", "Smith", "Ionescu", "Tănase", "Müller", "Rossi", "Dumitrescu", "Brown"};
const char* kIssues[] = {"Cannot log in",   "Invoice PDF is blank", "VPN drops every hour", "Printer offline",
                         "Email bounces",   "Slow dashboard",       "Password reset loop",  "Backup failed",
                         "License expired", "Data import error",    "Sincronizare eșuată",  "Certificat SSL expirat"};
const char* kWork[] = {"Investigated logs", "Call with customer",      "Applied fix",       "Remote session",
                       "Wrote report",      "Verificare configurație", "Tested workaround", "Escalated to vendor"};

std::string hours_text(uint64_t quarters) {
  std::string h = std::to_string(quarters / 4);
  static const char* frac[] = {"", ".25", ".5", ".75"};
  return h + frac[quarters % 4];
}

}  // namespace

void generate_journal(const GeneratorOptions& o, const std::function<void(const nlohmann::json&)>& out) {
  using nlohmann::json;
  // What is emitted is folded here too, so that a payment is of the amount the fold says is due
  // (its rounding and taxes: no billing rule written a second time in the generator).
  State folded;
  auto emit = [&](const json& op) {
    out(op);
    apply_or_reject(folded, op);
  };
  // An op the fold would refuse is not emitted (a month without hours has nothing to invoice).
  auto emit_if_accepted = [&](const json& op) {
    if (apply(folded, op)) return false;
    out(op);
    return true;
  };
  // A customer pays a posted invoice in full, on `day`.
  auto pay = [&](const std::string& invoice, Day day) {
    uint32_t inv = folded.invoices.ids.find(folded.text, invoice);
    if (inv == kNone || folded.invoices.rows[inv].state != MoveState::Posted) return;
    Money due = invoice_residual(folded, inv);
    if (due > 0)
      emit({{"kind", "invoice.pay"},
            {"id", "pay." + invoice},
            {"invoice", invoice},
            {"amount", format_money(due)},
            {"date", format_day(day)}});
  };
  Rng rng{o.seed};
  const int days = 3 * 364;
  const Day start = o.last_day ? *o.last_day - (days - 1) : *parse_day("2023-11-27");  // ending 2026-11-22
  const uint64_t width = o.width.value_or(o.timesheets);
  const uint64_t n_companies = std::max<uint64_t>(4, width / 1000);
  const uint64_t n_tickets = std::max<uint64_t>(4, o.timesheets / 10);
  const uint64_t n_employees = std::max<uint64_t>(4, std::min<uint64_t>(200, width / 5000 + 6));

  // The business that bills: its invoices print it at the top, as a real workspace's do.
  emit({{"kind", "company.update"},
        {"name", "Deskbill Support SRL"},
        {"address", "Str. Academiei 14\n010014 București\nRomania"},
        {"vat", "RO12345678"},
        {"bank_account", "RO49AAAA1B31007593840000"},
        {"email", "billing@deskbill.example"}});
  emit({{"kind", "tax.create"}, {"id", "vat19"}, {"name", "TVA 19%"}, {"rate", "19"}});
  for (uint64_t e = 0; e < n_employees; ++e)
    emit({{"kind", "employee.create"},
          {"id", "e" + std::to_string(e)},
          {"name", std::string(kFirst[e % 12]) + " " + kLast[(e / 12 + e) % 8]},
          {"hourly_cost", std::to_string(30 + e % 5 * 5)}});
  emit({{"kind", "team.create"},
        {"id", "team.eu"},
        {"name", "Support EU"},
        {"use_timesheets", true},
        {"use_billing", true}});
  emit({{"kind", "team.create"},
        {"id", "team.us"},
        {"name", "Support US"},
        {"use_timesheets", true},
        {"use_billing", true}});
  emit({{"kind", "team.create"},
        {"id", "team.int"},
        {"name", "Internal IT"},
        {"use_timesheets", true},
        {"use_billing", false}});
  emit({{"kind", "product.create"},
        {"id", "p.prepaid"},
        {"name", "Support block 250 h"},
        {"policy", "prepaid"},
        {"price", "95"},
        {"taxes", {"vat19"}}});
  emit({{"kind", "product.create"},
        {"id", "p.hours"},
        {"name", "Support hours"},
        {"policy", "timesheet"},
        {"price", "90"},
        {"taxes", {"vat19"}}});

  std::vector<std::string> contacts;
  for (uint64_t c = 0; c < n_companies; ++c) {
    std::string cid = "c" + std::to_string(c);
    std::string name = std::string(kCompanies[c % 20]) + (c >= 20 ? " " + std::to_string(c / 20) : "");
    // An address and a tax id, as the printed invoice shows them under the customer's name.
    emit({{"kind", "partner.create"},
          {"id", cid},
          {"name", name},
          {"address",
           std::string(kStreets[c % 6]) + " " + std::to_string(1 + c * 7 % 90) + "\n" + kCities[c % 8] + "\nRomania"},
          {"vat", "RO" + std::to_string(10000000 + c * 7919 % 89999999)}});
    for (int k = 0; k < 2; ++k) {
      std::string pid = cid + "." + std::to_string(k);
      emit({{"kind", "partner.create"},
            {"id", pid},
            {"name", std::string(kFirst[(c + k) % 12]) + " " + kLast[c % 8]},
            {"parent", cid},
            {"email", "contact" + std::to_string(k) + "@" + cid + ".example"}});
      contacts.push_back(pid);
    }
  }
  // Every company has a postpaid order; even-numbered ones also buy prepaid blocks.
  uint64_t order_no = 0, inv_no = 0;
  auto new_order = [&](uint64_t c, bool prepaid, Day d) {
    std::string oid = "o" + std::to_string(order_no++);
    emit({{"kind", "order.create"}, {"id", oid}, {"partner", "c" + std::to_string(c)}, {"date", format_day(d)}});
    emit({{"kind", "order.add_line"},
          {"id", oid + ".1"},
          {"order", oid},
          {"product", prepaid ? "p.prepaid" : "p.hours"},
          {"qty", prepaid ? "250" : "100"}});  // a block of 250 h lasts a customer about six months
    emit({{"kind", "order.confirm"}, {"id", oid}, {"date", format_day(d)}});
    // A prepaid block is invoiced when it is sold (Odoo's "ordered quantities") and paid up front.
    if (prepaid && o.invoices) {
      std::string iid = "i" + std::to_string(inv_no++);
      emit({{"kind", "invoice.create"}, {"id", iid}, {"orders", {oid}}});
      emit({{"kind", "invoice.post"}, {"id", iid}, {"date", format_day(d)}});
      pay(iid, d);
    }
    return oid;
  };
  std::vector<std::string> postpaid_orders;
  for (uint64_t c = 0; c < n_companies; ++c) {
    postpaid_orders.push_back(new_order(c, false, start));
    if (c % 2 == 0) new_order(c, true, start);
  }
  // Tickets open through the period, each day its share (the shares differ by at most one);
  // timesheets land on the tickets of the working window (the newest ones) day by day, and a
  // ticket leaving the window is solved (at scale, one in `per_day_tk` of them: the others stay
  // open, the pipeline's load at 1 M). The window is 400 tickets; in a journal of under 1 000
  // tickets (the demo's 300) a tenth of them, so that time is not logged in 2026 on a ticket
  // opened in 2023. (From 1 000 tickets up it stays 400, as it was before: the benchmarks' 10 k
  // and 1 M journals keep the same working set.)
  uint64_t ticket_no = 0, ts_no = 0;
  std::vector<std::string> posted_last_month;  // paid at the next month end, five in six
  uint64_t postpaid_invoices = 0;
  std::vector<char> worked(n_tickets, 0);  // a ticket has had time logged on it
  const uint64_t per_day_tk = std::max<uint64_t>(1, n_tickets / days);
  const uint64_t window = n_tickets >= 1000 ? 400 : std::max<uint64_t>(10, n_tickets / 10);
  for (int d = 0; d < days && ts_no < o.timesheets; ++d) {
    Day day = start + d;
    uint64_t todays_tk = (d + 1) * n_tickets / days - d * n_tickets / days;
    if (ticket_no == 0) todays_tk = std::max<uint64_t>(todays_tk, 1);  // the first day's time has a ticket
    for (uint64_t k = 0; k < todays_tk && ticket_no < n_tickets; ++k) {
      uint64_t c = rng.below(n_companies);
      static const char* teams[] = {"team.eu", "team.us", "team.eu", "team.int"};
      const char* team = teams[rng.below(4)];
      json op = {{"kind", "ticket.create"},
                 {"id", "k" + std::to_string(ticket_no)},
                 {"team", team},
                 {"title", kIssues[rng.below(12)]},
                 {"partner", contacts[c * 2 + rng.below(2)]},
                 {"assignee", "e" + std::to_string(rng.below(n_employees))},
                 {"date", format_day(day)}};
      // Postpaid customers' tickets are linked to their timesheet order by hand (seed 003);
      // prepaid customers get their block by R10.
      if (c % 2 == 1 && std::string(team) != "team.int") op["sale_line"] = postpaid_orders[c] + ".1";
      emit(op);
      ++ticket_no;
      if (ticket_no > window) {
        uint64_t old = ticket_no - window - 1;
        if (old % per_day_tk == 0)
          emit({{"kind", "ticket.update"},
                {"id", "k" + std::to_string(old)},
                {"stage", old % 17 == 0 ? "cancelled" : "solved"}});
      }
    }
    // Day d's share of the timesheets: the shares differ by at most one and add up to N (the
    // remainder of N / days once all fell on the last day: 818 of the demo's 3 000 on a Sunday).
    uint64_t todays = (d + 1) * o.timesheets / days - d * o.timesheets / days;
    for (uint64_t k = 0; k < todays && ts_no < o.timesheets; ++k) {
      uint64_t recent = std::min<uint64_t>(ticket_no, window);
      uint64_t t = ticket_no - 1 - rng.below(recent);
      // The agent who first logs time on a ticket moves it to In Progress, two times in three (the
      // others are left in New, as agents do): the pipeline has tickets in all its columns. It
      // draws no random number, so the rest of the journal draws the numbers it drew before.
      if (!worked[t]) {
        worked[t] = 1;
        if (t % 3 != 0) emit({{"kind", "ticket.update"}, {"id", "k" + std::to_string(t)}, {"stage", "in_progress"}});
      }
      emit({{"kind", "timesheet.log"},
            {"id", "t" + std::to_string(ts_no++)},
            {"ticket", "k" + std::to_string(t)},
            {"employee", "e" + std::to_string(rng.below(n_employees))},
            {"date", format_day(day)},
            {"hours", hours_text(1 + rng.below(16))},
            {"description", kWork[rng.below(8)]}});
    }
    // Month end: the invoices of the month before are paid, but for one in six (overdue: the
    // Invoices list shows both); the postpaid orders with hours are invoiced and posted. The
    // last month's invoices are still open at the end, as a real month's are.
    if (o.invoices && month_of(day + 1) != month_of(day)) {
      for (const std::string& iid : posted_last_month)
        if (++postpaid_invoices % 6 != 0) pay(iid, day);
      posted_last_month.clear();
      for (size_t i = 0; i < postpaid_orders.size(); ++i) {
        if (i % 2 == 0 || rng.below(3) != 0) continue;  // prepaid customers pay their blocks up front
        std::string iid = "i" + std::to_string(inv_no);
        if (!emit_if_accepted(
                {{"kind", "invoice.create"}, {"id", iid}, {"orders", {postpaid_orders[i]}}, {"end", format_day(day)}}))
          continue;
        ++inv_no;
        emit({{"kind", "invoice.post"}, {"id", iid}, {"date", format_day(day)}});
        posted_last_month.push_back(iid);
      }
      // Prepaid customers renew their block every six months.
      if (month_of(day) % 6 == 0)
        for (uint64_t c = 0; c < n_companies; c += 2) new_order(c, true, day);
    }
  }
}

}  // namespace deskbill
