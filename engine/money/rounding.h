// Rounding modes for exact decimal arithmetic.
//
// Every operation in remitrank that can produce a value between two
// representable ones (a converted amount between two minor units, a
// percentage between two billionths) takes a RoundingMode, and documents its
// default. Thread-safe: plain values.
//
// Example:
//   absl::StatusOr<Money> bdt =
//       Convert(gbp, rate, bdt_code, RoundingMode::kHalfEven);
#ifndef REMIT_ENGINE_MONEY_ROUNDING_H_
#define REMIT_ENGINE_MONEY_ROUNDING_H_

#include "absl/numeric/int128.h"
#include "absl/strings/string_view.h"

namespace remit {

enum class RoundingMode {
  // To the nearest; ties to the even neighbour (1.5 -> 2, 2.5 -> 2,
  // -2.5 -> -2). Unbiased over many values: the default for conversions.
  kHalfEven,
  // To the nearest; ties away from zero (2.5 -> 3, -2.5 -> -3).
  kHalfAwayFromZero,
  // Towards negative infinity (2.7 -> 2, -2.1 -> -3).
  kFloor,
  // Towards positive infinity (2.1 -> 3, -2.7 -> -2).
  kCeiling,
  // Towards zero (2.7 -> 2, -2.7 -> -2).
  kTowardZero,
};

absl::string_view RoundingModeName(RoundingMode mode);

// Returns numerator / denominator rounded by `mode`. `denominator` must not
// be zero (a broken invariant of the caller: checked, aborts).
absl::int128 DivideRounded(absl::int128 numerator, absl::int128 denominator,
                           RoundingMode mode);

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_ROUNDING_H_
