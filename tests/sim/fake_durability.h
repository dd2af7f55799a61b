// Storage that fails on purpose: the journal store writes plain files in a folder (as it writes
// IDBFS's in-memory files in the browser); FakeDurability plays IndexedDB behind them. A flush
// copies the folder as it is when asked and stores the copy later (or fails, or never answers,
// as a browser's quota error never does); a crash puts the folder back to the last stored copy,
// so everything not yet durable is lost.
#pragma once
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "journal/save_pipeline.h"

namespace deskbill::sim {

using Files = std::map<std::string, std::string>;

inline Files read_folder(const std::string& dir) {
  Files out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) continue;
    std::ifstream f(entry.path(), std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    out[name] = ss.str();
  }
  return out;
}

inline void write_folder(const std::string& dir, const Files& files) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  for (const auto& [name, bytes] : files) {
    std::ofstream f(dir + "/" + name, std::ios::binary);
    f << bytes;
  }
}

class FakeDurability : public Durability {
 public:
  struct Faults {
    double fail = 0;    // a flush answers with an error
    double silent = 0;  // a flush never answers
    double max_delay_ms = 0;
  };

  explicit FakeDurability(std::string dir) : dir_(std::move(dir)) {}
  // Draws from the simulation's generator: decides each flush's fate when it is asked.
  std::function<double()> uniform;  // [0, 1)
  std::function<double()> now;
  Faults faults;

  void flush(std::function<void(std::string)> done) override { flush_from(dir_, std::move(done)); }

  // Each tab has its own copy of the files (IDBFS's in-memory file system) and flushes it into
  // the device's one IndexedDB.
  void flush_from(const std::string& dir, std::function<void(std::string)> done) {
    Pending p;
    p.copy = read_folder(dir);
    p.at = now() + uniform() * faults.max_delay_ms;
    double r = uniform();
    p.fate = r < faults.fail ? Fate::Fail : r < faults.fail + faults.silent ? Fate::Silent : Fate::Store;
    p.done = std::move(done);
    pending_.push_back(std::move(p));
    ++flushes_;
  }

  // Completes the flushes that are due, in the order they were asked.
  void run_due() {
    while (!pending_.empty() && pending_.front().at <= now()) {
      Pending p = std::move(pending_.front());
      pending_.erase(pending_.begin());
      if (p.fate == Fate::Silent) continue;
      if (p.fate == Fate::Fail) {
        p.done("QuotaExceededError (simulated)");
        continue;
      }
      durable_ = std::move(p.copy);
      p.done("");
    }
  }

  // Completes only the oldest flush asked (whatever its due time): a crash can then fall between
  // two flushes. False when none is in flight.
  bool run_one() {
    if (pending_.empty()) return false;
    pending_.front().at = now();
    Pending p = std::move(pending_.front());
    pending_.erase(pending_.begin());
    if (p.fate == Fate::Store) {
      durable_ = std::move(p.copy);
      p.done("");
    } else if (p.fate == Fate::Fail) {
      p.done("QuotaExceededError (simulated)");
    }
    return true;
  }

  // The tab dies: what was not stored is gone, and so are the flushes in flight.
  void crash() {
    abort_in_flight();
    restore(dir_);
  }
  // The writer's tab closed or crashed: IndexedDB aborts the transactions it had not committed
  // (its connection closes with the page), so its flushes in flight never land.
  void abort_in_flight() { pending_.clear(); }
  // A tab that opens reads what IndexedDB holds.
  void restore(const std::string& dir) const { write_folder(dir, durable_); }
  const Files& durable() const { return durable_; }
  uint64_t flushes() const { return flushes_; }

 private:
  enum class Fate { Store, Fail, Silent };
  struct Pending {
    Files copy;
    double at = 0;
    Fate fate = Fate::Store;
    std::function<void(std::string)> done;
  };
  std::string dir_;
  std::vector<Pending> pending_;
  Files durable_;
  uint64_t flushes_ = 0;
};

}  // namespace deskbill::sim
