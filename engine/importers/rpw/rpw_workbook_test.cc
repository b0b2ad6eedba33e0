#include "engine/importers/rpw/rpw_workbook.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "engine/data/dataset.h"
#include "engine/pricing/pricing.h"
#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Must;
using testing::ReadFile;

constexpr char kWorkbook[] = "testdata/rpw/rpw_test_workbook.xlsx";
constexpr char kNew[] = "Dataset (from Q2 2016)";

DatasetOptions Period(const char* period) {
  DatasetOptions options;
  options.rpw_period = period;
  return options;
}

ParsedDataset Import(const DatasetOptions& options) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ImportRpwWorkbook("rpw.xlsx", ReadFile(kWorkbook), options, &errors);
  EXPECT_TRUE(file.ok()) << DescribeErrors(errors);
  EXPECT_TRUE(errors.empty()) << DescribeErrors(errors);
  return *std::move(file);
}

// The quotes by RPW id ("rpw-2025_3Q-7002" -> "7002").
std::map<std::string, const v1::Quote*> ById(const ParsedDataset& file) {
  std::map<std::string, const v1::Quote*> out;
  for (const v1::Quote& q : file.dataset().quotes()) {
    out[q.id().substr(q.id().rfind('-') + 1)] = &q;
  }
  return out;
}

TEST(WorkbookNumberTextTest, WritesWhatExcelShows) {
  EXPECT_EQ(WorkbookNumberText("46172.699999999997"), "46172.7");
  EXPECT_EQ(WorkbookNumberText("200"), "200");
  EXPECT_EQ(WorkbookNumberText("0.10000000000000001"), "0.1");
  EXPECT_EQ(WorkbookNumberText("6.51E-4"), "0.000651");
  EXPECT_EQ(WorkbookNumberText("-0.99"), "-0.99");
  EXPECT_EQ(WorkbookNumberText("see note"), "see note");
  EXPECT_EQ(WorkbookNumberText(""), "");
  EXPECT_EQ(WorkbookNumberText("0.99999999999999999"), "1");
  EXPECT_EQ(WorkbookNumberText("12.30"), "12.3");
  EXPECT_EQ(WorkbookNumberText("0"), "0");
  EXPECT_EQ(WorkbookNumberText("9.9999999999999999E2"), "1000");
  EXPECT_EQ(WorkbookNumberText("123456789012345678"), "123456789012346000");
  EXPECT_EQ(WorkbookNumberText("-0.00012340"), "-0.0001234");
  EXPECT_EQ(WorkbookNumberText("1E-20"), "0.00000000000000000001");
  EXPECT_EQ(WorkbookNumberText("1.5E+3"), "1500");
  EXPECT_EQ(WorkbookNumberText("-0"), "0");
  EXPECT_EQ(WorkbookNumberText(".5"), "0.5");
  EXPECT_EQ(WorkbookNumberText("5."), "5");
  EXPECT_EQ(WorkbookNumberText("1E401"), "1E401");
}

TEST(RpwWorkbookTest, LatestPeriodWithEveryTrapOfThePublishedFile) {
  const ParsedDataset file = Import(Period("2025_3Q"));
  const ImportReport& report = *file.report();
  ASSERT_EQ(report.loaded.size(), 1u);
  EXPECT_EQ(report.loaded[0].period, "2025_3Q");
  EXPECT_EQ(report.loaded[0].rows, 6u);
  // The row whose fee is "see note" cannot be priced.
  ASSERT_EQ(report.quarantined.size(), 1u);
  EXPECT_EQ(report.quarantined[0].reason,
            "cc1 lcu fee: not a non-negative number");
  EXPECT_EQ(report.quarantined[0].first_places,
            std::vector<std::string>{absl::StrCat("rpw.xlsx:", kNew, "!A13")});
  // The total that does not add up and the 307 % one are kept, and noted
  // where they are; so is the row whose payout currency cannot be told.
  ASSERT_EQ(report.notes.size(), 3u);
  std::map<std::string, std::vector<std::string>> notes;
  for (const ImportReport::RowGroup& g : report.notes) {
    notes[g.reason] = g.first_places;
  }
  EXPECT_EQ(notes["cc1 total cost %: published total differs from fee / "
                  "amount + margin by more than 0.01 points"],
            std::vector<std::string>{absl::StrCat("rpw.xlsx:", kNew, "!A11")});
  EXPECT_EQ(notes["cc1 total cost %: above 100 %"],
            std::vector<std::string>{absl::StrCat("rpw.xlsx:", kNew, "!A10")});
  // CHF -> XKX: the rates are near both the dollar and the euro.
  EXPECT_EQ(notes["payout currency: the rates could be US dollars or the "
                  "receiving currency; no amount received is stated"],
            std::vector<std::string>{absl::StrCat("rpw.xlsx:", kNew, "!A12")});

  std::map<std::string, const v1::Quote*> q = ById(file);
  // A survey fee finer than RWF's minor unit, exact as published.
  EXPECT_EQ(q["7002"]->survey_points(0).fee(), "46172.7");
  EXPECT_EQ(q["7002"]->corridor().send_currency(), "RWF");
  EXPECT_EQ(q["7003"]->speed(), v1::SPEED_NEXT_DAY);  // "Next Day".
  // Kosovo: KSV in the code column.
  EXPECT_EQ(q["7005"]->corridor().receive_country(), "XKX");
  EXPECT_TRUE(q["7005"]->transparent());  // "YES".
  // Columns after the last header column are ignored; the row loads.
  EXPECT_EQ(q["7001"]->quoted_at(), "2025-08-04");
  EXPECT_EQ(file.dataset().metadata().license(), "CC BY 4.0");

  // The published totals ride along with each survey point, even where
  // they do not add up (7004: 9.0 against 13050/261000 x 100 + 1.5 = 6.5).
  EXPECT_EQ(q["7004"]->survey_points(0).published_total_cost_percent(), "9");
  EXPECT_EQ(q["7003"]->survey_points(0).published_total_cost_percent(), "307");
  EXPECT_EQ(q["7002"]->survey_points(0).published_total_cost_percent(),
            "21.190689655");
}

