#include "engine/workbook/xlsx_reader.h"

#include <zip.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

// Debian's Abseil has its own string_view, which gtest prints byte by byte.
std::string Message(const absl::Status& status) {
  return std::string(status.message());
}

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kDir[] = "testdata/workbooks/";

std::string ReadFile(const std::string& name) {
  std::ifstream in(kDir + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

XlsxReader OpenOrDie(const std::string& name) {
  absl::StatusOr<XlsxReader> reader = XlsxReader::Open(name, ReadFile(name));
  EXPECT_TRUE(reader.ok()) << reader.status();
  if (!reader.ok()) std::abort();
  return *std::move(reader);
}

const char* TypeName(XlsxCellType type) {
  switch (type) {
    case XlsxCellType::kNumber:
      return "n";
    case XlsxCellType::kSharedString:
      return "s";
    case XlsxCellType::kInlineString:
      return "inline";
    case XlsxCellType::kFormulaString:
      return "str";
    case XlsxCellType::kBoolean:
      return "b";
    case XlsxCellType::kError:
      return "e";
    case XlsxCellType::kDate:
      return "d";
  }
  return "?";
}

// Each row as "B7 s=text" per cell ("B7 n=2 f" for a formula), by row.
using Rows = std::map<int, std::vector<std::string>>;

absl::StatusOr<Rows> ReadSheet(const XlsxReader& reader,
                               absl::string_view sheet) {
  Rows rows;
  int previous = 0;
  absl::Status status =
      reader.ReadRows(sheet, [&](int row, absl::Span<const XlsxCell> cells) {
        EXPECT_GT(row, previous);
        previous = row;
        std::vector<std::string>& out = rows[row];
        for (const XlsxCell& cell : cells) {
          out.push_back(absl::StrCat(ColumnName(cell.column), row, " ",
                                     TypeName(cell.type), "=", cell.text,
                                     cell.formula ? " f" : ""));
        }
        return absl::OkStatus();
      });
  if (!status.ok()) return status;
  return rows;
}

TEST(ColumnNameTest, Letters) {
  EXPECT_EQ(ColumnName(0), "A");
  EXPECT_EQ(ColumnName(1), "B");
  EXPECT_EQ(ColumnName(25), "Z");
  EXPECT_EQ(ColumnName(26), "AA");
  EXPECT_EQ(ColumnName(27), "AB");
  EXPECT_EQ(ColumnName(16383), "XFD");
}

TEST(XlsxReaderTest, ReadsAWorkbookAsASpreadsheetProgramWritesIt) {
  const XlsxReader reader = OpenOrDie("basic.xlsx");
  EXPECT_EQ(reader.name(), "basic.xlsx");
  EXPECT_THAT(reader.sheet_names(), ElementsAre("Dataset", "Notes"));
  absl::StatusOr<Rows> rows = ReadSheet(reader, "Dataset");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(
      *rows,
      (Rows{
          {1,
           {"A1 s=id", "B1 s=firm", "C1 s=fee", "D1 s=total cost %",
            "E1 s=transparent"}},
          {2,
           {"A2 n=1", "B2 s=Alpha Remit", "C2 n=5", "D2 n=6.25", "E2 s=yes"}},
          {3,
           {"A3 n=2", "B3 s=Beta Bank", "C3 s=200.00", "D3 n=7.5", "E3 s=no"}},
          // Row 4 is not in the file; C5 is empty.
          {5, {"A5 n=3", "B5 s=Alpha Remit", "D5 n=0.1"}},
          // A formula's cached value; a date is a serial number.
          {6, {"A6 n=3 f", "B6 b=1", "C6 n=45426"}}}));
  absl::StatusOr<Rows> notes = ReadSheet(reader, "Notes");
  ASSERT_TRUE(notes.ok()) << notes.status();
  EXPECT_EQ(*notes, (Rows{{1, {"A1 s=Made for remitrank's tests."}}}));
}

TEST(XlsxReaderTest, SheetsInWorkbookOrderFoundByRelationship) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  // The parts are sheet3, sheet1, sheet2 in this order.
  EXPECT_THAT(reader.sheet_names(),
              ElementsAre("Prefixed", "Cells", "Strings"));
  EXPECT_EQ(reader.shared_string_count(), 9u);
}

TEST(XlsxReaderTest, PrefixedNamespaceAndAbsoluteTarget) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  absl::StatusOr<Rows> rows = ReadSheet(reader, "Prefixed");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows,
            (Rows{{1, {"A1 s=Provider", "B1 n=1.5", "C1 inline=prefixed"}},
                  {2, {"A2 s=Bank / Money Transfer Operator"}}}));
}

