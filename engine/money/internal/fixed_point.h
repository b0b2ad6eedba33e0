// Decimal text <-> scaled integers, shared by Money, Rate and Percent.
//
// A value with `scale` fractional digits is held as the integer
// value * 10^scale. Parsing never goes through binary floating point.
// Thread-safe: pure functions.
//
// Example:
//   ParseScaled("163.8815", {.scale = 12}) == 163881500000000
//   FormatScaled(12345, 2, 2) == "123.45"
#ifndef REMIT_ENGINE_MONEY_INTERNAL_FIXED_POINT_H_
#define REMIT_ENGINE_MONEY_INTERNAL_FIXED_POINT_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit::engine_internal {

// Largest scale any caller uses (Rate: 12). 10^18 still fits int64.
inline constexpr int kMaxScale = 18;

// 10^n for 0 <= n <= 38, as int128; aborts otherwise. Inline for the
// powers that fit int64 (every scale a caller uses); Pow10Wide is the rest.
absl::int128 Pow10Wide(int n);
inline absl::int128 Pow10(int n) {
  static constexpr std::array<int64_t, kMaxScale + 1> kSmall = [] {
    std::array<int64_t, kMaxScale + 1> powers{};
    powers[0] = 1;
    for (size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
    return powers;
  }();
  if (static_cast<unsigned>(n) <= static_cast<unsigned>(kMaxScale)) {
    return kSmall[n];
  }
  return Pow10Wide(n);
}

struct ParseOptions {
  // Fractional digits kept; text with more (non-zero or not) is rejected.
  int scale = 0;
  // Accept a leading '-' ('+' is never accepted).
  bool allow_negative = true;
  // Accept thousands separators: "1,234,567.89" (groups of exactly three).
  bool allow_grouping = false;
  // Accept an exponent: "6.51E-04". The value must still be exact at
  // `scale` digits.
  bool allow_exponent = false;
};

// Parses "[-]digits[.digits]" (with the options' extensions). Errors
// describe the problem without naming the input's field; callers add it.
//   INVALID_ARGUMENT: not a decimal numeral, or more fractional digits than
//     `scale`.
//   OUT_OF_RANGE: the scaled value does not fit int64.
absl::StatusOr<int64_t> ParseScaled(absl::string_view text,
                                    const ParseOptions& options);

// The common case of ParseScaled, in one pass and without a Status: true,
// with the value in `*out`, when `text` is "[-]digits[.digits]" with at
// most 18 digits, no more fractional digits than `options.scale` and a
// sign `options` accepts; ParseScaled then gives the same value. False for
// anything else (grouping, exponents, errors): ParseScaled decides those.
// For readers of many values that want the error words only when needed.
//   int64_t v;
//   ParsePlainScaled("6.5", {.scale = 2}, &v);  // true, v == 650
bool ParsePlainScaled(absl::string_view text, const ParseOptions& options,
                      int64_t* out);

// ParseScaled with errors that quote the text and say what it is:
// "'abc': rate is not a decimal number (unexpected character 'a')".
absl::StatusOr<int64_t> ParseQuantity(absl::string_view text,
                                      absl::string_view what,
                                      const ParseOptions& options);

// Formats value / 10^scale with at least `min_fraction_digits` fractional
// digits (trailing zeros beyond that are dropped) and at most `scale`.
std::string FormatScaled(int64_t value, int scale, int min_fraction_digits);

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_MONEY_INTERNAL_FIXED_POINT_H_
