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
void web_storage_error(char* buf, int len);
void web_set_hash(const char* hash);
void web_get_hash(char* buf, int len);
int web_online();
void web_fetch_post(int token, const char* url, const char* auth, const char* body);
void web_open_file();
int web_is_apple();
}
