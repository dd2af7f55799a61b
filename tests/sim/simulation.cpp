#include "sim/simulation.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>

#include "core/billing.h"
#include "core/dates.h"
#include "core/state_hash.h"
#include "core/state_json.h"
#include "core/tax_math.h"
#include "journal/save_pipeline.h"
#include "journal/store.h"
#include "journal/workspace.h"
#include "sim/fake_durability.h"
#include "sim/sim_server.h"
#include "sync/sync_loop.h"

namespace deskbill::sim {
namespace {

using nlohmann::json;

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

struct Device {
  int index = 0;
  std::string dir, client_id, agent;
  int epoch = 0;  // bumped by a crash: answers to the dead tab are never delivered
  bool online = true;
  uint64_t id_counter = 0;
  std::unique_ptr<FakeDurability> durability;
  std::unique_ptr<Transport> transport;
  StoredWorkspace meta;
  std::unique_ptr<JournalStore> store;
  std::unique_ptr<Workspace> ws;
  std::unique_ptr<SavePipeline> pipeline;
  std::unique_ptr<SyncLoop> loop;
  bool two_tabs = false;
  // What became durable on the device, i.e. what the user saw as Saved: seq → op text.
  std::map<uint64_t, std::string> saved;
};

class Sim {
 public:
  Sim(uint64_t seed, const Options& o) : rng_(seed), o_(o) {
    // tmpfs when there is one: the simulation writes thousands of small files per seed.
    std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    root_ = (base / ("deskbill-sim-" + std::to_string(seed) + "-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(root_);
    for (const json& op : setup_ops()) {
      json req = {{"client_id", "admin"}, {"cursor", 0}, {"ops", {{{"seq", ++admin_seq_}, {"op", op}}}}};
      server_.handle(req.dump(), "admin", day_text(0));
    }
    for (int i = 0; i < o.devices; ++i) {
      auto d = std::make_unique<Device>();
      d->index = i;
      d->dir = root_ + "/device" + std::to_string(i);
      d->client_id = "dev" + std::to_string(i);
      d->agent = "agent" + std::to_string(i);
      d->two_tabs = i < o.two_tab_devices;
      std::filesystem::create_directories(d->dir);
      d->durability = std::make_unique<FakeDurability>(d->dir);
      d->durability->uniform = [this] { return uniform(); };
      d->durability->now = [this] { return now_; };
      d->transport = std::make_unique<Transport>(*this, i);
      devices_.push_back(std::move(d));
    }
    for (auto& d : devices_) open(*d);
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

  void open(Device& d);
  void crash(Device& d);
  void edit(Device& d);
  std::optional<json> make_edit(Device& d);
  void step(bool faults);
  void deliver_due();
  void note_saved(Device& d);
  void reader_tab_visit(Device& d);
  bool converged() const;
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
  double server_down_until_ = 0;
  std::vector<NetEvent> net_;
  std::vector<std::unique_ptr<Device>> devices_;
  std::string failure_;
  Report report_;
  bool faults_ = true;
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

void Sim::open(Device& d) {
  d.store = std::make_unique<JournalStore>(d.dir);
  d.ws = std::make_unique<Workspace>(d.client_id, true);
  d.meta = StoredWorkspace{};
  if (d.store->exists()) {
    if (auto err = d.store->load(*d.ws, d.meta))
      fail(d.client_id + ": the stored journal could not be read after a crash: " + *err);
  } else {
    d.meta.client_id = d.client_id;
    d.meta.shared = true;
    d.meta.server_url = "/api/sync";
    d.meta.workspace_name = "w";
    if (auto err = d.store->write_meta(d.meta)) fail(*err);
  }
  d.pipeline = std::make_unique<SavePipeline>(*d.store, d.meta, *d.durability, [this] { return now_; });
  d.pipeline->loaded(*d.ws);
  d.loop = std::make_unique<SyncLoop>(*d.transport, [this] { return now_; });
  d.loop->attach(d.ws.get(), d.pipeline.get());
  d.loop->configure("/api/sync", "w", "token");
  d.loop->schedule(0);
  Device* dp = &d;
  d.pipeline->on_saved = [dp](const std::string& err) {
    if (err.empty()) dp->loop->durable_changed();
  };
}

void Sim::crash(Device& d) {
  ++report_.crashes;
  ++d.epoch;
  d.loop.reset();
  d.pipeline.reset();
  d.ws.reset();
  d.store.reset();
  d.durability->crash();
  d.id_counter = 0;  // in memory only, like the app's
  open(d);
}

std::optional<json> Sim::make_edit(Device& d) {
  const State& s = d.ws->state();
  auto new_id = [&] {
    return d.client_id + "." + std::to_string(d.ws->next_seq()) + "." + std::to_string(++d.id_counter);
  };
  auto some = [&](const auto& table, auto keep) -> std::string {
    std::vector<uint32_t> ok;
    for (uint32_t i = 0; i < table.size(); ++i)
      if (keep(table.rows[i])) ok.push_back(i);
    if (ok.empty()) return "";
    return std::string(table.ids.id_of(s.text, ok[pick(ok.size())]));
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
  std::optional<json> op = make_edit(d);
  if (!op) return;
  if (d.ws->submit(*op)) return;  // refused when made: nothing recorded, the user saw why
  ++report_.ops_made;
  d.pipeline->record(*d.ws, {}, d.ws->confirmed_count());
  d.loop->local_change();
}

void Sim::note_saved(Device& d) {
  // What a flush made durable is what the user sees as Saved: every pending op up to durable_seq.
  for (const PendingOp& p : d.ws->pending())
    if (p.seq <= d.pipeline->durable_seq() && !d.saved.count(p.seq)) d.saved[p.seq] = p.op.dump();
}

void Sim::reader_tab_visit(Device& d) {
  // The second tab follows what the writer stored, and does what a tab does: tries to edit,
  // hides (page-hide flush), asks to sync. It must never write, flush or send anything.
  Files before = read_folder(d.dir);
  uint64_t flushes = d.durability->flushes();
  JournalStore store(d.dir);
  StoredWorkspace meta;
  Workspace ws(d.client_id, true);
  if (store.exists() && store.load(ws, meta)) return;  // mid-write: it follows on the next message
  SavePipeline pipeline(store, meta, *d.durability, [this] { return now_; });
  pipeline.set_read_only(true);
  pipeline.loaded(ws);
  Transport transport(*this, d.index);
  SyncLoop loop(transport, [this] { return now_; });
  loop.set_enabled(false);
  loop.attach(&ws, &pipeline);
  auto op = make_edit(d);
  if (op && !ws.submit(*op)) pipeline.record(ws, {}, ws.confirmed_count());
  pipeline.flush();
  pipeline.tick(ws);
  loop.sync_now(true);
  if (read_folder(d.dir) != before) fail(d.client_id + ": the read-only tab changed the stored files");
  if (d.durability->flushes() != flushes) fail(d.client_id + ": the read-only tab flushed storage");
  if (loop.requests() != 0) fail(d.client_id + ": the read-only tab sent a sync request");
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
  if (faults) {
    for (auto& d : devices_) {
      if (chance(0.25)) edit(*d);
      if (chance(o_.crash)) crash(*d);
      if (chance(o_.go_offline)) {
        d->online = !d->online;
        if (d->online) d->loop->network_back();
      }
      if (d->two_tabs && chance(0.05)) reader_tab_visit(*d);
    }
    if (chance(o_.server_restart)) {
      ++report_.restarts;
      server_down_until_ = now_ + 500 + uniform() * 4000;
    }
  } else {
    for (auto& d : devices_)
      if (!d->online) {
        d->online = true;
        d->loop->network_back();
      }
  }
  for (auto& d : devices_) {
    d->pipeline->tick(*d->ws);
    d->loop->tick(d->online);
  }
}

bool Sim::converged() const {
  for (const auto& d : devices_) {
    if (!d->ws->pending().empty() || d->ws->confirmed_count() != server_.log().size()) return false;
    if (d->pipeline->flushing() || d->pipeline->status().state != SaveState::Saved) return false;
  }
  return net_.empty();
}

Report Sim::run() {
  for (int i = 0; i < o_.steps; ++i) step(true);
  double heal_start = now_;
  server_down_until_ = 0;
  for (int i = 0; i < 20000 && !converged(); ++i) step(false);
  report_.heal_ms = now_ - heal_start;
  if (!converged()) fail("the devices did not converge after healing");
  std::string f = check(report_);
  if (!f.empty()) fail(f);
  report_.failure = failure_;
  return report_;
}

std::string Sim::check(Report& r) {
  if (server_.collisions() != 0)
    return "a device sent the same (client, seq) twice with different content (" +
           std::to_string(server_.collisions()) + " times)";
  // Every op shown as Saved is confirmed, exactly once (the server keeps one row per client and
  // seq), with the content the user saw saved.
  std::map<std::pair<std::string, uint64_t>, const ServerRow*> confirmed;
  for (const ServerRow& row : server_.log()) confirmed[{row.client, row.seq}] = &row;
  for (const auto& d : devices_) {
    r.ops_saved += d->saved.size();
    for (const auto& [seq, op] : d->saved) {
      auto it = confirmed.find({d->client_id, seq});
      if (it == confirmed.end()) return d->client_id + ": an op shown as Saved was never confirmed: " + op;
      if (it->second->op != op)
        return d->client_id + ": the op confirmed as seq " + std::to_string(seq) +
               " is not the one shown as Saved: " + op;
    }
  }
  r.ops_confirmed = server_.log().size();
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
    OpContext ctx;
    ctx.pos = row.pos;
    ctx.client = row.client;
    ctx.agent = row.agent;
    if (auto d = parse_day(row.accepted_at)) ctx.accepted_at = *d;
    json op = json::parse(row.op);
    apply_or_reject(canon, op, ctx);
    for (uint32_t i = 0; i < canon.invoices.size(); ++i) {
      const Invoice& inv = canon.invoices.rows[i];
      if (inv.state == MoveState::Posted && !posted.count(i))
        posted[i] = {inv.number, inv.number_year, inv.date, invoice_totals(canon, i).total};
    }
  }
  r.invoices_posted = posted.size();
  r.rejected = canon.rejected.size();
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
    if (state_hash(d->ws->state()) != want) return d->client_id + ": shows a state other than the canonical fold";
    crash(*d);  // reopen from what is durable
    if (state_hash(d->ws->state()) != want) return d->client_id + ": its stored journal gives another state";
  }
  return "";
}

}  // namespace

Report run_simulation(uint64_t seed, const Options& o) {
  Sim sim(seed, o);
  return sim.run();
}

}  // namespace deskbill::sim
