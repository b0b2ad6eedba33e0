#include "cli/commands/option_checks.h"

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
