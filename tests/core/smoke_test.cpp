#include <gtest/gtest.h>
#include "core/apply.h"
TEST(Smoke, EmptyStateHasUnits) { deskbill::State s; EXPECT_EQ(s.uoms.size(), 4u); }
