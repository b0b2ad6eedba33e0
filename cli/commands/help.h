// The remitrank tool's help texts: the list of commands ("remitrank
// --help") and one command's options ("remitrank COMMAND --help").
//
// Thread-safety: pure functions.
//
// Example:
//   out << CommandHelp(RankCommand());
#ifndef REMIT_CLI_COMMANDS_HELP_H_
#define REMIT_CLI_COMMANDS_HELP_H_

#include <string>
#include <vector>

#include "cli/commands/command.h"

namespace remit::cli {

// What the tool does, and each of `commands` with its one-line
// description (wrapped to 80 columns).
std::string TopHelp(const std::vector<Command>& commands);

// The command's usage, description and options.
std::string CommandHelp(const Command& command);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_HELP_H_
