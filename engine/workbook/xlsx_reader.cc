#include "engine/workbook/xlsx_reader.h"

#include <sched.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "engine/workbook/internal/sheet_text.h"
#include "engine/workbook/internal/xml_stream.h"
#include "engine/workbook/internal/zip_archive.h"

namespace remit {
namespace {

using workbook_internal::AttributeValue;
using workbook_internal::CellPlace;
using workbook_internal::ColumnLetters;
using workbook_internal::DecodeEscapes;
using workbook_internal::kMaxColumn;
using workbook_internal::kMaxRow;
using workbook_internal::ParseCellReference;
using workbook_internal::ParseIndex;
using workbook_internal::ParseRowNumber;
using workbook_internal::XmlHandler;
using workbook_internal::XmlStream;
using workbook_internal::ZipArchive;

// The workbook's index parts (workbook.xml and relationships) are small;
// a larger one is refused before it is inflated.
constexpr uint64_t kMaxIndexPartBytes = uint64_t{64} << 20;

// Parses `part` with `handler`. A status from the handler comes back as it
// is (it carries its own place, or is the caller's callback status); the
// archive's and the XML parser's own errors become "PREFIXPART: error"
// followed by `where()`.
absl::Status ParsePart(const ZipArchive& zip, absl::string_view part,
                       uint64_t max_bytes, XmlHandler& handler,
                       absl::string_view prefix,
                       absl::FunctionRef<std::string()> where) {
  XmlStream xml(&handler);
  absl::Status status = zip.Read(part, max_bytes, [&](absl::string_view chunk) {
    return xml.Feed(chunk);
  });
  if (status.ok()) status = xml.Finish();
  if (status.ok() || xml.stopped_by_handler()) return status;
  return absl::Status(status.code(), absl::StrCat(prefix, part, ": ",
                                                  status.message(), where()));
}

std::string Nowhere() { return ""; }

// Text from the file as shown in a message: at most 40 bytes of it (a
// hostile file's attribute may be megabytes long).
std::string Shown(absl::string_view text) {
  constexpr size_t kMost = 40;
  if (text.size() <= kMost) return std::string(text);
  return absl::StrCat(text.substr(0, kMost), "...");
}

// "xl/workbook.xml" -> "xl/"; "workbook.xml" -> "".
std::string PartDirectory(absl::string_view part) {
  const size_t slash = part.rfind('/');
  return slash == absl::string_view::npos
             ? ""
             : std::string(part.substr(0, slash + 1));
}

// "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels".
std::string RelationshipsPart(absl::string_view part) {
  const size_t slash = part.rfind('/');
  const size_t start = slash == absl::string_view::npos ? 0 : slash + 1;
  return absl::StrCat(part.substr(0, start), "_rels/", part.substr(start),
                      ".rels");
}

// A relationship's target as a zip entry name: relative to `directory`
// (the source part's folder), or from the package root when it starts with
// '/'. "." and ".." segments are resolved; nullopt when ".." climbs above
// the root or nothing is left.
std::optional<std::string> ResolveTarget(absl::string_view directory,
                                         absl::string_view target) {
  std::string path = target.substr(0, 1) == "/"
                         ? std::string(target.substr(1))
                         : absl::StrCat(directory, target);
  std::vector<absl::string_view> segments;
  for (absl::string_view segment : absl::StrSplit(path, '/')) {
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
      continue;
    }
    segments.push_back(segment);
  }
  if (segments.empty()) return std::nullopt;
  return absl::StrJoin(segments, "/");
}

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
  bool external = false;
};

// <Relationships><Relationship Id Type Target TargetMode/>...
class RelationshipsHandler final : public XmlHandler {
 public:
  absl::Status StartElement(absl::string_view name,
                            const char** attributes) override {
    if (name != "Relationship") return absl::OkStatus();
    const char* id = AttributeValue(attributes, "Id");
    const char* type = AttributeValue(attributes, "Type");
    const char* target = AttributeValue(attributes, "Target");
    const char* mode = AttributeValue(attributes, "TargetMode");
    if (id == nullptr || target == nullptr) return absl::OkStatus();
    relationships_.push_back(
        Relationship{id, type == nullptr ? "" : type, target,
                     mode != nullptr && absl::string_view(mode) == "External"});
    return absl::OkStatus();
  }
  absl::Status EndElement(absl::string_view) override {
    return absl::OkStatus();
  }
  absl::Status Text(absl::string_view) override { return absl::OkStatus(); }

  const std::vector<Relationship>& relationships() const {
    return relationships_;
  }

  // The first internal relationship whose type ends with `/suffix`.
  const Relationship* OfType(absl::string_view suffix) const {
    const std::string tail = absl::StrCat("/", suffix);
    for (const Relationship& r : relationships_) {
      if (!r.external && absl::EndsWith(r.type, tail)) return &r;
    }
    return nullptr;
  }

 private:
  std::vector<Relationship> relationships_;
};

