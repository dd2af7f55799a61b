// Storage that fails on purpose: the journal store writes plain files in a folder (as it writes
// IDBFS's in-memory files in the browser); FakeDurability plays IndexedDB behind them. A flush is
// asked for, then completes later in one transaction (or fails whole, or never answers, as a
// browser's quota error never does). A crash puts the folder back to what is stored, so
// everything not yet durable is lost.
//
// What a completing flush stores depends on how the files are read (`Reads`):
// - deskbill's flush (platform/web/library.js): the folder as it is at one moment, after the
//   flush was asked and before it completes (when IndexedDB has answered): listed and read
//   together, so a save is stored whole or not at all. Here that moment is, by an even draw,
//   when the flush is asked or when it completes: the first keeps out everything written after
//   the ask, the second takes it all in;
// - Emscripten's FS.syncfs (3.1.6, library_idbfs.js): the files that differ from what is stored
//   are listed when the flush is asked, and read only when IndexedDB has answered. A listed file
//   removed in between makes the flush answer with an error, but the transaction goes on and
//   stores the rest. So one flush can store a file as a later save wrote it and leave another
//   file as an earlier one did: the counter of a newer save beside the pending ops of an older
//   one. Kept to show that loss (tests/sim/sim_test.cpp).
#pragma once
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
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

  enum class Reads { AtOneMoment, ListedWhenAsked };

  explicit FakeDurability(std::string dir, Reads reads = Reads::AtOneMoment) : dir_(std::move(dir)), reads_(reads) {}
  // Draws from the simulation's generator: decides each flush's fate when it is asked.
  std::function<double()> uniform;  // [0, 1)
  std::function<double()> now;
  Faults faults;

  void flush(std::function<void(std::string)> done) override { flush_from(dir_, std::move(done)); }

  // Each tab has its own copy of the files (IDBFS's in-memory file system) and flushes it into
  // the device's one IndexedDB.
  void flush_from(const std::string& dir, std::function<void(std::string)> done) {
    Pending p;
    p.dir = dir;
    if (reads_ == Reads::ListedWhenAsked) {
      Files local = read_folder(dir);
      for (const auto& [name, bytes] : local) {
        auto stored = durable_.find(name);
        if (stored == durable_.end() || stored->second != bytes) p.changed.push_back(name);
      }
      for (const auto& [name, bytes] : durable_)
        if (!local.count(name)) p.gone.push_back(name);
    }
    p.at = now() + uniform() * faults.max_delay_ms;
    double r = uniform();
    p.fate = r < faults.fail ? Fate::Fail : r < faults.fail + faults.silent ? Fate::Silent : Fate::Store;
    if (reads_ == Reads::AtOneMoment && uniform() < 0.5) p.copy = read_folder(dir);  // the moment is now
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
      p.done(commit(p));
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
      p.done(commit(p));
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
  // The device's storage restored from an older copy of it: what IndexedDB holds is that copy.
  void replace(Files copy) {
    abort_in_flight();
    durable_ = std::move(copy);
  }
  uint64_t flushes() const { return flushes_; }

 private:
  enum class Fate { Store, Fail, Silent };
  struct Pending {
    std::string dir;
    std::optional<Files> copy;               // Reads::AtOneMoment, the moment being the ask
    std::vector<std::string> changed, gone;  // Reads::ListedWhenAsked: listed when asked
    double at = 0;
    Fate fate = Fate::Store;
    std::function<void(std::string)> done;
  };
  // The transaction. "" or the error FS.syncfs answers with when a listed file is no longer
  // there (the rest is stored anyway).
  std::string commit(const Pending& p) {
    if (reads_ == Reads::AtOneMoment) {
      durable_ = p.copy ? *p.copy : read_folder(p.dir);
      return "";
    }
    // The files listed when the flush was asked, as they are now; the gone ones deleted.
    std::string error;
    for (const std::string& name : p.changed) {
      std::ifstream f(p.dir + "/" + name, std::ios::binary);
      if (!f) {
        error = "NotFoundError: " + name + " (simulated: removed while its flush was in flight)";
        continue;
      }
      std::ostringstream ss;
      ss << f.rdbuf();
      durable_[name] = ss.str();
    }
    for (const std::string& name : p.gone) durable_.erase(name);
    return error;
  }

  std::string dir_;
  Reads reads_;
  std::vector<Pending> pending_;
  Files durable_;
  uint64_t flushes_ = 0;
};

}  // namespace deskbill::sim
