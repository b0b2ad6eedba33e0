#include "engine/pricing/plausibility.h"

#include <limits>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "engine/money/internal/fixed_point.h"
#include "engine/money/rounding.h"

namespace remit {

using engine_internal::Pow10;

bool PlausibleMargin(Percent margin) {
  constexpr int64_t kScale = 1'000'000'000;  // Percent: 1e-9 points.
  return margin.scaled() >= kLowestPlausibleMargin * kScale &&
         margin.scaled() <= kHighestPlausibleMargin * kScale;
}

RateCheck CheckRate(Rate rate, Rate mid) {
  RateCheck check;
  absl::StatusOr<Percent> margin = MarginBelow(rate, mid);
  if (margin.ok()) check.margin = *margin;
  check.plausible = margin.ok() && PlausibleMargin(*margin);
  if (check.plausible) return check;
  // 1/r against m: (1 - 1 / (r x m)) x 100 = (r x m - 1) / (r x m) x 100,
  // with r x m at 10^24 (both at 10^12). Fits: each is below 2^63.
  const absl::int128 product = absl::int128(rate.scaled()) * mid.scaled();
  const absl::int128 one = Pow10(2 * Rate::kScale);
  absl::StatusOr<Percent> inverse_margin =
      Percent::FromRatio(product - one, product, RoundingMode::kHalfEven);
  if (!inverse_margin.ok() || !PlausibleMargin(*inverse_margin)) {
    for (int k = 1; k <= 3 && check.power_of_ten_off == 0; ++k) {
      const int64_t power = static_cast<int64_t>(Pow10(k));
      auto plausible = [&](absl::int128 scaled) {
        if (scaled <= 0 || scaled > std::numeric_limits<int64_t>::max()) {
          return false;
        }
        absl::StatusOr<Percent> m =
            MarginBelow(*Rate::FromScaled(static_cast<int64_t>(scaled)), mid);
        return m.ok() && PlausibleMargin(*m);
      };
      if (plausible(rate.scaled() / power)) {
        check.power_of_ten_off = k;
      } else if (plausible(absl::int128(rate.scaled()) * power)) {
        check.power_of_ten_off = -k;
      }
    }
    return check;
  }
  // 1 / r to 6 decimals (10^18 / r.scaled() is 1 / r x 10^6), then at
  // Rate's scale.
  const absl::int128 inverse6 = DivideRounded(
      Pow10(Rate::kScale + 6), rate.scaled(), RoundingMode::kHalfEven);
  const absl::int128 inverse12 = inverse6 * Pow10(Rate::kScale - 6);
  if (inverse6 > 0 && inverse12 <= std::numeric_limits<int64_t>::max()) {
    absl::StatusOr<Rate> inverse =
        Rate::FromScaled(static_cast<int64_t>(inverse12));
    if (inverse.ok()) check.inverse = *inverse;
  }
  check.looks_inverted = true;
  check.inverse_margin = *inverse_margin;
  return check;
}

}  // namespace remit
