#include "engine/curves/cost_curve.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Book;
using testing::C;
using testing::Day;
using testing::M;
using testing::Must;
using testing::P;
using testing::R;
using testing::SimpleQuote;

// (from, to, quote id) of each interval, amounts in minor units.
using Envelope = std::vector<std::tuple<int64_t, int64_t, std::string>>;

Envelope EnvelopeOf(const CostCurve& curve) {
  Envelope out;
  for (const CurveInterval& i : curve.intervals) {
    out.emplace_back(i.from.minor_units(), i.to.minor_units(),
                     i.cheapest.quote->quote->id);
  }
  return out;
}

// A quote of provider `id` whose rate is mid less `margin` (no fee).
Quote Plain(const std::string& id, const char* rate = "20") {
  return SimpleQuote(id, id, C("US", "MX"), 0, rate, "20");
}

FeeBand Band(int64_t from, int64_t fixed, const char* percent = "0") {
  return FeeBand{from, fixed, P(percent), {}, {}};
}

class CostCurveTest : public ::testing::Test {
 protected:
  CostCurveTest() : clock_(Day(2025, 10, 1)) {}

  Envelope Run(std::vector<Quote> quotes, const char* min, const char* max) {
    const QuoteBook book = Book(std::move(quotes));
    CostCurveRequest request(C("US", "MX"), M(min), M(max));
    return EnvelopeOf(Must(ComputeCostCurve(book, request, clock_)));
  }

  FakeClock clock_;
};

TEST_F(CostCurveTest, SwitchesAtABandEdgeWhereTheFeeDrops) {
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 500), Band(10000, 200)};
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 300)};
  EXPECT_EQ(Run({a, b}, "50 USD", "200 USD"),
            (Envelope{{5000, 9999, "b"}, {10000, 20000, "a"}}));
}

TEST_F(CostCurveTest, TieGoesToTheFirstProviderAndRoundingMovesTheSwitch) {
  // b: 1 % (rounded half-even to the cent) against a: 3.00 flat. b is
  // cheaper while 1 % rounds below 300 cents: up to 299.49; from 299.50 it
  // rounds to 300, a tie that a wins (provider id), and above 300.50 b
  // costs more.
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 300)};
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 0, "1")};
  EXPECT_EQ(Run({a, b}, "50 USD", "600 USD"),
            (Envelope{{5000, 29949, "b"}, {29950, 60000, "a"}}));
}

TEST_F(CostCurveTest, CapBringsTheCappedOfferBack) {
  // a: 3 % capped at 6.00; b: 2.00 + 1 %. Equal at 100.00 (a wins ties);
  // a's 3 % rounds up first at 100.17 (300.51 -> 301 against 200 + 100);
  // a is capped from 200.00 and b reaches 6.00 at 399.50 (a tie again).
  Quote a = Plain("a");
  a.fees.bands = {FeeBand{0, 0, P("3"), {}, 600}};
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 200, "1")};
  EXPECT_EQ(
      Run({a, b}, "50 USD", "600 USD"),
      (Envelope{{5000, 10016, "a"}, {10017, 39949, "b"}, {39950, 60000, "a"}}));
}

TEST_F(CostCurveTest, MinimumFeeKeepsTheCheapPercentageAhead) {
  // a: 1 %, at least 5.00; b: 3 %. b is cheaper while 3 % rounds below
  // 500 cents (to 166.49); at 166.50 it rounds to 500, a tie a wins.
  Quote a = Plain("a");
  a.fees.bands = {FeeBand{0, 0, P("1"), 500, {}}};
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 0, "3")};
  EXPECT_EQ(Run({a, b}, "50 USD", "600 USD"),
            (Envelope{{5000, 16649, "b"}, {16650, 60000, "a"}}));
}

TEST_F(CostCurveTest, DeductedFee) {
  // a: 5.00 deducted, margin 2 % on what is left: 4.90 + 2 % of A. b: 1.00
  // on top, margin 3 %: 1.00 + 3 % of A. Equal at 390.00, a tie a wins.
  Quote a = Plain("a", "19.6");
  a.fees.bands = {Band(0, 500)};
  a.fees.charging = FeeCharging::kDeducted;
  Quote b = Plain("b", "19.4");
  b.fees.bands = {Band(0, 100)};
  EXPECT_EQ(Run({a, b}, "1 USD", "600 USD"),
            (Envelope{{100, 38999, "b"}, {39000, 60000, "a"}}));
}

