// Ctrl+K (core/search.h): a ticket is found by what a person remembers of it.
#include "core/search.h"

#include <gtest/gtest.h>

#include "core/apply.h"
#include "core/names.h"

using namespace deskbill;
using nlohmann::json;

namespace {
State helpdesk() {
  State s;
  for (const json& op : std::vector<json>{
           {{"kind", "partner.create"}, {"id", "acme"}, {"name", "Acme"}},
           {{"kind", "partner.create"}, {"id", "ana"}, {"name", "Ana Popescu"}, {"parent", "acme"}},
           {{"kind", "partner.create"}, {"id", "globex"}, {"name", "Globex"}},
           {{"kind", "team.create"}, {"id", "t"}, {"name", "Support"}},
           {{"kind", "ticket.create"}, {"id", "k1"}, {"title", "VPN drops"}, {"team", "t"}, {"partner", "ana"}},
           {{"kind", "ticket.create"},
            {"id", "k2"},
            {"title", "Printer offline"},
            {"team", "t"},
            {"partner", "globex"}},
       })
    EXPECT_FALSE(deskbill::apply(s, op)) << op.dump();
  return s;
}

std::vector<uint32_t> tickets_found(const State& s, const char* q) {
  std::vector<uint32_t> out;
  for (const SearchHit& h : search_records(s, q))
    if (h.kind == HitKind::Ticket) out.push_back(h.rec);
  return out;
}
}  // namespace

TEST(Search, ATicketIsFoundByItsCustomersName) {
  State s = helpdesk();
  EXPECT_EQ(tickets_found(s, "popescu"), std::vector<uint32_t>{s.tickets.find(s.text, "k1")});
}

TEST(Search, ATicketIsFoundByItsCustomersCompany) {
  State s = helpdesk();
  EXPECT_EQ(tickets_found(s, "ACME"), std::vector<uint32_t>{s.tickets.find(s.text, "k1")});
}

TEST(Search, ATicketIsFoundByItsTitleNewestFirst) {
  State s = helpdesk();
  EXPECT_EQ(tickets_found(s, "printer"), std::vector<uint32_t>{s.tickets.find(s.text, "k2")});
  EXPECT_EQ(tickets_found(s, "").size(), 2u);
  EXPECT_EQ(tickets_found(s, "")[0], s.tickets.find(s.text, "k2"));
}

TEST(Search, AContactIsShownWithItsCompany) {
  State s = helpdesk();
  EXPECT_EQ(partner_display(s, s.partners.find(s.text, "ana")), "Acme, Ana Popescu");
}

// Odoo's Helpdesk names a ticket by its reference ("#12"): two tickets with one title stay apart.
TEST(TicketRef, TicketsAreNumberedInTheOrderTheyWereCreated) {
  State s = helpdesk();
  uint32_t k2 = s.tickets.find(s.text, "k2");
  EXPECT_EQ(ticket_ref(s.tickets.find(s.text, "k1")), "#1");
  EXPECT_EQ(ticket_ref(k2), "#2");
  EXPECT_EQ(ticket_display_name(s, k2), "Printer offline (#2)");
}

TEST(TicketRef, AReferenceNamesItsTicketWithOrWithoutTheHash) {
  State s = helpdesk();
  uint32_t k2 = s.tickets.find(s.text, "k2");
  EXPECT_EQ(ticket_by_ref(s, "#2"), k2);
  EXPECT_EQ(ticket_by_ref(s, "2"), k2);
  for (const char* none : {"#0", "#3", "#", "", "#2a", "#-1", "#99999999999"})
    EXPECT_EQ(ticket_by_ref(s, none), kNone) << none;
}

TEST(Search, ATicketIsFoundByItsReferenceFirst) {
  State s = helpdesk();
  // A third ticket whose title holds "#2" is found too, after the ticket numbered #2.
  ASSERT_FALSE(
      deskbill::apply(s, {{"kind", "ticket.create"}, {"id", "k3"}, {"title", "Follow-up of #2"}, {"team", "t"}}));
  EXPECT_EQ(tickets_found(s, "#2"),
            (std::vector<uint32_t>{s.tickets.find(s.text, "k2"), s.tickets.find(s.text, "k3")}));
  EXPECT_EQ(tickets_found(s, "#9"), std::vector<uint32_t>{});
}

