"""Roles, enforced on receipt by op kind (docs/sync.md). The server never interprets business
rules; it only knows which kinds of op each role may send. This table mirrors
src/sync/roles.cpp, and a server test compares the two (deskbill-cli roles)."""

ROLES = ("agent", "billing", "admin")
RANK = {r: i for i, r in enumerate(ROLES)}

# The least role that may send each kind. Customers (partner.*) and tasks are created while
# working a ticket, so agents may; configuration (teams, products, taxes, units, employees,
# projects) is the admin's. A kind not listed here (a newer app's) needs admin.
KIND_ROLE = {
    "partner.create": "agent", "partner.update": "agent",
    "ticket.create": "agent", "ticket.update": "agent",
    "timesheet.log": "agent", "timesheet.update": "agent", "timesheet.delete": "agent",
    "task.create": "agent", "task.update": "agent",
    "op.refused": "agent",  # a refused op's stand-in, sent by whoever made the op (src/core/refused.h)
    "order.create": "billing", "order.update": "billing", "order.add_line": "billing",
    "order.update_line": "billing", "order.remove_line": "billing", "order.confirm": "billing",
    "order.cancel": "billing", "order.to_quotation": "billing", "order.lock": "billing",
    "order.unlock": "billing",
    "invoice.create": "billing", "invoice.update_line": "billing", "invoice.remove_line": "billing",
    "invoice.delete": "billing", "invoice.post": "billing", "invoice.cancel": "billing",
    "invoice.reset_to_draft": "billing", "invoice.reverse": "billing", "invoice.pay": "billing",
    "company.update": "admin",
    "uom.create": "admin", "employee.create": "admin", "employee.update": "admin",
    "tax.create": "admin", "product.create": "admin", "product.update": "admin",
    "project.create": "admin", "project.update": "admin", "team.create": "admin", "team.update": "admin",
}

PUBLISH_ROLE = "admin"


def required_role(kind):
    return KIND_ROLE.get(kind, "admin")


def may_send(role, kind):
    return RANK[role] >= RANK[required_role(kind)]
