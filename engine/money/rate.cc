#include "engine/money/rate.h"

#include <limits>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/money/echo.h"
#include "engine/money/internal/fixed_point.h"

namespace remit {

using engine_internal::FormatScaled;
using engine_internal::ParseOptions;
using engine_internal::ParseQuantity;
using engine_internal::Pow10;

absl::StatusOr<Rate> Rate::FromString(absl::string_view text) {
  ParseOptions options;
  options.scale = kScale;
  options.allow_negative = false;
  options.allow_exponent = true;
  absl::StatusOr<int64_t> scaled = ParseQuantity(text, "rate", options);
  if (!scaled.ok()) return scaled.status();
  if (*scaled <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(Echo(text), ": rate must be greater than zero"));
  }
  return Rate(*scaled);
}

absl::StatusOr<Rate> Rate::FromScaled(int64_t scaled) {
  if (scaled <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("rate ", scaled, "e-12 must be greater than zero"));
  }
  return Rate(scaled);
}

std::string Rate::ToString() const { return FormatScaled(scaled_, kScale, 0); }

namespace {

// `describe` names the operation; it is called only on error.
template <typename Describe>
absl::StatusOr<Money> ToMoney(absl::int128 minor, CurrencyCode currency,
                              Describe describe) {
  if (minor > std::numeric_limits<int64_t>::max() ||
      minor < std::numeric_limits<int64_t>::min()) {
    return absl::OutOfRangeError(
        absl::StrCat(describe(), " does not fit in ", currency.code()));
  }
  return Money::FromMinorUnits(static_cast<int64_t>(minor), currency);
}

}  // namespace

absl::StatusOr<Money> Convert(const Money& amount, Rate rate, CurrencyCode to,
                              RoundingMode mode) {
  // result_minor = amount_minor / 10^e_from * rate_scaled / 10^12 * 10^e_to.
  // |e_to - e_from| <= 4, so the divisor exponent stays in 8..16.
  const int divisor_exponent =
      Rate::kScale + amount.currency().exponent() - to.exponent();
  const absl::int128 product =
      absl::int128(amount.minor_units()) * rate.scaled();
  return ToMoney(
      DivideRounded(product, Pow10(divisor_exponent), mode), to,
      [&] { return absl::StrCat(amount.ToString(), " x ", rate.ToString()); });
}

absl::StatusOr<Money> ConvertBack(const Money& amount, Rate rate,
                                  CurrencyCode to, RoundingMode mode) {
  // result_minor = amount_minor / 10^e_from / (rate_scaled / 10^12) * 10^e_to.
  const int multiplier_exponent =
      Rate::kScale + to.exponent() - amount.currency().exponent();
  // |amount_minor| < 2^63 and 10^16 < 2^54: the product fits int128.
  const absl::int128 numerator =
      absl::int128(amount.minor_units()) * Pow10(multiplier_exponent);
  return ToMoney(DivideRounded(numerator, rate.scaled(), mode), to, [&] {
    return absl::StrCat(amount.ToString(), " / ", rate.ToString());
  });
}

absl::StatusOr<Percent> MarginBelow(Rate rate, Rate mid) {
  return Percent::FromRatio(absl::int128(mid.scaled()) - rate.scaled(),
                            mid.scaled(), RoundingMode::kHalfEven);
}

}  // namespace remit
