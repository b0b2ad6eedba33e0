// Money: an exact amount in integer minor units of one currency.
//
// 1234.50 USD is held as 123450 cents; 500 JPY as 500 yen; 1.250 KWD as 1250
// fils. No binary floating point anywhere: "19.99" is 1999 cents, always.
// Arithmetic is only within one currency, and overflow is an error, never a
// wrap. Conversion to another currency: Convert() in engine/money/rate.h.
//
// Text forms accepted by Parse(), for what people type (surrounding spaces
// ignored, code in any case, amount optionally negative, commas only as
// thousands separators in groups of three; FromDecimal, for data files,
// takes plain decimals only):
//   "1234.50 USD"   "1,234.50 USD"   "USD 1234.50"   "1234 usd"   "-3.00 EUR"
// Rejected, each with an error naming the input: "", "1e5 USD", "NaN USD",
// "12.345 USD" (more decimals than USD has), "12 ZZZ" (unknown code),
// "1,23 USD" (bad grouping), "USD" (no amount), values beyond int64.
//
// Money is a 16-byte value type. Thread-safe.
//
// Example:
//   absl::StatusOr<Money> sent = Money::Parse("120 GBP");
//   absl::StatusOr<Money> fee = Money::Parse("4.99 GBP");
//   absl::StatusOr<Money> outlay = sent->Add(*fee);  // 124.99 GBP
#ifndef REMIT_ENGINE_MONEY_MONEY_H_
#define REMIT_ENGINE_MONEY_MONEY_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/money/currency.h"

namespace remit {

class Money {
 public:
  // Zero of currency XXX ("no currency").
  Money() = default;

  // `minor_units` of `currency`'s minor unit: FromMinorUnits(1999, USD) is
  // 19.99 USD.
  static Money FromMinorUnits(int64_t minor_units, CurrencyCode currency) {
    return Money(minor_units, currency);
  }

  // A plain decimal amount without the code, as data files write it:
  // "1234.50", "-3". No thousands separators: "1,234.50" and "6,500" are
  // INVALID_ARGUMENT (a comma could be either a separator or a decimal
  // comma). At most currency.exponent() fractional digits.
  static absl::StatusOr<Money> FromDecimal(absl::string_view amount,
                                           CurrencyCode currency);

  // One of the text forms listed above.
  static absl::StatusOr<Money> Parse(absl::string_view text);

  // The google.type.Money representation: units + nanos / 10^9. `nanos` must
  // be within +-999,999,999, share the sign of `units`, and have no more
  // precision than the currency (INVALID_ARGUMENT); OUT_OF_RANGE when the
  // amount does not fit int64 minor units.
  static absl::StatusOr<Money> FromUnitsAndNanos(int64_t units, int32_t nanos,
                                                 CurrencyCode currency);

  int64_t minor_units() const { return minor_units_; }
  CurrencyCode currency() const { return currency_; }

  // The google.type.Money view of this amount.
  int64_t units() const;
  int32_t nanos() const;

  // "1234.50" (always exactly currency().exponent() decimals).
  std::string AmountString() const;
  // "1234.50 USD".
  std::string ToString() const;

  // INVALID_ARGUMENT when the currencies differ, OUT_OF_RANGE on overflow.
  absl::StatusOr<Money> Add(const Money& other) const;
  absl::StatusOr<Money> Subtract(const Money& other) const;

  friend bool operator==(const Money& a, const Money& b) {
    return a.minor_units_ == b.minor_units_ && a.currency_ == b.currency_;
  }
  friend bool operator!=(const Money& a, const Money& b) { return !(a == b); }
  friend std::ostream& operator<<(std::ostream& os, const Money& m) {
    return os << m.ToString();
  }

 private:
  Money(int64_t minor_units, CurrencyCode currency)
      : minor_units_(minor_units), currency_(currency) {}

  int64_t minor_units_ = 0;
  CurrencyCode currency_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_MONEY_H_
