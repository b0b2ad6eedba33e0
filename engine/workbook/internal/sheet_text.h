// The small text formats inside SpreadsheetML parts: cell references
// ("AB12"), row numbers, column names, and the _xHHHH_ escapes that string
// values use for characters XML cannot carry.
//
// Thread-safety: pure functions, safe from any thread.
//
// Example:
//   std::optional<CellPlace> place = ParseCellReference("AB12");
//   // place->column == 27, place->row == 12
#ifndef REMIT_ENGINE_WORKBOOK_INTERNAL_SHEET_TEXT_H_
#define REMIT_ENGINE_WORKBOOK_INTERNAL_SHEET_TEXT_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace remit::workbook_internal {

// The grid of a worksheet: columns A..XFD, rows 1..1048576.
inline constexpr int kMaxColumn = 16383;  // XFD, 0-based.
inline constexpr int kMaxRow = 1048576;

struct CellPlace {
  int column = 0;  // 0-based.
  int row = 0;     // 1-based.
};

// "A1".."XFD1048576" (upper-case letters, no '$', no leading zero); nullopt
// for anything else or a place off the grid.
std::optional<CellPlace> ParseCellReference(absl::string_view reference);

// "1".."1048576" (no sign, no leading zero); nullopt otherwise.
std::optional<int> ParseRowNumber(absl::string_view text);

// A non-negative decimal index that fits an int ("0", "17"); nullopt
// otherwise.
std::optional<int> ParseIndex(absl::string_view text);

// 0 -> "A", 25 -> "Z", 26 -> "AA", 16383 -> "XFD"; "" for a negative column.
std::string ColumnLetters(int column);

// Replaces each _xHHHH_ escape in `text` by the UTF-8 of the UTF-16 code
// unit it names (a surrogate pair written as two escapes becomes one
// character; a lone surrogate is left as written). "_x005F_" is how a
// literal underscore before "x" is written, and decodes to "_".
void DecodeEscapes(std::string* text);

}  // namespace remit::workbook_internal

#endif  // REMIT_ENGINE_WORKBOOK_INTERNAL_SHEET_TEXT_H_
