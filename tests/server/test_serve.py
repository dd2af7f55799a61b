"""The sync endpoint: authentication, idempotent contiguous sequencing, isolation, limits."""
import http.client
import json
import os
import sys
import tempfile
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))
import serve  # noqa: E402

OP = {"kind": "partner.create", "id": "c1", "name": "Acme"}


class SyncEndpoint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        site = os.path.join(cls.tmp.name, "site")
        os.makedirs(site)
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write("<html>deskbill</html>")
        with open(os.path.join(site, "deskbill.wasm"), "wb") as f:
            f.write(b"\0asm")
        cls.server, cls.store = serve.make_server("127.0.0.1", 0, site, os.path.join(cls.tmp.name, "db.sqlite3"))
        cls.port = cls.server.server_address[1]
        cls.ana = cls.store.add_token("ana", ["team1"])
        cls.bob = cls.store.add_token("bob", ["team1"])
        cls.eve = cls.store.add_token("eve", ["other"])
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()
        cls.tmp.cleanup()

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
        rows = self.store.db.execute("SELECT token_hash FROM tokens").fetchall()
        self.assertNotIn(self.ana, [r[0] for r in rows])


    def fresh_agent(self, *workspaces):
        """A token of an agent of its own: each test stays under the per-agent rate limit."""
        name = "agent-%s" % self.id().rsplit(".", 1)[-1][:40]
        self.ana = self.store.add_token(name, list(workspaces) or ["team1"])
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
        with self.store.lock:
            self.store.db.execute("INSERT OR IGNORE INTO workspaces(name) VALUES ('legacy')")
            self.store.db.execute("INSERT INTO ops VALUES ('legacy', 1, 'old', 1, 'ana', '2026-01-01', '{\"kind\":\"x\",\"hours\":NaN}')")
            self.store.db.execute("UPDATE workspaces SET next_pos = 2 WHERE name = 'legacy'")
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
        status, data = self.sync(self.ana, "same", 0, [])
        mine = [o for o in data["ops"] if o["client_id"] == "same"]
        self.assertEqual([o["op"]["name"] for o in mine], ["Acme"])  # seq 2 was not stored either

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
        self.fresh_agent("team1", "pub1", "pub2")
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

    def test_publishing_into_a_workspace_with_ops_is_409(self):
        self.fresh_agent("team1", "pub1", "pub2")
        self.assertEqual(self.sync(self.ana, "someone", 0, [{"seq": 1, "op": OP}], ws="pub2")[0], 200)
        status, data = self.publish("local2", [{"seq": 1, "op": dict(OP, id="x")}], "pub2")
        self.assertEqual(status, 409)
        self.assertIn("empty", data["error"])
        status, data = self.sync(self.ana, "someone", 0, [], ws="pub2")
        self.assertEqual(len(data["ops"]), 1)  # nothing was written


if __name__ == "__main__":
    unittest.main()