struct SheetEntry {
  std::string name;
  std::string relationship_id;
};

// <workbook><sheets><sheet name="..." r:id="..."/>...
class WorkbookHandler final : public XmlHandler {
 public:
  explicit WorkbookHandler(std::string prefix) : prefix_(std::move(prefix)) {}

  absl::Status StartElement(absl::string_view name,
                            const char** attributes) override {
    if (name == "sheets") {
      in_sheets_ = true;
    } else if (in_sheets_ && name == "sheet") {
      const char* sheet_name = AttributeValue(attributes, "name");
      const char* id = AttributeValue(attributes, "id");
      if (sheet_name == nullptr) {
        return absl::InvalidArgumentError(absl::StrCat(
            prefix_, "sheet ", sheets_.size() + 1, " has no name"));
      }
      sheets_.push_back(SheetEntry{sheet_name, id == nullptr ? "" : id});
    }
    return absl::OkStatus();
  }
  absl::Status EndElement(absl::string_view name) override {
    if (name == "sheets") in_sheets_ = false;
    return absl::OkStatus();
  }
  absl::Status Text(absl::string_view) override { return absl::OkStatus(); }

  std::vector<SheetEntry>& sheets() { return sheets_; }

 private:
  const std::string prefix_;
  bool in_sheets_ = false;
  std::vector<SheetEntry> sheets_;
};

// <sst><si><t>text</t></si><si><r><t>rich</t></r><r><t> text</t></r>
// <rPh><t>phonetic guide, left out</t></rPh></si>...
class SharedStringsHandler final : public XmlHandler {
 public:
  SharedStringsHandler(std::string prefix, const XlsxReaderOptions& options,
                       std::string* chars, std::vector<size_t>* ends)
      : prefix_(std::move(prefix)),
        options_(options),
        chars_(chars),
        ends_(ends) {}

  absl::Status StartElement(absl::string_view name,
                            const char** attributes) override {
    if (name == "si") {
      if (in_string_) return Error("a shared string inside another");
      in_string_ = true;
      start_ = chars_->size();
      phonetic_depth_ = 0;
    } else if (name == "t") {
      collect_ = in_string_ && phonetic_depth_ == 0;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "sst") {
      const char* count = AttributeValue(attributes, "uniqueCount");
      if (count == nullptr) count = AttributeValue(attributes, "count");
      if (count != nullptr) {
        if (std::optional<int> n = ParseIndex(count)) {
          // A hint only, and a hostile file may lie: reserve a little.
          ends_->reserve(
              std::min<size_t>({static_cast<size_t>(*n),
                                options_.max_shared_strings, size_t{1} << 20}));
        }
      }
    }
    return absl::OkStatus();
  }

  absl::Status EndElement(absl::string_view name) override {
    if (name == "t") {
      collect_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "si" && in_string_) {
      in_string_ = false;
      collect_ = false;
      if (chars_->find("_x", start_) != std::string::npos) {
        std::string text = chars_->substr(start_);
        DecodeEscapes(&text);
        chars_->resize(start_);
        chars_->append(text);
      }
      if (ends_->size() >= options_.max_shared_strings) {
        return Error(absl::StrCat("more than ", options_.max_shared_strings,
                                  " shared strings"));
      }
      ends_->push_back(chars_->size());
    }
    return absl::OkStatus();
  }

  absl::Status Text(absl::string_view text) override {
    if (!collect_) return absl::OkStatus();
    if (text.size() > options_.max_shared_string_bytes - chars_->size()) {
      return Error(absl::StrCat("more than ", options_.max_shared_string_bytes,
                                " bytes of shared strings"));
    }
    chars_->append(text.data(), text.size());
    return absl::OkStatus();
  }

 private:
  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(prefix_, what));
  }

  const std::string prefix_;
  const XlsxReaderOptions& options_;
  std::string* chars_;
  std::vector<size_t>* ends_;
  bool in_string_ = false;
  bool collect_ = false;
  int phonetic_depth_ = 0;
  size_t start_ = 0;
};

std::optional<XlsxCellType> CellTypeFromAttribute(const char* t) {
  if (t == nullptr) return XlsxCellType::kNumber;
  const absl::string_view type(t);
  if (type == "n") return XlsxCellType::kNumber;
  if (type == "s") return XlsxCellType::kSharedString;
  if (type == "str") return XlsxCellType::kFormulaString;
  if (type == "inlineStr") return XlsxCellType::kInlineString;
  if (type == "b") return XlsxCellType::kBoolean;
  if (type == "e") return XlsxCellType::kError;
  if (type == "d") return XlsxCellType::kDate;
  return std::nullopt;
}

// An element that can only be the one a piece's parser is given after the
// piece, at the byte where it is expected (see SheetHandler::Piece).
constexpr absl::string_view kPieceEndName = "remit-piece-end";
constexpr absl::string_view kPieceEnd = "<remit-piece-end/>";

