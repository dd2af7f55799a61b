// The browser window for ImGui: a WebGL2 canvas sized to CSS × devicePixelRatio, input from
// html5.h events (keys, mouse, wheel, touch, focus), text through a hidden <input> so composed
// and Romanian characters arrive whole, and a main loop that draws only when needed.
#pragma once
#include <functional>
#include <string>

namespace deskbill::web {

// Creates the GL context and the ImGui context; false if WebGL2 is unavailable.
bool init(const char* canvas_selector);
// `frame` builds one ImGui frame (between NewFrame and Render).
void run(std::function<void()> frame);
// Runs every animation frame, drawn or not (timeouts, retries, periodic sync).
void on_tick(std::function<void()> tick);
// Asks for a few more frames (after any change that is not an input event).
void request_redraw(int frames = 3);
// Loads the UI font at `size` CSS pixels; called again when the scale or size changes.
void set_font_size(float css_px);
// The colour each frame starts from (the screens' panels: ui::panel_colour()).
void set_clear_colour(float r, float g, float b);
float dpi_scale();
// Builds the font atlas now rather than on the first frame.
void build_fonts_now();

// Asynchronous services with C++ callbacks.
void syncfs(std::function<void(std::string error)> done);
// Calls start(token); `done` runs when JS reports that token ('' = success). For the cold
// storage calls of web_services.h.
void storage_call(const std::function<void(int token)>& start, std::function<void(std::string error)> done);
void fetch_post(const std::string& url, const std::string& auth, const std::string& body,
                std::function<void(int status, std::string body)> done);
void on_hash_change(std::function<void(std::string)> cb);
void on_file_loaded(std::function<void(std::string name, std::string data)> cb);
void set_clipboard(const std::string& text);

// Frame timing of the last built frame (NewFrame → draw data), for the benchmark page.
double last_frame_cpu_ms();
// The workspace is shown from the next frame on; first_frame_at_ms() is when that frame was
// drawn, in performance.now() time (the cold start figure). A start that shows it first without
// the timesheets (WebHost::show_preview) marks it complete once everything is loaded:
// complete_frame_at_ms() is when the first frame after that was drawn (the one that can edit).
void mark_interactive();
void mark_complete();
double complete_frame_at_ms();
// A save is being written: after one more frame, frames without new input wait until
// release_frames() or `ms` have passed.
void hold_frames(double ms);
void release_frames();
double first_frame_at_ms();
double first_frame_cpu_ms();    // its NewFrame → draw data time
double first_frame_start_ms();  // when it began

}  // namespace deskbill::web
