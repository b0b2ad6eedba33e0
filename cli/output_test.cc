// The history and indicators outputs on answers built here (the handler
// computes the figures; these tests check how they are shown).
#include "cli/output.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

template <typename Message>
Message Parse(const char* text) {
  Message message;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &message))
      << text;
  return message;
}

// Four quarters of a corridor: one without a survey, one with too few
// services for SmaRT.
v1::CorridorHistory History() {
  return Parse<v1::CorridorHistory>(R"pb(
    corridor {
      send_country: "GBR"
      send_currency: "GBP"
      receive_country: "NGA"
      receive_currency: "NGN"
    }
    amount_level: AMOUNT_LEVEL_CC1
    dataset_version: "58b8ab0982a9ffff"
    points {
      period: "2023_3Q"
      transparent_service_count: 5
      average_total_cost_percent: "7.125"
      median_total_cost_percent: "6.5"
      smart_percent: "3.9"
      smart_qualifying_count: 4
      cheapest_provider_id: "p-nl"
      cheapest_provider_name: "NairaLink"
      cheapest_total_cost_percent: "2.4"
      share_at_or_below_3_percent: "20"
      share_at_or_below_5_percent: "40"
    }
    points { period: "2023_4Q" gap: true }
    points {
      period: "2024_1Q"
      transparent_service_count: 2
      average_total_cost_percent: "8.5"
      median_total_cost_percent: "8.5"
      smart_qualifying_count: 2
      cheapest_provider_id: "p-nw"
      cheapest_provider_name: "Northwind Remit"
      cheapest_total_cost_percent: "7"
      share_at_or_below_3_percent: "0"
      share_at_or_below_5_percent: "0"
    }
    points {
      period: "2024_2Q"
      transparent_service_count: 4
      average_total_cost_percent: "5.25"
      median_total_cost_percent: "5.1"
      smart_percent: "2.95"
      smart_qualifying_count: 3
      cheapest_provider_id: "p-nl"
      cheapest_provider_name: "NairaLink"
      cheapest_total_cost_percent: "1.9"
      share_at_or_below_3_percent: "25"
      share_at_or_below_5_percent: "50"
    }
  )pb");
}

constexpr char kDataLine[] = "Data: RPW test; version 58b8ab0982a9.";

std::vector<std::string> Lines(const std::string& text) {
  return absl::StrSplit(text, '\n');
}

size_t Widest(const std::string& text) {
  size_t widest = 0;
  for (const std::string& line : Lines(text)) {
    widest = std::max(widest, line.size());
  }
  return widest;
}

TEST(HistoryOutputTest, TableShowsGapsAsGapsAndFitsEightyColumns) {
  const std::string out = HistoryOutput(History(), Format::kTable, kDataLine);
  EXPECT_EQ(out,
            "GBR (GBP) -> NGA (NGN), cc1 (the USD 200 equivalent), 2023_3Q "
            "to 2024_2Q\n"
            "\n"
            "Period    Services  Average  Median       SmaRT    <=3%    <=5%\n"
            "2023_3Q          5    7.13%   6.50%       3.90%  20.00%  40.00%\n"
            "2023_4Q  no survey\n"
            "2024_1Q          2    8.50%   8.50%  none (2/3)   0.00%   0.00%\n"
            "2024_2Q          4    5.25%   5.10%       2.95%  25.00%  50.00%\n"
            "\n"
            "Period   Cheapest service  Total\n"
            "2023_3Q  NairaLink         2.40%\n"
            "2023_4Q  no survey\n"
            "2024_1Q  Northwind Remit   7.00%\n"
            "2024_2Q  NairaLink         1.90%\n"
            "\n"
            "Services: transparent services surveyed at the amount. SmaRT: "
            "the average of the\n"
            "3 cheapest that deliver within 5 days; none (n/3) when only n "
            "qualify. <=3%,\n"
            "<=5%: the share of services at or under that total cost.\n"
            "\n"
            "Average total cost by period (# = 0.25 points; | = the 3% SDG "
            "target)\n"
            "2023_3Q  ############|################       7.13%\n"
            "2023_4Q  no survey\n"
            "2024_1Q  ############|#####################  8.50%\n"
            "2024_2Q  ############|########               5.25%\n"
            "\n"
            "Data: RPW test; version 58b8ab0982a9.\n");
  EXPECT_LE(Widest(out), 80u);
}

