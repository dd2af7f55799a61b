#include "platform/web/web_platform.h"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstring>
#include <map>
#include <string>
#include <utility>

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // the input queue: ImGui has no public accessor
#include "platform/web/web_services.h"

namespace deskbill::web {
void item_registry_frame();
namespace {

struct Window {
  std::string canvas;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  double css_w = 0, css_h = 0, dpr = 1;
  int frames_left = 3;
  float font_px = 16.f, built_font_px = 0, built_dpr = 0;
  float clear[3] = {1, 1, 1};
  std::function<void()> frame, tick;
  std::string clipboard;
  double last_frame_ms = 0;
  double first_frame_at = 0;  // performance.now() after the first interactive frame was drawn
  bool complete = false;
  double complete_frame_at = 0;  // the same for the first frame once everything was loaded
  bool interactive = false;
  double hold_until = 0;  // see hold_frames()
  bool drew_since_hold = false;
  double first_frame_cpu = 0, first_frame_start = 0;
  bool device_objects = false;  // the OpenGL backend's shaders, buffers and font texture made
  bool apple = false;
  double last_input_ms = 0;
  float ime_x = 0, ime_y = 0, ime_h = 20;
};
Window w;

std::map<int, std::function<void(std::string)>> fs_waiters;
std::map<int, std::function<void(int, std::string)>> fetch_waiters;
std::function<void(std::string)> hash_cb;
std::function<void(std::string, std::string)> file_cb;
int next_token = 1;

ImGuiKey key_of(const char* code) {
  static const std::map<std::string, ImGuiKey> keys = [] {
    std::map<std::string, ImGuiKey> m = {{"Tab", ImGuiKey_Tab},
                                         {"ArrowLeft", ImGuiKey_LeftArrow},
                                         {"ArrowRight", ImGuiKey_RightArrow},
                                         {"ArrowUp", ImGuiKey_UpArrow},
                                         {"ArrowDown", ImGuiKey_DownArrow},
                                         {"PageUp", ImGuiKey_PageUp},
                                         {"PageDown", ImGuiKey_PageDown},
                                         {"Home", ImGuiKey_Home},
                                         {"End", ImGuiKey_End},
                                         {"Insert", ImGuiKey_Insert},
                                         {"Delete", ImGuiKey_Delete},
                                         {"Backspace", ImGuiKey_Backspace},
                                         {"Space", ImGuiKey_Space},
                                         {"Enter", ImGuiKey_Enter},
                                         {"NumpadEnter", ImGuiKey_KeypadEnter},
                                         {"Escape", ImGuiKey_Escape},
                                         {"ControlLeft", ImGuiKey_LeftCtrl},
                                         {"ControlRight", ImGuiKey_RightCtrl},
                                         {"ShiftLeft", ImGuiKey_LeftShift},
                                         {"ShiftRight", ImGuiKey_RightShift},
                                         {"AltLeft", ImGuiKey_LeftAlt},
                                         {"AltRight", ImGuiKey_RightAlt},
                                         {"MetaLeft", ImGuiKey_LeftSuper},
                                         {"MetaRight", ImGuiKey_RightSuper},
                                         {"F2", ImGuiKey_F2}};
    for (char c = 'A'; c <= 'Z'; ++c) m[std::string("Key") + c] = static_cast<ImGuiKey>(ImGuiKey_A + (c - 'A'));
    for (char c = '0'; c <= '9'; ++c) m[std::string("Digit") + c] = static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
    return m;
  }();
  auto it = keys.find(code);
  return it == keys.end() ? ImGuiKey_None : it->second;
}

void wake() {
  w.frames_left = 4;  // a few frames so popups, tooltips and layout catch up
  w.last_input_ms = emscripten_get_now();
}

void set_mods(bool ctrl, bool shift, bool alt, bool meta) {
  ImGuiIO& io = ImGui::GetIO();
  // Cmd is the shortcut key on Apple machines.
  io.AddKeyEvent(ImGuiMod_Ctrl, w.apple ? meta : ctrl);
  io.AddKeyEvent(ImGuiMod_Shift, shift);
  io.AddKeyEvent(ImGuiMod_Alt, alt);
  io.AddKeyEvent(ImGuiMod_Super, w.apple ? ctrl : meta);
}

EM_BOOL on_key(int type, const EmscriptenKeyboardEvent* e, void*) {
  wake();
  ImGuiIO& io = ImGui::GetIO();
  bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
  set_mods(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
  ImGuiKey k = key_of(e->code);
  bool shortcut = w.apple ? e->metaKey : e->ctrlKey;
  // Never swallow the browser's own keys (reload, address bar, devtools).
  if (!std::strcmp(e->code, "F5") || !std::strcmp(e->code, "F12") || (shortcut && (k == ImGuiKey_L || k == ImGuiKey_R)))
    return EM_FALSE;
  if (shortcut && k == ImGuiKey_V) return EM_FALSE;  // the paste event brings the text (deskbill_paste)
  if (k != ImGuiKey_None) io.AddKeyEvent(k, down);
  bool printable = std::strlen(e->key) == 1 || (static_cast<unsigned char>(e->key[0]) >= 0x80);
  if (printable && !shortcut) return EM_FALSE;                            // let the hidden input receive the character
  if (shortcut && (k == ImGuiKey_C || k == ImGuiKey_X)) return EM_FALSE;  // keep the copy event
  bool used = k == ImGuiKey_Tab || k == ImGuiKey_Backspace || k == ImGuiKey_Enter || k == ImGuiKey_Escape ||
              k == ImGuiKey_UpArrow || k == ImGuiKey_DownArrow || k == ImGuiKey_PageUp || k == ImGuiKey_PageDown ||
              (shortcut && (k == ImGuiKey_K || k == ImGuiKey_Z || k == ImGuiKey_A || k == ImGuiKey_S));
  if (io.WantTextInput && (k == ImGuiKey_LeftArrow || k == ImGuiKey_RightArrow || k == ImGuiKey_Home ||
                           k == ImGuiKey_End || k == ImGuiKey_Delete))
    used = true;
  return used ? EM_TRUE : EM_FALSE;
}

EM_BOOL on_mouse(int type, const EmscriptenMouseEvent* e, void*) {
  wake();
  ImGuiIO& io = ImGui::GetIO();
  io.AddMouseSourceEvent(ImGuiMouseSource_Mouse);
  io.AddMousePosEvent(static_cast<float>(e->targetX), static_cast<float>(e->targetY));
  if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
    int b = e->button == 0 ? 0 : e->button == 2 ? 1 : e->button == 1 ? 2 : -1;
    if (b >= 0) io.AddMouseButtonEvent(b, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
  }
  return type == EMSCRIPTEN_EVENT_MOUSEDOWN ? EM_FALSE : EM_TRUE;
}

EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  wake();
  double scale = e->deltaMode == DOM_DELTA_LINE ? 1.0 : e->deltaMode == DOM_DELTA_PAGE ? 10.0 : 1.0 / 100.0;
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX * scale), static_cast<float>(-e->deltaY * scale));
  return EM_TRUE;
}

