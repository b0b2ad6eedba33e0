// Screen: decides, before any pricing, whether a quote of the corridor is
// excluded from a ranking (and why) and whether the request's filter lists
// it. Internal to engine/ranking.
//
// The rules, in order: opaque quotes are excluded unless include_opaque;
// stale quotes (older than max_quote_age); quotes whose limits do not admit
// the amount (send mode; receive mode learns this when priced); quotes
// without a mid-market rate; opaque quotes the filter rejects. Transparent
// quotes the filter rejects still count for the corridor summary, so they
// pass with listed = false.
//
// Thread-safety: immutable after construction; Check is a pure function.
//
// Example:
//   const Screen screen(request, clock.Now());
//   Screening s = screen.Check(prepared);
//   if (s.exclusion.has_value()) ...
#ifndef REMIT_ENGINE_RANKING_INTERNAL_SCREENING_H_
#define REMIT_ENGINE_RANKING_INTERNAL_SCREENING_H_

#include <cstdint>
#include <optional>

#include "absl/time/time.h"
#include "engine/pricing/pricing.h"
#include "engine/ranking/ranking.h"

namespace remit::ranking_internal {

struct Screening {
  std::optional<ExclusionReason> exclusion;  // Set: excluded, for this.
  bool listed = false;                       // The request's filter lists it.
};

class Screen {
 public:
  Screen(const RankRequest& request, absl::Time now);

  Screening Check(const PreparedQuote& prepared) const {
    const Quote& quote = *prepared.quote;
    if (!quote.transparent && !include_opaque_) {
      return {ExclusionReason::kOpaque};
    }
    if (quote.quoted_at < stale_before_) return {ExclusionReason::kStale};
    if (send_mode_ &&
        (amount_ < quote.min_send_minor || amount_ > quote.max_send_minor)) {
      return {ExclusionReason::kOutsideAmountLimits};
    }
    if (!prepared.priceable) return {ExclusionReason::kNoMidMarketRate};
    const bool listed = (prepared.facets & refused_facets_) == 0;
    if (!listed && !quote.transparent) return {ExclusionReason::kFilteredOut};
    return {std::nullopt, listed};
  }

 private:
  uint64_t refused_facets_;
  absl::Time stale_before_;
  int64_t amount_;
  bool send_mode_;
  bool include_opaque_;
};

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_SCREENING_H_
