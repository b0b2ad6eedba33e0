#include "engine/indicators/indicators.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "engine/snapshot/snapshot.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::Must;
using testing::P;

// The project's test workbook (testdata/rpw/make_rpw_workbook.py has its
// rows). Totals below are worked out by hand from those rows; "published"
// is the row's `cc1 total cost %`, "computed" fee / amount x 100 + margin.
constexpr char kWorkbook[] = "testdata/rpw/rpw_test_workbook.xlsx";

std::shared_ptr<const Snapshot> LoadWorkbook() {
  FakeClock clock(absl::UnixEpoch());
  std::vector<DatasetError> errors;
  return Must(Snapshot::Load({kWorkbook}, {}, clock, &errors));
}

Period Q(const char* text) { return Must(Period::Parse(text)); }

std::string Text(const std::optional<Percent>& p) {
  return p.has_value() ? p->ToString(Percent::kScale) : "unset";
}

Corridor UsaMex() { return C("USA", "MEX"); }
Corridor RwaKen() { return Must(Corridor::Parse("RWA", "", "KEN", "")); }

const HistoryPoint& At(const std::vector<HistoryPoint>& points,
                       const char* period) {
  for (const HistoryPoint& p : points) {
    if (p.period == Q(period)) return p;
  }
  ADD_FAILURE() << "no point for " << period;
  return points.front();
}

TEST(CorridorHistoryTest, EveryQuarterFromFirstToLastWithGaps) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  const std::vector<HistoryPoint> points = Must(CorridorHistory(
      s->book(), UsaMex(), AmountLevel::kCc1, "", IndicatorOptions()));
  // 2011_1Q to 2025_3Q: 4 quarters of 2011, 13 years of 4 (2012-2024), 3
  // of 2025 = 59 points; surveyed: 2011_1Q, 2011_3Q, 2024_3Q, 2025_1Q,
  // 2025_3Q.
  ASSERT_EQ(points.size(), 59u);
  EXPECT_EQ(points.front().period, Q("2011_1Q"));
  EXPECT_EQ(points.back().period, Q("2025_3Q"));
  std::vector<std::string> surveyed;
  for (size_t i = 0; i < points.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(points[i - 1].period, points[i].period);
    }
    if (!points[i].gap) surveyed.push_back(points[i].period.ToString());
  }
  EXPECT_EQ(absl::StrJoin(surveyed, ","),
            "2011_1Q,2011_3Q,2024_3Q,2025_1Q,2025_3Q");
  // 2011 was surveyed twice a year: its 2Q is a gap; so is 2025_2Q, which
  // RPW never published. A gap has no figure at all.
  for (const char* gap : {"2011_2Q", "2011_4Q", "2012_1Q", "2025_2Q"}) {
    const HistoryPoint& p = At(points, gap);
    EXPECT_TRUE(p.gap) << gap;
    EXPECT_EQ(p.service_count, 0u) << gap;
    EXPECT_FALSE(p.average.has_value()) << gap;
    EXPECT_FALSE(p.median.has_value()) << gap;
    EXPECT_FALSE(p.smart.has_value()) << gap;
    EXPECT_EQ(p.cheapest_provider, nullptr) << gap;
  }
}

