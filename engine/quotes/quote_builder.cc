#include "engine/quotes/quote_builder.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/pricing/quote_rules.h"

namespace remit {

QuoteBuilder::QuoteBuilder(std::string id, std::string provider_id,
                           Corridor corridor, absl::Time quoted_at,
                           QuoteService service)
    : quote_(corridor) {
  quote_.id = std::move(id);
  quote_.provider_id = std::move(provider_id);
  quote_.quoted_at = quoted_at;
  quote_.payment_instrument = service.payment_instrument;
  quote_.access_point = service.access_point;
  quote_.receive_method = service.receive_method;
  quote_.speed = service.speed;
  quote_.rate_currency = DefaultRateCurrency(corridor);
}

QuoteBuilder& QuoteBuilder::FlatFee(Money fee) {
  return AddFeeBand({Money::FromMinorUnits(0, fee.currency()), fee});
}

QuoteBuilder& QuoteBuilder::AddFeeBand(FeeBandSpec band) {
  bands_.push_back(std::move(band));
  return *this;
}

QuoteBuilder& QuoteBuilder::FeeDeducted() {
  quote_.fees.charging = FeeCharging::kDeducted;
  return *this;
}

QuoteBuilder& QuoteBuilder::RecipientFee(Money fixed, Percent percent) {
  recipient_fixed_ = fixed;
  quote_.fees.recipient_percent_fee = percent;
  return *this;
}

QuoteBuilder& QuoteBuilder::ExchangeRate(Rate rate) {
  quote_.rate = rate;
  return *this;
}

QuoteBuilder& QuoteBuilder::MarginOverMid(Percent margin) {
  quote_.margin_over_mid = margin;
  return *this;
}

QuoteBuilder& QuoteBuilder::MidMarketRate(Rate mid) {
  quote_.mid_rate = mid;
  return *this;
}

QuoteBuilder& QuoteBuilder::PayoutCurrency(CurrencyCode currency) {
  quote_.rate_currency = currency;
  return *this;
}

QuoteBuilder& QuoteBuilder::RateOutlierConfirmed() {
  quote_.rate_outlier_confirmed = true;
  return *this;
}

QuoteBuilder& QuoteBuilder::Opaque() {
  quote_.transparent = false;
  return *this;
}

QuoteBuilder& QuoteBuilder::SendLimits(Money min, Money max) {
  min_send_ = min;
  max_send_ = max;
  return *this;
}

QuoteBuilder& QuoteBuilder::Coverage(remit::Coverage coverage) {
  quote_.coverage = coverage;
  return *this;
}

QuoteBuilder& QuoteBuilder::Promotional() {
  quote_.promotional = true;
  return *this;
}

QuoteBuilder& QuoteBuilder::Source(std::string source) {
  quote_.source = std::move(source);
  return *this;
}

QuoteBuilder& QuoteBuilder::InPeriod(Period period) {
  quote_.period = period;
  return *this;
}

absl::StatusOr<Quote> QuoteBuilder::Build(
    const Clock& clock, const ReferenceRates* references) const {
  Quote quote = quote_;
  std::vector<std::string> problems;
  auto problem = [&](absl::string_view field, absl::string_view message) {
    problems.push_back(
        absl::StrCat("quote '", quote.id, "': ", field, ": ", message));
  };
  // An amount's minor units, once its currency is the field's.
  auto minor = [&](const std::string& field, const Money& money,
                   CurrencyCode currency) -> int64_t {
    if (money.currency() != currency) {
      problem(field, absl::StrCat("'", money.ToString(), "' is not in ",
                                  currency.code(), ", the currency of ",
                                  field == "fees.recipient_fixed_fee"
                                      ? "the payout"
                                      : "the send amount"));
      return 0;
    }
    return money.minor_units();
  };
  if (quote.id.empty()) problem("id", "is required");
  if (quote.provider_id.empty()) problem("provider_id", "is required");

  const CurrencyCode send = quote.corridor.send_currency();
  if (min_send_.has_value()) {
    quote.min_send_minor = minor("min_send_amount", *min_send_, send);
    quote.max_send_minor = minor("max_send_amount", *max_send_, send);
  }
  for (size_t i = 0; i < bands_.size(); ++i) {
    const FeeBandSpec& spec = bands_[i];
    const std::string at = absl::StrCat("fees.bands[", i, "].");
    FeeBand band;
    band.from_minor = minor(at + "from_amount", spec.from, send);
    band.fixed_minor = minor(at + "fixed_fee", spec.fixed, send);
    band.percent = spec.percent;
    if (spec.min_fee)
      band.min_fee_minor = minor(at + "min_fee", *spec.min_fee, send);
    if (spec.max_fee)
      band.max_fee_minor = minor(at + "max_fee", *spec.max_fee, send);
    quote.fees.bands.push_back(band);
  }
  if (bands_.empty()) {
    problem("fees",
            "is required: give FlatFee or AddFeeBand (FlatFee of "
            "zero for a free transfer)");
  }
  if (recipient_fixed_.has_value()) {
    if (!quote.rate_currency.has_value()) {
      problem("fees.recipient_fixed_fee",
              "needs the quote's rate_currency (the currency it is in)");
    } else {
      quote.fees.recipient_fixed_fee_minor = minor(
          "fees.recipient_fixed_fee", *recipient_fixed_, *quote.rate_currency);
    }
  }
  if (!quote.transparent && !quote.rate.has_value() &&
      !quote.margin_over_mid.has_value()) {
    // As in dataset files: a rate of 1 stands for "undisclosed".
    quote.rate = Rate();
  }

  const ReferenceRates none;
  for (const QuoteProblem& p : CheckQuote(
           quote, references != nullptr ? *references : none, clock.Now())) {
    problem(p.field, p.message);
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrJoin(problems, "; "));
  }
  return quote;
}

}  // namespace remit