// A name is often typed without its diacritics, on a keyboard without them.
std::vector<SearchHit> found(const State& s, const char* q, size_t per_kind = 30) {
  return search_records(s, q, per_kind);
}

TEST(Search, ACustomerNamedLikeTheQueryComesBeforeItsTickets) {
  State s = helpdesk();
  std::vector<SearchHit> hits = found(s, "globex");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].kind, HitKind::Customer);
  EXPECT_EQ(hits[0].rec, s.partners.find(s.text, "globex"));
  EXPECT_EQ(hits[1].kind, HitKind::Ticket);
  EXPECT_EQ(hits[1].rec, s.tickets.find(s.text, "k2"));
}

TEST(Search, ATicketTitledLikeTheQueryComesBeforeANewerOneFoundThroughItsCustomer) {
  State s = helpdesk();
  EXPECT_FALSE(deskbill::apply(s, json{{"kind", "partner.create"}, {"id", "pl"}, {"name", "Printers Ltd"}}));
  EXPECT_FALSE(deskbill::apply(
      s, json{{"kind", "ticket.create"}, {"id", "k3"}, {"title", "Login fails"}, {"team", "t"}, {"partner", "pl"}}));
  EXPECT_EQ(tickets_found(s, "printer"),
            (std::vector<uint32_t>{s.tickets.find(s.text, "k2"), s.tickets.find(s.text, "k3")}));
}

TEST(Search, TicketsFoundThroughTheirCustomerDoNotCrowdOutAnOlderOneNamedLikeTheQuery) {
  State s = helpdesk();
  EXPECT_FALSE(deskbill::apply(s, json{{"kind", "partner.create"}, {"id", "pl"}, {"name", "Printers Ltd"}}));
  for (const char* id : {"k3", "k4", "k5"})
    EXPECT_FALSE(deskbill::apply(
        s, json{{"kind", "ticket.create"}, {"id", id}, {"title", "Login fails"}, {"team", "t"}, {"partner", "pl"}}));
  std::vector<uint32_t> tickets;
  for (const SearchHit& h : found(s, "printer", 2))
    if (h.kind == HitKind::Ticket) tickets.push_back(h.rec);
  // Two at most: the one titled "Printer offline" (the oldest), then the newest of Printers Ltd.
  EXPECT_EQ(tickets, (std::vector<uint32_t>{s.tickets.find(s.text, "k2"), s.tickets.find(s.text, "k5")}));
}

TEST(Search, ACustomerIsFoundWithoutTheNamesDiacritics) {
  State s = helpdesk();
  EXPECT_FALSE(deskbill::apply(s, json{{"kind", "partner.create"}, {"id", "dan"}, {"name", "Dan Tănase"}}));
  EXPECT_FALSE(deskbill::apply(
      s,
      json{{"kind", "ticket.create"}, {"id", "k3"}, {"title", "Certificat SSL"}, {"team", "t"}, {"partner", "dan"}}));
  EXPECT_EQ(tickets_found(s, "tanase"), std::vector<uint32_t>{s.tickets.find(s.text, "k3")});
  EXPECT_EQ(tickets_found(s, "TĂNASE"), std::vector<uint32_t>{s.tickets.find(s.text, "k3")});
  EXPECT_TRUE(tickets_found(s, "tanasa").empty());
}

// Both forms of ș and ț (comma below, and the older cedilla a keyboard may still type) and
// Latin-1's accented letters fold to their base letter; other text stays as it is.
TEST(Search, FoldingTakesAccentedLettersToTheirBaseLetter) {
  EXPECT_EQ(search_folded("Ofertă nouă"), "oferta noua");
  EXPECT_EQ(search_folded("Șterge Ştefan Țară Ţara"), "sterge stefan tara tara");
  EXPECT_EQ(search_folded("Îți Müller Café Ñ"), "iti muller cafe n");
  EXPECT_EQ(search_folded("€ 10 ✓"), "€ 10 ✓");
  EXPECT_EQ(search_folded(std::string("ab\xC3")), std::string("ab\xC3"));  // a cut sequence stays
}

