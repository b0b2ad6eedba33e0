// The "history" command: one corridor over time, per survey period, at one
// of RPW's two surveyed amounts: services, average, median, SmaRT, the
// cheapest service and the shares at or under 3 % and 5 %, with the
// quarters without a survey as gaps. Table (with a text chart), CSV, JSON
// or an SVG line chart.
//
// Thread-safety: HistoryRequestFromArgs() is a pure function.
//
// Example:
//   absl::StatusOr<Args> args = ParseArgs(
//       {"--from=GB", "--to=NG", "--amount-level=cc2"},
//       HistoryCommand().options);
//   absl::StatusOr<v1::GetCorridorHistoryRequest> request =
//       HistoryRequestFromArgs(*args);
#ifndef REMIT_CLI_COMMANDS_HISTORY_H_
#define REMIT_CLI_COMMANDS_HISTORY_H_

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command HistoryCommand();

// The API request the history options ask for. Usage errors
// (cli/errors.h) for a missing or invalid --from or --to, an
// --amount-level other than cc1 or cc2, or an empty --provider. Without
// --amount-level the request leaves it unspecified (the server's default,
// cc1).
absl::StatusOr<v1::GetCorridorHistoryRequest> HistoryRequestFromArgs(
    const Args& args);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_HISTORY_H_
