#include "engine/stats/cost_stats.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
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

// `Stats` given `keys` (AddKeys in blocks of 1 to 300, some one by one
// with Add between them, as a scan hands them over).
template <typename Stats, typename Key>
void AddAsAScanDoes(const std::vector<int64_t>& keys, Stats& stats) {
  std::vector<Key> block;
  for (size_t i = 0, size = 1; i < keys.size(); size = size % 300 + 1) {
    const size_t take = std::min(size, keys.size() - i);
    block.assign(keys.begin() + i, keys.begin() + i + take);
    stats.AddKeys(block.data(), take);
    i += take;
    if (i < keys.size() && size % 3 == 0) stats.Add(keys[i++]);
  }
}

// With a window from `low` to `high` (KeepForMedian), in 64 and 128 bits:
// every figure but the median as without, and the median too when the
// middle keys lie within it, as `sorted` says they do.
void ExpectWindowedFigures(const std::vector<int64_t>& keys,
                           const std::vector<int64_t>& sorted, int64_t low,
                           int64_t high, absl::int128 denominator,
                           const CostStats& expected, Percent median) {
  const size_t n = sorted.size();
  const size_t below =
      std::lower_bound(sorted.begin(), sorted.end(), low) - sorted.begin();
  const size_t within = std::upper_bound(sorted.begin(), sorted.end(), high) -
                        sorted.begin() - below;
  const bool middle_within = below <= (n - 1) / 2 && below + within > n / 2;
  const std::string where = absl::StrCat("n ", n, " window ", low, "..", high);
  std::vector<int64_t> narrow_buffer;
  NarrowCostStats narrow(denominator, &narrow_buffer, n);
  narrow.KeepForMedian(low, high);
  AddAsAScanDoes<NarrowCostStats, int64_t>(keys, narrow);
  std::vector<absl::int128> wide_buffer;
  CostStats wide(denominator, &wide_buffer);
  wide.KeepForMedian(low, high);
  AddAsAScanDoes<CostStats, absl::int128>(keys, wide);
  EXPECT_EQ(narrow_buffer.size(), within) << where;
  EXPECT_EQ(wide_buffer.size(), within) << where;
  EXPECT_EQ(narrow.count(), n) << where;
  EXPECT_EQ(wide.count(), n) << where;
  EXPECT_EQ(narrow.Average(), expected.Average()) << where;
  EXPECT_EQ(wide.Average(), expected.Average()) << where;
  EXPECT_EQ(narrow.ShareAtOrBelow3Percent(), expected.ShareAtOrBelow3Percent())
      << where;
  EXPECT_EQ(wide.ShareAtOrBelow3Percent(), expected.ShareAtOrBelow3Percent())
      << where;
  EXPECT_EQ(narrow.ShareAtOrBelow5Percent(), expected.ShareAtOrBelow5Percent())
      << where;
  EXPECT_EQ(wide.ShareAtOrBelow5Percent(), expected.ShareAtOrBelow5Percent())
      << where;
  ASSERT_EQ(narrow.MedianKept(), middle_within) << where;
  ASSERT_EQ(wide.MedianKept(), middle_within) << where;
  if (middle_within) {
    EXPECT_EQ(narrow.Median(), median) << where;
    EXPECT_EQ(wide.Median(), median) << where;
  }
}

// The median of `keys` by sorting a copy, and the other figures of 128-bit
// keys, to hold NarrowCostStats' selection to.
void ExpectFiguresOfSorted(const std::vector<int64_t>& keys,
                           absl::int128 denominator) {
  std::vector<int64_t> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  const size_t n = sorted.size();
  const absl::int128 twice =
      n % 2 == 1 ? absl::int128(sorted[n / 2]) * 2
                 : absl::int128(sorted[n / 2 - 1]) + sorted[n / 2];
  std::vector<int64_t> narrow_buffer;
  std::vector<absl::int128> wide_buffer;
  NarrowCostStats narrow(denominator, &narrow_buffer);
  CostStats wide(denominator, &wide_buffer);
  for (const int64_t key : keys) {
    narrow.Add(key);
    wide.Add(key);
  }
  std::vector<int64_t> block_buffer;
  NarrowCostStats blocks(denominator, &block_buffer);
  AddAsAScanDoes<NarrowCostStats, int64_t>(keys, blocks);
  EXPECT_EQ(blocks.count(), n);
  EXPECT_EQ(blocks.Average(), wide.Average()) << "n " << n;
  EXPECT_EQ(blocks.ShareAtOrBelow3Percent(), wide.ShareAtOrBelow3Percent());
  EXPECT_EQ(blocks.ShareAtOrBelow5Percent(), wide.ShareAtOrBelow5Percent());
  EXPECT_EQ(blocks.Median(), PercentOfKey(twice, denominator * 2)) << "n " << n;
  EXPECT_EQ(narrow.Median(), PercentOfKey(twice, denominator * 2)) << "n " << n;
  EXPECT_EQ(narrow.Average(), wide.Average()) << "n " << n;
  EXPECT_EQ(narrow.ShareAtOrBelow3Percent(), wide.ShareAtOrBelow3Percent());
  EXPECT_EQ(narrow.ShareAtOrBelow5Percent(), wide.ShareAtOrBelow5Percent());
  // Windows around the middle keys, at them, beside them, and past every
  // key.
  const Percent median = PercentOfKey(twice, denominator * 2);
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t lower = sorted[(n - 1) / 2];
  const int64_t upper = sorted[n / 2];
  const int64_t least = sorted.front();
  const int64_t greatest = sorted.back();
  for (const auto& [low, high] : std::vector<std::pair<int64_t, int64_t>>{
           {sorted[(n - 1) / 4], sorted[(3 * n) / 4]},
           {lower, upper},
           {kMin, kMax},
           {least, greatest},
           {lower, lower},
           {upper, upper},
           {kMin, lower},
           {upper, kMax},
           {greatest, kMax},
           {kMin, least}}) {
    ExpectWindowedFigures(keys, sorted, low, high, denominator, wide, median);
  }
  // The buffer keeps every key, so the figures hold after another key.
  std::vector<int64_t> kept = narrow_buffer;
  std::sort(kept.begin(), kept.end());
  EXPECT_EQ(kept, sorted) << "n " << n;
  narrow.Add(sorted[0]);
  wide.Add(sorted[0]);
  EXPECT_EQ(narrow.Median(), wide.Median()) << "n " << n + 1;
  EXPECT_EQ(narrow.Average(), wide.Average()) << "n " << n + 1;
}

