// Rate: an exact exchange rate, and Money x Rate conversion.
//
// A rate is how many units of one currency one unit of another buys
// (163.8815 BDT per GBP; 0.000651 KES per TZS), held as a positive integer
// scaled by 10^12: twelve fractional digits, range 1e-12 to about 9.2
// million. Text is parsed digit by digit, never through binary floating
// point. A Rate carries no currencies: the quote or reference rate that holds
// it says which pair it is for.
//
// Convert() multiplies in 128 bits (int64 minor units x int64 scaled rate
// always fits) and rounds once. Its default rounding is half-even: unbiased
// over many conversions, and ties (exactly half a minor unit) are rare in
// practice. Callers that need a bound pass kFloor or kCeiling.
//
// A Rate is an 8-byte value type. Thread-safe.
//
// Example:
//   absl::StatusOr<Rate> r = Rate::FromString("163.8815");
//   absl::StatusOr<Money> bdt =
//       Convert(*Money::Parse("120 GBP"), *r,
//       *CurrencyCode::FromString("BDT"));
//   // 19665.78 BDT
//   absl::StatusOr<Rate> m = Rate::FromString("168.459165");
//   MarginBelow(*r, *m)->ToString();  // "2.72"
#ifndef REMIT_ENGINE_MONEY_RATE_H_
#define REMIT_ENGINE_MONEY_RATE_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/money/currency.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/money/rounding.h"

namespace remit {

class Rate {
 public:
  static constexpr int kScale = 12;

  // 1 (one unit for one unit).
  Rate() = default;

  // "163.8815", "0.000651", "6.51E-04"; no thousands separators ("1,234.5"
  // and "6,5" are INVALID_ARGUMENT). Must be positive, with at
  // most 12 fractional digits (INVALID_ARGUMENT) and below about 9.2 million
  // (OUT_OF_RANGE). Errors quote the input.
  static absl::StatusOr<Rate> FromString(absl::string_view text);
  // `scaled` / 10^12; must be positive.
  static absl::StatusOr<Rate> FromScaled(int64_t scaled);

  int64_t scaled() const { return scaled_; }

  // The shortest exact decimal: "163.8815", "0.000651", "1".
  std::string ToString() const;

  friend bool operator==(Rate a, Rate b) { return a.scaled_ == b.scaled_; }
  friend bool operator!=(Rate a, Rate b) { return a.scaled_ != b.scaled_; }
  friend bool operator<(Rate a, Rate b) { return a.scaled_ < b.scaled_; }
  friend std::ostream& operator<<(std::ostream& os, Rate r) {
    return os << r.ToString();
  }

 private:
  explicit Rate(int64_t scaled) : scaled_(scaled) {}
  int64_t scaled_ = 1'000'000'000'000;
};

// `amount` x `rate`, in currency `to` (rate = units of `to` per unit of
// amount.currency()), rounded to `to`'s minor unit by `mode`. OUT_OF_RANGE
// when the result does not fit int64 minor units.
absl::StatusOr<Money> Convert(const Money& amount, Rate rate, CurrencyCode to,
                              RoundingMode mode = RoundingMode::kHalfEven);

// `amount` / `rate`: the inverse conversion, from currency `to`'s side back
// to the currency the rate is quoted against (rate = units of
// amount.currency() per unit of `to`).
absl::StatusOr<Money> ConvertBack(const Money& amount, Rate rate,
                                  CurrencyCode to,
                                  RoundingMode mode = RoundingMode::kHalfEven);

// The FX margin of `rate` against the reference (mid-market) rate `mid`, in
// percent: (1 - rate / mid) * 100, rounded half-even to 1e-9 pp. Positive
// when `rate` gives less than mid; negative when it gives more.
absl::StatusOr<Percent> MarginBelow(Rate rate, Rate mid);

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_RATE_H_
