// The "summary" command: a corridor's average, median, SmaRT and cheapest
// offer, at an amount sent (by default the corridor's USD 200 equivalent).
//
// Thread-safety: SummaryRequestFromArgs() is a pure function.
//
// Example:
//   absl::StatusOr<v1::GetCorridorSummaryRequest> request =
//       SummaryRequestFromArgs(args);  // --from=GB --to=NG
#ifndef REMIT_CLI_COMMANDS_SUMMARY_H_
#define REMIT_CLI_COMMANDS_SUMMARY_H_

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command SummaryCommand();

// The API request the summary options ask for. Usage errors
// (cli/errors.h) for a missing or invalid --from or --to, or an invalid
// --amount. Without --amount the request has no amount and no send
// currency: the server uses the USD 200 equivalent.
absl::StatusOr<v1::GetCorridorSummaryRequest> SummaryRequestFromArgs(
    const Args& args);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_SUMMARY_H_
