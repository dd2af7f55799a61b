"""Where the server keeps workspaces, ops and tokens (docs/sync.md): SQLite, one file, the default;
or PostgreSQL (`--db postgresql://…`) when several serve.py processes share one database. The
same SQL runs on both. Positions come from a counter row per workspace taken under a lock (the
process lock and BEGIN IMMEDIATE on SQLite, SELECT … FOR UPDATE on PostgreSQL), so they are
gapless and each (client_id, seq) is stored once whatever the number of processes."""
import contextlib
import datetime
import hashlib
import os
import queue
import secrets
import sqlite3
import sys
import threading
import urllib.parse

from server import op_identity, roles
from server.protocol import BadRequest, compact, next_chain, stored_op

SCHEMA_VERSION = 5
MAX_OPS_PER_ANSWER = 2000
MAX_ANSWER_BYTES = 4_000_000      # an answer holds at least one op, then stops before this size
DEFAULT_OPS_PER_DAY = 200_000     # per workspace, UTC days (429 beyond)
DEFAULT_MAX_BYTES = 4 * 1024 ** 3 # per workspace, the ops' UTF-8 bytes (507 beyond)
PG_CONNECTIONS = 8                # per process

# Shared by SQLite (≥ 3.24: ON CONFLICT) and PostgreSQL.
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS workspaces (
         name TEXT PRIMARY KEY,
         next_pos BIGINT NOT NULL DEFAULT 1,  -- positions come from this counter row, never a sequence
         bytes BIGINT NOT NULL DEFAULT 0      -- the stored ops' UTF-8 bytes, for the quota
       )""",
    """CREATE TABLE IF NOT EXISTS daily_ops (
         workspace TEXT NOT NULL, day TEXT NOT NULL, ops BIGINT NOT NULL,
         PRIMARY KEY (workspace, day)
       )""",
    """CREATE TABLE IF NOT EXISTS publishers (  -- the device that published a local workspace here
         workspace TEXT PRIMARY KEY, client_id TEXT NOT NULL,
         upto BIGINT NOT NULL DEFAULT 0  -- the publication's last seq while it is incomplete, else 0
       )""",
    """CREATE TABLE IF NOT EXISTS tokens (
         token_hash TEXT PRIMARY KEY, agent TEXT NOT NULL, role TEXT NOT NULL
       )""",
    """CREATE TABLE IF NOT EXISTS token_grants (  -- grants belong to a token, not to its agent
         token_hash TEXT NOT NULL, workspace TEXT NOT NULL,
         PRIMARY KEY (token_hash, workspace)
       )""",
    """CREATE TABLE IF NOT EXISTS ops (
         workspace TEXT NOT NULL, pos BIGINT NOT NULL, client_id TEXT NOT NULL, seq BIGINT NOT NULL,
         agent TEXT NOT NULL, accepted_at TEXT NOT NULL, op TEXT NOT NULL,
         chain TEXT NOT NULL DEFAULT '',  -- next_chain of the row before and this (client_id, seq, digest)
         digest TEXT NOT NULL DEFAULT '',  -- op_identity.digest(op): finds an op held already
         PRIMARY KEY (workspace, pos),
         UNIQUE (workspace, client_id, seq)
       )""",
]

# Schema 1 (before roles): tokens(token_hash, agent), grants(agent, workspace), no byte count.
# Its tokens could send everything, so they become admins; their agent's grants become theirs.
MIGRATE_1_TO_2 = [
    "ALTER TABLE tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'admin'",
    "ALTER TABLE workspaces ADD COLUMN bytes BIGINT NOT NULL DEFAULT 0",
    "INSERT INTO token_grants SELECT t.token_hash, g.workspace FROM tokens t JOIN grants g ON g.agent = t.agent",
    "UPDATE workspaces SET bytes = (SELECT COALESCE(SUM(LENGTH(CAST(op AS BLOB))), 0) FROM ops WHERE ops.workspace = workspaces.name)",
]


# Schema 2 (before chains): the chain column is added and filled in each workspace's order.
MIGRATE_2_TO_3 = ["ALTER TABLE ops ADD COLUMN chain TEXT NOT NULL DEFAULT ''"]

# Schema 3 (before digests): the digest column is added and filled.
MIGRATE_3_TO_4 = ["ALTER TABLE ops ADD COLUMN digest TEXT NOT NULL DEFAULT ''"]

# Schema 4 (before publications said where they end): nothing waits for them, as before.
MIGRATE_4_TO_5 = ["ALTER TABLE publishers ADD COLUMN upto BIGINT NOT NULL DEFAULT 0"]

# Made once every column is there (after the migrations).
INDEXES = ["CREATE INDEX IF NOT EXISTS ops_by_digest ON ops (digest)"]
# Where the server holds ops of this device by their digests (Store._held_at).
HELD_SQL = "SELECT workspace, client_id, pos, op FROM ops WHERE digest IN (%s)"


def fill_chains(tx):
    """Computes every row's chain, workspace by workspace in position order (schema 2 → 3)."""
    for (workspace,) in tx.all("SELECT name FROM workspaces ORDER BY name"):
        chain = ""
        for pos, client_id, seq, text, stamp in tx.all("SELECT pos, client_id, seq, op, accepted_at FROM ops "
                                                       "WHERE workspace = ? ORDER BY pos", (workspace,)):
            chain = next_chain(chain, client_id, seq, op_identity.digest(text), stamp[:10])
            tx.run("UPDATE ops SET chain = ? WHERE workspace = ? AND pos = ?", (chain, workspace, pos))


