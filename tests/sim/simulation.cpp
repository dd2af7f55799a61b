#include "sim/simulation.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>

#include "core/awaited_record.h"
#include "core/billing.h"
#include "core/dates.h"
#include "core/names.h"
#include "core/repeated_op.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "core/tax_math.h"
#include "journal/follow.h"
#include "journal/publish.h"
#include "journal/record_ids.h"
#include "journal/resend.h"
#include "journal/save_pipeline.h"
#include "journal/store.h"
#include "journal/workspace.h"
#include "journal/writer_handoff.h"
#include "sim/fake_durability.h"
#include "sim/sim_server.h"
#include "sync/sync_loop.h"

namespace deskbill::sim {
namespace {

using nlohmann::json;

// The ids of other devices' records an op names (core/awaited_record.h's reading of an op).
void ids_named(const json& v, std::string_view client, std::vector<std::string>& out) {
  if (v.is_string()) {
    std::string_view maker = id_maker(v.get_ref<const std::string&>());
    if (!maker.empty() && maker != client) out.push_back(v.get<std::string>());
  } else if (v.is_structured()) {
    for (const auto& x : v) ids_named(x, client, out);
  }
}

// A row of the server's log folded as every device folds it: at its position, by its device
// and agent, dated by its acceptance (a published op keeps its own dates).
void fold_row(State& s, const ServerRow& row) {
  OpContext ctx;
  ctx.pos = row.pos;
  ctx.client = row.client;
  ctx.agent = row.agent;
  if (auto d = parse_day(row.accepted_at)) ctx.accepted_at = *d;
  apply_or_reject(s, json::parse(row.op), ctx);
}

// The workspace every device syncs into: configured by an admin before the agents start.
std::vector<json> setup_ops() {
  return {
      {{"kind", "partner.create"}, {"id", "cust"}, {"name", "Customer"}},
      {{"kind", "employee.create"}, {"id", "emp1"}, {"name", "Ana"}},
      {{"kind", "employee.create"}, {"id", "emp2"}, {"name", "Radu"}},
      {{"kind", "team.create"}, {"id", "team"}, {"name", "Support"}, {"use_timesheets", true}, {"use_billing", true}},
      {{"kind", "product.create"},
       {"id", "hours"},
       {"name", "Support hours"},
       {"policy", "timesheet"},
       {"price", "90"}},
      {{"kind", "product.create"}, {"id", "block"}, {"name", "Prepaid block"}, {"policy", "prepaid"}, {"price", "100"}},
      {{"kind", "order.create"}, {"id", "so"}, {"partner", "cust"}},
      {{"kind", "order.add_line"}, {"id", "so.1"}, {"order", "so"}, {"product", "hours"}, {"qty", "1"}},
      {{"kind", "order.add_line"}, {"id", "so.2"}, {"order", "so"}, {"product", "block"}, {"qty", "20"}},
      {{"kind", "order.confirm"}, {"id", "so"}, {"date", "2026-11-01"}},
      {{"kind", "ticket.create"},
       {"id", "t1"},
       {"team", "team"},
       {"title", "VPN drops"},
       {"partner", "cust"},
       {"sale_line", "so.1"}},
      {{"kind", "ticket.create"},
       {"id", "t2"},
       {"team", "team"},
       {"title", "Mail"},
       {"partner", "cust"},
       {"sale_line", "so.2"}}};
}

std::string day_text(double now_ms) {
  return format_day(*parse_day("2026-11-20") + static_cast<Day>(now_ms / 86'400'000.0));
}

class Sim;

class Transport : public SyncTransport {
 public:
  Transport(Sim& sim, int device) : sim_(sim), device_(device) {}
  void post(const std::string&, const std::string&, const std::string& body,
            std::function<void(int, std::string)> done) override;

 private:
  Sim& sim_;
  int device_;
};

// A tab's durability: its own copy of the files (IDBFS's in-memory file system) flushed into the
// device's one IndexedDB. Counts its flushes: a read-only tab must never ask for one.
class TabStorage : public Durability {
 public:
  TabStorage(FakeDurability& idb, std::string dir) : idb_(idb), dir_(std::move(dir)) {}
  void flush(std::function<void(std::string)> done) override {
    ++flushes_;
    idb_.flush_from(dir_, std::move(done));
  }
  uint64_t flushes() const { return flushes_; }

