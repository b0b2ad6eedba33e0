// The dataset file formats remitrank reads, chosen by file extension, as
// one table: a new format is one parser file and one entry in formats.cc.
//
//   .textproto, .txtpb  remit.v1.Dataset in protobuf text format
//   .json               remit.v1.Dataset in protobuf's JSON mapping
//   .binpb              remit.v1.Dataset, binary
//   .csv                World Bank RPW data (engine/importers/rpw)
//   .xlsx               the World Bank's published RPW workbook
//
// A parser turns a file's bytes into a ParsedDataset. Syntax errors are
// appended to `errors` (naming the file, and the line and column where the
// format has them) and the status is then INVALID_ARGUMENT: the file cannot
// be used. Field values are checked later, by BuildQuoteBook.
//
// Thread-safety: the table is immutable; parsers are pure functions.
//
// Example:
//   absl::StatusOr<const DatasetFormat*> format = FormatOfPath("a.json");
//   absl::StatusOr<ParsedDataset> file =
//       (*format)->parse("a.json", bytes, options, &errors);
#ifndef REMIT_ENGINE_FORMATS_FORMATS_H_
#define REMIT_ENGINE_FORMATS_FORMATS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "engine/data/parsed_dataset.h"

namespace remit {

using DatasetParser = absl::StatusOr<ParsedDataset> (*)(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors);

struct DatasetFormat {
  absl::string_view name;  // "textproto", "json", "binpb", "rpw-csv".
  // Lower-case file name endings, with the dot.
  std::vector<absl::string_view> extensions;
  DatasetParser parse;
  // Shown after the extensions in messages ("RPW"); empty for none.
  absl::string_view note;
};

// Every format, in the order above.
absl::Span<const DatasetFormat> DatasetFormats();

// The format of a path by its extension (any case). INVALID_ARGUMENT naming
// the path and the known extensions when none matches.
absl::StatusOr<const DatasetFormat*> FormatOfPath(absl::string_view path);

// Parses `content` in the format of `name`'s extension. INVALID_ARGUMENT
// when the extension is unknown (also appended to `errors`) or the content
// cannot be parsed.
absl::StatusOr<ParsedDataset> ParseDataset(absl::string_view name,
                                           absl::string_view content,
                                           const DatasetOptions& options,
                                           std::vector<DatasetError>* errors);

// Reads the file at `path` and parses it by its extension. NOT_FOUND or
// PERMISSION_DENIED (naming the path) when it cannot be read through
// DatasetOptions::files (default: the local file system); the error is
// also appended to `errors`.
absl::StatusOr<ParsedDataset> ReadDatasetFile(
    const std::string& path, const DatasetOptions& options,
    std::vector<DatasetError>* errors);

}  // namespace remit

#endif  // REMIT_ENGINE_FORMATS_FORMATS_H_
