#include "cli/commands/indicators.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/commands/option_checks.h"
#include "cli/commands/session.h"
#include "cli/errors.h"

namespace remit::cli {
namespace {

absl::Status RunIndicators(const Args& args, const CommandIo& io) {
  if (absl::Status s = NoPositionalArguments(args); !s.ok()) return s;
  absl::StatusOr<Session> session = OpenSession(args, io.default_data);
  if (!session.ok()) return session.status();
  absl::StatusOr<v1::GetIndicatorsRequest> request =
      IndicatorsRequestFromArgs(args);
  if (!request.ok()) return request.status();
  absl::StatusOr<std::vector<IndicatorBreakdown>> breakdowns =
      BreakdownsFromArgs(args);
  if (!breakdowns.ok()) return breakdowns.status();
  v1::Indicators indicators;
  if (absl::Status s = session->backend->GetIndicators(*request, &indicators);
      !s.ok()) {
    return BackendError(s);
  }
  io.out << IndicatorsOutput(
      indicators, session->format, *breakdowns,
      SourceParagraphs(indicators.data_sources(), indicators.dataset_version(),
                       io.width));
  return absl::OkStatus();
}

std::vector<std::string> BreakdownNames() {
  std::vector<std::string> names;
  for (IndicatorBreakdown b : kAllIndicatorBreakdowns) {
    names.push_back(BreakdownName(b));
  }
  return names;
}

}  // namespace

Command IndicatorsCommand() {
  return {"indicators",
          "remitrank indicators [--period=YYYY_nQ] [--by=GROUP,...]",
          "RPW's indicators for a survey period: global, by group and by "
          "corridor.",
          WithDataOptions(
              {{"period", true, false,
                "the survey period, e.g. 2024_2Q (default: the latest in the "
                "data)"},
               {"by", true, true,
                absl::StrCat("the breakdowns to show (default: all): ",
                             absl::StrJoin(BreakdownNames(), ", "))}}),
          &RunIndicators};
}

absl::StatusOr<v1::GetIndicatorsRequest> IndicatorsRequestFromArgs(
    const Args& args) {
  v1::GetIndicatorsRequest request;
  if (absl::Status s = PeriodOption(args, request.mutable_period()); !s.ok()) {
    return s;
  }
  return request;
}

absl::StatusOr<std::vector<IndicatorBreakdown>> BreakdownsFromArgs(
    const Args& args) {
  if (!args.Has("by")) {
    return std::vector<IndicatorBreakdown>(std::begin(kAllIndicatorBreakdowns),
                                           std::end(kAllIndicatorBreakdowns));
  }
  const std::vector<std::string> names = BreakdownNames();
  std::vector<IndicatorBreakdown> breakdowns;
  for (const std::string& value : args.GetAll("by")) {
    auto it = std::find(names.begin(), names.end(), value);
    if (it == names.end()) {
      std::string message = absl::StrCat("--by: '", value, "' is not one of ",
                                         absl::StrJoin(names, ", "));
      if (std::optional<std::string> close = Closest(value, names)) {
        absl::StrAppend(&message, "; did you mean ", *close, "?");
      }
      return UsageError(message);
    }
    const IndicatorBreakdown b = kAllIndicatorBreakdowns[it - names.begin()];
    if (std::find(breakdowns.begin(), breakdowns.end(), b) ==
        breakdowns.end()) {
      breakdowns.push_back(b);
    }
  }
  return breakdowns;
}

}  // namespace remit::cli