 private:
  FakeDurability& idb_;
  std::string dir_;
  uint64_t flushes_ = 0;
};

// One browser tab of a device. The writer tab holds the device's lock; a second tab is
// read-only: it follows what the writer stores and takes its place when the writer's tab goes
// (journal/writer_handoff.h, journal/follow.h), as WebHost does.
struct Tab {
  int id = 0;  // unique on its device: events for a tab that is gone are dropped
  std::string dir;
  bool read_only = false;
  bool open = false;  // its workspace is loaded
  std::unique_ptr<TabStorage> storage;
  std::unique_ptr<Transport> transport;
  StoredWorkspace meta;
  std::unique_ptr<JournalStore> store;
  std::unique_ptr<Workspace> ws;
  std::unique_ptr<SavePipeline> pipeline;
  std::unique_ptr<SyncLoop> loop;
  WriterHandoff handoff;
  // A read of IndexedDB in flight: what it holds at the listing. deskbill_read_files reads
  // that whole; FS.syncfs(true) (Options::syncfs_reads) lists the files that changed in one
  // transaction and reads them in another, so a read during the writer's flush can mix two of
  // its saves.
  Files listed;
  // The ids its user makes: the tag is the tab's number on its device (web_random_id's draw in
  // the app), which a restored copy of the device's storage does not take back.
  RecordIds ids{"tab"};
};

struct Device {
  int index = 0;
  std::string dir, client_id, agent;
  int epoch = 0;  // bumped when the writer's tab goes: answers to it are never delivered
  bool online = true;
  std::unique_ptr<FakeDurability> durability;  // the device's IndexedDB
  std::unique_ptr<Tab> writer;                 // none while the read-only tab takes over
  std::unique_ptr<Tab> reader;                 // the second tab, on two-tab devices
  int tabs_opened = 0;
  bool two_tabs = false;
  // What became durable on the device, i.e. what the user saw as Saved: seq → op text.
  std::map<uint64_t, std::string> saved;
  // An older copy of the device's storage (Options::device_restore), and what was Saved then.
  std::optional<Files> backup;
  std::map<uint64_t, std::string> backup_saved;
  // Restored from a copy at least once: its seqs may have been numbered again (seq_taken), so
  // what it showed Saved is found by content among its confirmed ops, not by seq.
  bool restored = false;
  // Options::publish: device 0's local workspace, until published. Its ops are confirmed when
  // made (seq → op text), and shown Saved once a flush covered them.
  std::map<uint64_t, std::string> made_local;
  bool joined = true;  // the other devices open deskbill once the server holds the workspace
};

class Sim {
 public:
  Sim(uint64_t seed, const Options& o) : rng_(seed), o_(o) {
    // tmpfs when there is one: the simulation writes thousands of small files per seed.
    std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    server_.compares_chains = o.server_compares_chains;
    server_.chains_content = o.chains_cover_content;
    server_.chains_acceptance = o.chains_cover_acceptance;
    server_.waits_for_publication = o.server_waits_for_publication;
    root_ = (base / ("deskbill-sim-" + std::to_string(seed) + "-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(root_);
    for (const json& op : o.publish ? std::vector<json>{} : setup_ops()) {
      json req = {{"client_id", "admin"}, {"cursor", 0}, {"ops", {{{"seq", ++admin_seq_}, {"op", op}}}}};
      server_.handle(req.dump(), "admin", day_text(0));
    }
    for (int i = 0; i < o.devices; ++i) {
      auto d = std::make_unique<Device>();
      d->index = i;
      d->dir = root_ + "/device" + std::to_string(i);
      d->client_id = "dev" + std::to_string(i);
      d->agent = "agent" + std::to_string(i);
      // A local workspace has no second tab here (the first devices with two tabs are the next).
      d->two_tabs = o.publish ? i >= 1 && i <= o.two_tab_devices : i < o.two_tab_devices;
      d->joined = !o.publish || i == 0;
      std::filesystem::create_directories(d->dir);
      d->durability = std::make_unique<FakeDurability>(
          d->dir, o.syncfs_reads ? FakeDurability::Reads::ListedWhenAsked : FakeDurability::Reads::AtOneMoment);
      d->durability->uniform = [this] { return uniform(); };
      d->durability->now = [this] { return now_; };
      devices_.push_back(std::move(d));
    }
    for (auto& d : devices_)
      if (d->joined) open_writer(*d);
  }
  ~Sim() { std::filesystem::remove_all(root_); }

  Report run();
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool chance(double p) { return uniform() < p; }
  size_t pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  void network_post(int device, const std::string& body, std::function<void(int, std::string)> done);

 private:
  struct NetEvent {
    double at = 0;
    uint64_t order = 0;  // ties keep sending order
    bool to_server = true;
    int device = 0, epoch = 0;
    std::string body;
    int status = 0;
    std::function<void(int, std::string)> done;
  };
  // What reaches a tab from the browser: the writer's "saved" message (BroadcastChannel), the
  // lock (the writer's tab went), the end of a read of IndexedDB.
  struct TabEvent {
    enum Kind { WriterSaved, LockGranted, ReadDone } kind = WriterSaved;
    double at = 0;
    uint64_t order = 0;
    int device = 0, tab = 0;
    bool ok = true;  // ReadDone: IndexedDB answered
  };

  std::unique_ptr<Tab> new_tab(Device& d, bool read_only);
  void open_writer(Device& d);
  void attach(Device& d, Tab& t);
  void crash(Device& d);
  void restore_device(Device& d);
  void publish(Device& d);
  void writer_tab_goes(Device& d);
  void open_reader(Device& d);
  void start_read(Device& d, Tab& t);
  void read_done(Device& d, Tab& t, bool ok);
  void reader_opened(Device& d, Tab& t);
  void do_handoff_due(Device& d, Tab& t);
  bool follow(Device& d, Tab& t);
  void become_writer(Device& d);
  void reload_to_take_over(Device& d);
  void post_tab_event(TabEvent e, double max_delay_ms);
  void deliver_tab_events();
  void edit(Device& d);
  std::optional<json> make_edit(Device& d);
  void step(bool faults);
  void deliver_due();
  void note_saved(Device& d);
  void reader_tab_visit(Device& d);
  void resend(Device& d);
  bool converged() const;
  // Why a device cannot converge, when it is a seq the server waits for and nobody holds.
  std::string seq_gap() const;
  std::string check(Report& r);
  void fail(const std::string& msg) {
    if (failure_.empty()) failure_ = msg;
  }

  std::mt19937_64 rng_;
  Options o_;
  std::string root_;
  double now_ = 0;
  SimServer server_;
  uint64_t admin_seq_ = 0, net_order_ = 0;
  // Healing steps since the server last took an op: once nothing moves for long, a user whose
  // re-sent work waits for a record no device will send again sends it as it is.
  uint64_t still_steps_ = 0, still_at_ = 0;
  std::set<std::string> sent_held_anyway_;  // the devices whose user did
  double server_down_until_ = 0;
  std::vector<NetEvent> net_;
  std::vector<TabEvent> tab_events_;
  std::vector<std::unique_ptr<Device>> devices_;
  std::string failure_;
  Report report_;
  bool faults_ = true;
  // Options::publish: the local workspace's state hash and op count when it was last published.
  uint64_t published_books_ = 0, published_ops_ = 0;
  std::map<std::string, std::string> published_invoices_;  // id → number, as the local books had them
};

void Transport::post(const std::string&, const std::string&, const std::string& body,
                     std::function<void(int, std::string)> done) {
  sim_.network_post(device_, body, std::move(done));
}

void Sim::network_post(int device, const std::string& body, std::function<void(int, std::string)> done) {
  Device& d = *devices_[device];
  if (faults_ && chance(o_.drop_request)) return;  // lost on the way: the loop times out and resends
  int copies = faults_ && chance(o_.duplicate) ? 2 : 1;
  for (int c = 0; c < copies; ++c) {
    NetEvent e;
    e.at = now_ + 1 + (faults_ ? uniform() * o_.max_net_delay_ms : 20);
    e.order = ++net_order_;
    e.device = device;
    e.epoch = d.epoch;
    e.body = body;
    e.done = done;
    net_.push_back(std::move(e));
  }
}

void Sim::deliver_due() {
  for (;;) {
    auto due = std::min_element(net_.begin(), net_.end(), [](const NetEvent& a, const NetEvent& b) {
      return a.at != b.at ? a.at < b.at : a.order < b.order;
    });
    if (due == net_.end() || due->at > now_) return;
    NetEvent e = std::move(*due);
    net_.erase(due);
    if (e.to_server) {
      NetEvent answer;
      answer.to_server = false;
      answer.device = e.device;
      answer.epoch = e.epoch;
      answer.done = std::move(e.done);
      answer.order = ++net_order_;
      answer.at = now_ + 1 + (faults_ ? uniform() * o_.max_net_delay_ms : 20);
      if (now_ < server_down_until_) {
        answer.status = 0;  // connection refused while the server restarts
      } else {
        auto [status, body] = server_.handle(e.body, devices_[e.device]->agent, day_text(now_));
        answer.status = status;
        answer.body = std::move(body);
        if (faults_ && chance(o_.drop_answer)) continue;  // stored on the server, answer lost
      }
      net_.push_back(std::move(answer));
    } else {
      Device& d = *devices_[e.device];
      if (e.epoch != d.epoch) continue;  // the tab that asked is gone
      e.done(e.status, e.body);
    }
  }
}

std::unique_ptr<Tab> Sim::new_tab(Device& d, bool read_only) {
  auto t = std::make_unique<Tab>();
  t->id = ++d.tabs_opened;
  t->ids = RecordIds("tab" + std::to_string(t->id));
  t->dir = d.dir + "/tab" + std::to_string(t->id);
  t->read_only = read_only;
  std::filesystem::create_directories(t->dir);
  t->storage = std::make_unique<TabStorage>(*d.durability, t->dir);
  t->transport = std::make_unique<Transport>(*this, d.index);
  return t;
}

// The pipeline and the sync loop of a tab whose workspace is loaded.
void Sim::attach(Device& d, Tab& t) {
  t.pipeline = std::make_unique<SavePipeline>(*t.store, t.meta, *t.storage, [this] { return now_; });
  t.pipeline->set_read_only(t.read_only);
  t.pipeline->loaded(*t.ws);
  t.loop = std::make_unique<SyncLoop>(*t.transport, [this] { return now_; });
  t.loop->set_enabled(!t.read_only && t.meta.shared);  // a local workspace syncs with no one
  t.loop->set_max_request_ops(o_.max_request_ops);
  t.loop->set_publish_upto(t.meta.publish_upto);
  t.loop->set_holds_records(o_.devices_wait_for_records);
  t.loop->attach(t.ws.get(), t.pipeline.get());
  t.loop->configure("/api/sync", "w", "token");
  if (!t.read_only && t.meta.shared) t.loop->schedule(0);
  Device* dp = &d;
  Tab* tp = &t;
  t.pipeline->on_saved = [this, dp, tp](const std::string& err) {
    if (!err.empty()) return;
    tp->loop->durable_changed();
    if (dp->reader && dp->reader.get() != tp)  // the read-only tab follows (BroadcastChannel)
      post_tab_event({TabEvent::WriterSaved, 0, 0, dp->index, dp->reader->id}, faults_ ? 300 : 5);
  };
}

// A tab that holds the lock opens on what IndexedDB holds (a new device: nothing yet).
void Sim::open_writer(Device& d) {
  std::unique_ptr<Tab> t = new_tab(d, false);
  d.durability->restore(t->dir);
  t->store = std::make_unique<JournalStore>(t->dir);
  t->ws = std::make_unique<Workspace>(d.client_id, true);
  if (t->store->exists()) {
    if (auto err = t->store->load(*t->ws, t->meta))
      fail(d.client_id + ": the stored journal could not be read after a crash: " + *err);
  } else {
    t->meta.client_id = d.client_id;
    // Device 0 of a publishing run begins a local workspace: no server, its ops confirmed here.
    t->meta.shared = !(o_.publish && d.index == 0);
    if (t->meta.shared) {
      t->meta.server_url = "/api/sync";
      t->meta.workspace_name = "w";
    }
    t->ws = std::make_unique<Workspace>(d.client_id, t->meta.shared);
    if (auto err = t->store->write_meta(t->meta)) fail(*err);
  }
  t->handoff.started_as_writer();
  t->open = true;
  attach(d, *t);
  d.writer = std::move(t);
}

// The device's storage is put back to an older copy of itself: every tab of it closes first
// (the browser is not running while its profile is restored), then the user opens deskbill.
void Sim::restore_device(Device& d) {
  ++report_.device_restores;
  ++d.epoch;
  std::filesystem::remove_all(d.writer->dir);
  d.writer.reset();
  if (d.reader) std::filesystem::remove_all(d.reader->dir);
  d.reader.reset();
  d.durability->replace(*d.backup);
  d.saved = d.backup_saved;
  // A local workspace's ops made since the copy are gone with it. Kept here, a flush of the
  // restored device that reached their seqs showed them Saved (the restored device's own ops
  // took those seqs), and the check looked for them on the server (publishing seeds 45, 98).
  d.made_local.clear();
  d.restored = true;
  open_writer(d);
}

// The writer's tab crashes or is closed: what it had not stored is gone. With a second tab open,
// that tab is granted the lock and takes over; without one, the user opens deskbill again.
void Sim::crash(Device& d) {
  ++report_.crashes;
  d.made_local.clear();  // what no flush covered is gone
  ++d.epoch;
  std::filesystem::remove_all(d.writer->dir);
  d.writer.reset();
  d.durability->abort_in_flight();
  if (d.reader) {
    ++report_.takeovers;
    post_tab_event({TabEvent::LockGranted, 0, 0, d.index, d.reader->id}, faults_ ? 300 : 5);
  } else {
    open_writer(d);
  }
}

void Sim::post_tab_event(TabEvent e, double max_delay_ms) {
  e.at = now_ + 1 + uniform() * max_delay_ms;
  e.order = ++net_order_;
  tab_events_.push_back(e);
}

void Sim::deliver_tab_events() {
  for (;;) {
    auto due = std::min_element(tab_events_.begin(), tab_events_.end(), [](const TabEvent& a, const TabEvent& b) {
      return a.at != b.at ? a.at < b.at : a.order < b.order;
    });
    if (due == tab_events_.end() || due->at > now_) return;
    TabEvent e = *due;
    tab_events_.erase(due);
    Device& d = *devices_[e.device];
    Tab* t = d.reader && d.reader->id == e.tab ? d.reader.get() : nullptr;
    if (!t) continue;  // the tab is gone, or it is the writer now (a late message is for the old one)
    switch (e.kind) {
      case TabEvent::WriterSaved:
        if (t->handoff.writer_saved()) start_read(d, *t);
        break;
      case TabEvent::LockGranted:
        if (t->handoff.lock_granted()) start_read(d, *t);
        break;
      case TabEvent::ReadDone:
        read_done(d, *t, e.ok);
        break;
    }
  }
}

// A second tab opens while the writer's is open: its lock request waits, and it reads IndexedDB.
void Sim::open_reader(Device& d) {
  d.reader = new_tab(d, true);
  start_read(d, *d.reader);
}

void Sim::start_read(Device& d, Tab& t) {
  t.listed = d.durability->durable();
  TabEvent e{TabEvent::ReadDone, 0, 0, d.index, t.id};
  e.ok = !(faults_ && chance(o_.flush_fail));
  post_tab_event(e, faults_ ? 600 : 5);
}

void Sim::read_done(Device& d, Tab& t, bool ok) {
  if (ok && !o_.syncfs_reads) {
    // deskbill_read_files: the stored files listed and read in one transaction, i.e. as they
    // were at one moment (the listing's).
    write_folder(t.dir, t.listed);
  } else if (ok) {
    // The files the listing saw as changed are read now, as they are now; those it did not list
    // are removed. A file removed since the listing fails the read.
    Files local = read_folder(t.dir), now = d.durability->durable();
    Files next;
    for (const auto& [name, listed] : t.listed) {
      auto have = local.find(name);
      if (have != local.end() && have->second == listed) {
        next[name] = listed;
        continue;
      }
      auto it = now.find(name);
      if (it == now.end()) {
        ok = false;
        break;
      }
      next[name] = it->second;
    }
    if (ok) write_folder(t.dir, next);
  }
  if (!t.open) {
    if (ok) {
      reader_opened(d, t);
    } else {
      // The page could not start: the user closes it. If the writer's tab went meanwhile, the
      // lock this tab was granted passes to the next tab opened, which is the writer.
      d.reader.reset();
      if (!d.writer) reload_to_take_over(d);
    }
    return;
  }
  if (t.handoff.read_finished(ok)) {
    start_read(d, t);
    return;
  }
  do_handoff_due(d, t);
}

void Sim::reader_opened(Device& d, Tab& t) {
  t.store = std::make_unique<JournalStore>(t.dir);
  t.ws = std::make_unique<Workspace>(d.client_id, true);
  if (t.store->exists()) {
    if (auto err = t.store->load(*t.ws, t.meta)) {
      fail(d.client_id + ": a second tab could not read what the writer stored: " + *err);
      return;
    }
  } else {
    t.meta.client_id = d.client_id;  // the writer has not stored its workspace yet
    t.meta.shared = true;
  }
  t.open = true;
  attach(d, t);
  // A message or the lock that came while this tab opened is answered by a read now.
  if (t.handoff.workspace_opened()) start_read(d, t);
}

void Sim::do_handoff_due(Device& d, Tab& t) {
  switch (t.handoff.take_due()) {
    case WriterHandoff::Due::Nothing:
    case WriterHandoff::Due::FollowFailed:  // says so; reads again after a wait (step) or the next message
      return;
    case WriterHandoff::Due::Follow:
      (void)follow(d, t);
      return;
    case WriterHandoff::Due::BecomeWriter:
      become_writer(d);
      return;
    case WriterHandoff::Due::ReloadToTakeOver:
      d.reader.reset();
      reload_to_take_over(d);
      return;
  }
}

// What WebHost::follow does, then a check: the tab shows what a reload of its files would show.
bool Sim::follow(Device& d, Tab& t) {
  FollowResult r = follow_stored(*t.store, t.ws, t.meta);
  if (r.error && r.lasting) return false;
  t.handoff.follow_done(!r.error);  // one that failed is tried again after the wait (step)
  if (r.error) return false;
  if (r.reopened) t.loop->attach(t.ws.get(), t.pipeline.get());
  JournalStore store(t.dir);
  Workspace reloaded("", true);
  StoredWorkspace meta;
  if (store.exists() && !store.load(reloaded, meta)) {
    std::vector<uint64_t> a, b;
    for (const PendingOp& p : t.ws->pending()) a.push_back(p.seq);
    for (const PendingOp& p : reloaded.pending()) b.push_back(p.seq);
    if (reloaded.confirmed_count() != t.ws->confirmed_count() || a != b ||
        state_hash(reloaded.state()) != state_hash(t.ws->state()))
      fail(d.client_id + ": a read-only tab that followed shows another state than a reload of the same files");
    if (t.ws->next_seq() < reloaded.next_seq())
      fail(d.client_id + ": a read-only tab that followed has a lower seq counter than a reload");
  }
  return true;
}

// The lock is this tab's and it read the last writer's files: it writes from now on.
void Sim::become_writer(Device& d) {
  Tab& t = *d.reader;
  if (!follow(d, t)) {
    d.reader.reset();
    reload_to_take_over(d);
    return;
  }
  // Every op the user saw Saved on this device is in what the new writer holds, and its
  // counter is past all of them: an op numbered again would be dropped by the server as a repeat.
  for (const auto& [seq, op] : d.saved)
    if (seq >= t.ws->next_seq())
      fail(d.client_id + ": the tab that took over would number a new op " + std::to_string(t.ws->next_seq()) +
           " though seq " + std::to_string(seq) + " was shown Saved");
  t.read_only = false;
  t.pipeline->set_read_only(false);
  t.pipeline->loaded(*t.ws);
  t.loop->set_enabled(true);
  t.loop->schedule(0);
  d.writer = std::move(d.reader);
}

// The tab that was granted the lock could not read IndexedDB: it reloads, and opens as the
// writer on everything IndexedDB holds.
void Sim::reload_to_take_over(Device& d) { open_writer(d); }

void Sim::note_saved(Device& d) {
  // What a flush made durable is what the user sees as Saved: every pending op up to durable_seq.
  if (!d.writer) return;
  for (auto it = d.made_local.begin(); it != d.made_local.end() && it->first <= d.writer->pipeline->durable_seq();) {
    d.saved[it->first] = it->second;
    it = d.made_local.erase(it);
  }
  for (const PendingOp& p : d.writer->ws->pending())
    if (p.seq <= d.writer->pipeline->durable_seq() && !d.saved.count(p.seq)) d.saved[p.seq] = p.op.dump();
}

std::optional<json> Sim::make_edit(Device& d) {
  const State& s = d.writer->ws->state();
  auto new_id = [&] { return d.writer->ids.next(d.client_id, d.writer->ws->next_seq()); };
  auto some = [&](const auto& table, auto keep) -> std::string {
    std::vector<uint32_t> ok;
    for (uint32_t i = 0; i < table.size(); ++i)
      if (keep(table.rows[i])) ok.push_back(i);
    if (ok.empty()) return "";
    return std::string(s.id_of(table, ok[pick(ok.size())]));
  };
  const char* hours[] = {"0.5", "1", "1.5", "2", "3", "4"};
  std::string date = "2026-11-" + std::to_string(10 + pick(18));
  double r = uniform();
  if (r < 0.35) {
    std::string ticket = some(s.tickets, [](const auto&) { return true; });
    if (ticket.empty()) return std::nullopt;
    return json{{"kind", "timesheet.log"},
                {"id", new_id()},
                {"ticket", ticket},
                {"employee", pick(2) ? "emp1" : "emp2"},
                {"date", date},
                {"hours", hours[pick(6)]},
                {"description", "work by " + d.agent}};
  }
  if (r < 0.50) {
    std::string ts = some(s.timesheets, [](const Timesheet& t) { return !t.deleted; });
    if (ts.empty()) return std::nullopt;
    return json{{"kind", "timesheet.update"}, {"id", ts}, {"hours", hours[pick(6)]}};
  }
  if (r < 0.55) {
    std::string ts = some(s.timesheets, [](const Timesheet& t) { return !t.deleted; });
    if (ts.empty()) return std::nullopt;
    return json{{"kind", "timesheet.delete"}, {"id", ts}};
  }
  if (r < 0.65) {
    json op = {{"kind", "ticket.create"},
               {"id", new_id()},
               {"team", "team"},
               {"title", "Ticket of " + d.agent},
               {"partner", "cust"}};
    if (pick(2)) op["sale_line"] = pick(2) ? "so.1" : "so.2";
    return op;
  }
  if (r < 0.72) {
    std::string ticket = some(s.tickets, [](const auto&) { return true; });
    if (ticket.empty()) return std::nullopt;
    return json{{"kind", "ticket.update"}, {"id", ticket}, {"title", "Renamed by " + d.agent}};
  }
  if (r < 0.82) return json{{"kind", "invoice.create"}, {"id", new_id()}, {"orders", {"so"}}};
  if (r < 0.94) {
    std::string inv = some(s.invoices, [](const Invoice& i) { return i.state == MoveState::Draft && !i.deleted; });
    if (inv.empty()) return std::nullopt;
    return json{{"kind", "invoice.post"}, {"id", inv}, {"date", date}};
  }
  std::string inv = some(s.invoices, [](const Invoice& i) { return i.state == MoveState::Posted; });
  if (inv.empty()) return std::nullopt;
  return json{{"kind", "invoice.pay"}, {"id", new_id()}, {"invoice", inv}, {"amount", "50"}, {"date", date}};
}

void Sim::edit(Device& d) {
  Tab& t = *d.writer;
  // A local workspace is set up first, op by op, as the admin would (the shared one's admin
  // pushed the same ops to the server before the run).
  std::optional<json> op;
  bool setup = !t.ws->shared() && t.ws->confirmed_count() < setup_ops().size();
  if (setup)
    op = setup_ops()[t.ws->confirmed_count()];
  else
    op = make_edit(d);
  if (!op) return;
  if (!setup) t.ids.mark_change(*op);  // as WebHost::emit does with what the user makes
  uint64_t before = t.ws->confirmed_count(), seq = t.ws->next_seq();
  std::vector<Envelope> added;
  if (t.ws->submit(*op, &added)) return;  // refused when made: nothing recorded, the user saw why
  ++report_.ops_made;
  if (!t.ws->shared()) d.made_local[seq] = op->dump();
  t.pipeline->record(*t.ws, added, before);
  t.loop->local_change();
}

// The user publishes the local workspace (what WebHost::publish does): one step to the shared
// layout, stored, flushed, then sent marked "publish".
void Sim::publish(Device& d) {
  Tab& t = *d.writer;
  t.meta.server_url = "/api/sync";
  t.meta.workspace_name = "w";
  uint64_t books = state_hash(t.ws->state()), ops = t.ws->confirmed_count();
  Published p = publish_stored(*t.store, t.meta, *t.ws);
  if (!p.ws) {
    fail(d.client_id + ": publishing was refused: " + p.problem.filled());
    return;
  }
  ++report_.publishes;
  published_books_ = books;
  published_ops_ = ops;
  published_invoices_.clear();
  const State& local = t.ws->state();
  for (uint32_t i = 0; i < local.invoices.size(); ++i)
    if (local.invoices.rows[i].number)
      published_invoices_[std::string(local.invoices.ids.id_of(local.text, i))] = invoice_name(local, i);
  t.ws = std::move(p.ws);
  t.loop->set_publish_upto(t.meta.publish_upto);
  t.loop->attach(t.ws.get(), t.pipeline.get());
  t.pipeline->layout_replaced(*t.ws, 1);
  t.loop->configure("/api/sync", "w", "token");
  t.loop->set_enabled(true);
  t.loop->schedule(0);
}

void Sim::reader_tab_visit(Device& d) {
  // The second tab does what a tab does: its pipeline is asked to record and to flush (page
  // hide), its loop to sync. It must never write, flush or send anything while it is read-only.
  Tab& t = *d.reader;
  Files before = read_folder(t.dir);
  t.pipeline->record(*t.ws, {}, t.ws->confirmed_count());
  t.pipeline->flush();
  t.pipeline->tick(*t.ws);
  t.loop->sync_now(true);
  if (read_folder(t.dir) != before) fail(d.client_id + ": the read-only tab changed its files");
  if (t.storage->flushes() != 0) fail(d.client_id + ": the read-only tab flushed storage");
  if (t.loop->requests() != 0) fail(d.client_id + ": the read-only tab sent a sync request");
}

// The user chooses "Re-send" after the server said it was restored from an older copy: what
// WebHost::resend does.
void Sim::resend(Device& d) {
  Tab& t = *d.writer;
  const SyncRefusal& behind = t.loop->behind();
  Resent r = resend_stored(*t.store, t.meta, *t.ws, ServerBehind{behind.head, behind.acked_seq, behind.chains});
  if (!r.ws) {
    // Storage that fails says so and nothing changes: the user can choose again, as when the
    // publisher has yet to re-send the publication the server lost.
    if (r.problem.text.find("browser storage") == std::string::npos && !r.wait_for_publisher)
      fail(d.client_id + ": re-sending was refused: " + r.problem.filled());
    if (r.wait_for_publisher) t.loop->ask_again(SyncLoop::kAskAgainMs, r.problem);  // as WebHost::resend
    return;
  }
  ++report_.resends;
  t.ws = std::move(r.ws);
  t.loop->attach(t.ws.get(), t.pipeline.get());
  t.pipeline->layout_replaced(*t.ws, r.first_seq);
  t.loop->configure("/api/sync", "w", "token");  // clears "server behind"
  t.loop->schedule(0);
}

void Sim::step(bool faults) {
  faults_ = faults;
  now_ += 1 + uniform() * (faults ? 400 : 100);
  deliver_due();
  for (auto& d : devices_) {
    d->durability->faults = faults ? FakeDurability::Faults{o_.flush_fail, o_.flush_silent, o_.max_flush_delay_ms}
                                   : FakeDurability::Faults{0, 0, 5};
    d->durability->run_due();
    note_saved(*d);
  }
  deliver_tab_events();
  if (o_.publish) {
    // Device 0's user publishes once the workspace is set up (at once while healing); the
    // others open deskbill once the server holds it.
    Device& first = *devices_[0];
    if (first.writer && !first.writer->ws->shared() && first.writer->ws->confirmed_count() >= setup_ops().size() &&
        (!faults || chance(0.02)))
      publish(first);
    for (auto& d : devices_)
      if (!d->joined && !server_.log().empty()) {
        d->joined = true;
        open_writer(*d);
      }
  }
  if (faults) {
    for (auto& d : devices_) {
      if (d->writer && chance(0.25)) edit(*d);
      if (d->writer && chance(o_.crash)) crash(*d);
      if (chance(o_.go_offline)) {
        d->online = !d->online;
        if (d->online && d->writer) d->writer->loop->network_back();
      }
      if (d->two_tabs && d->writer) {
        // The second tab is opened, used and closed again while the writer's tab stays.
        if (!d->reader && chance(0.03)) open_reader(*d);
        if (d->reader && d->reader->open && chance(0.05)) reader_tab_visit(*d);
        if (d->reader && chance(0.004)) d->reader.reset();
      }
    }
    if (chance(o_.server_restart)) {
      ++report_.restarts;
      server_down_until_ = now_ + 500 + uniform() * 4000;
    }
    if (o_.device_restore > 0)
      for (auto& d : devices_) {
        if (!d->writer) continue;
        if (chance(o_.device_backup)) {
          d->backup = d->durability->durable();
          d->backup_saved = d->saved;
        } else if (d->backup && chance(o_.device_restore)) {
          restore_device(*d);
        }
      }
    if (o_.server_restore > 0 && chance(o_.server_restore) && !server_.log().empty()) {
      ++report_.restores;
      // Publishing too, to before the whole publication: the other devices then wait for the
      // publisher to re-send it (ResendPlan::wait_for_publisher).
      server_.restore(pick(server_.log().size() + 1));
    }
  } else {
    for (auto& d : devices_)
      if (!d->online) {
        d->online = true;
        if (d->writer) d->writer->loop->network_back();
      }
  }
  if (!faults) {
    still_steps_ = server_.log().size() == still_at_ ? still_steps_ + 1 : 0;
    still_at_ = server_.log().size();
    if (still_steps_ >= 2000) {  // about 100 s: every device has synced several times
      still_steps_ = 0;
      for (auto& d : devices_)
        if (d->writer && d->writer->loop->held()) {
          d->writer->loop->send_held_anyway();
          sent_held_anyway_.insert(d->client_id);
        }
    }
  }
  // A user whose sync stopped because the server was restored chooses "Re-send" (sooner or
  // later; at once while healing).
  for (auto& d : devices_)
    if (d->writer && d->writer->loop->server_behind() && (!faults || chance(0.05))) resend(*d);
  for (auto& d : devices_)
    for (Tab* t : {d->writer.get(), d->reader.get()})
      if (t && t->open) {
        t->pipeline->tick(*t->ws);
        t->loop->tick(d->online);
      }
  // A read-only tab whose follow read failed reads again after a wait (WebHost::tick).
  for (auto& d : devices_)
    if (d->reader && d->reader->open && d->reader->handoff.tick(now_)) start_read(*d, *d->reader);
}

bool Sim::converged() const {
  for (const auto& d : devices_) {
    if (!d->writer) return false;
    const Tab& w = *d->writer;
    if (!w.ws->pending().empty() || w.ws->confirmed_count() != server_.log().size()) return false;
    // As many ops as the server, but not the same ones: a device that saw ops a restore of the
    // server lost, and as many others since. Its next sync is told so (the chain at its cursor
    // differs) and it re-sends its work; counting alone ended the run first (publishing, seed 453).
    if (!server_.log().empty() && w.ws->cursor_chain() != server_.log().back().chain) return false;
    if (w.pipeline->flushing() || w.pipeline->status().state != SaveState::Saved) return false;
    // A read-only tab shows what the writer stored.
    if (d->reader && (!d->reader->open || d->reader->ws->confirmed_count() != server_.log().size() ||
                      d->reader->ws->cursor_chain() != w.ws->cursor_chain() || !d->reader->ws->pending().empty()))
      return false;
  }
  return net_.empty() && tab_events_.empty();
}

std::string Sim::seq_gap() const {
  for (const auto& d : devices_) {
    if (!d->writer || d->writer->ws->pending().empty()) continue;
    uint64_t last = 0;  // the server takes a device's ops in seq order, with no gap
    for (const ServerRow& row : server_.log())
      if (row.client == d->client_id) last = std::max(last, row.seq);
    uint64_t first = d->writer->ws->pending().front().seq;
    if (first > last + 1)
      return ": device " + std::to_string(d->index) + " holds ops from seq " + std::to_string(first) +
             " on, but the server's last one of it is " + std::to_string(last) + " and no one holds seq " +
             std::to_string(last + 1) + ", so the server takes none of them";
  }
  return "";
}

Report Sim::run() {
  for (int i = 0; i < o_.steps; ++i) step(true);
  double heal_start = now_;
  server_down_until_ = 0;
  for (int i = 0; i < 20000 && !converged(); ++i) step(false);
  report_.heal_ms = now_ - heal_start;
  if (!converged()) fail("the devices did not converge after healing" + seq_gap());
  std::string f = check(report_);
  if (!f.empty()) fail(f);
  report_.failure = failure_;
  return report_;
}

std::string Sim::check(Report& r) {
  // Only a device restored from an older copy may meet its own seqs taken by other content.
  for (const auto& d : devices_) {
    auto c = server_.collisions().find(d->client_id);
    if (!d->restored && c != server_.collisions().end())
      return d->client_id + " sent the same (client, seq) twice with different content (" + std::to_string(c->second) +
             " times)";
  }
  // Every op shown as Saved is confirmed, exactly once (the server keeps one row per client and
  // seq), with the content the user saw saved.
  std::map<std::pair<std::string, uint64_t>, const ServerRow*> confirmed;
  std::map<std::string, std::set<std::string>> confirmed_content;
  for (const ServerRow& row : server_.log()) {
    confirmed[{row.client, row.seq}] = &row;
    confirmed_content[row.client].insert(row.op);
  }
  for (const auto& d : devices_) {
    r.ops_saved += d->saved.size();
    for (const auto& [seq, op] : d->saved) {
      auto it = confirmed.find({d->client_id, seq});
      if (it != confirmed.end() && it->second->op == op) continue;
      if (!confirmed_content[d->client_id].count(op))
        return d->client_id + ": an op shown as Saved was never confirmed: " + op;
      // Confirmed under another seq: numbered again, which only a device restored from an
      // older copy needs (its seqs were taken by its lost future's ops).
      if (!d->restored)
        return d->client_id + ": the op shown as Saved as seq " + std::to_string(seq) +
               " was confirmed under another seq: " + op;
    }
  }
  r.ops_confirmed = server_.log().size();
  r.publishes = report_.publishes;
  // A publisher restored to a copy from before it published holds a local workspace again, and
  // publishes it a second time into the one the server holds: its ops then come after the others'
  // and carry their own seqs. The checks below are of one publication (a crash before the first
  // was stored may make it again, the same); two by a restored publisher are held to the rest.
  if (o_.publish && (report_.publishes == 1 || !devices_[0]->restored)) {
    // The published ops (device 0's seqs up to the count it published) carry no acceptance date.
    uint64_t published = 0;
    for (const ServerRow& row : server_.log())
      if (row.client == devices_[0]->client_id && row.seq <= published_ops_) {
        ++published;
        if (!row.accepted_at.empty()) return "a published op was stamped with an acceptance date";
      }
    if (published != published_ops_) return "the server holds fewer ops than were published";
    // Every invoice the local books numbered keeps its number in the shared ones: it may have
    // been printed and sent.
    // (A restore of the server may let others' re-sent work come between them: below.)
    State shared;
    for (const ServerRow& row : server_.log()) fold_row(shared, row);
    for (const auto& [id, name] : published_invoices_) {
      uint32_t i = shared.invoices.find(shared.text, id);
      std::string now = i == kNone ? "missing" : invoice_name(shared, i);
      if (now != name && report_.restores == 0)
        return "the published invoice " + name + " is " + now + " in the shared books";
    }
    // Unless a restore of the server let others' re-sent work come between them, they are the
    // server's first ops and fold to the local workspace's state: numbers, dates, totals
    // (docs/sync.md, Publishing).
    if (report_.restores == 0) {
      State books;
      for (uint64_t i = 0; i < published_ops_; ++i) {
        const ServerRow& row = server_.log()[i];
        if (row.client != devices_[0]->client_id) return "the server's first ops are not the published ones";
        fold_row(books, row);
      }
      if (state_hash(books) != published_books_) return "the published books differ from the local ones";
    }
  }
  // The canonical fold, op by op: a posted invoice, once confirmed, never changes.
  State canon;
  struct Posted {
    uint32_t number;
    int32_t year;
    Day date;
    Money total;
  };
  std::map<uint32_t, Posted> posted;
  for (const ServerRow& row : server_.log()) {
    fold_row(canon, row);
    for (uint32_t i = 0; i < canon.invoices.size(); ++i) {
      const Invoice& inv = canon.invoices.rows[i];
      if (inv.state == MoveState::Posted && !posted.count(i))
        posted[i] = {inv.number, inv.number_year, inv.date, invoice_totals(canon, i).total};
    }
  }
  r.invoices_posted = posted.size();
  r.rejected = canon.rejected.size();
  // A new record's id is the device's own: no op of one device takes the id another op made. (A
  // ticket refused for its id would leave the timesheets logged on it on the other ticket.)
  // Nor does the server hold one create twice: the device's copy would fold as repeated_op.
  for (const Rejected& rej : canon.rejected) {
    if (canon.text.view(rej.code) == "duplicate_id")
      return canon.text.str(rej.client) +
             ": an op was refused because another op took its id: " + canon.text.str(rej.message);
    if (canon.text.view(rej.code) == "repeated_op")
      return canon.text.str(rej.client) + ": the server holds a create twice: " + canon.text.str(rej.op);
  }
  // Re-sent work waits for the records it names (docs/sync.md): no op is refused for a record of
  // another device that the server holds only after it (unless its user sent it as it was).
  std::map<std::string, uint64_t> created_at;
  for (const ServerRow& row : server_.log()) {
    json op = json::parse(row.op);
    if (op.contains("id") && op["id"].is_string() && knows_the_table_of(op.value("kind", "")))
      created_at.emplace(op["id"].get<std::string>(), row.pos);
  }
  for (const Rejected& rej : canon.rejected) {
    std::string client = canon.text.str(rej.client);
    if (canon.text.view(rej.code) != "unknown_ref" || sent_held_anyway_.count(client)) continue;
    json op = json::parse(canon.text.str(rej.op));
    std::vector<std::string> ids;
    for (auto it = op.begin(); it != op.end(); ++it)
      if (it.key() != "mark" && !(it.key() == "id" && knows_the_table_of(op.value("kind", ""))))
        ids_named(it.value(), client, ids);
    for (const std::string& id : ids) {
      auto at = created_at.find(id);
      if (at != created_at.end() && at->second > rej.pos)
        return client + ": an op was refused for a record another device sent again only after it (" + id +
               "): " + op.dump();
    }
  }
  // Nor any other op made once (a change with its tab's mark): folded twice, it counts twice.
  std::set<std::pair<std::string, std::string>> made_once;
  for (const ServerRow& row : server_.log()) {
    json op = json::parse(row.op);
    if (op_names_itself(op, row.client) && !made_once.insert({row.client, row.op}).second)
      return row.client + ": the server holds an op made once twice: " + row.op;
  }
  for (const auto& [i, p] : posted) {
    const Invoice& inv = canon.invoices.rows[i];
    if (inv.number != p.number || inv.number_year != p.year || inv.date != p.date ||
        invoice_totals(canon, i).total != p.total)
      return "a confirmed posted invoice changed afterwards";
  }
  // Invoice numbers: unique and gapless per type and year.
  std::map<std::pair<int, int32_t>, std::vector<uint32_t>> numbers;
  for (const Invoice& inv : canon.invoices.rows)
    if (inv.number) numbers[{static_cast<int>(inv.type), inv.number_year}].push_back(inv.number);
  for (auto& [key, v] : numbers) {
    std::sort(v.begin(), v.end());
    for (size_t k = 0; k < v.size(); ++k)
      if (v[k] != k + 1) return "invoice numbers are not unique and gapless";
  }
  // Every device shows the canonical state, and so does what it stored.
  uint64_t want = state_hash(canon);
  for (auto& d : devices_) {
    if (state_hash(d->writer->ws->state()) != want)
      return d->client_id + ": shows a state other than the canonical fold";
    if (d->reader && state_hash(d->reader->ws->state()) != want)
      return d->client_id + ": its read-only tab shows a state other than the canonical fold";
    d->reader.reset();
    crash(*d);  // reopen from what is durable
    if (state_hash(d->writer->ws->state()) != want) return d->client_id + ": its stored journal gives another state";
  }
  return "";
}

}  // namespace

Report run_simulation(uint64_t seed, const Options& o) {
  Sim sim(seed, o);
  return sim.run();
}

}  // namespace deskbill::sim
