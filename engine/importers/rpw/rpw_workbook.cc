#include "engine/importers/rpw/rpw_workbook.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "engine/importers/rpw/rpw_import.h"
#include "engine/workbook/xlsx_reader.h"

namespace remit {

std::string ShortestDecimal(absl::string_view text) {
  // The workbook holds a double: read it as one, then print the shortest
  // fixed-point text that reads back as the same double.
  double value = 0;
  const std::from_chars_result read =
      std::from_chars(text.data(), text.data() + text.size(), value);
  if (read.ec != std::errc() || read.ptr != text.data() + text.size()) {
    // Not plain decimal text: what strtod reads besides ("+1", " 1",
    // hexadecimal), rarely.
    const std::string s(text);
    char* end = nullptr;
    value = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) return s;
  }
  if (!std::isfinite(value)) return std::string(text);
  char buffer[400];
  const std::to_chars_result result = std::to_chars(
      buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  if (result.ec != std::errc()) return std::string(text);
  return std::string(buffer, result.ptr);
}

namespace {

// A cell's text for the importer.
std::string CellText(const XlsxCell& cell) {
  switch (cell.type) {
    case XlsxCellType::kNumber:
      return ShortestDecimal(cell.text);
    case XlsxCellType::kError:
      return "";  // #N/A and the like: unknown.
    default:
      return cell.text;
  }
}

bool IsDatasetSheet(absl::string_view sheet) {
  return absl::StartsWithIgnoreCase(absl::StripAsciiWhitespace(sheet),
                                    "dataset");
}

}  // namespace

absl::StatusOr<ParsedDataset> ImportRpwWorkbook(
    absl::string_view name, absl::string_view bytes,
    const DatasetOptions& options, std::vector<DatasetError>* errors) {
  auto fail = [&](absl::string_view message) {
    errors->push_back({std::string(name), 0, 0, "", std::string(message)});
    return absl::InvalidArgumentError(DescribeErrors(*errors));
  };
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open(std::string(name), std::string(bytes));
  if (!reader.ok()) {
    return fail(
        absl::StripPrefix(reader.status().message(), absl::StrCat(name, ": ")));
  }
  std::vector<std::string> sheets;
  for (const std::string& sheet : reader->sheet_names()) {
    if (IsDatasetSheet(sheet)) sheets.push_back(sheet);
  }
  if (sheets.empty()) {
    return fail(absl::StrCat(
        "no dataset sheet (a sheet named like 'Dataset (from Q2 2016)'); the "
        "workbook has ",
        absl::StrJoin(reader->sheet_names(), ", ")));
  }
  RpwImporter importer(std::string(name), options);
  for (const std::string& sheet : sheets) {
    const std::string prefix = absl::StrCat(name, ":", sheet, "!");
    size_t columns = 0;       // The header's width.
    std::vector<bool> reads;  // By column: whether the importer reads it.
    std::vector<std::string> cells;
    absl::Status status = reader->ReadRows(
        sheet, [&](int row, absl::Span<const XlsxCell> row_cells) {
          const std::string place = absl::StrCat(prefix, "A", row);
          if (columns == 0) {
            // The header: row 1, or the first row with anything in it.
            for (const XlsxCell& c : row_cells) {
              columns = std::max(columns, static_cast<size_t>(c.column) + 1);
            }
            cells.assign(columns, "");
            for (const XlsxCell& c : row_cells) cells[c.column] = c.text;
            absl::Status status = importer.SetHeader(cells, place);
            reads.assign(columns, false);
            for (size_t i = 0; i < columns; ++i) {
              reads[i] = importer.Reads(static_cast<int>(i));
            }
            return status;
          }
          cells.assign(columns, "");
          for (const XlsxCell& c : row_cells) {
            // Cells after the last header column have no meaning.
            if (static_cast<size_t>(c.column) >= columns) continue;
            // A column the importer does not read is only checked for
            // being blank: its text is kept as stored, unconverted.
            cells[c.column] = reads[c.column] || c.type == XlsxCellType::kError
                                  ? CellText(c)
                                  : c.text;
          }
          importer.AddRow(cells, row, place);
          return absl::OkStatus();
        });
    if (!status.ok()) {
      return fail(
          absl::StripPrefix(status.message(), absl::StrCat(name, ": ")));
    }
    if (columns == 0) {
      return fail(absl::StrCat(sheet, ": empty sheet: no header row"));
    }
  }
  absl::StatusOr<ParsedDataset> parsed = importer.Finish();
  if (!parsed.ok()) {
    return fail(
        absl::StripPrefix(parsed.status().message(), absl::StrCat(name, ": ")));
  }
  return parsed;
}

}  // namespace remit
