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
struct Seen {
  ImRect bb;
  int frame = -1;
};
std::unordered_map<ImGuiID, ImRect> g_boxes;
std::unordered_map<std::string, Seen> g_labels;
int g_box_frame = -1;
std::string g_answer;
bool g_enabled = false;
}  // namespace

namespace deskbill::web {
// Called before each NewFrame: recording costs a little, so it is on only for tests.
void item_registry_frame() {
  if (ImGui::GetCurrentContext()) ImGui::GetCurrentContext()->TestEngineHookItems = g_enabled;
}
}  // namespace deskbill::web

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb, const ImGuiLastItemData*) {
  if (g_box_frame != ctx->FrameCount) {
    g_boxes.clear();
    g_box_frame = ctx->FrameCount;
  }
  // Clip to the window so scrolled-away rows are not "found".
  ImRect r = bb;
  if (ctx->CurrentWindow) r.ClipWithFull(ctx->CurrentWindow->ClipRect);
  g_boxes[id] = r;
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
  if (!label) return;
  auto it = g_boxes.find(id);
  if (it == g_boxes.end() || it->second.GetWidth() <= 0 || it->second.GetHeight() <= 0) return;
  std::string key(label);
  size_t hash = key.find("##");
  if (hash != std::string::npos) key.resize(hash);
  if (key.empty()) key = label;
  g_labels[key] = Seen{it->second, ctx->FrameCount};
  g_labels[label] = Seen{it->second, ctx->FrameCount};
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

extern "C" {
// Returns "x,y,w,h" in CSS pixels of the item last drawn with this label, or "".
EMSCRIPTEN_KEEPALIVE const char* deskbill_find_item(const char* label) {
  g_answer.clear();
  ImGuiContext* ctx = ImGui::GetCurrentContext();
  auto it = g_labels.find(label);
  if (!ctx || it == g_labels.end() || it->second.frame < ctx->FrameCount - 2) return g_answer.c_str();
  char buf[96];
  const ImRect& b = it->second.bb;
  std::snprintf(buf, sizeof buf, "%.1f,%.1f,%.1f,%.1f", b.Min.x, b.Min.y, b.GetWidth(), b.GetHeight());
  g_answer = buf;
  return g_answer.c_str();
}
EMSCRIPTEN_KEEPALIVE void deskbill_enable_item_registry(int on) { g_enabled = on != 0; }
}
