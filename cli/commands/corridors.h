// The "corridors" command: lists the corridors of the data with, in the
// table and CSV formats, each one's offers and average cost at its USD 200
// equivalent.
//
// Thread-safety: CorridorsRequestFromArgs() is a pure function.
//
// Example:
//   absl::StatusOr<v1::ListCorridorsRequest> request =
//       CorridorsRequestFromArgs(args);
#ifndef REMIT_CLI_COMMANDS_CORRIDORS_H_
#define REMIT_CLI_COMMANDS_CORRIDORS_H_

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command CorridorsCommand();

// The API request for the corridors list: every corridor, on one page.
// The command has no options of its own, so this does not fail today; it
// returns a StatusOr like the other request builders.
absl::StatusOr<v1::ListCorridorsRequest> CorridorsRequestFromArgs(
    const Args& args);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_CORRIDORS_H_