TEST(XlsxReaderTest, EveryCellTrap) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  absl::StatusOr<Rows> rows = ReadSheet(reader, "Cells");
  ASSERT_TRUE(rows.ok()) << rows.status();
  const Rows expected = {
      // One cell of each type; a number's text exactly as stored.
      {1,
       {"A1 s=Provider", "B1 n=46172.699999999997", "C1 inline=inline text",
        "D1 b=1", "E1 e=#N/A", "F1 d=2024-05-14T00:00:00", "G1 n=-1.5E-3"}},
      // A row without r follows row 1; cells without r follow the previous.
      {2, {"A2 s=200.00", "B2 n=2", "E2 b=0", "F2 inline=after E"}},
      // Rows 3 and 4 are missing; row 5's cells come out of order.
      {5, {"A5 n=1", "B5 n=2", "C5 n=3"}},
      // Formulas: cached values of each type; F6 has none, so it is empty.
      {6,
       {"A6 n=2 f", "B6 str=ab f", "C6 b=1 f", "D6 e=#DIV/0! f",
        "E6 s=A&B <C> \"q\" 'a' caf\xC3\xA9 \xE2\x82\xAC f", "G6 str= f"}},
      // A7 is styled but empty; rich runs joined, the phonetic guide left
      // out, escapes decoded.
      {7,
       {"B7 s=  two spaces each side  ", "C7 inline=Post office",
        "D7 inline=tab\there & there"}},
      // Present but without values.
      {8, {}},
      {9, {}},
      {10, {"AB10 n=28", "XFD10 n=16384"}},
      {11, {"A11 n=11"}},
  };
  EXPECT_EQ(*rows, expected);
}

TEST(XlsxReaderTest, SharedStrings) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  absl::StatusOr<Rows> rows = ReadSheet(reader, "Strings");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, (Rows{
                       {1, {"A1 s=Provider"}},
                       // Rich text runs joined.
                       {2, {"A2 s=Bank / Money Transfer Operator"}},
                       // xml:space="preserve".
                       {3, {"A3 s=  two spaces each side  "}},
                       // Entities.
                       {4, {"A4 s=A&B <C> \"q\" 'a' caf\xC3\xA9 \xE2\x82\xAC"}},
                       // _x000D_ and a real line feed.
                       {5, {"A5 s=line1\r\nline2"}},
                       // The phonetic guide is not text.
                       {6, {"A6 s=\xE6\x9D\xB1\xE4\xBA\xAC"}},
                       // Empty, but a value all the same.
                       {7, {"A7 s="}},
                       {8, {"A8 s=_x0041_"}},
                       {9, {"A9 s=200.00"}},
                   }));
}

TEST(XlsxReaderTest, ReaderIsMovable) {
  XlsxReader first = OpenOrDie("traps.xlsx");
  XlsxReader second = std::move(first);
  XlsxReader third = OpenOrDie("basic.xlsx");
  third = std::move(second);
  absl::StatusOr<Rows> rows = ReadSheet(third, "Strings");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->size(), 9u);
}

TEST(XlsxReaderTest, UnownedBytesReadAsOwnedOnes) {
  const std::string bytes = ReadFile("traps.xlsx");
  XlsxReader owned = OpenOrDie("traps.xlsx");
  absl::StatusOr<XlsxReader> unowned =
      XlsxReader::OpenUnowned("traps.xlsx", bytes, XlsxReaderOptions());
  ASSERT_TRUE(unowned.ok()) << unowned.status();
  XlsxReader moved = *std::move(unowned);
  EXPECT_EQ(moved.sheet_names(), owned.sheet_names());
  for (const std::string& sheet : owned.sheet_names()) {
    absl::StatusOr<Rows> expected = ReadSheet(owned, sheet);
    absl::StatusOr<Rows> rows = ReadSheet(moved, sheet);
    ASSERT_EQ(rows.ok(), expected.ok()) << sheet;
    if (rows.ok()) EXPECT_EQ(*rows, *expected) << sheet;
  }
  EXPECT_FALSE(
      XlsxReader::OpenUnowned("x.xlsx", "not a zip", XlsxReaderOptions()).ok());
}

TEST(XlsxReaderTest, CallbackErrorStopsTheRead) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  std::vector<int> seen;
  const absl::Status status =
      reader.ReadRows("Cells", [&](int row, absl::Span<const XlsxCell>) {
        seen.push_back(row);
        if (row == 5) return absl::CancelledError("enough at row 5");
        return absl::OkStatus();
      });
  EXPECT_EQ(status, absl::CancelledError("enough at row 5"));
  EXPECT_THAT(seen, ElementsAre(1, 2, 5));
}

TEST(XlsxReaderTest, UnknownSheetListsTheNames) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  const absl::Status status = reader.ReadRows(
      "cells",
      [](int, absl::Span<const XlsxCell>) { return absl::OkStatus(); });
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Message(status),
            "traps.xlsx: no sheet named 'cells'; the workbook has "
            "'Prefixed', 'Cells', 'Strings'");
}

