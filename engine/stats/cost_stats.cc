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
void BasicCostStats<Key>::Absorb(const Adder& adder) {
  adder_.at_or_below_3_ += adder.at_or_below_3_;
  adder_.at_or_below_5_ += adder.at_or_below_5_;
  if constexpr (kNarrow) {
    adder_.overflow_ |=
        adder.overflow_ |
        __builtin_add_overflow(adder_.narrow_sum_, adder.narrow_sum_,
                               &adder_.narrow_sum_);
  } else {
    adder_.wide_sum_ += adder.wide_sum_;
  }
}

template <typename Key>
absl::int128 BasicCostStats<Key>::Sum() const {
  if constexpr (kNarrow) {
    if (!adder_.overflow_) return adder_.narrow_sum_;
    // Past int64: once more, in int128.
    absl::int128 sum = 0;
    for (const Key key : *adder_.keys_) sum += key;
    return sum;
  } else {
    return adder_.wide_sum_;
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
  Key* const first = adder_.keys_->data();
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
    const int shift = adder_.shift_;
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
