#include "engine/model/model.h"

#include <limits>
#include <tuple>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/money/echo.h"
#include "engine/money/internal/fixed_point.h"
#include "engine/money/money.h"
#include "engine/money/rounding.h"

namespace remit {

absl::string_view Name(ProviderType value) {
  switch (value) {
    case ProviderType::kBank:
      return "bank";
    case ProviderType::kMoneyTransferOperator:
      return "money_transfer_operator";
    case ProviderType::kMobileOperator:
      return "mobile_operator";
    case ProviderType::kPostOffice:
      return "post_office";
    case ProviderType::kOther:
      return "other";
  }
  return "other";
}

absl::string_view Name(PaymentInstrument value) {
  switch (value) {
    case PaymentInstrument::kCash:
      return "cash";
    case PaymentInstrument::kBankAccount:
      return "bank_account";
    case PaymentInstrument::kDebitCard:
      return "debit_card";
    case PaymentInstrument::kCreditCard:
      return "credit_card";
    case PaymentInstrument::kMobileWallet:
      return "mobile_wallet";
    case PaymentInstrument::kOther:
      return "other";
  }
  return "other";
}

absl::string_view Name(AccessPoint value) {
  switch (value) {
    case AccessPoint::kBranchOrAgent:
      return "branch_or_agent";
    case AccessPoint::kInternet:
      return "internet";
    case AccessPoint::kMobileApp:
      return "mobile_app";
    case AccessPoint::kOther:
      return "other";
  }
  return "other";
}

absl::string_view Name(ReceiveMethod value) {
  switch (value) {
    case ReceiveMethod::kCashPickup:
      return "cash_pickup";
    case ReceiveMethod::kBankAccount:
      return "bank_account";
    case ReceiveMethod::kMobileMoney:
      return "mobile_money";
    case ReceiveMethod::kHomeDelivery:
      return "home_delivery";
    case ReceiveMethod::kOther:
      return "other";
  }
  return "other";
}

absl::string_view Name(Speed value) {
  switch (value) {
    case Speed::kLessThanOneHour:
      return "less than one hour";
    case Speed::kSameDay:
      return "same day";
    case Speed::kNextDay:
      return "next day";
    case Speed::kTwoDays:
      return "2 days";
    case Speed::kThreeToFiveDays:
      return "3-5 days";
    case Speed::kSixDaysOrMore:
      return "6 days or more";
  }
  return "6 days or more";
}

absl::string_view Name(Coverage value) {
  switch (value) {
    case Coverage::kUnknown:
      return "unknown";
    case Coverage::kLow:
      return "low";
    case Coverage::kMedium:
      return "medium";
    case Coverage::kHigh:
      return "high";
  }
  return "unknown";
}

absl::StatusOr<Corridor> Corridor::Create(CountryCode send_country,
                                          CurrencyCode send_currency,
                                          CountryCode receive_country,
                                          CurrencyCode receive_currency) {
  if (send_country == receive_country) {
    return absl::InvalidArgumentError(absl::StrCat(
        "receive_country: '", receive_country.alpha3(),
        "' is also the sending country; a corridor joins two countries"));
  }
  return Corridor(send_country, send_currency, receive_country,
                  receive_currency);
}

namespace {

absl::StatusOr<CountryCode> ParseCountry(absl::string_view field,
                                         absl::string_view text) {
  absl::StatusOr<CountryCode> country = CountryCode::FromString(text);
  if (!country.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", country.status().message()));
  }
  return country;
}

absl::StatusOr<CurrencyCode> ParseCurrency(absl::string_view field,
                                           absl::string_view text,
                                           CountryCode country) {
  if (text.empty()) {
    std::optional<CurrencyCode> currency = country.default_currency();
    if (!currency.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": ", country.alpha3(),
                       " has no currency of its own; name one"));
    }
    return *currency;
  }
  absl::StatusOr<CurrencyCode> currency = CurrencyCode::FromString(text);
  if (!currency.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", currency.status().message()));
  }
  return currency;
}

}  // namespace