TEST(XlsxReaderTest, NotAWorkbook) {
  static const struct {
    const char* what;
    std::string bytes;
    const char* message;
  } kCases[] = {
      {"empty", "", "book.xlsx: not an xlsx workbook: not a zip archive"},
      {"text", "id,period\n1,2024_2Q\n",
       "book.xlsx: not an xlsx workbook: not a zip archive"},
      {"truncated zip", ReadFile("traps.xlsx").substr(0, 1500),
       "book.xlsx: not an xlsx workbook: not a zip archive"},
      {"zip without a workbook", ReadFile("no_workbook.xlsx"),
       "book.xlsx: not an xlsx workbook: no xl/workbook.xml"},
  };
  for (const auto& c : kCases) {
    const absl::StatusOr<XlsxReader> reader =
        XlsxReader::Open("book.xlsx", c.bytes);
    EXPECT_EQ(reader.status().code(), absl::StatusCode::kInvalidArgument)
        << c.what;
    EXPECT_THAT(Message(reader.status()), HasSubstr(c.message)) << c.what;
  }
}

TEST(XlsxReaderTest, MalformedSheets) {
  const XlsxReader reader = OpenOrDie("errors.xlsx");
  static const struct {
    const char* sheet;
    const char* message;
  } kCases[] = {
      {"Broken XML",
       "errors.xlsx:Broken XML: xl/worksheets/sheet2.xml: malformed XML at "
       "line 2, column 352: mismatched tag (in row 3)"},
      {"Bad index",
       "errors.xlsx:Bad index!B3: shared string '5' is not one of the 1 in "
       "the file"},
      {"Other row", "errors.xlsx:Other row: row 3: cell A4 names another row"},
      {"Rows descend",
       "errors.xlsx:Rows descend: row 1 comes after row 2: rows must ascend"},
      {"Bad reference",
       "errors.xlsx:Bad reference: row 3: cell reference 'a3' is not one "
       "from A1 to XFD1048576"},
      {"Off the grid",
       "errors.xlsx:Off the grid: row 3: cell reference 'XFE3' is not one "
       "from A1 to XFD1048576"},
      {"Unknown type",
       "errors.xlsx:Unknown type!C3: unknown cell type t=\"z\""},
      {"Bad boolean",
       "errors.xlsx:Bad boolean!A3: boolean 'yes' is neither 0 nor 1"},
      {"Two cells", "errors.xlsx:Two cells!B3: two cells in one place"},
      {"Row zero",
       "errors.xlsx:Row zero: row '0' (after row 2): not a row number from 1 "
       "to 1048576"},
      {"Missing part",
       "errors.xlsx:Missing part: its part xl/worksheets/sheet12.xml is "
       "missing"},
      {"No relationship",
       "errors.xlsx:No relationship: the workbook's relationships do not say "
       "where the sheet is"},
  };
  for (const auto& c : kCases) {
    std::vector<int> rows;
    const absl::Status status =
        reader.ReadRows(c.sheet, [&](int row, absl::Span<const XlsxCell>) {
          rows.push_back(row);
          return absl::OkStatus();
        });
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.sheet;
    EXPECT_EQ(Message(status), c.message) << c.sheet;
  }
  absl::StatusOr<Rows> good = ReadSheet(reader, "Good");
  ASSERT_TRUE(good.ok()) << good.status();
  EXPECT_EQ(*good, (Rows{{1, {"A1 n=1"}}, {2, {"A2 n=2"}}}));
}

TEST(XlsxReaderTest, RowsBeforeAnErrorAreDelivered) {
  const XlsxReader reader = OpenOrDie("errors.xlsx");
  std::vector<int> rows;
  const absl::Status status =
      reader.ReadRows("Bad index", [&](int row, absl::Span<const XlsxCell>) {
        rows.push_back(row);
        return absl::OkStatus();
      });
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(rows, ElementsAre(1, 2));
}

TEST(XlsxReaderTest, EntriesThatLieAboutTheirSize) {
  const XlsxReader reader = OpenOrDie("sizes.xlsx");
  int rows = 0;
  const auto count = [&](int, absl::Span<const XlsxCell>) {
    ++rows;
    return absl::OkStatus();
  };
  const absl::Status lies = reader.ReadRows("Lies", count);
  EXPECT_EQ(lies.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(lies),
            "sizes.xlsx:Lies: xl/worksheets/sheet1.xml: inflates to more "
            "than the 1000 bytes it declares");
  EXPECT_LT(rows, 50);  // Stopped at the declared size.
  const absl::Status huge = reader.ReadRows("Huge", count);
  EXPECT_EQ(huge.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(huge),
            "sizes.xlsx:Huge: xl/worksheets/sheet2.xml: declares 3221225472 "
            "bytes uncompressed, more than the limit of 2147483648");
}

