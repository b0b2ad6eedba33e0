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
#include <cstdlib>
#include <limits>
#include <optional>
#include <type_traits>
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
 private:
  static constexpr bool kNarrow = std::is_same_v<Key, int64_t>;
  // The median's histogram of 64-bit keys: kBuckets equal ranges from 0,
  // 2^shift keys wide, together reaching past eight times 5 %; keys below
  // 0 count in the first, keys past the last range in the last. With a
  // window (KeepForMedian), Median() counts the kept keys in ranges from
  // the window's low end instead.
  static constexpr int kBucketBits = 10;
  static constexpr size_t kBuckets = size_t{1} << kBucketBits;

 public:
  // `denominator` must be positive. `buffer` keeps the keys for the median;
  // it is cleared here and may be reused across computations to spare
  // allocations (it must outlive this object). `expected`: how many keys
  // may come (a capacity hint).
  BasicCostStats(absl::int128 denominator, std::vector<Key>* buffer,
                 size_t expected = 0)
      : denominator_(denominator),
        keys_(buffer),
        three_(AsKey(absl::int128(3'000'000'000) * denominator)),
        five_(AsKey(absl::int128(5'000'000'000) * denominator)),
        shift_(ShiftToReach(absl::int128(five_) * 8)) {
    buffer->clear();
    buffer->reserve(expected);
  }
  BasicCostStats(const BasicCostStats&) = delete;
  BasicCostStats& operator=(const BasicCostStats&) = delete;

  // Keeps for the median only the keys from `low` to `high`, counting
  // those below `low`: for many keys whose middle ones almost surely lie
  // between two known keys (those of a sample), so that most keys are
  // never stored nor read again. Call before the first key is added, with
  // `low` not above `high` (otherwise the process aborts). MedianKept()
  // then tells whether the middle keys were kept; the other figures are
  // exact either way.
  void KeepForMedian(Key low, Key high) {
    if (count_ != 0 || high < low) std::abort();
    windowed_ = true;
    low_ = low;
    high_ = high;
  }

  // Each key added is added to the sum and the shares and kept for the
  // median (with a window, if within it) and, for 64-bit keys without a
  // window, counted in the median's histogram: the keys are not read again
  // for them.
  void Add(Key key) {
    ++count_;
    if (windowed_) {
      below_ += key < low_;
      if (InWindow(key)) keys_->push_back(key);
    } else {
      keys_->push_back(key);
    }
    if constexpr (kNarrow) {
      const uint64_t flipped = Flipped(key);
      flipped_sum_high_ +=
          __builtin_add_overflow(flipped_sum_low_, flipped, &flipped_sum_low_);
      if (!windowed_) ++buckets_[BucketOf(key, 0, shift_)];
      above_3_ += Flipped(three_) < flipped;
      above_5_ += Flipped(five_) < flipped;
    } else {
      wide_sum_ += key;
      above_3_ += three_ < key;
      above_5_ += five_ < key;
    }
  }
  // keys[0, n): for a scan that gathers keys in a block of its own (kept
  // in its registers and on its stack) and hands them over at once, so
  // that the counting runs in a loop of its own. With a window, the block
  // is overwritten.
  void AddKeys(Key* keys, size_t n);

  size_t count() const { return count_; }
  // Unset when nothing was added.
  std::optional<Percent> Average() const {
    return AverageOf(Sum(), count(), denominator_);
  }
  // Whether Median() can tell: the middle keys were kept (always, without
  // KeepForMedian).
  bool MedianKept() const {
    if (!windowed_ || count_ == 0) return true;
    const size_t kept = keys_->size();
    return below_ <= (count_ - 1) / 2 && below_ + kept > count_ / 2;
  }
  // The middle key, or the mean of the two middle keys. Reorders the
  // buffer. Unset when nothing was added. Aborts unless MedianKept().
  std::optional<Percent> Median();
  // Of count(), in percent; 0 when nothing was added.
  Percent ShareAtOrBelow3Percent() const {
    return ShareOf(count() - above_3_, count());
  }
  Percent ShareAtOrBelow5Percent() const {
    return ShareOf(count() - above_5_, count());
  }

 private:
  // Whether `key` lies within KeepForMedian's window. (The 64-bit loop of
  // AddKeys asks the same of Flipped keys, with one compare.)
  bool InWindow(Key key) const { return !(key < low_) && !(high_ < key); }
  // A histogram's shift: kBuckets ranges 2^shift keys wide reach `top`
  // keys (or past every key).
  static int ShiftToReach(absl::int128 top) {
    int bits = 0;
    while (bits < 64 && (absl::int128(1) << bits) < top) ++bits;
    return bits > kBucketBits ? bits - kBucketBits : 0;
  }
  // A 64-bit key as unsigned, its sign bit flipped (key + 2^63): the
  // same order, compared unsigned, and a sum of them needs no overflow
  // check in 128 bits.
  static uint64_t Flipped(int64_t key) {
    return static_cast<uint64_t>(key) ^ (uint64_t{1} << 63);
  }
  static size_t BucketOf(Key key, Key base, int shift) {
    const uint64_t range =
        key < base
            ? 0
            : (static_cast<uint64_t>(key) - static_cast<uint64_t>(base)) >>
                  shift;
    return range < kBuckets ? range : kBuckets - 1;
  }
  // The sum of every key added.
  absl::int128 Sum() const;
  // A positive limit as a Key: one above every Key compares the same as
  // Key's largest value.
  static Key AsKey(absl::int128 limit) {
    const absl::int128 largest(std::numeric_limits<Key>::max());
    return static_cast<Key>(limit < largest ? limit : largest);
  }
  static std::optional<Percent> AverageOf(absl::int128 sum, size_t count,
                                          absl::int128 denominator);
  static Percent ShareOf(size_t part, size_t count);

  absl::int128 denominator_;
  std::vector<Key>* keys_;
  Key three_;  // 3 % and 5 % as keys.
  Key five_;
  int shift_;         // Of the median's histogram from 0 (ShiftToReach).
  size_t count_ = 0;  // Keys added.
  // KeepForMedian's window, and the keys added below it.
  bool windowed_ = false;
  Key low_{};
  Key high_{};
  size_t below_ = 0;
  // The keys above 3 % and above 5 %.
  size_t above_3_ = 0;
  size_t above_5_ = 0;
  // 128-bit keys: their sum. 64-bit keys: the sum of Flipped(key), from
  // which Sum() takes 2^63 per key, in two words.
  absl::int128 wide_sum_ = 0;
  uint64_t flipped_sum_low_ = 0;
  uint64_t flipped_sum_high_ = 0;
  // Keys added per histogram range (64-bit keys).
  std::array<uint32_t, kNarrow ? kBuckets : 1> buckets_{};
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
