#!/usr/bin/env python3
"""deskbill's server: the built app as static files, and POST /api/sync, a durable,
authenticated sequencer of ops (docs/sync.md). Python standard library only; SQLite by default.

    python3 serve.py [--port 8080] [--site build/site] [--db workspace-data/deskbill.sqlite3]
    python3 serve.py --add-token AGENT WORKSPACE [WORKSPACE ...]   # prints a new token once
"""
import argparse
import concurrent.futures
import datetime
import hashlib
import http.server
import json
import os
import secrets
import selectors
import socket
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
ANON_RATE_PER_SECOND = 5.0  # requests without a valid token, per address
MAX_WORKERS = 32           # requests served at once
MAX_WAITING = 4096         # open connections waiting for their request; more are refused (503)
MAX_PER_ADDRESS = 2048     # of those, from one address
READ_TIMEOUT_S = 10        # a client that sends nothing for this long is disconnected
MAX_JSON_DEPTH = 64        # ops are shallow; deeper nesting is refused before parsing
MAX_INT = 2 ** 63 - 1      # SQLite's INTEGER

# What the app needs and nothing more: its own scripts and wasm, inline styles from ImGui's
# canvas page, fetch to this origin, blob: downloads; no framing.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; "
                               "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
                               "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}

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
        # --dev-token lives only while this process runs: it is never written to the database.
        self.dev_token = None

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
        if self.dev_token and secrets.compare_digest(token, self.dev_token):
            return "demo"
        row = self.db.execute("SELECT agent FROM tokens WHERE token_hash = ?", (token_hash(token),)).fetchone()
        return row[0] if row else None

    def may_use_dev(self, agent, workspace):
        return self.dev_token is not None and agent == "demo" and workspace == "demo"

    def list_tokens(self):
        """(hash prefix, agent, workspaces) of every token; the tokens themselves are never stored."""
        rows = self.db.execute("SELECT token_hash, agent FROM tokens ORDER BY agent, token_hash").fetchall()
        out = []
        for h, agent in rows:
            ws = [r[0] for r in self.db.execute("SELECT workspace FROM grants WHERE agent = ? ORDER BY workspace", (agent,))]
            out.append((h[:12], agent, ws))
        return out

    def revoke(self, prefix):
        """Revokes the tokens whose hash starts with prefix (as --list-tokens shows it); a revoked
        token gets 401 at once. Returns how many were revoked."""
        if len(prefix) < 8:
            raise ValueError("give at least 8 characters of the token's hash (see --list-tokens)")
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            n = self.db.execute("DELETE FROM tokens WHERE token_hash LIKE ?", (prefix + "%",)).rowcount
            self.db.execute("COMMIT")
        return n

    def may_use(self, agent, workspace):
        if self.may_use_dev(agent, workspace):
            return True
        return self.db.execute("SELECT 1 FROM grants WHERE agent = ? AND workspace = ?", (agent, workspace)).fetchone() is not None

    def sync(self, agent, workspace, client_id, cursor, ops, publish=False):
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # A device id belongs to the agent who first used it: another agent reusing it would
                # have its ops taken for that agent's, or lose them as duplicates.
                owner = self.db.execute("SELECT agent FROM ops WHERE workspace = ? AND client_id = ? LIMIT 1",
                                        (workspace, client_id)).fetchone()
                if owner is not None and owner[0] != agent:
                    raise BadRequest(403, "device id '%s' belongs to another agent in this workspace; "
                                     "this device needs an id of its own" % client_id)
                row = self.db.execute("SELECT MAX(seq) FROM ops WHERE workspace = ? AND client_id = ?", (workspace, client_id)).fetchone()
                last = row[0] or 0
                self.db.execute("INSERT OR IGNORE INTO workspaces(name) VALUES (?)", (workspace,))
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


def _json_depth_ok(body):
    """Nesting counted on the raw bytes (brackets outside strings), before json.loads recurses."""
    depth, in_str, esc = 0, False, False
    for b in body:
        if in_str:
            if esc:
                esc = False
            elif b == 0x5C:
                esc = True
            elif b == 0x22:
                in_str = False
        elif b == 0x22:
            in_str = True
        elif b in (0x5B, 0x7B):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return False
        elif b in (0x5D, 0x7D):
            depth -= 1
    return True