TEST(XlsxReaderTest, OptionsBoundWhatIsHeld) {
  const std::string bytes = ReadFile("traps.xlsx");
  XlsxReaderOptions few_strings;
  few_strings.max_shared_strings = 8;
  EXPECT_EQ(XlsxReader::Open("t.xlsx", bytes, few_strings).status(),
            absl::InvalidArgumentError(
                "t.xlsx: xl/sharedStrings.xml: more than 8 shared strings"));
  XlsxReaderOptions short_strings;
  short_strings.max_shared_string_bytes = 40;
  EXPECT_EQ(XlsxReader::Open("t.xlsx", bytes, short_strings).status(),
            absl::InvalidArgumentError("t.xlsx: xl/sharedStrings.xml: more "
                                       "than 40 bytes of shared strings"));

  XlsxReaderOptions short_cells;
  short_cells.max_cell_bytes = 10;
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open("t.xlsx", bytes, short_cells);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(
      ReadSheet(*reader, "Cells").status(),
      absl::InvalidArgumentError("t.xlsx:Cells!B1: text longer than 10 bytes"));

  XlsxReaderOptions short_rows;
  short_rows.max_row_bytes = 20;
  reader = XlsxReader::Open("t.xlsx", bytes, short_rows);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(ReadSheet(*reader, "Cells").status(),
            absl::InvalidArgumentError(
                "t.xlsx:Cells: row 1: more than 20 bytes of text"));

  XlsxReaderOptions small_parts;
  small_parts.max_part_bytes = 1000;
  reader = XlsxReader::Open("t.xlsx", bytes, small_parts);
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(ReadSheet(*reader, "Cells").status(),
            absl::InvalidArgumentError(
                "t.xlsx:Cells: xl/worksheets/sheet1.xml: declares 1624 bytes "
                "uncompressed, more than the limit of 1000"));
}

// A zip written here with libzip: `entries` are (name, content).
std::string ZipOf(
    const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t error;
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* zip = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  zip_source_keep(out);
  for (const auto& [name, text] : entries) {
    zip_file_add(zip, name.c_str(),
                 zip_source_buffer(zip, text.data(), text.size(), 0),
                 ZIP_FL_OVERWRITE);
  }
  zip_close(zip);
  zip_source_open(out);
  zip_stat_t stat;
  zip_source_stat(out, &stat);
  std::string bytes(stat.size, '\0');
  zip_source_read(out, bytes.data(), stat.size);
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

constexpr char kOneSheet[] =
    "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"a\"/>"
    "</sheets></workbook>";
constexpr char kOneSheetRels[] =
    "<Relationships><Relationship Id=\"a\" Type=\"t/worksheet\" "
    "Target=\"s.xml\"/></Relationships>";

// A workbook of one sheet, S, whose XML is `sheet_xml`.
std::string OneSheetWorkbook(const std::string& sheet_xml) {
  return ZipOf({{"xl/workbook.xml", kOneSheet},
                {"xl/_rels/workbook.xml.rels", kOneSheetRels},
                {"xl/s.xml", sheet_xml}});
}

TEST(XlsxReaderTest, WorkbookPartNamedByThePackageRelationships) {
  const std::string package =
      "<Relationships><Relationship Id=\"x\" Type=\"http://purl.oclc.org/"
      "ooxml/officeDocument/relationships/officeDocument\" "
      "Target=\"/book/main.xml\"/></Relationships>";
  const std::string rels =
      "<Relationships><Relationship Id=\"a\" Type=\"t/worksheet\" "
      "Target=\"../sheets/one.xml\"/><Relationship Id=\"b\" "
      "Type=\"t/sharedStrings\" Target=\"words.xml\"/></Relationships>";
  absl::StatusOr<XlsxReader> reader = XlsxReader::Open(
      "w.xlsx",
      ZipOf({{"_rels/.rels", package},
             {"book/main.xml", kOneSheet},
             {"book/_rels/main.xml.rels", rels},
             {"book/words.xml", "<sst><si><t>hello</t></si></sst>"},
             {"sheets/one.xml",
              "<worksheet><sheetData><row><c t=\"s\"><v>0</v></c></row>"
              "</sheetData></worksheet>"}}));
  ASSERT_TRUE(reader.ok()) << reader.status();
  absl::StatusOr<Rows> rows = ReadSheet(*reader, "S");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, (Rows{{1, {"A1 s=hello"}}}));
}

