#include "engine/money/percent.h"

#include <cstdlib>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "engine/money/internal/fixed_point.h"

namespace remit {

using engine_internal::FormatScaled;
using engine_internal::ParseOptions;
using engine_internal::ParseQuantity;
using engine_internal::Pow10;

absl::StatusOr<Percent> Percent::FromString(absl::string_view text) {
  ParseOptions options;
  options.scale = kScale;
  options.allow_exponent = true;
  absl::StatusOr<int64_t> scaled = ParseQuantity(text, "percentage", options);
  if (!scaled.ok()) return scaled.status();
  return Percent(*scaled);
}

absl::StatusOr<Percent> Percent::FromRatio(absl::int128 numerator,
                                           absl::int128 denominator,
                                           RoundingMode mode) {
  if (denominator == 0) {
    return absl::InvalidArgumentError("percentage of a zero amount");
  }
  // |numerator| < 2^127 / 10^11 keeps the product exact.
  const absl::int128 factor = 100 * Pow10(kScale);
  const absl::int128 bound = absl::Int128Max() / factor;
  if (numerator > bound || numerator < -bound) {
    return absl::OutOfRangeError("percentage is too large");
  }
  absl::int128 scaled = DivideRounded(numerator * factor, denominator, mode);
  if (scaled > std::numeric_limits<int64_t>::max() ||
      scaled < std::numeric_limits<int64_t>::min()) {
    return absl::OutOfRangeError("percentage is too large");
  }
  return Percent(static_cast<int64_t>(scaled));
}

absl::StatusOr<Percent> Percent::Add(Percent other) const {
  int64_t sum;
  if (__builtin_add_overflow(scaled_, other.scaled_, &sum)) {
    return absl::OutOfRangeError("percentage sum is too large");
  }
  return Percent(sum);
}

std::string Percent::ToString(int digits) const {
  if (digits < 0 || digits > kScale) std::abort();
  // Full precision, as every API answer has it: nothing to round.
  if (digits == kScale) return FormatScaled(scaled_, kScale, kScale);
  const absl::int128 step = Pow10(kScale - digits);
  const absl::int128 rounded =
      DivideRounded(scaled_, step, RoundingMode::kHalfAwayFromZero);
  // |rounded| <= |scaled_| / step + 1, so it fits int64.
  return FormatScaled(static_cast<int64_t>(rounded), digits, digits);
}

}  // namespace remit
