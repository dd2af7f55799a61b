// How records are named to people: order and invoice numbers, a record's display name.
#pragma once
#include <string>
#include <string_view>

#include "core/state.h"

namespace deskbill {

std::string order_name(const State& s, uint32_t order);        // S00042
std::string invoice_name(const State& s, uint32_t invoice);    // INV/2026/00001, RINV/..., or "Draft"
std::string line_display_name(const State& s, uint32_t line);  // "S00042 - Support 10h"
// A ticket's reference, as Odoo's Helpdesk shows it: "#12", its place in the order tickets were
// created. Tickets are never deleted and confirmed ops never change order, so once its create is
// confirmed a ticket keeps its number (journal/provisional: a pending ticket has none yet).
std::string ticket_ref(uint32_t ticket);
std::string ticket_display_name(const State& s, uint32_t ticket);  // "Printer offline (#12)"
std::string task_display_name(const State& s, uint32_t task);      // "Setup — Onboarding": its project after it
// The ticket a reference names ("#12", "12"), or kNone.
uint32_t ticket_by_ref(const State& s, std::string_view ref);

}  // namespace deskbill
