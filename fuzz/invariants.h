// What every ranking must satisfy, checked by the fuzz targets (abort on
// violation, so that libFuzzer reports the input).
#ifndef REMIT_FUZZ_INVARIANTS_H_
#define REMIT_FUZZ_INVARIANTS_H_

#include <cstdio>
#include <cstdlib>

#include "absl/numeric/int128.h"
#include "engine/ranking/ranking.h"

namespace remit::fuzz {

inline void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

// Ranks consecutive; with the default order in send mode, transparent
// offers sorted by total cost % and opaque ones after them; every
// transparent offer's total cost recomputed from its own breakdown; every
// offer's shown parts (fee, funding surcharge, recipient fee in the send
// currency, FX margin cost) adding up to its total cost exactly.
inline void CheckRanking(const RankRequest& request, const RankResult& result) {
  Require(result.offers.size() <= result.ranked_count, "page within total");
  bool seen_opaque = false;
  for (size_t i = 0; i < result.offers.size(); ++i) {
    const Offer& offer = result.offers[i];
    const CostBreakdown& c = offer.cost;
    Require(offer.rank == request.offset + i + 1, "ranks are consecutive");
    if (!c.margin_known) {
      seen_opaque = true;
    } else {
      Require(!seen_opaque, "opaque offers come last");
      if (i > 0 && request.order == RankOrder::kTotalCost &&
          request.amount_kind == AmountKind::kSend &&
          result.offers[i - 1].cost.margin_known) {
        Require(result.offers[i - 1].cost.total_cost_percent <=
                    c.total_cost_percent,
                "sorted by total cost");
      }
      if (!c.recipient_fee.has_value() || c.recipient_fee->minor_units() == 0) {
        // K = (S - converted) + converted x M / 100, rounded once.
        const absl::int128 k11 =
            absl::int128(c.total_outlay.minor_units() -
                         c.amount_converted.minor_units()) *
                100'000'000'000 +
            absl::int128(c.amount_converted.minor_units()) *
                c.fx_margin.scaled();
        const absl::int128 k = k11 / 100'000'000'000;
        const absl::int128 diff = k - c.total_cost.minor_units();
        Require(diff >= -1 && diff <= 1, "total cost recomputed");
      }
    }
    Require(c.total_outlay.minor_units() >= c.send_amount.minor_units(),
            "outlay covers the amount sent");
    // The parts shown add up to the total shown, exactly; an opaque offer
    // has no FX margin cost.
    const absl::int128 parts =
        absl::int128(c.fee.minor_units()) + c.funding_surcharge.minor_units() +
        c.recipient_fee_in_send.minor_units() + c.fx_margin_cost.minor_units();
    Require(parts == c.total_cost.minor_units(),
            "fee + surcharge + recipient fee + FX cost = total cost");
    Require(c.margin_known || c.fx_margin_cost.minor_units() == 0,
            "an opaque offer has no FX cost");
    for (const Money* part : {&c.fee, &c.funding_surcharge,
                              &c.recipient_fee_in_send, &c.fx_margin_cost}) {
      Require(part->currency() == c.total_cost.currency(),
              "every part in the send currency");
    }
  }
  Require(result.summary.offer_count <=
              result.ranked_count + result.excluded.size(),
          "summary counts real offers");
}

}  // namespace remit::fuzz

#endif  // REMIT_FUZZ_INVARIANTS_H_
