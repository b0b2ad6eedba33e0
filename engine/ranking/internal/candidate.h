// Candidate: a scored offer during a ranking scan, with the keys every
// ranking order compares, and RanksBefore, the one order of the ranking.
// Internal to engine/ranking.
//
// Thread-safety: plain values and a pure comparison.
//
// Example:
//   std::sort(page.begin(), page.end(), RanksBefore);
#ifndef REMIT_ENGINE_RANKING_INTERNAL_CANDIDATE_H_
#define REMIT_ENGINE_RANKING_INTERNAL_CANDIDATE_H_

#include <cstdint>

#include "absl/numeric/int128.h"

namespace remit::ranking_internal {

struct Candidate {
  absl::int128 order_key;    // The requested order; lower ranks first.
  absl::int128 cost_key;     // Cost order: cost11 (send), outlay (receive).
  absl::int128 percent_key;  // Total cost % x the summary's denominator.
  int64_t send_minor;
  uint32_t index;  // Into the corridor's quotes.
  uint32_t tie_rank;
  uint8_t speed;
  bool opaque;
};

// Opaque offers last; then the requested order, cost, speed, ids. A
// function object, so that the sorting algorithms inline it.
struct RanksBeforeFn {
  bool operator()(const Candidate& a, const Candidate& b) const {
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
