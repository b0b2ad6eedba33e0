// Pricing one offer at one amount, exactly.
//
// For a send amount A (send currency):
//   fee F(A)          from the quote's fee bands, or its survey points
//   surcharge         funding surcharge, a share of A
//   outlay S          A + F + surcharge (fee on top), A + surcharge (deducted)
//   converted         A (fee on top), A - F (fee deducted)
//   FX margin M       (1 - r / m) x 100; an RPW survey point's published
//                     margin when it has one
//   FX margin cost    converted x M / 100
//   total cost K      (S - converted) + converted x M / 100
//                       + recipient fees / m          (send currency)
//                     = S - R / m, with R taken before rounding
//   total cost %      K / A x 100
//   received R        round(converted x r) - recipient fees (payout currency)
// Margins can be negative (a rate better than mid) and are never clamped.
//
// The breakdown shown adds up: K = fee + funding surcharge + recipient fee
// in the send currency + FX margin cost, exactly, in send minor units. The
// recipient fee in the send currency is recipient fees / m rounded
// half-even to the minor unit; K is rounded once from the exact cost; the
// FX margin cost is what is left of K after the other three. It is
// converted x M / 100 up to those roundings (at most a minor unit or two)
// and, for a survey fee with digits below the minor unit, up to that
// fraction too. An opaque quote's K is the sum of its fees (no margin).
//
// Rounding, all half-even, each to the unit shown: the percentage parts of
// fees and surcharges, the converted amount and recipient fees (minor units
// of their currency); M (1e-9 pp); K (send minor units) and total cost %
// (1e-9 pp) are each rounded once from the exact K.
//
// Survey points (RPW prices two amounts) are exact at their amounts. At any
// other amount the price is an estimate, flagged `estimated`: the fee is
// interpolated linearly between the two surrounding points (the nearest
// point's fee outside them) and the rate and margin are the nearest point's
// (the lower one when equally near).
//
// A survey fee is a survey figure that may have digits below the minor unit
// (SurveyPoint: "46172.7" RWF). Two fees then come from it:
//   payable F   the fee rounded half-even to the minor unit: CostBreakdown's
//               `fee`, and what S and the converted amount use (deducted:
//               converted = A - F, a whole amount)
//   exact Fx    as published; what K uses:
//               K = Fx + surcharge + converted x M / 100 + recipient fees / m
// so that with the fee on top, total cost % = Fx / A x 100 + M exactly, as
// RPW publishes it. K then differs from S - R / m by Fx - F (at most half a
// minor unit); the FX margin cost, being what is left of K, carries Fx - F
// so that the parts still add up. Between two points both are taken from the
// same exact line: F rounded once to the minor unit, Fx once to 10^-11 of it.
//
// Thread-safety: pure functions over immutable data.
//
// Example:
//   absl::StatusOr<CostBreakdown> cost = PriceSend(prepared, 12000);
//   cost->total_cost_percent.ToString();  // "6.88"
#ifndef REMIT_ENGINE_PRICING_PRICING_H_
#define REMIT_ENGINE_PRICING_PRICING_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/model/model.h"
#include "engine/model/reference_rates.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"

namespace remit {

// A quote with what pricing needs resolved once, when its QuoteBook is built.
struct PreparedQuote {
  const Quote* quote = nullptr;
  const Provider* provider = nullptr;
  // The quote's attributes as bits, for filters (internal/facets.h).
  uint64_t facets = 0;
  // Position of (provider id, quote id) among the quotes ranked together
  // (the corridor's, or one survey period's: QuoteBook): the last
  // tie-breaker of every ranking order.
  uint32_t tie_rank = 0;
  // The mid-market rate m, and where it came from. Unset when neither the
  // quote nor the reference rates give one.
  std::optional<Rate> mid;
  MidSource mid_source = MidSource::kQuote;
  const ReferenceRate* reference = nullptr;  // When m is a reference rate.
  // Quotes priced by fee bands: the provider rate r and its margin M.
  Rate rate;
  Percent margin;
  // Quotes priced by survey points: M at each point.
  std::vector<Percent> point_margins;
  // Whether recipient fees apply (the payout side must then be computed).
  bool has_recipient_fees = false;
  // False when a transparent quote's margin cannot be known (no m and no
  // published margin): it is not priced. Opaque quotes are priceable, by
  // their fees alone.
  bool priceable = false;
};

// The mid-market rate m a quote is measured against: its own
// (Quote::mid_rate), else the reference rate for (send currency,
// rate_currency) at the quote's time (ReferenceRates::Find). Unset when
// neither gives one. The one way m is found: pricing and the dataset's
// plausibility check both use it.
struct MidMarket {
  std::optional<Rate> rate;
  MidSource source = MidSource::kQuote;
  const ReferenceRate* reference = nullptr;  // When m is a reference rate.
};
MidMarket FindMidMarket(const ReferenceRates& references, const Quote& quote);

// Fills the fields after `provider` from `prepared->quote`.
// FAILED_PRECONDITION when a quote without survey points has neither a rate
// nor a margin over mid, or a margin of 100 % or more.
absl::Status PrepareQuote(const ReferenceRates& references,
                          PreparedQuote* prepared);

struct CostBreakdown {
  Money send_amount;  // A
  Money fee;          // F(A), payable: a survey fee rounded half-even.
  Money funding_surcharge;
  // The recipient fee (below) in the send currency, at m: counted in K.
  // Zero without a recipient fee.
  Money recipient_fee_in_send;
  Money total_outlay;  // S
  Money amount_converted;
  Rate exchange_rate;                   // r
  std::optional<Rate> mid_market_rate;  // m, when known
  MidSource mid_source = MidSource::kQuote;
  // False for an opaque quote: M, its cost and R are unknown, and K and its
  // percentage count the fees only.
  bool margin_known = true;
  Percent fx_margin;  // M
  // K less fee, funding surcharge and recipient_fee_in_send (see above).
  Money fx_margin_cost;
  std::optional<Money> recipient_fee;    // In the payout currency.
  std::optional<Money> amount_received;  // R; unset when the payout currency
                                         // is unknown.
  Money total_cost;                      // K
  Percent total_cost_percent;
  bool estimated = false;
};

// The offer at send amount `send_minor` (send currency minor units).
// INVALID_ARGUMENT when the fee exceeds a deducted amount or the amount is
// not positive; OUT_OF_RANGE on overflow; FAILED_PRECONDITION when the
// quote is not priceable.
absl::StatusOr<CostBreakdown> PriceSend(const PreparedQuote& prepared,
                                        int64_t send_minor);

// The offer with the smallest total outlay that delivers at least `target`
// to the recipient, exact in minor units (the smallest send amount among
// equal outlays). A larger send can cost less (a later fee band charging
// less) and deliver less (past the midpoint to a survey point with a lower
// rate, or where a later band deducts more): each stretch of amounts
// between such places is searched (internal/receive.h).
// NOT_FOUND when no amount within the quote's limits delivers it;
// FAILED_PRECONDITION when the quote pays out in another or an unknown
// currency, or is opaque.
absl::StatusOr<CostBreakdown> PriceReceive(const PreparedQuote& prepared,
                                           const Money& target);

}  // namespace remit

#endif  // REMIT_ENGINE_PRICING_PRICING_H_
