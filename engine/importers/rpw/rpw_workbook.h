// Importing the World Bank's published RPW workbook
// (rpw_dataset_2011_2025_qN.xlsx) as it is: both dataset sheets, every
// quarter, streamed row by row.
//
// The dataset sheets are found by name through the workbook's own index
// (every sheet whose name starts with "Dataset": the published file has
// "Dataset (up to Q1 2016)", 41 columns, and "Dataset (from Q2 2016)", 42
// columns), never by position; each sheet's header is its row 1. Their rows
// go to the RPW importer (rpw_import.h), which quarantines what cannot be
// priced; places read "rpw.xlsx:Dataset (from Q2 2016)!A1234".
//
// Cells are read as the workbook stores them: a number's stored text
// carries binary noise (46172.699999999997), so it is read as Excel shows
// it, rounded to 15 significant digits on the decimal text itself
// ("46172.7"), with no binary floating point; numbers stored as text are
// taken as written; a formula's cached value is used,
// never evaluated; error cells (#N/A) are unknown; cells after the last
// header column are ignored.
//
// The file fails whole (INVALID_ARGUMENT, appended to `errors`) when it is
// not a workbook, has no dataset sheet, or a dataset sheet lacks required
// columns.
//
// Thread-safety: pure function. A large sheet is parsed on worker threads
// of its own (DatasetOptions::workbook_threads), joined before it returns;
// the result is the same as read on one thread.
//
// Example:
//   absl::StatusOr<ParsedDataset> file =
//       ImportRpwWorkbook("rpw.xlsx", bytes, DatasetOptions(), &errors);
#ifndef REMIT_ENGINE_IMPORTERS_RPW_RPW_WORKBOOK_H_
#define REMIT_ENGINE_IMPORTERS_RPW_RPW_WORKBOOK_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/data/parsed_dataset.h"

namespace remit {

absl::StatusOr<ParsedDataset> ImportRpwWorkbook(
    absl::string_view name, absl::string_view bytes,
    const DatasetOptions& options, std::vector<DatasetError>* errors);

// A number as a workbook stores it ("46172.699999999997", "6.51E-4"), as
// Excel shows it: rounded half away from zero to 15 significant digits,
// in plain decimal notation without trailing zeros ("46172.7",
// "0.000651"). Decimal arithmetic on the text only. `text` itself when it
// is not a number.
std::string WorkbookNumberText(absl::string_view text);

}  // namespace remit

#endif  // REMIT_ENGINE_IMPORTERS_RPW_RPW_WORKBOOK_H_