TEST(CorridorHistoryTest, FiguresWorkedOutByHand) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  const std::vector<HistoryPoint> points =
      Must(CorridorHistory(s->book(), UsaMex(), AmountLevel::kCc1,
                           "rpw-northwind-remit", IndicatorOptions()));

  // 2011_1Q: Northwind 10/200 x 100 + 2 = 7 (< 1 hour); First Bank of Elm
  // 30/200 x 100 + 3.64 = 18.64 (3-5 days). Average (7 + 18.64) / 2 =
  // 12.82 = median. Two qualify for SmaRT: none.
  const HistoryPoint& q2011_1 = At(points, "2011_1Q");
  EXPECT_EQ(q2011_1.service_count, 2u);
  EXPECT_EQ(Text(q2011_1.average), "12.820000000");
  EXPECT_EQ(Text(q2011_1.median), "12.820000000");
  EXPECT_FALSE(q2011_1.smart.has_value());
  EXPECT_EQ(q2011_1.smart_qualifying, 2u);
  EXPECT_EQ(q2011_1.cheapest_provider->name, "Northwind Remit");
  EXPECT_EQ(Text(q2011_1.cheapest_total), "7.000000000");
  EXPECT_EQ(q2011_1.share_at_or_below_3_percent, P("0"));
  EXPECT_EQ(q2011_1.share_at_or_below_5_percent, P("0"));
  EXPECT_EQ(Text(q2011_1.provider_average), "7.000000000");

  // 2011_3Q: a service appears (Post-o-Send). Northwind 8/200 x 100 + 1.5
  // = 5.5; Post-o-Send 5/200 x 100 + 3.05 = 5.55; the bank 30/200 x 100 +
  // 4.61 = 19.61. Average 30.66 / 3 = 10.22, median 5.55. All three
  // deliver within 5 days (next day, 1-3 days, 3-5 days): SmaRT 10.22.
  const HistoryPoint& q2011_3 = At(points, "2011_3Q");
  EXPECT_EQ(q2011_3.service_count, 3u);
  EXPECT_EQ(Text(q2011_3.average), "10.220000000");
  EXPECT_EQ(Text(q2011_3.median), "5.550000000");
  EXPECT_EQ(Text(q2011_3.smart), "10.220000000");
  EXPECT_EQ(q2011_3.smart_qualifying, 3u);
  EXPECT_EQ(Text(q2011_3.cheapest_total), "5.500000000");
  EXPECT_EQ(Text(q2011_3.provider_average), "5.500000000");

  // 2024_3Q: Northwind 3.99/200 x 100 + 1.04 = 3.035; Elm Remit twice
  // (two ids) 6/200 x 100 + 2.09 = 5.09; Post-o-Send is opaque: left out.
  // Average 13.215 / 3 = 4.405, median 5.09, SmaRT 4.405 (all within a
  // day); at or under 5 %: 1 of 3 = 33.333333333 %.
  const HistoryPoint& q2024_3 = At(points, "2024_3Q");
  EXPECT_EQ(q2024_3.service_count, 3u);
  EXPECT_EQ(Text(q2024_3.average), "4.405000000");
  EXPECT_EQ(Text(q2024_3.median), "5.090000000");
  EXPECT_EQ(Text(q2024_3.smart), "4.405000000");
  EXPECT_EQ(q2024_3.share_at_or_below_3_percent, P("0"));
  EXPECT_EQ(q2024_3.share_at_or_below_5_percent, P("33.333333333"));

  // 2025_1Q: Northwind 2.99/200 x 100 + 0.99 = 2.485; Elm Remit's
  // promotion 0 + (-0.99) = -0.99, the cheapest. Average 1.495 / 2 =
  // 0.7475; both at or under 3 %.
  const HistoryPoint& q2025_1 = At(points, "2025_1Q");
  EXPECT_EQ(q2025_1.service_count, 2u);
  EXPECT_EQ(Text(q2025_1.average), "0.747500000");
  EXPECT_EQ(q2025_1.cheapest_provider->name, "Elm Remit");
  EXPECT_EQ(Text(q2025_1.cheapest_total), "-0.990000000");
  EXPECT_EQ(q2025_1.share_at_or_below_3_percent, P("100"));
  EXPECT_EQ(Text(q2025_1.provider_average), "2.485000000");

  // 2025_3Q: Northwind alone, 2.99/200 x 100 + 1.08 = 2.575.
  const HistoryPoint& q2025_3 = At(points, "2025_3Q");
  EXPECT_EQ(q2025_3.service_count, 1u);
  EXPECT_EQ(Text(q2025_3.average), "2.575000000");
  EXPECT_FALSE(q2025_3.smart.has_value());
  EXPECT_EQ(q2025_3.smart_qualifying, 1u);
}

