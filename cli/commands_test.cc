// Run() end to end in the process: each command over the bundled sample
// corridors, with the output and error streams captured. The date is
// pinned with --as-of; the sample is illustrative data (judged at its own
// date), and a copy without that mark stands for real data that goes stale.
#include "cli/commands.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "engine/testing/test_util.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::cli {
namespace {

using ::remit::testing::kSampleCorridors;

constexpr char kAsOf[] = "--as-of=2026-12-01";
// A terminal wide enough that no sentence under a table wraps.
constexpr int kWide = 400;

const std::string& DataOption() {
  static const auto* option =
      new std::string(absl::StrCat("--data=", kSampleCorridors));
  return *option;
}

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the tool with `arguments`; without --data or --server it reads
// `default_data`, like the binary with its bundled sample.
// `width`: the terminal's columns.
Result RunTool(
    const std::vector<std::string>& arguments,
    const std::vector<std::string>& default_data = {kSampleCorridors},
    int width = 80) {
  std::ostringstream out;
  std::ostringstream err;
  Result result;
  result.exit_code = Run(arguments, default_data, out, err, width);
  result.out = out.str();
  result.err = err.str();
  return result;
}

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n', absl::SkipEmpty());
}

// A file in the test's temporary directory holding `content`.
std::string TempFile(const std::string& name, const std::string& content) {
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path =
      absl::StrCat(dir == nullptr ? "/tmp" : dir, "/", name);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
  return path;
}

// On a wide terminal every column shows; the parts add up to the total
// (NairaLink: 0.00 + 0.24 + 1.76 = 2.00, its payout fee of 500 NGN in
// pounds).
TEST(RunTest, RankTable) {
  Result r = RunTool(
      {"rank", "--from=GB", "--to=NG", "--amount=120 GBP", DataOption(), kAsOf},
      {kSampleCorridors}, 400);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "GBR (GBP) -> NGA (NGN), 120.00 GBP\n"
            "\n"
            "#  Provider              How                                 Fee  "
            "Payout fee  FX margin   FX cost  Total cost   Total  "
            "Recipient gets  Speed\n"
            "1  NairaLink             debit card -> mobile money     0.00 GBP "
            "   0.24 GBP      1.46%  1.76 GBP    2.00 GBP   1.67%  "
            "241,900.00 NGN  less than one hour\n"
            "2  Northwind Remit       debit card -> bank account     0.99 GBP "
            "   0.00 GBP      1.95%  2.34 GBP    3.33 GBP   2.78%  "
            "241,200.00 NGN  same day\n"
            "3  Globe Money Transfer  cash -> cash pickup            3.90 GBP "
            "   0.00 GBP      2.68%  3.22 GBP    7.12 GBP   5.93%  "
            "239,400.00 NGN  less than one hour\n"
            "4  Crown Bank            bank account -> bank account  15.00 GBP "
            "   0.00 GBP      3.17%  3.80 GBP   18.80 GBP  15.67%  "
            "238,200.00 NGN  three to five days\n"
            "\n"
            "Total cost = fee + payout fee + FX cost, in the send currency. "
            "The FX cost is the cost hidden in the exchange rate: the "
            "provider's rate against the mid-market rate. Payout fee: taken "
            "from what the recipient gets, shown in the send currency at the "
            "mid-market rate.\n"
            "Corridor: 4 offers: average 6.51%, median 4.35%; SmaRT 3.46%\n"
            "Prices: illustrative data as of 2026-11-02 (made-up prices, "
            "judged at that date, not today); dated 2026-11-02; prices older "
            "than 183 days are left out.\n"
            "Data: remitrank sample corridors, by remitrank, as of "
            "2026-11-02, licence CC0 1.0; version 758d0177bb4d.\n"
            "remitrank sample corridors, by the remitrank project, CC0 1.0\n");
}

// In 80 columns, how and speed, the FX margin and the total cost % move
// to a line under each offer and long names wrap; the breakdown stays.
// In 60 the breakdown gives way, with a line saying so. No line is wider
// than the terminal and every figure is whole.
TEST(RunTest, RankTableFitsTheTerminal) {
  Result r = RunTool({"rank", "--from=GB", "--to=NG", "--amount=120 GBP",
                      DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "GBR (GBP) -> NGA (NGN), 120.00 GBP\n"
      "\n"
      "#  Provider                Fee  Payout fee   FX cost  Total cost  "
      "Recipient gets\n"
      "1  NairaLink          0.00 GBP    0.24 GBP  1.76 GBP    2.00 GBP  "
      "241,900.00 NGN\n"
      "   debit card -> mobile money, less than one hour; FX margin "
      "1.46%; total 1.67%\n"
      "2  Northwind Remit    0.99 GBP    0.00 GBP  2.34 GBP    3.33 GBP  "
      "241,200.00 NGN\n"
      "   debit card -> bank account, same day; FX margin 1.95%; total "
      "2.78%\n"
      "3  Globe Money        3.90 GBP    0.00 GBP  3.22 GBP    7.12 GBP  "
      "239,400.00 NGN\n"
      "   Transfer\n"
      "   cash -> cash pickup, less than one hour; FX margin 2.68%; total "
      "5.93%\n"
      "4  Crown Bank        15.00 GBP    0.00 GBP  3.80 GBP   18.80 GBP  "
      "238,200.00 NGN\n"
      "   bank account -> bank account, three to five days; FX margin "
      "3.17%;\n"
      "   total 15.67%\n"
      "\n"
      "Total cost = fee + payout fee + FX cost, in the send currency. "
      "The FX cost is\n"
      "the cost hidden in the exchange rate: the provider's rate against "
      "the mid-market\n"
      "rate. Payout fee: taken from what the recipient gets, shown in "
      "the send currency\n"
      "at the mid-market rate.\n"
      "Corridor: 4 offers: average 6.51%, median 4.35%; SmaRT 3.46%\n"
      "Prices: illustrative data as of 2026-11-02 (made-up prices, judged at "
      "that\n"
      "  date, not today); dated 2026-11-02; prices older than 183 days are "
      "left out.\n"
      "Data: remitrank sample corridors, by remitrank, as of 2026-11-02, "
      "licence CC0\n"
      "  1.0; version 758d0177bb4d.\n"
      "remitrank sample corridors, by the remitrank project, CC0 1.0\n");

  // Too narrow for the figures: the table is wider than asked, its
  // figures whole.
  for (int width : {80, 60, 30}) {
    r = RunTool({"rank", "--from=GB", "--to=NG", "--amount=120 GBP",
                 DataOption(), kAsOf},
                {kSampleCorridors}, width);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const std::string& line : Lines(r.out)) {
      if (absl::StartsWith(line, "Data: ") || width < 40) continue;
      EXPECT_LE(line.size(), static_cast<size_t>(width)) << line;
    }
    for (const char* figure :
         {"2.00 GBP", "3.33 GBP", "7.12 GBP", "18.80 GBP", "241,900.00 NGN"}) {
      EXPECT_TRUE(absl::StrContains(r.out, figure)) << width << ": " << figure;
    }
    EXPECT_EQ(absl::StrContains(r.out, "Payout fee"), width >= 80) << r.out;
    EXPECT_EQ(absl::StrContains(r.out, "The breakdown does not fit"),
              width == 60)
        << r.out;
    EXPECT_EQ(absl::StrContains(r.out, "The breakdown does"), width < 80)
        << r.out;
  }
}