EM_BOOL on_touch(int type, const EmscriptenTouchEvent* e, void*) {
  wake();
  if (e->numTouches < 1) return EM_FALSE;
  ImGuiIO& io = ImGui::GetIO();
  const EmscriptenTouchPoint& t = e->touches[0];
  io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
  io.AddMousePosEvent(static_cast<float>(t.targetX), static_cast<float>(t.targetY));  // position before button
  if (type == EMSCRIPTEN_EVENT_TOUCHSTART) io.AddMouseButtonEvent(0, true);
  if (type == EMSCRIPTEN_EVENT_TOUCHEND || type == EMSCRIPTEN_EVENT_TOUCHCANCEL) io.AddMouseButtonEvent(0, false);
  return EM_TRUE;
}

EM_BOOL on_focus(int type, const EmscriptenFocusEvent*, void*) {
  wake();
  ImGuiIO& io = ImGui::GetIO();
  io.AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
  if (type == EMSCRIPTEN_EVENT_BLUR) set_mods(false, false, false, false);  // no stuck modifiers
  return EM_FALSE;
}

EM_BOOL on_resize(int, const EmscriptenUiEvent*, void*) {
  wake();
  return EM_FALSE;
}

EM_BOOL on_context_lost(int, const void*, void*) {
  web_announce("The graphics context was lost. Your work is saved: reload the page.");
  return EM_TRUE;
}

