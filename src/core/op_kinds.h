// What an op's kind says about the op without folding it.
#pragma once
#include <string_view>

namespace deskbill {

// Whether ops of this kind create a record under the op's own `id`. Such an op names itself: its
// id was drawn once, by one tab (journal/record_ids.h), so the same content seen again is the
// very same op (sent again by a device restored from an older copy). An op that changes a record
// may be made again with the same content on purpose (a name set back): the same content is no
// proof that it is the same op. docs/sync.md, "A device restored from an older copy".
[[nodiscard]] bool op_creates_record(std::string_view kind);

}  // namespace deskbill
