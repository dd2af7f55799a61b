// A read-only tab brings itself up to what the writer tab stored (docs/journal.md, "One writer"),
// after the host read browser storage again. It folds only what was stored since it last looked;
// when the writer started another workspace meanwhile (a new one, or a local one published to a
// server) or replaced the layout of this one (re-sending to a restored server), it reads it whole.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "journal/store.h"
#include "journal/workspace.h"

namespace deskbill {

struct FollowResult {
  // Why this tab could not follow: it keeps showing what it showed, and a reload reads it all.
  std::optional<std::string> error;
  // The writer's workspace is another one: `ws` was replaced, and the host attaches the new one.
  bool reopened = false;
  // With an error: only a reload can mend it (the writer archived what this tab has not seen,
  // which only the cold snapshot a reload reads holds). Any other error may pass (a file read
  // between two of the writer's writes): the tab tries again (WriterHandoff::follow_done).
  bool lasting = false;
};

// `ws` and `meta` are this tab's workspace and what it last read of workspace.json. On an error
// neither changes.
[[nodiscard]] FollowResult follow_stored(JournalStore& store, std::unique_ptr<Workspace>& ws, StoredWorkspace& meta);

}  // namespace deskbill
