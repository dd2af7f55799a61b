// A create that reached the server twice. A tab that closed while its request was on the way can
// leave the server holding that request's ops while the next tab sends the same ops under new
// seqs; a device restored from an older copy sends under new seqs ops its lost future had sent
// (docs/sync.md; the simulation's restored-device seed 571). The server stores both copies; the
// second folds as refused, because its id is taken.
//
// Shown as any refusal, its copy offered "Log again as non-billable" and "log it again" in the
// inbox: following either would record the same hours twice. So the fold tells it apart and
// records it as `repeated_op`, whose only way forward is to dismiss it.
#pragma once
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/state.h"

namespace deskbill {

// Whether `id` has the form of the ids the app makes on device `client`:
// "<client>.<seq>.<tag>-<n>" (journal/record_ids.h). A tab draws each id once, and its tag tells
// it from every other tab, also one of a device restored from an older copy. Ids of journals made
// before the tag ("<client>.<seq>.<n>") are repeated by such a device for other ops: not this form.
[[nodiscard]] bool id_made_on_device(std::string_view id, std::string_view client);

// Whether `mark` has the form of the mark a tab puts on each change it makes: "<tag>-<n>"
// (journal/record_ids.h).
[[nodiscard]] bool is_tab_mark(std::string_view mark);

// Whether an op sent by `client` names itself: a create under an id its own device made, or an op
// carrying a tab's mark. Such an op was made once, so the same content seen again from `client`
// is this very op sent again (by a device restored from an older copy), never a second one made
// on purpose. Ops of older journals (no mark, ids without the tag) do not: a name set back is the
// same content twice. docs/sync.md; src/server/op_identity.py mirrors it for the server.
[[nodiscard]] bool op_names_itself(std::string_view kind, std::string_view id, std::string_view mark,
                                   std::string_view client);
// The same, read from the op's "kind", "id" and "mark" (a member missing or not text: "").
[[nodiscard]] bool op_names_itself(const nlohmann::json& op, std::string_view client);

// Whether an op of `kind` with `id`, sent by `client` and refused at its place, is a copy of the
// op that created the record `id` names: the kind creates a record, the id is one its own device
// made, and the kind's table already holds it. (Refused for its id, or for what its first copy
// did: a second invoice.create finds nothing left to invoice.)
[[nodiscard]] bool repeats_an_applied_create(const State& s, std::string_view kind, std::string_view id,
                                             std::string_view client);

// Whether repeats_an_applied_create knows the table ops of `kind` add their record to.
[[nodiscard]] bool knows_the_table_of(std::string_view kind);

}  // namespace deskbill
