#include "engine/importers/rpw/rpw_import.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/importers/rpw/internal/csv.h"
#include "engine/pricing/pricing.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::Day;
using testing::M;
using testing::Must;
using testing::ReadFile;

constexpr char kSample[] = "testdata/rpw_sample.csv";

DatasetOptions Period(const char* period) {
  DatasetOptions options;
  options.rpw_period = period;
  return options;
}

TEST(RpwImportTest, EveryPeriodByDefault) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ImportRpwCsv("rpw.csv", ReadFile(kSample), {}, &errors);
  ASSERT_TRUE(file.ok()) << DescribeErrors(errors);
  const v1::Dataset& d = file->dataset();
  ASSERT_EQ(d.quotes_size(), 12);
  const ImportReport& report = *file->report();
  ASSERT_EQ(report.loaded.size(), 2u);
  EXPECT_EQ(report.loaded[0].period, "2026_2Q");
  EXPECT_EQ(report.loaded[0].rows, 6u);
  EXPECT_EQ(report.loaded[1].period, "2026_3Q");
  EXPECT_EQ(report.loaded[1].rows, 6u);
  EXPECT_EQ(report.quarantined_rows(), 0u);
  EXPECT_EQ(d.metadata().name(),
            "Remittance Prices Worldwide 2026_2Q to 2026_3Q");
  for (int i = 0; i < d.quotes_size(); ++i) {
    const v1::Quote& q = d.quotes(i);
    const char* period = i < 6 ? "2026_2Q" : "2026_3Q";
    EXPECT_EQ(q.period(), period);
    EXPECT_EQ(q.source(), absl::StrCat("RPW ", period));
    EXPECT_EQ(q.survey_points_size(), 2);
    EXPECT_EQ(q.corridor().send_country(), "GBR");
    EXPECT_EQ(q.corridor().receive_country(), "BGD");
    // Rows do not say which currency their rate is in: 165 per GBP is
    // taka, far from 200 / 120 = 1.67 US dollars per GBP. Opaque rows
    // state no rate at all.
    EXPECT_EQ(q.rate_currency(), q.transparent() ? "BDT" : "");
  }
  EXPECT_EQ(d.providers_size(), 6);
  EXPECT_EQ(d.metadata().license(), "CC BY 4.0");
  // Its newest price date, and the credit the licence asks for.
  EXPECT_EQ(d.metadata().as_of(), "2026-08-18");
  EXPECT_EQ(d.metadata().source_url(),
            "https://remittanceprices.worldbank.org");
  EXPECT_EQ(d.metadata().attribution(),
            "Source: World Bank, Remittance Prices Worldwide "
            "(remittanceprices.worldbank.org), licensed under CC BY 4.0.");
  EXPECT_FALSE(d.metadata().illustrative());
  // "Bengal Bank, London Branch" was quoted in the CSV. The 2026_3Q rows
  // come sixth to eleventh.
  EXPECT_EQ(d.quotes(8).provider_id(), "rpw-bengal-bank-london-branch");
  EXPECT_EQ(d.quotes(8).speed(), v1::SPEED_THREE_TO_FIVE_DAYS);
  EXPECT_EQ(d.quotes(8).receive_method(), v1::RECEIVE_METHOD_BANK_ACCOUNT);
  EXPECT_EQ(d.quotes(10).transparent(), false);  // transparent = No.
  EXPECT_EQ(d.quotes(11).payment_instrument(),
            v1::PAYMENT_INSTRUMENT_MOBILE_WALLET);
}

TEST(RpwImportTest, PeriodSelector) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ImportRpwCsv("rpw.csv", ReadFile(kSample), Period("2026_2Q"), &errors);
  ASSERT_TRUE(file.ok()) << DescribeErrors(errors);
  EXPECT_EQ(file->dataset().quotes(0).source(), "RPW 2026_2Q");

  errors.clear();
  EXPECT_FALSE(
      ImportRpwCsv("rpw.csv", ReadFile(kSample), Period("2019_1Q"), &errors)
          .ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "rpw.csv: period: '2019_1Q' is not in the file; it has 2026_2Q, "
            "2026_3Q");
  errors.clear();
  EXPECT_FALSE(
      ImportRpwCsv("rpw.csv", ReadFile(kSample), Period("2019Q1"), &errors)
          .ok());
  EXPECT_EQ(errors[0].ToString(),
            "rpw.csv: period: '2019Q1' is not a period like 2024_2Q");
}

