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


if __name__ == "__main__":
    unittest.main()
