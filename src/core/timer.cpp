#include "core/timer.h"

#include <algorithm>

#include "core/dates.h"
#include "core/json_member.h"
#include "core/numeric.h"

namespace deskbill {

namespace {
constexpr int64_t kMsPerMinute = 60'000;
constexpr int64_t kLatestTimerStartMs = 253'402'300'799'999;  // 9999-12-31 23:59:59.999 UTC
}  // namespace

int64_t timer_minutes(int64_t elapsed_ms, int minimum, int rounding) {
  int64_t ms = std::max<int64_t>(elapsed_ms, int64_t{minimum} * kMsPerMinute);
  if (rounding <= 0) return ms / kMsPerMinute;
  int64_t step = int64_t{rounding} * kMsPerMinute;
  return (ms + step - 1) / step * rounding;  // up to the next step unless exactly on one
}

Qty timer_hours(int64_t elapsed_ms, int minimum, int rounding) {
  if (rounding <= 0) {
    int64_t ms = std::max<int64_t>(elapsed_ms, int64_t{minimum} * kMsPerMinute);
    return round_div(static_cast<__int128>(ms) * kQtyOne, 3'600'000, Rounding::HalfUp);
  }
  return round_div(static_cast<__int128>(timer_minutes(elapsed_ms, minimum, rounding)) * kQtyOne, 60, Rounding::HalfUp);
}

nlohmann::json timer_log_op(const RunningTimer& t, int64_t now_ms, const std::string& id) {
  nlohmann::json op = {{"kind", "timesheet.log"},
                       {"id", id},
                       {"ticket", t.ticket},
                       {"employee", t.employee},
                       {"date", format_day(t.day)},
                       {"hours", format_qty(timer_hours(now_ms - t.started_ms), 6)},
                       {"description", t.description.empty() ? std::string("Timer") : t.description}};
  return op;
}

nlohmann::json timer_to_json(const RunningTimer& t) {
  return {{"ticket", t.ticket},
          {"employee", t.employee},
          {"description", t.description},
          {"started_ms", t.started_ms},
          {"day", format_day(t.day)}};
}

std::optional<RunningTimer> timer_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return std::nullopt;
  RunningTimer t;
  std::string day;
  if (read_member(j, "ticket", t.ticket) != MemberRead::Taken ||
      read_member(j, "employee", t.employee) != MemberRead::Taken || read_member(j, "day", day) != MemberRead::Taken ||
      read_member(j, "started_ms", t.started_ms) != MemberRead::Taken)
    return std::nullopt;
  (void)read_member(j, "description", t.description);
  // A start is a wall-clock time: not before 1970 and not after 9999. Any other (a damaged or
  // hand-edited file) made the stop's elapsed time overflow, or log millions of hours.
  if (t.started_ms < 0 || t.started_ms > kLatestTimerStartMs) return std::nullopt;
  auto d = parse_day(day);
  if (!d) return std::nullopt;
  t.day = *d;
  return t;
}

}  // namespace deskbill