TEST(CorridorHistoryTest, ProviderAbsentInAQuarterHasNoAverage) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  const std::vector<HistoryPoint> points =
      Must(CorridorHistory(s->book(), UsaMex(), AmountLevel::kCc1,
                           "rpw-first-bank-of-elm", IndicatorOptions()));
  EXPECT_EQ(Text(At(points, "2011_1Q").provider_average), "18.640000000");
  EXPECT_EQ(Text(At(points, "2011_3Q").provider_average), "19.610000000");
  EXPECT_FALSE(At(points, "2024_3Q").provider_average.has_value());
}

TEST(CorridorHistoryTest, Cc2CountsOnlyServicesSurveyedThere) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  const std::vector<HistoryPoint> points = Must(CorridorHistory(
      s->book(), UsaMex(), AmountLevel::kCc2, "", IndicatorOptions()));
  // 2011_1Q at USD 500: 12/500 x 100 + 2 = 4.4 and 30/500 x 100 + 3.64 =
  // 9.64; average 7.02.
  EXPECT_EQ(At(points, "2011_1Q").service_count, 2u);
  EXPECT_EQ(Text(At(points, "2011_1Q").average), "7.020000000");
  // 2011_3Q has no cc2 block: surveyed, but nothing at this level.
  EXPECT_FALSE(At(points, "2011_3Q").gap);
  EXPECT_EQ(At(points, "2011_3Q").service_count, 0u);
  EXPECT_FALSE(At(points, "2011_3Q").average.has_value());
  // 2024_3Q: Northwind alone, 3.99/500 x 100 + 1.04 = 1.838.
  EXPECT_EQ(Text(At(points, "2024_3Q").average), "1.838000000");
}

TEST(CorridorHistoryTest, PublishedTotalRuleDecidesRowsThatDoNotAddUp) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  // RWA->KEN, 2025_3Q: Kigali Money 46172.7/261000 x 100 + 3.5 =
  // 21.190689655 (published the same); Hilltop 783000/261000 x 100 + 7 =
  // 307 (published 307); Lakeside published 9.0 but 13050/261000 x 100 +
  // 1.5 = 6.5.
  // Published: (21.190689655 + 307 + 9) / 3 = 112.396896551(666) ->
  // 112.396896552; median 21.190689655; cheapest Lakeside at 9.
  const std::vector<HistoryPoint> published = Must(CorridorHistory(
      s->book(), RwaKen(), AmountLevel::kCc1, "", IndicatorOptions()));
  ASSERT_EQ(published.size(), 1u);
  EXPECT_EQ(Text(published[0].average), "112.396896552");
  EXPECT_EQ(Text(published[0].median), "21.190689655");
  EXPECT_EQ(Text(published[0].smart), "112.396896552");
  EXPECT_EQ(published[0].cheapest_provider->name, "Lakeside Remit");
  EXPECT_EQ(Text(published[0].cheapest_total), "9.000000000");
  // Computed: (21.190689655 + 307 + 6.5) / 3 = 111.563563218(333).
  IndicatorOptions computed;
  computed.total = IndicatorOptions::Total::kComputed;
  const std::vector<HistoryPoint> recomputed = Must(
      CorridorHistory(s->book(), RwaKen(), AmountLevel::kCc1, "", computed));
  EXPECT_EQ(Text(recomputed[0].average), "111.563563218");
  EXPECT_EQ(Text(recomputed[0].cheapest_total), "6.500000000");
}

TEST(CorridorHistoryTest, Errors) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  absl::StatusOr<std::vector<HistoryPoint>> none = CorridorHistory(
      s->book(), C("GBR", "NGA"), AmountLevel::kCc1, "", IndicatorOptions());
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(none.status().message(), "has no quotes"))
      << none.status();
  absl::StatusOr<std::vector<HistoryPoint>> provider =
      CorridorHistory(s->book(), UsaMex(), AmountLevel::kCc1,
                      "rpw-kigali-money", IndicatorOptions());
  EXPECT_EQ(provider.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(
      absl::StrContains(provider.status().message(), "'rpw-kigali-money'"))
      << provider.status();
}