TEST(HistoryOutputTest, LongNamesAreCutToFit) {
  v1::CorridorHistory history = History();
  history.mutable_points(0)->set_cheapest_provider_name(
      "Compagnie Générale de Transferts Internationaux d'Argent et de "
      "Change");
  const std::string out = HistoryOutput(history, Format::kTable, kDataLine);
  EXPECT_TRUE(absl::StrContains(
      out,
      "2023_3Q  Compagnie Générale de Transferts Internationaux d'Argent "
      "et d...  2.40%\n"))
      << out;
  for (const std::string& line : Lines(out)) {
    // Code points, not bytes: "é" is one column.
    size_t columns = 0;
    for (char c : line)
      columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_LE(columns, 80u) << line;
  }
}

TEST(HistoryOutputTest, ProviderColumn) {
  v1::CorridorHistory history = History();
  history.set_provider_id("p-nw");
  history.set_amount_level(v1::AMOUNT_LEVEL_CC2);
  history.mutable_points(0)->set_provider_average_total_cost_percent("8.1");
  history.mutable_points(2)->set_provider_average_total_cost_percent("7");
  const std::string out = HistoryOutput(history, Format::kTable, kDataLine);
  EXPECT_TRUE(absl::StartsWith(
      out,
      "GBR (GBP) -> NGA (NGN), cc2 (the USD 500 equivalent), 2023_3Q to "
      "2024_2Q\n"
      "Provider: p-nw (its own average in the last column; - when it was "
      "not surveyed)\n"
      "\n"
      "Period    Services  Average  Median       SmaRT    <=3%    <=5%  "
      "Provider\n"
      "2023_3Q          5    7.13%   6.50%       3.90%  20.00%  40.00%     "
      "8.10%\n"
      "2023_4Q  no survey\n"
      "2024_1Q          2    8.50%   8.50%  none (2/3)   0.00%   0.00%     "
      "7.00%\n"
      "2024_2Q          4    5.25%   5.10%       2.95%  25.00%  50.00%"
      "         -\n"))
      << out;
  EXPECT_LE(Widest(out), 80u);
}

TEST(HistoryOutputTest, NoPoints) {
  v1::CorridorHistory history = History();
  history.clear_points();
  EXPECT_EQ(HistoryOutput(history, Format::kTable, kDataLine),
            "GBR (GBP) -> NGA (NGN), cc1 (the USD 200 equivalent)\n\n"
            "No survey period in the data.\n"
            "Data: RPW test; version 58b8ab0982a9.\n");
}

TEST(HistoryOutputTest, CsvHasEmptyCellsInGaps) {
  v1::CorridorHistory history = History();
  history.set_provider_id("p-nw");
  history.mutable_points(0)->set_provider_average_total_cost_percent("8.1");
  history.mutable_points(2)->set_cheapest_provider_name("Northwind, Remit");
  EXPECT_EQ(HistoryOutput(history, Format::kCsv, kDataLine),
            "period,gap,transparent_service_count,average_total_cost_percent,"
            "median_total_cost_percent,smart_percent,smart_qualifying_count,"
            "cheapest_provider_id,cheapest_provider_name,"
            "cheapest_total_cost_percent,share_at_or_below_3_percent,"
            "share_at_or_below_5_percent,provider_average_total_cost_percent\n"
            "2023_3Q,false,5,7.125,6.5,3.9,4,p-nl,NairaLink,2.4,20,40,8.1\n"
            "2023_4Q,true,,,,,,,,,,,\n"
            "2024_1Q,false,2,8.5,8.5,,2,p-nw,\"Northwind, Remit\",7,0,0,\n"
            "2024_2Q,false,4,5.25,5.1,2.95,3,p-nl,NairaLink,1.9,25,50,\n");
}

TEST(HistoryOutputTest, JsonIsTheApiMessage) {
  const std::string out = HistoryOutput(History(), Format::kJson, kDataLine);
  EXPECT_TRUE(absl::StrContains(out, "\"averageTotalCostPercent\": \"7.125\""))
      << out;
  v1::CorridorHistory parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &parsed).ok());
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(parsed, History()));
}

