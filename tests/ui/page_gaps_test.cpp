// Where the page shows between its panels (ui/page_gaps.h): only there is the page's colour
// painted, so what is computed must cover every pixel no panel covers, and nothing else.
#include "ui/page_gaps.h"

#include <gtest/gtest.h>

#include <random>

using deskbill::ui::Box;
using deskbill::ui::page_gaps;

namespace {
bool inside(const Box& b, float x, float y) { return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1; }

// How many of the gaps cover the pixel centre (x, y).
int gaps_over(const std::vector<Box>& gaps, float x, float y) {
  int n = 0;
  for (const Box& g : gaps) n += inside(g, x, y);
  return n;
}

// Every pixel of the page is in exactly one gap if no panel covers it, else in none.
void expect_gaps_are_the_page_minus_the_panels(const Box& page, const std::vector<Box>& panels) {
  const std::vector<Box> gaps = page_gaps(page, panels);
  for (float y = page.y0 + 0.5f; y < page.y1; y += 1)
    for (float x = page.x0 + 0.5f; x < page.x1; x += 1) {
      bool panel = false;
      for (const Box& p : panels) panel = panel || inside(p, x, y);
      ASSERT_EQ(gaps_over(gaps, x, y), panel ? 0 : 1) << "pixel " << x << "," << y;
    }
  for (const Box& g : gaps) {
    EXPECT_GE(g.x0, page.x0);
    EXPECT_LE(g.x1, page.x1);
    EXPECT_GE(g.y0, page.y0);
    EXPECT_LE(g.y1, page.y1);
    EXPECT_LT(g.x0, g.x1);
    EXPECT_LT(g.y0, g.y1);
  }
}
}  // namespace

TEST(PageGaps, APageWithoutPanelsIsOneGap) {
  const std::vector<Box> gaps = page_gaps({0, 0, 100, 50}, {});
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0].x0, 0);
  EXPECT_EQ(gaps[0].y1, 50);
}

TEST(PageGaps, TheSideBarAndTheMainPanelLeaveTheirMarginsAndTheStripBetweenThem) {
  // The app's layout: a side bar and the main panel, side by side inside the window's padding.
  const Box page{0, 0, 1400, 900};
  const std::vector<Box> panels{{14, 12, 204, 888}, {214, 12, 1386, 888}};
  const std::vector<Box> gaps = page_gaps(page, panels);
  expect_gaps_are_the_page_minus_the_panels(page, panels);
  // Left margin, above and below each panel, the strip between them, the right margin.
  EXPECT_EQ(gaps.size(), 7u);
  float area = 0;
  for (const Box& g : gaps) area += (g.x1 - g.x0) * (g.y1 - g.y0);
  EXPECT_FLOAT_EQ(area, 1400.f * 900 - 190.f * 876 - 1172.f * 876);
}

TEST(PageGaps, APanelCoveringThePageLeavesNoGap) {
  EXPECT_TRUE(page_gaps({0, 0, 100, 50}, {{-5, -5, 200, 80}}).empty());
}

TEST(PageGaps, PanelsOutsideThePageEmptyOrOverlappingAreCoveredOnce) {
  expect_gaps_are_the_page_minus_the_panels({0, 0, 60, 40}, {{10, 10, 30, 30}, {20, 5, 50, 20}, {-10, 35, 5, 60}});
  expect_gaps_are_the_page_minus_the_panels({0, 0, 60, 40}, {{70, 10, 90, 30}, {10, -30, 20, -10}, {30, 30, 30, 35}});
  expect_gaps_are_the_page_minus_the_panels({0, 0, 60, 40}, {{10, 50, 20, 70}, {40, 10, 45, 12}});
}

TEST(PageGaps, RandomPanelsLeaveExactlyTheUncoveredPixels) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> coord(-10, 70);
  for (int round = 0; round < 200; ++round) {
    std::vector<Box> panels;
    for (int n = rng() % 5; n > 0; --n) {
      float x0 = coord(rng), x1 = coord(rng), y0 = coord(rng), y1 = coord(rng);
      panels.push_back({std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)});
    }
    expect_gaps_are_the_page_minus_the_panels({0, 0, 60, 50}, panels);
  }
}
