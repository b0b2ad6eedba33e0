#include "bench/synthetic_workbook.h"

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <random>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/time/civil_time.h"

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
                  "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/"
                  "sharedStrings.xml\" ContentType=\"application/"
                  "vnd.openxmlformats-officedocument.spreadsheetml."
                  "sharedStrings+xml\"/></Types>");
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
  book.sheets.push_back(
      {book.sheet_name, book.sheet_part, book.sheet_xml_bytes, rows});
  return book;
}

const std::vector<std::string>& RpwOldColumns() {
  static const auto* const kColumns = [] {
    auto* columns = new std::vector<std::string>(RpwColumns().begin(),
                                                 RpwColumns().begin() + 35);
    (*columns)[16] = "product";
    (*columns)[17] = "sending location";
    for (const char* name :
         {"note1", "note2", "coverage", "pick-up method", "date", "corridor"}) {
      columns->push_back(name);
    }
    return columns;
  }();
  return *kColumns;
}

namespace {

// A country as RPW's rows describe it, with its currency and roughly how
// many units of it a US dollar buys.
struct Country {
  const char* code;  // As in RPW's code columns (Kosovo: KSV).
  const char* name;
  const char* region;
  const char* income;
  const char* lending;
  const char* g8g20;
  const char* currency;
  double per_usd;
};

constexpr Country kSenders[] = {
    {"USA", "United States", "North America", "High income", "..", "G8G20",
     "USD", 1},
    {"GBR", "United Kingdom", "Europe & Central Asia", "High income", "..",
     "G8G20", "GBP", 0.79},
    {"DEU", "Germany", "Europe & Central Asia", "High income", "..", "G8G20",
     "EUR", 0.92},
    {"FRA", "France", "Europe & Central Asia", "High income", "..", "G8G20",
     "EUR", 0.92},
    {"ITA", "Italy", "Europe & Central Asia", "High income", "..", "G8G20",
     "EUR", 0.92},
    {"ESP", "Spain", "Europe & Central Asia", "High income", "..", "", "EUR",
     0.92},
    {"NLD", "Netherlands", "Europe & Central Asia", "High income", "..", "",
     "EUR", 0.92},
    {"BEL", "Belgium", "Europe & Central Asia", "High income", "..", "", "EUR",
     0.92},
    {"CAN", "Canada", "North America", "High income", "..", "G8G20", "CAD",
     1.36},
    {"AUS", "Australia", "East Asia & Pacific", "High income", "..", "G20",
     "AUD", 1.52},
    {"NZL", "New Zealand", "East Asia & Pacific", "High income", "..", "",
     "NZD", 1.65},
    {"JPN", "Japan", "East Asia & Pacific", "High income", "..", "G8G20", "JPY",
     150},
    {"KOR", "Korea, Rep.", "East Asia & Pacific", "High income", "..", "G20",
     "KRW", 1330},
    {"SGP", "Singapore", "East Asia & Pacific", "High income", "..", "", "SGD",
     1.34},
    {"SAU", "Saudi Arabia", "Middle East & North Africa", "High income", "..",
     "G20", "SAR", 3.75},
    {"ARE", "United Arab Emirates", "Middle East & North Africa", "High income",
     "..", "", "AED", 3.67},
    {"QAT", "Qatar", "Middle East & North Africa", "High income", "..", "",
     "QAR", 3.64},
    {"KWT", "Kuwait", "Middle East & North Africa", "High income", "..", "",
     "KWD", 0.31},
    {"RUS", "Russian Federation", "Europe & Central Asia",
     "Upper middle income", "IBRD", "G8G20", "RUB", 90},
    {"ZAF", "South Africa", "Sub-Saharan Africa", "Upper middle income", "IBRD",
     "G20", "ZAR", 18.5},
    {"CHE", "Switzerland", "Europe & Central Asia", "High income", "..", "",
     "CHF", 0.88},
    {"SWE", "Sweden", "Europe & Central Asia", "High income", "..", "", "SEK",
     10.5},
    {"BRA", "Brazil", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "G20", "BRL", 5},
    {"CHN", "China", "East Asia & Pacific", "Upper middle income", "IBRD",
     "G20", "CNY", 7.2},
    {"THA", "Thailand", "East Asia & Pacific", "Upper middle income", "IBRD",
     "", "THB", 35},
    {"TZA", "Tanzania", "Sub-Saharan Africa", "Lower middle income", "IDA", "",
     "TZS", 2500},
    {"KEN", "Kenya", "Sub-Saharan Africa", "Lower middle income", "Blend", "",
     "KES", 130},
    {"NGA", "Nigeria", "Sub-Saharan Africa", "Lower middle income", "Blend", "",
     "NGN", 1500},
    {"ISR", "Israel", "Middle East & North Africa", "High income", "..", "",
     "ILS", 3.7},
    {"TUR", "Turkiye", "Europe & Central Asia", "Upper middle income", "IBRD",
     "G20", "TRY", 32},
    {"CHL", "Chile", "Latin America & Caribbean", "High income", "..", "",
     "CLP", 900},
    {"RWA", "Rwanda", "Sub-Saharan Africa", "Low income", "IDA", "", "RWF",
     1300},
};

constexpr Country kReceivers[] = {
    {"MEX", "Mexico", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "G20", "MXN", 17},
    {"PHL", "Philippines", "East Asia & Pacific", "Lower middle income", "IBRD",
     "", "PHP", 56},
    {"IND", "India", "South Asia", "Lower middle income", "IBRD", "G20", "INR",
     83},
    {"NGA", "Nigeria", "Sub-Saharan Africa", "Lower middle income", "Blend", "",
     "NGN", 1500},
    {"KEN", "Kenya", "Sub-Saharan Africa", "Lower middle income", "Blend", "",
     "KES", 130},
    {"GHA", "Ghana", "Sub-Saharan Africa", "Lower middle income", "IDA", "",
     "GHS", 12},
    {"PAK", "Pakistan", "South Asia", "Lower middle income", "Blend", "", "PKR",
     280},
    {"BGD", "Bangladesh", "South Asia", "Lower middle income", "IDA", "", "BDT",
     110},
    {"VNM", "Viet Nam", "East Asia & Pacific", "Lower middle income", "IBRD",
     "", "VND", 24500},
    {"CHN", "China", "East Asia & Pacific", "Upper middle income", "IBRD",
     "G20", "CNY", 7.2},
    {"GTM", "Guatemala", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "", "GTQ", 7.8},
    {"SLV", "El Salvador", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "", "USD", 1},
    {"HND", "Honduras", "Latin America & Caribbean", "Lower middle income",
     "IDA", "", "HNL", 24.7},
    {"DOM", "Dominican Republic", "Latin America & Caribbean",
     "Upper middle income", "IBRD", "", "DOP", 58},
    {"COL", "Colombia", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "", "COP", 3900},
    {"JAM", "Jamaica", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "", "JMD", 155},
    {"HTI", "Haiti", "Latin America & Caribbean", "Low income", "IDA", "",
     "HTG", 132},
    {"ECU", "Ecuador", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "", "USD", 1},
    {"PER", "Peru", "Latin America & Caribbean", "Upper middle income", "IBRD",
     "", "PEN", 3.7},
    {"BOL", "Bolivia", "Latin America & Caribbean", "Lower middle income",
     "IBRD", "", "BOB", 6.9},
    {"BRA", "Brazil", "Latin America & Caribbean", "Upper middle income",
     "IBRD", "G20", "BRL", 5},
    {"MAR", "Morocco", "Middle East & North Africa", "Lower middle income",
     "IBRD", "", "MAD", 10},
    {"EGY", "Egypt, Arab Rep.", "Middle East & North Africa",
     "Lower middle income", "IBRD", "", "EGP", 48},
    {"TUN", "Tunisia", "Middle East & North Africa", "Lower middle income",
     "IBRD", "", "TND", 3.1},
    {"LBN", "Lebanon", "Middle East & North Africa", "Lower middle income",
     "IBRD", "", "LBP", 89500},
    {"JOR", "Jordan", "Middle East & North Africa", "Upper middle income",
     "IBRD", "", "JOD", 0.71},
    {"TUR", "Turkiye", "Europe & Central Asia", "Upper middle income", "IBRD",
     "G20", "TRY", 32},
    {"POL", "Poland", "Europe & Central Asia", "High income", "..", "", "PLN",
     4},
    {"ROU", "Romania", "Europe & Central Asia", "High income", "..", "", "RON",
     4.6},
    {"UKR", "Ukraine", "Europe & Central Asia", "Lower middle income", "IBRD",
     "", "UAH", 39},
    {"ALB", "Albania", "Europe & Central Asia", "Upper middle income", "IBRD",
     "", "ALL", 93},
    {"KSV", "Kosovo", "Europe & Central Asia", "Upper middle income", "IDA", "",
     "EUR", 0.92},
    {"SRB", "Serbia", "Europe & Central Asia", "Upper middle income", "IBRD",
     "", "RSD", 108},
    {"GEO", "Georgia", "Europe & Central Asia", "Upper middle income", "IBRD",
     "", "GEL", 2.7},
    {"ARM", "Armenia", "Europe & Central Asia", "Upper middle income", "IBRD",
     "", "AMD", 390},
    {"TJK", "Tajikistan", "Europe & Central Asia", "Lower middle income", "IDA",
     "", "TJS", 10.9},
    {"KGZ", "Kyrgyz Republic", "Europe & Central Asia", "Lower middle income",
     "IDA", "", "KGS", 89},
    {"UZB", "Uzbekistan", "Europe & Central Asia", "Lower middle income",
     "Blend", "", "UZS", 12500},
    {"NPL", "Nepal", "South Asia", "Lower middle income", "IDA", "", "NPR",
     133},
    {"LKA", "Sri Lanka", "South Asia", "Lower middle income", "IBRD", "", "LKR",
     300},
    {"AFG", "Afghanistan", "South Asia", "Low income", "IDA", "", "AFN", 71},
    {"IDN", "Indonesia", "East Asia & Pacific", "Upper middle income", "IBRD",
     "G20", "IDR", 15700},
    {"THA", "Thailand", "East Asia & Pacific", "Upper middle income", "IBRD",
     "", "THB", 35},
    {"KHM", "Cambodia", "East Asia & Pacific", "Lower middle income", "IDA", "",
     "KHR", 4100},
    {"LAO", "Lao PDR", "East Asia & Pacific", "Lower middle income", "IDA", "",
     "LAK", 21000},
    {"FJI", "Fiji", "East Asia & Pacific", "Upper middle income", "IBRD", "",
     "FJD", 2.25},
    {"TON", "Tonga", "East Asia & Pacific", "Upper middle income", "IDA", "",
     "TOP", 2.35},
    {"WSM", "Samoa", "East Asia & Pacific", "Lower middle income", "IDA", "",
     "WST", 2.7},
    {"ETH", "Ethiopia", "Sub-Saharan Africa", "Low income", "IDA", "", "ETB",
     57},
    {"UGA", "Uganda", "Sub-Saharan Africa", "Low income", "IDA", "", "UGX",
     3800},
    {"TZA", "Tanzania", "Sub-Saharan Africa", "Lower middle income", "IDA", "",
     "TZS", 2500},
    {"RWA", "Rwanda", "Sub-Saharan Africa", "Low income", "IDA", "", "RWF",
     1300},
    {"ZMB", "Zambia", "Sub-Saharan Africa", "Lower middle income", "IDA", "",
     "ZMW", 26},
    {"ZWE", "Zimbabwe", "Sub-Saharan Africa", "Lower middle income", "Blend",
     "", "USD", 1},
    {"MOZ", "Mozambique", "Sub-Saharan Africa", "Low income", "IDA", "", "MZN",
     64},
    {"MWI", "Malawi", "Sub-Saharan Africa", "Low income", "IDA", "", "MWK",
     1700},
    {"SEN", "Senegal", "Sub-Saharan Africa", "Lower middle income", "IDA", "",
     "XOF", 605},
    {"MLI", "Mali", "Sub-Saharan Africa", "Low income", "IDA", "", "XOF", 605},
    {"CMR", "Cameroon", "Sub-Saharan Africa", "Lower middle income", "Blend",
     "", "XAF", 605},
    {"LSO", "Lesotho", "Sub-Saharan Africa", "Lower middle income", "IDA", "",
     "LSL", 18.5},
};

constexpr int kSenderCount = sizeof(kSenders) / sizeof(kSenders[0]);
constexpr int kReceiverCount = sizeof(kReceivers) / sizeof(kReceivers[0]);
constexpr int kCorridors = 367;  // As many as RPW surveys.
constexpr int kFirms = 1500;

constexpr const char* kFirmTypes[] = {
    "Bank",
    "Money Transfer Operator",
    "Post office",
    "Post Office",
    "Bank / Money Transfer Operator",
    "Money Transfer Operator / Post office",
    "Mobile Operator",
    "Non-Bank Financial Institution",
    "Bank / Post office",
    "Other",
    "Building Society",
};
constexpr const char* kSpeeds[] = {
    "Less than one hour", "Same day",       "Next day", "2 days",
    "3-5 days",           "6 days or more", "Next Day", "less than one hour",
    "1-3 days",
};
constexpr const char* kInstruments[] = {"Cash",          "Bank account",
                                        "Debit card",    "Credit card",
                                        "Mobile wallet", "Online banking"};
constexpr const char* kProducts[] = {"Cash to cash", "Account to account",
                                     "Cash to account", "Account to cash",
                                     "Card to cash"};
constexpr const char* kAccessPoints[] = {"Agent", "Branch", "Internet",
                                         "Mobile app", "Call center"};
constexpr const char* kSendingLocations[] = {"Agent", "Branch", "Internet",
                                             "Post office"};
constexpr const char* kCoverages[] = {"High", "Medium", "Low", "low"};
constexpr const char* kOldCoverages[] = {"Nationwide", "Urban", "Rural",
                                         "Urban and rural"};
constexpr const char* kPickupLocations[] = {"Agent", "Bank branch", "Home",
                                            "Post office", "Mobile"};
constexpr const char* kPickupMethods[] = {"Cash", "Bank account",
                                          "Mobile money", "Home delivery"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kFirmWords[] = {
    "Atlas",   "Beacon",  "Cedar",   "Delta",  "Ember",    "Falcon", "Harbor",
    "Iris",    "Juniper", "Kestrel", "Lumen",  "Meridian", "Nimbus", "Orchid",
    "Pioneer", "Quartz",  "Ridge",   "Summit", "Tandem",   "Unity"};
constexpr const char* kFirmKinds[] = {"Remit", "Money Transfer", "Bank",
                                      "Express", "Pay"};

// Periods as RPW writes them, oldest first: 2011 and 2012 have 1Q and 3Q
// only, and 2025 has no 2Q.
std::vector<std::pair<int, int>> Periods() {
  std::vector<std::pair<int, int>> periods;
  for (int year = 2011; year <= 2025; ++year) {
    for (int quarter = 1; quarter <= 4; ++quarter) {
      if (year <= 2012 && quarter % 2 == 0) continue;
      if (year == 2025 && quarter >= 2 && quarter != 3) continue;
      periods.emplace_back(year, quarter);
    }
  }
  return periods;
}

// Writes one cell per column of an RPW row, numbers as Excel stores them
// or, 1 in 8, as text.
class RpwRowWriter {
 public:
  RpwRowWriter(XlsxBuilder* builder, SheetXmlWriter* sheet,
               std::mt19937_64* random)
      : builder_(builder), sheet_(sheet), random_(random) {}

  void Text(int column, absl::string_view text) {
    sheet_->SharedString(column, builder_->SharedString(text));
  }
  // `text` is the value as published ("200.00", "18.4523").
  void Number(int column, absl::string_view text) {
    if ((*random_)() % 8 == 0) {
      Text(column, text);
      return;
    }
    double value = 0;
    if (!absl::SimpleAtod(text, &value)) std::abort();
    sheet_->Number(column, absl::StrFormat("%.17g", value));
  }

 private:
  XlsxBuilder* builder_;
  SheetXmlWriter* sheet_;
  std::mt19937_64* random_;
};

// "12.3" for 12.3, keeping `decimals` places.
std::string Fixed(double value, int decimals) {
  return absl::StrFormat("%.*f", decimals, value);
}

// A rate with about 6 significant digits.
std::string RateText(double rate) {
  int decimals = 4;
  if (rate < 0.01) {
    decimals = 8;
  } else if (rate < 1) {
    decimals = 6;
  }
  return Fixed(rate, decimals);
}

}  // namespace

absl::StatusOr<SyntheticWorkbook> MakeRpwPublishedWorkbook(int rows) {
  const std::vector<std::pair<int, int>> periods = Periods();
  const int old_periods = static_cast<int>(
      std::count_if(periods.begin(), periods.end(), [](const auto& p) {
        return p.first < 2016 || (p.first == 2016 && p.second == 1);
      }));
  const int period_count = static_cast<int>(periods.size());
  // Corridors: distinct sender/receiver pairs, spread over both lists.
  std::vector<std::pair<int, int>> corridors;
  for (int i = 0; static_cast<int>(corridors.size()) < kCorridors; ++i) {
    const int from = (i * 7) % kSenderCount;
    const int to = (i * 13 + i / kSenderCount) % kReceiverCount;
    if (absl::string_view(kSenders[from].code) == kReceivers[to].code) {
      continue;
    }
    const std::pair<int, int> pair(from, to);
    if (std::find(corridors.begin(), corridors.end(), pair) ==
        corridors.end()) {
      corridors.push_back(pair);
    }
  }
  std::vector<std::string> firms;
  for (int f = 0; f < kFirms; ++f) {
    // 20 x 20 x 5 distinct names.
    firms.push_back(absl::StrCat(kFirmWords[f % 20], " ",
                                 kFirmWords[(f / 20) % 20], " ",
                                 kFirmKinds[(f / 400) % 5]));
  }

  XlsxBuilder builder;
  std::mt19937_64 random(20251001);
  SyntheticWorkbook book;
  int next_id = 1;
  int row_start = 0;
  for (int s = 0; s < 2; ++s) {
    const bool old = s == 0;
    const std::vector<std::string>& names =
        old ? RpwOldColumns() : RpwColumns();
    SheetXmlWriter sheet;
    RpwRowWriter cell(&builder, &sheet, &random);
    sheet.StartRow(1);
    for (size_t c = 0; c < names.size(); ++c) {
      cell.Text(static_cast<int>(c), names[c]);
    }
    sheet.EndRow();
    const int first_period = old ? 0 : old_periods;
    const int last_period = old ? old_periods : period_count;
    int sheet_rows = 0;
    for (int p = first_period; p < last_period; ++p) {
      const auto [year, quarter] = periods[p];
      const std::string period = absl::StrCat(year, "_", quarter, "Q");
      // This period's share of the rows.
      const int row_end =
          static_cast<int>(static_cast<int64_t>(rows) * (p + 1) / period_count);
      const absl::CivilDay quarter_start(year, 3 * (quarter - 1) + 1, 1);
      for (int i = 0; row_start + i < row_end; ++i) {
        const auto [from, to] = corridors[i % kCorridors];
        const int service = i / kCorridors;
        const Country& sender = kSenders[from];
        const Country& receiver = kReceivers[to];
        const int firm = (from * 53 + to * 31 + service * 97) % kFirms;
        const uint64_t draw = random();
        const int r = sheet_rows + 2;
        sheet.StartRow(r);
        sheet.Number(0, absl::StrCat(next_id++));
        cell.Text(1, period);
        const Country* sides[2] = {&sender, &receiver};
        for (int side = 0; side < 2; ++side) {
          const Country& country = *sides[side];
          const int base = 2 + 6 * side;
          cell.Text(base, country.code);
          cell.Text(base + 1, country.name);
          cell.Text(base + 2, country.region);
          cell.Text(base + 3, country.income);
          cell.Text(base + 4, country.lending);
          if (country.g8g20[0] != '\0') cell.Text(base + 5, country.g8g20);
        }
        cell.Text(14, firms[firm]);
        cell.Text(15, kFirmTypes[firm % 11]);
        if (old) {
          cell.Text(16, kProducts[(firm + service) % 5]);
          cell.Text(17, kSendingLocations[(firm + service) % 4]);
        } else {
          cell.Text(16, kInstruments[(firm + service) % 6]);
          cell.Text(17, kAccessPoints[(firm + service) % 5]);
        }
        cell.Text(18, kSpeeds[(firm + service) % 9]);
        const bool transparent = draw % 10 != 0;
        const bool promotion = transparent && draw % 200 == 7;
        const double mid = receiver.per_usd / sender.per_usd *
                           (1 + static_cast<double>(draw % 1000) / 20000);
        const double margin =
            !transparent ? 0
            : promotion  ? -static_cast<double>(draw % 50) / 100
                         : static_cast<double>((draw >> 8) % 800) / 100;
        for (int n = 0; n < 2; ++n) {
          if (n == 1 && (draw >> 20) % 4 == 0) continue;  // No cc2 survey.
          const int base = 19 + 7 * n;
          const int usd = n == 0 ? 200 : 500;
          const double amount = std::max(1.0, std::round(usd * sender.per_usd));
          const double fee_share =
              promotion ? 0
                        : static_cast<double>((draw >> (24 + 8 * n)) % 1000) /
                              100 / (n + 1);
          const double fee = std::round(amount * fee_share) / 100;
          cell.Number(base, Fixed(amount, 2));
          sheet.Number(base + 1, absl::StrCat(usd));
          cell.Text(base + 2, sender.currency);
          cell.Number(base + 3, Fixed(fee, 2));
          const double rate = transparent ? mid * (1 - margin / 100) : 1;
          cell.Number(base + 4, RateText(rate));
          cell.Number(base + 5, Fixed(margin, 2));
          cell.Number(base + 6, Fixed(fee / amount * 100 + margin, 6));
        }
        cell.Number(33, RateText(mid));
        cell.Text(34, !transparent ? "no" : draw % 7 == 0 ? "Yes" : "yes");
        if ((draw >> 40) % 10 == 0) {
          cell.Text(35, absl::StrCat("Note ", (draw >> 44) % 50));
        }
        if ((draw >> 48) % 20 == 0) {
          cell.Text(36, absl::StrCat("Second note ", (draw >> 52) % 30));
        }
        const absl::CivilDay day = quarter_start + static_cast<int>(draw % 80);
        const std::string corridor = absl::StrCat(
            sender.code,
            absl::string_view(receiver.code) == "KSV" ? "XKX" : receiver.code);
        if (old) {
          cell.Text(37, kOldCoverages[(firm + service) % 4]);
          cell.Text(38, kPickupMethods[(firm + service) % 4]);
          cell.Text(39, absl::StrFormat("%02d/%s/%d", day.day(),
                                        kMonths[day.month() - 1], day.year()));
          cell.Text(40, corridor);
        } else {
          cell.Text(37, kCoverages[(firm + service) % 4]);
          cell.Text(38, kPickupLocations[(firm + service) % 5]);
          cell.Text(39, kPickupMethods[(firm + service) % 4]);
          sheet.Number(40, absl::StrCat(day - absl::CivilDay(1899, 12, 30)));
          cell.Text(41, corridor);
        }
        sheet.EndRow();
        ++sheet_rows;
      }
      row_start = row_end;
    }
    std::string xml = sheet.Finish();
    const std::string name =
        old ? "Dataset (up to Q1 2016)" : "Dataset (from Q2 2016)";
    book.sheets.push_back({name,
                           absl::StrCat("xl/worksheets/sheet", s + 1, ".xml"),
                           xml.size(), sheet_rows});
    builder.AddSheet(name, std::move(xml));
  }
  absl::StatusOr<std::string> bytes = builder.Build();
  if (!bytes.ok()) return bytes.status();
  book.bytes = *std::move(bytes);
  book.sheet_name = book.sheets[0].name;
  book.sheet_part = book.sheets[0].part;
  book.sheet_xml_bytes = book.sheets[0].xml_bytes;
  book.rows = rows;
  return book;
}

}  // namespace remit::bench
