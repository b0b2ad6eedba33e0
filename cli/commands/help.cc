#include "cli/commands/help.h"

#include "absl/strings/str_cat.h"

namespace remit::cli {

std::string TopHelp(const std::vector<Command>& commands) {
  std::string out =
      "usage: remitrank COMMAND [options]\n\nRanks remittance offers by "
      "their total cost: the fee plus the margin\nhidden in the exchange "
      "rate.\n\ncommands:\n";
  for (const Command& c : commands) absl::StrAppend(&out, "  ", c.name, "\n");
  absl::StrAppend(&out,
                  "\n'remitrank COMMAND --help' for a command's options.\n");
  return out;
}

std::string CommandHelp(const Command& command) {
  std::string out = absl::StrCat("usage: ", command.usage, "\n  ",
                                 command.description, "\n\noptions:\n");
  for (const OptionSpec& o : command.options) {
    absl::StrAppend(&out, "  --", o.name, o.takes_value ? "=..." : "",
                    "\n      ", o.help, "\n");
  }
  return out;
}

}  // namespace remit::cli
