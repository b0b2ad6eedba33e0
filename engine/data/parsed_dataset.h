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
#include <string>
#include <vector>

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

 private:
  std::string name_;
  // Shared, so that copies are cheap; the dataset is never modified.
  std::shared_ptr<google::protobuf::Arena> arena_;
  v1::Dataset* dataset_;
  std::shared_ptr<const google::protobuf::TextFormat::ParseInfoTree>
      text_locations_;
  std::vector<int> quote_lines_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_DATA_PARSED_DATASET_H_
