// A seeded, deterministic simulation of a team: devices (some with a second, read-only tab) that
// edit the same tickets, prepaid line and invoices offline and online, through the real save
// pipeline, sync loop, journal store and fold, against the server's sequencing logic; while
// storage fails or never answers, requests and answers are dropped, duplicated, delayed and
// reordered, devices crash at any step and the server restarts. Then everything heals and the
// promises are checked (see Report::failure).
#pragma once
#include <cstdint>
#include <string>

namespace deskbill::sim {

struct Options {
  int devices = 5;
  // The first N devices also open a second tab now and then: read-only, it follows the writer's
  // saves and takes over when the writer's tab crashes or closes.
  int two_tab_devices = 2;
  int steps = 500;
  // Fault rates per step or per message.
  double crash = 0.01, server_restart = 0.004, go_offline = 0.01;
  // The server restored from an older copy (to a position drawn evenly from its log): devices
  // that saw more are refused (server_behind) until they re-send their work (journal/resend.h).
  double server_restore = 0.0015;
  // The server compares the chain a device sends with its own at the device's cursor, and gives
  // its chains at a few positions when it refuses (docs/sync.md). False: it compares cursors
  // only, as serve.py did before chains (sim_server.h).
  bool server_compares_chains = true;
  // The server's chains cover each op's content, not only its (client, seq) (docs/sync.md).
  bool chains_cover_content = true;
  // And the day of each op's acceptance stamp (docs/sync.md).
  bool chains_cover_acceptance = true;
  // At most this many ops a sync request (the app's kMaxRequestOps). Small, a device's backlog
  // often spans several requests, and a tab that crashed may have sent more than the next one does.
  size_t max_request_ops = 500;
  // A device's storage restored from an older copy of itself (a backup of the browser profile or
  // of the machine), per device and step: its tabs close and it opens on the copy. Its seqs after
  // the copy may be taken on the server by ops of the lost future, which the server names
  // (409 seq_taken); its ids after the copy may be those ops' ids. A copy is taken now and then
  // (device_backup). Ops shown Saved after the copy that no server holds went with it and are
  // not counted; every other Saved op must be confirmed, with the content the user saw.
  double device_restore = 0, device_backup = 0.02;
  // The workspace begins as device 0's local one: its user sets it up and works offline, then
  // publishes it into the empty workspace of the server (journal/publish.h: its ops keep their
  // dates, so the books stay the same). The other devices join once the server holds it.
  bool publish = false;
  // While the server holds part of a publication (it takes several requests), it stores no other
  // device's work (docs/sync.md). False: others' work comes between the published ops, as it did
  // before publications said where they end.
  bool server_waits_for_publication = true;
  // Re-sent work that names a record another device has yet to send again after a restore of the
  // server waits for it (sync/sync_client.h, first_held). False: it goes at once, as before.
  bool devices_wait_for_records = true;
  double drop_request = 0.05, drop_answer = 0.05, duplicate = 0.05;
  double flush_fail = 0.03, flush_silent = 0.01;
  double max_net_delay_ms = 2000, max_flush_delay_ms = 300;
  // Flushes store the files as Emscripten's FS.syncfs does (listed when asked, read when stored:
  // tests/sim/fake_durability.h) instead of as deskbill's own flush does (listed and read at one
  // moment), and a read-only tab reads them as FS.syncfs(true) does (listed in one transaction,
  // read in another) instead of in one transaction.
  bool syncfs_reads = false;
};

struct Report {
  std::string failure;  // empty when every invariant held
  uint64_t ops_made = 0, ops_saved = 0, ops_confirmed = 0, rejected = 0, crashes = 0, restarts = 0;
  uint64_t takeovers = 0;              // a writer's tab went and the read-only tab took its place
  uint64_t restores = 0, resends = 0;  // the server restored from an older copy; a device re-sent
  uint64_t device_restores = 0;        // a device's storage restored from an older copy
  uint64_t publishes = 0;              // a local workspace published (tried again after a crash)
  uint64_t invoices_posted = 0;
  double heal_ms = 0;
};

Report run_simulation(uint64_t seed, const Options& o = {});

}  // namespace deskbill::sim
