#include "engine/pricing.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/internal/fixed_point.h"
#include "engine/rounding.h"

namespace remit {

using engine_internal::ComputeCost;
using engine_internal::CostCore;
using engine_internal::kCostScale;
using engine_internal::Pow10;

namespace {

constexpr absl::int128 kInt64Max = std::numeric_limits<int64_t>::max();
constexpr absl::int128 kInt64Min = std::numeric_limits<int64_t>::min();

bool FitsInt64(absl::int128 v) { return v <= kInt64Max && v >= kInt64Min; }

// round_half_even(amount x percent / 100), in the amount's unit.
absl::int128 PercentOf(int64_t amount, Percent percent) {
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
    return quotient;
  }
  return DivideRounded(absl::int128(amount) * percent.scaled(), kCostScale,
                       RoundingMode::kHalfEven);
}

absl::int128 BandFee(const FeeSchedule& schedule, int64_t amount) {
  if (schedule.bands.empty()) return 0;
  const FeeBand* band = &schedule.bands.front();
  for (const FeeBand& candidate : schedule.bands) {
    if (candidate.from_minor > amount) break;
    band = &candidate;
  }
  absl::int128 fee =
      absl::int128(band->fixed_minor) + PercentOf(amount, band->percent);
  if (band->min_fee_minor.has_value() && fee < *band->min_fee_minor) {
    fee = *band->min_fee_minor;
  }
  if (band->max_fee_minor.has_value() && fee > *band->max_fee_minor) {
    fee = *band->max_fee_minor;
  }
  return fee;
}

struct PointPrice {
  absl::int128 fee;
  size_t nearest;
  bool exact;
};

PointPrice PointFee(const std::vector<SurveyPoint>& points, int64_t amount) {
  auto it = std::lower_bound(
      points.begin(), points.end(), amount,
      [](const SurveyPoint& p, int64_t a) { return p.send_minor < a; });
  const size_t i = static_cast<size_t>(it - points.begin());
  if (i < points.size() && points[i].send_minor == amount) {
    return {points[i].fee_minor, i, true};
  }
  if (i == 0) return {points.front().fee_minor, 0, false};
  if (i == points.size()) {
    return {points.back().fee_minor, points.size() - 1, false};
  }
  const SurveyPoint& lo = points[i - 1];
  const SurveyPoint& hi = points[i];
  const absl::int128 fee =
      absl::int128(lo.fee_minor) +
      DivideRounded(
          absl::int128(hi.fee_minor - lo.fee_minor) * (amount - lo.send_minor),
          hi.send_minor - lo.send_minor, RoundingMode::kHalfEven);
  const bool lower_is_nearer = amount - lo.send_minor <= hi.send_minor - amount;
  return {fee, lower_is_nearer ? i - 1 : i, false};
}

// rate = mid x (1 - margin / 100), half-even at 1e-12.
absl::StatusOr<Rate> RateFromMargin(Rate mid, Percent margin) {
  const absl::int128 factor = absl::int128(kCostScale) - margin.scaled();
  const absl::int128 scaled = DivideRounded(
      absl::int128(mid.scaled()) * factor, kCostScale, RoundingMode::kHalfEven);
  if (scaled <= 0 || !FitsInt64(scaled)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "margin_over_mid: ", margin.ToString(), " % leaves no rate"));
  }
  return Rate::FromScaled(static_cast<int64_t>(scaled));
}

absl::Status QuoteError(const Quote& quote, absl::string_view message) {
  return absl::FailedPreconditionError(
      absl::StrCat("quote '", quote.id, "': ", message));
}

}  // namespace

