#include "cli/commands.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "cli/args.h"
#include "cli/commands/corridors.h"
#include "cli/commands/curve.h"
#include "cli/commands/help.h"
#include "cli/commands/history.h"
#include "cli/commands/indicators.h"
#include "cli/commands/rank.h"
#include "cli/commands/sheet.h"
#include "cli/commands/summary.h"
#include "cli/commands/validate.h"
#include "cli/errors.h"

namespace remit::cli {
namespace {

const Command* FindCommand(const std::string& name) {
  for (const Command& c : Commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

absl::Status UnknownCommand(const std::string& name) {
  std::vector<std::string> names;
  for (const Command& c : Commands()) names.push_back(c.name);
  std::string message = absl::StrCat("unknown command '", name, "'");
  if (std::optional<std::string> close = Closest(name, names)) {
    absl::StrAppend(&message, "; did you mean ", *close, "?");
  }
  return UsageError(message);
}

}  // namespace

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      RankCommand(),  CorridorsCommand(), SummaryCommand(),
      CurveCommand(), HistoryCommand(),   IndicatorsCommand(),
      SheetCommand(), ValidateCommand(),
  };
  return *commands;
}

int Run(const std::vector<std::string>& arguments,
        const std::vector<std::string>& default_data, std::ostream& out,
        std::ostream& err, int width) {
  if (arguments.empty()) {
    // No command: the list of commands, on stderr, and a usage error.
    err << TopHelp(Commands());
    return ExitCode(UsageError("no command"));
  }
  const std::string& name = arguments[0];
  if (name == "--help" || name == "help") {
    out << TopHelp(Commands());
    return kExitOk;
  }
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    const int code = Finish(UnknownCommand(name), err);
    err << TopHelp(Commands());
    return code;
  }
  std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
  for (std::string& a : rest) {
    if (a == "-o") a = "--output";  // The short form.
  }
  absl::StatusOr<Args> args = ParseArgs(rest, command->options);
  if (!args.ok()) {
    return Finish(ArgumentsError(name, args.status().message()), err);
  }
  if (args->Has("help")) {
    out << CommandHelp(*command);
    return kExitOk;
  }
  return Finish(command->run(*args, CommandIo{default_data, out, err, width}),
                err);
}

}  // namespace remit::cli