v1::Indicators Indicators() {
  return Parse<v1::Indicators>(R"pb(
    period: "2024_2Q"
    dataset_version: "58b8ab0982a9ffff"
    global_average_total_cost_percent: "6.4"
    service_count: 9
    by_firm_type {
      key: "Bank"
      service_count: 5
      average_total_cost_percent: "9.2"
    }
    by_firm_type {
      key: "Money Transfer Operator"
      service_count: 4
      average_total_cost_percent: "2.9"
    }
    by_sending_country {
      key: "GBR"
      service_count: 6
      average_total_cost_percent: "5.5"
    }
    by_sending_country {
      key: "USA"
      service_count: 3
      average_total_cost_percent: "8.2"
    }
    by_receiving_country {
      key: "NGA"
      service_count: 9
      average_total_cost_percent: "6.4"
    }
    by_g8_g20 { key: "G20" service_count: 9 average_total_cost_percent: "6.4" }
    corridors {
      corridor {
        send_country: "GBR"
        send_currency: "GBP"
        receive_country: "NGA"
        receive_currency: "NGN"
      }
      service_count: 6
      average_total_cost_percent: "5.5"
      smart_percent: "2.5"
      smart_qualifying_count: 4
    }
    corridors {
      corridor {
        send_country: "USA"
        send_currency: "USD"
        receive_country: "NGA"
        receive_currency: "NGN"
      }
      service_count: 3
      average_total_cost_percent: "8.2"
      smart_qualifying_count: 2
    }
    corridors_at_or_below_5_percent: 0
    corridors_at_or_below_3_percent: 0
    share_of_corridors_at_or_below_5_percent: "0"
    share_of_corridors_at_or_below_3_percent: "0"
    global_smart_average_percent: "2.5"
    corridors_with_smart: 1
    rules: "Only transparent services count: a service whose exchange rate margin is not disclosed is left out of every average."
    rules: "cc1 only."
  )pb");
}

TEST(IndicatorsOutputTest, TableWithEveryBreakdown) {
  EXPECT_EQ(IndicatorsOutput(Indicators(), Format::kTable,
                             kAllIndicatorBreakdowns, kDataLine),
            "RPW indicators, survey period 2024_2Q\n"
            "\n"
            "Global average total cost  6.40% over 9 services\n"
            "Corridors at or under 5%   0 of 2 (0.00%)\n"
            "Corridors at or under 3%   0 of 2 (0.00%)\n"
            "Global SmaRT average       2.50% over 1 of 2 corridors\n"
            "\n"
            "Firm type                Services  Average\n"
            "Bank                            5    9.20%\n"
            "Money Transfer Operator         4    2.90%\n"
            "\n"
            "Sending country  Services  Average\n"
            "GBR                     6    5.50%\n"
            "USA                     3    8.20%\n"
            "\n"
            "Receiving country  Services  Average\n"
            "NGA                       9    6.40%\n"
            "\n"
            "Receiving region: not in the data (no such column).\n"
            "\n"
            "G8/G20 group  Services  Average\n"
            "G20                  9    6.40%\n"
            "\n"
            "From     To       Services  Average       SmaRT\n"
            "GBR GBP  NGA NGN         6    5.50%       2.50%\n"
            "USA USD  NGA NGN         3    8.20%  none (2/3)\n"
            "\n"
            "Rules applied:\n"
            "- Only transparent services count: a service whose exchange rate "
            "margin is not\n"
            "  disclosed is left out of every average.\n"
            "- cc1 only.\n"
            "\n"
            "Data: RPW test; version 58b8ab0982a9.\n");
}

TEST(IndicatorsOutputTest, TableWithOneBreakdown) {
  const IndicatorBreakdown by[] = {IndicatorBreakdown::kFirmType};
  const std::string out =
      IndicatorsOutput(Indicators(), Format::kTable, by, kDataLine);
  EXPECT_TRUE(absl::StrContains(out, "Firm type ")) << out;
  EXPECT_FALSE(absl::StrContains(out, "Sending country")) << out;
  EXPECT_FALSE(absl::StrContains(out, "From ")) << out;
  EXPECT_TRUE(absl::StrContains(out, "Rules applied:\n")) << out;
}

TEST(IndicatorsOutputTest, CsvHasAKindPerRow) {
  const IndicatorBreakdown by[] = {IndicatorBreakdown::kFirmType,
                                   IndicatorBreakdown::kCorridor};
  EXPECT_EQ(IndicatorsOutput(Indicators(), Format::kCsv, by, kDataLine),
            "kind,key,service_count,average_total_cost_percent,smart_percent,"
            "smart_qualifying_count\n"
            "global,all,9,6.4,2.5,\n"
            "firm_type,Bank,5,9.2,,\n"
            "firm_type,Money Transfer Operator,4,2.9,,\n"
            "corridor,GBR/GBP->NGA/NGN,6,5.5,2.5,4\n"
            "corridor,USA/USD->NGA/NGN,3,8.2,,2\n");
}

