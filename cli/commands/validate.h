// The "validate" command: checks dataset files as the tool and the server
// would load them, whole, and prints every error with its file, line and
// field, or a one-line count of what the files hold.
//
// Thread-safety: the command runs on one thread.
//
// Example:
//   remitrank validate mydata.textproto rpw.csv --period=2025_3Q
#ifndef REMIT_CLI_COMMANDS_VALIDATE_H_
#define REMIT_CLI_COMMANDS_VALIDATE_H_

#include "cli/commands/command.h"

namespace remit::cli {

// Writes the errors (one a line) to `out` and fails with INVALID_ARGUMENT,
// a runtime error ("3 errors; nothing was loaded"), when a file is not
// valid; a usage error without FILEs.
Command ValidateCommand();

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_VALIDATE_H_
