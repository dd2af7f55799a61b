// Where each labelled ImGui item was drawn last frame, so browser tests click widgets by their
// label instead of fixed coordinates. Uses ImGui's test-engine hooks (IMGUI_ENABLE_TEST_ENGINE);
// recording is on only when the page is opened with ?test.
#include <emscripten.h>

#include <cstdio>
#include <string>
#include <unordered_map>

#include "imgui.h"
#include "imgui_internal.h"

namespace {
// Boxes come from ItemAdd and labels from ItemInfo, in either order (tabs report their label
// before their box), so both are kept by id and joined when a test asks.
struct Box {
  ImRect bb;
  int frame = -1;
  bool disabled = false;  // drawn inside BeginDisabled (an action the user may not take)
  // Runs past the right edge of its window (not in a table, where cells cut long text on
  // purpose): a clipped button or field at a large font size.
  bool overflows = false;
};
std::unordered_map<ImGuiID, Box> g_boxes;
std::unordered_map<std::string, ImGuiID> g_labels;
// The label each id was last drawn with: a "###" id keeps its id while its visible text changes
// (the language, a ticking timer), and only the text drawn now is reported as shown.
std::unordered_map<ImGuiID, std::string> g_last_label;
std::string g_answer;
bool g_enabled = false;
}  // namespace

namespace deskbill::web {
// Called before each NewFrame: recording costs a little, so it is on only for tests.
void item_registry_frame() {
  if (ImGui::GetCurrentContext()) ImGui::GetCurrentContext()->TestEngineHookItems = g_enabled;
}
}  // namespace deskbill::web

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData* item) {
  // Clip to the window so scrolled-away rows are not "found".
  ImRect r = bb;
  if (ctx->CurrentWindow) r.ClipWithFull(ctx->CurrentWindow->ClipRect);
  bool disabled = ((item ? item->InFlags : ctx->CurrentItemFlags) & ImGuiItemFlags_Disabled) != 0;
  bool overflows = ctx->CurrentWindow && !ctx->CurrentTable && bb.Max.x > ctx->CurrentWindow->ClipRect.Max.x + 1.f;
  g_boxes[id] = Box{r, ctx->FrameCount, disabled, overflows};
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (!label) return;
  std::string key(label);
  g_labels[key] = id;
  g_last_label[id] = key;
  size_t hash = key.find("##");
  if (hash != std::string::npos && hash > 0) {
    g_labels[key.substr(0, hash)] = id;
    g_labels[key.substr(hash)] = id;  // "##stop-timer": labels whose visible part changes
    // "Stop timer 00:00:03###stop-timer" (an id that ignores the visible part) is also found as
    // "##stop-timer".
    if (key.compare(hash, 3, "###") == 0) g_labels[key.substr(hash + 1)] = id;
  }
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

extern "C" {
// Returns "x,y,w,h,disabled" (CSS pixels; disabled 0 or 1) of the item last drawn with this
// label, or "".
EMSCRIPTEN_KEEPALIVE const char* deskbill_find_item(const char* label) {
  g_answer.clear();
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  auto it = g_labels.find(label);
  if (!ctx || it == g_labels.end()) return g_answer.c_str();
  auto box = g_boxes.find(it->second);
  if (box == g_boxes.end() || box->second.frame < ctx->FrameCount - 2 || box->second.bb.GetWidth() <= 0 ||
      box->second.bb.GetHeight() <= 0)
    return g_answer.c_str();
  char buf[96];
  const ImRect& b = box->second.bb;
  std::snprintf(buf, sizeof buf, "%.1f,%.1f,%.1f,%.1f,%d", b.Min.x, b.Min.y, b.GetWidth(), b.GetHeight(),
                box->second.disabled ? 1 : 0);
  g_answer = buf;
  return g_answer.c_str();
}
EMSCRIPTEN_KEEPALIVE void deskbill_enable_item_registry(int on) { g_enabled = on != 0; }
// The labels of the items drawn in the last frames that run past their window's right edge.
EMSCRIPTEN_KEEPALIVE const char* deskbill_overflowing_items() {
  g_answer.clear();
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  if (!ctx) return g_answer.c_str();
  for (const auto& [label, id] : g_labels) {
    auto box = g_boxes.find(id);
    if (box == g_boxes.end() || box->second.frame < ctx->FrameCount - 2 || !box->second.overflows) continue;
    if (g_last_label[id] != label) continue;
    g_answer += label;
    g_answer += '\n';
  }
  return g_answer.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* deskbill_item_labels() {
  g_answer.clear();
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  if (!ctx) return g_answer.c_str();
  for (const auto& [label, id] : g_labels) {
    auto box = g_boxes.find(id);
    if (box == g_boxes.end() || box->second.frame < ctx->FrameCount - 2) continue;
    if (g_last_label[id] != label) continue;  // drawn since with another text
    size_t hash = label.find("##");
    if (hash == 0) continue;
    g_answer += label.substr(0, hash);
    g_answer += '\n';
  }
  return g_answer.c_str();
}
}
