// The "indicators" command: RPW's indicators for one survey period: the
// global average total cost, how many corridors are at or under 5 % and
// 3 % (SDG 10.c), the global SmaRT average, the averages by firm type,
// sending and receiving country, receiving region, G8/G20 group and
// corridor, and the rules applied.
//
// Thread-safety: IndicatorsRequestFromArgs() and BreakdownsFromArgs() are
// pure functions.
//
// Example:
//   absl::StatusOr<Args> args = ParseArgs(
//       {"--period=2024_2Q", "--by=firm_type"}, IndicatorsCommand().options);
//   absl::StatusOr<v1::GetIndicatorsRequest> request =
//       IndicatorsRequestFromArgs(*args);
//   absl::StatusOr<std::vector<IndicatorBreakdown>> by =
//       BreakdownsFromArgs(*args);  // {kFirmType}
#ifndef REMIT_CLI_COMMANDS_INDICATORS_H_
#define REMIT_CLI_COMMANDS_INDICATORS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "cli/output.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command IndicatorsCommand();

// The API request the indicators options ask for: the --period, or none
// (the latest in the data). A usage error for a --period that is not
// "YYYY_nQ".
absl::StatusOr<v1::GetIndicatorsRequest> IndicatorsRequestFromArgs(
    const Args& args);

// The breakdowns --by names, in the order given, each once; every one
// (kAllIndicatorBreakdowns) without --by. A usage error naming the value
// for an unknown one.
absl::StatusOr<std::vector<IndicatorBreakdown>> BreakdownsFromArgs(
    const Args& args);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_INDICATORS_H_
