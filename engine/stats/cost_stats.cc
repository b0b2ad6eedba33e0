#include "engine/stats/cost_stats.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

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
void BasicCostStats<Key>::AddKeys(Key* keys, size_t n) {
  count_ += n;
  // The figures in locals, so that the loops keep them in registers.
  size_t above_3 = 0;
  size_t above_5 = 0;
  // With a window: the keys within it, moved to the block's front without
  // a branch (each key is read before its place is written), and those
  // below it.
  size_t kept = 0;
  size_t below = 0;
  if constexpr (kNarrow) {
    const uint64_t three = Flipped(three_);
    const uint64_t five = Flipped(five_);
    uint64_t sum_low = flipped_sum_low_;
    uint64_t sum_high = flipped_sum_high_;
    if (windowed_) {
      // Compared as Flipped keys: unsigned, one compare each.
      const uint64_t low_flipped = Flipped(low_);
      const uint64_t width = Flipped(high_) - low_flipped;
      for (size_t i = 0; i < n; ++i) {
        const Key key = keys[i];
        const uint64_t flipped = Flipped(key);
        sum_high += __builtin_add_overflow(sum_low, flipped, &sum_low);
        above_3 += three < flipped;
        above_5 += five < flipped;
        below += flipped < low_flipped;
        keys[kept] = key;
        kept += flipped - low_flipped <= width;
      }
    } else {
      const int shift = shift_;
      uint32_t* const buckets = buckets_.data();
      for (size_t i = 0; i < n; ++i) {
        const Key key = keys[i];
        const uint64_t flipped = Flipped(key);
        sum_high += __builtin_add_overflow(sum_low, flipped, &sum_low);
        ++buckets[BucketOf(key, 0, shift)];
        above_3 += three < flipped;
        above_5 += five < flipped;
      }
      kept = n;
    }
    flipped_sum_low_ = sum_low;
    flipped_sum_high_ = sum_high;
  } else {
    absl::int128 sum = wide_sum_;
    for (size_t i = 0; i < n; ++i) {
      const Key key = keys[i];
      sum += key;
      above_3 += three_ < key;
      above_5 += five_ < key;
      if (windowed_) {
        below += key < low_;
        keys[kept] = key;
        kept += InWindow(key);
      }
    }
    if (!windowed_) kept = n;
    wide_sum_ = sum;
  }
  above_3_ += above_3;
  above_5_ += above_5;
  below_ += below;
  keys_->insert(keys_->end(), keys, keys + kept);
}

template <typename Key>
absl::int128 BasicCostStats<Key>::Sum() const {
  if constexpr (kNarrow) {
    // Below count() x 2^64: it fits int128.
    return absl::MakeInt128(static_cast<int64_t>(flipped_sum_high_),
                            flipped_sum_low_) -
           absl::int128(count()) * (absl::int128(1) << 63);
  } else {
    return wide_sum_;
  }
}

namespace {

// Of the `count` keys from `first`, reordered: twice the key of rank
// `upper` (from 0) when `even` is false, or that key plus the greatest of
// those ranked below it (`upper` must then be at least 1).
template <typename Key>
absl::int128 TwiceMiddle(Key* first, size_t count, size_t upper, bool even) {
  Key* const middle = first + upper;
  std::nth_element(first, middle, first + count);
  if (!even) return absl::int128(*middle) * 2;
  return absl::int128(*middle) + *std::max_element(first, middle);
}

// TwiceMiddle of 64-bit keys, with `buckets`: how many of them lie in
// each of `bucket_count` ranges 2^shift keys wide from `base` (keys below
// it counted in the first, past the last range in the last). Only the
// keys of the range or ranges that hold the middle ones are gathered (one
// pass) and selected among, instead of nth_element's passes over every
// key.
absl::int128 TwiceMiddleByRanges(int64_t* first, size_t count, size_t upper,
                                 bool even, const uint32_t* buckets,
                                 size_t bucket_count, int64_t base, int shift) {
  const size_t lower = even ? upper - 1 : upper;
  size_t below = 0;
  size_t bucket = 0;
  while (below + buckets[bucket] <= lower) below += buckets[bucket++];
  const size_t lower_bucket = bucket;
  size_t within = buckets[bucket];
  while (below + within <= upper) within += buckets[++bucket];
  // The keys of those ranges, from `least` to `greatest`, swapped to the
  // front, so that the buffer keeps every key.
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const uint64_t from = static_cast<uint64_t>(base);
  const int64_t least =
      lower_bucket == 0
          ? kMin
          : static_cast<int64_t>(from + (uint64_t{lower_bucket} << shift));
  // The last range's end, base + (bucket + 1) x 2^shift - 1, past int64?
  const absl::int128 end =
      absl::int128(base) + (absl::int128(bucket + 1) << shift) - 1;
  const int64_t greatest = bucket == bucket_count - 1 || end > kMax
                               ? kMax
                               : static_cast<int64_t>(end);
  const uint64_t width =
      static_cast<uint64_t>(greatest) - static_cast<uint64_t>(least);
  size_t gathered = 0;
  for (size_t i = 0; i < count; ++i) {
    if (static_cast<uint64_t>(first[i]) - static_cast<uint64_t>(least) <=
        width) {
      std::swap(first[gathered++], first[i]);
    }
  }
  return TwiceMiddle(first, gathered, upper - below, even);
}

// Fewer 64-bit keys than this are selected among directly.
constexpr size_t kBucketedFrom = 64;

}  // namespace

template <typename Key>
std::optional<Percent> BasicCostStats<Key>::Median() {
  const size_t n = count();
  if (n == 0) return std::nullopt;
  if (!MedianKept()) std::abort();
  // The upper middle key's rank among every key (the lower's is one less
  // when n is even), and among those kept.
  const bool even = n % 2 == 0;
  const size_t upper = n / 2 - below_;  // below_ is 0 without a window.
  Key* const first = keys_->data();
  const size_t kept = keys_->size();
  if constexpr (kNarrow) {
    if (kept >= kBucketedFrom && kept <= std::numeric_limits<uint32_t>::max()) {
      if (!windowed_) {
        return PercentOfKey(TwiceMiddleByRanges(first, kept, upper, even,
                                                buckets_.data(), kBuckets,
                                                /*base=*/0, shift_),
                            denominator_ * 2);
      }
      // Kept keys lie from low_ to high_: counted in ranges across those.
      const int shift = ShiftToReach(absl::int128(high_) - low_ + 1);
      buckets_.fill(0);
      for (size_t i = 0; i < kept; ++i) {
        ++buckets_[BucketOf(first[i], low_, shift)];
      }
      return PercentOfKey(
          TwiceMiddleByRanges(first, kept, upper, even, buckets_.data(),
                              kBuckets, low_, shift),
          denominator_ * 2);
    }
  }
  return PercentOfKey(TwiceMiddle(first, kept, upper, even), denominator_ * 2);
}

template <typename Key>
Percent BasicCostStats<Key>::ShareOf(size_t part, size_t count) {
  if (count == 0) return Percent();
  return *Percent::FromRatio(part, count, RoundingMode::kHalfEven);
}

template class BasicCostStats<absl::int128>;
template class BasicCostStats<int64_t>;

}  // namespace remit