TEST(IndicatorsOutputTest, JsonIsTheWholeApiMessage) {
  const IndicatorBreakdown by[] = {IndicatorBreakdown::kG8G20};
  const std::string out =
      IndicatorsOutput(Indicators(), Format::kJson, by, kDataLine);
  for (const char* name :
       {"\"globalAverageTotalCostPercent\": \"6.4\"", "\"byFirmType\": [",
        "\"corridors\": [", "\"averageTotalCostPercent\": \"5.5\"",
        "\"corridor\": {"}) {
    EXPECT_TRUE(absl::StrContains(out, name)) << name;
  }
  v1::Indicators parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(out, &parsed).ok());
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(parsed, Indicators()));
}

TEST(FormatTest, ParsesOnlyTheAcceptedFormats) {
  EXPECT_EQ(*ParseFormat("csv"), Format::kCsv);
  EXPECT_EQ(ParseFormat("svg").status().message(),
            "--format: 'svg' is not one of table, csv, json");
  const Format with_svg[] = {Format::kTable, Format::kSvg};
  EXPECT_EQ(*ParseFormat("svg", with_svg), Format::kSvg);
  EXPECT_EQ(ParseFormat("csv", with_svg).status().message(),
            "--format: 'csv' is not one of table, svg");
  EXPECT_EQ(FormatsHelp(kTextFormats), "table (default), csv or json");
  EXPECT_EQ(FormatsHelp(with_svg), "table (default) or svg");
}

// A large amount received, and one offer in the corridor.
v1::RankOffersResponse LargeRanking() {
  return Parse<v1::RankOffersResponse>(R"pb(
    offers {
      rank: 1
      provider_name: "Big Remit"
      transparent: true
      send_amount { currency_code: "USD" units: 999999999999 nanos: 990000000 }
      fee { currency_code: "USD" units: 1234 nanos: 500000000 }
      fx_margin_percent: "0.5"
      fx_margin_cost { currency_code: "USD" units: 5000000 }
      total_cost { currency_code: "USD" units: 5001234 nanos: 500000000 }
      total_cost_percent: "0.5"
      receive_amount {
        currency_code: "MXN"
        units: 18019999999981
        nanos: 980000000
      }
    }
    summary {
      corridor {
        send_country: "USA"
        send_currency: "USD"
        receive_country: "MEX"
        receive_currency: "MXN"
      }
      amount { currency_code: "USD" units: 999999999999 nanos: 990000000 }
      offer_count: 1
      average_total_cost_percent: "0.5"
      median_total_cost_percent: "0.5"
      smart_qualifying_count: 1
    }
  )pb");
}

TEST(GroupedMoneyTextTest, ExactAndGrouped) {
  v1::Money money;
  money.set_currency_code("MXN");
  money.set_units(18019999999981);
  money.set_nanos(980000000);
  EXPECT_EQ(GroupedMoneyText(money, true), "18,019,999,999,981.98 MXN");
  EXPECT_EQ(MoneyText(money, true), "18019999999981.98 MXN");
  money.set_units(-1234);
  money.set_nanos(-500000000);
  EXPECT_EQ(GroupedMoneyText(money, true), "-1,234.50 MXN");
  money.set_units(999);
  money.set_nanos(0);
  EXPECT_EQ(GroupedMoneyText(money, true), "999.00 MXN");
  EXPECT_EQ(GroupedMoneyText(money, false), "");
  money.set_currency_code("JPY");
  money.set_units(1000000);
  EXPECT_EQ(GroupedMoneyText(money, true), "1,000,000 JPY");
}

