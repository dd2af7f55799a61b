// The browser services deskbill uses, as plain functions (implemented in library.js). Only
// platform/web includes this; the rest of the program sees them through ui::Host.
#pragma once
#include <cstddef>
#include <cstdint>

extern "C" {
void web_syncfs(int token);
void web_clipboard_write(const char* text);
void web_download(const char* name, const char* mime, const char* data, size_t len);
void web_print_html(const char* html);
void web_announce(const char* text);
void web_text_input(int active, float x, float y, float h);
void web_today(char* buf, int len);
double web_now_ms();
void web_random_id(char* buf, int len);
int web_is_writer();
// A read-only tab reads IndexedDB again; completion arrives like syncfs's, by token.
void web_read_storage(int token);
int web_take_missed_save();
int web_take_lock_granted();
// The writer tab stored new work: read-only tabs of this workspace read it (pre.js).
void web_broadcast_saved();
void web_reload();
void web_storage_error(char* buf, int len);
void web_set_hash(const char* hash);
void web_get_hash(char* buf, int len);
int web_online();
void web_fetch_post(int token, const char* url, const char* auth, const char* body);
void web_open_file();
int web_is_apple();
// Cold storage (pre.js): completion arrives like syncfs's, by token.
int web_storage_ready();  // IDBFS populated and the cold snapshot read
int web_preview_ready();  // IDBFS populated and the cold snapshot read up to its timesheets
int web_preview_held();   // a test keeps the preview on the screen (library.js)
void web_shown();         // the workspace is drawn (perhaps still opening): the page stops showing "loading"
void web_opened();        // the workspace is open (window.deskbillReady, what the tests wait for)
void web_cold_stage(const char* name, const char* data, size_t len);
void web_cold_commit(int token);
size_t web_cold_snapshot_size();
void web_cold_snapshot_read(size_t at, void* dst, size_t len);
void web_cold_snapshot_drop();
void web_cold_materialize(int token, uint32_t count);
void web_export_with_cold(int token, const char* name, const char* mime, uint32_t count, const char* hot, size_t len);
}