// <worksheet><sheetData><row r="7"><c r="B7" t="s"><v>3</v></c>...
class SheetHandler final : public XmlHandler {
 public:
  using RowCallback =
      absl::FunctionRef<absl::Status(int, absl::Span<const XlsxCell>)>;

  // A piece of the sheet parsed on its own (XlsxReaderOptions::threads):
  // the parser is fed the sheet's opening part (its bytes up to the first
  // "<row "), then the piece. Where the piece ends, a row boundary is
  // verified, not assumed: the parser is then fed kPieceEnd, which must
  // come as an element at exactly that byte, at the depth of the row that
  // starts right after the opening part, between rows in sheetData.
  struct Piece {
    int64_t anchor = 0;  // Where the opening part ends: a row starts there.
    // Where kPieceEnd starts; -1 for the sheet's last piece.
    int64_t end = -1;
    // Not the sheet's first piece: rows before the anchor are the opening
    // part's, already read with the first piece; the first row must carry
    // its number (r), as the previous row is not known.
    bool continuation = false;
  };

  // Shared string i is chars[ends[i-1], ends[i]) (ends[-1] = 0).
  SheetHandler(std::string place, const XlsxReaderOptions& options,
               absl::string_view shared_chars,
               absl::Span<const size_t> shared_ends, RowCallback on_row,
               const Piece* piece = nullptr)
      : place_(std::move(place)),
        options_(options),
        shared_chars_(shared_chars),
        shared_ends_(shared_ends),
        on_row_(on_row),
        piece_(piece) {}

  // The stream feeding this handler; required for a piece.
  void set_stream(const XmlStream* stream) { stream_ = stream; }

  // For a piece: whether its end was reached at a row boundary (see
  // Piece). The sheet's last piece ends instead with the document.
  bool reached_piece_end() const { return reached_piece_end_; }
  // For a piece: whether a row started at the anchor, in sheetData.
  bool anchored() const { return anchor_depth_ > 0; }

  absl::Status StartElement(absl::string_view name,
                            const char** attributes) override {
    if (piece_ != nullptr && name == kPieceEndName &&
        stream_->byte_index() == piece_->end) {
      reached_piece_end_ = anchored() && in_sheet_data_ && !in_row_ &&
                           !in_cell_ && stream_->depth() == anchor_depth_;
      return absl::CancelledError("end of the piece");
    }
    if (!in_sheet_data_) {
      if (name == "sheetData") in_sheet_data_ = true;
      return absl::OkStatus();
    }
    if (in_cell_) return StartInCell(name);
    if (name == "c") return StartCell(attributes);
    if (name == "row") return StartRow(attributes);
    return absl::OkStatus();
  }

  absl::Status EndElement(absl::string_view name) override {
    if (!in_sheet_data_) return absl::OkStatus();
    if (in_cell_) {
      if (name == "c") return EndCell();
      if (name == "v" || name == "t") {
        collect_ = false;
      } else if (name == "is") {
        in_inline_ = false;
      } else if (name == "rPh") {
        if (phonetic_depth_ > 0) --phonetic_depth_;
      }
      return absl::OkStatus();
    }
    if (name == "row" && in_row_) return EndRow();
    if (name == "sheetData") in_sheet_data_ = false;
    return absl::OkStatus();
  }

  absl::Status Text(absl::string_view text) override {
    if (!collect_) return absl::OkStatus();
    std::string& value = cells_[count_].text;
    if (text.size() > options_.max_cell_bytes - value.size()) {
      return CellError(
          absl::StrCat("text longer than ", options_.max_cell_bytes, " bytes"));
    }
    value.append(text.data(), text.size());
    return absl::OkStatus();
  }

  // Where the parse was, for an XML error: " (in row 7)".
  std::string Where() const {
    if (in_row_) return absl::StrCat(" (in row ", row_, ")");
    if (last_row_ > 0) return absl::StrCat(" (after row ", last_row_, ")");
    return "";
  }

 private:
  absl::Status StartRow(const char** attributes) {
    if (in_row_) return RowError("a row inside another row");
    if (piece_ != nullptr) {
      const int64_t at = stream_->byte_index();
      if (at == piece_->anchor) {
        anchor_depth_ = stream_->depth();
        if (piece_->continuation &&
            AttributeValue(attributes, "r") == nullptr) {
          return absl::FailedPreconditionError(
              "a piece's first row unnumbered");
        }
      } else if (piece_->continuation && at < piece_->anchor) {
        return absl::FailedPreconditionError("a row in the opening part");
      }
    }
    int row;
    if (const char* r = AttributeValue(attributes, "r")) {
      const std::optional<int> number = ParseRowNumber(r);
      if (!number.has_value()) {
        return Error(absl::StrCat(": row '", Shown(r), "'", Where(),
                                  ": not a row number from 1 to ", kMaxRow));
      }
      if (*number <= last_row_) {
        return Error(absl::StrCat(": row ", *number, " comes after row ",
                                  last_row_, ": rows must ascend"));
      }
      row = *number;
    } else {
      if (last_row_ >= kMaxRow) {
        return Error(absl::StrCat(": a row after row ", kMaxRow,
                                  ", the last a sheet has"));
      }
      row = last_row_ + 1;
    }
    in_row_ = true;
    row_ = row;
    last_row_ = row;
    count_ = 0;
    row_bytes_ = 0;
    next_column_ = 0;
    sorted_ = true;
    return absl::OkStatus();
  }

