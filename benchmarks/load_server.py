#!/usr/bin/env python3
"""Load figures for serve.py (issue 8), loopback only, bounded in count and time:

  1. pushes: C concurrent clients (devices with tokens of their own) × P pushes of one op each,
     every push also pulling what others sent since its cursor; accepted ops/s and p50/p99
     latency per request; on SQLite (1 process) and PostgreSQL (1 and 4 processes);
  2. pull: a new device pulling a workspace of N ops page by page: time, and the server's peak
     memory (VmHWM);
  3. idle: the server's memory under 1000 idle connections, and a real sync's latency meanwhile.

    /usr/bin/python3 benchmarks/load_server.py [--quick] [--pull-ops 1000000] [--no-postgres]

PostgreSQL runs in a throwaway cluster (scripts/pg_throwaway.sh). Run it on an idle machine;
the clients share the machine with the server (2 cores here), so the figures are a floor.
"""
import argparse
import http.client
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(ROOT, "src"))
from server.storage import Store  # noqa: E402


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm(pid, field):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024  # MB
    return 0


class Servers:
    def __init__(self, db, site, n):
        self.ports = [free_port() for _ in range(n)]
        env = dict(os.environ, DESKBILL_SERVE_QUIET="1")
        self.procs = [subprocess.Popen([sys.executable, os.path.join(ROOT, "serve.py"), "--host", "127.0.0.1", "--port", str(p),
                                        "--site", site, "--db", db, "--rate", "1000000"],
                                       env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for p in self.ports]
        for p in self.procs:
            line = p.stdout.readline().decode()
            if "running at" not in line:
                raise SystemExit("serve.py did not start: " + line + p.stdout.read().decode())

    def stop(self):
        for p in self.procs:
            p.terminate()
            p.wait(10)


def post(port, token, body, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("POST", "/api/sync", json.dumps(body), {"Authorization": "Bearer " + token})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


def pushes_figure(db, site, processes, clients, pushes):
    store = Store(db)
    tokens = [store.add_token("load%d" % i, ["load"]) for i in range(clients)]
    store.close()
    servers = Servers(db, site, processes)
    try:
        groups = min(4, clients)
        t0 = time.perf_counter()
        with multiprocessing.Pool(groups) as pool:
            # Group g's devices are g, g+groups, …: client ids stay distinct.
            results = pool.map(client_group_spread, [(servers.ports, tokens[g::groups], g, groups, pushes) for g in range(groups)])
        elapsed = time.perf_counter() - t0
    finally:
        servers.stop()
    lat = sorted(x for r in results for x in r[0])
    ops = sum(r[1] for r in results)
    return {"ops_per_s": ops / elapsed, "p50_ms": 1000 * lat[len(lat) // 2], "p99_ms": 1000 * lat[int(len(lat) * 0.99)],
            "requests": len(lat), "seconds": elapsed}


def client_group_spread(args):
    """One process of clients, a thread each (devices first, first+step, …): latencies and ops accepted."""
    ports, tokens, first, step, pushes = args
    lat_all, acc_all = [], 0
    lock = threading.Lock()

    def run(k, token):
        nonlocal acc_all
        lat, acc = client_group_one(ports, token, first + k * step, pushes)
        with lock:
            lat_all.extend(lat)
            acc_all += acc

    threads = [threading.Thread(target=run, args=(k, t)) for k, t in enumerate(tokens)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat_all, acc_all


def client_group_one(ports, token, i, pushes):
    port = ports[i % len(ports)]
    client, cursor, lat = "dev%d" % i, 0, []
    for seq in range(1, pushes + 1):
        # An id of the form the app makes: the server looks each one up (an op made once is stored once).
        op = {"kind": "ticket.create", "id": "%s.%d.load1-%d" % (client, seq, seq), "name": "Load ticket %d" % seq, "team": "t"}
        t0 = time.perf_counter()
        status, data = post(port, token, {"workspace": "load", "client_id": client, "cursor": cursor,
                                          "ops": [{"seq": seq, "op": op}]})
        lat.append(time.perf_counter() - t0)
        if status != 200:
            raise SystemExit("push refused: %d %s" % (status, data[:200]))
        cursor = json.loads(data)["cursor"]
    return lat, pushes


def fill(db, n):
    """n ops in workspace 'big', written straight into the database (as a server would have)."""
    store = Store(db)
    token = store.add_token("reader", ["big"])
    op = json.dumps({"kind": "timesheet.log", "id": "x", "ticket": "t1", "employee": "e1", "date": "2026-11-20",
                     "hours": "1.25", "description": "Work on the customer's VPN"}, separators=(",", ":"))
    rows = ((("big", pos, "filler", pos, "ana", "2026-11-20T10:00:00Z", op.replace('"x"', '"x%d"' % pos))) for pos in range(1, n + 1))
    # The columns named: a pull reads no chain or digest, and those have defaults.
    columns = "ops (workspace, pos, client_id, seq, agent, accepted_at, op)"
    with store.db.transaction(True) as tx:
        if store.db.pg:
            from psycopg2.extras import execute_values
            execute_values(tx.cur, "INSERT INTO %s VALUES %%s" % columns, rows, page_size=10000)
        else:
            tx.cur.executemany("INSERT INTO %s VALUES (?, ?, ?, ?, ?, ?, ?)" % columns, rows)
        tx.run("UPDATE workspaces SET next_pos = ? WHERE name = 'big'", (n + 1,))
    store.close()
    return token


def pull_figure(db, site, n):
    t0 = time.perf_counter()
    token = fill(db, n)
    filled = time.perf_counter() - t0
    servers = Servers(db, site, 1)
    try:
        pid = servers.procs[0].pid
        rss_before = vm(pid, "VmRSS")
        t0 = time.perf_counter()
        cursor, pages = 0, 0
        while True:
            status, data = post(servers.ports[0], token, {"workspace": "big", "client_id": "newdev", "cursor": cursor, "ops": []})
            answer = json.loads(data)
            if status != 200:
                raise SystemExit("pull refused: %s" % answer)
            if not answer["ops"]:
                break
            cursor = answer["cursor"]
            pages += 1
        elapsed = time.perf_counter() - t0
        return {"ops": cursor, "pages": pages, "seconds": elapsed, "ops_per_s": cursor / elapsed,
                "server_rss_before_mb": rss_before, "server_peak_mb": vm(pid, "VmHWM"), "fill_seconds": filled}
    finally:
        servers.stop()


def idle_figure(db, site, n):
    store = Store(db)
    token = store.add_token("idle", ["idle"])
    store.close()
    servers = Servers(db, site, 1)
    socks = []
    try:
        pid = servers.procs[0].pid
        post(servers.ports[0], token, {"workspace": "idle", "client_id": "warm", "cursor": 0, "ops": []})
        before = vm(pid, "VmRSS")
        socks = [socket.create_connection(("127.0.0.1", servers.ports[0])) for _ in range(n)]
        time.sleep(1.0)
        during = vm(pid, "VmRSS")
        t0 = time.perf_counter()
        status, _ = post(servers.ports[0], token, {"workspace": "idle", "client_id": "real", "cursor": 0, "ops": []})
        sync_ms = 1000 * (time.perf_counter() - t0)
        return {"idle_connections": n, "rss_before_mb": before, "rss_with_idle_mb": during, "real_sync_ms": sync_ms,
                "real_sync_status": status}
    finally:
        for s in socks:
            s.close()
        servers.stop()


def main():
    # A stopped run still removes its cluster and files (finally below).
    main_pid = os.getpid()  # the client pool's workers inherit the handler: they just end
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("load_server.py: stopped" if os.getpid() == main_pid else 0))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small counts (a smoke run of every figure)")
    ap.add_argument("--pushes", type=int, default=500)
    ap.add_argument("--clients", default="20,100")
    ap.add_argument("--pull-ops", type=int, default=1_000_000)
    ap.add_argument("--idle", type=int, default=1000)
    ap.add_argument("--no-postgres", action="store_true")
    args = ap.parse_args()
    if args.quick:
        args.pushes, args.clients, args.pull_ops, args.idle = 20, "5,10", 20_000, 200
    clients = [int(c) for c in args.clients.split(",")]
    tmp = tempfile.mkdtemp(prefix="deskbill-load.")
    site = os.path.join(tmp, "site")
    os.makedirs(site)
    with open(os.path.join(site, "index.html"), "w") as f:
        f.write("<html>deskbill</html>")
    pgdir = tempfile.mkdtemp(prefix="deskbill-load-pg.")  # its own: the cluster's user must reach it
    os.rmdir(pgdir)
    results = {}
    backends = [("sqlite", 1)]
    dsn = None
    if not args.no_postgres:
        dsn = subprocess.run(["bash", os.path.join(ROOT, "scripts", "pg_throwaway.sh"), "start", pgdir],
                             check=True, capture_output=True, text=True).stdout.strip()
        backends += [("postgresql", 1), ("postgresql", 4)]
    try:
        import psycopg2
    except ImportError:
        psycopg2 = None
    counter = [0]

    def fresh_db(kind):
        counter[0] += 1
        if kind == "sqlite":
            return os.path.join(tmp, "db%d.sqlite3" % counter[0])
        name = "load%d" % counter[0]
        admin = psycopg2.connect(dsn)
        admin.autocommit = True
        admin.cursor().execute("CREATE DATABASE " + name)
        admin.close()
        return dsn.rsplit("/", 1)[0] + "/" + name

    try:
        for kind, procs in backends:
            for c in clients:
                key = "pushes %s x%d, %d clients x %d" % (kind, procs, c, args.pushes)
                results[key] = pushes_figure(fresh_db(kind), site, procs, c, args.pushes)
                print(key, json.dumps({k: round(v, 1) for k, v in results[key].items()}), flush=True)
        for kind in (["sqlite"] + ([] if args.no_postgres else ["postgresql"])):
            key = "pull %s, %d ops" % (kind, args.pull_ops)
            results[key] = pull_figure(fresh_db(kind), site, args.pull_ops)
            print(key, json.dumps({k: round(v, 1) for k, v in results[key].items()}), flush=True)
        key = "idle sqlite, %d connections" % args.idle
        results[key] = idle_figure(fresh_db("sqlite"), site, args.idle)
        print(key, json.dumps({k: round(v, 1) for k, v in results[key].items()}), flush=True)
    finally:
        if dsn:
            subprocess.run(["bash", os.path.join(ROOT, "scripts", "pg_throwaway.sh"), "stop", pgdir])
        subprocess.run(["rm", "-rf", tmp])


if __name__ == "__main__":
    main()