TEST(RpwWorkbookTest, CountriesAsTheRowsDescribeThem) {
  const ParsedDataset file = Import(Period("2025_3Q"));
  std::map<std::string, const v1::CountryInfo*> countries;
  for (const v1::CountryInfo& c : file.dataset().countries()) {
    countries[c.code()] = &c;
  }
  // Both sides of every loaded row: CHE, KEN, MEX, RWA, USA and Kosovo
  // (KSV in the file) as XKX.
  ASSERT_EQ(countries.size(), 6u);
  ASSERT_EQ(countries.count("XKX"), 1u);
  EXPECT_EQ(countries["XKX"]->name(), "Kosovo");
  EXPECT_EQ(countries["KEN"]->region(), "Sub-Saharan Africa");
  EXPECT_EQ(countries["KEN"]->income_group(), "Lower middle income");
  EXPECT_EQ(countries["KEN"]->lending_category(), "IDA");
  EXPECT_EQ(countries["USA"]->g8_g20(), "G8G20");
  EXPECT_EQ(countries["MEX"]->g8_g20(), "G20");
  EXPECT_EQ(countries["RWA"]->g8_g20(), "");
}

TEST(RpwWorkbookTest, OpaqueRowsHaveNoPublishedTotal) {
  const ParsedDataset file = Import(Period("2024_3Q"));
  std::map<std::string, const v1::Quote*> q = ById(file);
  // 5003 publishes 2 (its fee alone, the margin shown as 0): meaningless.
  EXPECT_EQ(q["5003"]->survey_points(0).published_total_cost_percent(), "");
  EXPECT_EQ(q["5001"]->survey_points(0).published_total_cost_percent(),
            "3.035");  // A formula's cached value.
}

TEST(RpwWorkbookTest, OlderSheetAndItsColumns) {
  const ParsedDataset file = Import(Period("2011_3Q"));
  std::map<std::string, const v1::Quote*> q = ById(file);
  ASSERT_EQ(q.size(), 3u);  // A third service joined in 2011_3Q.
  // Every number of this quarter is stored as text ("200.00").
  EXPECT_EQ(q["201"]->survey_points(0).send_amount(), "200.00");
  EXPECT_EQ(q["201"]->survey_points(0).fee(), "8.00");
  // Dates as text, "12/Aug/2011"; "N/A": the first day of the quarter.
  EXPECT_EQ(q["201"]->quoted_at(), "2011-08-12");
  EXPECT_EQ(q["202"]->quoted_at(), "2011-07-01");
  EXPECT_EQ(q["202"]->speed(), v1::SPEED_THREE_TO_FIVE_DAYS);  // "1-3 days".
  // "product" and "sending location" stand for the instrument and access.
  EXPECT_EQ(q["203"]->payment_instrument(),
            v1::PAYMENT_INSTRUMENT_BANK_ACCOUNT);
  EXPECT_EQ(q["203"]->access_point(), v1::ACCESS_POINT_BRANCH_OR_AGENT);
}

TEST(RpwWorkbookTest, NegativeTotalsAreKeptAndNoted) {
  const ParsedDataset file = Import(Period("2025_1Q"));
  ASSERT_EQ(file.report()->notes.size(), 1u);
  EXPECT_EQ(file.report()->notes[0].reason,
            "cc1 total cost %: negative (a rate better than the market rate)");
  EXPECT_EQ(ById(file).size(), 2u);
}

