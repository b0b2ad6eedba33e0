// CurrencyCode: an ISO 4217 alphabetic code with its minor-unit exponent.
//
// The exponent (how many decimal places the currency's minor unit has: JPY 0,
// USD 2, KWD 3, CLF 4) comes from a table in currency.cc, versioned by
// kCurrencyTableVersion. Where sources disagree, remitrank follows ISO 4217
// List One; currency.cc lists those cases and the choice made.
//
// A CurrencyCode is a small value type (4 bytes): copy it freely. Thread-safe.
//
// Example:
//   absl::StatusOr<CurrencyCode> kwd = CurrencyCode::FromString("KWD");
//   if (kwd.ok()) int places = kwd->exponent();  // 3
#ifndef REMIT_ENGINE_MONEY_CURRENCY_H_
#define REMIT_ENGINE_MONEY_CURRENCY_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit {

// Identifies the currency table: ISO 4217 List One as amended up to 2025
// (XCG added), plus withdrawn codes still found in historical price data.
inline constexpr absl::string_view kCurrencyTableVersion = "iso4217-2025.1";

class CurrencyCode {
 public:
  // "XXX", ISO 4217's code for "no currency" (exponent 0). Exists so that
  // CurrencyCode and Money can be default-constructed; factories never return
  // it for input other than "XXX".
  CurrencyCode();

  // Accepts a known three-letter code in any case ("usd" -> USD).
  // INVALID_ARGUMENT names the input when it is not a known ISO 4217 code.
  static absl::StatusOr<CurrencyCode> FromString(absl::string_view code);

  // The upper-case code, e.g. "USD". The view points into this object:
  // bind a temporary CurrencyCode (money.currency()) to a variable first.
  absl::string_view code() const { return absl::string_view(code_, 3); }
  // Number of decimal places of the minor unit (0 to 4).
  int exponent() const { return exponent_; }
  // True for a code withdrawn from ISO 4217 but accepted for historical data
  // (e.g. HRK, SLL, VEF).
  bool withdrawn() const;

  friend bool operator==(CurrencyCode a, CurrencyCode b) {
    return a.Key() == b.Key();
  }
  friend bool operator!=(CurrencyCode a, CurrencyCode b) { return !(a == b); }
  friend bool operator<(CurrencyCode a, CurrencyCode b) {
    return a.code() < b.code();
  }
  template <typename H>
  friend H AbslHashValue(H h, CurrencyCode c) {
    return H::combine(std::move(h), c.Key());
  }
  friend std::ostream& operator<<(std::ostream& os, CurrencyCode c) {
    return os << c.code();
  }

 private:
  CurrencyCode(absl::string_view code, int exponent);
  uint32_t Key() const;

  char code_[3];
  uint8_t exponent_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_CURRENCY_H_
