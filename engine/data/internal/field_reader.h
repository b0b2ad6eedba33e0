// FieldReader: reads the fields of dataset messages into engine values,
// reporting each problem as a DatasetError that names the file, line,
// column, field path and value. Internal to engine/data.
//
// Each reader returns nullopt (after reporting) when the field is invalid
// or, if required, missing. At most DatasetOptions::max_errors errors are
// reported; later ones are dropped.
//
// Thread-safety: one reader per validation; not thread-safe.
//
// Example:
//   FieldReader reader(options, &errors);
//   const Node root = reader.Root(file);
//   std::optional<Rate> rate =
//       reader.RateField(node, proto, "rate", proto.rate(), true);
#ifndef REMIT_ENGINE_DATA_INTERNAL_FIELD_READER_H_
#define REMIT_ENGINE_DATA_INTERNAL_FIELD_READER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/data/internal/locations.h"
#include "engine/data/parsed_dataset.h"
#include "engine/money/currency.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"
#include "google/protobuf/message.h"

namespace remit::data_internal {

class FieldReader {
 public:
  using Message = google::protobuf::Message;

  FieldReader(const DatasetOptions& options, std::vector<DatasetError>* errors)
      : options_(options), errors_(errors), start_(errors->size()) {}

  // Errors reported by this reader.
  size_t error_count() const { return errors_->size() - start_; }
  const DatasetOptions& options() const { return options_; }
  bool full() const { return error_count() >= options_.max_errors; }

  Node Root(const ParsedDataset& file) const;
  // The node of `message`'s field `field` (element `index`, or -1).
  // `parent` must outlive the child. (Inline: made for every message read;
  // only text files have a tree of places to look in.)
  Node Child(const Node& parent, const Message& message,
             absl::string_view field, int index) const {
    Node child;
    child.file = parent.file;
    child.parent = &parent;
    child.field = field;
    child.index = index;
    child.line = parent.line;
    child.column = parent.column;
    if (parent.tree != nullptr) PlaceInTree(parent, message, &child);
    return child;
  }

  void Error(const Node& node, const Message& message, absl::string_view field,
             int index, std::string text);
  void Error(const Node& node, const Message& message, absl::string_view field,
             std::string text) {
    Error(node, message, field, -1, std::move(text));
  }

  // Converts the text of `field` with `parse`, reporting its error. Empty
  // text gives nullopt, and an error when the field is required.
  template <typename T, typename Parse>
  std::optional<T> Convert(const Node& node, const Message& message,
                           absl::string_view field, const std::string& text,
                           bool required, Parse parse) {
    if (text.empty()) {
      if (required) Error(node, message, field, "is required");
      return std::nullopt;
    }
    absl::StatusOr<T> value = parse(text);
    if (!value.ok()) {
      Error(node, message, field, std::string(value.status().message()));
      return std::nullopt;
    }
    return *std::move(value);
  }

  // An id: 1 to 64 of a-z, A-Z, 0-9, '-', '_', '.'.
  bool CheckId(const Node& node, const Message& message,
               absl::string_view field, const std::string& id);
  // A non-negative amount in `currency`, in minor units. (Empty text, the
  // most common, is answered here, without a call.)
  std::optional<int64_t> Amount(const Node& node, const Message& message,
                                absl::string_view field,
                                const std::string& text, CurrencyCode currency,
                                bool required) {
    if (text.empty()) {
      if (required) Error(node, message, field, "is required");
      return std::nullopt;
    }
    return NonEmptyAmount(node, message, field, text, currency);
  }
  // A survey point's fee in `currency`, exact to 11 digits below the minor
  // unit (a survey figure, not a payable amount), as the fee x 10^11 in
  // minor units; 0 when empty. Fees too large for that (from 92,233,720
  // minor units) are kept in whole minor units.
  std::optional<absl::int128> SurveyFee(const Node& node,
                                        const Message& message,
                                        absl::string_view field,
                                        const std::string& text,
                                        CurrencyCode currency);
  std::optional<Rate> RateField(const Node& node, const Message& message,
                                absl::string_view field,
                                const std::string& text, bool required);
  // A percentage within [low, high] points; `bounds` words the range.
  // Empty text: nullopt.
  std::optional<Percent> PercentField(const Node& node, const Message& message,
                                      absl::string_view field,
                                      const std::string& text,
                                      absl::string_view bounds, int64_t low,
                                      int64_t high) {
    if (text.empty()) return std::nullopt;
    return NonEmptyPercent(node, message, field, text, bounds, low, high);
  }
  // "YYYY-MM-DD" (a real date) or an RFC 3339 time.
  std::optional<absl::Time> Date(const Node& node, const Message& message,
                                 absl::string_view field,
                                 const std::string& text, bool required);
  std::optional<CurrencyCode> Currency(const Node& node, const Message& message,
                                       absl::string_view field,
                                       const std::string& text);

 private:
  // Child's line, column and tree from `parent`'s tree (not null).
  static void PlaceInTree(const Node& parent, const Message& message,
                          Node* child);
  // Amount and PercentField of non-empty text.
  std::optional<int64_t> NonEmptyAmount(const Node& node,
                                        const Message& message,
                                        absl::string_view field,
                                        const std::string& text,
                                        CurrencyCode currency);
  std::optional<Percent> NonEmptyPercent(const Node& node,
                                         const Message& message,
                                         absl::string_view field,
                                         const std::string& text,
                                         absl::string_view bounds, int64_t low,
                                         int64_t high);

  const DatasetOptions& options_;
  std::vector<DatasetError>* errors_;
  size_t start_;
};

}  // namespace remit::data_internal

#endif  // REMIT_ENGINE_DATA_INTERNAL_FIELD_READER_H_