  absl::Status StartCell(const char** attributes) {
    if (!in_row_) return Error(absl::StrCat(": a cell outside a row", Where()));
    if (const char* r = AttributeValue(attributes, "r")) {
      const std::optional<CellPlace> place = ParseCellReference(r);
      if (!place.has_value()) {
        return RowError(absl::StrCat("cell reference '", Shown(r),
                                     "' is not one from A1 to XFD", kMaxRow));
      }
      if (place->row != row_) {
        return RowError(absl::StrCat("cell ", Shown(r), " names another row"));
      }
      column_ = place->column;
    } else {
      if (next_column_ > kMaxColumn) {
        return RowError("a cell after column XFD, the last a sheet has");
      }
      column_ = next_column_;
    }
    next_column_ = column_ + 1;
    const char* t = AttributeValue(attributes, "t");
    const std::optional<XlsxCellType> type = CellTypeFromAttribute(t);
    if (!type.has_value()) {
      return CellError(absl::StrCat("unknown cell type t=\"", Shown(t), "\""));
    }
    if (count_ > static_cast<size_t>(kMaxColumn)) {
      return RowError("more cells than a row has columns");
    }
    if (count_ == cells_.size()) cells_.emplace_back();
    XlsxCell& cell = cells_[count_];
    cell.column = column_;
    cell.type = *type;
    cell.text.clear();
    cell.formula = false;
    in_cell_ = true;
    has_value_ = false;
    has_inline_ = false;
    in_inline_ = false;
    collect_ = false;
    phonetic_depth_ = 0;
    return absl::OkStatus();
  }

  absl::Status StartInCell(absl::string_view name) {
    XlsxCell& cell = cells_[count_];
    if (name == "v") {
      if (has_value_) return CellError("more than one value");
      has_value_ = true;
      collect_ = true;
    } else if (name == "f") {
      cell.formula = true;
    } else if (name == "is") {
      if (cell.type == XlsxCellType::kInlineString) {
        has_inline_ = true;
        in_inline_ = true;
      }
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      collect_ = in_inline_ && phonetic_depth_ == 0;
    } else if (name == "c" || name == "row") {
      return CellError(absl::StrCat("a ", name, " inside a cell"));
    }
    return absl::OkStatus();
  }

  absl::Status EndCell() {
    in_cell_ = false;
    collect_ = false;
    if (has_value_ && has_inline_) {
      return CellError("both a value and an inline string");
    }
    if (!has_value_ && !has_inline_) return absl::OkStatus();  // Empty.
    XlsxCell& cell = cells_[count_];
    switch (cell.type) {
      case XlsxCellType::kSharedString: {
        const std::optional<int> index = ParseIndex(cell.text);
        if (!index.has_value() ||
            static_cast<size_t>(*index) >= shared_ends_.size()) {
          return CellError(absl::StrCat("shared string '", Shown(cell.text),
                                        "' is not one of the ",
                                        shared_ends_.size(), " in the file"));
        }
        const size_t begin = *index == 0 ? 0 : shared_ends_[*index - 1];
        cell.text.assign(shared_chars_.data() + begin,
                         shared_ends_[*index] - begin);
        break;
      }
      case XlsxCellType::kBoolean:
        if (cell.text != "0" && cell.text != "1") {
          return CellError(absl::StrCat("boolean '", Shown(cell.text),
                                        "' is neither 0 nor 1"));
        }
        break;
      case XlsxCellType::kInlineString:
      case XlsxCellType::kFormulaString:
        DecodeEscapes(&cell.text);
        break;
      case XlsxCellType::kNumber:
      case XlsxCellType::kError:
      case XlsxCellType::kDate:
        break;
    }
    row_bytes_ += cell.text.size();
    if (row_bytes_ > options_.max_row_bytes) {
      return RowError(
          absl::StrCat("more than ", options_.max_row_bytes, " bytes of text"));
    }
    if (count_ > 0 && cell.column <= cells_[count_ - 1].column) {
      sorted_ = false;
    }
    ++count_;
    return absl::OkStatus();
  }

  absl::Status EndRow() {
    in_row_ = false;
    if (!sorted_) {
      std::sort(cells_.begin(), cells_.begin() + count_,
                [](const XlsxCell& a, const XlsxCell& b) {
                  return a.column < b.column;
                });
      for (size_t i = 1; i < count_; ++i) {
        if (cells_[i].column == cells_[i - 1].column) {
          column_ = cells_[i].column;
          return CellError("two cells in one place");
        }
      }
    }
    return on_row_(row_, absl::MakeConstSpan(cells_.data(), count_));
  }

