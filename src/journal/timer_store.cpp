#include "journal/timer_store.h"

#include "journal/store.h"

namespace deskbill {

void TimerStore::load() {
  running_.reset();
  std::string text;
  if (!read_file(path_, text)) running_ = timer_from_json(nlohmann::json::parse(text, nullptr, false));
}

std::optional<std::string> TimerStore::write(std::optional<RunningTimer> t) {
  std::string text = t ? timer_to_json(*t).dump() : "null";
  if (auto e = write_file_atomic(path_, text)) return e;
  running_ = std::move(t);
  return std::nullopt;
}

TimerStopResult stop_timer(TimerStore& timers, int64_t now_ms, const std::string& line_id,
                           const std::function<std::string(const nlohmann::json&)>& log) {
  if (!timers.running()) return {false, false, {"No timer is running.", {}}};
  RunningTimer t = *timers.running();
  if (auto e = timers.write(std::nullopt)) return {false, true, {"The timer could not be stopped: %s", {*e}}};
  std::string refused = log(timer_log_op(t, now_ms, line_id));
  if (refused.empty()) return {true, false, {}};
  if (auto e = timers.write(t)) return {false, true, {"%s The timer could not be restarted: %s", {refused, *e}}};
  return {false, false, {"The timer goes on: %s", {refused}}};
}

}  // namespace deskbill
