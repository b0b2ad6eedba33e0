#include "engine/formats/proto_formats.h"

#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace remit {
namespace {

// Collects the text parser's syntax errors (0-based positions).
class TextErrors final : public google::protobuf::io::ErrorCollector {
 public:
  TextErrors(absl::string_view file, std::vector<DatasetError>* errors)
      : file_(file), errors_(errors) {}
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_->push_back({file_, line + 1, column + 1, "", message});
    ++count_;
  }
  int count() const { return count_; }

 private:
  std::string file_;
  std::vector<DatasetError>* errors_;
  int count_ = 0;
};

absl::Status Unusable(absl::string_view name) {
  return absl::InvalidArgumentError(
      absl::StrCat(name, ": not a readable dataset"));
}

// A dataset message on its own arena (parsers allocate there: faster to
// parse, and freed at once).
struct ArenaDataset {
  ArenaDataset()
      : arena(std::make_shared<google::protobuf::Arena>(Options())),
        dataset(
            google::protobuf::Arena::CreateMessage<v1::Dataset>(arena.get())) {}
  // Blocks from 64 KiB growing to 1 MiB, rather than protobuf's 256 bytes
  // to 8 KiB: a large dataset's megabytes of arena then come in tens of
  // blocks rather than thousands.
  static google::protobuf::ArenaOptions Options() {
    google::protobuf::ArenaOptions options;
    options.start_block_size = 64 << 10;
    options.max_block_size = 1 << 20;
    return options;
  }
  std::shared_ptr<google::protobuf::Arena> arena;
  v1::Dataset* dataset;
};

}  // namespace

absl::StatusOr<ParsedDataset> ParseTextprotoDataset(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors) {
  ArenaDataset parsed;
  auto tree = std::make_shared<google::protobuf::TextFormat::ParseInfoTree>();
  TextErrors collector(name, errors);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&collector);
  parser.WriteLocationsTo(tree.get());
  if (!parser.ParseFromString(std::string(content), parsed.dataset)) {
    if (collector.count() == 0) {
      errors->push_back({std::string(name), 0, 0, "", "cannot parse"});
    }
    return Unusable(name);
  }
  ParsedDataset file(std::string(name), std::move(parsed.arena),
                     parsed.dataset);
  file.set_text_locations(std::move(tree));
  return file;
}

absl::StatusOr<ParsedDataset> ParseJsonDataset(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors) {
  ArenaDataset parsed;
  google::protobuf::util::JsonParseOptions json_options;
  json_options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(content.data(), content.size()),
      parsed.dataset, json_options);
  if (!status.ok()) {
    errors->push_back({std::string(name), 0, 0, "",
                       absl::StrCat("not valid remit.v1.Dataset JSON: ",
                                    std::string(status.message()))});
    return Unusable(name);
  }
  return ParsedDataset(std::string(name), std::move(parsed.arena),
                       parsed.dataset);
}

absl::StatusOr<ParsedDataset> ParseBinaryDataset(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors) {
  ArenaDataset parsed;
  if (!parsed.dataset->ParseFromArray(content.data(),
                                      static_cast<int>(content.size()))) {
    errors->push_back(
        {std::string(name), 0, 0, "", "not a binary remit.v1.Dataset"});
    return Unusable(name);
  }
  return ParsedDataset(std::string(name), std::move(parsed.arena),
                       parsed.dataset);
}

}  // namespace remit