constexpr char kWorkbook[] = "--data=testdata/rpw/rpw_test_workbook.xlsx";

// The published RPW workbook: a named period, the marks on figures that
// RPW published as they are (a negative total), and the validate report.
TEST(RunTest, RpwWorkbookPeriodsAndMarks) {
  Result r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                      "--period=2025_1Q", kWorkbook});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out, "USA (USD) -> MEX (MXN), 200.00 USD, survey period 2025_1Q"))
      << r.out;
  // A negative total is a gain in words, marked for its published note.
  EXPECT_TRUE(absl::StrContains(r.out, "1.98 USD gain")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "0.99% gain !")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "1 Elm Remit: rate better than the market rate: even after fees the "
      "recipient\n  gets 1.98 USD more than at the market rate (a total cost "
      "of -1.98 USD).\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "! 1 Elm Remit: the published total is negative (a promotional rate "
      "better than\n  the market rate).\n"))
      << r.out;
  r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
               "--period=2025_1Q", "--format=csv", kWorkbook});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      absl::StrContains(r.out, ",true,false,false,negative_total,2025-02-10,"))
      << r.out;

  r = RunTool({"validate", "testdata/rpw/rpw_test_workbook.xlsx"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(
      r.out,
      "testdata/rpw/rpw_test_workbook.xlsx: 17 rows loaded (2011_1Q: 2, "
      "2011_3Q: 3, 2024_3Q: 4, 2025_1Q: 2, 2025_3Q: 6), 1 quarantined, 4 "
      "with notes\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "    1 x cc1 lcu fee: not a non-negative number "
      "(testdata/rpw/rpw_test_workbook.xlsx:Dataset (from Q2 2016)!A13)\n"))
      << r.out;
  r = RunTool({"validate", "--strict", "testdata/rpw/rpw_test_workbook.xlsx"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.err, "--strict: 1 row quarantined")) << r.err;
}

// History and indicators over the RPW-shaped workbook; the figures are
// worked out in engine/indicators/indicators_test.cc.
TEST(RunTest, RpwWorkbookHistoryAndIndicators) {
  Result r = RunTool({"history", "--from=US", "--to=MX", kWorkbook});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "USA (USD) -> MEX (MXN), cc1 (the USD 200 equivalent), 2011_1Q "
      "to 2025_3Q\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "\n2011_3Q          3   10.22%   5.55%"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "\n2025_2Q  no survey\n")) << r.out;
  r = RunTool({"history", "--from=US", "--to=MX", "--format=json", kWorkbook});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::CorridorHistory history;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r.out, &history).ok());
  ASSERT_FALSE(history.points().empty());
  EXPECT_EQ(history.points(0).period(), "2011_1Q");
  EXPECT_EQ(history.points().rbegin()->period(), "2025_3Q");

  r = RunTool({"indicators", "--period=2025_3Q", "--format=json", kWorkbook});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out, "\"globalAverageTotalCostPercent\": \"58.220577906\""))
      << r.out;
  r = RunTool({"indicators", "--period=2019_1Q", kWorkbook});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.err, "2019_1Q")) << r.err;
}

