#include "ui/invoice_labels.h"

#include "core/names.h"
#include "ui/i18n.h"

namespace deskbill::ui {

std::string shown_invoice_name(const Host& host, uint32_t invoice) {
  if (host.invoice_provisional(invoice)) return tr("Numbered on sync");
  return invoice_name(host.state(), invoice);
}

std::string shown_ticket_ref(const Host& host, uint32_t ticket) {
  return host.ticket_provisional(ticket) ? std::string(tr("new")) : ticket_ref(ticket);
}

std::string shown_ticket_name(const Host& host, uint32_t ticket) {
  const State& s = host.state();
  if (!host.ticket_provisional(ticket)) return ticket_display_name(s, ticket);
  return std::string(s.str(s.tickets.rows[ticket].title)) + " (" + shown_ticket_ref(host, ticket) + ")";
}

const char* shown_invoice_state(const Host& host, uint32_t invoice) {
  const Invoice& v = host.state().invoices.rows[invoice];
  if (v.state == MoveState::Draft) return tr("Draft");
  if (v.state == MoveState::Cancel) return tr("Cancelled");
  return host.invoice_provisional(invoice) ? tr("Posted — numbered on sync") : tr("Posted");
}

}  // namespace deskbill::ui
