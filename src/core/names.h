// How records are named to people: order and invoice numbers, a record's display name.
#pragma once
#include <string>

#include "core/state.h"

namespace deskbill {

std::string order_name(const State& s, uint32_t order);        // S00042
std::string invoice_name(const State& s, uint32_t invoice);    // INV/2026/00001, RINV/..., or "Draft"
std::string line_display_name(const State& s, uint32_t line);  // "S00042 - Support 10h"

}  // namespace deskbill
