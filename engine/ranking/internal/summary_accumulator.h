// SummaryAccumulator: the corridor summary of a ranking, gathered during
// the scan from every priced transparent offer, listed or not (the filter
// narrows the list, not the corridor): the cost statistics, the cheapest
// offer, and SmaRT for the corridor and for the sender. Internal to
// engine/ranking.
//
// Its keys are those of the scan's candidates (candidate.h): 128-bit in
// SummaryAccumulator, 64-bit in NarrowSummaryAccumulator.
//
// Thread-safety: one accumulator per scan; not thread-safe.
//
// Example:
//   SummaryAccumulator summary(request, expected, &buffer);
//   for (...) summary.Add(candidate, prepared.facets);
//   CorridorSummary out = summary.Finish();  // Without `cheapest`.
#ifndef REMIT_ENGINE_RANKING_INTERNAL_SUMMARY_ACCUMULATOR_H_
#define REMIT_ENGINE_RANKING_INTERNAL_SUMMARY_ACCUMULATOR_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "engine/model/model.h"
#include "engine/ranking/internal/candidate.h"
#include "engine/ranking/internal/screening.h"
#include "engine/ranking/ranking.h"
#include "engine/stats/cost_stats.h"

namespace remit::ranking_internal {

template <typename Key>
class BasicSummaryAccumulator {
 public:
  using Candidate = BasicCandidate<Key>;

  // `buffer` is cleared and reused; it must outlive the accumulator.
  // `expected`: how many offers may be added (a capacity hint).
  // `may_narrow_median`: whether KeepForMedian may be used.
  BasicSummaryAccumulator(const RankRequest& request, size_t expected,
                          std::vector<Key>* buffer,
                          bool may_narrow_median = false)
      : may_narrow_median_(may_narrow_median),
        denominator_(request.amount_kind == AmountKind::kSend
                         ? absl::int128(request.amount.minor_units())
                         : absl::int128(1)),
        personal_(request.access.has_value()),
        refused_(request.access.has_value()
                     ? AccessRefusedFacets(*request.access)
                     : 0),
        stats_(denominator_, buffer, expected) {}

  // A priced transparent offer, with its facets (PreparedQuote::facets).
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Add(const Candidate& c, uint64_t facets) {
    Add(c.percent_key, c.cost_key, c.speed, facets, [&c] { return c; });
  }

  // The same, the offer made by make() only when it may be the cheapest.
  template <typename Make>
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Add(Key percent_key, Key cost_key,
                                        uint8_t speed, uint64_t facets,
                                        const Make& make) {
    stats_.Add(percent_key);
    if (!has_cheapest_ || cost_key <= cheapest_.cost_key) {
      const Candidate c = make();
      if (!has_cheapest_ || cost_key < cheapest_.cost_key ||
          RanksBefore(c, cheapest_)) {
        cheapest_ = c;
        has_cheapest_ = true;
      }
    }
    // SenderAccess{} admits every quote, so the corridor SmaRT needs only
    // the speed; the personal one applies the sender's access.
    if (SmartQualifies(speed)) {
      smart_.Add(percent_key);
      if (personal_ && (facets & refused_) == 0) {
        personal_smart_.Add(percent_key);
      }
    }
  }

  // Add of an offer whose keys are both above this only keeps its key and
  // counts it for SmaRT: a scan may then do that itself (AddKeys, Counted)
  // and call Add for the others, asking again after each.
  Key Bound() const {
    Key bound =
        has_cheapest_ ? cheapest_.cost_key : std::numeric_limits<Key>::max();
    bound = std::max(bound, smart_.Bound());
    if (personal_) bound = std::max(bound, personal_smart_.Bound());
    return bound;
  }
  // keys[0, n) for the statistics (BasicCostStats::AddKeys, which may
  // overwrite them).
  void AddKeys(Key* keys, size_t n) { stats_.AddKeys(keys, n); }

  // The median's window (BasicCostStats::KeepForMedian), which a scan of
  // many offers may set from a sample of their keys before it adds any,
  // when the accumulator was made with `may_narrow_median`. When the
  // middle keys are not within it after all (MedianKept() false), the scan
  // must start again with an accumulator made without.
  bool may_narrow_median() const { return may_narrow_median_; }
  void KeepForMedian(Key low, Key high) { stats_.KeepForMedian(low, high); }
  bool MedianKept() const { return stats_.MedianKept(); }
  // The offers above Bound() the scan counted: `smart` that qualify for
  // the corridor SmaRT (SmartQualifies), `personal` of those that the
  // sender can use (PersonalQualifies).
  void Counted(size_t smart, size_t personal) {
    smart_.Counted(smart);
    if (personal_) personal_smart_.Counted(personal);
  }
  static bool SmartQualifies(uint8_t speed) {
    return speed <= static_cast<uint8_t>(Speed::kThreeToFiveDays);
  }
  // The facets that keep a SmaRT-qualifying offer from the personal one;
  // every facet without a personal SmaRT.
  uint64_t PersonalRefused() const { return personal_ ? refused_ : ~0ULL; }

  // The cheapest offer added; unset when none was.
  std::optional<Candidate> cheapest() const {
    if (!has_cheapest_) return std::nullopt;
    return cheapest_;
  }

  // Every figure but `cheapest`, which needs pricing. Call once.
  CorridorSummary Finish() {
    CorridorSummary summary;
    summary.offer_count = stats_.count();
    summary.smart_qualifying = smart_.count();
    summary.smart_percent = smart_.Average(denominator_);
    if (personal_) {
      summary.personal_smart_qualifying = personal_smart_.count();
      summary.personal_smart_percent = personal_smart_.Average(denominator_);
    }
    summary.average_total_cost_percent = stats_.Average();
    summary.median_total_cost_percent = stats_.Median();
    summary.share_at_or_below_3_percent = stats_.ShareAtOrBelow3Percent();
    summary.share_at_or_below_5_percent = stats_.ShareAtOrBelow5Percent();
    return summary;
  }

 private:
  const bool may_narrow_median_;
  // Keys are total cost % x this: the amount sent (send mode), or 1.
  const absl::int128 denominator_;
  const bool personal_;  // With a personal SmaRT.
  // The facets the sender cannot use (AccessRefusedFacets).
  const uint64_t refused_;
  BasicCostStats<Key> stats_;
  BasicSmartAverage<Key> smart_;
  BasicSmartAverage<Key> personal_smart_;
  Candidate cheapest_{};
  bool has_cheapest_ = false;
};

using SummaryAccumulator = BasicSummaryAccumulator<absl::int128>;
using NarrowSummaryAccumulator = BasicSummaryAccumulator<int64_t>;

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_SUMMARY_ACCUMULATOR_H_