TEST_F(CostCurveTest, DeductedFeeSendsOnlyWhatItLeavesSomethingOf) {
  // a: 1.00 deducted, the cheapest wherever it can send: above 1.00.
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 100)};
  a.fees.charging = FeeCharging::kDeducted;
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 200)};
  EXPECT_EQ(Run({a, b}, "0.50 USD", "3 USD"),
            (Envelope{{50, 100, "b"}, {101, 300, "a"}}));
}

TEST_F(CostCurveTest, SurveyPointsAreLinearBetweenThem) {
  // a: 10.00 at 200.00 and 13.00 at 500.00, so 8.00 + 1 % between; b:
  // 11.00 flat; the same margin. Equal at 300.00 (a wins the tie); from
  // 300.01 a's exact fee is above 11.00.
  Quote a = Plain("a", "19.8");
  a.rate.reset();
  a.fees.bands.clear();
  a.survey_points = {SurveyPoint{20000, 1000, R("19.8"), {}},
                     SurveyPoint{50000, 1300, R("19.8"), {}}};
  Quote b = Plain("b", "19.8");
  b.fees.bands = {Band(0, 1100)};
  EXPECT_EQ(Run({a, b}, "100 USD", "600 USD"),
            (Envelope{{10000, 30000, "a"}, {30001, 60000, "b"}}));
}

TEST_F(CostCurveTest, LimitsLeaveGapsAndTheFilterApplies) {
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 100)};
  a.min_send_minor = 10000;
  a.max_send_minor = 20000;
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 300)};
  b.max_send_minor = 30000;
  EXPECT_EQ(
      Run({a, b}, "50 USD", "400 USD"),
      (Envelope{{5000, 9999, "b"}, {10000, 20000, "a"}, {20001, 30000, "b"}}));

  CostCurveRequest request(C("US", "MX"), M("50 USD"), M("400 USD"));
  request.filter.max_speed = Speed::kLessThanOneHour;
  a.speed = Speed::kNextDay;
  const QuoteBook slow = Book({a, b});
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(slow, request, clock_))),
            (Envelope{{5000, 30000, "b"}}));
}

TEST_F(CostCurveTest, SamplesAndPricesAtTheIntervalStart) {
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 500), Band(10000, 200)};
  const QuoteBook book = Book({a});
  CostCurveRequest request(C("US", "MX"), M("50 USD"), M("150 USD"));
  request.sample_count = 3;
  const CostCurve curve = Must(ComputeCostCurve(book, request, clock_));
  ASSERT_EQ(curve.intervals.size(), 1u);
  EXPECT_EQ(curve.intervals[0].cheapest.cost.total_cost, M("5 USD"));
  EXPECT_EQ(curve.intervals[0].cheapest.rank, 1u);
  ASSERT_EQ(curve.sample_amounts.size(), 3u);
  EXPECT_EQ(curve.sample_amounts[1], M("100 USD"));
  ASSERT_EQ(curve.offers.size(), 1u);
  ASSERT_TRUE(curve.offers[0].costs[2].has_value());
  EXPECT_EQ(curve.offers[0].costs[1]->total_cost, M("2 USD"));
}

Envelope RunReceive(std::vector<Quote> quotes, const char* min, const char* max,
                    const Clock& clock) {
  const QuoteBook book = Book(std::move(quotes));
  CostCurveRequest request(C("US", "MX"), M(min), M(max));
  request.amount_kind = AmountKind::kReceive;
  return EnvelopeOf(Must(ComputeCostCurve(book, request, clock)));
}

TEST_F(CostCurveTest, ReceiveAmountsSwitchWhereTheOutlaysCross) {
  // To deliver T centavos, a (rate 20, 5.00 fee) sends ceil(T / 20) cents
  // and b (rate 19, 1.00 fee) ceil(T / 19): a costs less or the same (a
  // tie a wins) where ceil(T / 19) - ceil(T / 20) >= 400, near T = 380 x
  // 400. With 19 x 7,998 = 151,962 and 20 x 7,598 = 151,960, that
  // difference is 400 up to 1,519.60 MXN, 399 at 1,519.61 and 1,519.62,
  // 400 up to 1,519.80, 399 at 1,519.81 (20 x 7,599 = 151,980 and 19 x
  // 7,999 = 151,981), and 400 or more from 1,519.82 on.
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 500)};
  Quote b = Plain("b", "19");
  b.fees.bands = {Band(0, 100)};
  EXPECT_EQ(RunReceive({a, b}, "1519.55 MXN", "1520.10 MXN", clock_),
            (Envelope{{151955, 151960, "a"},
                      {151961, 151962, "b"},
                      {151963, 151980, "a"},
                      {151981, 151981, "b"},
                      {151982, 152010, "a"}}));
  // Far below, b; far above, a.
  EXPECT_EQ(RunReceive({a, b}, "100 MXN", "1000 MXN", clock_),
            (Envelope{{10000, 100000, "b"}}));
  EXPECT_EQ(RunReceive({a, b}, "1600 MXN", "3000 MXN", clock_),
            (Envelope{{160000, 300000, "a"}}));
}

