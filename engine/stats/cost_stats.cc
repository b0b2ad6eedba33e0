#include "engine/stats/cost_stats.h"

#include <algorithm>

#include "engine/money/rounding.h"

namespace remit {

Percent PercentOfKey(absl::int128 key, absl::int128 denominator) {
  return Percent::FromScaled(static_cast<int64_t>(
      DivideRounded(key, denominator, RoundingMode::kHalfEven)));
}

CostStats::CostStats(absl::int128 denominator,
                     std::vector<absl::int128>* buffer)
    : denominator_(denominator),
      three_(absl::int128(3'000'000'000) * denominator),
      five_(absl::int128(5'000'000'000) * denominator),
      keys_(buffer) {
  keys_->clear();
}

std::optional<Percent> CostStats::Average() const {
  if (keys_->empty()) return std::nullopt;
  return PercentOfKey(sum_, denominator_ * static_cast<int64_t>(keys_->size()));
}

std::optional<Percent> CostStats::Median() {
  const size_t n = keys_->size();
  if (n == 0) return std::nullopt;
  const auto middle = keys_->begin() + n / 2;
  std::nth_element(keys_->begin(), middle, keys_->end());
  absl::int128 twice = *middle * 2;
  if (n % 2 == 0) twice = *middle + *std::max_element(keys_->begin(), middle);
  return PercentOfKey(twice, denominator_ * 2);
}

Percent CostStats::ShareAtOrBelow3Percent() const {
  if (keys_->empty()) return Percent();
  return *Percent::FromRatio(at_or_below_3_, keys_->size(),
                             RoundingMode::kHalfEven);
}

Percent CostStats::ShareAtOrBelow5Percent() const {
  if (keys_->empty()) return Percent();
  return *Percent::FromRatio(at_or_below_5_, keys_->size(),
                             RoundingMode::kHalfEven);
}

std::optional<Percent> SmartAverage::Average(absl::int128 denominator) const {
  if (count_ < 3) return std::nullopt;
  return PercentOfKey(keys_[0] + keys_[1] + keys_[2], denominator * 3);
}

}  // namespace remit
