#include "cli/args.h"

#include <algorithm>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace remit::cli {

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::GetAll(const std::string& name) const {
  auto it = options.find(name);
  return it == options.end() ? std::vector<std::string>() : it->second;
}

namespace {

// The optimal string alignment distance: insertions, deletions,
// substitutions and swaps of two adjacent letters each count one, so a
// typed-too-fast "fromat" is 1 from "format" (and 2 from "from").
int EditDistance(const std::string& a, const std::string& b) {
  // d[i][j]: the distance between a's first i letters and b's first j.
  std::vector<std::vector<int>> d(a.size() + 1,
                                  std::vector<int>(b.size() + 1, 0));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> Closest(const std::string& word,
                                   const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  int best_distance = 3;  // Suggest only close ones.
  for (const std::string& c : candidates) {
    const int d = EditDistance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& arguments,
                               const std::vector<OptionSpec>& specs) {
  Args args;
  std::vector<std::string> names;
  for (const OptionSpec& s : specs) names.push_back(s.name);
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& arg = arguments[i];
    if (!absl::StartsWith(arg, "--") || arg == "--") {
      args.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto spec =
        std::find_if(specs.begin(), specs.end(),
                     [&](const OptionSpec& s) { return s.name == name; });
    if (spec == specs.end()) {
      std::string message = absl::StrCat("unknown option '--", name, "'");
      if (std::optional<std::string> close = Closest(name, names)) {
        absl::StrAppend(&message, "; did you mean --", *close, "?");
      }
      return absl::InvalidArgumentError(message);
    }
    if (!spec->takes_value) {
      if (value.has_value()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " takes no value (got '", *value, "')"));
      }
      args.options[name].push_back("true");
      continue;
    }
    if (!value.has_value()) {
      if (i + 1 >= arguments.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("--", name, " needs a value"));
      }
      value = arguments[++i];
    }
    std::vector<std::string>& values = args.options[name];
    if (!spec->repeatable) values.clear();
    if (spec->repeatable) {
      for (absl::string_view v :
           absl::StrSplit(*value, ',', absl::SkipEmpty())) {
        values.emplace_back(v);
      }
    } else {
      values.push_back(*value);
    }
  }
  return args;
}

}  // namespace remit::cli
