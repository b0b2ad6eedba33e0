// Receive mode's search, shared by PriceReceive and the cost curves: the
// ranges of send amounts on which delivery does not fall, and the smallest
// amount of such a range that delivers a target.
//
// Delivery (what the recipient gets, net of recipient fees) does not
// decrease with the amount sent within a fee band, nor between two survey
// points' midpoints (where the nearer point's rate applies), as long as a
// fee changes by less than the amount: percentage fees below 100 %, survey
// fees less than a minor unit apart per minor unit. It can fall at a band
// edge (a deducted fee that jumps) and where the nearer survey point
// changes to one with a lower rate. Outlay can fall at a band edge (a later
// band charging less). Cutting the amounts there leaves ranges on which
// both delivery and outlay rise, so the least outlay that delivers a target
// within a range is at the smallest amount that delivers it, and the least
// outlay overall is the least of those over the ranges.
//
// Thread-safety: pure functions.
#ifndef REMIT_ENGINE_PRICING_INTERNAL_RECEIVE_H_
#define REMIT_ENGINE_PRICING_INTERNAL_RECEIVE_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "engine/model/model.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/pricing/pricing.h"

namespace remit::engine_internal {

// The quote's send amounts within its limits (from at least one minor
// unit), ascending and disjoint, cut where delivery or outlay may fall
// (above). Each pair is [first, last], inclusive.
std::vector<std::pair<int64_t, int64_t>> ReceiveRanges(const Quote& quote);

// The smallest amount in [lo, hi] whose delivery (ReceivedAt) is at least
// `target`, given that delivery does not decrease within [lo, hi]; nullopt
// when none does. Guesses from what lo delivers and its rate, gallops from
// the guess (doubling the step) to amounts on both sides of the answer,
// then bisects: a few pricings when the guess is close, and amounts far
// above the answer (which may overflow) are not priced. With `at`, also
// gives the cost at the answer, payout side included (its delivery and
// outlay), when there is one.
std::optional<int64_t> SmallestDelivering(const PreparedQuote& prepared,
                                          int64_t lo, int64_t hi,
                                          int64_t target,
                                          CostCore* at = nullptr);

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_PRICING_INTERNAL_RECEIVE_H_
