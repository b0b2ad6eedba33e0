#include "engine/money/money.h"

#include <limits>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/money/echo.h"
#include "engine/money/internal/fixed_point.h"

namespace remit {

using engine_internal::FormatScaled;
using engine_internal::ParseOptions;
using engine_internal::ParseScaled;
using engine_internal::Pow10;

namespace {

// "has more than 2 fractional digits" -> "... , the most USD allows".
absl::Status AmountError(absl::string_view input, CurrencyCode currency,
                         const absl::Status& cause) {
  std::string message = absl::StrCat(Echo(input), ": amount ", cause.message());
  if (absl::StrContains(cause.message(), "fractional")) {
    absl::StrAppend(&message, ", the most ", currency.code(), " allows");
  }
  return absl::Status(cause.code(), message);
}

// The minor units of `amount` in `currency`; errors quote `quoted`.
absl::StatusOr<int64_t> MinorUnits(absl::string_view amount,
                                   CurrencyCode currency,
                                   absl::string_view quoted,
                                   bool allow_grouping) {
  ParseOptions options;
  options.scale = currency.exponent();
  options.allow_grouping = allow_grouping;
  absl::StatusOr<int64_t> minor = ParseScaled(amount, options);
  if (!minor.ok()) return AmountError(quoted, currency, minor.status());
  return minor;
}

}  // namespace

absl::StatusOr<Money> Money::FromDecimal(absl::string_view amount,
                                         CurrencyCode currency) {
  absl::StatusOr<int64_t> minor = MinorUnits(amount, currency, amount,
                                             /*allow_grouping=*/false);
  if (!minor.ok()) return minor.status();
  return Money(*minor, currency);
}

absl::StatusOr<Money> Money::Parse(absl::string_view text) {
  absl::string_view trimmed = absl::StripAsciiWhitespace(text);
  std::vector<absl::string_view> parts =
      absl::StrSplit(trimmed, ' ', absl::SkipEmpty());
  if (parts.size() != 2) {
    return absl::InvalidArgumentError(
        absl::StrCat(Echo(text),
                     " is not an amount of money; write it as "
                     "'1234.50 USD' or 'USD 1234.50'"));
  }
  // The code is the part made of letters only.
  auto is_code = [](absl::string_view s) {
    return s.size() == 3 && absl::c_all_of(s, [](char c) {
             return absl::ascii_isalpha(static_cast<unsigned char>(c));
           });
  };
  absl::string_view amount = parts[0];
  absl::string_view code = parts[1];
  if (is_code(parts[0]) && !is_code(parts[1])) std::swap(amount, code);
  absl::StatusOr<CurrencyCode> currency = CurrencyCode::FromString(code);
  if (!currency.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(Echo(text), ": ", currency.status().message()));
  }
  absl::StatusOr<int64_t> minor = MinorUnits(amount, *currency, text,
                                             /*allow_grouping=*/true);
  if (!minor.ok()) return minor.status();
  return Money(*minor, *currency);
}

absl::StatusOr<Money> Money::FromUnitsAndNanos(int64_t units, int32_t nanos,
                                               CurrencyCode currency) {
  auto error = [&](absl::StatusCode code, absl::string_view why) {
    return absl::Status(
        code, absl::StrCat("{units: ", units, ", nanos: ", nanos,
                           ", currency_code: '", currency.code(), "'}: ", why));
  };
  if (nanos <= -1000000000 || nanos >= 1000000000) {
    return error(absl::StatusCode::kInvalidArgument,
                 "nanos must be within -999999999..999999999");
  }
  if ((units > 0 && nanos < 0) || (units < 0 && nanos > 0)) {
    return error(absl::StatusCode::kInvalidArgument,
                 "units and nanos must have the same sign");
  }
  const int64_t nanos_per_minor =
      static_cast<int64_t>(Pow10(9 - currency.exponent()));
  if (nanos % nanos_per_minor != 0) {
    return error(
        absl::StatusCode::kInvalidArgument,
        absl::StrCat("more than ", currency.exponent(),
                     " decimal places, the most ", currency.code(), " allows"));
  }
  absl::int128 minor = absl::int128(units) * Pow10(currency.exponent()) +
                       nanos / nanos_per_minor;
  if (minor > std::numeric_limits<int64_t>::max() ||
      minor < std::numeric_limits<int64_t>::min()) {
    return error(absl::StatusCode::kOutOfRange, "amount is too large");
  }
  return Money(static_cast<int64_t>(minor), currency);
}

int64_t Money::units() const {
  return minor_units_ / static_cast<int64_t>(Pow10(currency_.exponent()));
}

int32_t Money::nanos() const {
  const int64_t per_unit = static_cast<int64_t>(Pow10(currency_.exponent()));
  const int64_t nanos_per_minor =
      static_cast<int64_t>(Pow10(9 - currency_.exponent()));
  return static_cast<int32_t>((minor_units_ % per_unit) * nanos_per_minor);
}

std::string Money::AmountString() const {
  return FormatScaled(minor_units_, currency_.exponent(), currency_.exponent());
}

std::string Money::ToString() const {
  return absl::StrCat(AmountString(), " ", currency_.code());
}

absl::StatusOr<Money> Money::Add(const Money& other) const {
  if (currency_ != other.currency_) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot add ", other.ToString(), " to ", ToString(),
                     ": different currencies"));
  }
  int64_t sum;
  if (__builtin_add_overflow(minor_units_, other.minor_units_, &sum)) {
    return absl::OutOfRangeError(
        absl::StrCat(ToString(), " + ", other.ToString(), " overflows"));
  }
  return Money(sum, currency_);
}

absl::StatusOr<Money> Money::Subtract(const Money& other) const {
  if (currency_ != other.currency_) {
    return absl::InvalidArgumentError(
        absl::StrCat("cannot subtract ", other.ToString(), " from ", ToString(),
                     ": different currencies"));
  }
  int64_t difference;
  if (__builtin_sub_overflow(minor_units_, other.minor_units_, &difference)) {
    return absl::OutOfRangeError(
        absl::StrCat(ToString(), " - ", other.ToString(), " overflows"));
  }
  return Money(difference, currency_);
}

}  // namespace remit
