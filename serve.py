#!/usr/bin/env python3
"""deskbill's server: the built app as static files, and POST /api/sync, a durable,
authenticated sequencer of ops (docs/sync.md). Python standard library only; SQLite by default.

    python3 serve.py [--port 8080] [--site build/site] [--db workspace-data/deskbill.sqlite3]
    python3 serve.py --add-token AGENT WORKSPACE [WORKSPACE ...]   # prints a new token once
"""
import argparse
import datetime
import hashlib
import http.server
import json
import os
import secrets
import socketserver
import sqlite3
import sys
import threading
import time
import urllib.parse

MAX_REQUEST_BYTES = 1_000_000
MAX_OP_BYTES = 16_000
MAX_OPS_PER_REQUEST = 500
MAX_OPS_PER_ANSWER = 2000
RATE_PER_SECOND = 20.0  # requests per token, with a burst of the same size

SCHEMA = """
CREATE TABLE IF NOT EXISTS workspaces (
  name TEXT PRIMARY KEY,
  next_pos INTEGER NOT NULL DEFAULT 1          -- positions come from this counter row, never a sequence
);
CREATE TABLE IF NOT EXISTS publishers (         -- the device that published a local workspace here
  workspace TEXT PRIMARY KEY,
  client_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  agent TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS grants (
  agent TEXT NOT NULL,
  workspace TEXT NOT NULL REFERENCES workspaces(name),
  PRIMARY KEY (agent, workspace)
);
CREATE TABLE IF NOT EXISTS ops (
  workspace TEXT NOT NULL,
  pos INTEGER NOT NULL,
  client_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  agent TEXT NOT NULL,
  accepted_at TEXT NOT NULL,
  op TEXT NOT NULL,
  PRIMARY KEY (workspace, pos),
  UNIQUE (workspace, client_id, seq)
);
"""


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Store:
    """One writer: every sync runs in one IMMEDIATE transaction under a process lock."""

    def __init__(self, path):
        if path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.lock = threading.Lock()

    def add_token(self, agent, workspaces, token=None):
        token = token or secrets.token_urlsafe(24)
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT OR REPLACE INTO tokens VALUES (?, ?)", (token_hash(token), agent))
            for w in workspaces:
                self.db.execute("INSERT OR IGNORE INTO workspaces(name) VALUES (?)", (w,))
                self.db.execute("INSERT OR IGNORE INTO grants VALUES (?, ?)", (agent, w))
            self.db.execute("COMMIT")
        return token

    def agent_for(self, token):
        row = self.db.execute("SELECT agent FROM tokens WHERE token_hash = ?", (token_hash(token),)).fetchone()
        return row[0] if row else None

    def may_use(self, agent, workspace):
        return self.db.execute("SELECT 1 FROM grants WHERE agent = ? AND workspace = ?", (agent, workspace)).fetchone() is not None

    def sync(self, agent, workspace, client_id, cursor, ops, publish=False):
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                row = self.db.execute("SELECT MAX(seq) FROM ops WHERE workspace = ? AND client_id = ?", (workspace, client_id)).fetchone()
                last = row[0] or 0
                next_pos = self.db.execute("SELECT next_pos FROM workspaces WHERE name = ?", (workspace,)).fetchone()[0]
                if publish and ops:
                    # A local workspace published as it is: its ops keep their own dates (no
                    # acceptance date stamped), so numbers and accounting dates do not move. Only
                    # into an empty workspace, and then only by the device that began it, as
                    # long as nobody else has pushed.
                    pub = self.db.execute("SELECT client_id FROM publishers WHERE workspace = ?", (workspace,)).fetchone()
                    if next_pos == 1 and pub is None:
                        self.db.execute("INSERT INTO publishers VALUES (?, ?)", (workspace, client_id))
                    elif pub is None or pub[0] != client_id or next_pos - 1 != last:
                        raise BadRequest(409, "workspace '%s' is not empty: a local workspace can only be published into an "
                                         "empty one (choose another workspace name)" % workspace)
                stamp = "" if publish else now
                for item in ops:
                    seq = item["seq"]
                    if seq <= last:
                        # Already stored: an idempotent retry, if it is the same op. The same
                        # (client_id, seq) with other content would be a silent loss: refused.
                        row = self.db.execute("SELECT op FROM ops WHERE workspace = ? AND client_id = ? AND seq = ?",
                                              (workspace, client_id, seq)).fetchone()
                        if row is not None and row[0] != compact(item["op"]):
                            raise BadRequest(409, "op %d of device '%s' was already stored with other content; "
                                             "nothing was changed (is the device's storage restored, or its id shared?)"
                                             % (seq, client_id))
                        continue
                    if seq != last + 1:
                        break  # a gap: keep what is contiguous, the client resends the rest
                    self.db.execute("INSERT INTO ops VALUES (?, ?, ?, ?, ?, ?, ?)",
                                    (workspace, next_pos, client_id, seq, agent, stamp,
                                     compact(item["op"])))
                    next_pos += 1
                    last = seq
                self.db.execute("UPDATE workspaces SET next_pos = ? WHERE name = ?", (next_pos, workspace))
                rows = self.db.execute(
                    "SELECT pos, client_id, seq, agent, accepted_at, op FROM ops WHERE workspace = ? AND pos > ? ORDER BY pos LIMIT ?",
                    (workspace, cursor, MAX_OPS_PER_ANSWER)).fetchall()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        out = [{"pos": r[0], "client_id": r[1], "seq": r[2], "agent": r[3], "accepted_at": r[4], "op": stored_op(r[5])} for r in rows]
        return {"acked_seq": last, "cursor": out[-1]["pos"] if out else cursor, "ops": out}