// A window is set before the first key, low end first; the median is
// asked only of keys whose middle ones were kept. Anything else is a
// defect of the caller's, and the process stops.
TEST(CostStatsDeathTest, WindowMisuseAborts) {
  std::vector<int64_t> buffer;
  EXPECT_DEATH(
      {
        NarrowCostStats stats(1, &buffer);
        stats.KeepForMedian(2, 1);
      },
      "");
  EXPECT_DEATH(
      {
        NarrowCostStats stats(1, &buffer);
        stats.Add(1);
        stats.KeepForMedian(0, 2);
      },
      "");
  EXPECT_DEATH(
      {
        NarrowCostStats stats(1, &buffer);
        stats.KeepForMedian(10, 20);
        for (int64_t key : {1, 2, 3}) stats.Add(key);
        if (!stats.MedianKept()) (void)stats.Median();
      },
      "");
}

TEST(CostStatsTest, NarrowMedianMatchesSortingForEveryShapeAndCount) {
  std::mt19937_64 random(20261202);
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  std::vector<size_t> counts;
  for (size_t n = 1; n <= 200; ++n) counts.push_back(n);
  for (size_t n : {255, 256, 1000, 1001, 4096, 10'000, 10'001}) {
    counts.push_back(n);
  }
  for (const size_t n : counts) {
    // Spread costs, as a ranking's keys (cost x 10^11).
    std::vector<int64_t> keys(n);
    std::uniform_int_distribution<int64_t> spread(0, 2'000'000'000'000'000);
    for (int64_t& key : keys) key = spread(random);
    ExpectFiguresOfSorted(keys, 30000);
    // Many ties: a few distinct keys, some below zero.
    std::uniform_int_distribution<int64_t> few(-3, 4);
    for (int64_t& key : keys) key = few(random) * 100'000'000'000;
    ExpectFiguresOfSorted(keys, 30000);
    // Every key the same.
    std::fill(keys.begin(), keys.end(), 123'456'789);
    ExpectFiguresOfSorted(keys, 1);
    // A tight cluster and far outliers: most keys share a bucket.
    std::uniform_int_distribution<int64_t> cluster(5'000'000, 5'000'100);
    for (int64_t& key : keys) key = cluster(random);
    keys[0] = kMin;
    if (n > 1) keys[n - 1] = kMax;
    ExpectFiguresOfSorted(keys, 7);
    // Keys across all of int64, whose sum overflows int64.
    std::uniform_int_distribution<int64_t> any(kMin, kMax);
    for (int64_t& key : keys) key = any(random);
    ExpectFiguresOfSorted(keys, absl::int128(1) << 80);
    // Large keys only: the sum overflows and is worked out in int128.
    std::uniform_int_distribution<int64_t> large(kMax / 2, kMax);
    for (int64_t& key : keys) key = large(random);
    ExpectFiguresOfSorted(keys, 1'000'000);
  }
}

// A buffer reserved for a million keys (8 MB) and reused: the same
// figures as sorting gives.
TEST(CostStatsTest, BuffersReservedForManyKeysGiveTheSameFigures) {
  std::mt19937_64 random(20261203);
  std::uniform_int_distribution<int64_t> spread(0, 2'000'000'000'000'000);
  std::vector<int64_t> buffer;
  for (const size_t n : {size_t{200'001}, size_t{150'000}}) {
    std::vector<int64_t> keys(n);
    for (int64_t& key : keys) key = spread(random);
    NarrowCostStats stats(30000, &buffer, /*expected=*/size_t{1} << 20);
    EXPECT_GE(buffer.capacity(), size_t{1} << 20);
    for (size_t i = 0; i < n; i += 256) {
      stats.AddKeys(keys.data() + i, std::min<size_t>(256, n - i));
    }
    std::vector<int64_t> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    const absl::int128 twice =
        n % 2 == 1 ? absl::int128(sorted[n / 2]) * 2
                   : absl::int128(sorted[n / 2 - 1]) + sorted[n / 2];
    absl::int128 sum = 0;
    for (const int64_t key : keys) sum += key;
    EXPECT_EQ(stats.count(), n);
    EXPECT_EQ(stats.Median(), PercentOfKey(twice, 60000)) << "n " << n;
    EXPECT_EQ(stats.Average(), PercentOfKey(sum, absl::int128(30000) * n))
        << "n " << n;
  }
}

}  // namespace
}  // namespace remit
