// The "curve" command: who is cheapest at every amount of a range of send
// amounts, or with --receive of amounts received (GetCostCurve): one row
// per interval, "from - to: cheapest, total %", where the cheapest changes
// exactly.
//
// Thread-safety: CurveRequestFromArgs() and CurveOutput() are pure
// functions.
//
// Example:
//   remitrank curve --from=GB --to=BD --min="50 GBP" --max="1000 GBP"
//     50.00 -   99.99 GBP: Taka Express, 4.12%
//    100.00 - 1,000.00 GBP: Northwind Remit, 2.05%
#ifndef REMIT_CLI_COMMANDS_CURVE_H_
#define REMIT_CLI_COMMANDS_CURVE_H_

#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "cli/output.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {

Command CurveCommand();

// The API request the curve options ask for, to be shown in `format`
// (a chart asks for kDefaultChartSamples samples unless --samples is
// given). Usage errors (cli/errors.h) for a missing or invalid --from,
// --to, --min or --max, amounts in two currencies, --samples that is not a
// whole number from 0 (2 for a chart) to 1000, or a bad filter option
// (--receive-method, --payment-instrument, --provider-type, --max-speed)
// or --access, as rank reads them.
absl::StatusOr<v1::GetCostCurveRequest> CurveRequestFromArgs(
    const Args& args, Format format = Format::kTable);

// The answer as a table fitting `width` columns (provider names shortened
// with "..." when needed), csv (one row per interval, the cheapest priced
// at its first amount), json (the API's JSON) or svg (a chart,
// cli/curve_chart.h, without a data line).
std::string CurveOutput(const v1::GetCostCurveResponse& curve, Format format,
                        int width = kDefaultWidth);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_CURVE_H_
