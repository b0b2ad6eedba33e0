// Synthetic .xlsx workbooks for benchmarks, written in memory with libzip.
//
// XlsxBuilder assembles a workbook from sheets whose XML SheetXmlWriter
// writes row by row, with one shared string table. MakeRpwShapedWorkbook
// builds one sheet the shape of the World Bank's RPW dataset sheet: its 42
// columns, shared strings for the labels, numbers as Excel writes them
// (17 significant digits), about 1 number in 8 stored as text, some cells
// left empty. Deterministic: the same arguments give the same bytes.
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

struct SyntheticWorkbook {
  std::string bytes;             // The .xlsx file.
  std::string sheet_name;        // "Dataset (from Q2 2016)".
  std::string sheet_part;        // "xl/worksheets/sheet1.xml".
  uint64_t sheet_xml_bytes = 0;  // The sheet part's size, uncompressed.
  int rows = 0;                  // Data rows, after the header row.
};

// A header row and `rows` data rows of RPW's shape in one sheet.
absl::StatusOr<SyntheticWorkbook> MakeRpwShapedWorkbook(int rows);

}  // namespace remit::bench

#endif  // REMIT_BENCH_SYNTHETIC_WORKBOOK_H_
