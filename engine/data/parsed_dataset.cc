#include "engine/data/parsed_dataset.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace remit {

std::string DatasetError::ToString() const {
  std::string out = file;
  if (line > 0) absl::StrAppend(&out, ":", line);
  if (line > 0 && column > 0) absl::StrAppend(&out, ":", column);
  absl::StrAppend(&out, ": ");
  if (!field.empty()) absl::StrAppend(&out, field, ": ");
  absl::StrAppend(&out, message);
  return out;
}

std::string DescribeErrors(const std::vector<DatasetError>& errors) {
  std::string out =
      absl::StrCat(errors.size(), " error", errors.size() == 1 ? "" : "s",
                   " in dataset files:");
  for (const DatasetError& e : errors)
    absl::StrAppend(&out, "\n", e.ToString());
  return out;
}

size_t ImportReport::loaded_rows() const {
  size_t n = 0;
  for (const PeriodCount& p : loaded) n += p.rows;
  return n;
}

size_t ImportReport::quarantined_rows() const {
  size_t n = 0;
  for (const RowGroup& q : quarantined) n += q.rows;
  return n;
}

size_t ImportReport::noted_rows() const {
  size_t n = 0;
  for (const RowGroup& g : notes) n += g.rows;
  return n;
}

std::string ImportReport::Summary() const {
  std::vector<std::string> periods;
  for (const PeriodCount& p : loaded) {
    periods.push_back(absl::StrCat(p.period, ": ", p.rows));
  }
  std::string out = absl::StrCat(
      loaded_rows(), loaded_rows() == 1 ? " row" : " rows", " loaded");
  if (!periods.empty()) {
    absl::StrAppend(&out, " (", absl::StrJoin(periods, ", "), ")");
  }
  absl::StrAppend(&out, ", ", quarantined_rows(), " quarantined");
  if (noted_rows() > 0)
    absl::StrAppend(&out, ", ", noted_rows(), " with notes");
  if (skipped_other_periods > 0) {
    absl::StrAppend(&out, ", ", skipped_other_periods,
                    " of other periods left out");
  }
  return out;
}

ParsedDataset::ParsedDataset(std::string name, v1::Dataset dataset)
    : name_(std::move(name)),
      arena_(std::make_shared<google::protobuf::Arena>()),
      dataset_(
          google::protobuf::Arena::CreateMessage<v1::Dataset>(arena_.get())) {
  dataset_->Swap(&dataset);
}

ParsedDataset::ParsedDataset(std::string name,
                             std::shared_ptr<google::protobuf::Arena> arena,
                             v1::Dataset* dataset)
    : name_(std::move(name)), arena_(std::move(arena)), dataset_(dataset) {}

}  // namespace remit
