// How the remitrank tool reports errors: one error channel, absl::Status,
// and one function that turns a status into the exit code and the message.
//
// Exit codes: 0 success, 1 a runtime error (no such corridor, invalid data,
// server unreachable), 2 a usage error (what the user typed is wrong).
//
// The rule for usage errors: a usage error is a status made by UsageError()
// or ArgumentsError(): INVALID_ARGUMENT carrying the payload kUsagePayload.
// The code alone does not decide, because an INVALID_ARGUMENT from a data
// file (a bad field in the dataset) is a runtime error for the user of the
// tool. Where an API error means the user's options were wrong (the server
// rejecting a request's field), the command says so (BackendError()).
//
// Thread-safety: pure functions.
//
// Example:
//   absl::Status status = UsageError("--from is required");
//   return Finish(status, std::cerr);  // "remitrank: --from is required", 2
#ifndef REMIT_CLI_ERRORS_H_
#define REMIT_CLI_ERRORS_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace remit::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitRuntimeError = 1;
inline constexpr int kExitUsageError = 2;

// The payload type URL that marks a usage error. Its value is the command
// whose arguments could not be parsed (ArgumentsError), or empty.
inline constexpr char kUsagePayload[] = "remitrank.cli/usage";

// A usage error, printed "remitrank: MESSAGE".
absl::Status UsageError(absl::string_view message);

// A usage error in the arguments of `command` (an unknown option, a missing
// value), printed "remitrank COMMAND: MESSAGE" and then a pointer to
// 'remitrank COMMAND --help'.
absl::Status ArgumentsError(absl::string_view command,
                            absl::string_view message);

bool IsUsageError(const absl::Status& status);

// 0 for OK, 2 for a usage error, 1 for any other error.
int ExitCode(const absl::Status& status);

// Prints a failed `status` to `err` the way the tool reports errors and
// returns ExitCode(status); prints nothing for OK.
int Finish(const absl::Status& status, std::ostream& err);

}  // namespace remit::cli

#endif  // REMIT_CLI_ERRORS_H_
