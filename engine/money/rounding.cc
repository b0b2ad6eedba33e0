#include "engine/money/rounding.h"

#include <cstdint>
#include <cstdlib>
#include <limits>

namespace remit {

absl::string_view RoundingModeName(RoundingMode mode) {
  switch (mode) {
    case RoundingMode::kHalfEven:
      return "half-even";
    case RoundingMode::kHalfAwayFromZero:
      return "half-away-from-zero";
    case RoundingMode::kFloor:
      return "floor";
    case RoundingMode::kCeiling:
      return "ceiling";
    case RoundingMode::kTowardZero:
      return "toward-zero";
  }
  return "unknown";
}

namespace {

// The quotient of a division truncated toward zero, moved one step away
// from zero where `mode` says so. `remainder` has the numerator's sign;
// `denominator` > 0. For int64 (most operands) and int128.
template <typename Int>
Int Round(Int quotient, Int remainder, Int denominator, RoundingMode mode) {
  if (remainder == 0) return quotient;
  const bool negative = remainder < 0;
  const Int abs_remainder = negative ? -remainder : remainder;
  // Compare 2*|r| with d without overflow: |r| < d, so d - |r| is safe.
  const Int rest = denominator - abs_remainder;
  const int half_cmp =
      abs_remainder > rest ? 1 : (abs_remainder < rest ? -1 : 0);
  bool away;  // Move one step away from zero?
  switch (mode) {
    case RoundingMode::kHalfEven:
      away = half_cmp > 0 || (half_cmp == 0 && (quotient & 1) != 0);
      break;
    case RoundingMode::kHalfAwayFromZero:
      away = half_cmp >= 0;
      break;
    case RoundingMode::kFloor:
      away = negative;
      break;
    case RoundingMode::kCeiling:
      away = !negative;
      break;
    case RoundingMode::kTowardZero:
    default:
      away = false;
      break;
  }
  if (away) quotient += negative ? -1 : 1;
  return quotient;
}

}  // namespace

absl::int128 DivideRounded(absl::int128 numerator, absl::int128 denominator,
                           RoundingMode mode) {
  if (denominator == 0) std::abort();
  if (denominator < 0) {
    numerator = -numerator;
    denominator = -denominator;
  }
  // C++ division truncates toward zero; the remainder has the numerator's
  // sign. Most operands fit int64, whose division is one instruction where
  // int128's is a library call.
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  if (numerator >= kMin && numerator <= kMax && denominator <= kMax) {
    // denominator >= 1 here, so kMin / denominator cannot overflow.
    const int64_t n = static_cast<int64_t>(numerator);
    const int64_t d = static_cast<int64_t>(denominator);
    return Round<int64_t>(n / d, n % d, d, mode);
  }
  const absl::int128 quotient = numerator / denominator;
  return Round<absl::int128>(quotient, numerator - quotient * denominator,
                             denominator, mode);
}

}  // namespace remit
