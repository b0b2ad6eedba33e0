// Checks of option values that several commands share: country codes,
// amounts of money and the API's enum values. Each failure is a usage
// error (cli/errors.h) whose message names the option and the value and,
// where it can, suggests the closest valid one.
//
// Thread-safety: pure functions.
//
// Example:
//   absl::Status from = CheckCountryOption(args, "from");
//   absl::StatusOr<v1::Money> amount = MoneyOption(args, "amount");
#ifndef REMIT_CLI_COMMANDS_OPTION_CHECKS_H_
#define REMIT_CLI_COMMANDS_OPTION_CHECKS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/args.h"
#include "cli/errors.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

// --NAME is present and an ISO 3166-1 country code (alpha-2 or alpha-3).
absl::Status CheckCountryOption(const Args& args, const std::string& name);

// `text`, given as --NAME, as an API Money: "120 GBP", "USD 200".
absl::StatusOr<v1::Money> ParseMoneyOption(const std::string& name,
                                           const std::string& text);
// The last --NAME as an API Money; the option must be present.
absl::StatusOr<v1::Money> MoneyOption(const Args& args,
                                      const std::string& name);

// The survey period the request names (--period=2024_2Q), set in
// `*period`; left empty without --period. A usage error naming the value
// when it is not "YYYY_nQ".
absl::Status PeriodOption(const Args& args, std::string* period);

// The offer filter the options ask for, into `filter`: --receive-method,
// --payment-instrument and --provider-type (each may repeat) and
// --max-speed (the last one counts). A usage error naming the option and
// the value otherwise.
absl::Status FilterOptions(const Args& args, v1::OfferFilter* filter);
// Their option table entries, in that order.
std::vector<OptionSpec> FilterOptionSpecs();

// What the sender has, from every --access (bank_account, card,
// mobile_wallet, internet, cash_pickup), into `access`. A usage error
// naming the value otherwise.
absl::Status AccessOption(const Args& args, v1::SenderAccess* access);

// The option table entry for --period (rank, summary, sheet).
OptionSpec PeriodOptionSpec();

// --max-age=DAYS: leave out prices older than that many days (a whole
// number from 1 to 36500) into `max_quote_age`; nothing when not given (the
// server's default). A usage error naming the value otherwise.
absl::Status MaxAgeOption(const Args& args,
                          google::protobuf::Duration* max_quote_age);
OptionSpec MaxAgeOptionSpec();

// The lower-case names of an enum's values after UNSPECIFIED, without
// `prefix`: ("RECEIVE_METHOD_", ReceiveMethod) -> {"cash_pickup", ...}.
std::vector<std::string> EnumValueNames(
    const google::protobuf::EnumDescriptor* descriptor,
    const std::string& prefix);

// Every value of --OPTION as an API enum: "cash_pickup" ->
// RECEIVE_METHOD_CASH_PICKUP (`prefix` "RECEIVE_METHOD_"). UNSPECIFIED and
// unknown names are usage errors.
// `parse` is the enum's generated Enum_Parse().
template <typename Enum, typename Parse>
absl::StatusOr<std::vector<Enum>> EnumOption(
    const Args& args, const std::string& option, const std::string& prefix,
    Parse parse, const google::protobuf::EnumDescriptor* descriptor) {
  const std::vector<std::string> names = EnumValueNames(descriptor, prefix);
  std::vector<Enum> values;
  for (const std::string& value : args.GetAll(option)) {
    Enum parsed;
    if (!parse(prefix + absl::AsciiStrToUpper(value), &parsed) ||
        static_cast<int>(parsed) == 0) {
      std::string message =
          absl::StrCat("--", option, ": '", value, "' is not one of ",
                       absl::StrJoin(names, ", "));
      if (std::optional<std::string> close = Closest(value, names)) {
        absl::StrAppend(&message, "; did you mean ", *close, "?");
      }
      return UsageError(message);
    }
    values.push_back(parsed);
  }
  return values;
}

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_OPTION_CHECKS_H_
