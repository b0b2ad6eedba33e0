// Screen: decides, before any pricing, whether a quote of the corridor is
// excluded from a ranking (and why) and whether the request's filter lists
// it. Internal to engine/ranking.
//
// The rules, in order: opaque quotes are excluded unless include_opaque;
// stale quotes (older than max_quote_age at now, or for illustrative data
// at its dataset's as-of date; none when the request names a period);
// quotes whose limits do not admit the amount (send mode; receive mode
// learns this when priced); quotes without a mid-market rate; quotes whose
// survey rate is implausible (DataNote::kRateImplausible: a flagged price
// is never ranked); opaque quotes the filter rejects. Transparent quotes
// the filter rejects still count for the corridor summary, so they pass
// with listed = false.
//
// Thread-safety: immutable after construction; Check is a pure function.
//
// Example:
//   const Screen screen(request, clock.Now());
//   ExclusionReason reason;
//   if (screen.Check(prepared, &reason) == Screening::kExcluded) ...
#ifndef REMIT_ENGINE_RANKING_INTERNAL_SCREENING_H_
#define REMIT_ENGINE_RANKING_INTERNAL_SCREENING_H_

#include <cstdint>

#include "absl/base/attributes.h"
#include "absl/time/time.h"
#include "engine/pricing/pricing.h"
#include "engine/ranking/ranking.h"

namespace remit::ranking_internal {

// What the screen decides about a quote.
enum class Screening : uint8_t {
  kListed,    // Ranked and, when transparent, summarised.
  kUnlisted,  // Transparent but refused by the filter: summarised only.
  kExcluded,  // Neither; the reason is given.
};

// The facets (engine/model/internal/facets.h) the filter refuses.
uint64_t RefusedFacets(const RankFilter& filter);
// The facets of the quotes the sender cannot use: a quote is accessible
// (IsAccessible) when it has none of them.
uint64_t AccessRefusedFacets(const SenderAccess& access);

class Screen {
 public:
  // Inline, like Check, so that a scan can keep the screen in registers.
  Screen(const RankRequest& request, absl::Time now)
      : refused_facets_(RefusedFacets(request.filter)),
        // A named period asks for history: nothing in it is stale.
        max_age_(request.period.has_value() ? absl::InfiniteDuration()
                                            : request.max_quote_age),
        stale_before_(max_age_ == absl::InfiniteDuration()
                          ? absl::InfinitePast()
                          : now - max_age_),
        amount_(request.amount.minor_units()),
        send_mode_(request.amount_kind == AmountKind::kSend),
        include_opaque_(request.include_opaque) {}

  // Sets `*reason` when it returns kExcluded.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Screening Check(const PreparedQuote& prepared,
                                               ExclusionReason* reason) const {
    return Check(prepared, IsStale(*prepared.quote), reason);
  }
  // The same, with IsStale(*prepared.quote) already known.
  ABSL_ATTRIBUTE_ALWAYS_INLINE Screening Check(const PreparedQuote& prepared,
                                               bool stale,
                                               ExclusionReason* reason) const {
    const Quote& quote = *prepared.quote;
    if (!quote.transparent && !include_opaque_) {
      *reason = ExclusionReason::kOpaque;
      return Screening::kExcluded;
    }
    if (stale) {
      *reason = ExclusionReason::kStale;
      return Screening::kExcluded;
    }
    if (send_mode_ &&
        (amount_ < quote.min_send_minor || amount_ > quote.max_send_minor)) {
      *reason = ExclusionReason::kOutsideAmountLimits;
      return Screening::kExcluded;
    }
    if (!prepared.priceable) {
      *reason = ExclusionReason::kNoMidMarketRate;
      return Screening::kExcluded;
    }
    if (quote.Has(DataNote::kRateImplausible)) {
      *reason = ExclusionReason::kRateImplausible;
      return Screening::kExcluded;
    }
    if ((prepared.facets & refused_facets_) == 0) return Screening::kListed;
    if (quote.transparent) return Screening::kUnlisted;
    *reason = ExclusionReason::kFilteredOut;
    return Screening::kExcluded;
  }

  // Older than the age limit at the time it is judged at: now, or its
  // illustrative dataset's as-of date (Quote::judged_at).
  ABSL_ATTRIBUTE_ALWAYS_INLINE bool IsStale(const Quote& quote) const {
    return quote.quoted_at < (quote.judged_at.has_value()
                                  ? *quote.judged_at - max_age_
                                  : stale_before_);
  }

  // Quotes without a judged_at dated before this are stale.
  absl::Time stale_before() const { return stale_before_; }

  // The age limit applied; InfiniteDuration when none.
  absl::Duration max_age() const { return max_age_; }

 private:
  uint64_t refused_facets_;
  absl::Duration max_age_;
  absl::Time stale_before_;
  int64_t amount_;
  bool send_mode_;
  bool include_opaque_;
};

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_SCREENING_H_