absl::Status PrepareQuote(const ReferenceRates& references,
                          PreparedQuote* prepared) {
  const Quote& quote = *prepared->quote;
  prepared->mid.reset();
  prepared->reference = nullptr;
  prepared->point_margins.clear();
  if (quote.mid_rate.has_value()) {
    prepared->mid = quote.mid_rate;
    prepared->mid_source = MidSource::kQuote;
  } else if (quote.rate_currency.has_value()) {
    std::optional<ReferenceRates::Match> match = references.Find(
        quote.corridor.send_currency(), *quote.rate_currency, quote.quoted_at);
    if (match.has_value()) {
      prepared->mid = match->rate->rate;
      prepared->mid_source = match->source;
      prepared->reference = match->rate;
    }
  }

  if (!quote.survey_points.empty()) {
    prepared->priceable = true;
    for (const SurveyPoint& point : quote.survey_points) {
      Percent margin;
      if (!quote.transparent) {
        // Unknown, and never taken as zero: opaque quotes are priced by
        // their fees alone and flagged.
      } else if (point.published_margin.has_value()) {
        margin = *point.published_margin;
      } else if (prepared->mid.has_value()) {
        absl::StatusOr<Percent> computed =
            MarginBelow(point.rate, *prepared->mid);
        if (!computed.ok())
          return QuoteError(quote, computed.status().message());
        margin = *computed;
      } else {
        prepared->priceable = false;
      }
      prepared->point_margins.push_back(margin);
    }
    return absl::OkStatus();
  }

  if (quote.rate.has_value()) {
    prepared->rate = *quote.rate;
    prepared->margin = Percent();
    prepared->priceable = !quote.transparent || prepared->mid.has_value();
    if (quote.transparent && prepared->mid.has_value()) {
      absl::StatusOr<Percent> margin = MarginBelow(*quote.rate, *prepared->mid);
      if (!margin.ok()) return QuoteError(quote, margin.status().message());
      prepared->margin = *margin;
    }
    return absl::OkStatus();
  }
  if (quote.margin_over_mid.has_value()) {
    prepared->margin = quote.transparent ? *quote.margin_over_mid : Percent();
    prepared->priceable = prepared->mid.has_value();
    if (prepared->mid.has_value()) {
      absl::StatusOr<Rate> rate =
          RateFromMargin(*prepared->mid, *quote.margin_over_mid);
      if (!rate.ok()) return QuoteError(quote, rate.status().message());
      prepared->rate = *rate;
    }
    return absl::OkStatus();
  }
  return QuoteError(quote, "needs a rate, a margin_over_mid or survey points");
}

namespace engine_internal {

absl::Status ComputeCost(const PreparedQuote& prepared, int64_t send_minor,
                         bool with_payout, CostCore* out) {
  const Quote& quote = *prepared.quote;
  if (send_minor <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("send amount ", send_minor, " must be positive"));
  }
  CostCore& core = *out;
  core.send = send_minor;
  core.estimated = false;
  core.has_payout = false;
  core.gross_received = 0;
  core.recipient_fee = 0;
  absl::int128 fee;
  if (!quote.survey_points.empty()) {
    PointPrice point = PointFee(quote.survey_points, send_minor);
    fee = point.fee;
    core.rate = quote.survey_points[point.nearest].rate;
    core.margin = prepared.point_margins[point.nearest];
    core.estimated = !point.exact;
  } else {
    fee = BandFee(quote.fees, send_minor);
    core.rate = prepared.rate;
    core.margin = prepared.margin;
  }
  const absl::int128 surcharge =
      PercentOf(send_minor, quote.fees.funding_surcharge);
  absl::int128 converted = send_minor;
  absl::int128 outlay = absl::int128(send_minor) + surcharge;
  if (quote.fees.charging == FeeCharging::kOnTop) {
    outlay += fee;
  } else {
    converted -= fee;
    if (converted <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("the fee (", static_cast<int64_t>(fee),
                       " minor units) takes the whole send amount"));
    }
  }
  if (!FitsInt64(fee) || !FitsInt64(surcharge) || !FitsInt64(outlay)) {
    return absl::OutOfRangeError("fees overflow the send currency");
  }
  core.fee = static_cast<int64_t>(fee);
  core.surcharge = static_cast<int64_t>(surcharge);
  core.outlay = static_cast<int64_t>(outlay);
  core.converted = static_cast<int64_t>(converted);
  core.cost11 = (outlay - converted) * kCostScale +
                converted * absl::int128(core.margin.scaled());

  const FeeSchedule& fees = quote.fees;
  const bool has_recipient_fees = fees.recipient_fixed_fee_minor != 0 ||
                                  fees.recipient_percent_fee != Percent();
  if (!(with_payout || has_recipient_fees) ||
      !quote.rate_currency.has_value()) {
    return absl::OkStatus();
  }
  const CurrencyCode send_currency = quote.corridor.send_currency();
  const CurrencyCode payout = *quote.rate_currency;
  absl::StatusOr<Money> gross = Convert(
      Money::FromMinorUnits(core.converted, send_currency), core.rate, payout);
  if (!gross.ok()) return gross.status();
  const absl::int128 recipient_fee =
      absl::int128(fees.recipient_fixed_fee_minor) +
      PercentOf(gross->minor_units(), fees.recipient_percent_fee);
  if (!FitsInt64(recipient_fee)) {
    return absl::OutOfRangeError("recipient fee overflows");
  }
  core.has_payout = true;
  core.gross_received = gross->minor_units();
  core.recipient_fee = static_cast<int64_t>(recipient_fee);
  if (recipient_fee != 0) {
    if (!prepared.mid.has_value()) {
      return absl::FailedPreconditionError(
          "a recipient fee needs the mid-market rate to be costed");
    }
    // recipient_fee / m in send minor units x 10^11, rounded once.
    const absl::int128 numerator =
        recipient_fee *
        Pow10(Rate::kScale + send_currency.exponent() - payout.exponent());
    const absl::int128 mid = prepared.mid->scaled();
    const absl::int128 whole = numerator / mid;
    if (whole > absl::Int128Max() / kCostScale / 2) {
      return absl::OutOfRangeError("recipient fee overflows");
    }
    core.cost11 +=
        whole * kCostScale + DivideRounded((numerator % mid) * kCostScale, mid,
                                           RoundingMode::kHalfEven);
  }
  return absl::OkStatus();
}

}  // namespace engine_internal