  absl::Status Error(absl::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat(place_, what));
  }
  absl::Status RowError(absl::string_view what) const {
    return Error(absl::StrCat(": row ", row_, ": ", what));
  }
  absl::Status CellError(absl::string_view what) const {
    return Error(absl::StrCat("!", ColumnLetters(column_), row_, ": ", what));
  }

  const std::string place_;  // "NAME:SHEET"
  const XlsxReaderOptions& options_;
  const absl::string_view shared_chars_;
  const absl::Span<const size_t> shared_ends_;
  RowCallback on_row_;
  const Piece* const piece_;  // Null when reading the whole sheet.
  const XmlStream* stream_ = nullptr;
  int anchor_depth_ = 0;  // The depth of the row at the anchor; 0: none yet.
  bool reached_piece_end_ = false;

  bool in_sheet_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  int row_ = 0;
  int last_row_ = 0;
  int column_ = 0;
  int next_column_ = 0;
  // The row's cells: the first count_ of cells_, which keeps its strings'
  // capacity from row to row.
  std::vector<XlsxCell> cells_;
  size_t count_ = 0;
  size_t row_bytes_ = 0;
  bool sorted_ = true;
  // The current cell.
  bool has_value_ = false;
  bool has_inline_ = false;
  bool in_inline_ = false;
  bool collect_ = false;
  int phonetic_depth_ = 0;
};

// The rows of one piece, as its worker parsed them: compact, so that the
// pieces in flight hold little more than their text.
struct PieceRows {
  struct Cell {
    int column;
    XlsxCellType type;
    bool formula;
    uint32_t size;  // Of its text in `chars`, which follows the previous.
  };
  std::vector<int> rows;
  std::vector<size_t> ends;  // Row i's cells: [ends[i-1], ends[i]).
  std::vector<Cell> cells;
  std::string chars;
};

// One piece of a sheet, from the calling thread to a worker and back.
struct SheetPiece {
  std::string xml;
  SheetHandler::Piece frame;
  bool last = false;
  // Set by the worker.
  bool done = false;
  bool clean = false;  // Parsed whole, ending at a row boundary.
  PieceRows rows;
};

// Reads a sheet in pieces parsed on worker threads (XlsxReaderOptions::
// threads), handing the rows to `on_row` in order on the calling thread.
// Whenever a piece cannot be read as cleanly cut (malformed XML, a cut
// inside a comment or CDATA section, a bad cell, rows that do not ascend
// across pieces, no place to cut), the rows handed out so far are known to
// be the sheet's first ones: the caller then reads the sheet sequentially,
// skipping them, and gets exactly the rows and the status of a sequential
// read.
class PieceReader {
 public:
  using RowCallback = SheetHandler::RowCallback;

  PieceReader(std::string place, const XlsxReaderOptions& options,
              absl::string_view shared_chars,
              absl::Span<const size_t> shared_ends, int threads,
              RowCallback on_row)
      : place_(std::move(place)),
        options_(options),
        shared_chars_(shared_chars),
        shared_ends_(shared_ends),
        threads_(threads),
        piece_bytes_(std::clamp<size_t>(options.chunk_bytes, 1, kMaxPiece)),
        // A piece never holds XmlStream::kMaxBytesWithoutEvent bytes, so
        // that its parser and a sequential one agree on that bound.
        most_piece_bytes_(std::min(8 * piece_bytes_, kMostPieceBytes)),
        on_row_(on_row) {}

  PieceReader(const PieceReader&) = delete;
  PieceReader& operator=(const PieceReader&) = delete;
  ~PieceReader() { StopWorkers(); }

  // Reads `part`: true, with the read's `status`, when every row was handed
  // out or `on_row` or the archive stopped the read; false when the sheet
  // is to be read sequentially after the first `delivered()` rows.
  bool Read(const ZipArchive& zip, absl::string_view part,
            absl::Status* status) {
    *status = zip.Read(part, options_.max_part_bytes,
                       [&](absl::string_view chunk) { return Take(chunk); });
    if (status->ok()) *status = Flush();
    StopWorkers();
    // Anything but the caller's own status: read sequentially, which gives
    // the status a sequential read gives, at the same row.
    return status->ok() || by_caller_;
  }

  size_t delivered() const { return delivered_; }
  // Pieces given to the workers.
  size_t pieces() const { return pieces_; }

 private:
  static constexpr size_t kMaxPiece = size_t{4} << 20;
  static constexpr size_t kMostPieceBytes = size_t{15} << 20;
  // An opening part longer than this is not repeated for every piece.
  static constexpr size_t kMaxOpening = size_t{64} << 10;
  static constexpr absl::string_view kRowStart = "<row ";

  static absl::Status Fallback() {
    return absl::FailedPreconditionError("read the sheet sequentially");
  }

