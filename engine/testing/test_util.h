// Helpers for engine tests: terse constructors for values known to be valid.
// Test-only; aborts on invalid input so that a typo fails loudly.
#ifndef REMIT_ENGINE_TESTING_TEST_UTIL_H_
#define REMIT_ENGINE_TESTING_TEST_UTIL_H_

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"

namespace remit::testing {

template <typename T>
T Must(absl::StatusOr<T> value) {
  if (!value.ok()) {
    std::cerr << "test value: " << value.status() << "\n";
    std::abort();
  }
  return *std::move(value);
}

// The sample corridors, through runfiles (//testdata).
inline constexpr char kSampleCorridors[] =
    "testdata/sample_corridors.textproto";
// Quotes in survey periods (//testdata: survey_periods.textproto).
inline constexpr char kSurveyPeriods[] = "testdata/survey_periods.textproto";

// The whole file at `path` (test data comes through runfiles).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline Rate R(const char* text) { return Must(Rate::FromString(text)); }
inline Money M(const char* text) { return Must(Money::Parse(text)); }
inline Percent P(const char* text) { return Must(Percent::FromString(text)); }
inline CurrencyCode Cur(const char* code) {
  return Must(CurrencyCode::FromString(code));
}
// "GB", "BD" -> GBR/GBP -> BGD/BDT.
inline Corridor C(const char* from, const char* to) {
  return Must(Corridor::Parse(from, "", to, ""));
}
inline absl::Time Day(int year, int month, int day) {
  return absl::FromCivil(absl::CivilDay(year, month, day), absl::UTCTimeZone());
}

// A quote priced by one fee band (fixed fee, on top) at rate r against mid
// m, paying out in the corridor's receive currency.
inline Quote SimpleQuote(const std::string& id, const std::string& provider,
                         const Corridor& corridor, int64_t fee_minor,
                         const char* rate, const char* mid) {
  Quote quote(corridor);
  quote.id = id;
  quote.provider_id = provider;
  quote.payment_instrument = PaymentInstrument::kCash;
  quote.access_point = AccessPoint::kBranchOrAgent;
  quote.receive_method = ReceiveMethod::kCashPickup;
  quote.speed = Speed::kLessThanOneHour;
  quote.quoted_at = Day(2025, 9, 1);
  quote.fees.bands = {FeeBand{0, fee_minor, Percent(), {}, {}}};
  quote.rate = R(rate);
  quote.mid_rate = R(mid);
  quote.rate_currency = corridor.receive_currency();
  return quote;
}

// A book of the given quotes; providers are made up from their ids (type
// MTO unless named in `banks`).
inline QuoteBook Book(std::vector<Quote> quotes,
                      const std::vector<std::string>& banks = {}) {
  std::vector<Provider> providers;
  for (const Quote& q : quotes) {
    bool known = false;
    for (const Provider& p : providers) known |= p.id == q.provider_id;
    if (known) continue;
    ProviderType type = ProviderType::kMoneyTransferOperator;
    for (const std::string& b : banks) {
      if (b == q.provider_id) type = ProviderType::kBank;
    }
    providers.push_back({q.provider_id, q.provider_id + " Ltd", type});
  }
  return Must(QuoteBook::Create(std::move(providers), std::move(quotes),
                                ReferenceRates()));
}

}  // namespace remit::testing

#endif  // REMIT_ENGINE_TESTING_TEST_UTIL_H_
