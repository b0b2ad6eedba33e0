#include "cli/i18n/localizer.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "unicode/currunit.h"
#include "unicode/datefmt.h"
#include "unicode/fmtable.h"
#include "unicode/locid.h"
#include "unicode/msgfmt.h"
#include "unicode/numberformatter.h"
#include "unicode/stringpiece.h"
#include "unicode/timezone.h"
#include "unicode/unistr.h"

namespace remit::cli {
namespace {

namespace number = icu::number;

std::string Utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString Unicode(absl::string_view text) {
  return icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

// The number of fractional digits of a plain decimal ("-12.50" -> 2), or
// -1 when `text` is not one.
int FractionDigits(absl::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  const size_t dot = text.find('.');
  const absl::string_view whole = text.substr(0, dot);
  const absl::string_view fraction = dot == absl::string_view::npos
                                         ? absl::string_view()
                                         : text.substr(dot + 1);
  if (whole.empty() || (dot != absl::string_view::npos && fraction.empty())) {
    return -1;
  }
  for (absl::string_view part : {whole, fraction}) {
    for (char c : part) {
      if (!absl::ascii_isdigit(c)) return -1;
    }
  }
  return static_cast<int>(fraction.size());
}

// `formatter` set to print exactly `digits` fractional digits; rounding
// is an error rather than a change of the value.
number::LocalizedNumberFormatter Exact(
    const number::LocalizedNumberFormatter& formatter, int digits) {
  return formatter.precision(number::Precision::minMaxFraction(digits, digits))
      .roundingMode(UNUM_ROUND_UNNECESSARY);
}

// `decimal` through `formatter`, exactly; nothing when ICU fails.
std::optional<std::string> FormatExact(
    const number::LocalizedNumberFormatter& formatter,
    absl::string_view decimal) {
  const int digits = FractionDigits(decimal);
  if (digits < 0) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  number::FormattedNumber formatted =
      Exact(formatter, digits)
          .formatDecimal(icu::StringPiece(decimal.data(),
                                          static_cast<int32_t>(decimal.size())),
                         status);
  if (U_FAILURE(status)) return std::nullopt;
  icu::UnicodeString text = formatted.toString(status);
  if (U_FAILURE(status)) return std::nullopt;
  return Utf8(text);
}

}  // namespace

struct Localizer::Icu {
  icu::Locale locale;
  number::LocalizedNumberFormatter numbers;
  number::LocalizedNumberFormatter percents;
};

Localizer::Localizer(const std::string& language) : language_(language) {
  icu::Locale locale(language.c_str());
  icu_ = std::make_unique<Icu>(
      Icu{locale, number::NumberFormatter::withLocale(locale),
          number::NumberFormatter::withLocale(locale).unit(
              icu::NoUnit::percent())});
}

Localizer::~Localizer() = default;
Localizer::Localizer(Localizer&&) noexcept = default;
Localizer& Localizer::operator=(Localizer&&) noexcept = default;

std::string Localizer::CountryName(absl::string_view iso_code) const {
  const std::string code(iso_code);
  icu::UnicodeString name;
  icu::Locale("", code.c_str()).getDisplayCountry(icu_->locale, name);
  std::string out = Utf8(name);
  // ICU answers with the code itself when it knows no name.
  return out.empty() ? code : out;
}

std::string Localizer::Number(absl::string_view decimal) const {
  return FormatExact(icu_->numbers, decimal).value_or(std::string(decimal));
}

std::string Localizer::Money(absl::string_view decimal,
                             absl::string_view currency) const {
  const std::string fallback = absl::StrCat(decimal, " ", currency);
  if (currency.size() != 3) return fallback;
  char16_t iso[4] = {static_cast<char16_t>(currency[0]),
                     static_cast<char16_t>(currency[1]),
                     static_cast<char16_t>(currency[2]), 0};
  UErrorCode status = U_ZERO_ERROR;
  icu::CurrencyUnit unit(iso, status);
  if (U_FAILURE(status)) return fallback;
  return FormatExact(icu_->numbers.unit(unit).unitWidth(UNUM_UNIT_WIDTH_SHORT),
                     decimal)
      .value_or(fallback);
}

std::string Localizer::Percent(absl::string_view decimal) const {
  return FormatExact(icu_->percents, decimal)
      .value_or(absl::StrCat(decimal, "%"));
}

std::string Localizer::Date(absl::string_view iso_date) const {
  absl::CivilDay day;
  if (iso_date.size() != 10 || !absl::ParseCivilTime(iso_date, &day)) {
    return std::string(iso_date);
  }
  std::unique_ptr<icu::DateFormat> format(icu::DateFormat::createDateInstance(
      icu::DateFormat::kLong, icu_->locale));
  if (format == nullptr) return std::string(iso_date);
  format->setTimeZone(*icu::TimeZone::getGMT());
  const UDate millis = static_cast<UDate>(
      absl::ToUnixMillis(absl::FromCivil(day, absl::UTCTimeZone())));
  icu::UnicodeString text;
  format->format(millis, text);
  return Utf8(text);
}

std::string Localizer::Format(absl::string_view pattern,
                              const std::vector<MessageArg>& args) const {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  icu::MessageFormat format(Unicode(pattern), icu_->locale, parse_error,
                            status);
  if (U_FAILURE(status)) return std::string(pattern);
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const MessageArg& arg : args) {
    names.push_back(Unicode(arg.name));
    if (const std::string* text = std::get_if<std::string>(&arg.value)) {
      values.emplace_back(Unicode(*text));
    } else {
      values.emplace_back(static_cast<int64_t>(std::get<int64_t>(arg.value)));
    }
  }
  icu::UnicodeString out;
  format.format(names.data(), values.data(), static_cast<int32_t>(args.size()),
                out, status);
  if (U_FAILURE(status)) return std::string(pattern);
  return Utf8(out);
}

const Localizer& EnglishLocalizer() {
  static const Localizer* english = new Localizer("en");
  return *english;
}

}  // namespace remit::cli