  // The next inflated bytes.
  absl::Status Take(absl::string_view chunk) {
    const size_t searched = pending_.size();
    pending_.append(chunk.data(), chunk.size());
    if (!opening_found_) {
      const size_t from =
          searched < kRowStart.size() ? 0 : searched - kRowStart.size();
      const size_t at = pending_.find(kRowStart.data(), from, kRowStart.size());
      if (at == std::string::npos) {
        return pending_.size() > kMaxOpening ? Fallback() : absl::OkStatus();
      }
      if (at > kMaxOpening) return Fallback();
      opening_found_ = true;
      opening_ = pending_.substr(0, at);
    }
    // Cut where the first row starts after piece_bytes_ (and, in the first
    // piece, after the row that starts right after the opening part).
    size_t start = 0;
    absl::Status status;
    while (status.ok()) {
      const size_t least = pieces_ == 0 ? opening_.size() + 1 : 1;
      const size_t from = start + std::max(piece_bytes_, least);
      if (pending_.size() < from + kRowStart.size()) break;
      const size_t cut =
          pending_.find(kRowStart.data(), from, kRowStart.size());
      if (cut == std::string::npos) {
        if (pending_.size() - start > most_piece_bytes_) status = Fallback();
        break;
      }
      auto piece = std::make_unique<SheetPiece>();
      piece->xml = pending_.substr(start, cut - start);
      start = cut;
      status = Submit(std::move(piece));
    }
    pending_.erase(0, start);
    return status;
  }

  // The rest, as the last piece.
  absl::Status Flush() {
    auto piece = std::make_unique<SheetPiece>();
    piece->xml = std::move(pending_);
    piece->last = true;
    if (pieces_ == 0) {
      // One piece: the whole sheet, read here.
      Parse(*piece, /*opening=*/"");
      return Deliver(*piece);
    }
    absl::Status status = Submit(std::move(piece));
    while (status.ok() && next_ < pieces_) status = DeliverNext();
    return status;
  }

  absl::Status Submit(std::unique_ptr<SheetPiece> piece) {
    const bool first = pieces_ == 0;
    piece->frame.continuation = !first;
    piece->frame.anchor = static_cast<int64_t>(opening_.size());
    piece->frame.end =
        piece->last ? -1
                    : static_cast<int64_t>((first ? 0 : opening_.size()) +
                                           piece->xml.size());
    if (workers_.empty()) {
      for (int i = 0; i < threads_; ++i) {
        workers_.emplace_back([this] { Work(); });
      }
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      in_flight_.push_back(std::move(piece));
      ++pieces_;
    }
    work_ready_.notify_one();
    // Bounded: a few pieces per worker in flight at most.
    while (pieces_ - next_ > static_cast<size_t>(2 * threads_)) {
      absl::Status status = DeliverNext();
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  void Work() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
      work_ready_.wait(lock, [&] { return stop_ || queued_ < pieces_; });
      if (stop_) return;
      SheetPiece* piece = in_flight_[queued_ - next_].get();
      ++queued_;
      lock.unlock();
      Parse(*piece, piece->frame.continuation ? opening_ : "");
      lock.lock();
      piece->done = true;
      piece_done_.notify_all();
    }
  }

  // Parses one piece into piece.rows; piece.clean tells how it went.
  void Parse(SheetPiece& piece, absl::string_view opening) const {
    PieceRows& out = piece.rows;
    auto keep = [&out](int row, absl::Span<const XlsxCell> cells) {
      out.rows.push_back(row);
      for (const XlsxCell& cell : cells) {
        out.cells.push_back({cell.column, cell.type, cell.formula,
                             static_cast<uint32_t>(cell.text.size())});
        out.chars.append(cell.text);
      }
      out.ends.push_back(out.cells.size());
      return absl::OkStatus();
    };
    const bool whole = !piece.frame.continuation && piece.last;
    SheetHandler handler(place_, options_, shared_chars_, shared_ends_, keep,
                         whole ? nullptr : &piece.frame);
    XmlStream xml(&handler);
    handler.set_stream(&xml);
    absl::Status status = xml.Feed(opening);
    if (status.ok()) status = xml.Feed(piece.xml);
    if (piece.last) {
      if (status.ok()) status = xml.Finish();
      piece.clean = status.ok() && (whole || handler.anchored());
    } else {
      if (status.ok()) status = xml.Feed(kPieceEnd);
      piece.clean = handler.reached_piece_end();
    }
    piece.xml = std::string();  // Its memory goes now, not at delivery.
  }

