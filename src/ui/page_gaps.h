// Where the page shows between its panels. The screen is cleared to the panels' colour and only
// these gaps are painted in the page's colour: a frame then fills each pixel about once instead
// of three times (clear, page, panel), which cuts a frame's cost by half or more where the
// browser draws WebGL in software (SwiftShader: a GPU on its block list, a virtual machine, the
// tests' headless Chromium), where filling pixels is most of a frame. Plain data, no ImGui:
// checked natively.
#pragma once
#include <algorithm>
#include <vector>

namespace deskbill::ui {

struct Box {
  float x0, y0, x1, y1;
};

// The parts of `page` that no panel covers, as boxes that do not overlap, in columns from left to
// right and top to bottom inside each. Panels may overlap each other or reach outside the page;
// an empty panel covers nothing.
inline std::vector<Box> page_gaps(const Box& page, const std::vector<Box>& panels) {
  std::vector<float> xs{page.x0, page.x1};
  for (const Box& p : panels) {
    if (p.x1 <= p.x0 || p.y1 <= p.y0) continue;
    xs.push_back(std::clamp(p.x0, page.x0, page.x1));
    xs.push_back(std::clamp(p.x1, page.x0, page.x1));
  }
  std::sort(xs.begin(), xs.end());
  xs.erase(std::unique(xs.begin(), xs.end()), xs.end());
  std::vector<Box> gaps;
  std::vector<std::pair<float, float>> covered;
  for (size_t i = 0; i + 1 < xs.size(); ++i) {
    const float xa = xs[i], xb = xs[i + 1];
    // Between two neighbouring edges a panel covers the whole column or none of it.
    covered.clear();
    for (const Box& p : panels)
      if (p.x1 > p.x0 && p.y1 > p.y0 && p.x0 <= xa && p.x1 >= xb)
        covered.emplace_back(std::clamp(p.y0, page.y0, page.y1), std::clamp(p.y1, page.y0, page.y1));
    std::sort(covered.begin(), covered.end());
    float y = page.y0;
    for (const auto& [top, bottom] : covered) {
      if (top > y) gaps.push_back({xa, y, xb, top});
      y = std::max(y, bottom);
    }
    if (y < page.y1) gaps.push_back({xa, y, xb, page.y1});
  }
  return gaps;
}

}  // namespace deskbill::ui
