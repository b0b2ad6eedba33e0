// Parsers of remit.v1.Dataset in protobuf's own three encodings (text,
// JSON, binary), as listed in the format table (engine/data/formats.h).
// The text parser records where each field is, for errors with lines.
//
// Thread-safety: pure functions.
//
// Example:
//   absl::StatusOr<ParsedDataset> file =
//       ParseTextprotoDataset("a.textproto", bytes, {}, &errors);
#ifndef REMIT_ENGINE_FORMATS_PROTO_FORMATS_H_
#define REMIT_ENGINE_FORMATS_PROTO_FORMATS_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/data/parsed_dataset.h"

namespace remit {

absl::StatusOr<ParsedDataset> ParseTextprotoDataset(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors);
absl::StatusOr<ParsedDataset> ParseJsonDataset(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors);
absl::StatusOr<ParsedDataset> ParseBinaryDataset(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors);

}  // namespace remit

#endif  // REMIT_ENGINE_FORMATS_PROTO_FORMATS_H_