TEST_F(CostCurveTest, ReceiveAmountsSendMoreWhenAFeeDrops) {
  // a: rate 20, 5.00 under 100.00 USD and nothing from there; b: rate 20,
  // 3.00. To deliver T, a sends ceil(T / 20) + 5.00, or 100.00 (2,000 MXN)
  // for nothing, whichever costs less: 100.00 from T = 1,899.81 MXN on,
  // until T needs more than 100.00. b's ceil(T / 20) + 3.00 reaches 100.00
  // at T = 1,939.81 MXN (a tie, which a wins).
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 500), Band(10000, 0)};
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 300)};
  EXPECT_EQ(RunReceive({a, b}, "1500 MXN", "2500 MXN", clock_),
            (Envelope{{150000, 193980, "b"}, {193981, 250000, "a"}}));
}

TEST_F(CostCurveTest, ReceiveAmountsPriceAsRankDoes) {
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 500), Band(10000, 0)};
  const QuoteBook book = Book({a});
  CostCurveRequest request(C("US", "MX"), M("1950 MXN"), M("2100 MXN"));
  request.amount_kind = AmountKind::kReceive;
  request.sample_count = 2;
  const CostCurve curve = Must(ComputeCostCurve(book, request, clock_));
  EXPECT_EQ(curve.amount_kind, AmountKind::kReceive);
  ASSERT_EQ(curve.intervals.size(), 1u);
  // 1,950 MXN: 100.00 USD sent for nothing (97.50 would cost 5.00 more).
  EXPECT_EQ(curve.intervals[0].from, M("1950 MXN"));
  EXPECT_EQ(curve.intervals[0].cheapest.cost.total_outlay, M("100 USD"));
  EXPECT_EQ(curve.intervals[0].cheapest.cost.amount_received, M("2000 MXN"));
  ASSERT_EQ(curve.offers.size(), 1u);
  ASSERT_EQ(curve.offers[0].costs.size(), 2u);
  EXPECT_EQ(curve.offers[0].costs[1]->total_outlay, M("105 USD"));
  // Amounts in the send currency are refused.
  CostCurveRequest sent(C("US", "MX"), M("100 USD"), M("200 USD"));
  sent.amount_kind = AmountKind::kReceive;
  EXPECT_EQ(ComputeCostCurve(book, sent, clock_).status().message(),
            "min_amount: 100.00 USD is not in MXN, the corridor's receive "
            "currency");
}

TEST_F(CostCurveTest, RequestErrors) {
  const QuoteBook book = Book({Plain("a")});
  auto status = [&](const char* min, const char* max, size_t samples = 0) {
    CostCurveRequest request(C("US", "MX"), M(min), M(max));
    request.sample_count = samples;
    return ComputeCostCurve(book, request, clock_).status();
  };
  EXPECT_EQ(status("10 USD", "5 USD").message(),
            "min_amount: 10.00 USD is more than max_amount 5.00 USD");
  EXPECT_EQ(
      status("10 EUR", "50 USD").message(),
      "min_amount: 10.00 EUR is not in USD, the corridor's send currency");
  EXPECT_EQ(status("0 USD", "50 USD").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status("1 USD", "50 USD", 1001).code(),
            absl::StatusCode::kInvalidArgument);
  CostCurveRequest other(C("GB", "BD"), M("10 GBP"), M("20 GBP"));
  EXPECT_EQ(ComputeCostCurve(book, other, clock_).status().code(),
            absl::StatusCode::kNotFound);
}