// People read grouped digits in the table; csv and json stay plain.
TEST(RankOutputTest, TableGroupsDigitsCsvAndJsonDoNot) {
  const v1::RankOffersResponse ranking = LargeRanking();
  RankView wide;
  wide.width = 300;  // One line per offer: nothing moves or wraps.
  const std::string table = RankOutput(ranking, Format::kTable, "Data.", wide);
  for (const char* text :
       {"USA (USD) -> MEX (MXN), 999,999,999,999.99 USD\n", "1,234.50 USD",
        "5,000,000.00 USD", "5,001,234.50 USD", "18,019,999,999,981.98 MXN",
        // One offer, in the singular.
        "Corridor: 1 offer: average 0.50%, median 0.50%; SmaRT none (1 of "
        "the 3 needed offers qualifies)\n"}) {
    EXPECT_TRUE(absl::StrContains(table, text)) << text << "\n" << table;
  }
  const std::string csv = RankOutput(ranking, Format::kCsv, "");
  EXPECT_TRUE(absl::StrContains(csv, ",18019999999981.98 MXN,")) << csv;
  EXPECT_TRUE(absl::StrContains(csv, ",1234.50 USD,")) << csv;
  EXPECT_FALSE(absl::StrContains(csv, "18,019")) << csv;
  const std::string json = RankOutput(ranking, Format::kJson, "");
  EXPECT_TRUE(absl::StrContains(json, "\"units\": \"18019999999981\"")) << json;

  const std::string summary =
      SummaryOutput(ranking.summary(), Format::kTable, "Data.");
  EXPECT_TRUE(absl::StrContains(summary, "999,999,999,999.99 USD")) << summary;
  const std::string summary_csv =
      SummaryOutput(ranking.summary(), Format::kCsv, "");
  EXPECT_TRUE(absl::StrContains(summary_csv, "amount,999999999999.99 USD\n"))
      << summary_csv;
}

TEST(RankOutputTest, CountsInThePlural) {
  v1::RankOffersResponse ranking = LargeRanking();
  ranking.mutable_summary()->set_offer_count(2);
  ranking.mutable_summary()->set_smart_qualifying_count(0);
  RankView wide;
  wide.width = 300;  // One line per offer: nothing moves or wraps.
  const std::string table = RankOutput(ranking, Format::kTable, "Data.", wide);
  EXPECT_TRUE(absl::StrContains(table,
                                "Corridor: 2 offers: average 0.50%, median "
                                "0.50%; SmaRT none (0 of the 3 needed offers "
                                "qualify)\n"))
      << table;
}

TEST(IndicatorsOutputTest, OneServiceAndOneCorridorInTheSingular) {
  const v1::Indicators indicators = Parse<v1::Indicators>(R"pb(
    period: "2024_2Q"
    service_count: 1
    global_average_total_cost_percent: "4"
    corridors_with_smart: 1
    global_smart_average_percent: "4"
    corridors {
      corridor {
        send_country: "GBR"
        send_currency: "GBP"
        receive_country: "NGA"
        receive_currency: "NGN"
      }
      service_count: 1
      average_total_cost_percent: "4"
    }
  )pb");
  const std::string table = IndicatorsOutput(
      indicators, Format::kTable, {IndicatorBreakdown::kCorridor}, "Data.");
  EXPECT_TRUE(absl::StrContains(table, "4.00% over 1 service\n")) << table;
  EXPECT_TRUE(absl::StrContains(table, "4.00% over 1 of 1 corridor\n"))
      << table;
}

