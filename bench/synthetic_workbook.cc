#include "bench/synthetic_workbook.h"

#include <zip.h>

#include <cstdint>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace remit::bench {
namespace {

constexpr char kMainNs[] =
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelNs[] =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr char kPackageRelNs[] =
    "http://schemas.openxmlformats.org/package/2006/relationships";

std::string Escape(absl::string_view text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}});
}

std::string ColumnLetters(int column) {
  std::string letters;
  for (int n = column + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

// Adds `entries` (name, bytes) to a new zip in memory and returns it.
absl::StatusOr<std::string> Zip(
    const std::vector<std::pair<std::string, const std::string*>>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (out == nullptr) return absl::InternalError(zip_error_strerror(&error));
  zip_t* zip = zip_open_from_source(out, ZIP_TRUNCATE, &error);
  if (zip == nullptr) {
    zip_source_free(out);
    return absl::InternalError(zip_error_strerror(&error));
  }
  zip_source_keep(out);
  for (const auto& [name, bytes] : entries) {
    zip_source_t* source =
        zip_source_buffer(zip, bytes->data(), bytes->size(), 0);
    const zip_int64_t index =
        source == nullptr ? -1
                          : zip_file_add(zip, name.c_str(), source,
                                         ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      if (source != nullptr) zip_source_free(source);
      const std::string message = zip_strerror(zip);
      zip_discard(zip);
      zip_source_free(out);
      return absl::InternalError(message);
    }
    zip_set_file_compression(zip, index, ZIP_CM_DEFLATE, 6);
    zip_file_set_mtime(zip, index, 315532800, 0);  // 1980-01-01: fixed.
  }
  if (zip_close(zip) != 0) {
    const std::string message = zip_strerror(zip);
    zip_discard(zip);
    zip_source_free(out);
    return absl::InternalError(message);
  }
  zip_stat_t stat;
  std::string bytes;
  if (zip_source_open(out) != 0 || zip_source_stat(out, &stat) != 0) {
    zip_source_free(out);
    return absl::InternalError("cannot read the zip written in memory");
  }
  bytes.resize(stat.size);
  const zip_int64_t got = zip_source_read(out, bytes.data(), stat.size);
  zip_source_close(out);
  zip_source_free(out);
  if (got < 0 || static_cast<zip_uint64_t>(got) != stat.size) {
    return absl::InternalError("short read of the zip written in memory");
  }
  return bytes;
}

}  // namespace

SheetXmlWriter::SheetXmlWriter() {
  absl::StrAppend(&xml_,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                  "standalone=\"yes\"?>\n<worksheet xmlns=\"",
                  kMainNs, "\" xmlns:r=\"", kRelNs, "\"><sheetData>");
}

void SheetXmlWriter::StartRow(int row) {
  row_ = row;
  absl::StrAppend(&xml_, "<row r=\"", row, "\">");
}

void SheetXmlWriter::CellStart(int column, const char* type) {
  absl::StrAppend(&xml_, "<c r=\"", ColumnLetters(column), row_, "\"", type,
                  ">");
}

void SheetXmlWriter::Number(int column, absl::string_view text) {
  CellStart(column, "");
  absl::StrAppend(&xml_, "<v>", Escape(text), "</v></c>");
}

void SheetXmlWriter::SharedString(int column, int index) {
  CellStart(column, " t=\"s\"");
  absl::StrAppend(&xml_, "<v>", index, "</v></c>");
}

void SheetXmlWriter::InlineString(int column, absl::string_view text) {
  CellStart(column, " t=\"inlineStr\"");
  absl::StrAppend(&xml_, "<is><t>", Escape(text), "</t></is></c>");
}

void SheetXmlWriter::EndRow() { xml_ += "</row>"; }

std::string SheetXmlWriter::Finish() {
  xml_ += "</sheetData></worksheet>";
  return std::move(xml_);
}

int XlsxBuilder::SharedString(absl::string_view text) {
  const auto [it, added] =
      string_index_.emplace(std::string(text), strings_.size());
  if (added) strings_.emplace_back(text);
  return it->second;
}

void XlsxBuilder::AddSheet(std::string name, std::string sheet_xml) {
  sheets_.emplace_back(std::move(name), std::move(sheet_xml));
}

absl::StatusOr<std::string> XlsxBuilder::Build() const {
  const std::string header =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  std::string types = absl::StrCat(
      header,
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
      "content-types\"><Default Extension=\"rels\" ContentType=\"application/"
      "vnd.openxmlformats-package.relationships+xml\"/><Default "
      "Extension=\"xml\" ContentType=\"application/xml\"/>");
  std::string workbook = absl::StrCat(header, "<workbook xmlns=\"", kMainNs,
                                      "\" xmlns:r=\"", kRelNs, "\"><sheets>");
  std::string rels =
      absl::StrCat(header, "<Relationships xmlns=\"", kPackageRelNs, "\">");
  std::vector<std::string> parts;
  for (size_t i = 0; i < sheets_.size(); ++i) {
    const std::string part = absl::StrCat("worksheets/sheet", i + 1, ".xml");
    absl::StrAppend(&workbook, "<sheet name=\"", Escape(sheets_[i].first),
                    "\" sheetId=\"", i + 1, "\" r:id=\"rId", i + 1, "\"/>");
    absl::StrAppend(&rels, "<Relationship Id=\"rId", i + 1, "\" Type=\"",
                    kRelNs, "/worksheet\" Target=\"", part, "\"/>");
    absl::StrAppend(&types, "<Override PartName=\"/xl/", part,
                    "\" ContentType=\"application/vnd.openxmlformats-"
                    "officedocument.spreadsheetml.worksheet+xml\"/>");
    parts.push_back("xl/" + part);
  }
  absl::StrAppend(&workbook, "</sheets></workbook>");
  absl::StrAppend(&rels, "<Relationship Id=\"rId", sheets_.size() + 1,
                  "\" Type=\"", kRelNs,
                  "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                  "</Relationships>");
  absl::StrAppend(&types,
                  "<Override PartName=\"/xl/workbook.xml\" ContentType=\""
                  "application/vnd.openxmlformats-officedocument."
                  "spreadsheetml.sheet.main+xml\"/></Types>");
  const std::string package_rels = absl::StrCat(
      header, "<Relationships xmlns=\"", kPackageRelNs,
      "\"><Relationship Id=\"rId1\" Type=\"", kRelNs,
      "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
  std::string strings =
      absl::StrCat(header, "<sst xmlns=\"", kMainNs, "\" uniqueCount=\"",
                   strings_.size(), "\">");
  for (const std::string& s : strings_) {
    absl::StrAppend(&strings, "<si><t>", Escape(s), "</t></si>");
  }
  strings += "</sst>";

  std::vector<std::pair<std::string, const std::string*>> entries = {
      {"[Content_Types].xml", &types},    {"_rels/.rels", &package_rels},
      {"xl/workbook.xml", &workbook},     {"xl/_rels/workbook.xml.rels", &rels},
      {"xl/sharedStrings.xml", &strings},
  };
  for (size_t i = 0; i < sheets_.size(); ++i) {
    entries.emplace_back(parts[i], &sheets_[i].second);
  }
  return Zip(entries);
}

const std::vector<std::string>& RpwColumns() {
  static const auto* const kColumns =
      new std::vector<std::string>{"id",
                                   "period",
                                   "source_code",
                                   "source_name",
                                   "source_region",
                                   "source_income",
                                   "source_lending",
                                   "source_G8G20",
                                   "destination_code",
                                   "destination_name",
                                   "destination_region",
                                   "destination_income",
                                   "destination_lending",
                                   "destination_G8G20",
                                   "firm",
                                   "firm_type",
                                   "payment instrument",
                                   "access point",
                                   "speed actual",
                                   "cc1 lcu amount",
                                   "cc1 denomination amount",
                                   "cc1 lcu code",
                                   "cc1 lcu fee",
                                   "cc1 lcu fx rate",
                                   "cc1 fx margin",
                                   "cc1 total cost %",
                                   "cc2 lcu amount",
                                   "cc2 denomination amount",
                                   "cc2 lcu code",
                                   "cc2 lcu fee",
                                   "cc2 lcu fx rate",
                                   "cc2 fx margin",
                                   "cc2 total cost %",
                                   "inter lcu bank fx",
                                   "transparent",
                                   "Standard Note",
                                   "note2",
                                   "receiving network coverage",
                                   "pickup location",
                                   "pickup method",
                                   "date",
                                   "corridor"};
  return *kColumns;
}

absl::StatusOr<SyntheticWorkbook> MakeRpwShapedWorkbook(int rows) {
  // What each column holds: a label from a pool of this many, or a number.
  enum Kind { kId, kLabel, kNumber, kDateSerial, kNote };
  struct Column {
    Kind kind;
    int pool = 0;  // Labels: how many distinct values.
  };
  static const Column kShape[42] = {
      {kId},         {kLabel, 36},  {kLabel, 48}, {kLabel, 48},  {kLabel, 7},
      {kLabel, 4},   {kLabel, 3},   {kLabel, 2},  {kLabel, 105}, {kLabel, 105},
      {kLabel, 7},   {kLabel, 4},   {kLabel, 3},  {kLabel, 2},   {kLabel, 1500},
      {kLabel, 11},  {kLabel, 6},   {kLabel, 5},  {kLabel, 9},   {kNumber},
      {kNumber},     {kLabel, 48},  {kNumber},    {kNumber},     {kNumber},
      {kNumber},     {kNumber},     {kNumber},    {kLabel, 48},  {kNumber},
      {kNumber},     {kNumber},     {kNumber},    {kNumber},     {kLabel, 3},
      {kNote},       {kNote},       {kLabel, 5},  {kLabel, 12},  {kLabel, 6},
      {kDateSerial}, {kLabel, 400},
  };
  const std::vector<std::string>& names = RpwColumns();
  XlsxBuilder builder;
  SheetXmlWriter sheet;
  sheet.StartRow(1);
  for (int c = 0; c < 42; ++c)
    sheet.SharedString(c, builder.SharedString(names[c]));
  sheet.EndRow();
  std::mt19937_64 random(20240514);
  for (int r = 0; r < rows; ++r) {
    sheet.StartRow(r + 2);
    for (int c = 0; c < 42; ++c) {
      const Column& column = kShape[c];
      const uint64_t draw = random();
      switch (column.kind) {
        case kId:
          sheet.Number(c, absl::StrCat(r + 1));
          break;
        case kLabel:
          sheet.SharedString(
              c,
              builder.SharedString(absl::StrCat(
                  names[c], " ", draw % static_cast<uint64_t>(column.pool))));
          break;
        case kNumber: {
          const double value = static_cast<double>(draw % 10000000) / 997.0;
          const std::string text = absl::StrFormat("%.17g", value);
          if (draw % 8 == 3) {  // Stored as text, as whole quarters are.
            sheet.SharedString(
                c, builder.SharedString(absl::StrFormat("%.2f", value)));
          } else {
            sheet.Number(c, text);
          }
          break;
        }
        case kDateSerial:
          sheet.Number(c, absl::StrCat(42491 + draw % 3500));
          break;
        case kNote:  // Mostly empty: left out of the XML.
          if (draw % 10 == 0) {
            sheet.SharedString(
                c, builder.SharedString(absl::StrCat("note ", draw % 50)));
          }
          break;
      }
    }
    sheet.EndRow();
  }
  SyntheticWorkbook book;
  book.sheet_name = "Dataset (from Q2 2016)";
  book.sheet_part = "xl/worksheets/sheet1.xml";
  book.rows = rows;
  std::string xml = sheet.Finish();
  book.sheet_xml_bytes = xml.size();
  builder.AddSheet(book.sheet_name, std::move(xml));
  absl::StatusOr<std::string> bytes = builder.Build();
  if (!bytes.ok()) return bytes.status();
  book.bytes = *std::move(bytes);
  return book;
}

}  // namespace remit::bench
