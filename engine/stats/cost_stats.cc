#include "engine/stats/cost_stats.h"

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "engine/money/rounding.h"

namespace remit {

Percent PercentOfKey(absl::int128 key, absl::int128 denominator) {
  return Percent::FromScaled(static_cast<int64_t>(
      DivideRounded(key, denominator, RoundingMode::kHalfEven)));
}

template <typename Key>
std::optional<Percent> BasicCostStats<Key>::AverageOf(
    absl::int128 sum, size_t count, absl::int128 denominator) {
  if (count == 0) return std::nullopt;
  return PercentOfKey(sum, denominator * static_cast<int64_t>(count));
}

template <typename Key>
typename BasicCostStats<Key>::Sums BasicCostStats<Key>::SumOf(
    const std::vector<Key>& keys, Key three, Key five) {
  Sums sums;
  sums.count = keys.size();
  if constexpr (std::is_same_v<Key, int64_t>) {
    // In int64 while the sum fits: two instructions a key fewer.
    int64_t sum = 0;
    bool overflow = false;
    for (const Key key : keys) {
      overflow |= __builtin_add_overflow(sum, key, &sum);
      sums.at_or_below_3 += key <= three;
      sums.at_or_below_5 += key <= five;
    }
    if (!overflow) {
      sums.sum = sum;
      return sums;
    }
    sums.at_or_below_3 = 0;
    sums.at_or_below_5 = 0;
  }
  for (const Key key : keys) {
    sums.sum += key;
    sums.at_or_below_3 += key <= three;
    sums.at_or_below_5 += key <= five;
  }
  return sums;
}

template <typename Key>
std::optional<Percent> BasicCostStats<Key>::MedianOf(std::vector<Key>* keys,
                                                     absl::int128 denominator) {
  const size_t n = keys->size();
  if (n == 0) return std::nullopt;
  const auto middle = keys->begin() + n / 2;
  std::nth_element(keys->begin(), middle, keys->end());
  absl::int128 twice = absl::int128(*middle) * 2;
  if (n % 2 == 0) {
    twice = absl::int128(*middle) + *std::max_element(keys->begin(), middle);
  }
  return PercentOfKey(twice, denominator * 2);
}

template <typename Key>
Percent BasicCostStats<Key>::ShareOf(size_t part, size_t count) {
  if (count == 0) return Percent();
  return *Percent::FromRatio(part, count, RoundingMode::kHalfEven);
}

template class BasicCostStats<absl::int128>;
template class BasicCostStats<int64_t>;

}  // namespace remit
