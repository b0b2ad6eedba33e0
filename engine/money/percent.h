// Percent: an exact percentage, for FX margins and total cost percentages.
//
// Held as an integer number of billionths of a percentage point (scale 9):
// 2.72 % is 2720000000. The range (about +-9.2e9 %) covers every real cost;
// values are signed because FX margins can be negative (a provider rate
// better than mid-market, e.g. a promotion).
//
// ToString() rounds for display, half away from zero (2.725 -> "2.73"), as
// people and spreadsheets round; computations never round through text.
//
// A Percent is an 8-byte value type. Thread-safe.
//
// Example:
//   absl::StatusOr<Percent> fee_share =
//       Percent::FromRatio(499, 12000, RoundingMode::kHalfEven);  // 4.158...%
//   fee_share->ToString();   // "4.16"
#ifndef REMIT_ENGINE_MONEY_PERCENT_H_
#define REMIT_ENGINE_MONEY_PERCENT_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/money/rounding.h"

namespace remit {

class Percent {
 public:
  static constexpr int kScale = 9;

  Percent() = default;

  // Decimal text in percent: "2.72", "-0.5", "300", "6.51E-01". At most 9
  // fractional digits.
  static absl::StatusOr<Percent> FromString(absl::string_view text);
  // `scaled` billionths of a percentage point.
  static constexpr Percent FromScaled(int64_t scaled) {
    return Percent(scaled);
  }
  // numerator / denominator * 100, rounded by `mode` to 1e-9 pp.
  // INVALID_ARGUMENT for a zero denominator, OUT_OF_RANGE when the result
  // does not fit.
  static absl::StatusOr<Percent> FromRatio(absl::int128 numerator,
                                           absl::int128 denominator,
                                           RoundingMode mode);

  int64_t scaled() const { return scaled_; }

  // OUT_OF_RANGE on overflow.
  absl::StatusOr<Percent> Add(Percent other) const;

  // Rounded half away from zero to `digits` decimals (0 to 9), e.g. "2.72",
  // "-0.50".
  std::string ToString(int digits = 2) const;

  friend bool operator==(Percent a, Percent b) {
    return a.scaled_ == b.scaled_;
  }
  friend bool operator!=(Percent a, Percent b) {
    return a.scaled_ != b.scaled_;
  }
  friend bool operator<(Percent a, Percent b) { return a.scaled_ < b.scaled_; }
  friend bool operator<=(Percent a, Percent b) {
    return a.scaled_ <= b.scaled_;
  }
  friend bool operator>(Percent a, Percent b) { return a.scaled_ > b.scaled_; }
  friend bool operator>=(Percent a, Percent b) {
    return a.scaled_ >= b.scaled_;
  }
  friend std::ostream& operator<<(std::ostream& os, Percent p) {
    return os << p.ToString(kScale) << "%";
  }

 private:
  constexpr explicit Percent(int64_t scaled) : scaled_(scaled) {}
  int64_t scaled_ = 0;
};

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_PERCENT_H_
