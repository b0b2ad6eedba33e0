// Command-line arguments of the remitrank tool: "remitrank COMMAND
// [--name=value | --flag | positional]...".
//
// Each command declares its options; anything else is a usage error that
// names the argument and suggests the closest option. Values may be given
// as --name=value or --name value; options marked repeatable collect every
// occurrence (and comma-separated lists).
//
// Thread-safety: pure functions and plain data.
//
// Example:
//   const std::vector<OptionSpec> specs = {{"from", true, false, "..."}};
//   absl::StatusOr<Args> args = ParseArgs({"--from=GB"}, specs);
#ifndef REMIT_CLI_ARGS_H_
#define REMIT_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace remit::cli {

struct OptionSpec {
  std::string name;  // Without the dashes: "receive-method".
  bool takes_value;  // False: a switch (--receive).
  bool repeatable;   // Collects every occurrence and comma list.
  std::string help;  // One line.
};

struct Args {
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> positional;

  bool Has(const std::string& name) const { return options.count(name) > 0; }
  // The last value given, if any.
  std::optional<std::string> Get(const std::string& name) const;
  std::vector<std::string> GetAll(const std::string& name) const;
};

// INVALID_ARGUMENT (a usage error) for an unknown option, a missing value or
// a value given to a switch; the message suggests the closest option.
absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& arguments,
                               const std::vector<OptionSpec>& specs);

// The closest of `candidates` to `word` within a small edit distance, if
// any: at most 2 letters inserted, deleted, replaced or swapped with their
// neighbour ("fromat" -> "format"). On a tie, the first candidate.
std::optional<std::string> Closest(const std::string& word,
                                   const std::vector<std::string>& candidates);

}  // namespace remit::cli

#endif  // REMIT_CLI_ARGS_H_