// The curve over [lo, hi] (amounts sent, or with `kind` kReceive,
// received) gives Rank's first offer at each of `amounts` (ascending, in
// the range). Returns the number of intervals.
size_t ExpectAgreesWithRankAt(const QuoteBook& book, const Corridor& corridor,
                              int64_t lo, int64_t hi,
                              const std::vector<int64_t>& amounts,
                              bool include_opaque, const Clock& clock,
                              AmountKind kind) {
  const CurrencyCode currency = kind == AmountKind::kSend
                                    ? corridor.send_currency()
                                    : corridor.receive_currency();
  CostCurveRequest request(corridor, Money::FromMinorUnits(lo, currency),
                           Money::FromMinorUnits(hi, currency));
  request.include_opaque = include_opaque;
  request.amount_kind = kind;
  const CostCurve curve = Must(ComputeCostCurve(book, request, clock));
  size_t next = 0;
  RankScratch scratch;
  int mismatches = 0;
  for (const int64_t amount : amounts) {
    if (mismatches >= 5) break;
    while (next < curve.intervals.size() &&
           curve.intervals[next].to.minor_units() < amount) {
      ++next;
    }
    const PreparedQuote* expected = nullptr;
    if (next < curve.intervals.size() &&
        curve.intervals[next].from.minor_units() <= amount) {
      expected = curve.intervals[next].cheapest.quote;
    }
    RankRequest rank(corridor, Money::FromMinorUnits(amount, currency));
    rank.amount_kind = kind;
    rank.include_opaque = include_opaque;
    rank.limit = 1;
    rank.summarize = false;
    const RankResult result = Must(Rank(book, rank, clock, &scratch));
    const PreparedQuote* first =
        result.offers.empty() ? nullptr : result.offers[0].quote;
    if (first != expected) {
      ++mismatches;
      ADD_FAILURE() << corridor.ToString() << " at " << amount << ": Rank "
                    << (first ? first->quote->id : "none") << ", curve "
                    << (expected ? expected->quote->id : "none");
    } else if (first != nullptr &&
               curve.intervals[next].from.minor_units() == amount) {
      // At an interval's first amount, the offer is priced as Rank prices
      // it.
      const CostBreakdown& ranked = result.offers[0].cost;
      const CostBreakdown& priced = curve.intervals[next].cheapest.cost;
      if (ranked.send_amount != priced.send_amount ||
          ranked.total_outlay != priced.total_outlay ||
          ranked.total_cost != priced.total_cost) {
        ++mismatches;
        ADD_FAILURE() << corridor.ToString() << " at " << amount
                      << ": Rank sends " << ranked.send_amount.ToString()
                      << ", the curve " << priced.send_amount.ToString();
      }
    }
  }
  return curve.intervals.size();
}

// The same at every amount of [lo, hi], one minor unit apart.
size_t ExpectAgreesWithRank(const QuoteBook& book, const Corridor& corridor,
                            int64_t lo, int64_t hi, bool include_opaque,
                            const Clock& clock,
                            AmountKind kind = AmountKind::kSend) {
  std::vector<int64_t> amounts;
  for (int64_t amount = lo; amount <= hi; ++amount) amounts.push_back(amount);
  return ExpectAgreesWithRankAt(book, corridor, lo, hi, amounts, include_opaque,
                                clock, kind);
}

TEST(CostCurvePropertyTest, AgreesWithRankOnTheSampleCorridors) {
  std::vector<DatasetError> errors;
  const ParsedDataset file =
      Must(ReadDatasetFile(testing::kSampleCorridors, {}, &errors));
  const QuoteBook book = Must(BuildQuoteBook({file}, {}, &errors));
  const FakeClock clock(Day(2026, 1, 1));
  for (const Corridor& corridor : book.corridors()) {
    const int64_t unit = corridor.send_currency().exponent() == 0 ? 1 : 100;
    for (bool opaque : {false, true}) {
      ExpectAgreesWithRank(book, corridor, unit, 600 * unit, opaque, clock);
    }
  }
}

