// Candidate: a scored offer during a ranking scan, with the keys every
// ranking order compares, and RanksBefore, the one order of the ranking.
// Internal to engine/ranking.
//
// The keys are 128-bit (Candidate) or, when every key of a scan fits,
// 64-bit (NarrowCandidate): a ranking first scans with 64-bit keys, which
// compare and move faster, and scans again with 128-bit ones only when a
// key does not fit (Narrow). Either gives the same order.
//
// Thread-safety: plain values and a pure comparison.
//
// Example:
//   std::sort(page.begin(), page.end(), RanksBefore);
#ifndef REMIT_ENGINE_RANKING_INTERNAL_CANDIDATE_H_
#define REMIT_ENGINE_RANKING_INTERNAL_CANDIDATE_H_

#include <cstdint>
#include <limits>

#include "absl/numeric/int128.h"

namespace remit::ranking_internal {

// `Key`: int64_t or absl::int128.
template <typename Key>
struct BasicCandidate {
  Key order_key;    // The requested order; lower ranks first.
  Key cost_key;     // Cost order: cost11 (send), outlay (receive).
  Key percent_key;  // Total cost % x the summary's denominator.
  int64_t send_minor;
  uint32_t index;  // Into the corridor's quotes.
  uint32_t tie_rank;
  uint8_t speed;
  bool opaque;
};

using Candidate = BasicCandidate<absl::int128>;
using NarrowCandidate = BasicCandidate<int64_t>;

// `wide` with 64-bit keys into `out`; false when a key does not fit.
inline bool Narrow(const Candidate& wide, NarrowCandidate* out) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (const absl::int128 key :
       {wide.order_key, wide.cost_key, wide.percent_key}) {
    if (key < kMin || key > kMax) return false;
  }
  out->order_key = static_cast<int64_t>(wide.order_key);
  out->cost_key = static_cast<int64_t>(wide.cost_key);
  out->percent_key = static_cast<int64_t>(wide.percent_key);
  out->send_minor = wide.send_minor;
  out->index = wide.index;
  out->tie_rank = wide.tie_rank;
  out->speed = wide.speed;
  out->opaque = wide.opaque;
  return true;
}
inline bool Narrow(const Candidate& wide, Candidate* out) {
  *out = wide;
  return true;
}

// Opaque offers last; then the requested order, cost, speed, ids. A
// function object, so that the sorting algorithms inline it.
struct RanksBeforeFn {
  template <typename Key>
  bool operator()(const BasicCandidate<Key>& a,
                  const BasicCandidate<Key>& b) const {
    if (a.opaque != b.opaque) return b.opaque;
    if (a.order_key != b.order_key) return a.order_key < b.order_key;
    if (a.cost_key != b.cost_key) return a.cost_key < b.cost_key;
    if (a.speed != b.speed) return a.speed < b.speed;
    return a.tie_rank < b.tie_rank;
  }
};
inline constexpr RanksBeforeFn RanksBefore;

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_CANDIDATE_H_