// Every transparent row's total cost %, computed by the engine at each
// survey point, equals the published one within 0.01 pp.
TEST(RpwImportTest, EngineReproducesPublishedTotals) {
  const std::string csv = ReadFile(kSample);
  for (const char* period : {"2026_2Q", "2026_3Q"}) {
    std::vector<DatasetError> errors;
    ParsedDataset file =
        Must(ImportRpwCsv("rpw.csv", csv, Period(period), &errors));
    QuoteBook book = Must(BuildQuoteBook({file}, {}, &errors));
    // The published totals, read independently of the importer.
    auto rows = Must(engine_internal::ReadCsv(csv));
    std::vector<std::vector<std::string>> published;
    for (size_t r = 1; r < rows.size(); ++r) {
      if (rows[r].fields[0] != period) continue;
      published.push_back(rows[r].fields);
    }
    absl::Span<const PreparedQuote> quotes =
        book.QuotesIn(book.corridors().front());
    ASSERT_EQ(quotes.size(), published.size());
    int checked = 0;
    for (const PreparedQuote& q : quotes) {
      // The quote id names its CSV line; find that row.
      const int line =
          std::atoi(q.quote->id.substr(q.quote->id.rfind('-') + 1).c_str());
      const std::vector<std::string>& row = rows[line - 1].fields;
      if (absl::AsciiStrToLower(row[25]) != "yes") continue;
      for (int point = 0; point < 2; ++point) {
        const int64_t amount = q.quote->survey_points[point].send_minor;
        CostBreakdown cost = Must(PriceSend(q, amount));
        const Percent expected = testing::P(row[point == 0 ? 16 : 23].c_str());
        EXPECT_LE(
            std::llabs(cost.total_cost_percent.scaled() - expected.scaled()),
            10'000'000)
            << q.quote->id << ": " << cost.total_cost_percent.ToString(4)
            << " vs " << expected.ToString(4);
        EXPECT_EQ(cost.amount_received->currency().code(), "BDT");
        ++checked;
      }
    }
    EXPECT_EQ(checked, 10);  // Five transparent rows, two points each.
  }
}

TEST(RpwImportTest, UpperCaseHeadersAndCorridorColumn) {
  std::string csv = ReadFile(kSample);
  const size_t end = csv.find('\n');
  std::string header = absl::AsciiStrToUpper(csv.substr(0, end));
  // Drop the code columns: the corridor column ("GBRBGD") gives them.
  header = absl::StrReplaceAll(
      header,
      {{"SOURCE_CODE", "SRC"}, {"DESTINATION_CODE", "DST"}, {" ", "_"}});
  csv = header + csv.substr(end);
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file = ImportRpwCsv("up.csv", csv, {}, &errors);
  ASSERT_TRUE(file.ok()) << DescribeErrors(errors);
  EXPECT_EQ(file->dataset().quotes_size(), 12);
}

struct BadRow {
  const char* replace;
  const char* with;
  const char* reason;  // Empty: the row is kept.
};

