// The rules a quote's values must follow, with their error texts: one set
// for every way quotes are made. The dataset validator (engine/data) reads
// fields from files and calls these rules with the value as written; the
// quote builder (engine/quotes) and QuoteBook::Create call CheckQuote,
// which runs them over a whole Quote. The same bad value gives the same
// text either way:
//   fees.bands[0].fixed_fee: '-3.00' must not be negative
//
// Field names are the dataset format's (remit.v1.Quote), relative to the
// quote: "fees.bands[1].from_amount", "rate_currency", "quoted_at".
//
// Thread-safety: pure functions.
//
// Example:
//   for (const QuoteProblem& p : CheckQuote(quote, references, now)) {
//     std::cout << p.field << ": " << p.message << "\n";
//   }
#ifndef REMIT_ENGINE_PRICING_QUOTE_RULES_H_
#define REMIT_ENGINE_PRICING_QUOTE_RULES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/model/model.h"
#include "engine/model/reference_rates.h"
#include "engine/money/currency.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"
#include "engine/pricing/pricing.h"

namespace remit {

// One broken rule: the field (dataset names, relative to the quote) and
// what is wrong with its value.
struct QuoteProblem {
  std::string field;
  std::string message;
};

// Each rule: the message when `value` (shown as `text`, as written) breaks
// it; unset when it holds.

// An amount (fee, limit) below zero: "'-3.00' must not be negative".
std::optional<std::string> NegativeAmountProblem(absl::string_view text,
                                                 int64_t minor_units);
// A lower bound above its upper bound: "'500.00' is above max_fee '20.00'".
std::string AboveProblem(absl::string_view text, absl::string_view upper_field,
                         absl::string_view upper_text);
// Fee bands out of order.
std::string BandOrderProblem(absl::string_view text);
// The currency a rate is in: never the send currency; the corridor's
// receive currency or US dollars (the currency payouts are made in when
// not the local one).
std::optional<std::string> RateCurrencyProblem(const Corridor& corridor,
                                               CurrencyCode currency);
// A corridor that sends and receives one currency needs its rate currency
// named (or a mid-market rate).
std::string RateCurrencyRequiredProblem(const Corridor& corridor);
// The currency a quote's rate is in when it does not say: the corridor's
// receive currency; unset when that is the send currency too (it must then
// be named).
std::optional<CurrencyCode> DefaultRateCurrency(const Corridor& corridor);
// A price date that is the Unix epoch (an unset time), or after `now`.
std::optional<std::string> QuotedAtProblem(absl::string_view text,
                                           absl::Time quoted_at,
                                           std::optional<absl::Time> now);
// A rate whose margin against `mid` is outside the plausible band, with
// what it looks like (inverted, a power of ten off).
std::optional<std::string> ImplausibleRateProblem(absl::string_view text,
                                                  Rate rate,
                                                  const MidMarket& mid,
                                                  CurrencyCode send,
                                                  CurrencyCode payout);
// A margin given as such, outside the plausible band.
std::optional<std::string> ImplausibleMarginProblem(absl::string_view text,
                                                    Percent margin);
// How a transparent quote is priced: exactly one of rate,
// margin_over_mid_percent and survey_points.
std::optional<QuoteProblem> PricingWaysProblem(bool transparent, bool has_rate,
                                               bool has_margin,
                                               bool has_survey_points);

// Every rule above over a whole quote, values shown as engine values write
// them (Money::AmountString, Rate::ToString, dates YYYY-MM-DD or RFC 3339).
// The rate is checked against FindMidMarket(references, quote) unless the
// quote is opaque, sets rate_outlier_confirmed or carries
// DataNote::kRateImplausible; survey points are the importers' and the
// validator's to check. `now`: quotes dated after it are refused; unset,
// none is.
ABSL_MUST_USE_RESULT std::vector<QuoteProblem> CheckQuote(
    const Quote& quote, const ReferenceRates& references,
    std::optional<absl::Time> now);

// "2026-03-01" at midnight UTC, else RFC 3339.
std::string QuoteTimeText(absl::Time time);

}  // namespace remit

#endif  // REMIT_ENGINE_PRICING_QUOTE_RULES_H_