// Books of random quotes: bands with percentages, minimums and caps,
// deducted fees, surcharges, survey points, limits and recipient fees.
// With `rising_rates`, a quote's survey points have rates that do not
// fall from one to the next.
std::vector<Quote> RandomQuotes(std::mt19937* random, int count,
                                bool rising_rates = false) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(*random);
  };
  const char* rates[] = {"20", "19.9", "19.8", "19.61", "19.4", "20.05"};
  std::vector<Quote> quotes;
  for (int i = 0; i < count; ++i) {
    const std::string id = absl::StrCat("q", i);
    Quote q = SimpleQuote(id, absl::StrCat("p", pick(0, count / 2)),
                          C("US", "MX"), 0, rates[pick(0, 5)], "20");
    q.speed = static_cast<Speed>(pick(0, 2));
    q.transparent = pick(0, 5) != 0;
    if (pick(0, 3) == 0) {
      q.rate.reset();
      int64_t at = pick(50, 250) * 100;
      for (int p = pick(1, 3); p > 0; --p) {
        SurveyPoint point{at, pick(0, 2000), R(rates[pick(0, 5)]), {}};
        if (pick(0, 2) == 0) {
          (void)point.SetFee11(absl::int128(pick(0, 200000)) * 1'000'000'000 +
                               pick(0, 999));
        }
        q.survey_points.push_back(point);
        at += pick(1, 30000);
      }
      if (rising_rates) {
        std::vector<Rate> sorted;
        for (const SurveyPoint& p : q.survey_points) sorted.push_back(p.rate);
        std::sort(sorted.begin(), sorted.end(),
                  [](Rate a, Rate b) { return a.scaled() < b.scaled(); });
        for (size_t p = 0; p < sorted.size(); ++p) {
          q.survey_points[p].rate = sorted[p];
        }
      }
      q.fees.bands.clear();
    } else {
      q.fees.bands.clear();
      int64_t from = 0;
      for (int b = pick(1, 3); b > 0; --b) {
        FeeBand band{from, pick(0, 800), Percent(), {}, {}};
        band.percent = Percent::FromScaled(int64_t{pick(0, 4000)} * 1'000'000);
        if (pick(0, 2) == 0) band.min_fee_minor = pick(100, 900);
        if (pick(0, 2) == 0) band.max_fee_minor = pick(900, 2000);
        q.fees.bands.push_back(band);
        from += pick(1000, 30000);
      }
    }
    if (pick(0, 3) == 0) q.fees.charging = FeeCharging::kDeducted;
    if (pick(0, 4) == 0) {
      q.fees.funding_surcharge =
          Percent::FromScaled(int64_t{pick(1, 3000)} * 1'000'000);
    }
    if (pick(0, 4) == 0) {
      q.fees.recipient_fixed_fee_minor = pick(0, 3000);
      q.fees.recipient_percent_fee =
          Percent::FromScaled(int64_t{pick(0, 2000)} * 1'000'000);
    }
    if (pick(0, 3) == 0) q.min_send_minor = pick(0, 200) * 100 + pick(0, 99);
    if (pick(0, 3) == 0) q.max_send_minor = pick(100, 700) * 100 + pick(0, 99);
    quotes.push_back(std::move(q));
  }
  return quotes;
}

TEST(CostCurvePropertyTest, AgreesWithRankAtReceiveAmounts) {
  std::vector<DatasetError> errors;
  const ParsedDataset file =
      Must(ReadDatasetFile(testing::kSampleCorridors, {}, &errors));
  const QuoteBook book = Must(BuildQuoteBook({file}, {}, &errors));
  const FakeClock clock(Day(2026, 1, 1));
  for (const Corridor& corridor : book.corridors()) {
    const int64_t unit = corridor.receive_currency().exponent() == 0 ? 1 : 100;
    ExpectAgreesWithRank(book, corridor, unit, 400 * unit, false, clock,
                         AmountKind::kReceive);
  }
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
  const CurrencyCode mxn = C("US", "MX").receive_currency();
  constexpr int64_t kLo = 2000;
  constexpr int64_t kHi = 1000000;
  size_t switches = 0;
  for (int round = 0; round < 6; ++round) {
    const QuoteBook book = Book(RandomQuotes(&random, 4 + round, rising_rates));
    SCOPED_TRACE(absl::StrCat("round ", round));
    CostCurveRequest request(C("US", "MX"), Money::FromMinorUnits(kLo, mxn),
                             Money::FromMinorUnits(kHi, mxn));
    request.amount_kind = AmountKind::kReceive;
    const CostCurve curve = Must(ComputeCostCurve(book, request, clock));
    std::vector<int64_t> amounts;
    for (size_t k = 1; k < curve.intervals.size() && k <= 4; ++k) {
      ++switches;
      const int64_t at = curve.intervals[k].from.minor_units();
      for (int64_t d = -1000; d <= 1000; ++d) {
        if (at + d >= kLo && at + d <= kHi) amounts.push_back(at + d);
      }
    }
    for (int i = 0; i < 1000; ++i) {
      amounts.push_back(
          std::uniform_int_distribution<int64_t>(kLo, kHi)(random));
    }
    std::sort(amounts.begin(), amounts.end());
    amounts.erase(std::unique(amounts.begin(), amounts.end()), amounts.end());
    ExpectAgreesWithRankAt(book, C("US", "MX"), kLo, kHi, amounts, false, clock,
                           AmountKind::kReceive);
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

}  // namespace
}  // namespace remit