// A ranking with every kind of part and mark: a promotion with a negative
// total, an estimate, an offer with a card surcharge and a fee taken at
// payout, and one whose rate is not disclosed.
v1::RankOffersResponse Ranking() {
  return Parse<v1::RankOffersResponse>(R"pb(
    offers {
      rank: 1
      provider_name: "Promo Remit"
      payment_instrument: PAYMENT_INSTRUMENT_DEBIT_CARD
      receive_method: RECEIVE_METHOD_BANK_ACCOUNT
      speed: SPEED_SAME_DAY
      send_amount { currency_code: "USD" units: 200 }
      fee { currency_code: "USD" }
      funding_surcharge { currency_code: "USD" }
      recipient_fee_in_send_currency { currency_code: "USD" }
      fx_margin_percent: "-0.27"
      fx_margin_cost { currency_code: "USD" nanos: -550000000 }
      total_cost { currency_code: "USD" nanos: -550000000 }
      total_cost_percent: "-0.275"
      total_outlay { currency_code: "USD" units: 200 }
      receive_amount { currency_code: "MXN" units: 3650 }
      transparent: true
      promotional: true
    }
    offers {
      rank: 2
      provider_name: "Card Remit With A Rather Long Name"
      payment_instrument: PAYMENT_INSTRUMENT_CREDIT_CARD
      receive_method: RECEIVE_METHOD_CASH_PICKUP
      speed: SPEED_LESS_THAN_ONE_HOUR
      send_amount { currency_code: "USD" units: 200 }
      fee { currency_code: "USD" units: 2 nanos: 990000000 }
      funding_surcharge { currency_code: "USD" units: 6 }
      recipient_fee_in_send_currency { currency_code: "USD" nanos: 270000000 }
      fx_margin_percent: "0.77"
      fx_margin_cost { currency_code: "USD" units: 1 nanos: 540000000 }
      total_cost { currency_code: "USD" units: 10 nanos: 800000000 }
      total_cost_percent: "5.4"
      total_outlay { currency_code: "USD" units: 208 nanos: 990000000 }
      receive_amount { currency_code: "MXN" units: 3590 }
      transparent: true
      estimated: true
    }
    offers {
      rank: 3
      provider_name: "Closed Bank"
      payment_instrument: PAYMENT_INSTRUMENT_BANK_ACCOUNT
      receive_method: RECEIVE_METHOD_BANK_ACCOUNT
      speed: SPEED_TWO_DAYS
      send_amount { currency_code: "USD" units: 200 }
      fee { currency_code: "USD" units: 25 }
      funding_surcharge { currency_code: "USD" }
      recipient_fee_in_send_currency { currency_code: "USD" }
      total_cost { currency_code: "USD" units: 25 }
      total_cost_percent: "12.5"
      total_outlay { currency_code: "USD" units: 225 }
    }
    summary {
      corridor {
        send_country: "USA"
        send_currency: "USD"
        receive_country: "MEX"
        receive_currency: "MXN"
      }
      amount { currency_code: "USD" units: 200 }
      offer_count: 2
      average_total_cost_percent: "2.5"
      median_total_cost_percent: "2.5"
      smart_qualifying_count: 2
      personal_smart_qualifying_count: 1
    }
  )pb");
}

TEST(RankOutputTest, WideTableShowsEveryPartAndMark) {
  RankView view;
  view.width = 300;
  const std::string out =
      RankOutput(Ranking(), Format::kTable, kDataLine, view);
  EXPECT_TRUE(absl::StrContains(
      out,
      "#  Provider                            How                        "
      "         Fee  Surcharge  Payout fee  FX margin    FX cost      "
      "Total cost       Total  Recipient gets  Speed\n"))
      << out;
  // 2.99 + 6.00 + 0.27 + 1.54 = 10.80.
  EXPECT_TRUE(absl::StrContains(out,
                                "2.99 USD   6.00 USD    0.27 USD      "
                                "0.77%   1.54 USD      ~10.80 USD"))
      << out;
  EXPECT_TRUE(absl::StrContains(out, "0.55 USD gain*  0.28% gain")) << out;
  EXPECT_TRUE(absl::StrContains(out, "~3,590.00 MXN")) << out;
  EXPECT_TRUE(absl::StrContains(
      out, "Total cost = fee + surcharge + payout fee + FX cost"))
      << out;
  EXPECT_TRUE(absl::StrContains(out, "\n* promotional: ")) << out;
  EXPECT_TRUE(absl::StrContains(out, "\n~ estimated: ")) << out;
  EXPECT_TRUE(absl::StrContains(
      out,
      "\n1 Promo Remit: promotional rate better than the market rate: even "
      "after fees the recipient gets 0.55 USD more than at the market rate (a "
      "total cost of -0.55 USD).\n"))
      << out;
  EXPECT_TRUE(absl::StrContains(out, "the total cost counts the fees only"))
      << out;
  // Without --access, no personal SmaRT.
  EXPECT_FALSE(absl::StrContains(out, "Your SmaRT")) << out;
}

