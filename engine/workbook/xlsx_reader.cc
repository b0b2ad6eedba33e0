#include "engine/workbook/xlsx_reader.h"

#include <algorithm>
#include <optional>
#include <string>
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

// <worksheet><sheetData><row r="7"><c r="B7" t="s"><v>3</v></c>...
class SheetHandler final : public XmlHandler {
 public:
  using RowCallback =
      absl::FunctionRef<absl::Status(int, absl::Span<const XlsxCell>)>;
  // Shared string i is chars[ends[i-1], ends[i]) (ends[-1] = 0).
  SheetHandler(std::string place, const XlsxReaderOptions& options,
               absl::string_view shared_chars,
               absl::Span<const size_t> shared_ends, RowCallback on_row)
      : place_(std::move(place)),
        options_(options),
        shared_chars_(shared_chars),
        shared_ends_(shared_ends),
        on_row_(on_row) {}

  absl::Status StartElement(absl::string_view name,
                            const char** attributes) override {
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

}  // namespace

std::string ColumnName(int column) { return ColumnLetters(column); }

absl::StatusOr<XlsxReader> XlsxReader::Open(std::string name,
                                            std::string bytes) {
  return Open(std::move(name), std::move(bytes), XlsxReaderOptions());
}

absl::StatusOr<XlsxReader> XlsxReader::Open(std::string name, std::string bytes,
                                            const XlsxReaderOptions& options) {
  XlsxReader reader;
  reader.name_ = std::move(name);
  reader.bytes_ = std::move(bytes);
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
  SheetHandler handler(place, options_, shared_chars_, shared_string_ends_,
                       on_row);
  return ParsePart(*zip, found->part, options_.max_part_bytes, handler,
                   absl::StrCat(place, ": "),
                   [&handler] { return handler.Where(); });
}

}  // namespace remit
