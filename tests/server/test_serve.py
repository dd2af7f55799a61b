"""The sync endpoint: authentication, idempotent contiguous sequencing, isolation, limits."""
import http.client
import socket
import time
import json
import os
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
import serve  # noqa: E402
from backends import PgDatabase, require_pg  # noqa: E402
from server import op_identity, storage  # noqa: E402

OP = {"kind": "partner.create", "id": "c1", "name": "Acme"}


class SyncEndpoint(unittest.TestCase):
    """Every test here runs on SQLite, and again on PostgreSQL (SyncEndpointOnPostgres)."""

    @classmethod
    def database(cls):
        return os.path.join(cls.tmp.name, "db.sqlite3")

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        site = os.path.join(cls.tmp.name, "site")
        os.makedirs(site)
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write("<html>deskbill</html>")
        with open(os.path.join(site, "deskbill.wasm"), "wb") as f:
            f.write(b"\0asm")
        cls.site = site
        cls.server, cls.store = serve.make_server("127.0.0.1", 0, site, cls.database())
        cls.port = cls.server.server_address[1]
        cls.ana = cls.store.add_token("ana", ["team1"])
        cls.bob = cls.store.add_token("bob", ["team1"])
        cls.eve = cls.store.add_token("eve", ["other"])
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.server.server_close()
        cls.store.close()
        cls.tmp.cleanup()

    def db_run(self, sql, args=()):
        with self.store.db.transaction(True) as tx:
            return tx.all(sql, args) if sql.lstrip().upper().startswith("SELECT") else tx.run(sql, args)

    def post(self, body, token=None, raw=False):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        conn.request("POST", "/api/sync", body if raw else json.dumps(body), headers)
        r = conn.getresponse()
        data = json.loads(r.read() or b"{}")
        conn.close()
        return r.status, data

    def sync(self, token, client, cursor, ops, ws="team1"):
        return self.post({"workspace": ws, "client_id": client, "cursor": cursor, "ops": ops}, token)

    def test_missing_token_is_401(self):
        status, data = self.sync(None, "d1", 0, [])
        self.assertEqual(status, 401)
        self.assertIn("token", data["error"])

    def test_wrong_token_is_401(self):
        self.assertEqual(self.sync("nope", "d1", 0, [])[0], 401)

    def test_other_workspace_is_403(self):
        self.assertEqual(self.sync(self.eve, "d1", 0, [])[0], 403)

    def test_bad_json_is_400_and_writes_nothing(self):
        status, data = self.post("{not json", self.ana, raw=True)
        self.assertEqual(status, 400)
        self.assertIn("JSON", data["error"])

    def test_malformed_op_is_400(self):
        status, _ = self.sync(self.ana, "dx", 0, [{"seq": 1, "op": {"no": "kind"}}])
        self.assertEqual(status, 400)
        status, _ = self.sync(self.ana, "dx", 0, [{"seq": -1, "op": OP}])
        self.assertEqual(status, 400)

    def test_too_large_op_is_413(self):
        big = dict(OP, name="x" * 20000)
        self.assertEqual(self.sync(self.ana, "dy", 0, [{"seq": 1, "op": big}])[0], 413)

    def test_a_too_large_op_is_named_by_its_seq_so_the_device_can_put_a_stand_in_in_its_place(self):
        big = dict(OP, id="c9", name="x" * 20000)
        status, data = self.sync(self.ana, "dz", 0, [{"seq": 1, "op": OP}, {"seq": 2, "op": big}])
        self.assertEqual(status, 413)
        self.assertEqual(data["reason"], "op_too_large")
        self.assertEqual(data["seq"], 2)
        self.assertIn("16000", data["error"])
        held = self.sync(self.ana, "observer", 0, [])[1]["ops"]
        self.assertEqual([o for o in held if o["client_id"] == "dz"], [])  # nothing stored

    def test_ops_are_sequenced_once_and_returned_in_order(self):
        s1, a = self.sync(self.ana, "devA", 0, [{"seq": 1, "op": OP}, {"seq": 2, "op": dict(OP, id="c2")}])
        self.assertEqual(s1, 200)
        self.assertEqual(a["acked_seq"], 2)
        first = [o for o in a["ops"] if o["client_id"] == "devA"]
        self.assertEqual([o["seq"] for o in first], [1, 2])
        self.assertEqual(first[0]["agent"], "ana")
        self.assertRegex(first[0]["accepted_at"], r"^\d{4}-\d\d-\d\dT")
        # a retry of the same ops is acknowledged without new positions
        _, again = self.sync(self.ana, "devA", 0, [{"seq": 1, "op": OP}, {"seq": 2, "op": dict(OP, id="c2")}])
        self.assertEqual(len([o for o in again["ops"] if o["client_id"] == "devA"]), 2)
        # another agent sees them after its cursor, positions contiguous
        _, b = self.sync(self.bob, "devB", 0, [{"seq": 1, "op": dict(OP, id="b1")}])
        positions = [o["pos"] for o in b["ops"]]
        self.assertEqual(positions, list(range(1, len(positions) + 1)))
        self.assertEqual(b["ops"][-1]["agent"], "bob")
        _, c = self.sync(self.ana, "devA", b["cursor"], [])
        self.assertEqual(c["ops"], [])

    def test_gap_in_seq_keeps_only_the_contiguous_part(self):
        _, a = self.sync(self.ana, "devGap", 0, [{"seq": 1, "op": OP}, {"seq": 3, "op": OP}])
        self.assertEqual(a["acked_seq"], 1)

    def test_wasm_is_served_as_application_wasm(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", "/deskbill.wasm")
        r = conn.getresponse()
        r.read()
        self.assertEqual(r.getheader("Content-Type"), "application/wasm")

    def test_rate_limiter_refuses_past_the_burst(self):
        limiter = serve.RateLimiter(2)
        self.assertTrue(limiter.allow("x"))
        self.assertTrue(limiter.allow("x"))
        self.assertFalse(limiter.allow("x"))

    def test_tokens_are_stored_hashed(self):
        rows = self.db_run("SELECT token_hash FROM tokens")
        self.assertNotIn(self.ana, [r[0] for r in rows])


    def fresh_agent(self, *workspaces, role="agent"):
        """A token of an agent of its own: each test stays under the per-token rate limit."""
        name = "agent-%s" % self.id().rsplit(".", 1)[-1][:40]
        self.ana = self.store.add_token(name, list(workspaces) or ["team1"], role=role)
        return self.ana

    # No op that JSON cannot carry, and no silent loss when a (client_id, seq) comes back changed.
    def test_nan_in_an_op_is_refused_with_400(self):
        self.fresh_agent("team1", "pub1", "pub2")
        body = '{"workspace":"team1","client_id":"n1","cursor":0,"ops":[{"seq":1,"op":{"kind":"timesheet.log","hours":NaN}}]}'
        status, data = self.post(body, self.ana, raw=True)
        self.assertEqual(status, 400)
        self.assertIn("NaN", data["error"])

    def test_a_number_beyond_double_range_is_refused_with_400(self):
        self.fresh_agent("team1", "pub1", "pub2")
        body = '{"workspace":"team1","client_id":"n2","cursor":0,"ops":[{"seq":1,"op":{"kind":"timesheet.log","hours":1e400}}]}'
        status, data = self.post(body, self.ana, raw=True)
        self.assertEqual(status, 400)
        self.assertIn("out of range", data["error"])

    def test_a_stored_nan_goes_out_as_text_and_the_answer_stays_valid_json(self):
        self.fresh_agent("legacy")
        # A row stored by an older server, before numbers were checked.
        self.db_run("INSERT INTO workspaces(name) VALUES ('legacy') ON CONFLICT DO NOTHING")
        self.db_run("INSERT INTO ops (workspace, pos, client_id, seq, agent, accepted_at, op) VALUES ('legacy', 1, 'old', 1, 'ana', '2026-01-01', '{\"kind\":\"x\",\"hours\":NaN}')")
        self.db_run("UPDATE workspaces SET next_pos = 2 WHERE name = 'legacy'")
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("POST", "/api/sync", json.dumps({"workspace": "legacy", "client_id": "d9", "cursor": 0, "ops": []}),
                     {"Authorization": "Bearer " + self.ana, "Content-Type": "application/json"})
        raw = conn.getresponse().read().decode()
        conn.close()
        data = json.loads(raw, parse_constant=lambda c: self.fail("the answer holds " + c))
        self.assertEqual(data["ops"][0]["op"]["hours"], "NaN")

    def test_the_same_seq_with_other_content_is_409_and_changes_nothing(self):
        self.fresh_agent("team1", "pub1", "pub2")
        self.assertEqual(self.sync(self.ana, "same", 0, [{"seq": 1, "op": OP}])[0], 200)
        other = dict(OP, name="Someone else")
        status, data = self.sync(self.ana, "same", 0, [{"seq": 1, "op": other}, {"seq": 2, "op": dict(OP, id="c2")}])
        self.assertEqual(status, 409)
        self.assertIn("other content", data["error"])
        # what the device acts on: the seq taken, and the last of its seqs the server holds
        self.assertEqual((data["reason"], data["seq"], data["acked_seq"]), ("seq_taken", 1, 1))
        status, data = self.sync(self.ana, "same", 0, [])
        mine = [o for o in data["ops"] if o["client_id"] == "same"]
        self.assertEqual([o["op"]["name"] for o in mine], ["Acme"])  # seq 2 was not stored either

    def test_an_op_held_under_another_seq_of_the_device_is_a_retry(self):
        # A device restored from an older copy holds as seq 1 an op its lost future sent as seq 2.
        self.fresh_agent("team1", "pub1", "pub2")
        b = dict(OP, id="c2")
        self.assertEqual(self.sync(self.ana, "restored", 0, [{"seq": 1, "op": OP}, {"seq": 2, "op": b}])[0], 200)
        status, data = self.sync(self.ana, "restored", 0, [{"seq": 1, "op": b}])
        self.assertEqual(status, 200)
        self.assertEqual(data["acked_seq"], 2)
        mine = [o["op"]["id"] for o in data["ops"] if o["client_id"] == "restored"]
        self.assertEqual(mine, [OP["id"], "c2"])  # stored once
        # Another device's op with that content is not this device's: still a taken seq.
        self.assertEqual(self.sync(self.ana, "other", 0, [{"seq": 1, "op": b}])[0], 200)
        status, data = self.sync(self.ana, "other", 0, [{"seq": 1, "op": OP}])
        self.assertEqual((status, data.get("reason")), (409, "seq_taken"))

    # A device restored from an older copy sends, under fresh seqs, ops its lost future sent
    # (the simulation's restored-device seed 571). An op made once (a create under an id its device
    # made, a change with a tab's mark) held already is not stored again (docs/sync.md).
    def test_an_op_made_once_held_under_another_seq_is_not_stored_again_under_a_fresh_seq(self):
        self.fresh_agent("team1", "pub1", "pub2")
        logged = {"kind": "timesheet.log", "id": "held.1.aaaaaa-1", "ticket": "t1", "hours": "2"}
        renamed = {"kind": "ticket.update", "id": "t1", "title": "VPN", "mark": "aaaaaa-2"}
        self.assertEqual(self.sync(self.ana, "held", 0, [{"seq": 1, "op": logged}, {"seq": 2, "op": renamed}])[0], 200)
        later = {"kind": "timesheet.log", "id": "held.5.bbbbbb-1", "ticket": "t1", "hours": "1"}
        status, data = self.sync(self.ana, "held", 0, [{"seq": 3, "op": logged}, {"seq": 4, "op": renamed},
                                                       {"seq": 5, "op": later}])
        self.assertEqual(status, 200)
        self.assertEqual(data["acked_seq"], 2)  # seqs stay contiguous: the op after the copies waits
        self.assertEqual([o["seq"] for o in data["ops"] if o["client_id"] == "held"], [1, 2])  # the copies come back
        # The device dropped its copies and numbered its next op after the server's last.
        status, data = self.sync(self.ana, "held", 2, [{"seq": 3, "op": later}])
        self.assertEqual((status, data["acked_seq"]), (200, 3))
        status, data = self.sync(self.ana, "held", 0, [])
        self.assertEqual([o["op"]["id"] for o in data["ops"] if o["client_id"] == "held"],
                         ["held.1.aaaaaa-1", "t1", "held.5.bbbbbb-1"])

    def test_a_change_without_a_mark_sent_again_under_a_fresh_seq_is_stored_again(self):
        # An older app's change: the same name set twice on purpose is two ops.
        self.fresh_agent("team1", "pub1", "pub2")
        rename = {"kind": "ticket.update", "id": "t1", "title": "VPN"}
        self.assertEqual(self.sync(self.ana, "unmarked", 0, [{"seq": 1, "op": rename}])[0], 200)
        status, data = self.sync(self.ana, "unmarked", 0, [{"seq": 2, "op": rename}])
        self.assertEqual((status, data["acked_seq"]), (200, 2))

    def test_an_op_made_once_held_where_the_device_has_received_it_is_stored_again(self):
        # The device has received the first copy and still sends it: an app from before it dropped
        # such a copy, which would send it for ever. Stored, as then; every fold refuses the copy.
        self.fresh_agent("team1", "pub1", "pub2")
        logged = {"kind": "timesheet.log", "id": "seen.1.aaaaaa-1", "ticket": "t1", "hours": "2"}
        self.assertEqual(self.sync(self.ana, "seen", 0, [{"seq": 1, "op": logged}])[0], 200)
        _, data = self.sync(self.ana, "seen", 0, [])
        cursor = data["cursor"]
        status, data = self.sync(self.ana, "seen", cursor, [{"seq": 2, "op": logged}])
        self.assertEqual((status, data["acked_seq"]), (200, 2))

    def test_another_devices_op_with_the_same_content_is_stored(self):
        self.fresh_agent("team1", "pub1", "pub2")
        marked = {"kind": "ticket.update", "id": "t1", "title": "VPN", "mark": "cccccc-1"}
        self.assertEqual(self.sync(self.ana, "one", 0, [{"seq": 1, "op": marked}])[0], 200)
        status, data = self.sync(self.ana, "two", 0, [{"seq": 1, "op": marked}])
        self.assertEqual((status, data["acked_seq"]), (200, 1))

    def test_the_same_seq_with_the_same_content_is_an_idempotent_retry(self):
        self.fresh_agent("team1", "pub1", "pub2")
        self.assertEqual(self.sync(self.ana, "retry", 0, [{"seq": 1, "op": OP}])[0], 200)
        status, data = self.sync(self.ana, "retry", 0, [{"seq": 1, "op": OP}])
        self.assertEqual(status, 200)
        self.assertEqual(data["acked_seq"], 1)

    def test_the_op_size_limit_counts_utf8_bytes(self):
        self.fresh_agent("team1", "pub1", "pub2")
        # 6 000 'ș' are 12 000 bytes in UTF-8 but 36 000 characters once \u-escaped.
        op = dict(OP, id="big", name="ș" * 6000)
        self.assertEqual(self.sync(self.ana, "utf8", 0, [{"seq": 1, "op": op}])[0], 200)

    # Publishing a local workspace keeps its books: no acceptance date on its ops; only into an
    # empty workspace, by the device that began it.
    def publish(self, client, ops, ws, token=None):
        return self.post({"workspace": ws, "client_id": client, "cursor": 0, "ops": ops, "publish": True}, token or self.ana)

    def test_published_ops_carry_no_acceptance_date(self):
        self.fresh_agent("team1", "pub1", "pub2", role="admin")
        status, data = self.publish("local1", [{"seq": 1, "op": OP}, {"seq": 2, "op": dict(OP, id="c2")}], "pub1")
        self.assertEqual(status, 200)
        self.assertEqual([o["accepted_at"] for o in data["ops"]], ["", ""])
        # the next batch of the same publication is accepted too
        status, data = self.publish("local1", [{"seq": 3, "op": dict(OP, id="c3")}], "pub1")
        self.assertEqual(status, 200)
        self.assertEqual(data["acked_seq"], 3)
        # and live ops afterwards are stamped as usual
        status, data = self.sync(self.ana, "local1", 3, [{"seq": 4, "op": dict(OP, id="c4")}], ws="pub1")
        self.assertNotEqual(data["ops"][0]["accepted_at"], "")

    def test_the_publisher_may_go_on_publishing_after_others_pushed(self):
        # A server restored from an older copy lost the end of a publication, and another device
        # re-sent its work first: the publishing device's re-sent ops are still published ones.
        # (An app from before publish_upto: the server does not know where its publication ends.)
        self.fresh_agent("team1", "pub1", "pub3", role="admin")
        self.assertEqual(self.publish("local3", [{"seq": 1, "op": OP}], "pub3")[0], 200)
        self.assertEqual(self.sync(self.ana, "joined", 1, [{"seq": 1, "op": dict(OP, id="j1")}], ws="pub3")[0], 200)
        status, data = self.publish("local3", [{"seq": 2, "op": dict(OP, id="c2")}], "pub3")
        self.assertEqual(status, 200)
        self.assertEqual(data["acked_seq"], 2)
        # another device still cannot publish there
        status, data = self.publish("intruder", [{"seq": 1, "op": dict(OP, id="x")}], "pub3")
        self.assertEqual(status, 409)

    # A publication that takes several requests (more than 500 ops) leaves the workspace half
    # published between them, for as long as the publisher is offline. Another device's work
    # stored there would come between the published ops: an invoice it posts takes a number the
    # publisher's books gave another, and it bills from half of the books.
    def publish_upto(self, client, ops, ws, upto, cursor=0):
        return self.post({"workspace": ws, "client_id": client, "cursor": cursor, "ops": ops, "publish": True,
                          "publish_upto": upto}, self.ana)

    def test_another_devices_work_waits_while_a_publication_is_incomplete(self):
        self.fresh_agent("team1", "pub1", "pub4", role="admin")
        status, data = self.publish_upto("local4", [{"seq": 1, "op": OP}], "pub4", 3)
        self.assertEqual(data["publishing"], {"client_id": "local4", "held": 1, "upto": 3})
        status, data = self.sync(self.ana, "joined4", 0, [{"seq": 1, "op": dict(OP, id="j1")}], ws="pub4")
        self.assertEqual(status, 200)
        self.assertEqual((data["acked_seq"], data["head"]), (0, 1))  # nothing of it stored
        self.assertEqual(data["publishing"], {"client_id": "local4", "held": 1, "upto": 3})
        self.assertEqual([o["client_id"] for o in data["ops"]], ["local4"])  # it still receives
        # The publication's last request: the waiting device's work is stored after all of it.
        status, data = self.publish_upto("local4", [{"seq": 2, "op": dict(OP, id="c2")}, {"seq": 3, "op": dict(OP, id="c3")}],
                                         "pub4", 3, cursor=1)
        self.assertEqual((status, data["acked_seq"]), (200, 3))
        self.assertNotIn("publishing", data)
        status, data = self.sync(self.ana, "joined4", 1, [{"seq": 1, "op": dict(OP, id="j1")}], ws="pub4")
        self.assertEqual((status, data["acked_seq"]), (200, 1))
        self.assertNotIn("publishing", data)
        self.assertEqual([(o["pos"], o["client_id"]) for o in data["ops"]], [(2, "local4"), (3, "local4"), (4, "joined4")])

    def test_a_publisher_that_sends_live_work_has_finished_publishing(self):
        # Its device sends live ops only once its publication is acknowledged: restored from a
        # copy that published fewer ops, it never sends the rest, and others must not wait for it.
        self.fresh_agent("team1", "pub1", "pub5", role="admin")
        self.assertEqual(self.publish_upto("local5", [{"seq": 1, "op": OP}], "pub5", 4)[0], 200)
        status, data = self.sync(self.ana, "local5", 1, [{"seq": 2, "op": dict(OP, id="l2")}], ws="pub5")
        self.assertEqual((status, data["acked_seq"]), (200, 2))
        status, data = self.sync(self.ana, "joined5", 0, [{"seq": 1, "op": dict(OP, id="j1")}], ws="pub5")
        self.assertEqual((status, data["acked_seq"]), (200, 1))
        self.assertNotIn("publishing", data)

    def test_an_administrator_ends_the_wait_for_a_publication_whose_device_will_not_come_back(self):
        self.fresh_agent("team1", "pub1", "pub7", role="admin")
        self.assertEqual(self.publish_upto("local7", [{"seq": 1, "op": OP}], "pub7", 5)[0], 200)
        self.assertEqual(self.store.end_publication("pub7"), ("local7", 1, 5))
        status, data = self.sync(self.ana, "joined7", 1, [{"seq": 1, "op": dict(OP, id="j1")}], ws="pub7")
        self.assertEqual((status, data["acked_seq"]), (200, 1))
        self.assertNotIn("publishing", data)
        self.assertIsNone(self.store.end_publication("pub7"))  # nothing left to end
        # The publisher, back after all, is stored after the others' work.
        status, data = self.publish_upto("local7", [{"seq": 2, "op": dict(OP, id="c2")}], "pub7", 5, cursor=2)
        self.assertEqual((status, data["acked_seq"], data["head"]), (200, 2, 3))

    def test_publish_upto_must_be_a_seq(self):
        self.fresh_agent("team1", "pub1", "pub6", role="admin")
        for bad in (-1, "3", 1.5, True):
            status, data = self.publish_upto("local6", [{"seq": 1, "op": OP}], "pub6", bad)
            self.assertEqual(status, 400, bad)
            self.assertIn("publish_upto", data["error"])

    def test_a_publication_cannot_end_before_its_ops_or_far_beyond_them(self):
        self.fresh_agent("team1", "pub1", "pub9", role="admin")
        two = [{"seq": 1, "op": OP}, {"seq": 2, "op": dict(OP, id="c2")}]
        status, data = self.publish_upto("local9", two, "pub9", 1)
        self.assertEqual(status, 400)
        self.assertIn("before the last seq sent", data["error"])
        status, data = self.publish_upto("local9", two, "pub9", 2 + 100_000_001)
        self.assertEqual(status, 400)
        self.assertIn("more than 100000000 ops beyond", data["error"])
        self.assertEqual(self.sync(self.ana, "observer9", 0, [], ws="pub9")[1]["ops"], [])  # nothing stored
        status, data = self.publish_upto("local9", two, "pub9", 2 + 100_000_000)
        self.assertEqual(status, 200)
        self.assertEqual(data["publishing"]["upto"], 100_000_002)

    def test_publishing_into_a_workspace_with_ops_is_409(self):
        self.fresh_agent("team1", "pub1", "pub2", role="admin")
        self.assertEqual(self.sync(self.ana, "someone", 0, [{"seq": 1, "op": OP}], ws="pub2")[0], 200)
        status, data = self.publish("local2", [{"seq": 1, "op": dict(OP, id="x")}], "pub2")
        self.assertEqual(status, 409)
        self.assertIn("empty", data["error"])
        status, data = self.sync(self.ana, "someone", 0, [], ws="pub2")
        self.assertEqual(len(data["ops"]), 1)  # nothing was written

    # A service that cannot be starved, answers every malformed request with a 4xx naming the
    # problem, and protects the static app.
    def raw(self, data, read=True):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        s.sendall(data)
        if not read:
            return s
        out = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
        s.close()
        return out

    def test_idle_connections_do_not_starve_a_real_sync(self):
        token = self.fresh_agent("team1")
        idle = [socket.create_connection(("127.0.0.1", self.port), timeout=5) for _ in range(1000)]
        try:
            t0 = time.monotonic()
            status, _ = self.sync(token, "busy", 0, [])
            self.assertEqual(status, 200)
            self.assertLess(time.monotonic() - t0, 2.0)
        finally:
            for s in idle:
                s.close()

    def test_a_negative_content_length_is_411_and_nothing_is_read(self):
        token = self.fresh_agent("team1")
        out = self.raw(("POST /api/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: -1\r\n\r\n" % token).encode())
        self.assertTrue(out.startswith(b"HTTP/1.1 411") or out.startswith(b"HTTP/1.0 411"), out[:80])

    def test_a_chunked_body_is_411(self):
        token = self.fresh_agent("team1")
        out = self.raw(("POST /api/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nTransfer-Encoding: chunked\r\n\r\n"
                        "2\r\n{}\r\n0\r\n\r\n" % token).encode())
        self.assertIn(b" 411 ", out[:20])

    def test_a_cursor_beyond_64_bits_is_400_not_a_dropped_connection(self):
        token = self.fresh_agent("team1")
        status, data = self.sync(token, "big", 2 ** 63, [])
        self.assertEqual(status, 400)
        self.assertIn("cursor", data["error"])

    def test_a_lone_surrogate_is_400_naming_the_op(self):
        token = self.fresh_agent("team1")
        body = '{"workspace":"team1","client_id":"sur","cursor":0,"ops":[{"seq":1,"op":{"kind":"partner.create","id":"s","name":"\\ud800"}}]}'
        status, data = self.post(body, token, raw=True)
        self.assertEqual(status, 400)
        self.assertIn("ops[0].op", data["error"])

    def test_json_nested_a_thousand_deep_is_400(self):
        token = self.fresh_agent("team1")
        status, data = self.post('{"workspace":"team1","client_id":"deep","cursor":0,"ops":[' + "[" * 1000 + "]" * 1000 + "]}", token, raw=True)
        self.assertEqual(status, 400)
        self.assertIn("nested", data["error"])

    def test_a_revoked_token_is_401_at_once(self):
        token = self.store.add_token("leaver", ["team1"])
        self.assertEqual(self.sync(token, "leaver-1", 0, [])[0], 200)
        prefix = serve.token_hash(token)[:12]
        self.assertIn(prefix, [p for p, _, _, _ in self.store.list_tokens()])
        self.assertEqual(self.store.revoke(prefix), 1)
        self.assertEqual(self.sync(token, "leaver-1", 0, [])[0], 401)

    def test_the_dev_token_lives_only_while_the_process_runs(self):
        self.store.dev_token = "dev-secret"
        try:
            self.assertEqual(self.post({"workspace": "demo", "client_id": "dv", "cursor": 0, "ops": []}, "dev-secret")[0], 200)
            rows = self.db_run("SELECT token_hash FROM tokens WHERE token_hash = ?", (serve.token_hash("dev-secret"),))
            self.assertEqual(rows, [])
        finally:
            self.store.dev_token = None
        self.assertEqual(self.post({"workspace": "demo", "client_id": "dv", "cursor": 0, "ops": []}, "dev-secret")[0], 401)

    def test_the_static_app_is_served_with_protection_headers_and_no_version(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        conn.request("GET", "/")
        r = conn.getresponse()
        r.read()
        conn.close()
        self.assertEqual(r.status, 200)
        self.assertIn("frame-ancestors 'none'", r.getheader("Content-Security-Policy"))
        self.assertIn("'wasm-unsafe-eval'", r.getheader("Content-Security-Policy"))
        self.assertEqual(r.getheader("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.getheader("Referrer-Policy"), "no-referrer")
        self.assertNotIn("Python", r.getheader("Server"))

    def test_no_directory_listing_and_nothing_outside_the_site(self):
        site = os.path.join(self.tmp.name, "site")
        os.makedirs(os.path.join(site, "sub"), exist_ok=True)
        secret = os.path.join(self.tmp.name, "secret.txt")
        with open(secret, "w") as f:
            f.write("not for the web")
        link = os.path.join(site, "leak.txt")
        if not os.path.exists(link):
            os.symlink(secret, link)
        for path in ("/sub/", "/leak.txt", "/../secret.txt"):
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            conn.close()
            self.assertEqual(r.status, 404, path)
            self.assertNotIn(b"not for the web", body)

    def test_requests_without_a_valid_token_are_rate_limited_per_address(self):
        try:
            statuses = [self.sync("guess-%d" % i, "g", 0, [])[0] for i in range(12)]
            self.assertIn(429, statuses)
            self.assertEqual(statuses[0], 401)
        finally:
            time.sleep(1.5)  # the bucket refills: other tests expect a plain 401

    def test_a_device_id_belongs_to_the_agent_who_first_used_it(self):
        first = self.store.add_token("owner-agent", ["team1"])
        other = self.store.add_token("other-agent", ["team1"])
        self.assertEqual(self.sync(first, "shared-id", 0, [{"seq": 1, "op": dict(OP, id="own1")}])[0], 200)
        status, data = self.sync(other, "shared-id", 0, [{"seq": 2, "op": dict(OP, id="own2")}])
        self.assertEqual(status, 403)
        self.assertIn("belongs to another agent", data["error"])

    # Roles, enforced on receipt by op kind; grants belong to a token.
    def test_an_agent_may_log_time_but_not_post_an_invoice(self):
        token = self.fresh_agent("roles1")
        log = {"kind": "timesheet.log", "id": "t1", "hours": "1.00"}
        post = {"kind": "invoice.post", "id": "i1"}
        status, data = self.sync(token, "ag1", 0, [{"seq": 1, "op": log}, {"seq": 2, "op": post}], ws="roles1")
        self.assertEqual(status, 403)
        self.assertIn("'agent'", data["error"])
        self.assertIn("'invoice.post'", data["error"])
        self.assertEqual(data["refused"], {"seq": 2, "kind": "invoice.post", "role": "agent", "needs": "billing"})
        status, data = self.sync(token, "ag1", 0, [], ws="roles1")
        self.assertEqual((status, data["ops"]), (200, []))  # not even the timesheet before it
        self.assertEqual(self.sync(token, "ag1", 0, [{"seq": 1, "op": log}], ws="roles1")[0], 200)

    def test_billing_may_post_invoices_but_not_create_products(self):
        token = self.fresh_agent("roles2", role="billing")
        self.assertEqual(self.sync(token, "bi1", 0, [{"seq": 1, "op": {"kind": "invoice.post", "id": "i1"}}], ws="roles2")[0], 200)
        status, data = self.sync(token, "bi1", 1, [{"seq": 2, "op": {"kind": "product.create", "id": "p"}}], ws="roles2")
        self.assertEqual(status, 403)
        self.assertEqual(data["refused"]["needs"], "admin")

    def test_an_admin_may_configure_and_a_kind_the_server_does_not_know_needs_admin(self):
        agent = self.store.add_token("roles3-agent", ["roles3"], role="agent")
        admin = self.store.add_token("roles3-admin", ["roles3"], role="admin")
        newer = {"kind": "ticket.explode", "id": "x"}
        self.assertEqual(self.sync(agent, "r3a", 0, [{"seq": 1, "op": newer}], ws="roles3")[0], 403)
        self.assertEqual(self.sync(admin, "r3b", 0, [{"seq": 1, "op": newer}, {"seq": 2, "op": {"kind": "product.create", "id": "p"}}],
                               ws="roles3")[0], 200)

    def test_publishing_needs_the_admin_role(self):
        token = self.fresh_agent("roles4", role="billing")
        status, data = self.publish("pubr", [{"seq": 1, "op": OP}], "roles4", token)
        self.assertEqual(status, 403)
        self.assertIn("admin", data["error"])

    def test_the_answer_names_the_tokens_role(self):
        token = self.fresh_agent("roles5", role="billing")
        self.assertEqual(self.sync(token, "r5", 0, [], ws="roles5")[1]["role"], "billing")

    def test_grants_belong_to_the_token_not_the_agent(self):
        first = self.store.add_token("grant-agent", ["g-one"])
        second = self.store.add_token("grant-agent", ["g-two"])
        self.assertEqual(self.sync(first, "g1", 0, [], ws="g-one")[0], 200)
        self.assertEqual(self.sync(first, "g1", 0, [], ws="g-two")[0], 403)
        self.assertEqual(self.sync(second, "g2", 0, [], ws="g-two")[0], 200)
        listed = {(agent, role, tuple(ws)) for _, agent, role, ws in self.store.list_tokens() if agent == "grant-agent"}
        self.assertEqual(listed, {("grant-agent", "agent", ("g-one",)), ("grant-agent", "agent", ("g-two",))})

    # Limits a service needs: quotas, pages.
    def test_the_daily_ops_quota_answers_429_and_stores_nothing(self):
        token = self.fresh_agent("quota1")
        old = self.store.ops_per_day
        self.store.ops_per_day = 3
        try:
            ops = [{"seq": i, "op": dict(OP, id="q%d" % i)} for i in range(1, 3)]
            self.assertEqual(self.sync(token, "q1", 0, ops, ws="quota1")[0], 200)
            more = [{"seq": i, "op": dict(OP, id="q%d" % i)} for i in range(3, 5)]
            status, data = self.sync(token, "q1", 2, more, ws="quota1")
            self.assertEqual(status, 429)
            self.assertIn("for today", data["error"])
            self.assertEqual(data["reason"], "quota_ops")
            self.assertEqual(self.sync(token, "q1", 2, [], ws="quota1")[1]["head"], 2)
        finally:
            self.store.ops_per_day = old

    def test_the_storage_quota_answers_507_and_stores_nothing(self):
        token = self.fresh_agent("quota2")
        old = self.store.max_bytes
        self.store.max_bytes = 200
        try:
            status, data = self.sync(token, "q2", 0, [{"seq": 1, "op": dict(OP, name="x" * 300)}], ws="quota2")
            self.assertEqual(status, 507)
            self.assertIn("storage quota", data["error"])
            self.assertEqual(self.sync(token, "q2", 0, [], ws="quota2")[1]["head"], 0)
        finally:
            self.store.max_bytes = old

    def test_answers_come_in_pages_and_tell_how_many_there_are(self):
        token = self.fresh_agent("paged")
        ops = [{"seq": i, "op": dict(OP, id="p%d" % i)} for i in range(1, 8)]
        self.assertEqual(self.sync(token, "pg", 0, ops, ws="paged")[0], 200)
        old = storage.MAX_OPS_PER_ANSWER
        storage.MAX_OPS_PER_ANSWER = 3
        try:
            cursor, pages = 0, []
            while True:
                _, data = self.sync(token, "reader", cursor, [], ws="paged")
                self.assertEqual(data["head"], 7)
                if not data["ops"]:
                    break
                pages.append([o["pos"] for o in data["ops"]])
                cursor = data["cursor"]
            self.assertEqual(pages, [[1, 2, 3], [4, 5, 6], [7]])
        finally:
            storage.MAX_OPS_PER_ANSWER = old

    def test_a_device_ahead_of_a_restored_server_is_told_so_with_409(self):
        token = self.fresh_agent("restored")
        self.assertEqual(self.sync(token, "rs", 0, [{"seq": 1, "op": OP}], ws="restored")[0], 200)
        status, data = self.sync(token, "rs", 5, [{"seq": 2, "op": dict(OP, id="c2")}], ws="restored")
        self.assertEqual(status, 409)
        self.assertEqual((data["reason"], data["head"], data["acked_seq"]), ("server_behind", 1, 1))
        self.assertIn("restored from an older copy", data["error"])
        self.assertEqual(self.sync(token, "rs", 1, [], ws="restored")[1]["ops"], [])  # nothing written

    def chained_sync(self, token, client, cursor, chain, ops, ws):
        body = {"workspace": ws, "client_id": client, "cursor": cursor, "ops": ops}
        if chain:
            body["chain"] = chain
        return self.post(body, token)

    def restore_to(self, ws, head):
        """What restoring the database from an older copy does to a workspace: later rows are gone."""
        self.db_run("DELETE FROM ops WHERE workspace = ? AND pos > ?", (ws, head))
        self.db_run("UPDATE workspaces SET next_pos = ? WHERE name = ?", (head + 1, ws))

    def test_every_op_comes_with_the_chain_of_the_ops_up_to_it(self):
        token = self.fresh_agent("chains")
        ops = [{"seq": s, "op": dict(OP, id="ch%d" % s)} for s in (1, 2, 3)]
        status, data = self.sync(token, "ca", 0, ops, ws="chains")
        self.assertEqual(status, 200)
        chain, expected = "", []
        for s in (1, 2, 3):
            chain = storage.next_chain(chain, "ca", s, op_identity.digest(storage.compact(ops[s - 1]["op"])),
                                       data["ops"][s - 1]["accepted_at"][:10])
            expected.append(chain)
        self.assertEqual([o["chain"] for o in data["ops"]], expected)
        self.assertEqual(len(set(expected)), 3)
        # the same chain at the cursor: the device holds what the server holds
        status, data = self.chained_sync(token, "ca", 3, expected[-1], [], "chains")
        self.assertEqual((status, data["ops"]), (200, []))

    def test_a_device_whose_ops_differ_at_its_cursor_is_told_the_server_is_behind(self):
        # The gap cursors alone left: after a restore to position 2, another device's ops took
        # positions 3 and 4 again; device "da" saw its own ops there and its cursor is within the head.
        token = self.fresh_agent("refilled")
        ops = [{"seq": s, "op": dict(OP, id="rf%d" % s)} for s in (1, 2, 3, 4)]
        _, seen = self.sync(token, "da", 0, ops[:2], ws="refilled")
        _, seen2 = self.sync(token, "da", 2, ops[2:], ws="refilled")
        chains = [o["chain"] for o in seen["ops"] + seen2["ops"]]
        self.restore_to("refilled", 2)
        other = [{"seq": s, "op": dict(OP, id="ot%d" % s)} for s in (1, 2, 3)]
        self.assertEqual(self.sync(token, "db", 0, other, ws="refilled")[0], 200)
        status, data = self.chained_sync(token, "da", 4, chains[3], [{"seq": 5, "op": dict(OP, id="rf5")}], "refilled")
        self.assertEqual(status, 409)
        self.assertEqual((data["reason"], data["head"], data["acked_seq"]), ("server_behind", 5, 2))
        self.assertIn("holds other operations", data["error"])
        # the server's chains at 4, 3 and 1: the device shares position 1 (and 2, which it finds
        # shared by its own chains there when it re-sends)
        self.assertEqual([p for p, _ in data["chains"]], [4, 3, 1])
        self.assertEqual(dict(data["chains"])[1], chains[0])
        self.assertNotEqual(dict(data["chains"])[4], chains[3])
        # nothing was written: seq 5 of "da" is not stored
        _, pulled = self.sync(token, "dc", 0, [], ws="refilled")
        self.assertEqual([(o["client_id"], o["seq"]) for o in pulled["ops"]],
                         [("da", 1), ("da", 2), ("db", 1), ("db", 2), ("db", 3)])

    def test_a_device_that_saw_other_content_under_the_same_seqs_is_told_the_server_is_behind(self):
        # The simulation's restored-device seed 1100: a device restored from an older copy ("rd")
        # sent seqs 1-2 again with other content after the server was restored to before them.
        # The same (client, seq) took the same positions, so a chain of (client, seq) alone did
        # not change, and device "da", which had received the lost ones, showed them for good.
        token = self.fresh_agent("recontent")
        lost = [{"seq": s, "op": dict(OP, id="rd.%d.aaaaaa-%d" % (s, s))} for s in (1, 2)]
        _, seen = self.sync(token, "rd", 0, lost, ws="recontent")
        chains = [o["chain"] for o in seen["ops"]]
        self.restore_to("recontent", 0)
        again = [{"seq": s, "op": dict(OP, id="rd.%d.bbbbbb-%d" % (s, s))} for s in (1, 2)]
        self.assertEqual(self.sync(token, "rd", 0, again, ws="recontent")[0], 200)
        status, data = self.chained_sync(token, "da", 2, chains[1], [], "recontent")
        self.assertEqual(status, 409)
        self.assertEqual((data["reason"], data["head"]), ("server_behind", 2))
        # no position in common: the device keeps none, and re-fetches both
        self.assertEqual([p for p, _ in data["chains"]], [2, 1])
        self.assertNotEqual(dict(data["chains"])[1], chains[0])

    def test_a_device_ahead_of_the_head_gets_the_chains_below_the_head(self):
        token = self.fresh_agent("ahead")
        _, data = self.sync(token, "ah", 0, [{"seq": s, "op": dict(OP, id="ah%d" % s)} for s in (1, 2, 3)], ws="ahead")
        chains = {o["pos"]: o["chain"] for o in data["ops"]}
        status, data = self.chained_sync(token, "ah", 9, "00ff", [], "ahead")
        self.assertEqual(status, 409)
        self.assertEqual(data["chains"], [[3, chains[3]], [2, chains[2]]])

    def test_a_malformed_chain_is_refused_naming_the_field(self):
        for chain in ("", "XYZ", 5, "a" * 65):
            status, data = self.post({"workspace": "team1", "client_id": "bad", "cursor": 0, "ops": [], "chain": chain}, self.ana)
            self.assertEqual(status, 400, chain)
            self.assertIn("'chain'", data["error"])


@require_pg
class SyncEndpointOnPostgres(SyncEndpoint):
    @classmethod
    def database(cls):
        cls.pg = PgDatabase()
        return cls.pg.dsn

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.pg.drop()


if __name__ == "__main__":
    unittest.main()
