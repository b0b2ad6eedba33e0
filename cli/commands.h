// The remitrank tool's commands (rank, corridors, summary, history,
// indicators, sheet, validate), in a table, and Run(), which runs one of them.
//
// Run() takes the arguments after the program name and writes to the given
// streams; it returns the exit code: 0 success, 1 a runtime error (no such
// corridor, invalid data, server unreachable), 2 a usage error (a bad
// option or value; the message names it and suggests a fix). Every error
// is an absl::Status until Finish() (cli/errors.h) prints it and picks the
// exit code.
//
// Thread-safety: one call at a time.
//
// Example:
//   int code = Run({"rank", "--from=GB", "--to=NG", "--amount=120 GBP"},
//                  {"testdata/sample_corridors.textproto"}, std::cout,
//                  std::cerr);
#ifndef REMIT_CLI_COMMANDS_H_
#define REMIT_CLI_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "cli/commands/command.h"

namespace remit::cli {

// Every command, in the order `remitrank --help` lists them. To add one,
// write cli/commands/NAME.{h,cc} with a NameCommand() and add it here.
const std::vector<Command>& Commands();

// `default_data`: the files to use when neither --data nor --server is
// given (the bundled samples, when found). `width`: the columns tables fit
// in (main() takes it from COLUMNS or the terminal).
int Run(const std::vector<std::string>& arguments,
        const std::vector<std::string>& default_data, std::ostream& out,
        std::ostream& err, int width = 80);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_H_
