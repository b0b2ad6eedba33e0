// Dataset files: reading, validating, and turning them into a QuoteBook.
//
// Files are read in the format of their extension (engine/data/formats.h:
// protobuf text, JSON and binary remit.v1.Dataset, World Bank RPW CSV),
// through the injected FileReader (DatasetOptions::files).
//
// Validation checks every field of every file before anything is used and
// collects every error (up to a cap), each naming the file, the line and
// column where the format has them (text and CSV), the field, the value and
// what was expected:
//   sample.textproto:41:5: quotes[3].fees.bands[0].fixed_fee: '-3.00' must
//   not be negative
// Decimal fields are plain decimals ("6500", "6.5"; never "6,500"). Once
// every file is read, each native quote's rate is checked against the
// mid-market rate it will be measured with (FindMidMarket): a margin
// outside the plausible band (engine/pricing/plausibility.h) is an error
// too, unless the quote sets rate_outlier_confirmed:
//   sample.textproto:16:3: quotes[0].rate: '0.001524' implies an FX margin
//   of 100.00 % against the mid-market rate 655.957 (reference rate
//   EUR->XOF of 2026-10-01); ...; looks inverted: 1/0.001524 = 656.167979
// Loading is all or nothing: with any error there is no QuoteBook.
//
// Thread-safety: functions over their arguments; no shared state.
//
// Example:
//   std::vector<DatasetError> errors;
//   absl::StatusOr<ParsedDataset> file =
//       ReadDatasetFile("testdata/sample_corridors.textproto", {}, &errors);
//   absl::StatusOr<QuoteBook> book = BuildQuoteBook({*file}, {}, &errors);
#ifndef REMIT_ENGINE_DATA_DATASET_H_
#define REMIT_ENGINE_DATA_DATASET_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/book/quote_book.h"
#include "engine/data/file_reader.h"
#include "engine/data/parsed_dataset.h"

namespace remit {

// Validates every file and, when there is no error at all, builds the book.
// Ids must be unique across files. Errors are appended to `errors`; the
// status is then INVALID_ARGUMENT summarising them. With `countries`, the
// countries the files describe (Dataset.countries) go there, the first
// description of a code standing.
absl::StatusOr<QuoteBook> BuildQuoteBook(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    std::vector<DatasetError>* errors, CountryAttributes* countries = nullptr);
// The same, taking the files: once every quote is validated, and before the
// book indexes them, `files` is cleared, so that the parsed datasets (their
// quotes as protos) are freed before the book's indexes are made, unless
// the caller keeps copies of them.
absl::StatusOr<QuoteBook> BuildQuoteBook(
    std::vector<ParsedDataset>&& files, const DatasetOptions& options,
    std::vector<DatasetError>* errors, CountryAttributes* countries = nullptr);

}  // namespace remit

#endif  // REMIT_ENGINE_DATA_DATASET_H_