TEST(XlsxReaderTest, MalformedIndexParts) {
  static const struct {
    const char* what;
    std::vector<std::pair<std::string, std::string>> entries;
    const char* message;
  } kCases[] = {
      {"workbook.xml",
       {{"xl/workbook.xml", "<workbook><sheets></workbook>"}},
       "w.xlsx: not an xlsx workbook: xl/workbook.xml: malformed XML at line "
       "1, column 21: mismatched tag"},
      {"a sheet without a name",
       {{"xl/workbook.xml", "<workbook><sheets><sheet/></sheets></workbook>"}},
       "w.xlsx: not an xlsx workbook: xl/workbook.xml: sheet 1 has no name"},
      {"relationships",
       {{"xl/workbook.xml", kOneSheet},
        {"xl/_rels/workbook.xml.rels", "<Relationships>"}},
       "w.xlsx: not an xlsx workbook: xl/_rels/workbook.xml.rels: malformed "
       "XML at line 1, column 16: no element found"},
      {"package relationships",
       {{"_rels/.rels", "<?xml version=\"1.0\"?><a></b>"},
        {"xl/workbook.xml", kOneSheet}},
       "w.xlsx: not an xlsx workbook: _rels/.rels: malformed XML at line 1, "
       "column 27: mismatched tag"},
      {"shared strings",
       {{"xl/workbook.xml", kOneSheet},
        {"xl/_rels/workbook.xml.rels", kOneSheetRels},
        {"xl/sharedStrings.xml", "<sst><si><t>a</si></sst>"}},
       "w.xlsx: xl/sharedStrings.xml: malformed XML at line 1, column 16: "
       "mismatched tag"},
      {"shared string inside another",
       {{"xl/workbook.xml", kOneSheet},
        {"xl/_rels/workbook.xml.rels", kOneSheetRels},
        {"xl/sharedStrings.xml", "<sst><si><si/></si></sst>"}},
       "w.xlsx: xl/sharedStrings.xml: a shared string inside another"},
  };
  for (const auto& c : kCases) {
    const absl::StatusOr<XlsxReader> reader =
        XlsxReader::Open("w.xlsx", ZipOf(c.entries));
    EXPECT_EQ(reader.status().code(), absl::StatusCode::kInvalidArgument)
        << c.what;
    EXPECT_EQ(Message(reader.status()), c.message) << c.what;
  }
}

TEST(XlsxReaderTest, HostileXml) {
  static const struct {
    const char* what;
    std::string xml;
    const char* message;
  } kCases[] = {
      {"entity expansion",
       "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
       "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is>"
       "</c></row></sheetData></worksheet>",
       "w.xlsx:S: xl/s.xml: malformed XML at line 1: a document type "
       "declaration "
       "(DOCTYPE) is not accepted"},
      {"deep nesting",
       "<worksheet><sheetData>" +
           [] {
             std::string deep;
             for (int i = 0; i < 300; ++i) deep += "<a>";
             return deep;
           }(),
       "w.xlsx:S: xl/s.xml: malformed XML at line 1: elements nested deeper "
       "than 256"},
      {"a cell outside a row",
       "<worksheet><sheetData><c><v>1</v></c></sheetData></worksheet>",
       "w.xlsx:S: a cell outside a row"},
      {"a row in a row",
       "<worksheet><sheetData><row><row/></row></sheetData></worksheet>",
       "w.xlsx:S: row 1: a row inside another row"},
      {"two values",
       "<worksheet><sheetData><row><c><v>1</v><v>2</v></c></row></sheetData>"
       "</worksheet>",
       "w.xlsx:S!A1: more than one value"},
      {"past the last row",
       "<worksheet><sheetData><row r=\"1048576\"/><row/></sheetData>"
       "</worksheet>",
       "w.xlsx:S: a row after row 1048576, the last a sheet has"},
      {"past the last column",
       "<worksheet><sheetData><row><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c>"
       "</row></sheetData></worksheet>",
       "w.xlsx:S: row 1: a cell after column XFD, the last a sheet has"},
      {"a long bad reference, shown cut short",
       "<worksheet><sheetData><row><c r=\"" + std::string(100, 'Q') +
           "\"><v>1</v></c></row></sheetData></worksheet>",
       "w.xlsx:S: row 1: cell reference "
       "'QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
       "...' is not one from A1 to XFD1048576"},
      {"unclosed", "<worksheet><sheetData><row><c><v>1</v></c></row>",
       "w.xlsx:S: xl/s.xml: malformed XML at line 1, column 49: no element "
       "found (after "
       "row 1)"},
  };
  for (const auto& c : kCases) {
    absl::StatusOr<XlsxReader> reader =
        XlsxReader::Open("w.xlsx", OneSheetWorkbook(c.xml));
    ASSERT_TRUE(reader.ok()) << c.what << ": " << reader.status();
    const absl::Status status = ReadSheet(*reader, "S").status();
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(Message(status), c.message) << c.what;
  }
}

