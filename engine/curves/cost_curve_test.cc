#include "engine/curves/cost_curve.h"

#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/curves/rank_agreement.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Band;
using testing::Book;
using testing::C;
using testing::Day;
using testing::ExpectAgreesWithRankNearSwitches;
using testing::M;
using testing::Must;
using testing::P;
using testing::Plain;
using testing::R;
using testing::RandomQuotes;
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

TEST_F(CostCurveTest, StaleOffersAreLeftOutAsRankLeavesThemOut) {
  // a: 1.00, quoted 273 days before the clock's 2025-10-01, past the
  // default age limit of 183 days; b: 3.00, 30 days old. Only b is
  // offered, as Rank offers it; an age limit of a year brings a back as
  // the cheapest everywhere.
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 100)};
  a.quoted_at = Day(2025, 1, 1);
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 300)};
  const QuoteBook book = Book({a, b});
  CostCurveRequest request(C("US", "MX"), M("50 USD"), M("600 USD"));
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            (Envelope{{5000, 60000, "b"}}));
  const RankResult ranked =
      Must(Rank(book, RankRequest(C("US", "MX"), M("50 USD")), clock_));
  ASSERT_EQ(ranked.offers.size(), 1u);
  EXPECT_EQ(ranked.offers[0].quote->quote->id, "b");

  request.max_quote_age = absl::Hours(24 * 365);
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            (Envelope{{5000, 60000, "a"}}));
}

TEST_F(CostCurveTest, OffersTheSenderCannotUseAreLeftOut) {
  // a: 1.00, paid by debit card at an agent; b: 3.00, paid in cash; c:
  // 2.00, cash, but the recipient must hold an account (not cash pickup).
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 100)};
  a.payment_instrument = PaymentInstrument::kDebitCard;
  Quote b = Plain("b");
  b.fees.bands = {Band(0, 300)};
  Quote c = Plain("c");
  c.fees.bands = {Band(0, 200)};
  c.receive_method = ReceiveMethod::kBankAccount;
  const QuoteBook book = Book({a, b, c});
  CostCurveRequest request(C("US", "MX"), M("50 USD"), M("600 USD"));
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            (Envelope{{5000, 60000, "a"}}));
  // Access that admits everything changes nothing.
  request.access = SenderAccess();
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            (Envelope{{5000, 60000, "a"}}));
  request.access->has_card = false;
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            (Envelope{{5000, 60000, "c"}}));
  request.access->needs_cash_pickup = true;
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            (Envelope{{5000, 60000, "b"}}));
  // With the samples, the offers left out are not drawn either.
  request.sample_count = 2;
  const CostCurve sampled = Must(ComputeCostCurve(book, request, clock_));
  ASSERT_EQ(sampled.offers.size(), 1u);
  EXPECT_EQ(sampled.offers[0].quote->quote->id, "b");
}

TEST_F(CostCurveTest, ANamedPeriodIsHistoryAndTheDefaultTheLatest) {
  // USA -> MEX in two survey periods, judged on 2024-09-01: 2024_1Q's
  // quotes are stale by then, 2024_2Q's are not. 2024_2Q: a-2 3.00 + 1 %
  // (rate 17.325 against 17.5) and b-2 4.00 + 2 %: a-2 everywhere.
  // 2024_1Q, named, so not stale: a-1 5.00 + 3/175 of A and b-1 2.00 +
  // 5/175 of A. Offers are ranked on their exact costs (the margin's cost
  // is not rounded to the cent first), so they are equal at exactly
  // 262.50, a tie won by provider pa, and a-1 stays ahead above it.
  auto in_period = [](Quote quote, const char* period, absl::Time at) {
    quote.period = Must(Period::Parse(period));
    quote.quoted_at = at;
    return quote;
  };
  const Corridor us_mx = C("US", "MX");
  const QuoteBook book = Book({
      in_period(SimpleQuote("a-1", "pa", us_mx, 500, "17.2", "17.5"), "2024_1Q",
                Day(2024, 2, 10)),
      in_period(SimpleQuote("b-1", "pb", us_mx, 200, "17.0", "17.5"), "2024_1Q",
                Day(2024, 2, 10)),
      in_period(SimpleQuote("a-2", "pa", us_mx, 300, "17.325", "17.5"),
                "2024_2Q", Day(2024, 5, 15)),
      in_period(SimpleQuote("b-2", "pb", us_mx, 400, "17.15", "17.5"),
                "2024_2Q", Day(2024, 5, 15)),
  });
  const FakeClock clock(Day(2024, 9, 1));
  CostCurveRequest request(us_mx, M("50 USD"), M("600 USD"));
  const CostCurve latest = Must(ComputeCostCurve(book, request, clock));
  EXPECT_EQ(latest.period, Must(Period::Parse("2024_2Q")));
  EXPECT_EQ(EnvelopeOf(latest), (Envelope{{5000, 60000, "a-2"}}));

  request.period = Must(Period::Parse("2024_1Q"));
  const CostCurve named = Must(ComputeCostCurve(book, request, clock));
  EXPECT_EQ(named.period, request.period);
  EXPECT_EQ(EnvelopeOf(named),
            (Envelope{{5000, 26249, "b-1"}, {26250, 60000, "a-1"}}));

  request.period = Must(Period::Parse("2023_4Q"));
  EXPECT_EQ(ComputeCostCurve(book, request, clock).status().code(),
            absl::StatusCode::kNotFound);
}

