"""Which ops name themselves (docs/sync.md, "A device restored from an older copy"), mirroring
src/core/repeated_op.cpp and src/core/op_kinds.cpp (tests/server/test_op_identity.py checks that
they agree). The server reads no business rule from an op; it reads only whether the op was made
once, so that the same content seen again from the same device is that very op sent again.

An op names itself when it creates a record under an id its own device made
("<client>.<seq>.<tag>-<n>": a tab draws each id once, and its random tag tells it from every
other tab), or when it carries a tab's mark ("mark": "<tag>-<n>", put on each change a tab makes).
Ops of older journals do neither: the same change may be made twice on purpose (a name set back).
"""
import hashlib
import re

# The kinds that create a record under the op's own "id" (src/core/op_kinds.cpp).
CREATE_KINDS = frozenset([
    "uom.create", "partner.create", "employee.create", "tax.create", "product.create",
    "project.create", "task.create", "team.create", "ticket.create", "timesheet.log",
    "order.create", "order.add_line", "invoice.create", "invoice.reverse", "invoice.pay",
])

_MARK = re.compile(r"[0-9A-Za-z]+-[0-9]+\Z")
_SEQ_AND_MARK = re.compile(r"[0-9]+\.([0-9A-Za-z]+-[0-9]+)\Z")


def is_tab_mark(mark):
    return isinstance(mark, str) and _MARK.match(mark) is not None


def id_made_on_device(record_id, client_id):
    if not isinstance(record_id, str) or not client_id or not record_id.startswith(client_id + "."):
        return False
    return _SEQ_AND_MARK.match(record_id[len(client_id) + 1:]) is not None


def names_itself(op, client_id):
    if not isinstance(op, dict):
        return False
    if is_tab_mark(op.get("mark")):
        return True
    kind = op.get("kind")
    return isinstance(kind, str) and kind in CREATE_KINDS and id_made_on_device(op.get("id"), client_id)


def digest(text):
    """What the ops table indexes an op's stored text by: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
