// Dataset files: reading, validating, and turning them into a QuoteBook.
//
// Formats, chosen by file extension:
//   .textproto, .txtpb  remit.v1.Dataset in protobuf text format
//   .json               remit.v1.Dataset in protobuf's JSON mapping
//   .binpb              remit.v1.Dataset, binary
//   .csv                World Bank RPW data (engine/rpw_import.h)
// The first three use protobuf's own parsers.
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
#ifndef REMIT_ENGINE_DATASET_H_
#define REMIT_ENGINE_DATASET_H_

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/quote_book.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/text_format.h"
#include "proto/remit/v1/dataset.pb.h"

namespace remit {

// One problem in one file.
struct DatasetError {
  std::string file;
  int line = 0;       // 1-based; 0 when the format has no lines.
  int column = 0;     // 1-based; 0 when unknown.
  std::string field;  // "quotes[3].fees.bands[0].fixed_fee", or a CSV column.
  std::string message;

  // "file:line:column: field: message", leaving out what is unknown.
  std::string ToString() const;
};

enum class DatasetFormat { kTextproto, kJson, kBinary, kRpwCsv };

// INVALID_ARGUMENT naming the path when the extension is none of the above.
absl::StatusOr<DatasetFormat> FormatOfPath(absl::string_view path);

struct DatasetOptions {
  // RPW files: the period to load ("2025_3Q"). Default: the latest in the
  // file.
  std::string rpw_period;
  // Errors collected before giving up. Default: 100.
  size_t max_errors = 100;
};

// A file read into the dataset format, with what is needed to say where
// each of its fields came from.
class ParsedDataset {
 public:
  ParsedDataset(std::string name, v1::Dataset dataset);
  // Takes a dataset that lives on `arena` (parsers allocate there: faster
  // to parse, and freed at once).
  ParsedDataset(std::string name,
                std::shared_ptr<google::protobuf::Arena> arena,
                v1::Dataset* dataset);

  const std::string& name() const { return name_; }
  const v1::Dataset& dataset() const { return *dataset_; }

  // Text format: where each field is (owned).
  void set_text_locations(
      std::shared_ptr<const google::protobuf::TextFormat::ParseInfoTree> tree) {
    text_locations_ = std::move(tree);
  }
  const google::protobuf::TextFormat::ParseInfoTree* text_locations() const {
    return text_locations_.get();
  }
  // CSV: the line each quote came from.
  void set_quote_lines(std::vector<int> lines) {
    quote_lines_ = std::move(lines);
  }
  int quote_line(int index) const {
    return index >= 0 && index < static_cast<int>(quote_lines_.size())
               ? quote_lines_[index]
               : 0;
  }

 private:
  std::string name_;
  // Shared, so that copies are cheap; the dataset is never modified.
  std::shared_ptr<google::protobuf::Arena> arena_;
  v1::Dataset* dataset_;
  std::shared_ptr<const google::protobuf::TextFormat::ParseInfoTree>
      text_locations_;
  std::vector<int> quote_lines_;
};

// Parses `content` as `format`. Syntax errors are appended to `errors`;
// the status is INVALID_ARGUMENT then (the file cannot be used).
absl::StatusOr<ParsedDataset> ParseDataset(absl::string_view name,
                                           absl::string_view content,
                                           DatasetFormat format,
                                           const DatasetOptions& options,
                                           std::vector<DatasetError>* errors);

// Reads the file at `path` and parses it by its extension. NOT_FOUND or
// PERMISSION_DENIED (naming the path) when it cannot be read.
absl::StatusOr<ParsedDataset> ReadDatasetFile(
    const std::string& path, const DatasetOptions& options,
    std::vector<DatasetError>* errors);

// Validates every file and, when there is no error at all, builds the book.
// Ids must be unique across files. Errors are appended to `errors`; the
// status is then INVALID_ARGUMENT summarising them.
absl::StatusOr<QuoteBook> BuildQuoteBook(
    const std::vector<ParsedDataset>& files, const DatasetOptions& options,
    std::vector<DatasetError>* errors);

// "3 errors in dataset files:\n<one per line>", for a Status message.
std::string DescribeErrors(const std::vector<DatasetError>& errors);

}  // namespace remit

#endif  // REMIT_ENGINE_DATASET_H_
