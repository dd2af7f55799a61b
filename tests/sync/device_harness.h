// One device for the sync tests: a journal in a temporary folder, storage whose flushes complete
// only when the test says so, a transport that keeps requests for the test to answer, and the
// save pipeline and sync loop wired as the web host wires them.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "journal/save_pipeline.h"
#include "journal/store.h"
#include "sync/sync_client.h"
#include "sync/sync_loop.h"

using nlohmann::json;

namespace deskbill::test {

inline std::string temp_dir(const char* name) {
  auto d = std::filesystem::temp_directory_path() / (std::string("deskbill-sts-") + name);
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d.string();
}

// Storage whose flushes complete only when the test says so.
struct HeldDurability : Durability {
  std::vector<std::function<void(std::string)>> waiting;
  int calls = 0;
  void flush(std::function<void(std::string)> done) override {
    ++calls;
    waiting.push_back(std::move(done));
  }
  void complete(const std::string& err = "") {
    auto w = std::move(waiting);
    waiting.clear();
    for (auto& f : w) f(err);
  }
};

struct CapturingTransport : SyncTransport {
  std::vector<std::string> bodies;
  std::vector<std::function<void(int, std::string)>> answers;
  void post(const std::string&, const std::string&, const std::string& body,
            std::function<void(int, std::string)> done) override {
    bodies.push_back(body);
    answers.push_back(std::move(done));
  }
};

// An op the server holds: at `pos`, sent by `client` under `seq`.
inline Envelope envelope(uint64_t pos, const std::string& client, uint64_t seq, json op) {
  Envelope e;
  e.pos = pos;
  e.client = client;
  e.seq = seq;
  e.op = std::move(op);
  return e;
}

inline json partner(const std::string& id, const std::string& name = "P") {
  return {{"kind", "partner.create"}, {"id", id}, {"name", name}};
}

struct Device {
  std::string dir;
  double now = 0;
  JournalStore store;
  StoredWorkspace meta;
  Workspace ws{"dev1", true};
  HeldDurability durability;
  SavePipeline pipeline{store, meta, durability, [this] { return now; }};
  CapturingTransport transport;
  SyncLoop loop{transport, [this] { return now; }};
  explicit Device(const char* name) : dir(temp_dir(name)), store(dir) {
    meta.client_id = "dev1";
    meta.shared = true;
    loop.attach(&ws, &pipeline);
    loop.configure("/api/sync", "w", "t");
    pipeline.on_saved = [this](const std::string& e) {
      if (e.empty()) loop.durable_changed();
    };
  }
  ~Device() { std::filesystem::remove_all(dir); }
  void make(const json& op) {
    ASSERT_FALSE(ws.submit(op));
    pipeline.record(ws, {}, ws.confirmed_count());
    loop.local_change();
  }
  size_t ops_in_last_request() const {
    if (transport.bodies.empty()) {
      ADD_FAILURE() << "no request was sent";
      return 0;
    }
    return json::parse(transport.bodies.back())["ops"].size();
  }
};

// Makes the ops durable and lets the loop send them.
inline void send_durable(Device& d) {
  while (!d.durability.waiting.empty()) d.durability.complete();
  d.now += SyncLoop::kMoreMs + 1;
  d.loop.tick(true);
}
// A device that made one customer and sent it, refused by a server restored from an older copy
// that holds `head` positions (an answer without chains, as servers before them gave).
inline void make_one_and_be_refused_as_behind(Device& d, uint64_t head) {
  d.make(partner("a"));
  send_durable(d);
  d.transport.answers.back()(409, R"({"error":"the server was restored from an older copy","reason":"server_behind",)"
                                  R"("head":)" +
                                      std::to_string(head) + R"(,"acked_seq":0})");
}
}  // namespace deskbill::test
