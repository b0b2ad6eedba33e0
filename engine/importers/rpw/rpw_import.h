// Importing World Bank Remittance Prices Worldwide (RPW) CSV files.
//
// RPW publishes one row per service and quarter, with a block of prices for
// each surveyed amount: cc1 (the USD 200 equivalent in the sending
// currency) and cc2 (USD 500). Each row becomes one quote priced at those
// two survey points, with RPW's published FX margin as authoritative.
//
// Columns are matched by name, ignoring case, spaces, '_', '-' and '%', so
// both the published names ("cc1 lcu fee", "pick-up method") and upper-case
// extracts ("CC1 LCU FEE", "PICK-UP METHOD") work. Required: period, firm,
// source and destination codes (or corridor, e.g. "GBRBGD"), cc1 lcu code,
// cc1 lcu amount, cc1 lcu fee, cc1 lcu fx rate, cc1 fx margin and inter lcu
// bank fx. Everything else is optional: firm type, payment instrument,
// access point, speed actual, pick-up method, receiving network coverage,
// transparent (default yes), date (default: the first day of the period),
// cc1 total cost %, and the cc2 block.
//
// The data's traps, and what the importer does:
// - transparent = no (any case): an opaque quote; its margin is unknown,
//   not zero.
// - Rates are not always in the destination's currency (USD per KES on one
//   row, TZS per KES on the next), and rows do not say which. The margin is
//   still exact (r and m share the row's units), but the importer states no
//   amount received unless the file has a "receiving currency" column.
// - The published total cost % must match fee / amount + margin within
//   0.01 percentage points, or the row is reported.
// - Kosovo as KSV or XKX; yes/Yes/YES.
// Providers get ids from the firm names, prefixed "rpw-" ("rpw-western-
// union"), so that they never collide with other files' providers.
//
// Only one period is imported: `period` ("2024_2Q"), or the latest in the
// file when empty.
//
// Thread-safety: pure function.
#ifndef REMIT_ENGINE_IMPORTERS_RPW_RPW_IMPORT_H_
#define REMIT_ENGINE_IMPORTERS_RPW_RPW_IMPORT_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/data/parsed_dataset.h"

namespace remit {

// Errors name the file, line and column; the status is INVALID_ARGUMENT
// when there are any.
absl::StatusOr<ParsedDataset> ImportRpwCsv(absl::string_view name,
                                           absl::string_view content,
                                           absl::string_view period,
                                           std::vector<DatasetError>* errors);

}  // namespace remit

#endif  // REMIT_ENGINE_IMPORTERS_RPW_RPW_IMPORT_H_