TEST(Search, ACommandMatchesWhenEachWordOfTheQueryIsInIt) {
  EXPECT_TRUE(words_match("New ticket", "new tick"));
  EXPECT_TRUE(words_match("New ticket", "ticket  new"));
  EXPECT_TRUE(words_match("Ofertă nouă", "oferta"));
  EXPECT_TRUE(words_match("Go to Invoices", ""));
  EXPECT_TRUE(words_match("Go to Invoices", "   "));
  EXPECT_FALSE(words_match("New ticket", "new order"));
  EXPECT_FALSE(words_match("Go to Invoices", "invoices x"));
}

TEST(Search, AFoldedQueryIsHeldByTextWithOrWithoutItsAccents) {
  EXPECT_TRUE(holds_folded("Umbrella, Dan Tănase", search_folded("TANASE")));
  EXPECT_TRUE(holds_folded("Umbrella, Dan Tanase", search_folded("Tănase")));
  EXPECT_TRUE(holds_folded("anything", ""));
  EXPECT_FALSE(holds_folded("Umbrella, Dan Tănase", search_folded("tanasa")));
}

namespace {
State configured() {
  State s = helpdesk();
  for (const json& op : std::vector<json>{
           {{"kind", "product.create"},
            {"id", "p1"},
            {"name", "Support hour"},
            {"policy", "timesheet"},
            {"price", "90"}},
           {{"kind", "product.create"},
            {"id", "p2"},
            {"name", "Support pack 10h"},
            {"policy", "prepaid"},
            {"price", "800"}},
           {{"kind", "product.create"},
            {"id", "p3"},
            {"name", "Old support plan"},
            {"policy", "manual"},
            {"price", "1"}},
           {{"kind", "product.update"}, {"id", "p3"}, {"active", false}},
           {{"kind", "project.create"}, {"id", "pr"}, {"name", "Onboarding Acme"}},
           {{"kind", "task.create"}, {"id", "ta"}, {"project", "pr"}, {"name", "Set up printers"}},
       })
    EXPECT_FALSE(deskbill::apply(s, op)) << op.dump();
  return s;
}

std::vector<SearchHit> of_kind(const std::vector<SearchHit>& hits, HitKind kind) {
  std::vector<SearchHit> out;
  for (const SearchHit& h : hits)
    if (h.kind == kind) out.push_back(h);
  return out;
}
}  // namespace

TEST(Search, AProductIsFoundByItsNameNewestFirstAndNotWhenArchived) {
  State s = configured();
  std::vector<SearchHit> found = of_kind(search_records(s, "SUPPORT"), HitKind::Product);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].rec, s.products.find(s.text, "p2"));
  EXPECT_EQ(found[1].rec, s.products.find(s.text, "p1"));
}

TEST(Search, AProjectAndATaskAreFoundByTheirNames) {
  State s = configured();
  std::vector<SearchHit> projects = of_kind(search_records(s, "onboarding"), HitKind::Project);
  ASSERT_EQ(projects.size(), 1u);
  EXPECT_EQ(projects[0].rec, s.projects.find(s.text, "pr"));
  std::vector<SearchHit> tasks = of_kind(search_records(s, "printers"), HitKind::Task);
  ASSERT_EQ(tasks.size(), 1u);
  EXPECT_EQ(tasks[0].rec, s.tasks.find(s.text, "ta"));
  EXPECT_EQ(task_display_name(s, tasks[0].rec), "Set up printers — Onboarding Acme");  // as listed
}

// "printer" is a ticket's title and a task's name: the ticket an agent works on comes first.
TEST(Search, ConfigurationRecordsComeAfterTicketsOrdersInvoicesAndCustomers) {
  State s = configured();
  std::vector<SearchHit> found = search_records(s, "printer");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, HitKind::Ticket);
  EXPECT_EQ(found[1].kind, HitKind::Task);
}

// An empty query lists what an agent works on (tickets, orders, invoices, customers).
TEST(Search, AnEmptyQueryListsNoConfigurationRecord) {
  State s = configured();
  std::vector<SearchHit> found = search_records(s, "");
  EXPECT_TRUE(of_kind(found, HitKind::Product).empty());
  EXPECT_TRUE(of_kind(found, HitKind::Project).empty());
  EXPECT_TRUE(of_kind(found, HitKind::Task).empty());
  EXPECT_EQ(of_kind(found, HitKind::Ticket).size(), 2u);
}
