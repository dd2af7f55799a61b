"""Storage errors in words and databases from elsewhere: a read-only database still serves
pulls, a database copied without its WAL files opens, a schema-1 database is migrated (its
tokens keep their powers), TLS when a certificate is given."""
import datetime
import http.client
import json
import os
import shutil
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import unittest

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, ROOT)
import serve  # noqa: E402
from server.protocol import BadRequest  # noqa: E402
from server import op_identity, storage  # noqa: E402
from server.storage import Store  # noqa: E402

OP = {"kind": "partner.create", "id": "c1", "name": "Acme"}


class SqliteStorage(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "db.sqlite3")

    def tearDown(self):
        self.tmp.cleanup()

    def test_a_read_only_database_serves_pulls_and_refuses_pushes_in_words(self):
        store = Store(self.path)
        token = store.add_token("ana", ["team1"])
        who = store.identify(token)
        store.sync(who, "team1", "d1", 0, [{"seq": 1, "op": OP}])
        store.close()
        ro = Store(self.path, read_only=True)
        who = ro.identify(token)
        pulled = ro.sync(who, "team1", "d2", 0, [])
        self.assertEqual([o["op"]["name"] for o in pulled["ops"]], ["Acme"])
        # a retry of an op already stored writes nothing, so it is answered too
        self.assertEqual(ro.sync(who, "team1", "d1", 0, [{"seq": 1, "op": OP}])["acked_seq"], 1)
        with self.assertRaises(BadRequest) as refused:
            ro.sync(who, "team1", "d1", 1, [{"seq": 2, "op": dict(OP, id="c2")}])
        self.assertEqual(refused.exception.status, 503)
        self.assertIn("read-only", refused.exception.message)

    def test_a_database_copied_without_its_wal_files_opens_and_serves(self):
        store = Store(self.path)
        token = store.add_token("ana", ["team1"])
        store.sync(store.identify(token), "team1", "d1", 0, [{"seq": 1, "op": OP}])
        store.db.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.sync(store.identify(token), "team1", "d1", 1, [{"seq": 2, "op": dict(OP, id="c2")}])
        copy = os.path.join(self.tmp.name, "copy.sqlite3")
        shutil.copy(self.path, copy)  # the main file only: op 2 was still in the -wal
        store.close()
        self.assertFalse(os.path.exists(copy + "-wal"))
        restored = Store(copy)
        who = restored.identify(token)
        self.assertEqual(restored.sync(who, "team1", "d3", 0, [])["head"], 1)
        # the device that saw op 2 is told the server is behind, and nothing is written
        with self.assertRaises(BadRequest) as behind:
            restored.sync(who, "team1", "d1", 2, [])
        self.assertEqual((behind.exception.status, behind.exception.extra["reason"]), (409, "server_behind"))

    def test_a_schema_1_database_is_migrated_and_its_tokens_keep_their_powers(self):
        old = sqlite3.connect(self.path)
        old.executescript("""
            CREATE TABLE workspaces (name TEXT PRIMARY KEY, next_pos INTEGER NOT NULL DEFAULT 1);
            CREATE TABLE publishers (workspace TEXT PRIMARY KEY, client_id TEXT NOT NULL);
            CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, agent TEXT NOT NULL);
            CREATE TABLE grants (agent TEXT NOT NULL, workspace TEXT NOT NULL, PRIMARY KEY (agent, workspace));
            CREATE TABLE ops (workspace TEXT NOT NULL, pos INTEGER NOT NULL, client_id TEXT NOT NULL, seq INTEGER NOT NULL,
              agent TEXT NOT NULL, accepted_at TEXT NOT NULL, op TEXT NOT NULL, PRIMARY KEY (workspace, pos),
              UNIQUE (workspace, client_id, seq));
        """)
        old.execute("INSERT INTO tokens VALUES (?, 'ana')", (serve.token_hash("old-token"),))
        old.execute("INSERT INTO grants VALUES ('ana', 'team1')")
        old.execute("INSERT INTO workspaces VALUES ('team1', 2)")
        old.execute("INSERT INTO ops VALUES ('team1', 1, 'd1', 1, 'ana', '2026-01-01T00:00:00Z', ?)", (json.dumps(OP),))
        old.commit()
        old.close()
        store = Store(self.path)
        who = store.identify("old-token")
        self.assertEqual((who.agent, who.role), ("ana", "admin"))
        self.assertTrue(store.may_use(who, "team1"))
        answer = store.sync(who, "team1", "d1", 0, [{"seq": 2, "op": {"kind": "product.create", "id": "p"}}])
        self.assertEqual([o["pos"] for o in answer["ops"]], [1, 2])
        with store.db.transaction(False) as tx:
            self.assertGreater(tx.one("SELECT bytes FROM workspaces WHERE name = 'team1'")[0], len(json.dumps(OP)))

    def test_a_schema_2_database_gets_the_chains_a_new_one_would_have(self):
        old = sqlite3.connect(self.path)
        old.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema_version', '2');
            CREATE TABLE workspaces (name TEXT PRIMARY KEY, next_pos BIGINT NOT NULL DEFAULT 1, bytes BIGINT NOT NULL DEFAULT 0);
            CREATE TABLE ops (workspace TEXT NOT NULL, pos BIGINT NOT NULL, client_id TEXT NOT NULL, seq BIGINT NOT NULL,
              agent TEXT NOT NULL, accepted_at TEXT NOT NULL, op TEXT NOT NULL, PRIMARY KEY (workspace, pos),
              UNIQUE (workspace, client_id, seq));
            INSERT INTO workspaces VALUES ('team1', 4, 0);
        """)
        for pos, client, seq in ((1, "d1", 1), (2, "d2", 1), (3, "d1", 2)):
            old.execute("INSERT INTO ops VALUES ('team1', ?, ?, ?, 'ana', '', ?)", (pos, client, seq, json.dumps(dict(OP, id="m%d" % pos))))
        old.commit()
        old.close()
        store = Store(self.path)
        token = store.add_token("ana", ["team1"], role="admin")
        who = store.identify(token)
        answer = store.sync(who, "team1", "d1", 0, [{"seq": 3, "op": dict(OP, id="m4")}])
        chain, expected = "", []
        texts = [json.dumps(dict(OP, id="m%d" % pos)) for pos in (1, 2, 3)] + [storage.compact(dict(OP, id="m4"))]
        days = [o["accepted_at"][:10] for o in answer["ops"]]
        for (client, seq), text, day in zip((("d1", 1), ("d2", 1), ("d1", 2), ("d1", 3)), texts, days):
            chain = storage.next_chain(chain, client, seq, op_identity.digest(text), day)
            expected.append(chain)
        self.assertEqual([o["chain"] for o in answer["ops"]], expected)
        store.close()
        # opened read-only, a schema 3 database still gives its chains
        ro = Store(self.path, read_only=True)
        self.assertEqual([o["chain"] for o in ro.sync(ro.identify(token), "team1", "d9", 0, [])["ops"]], expected)

    def test_a_schema_3_database_gets_the_digests_that_find_an_op_held_already(self):
        logged = {"kind": "timesheet.log", "id": "d1.1.aaaaaa-1", "ticket": "t1", "hours": "2"}
        old = sqlite3.connect(self.path)
        old.executescript("""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('schema_version', '3');
            CREATE TABLE workspaces (name TEXT PRIMARY KEY, next_pos BIGINT NOT NULL DEFAULT 1, bytes BIGINT NOT NULL DEFAULT 0);
            CREATE TABLE ops (workspace TEXT NOT NULL, pos BIGINT NOT NULL, client_id TEXT NOT NULL, seq BIGINT NOT NULL,
              agent TEXT NOT NULL, accepted_at TEXT NOT NULL, op TEXT NOT NULL, chain TEXT NOT NULL DEFAULT '',
              PRIMARY KEY (workspace, pos), UNIQUE (workspace, client_id, seq));
            INSERT INTO workspaces VALUES ('team1', 2, 0);
        """)
        old.execute("INSERT INTO ops VALUES ('team1', 1, 'd1', 1, 'ana', '', ?, '0123456789abcdef')",
                    (storage.compact(logged),))
        old.commit()
        old.close()
        store = Store(self.path)
        who = store.identify(store.add_token("ana", ["team1"], role="admin"))
        # The row stored before digests is found: its copy under a fresh seq is not stored again.
        answer = store.sync(who, "team1", "d1", 0, [{"seq": 2, "op": logged}])
        self.assertEqual((answer["acked_seq"], answer["head"]), (1, 1))
        # Its chain is kept (devices hold it), and the next row's is made from it.
        later = {"kind": "timesheet.log", "id": "d1.2.bbbbbb-1", "ticket": "t1", "hours": "1"}
        answer = store.sync(who, "team1", "d1", 0, [{"seq": 2, "op": later}])
        self.assertEqual([o["chain"] for o in answer["ops"]], [
            "0123456789abcdef",
            storage.next_chain("0123456789abcdef", "d1", 2, op_identity.digest(storage.compact(later)),
                               answer["ops"][1]["accepted_at"][:10])])
        with store.db.transaction(False) as tx:
            self.assertEqual(tx.one("SELECT value FROM meta WHERE key = 'schema_version'")[0], str(storage.SCHEMA_VERSION))

    def test_a_device_that_holds_an_op_stamped_on_another_day_is_told_the_server_is_behind(self):
        # A restore of the server lost the op; its device sent it again the next day, and the
        # server took it at the same position with another stamp. Every fold dates it by its
        # stamp: a device still holding the first copy must be told (every-fault seed 1244).
        day = [datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.timezone.utc)]
        store = Store(self.path, clock=lambda: day[0])
        who = store.identify(store.add_token("ana", ["team1"], role="admin"))
        ticket = {"kind": "ticket.create", "id": "d1.1.ab-1", "team": "t", "title": "VPN", "partner": "c"}
        first = store.sync(who, "team1", "d1", 0, [{"seq": 1, "op": ticket}])["ops"][0]["chain"]
        with store.db.transaction(True) as tx:  # the restore: back to an empty workspace
            tx.run("DELETE FROM ops WHERE workspace = 'team1'")
            tx.run("UPDATE workspaces SET next_pos = 1 WHERE name = 'team1'")
        day[0] += datetime.timedelta(days=1)
        self.assertEqual(store.sync(who, "team1", "d1", 0, [{"seq": 1, "op": ticket}])["acked_seq"], 1)
        with self.assertRaises(BadRequest) as refused:
            store.sync(who, "team1", "d2", 1, [], chain=first)
        self.assertEqual((refused.exception.status, refused.exception.body()["reason"]), (409, "server_behind"))

    def schema_4_with_a_publication(self):
        """A database of schema 4 where device 'local' began publishing workspace team1."""
        store = Store(self.path)
        token = store.add_token("ana", ["team1"], role="admin")
        store.sync(store.identify(token), "team1", "local", 0, [{"seq": 1, "op": OP}], publish=True)
        store.close()
        db = sqlite3.connect(self.path)
        db.execute("ALTER TABLE publishers DROP COLUMN upto")
        db.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
        db.commit()
        db.close()
        return token

    def test_a_schema_4_database_gets_publication_ends_and_waits_for_none_it_began(self):
        token = self.schema_4_with_a_publication()
        store = Store(self.path)
        who = store.identify(token)
        # Its publisher never said where the publication ends: others' work is stored, as before.
        answer = store.sync(who, "team1", "joined", 1, [{"seq": 1, "op": dict(OP, id="j1")}])
        self.assertEqual((answer["acked_seq"], "publishing" in answer), (1, False))
        with store.db.transaction(False) as tx:
            self.assertEqual(tx.all("SELECT client_id, upto FROM publishers"), [("local", 0)])
            self.assertEqual(tx.one("SELECT value FROM meta WHERE key = 'schema_version'")[0], str(storage.SCHEMA_VERSION))

    def test_a_read_only_database_of_schema_4_is_served_without_publication_ends(self):
        token = self.schema_4_with_a_publication()
        ro = Store(self.path, read_only=True)
        answer = ro.sync(ro.identify(token), "team1", "joined", 0, [])
        self.assertEqual(([o["client_id"] for o in answer["ops"]], "publishing" in answer), (["local"], False))

    def test_serve_py_end_publication_says_what_it_ended(self):
        store = Store(self.path)
        who = store.identify(store.add_token("ana", ["team1"], role="admin"))
        store.sync(who, "team1", "local", 0, [{"seq": 1, "op": OP}], publish=True, publish_upto=3)
        store.close()
        run = lambda: subprocess.run([sys.executable, os.path.join(ROOT, "serve.py"), "--db", self.path, "--end-publication",
                                      "team1"], capture_output=True, text=True)
        done = run()
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("device 'local' (1 of 3 operations held)", done.stdout)
        again = run()
        self.assertEqual(again.returncode, 1)
        self.assertIn("no incomplete publication", again.stderr)

    def test_the_lookup_of_an_op_held_already_reads_the_digest_index(self):
        # Asked for MAX(pos), SQLite walked the workspace's rows by position instead: one scan of
        # the workspace per op pushed (the load benchmark halved: 573 ops/s against 1 199). Told
        # the workspace and device too, it read the device's rows.
        store = Store(self.path)
        with store.db.transaction(False) as tx:
            plan = " ".join(str(r[-1]) for r in tx.all("EXPLAIN QUERY PLAN " + storage.HELD_SQL % "?,?", ("d", "e")))
        self.assertIn("USING INDEX ops_by_digest", plan)

    def test_a_read_only_database_of_schema_2_is_served_without_chains(self):
        store = Store(self.path)
        token = store.add_token("ana", ["team1"])
        store.sync(store.identify(token), "team1", "d1", 0, [{"seq": 1, "op": OP}])
        store.close()
        db = sqlite3.connect(self.path)
        db.execute("ALTER TABLE ops DROP COLUMN chain")
        db.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
        db.commit()
        db.close()
        ro = Store(self.path, read_only=True)
        who = ro.identify(token)
        answer = ro.sync(who, "team1", "d2", 0, [], chain=None)
        self.assertEqual([("chain" in o) for o in answer["ops"]], [False])
        self.assertEqual(ro.sync(who, "team1", "d1", 1, [], chain="abcd")["ops"], [])  # no chain to compare: served

    def test_tls_is_served_when_a_certificate_is_given(self):
        cert, key = os.path.join(self.tmp.name, "cert.pem"), os.path.join(self.tmp.name, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
        site = os.path.join(self.tmp.name, "site")
        os.makedirs(site)
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write("<html>deskbill</html>")
        server, store = serve.make_server("127.0.0.1", 0, site, self.path, tls_cert=cert, tls_key=key)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            ctx = ssl.create_default_context(cafile=cert)
            ctx.check_hostname = False
            conn = http.client.HTTPSConnection("127.0.0.1", server.server_address[1], context=ctx, timeout=5)
            conn.request("GET", "/api/health")
            r = conn.getresponse()
            self.assertEqual((r.status, json.loads(r.read())), (200, {"ok": True}))
            conn.close()
            # plain HTTP on the TLS port gets no answer, and the server goes on serving
            plain = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
            with self.assertRaises((http.client.HTTPException, OSError)):
                plain.request("GET", "/api/health")
                plain.getresponse().read()
            conn = http.client.HTTPSConnection("127.0.0.1", server.server_address[1], context=ctx, timeout=5)
            conn.request("GET", "/")
            self.assertEqual(conn.getresponse().status, 200)
        finally:
            server.shutdown()
            server.server_close()
            store.close()


if __name__ == "__main__":
    unittest.main()