TEST(XlsxReaderTest, AnEndlessTagIsRefusedNotBuffered) {
  // A 20 MB attribute value deflates to a few KB; expat would buffer it all.
  const std::string xml = "<worksheet><sheetData><row r=\"" +
                          std::string(20 << 20, '1') +
                          "\"/></sheetData></worksheet>";
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open("w.xlsx", OneSheetWorkbook(xml));
  ASSERT_TRUE(reader.ok()) << reader.status();
  const absl::Status status = ReadSheet(*reader, "S").status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(status),
              HasSubstr("w.xlsx:S: xl/s.xml: malformed XML at line 1: "));
  EXPECT_THAT(Message(status), HasSubstr(" bytes without an element or text"));
}

TEST(XlsxReaderTest, ConcurrentReadsOfOneReader) {
  const XlsxReader reader = OpenOrDie("traps.xlsx");
  const absl::StatusOr<Rows> expected = ReadSheet(reader, "Cells");
  ASSERT_TRUE(expected.ok()) << expected.status();
  std::vector<absl::StatusOr<Rows>> results(4, Rows());
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&reader, &results, i] {
      for (int k = 0; k < 20 && results[i].ok(); ++k) {
        results[i] = ReadSheet(reader, i % 2 == 0 ? "Cells" : "Strings");
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int i = 0; i < 4; ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].status();
    if (i % 2 == 0) {
      EXPECT_EQ(*results[i], *expected);
    } else {
      EXPECT_EQ(results[i]->size(), 9u);
    }
  }
}

TEST(XlsxReaderTest, WorkbookWithoutSharedStringsOrSheetData) {
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open("w.xlsx", OneSheetWorkbook("<worksheet/>"));
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ(reader->shared_string_count(), 0u);
  absl::StatusOr<Rows> rows = ReadSheet(*reader, "S");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_THAT(*rows, IsEmpty());
}

TEST(XlsxReaderTest, ABigSheetStreams) {
  // More than one 64 KiB chunk of XML, with cells split across chunks.
  std::string xml = "<worksheet><sheetData>";
  for (int r = 1; r <= 5000; ++r) {
    absl::StrAppend(&xml, "<row r=\"", r, "\"><c r=\"A", r, "\"><v>", r * 7,
                    "</v></c><c r=\"C", r, "\" t=\"inlineStr\"><is><t>row ", r,
                    "</t></is></c></row>");
  }
  xml += "</sheetData></worksheet>";
  ASSERT_GT(xml.size(), 3 * 64 * 1024u);
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open("w.xlsx", OneSheetWorkbook(xml));
  ASSERT_TRUE(reader.ok()) << reader.status();
  int count = 0;
  const absl::Status status =
      reader->ReadRows("S", [&](int row, absl::Span<const XlsxCell> cells) {
        ++count;
        EXPECT_EQ(row, count);
        EXPECT_EQ(cells.size(), 2u);
        if (cells.size() == 2) {
          EXPECT_EQ(cells[0].text, std::to_string(row * 7));
          EXPECT_EQ(cells[1].column, 2);
          EXPECT_EQ(cells[1].text, absl::StrCat("row ", row));
        }
        return absl::OkStatus();
      });
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_EQ(count, 5000);
}

// Everything a read hands out, in order, and how it ended.
struct Read {
  std::vector<std::string> rows;  // "7: B7 s=text | C7 n=2 f"
  std::string status;
  XlsxReadStats stats;
};

Read ReadWith(const std::string& bytes, absl::string_view sheet, int threads,
              size_t chunk_bytes, int stop_at_row = 0) {
  XlsxReaderOptions options;
  options.threads = threads;
  options.chunk_bytes = chunk_bytes;
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open("w.xlsx", bytes, options);
  Read read;
  if (!reader.ok()) {
    read.status = reader.status().ToString();
    return read;
  }
  const absl::Status status = reader->ReadRows(
      sheet,
      [&](int row, absl::Span<const XlsxCell> cells) {
        if (row == stop_at_row) return absl::CancelledError("stop here");
        std::string line = absl::StrCat(row, ":");
        for (const XlsxCell& cell : cells) {
          absl::StrAppend(&line, " ", ColumnName(cell.column), row, " ",
                          TypeName(cell.type), "=", cell.text,
                          cell.formula ? " f" : "", " |");
        }
        read.rows.push_back(line);
        return absl::OkStatus();
      },
      &read.stats);
  read.status = status.ToString();
  return read;
}