absl::StatusOr<CostBreakdown> PriceSend(const PreparedQuote& prepared,
                                        int64_t send_minor) {
  const Quote& quote = *prepared.quote;
  if (!prepared.priceable) {
    return QuoteError(quote, "no mid-market rate to measure its margin by");
  }
  CostCore computed;
  if (absl::Status status = ComputeCost(prepared, send_minor,
                                        /*with_payout=*/true, &computed);
      !status.ok()) {
    return status;
  }
  const CostCore* core = &computed;
  const CurrencyCode send = quote.corridor.send_currency();
  auto money = [send](int64_t minor) {
    return Money::FromMinorUnits(minor, send);
  };
  const absl::int128 total =
      DivideRounded(core->cost11, kCostScale, RoundingMode::kHalfEven);
  const absl::int128 total_percent =
      DivideRounded(core->cost11, send_minor, RoundingMode::kHalfEven);
  if (!FitsInt64(total) || !FitsInt64(total_percent)) {
    return absl::OutOfRangeError("total cost overflows");
  }

  CostBreakdown cost;
  cost.send_amount = money(core->send);
  cost.fee = money(core->fee);
  cost.funding_surcharge = money(core->surcharge);
  cost.total_outlay = money(core->outlay);
  cost.amount_converted = money(core->converted);
  cost.exchange_rate = core->rate;
  cost.mid_market_rate = prepared.mid;
  cost.mid_source = prepared.mid_source;
  cost.margin_known = quote.transparent;
  cost.fx_margin = core->margin;
  cost.fx_margin_cost = money(static_cast<int64_t>(
      DivideRounded(absl::int128(core->converted) * core->margin.scaled(),
                    kCostScale, RoundingMode::kHalfEven)));
  if (core->has_payout && quote.transparent) {
    const CurrencyCode payout = *quote.rate_currency;
    cost.recipient_fee = Money::FromMinorUnits(core->recipient_fee, payout);
    cost.amount_received = Money::FromMinorUnits(
        std::max<int64_t>(0, core->gross_received - core->recipient_fee),
        payout);
  }
  cost.total_cost = money(static_cast<int64_t>(total));
  cost.total_cost_percent =
      Percent::FromScaled(static_cast<int64_t>(total_percent));
  cost.estimated = core->estimated;
  return cost;
}