def fill_digests(tx, batch=5000):
    """Computes every row's digest (schema 3 → 4), a batch of rows in memory at a time."""
    for (workspace,) in tx.all("SELECT name FROM workspaces ORDER BY name"):
        after = 0
        while True:
            rows = tx.all("SELECT pos, op FROM ops WHERE workspace = ? AND pos > ? ORDER BY pos LIMIT ?",
                          (workspace, after, batch))
            for pos, text in rows:
                tx.run("UPDATE ops SET digest = ? WHERE workspace = ? AND pos = ?", (op_identity.digest(text), workspace, pos))
            if len(rows) < batch:
                break
            after = rows[-1][0]


def chain_samples(top):
    """The positions whose chains a server_behind answer gives: top, top-1, top-3, top-7, … down to
    1, so a device finds a position it shares within twice the distance to where they part."""
    out, step = [], 1
    while top - (step - 1) >= 1:
        out.append(top - (step - 1))
        step *= 2
    return out


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class StorageError(Exception):
    """A storage failure, in words (the disk is full, the database is read-only, …)."""


class Tx:
    """One transaction's queries. SQL is written with ? placeholders."""

    def __init__(self, cur, pg, writes):
        self.cur, self.pg, self.writes = cur, pg, writes  # writes: opened to write

    def _sql(self, sql):
        return sql.replace("?", "%s") if self.pg else sql

    def one(self, sql, args=()):
        self.cur.execute(self._sql(sql), args)
        return self.cur.fetchone()

    def all(self, sql, args=()):
        self.cur.execute(self._sql(sql), args)
        return self.cur.fetchall()

    def run(self, sql, args=()):
        self.cur.execute(self._sql(sql), args)
        return self.cur.rowcount


def storage_error_text(e):
    text = str(e).lower()
    if "full" in text or "no space" in text or "disk i/o" in text or "quota" in text:
        return "storage full: the server's disk has no room; nothing was written"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "the database is read-only: nothing can be written; ask the administrator"
    return "storage unavailable: %s" % str(e).strip().splitlines()[0]


