// One command of the remitrank tool ("rank", "summary", ...) as the command
// table holds it: its name, what it does, its options and the function that
// runs it. Run() (cli/commands.h) looks a command up by name, parses its
// options and calls it.
//
// A command reports every error through the status it returns (see
// cli/errors.h for which errors are usage errors); it writes its answer to
// `out`, and only notes that are not errors (e.g. "wrote FILE") to `err`.
//
// Thread-safety: a Command is constant data; its function may be called
// from one thread at a time.
//
// Example:
//   Command RankCommand() {
//     return {"rank", "remitrank rank --from=COUNTRY ...",
//             "Ranks the offers of a corridor by what they really cost.",
//             WithDataOptions({...}), &RunRank};
//   }
#ifndef REMIT_CLI_COMMANDS_COMMAND_H_
#define REMIT_CLI_COMMANDS_COMMAND_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "cli/args.h"

namespace remit::cli {

// What a command runs with besides its parsed arguments.
struct CommandIo {
  // The files to use when neither --data nor --server is given (the
  // bundled samples, when found).
  const std::vector<std::string>& default_data;
  std::ostream& out;
  std::ostream& err;
  // The columns a table fits in (the terminal's width).
  int width = 80;
};

using CommandFunction = absl::Status (*)(const Args& args, const CommandIo& io);

struct Command {
  std::string name;  // "rank"
  // The synopsis after "usage: ", e.g. "remitrank corridors [options]".
  std::string usage;
  std::string description;  // One line, e.g. "Lists the corridors."
  std::vector<OptionSpec> options;
  CommandFunction run = nullptr;
};

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_COMMAND_H_