namespace {

// The amount received at `send`, or nullopt when the quote cannot send it.
std::optional<int64_t> ReceivedAt(const PreparedQuote& prepared, int64_t send) {
  CostCore core;
  if (!ComputeCost(prepared, send, /*with_payout=*/true, &core).ok() ||
      !core.has_payout) {
    return std::nullopt;
  }
  return core.gross_received - core.recipient_fee;
}

// The smallest amount in [lo, hi] that delivers `target`, given that what is
// delivered does not decrease with the amount within the range.
std::optional<int64_t> SmallestDelivering(const PreparedQuote& prepared,
                                          int64_t lo, int64_t hi, int64_t guess,
                                          int64_t target) {
  auto enough = [&](int64_t send) {
    std::optional<int64_t> received = ReceivedAt(prepared, send);
    return received.has_value() && *received >= target;
  };
  if (enough(lo)) return lo;
  // Gallop from the guess until an amount delivers, then bisect.
  int64_t bad = lo;
  int64_t probe = std::clamp(guess, lo, hi);
  while (!enough(probe)) {
    if (probe == hi) return std::nullopt;
    bad = probe;
    const int64_t step = std::max<int64_t>(1, probe - lo);
    probe = hi - probe <= step ? hi : probe + step;
  }
  int64_t good = probe;
  while (good - bad > 1) {
    const int64_t middle = bad + (good - bad) / 2;
    if (enough(middle)) {
      good = middle;
    } else {
      bad = middle;
    }
  }
  return good;
}

}  // namespace

absl::StatusOr<CostBreakdown> PriceReceive(const PreparedQuote& prepared,
                                           const Money& target) {
  const Quote& quote = *prepared.quote;
  if (!quote.transparent) {
    return QuoteError(quote,
                      "its rate is not disclosed, so what the "
                      "recipient gets is unknown");
  }
  if (!prepared.priceable) {
    return QuoteError(quote, "no mid-market rate to measure its margin by");
  }
  if (!quote.rate_currency.has_value() ||
      *quote.rate_currency != target.currency()) {
    return QuoteError(
        quote, absl::StrCat("does not pay out in ", target.currency().code()));
  }
  if (target.minor_units() <= 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "amount to receive ", target.ToString(), " must be positive"));
  }
  const int64_t lo = std::max<int64_t>(1, quote.min_send_minor);
  const int64_t hi = quote.max_send_minor;
  // Ranges over which delivery does not decrease with the amount: each fee
  // band (a later band may charge less), or the whole range for survey
  // points.
  std::vector<std::pair<int64_t, int64_t>> ranges;
  if (quote.survey_points.empty() && quote.fees.bands.size() > 1) {
    const std::vector<FeeBand>& bands = quote.fees.bands;
    for (size_t i = 0; i < bands.size(); ++i) {
      int64_t from = i == 0 ? lo : std::max(lo, bands[i].from_minor);
      int64_t to =
          i + 1 < bands.size() ? std::min(hi, bands[i + 1].from_minor - 1) : hi;
      if (from <= to) ranges.emplace_back(from, to);
    }
  } else if (lo <= hi) {
    ranges.emplace_back(lo, hi);
  }
  // A first guess: the target converted back at the quote's rate.
  const Rate rate = quote.survey_points.empty()
                        ? prepared.rate
                        : quote.survey_points.front().rate;
  absl::StatusOr<Money> guess = ConvertBack(
      target, rate, quote.corridor.send_currency(), RoundingMode::kCeiling);
  const int64_t guess_minor = guess.ok() ? guess->minor_units() : lo;

  std::optional<int64_t> best_send;
  int64_t best_outlay = 0;
  for (const auto& [from, to] : ranges) {
    std::optional<int64_t> send = SmallestDelivering(
        prepared, from, to, guess_minor, target.minor_units());
    if (!send.has_value()) continue;
    CostCore core;
    if (!ComputeCost(prepared, *send, /*with_payout=*/false, &core).ok()) {
      continue;
    }
    if (!best_send.has_value() || core.outlay < best_outlay) {
      best_send = *send;
      best_outlay = core.outlay;
    }
  }
  if (!best_send.has_value()) {
    return absl::NotFoundError(
        absl::StrCat("quote '", quote.id, "' cannot deliver ",
                     target.ToString(), " within its send limits"));
  }
  return PriceSend(prepared, *best_send);
}

}  // namespace remit
