#include "engine/importers/rpw/rpw_workbook.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "engine/importers/rpw/rpw_import.h"
#include "engine/workbook/xlsx_reader.h"

namespace remit {

std::string WorkbookNumberText(absl::string_view text) {
  // [-]digits[.digits][e[+-]digits] as value = digits x 10^scale. Runs for
  // most cells of a sheet: the digits are read in place, and at most the
  // 15 shown are copied.
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) ++i;
  const size_t int_begin = i;
  while (i < text.size() && absl::ascii_isdigit(text[i])) ++i;
  const size_t int_end = i;
  size_t frac_begin = i;
  size_t frac_end = i;
  if (i < text.size() && text[i] == '.') {
    frac_begin = ++i;
    while (i < text.size() && absl::ascii_isdigit(text[i])) ++i;
    frac_end = i;
  }
  int scale = -static_cast<int>(frac_end - frac_begin);
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    int exponent = 0;
    if (!absl::SimpleAtoi(text.substr(i + 1), &exponent) ||
        std::abs(exponent) > 400) {
      return std::string(text);
    }
    scale += exponent;
    i = text.size();
  }
  const bool any = int_end > int_begin || frac_end > frac_begin;
  if (!any || i != text.size()) return std::string(text);
  // The digits, integer part then fraction, from the first that is not 0.
  const absl::string_view int_part =
      text.substr(int_begin, int_end - int_begin);
  const absl::string_view frac_part =
      text.substr(frac_begin, frac_end - frac_begin);
  auto digit = [&](size_t k) {  // k-th of int_part + frac_part.
    return k < int_part.size() ? int_part[k] : frac_part[k - int_part.size()];
  };
  const size_t count = int_part.size() + frac_part.size();
  size_t first = 0;
  while (first < count && digit(first) == '0') ++first;
  if (first == count) return "0";
  // Excel shows 15 significant digits: round there, half away from zero.
  constexpr size_t kShown = 15;
  char digits[kShown + 1];
  size_t size = std::min(count - first, kShown);
  for (size_t k = 0; k < size; ++k) digits[k] = digit(first + k);
  if (count - first > kShown) {
    const bool up = digit(first + kShown) >= '5';
    scale += static_cast<int>(count - first - kShown);
    if (up) {
      size_t d = kShown;
      while (d > 0 && digits[d - 1] == '9') digits[--d] = '0';
      if (d == 0) {
        std::copy_backward(digits, digits + size, digits + size + 1);
        digits[0] = '1';  // 999... -> 1000...
        ++size;
      } else {
        ++digits[d - 1];
      }
    }
  }
  while (size > 1 && digits[size - 1] == '0') {
    --size;
    ++scale;
  }
  const absl::string_view shown(digits, size);
  std::string out = negative ? "-" : "";
  if (scale >= 0) {
    out.reserve(out.size() + size + static_cast<size_t>(scale));
    out.append(shown.data(), shown.size());
    out.append(static_cast<size_t>(scale), '0');
    return out;
  }
  const int integer_digits = static_cast<int>(size) + scale;
  if (integer_digits > 0) {
    absl::StrAppend(&out, shown.substr(0, integer_digits), ".",
                    shown.substr(integer_digits));
    return out;
  }
  absl::StrAppend(&out, "0.", std::string(-integer_digits, '0'), shown);
  return out;
}

namespace {

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
  XlsxReaderOptions reader_options;
  reader_options.threads = options.workbook_threads;
  if (options.workbook_piece_bytes > 0) {
    reader_options.chunk_bytes = options.workbook_piece_bytes;
  }
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::OpenUnowned(std::string(name), bytes, reader_options);
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
    // The row's place, "NAME:SHEET!A7": the prefix kept from row to row.
    std::string place = absl::StrCat(name, ":", sheet, "!A");
    const size_t place_prefix = place.size();
    size_t columns = 0;       // The header's width.
    std::vector<bool> reads;  // By column: whether the importer reads it.
    // A data row's cells as the importer sees them: views of the reader's
    // cells, or of `shown`, a number's text as Excel shows it (by column,
    // reused from row to row).
    std::vector<absl::string_view> cells;
    std::vector<std::string> shown;
    absl::Status status = reader->ReadRows(
        sheet, [&](int row, absl::Span<const XlsxCell> row_cells) {
          place.resize(place_prefix);
          absl::StrAppend(&place, row);
          if (columns == 0) {
            // The header: row 1, or the first row with anything in it.
            for (const XlsxCell& c : row_cells) {
              columns = std::max(columns, static_cast<size_t>(c.column) + 1);
            }
            std::vector<std::string> header(columns);
            for (const XlsxCell& c : row_cells) header[c.column] = c.text;
            absl::Status status = importer.SetHeader(header, place);
            reads.assign(columns, false);
            for (size_t i = 0; i < columns; ++i) {
              reads[i] = importer.Reads(static_cast<int>(i));
            }
            shown.assign(columns, "");
            return status;
          }
          cells.assign(columns, absl::string_view());
          for (const XlsxCell& c : row_cells) {
            // Cells after the last header column have no meaning.
            if (static_cast<size_t>(c.column) >= columns) continue;
            // A column the importer does not read is only checked for
            // being blank: its text is kept as stored, unconverted. In the
            // others, a number is read as Excel shows it, and an error
            // (#N/A and the like) is unknown.
            absl::string_view& cell = cells[c.column];
            if (c.type == XlsxCellType::kError) {
              cell = absl::string_view();
            } else if (c.type == XlsxCellType::kNumber && reads[c.column]) {
              shown[c.column] = WorkbookNumberText(c.text);
              cell = shown[c.column];
            } else {
              cell = c.text;
            }
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
