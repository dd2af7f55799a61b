#include "ui/i18n.h"

#include <cstring>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/text_template.h"

namespace deskbill::ui {
namespace {
Lang g_lang = Lang::En;
bool g_record_missing = false;
std::set<std::string> g_missing;

const std::unordered_map<std::string_view, const char*>& romanian() {
  static const std::unordered_map<std::string_view, const char*> t = {
      {"Helpdesk", "Asistență"},
      {"Tickets", "Bilete"},
      {"Ticket", "Bilet"},
      {"Ticket, task or project", "Bilet, sarcină sau proiect"},
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
      {"chosen before, not offered now", "ales anterior, nu mai este oferit"},
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
      {"New Ticket", "Bilet nou"},  // one key: Romanian puts the adjective after ("Nou Bilet" read wrong)
      {"Go to", "Mergeți la"},
      {"new", "nou"},
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
      {"Invoiced (delivered timesheets)", "Facturate (pontaje livrate)"},
      {"No time logged yet. These reports add up the hours of the timesheets, and follow the prepaid blocks and "
       "the hours delivered but not yet invoiced on confirmed orders.",
       "Niciun timp înregistrat încă. Aceste rapoarte adună orele din pontaje și urmăresc blocurile preplătite și "
       "orele livrate, dar încă nefacturate, de pe comenzile confirmate."},
      {"Not invoiced", "Nefacturate"},
      {"Subtotal", "Subtotal"},
      {"Create Invoice", "Creați factura"},
      {"Regular invoice", "Factură obișnuită"},
      {"Down payment (percentage)", "Avans (procent)"},
      {"Create and View Invoice", "Creați și vizualizați factura"},
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
      {"Invoiced: only the description can change.", "Facturat: doar descrierea se mai poate schimba."},
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
      {"The timesheets are being read…", "Foile de pontaj sunt în curs de citire…"},
      {"Opening the workspace: its timesheets are being read. You can edit in a moment.",
       "Se deschide spațiul de lucru: foile de pontaj sunt în curs de citire. Veți putea edita în câteva clipe."},
      {"Not saved", "Nesalvat"},
      {"Kept in this tab", "Păstrat în filă"},
      {"Offline", "Deconectat"},
      {"Language", "Limbă"},
      {"Load demo data", "Încărcați date demo"},
      {"Demo data", "Date demo"},
      // What the host tells the user (WebHost::tell), "%s" filled in after.
      {"This tab now saves your work (the other tab was closed).",
       "Această filă vă salvează acum munca (cealaltă filă a fost închisă)."},
      {"Storage is busy archiving; try again in a moment.",
       "Spațiul de stocare este ocupat cu arhivarea; încercați din nou în câteva clipe."},
      {"%s operation of this device is sent again (%s the server had lost).",
       "%s operație a acestui dispozitiv este trimisă din nou (serverul pierduse %s)."},
      {"%s operations of this device are sent again (%s the server had lost).",
       "%s operații ale acestui dispozitiv sunt trimise din nou (serverul pierduse %s)."},
      {"The backup could not be made: the archived part of the journal could not be read (%s).",
       "Copia de siguranță nu a putut fi făcută: partea arhivată a jurnalului nu a putut fi citită (%s)."},
      {"Could not archive the journal (%s); it stays in the working storage.",
       "Jurnalul nu a putut fi arhivat (%s); rămâne în spațiul de lucru."},
      // Why the work is not saved (the side bar's "Not saved", Settings): the save pipeline's,
      // the host's, a re-send's and a publication's problems. The reason in "%s" is the
      // browser's or the store's own words.
      {"Could not write to browser storage: %s. Your work is kept in this tab; retrying.",
       "Nu s-a putut scrie în spațiul de stocare al browserului: %s. Munca dvs. este păstrată în această filă; se "
       "reîncearcă."},
      {"Browser storage refused to save: %s. Your work is kept in this tab; retrying.",
       "Spațiul de stocare al browserului a refuzat salvarea: %s. Munca dvs. este păstrată în această filă; se "
       "reîncearcă."},
      {"Browser storage did not answer (is it full?). Your work is kept in this tab; retrying.",
       "Spațiul de stocare al browserului nu a răspuns (este plin?). Munca dvs. este păstrată în această filă; se "
       "reîncearcă."},
      {"This tab is read-only: another tab writes this workspace.",
       "Această filă este doar pentru citire: o altă filă scrie în acest spațiu de lucru."},
      {"Could not re-send this device's work: the server holds more positions than this device.",
       "Munca acestui dispozitiv nu a putut fi retrimisă: serverul are mai multe poziții decât acest dispozitiv."},
      {"The server lost the publication of this workspace (by device '%s'), which this device's work "
       "builds on. Its publisher re-sends it first: choose Re-send again once it has. Your work stays on "
       "this device.",
       "Serverul a pierdut publicarea acestui spațiu de lucru (de către dispozitivul „%s”), pe care se "
       "sprijină munca acestui dispozitiv. Cel care a publicat-o o retrimite întâi: alegeți din nou Retrimite "
       "după aceea. Munca dvs. rămâne pe acest dispozitiv."},
      {"Could not re-send this device's work: its operations do not follow what the server holds "
       "(op %s after %s). Export a backup and ask the administrator.",
       "Munca acestui dispozitiv nu a putut fi retrimisă: operațiile sale nu urmează ce are serverul "
       "(operația %s după %s). Exportați o copie de siguranță și cereți ajutorul administratorului."},
      {"The journal could not be read (%s); nothing was re-sent.",
       "Jurnalul nu a putut fi citit (%s); nu s-a retrimis nimic."},
      {"Could not write to browser storage: %s; nothing was re-sent.",
       "Nu s-a putut scrie în spațiul de stocare al browserului: %s; nu s-a retrimis nimic."},
      {"The journal could not be read (%s); nothing was published.",
       "Jurnalul nu a putut fi citit (%s); nu s-a publicat nimic."},
      {"Could not write to browser storage: %s; nothing was published.",
       "Nu s-a putut scrie în spațiul de stocare al browserului: %s; nu s-a publicat nimic."},
      {"The archived part of the journal could not be read (%s); nothing was re-sent.",
       "Partea arhivată a jurnalului nu a putut fi citită (%s); nu s-a retrimis nimic."},
      {"The archived part of the journal could not be read (%s); nothing was published.",
       "Partea arhivată a jurnalului nu a putut fi citită (%s); nu s-a publicat nimic."},
      // Why an import took nothing (Host::ImportOutcome::problem, JournalError::told).
      {"Demo data can only be loaded into an empty workspace.",
       "Datele demo pot fi încărcate doar într-un spațiu de lucru gol."},
      {"Line %s is not valid JSON.", "Linia %s nu este JSON valid."},
      {"Line %s is not a JSON object.", "Linia %s nu este un obiect JSON."},
      {"Line %s is longer than %s bytes; an operation is at most 16 kB.",
       "Linia %s are mai mult de %s octeți; o operație are cel mult 16 kB."},
      {"Line %s is nested deeper than %s levels.", "Linia %s are mai mult de %s niveluri de imbricare."},
      {"Line %s: %s", "Linia %s: %s"},
      {"The workspace is still opening; try again in a moment.",
       "Spațiul de lucru încă se deschide; încercați din nou în câteva clipe."},
      {"This tab is read-only: deskbill is open in another tab. Close it or reload here.",
       "Această filă este doar pentru citire: deskbill este deschis în altă filă. Închideți-o sau reîncărcați "
       "pagina aici."},
      {"The conflicts inbox could not be saved: %s", "Lista conflictelor nu a putut fi salvată: %s"},
      {"The timer could not be saved: %s", "Cronometrul nu a putut fi salvat: %s"},
      // Why a timer was not stopped (TimerStopResult::problem); a refusal's words come first.
      {"No timer is running.", "Niciun cronometru nu rulează."},
      {"The timer could not be stopped: %s", "Cronometrul nu a putut fi oprit: %s"},
      {"%s The timer could not be restarted: %s", "%s Cronometrul nu a putut fi repornit: %s"},
      {"The timer goes on: %s", "Cronometrul continuă: %s"},
      {"refused", "refuzat"},
      {"Could not write to browser storage: %s", "Nu s-a putut scrie în spațiul de stocare al browserului: %s"},
      {"Settings could not be saved: %s", "Setările nu au putut fi salvate: %s"},
      {"The saved journal could not be read: %s", "Jurnalul salvat nu a putut fi citit: %s"},
      {"Browser storage could not be read: %s", "Spațiul de stocare al browserului nu a putut fi citit: %s"},
      {"Browser storage could not be read: %s. The saved journal could not be read: %s",
       "Spațiul de stocare al browserului nu a putut fi citit: %s. Jurnalul salvat nu a putut fi citit: %s"},
      {"This tab could not read the other tab's work (%s); it tries again in %s s, or reload to see it now.",
       "Această filă nu a putut citi munca celeilalte file (%s); încearcă din nou peste %s s, sau reîncărcați "
       "pagina pentru a o vedea acum."},
      {"This tab could not follow the other tab's work (%s); it tries again in %s s, or reload to see it now.",
       "Această filă nu a putut urmări munca celeilalte file (%s); încearcă din nou peste %s s, sau reîncărcați "
       "pagina pentru a o vedea acum."},
      {"This tab could not follow the other tab's work (%s); reload to see it.",
       "Această filă nu a putut urmări munca celeilalte file (%s); reîncărcați pagina pentru a o vedea."},
      // What the sync status says (SyncLoop::error), "%s" filled in after.
      {"The sync endpoint could not be reached; changes are kept and sent when it answers.",
       "Serverul de sincronizare nu a putut fi contactat; modificările sunt păstrate și trimise când răspunde."},
      {"The server's answer is not JSON; nothing was changed, and the sync is tried again.",
       "Răspunsul serverului nu este JSON; nu s-a schimbat nimic, iar sincronizarea se reîncearcă."},
      {"The server's answer is nested too deeply to be read; nothing was changed, and the sync is tried again.",
       "Răspunsul serverului are prea multe niveluri de imbricare pentru a fi citit; nu s-a schimbat nimic, iar "
       "sincronizarea se reîncearcă."},
      {"The server's answer could not be read (%s); nothing was changed, and the sync is tried again.",
       "Răspunsul serverului nu a putut fi citit (%s); nu s-a schimbat nimic, iar sincronizarea se reîncearcă."},
      {"The server refused the sync (%s): %s", "Serverul a refuzat sincronizarea (%s): %s"},
      {"The server did not accept this device's token: check the token in Settings. Your work stays on this "
       "device.",
       "Serverul nu a acceptat jetonul acestui dispozitiv: verificați jetonul în Setări. Munca dvs. rămâne pe acest "
       "dispozitiv."},
      {"The server was restored from an older copy and lost some of this workspace. Nothing was changed: choose "
       "Re-send my work in Settings.",
       "Serverul a fost restaurat dintr-o copie mai veche și a pierdut o parte din acest spațiu de lucru. Nu s-a "
       "schimbat nimic: alegeți Retrimiteți munca mea în Setări."},
      {"The workspace is at its storage quota on the server; nothing was stored. Your work stays on this "
       "device: ask the administrator to raise the quota.",
       "Spațiul de lucru și-a atins cota de stocare pe server; nu s-a stocat nimic. Munca dvs. rămâne pe acest "
       "dispozitiv: cereți administratorului să mărească cota."},
      {"The workspace has sent all the operations the server takes today; nothing was stored. Your work stays "
       "on this device and is sent tomorrow, or ask the administrator to raise the quota.",
       "Spațiul de lucru a trimis toate operațiile pe care serverul le primește azi; nu s-a stocat nimic. Munca "
       "dvs. rămâne pe acest dispozitiv și este trimisă mâine, sau cereți administratorului să mărească cota."},
      {"The sync endpoint did not answer; retrying.", "Serverul de sincronizare nu a răspuns; se reîncearcă."},
      {"Offline: changes are kept and sent when the network is back.",
       "Deconectat: modificările sunt păstrate și trimise când revine rețeaua."},
      {"The server already held %s operation numbers of this device with other operations (was its storage "
       "restored?); they were numbered again and are sent once stored.",
       "Serverul avea deja %s numere de operații ale acestui dispozitiv, cu alte operații (i s-a restaurat "
       "stocarea?); au fost renumerotate și sunt trimise după ce sunt salvate."},
      {"The server refused an operation for your role (%s); it is in Conflicts.",
       "Serverul a refuzat o operație pentru rolul dvs. (%s); se află în Conflicte."},
      {"An operation was too large for the server (%s bytes, at most %s bytes); it is in Conflicts, and the "
       "work after it is sent.",
       "O operație era prea mare pentru server (%s octeți, cel mult %s octeți); se află în Conflicte, iar "
       "munca de după ea este trimisă."},
      {"An operation was too large for the server (at most %s bytes); it is in Conflicts, and the work after "
       "it is sent.",
       "O operație era prea mare pentru server (cel mult %s octeți); se află în Conflicte, iar munca de după "
       "ea este trimisă."},
      {"nothing was imported.", "nu s-a importat nimic."},
      {"%s: %s operations imported.", "%s: %s operații importate."},
      {"%s: %s operations imported, %s refused. The first refused, operation %s: %s",
       "%s: %s operații importate, %s refuzate. Prima refuzată, operația %s: %s"},
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
      // The week grid's day columns.
      {"Mon", "Lun"},
      {"Tue", "Mar"},
      {"Wed", "Mie"},
      {"Thu", "Joi"},
      {"Fri", "Vin"},
      {"Sat", "Sâm"},
      {"Sun", "Dum"},
      {"All", "Toate"},
      {"Yes", "Da"},
      {"No", "Nu"},
      {"Name", "Nume"},
      {"Month", "Lună"},
      {"left", "rămase"},  // "140:15 left" on a ticket's card: the hours left on its prepaid line
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
      // A "Changed on sync" notice (journal/provisional.cpp), sentence by sentence.
      {"%s (%s): the server ordered other changes before your posting.",
       "%s (%s): serverul a ordonat alte modificări înaintea postării dumneavoastră."},
      {"%s (%s): changes from other devices were ordered before your posting.",
       "%s (%s): modificări de pe alte dispozitive au fost ordonate înaintea postării dumneavoastră."},
      {"%s (%s): changes by %s were ordered before your posting.",
       "%s (%s): modificările făcute de %s au fost ordonate înaintea postării dumneavoastră."},
      {"%s (%s): changes by %s and from other devices were ordered before your posting.",
       "%s (%s): modificările făcute de %s și de pe alte dispozitive au fost ordonate înaintea postării "
       "dumneavoastră."},
      {"The total: %s → %s.", "Totalul: %s → %s."},
      {"Dated %s instead of %s.", "Datată %s în loc de %s."},
      {"%s lines instead of %s.", "%s linii în loc de %s."},
      {"Check it before you send it.", "Verificați-o înainte de a o trimite."},
      {"Log again as non-billable", "Înregistrați din nou ca nefacturabil"},
      {"Open the ticket to log it again", "Deschideți tichetul pentru a-l înregistra din nou"},
      {"Open the ticket", "Deschideți tichetul"},
      {"Open the invoice", "Deschideți factura"},
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
      {"No taxes", "Fără taxe"},
      {"No taxes yet: add them in Configuration, Taxes.", "Nicio taxă încă: adăugați-le în Configurare, Taxe."},
      {"Invoicing policy", "Politica de facturare"},
      {"Sales Price", "Preț de vânzare"},
      {"Upsell threshold %", "Prag de upsell %"},
      {"Creates a task on order confirmation", "Creează o sarcină la confirmarea comenzii"},
      {"New product", "Produs nou"},
      {"Sync error", "Eroare de sincronizare"},
      {"Synced", "Sincronizat"},
      {"pending", "în așteptare"},
      {"search", "căutare"},
      {"This invoice does not exist.", "Această factură nu există."},
      {"Reversal of", "Stornare a facturii"},
      {"Amount due", "Sumă de plată"},
      {"Consolidated billing", "Facturare consolidată"},
      {"Create invoices", "Creați facturi"},
      {"This order does not exist.", "Această comandă nu există."},
      {"Set to quotation", "Readuceți la ofertă"},
      {"remaining", "rămase"},
      {"Unlock", "Deblocați"},
      {"Lock", "Blocați"},
      {"This team does not exist.", "Această echipă nu există."},
      {"This ticket does not exist.", "Acest bilet nu există."},
      {"All entries", "Toate înregistrările"},
      {"Sync", "Sincronizare"},
      {"Backup", "Copie de rezervă"},
      {"Last frame", "Ultimul cadru"},
      {"Endpoint", "Adresă"},
      {"Workspace", "Spațiu de lucru"},
      {"Token", "Jeton"},
      {"Connect", "Conectați"},
      {"last success", "ultima reușită"},
      {"never", "niciodată"},
      {"This workspace is shared through a sync endpoint.",
       "Acest spațiu de lucru este partajat printr-un server de sincronizare."},
      {"This workspace lives only in this browser. Connect it to a sync endpoint to share it (an empty server "
       "workspace receives it as it is).",
       "Acest spațiu de lucru există doar în acest browser. Conectați-l la un server de sincronizare pentru a-l "
       "partaja (un spațiu gol de pe server îl primește așa cum este)."},
      {"Tasks", "Sarcini"},
      {"New task", "Sarcină nouă"},
      {"Add a task", "Adăugați o sarcină"},
      {"New project", "Proiect nou"},
      {"Project saved", "Proiect salvat"},
      {"Project created", "Proiect creat"},
      {"Task saved", "Sarcină salvată"},
      {"Task created", "Sarcină creată"},
      {"Nothing changed", "Nimic nu s-a schimbat"},
      {"No employees yet: add them in Configuration → Employees.",
       "Niciun angajat încă: adăugați-i în Configurare → Angajați."},
      {"Choose an employee to see their hours of the week, day by day.",
       "Alegeți un angajat pentru a-i vedea orele săptămânii, zi cu zi."},
      {"The week is given by one of its days, as YYYY-MM-DD.",
       "Săptămâna se dă printr-una dintre zilele ei, ca AAAA-LL-ZZ."},
      {"Product saved", "Produs salvat"},
      // The printed invoice (core/invoice_printout.cpp) and what it prints from.
      {"Credit Note", "Notă de credit"},
      {"Draft Invoice", "Factură ciornă"},
      {"Draft Credit Note", "Notă de credit ciornă"},
      {"Credit note of", "Notă de credit pentru"},
      {"Invoice Date", "Data facturii"},
      {"Due Date", "Data scadenței"},
      {"Source Document", "Document sursă"},
      {"Paid on", "Plătită la"},
      {"Payment Reference", "Referința plății"},
      {"Tax ID", "Cod fiscal"},
      {"Disc.%", "Reducere %"},
      {"Untaxed Amount", "Valoare fără taxe"},
      {"Amount Due", "Rest de plată"},
      {"Please use the following communication for your payment:",
       "Vă rugăm să folosiți următoarea referință la plată:"},
      {"Bank account", "Cont bancar"},
      {"PROVISIONAL: not numbered yet. This invoice gets its number when it is synced; do not send it before.",
       "PROVIZORIU: încă nenumerotată. Factura primește numărul la sincronizare; nu o trimiteți înainte."},
      {"Address", "Adresă"},
      {"Email", "E-mail"},
      {"Payment terms (days)", "Termen de plată (zile)"},
      {"Customer saved", "Client salvat"},
      {"New customer", "Client nou"},
      {"Company name", "Numele companiei"},
      {"Printed at the top of every invoice.", "Tipărit în antetul fiecărei facturi."},
      {"Company saved", "Companie salvată"},
      {"Create and edit", "Creați și editați"},
      {"Create and edit…", "Creați și editați…"},
      {"Create a product", "Creați un produs"},
      {"Discard", "Renunțați"},
      {"entry", "înregistrare"},
      {"Ticket saved", "Bilet salvat"},
      {"No quotations yet. New quotation starts one for a customer; once confirmed, its service lines are what "
       "tickets' hours are billed on.",
       "Nicio ofertă încă. Ofertă nouă începe una pentru un client; odată confirmată, liniile ei de servicii sunt "
       "cele pe care se facturează orele biletelor."},
      {"No invoices yet. Open a confirmed order and press Create Invoice: it bills what was ordered (prepaid) or the "
       "hours delivered on its lines.",
       "Nicio factură încă. Deschideți o comandă confirmată și apăsați Creați factura: se facturează ce s-a comandat "
       "(preplătit) sau orele livrate pe liniile ei."},
      {"No time logged yet. Open a ticket and add a line in its Timesheets tab, or start its timer.",
       "Niciun timp înregistrat încă. Deschideți un bilet și adăugați o linie în fila Foi de pontaj sau porniți "
       "cronometrul."},
      {"No products yet. A service product sets how time is billed: prepaid (ordered hours) or based on timesheets "
       "(hours delivered). Add one below.",
       "Niciun produs încă. Un produs de tip serviciu stabilește cum se facturează timpul: preplătit (ore comandate) "
       "sau pe baza foilor de pontaj (ore livrate). Adăugați unul mai jos."},
      {"No customers yet. Add a company below, then its contacts with the company chosen.",
       "Niciun client încă. Adăugați o companie mai jos, apoi contactele ei, cu compania aleasă."},
      {"No projects yet. A team with Time Billing gets one; a project of your own can hold tasks that products "
       "create when their order is confirmed.",
       "Niciun proiect încă. O echipă cu Facturarea timpului primește unul; un proiect propriu poate conține sarcinile "
       "pe "
       "care le creează produsele la confirmarea comenzii."},
      {"hours", "ore"},
      {"entries", "înregistrări"},
      // Confirmations shown (and announced) after an action.
      {"Customer created", "Client creat"},
      {"Draft deleted", "Ciornă ștearsă"},
      {"Employee created", "Angajat creat"},
      {"Invoice created", "Factură creată"},
      {"Payment registered", "Plată înregistrată"},
      {"Product created", "Produs creat"},
      {"Quotation created", "Ofertă creată"},
      {"Tax created", "Taxă creată"},
      {"Team created", "Echipă creată"},
      {"Unit created", "Unitate creată"},
      {"The upsell threshold must be a percentage, e.g. 100.",
       "Pragul de upsell trebuie să fie un procent, de ex. 100."},
      {"Timer", "Cronometru"},
      {"Timer started", "Cronometrul a pornit"},
      {"A timer is already running: stop it from the side bar first.",
       "Un cronometru rulează deja: opriți-l întâi din bara laterală."},
      {"Choose who you are (Settings, This is me) or an employee in the Timesheets tab first.",
       "Alegeți întâi cine sunteți (Setări, Acesta sunt eu) sau un angajat în fila Foi de pontaj."},
      {"Your role does not allow this", "Rolul dumneavoastră nu permite aceasta"},
      {"Receiving operations", "Se primesc operațiile"},
      {"Receiving", "Se primește"},
      {"Publishing", "Se publică"},
      {"Waiting for a record", "Se așteaptă o înregistrare"},
      {"Send them as they are", "Trimiteți-le așa cum sunt"},
      {"%s of this device's operations wait for a record another device has to send again after the server's "
       "restore (%s). Sent before it, they would be refused. If that device will not come back, send them as they "
       "are: the ones that name the record go to Conflicts.",
       "%s operații ale acestui dispozitiv așteaptă o înregistrare pe care alt dispozitiv trebuie să o retrimită "
       "după restaurarea serverului (%s). Trimise înaintea ei, ar fi refuzate. Dacă acel dispozitiv nu va mai "
       "reveni, trimiteți-le așa cum sunt: cele care numesc înregistrarea ajung la Conflicte."},
      {"Being published", "În curs de publicare"},
      {"See Settings, Sync.", "Vedeți Setări, Sincronizare."},
      {"Publishing: the server holds %s of the %s operations of this workspace. Other devices' work is stored after "
       "all of them.",
       "Se publică: serverul are %s din cele %s operații ale acestui spațiu de lucru. Munca celorlalte dispozitive "
       "este stocată după toate acestea."},
      {"Another device is publishing this workspace: the server holds %s of its %s operations. This device's work is "
       "kept here and sent once the publication is complete. If that device will not come back, the server's "
       "administrator can end the wait (serve.py --end-publication).",
       "Alt dispozitiv publică acest spațiu de lucru: serverul are %s din cele %s operații ale sale. Munca acestui "
       "dispozitiv este păstrată aici și trimisă când publicarea este completă. Dacă acel dispozitiv nu va mai "
       "reveni, administratorul serverului poate încheia așteptarea (serve.py --end-publication)."},
      {"Re-send my work", "Retrimiteți munca mea"},
      {"This device's work is kept here. Re-sending it gives the server back this device's operations it lost and "
       "the ones not yet sent; other devices re-send theirs. Use Export journal, under Backup below, first if you "
       "want a copy of everything as it is.",
       "Munca acestui dispozitiv este păstrată aici. Retrimiterea îi dă înapoi serverului operațiile acestui "
       "dispozitiv pe care le-a pierdut și pe cele încă netrimise; celelalte dispozitive le retrimit pe ale lor. "
       "Folosiți întâi Exportați jurnalul, la Copie de rezervă mai jos, dacă vreți o copie a tuturor, așa cum "
       "sunt."},
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
      // Labels of the creation and filter rows (labels above the fields, not placeholders).
      {"Hours", "Ore"},
      {"Per day", "Pe zi"},
      {"per day", "pe zi"},
      {"per unit", "pe unitate"},
      {"time", "timp"},
      {"unit", "unitate"},
      {"New team", "Echipă nouă"},
      {"New employee", "Angajat nou"},
      {"New unit of time", "Unitate de timp nouă"},
      {"New tax", "Taxă nouă"},
      {"Hourly cost", "Cost pe oră"},
      {"From", "De la"},
      {"To", "Până la"},
      {"Clear filters", "Șterge filtrele"},
      {"From is after To: no day is in the period.", "„De la” este după „Până la”: nicio zi nu e în perioadă."},
      {"Read-only", "Doar citire"},
      {"Invoice status", "Stare facturare"},
      {"Locked", "Blocată"},
      {"Timesheet logged as non-billable", "Foaie de pontaj înregistrată ca nefacturabilă"},
      {"No helpdesk team yet. Create one in Configuration, or load a demo workspace to try the whole flow.",
       "Nicio echipă de asistență încă. Creați una în Configurare sau încărcați un spațiu de lucru demonstrativ "
       "pentru a încerca întregul flux."},
      {"A date is written YYYY-MM-DD (2026-11-30); the period is open on that side.",
       "O dată se scrie YYYY-MM-DD (2026-11-30); perioada rămâne deschisă pe acea parte."},
      {"Everyone", "Toți"},
      {"Every customer", "Toți clienții"},
      {"None", "Niciunul"},
      {"None (a company)", "Niciuna (este o companie)"},
      {"Choose a product", "Alegeți un produs"},
      {"Choose a product.", "Alegeți un produs."},
      {"Choose a customer.", "Alegeți un client."},
      {"User Error", "Eroare de utilizare"},
      {"Timesheet Adjustment", "Ajustare foaie de pontaj"},
      {"Hours Spent must be a number of hours (1.5) or hours:minutes (1:30).",
       "Orele petrecute trebuie să fie un număr de ore (1,5) sau ore:minute (1:30)."},
      {"Choose an employee", "Alegeți un angajat"},
      {"Empty: every timesheet not invoiced yet.", "Gol: toate foile de pontaj încă nefacturate."},
  };
  return t;
}

const std::unordered_map<std::string_view, const char*>& romanian_errors() {
  static const std::unordered_map<std::string_view, const char*> t = {
      {"nothing_to_invoice",
       "Nu se poate crea o factură. Nu există articole de facturat.\n\nVerificați că:\n"
       "   \xE2\x80\xA2 s-a înregistrat timp pe liniile comenzii (fila Foi de pontaj a unui bilet), pentru produsele "
       "facturate pe baza foilor de pontaj;\n"
       "   \xE2\x80\xA2 politica de facturare a produsului este cea dorită (Configurare \xE2\x86\x92 Produse: clic pe "
       "produs).\n\n"
       "Pentru a factura ce s-a comandat, nu ce s-a livrat, setați politica de facturare a produsului la "
       "„Preplătit/Preț fix”.\n"},
      {"timesheet_invoiced", "Nu puteți modifica foile de pontaj deja facturate."},
      {"op_too_large",
       "Operația depășește 16000 de octeți, cât primește serverul de sincronizare pentru o operație: nu ar putea fi "
       "partajată niciodată."},
      {"timesheet_remove_invoiced", "Nu puteți șterge o foaie de pontaj deja facturată."},
      {"down_payment_positive", "Valoarea avansului trebuie să fie pozitivă."},
      {"read_only", "Această filă este doar în citire."},
      {"repeated_op",
       "Această operațiune a ajuns de două ori la server (o filă s-a închis în timp ce o trimitea, sau datele "
       "dispozitivului au fost restaurate dintr-o copie mai veche). Prima copie a fost aplicată, deci nu lipsește "
       "nimic și nu trebuie refăcut nimic."},
      {"opening", "Spațiul de lucru încă se deschide; încercați din nou în câteva clipe."},
  };
  return t;
}
}  // namespace

void set_lang(Lang l) { g_lang = l; }
Lang lang() { return g_lang; }

std::vector<std::string> translated_sources() {
  std::vector<std::string> out;
  for (const auto& [en, ro] : romanian())
    if (en != ro) out.emplace_back(en);
  return out;
}

const char* tr(const char* english) {
  if (g_lang == Lang::En) return english;
  auto it = romanian().find(english);
  if (it != romanian().end()) return it->second;
  if (g_record_missing) g_missing.insert(english);
  return english;
}

void record_missing_translations(bool on) {
  g_record_missing = on;
  g_missing.clear();
}

std::vector<std::string> missing_translations() { return {g_missing.begin(), g_missing.end()}; }

std::string count_text(size_t n, const char* one, const char* many) {
  std::string out = std::to_string(n) + " ";
  if (n == 1) return out + tr(one);
  if (g_lang == Lang::Ro && (n % 100 == 0 || n % 100 >= 20)) out += "de ";
  return out + tr(many);
}

std::string tr_error(const std::string& code, const std::string& message) {
  if (g_lang == Lang::En) return message;
  auto it = romanian_errors().find(code);
  return it == romanian_errors().end() ? message : it->second;
}

std::string fill(const std::string& format, const std::vector<std::string>& args) {
  return fill_template(format, args);
}

std::string tr(const TextTemplate& message) {
  std::string shown = tr(message.text.c_str());
  return message.args.empty() ? shown : fill(shown, message.args);
}

std::string tr(const Sentences& sentences) {
  std::string out;
  for (const TextTemplate& s : sentences) out += (out.empty() ? "" : " ") + tr(s);
  return out;
}

}  // namespace deskbill::ui
