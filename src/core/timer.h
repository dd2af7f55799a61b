// The timer on a ticket (seed 001: "start the timer, stop it, the time is logged"). A running
// timer is this device's, not the workspace's: it becomes an op only when stopped. The rule for
// the time it logs is Odoo's timer mixin (_timer_rounding): the time spent, at least the minimum
// duration, rounded up to the rounding step (Odoo's defaults: 15 and 15 minutes).
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/entities.h"

namespace deskbill {

inline constexpr int kTimerMinimumMinutes = 15;
inline constexpr int kTimerRoundingMinutes = 15;

struct RunningTimer {
  std::string ticket, employee, description;
  int64_t started_ms = 0;  // wall clock (ms since 1970), so it survives a reload
  Day day = kNoDay;        // the day it was started: the line's date, as in Odoo
};

// Minutes to log for `elapsed_ms` of work; rounding 0 logs the exact time (in minutes, rounded
// half-up to the microhour by timer_hours).
int64_t timer_minutes(int64_t elapsed_ms, int minimum = kTimerMinimumMinutes, int rounding = kTimerRoundingMinutes);
Qty timer_hours(int64_t elapsed_ms, int minimum = kTimerMinimumMinutes, int rounding = kTimerRoundingMinutes);
// The timesheet.log a stopped timer makes (its Sales Order Item is the ticket's, R10).
nlohmann::json timer_log_op(const RunningTimer& t, int64_t now_ms, const std::string& id);

nlohmann::json timer_to_json(const RunningTimer& t);
std::optional<RunningTimer> timer_from_json(const nlohmann::json& j);

}  // namespace deskbill