class RateLimiter:
    def __init__(self, per_second):
        self.per_second = per_second
        self.buckets = {}
        self.lock = threading.Lock()

    def allow(self, key):
        now = time.monotonic()
        with self.lock:
            tokens, at = self.buckets.get(key, (self.per_second, now))
            tokens = min(self.per_second, tokens + (now - at) * self.per_second)
            if tokens < 1:
                self.buckets[key] = (tokens, now)
                return False
            self.buckets[key] = (tokens - 1, now)
            return True


class BadRequest(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def _refuse_constant(name):
    raise BadRequest(400, "%s is not a number JSON allows: ops must not hold NaN or Infinity" % name)


def _finite_float(text):
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise BadRequest(400, "the number %s is out of range" % text[:40])
    return value


def compact(op):
    """An op as stored: compact JSON, UTF-8 (the op size limit counts these bytes)."""
    return json.dumps(op, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def stored_op(text):
    """An op read back for an answer. Rows stored before numbers were checked may hold NaN or
    Infinity: they go out as strings, so the answer stays valid JSON and only that op is refused
    by the fold (as rejected), never the whole answer."""
    return json.loads(text, parse_constant=lambda c: c, parse_float=_keep_float)


def _keep_float(text):
    value = float(text)
    return text if value in (float("inf"), float("-inf")) else value


def validate_sync(body):
    try:
        req = json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(400, "the body is not valid JSON")
    if not isinstance(req, dict):
        raise BadRequest(400, "the body must be a JSON object")
    ws, client, cursor, ops = req.get("workspace"), req.get("client_id"), req.get("cursor", 0), req.get("ops", [])
    publish = req.get("publish", False)
    if not isinstance(publish, bool):
        raise BadRequest(400, "'publish' must be true or false")
    if not isinstance(ws, str) or not ws or len(ws) > 64:
        raise BadRequest(400, "'workspace' must be a name of 1-64 characters")
    if not isinstance(client, str) or not client or len(client) > 64:
        raise BadRequest(400, "'client_id' must be 1-64 characters")
    if not isinstance(cursor, int) or isinstance(cursor, bool) or cursor < 0:
        raise BadRequest(400, "'cursor' must be a non-negative integer")
    if not isinstance(ops, list):
        raise BadRequest(400, "'ops' must be a list")
    if len(ops) > MAX_OPS_PER_REQUEST:
        raise BadRequest(413, "at most %d ops per request" % MAX_OPS_PER_REQUEST)
    prev = None
    for i, item in enumerate(ops):
        if not isinstance(item, dict) or not isinstance(item.get("op"), dict):
            raise BadRequest(400, "ops[%d] must be {\"seq\", \"op\": {...}}" % i)
        seq = item.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
            raise BadRequest(400, "ops[%d].seq must be a positive integer" % i)
        if prev is not None and seq <= prev:
            raise BadRequest(400, "ops must be sent in increasing seq order")
        prev = seq
        if not isinstance(item["op"].get("kind"), str):
            raise BadRequest(400, "ops[%d].op needs a 'kind'" % i)
        if len(compact(item["op"]).encode("utf-8")) > MAX_OP_BYTES:
            raise BadRequest(413, "ops[%d] is larger than %d bytes" % (i, MAX_OP_BYTES))
    return ws, client, cursor, ops, publish


class Handler(http.server.SimpleHTTPRequestHandler):
    store = None
    limiter = None
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{".wasm": "application/wasm", ".js": "text/javascript", ".webmanifest": "application/manifest+json",
                             ".data": "application/octet-stream"})

    def log_message(self, fmt, *args):
        if os.environ.get("DESKBILL_SERVE_QUIET") != "1":
            sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def end_headers(self):
        path = urllib.parse.urlparse(self.path).path
        if path.endswith("sw.js") or path.endswith(".html") or path == "/":
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_json(self, status, obj):
        data = json.dumps(obj, ensure_ascii=False, allow_nan=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/api/health":
            return self.send_json(200, {"ok": True})
        if self.path.startswith("/api/"):
            return self.send_json(404, {"error": "no such endpoint"})
        return super().do_GET()

    def do_POST(self):
        if urllib.parse.urlparse(self.path).path != "/api/sync":
            return self.send_json(404, {"error": "no such endpoint"})
        try:
            auth = self.headers.get("Authorization", "")
            if not auth.startswith("Bearer "):
                raise BadRequest(401, "a bearer token is required")
            agent = self.store.agent_for(auth[7:].strip())
            if agent is None:
                raise BadRequest(401, "the token is not valid")
            if not self.limiter.allow(agent):
                raise BadRequest(429, "too many requests: slow down")
            try:
                length = int(self.headers.get("Content-Length", "0"))
            except ValueError:
                raise BadRequest(400, "bad Content-Length")
            if length > MAX_REQUEST_BYTES:
                raise BadRequest(413, "the request is larger than %d bytes" % MAX_REQUEST_BYTES)
            ws, client, cursor, ops, publish = validate_sync(self.rfile.read(length))
            if not self.store.may_use(agent, ws):
                raise BadRequest(403, "agent '%s' has no access to workspace '%s'" % (agent, ws))
            return self.send_json(200, self.store.sync(agent, ws, client, cursor, ops, publish))
        except BadRequest as e:
            return self.send_json(e.status, {"error": e.message})
        except sqlite3.Error as e:
            return self.send_json(503, {"error": "storage unavailable: %s" % e})


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(host, port, site, db_path):
    store = Store(db_path)
    handler = type("DeskbillHandler", (Handler,), {"store": store, "limiter": RateLimiter(RATE_PER_SECOND)})
    server = Server((host, port), lambda *a, **kw: handler(*a, directory=site, **kw))
    return server, store


def main():
    ap = argparse.ArgumentParser(description="deskbill static files + sync endpoint")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--site", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "build", "site"))
    ap.add_argument("--db", default=os.path.join("workspace-data", "deskbill.sqlite3"))
    ap.add_argument("--add-token", nargs="+", metavar=("AGENT", "WORKSPACE"), help="create a token for AGENT on WORKSPACEs and exit")
    ap.add_argument("--dev-token", help="also accept this token for agent 'demo' on workspace 'demo' (development)")
    args = ap.parse_args()
    if args.add_token:
        if len(args.add_token) < 2:
            ap.error("--add-token needs an agent and at least one workspace")
        print(Store(args.db).add_token(args.add_token[0], args.add_token[1:]))
        return
    if not os.path.isfile(os.path.join(args.site, "index.html")):
        sys.exit("serve.py: %s has no index.html: build the app first (scripts/start.sh)" % args.site)
    server, store = make_server(args.host, args.port, args.site, args.db)
    if args.dev_token:
        store.add_token("demo", ["demo"], args.dev_token)
    print("deskbill is running at http://%s:%d/" % (args.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
