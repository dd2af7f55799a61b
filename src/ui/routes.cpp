#include <utility>

#include "ui/ui_state.h"

namespace deskbill::ui {
namespace {
const std::pair<Screen, const char*> kPaths[] = {
    {Screen::Helpdesk, "helpdesk"}, {Screen::Pipeline, "team"},         {Screen::Ticket, "tickets"},
    {Screen::Orders, "orders"},     {Screen::Order, "order"},           {Screen::Invoices, "invoices"},
    {Screen::Invoice, "invoice"},   {Screen::Timesheets, "timesheets"}, {Screen::Config, "config"},
    {Screen::Reports, "reports"},   {Screen::Conflicts, "conflicts"},   {Screen::Settings, "settings"}};
}

std::string route_hash(const Route& r) {
  for (auto& [s, p] : kPaths)
    if (s == r.screen) return std::string("#/") + p + (r.id.empty() ? "" : "/" + r.id);
  return "#/helpdesk";
}

Route parse_route(const std::string& hash) {
  std::string h = hash;
  if (h.rfind("#/", 0) == 0)
    h = h.substr(2);
  else if (!h.empty() && h[0] == '#')
    h = h.substr(1);
  std::string head = h.substr(0, h.find('/'));
  std::string rest = h.find('/') == std::string::npos ? "" : h.substr(h.find('/') + 1);
  // "#/invoices/<id>" and "#/orders/<id>" (a list's name and a record's id, as "#/tickets/<id>"
  // is written) open the record, as its own "#/invoice/<id>" does.
  if (!rest.empty() && head == "invoices") return Route{Screen::Invoice, rest};
  if (!rest.empty() && head == "orders") return Route{Screen::Order, rest};
  for (auto& [s, p] : kPaths)
    if (head == p) return Route{s, rest};
  return Route{};
}

}  // namespace deskbill::ui