  // Waits for the oldest piece in flight and hands its rows out.
  absl::Status DeliverNext() {
    std::unique_ptr<SheetPiece> piece;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      piece_done_.wait(lock, [&] { return in_flight_.front()->done; });
      piece = std::move(in_flight_.front());
      in_flight_.pop_front();
      ++next_;
    }
    return Deliver(*piece);
  }

  absl::Status Deliver(const SheetPiece& piece) {
    if (!piece.clean) return Fallback();
    const PieceRows& in = piece.rows;
    if (!in.rows.empty() && in.rows.front() <= last_row_) return Fallback();
    size_t cell = 0;
    size_t offset = 0;
    for (size_t i = 0; i < in.rows.size(); ++i) {
      const size_t count = in.ends[i] - cell;
      if (cells_.size() < count) cells_.resize(count);
      for (size_t k = 0; k < count; ++k, ++cell) {
        const PieceRows::Cell& packed = in.cells[cell];
        XlsxCell& out = cells_[k];
        out.column = packed.column;
        out.type = packed.type;
        out.formula = packed.formula;
        out.text.assign(in.chars, offset, packed.size);
        offset += packed.size;
      }
      absl::Status status =
          on_row_(in.rows[i], absl::MakeConstSpan(cells_.data(), count));
      if (!status.ok()) {
        by_caller_ = true;
        return status;
      }
      ++delivered_;
      last_row_ = in.rows[i];
    }
    return absl::OkStatus();
  }

  void StopWorkers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
  }

  const std::string place_;
  const XlsxReaderOptions& options_;
  const absl::string_view shared_chars_;
  const absl::Span<const size_t> shared_ends_;
  const int threads_;
  const size_t piece_bytes_;
  const size_t most_piece_bytes_;
  RowCallback on_row_;

  // The calling thread's.
  std::string pending_;  // Inflated, not yet in a piece.
  bool opening_found_ = false;
  std::string opening_;  // Read by the workers once pieces are submitted.
  std::vector<XlsxCell> cells_;
  size_t delivered_ = 0;
  int last_row_ = 0;
  bool by_caller_ = false;  // `on_row` stopped the read.
  std::vector<std::thread> workers_;

  // std::mutex rather than absl::Mutex: the system Abseil is not built
  // with ThreadSanitizer.
  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable piece_done_;
  // Guarded by mutex_: pieces submitted, handed to workers, delivered
  // (counted from the first); in_flight_ holds pieces next_ to pieces_.
  std::deque<std::unique_ptr<SheetPiece>> in_flight_;
  size_t pieces_ = 0;
  size_t queued_ = 0;
  size_t next_ = 0;
  bool stop_ = false;
};

// The threads asked for; by default, the cores this process may run on
// (its CPU affinity, e.g. under taskset), at most 4.
int ThreadsToUse(int threads) {
  if (threads > 0) return threads;
  unsigned cores = std::thread::hardware_concurrency();
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof(allowed), &allowed) == 0) {
    cores = static_cast<unsigned>(CPU_COUNT(&allowed));
  }
  return static_cast<int>(std::clamp<unsigned>(cores, 1, 4));
}

}  // namespace

std::string ColumnName(int column) { return ColumnLetters(column); }

absl::StatusOr<XlsxReader> XlsxReader::Open(std::string name,
                                            std::string bytes) {
  return Open(std::move(name), std::move(bytes), XlsxReaderOptions());
}

absl::StatusOr<XlsxReader> XlsxReader::Open(std::string name, std::string bytes,
                                            const XlsxReaderOptions& options) {
  auto owned = std::make_unique<const std::string>(std::move(bytes));
  const absl::string_view view = *owned;
  absl::StatusOr<XlsxReader> reader =
      OpenUnowned(std::move(name), view, options);
  if (reader.ok()) reader->owned_bytes_ = std::move(owned);
  return reader;
}

