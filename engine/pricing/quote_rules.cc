#include "engine/pricing/quote_rules.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "engine/money/money.h"
#include "engine/pricing/plausibility.h"

namespace remit {
namespace {

std::string DescribeMid(const MidMarket& mid, CurrencyCode send,
                        CurrencyCode payout) {
  if (mid.reference == nullptr) {
    return absl::StrCat("the quote's mid_market_rate ", mid.rate->ToString());
  }
  return absl::StrCat(
      "the mid-market rate ", mid.rate->ToString(), " (reference rate ",
      send.code(), "->", payout.code(), " of ",
      absl::FormatTime("%Y-%m-%d", mid.reference->as_of, absl::UTCTimeZone()),
      ")");
}

std::string BandText() {
  return absl::StrCat("plausible margins are ", kLowestPlausibleMargin,
                      " % to ", kHighestPlausibleMargin, " %");
}

constexpr absl::string_view kConfirm =
    "; if it is real, set rate_outlier_confirmed: true";

}  // namespace

std::optional<std::string> NegativeAmountProblem(absl::string_view text,
                                                 int64_t minor_units) {
  if (minor_units >= 0) return std::nullopt;
  return absl::StrCat("'", text, "' must not be negative");
}

std::string AboveProblem(absl::string_view text, absl::string_view upper_field,
                         absl::string_view upper_text) {
  return absl::StrCat("'", text, "' is above ", upper_field, " '", upper_text,
                      "'");
}

std::string BandOrderProblem(absl::string_view text) {
  return absl::StrCat("'", text,
                      "' must be above the previous band's from_amount: "
                      "bands are sorted and do not overlap");
}

std::optional<std::string> RateCurrencyProblem(const Corridor& corridor,
                                               CurrencyCode currency) {
  if (currency == corridor.send_currency()) {
    return absl::StrCat("'", currency.code(),
                        "' is the send currency; a rate is in the payout "
                        "currency");
  }
  const CurrencyCode usd = *CurrencyCode::FromString("USD");
  if (currency != corridor.receive_currency() && currency != usd) {
    return absl::StrCat("'", currency.code(),
                        "' is not a payout currency of corridor ",
                        corridor.ToString(), ": the recipient is paid in ",
                        corridor.receive_currency().code(), " or USD");
  }
  return std::nullopt;
}

std::string RateCurrencyRequiredProblem(const Corridor& corridor) {
  return absl::StrCat("is required: the corridor sends and receives ",
                      corridor.send_currency().code(),
                      ", so the currency the rate is in (what the "
                      "recipient is paid in) must be named, or the "
                      "quote's mid_market_rate given");
}

std::optional<CurrencyCode> DefaultRateCurrency(const Corridor& corridor) {
  if (corridor.receive_currency() == corridor.send_currency()) {
    return std::nullopt;
  }
  return corridor.receive_currency();
}

std::string QuoteTimeText(absl::Time time) {
  const absl::CivilSecond civil =
      absl::ToCivilSecond(time, absl::UTCTimeZone());
  if (absl::FromCivil(absl::CivilDay(civil), absl::UTCTimeZone()) == time) {
    return absl::FormatTime("%Y-%m-%d", time, absl::UTCTimeZone());
  }
  return absl::FormatTime(absl::RFC3339_full, time, absl::UTCTimeZone());
}

std::optional<std::string> QuotedAtProblem(absl::string_view text,
                                           absl::Time quoted_at,
                                           std::optional<absl::Time> now) {
  if (quoted_at == absl::UnixEpoch()) {
    return absl::StrCat("'", text,
                        "' is the Unix epoch, the value of a time never set: "
                        "give the date the price was quoted");
  }
  if (now.has_value() && quoted_at > *now) {
    return absl::StrCat("'", text, "' is in the future (now is ",
                        QuoteTimeText(*now), ")");
  }
  return std::nullopt;
}

std::optional<std::string> ImplausibleRateProblem(absl::string_view text,
                                                  Rate rate,
                                                  const MidMarket& mid,
                                                  CurrencyCode send,
                                                  CurrencyCode payout) {
  if (!mid.rate.has_value()) return std::nullopt;
  const RateCheck check = CheckRate(rate, *mid.rate);
  if (check.plausible) return std::nullopt;
  std::string why = absl::StrCat(
      "'", text, "' implies an FX margin of ",
      check.margin.has_value() ? absl::StrCat(check.margin->ToString(), " %")
                               : "beyond -92233720368 %",
      " against ", DescribeMid(mid, send, payout), "; ", BandText());
  if (check.looks_inverted) {
    absl::StrAppend(
        &why, "; looks inverted: 1/", text, " = ",
        check.inverse.has_value() ? check.inverse->ToString() : "(too large)",
        " (margin ", check.inverse_margin->ToString(), " %)");
  } else if (check.power_of_ten_off != 0) {
    const int k = check.power_of_ten_off;
    absl::StrAppend(&why, "; looks off by a factor of ",
                    k == 1 || k == -1   ? "10"
                    : k == 2 || k == -2 ? "100"
                                        : "1000",
                    k > 0 ? " (too high)" : " (too low)");
  }
  absl::StrAppend(&why, kConfirm);
  return why;
}

std::optional<std::string> ImplausibleMarginProblem(absl::string_view text,
                                                    Percent margin) {
  if (PlausibleMargin(margin)) return std::nullopt;
  return absl::StrCat(
      "'", text, "' is outside the plausible band: ", BandText(), kConfirm);
}

std::optional<QuoteProblem> PricingWaysProblem(bool transparent, bool has_rate,
                                               bool has_margin,
                                               bool has_survey_points) {
  const int ways = has_rate + has_margin + has_survey_points;
  if (!transparent || ways == 1) return std::nullopt;
  // With more than one, point at a field that is there.
  return QuoteProblem{
      ways == 0 || has_rate ? "rate" : "margin_over_mid_percent",
      ways == 0 ? "a transparent quote needs one of rate, "
                  "margin_over_mid_percent or survey_points"
                : "give only one of rate, margin_over_mid_percent and "
                  "survey_points"};
}

std::vector<QuoteProblem> CheckQuote(const Quote& quote,
                                     const ReferenceRates& references,
                                     std::optional<absl::Time> now) {
  std::vector<QuoteProblem> problems;
  auto add = [&](std::string field, std::optional<std::string> message) {
    if (message.has_value()) {
      problems.push_back({std::move(field), *std::move(message)});
    }
  };
  const CurrencyCode send = quote.corridor.send_currency();
  auto text = [](int64_t minor, CurrencyCode currency) {
    return Money::FromMinorUnits(minor, currency).AmountString();
  };
  // Values are written out only for a problem: books of many quotes are
  // checked on every load.
  auto amount = [&](std::string field, int64_t minor, CurrencyCode currency) {
    if (minor >= 0) return;
    add(std::move(field), NegativeAmountProblem(text(minor, currency), minor));
  };

  if (quote.quoted_at == absl::UnixEpoch() ||
      (now.has_value() && quote.quoted_at > *now)) {
    add("quoted_at",
        QuotedAtProblem(QuoteTimeText(quote.quoted_at), quote.quoted_at, now));
  }
  amount("min_send_amount", quote.min_send_minor, send);
  if (quote.max_send_minor != std::numeric_limits<int64_t>::max()) {
    amount("max_send_amount", quote.max_send_minor, send);
  }
  if (quote.min_send_minor > quote.max_send_minor) {
    add("min_send_amount",
        AboveProblem(text(quote.min_send_minor, send), "max_send_amount",
                     text(quote.max_send_minor, send)));
  }
  if (quote.rate_currency.has_value()) {
    add("rate_currency",
        RateCurrencyProblem(quote.corridor, *quote.rate_currency));
  } else if (!DefaultRateCurrency(quote.corridor).has_value() &&
             quote.transparent && !quote.mid_rate.has_value() &&
             quote.survey_points.empty()) {
    add("rate_currency", RateCurrencyRequiredProblem(quote.corridor));
  }
  if (std::optional<QuoteProblem> p = PricingWaysProblem(
          quote.transparent, quote.rate.has_value(),
          quote.margin_over_mid.has_value(), !quote.survey_points.empty())) {
    problems.push_back(*std::move(p));
  }

  const FeeBands& bands = quote.fees.bands;
  for (size_t i = 0; i < bands.size(); ++i) {
    const FeeBand& band = bands[i];
    const std::string at = absl::StrCat("fees.bands[", i, "].");
    amount(at + "from_amount", band.from_minor, send);
    amount(at + "fixed_fee", band.fixed_minor, send);
    if (band.min_fee_minor) amount(at + "min_fee", *band.min_fee_minor, send);
    if (band.max_fee_minor) amount(at + "max_fee", *band.max_fee_minor, send);
    if (band.min_fee_minor && band.max_fee_minor &&
        *band.min_fee_minor > *band.max_fee_minor) {
      add(at + "min_fee",
          AboveProblem(text(*band.min_fee_minor, send), "max_fee",
                       text(*band.max_fee_minor, send)));
    }
    if (i > 0 && band.from_minor <= bands[i - 1].from_minor) {
      add(at + "from_amount", BandOrderProblem(text(band.from_minor, send)));
    }
  }
  if (quote.fees.recipient_fixed_fee_minor != 0) {
    amount("fees.recipient_fixed_fee", quote.fees.recipient_fixed_fee_minor,
           quote.rate_currency.value_or(send));
  }

  if (quote.transparent && !quote.rate_outlier_confirmed &&
      !quote.Has(DataNote::kRateImplausible)) {
    if (quote.rate.has_value()) {
      const MidMarket mid = FindMidMarket(references, quote);
      if (mid.rate.has_value() &&
          !CheckRate(*quote.rate, *mid.rate).plausible) {
        add("rate",
            ImplausibleRateProblem(quote.rate->ToString(), *quote.rate, mid,
                                   send, quote.rate_currency.value_or(send)));
      }
    }
    if (quote.margin_over_mid.has_value() &&
        !PlausibleMargin(*quote.margin_over_mid)) {
      add("margin_over_mid_percent",
          ImplausibleMarginProblem(quote.margin_over_mid->ToString(),
                                   *quote.margin_over_mid));
    }
  }
  return problems;
}

}  // namespace remit