TEST(RankOutputTest, NarrowTablesGiveWayInTheDocumentedOrder) {
  RankView view;
  // 80: how, speed, margin and total % under each offer; surcharge and
  // payout fee in one column; names wrap.
  view.width = 80;
  std::string out = RankOutput(Ranking(), Format::kTable, kDataLine, view);
  EXPECT_TRUE(absl::StrContains(
      out,
      "#  Provider           Fee  Other fees    FX cost      Total cost  "
      "Recipient gets\n"))
      << out;
  EXPECT_TRUE(absl::StrContains(out,
                                "   credit card -> cash pickup, less than "
                                "one hour; FX margin 0.77%; total 5.40%\n"))
      << out;
  // 6.00 + 0.27 in one column: 2.99 + 6.27 + 1.54 = 10.80.
  EXPECT_TRUE(absl::StrContains(
      out, "2  Card Remit    2.99 USD    6.27 USD   1.54 USD      ~10.80 USD"))
      << out;
  EXPECT_TRUE(absl::StrContains(
      out, "Total cost = fee + other fees (surcharge + payout fee) + FX cost"))
      << out;
  // 50: the breakdown gives way, the total stays.
  view.width = 50;
  out = RankOutput(Ranking(), Format::kTable, kDataLine, view);
  EXPECT_FALSE(absl::StrContains(out, "FX cost  ")) << out;
  EXPECT_TRUE(absl::StrContains(out, "~10.80 USD")) << out;
  EXPECT_TRUE(absl::StrContains(out, "The breakdown does not fit")) << out;
  for (int width : {80, 50}) {
    view.width = width;
    out = RankOutput(Ranking(), Format::kTable, kDataLine, view);
    for (absl::string_view line : absl::StrSplit(out, '\n')) {
      if (absl::StartsWith(line, "Data: ")) continue;
      EXPECT_LE(line.size(), static_cast<size_t>(width)) << line;
    }
    // A wrapped name keeps every word.
    for (const char* word : {"Card", "Rather", "Long", "Name"}) {
      EXPECT_TRUE(absl::StrContains(out, word)) << width << "\n" << out;
    }
  }
  // 20: nothing more gives way; figures are whole.
  view.width = 20;
  out = RankOutput(Ranking(), Format::kTable, kDataLine, view);
  EXPECT_TRUE(absl::StrContains(out, "~10.80 USD")) << out;
  EXPECT_TRUE(absl::StrContains(out, "~3,590.00 MXN")) << out;
}

TEST(RankOutputTest, ReceiveModeShowsWhatToSendAndPay) {
  RankView view;
  view.receive_mode = true;
  view.width = 300;
  const std::string out =
      RankOutput(Ranking(), Format::kTable, kDataLine, view);
  EXPECT_TRUE(absl::StartsWith(out,
                               "USA (USD) -> MEX (MXN), 200.00 USD "
                               "received\n"))
      << out;
  EXPECT_TRUE(absl::StrContains(out, "You send")) << out;
  EXPECT_TRUE(absl::StrContains(out, "You pay")) << out;
  EXPECT_TRUE(absl::StrContains(out, "208.99 USD")) << out;
  EXPECT_TRUE(absl::StrContains(out, "You send: the amount converted")) << out;
}

TEST(RankOutputTest, PersonalSmartWithAccess) {
  RankView view;
  view.personal = true;
  std::string out = RankOutput(Ranking(), Format::kTable, kDataLine, view);
  EXPECT_TRUE(absl::StrContains(
      out,
      "Your SmaRT (with your --access): none (1 of the 3 needed offers "
      "qualify)\n"))
      << out;
  v1::RankOffersResponse with_smart = Ranking();
  with_smart.mutable_summary()->set_smart_percent("2.5");
  with_smart.mutable_summary()->set_personal_smart_percent("3.125");
  out = RankOutput(with_smart, Format::kTable, kDataLine, view);
  EXPECT_TRUE(absl::StrContains(
      out, "Your SmaRT (with your --access): 3.13% (corridor SmaRT 2.50%)\n"))
      << out;
}

