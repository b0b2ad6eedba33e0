#include "engine/stats/cost_stats.h"

#include <algorithm>

#include "engine/money/rounding.h"

namespace remit {

Percent PercentOfKey(absl::int128 key, absl::int128 denominator) {
  return Percent::FromScaled(static_cast<int64_t>(
      DivideRounded(key, denominator, RoundingMode::kHalfEven)));
}

std::optional<Percent> CostStats::AverageOf(absl::int128 sum, size_t count,
                                            absl::int128 denominator) {
  if (count == 0) return std::nullopt;
  return PercentOfKey(sum, denominator * static_cast<int64_t>(count));
}

std::optional<Percent> CostStats::MedianOf(std::vector<absl::int128>* keys,
                                           absl::int128 denominator) {
  const size_t n = keys->size();
  if (n == 0) return std::nullopt;
  const auto middle = keys->begin() + n / 2;
  std::nth_element(keys->begin(), middle, keys->end());
  absl::int128 twice = *middle * 2;
  if (n % 2 == 0) twice = *middle + *std::max_element(keys->begin(), middle);
  return PercentOfKey(twice, denominator * 2);
}

Percent CostStats::ShareOf(size_t part, size_t count) {
  if (count == 0) return Percent();
  return *Percent::FromRatio(part, count, RoundingMode::kHalfEven);
}

}  // namespace remit
