// Publishing a local workspace to a server (docs/sync.md, "Publishing"): every confirmed op
// becomes pending under its own seq and order, sent marked "publish" up to the last of them, so
// the server keeps their dates and every device folds the books the local workspace had. The new
// layout is stored in one step (JournalStore::relayout) before anything is sent; until then the
// local workspace stays as it was.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "core/text_template.h"
#include "journal/store.h"
#include "journal/workspace.h"

namespace deskbill {

struct Published {
  TextTemplate problem;             // nothing changed (the journal could not be read or stored), to translate
  std::unique_ptr<Workspace> ws;    // the shared workspace of the new layout, when stored
  std::optional<std::string> tidy;  // stored, but its old files are left to the next write
};

// `meta` names the server and workspace already; on success it is the new layout's.
Published publish_stored(JournalStore& store, StoredWorkspace& meta, const Workspace& ws);

}  // namespace deskbill
