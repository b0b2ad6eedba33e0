#include "engine/model/period.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/money/echo.h"

namespace remit {
namespace {

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 9999;
constexpr absl::string_view kFormat = "(YYYY_nQ, e.g. 2024_2Q)";

// "'24_1Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)", then why.
absl::Status NotAPeriod(absl::string_view text, absl::string_view why = "") {
  return absl::InvalidArgumentError(
      absl::StrCat(Echo(text), " is not a survey period ", kFormat,
                   why.empty() ? "" : ": ", why));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

absl::StatusOr<Period> Period::Create(int year, int quarter) {
  if (year < kMinYear || year > kMaxYear) {
    return absl::InvalidArgumentError(
        absl::StrCat("year ", year, " is not a survey period's year (",
                     kMinYear, " to ", kMaxYear, ")"));
  }
  if (quarter < 1 || quarter > 4) {
    return absl::InvalidArgumentError(
        absl::StrCat("quarter ", quarter, " must be 1 to 4"));
  }
  return Period(static_cast<int32_t>(year * 4 + (quarter - 1)));
}

absl::StatusOr<Period> Period::Parse(absl::string_view text) {
  // "YYYY_nQ" is exactly seven characters.
  if (text.size() != 7 || text[4] != '_' || text[6] != 'Q') {
    return NotAPeriod(text);
  }
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (!IsDigit(text[i])) return NotAPeriod(text, "the year is four digits");
    year = year * 10 + (text[i] - '0');
  }
  if (year < kMinYear) {
    return NotAPeriod(text, "the year must not start with 0");
  }
  if (!IsDigit(text[5]) || text[5] < '1' || text[5] > '4') {
    return NotAPeriod(text, "the quarter must be 1 to 4");
  }
  return Period(static_cast<int32_t>(year * 4 + (text[5] - '1')));
}

std::string Period::ToString() const {
  return absl::StrCat(year(), "_", quarter(), "Q");
}

}  // namespace remit
