// How an invoice and a ticket are named, provisional ones included: an invoice posted in a
// shared workspace by an op the server has not ordered yet has no number yet (DESIGN §3).
#pragma once
#include <string>

#include "ui/host.h"

namespace deskbill::ui {

std::string shown_invoice_name(const Host& host, uint32_t invoice);
// "Printer offline (#12)"; a ticket not yet numbered (created offline in a shared workspace):
// "Printer offline (new)".
std::string shown_ticket_name(const Host& host, uint32_t ticket);
std::string shown_ticket_ref(const Host& host, uint32_t ticket);  // "#12", or "new"
const char* shown_invoice_state(const Host& host, uint32_t invoice);

}  // namespace deskbill::ui
