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
void BasicCostStats<Key>::AddKeys(const Key* keys, size_t n) {
  keys_->insert(keys_->end(), keys, keys + n);
  // The figures in locals, so that the loop keeps them in registers.
  size_t above_3 = 0;
  size_t above_5 = 0;
  if constexpr (kNarrow) {
    const uint64_t three = Flipped(three_);
    const uint64_t five = Flipped(five_);
    const int shift = shift_;
    uint32_t* const buckets = buckets_.data();
    uint64_t low = flipped_sum_low_;
    uint64_t high = flipped_sum_high_;
    for (size_t i = 0; i < n; ++i) {
      const Key key = keys[i];
      const uint64_t flipped = Flipped(key);
      high += __builtin_add_overflow(low, flipped, &low);
      ++buckets[BucketOf(key, shift)];
      above_3 += three < flipped;
      above_5 += five < flipped;
    }
    flipped_sum_low_ = low;
    flipped_sum_high_ = high;
  } else {
    absl::int128 sum = wide_sum_;
    for (size_t i = 0; i < n; ++i) {
      const Key key = keys[i];
      sum += key;
      above_3 += three_ < key;
      above_5 += five_ < key;
    }
    wide_sum_ = sum;
  }
  above_3_ += above_3;
  above_5_ += above_5;
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

// Fewer 64-bit keys than this are selected among directly.
constexpr size_t kBucketedFrom = 64;

}  // namespace

// 64-bit keys, enough of them: the histogram tells the range or ranges
// that hold the middle key(s) and how many keys lie below; only the keys
// of those ranges are gathered (one pass) and selected among, instead of
// nth_element's passes over every key.
template <typename Key>
std::optional<Percent> BasicCostStats<Key>::Median() {
  const size_t n = count();
  if (n == 0) return std::nullopt;
  // The upper middle key's rank, and the lower's (the same when n is odd).
  const size_t upper = n / 2;
  const size_t lower = (n - 1) / 2;
  const bool even = n % 2 == 0;
  Key* const first = keys_->data();
  if constexpr (!kNarrow) {
    return PercentOfKey(TwiceMiddle(first, n, upper, even), denominator_ * 2);
  } else {
    if (n < kBucketedFrom || n > std::numeric_limits<uint32_t>::max()) {
      return PercentOfKey(TwiceMiddle(first, n, upper, even), denominator_ * 2);
    }
    size_t below = 0;
    size_t bucket = 0;
    while (below + buckets_[bucket] <= lower) below += buckets_[bucket++];
    const size_t lower_bucket = bucket;
    size_t within = buckets_[bucket];
    while (below + within <= upper) within += buckets_[++bucket];
    // The keys of those ranges, from `least` to `greatest`, swapped to the
    // front, so that the buffer keeps every key.
    const int shift = shift_;
    const Key least = lower_bucket == 0
                          ? std::numeric_limits<Key>::min()
                          : static_cast<Key>(uint64_t{lower_bucket} << shift);
    const uint64_t past = uint64_t{bucket + 1} << shift;  // Below 2^64.
    const Key greatest = bucket == kBuckets - 1 || past > uint64_t{1} << 63
                             ? std::numeric_limits<Key>::max()
                             : static_cast<Key>(past - 1);
    const uint64_t width =
        static_cast<uint64_t>(greatest) - static_cast<uint64_t>(least);
    size_t gathered = 0;
    for (size_t i = 0; i < n; ++i) {
      if (static_cast<uint64_t>(first[i]) - static_cast<uint64_t>(least) <=
          width) {
        std::swap(first[gathered++], first[i]);
      }
    }
    return PercentOfKey(TwiceMiddle(first, gathered, upper - below, even),
                        denominator_ * 2);
  }
}

template <typename Key>
Percent BasicCostStats<Key>::ShareOf(size_t part, size_t count) {
  if (count == 0) return Percent();
  return *Percent::FromRatio(part, count, RoundingMode::kHalfEven);
}

template class BasicCostStats<absl::int128>;
template class BasicCostStats<int64_t>;

}  // namespace remit
