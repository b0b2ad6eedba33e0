#include "engine/stats/cost_stats.h"

#include <cstdint>
#include <limits>
#include <vector>

#include "gtest/gtest.h"

namespace remit {
namespace {

// Percent's unit: a billionth of a percentage point.
constexpr int64_t kPoint = 1'000'000'000;

TEST(CostStatsTest, EmptyHasNoFigures) {
  std::vector<absl::int128> buffer = {1, 2, 3};  // Cleared on construction.
  CostStats stats(1, &buffer);
  EXPECT_EQ(stats.count(), 0u);
  EXPECT_FALSE(stats.Average().has_value());
  EXPECT_FALSE(stats.Median().has_value());
  EXPECT_EQ(stats.ShareAtOrBelow3Percent().scaled(), 0);
  EXPECT_EQ(stats.ShareAtOrBelow5Percent().scaled(), 0);
}

TEST(CostStatsTest, AverageMedianAndSharesOfPercentages) {
  std::vector<absl::int128> buffer;
  CostStats stats(1, &buffer);
  for (int64_t points : {6, 2, 3, 5, 9}) stats.Add(points * kPoint);
  EXPECT_EQ(stats.count(), 5u);
  EXPECT_EQ(stats.Average()->scaled(), 5 * kPoint);  // 25 / 5.
  EXPECT_EQ(stats.Median()->scaled(), 5 * kPoint);   // 2 3 [5] 6 9.
  // 3 % counts as at or under 3 %: 2 of 5 = 40 %; 5 % likewise: 3 of 5.
  EXPECT_EQ(stats.ShareAtOrBelow3Percent().scaled(), 40 * kPoint);
  EXPECT_EQ(stats.ShareAtOrBelow5Percent().scaled(), 60 * kPoint);
}

TEST(CostStatsTest, EvenCountMedianIsTheMeanOfTheMiddleTwo) {
  std::vector<absl::int128> buffer;
  CostStats stats(1, &buffer);
  for (int64_t points : {8, 1, 4, 3}) stats.Add(points * kPoint);
  EXPECT_EQ(stats.Median()->scaled(), 3'500'000'000);  // (3 + 4) / 2.
}

TEST(CostStatsTest, KeysAreExactFractionsRoundedOnceHalfEven) {
  // Send mode: key = cost x 10^11, denominator = amount. Costs of 1.00,
  // 1.00 and 1.01 (minor units 100, 100, 101) on 300.00 (30000): each is
  // 0.333...% or 0.3366...%, and the average is 301/90000 = 0.334444...%,
  // not the average of three rounded figures.
  const absl::int128 amount = 30000;
  const absl::int128 scale = 100'000'000'000;
  std::vector<absl::int128> buffer;
  CostStats stats(amount, &buffer);
  for (int64_t cost : {100, 100, 101}) stats.Add(cost * scale);
  EXPECT_EQ(stats.Average()->scaled(), 334'444'444);
  EXPECT_EQ(stats.Median()->scaled(), 333'333'333);
  // Exactly 3 %: 900.00 on 30000.00 is at or under 3 %.
  std::vector<absl::int128> other;
  CostStats edge(3'000'000, &other);
  edge.Add(absl::int128(90'000) * scale);
  EXPECT_EQ(edge.ShareAtOrBelow3Percent().scaled(), 100 * kPoint);
  edge.Add(absl::int128(90'001) * scale);
  EXPECT_EQ(edge.ShareAtOrBelow3Percent().scaled(), 50 * kPoint);
}

TEST(CostStatsTest, PercentOfKeyRoundsHalfEven) {
  EXPECT_EQ(PercentOfKey(5, 2).scaled(), 2);  // 2.5 -> 2.
  EXPECT_EQ(PercentOfKey(7, 2).scaled(), 4);  // 3.5 -> 4.
  EXPECT_EQ(PercentOfKey(-7, 2).scaled(), -4);
}

TEST(SmartAverageTest, NeedsThreeOffers) {
  SmartAverage smart;
  smart.Add(2 * kPoint);
  smart.Add(4 * kPoint);
  EXPECT_EQ(smart.count(), 2u);
  EXPECT_FALSE(smart.Average(1).has_value());
  smart.Add(9 * kPoint);
  EXPECT_EQ(smart.Average(1)->scaled(), 5 * kPoint);
}

TEST(SmartAverageTest, KeepsTheThreeCheapestInAnyOrder) {
  SmartAverage smart;
  for (int64_t points : {9, 7, 1, 8, 2, 2, 30}) smart.Add(points * kPoint);
  EXPECT_EQ(smart.count(), 7u);
  // 1, 2, 2.
  EXPECT_EQ(smart.Average(1)->scaled(), 1'666'666'667);
}

TEST(CostStatsTest, NarrowKeysGiveTheSameFigures) {
  // 64-bit keys: the same figures as 128-bit ones, with 3 % and 5 % of a
  // denominator past int64 counting every key.
  for (const absl::int128 denominator :
       {absl::int128(30000), absl::int128(1) << 80}) {
    std::vector<absl::int128> wide_buffer;
    std::vector<int64_t> narrow_buffer;
    CostStats wide(denominator, &wide_buffer);
    NarrowCostStats narrow(denominator, &narrow_buffer, /*expected=*/4);
    for (int64_t key :
         {int64_t{90'000} * 100'000'000'000, int64_t{150'001} * 100'000'000'000,
          int64_t{7}, std::numeric_limits<int64_t>::max()}) {
      wide.Add(key);
      narrow.Add(key);
    }
    EXPECT_EQ(narrow.count(), wide.count());
    EXPECT_EQ(narrow.Average(), wide.Average());
    EXPECT_EQ(narrow.Median(), wide.Median());
    EXPECT_EQ(narrow.ShareAtOrBelow3Percent(), wide.ShareAtOrBelow3Percent());
    EXPECT_EQ(narrow.ShareAtOrBelow5Percent(), wide.ShareAtOrBelow5Percent());
  }
}

}  // namespace
}  // namespace remit
