// Whether a provider's rate can be true: the FX margin it implies over the
// mid-market rate it is measured against must lie in a band that every
// real survey row fits, wide enough for banks' margins and promotions,
// narrow enough to catch a rate entered inverted or off by a factor of ten.
//
//   plausible margin   -20 % <= (1 - r / m) x 100 <= 50 %
//
// Real transparent RPW rows imply margins from -0.41 % to 23.03 % (the
// figures and how they were measured are in docs/methodology.md). A rate
// ten times too high implies -900 %, ten times too low 90 %; an inverted
// rate (1/r entered for r) implies 1 - 1/m^2, outside the band whenever m
// is below about 0.91 or above about 1.42. Between those, for pairs near
// parity (EUR/USD, GBP/EUR), an inverted rate cannot be told from a real
// one by its margin.
//
// Exact: the margins are integer ratios rounded once to 1e-9 points.
// Thread-safety: pure functions.
//
// Example:
//   RateCheck check = CheckRate(*Rate::FromString("0.001524"),
//                               *Rate::FromString("655.957"));
//   check.plausible;       // false: the margin is 100.00 %
//   check.looks_inverted;  // true: 1/0.001524 = 656.167979 is 0.03 % below m
#ifndef REMIT_ENGINE_PRICING_PLAUSIBILITY_H_
#define REMIT_ENGINE_PRICING_PLAUSIBILITY_H_

#include <optional>

#include "engine/money/percent.h"
#include "engine/money/rate.h"

namespace remit {

// The band, in whole percentage points, inclusive.
inline constexpr int64_t kLowestPlausibleMargin = -20;
inline constexpr int64_t kHighestPlausibleMargin = 50;

// Whether `margin` lies in the band.
bool PlausibleMargin(Percent margin);

struct RateCheck {
  bool plausible = true;
  // (1 - r / m) x 100; unset when it does not fit a Percent (a rate
  // millions of times m).
  std::optional<Percent> margin;
  // The rate is implausible but its inverse is not: it was probably
  // entered the wrong way round.
  bool looks_inverted = false;
  // 1 / r rounded half-even to 6 decimals, and the margin it implies, when
  // looks_inverted.
  std::optional<Rate> inverse;
  std::optional<Percent> inverse_margin;
  // Not inverted, but r / 10^k would be plausible: k = 1, 2 or 3 when the
  // rate is that power of ten too high, -1, -2 or -3 when too low; else 0.
  int power_of_ten_off = 0;
};

// Rate r against mid-market rate m, both in units of the payout currency
// per unit of the send currency.
RateCheck CheckRate(Rate rate, Rate mid);

}  // namespace remit

#endif  // REMIT_ENGINE_PRICING_PLAUSIBILITY_H_
