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

}  // namespace remit

#endif  // REMIT_ENGINE_DATA_DATASET_H_