// 2025_3Q, cc1, every service transparent:
//   CHE->XKX  Alpen (MTO)              5/180 x 100 + 2.78 = 5.557777778
//   MEX->USA  Aztec Envios (MTO)       100/4000 x 100 + 1.5 = 4
//   RWA->KEN  Kigali Money (Bank)      21.190689655
//             Hilltop (MTO)            307       (published = computed)
//             Lakeside (MTO)           9.0       (computed 6.5)
//   USA->MEX  Northwind (MTO)          2.575
// Countries (the workbook's columns): USA G8G20, MEX G20, the others in
// neither; receiving regions KEN Sub-Saharan Africa, MEX Latin America &
// Caribbean, USA North America, XKX Europe & Central Asia.
TEST(IndicatorsTest, LatestPeriodWorkedOutByHand) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  const RpwIndicators out = Must(
      Indicators(s->book(), std::nullopt, s->countries(), IndicatorOptions()));
  EXPECT_EQ(out.period, Q("2025_3Q"));
  // (5.557777778 + 4 + 21.190689655 + 307 + 9 + 2.575) / 6 =
  // 349.323467433 / 6 = 58.2205779055, a tie at the 9th decimal: half-even
  // rounds the odd 5 up, 58.220577906.
  EXPECT_EQ(out.service_count, 6u);
  EXPECT_EQ(Text(out.global_average), "58.220577906");

  // MTO: (5.557777778 + 4 + 307 + 9 + 2.575) / 5 = 328.132777778 / 5 =
  // 65.6265555556 -> 65.626555556.
  ASSERT_EQ(out.by_firm_type.size(), 2u);
  EXPECT_EQ(out.by_firm_type[0].key, "Money transfer operator");
  EXPECT_EQ(out.by_firm_type[0].service_count, 5u);
  EXPECT_EQ(out.by_firm_type[0].average, P("65.626555556"));
  EXPECT_EQ(out.by_firm_type[1].key, "Bank");
  EXPECT_EQ(out.by_firm_type[1].average, P("21.190689655"));

  // Largest first, then by key. RWA: (21.190689655 + 307 + 9) / 3 =
  // 112.396896551(666) -> 112.396896552.
  ASSERT_EQ(out.by_sending_country.size(), 4u);
  EXPECT_EQ(out.by_sending_country[0].key, "RWA");
  EXPECT_EQ(out.by_sending_country[0].average, P("112.396896552"));
  EXPECT_EQ(out.by_sending_country[1].key, "CHE");
  EXPECT_EQ(out.by_sending_country[2].key, "MEX");
  EXPECT_EQ(out.by_sending_country[3].key, "USA");
  ASSERT_EQ(out.by_receiving_country.size(), 4u);
  EXPECT_EQ(out.by_receiving_country[0].key, "KEN");
  EXPECT_EQ(out.by_receiving_country[1].key, "MEX");
  EXPECT_EQ(out.by_receiving_country[2].key, "USA");
  EXPECT_EQ(out.by_receiving_country[3].key, "XKX");  // Written KSV.

  // Regions of the receiving countries.
  ASSERT_EQ(out.by_receiving_region.size(), 4u);
  EXPECT_EQ(out.by_receiving_region[0].key, "Sub-Saharan Africa");
  EXPECT_EQ(out.by_receiving_region[0].service_count, 3u);
  EXPECT_EQ(out.by_receiving_region[1].key, "Europe & Central Asia");
  EXPECT_EQ(out.by_receiving_region[1].average, P("5.557777778"));
  EXPECT_EQ(out.by_receiving_region[2].key, "Latin America & Caribbean");
  EXPECT_EQ(out.by_receiving_region[2].average, P("2.575"));
  EXPECT_EQ(out.by_receiving_region[3].key, "North America");
  EXPECT_EQ(out.by_receiving_region[3].average, P("4"));
  // By the sending country: the USA (G8G20) is in both groups, MEX (G20)
  // in the G20 only. G20: (2.575 + 4) / 2 = 3.2875; G8: 2.575.
  ASSERT_EQ(out.by_g8_g20.size(), 2u);
  EXPECT_EQ(out.by_g8_g20[0].key, "G20");
  EXPECT_EQ(out.by_g8_g20[0].service_count, 2u);
  EXPECT_EQ(out.by_g8_g20[0].average, P("3.2875"));
  EXPECT_EQ(out.by_g8_g20[1].key, "G8");
  EXPECT_EQ(out.by_g8_g20[1].service_count, 1u);
  EXPECT_EQ(out.by_g8_g20[1].average, P("2.575"));

  // Corridors in order: CHE->XKX 5.557777778 (over 5 %), MEX->USA 4 (at or
  // under 5 %), RWA->KEN 112.396896552 (SmaRT the same: all three within 5
  // days), USA->MEX 2.575 (at or under 3 %). At or under 5 %: 2 of 4 =
  // 50 %; at or under 3 %: 1 of 4 = 25 %.
  ASSERT_EQ(out.corridors.size(), 4u);
  EXPECT_EQ(out.corridors[0].corridor.ToString(), "CHE/CHF->XKX/EUR");
  EXPECT_EQ(Text(out.corridors[0].average), "5.557777778");
  EXPECT_FALSE(out.corridors[0].smart.has_value());
  EXPECT_EQ(Text(out.corridors[1].average), "4.000000000");
  EXPECT_EQ(out.corridors[2].corridor, RwaKen());
  EXPECT_EQ(out.corridors[2].service_count, 3u);
  EXPECT_EQ(Text(out.corridors[2].smart), "112.396896552");
  EXPECT_EQ(out.corridors[2].smart_qualifying, 3u);
  EXPECT_EQ(Text(out.corridors[3].average), "2.575000000");
  EXPECT_EQ(out.corridors_with_average, 4u);
  EXPECT_EQ(out.corridors_at_or_below_5_percent, 2u);
  EXPECT_EQ(out.corridors_at_or_below_3_percent, 1u);
  EXPECT_EQ(out.share_of_corridors_at_or_below_5_percent, P("50"));
  EXPECT_EQ(out.share_of_corridors_at_or_below_3_percent, P("25"));
  // One corridor has a SmaRT: the global SmaRT is its value.
  EXPECT_EQ(out.corridors_with_smart, 1u);
  EXPECT_EQ(Text(out.global_smart_average), "112.396896552");
  EXPECT_FALSE(out.rules.empty());
}

