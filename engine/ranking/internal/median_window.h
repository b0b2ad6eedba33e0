// The sample that narrows the corridor summary's median in a large
// corridor (the engine's row scan, ranking.cc): which rows it reads, and
// the window's ends among the keys of those it prices. The summary then
// keeps only the keys within the window (BasicCostStats::KeepForMedian).
// Internal to engine/ranking; the row scan's test builds corridors from
// it.
//
// Thread-safety: constants and pure functions.
//
// Example:
//   for (size_t k = 0; k < kMedianSamples; ++k) {
//     ... rows[MedianSamplePlace(k, n)]: priced, unknown or left out ...
//   }
//   if (std::optional<MedianWindowRanks> ranks =
//           MedianWindowFor(priced, unknown)) {
//     ... the sampled keys of ranks->low and ranks->high ...
//   }
#ifndef REMIT_ENGINE_RANKING_INTERNAL_MEDIAN_WINDOW_H_
#define REMIT_ENGINE_RANKING_INTERNAL_MEDIAN_WINDOW_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace remit::ranking_internal {

// Corridors of this many rows or more narrow the summary's median.
inline constexpr size_t kMedianWindowFrom = size_t{1} << 15;
// Rows sampled: one in each of this many equal parts of the corridor.
inline constexpr size_t kMedianSamples = 1024;
static_assert(kMedianSamples <= kMedianWindowFrom);

// The row sampled in part `k` (below kMedianSamples) of a corridor of `n`
// rows (at least kMedianSamples): at a place within the part given by
// splitmix64 of k, the same on every call, so that a corridor whose
// offers repeat a pattern is not sampled in step with it.
inline size_t MedianSamplePlace(size_t k, size_t n) {
  const size_t part = n / kMedianSamples;
  uint64_t mixed = (k + 1) * 0x9e3779b97f4a7c15;
  mixed = (mixed ^ (mixed >> 30)) * 0xbf58476d1ce4e5b9;
  mixed = (mixed ^ (mixed >> 27)) * 0x94d049bb133111eb;
  mixed ^= mixed >> 31;
  return k * part + static_cast<size_t>(mixed % part);
}

// The window's ends as ranks (from 0) among the `priced` sampled keys.
struct MedianWindowRanks {
  size_t low;
  size_t high;
};

// The window for `priced` sampled keys, when `unknown` more sampled rows
// may count in the summary but were not priced (their keys could lie
// anywhere); unset when the sample is too small or too uncertain to
// narrow the median. The middle of all the sampled rows has a rank whose
// standard deviation is sqrt(sampled) / 2; the window reaches six of them
// either side, and past the unknown rows below: the corridor's middle
// keys then lie outside it only when the sampled rows do not stand for
// the rest.
inline std::optional<MedianWindowRanks> MedianWindowFor(size_t priced,
                                                        size_t unknown) {
  if (priced < 64 || unknown > kMedianSamples / 8) return std::nullopt;
  const size_t sampled = priced + unknown;
  size_t root = 0;
  while ((root + 1) * (root + 1) <= sampled) ++root;
  const size_t reach = 3 * root;
  const size_t middle = sampled / 2;
  const size_t below = reach + unknown;
  return MedianWindowRanks{middle > below ? middle - below : 0,
                           std::min(priced - 1, middle + reach)};
}

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_MEDIAN_WINDOW_H_