absl::StatusOr<Corridor> Corridor::Parse(absl::string_view send_country,
                                         absl::string_view send_currency,
                                         absl::string_view receive_country,
                                         absl::string_view receive_currency) {
  absl::StatusOr<CountryCode> from = ParseCountry("send_country", send_country);
  if (!from.ok()) return from.status();
  absl::StatusOr<CountryCode> to =
      ParseCountry("receive_country", receive_country);
  if (!to.ok()) return to.status();
  absl::StatusOr<CurrencyCode> from_currency =
      ParseCurrency("send_currency", send_currency, *from);
  if (!from_currency.ok()) return from_currency.status();
  absl::StatusOr<CurrencyCode> to_currency =
      ParseCurrency("receive_currency", receive_currency, *to);
  if (!to_currency.ok()) return to_currency.status();
  return Create(*from, *from_currency, *to, *to_currency);
}

std::string Corridor::ToString() const {
  return absl::StrCat(send_country_.alpha3(), "/", send_currency_.code(), "->",
                      receive_country_.alpha3(), "/", receive_currency_.code());
}

bool operator<(const Corridor& a, const Corridor& b) {
  return std::make_tuple(a.send_country_, a.send_currency_, a.receive_country_,
                         a.receive_currency_) <
         std::make_tuple(b.send_country_, b.send_currency_, b.receive_country_,
                         b.receive_currency_);
}

bool SurveyPoint::SetFee11(absl::int128 fee11) {
  const absl::int128 minor =
      DivideRounded(fee11, kSurveyFeeScale, RoundingMode::kHalfEven);
  if (minor > std::numeric_limits<int64_t>::max() ||
      minor < std::numeric_limits<int64_t>::min()) {
    return false;
  }
  fee_minor = static_cast<int64_t>(minor);
  // At most half of 10^11 either way: fits int64.
  fee_remainder11 = static_cast<int64_t>(fee11 - minor * kSurveyFeeScale);
  return true;
}

bool SurveyPoint::FeeIsRounded() const {
  return DivideRounded(fee11(), kSurveyFeeScale, RoundingMode::kHalfEven) ==
         fee_minor;
}

absl::StatusOr<absl::int128> ParseSurveyFee11(absl::string_view text,
                                              CurrencyCode currency) {
  constexpr int kDigitsBelowMinor = 11;  // kSurveyFeeScale = 10^11.
  engine_internal::ParseOptions options;
  options.scale = currency.exponent() + kDigitsBelowMinor;
  absl::StatusOr<int64_t> fee11 =
      engine_internal::ParseQuantity(text, "fee", options);
  if (fee11.status().code() == absl::StatusCode::kOutOfRange) {
    // Past 92,233,720 minor units the digits below the minor unit do not
    // fit: such a fee is read like an amount, in whole minor units.
    absl::StatusOr<Money> whole = Money::FromDecimal(text, currency);
    if (whole.ok() && whole->minor_units() >= 0) {
      return absl::int128(whole->minor_units()) * kSurveyFeeScale;
    }
    if (whole.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", text, "' must not be negative"));
    }
    if (absl::StrContains(whole.status().message(), "fractional")) {
      return absl::InvalidArgumentError(
          absl::StrCat(Echo(text), ": fee has digits below the minor unit of ",
                       currency.code(),
                       " and is too large to keep them (92233720 minor "
                       "units at most); round it to ",
                       currency.exponent(), " decimals"));
    }
  }
  if (!fee11.ok()) {
    std::string why(fee11.status().message());
    if (absl::StrContains(why, "fractional")) {
      absl::StrAppend(&why, ", the most a survey fee in ", currency.code(),
                      " keeps (", kDigitsBelowMinor, " below its minor unit)");
    }
    return absl::InvalidArgumentError(why);
  }
  if (*fee11 < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", text, "' must not be negative"));
  }
  return absl::int128(*fee11);
}

}  // namespace remit