void ExpectSameAsOneThread(const std::string& bytes, absl::string_view sheet,
                           const std::string& what) {
  const Read one = ReadWith(bytes, sheet, 1, size_t{1} << 20);
  EXPECT_EQ(one.stats.pieces, 0u) << what;
  for (int threads : {2, 4}) {
    for (size_t chunk : {size_t{1}, size_t{40}, size_t{300}, size_t{5000}}) {
      const Read many = ReadWith(bytes, sheet, threads, chunk);
      EXPECT_EQ(many.rows, one.rows)
          << what << ", " << threads << " threads, pieces of " << chunk;
      EXPECT_EQ(many.status, one.status)
          << what << ", " << threads << " threads, pieces of " << chunk;
    }
  }
}

// A sheet of `rows` rows, each with a shared string, a number, an inline
// string and a formula, and every tenth row left out.
std::string ManyRows(int rows, const std::string& row_extra = "") {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"http://"
      "schemas.openxmlformats.org/spreadsheetml/2006/main\"><dimension "
      "ref=\"A1:D9\"/><sheetData>";
  for (int r = 1; r <= rows; ++r) {
    if (r % 10 == 0) continue;
    absl::StrAppend(&xml, "<row r=\"", r, "\" spans=\"1:4\"><c r=\"A", r,
                    "\" t=\"s\"><v>", r % 2, "</v></c><c r=\"B", r, "\"><v>",
                    r * 7, ".25</v></c><c r=\"D", r,
                    "\" t=\"inlineStr\"><is><t>row &amp; ", r,
                    "</t></is></c><c r=\"C", r, "\" t=\"str\"><f>A", r,
                    "</f><v>x_x0041_</v></c>", row_extra, "</row>\n");
  }
  xml += "</sheetData><mergeCells count=\"0\"/></worksheet>";
  return xml;
}

std::string WithStrings(const std::string& sheet_xml) {
  return ZipOf({{"xl/workbook.xml", kOneSheet},
                {"xl/_rels/workbook.xml.rels", kOneSheetRels},
                {"xl/sharedStrings.xml",
                 "<sst><si><t>zero</t></si><si><t>one</t></si></sst>"},
                {"xl/s.xml", sheet_xml}});
}

TEST(XlsxReaderPiecesTest, ABigSheetInPiecesReadsAsOnOneThread) {
  const std::string bytes = WithStrings(ManyRows(3000));
  const Read one = ReadWith(bytes, "S", 1, size_t{1} << 20);
  ASSERT_EQ(one.status, "OK");
  ASSERT_EQ(one.rows.size(), 2700u);
  EXPECT_EQ(one.rows[1],
            "2: A2 s=zero | B2 n=14.25 | C2 str=xA f | D2 inline=row & 2 |");
  for (int threads : {2, 3, 4}) {
    const Read many = ReadWith(bytes, "S", threads, 4096);
    EXPECT_EQ(many.status, "OK");
    EXPECT_EQ(many.rows, one.rows) << threads;
    // Cut into pieces, and every piece read as cut.
    EXPECT_GT(many.stats.pieces, 20u) << threads;
    EXPECT_FALSE(many.stats.read_sequentially_after_pieces) << threads;
  }
  // A sheet smaller than a piece is read on the calling thread.
  EXPECT_EQ(ReadWith(bytes, "S", 4, size_t{4} << 20).stats.pieces, 0u);
}

TEST(XlsxReaderPiecesTest, TheTestWorkbooksReadAsOnOneThread) {
  for (const char* name : {"basic.xlsx", "traps.xlsx", "errors.xlsx"}) {
    const std::string bytes = ReadFile(name);
    const XlsxReader reader = OpenOrDie(name);
    for (const std::string& sheet : reader.sheet_names()) {
      ExpectSameAsOneThread(bytes, sheet, absl::StrCat(name, ":", sheet));
    }
  }
}

TEST(XlsxReaderPiecesTest, RowStartsThatAreNotRowsAreCaught) {
  // "<row " cannot be in escaped text or an attribute value ('<' is
  // written &lt; there), but it can be in a comment, a CDATA section or a
  // processing instruction. A cut there leaves its piece unfinished, which
  // its parser reports, and the sheet is read sequentially.
  static const struct {
    const char* what;
    const char* extra;
  } kCases[] = {
      {"comment", "<!-- <row r=\"1\"><c><v>9</v></c></row> -->"},
      {"CDATA",
       "<c r=\"E1\" t=\"str\"><v><![CDATA[a <row r=\"9\"> b]]></v></c>"},
      {"processing instruction", "<?note <row r=\"2\"/> ?>"},
  };
  for (const auto& c : kCases) {
    std::string xml = ManyRows(200);
    // In one row only, far enough in to be in a later piece.
    const std::string at = "<row r=\"151\"";
    const size_t row = xml.find(at);
    ASSERT_NE(row, std::string::npos);
    const size_t end = xml.find("</row>", row);
    std::string extra = c.extra;
    // The CDATA cell goes in column E of its row.
    absl::StrReplaceAll({{"E1\"", "E151\""}}, &extra);
    xml.insert(end, extra);
    const std::string bytes = WithStrings(xml);
    ExpectSameAsOneThread(bytes, "S", c.what);
    const Read one = ReadWith(bytes, "S", 1, 1);
    ASSERT_EQ(one.status, "OK") << c.what;
    const Read cut = ReadWith(bytes, "S", 2, 1);
    EXPECT_TRUE(cut.stats.read_sequentially_after_pieces) << c.what;
    EXPECT_GT(cut.stats.pieces, 1u) << c.what;
    EXPECT_EQ(cut.rows, one.rows) << c.what;
  }
  // The CDATA text itself comes through.
  std::string xml = ManyRows(20);
  xml.insert(xml.find("</row>"),
             "<c r=\"E1\" t=\"str\"><v><![CDATA[a <row r=\"9\"> b]]></v></c>");
  const Read read = ReadWith(WithStrings(xml), "S", 2, 1);
  ASSERT_FALSE(read.rows.empty());
  EXPECT_THAT(read.rows[0], HasSubstr("E1 str=a <row r=\"9\"> b |"));
}