// A row that cannot be priced is quarantined with its reason and place;
// the file still loads, with every other row.
TEST(RpwImportTest, RowProblemsQuarantineTheRowNotTheFile) {
  const std::string csv = ReadFile(kSample);
  // Line 8 is the first 2026_3Q row (Northwind Remit).
  const std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  const std::string row8 = lines[7];
  const BadRow cases[] = {
      {",yes,High,Bank account,2026-08-18",
       ",maybe,High,Bank account,2026-08-18", "transparent: not yes or no"},
      {",120,1.99,", ",120,-1.99,", "cc1 lcu fee: not a non-negative number"},
      {",120,1.99,", ",120,abc,", "cc1 lcu fee: not a non-negative number"},
      {",GBP,120,", ",GBP,12.345,",
       "cc1 lcu amount: not a positive amount in GBP"},
      {",GBP,120,", ",GBP,0,", "cc1 lcu amount: not a positive amount in GBP"},
      {"GBR,United Kingdom", "GBX,United Kingdom",
       "source_code: not a country"},
      {",200,GBP,", ",200,GBX,", "cc1 lcu code: not a currency"},
      {"2026_3Q,GBR", "2026-3Q,GBR", "period: not like 2024_2Q"},
      {",Northwind Remit,", ",..,", "firm: missing"},
      // Data files take plain decimals: a comma is a decimal comma or a
      // thousands separator, and the row cannot say which.
      {",120,1.99,", ",120,\"1,99\",",
       "cc1 lcu fee: not a non-negative number"},
      {",120,1.99,", ",\"1,200\",1.99,",
       "cc1 lcu amount: not a positive amount in GBP"},
      {",1.99,165.10,", ",1.99,\"165,10\",",
       "cc1 lcu fx rate: not a positive rate"},
      // What can still be priced stays.
      {",Less than one hour,200", ",Whenever,200", ""},
      {",1.96,3.62,", ",1.96,4.00,", ""},
  };
  for (const BadRow& c : cases) {
    std::string bad_row = absl::StrReplaceAll(row8, {{c.replace, c.with}});
    ASSERT_NE(bad_row, row8) << c.replace;
    const std::string bad = absl::StrReplaceAll(csv, {{row8, bad_row}});
    std::vector<DatasetError> errors;
    absl::StatusOr<ParsedDataset> file =
        ImportRpwCsv("rpw.csv", bad, {}, &errors);
    ASSERT_TRUE(file.ok()) << c.with << ": " << DescribeErrors(errors);
    EXPECT_TRUE(errors.empty()) << DescribeErrors(errors);
    const ImportReport& report = *file->report();
    if (c.reason[0] == '\0') {
      EXPECT_EQ(file->dataset().quotes_size(), 12) << c.with;
      EXPECT_EQ(report.quarantined_rows(), 0u) << c.with;
      continue;
    }
    EXPECT_EQ(file->dataset().quotes_size(), 11) << c.with;
    ASSERT_EQ(report.quarantined.size(), 1u) << c.with;
    EXPECT_EQ(report.quarantined[0].reason, c.reason);
    EXPECT_EQ(report.quarantined[0].rows, 1u);
    EXPECT_EQ(report.quarantined[0].first_places,
              std::vector<std::string>{"rpw.csv:8"});
    // The file still builds a book.
    EXPECT_TRUE(BuildQuoteBook({*file}, {}, &errors).ok())
        << DescribeErrors(errors);
  }
}

TEST(RpwImportTest, RowsThatStillPriceAreKeptWithANote) {
  const std::string csv = ReadFile(kSample);
  const std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  const std::string row8 = lines[7];
  // A published total that does not add up, and an unknown speed.
  std::string bad_row = absl::StrReplaceAll(
      row8,
      {{",1.96,3.62,", ",1.96,4.00,"}, {",Less than one hour,", ",Whenever,"}});
  std::vector<DatasetError> errors;
  ParsedDataset file = Must(ImportRpwCsv(
      "rpw.csv", absl::StrReplaceAll(csv, {{row8, bad_row}}), {}, &errors));
  const ImportReport& report = *file.report();
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_EQ(report.notes[0].reason,
            "cc1 total cost %: published total differs from fee / amount + "
            "margin by more than 0.01 points");
  EXPECT_EQ(report.notes[0].first_places,
            std::vector<std::string>{"rpw.csv:8"});
  EXPECT_EQ(file.dataset().quotes(6).speed(), v1::SPEED_SIX_DAYS_OR_MORE);
  ASSERT_EQ(report.loaded.size(), 2u);
  EXPECT_EQ(report.loaded[1].period, "2026_3Q");
  EXPECT_EQ(report.loaded[1].rows, 6u);
  EXPECT_EQ(report.skipped_other_periods, 0u);
}