TEST(RunTest, RankCsv) {
  Result r = RunTool({"rank", "--from=GB", "--to=NG", "--amount=120 GBP",
                      "--format=csv", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  EXPECT_TRUE(absl::StartsWith(lines[0], "rank,provider_id,provider,"))
      << lines[0];
  EXPECT_EQ(lines[0],
            "rank,provider_id,provider,payment_instrument,receive_method,"
            "speed,send_amount,fee,funding_surcharge,recipient_fee,"
            "recipient_fee_in_send_currency,fx_margin_percent,fx_margin_cost,"
            "total_cost,total_cost_percent,total_outlay,receive_amount,"
            "transparent,estimated,promotional,data_notes,price_date,"
            "prices_judged_at,max_age_days,illustrative,no_offers_reason,"
            "no_offers_message");
  // fee 0.00 + surcharge 0.00 + recipient fee 500 NGN (0.24 GBP) + FX cost
  // 1.76 = total 2.00.
  EXPECT_EQ(lines[1],
            "1,nairalink,NairaLink,debit card,mobile money,less than one "
            "hour,120.00 GBP,0.00 GBP,0.00 GBP,500.00 NGN,0.24 GBP,"
            "1.463414634,1.76 GBP,2.00 GBP,1.666666667,120.00 GBP,"
            "241900.00 NGN,true,false,false,,2026-11-02,2026-11-02,183,true,,");
}

TEST(RunTest, RankJsonIsTheApiResponse) {
  Result r = RunTool({"rank", "--from=GB", "--to=NG", "--amount=120 GBP",
                      "--format=json", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::RankOffersResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r.out, &response).ok())
      << r.out;
  ASSERT_EQ(response.offers_size(), 4);
  EXPECT_EQ(response.offers(0).provider_name(), "NairaLink");
  EXPECT_EQ(response.offers(0).total_cost_percent(), "1.666666667");
  EXPECT_TRUE(absl::StrContains(r.out, "\"totalCostPercent\""));
}

// --as-of decides which quotes are current: a year on, every price of real
// data is too old, and the tool says so and exits 1.
// The sample without its illustrative mark: real data, judged by the
// clock, stale from May 2027.
std::string RealDataOption() {
  std::ifstream in(kSampleCorridors);
  std::stringstream text;
  text << in.rdbuf();
  std::string content = text.str();
  const std::string mark = "  illustrative: true\n";
  const size_t at = content.find(mark);
  EXPECT_NE(at, std::string::npos);
  if (at != std::string::npos) content.erase(at, mark.size());
  return absl::StrCat("--data=", TempFile("real.textproto", content));
}

TEST(RunTest, AsOfJudgesStaleQuotes) {
  Result now = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                        "--format=csv", RealDataOption(), kAsOf});
  ASSERT_EQ(now.exit_code, 0) << now.err;
  EXPECT_EQ(Lines(now.out).size(), 5u) << now.out;

  Result later = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                          RealDataOption(), "--as-of=2027-12-01"},
                         {kSampleCorridors}, kWide);
  EXPECT_EQ(later.exit_code, 1) << later.err;
  EXPECT_FALSE(absl::StrContains(later.out, "No offer matches.")) << later.out;
  EXPECT_TRUE(absl::StrContains(
      later.out,
      "No offer: every price in this corridor is stale.\n"
      "The newest price is dated 2026-11-02; prices older than 183 days at "
      "2027-12-01 are left out.\n"))
      << later.out;
  EXPECT_TRUE(absl::StrContains(later.out, "SwiftSend (price too old)"))
      << later.out;
  EXPECT_EQ(later.err,
            "remitrank: no current price for USA -> MEX: the newest is dated "
            "2026-11-02, older than 183 days at 2027-12-01; load newer data "
            "(--data), or override with --max-age=DAYS or "
            "--as-of=YYYY-MM-DD\n");

  // A longer age limit brings them back, and says so.
  Result longer =
      RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
               RealDataOption(), "--as-of=2027-12-01", "--max-age=400"},
              {kSampleCorridors}, kWide);
  ASSERT_EQ(longer.exit_code, 0) << longer.err;
  EXPECT_TRUE(absl::StrContains(
      longer.out,
      "Prices: dated 2026-11-02, judged at 2027-12-01; prices older than "
      "400 days are left out (1 of 6).\n"))
      << longer.out;
  EXPECT_EQ(RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                     DataOption(), "--max-age=0"})
                .exit_code,
            2);
}

// The bundled sample is illustrative: judged at its own date, it never
// goes stale, and every answer says so.
TEST(RunTest, TheIllustrativeSampleNeverExpires) {
  Result r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                      DataOption(), "--as-of=2030-07-01"},
                     {kSampleCorridors}, kWide);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "1  SwiftSend")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "Prices: illustrative data as of 2026-11-02 (made-up prices, judged "
      "at that date, not today); dated 2026-11-02; prices older than 183 "
      "days are left out (1 of 6).\n"))
      << r.out;

  r = RunTool({"summary", "--from=US", "--to=MX", "--format=csv", DataOption(),
               "--as-of=2030-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out, "prices,\"illustrative data as of 2026-11-02 (made-up prices, "))
      << r.out;

  r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
               "--format=csv", DataOption(), "--as-of=2030-07-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 5u) << r.out;
  EXPECT_TRUE(
      absl::EndsWith(lines[0],
                     ",price_date,prices_judged_at,max_age_days,illustrative,"
                     "no_offers_reason,no_offers_message"))
      << lines[0];
  EXPECT_TRUE(absl::EndsWith(lines[1], ",2026-11-02,2026-11-02,183,true,,"))
      << lines[1];
}

