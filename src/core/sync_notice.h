// A "Changed on sync" notice: an invoice posted offline that the server ordered after other
// changes, so that it is not the one its user saw (journal/provisional makes it, journal/inbox
// keeps it, the Conflicts screen shows it). Plain data, so that src/ui reads it without the
// journal.
#pragma once
#include <string>

#include "core/text_template.h"

namespace deskbill {

struct SyncNotice {
  // Each an English template with its values apart, so that the UI says them in its language.
  // A notice written before notices were sentences is one sentence without values.
  Sentences sentences;
  // The invoice's id, so that Conflicts can open it; "" in a notice written before it was kept.
  std::string invoice;
  bool operator==(const SyncNotice& o) const { return sentences == o.sentences && invoice == o.invoice; }
  bool operator!=(const SyncNotice& o) const { return !(*this == o); }
};

}  // namespace deskbill
