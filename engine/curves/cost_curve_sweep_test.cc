// The cost curve against Rank at every amount of ranges, one minor unit
// apart: the sample corridors (amounts sent and received), random books,
// and books made so that the cheapest changes hands often. These check
// answers only, with over a million Rank calls; they run in the default
// configuration and not again under the sanitizers (tag no_sanitizers),
// where cost_curve_test's sampled comparison runs.
#include <cstdint>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/curves/cost_curve.h"
#include "engine/curves/rank_agreement.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Band;
using testing::Book;
using testing::C;
using testing::Day;
using testing::ExpectAgreesWithRank;
using testing::ExpectAgreesWithRankNearSwitches;
using testing::Must;
using testing::Plain;
using testing::R;
using testing::RandomQuotes;

QuoteBook SampleCorridorsBook() {
  std::vector<DatasetError> errors;
  const ParsedDataset file =
      Must(ReadDatasetFile(testing::kSampleCorridors, {}, &errors));
  return Must(BuildQuoteBook({file}, {}, &errors));
}

TEST(CostCurvePropertyTest, AgreesWithRankOnTheSampleCorridors) {
  const QuoteBook book = SampleCorridorsBook();
  const FakeClock clock(Day(2026, 1, 1));
  for (const Corridor& corridor : book.corridors()) {
    const int64_t unit = corridor.send_currency().exponent() == 0 ? 1 : 100;
    for (bool opaque : {false, true}) {
      ExpectAgreesWithRank(book, corridor, unit, 600 * unit, opaque, clock);
    }
  }
}

TEST(CostCurvePropertyTest, AgreesWithRankAtReceiveAmounts) {
  const QuoteBook book = SampleCorridorsBook();
  const FakeClock clock(Day(2026, 1, 1));
  for (const Corridor& corridor : book.corridors()) {
    const int64_t unit = corridor.receive_currency().exponent() == 0 ? 1 : 100;
    ExpectAgreesWithRank(book, corridor, unit, 400 * unit, false, clock,
                         AmountKind::kReceive);
  }
}

TEST(CostCurvePropertyTest, AgreesWithRankOnRandomBooks) {
  std::mt19937 random(18);
  const FakeClock clock(Day(2025, 10, 1));
  size_t intervals = 0;
  for (int round = 0; round < 12; ++round) {
    const QuoteBook book = Book(RandomQuotes(&random, 4 + round));
    SCOPED_TRACE(absl::StrCat("round ", round));
    intervals += ExpectAgreesWithRank(book, C("US", "MX"), 100, 60000,
                                      round % 3 == 0, clock);
  }
  // The books make the cheapest change hands often.
  EXPECT_GT(intervals, 40u);
}

// Random books over receive amounts from 20 to 10,000 MXN (about 1 to
// 500 USD), against Rank at every amount within 10 MXN of each of the
// curve's first switches and at 1,000 amounts drawn over the whole range
// (where a switch the curve missed would show). With rising_rates, survey
// rates do not fall from one point to the next; without, some do, and
// what those quotes deliver falls past a midpoint.
void ExpectAgreesWithRankOnRandomReceiveBooks(uint32_t seed,
                                              bool rising_rates) {
  std::mt19937 random(seed);
  const FakeClock clock(Day(2025, 10, 1));
  constexpr int64_t kLo = 2000;
  constexpr int64_t kHi = 1000000;
  size_t switches = 0;
  for (int round = 0; round < 6; ++round) {
    const QuoteBook book = Book(RandomQuotes(&random, 4 + round, rising_rates));
    SCOPED_TRACE(absl::StrCat("round ", round));
    switches += ExpectAgreesWithRankNearSwitches(
        book, C("US", "MX"), kLo, kHi, /*include_opaque=*/false, clock,
        AmountKind::kReceive, /*reach=*/1000, /*max_switches=*/4,
        /*draws=*/1000, &random);
  }
  // The books make the cheapest change hands.
  EXPECT_GT(switches, 6u);
}

TEST(CostCurvePropertyTest, AgreesWithRankAtReceiveAmountsOnRandomBooks) {
  ExpectAgreesWithRankOnRandomReceiveBooks(1818, /*rising_rates=*/true);
}

TEST(CostCurvePropertyTest, AgreesWithRankAtReceiveAmountsWhereRatesFall) {
  ExpectAgreesWithRankOnRandomReceiveBooks(1819, /*rising_rates=*/false);
}

// A survey quote whose rate falls after its first point delivers less
// just above the midpoint: the curve prices each side apart, and agrees
// with Rank at every amount.
TEST(CostCurvePropertyTest, AgreesWithRankWhereDeliveryFalls) {
  const FakeClock clock(Day(2025, 10, 1));
  Quote a = Plain("a");
  a.rate.reset();
  a.fees.bands.clear();
  a.survey_points = {SurveyPoint{20000, 400, R("20"), {}},
                     SurveyPoint{50000, 900, R("19.5"), {}}};
  Quote b = Plain("b", "19.8");
  b.fees.bands = {Band(0, 500)};
  Quote c = Plain("c", "19.6");
  c.fees.bands = {Band(0, 0, "1.2")};
  const QuoteBook book = Book({a, b, c});
  // Delivery falls at 350.01 USD (7,000.20 -> 6,825.19 MXN).
  EXPECT_GT(ExpectAgreesWithRank(book, C("US", "MX"), 660000, 720000, false,
                                 clock, AmountKind::kReceive),
            1u);
}

// Offers whose outlays stay within a minor unit or two of each other over
// thousands of amounts received, so that the cheapest changes hands at
// almost every step of their outlays: a (rate 17, 5.00 fee) and b (rate
// 17.01, 5.60) cross near 17,350 MXN; c is a with the fee deducted (the
// same outlay at every amount, slower, so a wins every tie); d, priced by
// survey points, delivers less past 1,000.00 USD (its rate falls from
// 17.05 to 17.001), and from 17,050.01 MXN on sends from there, within a
// cent or two of a and b up to past 17,400 MXN. Rank agrees at every
// amount of both stretches.
TEST(CostCurvePropertyTest, AgreesWithRankWhereTheCheapestChangesHandsOften) {
  const FakeClock clock(Day(2025, 10, 1));
  Quote a = Plain("a", "17");
  a.fees.bands = {Band(0, 500)};
  Quote b = Plain("b", "17.01");
  b.fees.bands = {Band(0, 560)};
  Quote c = Plain("c", "17");
  c.fees.bands = {Band(0, 500)};
  c.fees.charging = FeeCharging::kDeducted;
  c.speed = Speed::kNextDay;
  Quote d = Plain("d");
  d.rate.reset();
  d.fees.bands.clear();
  d.survey_points = {SurveyPoint{80000, 495, R("17.05"), {}},
                     SurveyPoint{120000, 515, R("17.001"), {}}};
  const QuoteBook book = Book({a, b, c, d});
  EXPECT_GT(ExpectAgreesWithRank(book, C("US", "MX"), 1700000, 1715000, false,
                                 clock, AmountKind::kReceive),
            100u);
  EXPECT_GT(ExpectAgreesWithRank(book, C("US", "MX"), 1730000, 1740000, false,
                                 clock, AmountKind::kReceive),
            100u);
}

}  // namespace
}  // namespace remit