TEST(RpwWorkbookTest, NewerSheetTraps) {
  const ParsedDataset file = Import(Period("2024_3Q"));
  std::map<std::string, const v1::Quote*> q = ById(file);
  ASSERT_EQ(q.size(), 4u);
  // An Excel date serial.
  EXPECT_EQ(q["5001"]->quoted_at(), "2024-08-14");
  // A formula's cached value, not the formula.
  EXPECT_EQ(q["5001"]->survey_points(0).published_margin_percent(), "1.04");
  // Opaque: the published margin 0 and rate 1 are not a margin.
  EXPECT_FALSE(q["5003"]->transparent());
  EXPECT_TRUE(q["5003"]->survey_points(0).published_margin_percent().empty());
  // The same service twice but for the id: both are rows of their own.
  EXPECT_EQ(q["5002"]->provider_id(), q["5004"]->provider_id());
  EXPECT_NE(q["5002"]->id(), q["5004"]->id());
  // Firm types: combined labels and case variants.
  std::map<std::string, v1::ProviderType> types;
  for (const v1::Provider& p : file.dataset().providers()) {
    types[p.id()] = p.type();
  }
  EXPECT_EQ(types["rpw-elm-remit"], v1::PROVIDER_TYPE_MONEY_TRANSFER_OPERATOR);
  EXPECT_EQ(types["rpw-post-o-send"], v1::PROVIDER_TYPE_POST_OFFICE);
  EXPECT_EQ(q["5002"]->receiving_network_coverage(), v1::COVERAGE_LOW);
}

// Every transparent row's total cost % is reproduced within 0.01 points
// where the published figure adds up.
TEST(RpwWorkbookTest, EngineReproducesTheTotalsThatAddUp) {
  const std::map<std::string, const char*> published = {
      {"7001", "2.575"},
      {"7002", "21.190689655"},
      {"7003", "307"},
      {"7005", "5.557777778"}};
  const ParsedDataset file = Import(Period("2025_3Q"));
  std::vector<DatasetError> errors;
  QuoteBook book = Must(BuildQuoteBook({file}, {}, &errors));
  int checked = 0;
  for (const Corridor& corridor : book.corridors()) {
    for (const PreparedQuote& p : book.QuotesIn(corridor)) {
      const std::string id = p.quote->id.substr(p.quote->id.rfind('-') + 1);
      auto it = published.find(id);
      if (it == published.end()) continue;
      CostBreakdown cost =
          Must(PriceSend(p, p.quote->survey_points[0].send_minor));
      EXPECT_LE(std::llabs(cost.total_cost_percent.scaled() -
                           testing::P(it->second).scaled()),
                10'000'000)
          << id << ": " << cost.total_cost_percent.ToString(4);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 4);
}

TEST(RpwWorkbookTest, WhatSinksTheFileWhole) {
  std::vector<DatasetError> errors;
  EXPECT_FALSE(ImportRpwWorkbook("x.xlsx", "not a zip", {}, &errors).ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_TRUE(
      absl::StartsWith(errors[0].ToString(), "x.xlsx: not an xlsx workbook"))
      << errors[0].ToString();
  errors.clear();
  EXPECT_FALSE(ImportRpwWorkbook("rpw.xlsx", ReadFile(kWorkbook),
                                 Period("2019_1Q"), &errors)
                   .ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "rpw.xlsx: period: '2019_1Q' is not in the file; it has 2011_1Q, "
            "2011_3Q, 2024_3Q, 2025_1Q, 2025_3Q");
}

// Everything an import gives, as text: the dataset (deterministic binary),
// each quote's row, the report with its places, the errors.
std::string Everything(const DatasetOptions& options,
                       const std::string& bytes) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ImportRpwWorkbook("rpw.xlsx", bytes, options, &errors);
  std::string out = absl::StrCat(file.status().ToString(), "\n",
                                 DescribeErrors(errors), "\n");
  if (!file.ok()) return out;
  out += file->dataset().SerializeAsString();
  for (int i = 0; i < file->dataset().quotes_size(); ++i) {
    absl::StrAppend(&out, " ", file->quote_line(i));
  }
  const ImportReport& report = *file->report();
  for (const auto& p : report.loaded) {
    absl::StrAppend(&out, "\n", p.period, " ", p.rows);
  }
  for (const auto* groups : {&report.quarantined, &report.notes}) {
    for (const ImportReport::RowGroup& g : *groups) {
      absl::StrAppend(&out, "\n", g.reason, " ", g.rows, ":");
      for (const std::string& place : g.first_places) {
        absl::StrAppend(&out, " ", place);
      }
    }
  }
  absl::StrAppend(&out, "\n", report.skipped_other_periods);
  return out;
}

TEST(RpwWorkbookTest, SheetsReadInPiecesOnSeveralThreadsImportTheSame) {
  const std::string bytes = ReadFile(kWorkbook);
  DatasetOptions one;
  one.workbook_threads = 1;
  const std::string expected = Everything(one, bytes);
  ASSERT_TRUE(absl::StartsWith(expected, "OK\n")) << expected;
  ASSERT_TRUE(absl::StrContains(expected, "rpw.xlsx:Dataset (from Q2 2016)!A"))
      << expected;
  for (int threads : {2, 4}) {
    for (size_t piece : {size_t{1}, size_t{700}, size_t{4096}}) {
      DatasetOptions many;
      many.workbook_threads = threads;
      many.workbook_piece_bytes = piece;
      EXPECT_EQ(Everything(many, bytes), expected)
          << threads << " threads, pieces of " << piece;
      many.rpw_period = "2016_1Q";
      one.rpw_period = "2016_1Q";
      EXPECT_EQ(Everything(many, bytes), Everything(one, bytes))
          << threads << " threads, pieces of " << piece << ", one period";
      one.rpw_period.clear();
    }
  }
}

}  // namespace
}  // namespace remit
