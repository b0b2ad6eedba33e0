// The "rank" command: ranks the offers of a corridor by what they really
// cost, at an amount sent (or, with --receive, an amount to be received),
// with filters.
//
// Thread-safety: RankRequestFromArgs() is a pure function.
//
// Example:
//   absl::StatusOr<Args> args = ParseArgs(
//       {"--from=GB", "--to=NG", "--amount=120 GBP"}, RankCommand().options);
//   absl::StatusOr<v1::RankOffersRequest> request = RankRequestFromArgs(*args);
#ifndef REMIT_CLI_COMMANDS_RANK_H_
#define REMIT_CLI_COMMANDS_RANK_H_

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command RankCommand();

// The API request the rank options ask for. Usage errors (cli/errors.h)
// for a missing or invalid --from, --to or --amount, an unknown enum value
// (--receive-method, --payment-instrument, --provider-type, --max-speed),
// --order, --access or a --limit that is not a positive number. The
// countries are checked here but sent as typed; the server resolves them.
absl::StatusOr<v1::RankOffersRequest> RankRequestFromArgs(const Args& args);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_RANK_H_
