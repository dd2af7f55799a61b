// A random history of billing one order's two delivered-timesheet lines (so.1 and so.2, on
// tickets k1 and k2, as the tests set them up): timesheets logged, moved and deleted; invoices
// made, posted, cancelled, reset, deleted, credited and trimmed. Some ops are refused (an invoice
// that is not a draft, nothing to invoice): a test folds them with apply_or_reject.
#pragma once
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

namespace deskbill::test {

class BillingHistory {
 public:
  // `dated`: timesheets dated over 20 days and half the invoices restricted to a period (R15);
  // otherwise every timesheet is dated the same day and each invoice takes all there is.
  BillingHistory(uint64_t seed, bool dated) : rng_(seed), dated_(dated) {}

  nlohmann::json next(int step) {
    const std::string n = std::to_string(step);
    switch (rng_() % 11) {
      case 0:
      case 1:
      case 2:
        timesheets_.push_back("ts" + n);
        return {{"kind", "timesheet.log"},
                {"id", timesheets_.back()},
                {"ticket", rng_() % 2 ? "k1" : "k2"},
                {"employee", "employee_user"},
                {"date", day()},
                {"hours", std::to_string(1 + rng_() % 4)}};
      case 3: {
        invoices_.push_back("inv" + n);
        nlohmann::json op = {{"kind", "invoice.create"}, {"id", invoices_.back()}, {"orders", {"so"}}};
        if (dated_ && rng_() % 2) op["start"] = day(), op["end"] = "2026-11-29";
        return op;
      }
      case 4:
        return {{"kind", "invoice.post"}, {"id", any(invoices_)}, {"date", "2026-11-30"}};
      case 5:
        return {{"kind", rng_() % 2 ? "invoice.cancel" : "invoice.reset_to_draft"}, {"id", any(invoices_)}};
      case 6:
        return {{"kind", "invoice.delete"}, {"id", any(invoices_)}};
      case 7: {
        std::string credited = any(invoices_);
        invoices_.push_back("cn" + n);
        return {{"kind", "invoice.reverse"}, {"id", invoices_.back()}, {"invoice", credited}};
      }
      case 8:
        return {{"kind", "invoice.remove_line"}, {"id", any(invoices_) + ":" + std::to_string(1 + rng_() % 2)}};
      case 9:
        return {{"kind", "timesheet.delete"}, {"id", any(timesheets_)}};
      default:
        return {{"kind", "timesheet.update"}, {"id", any(timesheets_)}, {"sale_line", rng_() % 2 ? "so.1" : "so.2"}};
    }
  }

 private:
  std::string any(const std::vector<std::string>& v) { return v.empty() ? std::string("none") : v[rng_() % v.size()]; }
  std::string day() { return dated_ ? "2026-11-" + std::to_string(10 + rng_() % 20) : "2026-11-20"; }

  std::mt19937_64 rng_;
  bool dated_;
  std::vector<std::string> timesheets_, invoices_;
};

}  // namespace deskbill::test
