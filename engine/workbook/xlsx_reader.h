// XlsxReader: reads the rows of an .xlsx workbook (Office Open XML
// SpreadsheetML) sheet by sheet, streaming: a sheet's XML is inflated and
// parsed in 64 KiB chunks and each row handed to the caller as it closes,
// so a sheet of hundreds of megabytes is read in constant memory. Only the
// workbook's index (sheet names) and its shared strings are held.
//
// It reads values, not formatting: each non-empty cell's value as stored
// (a number's text exactly as written, a formula's cached value, never
// evaluated). It knows nothing about what the sheets mean.
//
// Untrusted files are expected: every size is bounded (XlsxReaderOptions),
// and anything malformed is an INVALID_ARGUMENT naming the file, the sheet
// and the row or cell, never a crash.
//
// Thread-safety: an XlsxReader is immutable after Open; its const methods
// may be called from several threads at once (each ReadRows call inflates
// the sheet on its own). ReadRows may parse a large sheet on worker
// threads of its own (XlsxReaderOptions::threads), but calls `on_row` only
// on the calling thread, and has joined its threads when it returns.
//
// Example:
//   absl::StatusOr<XlsxReader> book = XlsxReader::Open("rpw.xlsx", bytes);
//   if (!book.ok()) return book.status();
//   absl::Status status = book->ReadRows(
//       "Dataset", [&](int row, absl::Span<const XlsxCell> cells) {
//         for (const XlsxCell& cell : cells) {
//           Use(ColumnName(cell.column), row, cell.text);  // "B", 7, "42"
//         }
//         return absl::OkStatus();
//       });
#ifndef REMIT_ENGINE_WORKBOOK_XLSX_READER_H_
#define REMIT_ENGINE_WORKBOOK_XLSX_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace remit {

// How a cell's value is stored (its t attribute).
enum class XlsxCellType {
  kNumber,         // t="n" or none: a number, as written ("46172.7").
  kSharedString,   // t="s": text from the shared string table.
  kInlineString,   // t="inlineStr": text in the cell itself (<is>).
  kFormulaString,  // t="str": a formula's cached text result.
  kBoolean,        // t="b": "1" or "0".
  kError,          // t="e": "#N/A", "#DIV/0!", ...
  kDate,           // t="d": an ISO 8601 date or time, as written.
};

struct XlsxCell {
  int column = 0;  // 0-based: A = 0, B = 1, ..., AA = 26.
  XlsxCellType type = XlsxCellType::kNumber;
  // The value as stored: the number's text exactly as in <v>
  // ("46172.699999999997"), the string's characters (shared strings
  // resolved, rich text runs joined, _xHHHH_ escapes decoded), "1"/"0" for
  // booleans, the error text ("#N/A"); for formulas, the cached value,
  // never evaluated.
  std::string text;
  // Whether the cell holds a formula (<f>); `type` and `text` are then
  // those of its cached value.
  bool formula = false;
};

// Bounds on what one workbook may make the reader hold or inflate.
struct XlsxReaderOptions {
  // The largest uncompressed size of any part (zip entry) read, both as the
  // zip declares it and as it actually inflates. Default: 2 GiB.
  uint64_t max_part_bytes = uint64_t{2} << 30;
  // The most shared strings. Default: 16,000,000.
  size_t max_shared_strings = 16'000'000;
  // The most bytes of text in all shared strings. Default: 512 MiB.
  size_t max_shared_string_bytes = size_t{512} << 20;
  // The longest text of one cell, in bytes (Excel allows 32,767
  // characters). Default: 128 KiB.
  size_t max_cell_bytes = size_t{128} << 10;
  // The most bytes of text in one row, all cells together. Default: 16 MiB.
  size_t max_row_bytes = size_t{16} << 20;
  // Threads that parse one sheet at once in ReadRows. With more than one,
  // the calling thread inflates the sheet and cuts its XML into pieces of
  // about `chunk_bytes` where a row starts ("<row "); each piece is parsed
  // by its own expat parser on one of `threads` worker threads (after the
  // sheet's opening part, up to its first row, so that every parser starts
  // in the same place), and the rows are handed to `on_row` in file order
  // on the calling thread. The rows, their cells and every status are the
  // same as with one thread. 1: the whole read on the calling thread.
  // Default 0: the cores the process may run on (its CPU affinity), at
  // most 4.
  int threads = 0;
  // The size of those pieces, at least (a piece ends where a row starts).
  // Default: 1 MiB; at most 4 MiB are used.
  size_t chunk_bytes = size_t{1} << 20;
};