TEST(IndicatorsTest, ComputedTotalsMoveTheGlobalAverage) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  IndicatorOptions options;
  options.total = IndicatorOptions::Total::kComputed;
  const RpwIndicators out =
      Must(Indicators(s->book(), Q("2025_3Q"), s->countries(), options));
  // Lakeside counts 6.5 instead of 9: (349.323467433 - 2.5) / 6 =
  // 57.803911238(833) -> 57.803911239.
  EXPECT_EQ(Text(out.global_average), "57.803911239");
  EXPECT_TRUE(absl::StrContains(out.rules[0], "fee / amount"));
}

TEST(IndicatorsTest, OpaqueServicesAreLeftOutAndCounted) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  // 2024_3Q: USA->MEX only; Post-o-Send is opaque. (3.035 + 5.09 + 5.09)
  // / 3 = 4.405.
  const RpwIndicators out = Must(
      Indicators(s->book(), Q("2024_3Q"), s->countries(), IndicatorOptions()));
  EXPECT_EQ(out.service_count, 3u);
  EXPECT_EQ(Text(out.global_average), "4.405000000");
  bool stated = false;
  for (const std::string& rule : out.rules) {
    stated |= absl::StrContains(rule, "do not disclose") &&
              absl::StrContains(rule, "(1 service left out)");
  }
  EXPECT_TRUE(stated) << absl::StrJoin(out.rules, "\n");

  // Counted at their fees alone when asked: 4/200 x 100 = 2. (13.215 + 2)
  // / 4 = 3.80375.
  IndicatorOptions with_opaque;
  with_opaque.include_opaque = true;
  const RpwIndicators all =
      Must(Indicators(s->book(), Q("2024_3Q"), s->countries(), with_opaque));
  EXPECT_EQ(all.service_count, 4u);
  EXPECT_EQ(Text(all.global_average), "3.803750000");
  // Never in SmaRT: still the three transparent ones.
  EXPECT_EQ(all.corridors[0].smart_qualifying, 3u);
}

