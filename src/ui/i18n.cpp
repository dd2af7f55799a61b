#include "ui/i18n.h"

#include <cstring>
#include <string_view>
#include <unordered_map>

namespace deskbill::ui {
namespace {
Lang g_lang = Lang::En;

const std::unordered_map<std::string_view, const char*>& romanian() {
  static const std::unordered_map<std::string_view, const char*> t = {
      {"Helpdesk", "Asistență"},
      {"Tickets", "Bilete"},
      {"Ticket", "Bilet"},
      {"Sales", "Vânzări"},
      {"Orders", "Comenzi"},
      {"Invoices", "Facturi"},
      {"Invoice", "Factură"},
      {"Timesheets", "Foi de pontaj"},
      {"Configuration", "Configurare"},
      {"Reports", "Rapoarte"},
      {"Conflicts", "Conflicte"},
      {"Settings", "Setări"},
      {"Customer", "Client"},
      {"Customers", "Clienți"},
      {"Team", "Echipă"},
      {"Teams", "Echipe"},
      {"Stage", "Etapă"},
      {"Assigned to", "Atribuit lui"},
      {"Sales Order Item", "Articol de comandă de vânzare"},
      {"Non-billable", "Nefacturabil"},
      {"Task", "Sarcină"},
      {"Title", "Titlu"},
      {"Date", "Dată"},
      {"Employee", "Angajat"},
      {"Employees", "Angajați"},
      {"Description", "Descriere"},
      {"Hours Spent", "Ore petrecute"},
      {"Remaining hours on SO", "Ore rămase pe SO"},
      {"Add a line", "Adăugați o linie"},
      {"Save", "Salvați"},
      {"Create", "Creați"},
      {"Cancel", "Anulați"},
      {"Delete", "Ștergeți"},
      {"Edit", "Editați"},
      {"Confirm", "Confirmați"},
      {"Close", "Închideți"},
      {"New", "Nou"},
      {"In Progress", "În lucru"},
      {"Solved", "Rezolvat"},
      {"Cancelled", "Anulat"},
      {"Sales Order", "Comandă de vânzare"},
      {"Quotation", "Ofertă"},
      {"Quotations and orders", "Oferte și comenzi"},
      {"New quotation", "Ofertă nouă"},
      {"Product", "Produs"},
      {"Products", "Produse"},
      {"Quantity", "Cantitate"},
      {"Unit", "Unitate"},
      {"Units", "Unități"},
      {"Unit Price", "Preț unitar"},
      {"Discount %", "Reducere %"},
      {"Taxes", "Taxe"},
      {"Delivered", "Livrate"},
      {"Invoiced", "Facturate"},
      {"Not invoiced", "Nefacturate"},
      {"Subtotal", "Subtotal"},
      {"Create Invoice", "Creați factura"},
      {"Regular invoice", "Factură obișnuită"},
      {"Down payment (percentage)", "Avans (procent)"},
      {"Down payment (fixed amount)", "Avans (sumă fixă)"},
      {"Timesheets period", "Perioada pontajelor"},
      {"Deduct down payments", "Deduceți avansurile"},
      {"Post", "Validați"},
      {"Reset to draft", "Resetați la ciornă"},
      {"Credit note", "Notă de credit"},
      {"Register payment", "Înregistrați plata"},
      {"Print", "Imprimați"},
      {"Export CSV", "Exportați CSV"},
      {"Draft", "Ciornă"},
      {"Posted", "Validată"},
      {"Paid", "Plătită"},
      {"Partially paid", "Plătită parțial"},
      {"Not paid", "Neplătită"},
      {"Reversed", "Stornată"},
      {"Total", "Total"},
      {"Untaxed", "Fără taxe"},
      {"Amount", "Sumă"},
      {"Status", "Stare"},
      {"Nothing to invoice", "Nimic de facturat"},
      {"To invoice", "De facturat"},
      {"Fully invoiced", "Facturată integral"},
      {"Upselling", "Vânzare suplimentară"},
      {"Timesheet saved", "Pontaj salvat"},
      {"Timesheet updated", "Pontaj actualizat"},
      {"Timesheet deleted", "Pontaj șters"},
      {"Timer logged", "Cronometru înregistrat"},
      {"Ticket moved", "Tichet mutat"},
      {"Ticket created", "Tichet creat"},
      {"Invoice posted", "Factură validată"},
      {"Order confirmed", "Comandă confirmată"},
      {"Credit note created", "Notă de credit creată"},
      {"Line saved", "Linie salvată"},
      {"Saved", "Salvat"},
      {"Undone", "Anulat"},
      {"Ctrl+Z undoes it", "Ctrl+Z anulează"},
      {"Change", "Modificare"},
      {"Saving…", "Se salvează…"},
      {"Not saved", "Nesalvat"},
      {"Offline", "Deconectat"},
      {"Language", "Limbă"},
      {"Load demo data", "Încărcați date demo"},
      {"Search…", "Căutați…"},
      {"Start timer", "Porniți cronometrul"},
      {"Stop timer", "Opriți cronometrul"},
      {"Billable", "Facturabil"},
      {"Projects", "Proiecte"},
      {"Policy", "Politică"},
      {"Prepaid/Fixed Price", "Preplătit/Preț fix"},
      {"Based on Timesheets", "Pe baza foilor de pontaj"},
      {"Manual", "Manual"},
      {"Price", "Preț"},
      {"Cost", "Cost"},
      {"Hours per customer", "Ore pe client"},
      {"Hours per employee", "Ore pe angajat"},
      {"Hours per month", "Ore pe lună"},
      {"Billable vs non-billable", "Facturabil vs nefacturabil"},
      {"Prepaid blocks", "Pachete preplătite"},
      {"Delivered, not invoiced", "Livrat, nefacturat"},
      {"Week", "Săptămână"},
      {"All", "Toate"},
      {"Yes", "Da"},
      {"No", "Nu"},
      {"Name", "Nume"},
      {"Rate %", "Cotă %"},
      {"Included in price", "Inclus în preț"},
      {"Time Billing", "Facturarea timpului"},
      {"Project", "Proiect"},
      {"Active", "Activ"},
      {"This tab is read-only: deskbill is open in another tab. It shows that tab's work as it is saved, and takes "
       "over when that tab closes.",
       "Această filă este doar în citire: deskbill este deschis în altă filă. Arată lucrul salvat în acea filă și "
       "preia scrierea când acea filă se închide."},
      {"Changed on sync", "Modificat la sincronizare"},
      {"Dismiss", "Închideți"},
      {"Log again as non-billable", "Înregistrați din nou ca nefacturabil"},
      {"Open the ticket to log it again", "Deschideți tichetul pentru a-l înregistra din nou"},
      {"Open the ticket", "Deschideți tichetul"},
      {"When", "Când"},
      {"Who", "Cine"},
      {"What", "Ce"},
      {"Why", "De ce"},
      {"What you can do", "Ce puteți face"},
      {"device", "dispozitivul"},
      {"this device", "acest dispozitiv"},
      {"Numbered on sync", "Numerotată la sincronizare"},
      {"Posted — numbered on sync", "Validată — numerotată la sincronizare"},
      {"Not numbered yet: the number is given when this posting is synced. It prints as PROVISIONAL until then.",
       "Încă fără număr: numărul se dă la sincronizarea validării. Până atunci se tipărește ca PROVIZORIE."},
      {"No conflicts. When an operation made offline can no longer apply (for example, two agents invoiced the same "
       "hours), it appears here with the reason and what you can do.",
       "Niciun conflict. Când o operație făcută offline nu se mai poate aplica (de exemplu, doi agenți au facturat "
       "aceleași ore), apare aici cu motivul și cu ce puteți face."},
      {"Not yet synced, would be refused", "Încă nesincronizate, ar fi refuzate"},
      {"Rejected operations", "Operații respinse"},
      {"Export journal", "Exportați jurnalul"},
      {"Import journal", "Importați jurnalul"},
      {"Sync now", "Sincronizați acum"},
      {"Your role", "Rolul dumneavoastră"},
      {"This is me", "Acesta sunt eu"},
      {"Timer", "Cronometru"},
      {"Timer started", "Cronometrul a pornit"},
      {"A timer is already running: stop it from the side bar first.",
       "Un cronometru rulează deja: opriți-l întâi din bara laterală."},
      {"Choose who you are (Settings, This is me) or an employee in the Timesheets tab first.",
       "Alegeți întâi cine sunteți (Setări, Acesta sunt eu) sau un angajat în fila Foi de pontaj."},
      {"Your role does not allow this", "Rolul dumneavoastră nu permite aceasta"},
      {"Receiving operations", "Se primesc operațiile"},
      {"Receiving", "Se primește"},
      {"Re-send my work", "Retrimiteți munca mea"},
      {"This device's work is kept here. Re-sending it gives the server back this device's operations it lost and "
       "the ones not yet sent; other devices re-send theirs. Export a backup first if you want a copy of everything "
       "as it is.",
       "Munca acestui dispozitiv este păstrată aici. Retrimiterea îi dă înapoi serverului operațiile acestui "
       "dispozitiv pe care le-a pierdut și pe cele încă netrimise; celelalte dispozitive le retrimit pe ale lor. "
       "Exportați întâi o copie de rezervă dacă vreți o copie a tuturor, așa cum sunt."},
      {"Font size", "Mărimea fontului"},
      {"Over the prepaid hours", "Peste orele preplătite"},
      {"No tickets yet.", "Niciun bilet încă."},
      {"Open tickets", "Bilete deschise"},
      {"Hours this week", "Ore săptămâna aceasta"},
      {"Prepaid hours left", "Ore preplătite rămase"},
      {"Company", "Companie"},
      {"Contact of", "Contact al"},
      {"Period", "Perioadă"},
      {"from", "de la"},
      {"to", "până la"},
      {"Payment", "Plată"},
      {"Number", "Număr"},
      {"Reason", "Motiv"},
      {"Go", "Mergeți"},
  };
  return t;
}

const std::unordered_map<std::string_view, const char*>& romanian_errors() {
  static const std::unordered_map<std::string_view, const char*> t = {
      {"nothing_to_invoice", "Nu se poate crea o factură. Nu există articole de facturat."},
      {"timesheet_invoiced", "Nu puteți modifica foile de pontaj deja facturate."},
      {"timesheet_remove_invoiced", "Nu puteți șterge o foaie de pontaj deja facturată."},
      {"down_payment_positive", "Valoarea avansului trebuie să fie pozitivă."},
      {"read_only", "Această filă este doar în citire."},
  };
  return t;
}
}  // namespace

void set_lang(Lang l) { g_lang = l; }
Lang lang() { return g_lang; }

const char* tr(const char* english) {
  if (g_lang == Lang::En) return english;
  auto it = romanian().find(english);
  return it == romanian().end() ? english : it->second;
}

std::string tr_error(const std::string& code, const std::string& message) {
  if (g_lang == Lang::En) return message;
  auto it = romanian_errors().find(code);
  return it == romanian_errors().end() ? message : it->second;
}

}  // namespace deskbill::ui
