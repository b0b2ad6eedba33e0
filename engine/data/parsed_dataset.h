// ParsedDataset: one data file read into the remit.v1.Dataset format, with
// what is needed to say where each of its fields came from; DatasetError,
// one problem in one file; and DatasetOptions, the knobs of loading.
//
// Every format's parser (engine/data/formats.h) produces a ParsedDataset;
// validation (engine/data/dataset.h) reads it and reports DatasetErrors.
//
// Thread-safety: ParsedDataset is immutable once made and cheap to copy
// (copies share the parsed message); DatasetError is a plain value.
//
// Example:
//   v1::Dataset dataset = ...;
//   ParsedDataset file("inline", std::move(dataset));
//   DatasetError error{"a.csv", 12, 3, "cc1 lcu fee", "'x' is not a number"};
//   error.ToString();  // "a.csv:12:3: cc1 lcu fee: 'x' is not a number"
#ifndef REMIT_ENGINE_DATA_PARSED_DATASET_H_
#define REMIT_ENGINE_DATA_PARSED_DATASET_H_

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "engine/data/file_reader.h"
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

// "3 errors in dataset files:\n<one per line>", for a Status message.
std::string DescribeErrors(const std::vector<DatasetError>& errors);

struct DatasetOptions {
  // RPW files: the period to load ("2025_3Q"). Default: the latest in the
  // file.
  std::string rpw_period;
  // Errors collected before giving up. Default: 100.
  size_t max_errors = 100;
  // Where files are read from. Default (null): the local file system,
  // LocalFiles(). Must outlive every call given these options.
  const FileReader* files = nullptr;
  // Threads that parse a workbook's (.xlsx) sheets, each in pieces
  // (XlsxReaderOptions::threads): the result is the same whatever the
  // number. 1: the calling thread only. Default 0: the cores the process
  // may run on, at most 4.
  int workbook_threads = 0;
  // The size of those pieces (XlsxReaderOptions::chunk_bytes). Default 0:
  // the reader's own (1 MiB).
  size_t workbook_piece_bytes = 0;
  // Quotes dated after this time are refused (quoted_at: '...' is in the
  // future). Default: unset, no quote is refused for its date; give the
  // clock's now to refuse prices that cannot have been quoted yet.
  std::optional<absl::Time> refuse_after = std::nullopt;
};

// What an import from a foreign format (World Bank RPW files) did with
// the file's rows: how many it loaded per period, and the rows it kept out
// (quarantined) because they cannot be priced, grouped by reason. Native
// datasets have no report: they are loaded whole or not at all.
struct ImportReport {
  struct PeriodCount {
    std::string period;  // "2024_2Q".
    size_t rows = 0;
  };
  // Rows that share a reason.
  struct RowGroup {
    std::string reason;  // "cc1 lcu fee: not a non-negative number".
    size_t rows = 0;
    // Where the first few were: "rpw.csv:1234", "rpw.xlsx:Dataset!A77".
    std::vector<std::string> first_places;
  };
  // Places kept per reason.
  static constexpr size_t kPlacesPerReason = 5;

  std::vector<PeriodCount> loaded;  // In period order.
  // Rows left out because they cannot be priced; most rows first.
  std::vector<RowGroup> quarantined;
  // Rows loaded with a remark (a part left out, a published figure that
  // does not add up); most rows first.
  std::vector<RowGroup> notes;
  size_t skipped_other_periods = 0;  // Rows of periods not asked for.

  size_t loaded_rows() const;
  size_t quarantined_rows() const;
  size_t noted_rows() const;
  // One line: "120 rows loaded (2024_1Q: 60, 2024_2Q: 60), 2 quarantined,
  // 3 with notes".
  std::string Summary() const;
};

// A file read into the dataset format.
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
  // Line-based formats: the line each quote came from.
  void set_quote_lines(std::vector<int> lines) {
    quote_lines_ = std::move(lines);
  }
  int quote_line(int index) const {
    return index >= 0 && index < static_cast<int>(quote_lines_.size())
               ? quote_lines_[index]
               : 0;
  }
  // Foreign formats: what the import did with the rows; null for native
  // datasets.
  void set_report(ImportReport report) {
    report_ = std::make_shared<const ImportReport>(std::move(report));
  }
  const ImportReport* report() const { return report_.get(); }

 private:
  std::string name_;
  // Shared, so that copies are cheap; the dataset is never modified.
  std::shared_ptr<google::protobuf::Arena> arena_;
  v1::Dataset* dataset_;
  std::shared_ptr<const google::protobuf::TextFormat::ParseInfoTree>
      text_locations_;
  std::vector<int> quote_lines_;
  std::shared_ptr<const ImportReport> report_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_DATA_PARSED_DATASET_H_