void update_size() {
  emscripten_get_element_css_size(w.canvas.c_str(), &w.css_w, &w.css_h);
  w.dpr = emscripten_get_device_pixel_ratio();
  int fb_w = static_cast<int>(w.css_w * w.dpr + 0.5), fb_h = static_cast<int>(w.css_h * w.dpr + 0.5);
  int cur_w = 0, cur_h = 0;
  emscripten_get_canvas_element_size(w.canvas.c_str(), &cur_w, &cur_h);
  if (cur_w != fb_w || cur_h != fb_h) emscripten_set_canvas_element_size(w.canvas.c_str(), fb_w, fb_h);
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(w.css_w), static_cast<float>(w.css_h));
  io.DisplayFramebufferScale = ImVec2(static_cast<float>(w.dpr), static_cast<float>(w.dpr));
}

void build_fonts() {
  if (w.built_font_px == w.font_px && w.built_dpr == static_cast<float>(w.dpr)) return;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // What the screens write (scripts/check_glyphs.py checks every string literal against these).
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x0218, 0x021B, 0x2013, 0x2014,
                                   0x2018, 0x201E, 0x2022, 0x2026, 0x20AC, 0x20AC, 0};
  // Noto Sans has no arrows ("Configuration → Products" drew "?"): Noto Sans Symbols' are merged
  // into each of the three fonts.
  static const ImWchar arrows[] = {0x2190, 0x2193, 0};
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  ImFontConfig merge = cfg;
  merge.MergeMode = true;
  float px = w.font_px * static_cast<float>(w.dpr);
  // Regular first (the default), bold second (titles, totals), bold and larger third (titles).
  const std::pair<const char*, float> fonts[] = {
      {"/fonts/NotoSans-Regular.ttf", px}, {"/fonts/NotoSans-Bold.ttf", px}, {"/fonts/NotoSans-Bold.ttf", px * 1.4f}};
  for (const auto& [file, size] : fonts) {
    if (!io.Fonts->AddFontFromFileTTF(file, size, &cfg, ranges)) {
      io.Fonts->AddFontDefault();  // ImGui's own font stands in: the bold fonts keep their places
      continue;
    }
    io.Fonts->AddFontFromFileTTF("/fonts/NotoSansSymbols-Regular.ttf", size, &merge, arrows);
  }
  io.FontGlobalScale = 1.0f / static_cast<float>(w.dpr);
  // The first build makes the backend's shaders and buffers too (they upload the atlas): left to
  // the first NewFrame, that frame compiled the shaders and uploaded the atlas a second time, and
  // the first upload's texture was lost. Here it happens while IndexedDB is still being read.
  if (!w.device_objects) {
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    w.device_objects = true;
  } else {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  w.built_font_px = w.font_px;
  w.built_dpr = static_cast<float>(w.dpr);
}

