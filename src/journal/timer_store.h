// This device's running timer (core/timer.h), stored as timer.json beside the journal so it
// survives navigation, reloads and crashes; it becomes an op only when stopped.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/text_template.h"
#include "core/timer.h"

namespace deskbill {

class TimerStore {
 public:
  explicit TimerStore(std::string dir) : path_(std::move(dir) + "/timer.json") {}
  // Reads timer.json: absent, "null" or unreadable means no timer is running.
  void load();
  const std::optional<RunningTimer>& running() const { return running_; }
  // Writes the timer (or its absence). It is durable after the caller's next flush; on error
  // nothing changed, in memory or on disk.
  [[nodiscard]] std::optional<std::string> write(std::optional<RunningTimer> t);

 private:
  std::string path_;
  std::optional<RunningTimer> running_;
};

struct TimerStopResult {
  bool logged = false;
  bool write_failed = false;  // timer.json could not be written (a storage problem to report)
  // Why not: the timer could not be written, or the line was refused (`log`'s words, already in
  // the user's language, go in as they are).
  TextTemplate problem;
};

// Stops the running timer: the cleared timer is written first, without a flush, then `log`
// submits the timesheet line (timer_log_op) and starts the flush that stores both. A crash keeps
// either the running timer or the logged line, never both and never neither. If the clear cannot
// be written nothing is logged (the line would be logged twice); if `log` refuses the line, the
// timer is written back and goes on. `log` returns "" when the op was accepted, else why not.
[[nodiscard]] TimerStopResult stop_timer(TimerStore& timers, int64_t now_ms, const std::string& line_id,
                                         const std::function<std::string(const nlohmann::json&)>& log);

}  // namespace deskbill