// A surveyed rate far from the row's own interbank rate (0.006 against
// 168: entered inverted) is kept with its published figures and a note,
// and never ranked, however cheap its published margin makes it.
TEST(RpwImportTest, ImplausibleRatesAreNotedAndNeverRanked) {
  const std::string csv = ReadFile(kSample);
  const std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  const std::string row8 = lines[7];
  const struct {
    const char* name;
    const char* cc1_rate;
    const char* cc2_rate;
    const char* reason;  // Empty: plausible.
  } cases[] = {
      {"inverted", "0.006", "0.006",
       "cc1 lcu fx rate: implies an FX margin outside -20 % to 50 % against "
       "inter lcu bank fx (looks inverted); the row is kept but not ranked"},
      {"ten_times_high", "1681.00", "165.10",
       "cc1 lcu fx rate: implies an FX margin outside -20 % to 50 % against "
       "inter lcu bank fx (looks off by a power of ten); the row is kept but "
       "not ranked"},
      {"hundred_times_low", "1.651", "165.10",
       "cc1 lcu fx rate: implies an FX margin outside -20 % to 50 % against "
       "inter lcu bank fx (looks off by a power of ten); the row is kept but "
       "not ranked"},
      {"cc2_only", "165.10", "16.51",
       "cc2 lcu fx rate: implies an FX margin outside -20 % to 50 % against "
       "inter lcu bank fx (looks off by a power of ten); the row is kept but "
       "not ranked"},
      // A promotion a few points better than mid is real.
      {"promotion", "175.00", "175.00", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    // The published margin -5 would make the row the cheapest.
    std::string bad_row = absl::StrReplaceAll(
        row8,
        {{",165.10,1.96,3.62,", absl::StrCat(",", c.cc1_rate, ",-5.00,-3.34,")},
         {",165.10,1.96,2.29,",
          absl::StrCat(",", c.cc2_rate, ",-5.00,-4.67,")}});
    ASSERT_NE(bad_row, row8);
    std::vector<DatasetError> errors;
    ParsedDataset file = Must(
        ImportRpwCsv("rpw.csv", absl::StrReplaceAll(csv, {{row8, bad_row}}),
                     Period("2026_3Q"), &errors));
    const ImportReport& report = *file.report();
    EXPECT_EQ(report.quarantined_rows(), 0u);
    // Line 8 is the first 2026_3Q row.
    const v1::Quote& quote = file.dataset().quotes(0);
    const bool flagged =
        std::find(quote.data_notes().begin(), quote.data_notes().end(),
                  v1::DATA_NOTE_RATE_IMPLAUSIBLE) != quote.data_notes().end();
    EXPECT_EQ(flagged, c.reason[0] != '\0');
    if (flagged) {
      auto note = std::find_if(report.notes.begin(), report.notes.end(),
                               [&](const ImportReport::RowGroup& g) {
                                 return g.reason == c.reason;
                               });
      ASSERT_NE(note, report.notes.end()) << report.notes[0].reason;
      EXPECT_EQ(note->first_places, std::vector<std::string>{"rpw.csv:8"});
    }
    QuoteBook book = Must(BuildQuoteBook({file}, {}, &errors));
    FakeClock clock(Day(2026, 9, 1));
    RankResult result =
        Must(Rank(book, RankRequest(C("GB", "BD"), M("120 GBP")), clock));
    ASSERT_FALSE(result.offers.empty());
    if (!flagged) {
      EXPECT_EQ(result.offers[0].quote->quote->id, quote.id());
      continue;
    }
    for (const Offer& o : result.offers) {
      EXPECT_NE(o.quote->quote->id, quote.id());
    }
    auto excluded = std::find_if(result.excluded.begin(), result.excluded.end(),
                                 [&](const ExcludedOffer& e) {
                                   return e.quote->quote->id == quote.id();
                                 });
    ASSERT_NE(excluded, result.excluded.end());
    EXPECT_EQ(excluded->reason, ExclusionReason::kRateImplausible);
  }
}

TEST(RpwImportTest, NormalisesDatesSpeedsAndUnknownMarkers) {
  const std::string header =
      "period,source_code,destination_code,firm,speed actual,cc1 lcu code,"
      "cc1 lcu amount,cc1 lcu fee,cc1 lcu fx rate,cc1 fx margin,"
      "inter lcu bank fx,transparent,date\n";
  const struct {
    const char* speed;
    const char* date;
    v1::Speed want_speed;
    const char* want_date;
  } cases[] = {
      {"Next Day", "14/May/2013", v1::SPEED_NEXT_DAY, "2013-05-14"},
      {"less than one hour", "41408", v1::SPEED_LESS_THAN_ONE_HOUR,
       "2013-05-14"},
      {"1-3 days", "2013-05-14", v1::SPEED_THREE_TO_FIVE_DAYS, "2013-05-14"},
      {"..", "N/A", v1::SPEED_SIX_DAYS_OR_MORE, "2013-04-01"},
  };
  for (const auto& c : cases) {
    const std::string csv =
        absl::StrCat(header, "2013_2Q,USA,MEX,Acme,", c.speed,
                     ",USD,200,5.5,17.1,2.1,17.47,Yes,", c.date, "\n");
    std::vector<DatasetError> errors;
    ParsedDataset file = Must(ImportRpwCsv("d.csv", csv, {}, &errors));
    ASSERT_EQ(file.dataset().quotes_size(), 1) << c.date;
    EXPECT_EQ(file.dataset().quotes(0).speed(), c.want_speed) << c.speed;
    EXPECT_EQ(file.dataset().quotes(0).quoted_at(), c.want_date) << c.date;
  }
}

TEST(RpwImportTest, MissingRequiredColumnsAreNamed) {
  std::vector<DatasetError> errors;
  EXPECT_FALSE(ImportRpwCsv("x.csv", "period,firm,corridor\n2026_1Q,A,GBRBGD\n",
                            {}, &errors)
                   .ok());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].ToString(),
            "x.csv:1: missing required columns: inter lcu bank fx, cc1 lcu "
            "code, cc1 lcu amount, cc1 lcu fee, cc1 lcu fx rate, cc1 fx "
            "margin");
  errors.clear();
  EXPECT_FALSE(ImportRpwCsv("x.csv", "", {}, &errors).ok());
  EXPECT_EQ(errors[0].ToString(), "x.csv: empty file: no header row");
  errors.clear();
  EXPECT_FALSE(ImportRpwCsv("x.csv", "a,\"b\n", {}, &errors).ok());
  EXPECT_EQ(errors[0].ToString(),
            "x.csv: line 1: a quoted field is never closed");
}