void loop() {
  if (w.tick) w.tick();
  update_size();
  ImGuiIO& io = ImGui::GetIO();
  // While a save is being written, the frames that only let the layout settle wait (at most
  // kHoldMs): on a slow renderer each frame holds the main thread, and IndexedDB's steps wait
  // behind them. Input that arrives meanwhile is queued and drawn when the hold ends.
  if (w.hold_until > 0 && emscripten_get_now() < w.hold_until && w.drew_since_hold) return;
  // Draw only when something happened; a blinking text cursor asks for a slow tick.
  if (w.frames_left <= 0) {
    if (!(io.WantTextInput && emscripten_get_now() - w.last_input_ms < 30000 &&
          static_cast<int>(emscripten_get_now() / 530) % 2 != static_cast<int>((emscripten_get_now() - 17) / 530) % 2))
      return;
  } else {
    --w.frames_left;
  }
  build_fonts();
  double t0 = emscripten_get_now();
  ImGui_ImplOpenGL3_NewFrame();
  item_registry_frame();
  ImGui::NewFrame();
  w.frame();
  ImGui::Render();
  w.last_frame_ms = emscripten_get_now() - t0;
  // Keep the hidden <input> at the caret so IME candidate windows and phone keyboards line up;
  // it never takes pointer events (the canvas gets every click).
  web_text_input(io.WantTextInput ? 1 : 0, w.ime_x, w.ime_y, w.ime_h);
  glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
             static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  // Cleared to the panels' colour: the screens paint the page's colour only around their panels
  // (ui/page_gaps.h), so each pixel is filled about once.
  glClearColor(w.clear[0], w.clear[1], w.clear[2], 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  w.drew_since_hold = true;
  if (w.complete && w.complete_frame_at == 0) w.complete_frame_at = emscripten_get_now();
  if (w.interactive && w.first_frame_at == 0) {
    w.first_frame_at = emscripten_get_now();
    w.first_frame_cpu = w.last_frame_ms;
    w.first_frame_start = t0;
  }
  if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) && w.frames_left < 1) w.frames_left = 1;
  // ImGui takes one change of a key or button per frame (so nothing typed or clicked is lost),
  // so a fast burst (typing, a password manager, a click right after typing) outlasts the few
  // frames each event asks for. Draw until the queue is empty, or the rest of the burst, and the
  // click behind it, would wait for the next input.
  if (GImGui->InputEventsQueue.Size > 0 && w.frames_left < 1) w.frames_left = 1;
}

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) {
  w.ime_x = data->InputPos.x;
  w.ime_y = data->InputPos.y;
  w.ime_h = data->InputLineHeight;
}

const char* get_clipboard(void*) { return w.clipboard.c_str(); }
void set_clipboard_cb(void*, const char* text) {
  w.clipboard = text;
  web_clipboard_write(text);
}

}  // namespace

bool init(const char* canvas) {
  w.canvas = canvas;
  w.apple = web_is_apple() != 0;
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.alpha = false;
  attrs.antialias = false;
  w.gl = emscripten_webgl_create_context(canvas, &attrs);
  if (w.gl <= 0) return false;
  emscripten_webgl_make_context_current(w.gl);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is ours; nothing written behind our back
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.BackendPlatformName = "deskbill_web";
  io.SetClipboardTextFn = set_clipboard_cb;
  io.GetClipboardTextFn = get_clipboard;
  io.SetPlatformImeDataFn = set_ime_data;
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, on_key);
  emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, on_key);
  emscripten_set_mousedown_callback(canvas, nullptr, true, on_mouse);
  emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, true, on_mouse);
  emscripten_set_mousemove_callback(canvas, nullptr, true, on_mouse);
  emscripten_set_wheel_callback(canvas, nullptr, true, on_wheel);
  emscripten_set_touchstart_callback(canvas, nullptr, true, on_touch);
  emscripten_set_touchmove_callback(canvas, nullptr, true, on_touch);
  emscripten_set_touchend_callback(canvas, nullptr, true, on_touch);
  emscripten_set_touchcancel_callback(canvas, nullptr, true, on_touch);
  emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_focus);
  emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_focus);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true, on_resize);
  emscripten_set_webglcontextlost_callback(canvas, nullptr, true,
                                           reinterpret_cast<em_webgl_context_callback>(on_context_lost));
  return true;
}

void run(std::function<void()> frame) {
  w.frame = std::move(frame);
  emscripten_set_main_loop(loop, 0, 1);
}

void on_tick(std::function<void()> tick) { w.tick = std::move(tick); }

void request_redraw(int frames) {
  if (w.frames_left < frames) w.frames_left = frames;
}

