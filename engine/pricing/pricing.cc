#include "engine/pricing/pricing.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/model/internal/facets.h"
#include "engine/money/internal/fixed_point.h"
#include "engine/money/rounding.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/pricing/internal/receive.h"

namespace remit {

using engine_internal::ComputeCost;
using engine_internal::CostCore;
using engine_internal::FitsInt64;
using engine_internal::kCostScale;
using engine_internal::Pow10;
using engine_internal::ReceivedAt;
using engine_internal::ReceiveRanges;
using engine_internal::SmallestDelivering;

namespace {

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

MidMarket FindMidMarket(const ReferenceRates& references, const Quote& quote) {
  MidMarket mid;
  if (quote.mid_rate.has_value()) {
    mid.rate = quote.mid_rate;
    mid.source = MidSource::kQuote;
  } else if (quote.rate_currency.has_value()) {
    std::optional<ReferenceRates::Match> match = references.Find(
        quote.corridor.send_currency(), *quote.rate_currency, quote.quoted_at);
    if (match.has_value()) {
      mid.rate = match->rate->rate;
      mid.source = match->source;
      mid.reference = match->rate;
    }
  }
  return mid;
}

absl::Status PrepareQuote(const ReferenceRates& references,
                          PreparedQuote* prepared) {
  const Quote& quote = *prepared->quote;
  prepared->mid.reset();
  prepared->reference = nullptr;
  prepared->point_margins.clear();
  prepared->facets = engine_internal::FacetsOf(quote, prepared->provider->type);
  prepared->has_recipient_fees = quote.fees.recipient_fixed_fee_minor != 0 ||
                                 quote.fees.recipient_percent_fee != Percent();
  const MidMarket mid = FindMidMarket(references, quote);
  prepared->mid = mid.rate;
  prepared->mid_source = mid.source;
  prepared->reference = mid.reference;

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

absl::Status AddPayout(const PreparedQuote& prepared, CostCore* core) {
  const Quote& quote = *prepared.quote;
  const FeeSchedule& fees = quote.fees;
  const CurrencyCode send_currency = quote.corridor.send_currency();
  const CurrencyCode payout = *quote.rate_currency;
  absl::StatusOr<Money> gross =
      Convert(Money::FromMinorUnits(core->converted, send_currency), core->rate,
              payout);
  if (!gross.ok()) return gross.status();
  int64_t share;
  int64_t recipient_fee;
  if (!PercentOf(gross->minor_units(), fees.recipient_percent_fee, &share) ||
      __builtin_add_overflow(fees.recipient_fixed_fee_minor, share,
                             &recipient_fee)) {
    return absl::OutOfRangeError("recipient fee overflows");
  }
  core->has_payout = true;
  core->gross_received = gross->minor_units();
  core->recipient_fee = recipient_fee;
  if (recipient_fee == 0) return absl::OkStatus();
  if (!prepared.mid.has_value()) {
    return absl::FailedPreconditionError(
        "a recipient fee needs the mid-market rate to be costed");
  }
  // recipient_fee / m in send minor units x 10^11, rounded once.
  const absl::int128 numerator =
      absl::int128(recipient_fee) *
      Pow10(Rate::kScale + send_currency.exponent() - payout.exponent());
  const absl::int128 mid = prepared.mid->scaled();
  const absl::int128 whole = numerator / mid;
  if (whole > absl::Int128Max() / kCostScale / 2) {
    return absl::OutOfRangeError("recipient fee overflows");
  }
  core->recipient_fee11 =
      whole * kCostScale + DivideRounded((numerator % mid) * kCostScale, mid,
                                         RoundingMode::kHalfEven);
  core->cost11 += core->recipient_fee11;
  return absl::OkStatus();
}

std::optional<int64_t> ReceivedAt(const PreparedQuote& prepared, int64_t send) {
  CostCore core;
  if (!ComputeCost(prepared, send, /*with_payout=*/true, &core).ok() ||
      !core.has_payout) {
    return std::nullopt;
  }
  return core.gross_received - core.recipient_fee;
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
  const absl::int128 total_percent =
      DivideRounded(core->cost11, send_minor, RoundingMode::kHalfEven);
  const absl::int128 recipient_fee_send =
      DivideRounded(core->recipient_fee11, kCostScale, RoundingMode::kHalfEven);
  // The parts shown add up to the total shown: for a transparent quote K is
  // rounded once from the exact cost and the FX margin cost is what is left
  // of it; for an opaque one (margin unknown) K is the sum of its fees.
  const absl::int128 fees =
      absl::int128(core->fee) + core->surcharge + recipient_fee_send;
  const absl::int128 total =
      quote.transparent
          ? DivideRounded(core->cost11, kCostScale, RoundingMode::kHalfEven)
          : fees;
  if (!FitsInt64(total) || !FitsInt64(total_percent) ||
      !FitsInt64(recipient_fee_send) || !FitsInt64(total - fees)) {
    return absl::OutOfRangeError("total cost overflows");
  }

  CostBreakdown cost;
  cost.send_amount = money(core->send);
  cost.fee = money(core->fee);
  cost.funding_surcharge = money(core->surcharge);
  cost.recipient_fee_in_send = money(static_cast<int64_t>(recipient_fee_send));
  cost.total_outlay = money(core->outlay);
  cost.amount_converted = money(core->converted);
  cost.exchange_rate = core->rate;
  cost.mid_market_rate = prepared.mid;
  cost.mid_source = prepared.mid_source;
  cost.margin_known = quote.transparent;
  cost.fx_margin = core->margin;
  cost.fx_margin_cost = money(static_cast<int64_t>(total - fees));
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

namespace engine_internal {

std::vector<std::pair<int64_t, int64_t>> ReceiveRanges(const Quote& quote) {
  const int64_t lo = std::max<int64_t>(1, quote.min_send_minor);
  const int64_t hi = quote.max_send_minor;
  std::vector<std::pair<int64_t, int64_t>> ranges;
  if (lo > hi) return ranges;
  // The first amount of each new range.
  std::vector<int64_t> cuts;
  auto cut = [&](absl::int128 amount) {
    if (amount > lo && amount <= hi)
      cuts.push_back(static_cast<int64_t>(amount));
  };
  const std::vector<SurveyPoint>& points = quote.survey_points;
  if (!points.empty()) {
    // Past the midpoint the upper point's rate applies (the lower one's at
    // the midpoint itself): delivery falls there when that rate is lower.
    for (size_t i = 0; i + 1 < points.size(); ++i) {
      if (points[i + 1].rate.scaled() < points[i].rate.scaled()) {
        cut((absl::int128(points[i].send_minor) + points[i + 1].send_minor) /
                2 +
            1);
      }
    }
  } else {
    // Each fee band: a later one may charge less, or deduct more.
    for (size_t i = 1; i < quote.fees.bands.size(); ++i) {
      cut(quote.fees.bands[i].from_minor);
    }
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  int64_t from = lo;
  for (const int64_t next : cuts) {
    ranges.emplace_back(from, next - 1);
    from = next;
  }
  ranges.emplace_back(from, hi);
  return ranges;
}

std::optional<int64_t> SmallestDelivering(const PreparedQuote& prepared,
                                          int64_t lo, int64_t hi,
                                          int64_t target, CostCore* at) {
  if (lo > hi) return std::nullopt;
  // The cost at the last amount that delivered, for `at`.
  CostCore probed;
  auto enough = [&](int64_t send) {
    if (!ComputeCost(prepared, send, /*with_payout=*/true, &probed).ok() ||
        !probed.has_payout ||
        probed.gross_received - probed.recipient_fee < target) {
      return false;
    }
    if (at != nullptr) *at = probed;
    return true;
  };
  // What lo delivers, and at which rate.
  CostCore core;
  const bool priced =
      ComputeCost(prepared, lo, /*with_payout=*/true, &core).ok() &&
      core.has_payout;
  if (priced && core.gross_received - core.recipient_fee >= target) {
    if (at != nullptr) *at = core;
    return lo;
  }
  // A first guess: lo and what is missing converted back at lo's rate.
  int64_t probe = lo;
  const absl::int128 short_by =
      absl::int128(target) - core.gross_received + core.recipient_fee;
  if (priced && FitsInt64(short_by)) {
    const Quote& quote = *prepared.quote;
    absl::StatusOr<Money> missing = ConvertBack(
        Money::FromMinorUnits(static_cast<int64_t>(short_by),
                              *quote.rate_currency),
        core.rate, quote.corridor.send_currency(), RoundingMode::kCeiling);
    if (missing.ok() && missing->minor_units() > 0) {
      probe =
          hi - lo <= missing->minor_units() ? hi : lo + missing->minor_units();
    }
  }
  // Gallop from the guess, doubling the step, to an amount that delivers
  // (good) and one above lo that does not (bad), then bisect.
  int64_t bad = lo;
  int64_t good;
  int64_t step = 1;
  if (probe > lo && enough(probe)) {
    good = probe;
    while (true) {
      const int64_t below = good - lo <= step ? lo : good - step;
      if (below == lo || !enough(below)) {
        bad = below;
        break;
      }
      good = below;
      if (step < (int64_t{1} << 61)) step *= 2;
    }
  } else {
    if (probe > lo) bad = probe;
    while (true) {
      if (bad == hi) return std::nullopt;
      const int64_t above = hi - bad <= step ? hi : bad + step;
      if (enough(above)) {
        good = above;
        break;
      }
      bad = above;
      if (step < (int64_t{1} << 61)) step *= 2;
    }
  }
  while (good - bad > 1) {
    const int64_t middle = bad + (good - bad) / 2;
    (enough(middle) ? good : bad) = middle;
  }
  return good;
}

}  // namespace engine_internal

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
  // The least outlay that delivers the target: the least over the ranges
  // on which delivery and outlay rise (internal/receive.h) of the outlay
  // at the smallest amount of each that delivers it.
  const std::vector<std::pair<int64_t, int64_t>> ranges = ReceiveRanges(quote);
  std::optional<int64_t> best_send;
  int64_t best_outlay = 0;
  for (const auto& [from, to] : ranges) {
    std::optional<int64_t> send =
        SmallestDelivering(prepared, from, to, target.minor_units());
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
