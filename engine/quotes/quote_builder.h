// QuoteBuilder: a quote made in code (a bank's own price list, a
// comparison site's feed), checked by the same rules, with the same error
// texts, as a quote read from a dataset file.
//
// The constructor takes what every quote needs: its id, its provider, the
// corridor, the date it was quoted (no default: a forgotten date would make
// the quote silently stale) and the service (how it is paid for, where,
// how it is received, how fast). Amounts are Money and rates are Rate, so
// each states its currency; Build() refuses an amount in another currency
// than the field's. The payout currency (the currency the rate is in) is
// the corridor's receive currency unless set. Build() refuses what the
// dataset loader refuses (engine/pricing/quote_rules.h): a negative fee, a
// price dated after the clock's now, a payout currency not of the
// corridor, a rate whose margin is implausible, no price or two prices.
// Errors name the quote and the field as the dataset format does:
//   quote 'wu-1': fees.bands[0].fixed_fee: '-3.00' must not be negative
//
// Thread-safety: a builder is a plain value, for one thread at a time;
// Build() does not change it.
//
// Example:
//   QuoteBuilder builder("wu-usa-mex-1", "western-union", usa_mex,
//                        Day(2026, 11, 30),
//                        {PaymentInstrument::kBankAccount,
//                         AccessPoint::kInternet, ReceiveMethod::kBankAccount,
//                         Speed::kSameDay});
//   builder.FlatFee(*Money::Parse("3.99 USD"))
//       .ExchangeRate(*Rate::FromString("17.05"));
//   absl::StatusOr<Quote> quote = builder.Build(clock, &references);
#ifndef REMIT_ENGINE_QUOTES_QUOTE_BUILDER_H_
#define REMIT_ENGINE_QUOTES_QUOTE_BUILDER_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/model/model.h"
#include "engine/model/reference_rates.h"
#include "engine/money/currency.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"
#include "engine/time/clock.h"

namespace remit {

// How a quote's service works: every field is required.
struct QuoteService {
  PaymentInstrument payment_instrument;
  AccessPoint access_point;
  ReceiveMethod receive_method;
  Speed speed;
};

// One band of a fee schedule, in the send currency: from `from` (inclusive)
// up to the next band's `from`, fee = clamp(fixed + amount x percent,
// min_fee, max_fee).
struct FeeBandSpec {
  Money from;
  Money fixed;
  Percent percent = Percent();  // 0 %.
  std::optional<Money> min_fee = std::nullopt;
  std::optional<Money> max_fee = std::nullopt;
};

class QuoteBuilder {
 public:
  QuoteBuilder(std::string id, std::string provider_id, Corridor corridor,
               absl::Time quoted_at, QuoteService service);

  // Fees, in the send currency. FlatFee(f) is one band from 0 with fixed
  // fee f. Without any band the quote is free to send (state it:
  // FlatFee of zero).
  QuoteBuilder& FlatFee(Money fee) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  QuoteBuilder& AddFeeBand(FeeBandSpec band) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // The fee is taken from the amount sent. Default: paid on top.
  QuoteBuilder& FeeDeducted() ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // Taken from the amount received, in the payout currency.
  QuoteBuilder& RecipientFee(Money fixed, Percent percent = Percent())
      ABSL_ATTRIBUTE_LIFETIME_BOUND;

  // The price: exactly one of the two. The rate is in units of the payout
  // currency per unit of the send currency.
  QuoteBuilder& ExchangeRate(Rate rate) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  QuoteBuilder& MarginOverMid(Percent margin) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // The mid-market rate to measure it against, when the caller has one;
  // otherwise the book's reference rates give it.
  QuoteBuilder& MidMarketRate(Rate mid) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // Default: the corridor's receive currency.
  QuoteBuilder& PayoutCurrency(CurrencyCode currency)
      ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // The rate's margin is outside the plausible band, and real.
  QuoteBuilder& RateOutlierConfirmed() ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // The provider does not disclose its rate (ranked only with
  // include_opaque, by its fees).
  QuoteBuilder& Opaque() ABSL_ATTRIBUTE_LIFETIME_BOUND;

  // Send amounts offered, inclusive, in the send currency. Default: any.
  QuoteBuilder& SendLimits(Money min, Money max) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  QuoteBuilder& Coverage(remit::Coverage coverage)
      ABSL_ATTRIBUTE_LIFETIME_BOUND;
  QuoteBuilder& Promotional() ABSL_ATTRIBUTE_LIFETIME_BOUND;
  QuoteBuilder& Source(std::string source) ABSL_ATTRIBUTE_LIFETIME_BOUND;
  QuoteBuilder& InPeriod(Period period) ABSL_ATTRIBUTE_LIFETIME_BOUND;

  // The quote, or INVALID_ARGUMENT listing every problem ("; "-separated),
  // each as "quote 'id': field: what is wrong". Quotes dated after
  // clock.Now() are refused. The rate's plausibility is judged against the
  // mid-market rate given, else `references`' (unchecked when neither has
  // one: QuoteBook::Create checks it again with the book's rates).
  ABSL_MUST_USE_RESULT absl::StatusOr<Quote> Build(
      const Clock& clock, const ReferenceRates* references = nullptr) const;

 private:
  Quote quote_;
  std::vector<FeeBandSpec> bands_;
  std::optional<Money> min_send_;
  std::optional<Money> max_send_;
  std::optional<Money> recipient_fixed_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_QUOTES_QUOTE_BUILDER_H_