// a: a 10 % fee, rounded to the cent; b: a 10 % margin, exact. Their costs
// differ by a rounding only: a is cheaper where the fee rounds down, b
// where it rounds up, so they change places about every 5 cents and every
// amount is a candidate: work grows with the range.
QuoteBook FeeAgainstMarginBook() {
  Quote a = Plain("a");
  a.fees.bands = {Band(0, 0, "10")};
  Quote b = Plain("b", "18");
  return Book({a, b});
}

TEST_F(CostCurveTest, ARangeThatNeedsMoreWorkThanTheBudgetIsRefused) {
  const QuoteBook book = FeeAgainstMarginBook();
  CostCurveRequest request(C("US", "MX"), M("1 USD"), M("2 USD"));
  const CostCurve full = Must(ComputeCostCurve(book, request, clock_));
  EXPECT_GT(full.intervals.size(), 10u);
  request.work_budget = 2000;
  EXPECT_EQ(EnvelopeOf(Must(ComputeCostCurve(book, request, clock_))),
            EnvelopeOf(full));

  request.max_amount = M("100 USD");
  absl::StatusOr<CostCurve> wide = ComputeCostCurve(book, request, clock_);
  EXPECT_EQ(wide.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(wide.status().message(),
            "max_amount: who is cheapest from 1.00 USD to 100.00 USD needs "
            "more than 2000 steps to work out exactly (the limit of one "
            "curve); ask for a narrower range");
  // The default budget answers it.
  request.work_budget = kCurveWorkBudget;
  EXPECT_TRUE(ComputeCostCurve(book, request, clock_).ok());

  // Amounts received: the same limit.
  CostCurveRequest receive(C("US", "MX"), M("20 MXN"), M("2000 MXN"));
  receive.amount_kind = AmountKind::kReceive;
  receive.work_budget = 50;
  EXPECT_EQ(ComputeCostCurve(book, receive, clock_).status().code(),
            absl::StatusCode::kInvalidArgument);
  receive.work_budget = kCurveWorkBudget;
  EXPECT_TRUE(ComputeCostCurve(book, receive, clock_).ok());
}

TEST_F(CostCurveTest, ACheapestThatChangesTooOftenIsRefused) {
  // Over 1 to 2,000 USD the two offers change places about 40,000 times,
  // more than kMaxCurveIntervals; the curve stops there.
  const QuoteBook book = FeeAgainstMarginBook();
  CostCurveRequest request(C("US", "MX"), M("1 USD"), M("2000 USD"));
  absl::StatusOr<CostCurve> curve = ComputeCostCurve(book, request, clock_);
  EXPECT_EQ(curve.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(curve.status().message(),
            absl::StrCat("max_amount: the cheapest offer changes more than ",
                         kMaxCurveIntervals - 1,
                         " times from 1.00 USD to 2000.00 USD; ask for a "
                         "narrower range"));
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

// Random books, amounts sent and received, against Rank at each switch
// and the amounts beside it and at 200 amounts drawn over the range: a
// light version of cost_curve_sweep_test's every-amount comparisons, which
// run in the default configuration only; this one runs under the
// sanitizers too.
TEST(CostCurvePropertyTest, AgreesWithRankAtSampledAmountsOnRandomBooks) {
  std::mt19937 random(1820);
  const FakeClock clock(Day(2025, 10, 1));
  size_t switches = 0;
  for (int round = 0; round < 8; ++round) {
    const QuoteBook book =
        Book(RandomQuotes(&random, 4 + round, /*rising_rates=*/round % 2));
    const AmountKind kind =
        round < 4 ? AmountKind::kSend : AmountKind::kReceive;
    SCOPED_TRACE(absl::StrCat("round ", round));
    const bool send = kind == AmountKind::kSend;
    switches += ExpectAgreesWithRankNearSwitches(
        book, C("US", "MX"), send ? 100 : 2000, send ? 60000 : 1000000,
        /*include_opaque=*/round % 3 == 0, clock, kind, /*reach=*/2,
        /*max_switches=*/SIZE_MAX, /*draws=*/200, &random);
  }
  // The books make the cheapest change hands.
  EXPECT_GT(switches, 8u);
}

}  // namespace
}  // namespace remit
