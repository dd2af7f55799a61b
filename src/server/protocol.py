"""The sync request as the server reads it: every field checked before anything is written, every
malformed request a 4xx naming the field (docs/sync.md)."""
import hashlib
import json

MAX_OP_BYTES = 16_000
MAX_OPS_PER_REQUEST = 500
# How far a publication's end (publish_upto) may lie beyond the ops of its request: a local
# workspace of 100 million ops is far larger than any a browser holds.
MAX_PUBLICATION_AHEAD = 100_000_000
MAX_JSON_DEPTH = 64        # ops are shallow; deeper nesting is refused before parsing
MAX_INT = 2 ** 63 - 1      # SQLite's INTEGER, PostgreSQL's BIGINT


class BadRequest(Exception):
    """A refused request: its HTTP status, a message in words, and fields a client acts on
    (e.g. refused={"seq", "kind", "role", "needs"}, reason="server_behind", head=…)."""

    def __init__(self, status, message, **extra):
        super().__init__(message)
        self.status = status
        self.message = message
        self.extra = extra

    def body(self):
        return dict(self.extra, error=self.message)


def _refuse_constant(name):
    raise BadRequest(400, "%s is not a number JSON allows: ops must not hold NaN or Infinity" % name)


def _finite_float(text):
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise BadRequest(400, "the number %s is out of range" % text[:40])
    return value


CHAIN_CHARS = set("0123456789abcdef")


def next_chain(prev, client_id, seq, digest, accepted_day=""):
    """The chain after an op: a hash of the chain before it, the op's (client_id, seq) and the
    digest of its stored text (op_identity.digest), so equal chains at a position mean the same
    ops in the same order up to it (docs/sync.md, "Which positions a device shares with the
    server"). Position 0's chain is "". The digest is in it since schema 4: a device restored from
    an older copy may send other content under seqs a restore of the server lost, which then take
    the same positions again (the simulation's restored-device seed 1100). Rows stored before
    keep the chains they were given: devices hold them.
    `accepted_day`, the day of the op's acceptance stamp (its first 10 characters, what every fold
    reads), is in it when the op has one: an op re-stored after a restore of the server with
    another stamp (published before, stamped now, or a later day) folds to other dates, and a
    device holding the first copy must be told (the simulation's every-fault seed 1244)."""
    text = "%s\x1f%s\x1f%d\x1f%s" % (prev, client_id, seq, digest)
    if accepted_day:
        text += "\x1f" + accepted_day
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


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
    # The last seq of the publication these ops belong to (docs/sync.md, Publishing): others'
    # work waits until the server holds the publisher's ops up to it. Absent from older apps.
    publish_upto = req.get("publish_upto", 0)
    chain = req.get("chain")
    if chain is not None and (not isinstance(chain, str) or not 1 <= len(chain) <= 64 or not set(chain) <= CHAIN_CHARS):
        raise BadRequest(400, "'chain' must be 1-64 lowercase hex characters (the chain of the op at the cursor)")
    if not isinstance(publish, bool):
        raise BadRequest(400, "'publish' must be true or false")
    if not isinstance(publish_upto, int) or isinstance(publish_upto, bool) or not 0 <= publish_upto <= MAX_INT:
        raise BadRequest(400, "'publish_upto' must be a non-negative integer below 2^63 (the publication's last seq)")
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
            # The seq lets the device put a stand-in in its place (docs/sync.md): refused with every
            # request, it would hold back all the device's work after it.
            raise BadRequest(413, "ops[%d] is larger than %d bytes" % (i, MAX_OP_BYTES), reason="op_too_large", seq=seq)
    if publish and ops and publish_upto:
        # An end before the ops sent would say they are not part of the publication; an end far
        # beyond anything a device holds would hold every other device's work back until an
        # administrator ends the wait (--end-publication).
        if publish_upto < prev:
            raise BadRequest(400, "'publish_upto' (%d) is before the last seq sent (%d): the publication ends with "
                                  "its last op" % (publish_upto, prev))
        if publish_upto - prev > MAX_PUBLICATION_AHEAD:
            raise BadRequest(400, "'publish_upto' (%d) is more than %d ops beyond the last seq sent (%d)"
                                  % (publish_upto, MAX_PUBLICATION_AHEAD, prev))
    return ws, client, cursor, ops, publish, chain, publish_upto
