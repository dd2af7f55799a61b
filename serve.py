#!/usr/bin/env python3
"""deskbill's server: the built app as static files, and POST /api/sync, a durable,
authenticated sequencer of ops (docs/sync.md). Python standard library only, SQLite by default;
PostgreSQL with Debian's python3-psycopg2 (--db postgresql://…). Its parts live in src/server/.

    python3 serve.py [--port 8080] [--site build/site] [--db workspace-data/deskbill.sqlite3]
    python3 serve.py --add-token AGENT WORKSPACE [WORKSPACE ...] [--role agent|billing|admin]
"""
import argparse
import concurrent.futures
import http.server
import json
import os
import selectors
import socket
import ssl
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "src"))
from server import roles  # noqa: E402
from server.protocol import BadRequest, validate_sync  # noqa: E402,F401
from server.storage import DEFAULT_MAX_BYTES, DEFAULT_OPS_PER_DAY, StorageError, Store, token_hash  # noqa: E402,F401

MAX_REQUEST_BYTES = 1_000_000
RATE_PER_SECOND = 20.0  # requests per token, with a burst of the same size
ANON_RATE_PER_SECOND = 5.0  # requests without a valid token, per address
MAX_WORKERS = 32           # requests served at once
MAX_WAITING = 4096         # open connections waiting for their request; more are refused (503)
MAX_PER_ADDRESS = 2048     # of those, from one address
READ_TIMEOUT_S = 10        # a client that sends nothing for this long is disconnected

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
            who = self.store.identify(auth[7:].strip()) if auth.startswith("Bearer ") else None
            if who is None:
                # Guessing tokens is slowed down per address, before any work is done.
                if not self.anon_limiter.allow(self.client_address[0]):
                    raise BadRequest(429, "too many requests without a valid token: slow down")
                raise BadRequest(401, "a bearer token is required" if not auth.startswith("Bearer ") else "the token is not valid")
            if not self.limiter.allow(who.token_hash or "dev"):
                raise BadRequest(429, "too many requests: slow down")
            length = self.body_length()
            body = self.rfile.read(length)
            if len(body) != length:
                raise BadRequest(400, "the body ended before its Content-Length")
            ws, client, cursor, ops, publish, chain, publish_upto = validate_sync(body)
            if not self.store.may_use(who, ws):
                raise BadRequest(403, "this token of agent '%s' has no access to workspace '%s'" % (who.agent, ws))
            return self.send_json(200, self.store.sync(who, ws, client, cursor, ops, publish, chain, publish_upto))
        except BadRequest as e:
            self.close_connection = True  # a body that was not read must not be taken for the next request
            return self.send_json(e.status, e.body())
        except StorageError as e:
            return self.send_json(503, {"error": str(e)})
        except socket.timeout:
            self.close_connection = True
            return None


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
        self.tls = None
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

    def get_request(self):
        sock, addr = self.socket.accept()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, addr

    def _work(self, request, client_address):
        try:
            if self.tls is not None:
                request.settimeout(READ_TIMEOUT_S)
                try:
                    request.do_handshake()
                except (ssl.SSLError, OSError):
                    return  # not TLS, or too slow: dropped like an idle connection
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._release(client_address)

    def server_close(self):
        self.closing = True
        super().server_close()
        self.wake_r.close()
        self.wake_w.close()
        self.pool.shutdown(wait=False, cancel_futures=True)


def make_server(host, port, site, db, dev_token=None, store=None, tls_cert=None, tls_key=None, rate=RATE_PER_SECOND):
    store = store or Store(db)
    store.dev_token = dev_token
    handler = type("DeskbillHandler", (Handler,), {"store": store, "limiter": RateLimiter(rate),
                                                   "anon_limiter": RateLimiter(ANON_RATE_PER_SECOND)})
    server = Server((host, port), lambda *a, **kw: handler(*a, directory=site, **kw))
    if tls_cert:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(tls_cert, tls_key)
        server.tls = ctx
    return server, store


