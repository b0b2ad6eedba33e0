// Synthetic .xlsx workbooks for benchmarks, written in memory with libzip.
//
// XlsxBuilder assembles a workbook from sheets whose XML SheetXmlWriter
// writes row by row, with one shared string table. MakeRpwShapedWorkbook
// builds one sheet the shape of the World Bank's RPW dataset sheet: its 42
// columns, shared strings for the labels, numbers as Excel writes them
// (17 significant digits), about 1 number in 8 stored as text, some cells
// left empty. MakeRpwPublishedWorkbook builds a workbook like the published
// file itself, with both dataset sheets and values the RPW importer loads
// (real country and currency codes, amounts, fees, rates, margins and
// totals that agree). Deterministic: the same arguments give the same
// bytes.
//
// Thread-safety: the builders are used by one thread at a time; the free
// functions may be called from any thread.
//
// Example:
//   absl::StatusOr<SyntheticWorkbook> book = MakeRpwShapedWorkbook(10000);
//   XlsxReader::Open("synthetic.xlsx", book->bytes);
#ifndef REMIT_BENCH_SYNTHETIC_WORKBOOK_H_
#define REMIT_BENCH_SYNTHETIC_WORKBOOK_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit::bench {

// Writes a worksheet part: <worksheet><sheetData><row>... Cells must be
// given in column order within a row, rows in ascending order.
class SheetXmlWriter {
 public:
  SheetXmlWriter();
  void StartRow(int row);
  // `column` is 0-based. `text` is written as it is (escaped for XML).
  void Number(int column, absl::string_view text);
  void SharedString(int column, int index);
  void InlineString(int column, absl::string_view text);
  void EndRow();
  // The finished part; the writer is left empty.
  std::string Finish();

 private:
  void CellStart(int column, const char* type);
  std::string xml_;
  int row_ = 0;
};

class XlsxBuilder {
 public:
  // The index of `text` in the shared string table, added if new.
  int SharedString(absl::string_view text);
  // Adds a sheet (in workbook order) with the part SheetXmlWriter wrote.
  void AddSheet(std::string name, std::string sheet_xml);
  // The .xlsx bytes (deflated, as spreadsheet programs write them).
  absl::StatusOr<std::string> Build() const;

 private:
  std::vector<std::string> strings_;
  absl::flat_hash_map<std::string, int> string_index_;
  std::vector<std::pair<std::string, std::string>> sheets_;
};

// RPW's 42 column names (the "Dataset (from Q2 2016)" sheet), in order.
const std::vector<std::string>& RpwColumns();

// The 41 columns of the published workbook's older dataset sheet
// ("Dataset (up to Q1 2016)"), in order.
const std::vector<std::string>& RpwOldColumns();

struct SyntheticSheet {
  std::string name;        // "Dataset (from Q2 2016)".
  std::string part;        // "xl/worksheets/sheet1.xml".
  uint64_t xml_bytes = 0;  // The part's size, uncompressed.
  int rows = 0;            // Data rows, after the header row.
};

struct SyntheticWorkbook {
  std::string bytes;  // The .xlsx file.
  // The first sheet's, as in `sheets[0]`.
  std::string sheet_name;
  std::string sheet_part;
  uint64_t sheet_xml_bytes = 0;
  int rows = 0;                        // Data rows of all sheets.
  std::vector<SyntheticSheet> sheets;  // In workbook order.
};

// A header row and `rows` data rows of RPW's shape in one sheet.
absl::StatusOr<SyntheticWorkbook> MakeRpwShapedWorkbook(int rows);

// The published workbook's size: rows in its two dataset sheets together.
inline constexpr int kRpwPublishedRows = 253'960;

// A workbook like the World Bank's published RPW file: the sheets "Dataset
// (up to Q1 2016)" (41 columns, periods 2011_1Q to 2016_1Q, dates as text
// like "14/May/2013") and "Dataset (from Q2 2016)" (42 columns, 2016_2Q to
// 2025_3Q without 2025_2Q, dates as Excel serials), `rows` data rows split
// between them by their number of periods (54 in all; 2011 and 2012 have
// only 1Q and 3Q). About 367 corridors between real countries, each
// period surveying about 13 services per corridor among 1,500 firms; text
// as shared strings, about 1 number in 8 stored as text, 1 row in 10 not
// transparent (margin 0, rate 1), cc2 present in 3 rows in 4, about 1 row
// in 200 with a negative total (a promotional rate), the 11 firm type
// labels and the label variants RPW uses. Every row imports.
absl::StatusOr<SyntheticWorkbook> MakeRpwPublishedWorkbook(int rows);

}  // namespace remit::bench

#endif  // REMIT_BENCH_SYNTHETIC_WORKBOOK_H_