def _check_text(value, where):
    """Text must be storable UTF-8: a lone surrogate (\\ud800) is refused, naming where."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise BadRequest(400, "%s holds text that is not valid Unicode (a lone surrogate)" % where)
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_text(k, where)
            _check_text(v, where)
    elif isinstance(value, list):
        for v in value:
            _check_text(v, where)
    elif isinstance(value, int) and not isinstance(value, bool) and not -MAX_INT - 1 <= value <= MAX_INT:
        raise BadRequest(400, "%s holds an integer beyond 64 bits" % where)


def validate_sync(body):
    if not _json_depth_ok(body):
        raise BadRequest(400, "the body is nested deeper than %d levels" % MAX_JSON_DEPTH)
    try:
        req = json.loads(body, parse_constant=_refuse_constant, parse_float=_finite_float)
    except (ValueError, UnicodeDecodeError, RecursionError):
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
    if not isinstance(cursor, int) or isinstance(cursor, bool) or cursor < 0 or cursor > MAX_INT:
        raise BadRequest(400, "'cursor' must be a non-negative integer below 2^63")
    _check_text(ws, "'workspace'")
    _check_text(client, "'client_id'")
    if not isinstance(ops, list):
        raise BadRequest(400, "'ops' must be a list")
    if len(ops) > MAX_OPS_PER_REQUEST:
        raise BadRequest(413, "at most %d ops per request" % MAX_OPS_PER_REQUEST)
    prev = None
    for i, item in enumerate(ops):
        if not isinstance(item, dict) or not isinstance(item.get("op"), dict):
            raise BadRequest(400, "ops[%d] must be {\"seq\", \"op\": {...}}" % i)
        seq = item.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1 or seq > MAX_INT:
            raise BadRequest(400, "ops[%d].seq must be a positive integer below 2^63" % i)
        _check_text(item["op"], "ops[%d].op" % i)
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
    anon_limiter = None
    timeout = READ_TIMEOUT_S          # socket timeout: idle or slow clients are dropped
    server_version = "deskbill"       # no Python version in the Server header
    sys_version = ""
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
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        super().end_headers()

    def list_directory(self, path):
        self.send_error(404, "Not found")  # no directory listings
        return None

    def translate_path(self, path):
        # Nothing outside the site folder, symlinks included: a path that resolves elsewhere is
        # answered as missing.
        full = super().translate_path(path)
        root = os.path.realpath(self.directory)
        real = os.path.realpath(full)
        if real != root and not real.startswith(root + os.sep):
            return os.path.join(root, "__outside__")
        return full

    def body_length(self):
        if self.headers.get("Transfer-Encoding"):
            raise BadRequest(411, "send the body with a Content-Length (chunked bodies are not accepted)")
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise BadRequest(411, "a Content-Length is required")
        if not raw.strip().isdigit():
            raise BadRequest(411, "a valid Content-Length (a non-negative integer) is required")
        length = int(raw)
        if length > MAX_REQUEST_BYTES:
            raise BadRequest(413, "the request is larger than %d bytes" % MAX_REQUEST_BYTES)
        return length

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
            agent = self.store.agent_for(auth[7:].strip()) if auth.startswith("Bearer ") else None
            if agent is None:
                # Guessing tokens is slowed down per address, before any work is done.
                if not self.anon_limiter.allow(self.client_address[0]):
                    raise BadRequest(429, "too many requests without a valid token: slow down")
                raise BadRequest(401, "a bearer token is required" if not auth.startswith("Bearer ") else "the token is not valid")
            if not self.limiter.allow(agent):
                raise BadRequest(429, "too many requests: slow down")
            length = self.body_length()
            body = self.rfile.read(length)
            if len(body) != length:
                raise BadRequest(400, "the body ended before its Content-Length")
            ws, client, cursor, ops, publish = validate_sync(body)
            if not self.store.may_use(agent, ws):
                raise BadRequest(403, "agent '%s' has no access to workspace '%s'" % (agent, ws))
            return self.send_json(200, self.store.sync(agent, ws, client, cursor, ops, publish))
        except BadRequest as e:
            self.close_connection = True  # a body that was not read must not be taken for the next request
            return self.send_json(e.status, {"error": e.message})
        except sqlite3.Error as e:
            return self.send_json(503, {"error": storage_error_text(e)})
        except socket.timeout:
            self.close_connection = True
            return None


def storage_error_text(e):
    text = str(e).lower()
    if "full" in text or "no space" in text or "disk i/o" in text:
        return "storage full: the server's disk has no room; nothing was written"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only: nothing can be written; ask the administrator"
    return "storage unavailable: %s" % e


class Server(http.server.HTTPServer):
    """Connections wait for their request in one selector thread and cost no worker until they
    send something (a thread per connection let ~1000 idle connections starve real syncs);
    then a bounded pool serves them. Idle ones are closed after READ_TIMEOUT_S; at most
    MAX_WAITING wait at once, MAX_PER_ADDRESS from one address."""
    allow_reuse_address = True
    request_queue_size = 1024  # the listen backlog: a burst of connections is not dropped by the kernel

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="deskbill")
        self.selector = selectors.DefaultSelector()
        self.incoming = []           # handed from the accepting thread to the selector thread
        self.waiting = {}            # socket -> (address, deadline)
        self.per_address = {}
        self.lock = threading.Lock()
        self.wake_r, self.wake_w = socket.socketpair()
        self.selector.register(self.wake_r, selectors.EVENT_READ)
        self.closing = False
        threading.Thread(target=self._wait_for_requests, daemon=True).start()

    def _refuse(self, request):
        try:
            request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 38\r\n"
                            b"Connection: close\r\n\r\n{\"error\":\"too many connections: retry\"}")
        except OSError:
            pass
        self.shutdown_request(request)

    def process_request(self, request, client_address):
        addr = client_address[0]
        with self.lock:
            n = self.per_address.get(addr, 0)
            if n >= MAX_PER_ADDRESS or len(self.waiting) + len(self.incoming) >= MAX_WAITING:
                refuse = True
            else:
                refuse = False
                self.per_address[addr] = n + 1
                self.incoming.append((request, client_address))
        if refuse:
            self._refuse(request)
            return
        try:
            self.wake_w.send(b"x")
        except OSError:
            pass

    def _release(self, client_address):
        with self.lock:
            addr = client_address[0]
            self.per_address[addr] -= 1
            if self.per_address[addr] <= 0:
                del self.per_address[addr]

    def _wait_for_requests(self):
        while not self.closing:
            with self.lock:
                fresh, self.incoming = self.incoming, []
            now = time.monotonic()
            for request, client_address in fresh:
                self.waiting[request] = (client_address, now + READ_TIMEOUT_S)
                self.selector.register(request, selectors.EVENT_READ)
            try:
                events = self.selector.select(timeout=0.5)
            except OSError:
                continue
            for key, _ in events:
                if key.fileobj is self.wake_r:
                    try:
                        self.wake_r.recv(4096)
                    except OSError:
                        pass
                    continue
                request = key.fileobj
                self.selector.unregister(request)
                client_address, _ = self.waiting.pop(request)
                self.pool.submit(self._work, request, client_address)
            now = time.monotonic()
            for request in [r for r, (_, deadline) in self.waiting.items() if deadline < now]:
                client_address, _ = self.waiting.pop(request)
                self.selector.unregister(request)
                self.shutdown_request(request)
                self._release(client_address)

    def _work(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._release(client_address)

    def server_close(self):
        self.closing = True
        super().server_close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def make_server(host, port, site, db_path, dev_token=None):
    store = Store(db_path)
    store.dev_token = dev_token
    handler = type("DeskbillHandler", (Handler,), {"store": store, "limiter": RateLimiter(RATE_PER_SECOND),
                                                   "anon_limiter": RateLimiter(ANON_RATE_PER_SECOND)})
    server = Server((host, port), lambda *a, **kw: handler(*a, directory=site, **kw))
    return server, store


def main():
    ap = argparse.ArgumentParser(description="deskbill static files + sync endpoint")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--site", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "build", "site"))
    ap.add_argument("--db", default=os.path.join("workspace-data", "deskbill.sqlite3"))
    ap.add_argument("--add-token", nargs="+", metavar=("AGENT", "WORKSPACE"), help="create a token for AGENT on WORKSPACEs and exit")
    ap.add_argument("--dev-token", help="also accept this token for agent 'demo' on workspace 'demo' while this process "
                    "runs (development; never stored)")
    ap.add_argument("--list-tokens", action="store_true", help="list tokens (hash prefix, agent, workspaces) and exit")
    ap.add_argument("--revoke-token", metavar="HASH_PREFIX", help="revoke the token whose hash starts so (see --list-tokens) and exit")
    args = ap.parse_args()
    if args.add_token:
        if len(args.add_token) < 2:
            ap.error("--add-token needs an agent and at least one workspace")
        print(Store(args.db).add_token(args.add_token[0], args.add_token[1:]))
        return
    if args.list_tokens:
        for prefix, agent, ws in Store(args.db).list_tokens():
            print("%s  %s  %s" % (prefix, agent, " ".join(ws)))
        return
    if args.revoke_token:
        try:
            n = Store(args.db).revoke(args.revoke_token)
        except ValueError as e:
            sys.exit("serve.py: %s" % e)
        print("revoked %d token%s" % (n, "" if n == 1 else "s"))
        sys.exit(0 if n else 1)
    if not os.path.isfile(os.path.join(args.site, "index.html")):
        sys.exit("serve.py: %s has no index.html: build the app first (scripts/start.sh)" % args.site)
    server, store = make_server(args.host, args.port, args.site, args.db, args.dev_token)
    print("deskbill is running at http://%s:%d/" % (args.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
