#include "cli/commands/help.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace remit::cli {
namespace {

// The width the help fits in.
constexpr size_t kHelpWidth = 80;

// `text` after `indent` columns, in lines that fit kHelpWidth (a word
// longer than the room left stays whole), each line but the first
// indented.
std::string Hanging(const std::string& text, size_t indent) {
  std::string out;
  size_t column = indent;
  bool first_word = true;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!first_word && column + 1 + word.size() > kHelpWidth) {
      absl::StrAppend(&out, "\n", std::string(indent, ' '));
      column = indent;
      first_word = true;
    }
    absl::StrAppend(&out, first_word ? "" : " ", word);
    column += (first_word ? 0 : 1) + word.size();
    first_word = false;
  }
  return out;
}

}  // namespace

std::string TopHelp(const std::vector<Command>& commands) {
  std::string out =
      "usage: remitrank COMMAND [options]\n\nRanks remittance offers by "
      "their total cost: the fee plus the margin\nhidden in the exchange "
      "rate.\n\ncommands:\n";
  size_t widest = 0;
  for (const Command& c : commands) widest = std::max(widest, c.name.size());
  // "  NAME   Description", the descriptions lined up.
  const size_t indent = 2 + widest + 3;
  for (const Command& c : commands) {
    absl::StrAppend(&out, "  ", c.name,
                    std::string(indent - 2 - c.name.size(), ' '),
                    Hanging(c.description, indent), "\n");
  }
  absl::StrAppend(&out,
                  "\n'remitrank COMMAND --help' for a command's options.\n");
  return out;
}

std::string CommandHelp(const Command& command) {
  std::string out =
      absl::StrCat("usage: ", Hanging(command.usage, 7), "\n  ",
                   Hanging(command.description, 2), "\n\noptions:\n");
  for (const OptionSpec& o : command.options) {
    absl::StrAppend(&out, "  --", o.name, o.takes_value ? "=..." : "",
                    "\n      ", Hanging(o.help, 6), "\n");
  }
  return out;
}

}  // namespace remit::cli