def main():
    ap = argparse.ArgumentParser(description="deskbill static files + sync endpoint")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--site", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "build", "site"))
    ap.add_argument("--db", default=os.path.join("workspace-data", "deskbill.sqlite3"),
                    help="a SQLite file (default) or postgresql://user@host:port/dbname")
    ap.add_argument("--read-only", action="store_true", help="serve pulls from a database that must not be written")
    ap.add_argument("--add-token", nargs="+", metavar=("AGENT", "WORKSPACE"), help="create a token for AGENT on WORKSPACEs and exit")
    ap.add_argument("--role", default="agent", choices=roles.ROLES,
                    help="with --add-token: agent (tickets, timesheets), billing (+ orders, invoices, payments) or "
                    "admin (+ configuration and publishing)")
    ap.add_argument("--dev-token", help="also accept this token for agent 'demo' (admin) on workspace 'demo' while this "
                    "process runs (development; never stored)")
    ap.add_argument("--list-tokens", action="store_true", help="list tokens (hash prefix, agent, role, workspaces) and exit")
    ap.add_argument("--revoke-token", metavar="HASH_PREFIX", help="revoke the token whose hash starts so (see --list-tokens) and exit")
    ap.add_argument("--end-publication", metavar="WORKSPACE",
                    help="stop holding others' work back for WORKSPACE's incomplete publication (its device will not "
                    "come back) and exit")
    ap.add_argument("--print-roles", action="store_true", help="print the role each op kind needs, as JSON, and exit")
    ap.add_argument("--quota-ops-per-day", type=int, default=DEFAULT_OPS_PER_DAY, help="per workspace (429 beyond)")
    ap.add_argument("--quota-bytes", type=int, default=DEFAULT_MAX_BYTES, help="stored op bytes per workspace (507 beyond)")
    ap.add_argument("--rate", type=float, default=RATE_PER_SECOND, help="requests per second per token (429 beyond)")
    ap.add_argument("--tls-cert", help="serve HTTPS with this certificate chain (PEM)")
    ap.add_argument("--tls-key", help="the certificate's private key (PEM)")
    args = ap.parse_args()
    if args.print_roles:
        print(json.dumps(roles.KIND_ROLE, sort_keys=True))
        return
    if bool(args.tls_cert) != bool(args.tls_key):
        ap.error("--tls-cert and --tls-key go together")
    try:
        store = Store(args.db, read_only=args.read_only, ops_per_day=args.quota_ops_per_day, max_bytes=args.quota_bytes)
    except StorageError as e:
        sys.exit("serve.py: %s" % e)
    if args.add_token:
        if len(args.add_token) < 2:
            ap.error("--add-token needs an agent and at least one workspace")
        print(store.add_token(args.add_token[0], args.add_token[1:], role=args.role))
        return
    if args.list_tokens:
        for prefix, agent, role, ws in store.list_tokens():
            print("%s  %s  %s  %s" % (prefix, agent, role, " ".join(ws)))
        return
    if args.revoke_token:
        try:
            n = store.revoke(args.revoke_token)
        except ValueError as e:
            sys.exit("serve.py: %s" % e)
        print("revoked %d token%s" % (n, "" if n == 1 else "s"))
        sys.exit(0 if n else 1)
    if args.end_publication:
        ended = store.end_publication(args.end_publication)
        if not ended:
            sys.exit("serve.py: workspace '%s' has no incomplete publication" % args.end_publication)
        print("workspace '%s': the publication by device '%s' (%d of %d operations held) no longer holds others' work "
              "back; what it sends later is stored after theirs" % ((args.end_publication,) + ended))
        return
    if not os.path.isfile(os.path.join(args.site, "index.html")):
        sys.exit("serve.py: %s has no index.html: build the app first (scripts/start.sh)" % args.site)
    try:
        server, store = make_server(args.host, args.port, args.site, args.db, args.dev_token, store=store,
                                    tls_cert=args.tls_cert, tls_key=args.tls_key, rate=args.rate)
    except (OSError, ssl.SSLError) as e:
        sys.exit("serve.py: %s" % e)
    scheme = "https" if args.tls_cert else "http"
    print("deskbill is running at %s://%s:%d/" % (scheme, args.host, server.server_address[1]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