// Rows do not say which currency their rates are in. cc1's US dollar
// denomination over its amount tells a rate in dollars from one in the
// receiving currency.
TEST(RpwImportTest, PayoutCurrencyFromTheRates) {
  const std::string header =
      "period,source_code,destination_code,firm,cc1 lcu code,cc1 lcu amount,"
      "cc1 denomination amount,cc1 lcu fee,cc1 lcu fx rate,cc1 fx margin,"
      "inter lcu bank fx,transparent\n";
  const struct {
    const char* row;
    const char* payout;  // Empty: not stated.
  } cases[] = {
      // 9.79 RWF per KES, far from 200 / 18000 = 0.011 USD per KES.
      {"2024_2Q,KEN,RWA,A,KES,18000,200,207,9.4873,3.14,9.7952,yes", "RWF"},
      // 0.0076 USD per KES: within a factor of two of 0.011 (the survey's
      // dated reference), so dollars.
      {"2024_2Q,KEN,RWA,B,KES,18000,200,207,0.0074,1.95,0.0076,yes", "USD"},
      // Without an interbank rate, the provider's rate tells.
      {"2024_2Q,KEN,RWA,C,KES,18000,200,207,9.4873,3.14,..,yes", "RWF"},
      // A dollarised destination pays dollars.
      {"2024_2Q,USA,ECU,D,USD,200,200,5,1,0.5,1,yes", "USD"},
      // CHF -> XKX (euros): 1.08 is near 200 / 180 = 1.11 USD per CHF, and
      // the euro is near the dollar: it cannot be told.
      {"2024_2Q,CHE,KSV,E,CHF,180,200,5,1.05,2.78,1.08,yes", ""},
  };
  for (const auto& c : cases) {
    std::vector<DatasetError> errors;
    ParsedDataset file = Must(
        ImportRpwCsv("p.csv", absl::StrCat(header, c.row, "\n"), {}, &errors));
    ASSERT_EQ(file.dataset().quotes_size(), 1) << c.row;
    EXPECT_EQ(file.dataset().quotes(0).rate_currency(), c.payout) << c.row;
    const bool noted = !file.report()->notes.empty();
    EXPECT_EQ(noted, c.payout[0] == '\0') << c.row;
    if (noted) {
      EXPECT_EQ(file.report()->notes[0].reason,
                "payout currency: the rates could be US dollars or the "
                "receiving currency; no amount received is stated");
      // The offer carries the reason too.
      ASSERT_EQ(file.dataset().quotes(0).data_notes_size(), 1);
      EXPECT_EQ(file.dataset().quotes(0).data_notes(0),
                v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN);
    }
  }
}

