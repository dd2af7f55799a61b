"""Several serve.py processes on different ports sharing one PostgreSQL database serve one
workspace: positions stay gapless and every op is stored once, whichever process took it."""
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(ROOT, "src"))
sys.path.insert(0, HERE)
from backends import PgDatabase, require_pg  # noqa: E402
from server.storage import Store  # noqa: E402

PROCESSES = 3
DEVICES = 6
OPS_PER_DEVICE = 60
BATCH = 7


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@require_pg
class ProcessesSharingPostgres(unittest.TestCase):
    def setUp(self):
        self.pg = PgDatabase()
        self.tmp = tempfile.TemporaryDirectory()
        site = os.path.join(self.tmp.name, "site")
        os.makedirs(site)
        with open(os.path.join(site, "index.html"), "w") as f:
            f.write("<html>deskbill</html>")
        store = Store(self.pg.dsn)
        self.tokens = [store.add_token("agent%d" % i, ["shared"]) for i in range(DEVICES)]
        store.close()
        self.ports = [free_port() for _ in range(PROCESSES)]
        env = dict(os.environ, DESKBILL_SERVE_QUIET="1")
        self.procs = [subprocess.Popen([sys.executable, os.path.join(ROOT, "serve.py"), "--host", "127.0.0.1", "--port", str(p),
                                        "--site", site, "--db", self.pg.dsn], env=env,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for p in self.ports]
        for proc in self.procs:
            line = proc.stdout.readline().decode()
            self.assertIn("running at", line)

    def tearDown(self):
        for proc in self.procs:
            proc.terminate()
            proc.wait(10)
            proc.stdout.close()
        self.tmp.cleanup()
        self.pg.drop()

    def post(self, port, token, body):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("POST", "/api/sync", json.dumps(body), {"Authorization": "Bearer " + token})
        r = conn.getresponse()
        data = json.loads(r.read())
        conn.close()
        return r.status, data

    def test_several_processes_keep_positions_gapless_and_every_op_once(self):
        errors = []

        def device(i):
            rng = random.Random(i)
            client, token, seq, cursor = "dev%d" % i, self.tokens[i], 1, 0
            while seq <= OPS_PER_DEVICE:
                n = min(BATCH, OPS_PER_DEVICE - seq + 1)
                ops = [{"seq": s, "op": {"kind": "ticket.create", "id": "%s-%d" % (client, s), "name": "t"}} for s in range(seq, seq + n)]
                port = rng.choice(self.ports)
                status, data = self.post(port, token, {"workspace": "shared", "client_id": client, "cursor": cursor, "ops": ops})
                if status == 429:
                    time.sleep(0.2)
                    continue
                if status != 200:
                    errors.append((status, data))
                    return
                # the same batch again through another process: an idempotent retry
                again, _ = self.post(rng.choice(self.ports), token,
                                     {"workspace": "shared", "client_id": client, "cursor": cursor, "ops": ops})
                if again not in (200, 429):
                    errors.append((again, "retry"))
                seq = data["acked_seq"] + 1
                cursor = data["cursor"]

        threads = [threading.Thread(target=device, args=(i,)) for i in range(DEVICES)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(errors, [])
        seen, cursor = [], 0
        while True:
            status, data = self.post(self.ports[0], self.tokens[0], {"workspace": "shared", "client_id": "reader", "cursor": cursor, "ops": []})
            self.assertEqual(status, 200)
            if not data["ops"]:
                break
            seen += data["ops"]
            cursor = data["cursor"]
        self.assertEqual([o["pos"] for o in seen], list(range(1, DEVICES * OPS_PER_DEVICE + 1)))
        keys = [(o["client_id"], o["seq"]) for o in seen]
        self.assertEqual(len(set(keys)), DEVICES * OPS_PER_DEVICE)
        for i in range(DEVICES):
            mine = [o["seq"] for o in seen if o["client_id"] == "dev%d" % i]
            self.assertEqual(mine, list(range(1, OPS_PER_DEVICE + 1)))  # each device's ops in its order


if __name__ == "__main__":
    unittest.main()