TEST(IndicatorsTest, ExcludedSendingCountriesAndProviders) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  IndicatorOptions options;
  options.excluded_sending_countries = {Must(CountryCode::FromString("RWA"))};
  options.excluded_provider_ids = {"rpw-alpen-transfer"};
  const RpwIndicators out =
      Must(Indicators(s->book(), Q("2025_3Q"), s->countries(), options));
  // Aztec's 4 and Northwind's 2.575 are left: 6.575 / 2 = 3.2875.
  EXPECT_EQ(out.service_count, 2u);
  EXPECT_EQ(Text(out.global_average), "3.287500000");
  // The corridors stay listed, without an average.
  ASSERT_EQ(out.corridors.size(), 4u);
  EXPECT_FALSE(out.corridors[0].average.has_value());
  EXPECT_FALSE(out.corridors[2].average.has_value());
  EXPECT_EQ(out.corridors_with_average, 2u);
  const std::string rules = absl::StrJoin(out.rules, "\n");
  EXPECT_TRUE(
      absl::StrContains(rules, "sent from RWA are left out (3 services"))
      << rules;
  EXPECT_TRUE(absl::StrContains(rules, "rpw-alpen-transfer (1 service"))
      << rules;
}

TEST(IndicatorsTest, WithoutCountryAttributesNoRegionsOrGroups) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  const RpwIndicators out = Must(Indicators(
      s->book(), std::nullopt, CountryAttributes(), IndicatorOptions()));
  EXPECT_TRUE(out.by_receiving_region.empty());
  EXPECT_TRUE(out.by_g8_g20.empty());
  EXPECT_EQ(out.by_sending_country.size(), 4u);
}

TEST(IndicatorsTest, RequirePublishedTotal) {
  // A book of native quotes: survey points without a published total.
  Quote quote(C("GBR", "BGD"));
  quote.id = "q";
  quote.provider_id = "p";
  quote.quoted_at = testing::Day(2024, 5, 1);
  quote.period = Q("2024_2Q");
  quote.survey_points = {
      {12000, 499, testing::R("163.8815"), P("2.72"), 0, {}}};
  QuoteBook book = testing::Book({quote});
  const RpwIndicators counted = Must(
      Indicators(book, std::nullopt, CountryAttributes(), IndicatorOptions()));
  // 4.99 / 120 x 100 + 2.72 = 4.158333333 + 2.72 = 6.878333333.
  EXPECT_EQ(Text(counted.global_average), "6.878333333");
  IndicatorOptions options;
  options.require_published_total = true;
  const RpwIndicators left_out =
      Must(Indicators(book, std::nullopt, CountryAttributes(), options));
  EXPECT_EQ(left_out.service_count, 0u);
  EXPECT_FALSE(left_out.global_average.has_value());
}

TEST(IndicatorsTest, PeriodErrors) {
  std::shared_ptr<const Snapshot> s = LoadWorkbook();
  absl::StatusOr<RpwIndicators> missing =
      Indicators(s->book(), Q("2025_2Q"), s->countries(), IndicatorOptions());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(absl::StrContains(missing.status().message(),
                                "2025_2Q; its periods are 2011_1Q, 2011_3Q"))
      << missing.status();
  QuoteBook no_periods = testing::Book({});
  EXPECT_EQ(Indicators(no_periods, std::nullopt, CountryAttributes(),
                       IndicatorOptions())
                .status()
                .code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace remit
