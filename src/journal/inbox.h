// The conflicts inbox's own state on this device, kept in inbox.json beside the journal: the
// "Changed on sync" notices, the rejected ops the user dismissed (by journal position), and the
// invoice posts still waiting for the server (journal/provisional). Not ops: what one device's
// user has read and dismissed, never sent.
#pragma once
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "journal/provisional.h"

namespace deskbill {

struct Inbox {
  std::vector<SyncNotice> notices;  // oldest first
  std::set<uint64_t> dismissed;     // journal positions of rejected ops
  PostWatch watch;
};

// The inbox as written, or nullopt when the text is not a JSON object (the caller keeps what it
// has). Never throws: a notice that is neither text (as versions before SyncNotice wrote them) nor
// sentences with text arguments, a position that is not a count, or a watched post with a member
// of another type is left out, and the rest is kept.
[[nodiscard]] std::optional<Inbox> parse_inbox(std::string_view text);
[[nodiscard]] std::string inbox_json(const Inbox& inbox);

}  // namespace deskbill