TEST(RankOutputTest, CsvHasEveryPartAndMark) {
  const std::string out = RankOutput(Ranking(), Format::kCsv, kDataLine);
  const std::vector<std::string> lines =
      absl::StrSplit(out, '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 4u) << out;
  EXPECT_EQ(lines[0],
            "rank,provider_id,provider,payment_instrument,receive_method,"
            "speed,send_amount,fee,funding_surcharge,recipient_fee,"
            "recipient_fee_in_send_currency,fx_margin_percent,fx_margin_cost,"
            "total_cost,total_cost_percent,total_outlay,receive_amount,"
            "transparent,estimated,promotional,data_notes,price_date,"
            "prices_judged_at,max_age_days,illustrative,no_offers_reason,"
            "no_offers_message");
  // Without a freshness (an older server): the freshness columns are empty.
  EXPECT_TRUE(absl::EndsWith(lines[1], ",true,false,true,,,,,false,,"))
      << lines[1];
  EXPECT_TRUE(absl::StrContains(lines[2],
                                ",2.99 USD,6.00 USD,,0.27 USD,0.77,1.54 USD,"
                                "10.80 USD,5.4,208.99 USD,3590.00 MXN,true,"
                                "true,false,"))
      << lines[2];
}

// No offer: the reason the engine gives, in every format.
TEST(RankOutputTest, SaysWhyThereIsNoOffer) {
  v1::RankOffersResponse response = Parse<v1::RankOffersResponse>(R"pb(
    summary {
      corridor {
        send_country: "USA"
        send_currency: "USD"
        receive_country: "MEX"
        receive_currency: "MXN"
      }
      amount { currency_code: "USD" units: 200 }
    }
    freshness {
      as_of_date: "2026-11-02"
      max_quote_age { seconds: 15811200 }
      newest_price_date: "2026-11-02"
      quote_count: 5
    }
    no_offers {
      reason: EXCLUSION_REASON_FILTERED_OUT
      message: "all 5 quotes are rejected by the request's filter"
    }
  )pb");
  const std::string table =
      RankOutput(response, Format::kTable, "Data: test.", RankView{});
  EXPECT_TRUE(absl::StrContains(
      table,
      "\nNo offer: all 5 quotes are rejected by the request's filter.\n"))
      << table;
  EXPECT_FALSE(absl::StrContains(table, "No offer matches.")) << table;

  const std::vector<std::string> lines = absl::StrSplit(
      RankOutput(response, Format::kCsv, ""), '\n', absl::SkipEmpty());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(absl::EndsWith(lines[0], ",no_offers_reason,no_offers_message"))
      << lines[0];
  // The offer's fields empty; the freshness and the reason filled.
  EXPECT_EQ(lines[1],
            std::string(22, ',') +
                "2026-11-02,183,false,filtered out,all 5 quotes are rejected "
                "by the request's filter");
  EXPECT_EQ(std::count(lines[0].begin(), lines[0].end(), ','),
            std::count(lines[1].begin(), lines[1].end(), ','));

  const std::string json = RankOutput(response, Format::kJson, "");
  EXPECT_TRUE(absl::StrContains(json, "\"noOffers\"")) << json;
  EXPECT_TRUE(absl::StrContains(json, "\"EXCLUSION_REASON_FILTERED_OUT\""))
      << json;

  // Left out for several reasons: no one reason, the words as given; a
  // message wider than the table wraps.
  response.mutable_no_offers()->set_reason(v1::EXCLUSION_REASON_UNSPECIFIED);
  response.mutable_no_offers()->set_message(
      "none of the 6 quotes can be ranked: 1 opaque (their rate is not "
      "disclosed; include_opaque ranks them), 1 stale, 4 rejected by the "
      "request's filter");
  RankView narrow;
  narrow.width = 60;
  const std::string wrapped =
      RankOutput(response, Format::kTable, "Data: test.", narrow);
  EXPECT_TRUE(absl::StrContains(
      wrapped,
      "\nNo offer: none of the 6 quotes can be ranked: 1 opaque\n  (their "
      "rate is not disclosed; include_opaque ranks them),\n  1 stale, 4 "
      "rejected by the request's filter.\n"))
      << wrapped;
  const std::vector<std::string> csv = absl::StrSplit(
      RankOutput(response, Format::kCsv, ""), '\n', absl::SkipEmpty());
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_TRUE(absl::StrContains(csv[1], ",false,,\"none of the 6 quotes"))
      << csv[1];
}

TEST(JsonTest, PrintsZeroValuesAndEmptyListsAsTheHttpApiDoes) {
  v1::CurveInterval interval;
  interval.mutable_from_amount()->set_currency_code("USD");
  interval.mutable_from_amount()->set_units(50);
  const std::string out = Json(interval);
  // Set fields, zero fields and an unset message field (not printed).
  EXPECT_TRUE(absl::StrContains(out, "\"units\": \"50\"")) << out;
  EXPECT_TRUE(absl::StrContains(out, "\"nanos\": 0")) << out;
  EXPECT_FALSE(absl::StrContains(out, "toAmount")) << out;
  v1::CorridorHistory empty;
  EXPECT_TRUE(absl::StrContains(Json(empty), "\"points\": []")) << Json(empty);
}

}  // namespace
}  // namespace remit::cli
