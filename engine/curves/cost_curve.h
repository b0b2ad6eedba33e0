// Cost curves: who is cheapest at every send (or receive) amount of a
// range.
//
// Fee bands, caps and minimums make the cheapest offer of a corridor change
// with the amount. CostCurve() answers, for a corridor and a range of send
// amounts, with the lower envelope of the offers' costs: the intervals of
// amounts on which one offer stays first, and the exact amounts (in minor
// units) where another takes over. At every amount of an interval, its
// offer is the one Rank() would put first at that amount (order kTotalCost,
// with Rank's tie-breaks: total cost, then speed, then provider and quote
// id), under the same rules: the request's filter, the quotes' send limits,
// staleness, opaque quotes (last, when included) and survey periods.
//
// How. Every cost comes from engine/pricing, the functions Rank() prices
// with; nothing here prices a quote another way. A quote's cost is
// piecewise linear in the amount, up to the rounding of its percentage
// parts: its breakpoints come from its data (fee band edges, the amounts
// where a minimum or cap starts or stops binding, survey points and the
// midpoints where the nearest survey point changes, send limits, the least
// amount a deducted fee leaves something of). Between breakpoints each
// offer's cost is priced at both ends; the chord between them and a bound
// on the roundings give, with integer arithmetic (128 bits), the only
// amounts where another offer can overtake the cheapest, and those amounts
// are priced to find the first one where it does. Where a fee jumps at a
// band edge, the switch is at the edge. So the answer is exact, and costs
// a few pricings per breakpoint and offer rather than one Rank() per amount.
//
// Receive amounts. With amount_kind kReceive, the range is of amounts the
// recipient must get, in the corridor's receive currency, and each offer
// at each amount is what Rank() gives for that receive amount: the
// smallest outlay that delivers at least it (PriceReceive), offers ranked
// by outlay with the same tie-breaks; offers Rank cannot price that way
// (rate not disclosed, another payout currency) are left out. PriceReceive
// searches each range of send amounts where delivery and outlay rise (a
// fee band; survey points' amounts cut where a lower rate starts to apply)
// for the smallest amount that delivers; the curve cuts each range where
// the send cost changes course, and the outlay of such a piece is flat up
// to what its first amount delivers and close to a straight line after
// it, so the same chord and rounding bound narrow down where switches can
// be. Within those amounts an outlay is a staircase: the smallest send
// amount that delivers stays the same from one amount received to what
// that send amount delivers. Two offers are compared stair by stair, and
// where one is ahead by a minor unit or more the comparison leaps to the
// first amount where the other's outlay could have caught up (the
// smallest send amount whose outlay reaches it, and one past what the
// amount before it delivers), so the cost grows with the switches rather
// than with the amounts. Of a quote's pieces in one range only the first
// that delivers an amount is compared (a later one costs no less).
// A quote whose delivery or outlay still falls within a range (a fee that
// changes faster than the amount sent) is priced by PriceReceive at every
// candidate amount instead: exact, but slow over wide ranges.
//
// Sender access. With CostCurveRequest::access, offers the sender cannot
// use (IsAccessible) are left out of the curve, like offers the filter
// refuses.
//
// Samples. With sample_count = N > 0, each offer that is not screened out
// is also priced at N evenly spaced amounts from min to max (for drawing):
// amount i is min + (max - min) x i / (N - 1), rounded down (just min when
// N is 1); unset where the offer does not send that amount.
//
// Thread-safety: reads the QuoteBook and the request only; any number of
// threads may compute curves at once.
//
// Example:
//   CostCurveRequest request(*Corridor::Parse("GB", "", "BD", ""),
//                            *Money::Parse("50 GBP"),
//                            *Money::Parse("1000 GBP"));
//   absl::StatusOr<CostCurve> curve = ComputeCostCurve(book, request, clock);
//   for (const CurveInterval& i : curve->intervals)
//     std::cout << i.from << " - " << i.to << ": "
//               << i.cheapest.quote->provider->name << "\n";
#ifndef REMIT_ENGINE_CURVES_COST_CURVE_H_
#define REMIT_ENGINE_CURVES_COST_CURVE_H_

#include <cstddef>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/model/period.h"
#include "engine/money/money.h"
#include "engine/pricing/pricing.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit {

// The most samples one curve prices per offer.
inline constexpr size_t kMaxCurveSamples = 1000;

// The most intervals one curve answers with: a range where the cheapest
// offer changes more often is refused (a narrower range is answered).
inline constexpr size_t kMaxCurveIntervals = 10000;

// The most work one curve does by default (CostCurveRequest::work_budget)
// to find its switches, in units of about one offer priced at one amount
// (an offer priced at an amount, a receive outlay's step or search, a
// piece of the envelope): up to a few seconds of one core. A range whose
// envelope needs more (offers whose costs stay within a rounding of each
// other over a vast range, or that change places at nearly every amount)
// is refused rather than worked out for minutes; a narrower range is then
// answered.
inline constexpr int64_t kCurveWorkBudget = 16'000'000;

struct CostCurveRequest {
  CostCurveRequest(Corridor corridor, Money min_amount, Money max_amount)
      : corridor(corridor), min_amount(min_amount), max_amount(max_amount) {}

  Corridor corridor;
  // The amounts, inclusive: sent, in the corridor's send currency; with
  // amount_kind kReceive, received, in its receive currency.
  Money min_amount;
  Money max_amount;
  AmountKind amount_kind = AmountKind::kSend;
  RankFilter filter;
  // Unset: every offer is usable (see "Sender access").
  std::optional<SenderAccess> access;
  bool include_opaque = false;
  // As RankRequest's: not applied when `period` is set.
  absl::Duration max_quote_age = kDefaultMaxQuoteAge;
  std::optional<Period> period;
  size_t sample_count = 0;  // At most kMaxCurveSamples.
  // The most work the switches may take (kCurveWorkBudget's units).
  int64_t work_budget = kCurveWorkBudget;
};

// One interval of the lower envelope: `cheapest` is first at every amount
// from `from` to `to` inclusive, and is priced at `from` (rank 1; for
// receive amounts, as Rank prices a receive amount).
struct CurveInterval {
  Money from;
  Money to;
  Offer cheapest;
};

// One offer's cost at each of the curve's sample amounts.
struct OfferSamples {
  const PreparedQuote* quote = nullptr;
  // One per CostCurve::sample_amounts; unset where it is not offered.
  std::vector<std::optional<CostBreakdown>> costs;
};

struct CostCurve {
  // The survey period read, as RankResult::period.
  std::optional<Period> period;
  // As the request's: which amounts the intervals and samples are.
  AmountKind amount_kind = AmountKind::kSend;
  // Ascending and disjoint. Amounts of the range where no offer is
  // available lie between intervals (or before the first, after the last).
  std::vector<CurveInterval> intervals;
  std::vector<Money> sample_amounts;
  // The offers the screen passes, in (provider id, quote id) order; empty
  // when sample_count is 0.
  std::vector<OfferSamples> offers;
};

// INVALID_ARGUMENT naming the request field when an amount is not positive
// or not in the corridor's send (receive, for kReceive) currency, when
// min_amount exceeds max_amount or sample_count exceeds kMaxCurveSamples,
// or when the range needs more than work_budget or kMaxCurveIntervals
// intervals (max_amount: narrow the range); NOT_FOUND as Rank().
absl::StatusOr<CostCurve> ComputeCostCurve(const QuoteBook& book,
                                           const CostCurveRequest& request,
                                           const Clock& clock);

}  // namespace remit

#endif  // REMIT_ENGINE_CURVES_COST_CURVE_H_