absl::StatusOr<XlsxReader> XlsxReader::OpenUnowned(
    std::string name, absl::string_view bytes,
    const XlsxReaderOptions& options) {
  XlsxReader reader;
  reader.name_ = std::move(name);
  reader.bytes_ = bytes;
  reader.options_ = options;
  const std::string not_workbook =
      absl::StrCat(reader.name_, ": not an xlsx workbook: ");
  absl::StatusOr<ZipArchive> zip = ZipArchive::Open(reader.bytes_);
  if (!zip.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(not_workbook, zip.status().message()));
  }
  const uint64_t index_bytes =
      std::min(kMaxIndexPartBytes, options.max_part_bytes);

  // The package's own relationships name the workbook part; xl/workbook.xml
  // when they do not.
  std::string workbook_part = "xl/workbook.xml";
  if (zip->Has("_rels/.rels")) {
    RelationshipsHandler package;
    absl::Status status = ParsePart(*zip, "_rels/.rels", index_bytes, package,
                                    not_workbook, Nowhere);
    if (!status.ok()) return status;
    if (const Relationship* r = package.OfType("officeDocument")) {
      if (std::optional<std::string> part = ResolveTarget("", r->target)) {
        workbook_part = *std::move(part);
      }
    }
  }
  if (!zip->Has(workbook_part)) {
    return absl::InvalidArgumentError(
        absl::StrCat(not_workbook, "no ", workbook_part));
  }
  const std::string workbook_prefix =
      absl::StrCat(not_workbook, workbook_part, ": ");
  WorkbookHandler workbook(workbook_prefix);
  absl::Status status = ParsePart(*zip, workbook_part, index_bytes, workbook,
                                  not_workbook, Nowhere);
  if (!status.ok()) return status;

  const std::string directory = PartDirectory(workbook_part);
  const std::string relationships_part = RelationshipsPart(workbook_part);
  RelationshipsHandler relationships;
  if (zip->Has(relationships_part)) {
    status = ParsePart(*zip, relationships_part, index_bytes, relationships,
                       not_workbook, Nowhere);
    if (!status.ok()) return status;
  }
  absl::flat_hash_map<absl::string_view, const Relationship*> by_id;
  for (const Relationship& r : relationships.relationships()) {
    by_id.emplace(r.id, &r);  // The first of a repeated id wins.
  }
  for (SheetEntry& entry : workbook.sheets()) {
    Sheet sheet;
    sheet.name = std::move(entry.name);
    const auto found = by_id.find(entry.relationship_id);
    if (found != by_id.end() && !found->second->external) {
      sheet.part = ResolveTarget(directory, found->second->target).value_or("");
    }
    reader.sheet_names_.push_back(sheet.name);
    reader.sheets_.push_back(std::move(sheet));
  }

  std::string strings_part;
  if (const Relationship* r = relationships.OfType("sharedStrings")) {
    strings_part = ResolveTarget(directory, r->target).value_or("");
  }
  if (strings_part.empty() || !zip->Has(strings_part)) {
    strings_part = absl::StrCat(directory, "sharedStrings.xml");
  }
  if (zip->Has(strings_part)) {
    SharedStringsHandler strings(
        absl::StrCat(reader.name_, ": ", strings_part, ": "), options,
        &reader.shared_chars_, &reader.shared_string_ends_);
    status = ParsePart(*zip, strings_part, options.max_part_bytes, strings,
                       absl::StrCat(reader.name_, ": "), Nowhere);
    if (!status.ok()) return status;
  }
  reader.shared_chars_.shrink_to_fit();
  reader.shared_string_ends_.shrink_to_fit();
  return reader;
}

absl::Status XlsxReader::ReadRows(
    absl::string_view sheet,
    absl::FunctionRef<absl::Status(int row, absl::Span<const XlsxCell> cells)>
        on_row) const {
  return ReadRows(sheet, on_row, nullptr);
}

absl::Status XlsxReader::ReadRows(
    absl::string_view sheet,
    absl::FunctionRef<absl::Status(int row, absl::Span<const XlsxCell> cells)>
        on_row,
    XlsxReadStats* stats) const {
  XlsxReadStats unused;
  if (stats == nullptr) stats = &unused;
  *stats = XlsxReadStats();
  const auto found =
      std::find_if(sheets_.begin(), sheets_.end(),
                   [&](const Sheet& s) { return s.name == sheet; });
  if (found == sheets_.end()) {
    if (sheet_names_.empty()) {
      return absl::NotFoundError(absl::StrCat(
          name_, ": no sheet named '", sheet, "'; the workbook has no sheets"));
    }
    return absl::NotFoundError(absl::StrCat(
        name_, ": no sheet named '", sheet, "'; the workbook has '",
        absl::StrJoin(sheet_names_, "', '"), "'"));
  }
  const std::string place = absl::StrCat(name_, ":", sheet);
  if (found->part.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        place, ": the workbook's relationships do not say where the sheet is"));
  }
  absl::StatusOr<ZipArchive> zip = ZipArchive::Open(bytes_);
  if (!zip.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(place, ": ", zip.status().message()));
  }
  if (!zip->Has(found->part)) {
    return absl::InvalidArgumentError(
        absl::StrCat(place, ": its part ", found->part, " is missing"));
  }
  // Rows already handed out by a read in pieces, skipped when the sheet is
  // then read sequentially.
  size_t skip = 0;
  const int threads = ThreadsToUse(options_.threads);
  if (threads > 1) {
    PieceReader pieces(place, options_, shared_chars_, shared_string_ends_,
                       threads, on_row);
    absl::Status status;
    const bool done = pieces.Read(*zip, found->part, &status);
    stats->pieces = pieces.pieces();
    if (done) return status;
    stats->read_sequentially_after_pieces = true;
    skip = pieces.delivered();
  }
  size_t skipped = 0;
  auto after_skip = [&](int row, absl::Span<const XlsxCell> cells) {
    if (skipped < skip) {
      ++skipped;
      return absl::OkStatus();
    }
    return on_row(row, cells);
  };
  SheetHandler handler(place, options_, shared_chars_, shared_string_ends_,
                       after_skip);
  return ParsePart(*zip, found->part, options_.max_part_bytes, handler,
                   absl::StrCat(place, ": "),
                   [&handler] { return handler.Where(); });
}

}  // namespace remit