class SqliteDb:
    """One connection; a process lock makes every transaction the only one (WAL, synchronous=FULL)."""
    pg = False

    def __init__(self, path, read_only=False):
        self.lock = threading.Lock()
        self.read_only = read_only
        if path != ":memory:" and not read_only:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        try:
            self.db = self._open(path, read_only)
        except sqlite3.OperationalError as e:
            if read_only or "readonly" not in str(e).lower() and "read-only" not in str(e).lower():
                raise StorageError(storage_error_text(e)) from e
            # A database the server may not write (a read-only file or folder): pulls are still
            # served, pushes get "the database is read-only".
            self.db = self._open(path, True)
            self.read_only = True
        if self.read_only:
            sys.stderr.write("serve.py: %s is read-only: pulls are served, pushes are refused\n" % path)

    @staticmethod
    def _open(path, read_only):
        if read_only:
            # immutable: a WAL database whose -shm cannot be created is still readable.
            uri = "file:%s?mode=ro&immutable=1" % urllib.parse.quote(os.path.abspath(path))
            db = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return db
        # A database copied without its -wal/-shm files opens as of its last checkpoint: SQLite
        # recreates them; devices that saw later positions are told so (409) and re-send.
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=10000")
        return db

    @contextlib.contextmanager
    def transaction(self, write):
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.Error as e:
                raise StorageError(storage_error_text(e)) from e
            try:
                yield Tx(self.db.cursor(), False, write)
                self.db.execute("COMMIT")
            except BaseException as e:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass  # the failed statement already ended the transaction (a full disk does)
                if isinstance(e, sqlite3.Error):
                    raise StorageError(storage_error_text(e)) from e
                raise

    def lock_workspace(self, tx, name):
        pass  # the process lock and BEGIN IMMEDIATE already make this transaction the only writer

    def tables(self, tx):
        return {r[0] for r in tx.all("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def close(self):
        self.db.close()


class PostgresDb:
    """A small blocking pool of connections; each transaction takes one."""
    pg = True

    def __init__(self, dsn, read_only=False):
        try:
            import psycopg2  # Debian: python3-psycopg2
        except ImportError as e:
            raise StorageError("PostgreSQL needs the python3-psycopg2 package (scripts/setup.sh installs it)") from e
        self.psycopg2 = psycopg2
        self.read_only = read_only
        self.pool = queue.LifoQueue()
        self.dsn = dsn
        try:
            for _ in range(PG_CONNECTIONS):
                self.pool.put(psycopg2.connect(dsn))
        except psycopg2.Error as e:
            raise StorageError("cannot connect to PostgreSQL: %s" % str(e).strip().splitlines()[0]) from e

    @contextlib.contextmanager
    def transaction(self, write):
        conn = self.pool.get()
        try:
            try:
                if conn.closed:
                    conn = self.psycopg2.connect(self.dsn)
                cur = conn.cursor()
            except self.psycopg2.Error as e:
                raise StorageError(storage_error_text(e)) from e
            try:
                yield Tx(cur, True, write)
                conn.commit()
            except BaseException as e:
                try:
                    conn.rollback()
                except self.psycopg2.Error:
                    pass
                if isinstance(e, self.psycopg2.Error):
                    raise StorageError(storage_error_text(e)) from e
                raise
        finally:
            self.pool.put(conn)

    def lock_workspace(self, tx, name):
        # The counter row, locked until commit: every process appends to this workspace in turn.
        tx.one("SELECT next_pos FROM workspaces WHERE name = ? FOR UPDATE", (name,))

    def tables(self, tx):
        return {r[0] for r in tx.all("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    def close(self):
        while not self.pool.empty():
            self.pool.get().close()


def open_db(spec, read_only=False):
    if spec.startswith("postgresql://") or spec.startswith("postgres://"):
        return PostgresDb(spec, read_only)
    return SqliteDb(spec, read_only)


class Identity:
    def __init__(self, agent, role, token_hash=None, dev=False):
        self.agent, self.role, self.token_hash, self.dev = agent, role, token_hash, dev


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)


class Store:
    """Tokens, grants, quotas, and the sync itself: one transaction each, never a partial write."""

    def __init__(self, spec, read_only=False, ops_per_day=DEFAULT_OPS_PER_DAY, max_bytes=DEFAULT_MAX_BYTES, clock=utc_now):
        self.db = open_db(spec, read_only)
        self.ops_per_day, self.max_bytes, self.clock = ops_per_day, max_bytes, clock
        # --dev-token lives only while this process runs: it is never written to the database.
        self.dev_token = None
        if not self.db.read_only:
            self._create_or_migrate()
        # A read-only database of an older schema has no chains: it is served as before them.
        self.chains = not self.db.read_only or self._schema_version() >= 3
        # A read-only one from before schema 5 has no publication ends: nothing waits for them.
        self.publication_ends = not self.db.read_only or self._schema_version() >= 5

    def _schema_version(self):
        with self.db.transaction(False) as tx:
            if "meta" not in self.db.tables(tx):
                return 1
            row = tx.one("SELECT value FROM meta WHERE key = 'schema_version'")
            return int(row[0]) if row else 0

    def _create_or_migrate(self):
        with self.db.transaction(True) as tx:
            if self.db.pg:
                tx.run("SELECT pg_advisory_xact_lock(4242)")  # processes starting together migrate once
            existing = self.db.tables(tx)
            version = 0
            if "meta" in existing:
                row = tx.one("SELECT value FROM meta WHERE key = 'schema_version'")
                version = int(row[0]) if row else 0
            elif "tokens" in existing:
                version = 1
            if version > SCHEMA_VERSION:
                raise StorageError("the database was made by a newer serve.py (schema %d); this one knows %d" % (version, SCHEMA_VERSION))
            for statement in SCHEMA:
                tx.run(statement)
            if 1 <= version <= 4 and "publishers" in existing:
                for statement in MIGRATE_4_TO_5:
                    tx.run(statement)
            if version == 1:
                for statement in MIGRATE_1_TO_2:
                    tx.run(statement)
            if 1 <= version <= 2:
                for statement in MIGRATE_2_TO_3:
                    tx.run(statement)
                fill_chains(tx)
            if 1 <= version <= 3:
                for statement in MIGRATE_3_TO_4:
                    tx.run(statement)
                fill_digests(tx)
            for statement in INDEXES:
                tx.run(statement)
            if version < SCHEMA_VERSION:
                tx.run("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                       (str(SCHEMA_VERSION),))

    def close(self):
        self.db.close()

    # Tokens -----------------------------------------------------------------------------------
    def add_token(self, agent, workspaces, role="agent", token=None):
        if role not in roles.ROLES:
            raise ValueError("role must be one of: %s" % ", ".join(roles.ROLES))
        token = token or secrets.token_urlsafe(24)
        h = token_hash(token)
        with self.db.transaction(True) as tx:
            tx.run("INSERT INTO tokens VALUES (?, ?, ?) ON CONFLICT (token_hash) DO UPDATE SET agent = excluded.agent, "
                   "role = excluded.role", (h, agent, role))
            for w in workspaces:
                tx.run("INSERT INTO workspaces(name) VALUES (?) ON CONFLICT (name) DO NOTHING", (w,))
                tx.run("INSERT INTO token_grants VALUES (?, ?) ON CONFLICT DO NOTHING", (h, w))
        return token

    def identify(self, token):
        if self.dev_token and secrets.compare_digest(token, self.dev_token):
            return Identity("demo", "admin", dev=True)
        with self.db.transaction(False) as tx:
            row = tx.one("SELECT agent, role FROM tokens WHERE token_hash = ?", (token_hash(token),))
        return Identity(row[0], row[1], token_hash(token)) if row else None

    def may_use(self, who, workspace):
        if who.dev:
            return workspace == "demo"
        with self.db.transaction(False) as tx:
            return tx.one("SELECT 1 FROM token_grants WHERE token_hash = ? AND workspace = ?",
                          (who.token_hash, workspace)) is not None

    def list_tokens(self):
        """(hash prefix, agent, role, workspaces) of every token; the tokens themselves are never stored."""
        with self.db.transaction(False) as tx:
            rows = tx.all("SELECT token_hash, agent, role FROM tokens ORDER BY agent, token_hash")
            return [(h[:12], agent, role,
                     [r[0] for r in tx.all("SELECT workspace FROM token_grants WHERE token_hash = ? ORDER BY workspace", (h,))])
                    for h, agent, role in rows]

    def revoke(self, prefix):
        """Revokes the tokens whose hash starts with prefix (as --list-tokens shows it); a revoked
        token gets 401 at once. Returns how many were revoked."""
        if len(prefix) < 8 or not all(c in "0123456789abcdef" for c in prefix):
            raise ValueError("give at least 8 hex characters of the token's hash (see --list-tokens)")
        with self.db.transaction(True) as tx:
            hashes = [r[0] for r in tx.all("SELECT token_hash FROM tokens WHERE token_hash LIKE ?", (prefix + "%",))]
            for h in hashes:
                tx.run("DELETE FROM token_grants WHERE token_hash = ?", (h,))
                tx.run("DELETE FROM tokens WHERE token_hash = ?", (h,))
        return len(hashes)

    # Sync -------------------------------------------------------------------------------------
    def sync(self, who, workspace, client_id, cursor, ops, publish=False, chain=None, publish_upto=0):
        if publish and ops and roles.RANK[who.role] < roles.RANK[roles.PUBLISH_ROLE]:
            raise BadRequest(403, "publishing a workspace needs the %s role; this token's role is %s"
                             % (roles.PUBLISH_ROLE, who.role), role=who.role)
        # A pull, or a retry of ops already stored, writes nothing: it is served from a read
        # transaction, so a read-only database still answers it.
        write = bool(ops) and not self.db.read_only
        if ops and self.db.read_only and self._has_new(workspace, client_id, ops):
            raise BadRequest(503, "the database is read-only: nothing can be written; ask the administrator")
        with self.db.transaction(write) as tx:
            if write:
                tx.run("INSERT INTO workspaces(name) VALUES (?) ON CONFLICT (name) DO NOTHING", (workspace,))
                self.db.lock_workspace(tx, workspace)
            return self._sync(tx, who, workspace, client_id, cursor, ops if write else [], publish, chain, publish_upto)

    def _has_new(self, workspace, client_id, ops):
        with self.db.transaction(False) as tx:
            row = tx.one("SELECT MAX(seq) FROM ops WHERE workspace = ? AND client_id = ?", (workspace, client_id))
        return ops[-1]["seq"] > (row[0] or 0)

    def _publication(self, tx, workspace):
        """(publisher's client_id, the seq up to which it holds the publisher's ops, the
        publication's last seq) while a publication that said where it ends is incomplete, else
        None. Once complete, a write transaction forgets its end, so later requests ask no more."""
        if not self.publication_ends:
            return None
        row = tx.one("SELECT client_id, upto FROM publishers WHERE workspace = ?", (workspace,))
        if row is None or row[1] == 0:
            return None
        held = tx.one("SELECT MAX(seq) FROM ops WHERE workspace = ? AND client_id = ?", (workspace, row[0]))[0] or 0
        if held < row[1]:
            return row[0], held, row[1]
        if tx.writes:
            tx.run("UPDATE publishers SET upto = 0 WHERE workspace = ?", (workspace,))
        return None

    def end_publication(self, workspace):
        """Stops holding others' work back for an incomplete publication (the administrator's
        choice when its device will not come back): returns what it was, (client_id, held, upto),
        or None. Whatever the publisher sends later is stored after the others' work."""
        with self.db.transaction(True) as tx:
            publication = self._publication(tx, workspace)
            if publication:
                tx.run("UPDATE publishers SET upto = 0 WHERE workspace = ?", (workspace,))
            return publication

    def _chain_at(self, tx, workspace, pos):
        if pos == 0 or not self.chains:
            return ""
        row = tx.one("SELECT chain FROM ops WHERE workspace = ? AND pos = ?", (workspace, pos))
        return row[0] if row else ""

    def _held_at(self, tx, workspace, client_id, texts):
        """{text: its last position} for the ops of this device stored with exactly one of these
        texts: one query per 400 of them. The query names the digests alone, and Python keeps
        the rows of this workspace and device: told those too, or asked for MAX(pos), SQLite
        read the device's or the workspace's rows instead of the digest's index, a scan per op
        pushed. (Rows of the same digest are the same text, which only the same op has.)"""
        out, texts = {}, list(dict.fromkeys(texts))
        for i in range(0, len(texts), 400):
            part = set(texts[i:i + 400])
            sql = HELD_SQL % ",".join("?" * len(part))
            for ws, client, pos, text in tx.all(sql, [op_identity.digest(t) for t in part]):
                if ws == workspace and client == client_id and text in part and pos > out.get(text, 0):
                    out[text] = pos
        return out

    def _sync(self, tx, who, workspace, client_id, cursor, ops, publish, chain=None, publish_upto=0):
        # A device id belongs to the agent who first used it: another agent reusing it would
        # have its ops taken for that agent's, or lose them as duplicates.
        owner = tx.one("SELECT agent FROM ops WHERE workspace = ? AND client_id = ? LIMIT 1", (workspace, client_id))
        if owner is not None and owner[0] != who.agent:
            raise BadRequest(403, "device id '%s' belongs to another agent in this workspace; "
                             "this device needs an id of its own" % client_id)
        last = tx.one("SELECT MAX(seq) FROM ops WHERE workspace = ? AND client_id = ?", (workspace, client_id))[0] or 0
        row = tx.one("SELECT next_pos, bytes FROM workspaces WHERE name = ?", (workspace,))
        next_pos, stored_bytes = (row[0], row[1]) if row else (1, 0)
        head = next_pos - 1
        # The device saw positions this server no longer has (its cursor is past the head), or
        # other ops than the server holds there (its chain differs: the server was restored and
        # others' ops took the lost positions again). Nothing is written; the answer gives the
        # server's chains at a few positions, so the device keeps what both hold and re-sends
        # the rest of its work (docs/sync.md).
        differs = chain is not None and cursor > 0 and self.chains and self._chain_at(tx, workspace, cursor) not in ("", chain)
        if cursor > head or differs:
            top = min(cursor, head)
            samples = chain_samples(top) if self.chains else []
            chains = []
            if samples:
                marks = ",".join("?" * len(samples))
                chains = [[p, c] for p, c in tx.all("SELECT pos, chain FROM ops WHERE workspace = ? AND pos IN (%s) "
                                                     "ORDER BY pos DESC" % marks, [workspace] + samples) if c]
            what = ("has seen %d operations of workspace '%s' but the server holds only %d" % (cursor, workspace, head)
                    if cursor > head else
                    "holds other operations of workspace '%s' than the server at its position %d" % (workspace, cursor))
            raise BadRequest(409, "this device %s: the server was restored from an older copy. Nothing was changed; "
                             "re-send this device's work from the app (Sync)" % what,
                             reason="server_behind", head=head, acked_seq=last, chains=chains)
        fresh = []
        # Ops made once, sent under a fresh seq, that the server holds from this device already.
        held = self._held_at(tx, workspace, client_id, [compact(item["op"]) for item in ops if item["seq"] > last
                                                        and op_identity.names_itself(item["op"], client_id)])
        for item in ops:
            seq = item["seq"]
            if seq <= last:
                # Already stored: an idempotent retry, if it is the same op. The same
                # (client_id, seq) with other content would be a silent loss: refused.
                # Unless the server holds this very op under another seq of the device: a device
                # restored from an older copy sends an op its lost future sent numbered again.
                # Stored twice, the second copy would be refused for its id: a retry.
                text = compact(item["op"])
                row = tx.one("SELECT op FROM ops WHERE workspace = ? AND client_id = ? AND seq = ?", (workspace, client_id, seq))
                if row is not None and row[0] != text and not self._held_at(tx, workspace, client_id, [text]):
                    raise BadRequest(409, "op %d of device '%s' was already stored with other content; "
                                     "nothing was changed (is the device's storage restored, or its id shared?)"
                                     % (seq, client_id), reason="seq_taken", seq=seq, acked_seq=last)
                continue
            text = compact(item["op"])
            if held.get(text, 0) > cursor:
                # An op made once that the server holds from this device under another seq, at
                # a position the device has not received: a device restored from an older copy
                # sends, under a fresh seq, what its lost future sent. Stored again, every fold
                # would refuse the copy (repeated_op). Skipped: the device drops it when the
                # first copy comes back (Workspace::receive), and numbers what follows again.
                # (Held at a position the device has received: an app from before that rule,
                # which would send it for ever; it is stored, as it was then.)
                continue
            if seq != (fresh[-1][0] if fresh else last) + 1:
                break  # a gap: keep what is contiguous, the client resends the rest
            kind = item["op"]["kind"]
            if not roles.may_send(who.role, kind):
                raise BadRequest(403, "role '%s' may not send '%s' (it needs %s); nothing was stored"
                                 % (who.role, kind, roles.required_role(kind)),
                                 refused={"seq": seq, "kind": kind, "role": who.role, "needs": roles.required_role(kind)},
                                 role=who.role)
            fresh.append((seq, text))
        publication = self._publication(tx, workspace)
        if fresh and publication and publication[0] != client_id:
            # Another device is publishing a local workspace here, in several requests, and the
            # server holds only part of it: this work is stored after all of it (its device keeps
            # it pending and says why). Stored now, it would come between the published ops: an
            # invoice it posts would take a number the publisher's books gave another, and it was
            # made from half of those books.
            fresh = []
        if fresh:
            self._check_quota(tx, workspace, len(fresh), sum(len(t.encode("utf-8")) for _, t in fresh), stored_bytes)
            if publish:
                # A local workspace published as it is: its ops keep their own dates (no
                # acceptance date stamped), so numbers and accounting dates do not move. Only
                # into an empty workspace, and then only by the device that began it. (It may
                # send them after others pushed: a server restored from an older copy lost the
                # end of the publication, and the others re-sent their work first. Refused, its
                # device would hold them for good.)
                pub = tx.one("SELECT client_id FROM publishers WHERE workspace = ?", (workspace,))
                if next_pos == 1 and pub is None:
                    tx.run("INSERT INTO publishers (workspace, client_id) VALUES (?, ?)", (workspace, client_id))
                elif pub is None or pub[0] != client_id:
                    raise BadRequest(409, "workspace '%s' is not empty: a local workspace can only be published into an "
                                     "empty one (choose another workspace name)" % workspace)
                if publish_upto > fresh[-1][0]:
                    tx.run("UPDATE publishers SET upto = ? WHERE workspace = ?", (publish_upto, workspace))
            elif publication and publication[0] == client_id:
                # Live work from the publisher: its device sends it only once the publication was
                # acknowledged (restored from a copy that published fewer ops, it never sends the
                # rest), so the publication is complete.
                tx.run("UPDATE publishers SET upto = 0 WHERE workspace = ?", (workspace,))
                publication = None
            stamp = "" if publish else self.clock().strftime("%Y-%m-%dT%H:%M:%SZ")
            added = 0
            prev = self._chain_at(tx, workspace, next_pos - 1)
            for seq, text in fresh:
                digest = op_identity.digest(text)
                prev = next_chain(prev, client_id, seq, digest, stamp[:10])
                tx.run("INSERT INTO ops (workspace, pos, client_id, seq, agent, accepted_at, op, chain, digest) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (workspace, next_pos, client_id, seq, who.agent, stamp, text, prev, digest))
                next_pos += 1
                added += len(text.encode("utf-8"))
                last = seq
            tx.run("UPDATE workspaces SET next_pos = ?, bytes = bytes + ? WHERE name = ?", (next_pos, added, workspace))
            head = next_pos - 1
        rows = tx.all("SELECT pos, client_id, seq, agent, accepted_at, op, %s FROM ops WHERE workspace = ? AND pos > ? "
                      "ORDER BY pos LIMIT ?" % ("chain" if self.chains else "''"), (workspace, cursor, MAX_OPS_PER_ANSWER))
        out, size = [], 0
        for r in rows:
            size += len(r[5]) + 150
            if out and size > MAX_ANSWER_BYTES:
                break  # the next answer goes on from here
            entry = {"pos": r[0], "client_id": r[1], "seq": r[2], "agent": r[3], "accepted_at": r[4], "op": stored_op(r[5])}
            if r[6]:
                entry["chain"] = r[6]
            out.append(entry)
        answer = {"acked_seq": last, "cursor": out[-1]["pos"] if out else cursor, "head": head, "role": who.role, "ops": out}
        if fresh and (publish or (publication and publication[0] == client_id)):
            publication = self._publication(tx, workspace)  # this request began it or carried more of it
        if publication:
            answer["publishing"] = {"client_id": publication[0], "held": publication[1], "upto": publication[2]}
        return answer

    def _check_quota(self, tx, workspace, n_ops, n_bytes, stored_bytes):
        if stored_bytes + n_bytes > self.max_bytes:
            raise BadRequest(507, "workspace '%s' is at its storage quota (%d MB); nothing was stored: ask the "
                             "administrator to raise it (--quota-bytes)" % (workspace, self.max_bytes // 1_000_000),
                             reason="quota_bytes")
        day = self.clock().strftime("%Y-%m-%d")
        row = tx.one("SELECT ops FROM daily_ops WHERE workspace = ? AND day = ?", (workspace, day))
        today = row[0] if row else 0
        if today + n_ops > self.ops_per_day:
            raise BadRequest(429, "workspace '%s' has taken its %d operations for today (UTC); nothing was stored; the "
                             "work stays on the devices and is sent tomorrow, or ask the administrator to raise the "
                             "quota (--quota-ops-per-day)" % (workspace, self.ops_per_day), reason="quota_ops")
        tx.run("INSERT INTO daily_ops VALUES (?, ?, ?) ON CONFLICT (workspace, day) DO UPDATE SET ops = daily_ops.ops + excluded.ops",
               (workspace, day, n_ops))
