#include "engine/formats/formats.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/formats/proto_formats.h"
#include "engine/importers/rpw/rpw_import.h"
#include "engine/importers/rpw/rpw_workbook.h"

namespace remit {
namespace {

absl::StatusOr<ParsedDataset> ParseRpwCsv(absl::string_view name,
                                          absl::string_view content,
                                          const DatasetOptions& options,
                                          std::vector<DatasetError>* errors) {
  return ImportRpwCsv(name, content, options, errors);
}

absl::StatusOr<ParsedDataset> ParseRpwWorkbook(
    absl::string_view name, absl::string_view content,
    const DatasetOptions& options, std::vector<DatasetError>* errors) {
  return ImportRpwWorkbook(name, content, options, errors);
}

}  // namespace

absl::Span<const DatasetFormat> DatasetFormats() {
  static const auto* const formats = new std::vector<DatasetFormat>{
      {"textproto", {".textproto", ".txtpb"}, &ParseTextprotoDataset, ""},
      {"json", {".json"}, &ParseJsonDataset, ""},
      {"binpb", {".binpb"}, &ParseBinaryDataset, ""},
      {"rpw-csv", {".csv"}, &ParseRpwCsv, "RPW"},
      {"rpw-xlsx", {".xlsx"}, &ParseRpwWorkbook, "the RPW workbook"},
  };
  return *formats;
}

absl::StatusOr<const DatasetFormat*> FormatOfPath(absl::string_view path) {
  const std::string lower = absl::AsciiStrToLower(path);
  for (const DatasetFormat& format : DatasetFormats()) {
    for (absl::string_view extension : format.extensions) {
      if (absl::EndsWith(lower, extension)) return &format;
    }
  }
  // "use .textproto, .txtpb, .json, .binpb or .csv (RPW)".
  std::vector<std::string> known;
  for (const DatasetFormat& format : DatasetFormats()) {
    for (absl::string_view extension : format.extensions) {
      known.push_back(std::string(extension));
    }
    if (!format.note.empty())
      absl::StrAppend(&known.back(), " (", format.note, ")");
  }
  const std::string last = known.back();
  known.pop_back();
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": unknown dataset format; use ",
                   absl::StrJoin(known, ", "), " or ", last));
}

absl::StatusOr<ParsedDataset> ParseDataset(absl::string_view name,
                                           absl::string_view content,
                                           const DatasetOptions& options,
                                           std::vector<DatasetError>* errors) {
  absl::StatusOr<const DatasetFormat*> format = FormatOfPath(name);
  if (!format.ok()) {
    errors->push_back(
        {std::string(name), 0, 0, "", std::string(format.status().message())});
    return format.status();
  }
  return (*format)->parse(name, content, options, errors);
}

absl::StatusOr<ParsedDataset> ReadDatasetFile(
    const std::string& path, const DatasetOptions& options,
    std::vector<DatasetError>* errors) {
  absl::StatusOr<const DatasetFormat*> format = FormatOfPath(path);
  if (!format.ok()) {
    errors->push_back({path, 0, 0, "", std::string(format.status().message())});
    return format.status();
  }
  const FileReader& files =
      options.files != nullptr ? *options.files : LocalFiles();
  absl::StatusOr<std::string> content = files.Read(path);
  if (!content.ok()) {
    const std::string message(content.status().message());
    errors->push_back({path, 0, 0, "", message});
    return absl::Status(content.status().code(),
                        absl::StrCat(path, ": ", message));
  }
  return (*format)->parse(path, *content, options, errors);
}

}  // namespace remit
