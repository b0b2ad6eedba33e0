// The "curve" command: who is cheapest at every amount of a range of send
// amounts (GetCostCurve): one row per interval, "from - to: cheapest,
// total %", where the cheapest changes exactly.
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

// The API request the curve options ask for. Usage errors (cli/errors.h)
// for a missing or invalid --from, --to, --min or --max, amounts in two
// currencies, or --samples that is not a whole number from 0 to 1000.
absl::StatusOr<v1::GetCostCurveRequest> CurveRequestFromArgs(const Args& args);

// The answer as a table fitting `width` columns (provider names shortened
// with "..." when needed), csv (one row per interval, the cheapest priced
// at its first amount) or json (the API's JSON).
std::string CurveOutput(const v1::GetCostCurveResponse& curve, Format format,
                        int width = kDefaultWidth);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_CURVE_H_