// How a ReadRows call read its sheet (for tests and benchmarks).
struct XlsxReadStats {
  // Pieces parsed on worker threads; 0 when the sheet was read on the
  // calling thread alone (one thread, or a sheet smaller than a piece).
  size_t pieces = 0;
  // Whether the sheet was then read again sequentially, from the first row
  // not yet handed out, because a piece could not be read as cut at a row
  // boundary (a cut inside a comment or CDATA section, a malformed piece:
  // the sequential read gives the status and its place).
  bool read_sequentially_after_pieces = false;
};

class XlsxReader {
 public:
  // `bytes`: the whole .xlsx file (a zip). `name` names the file in
  // errors. Reads the workbook's index (xl/workbook.xml, found through
  // _rels/.rels when present, and its relationships) and the shared
  // strings. INVALID_ARGUMENT "NAME: not an xlsx workbook: ..." when it is
  // not a zip or lacks its workbook part or that part is malformed;
  // INVALID_ARGUMENT "NAME: xl/sharedStrings.xml: ..." when the shared
  // strings are malformed or exceed the options' bounds.
  static absl::StatusOr<XlsxReader> Open(std::string name, std::string bytes);
  static absl::StatusOr<XlsxReader> Open(std::string name, std::string bytes,
                                         const XlsxReaderOptions& options);
  // The same over bytes the caller keeps, unchanged, for as long as the
  // reader is used: no copy of the file is made.
  static absl::StatusOr<XlsxReader> OpenUnowned(
      std::string name, absl::string_view bytes,
      const XlsxReaderOptions& options);

  XlsxReader(XlsxReader&&) = default;
  XlsxReader& operator=(XlsxReader&&) = default;
  XlsxReader(const XlsxReader&) = delete;
  XlsxReader& operator=(const XlsxReader&) = delete;

  // The name given to Open.
  const std::string& name() const { return name_; }

  // Sheet names in workbook order, from xl/workbook.xml.
  const std::vector<std::string>& sheet_names() const { return sheet_names_; }

  // The number of shared strings read at Open.
  size_t shared_string_count() const { return shared_string_ends_.size(); }

  // Streams the rows of the sheet named `sheet` (found through
  // xl/workbook.xml and its relationships, never by position) in file
  // order, calling `on_row` as each row closes.
  //
  // `row` is 1-based (the r attribute; a row without r counts on from the
  // previous one) and rows must ascend; rows absent from the file are not
  // reported, a row present but without values is (with no cells).
  // `cells` are in column order, empty cells (no value) left out; each
  // cell is placed by its reference (e.g. "AB12", which must name the
  // row's own number); a cell without one follows the previous cell. The
  // span and its cells are valid only during the call.
  //
  // `on_row` is called on the calling thread only, one row at a time,
  // whatever the options' `threads`. It returning a non-OK status stops
  // the read, and that status is returned as it is. NOT_FOUND "NAME: no sheet
  // named 'S'; the workbook has 'A', 'B'" when there is no such sheet;
  // INVALID_ARGUMENT "NAME:SHEET!B7: ..." for a bad cell, "NAME:SHEET: row 7:
  // ..." for a bad row, "NAME:SHEET: PART: malformed XML at line L, column C:
  // REASON (in row 7)" for XML that is not well-formed, and "NAME:SHEET: PART:
  // ..." for a sheet part that is missing, corrupt or beyond the options'
  // bounds.
  absl::Status ReadRows(
      absl::string_view sheet,
      absl::FunctionRef<absl::Status(int row, absl::Span<const XlsxCell> cells)>
          on_row) const;
  // The same, saying how the sheet was read in `stats` (when not null).
  absl::Status ReadRows(
      absl::string_view sheet,
      absl::FunctionRef<absl::Status(int row, absl::Span<const XlsxCell> cells)>
          on_row,
      XlsxReadStats* stats) const;

 private:
  struct Sheet {
    std::string name;
    std::string part;  // Zip entry name; empty when it could not be found.
  };

  XlsxReader() = default;

  std::string name_;
  // The file's bytes: `owned_bytes_`, or the caller's (OpenUnowned).
  std::unique_ptr<const std::string> owned_bytes_;
  absl::string_view bytes_;
  XlsxReaderOptions options_;
  std::vector<Sheet> sheets_;
  std::vector<std::string> sheet_names_;
  // Shared string i is shared_chars_[ends[i-1], ends[i]) (ends[-1] = 0):
  // one buffer rather than a string each.
  std::string shared_chars_;
  std::vector<size_t> shared_string_ends_;
};

// "A1"-style place of a cell: ColumnName(0) == "A", ColumnName(27) == "AB".
std::string ColumnName(int column);

}  // namespace remit

#endif  // REMIT_ENGINE_WORKBOOK_XLSX_READER_H_