TEST(XlsxReaderPiecesTest, RowsThatDependOnTheRowBefore) {
  // Unnumbered rows count on from the previous one, which a piece does not
  // know; rows that descend across a cut; rows before the first "<row ".
  const std::string unnumbered =
      "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>"
      "<row ><c><v>2</v></c></row><row ><c><v>3</v></c></row>"
      "<row r=\"7\"><c><v>7</v></c></row><row ><c><v>8</v></c></row>"
      "</sheetData></worksheet>";
  const std::string descending =
      "<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>"
      "<row r=\"5\"><c><v>5</v></c></row><row r=\"3\"><c><v>3</v></c></row>"
      "</sheetData></worksheet>";
  const std::string before =
      "<worksheet><sheetData><row><c><v>1</v></c></row>"
      "<row\tr=\"2\"><c><v>2</v></c></row><row r=\"3\"><c><v>3</v></c></row>"
      "<row r=\"4\"><c><v>4</v></c></row></sheetData></worksheet>";
  for (const std::string* xml : {&unnumbered, &descending, &before}) {
    ExpectSameAsOneThread(WithStrings(*xml), "S", *xml);
  }
  EXPECT_EQ(ReadWith(WithStrings(unnumbered), "S", 1, 1).rows.size(), 5u);
  EXPECT_EQ(ReadWith(WithStrings(descending), "S", 2, 1).status,
            "INVALID_ARGUMENT: w.xlsx:S: row 3 comes after row 5: rows must "
            "ascend");
  EXPECT_EQ(ReadWith(WithStrings(before), "S", 2, 1).rows.size(), 4u);
}

TEST(XlsxReaderPiecesTest, AnErrorInALaterPieceComesAtItsRow) {
  std::string xml = ManyRows(3000);
  const size_t row = xml.find("<row r=\"2501\"");
  ASSERT_NE(row, std::string::npos);
  xml.replace(xml.find("<v>", row), 5, "<v>7</v>");  // Shared string 7.
  const std::string bytes = WithStrings(xml);
  const Read one = ReadWith(bytes, "S", 1, size_t{1} << 20);
  EXPECT_EQ(one.status,
            "INVALID_ARGUMENT: w.xlsx:S!A2501: shared string '7' is not one "
            "of the 2 in the file");
  EXPECT_EQ(one.rows.size(), 2250u);
  const Read many = ReadWith(bytes, "S", 2, 4096);
  EXPECT_EQ(many.status, one.status);
  EXPECT_EQ(many.rows, one.rows);
  EXPECT_GT(many.stats.pieces, 10u);
  EXPECT_TRUE(many.stats.read_sequentially_after_pieces);

  // Malformed XML: the same line, column and row as read sequentially.
  std::string broken = ManyRows(3000);
  broken.replace(broken.find("</row>", broken.find("<row r=\"2001\"")), 6,
                 "</rox>");
  ExpectSameAsOneThread(WithStrings(broken), "S", "malformed");
  EXPECT_THAT(ReadWith(WithStrings(broken), "S", 2, 4096).status,
              HasSubstr("mismatched tag (in row 2001)"));
}

TEST(XlsxReaderPiecesTest, TheCallbackStopsAReadInPieces) {
  const std::string bytes = WithStrings(ManyRows(3000));
  const Read many = ReadWith(bytes, "S", 2, 4096, /*stop_at_row=*/1501);
  EXPECT_EQ(many.status, "CANCELLED: stop here");
  EXPECT_EQ(many.rows.size(), 1350u);  // Rows 1 to 1500, less 150 absent.
  EXPECT_GT(many.stats.pieces, 1u);
  EXPECT_FALSE(many.stats.read_sequentially_after_pieces);
}

}  // namespace
}  // namespace remit
