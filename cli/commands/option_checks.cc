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