TEST(RunTest, SummaryAndCorridorsSayWhenEveryPriceIsStale) {
  Result r = RunTool({"summary", "--from=US", "--to=MX", RealDataOption(),
                      "--as-of=2030-01-01"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "prices              every price is stale: the newest is dated "
      "2026-11-02, older\n"
      "                    than 183 days at 2030-01-01.\n"))
      << r.out;
  EXPECT_TRUE(absl::StartsWith(r.err,
                               "remitrank: no current price for "
                               "USA -> MEX"))
      << r.err;

  r = RunTool({"corridors", RealDataOption(), "--as-of=2030-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "  2026-11-02 stale\n")) << r.out;
  // The note wraps in 80 columns.
  EXPECT_TRUE(absl::StrContains(
      absl::StrReplaceAll(r.out, {{"\n  ", " "}}),
      "stale: every price of the corridor is older than 183 days at "
      "2030-01-01, so it has no offer (8 corridors). Load newer data "
      "(--data=FILE), or judge the prices at another date with "
      "--as-of=YYYY-MM-DD.\n"))
      << r.out;

  r = RunTool(
      {"corridors", "--format=csv", RealDataOption(), "--as-of=2030-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::EndsWith(Lines(r.out)[0], ",newest_price_date,all_stale"))
      << r.out;
  EXPECT_TRUE(absl::EndsWith(Lines(r.out)[1], ",2026-11-02,true")) << r.out;
}

TEST(RunTest, SheetRefusesStalePricesUnlessAskedThenWarns) {
  Result r = RunTool({"sheet", "--from=US", "--to=MX", RealDataOption(),
                      "--as-of=2030-01-01"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "remitrank: no sheet: every price for USA -> MEX is stale (the "
            "newest is dated 2026-11-02, older than 183 days at 2030-01-01); "
            "load newer data (--data), or print the old prices with a "
            "warning on the sheet: --allow-stale\n");

  const std::vector<std::pair<std::string, std::string>> warnings = {
      {"en",
       "Warning: these prices are out of date. The newest is from "
       "November 2, 2026, more than 183 days before January 1, 2030."},
      {"fr",
       "Attention\u00a0: ces prix ne sont plus à jour. Le plus récent "
       "date du 2 novembre 2026, plus de 183 jours avant le 1 janvier "
       "2030."},
      {"es",
       "Atención: estos precios no están actualizados. El más "
       "reciente es del 2 de noviembre de 2026, más de 183 días antes "
       "del 1 de enero de 2030."}};
  for (const auto& [lang, warning] : warnings) {
    r = RunTool({"sheet", "--from=US", "--to=MX", RealDataOption(),
                 "--as-of=2030-01-01", "--allow-stale", "--lang=" + lang});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(absl::StrContains(r.out, "<p class=\"warning\">" + warning))
        << lang << "\n"
        << r.out;
    // The stale offers are shown.
    EXPECT_TRUE(absl::StrContains(r.out, "SwiftSend")) << lang;
  }

  // The illustrative sample prints in 2030, and says it is illustrative.
  r = RunTool(
      {"sheet", "--from=US", "--to=MX", DataOption(), "--as-of=2030-01-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(absl::StrContains(r.out, "class=\"warning\"")) << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "<p class=\"illustrative\">Illustrative data as of November 2, 2026"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out,
                                "<p>Prices in this sheet are dated "
                                "November 2, 2026.</p>"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "<p class=\"source\">Source: remitrank sample corridors (remitrank; "
      "CC0 1.0), prices as of November 2, 2026."))
      << r.out;
}

// A sheet is handed out on its --date (by default today): when its newest
// price is older than the age limit by then, it warns at the top and at
// the start of every section, whatever let the prices in: a named period
// (never stale to the ranking), a longer --max-age, --as-of at a date when
// they were recent.
TEST(RunTest, SheetWarnsOfOldPricesWhateverLetThemIn) {
  const std::string periods =
      absl::StrCat("--data=", ::remit::testing::kSurveyPeriods);
  const std::string real = RealDataOption();
  struct Case {
    std::vector<std::string> args;
    std::string warning;  // "" for none.
  };
  const Case cases[] = {
      // GB -> NG's 2023_4Q, quoted 2023-11-10.
      {{"--from=GB", "--to=NG", "--period=2023_4Q", periods,
        "--as-of=2024-09-01", "--date=2024-09-01"},
       "The newest is from November 10, 2023, more than 183 days before "
       "September 1, 2024."},
      {{"--from=GB", "--to=NG", "--period=2023_4Q", periods,
        "--as-of=2024-09-01", "--date=2024-05-11"},
       ""},
      // Real data, newest 2026-11-02.
      {{"--from=US", "--to=MX", real, "--as-of=2030-01-01", "--max-age=36500",
        "--date=2030-01-01"},
       "The newest is from November 2, 2026, more than 183 days before "
       "January 1, 2030."},
      {{"--from=US", "--to=MX", real, "--as-of=2026-11-15",
        "--date=2030-01-01"},
       "The newest is from November 2, 2026, more than 183 days before "
       "January 1, 2030."},
      // A shorter --max-age is the limit.
      {{"--from=US", "--to=MX", real, "--as-of=2026-11-15", "--max-age=30",
        "--date=2026-12-03"},
       "The newest is from November 2, 2026, more than 30 days before "
       "December 3, 2026."},
      {{"--from=US", "--to=MX", real, "--as-of=2026-11-15",
        "--date=2026-12-03"},
       ""},
      // Illustrative data is judged at its own date.
      {{"--from=US", "--to=MX", DataOption(), "--as-of=2030-01-01",
        "--date=2030-01-01"},
       ""},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"sheet"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const std::string what = absl::StrJoin(args, " ");
    Result r = RunTool(args);
    ASSERT_EQ(r.exit_code, 0) << what << "\n" << r.err;
    if (c.warning.empty()) {
      EXPECT_FALSE(absl::StrContains(r.out, "class=\"warning\"")) << what;
      EXPECT_FALSE(absl::StrContains(r.out, "class=\"page-warning\"")) << what;
      continue;
    }
    EXPECT_TRUE(absl::StrContains(
        r.out, "<p class=\"warning\">Warning: these prices are out of date. " +
                   c.warning))
        << what << "\n"
        << r.out;
    // Every section but the first (which has the warning in full) starts
    // with it in short.
    const std::vector<std::string> sections =
        absl::StrSplit(r.out, "<section>");
    ASSERT_GE(sections.size(), 4u) << what;
    for (size_t i = 2; i < sections.size(); ++i) {
      EXPECT_TRUE(absl::StartsWith(
          sections[i], "\n<p class=\"page-warning\">Out-of-date prices: "))
          << what << " section " << i << "\n"
          << sections[i];
    }
  }
  Result r = RunTool({"sheet", "--from=US", "--to=MX", "--date=2030-13-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "remitrank: --date: '2030-13-01' is not a date (YYYY-MM-DD)\n");
}

// RPW data names its source as its licence (CC BY 4.0) asks, under the
// table and on the sheet.
TEST(RunTest, RpwDataIsAttributed) {
  const std::string rpw = absl::StrCat("--data=", "testdata/rpw_sample.csv");
  const std::string attribution =
      "Source: World Bank, Remittance Prices Worldwide "
      "(remittanceprices.worldbank.org), licensed under CC BY 4.0.";
  Result r = RunTool({"rank", "--from=GB", "--to=BD", "--amount=120 GBP", rpw,
                      "--as-of=2026-09-01"},
                     {kSampleCorridors}, kWide);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(
      r.out,
      "Data: Remittance Prices Worldwide 2026_2Q to 2026_3Q, by The World "
      "Bank, as of 2026-08-18, licence CC BY 4.0; version "))
      << r.out;
  EXPECT_TRUE(absl::EndsWith(r.out, attribution + "\n")) << r.out;
  r = RunTool({"sheet", "--from=GB", "--to=BD", rpw, "--as-of=2026-09-01",
               "--date=2026-09-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(
      absl::StrContains(r.out, "<p class=\"source\">" + attribution + "</p>"))
      << r.out;
}

TEST(RunTest, RankWithFilters) {
  Result r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
                      "--receive-method=cash_pickup", "--format=csv",
                      DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_TRUE(absl::StrContains(lines[1], ",Globe Money Transfer,"))
      << lines[1];

  r = RunTool({"rank", "--from=US", "--to=MX", "--receive", "--amount=3400 MXN",
               "--limit=1", "--format=csv", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  // SwiftSend at 18.25 needs 186.31 USD for 3400 MXN.
  EXPECT_TRUE(absl::StartsWith(lines[1], "1,swiftsend,")) << lines[1];
  EXPECT_TRUE(absl::StrContains(lines[1], ",186.31 USD,")) << lines[1];
}

TEST(RunTest, Corridors) {
  Result r = RunTool({"corridors", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 16u) << r.out;
  EXPECT_EQ(lines[0],
            "From     To       Quotes  Offers  Average cost          At  "
            "Newest price");
  EXPECT_EQ(lines[3],
            "GBR GBP  NGA NGN       4       4         5.64%  151.60 GBP  "
            "2026-11-02");
  EXPECT_EQ(lines[5],
            "KEN KES  TZA TZS       5       -             -              "
            "2026-11-02");
  EXPECT_EQ(lines[9],
            "Offers and average: transparent, current offers at the USD 200 "
            "equivalent; '-'");
  EXPECT_EQ(lines[10], "  where the data cannot tell that amount.");
  EXPECT_EQ(lines[11],
            "Illustrative data as of 2026-11-02: made-up prices, judged at "
            "that date, not");
  EXPECT_EQ(lines[12], "  today.");
  EXPECT_EQ(lines[13],
            "Data: remitrank sample corridors, by remitrank, as of "
            "2026-11-02, licence CC0");
  EXPECT_EQ(lines[14], "  1.0; version 758d0177bb4d.");
  for (const std::string& line : lines) EXPECT_LE(line.size(), 80u) << line;

  r = RunTool({"corridors", "--format=csv", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 9u) << r.out;  // Header and 8 corridors.

  r = RunTool({"corridors", "--format=json", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::ListCorridorsResponse response;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(r.out, &response).ok())
      << r.out;
  EXPECT_EQ(response.corridors_size(), 8);
}

TEST(RunTest, DefaultDataWithoutDataOption) {
  Result r = RunTool({"corridors", "--format=csv", kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).size(), 9u) << r.out;
}

TEST(RunTest, Summary) {
  Result r = RunTool({"summary", "--from=GB", "--to=NG", "--amount=120 GBP",
                      DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "SmaRT               3.46%\n")) << r.out;
  EXPECT_TRUE(
      absl::StrContains(r.out, "cheapest            NairaLink, 1.67%\n"))
      << r.out;

  // Without --amount: the USD 200 equivalent.
  r = RunTool(
      {"summary", "--from=GB", "--to=NG", "--format=csv", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 11u) << r.out;
  EXPECT_EQ(lines[0], "field,value");
  EXPECT_EQ(lines[2], "amount,151.60 GBP");
  EXPECT_EQ(lines[9], "cheapest,\"NairaLink, 1.62%\"");
  EXPECT_EQ(lines[10],
            "prices,\"illustrative data as of 2026-11-02 (made-up prices, "
            "judged at that date, not today); dated 2026-11-02; prices older "
            "than 183 days are left out.\"");

  r = RunTool({"summary", "--from=GB", "--to=NG", "--format=json", DataOption(),
               kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  v1::CorridorSummary summary;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(r.out, &summary).ok())
      << r.out;
  EXPECT_EQ(summary.offer_count(), 4);
  EXPECT_EQ(summary.smart_percent(), "3.161346719");
}

// testdata/survey_periods.textproto, judged on 2024-09-01.
TEST(RunTest, SurveyPeriods) {
  const std::string data =
      absl::StrCat("--data=", ::remit::testing::kSurveyPeriods);
  constexpr char kPeriodsAsOf[] = "--as-of=2024-09-01";
  // The corridor's latest period by default, stated in the table.
  Result r = RunTool(
      {"rank", "--from=US", "--to=MX", "--amount=200 USD", data, kPeriodsAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(
      r.out, "USA (USD) -> MEX (MXN), 200.00 USD, survey period 2024_2Q\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "1  Alpha Remit")) << r.out;
  // A named older period: its quotes, stale or not.
  r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
               "--period=2024_1Q", data, kPeriodsAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StartsWith(
      r.out, "USA (USD) -> MEX (MXN), 200.00 USD, survey period 2024_1Q\n"))
      << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, "1  Beta Bank")) << r.out;
  EXPECT_FALSE(absl::StrContains(r.out, "Left out")) << r.out;

  r = RunTool({"summary", "--from=GB", "--to=NG", "--period=2023_4Q",
               "--format=csv", data, kPeriodsAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 4u) << r.out;
  EXPECT_EQ(lines[2], "survey period,2023_4Q");
  EXPECT_EQ(lines[3], "amount,160.00 GBP");

  // A period the corridor does not have: a runtime error listing its own.
  r = RunTool({"summary", "--from=GB", "--to=NG", "--period=2024_2Q", data,
               kPeriodsAsOf});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.err, "its periods are 2023_4Q, 2024_1Q"))
      << r.err;
  // A malformed one: a usage error.
  r = RunTool({"rank", "--from=US", "--to=MX", "--amount=200 USD",
               "--period=2024_5Q", data, kPeriodsAsOf});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(r.err, "--period: '2024_5Q'")) << r.err;

  r = RunTool({"sheet", "--from=GB", "--to=NG", "--period=2023_4Q", data,
               kPeriodsAsOf, "--date=2024-09-01"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(absl::StrContains(r.out, "Alpha Remit")) << r.out;
}

TEST(RunTest, SheetToOutAndToFile) {
  Result r = RunTool({"sheet", "--from=GB", "--to=NG", "--amounts=120 GBP",
                      "--lang=fr", DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(absl::StrContains(r.out, "<html lang=\"fr\">"));
  EXPECT_TRUE(absl::StrContains(r.out, "241\u202f900,00\u00a0NGN"));
  EXPECT_TRUE(absl::StrContains(r.out, "Royaume-Uni \u2192 Nigeria"));

  const std::string path = TempFile("sheet.html", "");
  r = RunTool(
      {"sheet", "--from=US", "--to=MX", "-o", path, DataOption(), kAsOf});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, absl::StrCat("remitrank: wrote ", path, "\n"));
  const std::string html = remit::testing::ReadFile(path);
  // The default amounts: the USD 200 and USD 500 equivalents.
  EXPECT_TRUE(absl::StrContains(html, "Cheapest offers for sending $200<"));
  EXPECT_TRUE(absl::StrContains(html, "Cheapest offers for sending $500<"));
}

TEST(RunTest, Validate) {
  Result r = RunTool({"validate", kSampleCorridors});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "OK: 36 quotes, 17 providers, 8 corridors in 1 file.\n");
  EXPECT_EQ(r.err, "");

  const std::string bad = TempFile(
      "bad.textproto", "quotes {\n  id: \"q\"\n  provider_id: \"nobody\"\n}\n");
  r = RunTool({"validate", bad});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out,
            absl::StrCat(bad,
                         ":3:3: quotes[0].provider_id: 'nobody' is not "
                         "a provider in the loaded files\n",
                         bad, ":1:1: quotes[0].corridor: is required\n"));
  EXPECT_EQ(r.err, "remitrank: 2 errors; nothing was loaded\n");
}

// Each command with what it does, lined up and wrapped to 80 columns.
constexpr char kTopHelp[] =
    "usage: remitrank COMMAND [options]\n\nRanks remittance offers by their "
    "total cost: the fee plus the margin\nhidden in the exchange rate.\n\n"
    "commands:\n"
    "  rank         Ranks the offers of a corridor by what they really cost.\n"
    "  corridors    Lists the corridors in the data, with how many offers each "
    "has\n"
    "               and their average cost.\n"
    "  summary      The corridor's average, median, SmaRT and cheapest offer.\n"
    "  curve        Who is cheapest at every amount sent from --min to --max.\n"
    "  history      A corridor's cost over time, survey period by survey "
    "period.\n"
    "  indicators   RPW's indicators for a survey period: global, by group and "
    "by\n"
    "               corridor.\n"
    "  sheet        A printable pre-departure briefing sheet (HTML) for a "
    "corridor.\n"
    "  validate     Checks dataset files; prints every error with its file and "
    "line.\n"
    "\n'remitrank COMMAND --help' for a command's options.\n";

TEST(RunTest, Help) {
  Result r = RunTool({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, kTopHelp);
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(RunTool({"help"}).out, r.out);

  // Without a command, the same help goes to stderr and it is a usage
  // error.
  Result none = RunTool({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_EQ(none.err, r.out);

  Result corridors = RunTool({"corridors", "--help"});
  EXPECT_EQ(corridors.exit_code, 0);
  EXPECT_TRUE(
      absl::StartsWith(corridors.out,
                       "usage: remitrank corridors [options]\n"
                       "  Lists the corridors in the data, with how many "
                       "offers each has and their\n  average cost.\n\n"
                       "options:\n"
                       "  --data=...\n"))
      << corridors.out;

  for (const char* command : {"rank", "corridors", "summary", "history",
                              "indicators", "sheet", "validate"}) {
    Result c = RunTool({command, "--help"});
    EXPECT_EQ(c.exit_code, 0) << command;
    EXPECT_TRUE(absl::StartsWith(
        c.out, absl::StrCat("usage: remitrank ", command, " ")))
        << c.out;
    EXPECT_TRUE(absl::StrContains(c.out, "\n  --help\n      this help\n"))
        << command;
  }
  for (const char* command : {"rank", "summary", "sheet", "indicators"}) {
    Result c = RunTool({command, "--help"});
    EXPECT_TRUE(absl::StrContains(c.out, "\n  --period=...\n")) << c.out;
  }
  // The sheet is HTML only: it offers no --format, and refuses one.
  for (const char* command : {"rank", "corridors", "summary", "sheet"}) {
    Result c = RunTool({command, "--help"});
    EXPECT_EQ(absl::StrContains(c.out, "\n  --format=...\n"),
              std::string(command) != "sheet")
        << c.out;
  }
  Result format = RunTool({"sheet", "--from=GB", "--to=NG", "--format=csv"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_TRUE(absl::StartsWith(format.err,
                               "remitrank sheet: unknown option '--format'"))
      << format.err;
}

// Every line of the list of commands fits 80 columns.
TEST(RunTest, HelpFitsTheTerminal) {
  const Result r = RunTool({"--help"});
  for (absl::string_view line : absl::StrSplit(r.out, '\n')) {
    EXPECT_LE(line.size(), 80u) << line;
  }
  // Each command's usage, description and option help wrap at 80 columns
  // too.
  for (const Command& command : Commands()) {
    const Result help = RunTool({command.name, "--help"});
    EXPECT_EQ(help.exit_code, 0) << command.name;
    for (absl::string_view line : absl::StrSplit(help.out, '\n')) {
      EXPECT_LE(line.size(), 80u) << command.name << ": " << line;
    }
  }
}

TEST(RunTest, HistoryAndIndicatorsHelp) {
  Result history = RunTool({"history", "--help"});
  EXPECT_EQ(history.exit_code, 0);
  EXPECT_EQ(history.err, "");
  EXPECT_TRUE(absl::StartsWith(
      history.out,
      "usage: remitrank history --from=COUNTRY --to=COUNTRY "
      "[--amount-level=cc1|cc2]\n"
      "       [--provider=ID] [--format=svg -o FILE]\n"
      "  A corridor's cost over time, survey period by survey period.\n"))
      << history.out;
  for (const char* option :
       {"\n  --amount-level=...\n      cc1 (default: the USD 200 "
        "equivalent) or cc2 (USD 500)\n",
        "\n  --provider=...\n", "\n  --output=...\n",
        "\n  --format=...\n      table (default), csv, json or svg\n"}) {
    EXPECT_TRUE(absl::StrContains(history.out, option)) << option;
  }

  Result indicators = RunTool({"indicators", "--help"});
  EXPECT_EQ(indicators.exit_code, 0);
  EXPECT_TRUE(absl::StartsWith(indicators.out,
                               "usage: remitrank indicators [--period=YYYY_nQ] "
                               "[--by=GROUP,...]\n"))
      << indicators.out;
  for (const char* option :
       {"\n  --by=...\n      the breakdowns to show (default: all): "
        "firm_type, sending_country,\n      receiving_country, "
        "receiving_region, g8_g20, corridor\n",
        "\n  --format=...\n      table (default), csv or json\n"}) {
    EXPECT_TRUE(absl::StrContains(indicators.out, option)) << option;
  }
}

// Until the data has survey periods the answer is an error, whatever the
// handler's stage: exit 1, nothing on stdout, and no file written.
TEST(RunTest, HistoryAndIndicatorsWithoutSurveyPeriodsFail) {
  const std::string data = DataOption();
  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string chart =
      absl::StrCat(dir == nullptr ? "/tmp" : dir, "/never.svg");
  const std::vector<std::vector<std::string>> cases = {
      {"history", "--from=GB", "--to=NG", data, kAsOf},
      {"history", "--from=GB", "--to=NG", "--format=svg", "-o", chart, data,
       kAsOf},
      {"indicators", data, kAsOf},
      {"indicators", "--period=2024_2Q", "--by=corridor", data, kAsOf},
  };
  for (const std::vector<std::string>& args : cases) {
    Result r = RunTool(args);
    EXPECT_EQ(r.exit_code, 1) << args[0] << ": " << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(absl::StartsWith(r.err, "remitrank: ")) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
  EXPECT_FALSE(std::ifstream(chart).good());
}

struct ErrorCase {
  std::vector<std::string> args;
  int exit_code;
  std::string err;  // The whole of stderr.
};

TEST(RunTest, UsageErrorsExitTwoAndSayWhatToFix) {
  const std::string data = DataOption();
  const ErrorCase cases[] = {
      {{"rnak"},
       2,
       absl::StrCat("remitrank: unknown command 'rnak'; did you mean rank?\n",
                    kTopHelp)},
      {{"rank", "--form=GB"},
       2,
       "remitrank rank: unknown option '--form'; did you mean --from?\n"
       "(see 'remitrank rank --help')\n"},
      {{"summary", "--from"},
       2,
       "remitrank summary: --from needs a value\n"
       "(see 'remitrank summary --help')\n"},
      {{"rank", "--from=GB", "--to=NG", "--amount=1 GBP", data, "extra"},
       2,
       "remitrank: unexpected argument 'extra'\n"},
      {{"rank", "--from=GBA", "--to=NG", "--amount=1 GBP", data},
       2,
       "remitrank: --from: 'GBA' is not an ISO 3166-1 country code; did you "
       "mean GBR or GHA?\n"},
      {{"rank", "--from=GB", "--to=NG", data},
       2,
       "remitrank: --amount is required, e.g. --amount=\"120 GBP\"\n"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD", "--order=cheap",
        data},
       2,
       "remitrank: --order: 'cheap' is not one of cost, received, speed\n"},
      {{"rank", "--from=GB", "--to=NG", "--amount=120 GBP", "--format=xml",
        data},
       2,
       "remitrank: --format: 'xml' is not one of table, csv, json\n"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--as-of=2026-13-01", data},
       2,
       "remitrank: --as-of: '2026-13-01' is not YYYY-MM-DD\n"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--server=127.0.0.1:1", data},
       2,
       "remitrank: --server answers from the server's data: leave out "
       "--data and --as-of\n"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--server=127.0.0.1:1", "--deadline=soon"},
       2,
       "remitrank: --deadline: 'soon' is not a duration like 10s\n"},
      {{"summary", "--to=NG", data}, 2, "remitrank: --from is required\n"},
      // The server rejects the request's field; the message names the
      // option.
      {{"summary", "--from=GB", "--to=NG", "--amount=-5 GBP", data, kAsOf},
       2,
       "remitrank: --amount: -5.00 GBP must be positive\n"},
      {{"sheet", "--from=US", "--to=MX", "--lang=de", data, kAsOf},
       2,
       "remitrank: --lang: 'de' is not one of en, fr, es\n"},
      {{"sheet", "--from=US", "--to=MX", "--amounts=1 USD,2 USD,3 USD,4 USD",
        data, kAsOf},
       2,
       "remitrank: --amounts: at most three amounts fit on the sheet\n"},
      {{"validate"}, 2, "remitrank: validate needs at least one FILE\n"},
      {{"history", "--to=NG", data}, 2, "remitrank: --from is required\n"},
      {{"history", "--from=GB", "--to=NG", "--amount-level=cc5", data},
       2,
       "remitrank: --amount-level: 'cc5' is not one of cc1, cc2; did you "
       "mean cc1?\n"},
      {{"history", "--from=GB", "--to=NG", "--format=png", data},
       2,
       "remitrank: --format: 'png' is not one of table, csv, json, svg\n"},
      {{"history", "--from=GB", "--to=NG", "--period=2024_2Q", data},
       2,
       "remitrank history: unknown option '--period'\n"
       "(see 'remitrank history --help')\n"},
      {{"history", "--from=GB", "--to=NG", data, "extra"},
       2,
       "remitrank: unexpected argument 'extra'\n"},
      {{"indicators", "--format=svg", data},
       2,
       "remitrank: --format: 'svg' is not one of table, csv, json\n"},
      {{"indicators", "--by=firm", data},
       2,
       "remitrank: --by: 'firm' is not one of firm_type, sending_country, "
       "receiving_country, receiving_region, g8_g20, corridor\n"},
      {{"indicators", "--period=2024Q2", data},
       2,
       "remitrank: --period: '2024Q2' is not a survey period (YYYY_nQ, e.g. "
       "2024_2Q)\n"},
      {{"indicators", "--server=127.0.0.1:1", data},
       2,
       "remitrank: --server answers from the server's data: leave out "
       "--data and --as-of\n"},
  };
  for (const ErrorCase& c : cases) {
    Result r = RunTool(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.err;
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "") << c.err;
  }
}

TEST(RunTest, RuntimeErrorsExitOne) {
  const std::string data = DataOption();
  const std::string invalid =
      TempFile("invalid.textproto", "not a dataset {{{\n");
  const ErrorCase cases[] = {
      // Sending euros from the UK is a fair question; the data has none.
      {{"rank", "--from=GB", "--to=NG", "--amount=120 EUR", data, kAsOf},
       1,
       "remitrank: corridor GBR/EUR->NGA/NGN has no quotes; between these "
       "countries the data has GBR/GBP->NGA/NGN\n"},
      {{"summary", "--from=US", "--to=IN", data, kAsOf},
       1,
       "remitrank: corridor USA/USD->IND/INR has no quotes\n"},
      {{"corridors", absl::StrCat("--data=", invalid), kAsOf},
       1,
       absl::StrCat("remitrank: 1 error in dataset files:\n", invalid,
                    ":1:5: Message type \"remit.v1.Dataset\" has no field "
                    "named \"not\".\n")},
      {{"corridors", "--data=testdata/missing.textproto", kAsOf},
       1,
       "remitrank: testdata/missing.textproto: cannot open: No such file or "
       "directory\n"},
      {{"sheet", "--from=KE", "--to=TZ", data, kAsOf},
       1,
       "remitrank: no way to tell the USD 200 equivalent in KES for corridor "
       "KEN/KES->TZA/TZS (no survey amounts, no USD reference rate); give an "
       "amount (use --amounts)\n"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--server=127.0.0.1:1", "--tls_ca=testdata/missing.pem"},
       1,
       "remitrank: --tls_ca=testdata/missing.pem: cannot read the file\n"},
      {{"rank", "--from=US", "--to=MX", "--amount=200 USD",
        "--server=ipv4:127.0.0.1:1,127.0.0.1:2", "--tls_server_name=localhost"},
       2,
       "remitrank: --tls_server_name goes with --tls_ca\n"},
  };
  for (const ErrorCase& c : cases) {
    Result r = RunTool(c.args);
    EXPECT_EQ(r.exit_code, c.exit_code) << c.err;
    EXPECT_EQ(r.err, c.err);
    EXPECT_EQ(r.out, "") << c.err;
  }

  // Neither --data, --server nor a bundled sample.
  Result r = RunTool({"corridors"}, /*default_data=*/{});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "remitrank: no data: give --data=FILE (a dataset or RPW file) or "
            "--server=HOST:PORT\n");
}

}  // namespace
}  // namespace remit::cli
