// The exact cost of one offer at one send amount, before it becomes Money.
//
// Shared by pricing.cc (breakdowns, receive mode) and ranking.cc, whose loop
// over a corridor calls ComputeCost once per quote: the common path is
// inline so that its figures stay in registers; the payout side (conversion
// and recipient fees) is out of line. Formulas and rounding: pricing.h.
//
// Thread-safety: pure functions.
#ifndef REMIT_ENGINE_PRICING_INTERNAL_COST_CORE_H_
#define REMIT_ENGINE_PRICING_INTERNAL_COST_CORE_H_

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/model/model.h"
#include "engine/money/percent.h"
#include "engine/money/rounding.h"
#include "engine/pricing/pricing.h"

namespace remit::engine_internal {

// 10^11: one percentage point of one minor unit, at Percent's scale.
inline constexpr int64_t kCostScale = 100'000'000'000;
static_assert(kCostScale == kSurveyFeeScale,
              "survey fees are kept exact in cost11's unit");

inline bool FitsInt64(absl::int128 v) {
  return v <= std::numeric_limits<int64_t>::max() &&
         v >= std::numeric_limits<int64_t>::min();
}

// round_half_even(amount x percent / 100), in the amount's unit, into
// `out`. False when it does not fit int64.
inline bool PercentOf(int64_t amount, Percent percent, int64_t* out) {
  if (percent.scaled() == 0) {
    *out = 0;
    return true;
  }
  int64_t product;
  if (!__builtin_mul_overflow(amount, percent.scaled(), &product)) {
    // Division by a constant: the compiler avoids a real divide.
    int64_t quotient = product / kCostScale;
    int64_t remainder = product % kCostScale;
    if (remainder < 0) remainder = -remainder;
    const int64_t twice = 2 * remainder;  // < 2e11: no overflow.
    if (twice > kCostScale || (twice == kCostScale && (quotient & 1) != 0)) {
      quotient += product < 0 ? -1 : 1;
    }
    *out = quotient;
    return true;
  }
  const absl::int128 wide =
      DivideRounded(absl::int128(amount) * percent.scaled(), kCostScale,
                    RoundingMode::kHalfEven);
  if (!FitsInt64(wide)) return false;
  *out = static_cast<int64_t>(wide);
  return true;
}

// The fee of `schedule` at `amount` into `out`; false on overflow.
inline bool BandFee(const FeeSchedule& schedule, int64_t amount, int64_t* out) {
  if (schedule.bands.empty()) {
    *out = 0;
    return true;
  }
  const FeeBand* band = &schedule.bands.front();
  for (const FeeBand& candidate : schedule.bands) {
    if (candidate.from_minor > amount) break;
    band = &candidate;
  }
  int64_t share;
  int64_t fee;
  if (!PercentOf(amount, band->percent, &share) ||
      __builtin_add_overflow(band->fixed_minor, share, &fee)) {
    return false;
  }
  if (band->min_fee_minor.has_value() && fee < *band->min_fee_minor) {
    fee = *band->min_fee_minor;
  }
  if (band->max_fee_minor.has_value() && fee > *band->max_fee_minor) {
    fee = *band->max_fee_minor;
  }
  *out = fee;
  return true;
}

struct PointPrice {
  int64_t fee;  // Payable: minor units.
  // The exact fee x 10^11 less fee x 10^11; at most half of 10^11 either
  // way.
  int64_t fee_remainder11;
  size_t nearest;  // The point whose rate and margin apply.
  bool exact;
};

// Floor division for d > 0: n = *q x d + *r with 0 <= *r < d.
inline void FloorDivide(absl::int128 n, absl::int128 d, absl::int128* q,
                        absl::int128* r) {
  absl::int128 quotient = n / d;
  absl::int128 rest = n - quotient * d;
  if (rest < 0) {
    quotient -= 1;
    rest += d;
  }
  *q = quotient;
  *r = rest;
}

// The fee at `amount`, strictly between lo's and hi's amounts, on the
// straight line between their exact fees:
//   E = lo.fee11 + (hi.fee11 - lo.fee11) x (amount - lo) / (hi - lo)
// The payable fee is E / 10^11 rounded half-even, the exact fee E rounded
// half-even to a 10^-11 minor unit: each rounded once, from E.
inline PointPrice InterpolatedFee(const SurveyPoint& lo, const SurveyPoint& hi,
                                  int64_t amount) {
  const absl::int128 lo11 = lo.fee11();
  const absl::int128 span = absl::int128(hi.send_minor) - lo.send_minor;
  const absl::int128 offset = absl::int128(amount) - lo.send_minor;
  // (hi11 - lo11) x offset can pass 2^127; split it by the span first:
  // hi11 - lo11 = whole x span + part, 0 <= part < span, so that
  // E = lo11 + whole x offset + part x offset / span, the last product
  // below span^2 < 2^126.
  absl::int128 whole, part;
  FloorDivide(hi.fee11() - lo11, span, &whole, &part);
  absl::int128 extra, rest;  // part x offset = extra x span + rest.
  FloorDivide(part * offset, span, &extra, &rest);
  // E = floor11 + rest / span, 0 <= rest < span.
  const absl::int128 floor11 = lo11 + whole * offset + extra;
  const absl::int128 twice = 2 * rest;
  const bool up11 = twice > span || (twice == span && (floor11 & 1) != 0);
  const absl::int128 fee11 = floor11 + (up11 ? 1 : 0);
  // E / 10^11 = units + (below + rest / span) / 10^11, 0 <= below < 10^11.
  absl::int128 units, below;
  FloorDivide(floor11, kCostScale, &units, &below);
  constexpr int64_t kHalf = kCostScale / 2;
  const bool up =
      below > kHalf || (below == kHalf && (rest != 0 || (units & 1) != 0));
  // Between the two points' fees, so these fit int64.
  const int64_t fee = static_cast<int64_t>(units) + (up ? 1 : 0);
  return {fee, static_cast<int64_t>(fee11 - absl::int128(fee) * kCostScale), 0,
          false};
}

ABSL_ATTRIBUTE_ALWAYS_INLINE inline PointPrice PointFee(
    const std::vector<SurveyPoint>& points, int64_t amount) {
  auto it = std::lower_bound(
      points.begin(), points.end(), amount,
      [](const SurveyPoint& p, int64_t a) { return p.send_minor < a; });
  const size_t i = static_cast<size_t>(it - points.begin());
  if (i < points.size() && points[i].send_minor == amount) {
    return {points[i].fee_minor, points[i].fee_remainder11, i, true};
  }
  if (i == 0) {
    return {points.front().fee_minor, points.front().fee_remainder11, 0, false};
  }
  if (i == points.size()) {
    return {points.back().fee_minor, points.back().fee_remainder11,
            points.size() - 1, false};
  }
  const SurveyPoint& lo = points[i - 1];
  const SurveyPoint& hi = points[i];
  PointPrice price = InterpolatedFee(lo, hi, amount);
  const bool lower_is_nearer = amount - lo.send_minor <= hi.send_minor - amount;
  price.nearest = lower_is_nearer ? i - 1 : i;
  return price;
}

struct CostCore {
  int64_t send = 0;
  int64_t fee = 0;
  int64_t surcharge = 0;
  int64_t outlay = 0;
  int64_t converted = 0;
  Rate rate;
  Percent margin;
  bool estimated = false;
  // Payout side, filled when requested (or needed for recipient fees).
  bool has_payout = false;
  int64_t gross_received = 0;
  int64_t recipient_fee = 0;
  // recipient_fee / m in send minor units x 10^11, rounded once (its share
  // of cost11); 0 without a recipient fee.
  absl::int128 recipient_fee11 = 0;
  // K x 10^11 in send minor units: exact but for the rounding of the
  // recipient fee's conversion (and of an interpolated survey fee, at
  // 10^-11 minor units). total cost % (1e-9 pp) = cost11 / send.
  absl::int128 cost11 = 0;
};

// The payout side: amount received and recipient fees, and their share of
// cost11. Out of line: most ranking requests do not need it.
absl::Status AddPayout(const PreparedQuote& prepared, CostCore* core);

// What the recipient gets, net of recipient fees (payout minor units), for
// `send` minor units sent; unset when the offer cannot send it or its
// payout currency is unknown. Receive mode's one measure of delivery.
std::optional<int64_t> ReceivedAt(const PreparedQuote& prepared, int64_t send);

inline absl::Status FeesOverflow() {
  return absl::OutOfRangeError("fees overflow the send currency");
}

// Fills `core`. `with_payout`: also compute the payout side when the
// currency is known (it is computed anyway when recipient fees apply).
ABSL_ATTRIBUTE_ALWAYS_INLINE inline absl::Status ComputeCost(
    const PreparedQuote& prepared, int64_t send_minor, bool with_payout,
    CostCore* out) {
  const Quote& quote = *prepared.quote;
  if (send_minor <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("send amount ", send_minor, " must be positive"));
  }
  CostCore& core = *out;
  core.send = send_minor;
  core.has_payout = false;
  core.gross_received = 0;
  core.recipient_fee = 0;
  core.recipient_fee11 = 0;
  int64_t fee;
  // A survey fee's exact part below the minor unit (x 10^11): counted in
  // the cost, not paid.
  int64_t fee_remainder11 = 0;
  if (!quote.survey_points.empty()) {
    const PointPrice point = PointFee(quote.survey_points, send_minor);
    fee = point.fee;
    fee_remainder11 = point.fee_remainder11;
    core.rate = quote.survey_points[point.nearest].rate;
    core.margin = prepared.point_margins[point.nearest];
    core.estimated = !point.exact;
  } else {
    if (!BandFee(quote.fees, send_minor, &fee)) return FeesOverflow();
    core.rate = prepared.rate;
    core.margin = prepared.margin;
    core.estimated = false;
  }
  int64_t surcharge;
  if (!PercentOf(send_minor, quote.fees.funding_surcharge, &surcharge)) {
    return FeesOverflow();
  }
  int64_t converted = send_minor;
  int64_t outlay;
  if (__builtin_add_overflow(send_minor, surcharge, &outlay))
    return FeesOverflow();
  if (quote.fees.charging == FeeCharging::kOnTop) {
    if (__builtin_add_overflow(outlay, fee, &outlay)) return FeesOverflow();
  } else {
    converted -= fee;  // fee >= 0 and send_minor > 0: no overflow.
    if (converted <= 0) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the fee (", fee, " minor units) takes the whole send amount"));
    }
  }
  core.fee = fee;
  core.surcharge = surcharge;
  core.outlay = outlay;
  core.converted = converted;
  // outlay - converted = fee + surcharge, on top or deducted; the exact
  // fee replaces the payable one: fee11 + surcharge x 10^11 + converted x M.
  core.cost11 = absl::int128(outlay - converted) * kCostScale +
                fee_remainder11 +
                absl::int128(converted) * core.margin.scaled();
  if ((with_payout || prepared.has_recipient_fees) &&
      quote.rate_currency.has_value()) {
    return AddPayout(prepared, &core);
  }
  return absl::OkStatus();
}

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_PRICING_INTERNAL_COST_CORE_H_