void set_clear_colour(float r, float g, float b) {
  w.clear[0] = r;
  w.clear[1] = g;
  w.clear[2] = b;
}

void set_font_size(float css_px) {
  w.font_px = css_px;
  request_redraw();
}

float dpi_scale() { return static_cast<float>(w.dpr); }
double last_frame_cpu_ms() { return w.last_frame_ms; }
double first_frame_at_ms() { return w.first_frame_at; }
void mark_interactive() { w.interactive = true; }
void mark_complete() { w.complete = true; }
double complete_frame_at_ms() { return w.complete_frame_at; }
void hold_frames(double ms) {
  w.hold_until = emscripten_get_now() + ms;
  w.drew_since_hold = false;  // the frame that shows the change is still drawn
}
void release_frames() { w.hold_until = 0; }
void build_fonts_now() {
  update_size();
  build_fonts();
}
double first_frame_cpu_ms() { return w.first_frame_cpu; }
double first_frame_start_ms() { return w.first_frame_start; }

void syncfs(std::function<void(std::string)> done) { storage_call(web_syncfs, std::move(done)); }

void storage_call(const std::function<void(int)>& start, std::function<void(std::string)> done) {
  int t = next_token++;
  fs_waiters[t] = std::move(done);
  start(t);
}

void fetch_post(const std::string& url, const std::string& auth, const std::string& body,
                std::function<void(int, std::string)> done) {
  int t = next_token++;
  fetch_waiters[t] = std::move(done);
  web_fetch_post(t, url.c_str(), auth.c_str(), body.c_str());
}

void on_hash_change(std::function<void(std::string)> cb) { hash_cb = std::move(cb); }
void on_file_loaded(std::function<void(std::string, std::string)> cb) { file_cb = std::move(cb); }
void set_clipboard(const std::string& text) { set_clipboard_cb(nullptr, text.c_str()); }

}  // namespace deskbill::web

using namespace deskbill::web;

extern "C" {
EMSCRIPTEN_KEEPALIVE void deskbill_text_input(const char* utf8) {
  wake();
  ImGui::GetIO().AddInputCharactersUTF8(utf8);
}
EMSCRIPTEN_KEEPALIVE void deskbill_paste(const char* utf8) {
  wake();
  w.clipboard = utf8;
  // The paste event (from the keyboard shortcut or the browser's menu) becomes ImGui's Ctrl+V.
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiMod_Ctrl, true);
  io.AddKeyEvent(ImGuiKey_V, true);
  io.AddKeyEvent(ImGuiKey_V, false);
  io.AddKeyEvent(ImGuiMod_Ctrl, false);
}
EMSCRIPTEN_KEEPALIVE void deskbill_fs_synced(int token, const char* err) {
  auto it = fs_waiters.find(token);
  if (it == fs_waiters.end()) return;
  auto cb = std::move(it->second);
  fs_waiters.erase(it);
  cb(err ? err : "");
  request_redraw();
}
EMSCRIPTEN_KEEPALIVE void deskbill_fetch_done(int token, int status, const char* body) {
  auto it = fetch_waiters.find(token);
  if (it == fetch_waiters.end()) return;
  auto cb = std::move(it->second);
  fetch_waiters.erase(it);
  cb(status, body ? body : "");
  request_redraw();
}
EMSCRIPTEN_KEEPALIVE void deskbill_hash_changed(const char* hash) {
  if (hash_cb) hash_cb(hash);
  request_redraw();
}
EMSCRIPTEN_KEEPALIVE void deskbill_file_loaded(const char* name, const char* data, int len) {
  if (file_cb) file_cb(name, std::string(data, static_cast<size_t>(len)));
  request_redraw();
}
EMSCRIPTEN_KEEPALIVE void deskbill_wake() { request_redraw(); }
// Input events the app has received and not yet processed (tests wait for 0).
EMSCRIPTEN_KEEPALIVE int deskbill_input_pending() {
  return ImGui::GetCurrentContext() ? GImGui->InputEventsQueue.Size : 0;
}
}
