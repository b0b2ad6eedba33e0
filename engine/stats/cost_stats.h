// Statistics of total cost percentages, as Remittance Prices Worldwide
// reports them for a corridor (and, summed up, for regions and the world):
//
// - CostStats: how many offers, their simple average and median total cost
//   %, and the shares at or under 3 % (the SDG 10.c target) and 5 %.
// - SmartAverage: SmaRT's arithmetic, the average of the three cheapest
//   qualifying offers (which offers qualify is the caller's rule: transparent,
//   5 days or less, accessible to the sender).
//
// Each cost is added exactly, as a fraction `key / denominator` of
// Percent's unit (a billionth of a percentage point), all sharing one
// positive denominator: for a ranking in send mode the key is the cost
// times 10^11 and the denominator the amount sent, so no cost is rounded
// before the figures are. Each figure is rounded once, half-even.
//
// Thread-safety: not thread-safe; one accumulator per computation.
//
// Example:
//   std::vector<absl::int128> buffer;
//   CostStats stats(/*denominator=*/1, &buffer);
//   stats.Add(Percent::FromScaled(2'500'000'000).scaled());  // 2.5 %
//   stats.Add(Percent::FromScaled(6'000'000'000).scaled());  // 6 %
//   stats.Average();  // 4.25 %
//   stats.Median();   // 4.25 %
#ifndef REMIT_ENGINE_STATS_COST_STATS_H_
#define REMIT_ENGINE_STATS_COST_STATS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "absl/numeric/int128.h"
#include "engine/money/percent.h"

namespace remit {

// key / denominator as a Percent, rounded half-even.
Percent PercentOfKey(absl::int128 key, absl::int128 denominator);

// `Key`: absl::int128 (CostStats), or int64_t (NarrowCostStats) for
// callers whose keys all fit, which then compare and sort faster.
template <typename Key>
class BasicCostStats {
 public:
  // `denominator` must be positive. `buffer` keeps the keys for the median;
  // it is cleared here and may be reused across computations to spare
  // allocations (it must outlive this object). `expected`: how many keys
  // may come (a capacity hint).
  // Inline, like Add, so that a scan can keep the figures in registers.
  BasicCostStats(absl::int128 denominator, std::vector<Key>* buffer,
                 size_t expected = 0)
      : denominator_(denominator),
        three_(AsKey(absl::int128(3'000'000'000) * denominator)),
        five_(AsKey(absl::int128(5'000'000'000) * denominator)),
        keys_(buffer) {
    keys_->clear();
    keys_->reserve(expected);
  }

  // The sum and the shares are worked out from the keys when asked for,
  // in one pass: adding is one store.
  void Add(Key key) { keys_->push_back(key); }

  size_t count() const { return keys_->size(); }
  // Unset when nothing was added.
  std::optional<Percent> Average() const {
    return AverageOf(Totals().sum, count(), denominator_);
  }
  // The middle key, or the mean of the two middle keys. Reorders the
  // buffer. Unset when nothing was added.
  std::optional<Percent> Median() { return MedianOf(keys_, denominator_); }
  // Of count(), in percent; 0 when nothing was added.
  Percent ShareAtOrBelow3Percent() const {
    return ShareOf(Totals().at_or_below_3, count());
  }
  Percent ShareAtOrBelow5Percent() const {
    return ShareOf(Totals().at_or_below_5, count());
  }

 private:
  struct Sums {
    size_t count = 0;  // Of the keys summed.
    absl::int128 sum = 0;
    size_t at_or_below_3 = 0;
    size_t at_or_below_5 = 0;
  };
  // Of every key added (worked out again only after an Add).
  const Sums& Totals() const {
    if (sums_.count != count()) sums_ = SumOf(*keys_, three_, five_);
    return sums_;
  }
  static Sums SumOf(const std::vector<Key>& keys, Key three, Key five);
  // A positive limit as a Key: one above every Key compares the same as
  // Key's largest value.
  static Key AsKey(absl::int128 limit) {
    const absl::int128 largest(std::numeric_limits<Key>::max());
    return static_cast<Key>(limit < largest ? limit : largest);
  }
  // The figures, from values rather than `this`: a scan that inlines this
  // class can then keep it in registers.
  static std::optional<Percent> AverageOf(absl::int128 sum, size_t count,
                                          absl::int128 denominator);
  static std::optional<Percent> MedianOf(std::vector<Key>* keys,
                                         absl::int128 denominator);
  static Percent ShareOf(size_t part, size_t count);

  absl::int128 denominator_;
  Key three_;  // 3 % and 5 % as keys.
  Key five_;
  std::vector<Key>* keys_;
  mutable Sums sums_;
};

using CostStats = BasicCostStats<absl::int128>;
using NarrowCostStats = BasicCostStats<int64_t>;

// The three smallest keys added, and how many were added: SmaRT's inputs.
// (Equal keys give the same sum whichever of them is kept.) `Key` as in
// BasicCostStats.
template <typename Key>
class BasicSmartAverage {
 public:
  void Add(Key key) {
    ++count_;
    if (count_ > 3 && key >= keys_[2]) return;
    size_t i = (count_ < 3 ? count_ : 3) - 1;
    for (; i > 0 && keys_[i - 1] > key; --i) keys_[i] = keys_[i - 1];
    keys_[i] = key;
  }
  // Add of a key above this only counts it.
  Key Bound() const {
    return count_ < 3 ? std::numeric_limits<Key>::max() : keys_[2];
  }
  // `count` keys above Bound() added.
  void Counted(size_t count) { count_ += count; }
  // How many qualifying offers were added.
  size_t count() const { return count_; }
  // The average of the three smallest, as a percentage; unset with fewer
  // than three.
  std::optional<Percent> Average(absl::int128 denominator) const {
    if (count_ < 3) return std::nullopt;
    return PercentOfKey(
        absl::int128(keys_[0]) + absl::int128(keys_[1]) + keys_[2],
        denominator * 3);
  }

 private:
  std::array<Key, 3> keys_{};
  size_t count_ = 0;
};

using SmartAverage = BasicSmartAverage<absl::int128>;
using NarrowSmartAverage = BasicSmartAverage<int64_t>;

}  // namespace remit

#endif  // REMIT_ENGINE_STATS_COST_STATS_H_