TEST(RpwImportTest, KosovoAsKsvAndAPayoutColumn) {
  const std::string csv =
      "period,source_code,destination_code,firm,cc1 lcu code,cc1 lcu amount,"
      "cc1 lcu fee,cc1 lcu fx rate,cc1 fx margin,inter lcu bank fx,"
      "transparent,receiving currency\n"
      "2026_3Q,CHE,KSV,Alpen Transfer,CHF,180,5,1.05,2.78,1.08,YES,EUR\n";
  std::vector<DatasetError> errors;
  ParsedDataset file = Must(ImportRpwCsv("k.csv", csv, {}, &errors));
  EXPECT_EQ(file.dataset().quotes(0).corridor().receive_country(), "XKX");
  EXPECT_EQ(file.dataset().quotes(0).rate_currency(), "EUR");
  QuoteBook book = Must(BuildQuoteBook({file}, {}, &errors));
  const PreparedQuote& q = book.QuotesIn(book.corridors().front()).front();
  CostBreakdown cost = Must(PriceSend(q, 18000));
  EXPECT_EQ(cost.amount_received->ToString(), "189.00 EUR");
  EXPECT_EQ(cost.fx_margin.ToString(), "2.78");  // The published one.
}

TEST(RpwImportTest, ReadsTheColumnsItUsesInEitherSheetsNames) {
  RpwImporter importer("rpw.xlsx", DatasetOptions());
  EXPECT_FALSE(importer.Reads(0));  // No header yet.
  // The older sheet's names: "product" for the payment instrument.
  const std::vector<std::string> header = {"id",
                                           "source_name",
                                           "period",
                                           "source_code",
                                           "destination_code",
                                           "firm",
                                           "product",
                                           "cc1 lcu code",
                                           "cc1 lcu amount",
                                           "cc1 lcu fee",
                                           "cc1 lcu fx rate",
                                           "cc1 fx margin",
                                           "inter lcu bank fx",
                                           "cc1 denomination amount",
                                           "note2"};
  ASSERT_TRUE(importer.SetHeader(header, "rpw.xlsx:Dataset!A1").ok());
  EXPECT_TRUE(importer.Reads(0));    // id
  EXPECT_TRUE(importer.Reads(1));    // source_name: the country's name
  EXPECT_TRUE(importer.Reads(2));    // period
  EXPECT_TRUE(importer.Reads(6));    // product
  EXPECT_TRUE(importer.Reads(9));    // cc1 lcu fee
  EXPECT_TRUE(importer.Reads(13));   // cc1 denomination: the payout's
  EXPECT_FALSE(importer.Reads(14));  // note2
  EXPECT_FALSE(importer.Reads(15));  // Past the header.
  EXPECT_FALSE(importer.Reads(-1));
}

}  // namespace
}  // namespace remit
