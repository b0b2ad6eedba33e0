#include "cli/commands/option_checks.h"

#include <cstdint>

#include "absl/strings/numbers.h"
#include "engine/model/period.h"
#include "engine/money/country.h"
#include "engine/money/money.h"
#include "engine/protoconv/money_proto.h"

namespace remit::cli {

absl::Status CheckCountryOption(const Args& args, const std::string& name) {
  std::optional<std::string> value = args.Get(name);
  if (!value.has_value()) {
    return UsageError(absl::StrCat("--", name, " is required"));
  }
  absl::StatusOr<CountryCode> country = CountryCode::FromString(*value);
  if (!country.ok()) {
    return UsageError(
        absl::StrCat("--", name, ": ", country.status().message()));
  }
  return absl::OkStatus();
}

absl::Status PeriodOption(const Args& args, std::string* period) {
  std::optional<std::string> value = args.Get("period");
  if (!value.has_value()) return absl::OkStatus();
  absl::StatusOr<Period> parsed = Period::Parse(*value);
  if (!parsed.ok()) {
    return UsageError(absl::StrCat("--period: ", parsed.status().message()));
  }
  *period = parsed->ToString();
  return absl::OkStatus();
}

absl::Status FilterOptions(const Args& args, v1::OfferFilter* filter) {
  absl::StatusOr<std::vector<v1::ReceiveMethod>> receive =
      EnumOption<v1::ReceiveMethod>(args, "receive-method", "RECEIVE_METHOD_",
                                    v1::ReceiveMethod_Parse,
                                    v1::ReceiveMethod_descriptor());
  if (!receive.ok()) return receive.status();
  absl::StatusOr<std::vector<v1::PaymentInstrument>> instruments =
      EnumOption<v1::PaymentInstrument>(
          args, "payment-instrument", "PAYMENT_INSTRUMENT_",
          v1::PaymentInstrument_Parse, v1::PaymentInstrument_descriptor());
  if (!instruments.ok()) return instruments.status();
  absl::StatusOr<std::vector<v1::ProviderType>> providers =
      EnumOption<v1::ProviderType>(args, "provider-type", "PROVIDER_TYPE_",
                                   v1::ProviderType_Parse,
                                   v1::ProviderType_descriptor());
  if (!providers.ok()) return providers.status();
  for (v1::ReceiveMethod v : *receive) filter->add_receive_methods(v);
  for (v1::PaymentInstrument v : *instruments) {
    filter->add_payment_instruments(v);
  }
  for (v1::ProviderType v : *providers) filter->add_provider_types(v);
  if (args.Has("max-speed")) {
    absl::StatusOr<std::vector<v1::Speed>> speed = EnumOption<v1::Speed>(
        args, "max-speed", "SPEED_", v1::Speed_Parse, v1::Speed_descriptor());
    if (!speed.ok()) return speed.status();
    filter->set_max_speed(speed->back());
  }
  return absl::OkStatus();
}

absl::Status AccessOption(const Args& args, v1::SenderAccess* access) {
  for (const std::string& means : args.GetAll("access")) {
    if (means == "bank_account") {
      access->set_has_bank_account(true);
    } else if (means == "card") {
      access->set_has_card(true);
    } else if (means == "mobile_wallet") {
      access->set_has_mobile_wallet(true);
    } else if (means == "internet") {
      access->set_has_internet(true);
    } else if (means == "cash_pickup") {
      access->set_needs_cash_pickup(true);
    } else {
      return UsageError(absl::StrCat("--access: '", means,
                                     "' is not one of bank_account, card, "
                                     "mobile_wallet, internet, cash_pickup"));
    }
  }
  return absl::OkStatus();
}

std::vector<OptionSpec> FilterOptionSpecs() {
  // Every value the options accept (EnumOption), from the API's enums.
  auto names = [](const google::protobuf::EnumDescriptor* descriptor,
                  const std::string& prefix) {
    return absl::StrJoin(EnumValueNames(descriptor, prefix), ", ");
  };
  return {{"receive-method", true, true,
           names(v1::ReceiveMethod_descriptor(), "RECEIVE_METHOD_")},
          {"payment-instrument", true, true,
           names(v1::PaymentInstrument_descriptor(), "PAYMENT_INSTRUMENT_")},
          {"provider-type", true, true,
           names(v1::ProviderType_descriptor(), "PROVIDER_TYPE_")},
          {"max-speed", true, false,
           absl::StrCat("the slowest to list: ",
                        names(v1::Speed_descriptor(), "SPEED_"))}};
}

OptionSpec PeriodOptionSpec() {
  return {"period", true, false,
          "the survey period, e.g. 2024_2Q (default: the corridor's latest)"};
}

absl::Status MaxAgeOption(const Args& args,
                          google::protobuf::Duration* max_quote_age) {
  std::optional<std::string> value = args.Get("max-age");
  if (!value.has_value()) return absl::OkStatus();
  int days = 0;
  if (!absl::SimpleAtoi(*value, &days) || days < 1 || days > 36500) {
    return UsageError(absl::StrCat(
        "--max-age: '", *value, "' is not a number of days from 1 to 36500"));
  }
  max_quote_age->set_seconds(int64_t{days} * 24 * 60 * 60);
  return absl::OkStatus();
}

OptionSpec MaxAgeOptionSpec() {
  return {"max-age", true, false,
          "leave out prices older than DAYS days (default 183). When every "
          "price of the corridor is older, the output says so, with the "
          "newest price date and how to refresh, and the exit status is 1"};
}

absl::StatusOr<v1::Money> ParseMoneyOption(const std::string& name,
                                           const std::string& text) {
  absl::StatusOr<Money> money = Money::Parse(text);
  if (!money.ok()) {
    return UsageError(absl::StrCat("--", name, ": ", money.status().message()));
  }
  return MoneyToProto(*money);
}

absl::StatusOr<v1::Money> MoneyOption(const Args& args,
                                      const std::string& name) {
  return ParseMoneyOption(name, args.Get(name).value_or(""));
}

std::vector<std::string> EnumValueNames(
    const google::protobuf::EnumDescriptor* descriptor,
    const std::string& prefix) {
  std::vector<std::string> names;
  for (int i = 1; i < descriptor->value_count(); ++i) {
    names.push_back(absl::AsciiStrToLower(
        descriptor->value(i)->name().substr(prefix.size())));
  }
  return names;
}

}  // namespace remit::cli
