#include "engine/ranking/ranking.h"

#include <string>
#include <thread>
#include <vector>

#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Book;
using testing::C;
using testing::Day;
using testing::M;
using testing::Must;
using testing::SimpleQuote;

// USA -> MEX, mid 17.5, at 200 USD. Worked out by hand (exact fractions):
//   a: fee 5.00, r 17.2: M 1.714285714 %, total 4.214285714 %, < 1 hour
//   b: fee 2.00, r 17.0: M 2.857142857 %, total 3.857142857 %, same day
//   c: fee 0,    r 17.4: M 0.571428571 %, total 0.571428571 %, 6+ days
//   d: fee 8.00, r 17.5: M 0,             total 4 %, bank account, 2 days
//   e: opaque (rate undisclosed), fee 1.00
//   f: quoted in 2020: stale
//   g: at most 100.00 USD: outside the amount limits
std::vector<Quote> Corridor4() {
  const Corridor us_mx = C("US", "MX");
  Quote a = SimpleQuote("a", "pa", us_mx, 500, "17.2", "17.5");
  Quote b = SimpleQuote("b", "pb", us_mx, 200, "17.0", "17.5");
  b.speed = Speed::kSameDay;
  Quote c = SimpleQuote("c", "pc", us_mx, 0, "17.4", "17.5");
  c.speed = Speed::kSixDaysOrMore;
  Quote d = SimpleQuote("d", "pd", us_mx, 800, "17.5", "17.5");
  d.payment_instrument = PaymentInstrument::kBankAccount;
  d.receive_method = ReceiveMethod::kBankAccount;
  d.speed = Speed::kTwoDays;
  Quote e = SimpleQuote("e", "pe", us_mx, 100, "1", "1");
  e.transparent = false;
  Quote f = SimpleQuote("f", "pf", us_mx, 0, "17.5", "17.5");
  f.quoted_at = Day(2020, 1, 1);
  Quote g = SimpleQuote("g", "pg", us_mx, 0, "17.5", "17.5");
  g.max_send_minor = 10000;
  return {a, b, c, d, e, f, g};
}

class RankTest : public ::testing::Test {
 protected:
  RankTest() : book_(Book(Corridor4(), {"pd"})), clock_(Day(2025, 10, 1)) {}

  RankRequest Request(const char* amount = "200 USD") {
    return RankRequest(C("US", "MX"), M(amount));
  }
  RankResult Run(const RankRequest& request) {
    return Must(Rank(book_, request, clock_));
  }
  static std::vector<std::string> Ids(const RankResult& result) {
    std::vector<std::string> ids;
    for (const Offer& offer : result.offers)
      ids.push_back(offer.quote->quote->id);
    return ids;
  }
  static std::vector<std::pair<std::string, ExclusionReason>> Excluded(
      const RankResult& result) {
    std::vector<std::pair<std::string, ExclusionReason>> out;
    for (const ExcludedOffer& e : result.excluded) {
      out.emplace_back(e.quote->quote->id, e.reason);
    }
    return out;
  }

  QuoteBook book_;
  FakeClock clock_;
};

using Reasons = std::vector<std::pair<std::string, ExclusionReason>>;

TEST_F(RankTest, RanksByTotalCostWithBreakdownsAndRanks) {
  RankResult result = Run(Request());
  EXPECT_EQ(Ids(result), (std::vector<std::string>{"c", "b", "d", "a"}));
  ASSERT_EQ(result.offers.size(), 4u);
  EXPECT_EQ(result.ranked_count, 4u);
  for (size_t i = 0; i < result.offers.size(); ++i) {
    EXPECT_EQ(result.offers[i].rank, i + 1);
  }
  EXPECT_EQ(result.offers[0].cost.total_cost_percent.ToString(4), "0.5714");
  EXPECT_EQ(result.offers[1].cost.total_cost_percent.ToString(4), "3.8571");
  EXPECT_EQ(result.offers[2].cost.total_cost_percent.ToString(4), "4.0000");
  EXPECT_EQ(result.offers[3].cost.total_cost_percent.ToString(4), "4.2143");
  EXPECT_EQ(result.offers[3].quote->provider->id, "pa");
  EXPECT_EQ(Excluded(result),
            (Reasons{{"e", ExclusionReason::kOpaque},
                     {"f", ExclusionReason::kStale},
                     {"g", ExclusionReason::kOutsideAmountLimits}}));
}

// A quote noted as having an implausible rate is never ranked, however
// cheap it would be, nor summarised; it is left out with its reason.
TEST(RankImplausibleTest, NotedRateIsLeftOutWithItsReason) {
  std::vector<Quote> quotes = Corridor4();
  // c is the cheapest.
  quotes[2].data_notes |= uint8_t{1}
                          << static_cast<int>(DataNote::kRateImplausible);
  QuoteBook book = Book(quotes, {"pd"});
  FakeClock clock(Day(2025, 10, 1));
  RankResult result =
      Must(Rank(book, RankRequest(C("US", "MX"), M("200 USD")), clock));
  std::vector<std::string> ids;
  for (const Offer& offer : result.offers)
    ids.push_back(offer.quote->quote->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "d", "a"}));
  EXPECT_EQ(result.summary.offer_count, 3u);
  bool found = false;
  for (const ExcludedOffer& e : result.excluded) {
    if (e.quote->quote->id != "c") continue;
    found = true;
    EXPECT_EQ(e.reason, ExclusionReason::kRateImplausible);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Name(ExclusionReason::kRateImplausible), "rate_implausible");
}

TEST_F(RankTest, Summary) {
  CorridorSummary s = Run(Request()).summary;
  EXPECT_EQ(s.offer_count, 4u);
  // (0.571428571 + 3.857142857 + 4 + 4.214285714) / 4 = 3.16071428...
  EXPECT_EQ(s.average_total_cost_percent->ToString(6), "3.160714");
  // (3.857142857 + 4) / 2.
  EXPECT_EQ(s.median_total_cost_percent->ToString(6), "3.928571");
  EXPECT_EQ(s.share_at_or_below_3_percent.ToString(), "25.00");
  EXPECT_EQ(s.share_at_or_below_5_percent.ToString(), "100.00");
  ASSERT_TRUE(s.cheapest.has_value());
  EXPECT_EQ(s.cheapest->quote->quote->id, "c");
  // SmaRT: c takes 6+ days; a, b, d qualify: (4.214 + 3.857 + 4) / 3.
  EXPECT_EQ(s.smart_qualifying, 3u);
  EXPECT_EQ(s.smart_percent->ToString(6), "4.023810");
  EXPECT_FALSE(s.personal_smart_percent.has_value());
}

// The cheapest offer's breakdown is reused when it is on the page and
// priced on its own when it is not; both give the same answer.
TEST_F(RankTest, CheapestIsTheSameOnAndOffThePage) {
  const RankResult on_page = Run(Request());
  RankRequest past_it = Request();
  past_it.offset = 1;
  RankRequest summary_only = Request();
  summary_only.limit = 0;
  for (const RankResult& result : {on_page, Run(past_it), Run(summary_only)}) {
    ASSERT_TRUE(result.summary.cheapest.has_value());
    const Offer& cheapest = *result.summary.cheapest;
    EXPECT_EQ(cheapest.rank, 0u);
    EXPECT_EQ(cheapest.quote->quote->id, "c");
    EXPECT_EQ(cheapest.cost.total_cost, on_page.offers[0].cost.total_cost);
    EXPECT_EQ(cheapest.cost.total_cost_percent,
              on_page.offers[0].cost.total_cost_percent);
    EXPECT_EQ(cheapest.cost.fee, on_page.offers[0].cost.fee);
  }
  EXPECT_TRUE(Ids(Run(summary_only)).empty());
}

TEST_F(RankTest, OffersWithoutTheSummary) {
  const RankResult full = Run(Request());
  RankRequest request = Request();
  request.summarize = false;
  const RankResult bare = Run(request);
  EXPECT_EQ(Ids(bare), Ids(full));
  ASSERT_EQ(bare.offers.size(), full.offers.size());
  for (size_t i = 0; i < bare.offers.size(); ++i) {
    EXPECT_EQ(bare.offers[i].cost.total_cost, full.offers[i].cost.total_cost);
  }
  EXPECT_EQ(bare.ranked_count, full.ranked_count);
  EXPECT_EQ(Excluded(bare), Excluded(full));
  EXPECT_EQ(bare.summary.offer_count, 0u);
  EXPECT_FALSE(bare.summary.cheapest.has_value());
  EXPECT_FALSE(bare.summary.average_total_cost_percent.has_value());
  EXPECT_FALSE(bare.summary.smart_percent.has_value());
}

TEST_F(RankTest, SmartNeedsThreeQualifying) {
  std::vector<Quote> quotes = Corridor4();
  quotes[0].transparent = false;  // a becomes opaque.
  QuoteBook book = Book(quotes);
  CorridorSummary s = Must(Rank(book, Request(), clock_)).summary;
  EXPECT_EQ(s.smart_qualifying, 2u);
  EXPECT_FALSE(s.smart_percent.has_value());
  EXPECT_EQ(s.offer_count, 3u);  // Opaque offers never count.
}

TEST_F(RankTest, PersonalSmartAppliesTheSendersAccess) {
  RankRequest request = Request();
  request.access = SenderAccess();
  request.access->has_bank_account = false;  // d needs one.
  CorridorSummary s = Run(request).summary;
  EXPECT_EQ(s.smart_qualifying, 3u);
  EXPECT_EQ(s.personal_smart_qualifying, 2u);
  EXPECT_FALSE(s.personal_smart_percent.has_value());

  request.access = SenderAccess();
  request.access->max_speed = Speed::kSixDaysOrMore;
  s = Run(request).summary;
  EXPECT_EQ(s.personal_smart_qualifying, 3u);
  EXPECT_EQ(s.personal_smart_percent->ToString(6), "4.023810");
}

TEST_F(RankTest, FilterNarrowsTheListNotTheSummary) {
  RankRequest request = Request();
  request.filter.payment_instruments = {PaymentInstrument::kCash};
  RankResult result = Run(request);
  EXPECT_EQ(Ids(result), (std::vector<std::string>{"c", "b", "a"}));
  EXPECT_EQ(Excluded(result),
            (Reasons{{"d", ExclusionReason::kFilteredOut},
                     {"e", ExclusionReason::kOpaque},
                     {"f", ExclusionReason::kStale},
                     {"g", ExclusionReason::kOutsideAmountLimits}}));
  EXPECT_EQ(result.summary.offer_count, 4u);

  request.filter = RankFilter();
  request.filter.max_speed = Speed::kSameDay;
  request.filter.provider_types = {ProviderType::kMoneyTransferOperator};
  EXPECT_EQ(Ids(Run(request)), (std::vector<std::string>{"b", "a"}));

  request.filter = RankFilter();
  request.filter.provider_types = {ProviderType::kBank};
  EXPECT_EQ(Ids(Run(request)), (std::vector<std::string>{"d"}));
}

TEST_F(RankTest, MinimumCoverage) {
  std::vector<Quote> quotes = Corridor4();
  quotes[0].coverage = Coverage::kHigh;    // a
  quotes[1].coverage = Coverage::kMedium;  // b
  quotes[2].coverage = Coverage::kLow;     // c; d stays unknown
  QuoteBook book = Book(quotes);
  RankRequest request = Request();
  request.filter.min_coverage = Coverage::kMedium;
  EXPECT_EQ(Ids(Must(Rank(book, request, clock_))),
            (std::vector<std::string>{"b", "a"}));
  request.filter.min_coverage = Coverage::kLow;
  EXPECT_EQ(Ids(Must(Rank(book, request, clock_))),
            (std::vector<std::string>{"c", "b", "a"}));
}

TEST(Usd200EquivalentTest, ThreeWays) {
  std::vector<Quote> quotes = Corridor4();  // USA -> MEX: already USD.
  QuoteBook us = Book(quotes);
  ReferenceAmount usd = Must(Usd200Equivalent(us, C("US", "MX")));
  EXPECT_EQ(usd.amount.ToString(), "200.00 USD");
  EXPECT_EQ(usd.source, "usd");

  // GBR -> BGD with RPW survey points at 120 and 300 GBP.
  Quote rpw = SimpleQuote("r", "p", C("GB", "BD"), 0, "1", "168");
  rpw.rate.reset();
  rpw.survey_points = {{12000, 499, testing::R("163.8"), {}},
                       {30000, 499, testing::R("163.8"), {}}};
  QuoteBook gb = Book({rpw});
  ReferenceAmount survey = Must(Usd200Equivalent(gb, C("GB", "BD")));
  EXPECT_EQ(survey.amount.ToString(), "120.00 GBP");
  EXPECT_EQ(survey.source, "survey amount");

  // EUR -> TRY with a USD->EUR reference rate: 200 x 0.8634 = 172.68.
  Quote eur = SimpleQuote("e", "p", C("DE", "TR"), 0, "48", "48.5");
  ReferenceRates::Builder rates;
  rates.Add({testing::Cur("USD"), testing::Cur("EUR"), testing::R("0.86"),
             Day(2026, 1, 1), "ref"});
  rates.Add({testing::Cur("USD"), testing::Cur("EUR"), testing::R("0.8634"),
             Day(2026, 2, 1), "ref"});
  QuoteBook de = Must(QuoteBook::Create({{"p", "P", ProviderType::kBank}},
                                        {eur}, Must(std::move(rates).Build())));
  ReferenceAmount converted = Must(Usd200Equivalent(de, C("DE", "TR")));
  EXPECT_EQ(converted.amount.ToString(), "172.68 EUR");
  EXPECT_EQ(converted.source, "reference rate");

  QuoteBook none =
      Book({SimpleQuote("e", "p", C("DE", "TR"), 0, "48", "48.5")});
  EXPECT_EQ(Usd200Equivalent(none, C("DE", "TR")).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

// The corridor SmaRT relies on this: with default access every quote is
// accessible, whatever its instrument, access point and receive method.
TEST(IsAccessibleTest, DefaultAccessAdmitsEveryQuote) {
  Quote quote(C("US", "MX"));
  for (int i = 0; i <= static_cast<int>(PaymentInstrument::kOther); ++i) {
    for (int a = 0; a <= static_cast<int>(AccessPoint::kOther); ++a) {
      for (int r = 0; r <= static_cast<int>(ReceiveMethod::kOther); ++r) {
        for (int s = 0; s <= static_cast<int>(Speed::kSixDaysOrMore); ++s) {
          quote.payment_instrument = static_cast<PaymentInstrument>(i);
          quote.access_point = static_cast<AccessPoint>(a);
          quote.receive_method = static_cast<ReceiveMethod>(r);
          quote.speed = static_cast<Speed>(s);
          EXPECT_TRUE(IsAccessible(quote, SenderAccess())) << i << a << r << s;
        }
      }
    }
  }
}

TEST(IsAccessibleTest, AppliesEachMeans) {
  Quote quote(C("US", "MX"));
  quote.payment_instrument = PaymentInstrument::kMobileWallet;
  quote.access_point = AccessPoint::kMobileApp;
  quote.receive_method = ReceiveMethod::kMobileMoney;
  quote.speed = Speed::kNextDay;
  SenderAccess access;
  EXPECT_TRUE(IsAccessible(quote, access));
  access.has_mobile_wallet = false;
  EXPECT_FALSE(IsAccessible(quote, access));
  access = SenderAccess();
  access.has_internet = false;
  EXPECT_FALSE(IsAccessible(quote, access));
  access = SenderAccess();
  access.needs_cash_pickup = true;
  EXPECT_FALSE(IsAccessible(quote, access));
  access = SenderAccess();
  access.max_speed = Speed::kSameDay;
  EXPECT_FALSE(IsAccessible(quote, access));
  quote.payment_instrument = PaymentInstrument::kCreditCard;
  access = SenderAccess();
  access.has_card = false;
  EXPECT_FALSE(IsAccessible(quote, access));
}

TEST_F(RankTest, PromotionsCanBeLeftOut) {
  std::vector<Quote> quotes = Corridor4();
  quotes[2].promotional = true;  // c
  QuoteBook book = Book(quotes);
  RankRequest request = Request();
  request.filter.include_promotional = false;
  EXPECT_EQ(Ids(Must(Rank(book, request, clock_))),
            (std::vector<std::string>{"b", "d", "a"}));
}

TEST_F(RankTest, OpaqueOffersRankLastWhenIncluded) {
  RankRequest request = Request();
  request.include_opaque = true;
  RankResult result = Run(request);
  EXPECT_EQ(Ids(result), (std::vector<std::string>{"c", "b", "d", "a", "e"}));
  const CostBreakdown& opaque = result.offers.back().cost;
  EXPECT_FALSE(opaque.margin_known);
  EXPECT_FALSE(opaque.amount_received.has_value());
  EXPECT_EQ(opaque.total_cost.ToString(), "1.00 USD");  // Fees only.
  EXPECT_EQ(result.summary.offer_count, 4u);
}

TEST_F(RankTest, StalenessFollowsTheInjectedClock) {
  RankRequest request = Request();
  request.max_quote_age = absl::InfiniteDuration();
  EXPECT_EQ(Run(request).ranked_count, 5u);  // f is back.
  clock_.Set(Day(2026, 9, 1));               // a-e are a year old now.
  request.max_quote_age = kDefaultMaxQuoteAge;
  RankResult result = Run(request);
  EXPECT_EQ(result.ranked_count, 0u);
  EXPECT_TRUE(result.offers.empty());
  EXPECT_EQ(result.summary.offer_count, 0u);
  EXPECT_FALSE(result.summary.average_total_cost_percent.has_value());
}

// A ranking without offers says why: one reason when every quote shares
// it, the count of each otherwise.
TEST_F(RankTest, NoOffersSaysWhy) {
  EXPECT_FALSE(Run(Request()).no_offers.has_value());

  clock_.Set(Day(2030, 1, 1));
  RankResult stale = Run(Request());
  ASSERT_TRUE(stale.no_offers.has_value());
  EXPECT_EQ(stale.no_offers->reason, ExclusionReason::kStale);
  EXPECT_EQ(stale.no_offers->text,
            "all 7 quotes are stale (older than 183 days)");
  clock_.Set(Day(2025, 10, 1));

  RankRequest mobile = Request();
  mobile.filter.receive_methods = {ReceiveMethod::kMobileMoney};
  RankResult none = Run(mobile);
  ASSERT_TRUE(none.no_offers.has_value());
  EXPECT_FALSE(none.no_offers->reason.has_value());
  EXPECT_EQ(none.no_offers->text,
            "none of the 7 quotes can be ranked: 1 opaque (their rate is not "
            "disclosed; include_opaque ranks them), 1 stale, 1 not offered "
            "for this amount, 4 rejected by the request's filter");

  QuoteBook two =
      Book({SimpleQuote("a", "pa", C("US", "MX"), 0, "17", "17.5"),
            SimpleQuote("b", "pb", C("US", "MX"), 0, "17", "17.5")});
  RankResult filtered = Must(Rank(two, mobile, clock_));
  ASSERT_TRUE(filtered.no_offers.has_value());
  EXPECT_EQ(filtered.no_offers->reason, ExclusionReason::kFilteredOut);
  EXPECT_EQ(filtered.no_offers->text,
            "all 2 quotes are rejected by the request's filter");

  // A page past the end is not "no offers".
  RankRequest far = Request();
  far.offset = 100;
  RankResult past = Run(far);
  EXPECT_TRUE(past.offers.empty());
  EXPECT_FALSE(past.no_offers.has_value());
}

// A result keeps the book's data: it may outlive every handle on the book.
TEST(RankLifetimeTest, ResultOutlivesTheBook) {
  const FakeClock clock(Day(2025, 10, 1));
  std::optional<RankResult> result;
  {
    QuoteBook book = Book(Corridor4());
    result = Must(Rank(book, RankRequest(C("US", "MX"), M("200 USD")), clock));
  }
  ASSERT_EQ(result->offers.size(), 4u);
  EXPECT_EQ(result->offers[0].quote->quote->id, "c");
  EXPECT_EQ(result->offers[0].quote->provider->id, "pc");
  EXPECT_EQ(result->excluded[0].quote->quote->id, "e");
}

// Freshness: the price dates read, the limit and how many were stale, as
// the screen judged them (f is stale, opaque e is not).
TEST_F(RankTest, FreshnessSaysHowOldThePricesAre) {
  RankResult result = Run(Request());
  const Freshness& f = result.freshness;
  EXPECT_EQ(f.as_of, Day(2025, 10, 1));
  EXPECT_FALSE(f.illustrative);
  EXPECT_EQ(f.max_quote_age, kDefaultMaxQuoteAge);
  EXPECT_EQ(f.quote_count, 7u);
  EXPECT_EQ(f.stale_count, 1u);
  EXPECT_FALSE(f.all_stale());
  EXPECT_EQ(f.newest_quoted_at, Day(2025, 9, 1));
  EXPECT_EQ(f.oldest_fresh_quoted_at, Day(2025, 9, 1));
  EXPECT_EQ(f.dataset_indexes, (std::vector<uint16_t>{0}));

  clock_.Set(Day(2030, 1, 1));
  result = Run(Request());
  EXPECT_TRUE(result.freshness.all_stale());
  EXPECT_EQ(result.freshness.stale_count, 7u);
  EXPECT_EQ(result.freshness.newest_quoted_at, Day(2025, 9, 1));
  EXPECT_FALSE(result.freshness.oldest_fresh_quoted_at.has_value());
  EXPECT_TRUE(result.offers.empty());

  // The same without pricing anything.
  Freshness judged = Must(JudgeFreshness(book_, C("US", "MX"), std::nullopt,
                                         kDefaultMaxQuoteAge, clock_));
  EXPECT_TRUE(judged.all_stale());
  EXPECT_EQ(judged.newest_quoted_at, Day(2025, 9, 1));
  EXPECT_EQ(JudgeFreshness(book_, C("GB", "NG"), std::nullopt,
                           kDefaultMaxQuoteAge, clock_)
                .status()
                .code(),
            absl::StatusCode::kNotFound);

  // No limit: nothing is stale.
  RankRequest request = Request();
  request.max_quote_age = absl::InfiniteDuration();
  result = Run(request);
  EXPECT_EQ(result.freshness.stale_count, 0u);
  EXPECT_EQ(result.freshness.max_quote_age, absl::InfiniteDuration());
  EXPECT_EQ(result.freshness.oldest_fresh_quoted_at, Day(2020, 1, 1));
}

// Illustrative data is judged at its own date, whatever the clock says:
// it never goes stale with time, and the freshness says so.
TEST(RankIllustrativeTest, JudgedAtItsOwnDate) {
  std::vector<Quote> quotes = Corridor4();
  for (Quote& q : quotes) {
    q.judged_at = Day(2025, 10, 1);
    q.dataset_index = 2;
  }
  const QuoteBook book = Book(quotes, {"pd"});
  const FakeClock clock(Day(2030, 1, 1));
  RankResult result =
      Must(Rank(book, RankRequest(C("US", "MX"), M("200 USD")), clock));
  EXPECT_EQ(result.ranked_count, 4u);  // a-d; f stays stale, g too small.
  EXPECT_TRUE(result.freshness.illustrative);
  EXPECT_EQ(result.freshness.as_of, Day(2025, 10, 1));
  EXPECT_EQ(result.freshness.stale_count, 1u);
  EXPECT_EQ(result.freshness.dataset_indexes, (std::vector<uint16_t>{2}));

  // Mixed with real quotes, the clock decides for those, and the answer is
  // not called illustrative.
  quotes[0].judged_at.reset();
  quotes[0].dataset_index = 0;
  const QuoteBook mixed = Book(quotes, {"pd"});
  result = Must(Rank(mixed, RankRequest(C("US", "MX"), M("200 USD")), clock));
  EXPECT_EQ(result.ranked_count, 3u);  // a is stale by the clock.
  EXPECT_FALSE(result.freshness.illustrative);
  EXPECT_EQ(result.freshness.as_of, Day(2030, 1, 1));
  EXPECT_EQ(result.freshness.dataset_indexes, (std::vector<uint16_t>{0, 2}));
}

TEST_F(RankTest, OrderBySpeedAndByAmountReceived) {
  RankRequest request = Request();
  request.order = RankOrder::kSpeed;
  EXPECT_EQ(Ids(Run(request)), (std::vector<std::string>{"a", "b", "d", "c"}));
  // Value delivered at mid, S - K: a 196.57, b 194.29, c 198.86, d 200.00.
  request.order = RankOrder::kAmountReceived;
  EXPECT_EQ(Ids(Run(request)), (std::vector<std::string>{"d", "c", "a", "b"}));
}

TEST_F(RankTest, Pages) {
  RankRequest request = Request();
  request.offset = 1;
  request.limit = 2;
  RankResult result = Run(request);
  EXPECT_EQ(Ids(result), (std::vector<std::string>{"b", "d"}));
  EXPECT_EQ(result.offers[0].rank, 2u);
  EXPECT_EQ(result.offers[1].rank, 3u);
  EXPECT_EQ(result.ranked_count, 4u);
  request.offset = 4;
  EXPECT_TRUE(Run(request).offers.empty());
  request.offset = 3;
  EXPECT_EQ(Ids(Run(request)), (std::vector<std::string>{"a"}));
  request.offset = 0;
  request.limit = 0;
  RankResult none = Run(request);
  EXPECT_TRUE(none.offers.empty());
  EXPECT_EQ(none.ranked_count, 4u);
  // Pages too long for the bounded heap take the sorting path.
  request.offset = 1;
  request.limit = 1000;
  EXPECT_EQ(Ids(Run(request)), (std::vector<std::string>{"b", "d", "a"}));
  request.offset = 300;
  request.limit = 10;
  EXPECT_TRUE(Run(request).offers.empty());
}

TEST_F(RankTest, TiesBreakByProviderThenQuoteId) {
  const Corridor us_mx = C("US", "MX");
  std::vector<Quote> quotes = {
      SimpleQuote("x2", "beta", us_mx, 200, "17", "17.5"),
      SimpleQuote("x1", "beta", us_mx, 200, "17", "17.5"),
      SimpleQuote("z9", "alpha", us_mx, 200, "17", "17.5"),
  };
  QuoteBook book = Book(quotes);
  RankResult result = Must(Rank(book, Request(), clock_));
  EXPECT_EQ(Ids(result), (std::vector<std::string>{"z9", "x1", "x2"}));
}

TEST_F(RankTest, ReceiveMode) {
  RankRequest request = Request("3400 MXN");
  request.amount_kind = AmountKind::kReceive;
  RankResult result = Run(request);
  // Outlay to deliver 3400 MXN: c 195.41, b 202.00, d 202.29, a 202.68.
  EXPECT_EQ(Ids(result), (std::vector<std::string>{"c", "b", "d", "a"}));
  EXPECT_EQ(result.offers[0].cost.total_outlay.ToString(), "195.41 USD");
  EXPECT_EQ(result.offers[2].cost.total_outlay.ToString(), "202.29 USD");
  EXPECT_EQ(result.offers[3].cost.send_amount.ToString(), "197.68 USD");
  for (const Offer& offer : result.offers) {
    EXPECT_GE(offer.cost.amount_received->minor_units(), 340000);
  }
  // g cannot send the 194.29 USD it would need.
  EXPECT_EQ(Excluded(result),
            (Reasons{{"e", ExclusionReason::kOpaque},
                     {"f", ExclusionReason::kStale},
                     {"g", ExclusionReason::kOutsideAmountLimits}}));
}

TEST_F(RankTest, RequestErrors) {
  RankRequest wrong_currency = Request("200 EUR");
  absl::StatusOr<RankResult> result = Rank(book_, wrong_currency, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "send_amount: 200.00 EUR is not in USD, the corridor's send "
            "currency");

  RankRequest receive_in_send_currency = Request("200 USD");
  receive_in_send_currency.amount_kind = AmountKind::kReceive;
  result = Rank(book_, receive_in_send_currency, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "receive_amount: in receive mode the amount is what the recipient "
            "gets: give it in MXN, the corridor's receive currency (not USD)");

  // A client that names the receive currency after the amount asks for a
  // corridor without quotes (USA/USD->MEX/USD): the same clear answer.
  RankRequest receive_corridor_in_usd(
      Must(Corridor::Parse("US", "", "MX", "USD")), M("200 USD"));
  receive_corridor_in_usd.amount_kind = AmountKind::kReceive;
  result = Rank(book_, receive_corridor_in_usd, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "receive_amount: in receive mode the amount is what the recipient "
            "gets: give it in MXN (USA->MEX quotes pay out in MXN, not USD)");

  // And a send amount in the receiving currency.
  RankRequest send_corridor_in_mxn(Must(Corridor::Parse("US", "MXN", "MX", "")),
                                   M("3400 MXN"));
  result = Rank(book_, send_corridor_in_mxn, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(result.status().message(),
            "send_amount: the amount is what the sender sends: give it in USD "
            "(USA->MEX quotes take USD, not MXN); for an amount the "
            "recipient gets, use receive mode");

  // A send amount in a currency nobody uses between the two countries is a
  // fair question the data cannot answer.
  RankRequest send_in_euros(Must(Corridor::Parse("US", "EUR", "MX", "")),
                            M("200 EUR"));
  result = Rank(book_, send_in_euros, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(),
            "corridor USA/EUR->MEX/MXN has no quotes; between these countries "
            "the data has USA/USD->MEX/MXN");

  RankRequest zero = Request("0 USD");
  EXPECT_EQ(Rank(book_, zero, clock_).status().message(),
            "send_amount: 0.00 USD must be positive");

  RankRequest unknown(C("US", "PH"), M("200 USD"));
  result = Rank(book_, unknown, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(),
            "corridor USA/USD->PHL/PHP has no quotes");
}

TEST_F(RankTest, SameAnswerOnEveryThreadWithReusedScratch) {
  const RankResult expected = Run(Request());
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      RankScratch scratch;
      for (int i = 0; i < 200; ++i) {
        RankResult got = Must(Rank(book_, Request(), clock_, &scratch));
        if (Ids(got) != Ids(expected) ||
            got.summary.average_total_cost_percent !=
                expected.summary.average_total_cost_percent) {
          ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace remit

namespace remit {
namespace {

using testing::Book;
using testing::C;
using testing::Day;
using testing::M;
using testing::Must;
using testing::SimpleQuote;

Period Q(const char* text) { return Must(Period::Parse(text)); }

Quote InPeriod(Quote quote, const char* period, absl::Time quoted_at) {
  quote.period = Q(period);
  quote.quoted_at = quoted_at;
  return quote;
}

std::vector<std::string> OfferIds(const RankResult& result) {
  std::vector<std::string> ids;
  for (const Offer& offer : result.offers)
    ids.push_back(offer.quote->quote->id);
  return ids;
}

// USA -> MEX in two periods, judged on 2024-09-01: 2024_1Q's quotes are
// stale by then (more than 183 days old), 2024_2Q's are not. GBR -> NGA's
// latest period (2023_4Q) is older than USA -> MEX's.
class RankPeriodsTest : public ::testing::Test {
 protected:
  RankPeriodsTest()
      : book_(Book({
            InPeriod(
                SimpleQuote("a-1", "pa", C("US", "MX"), 500, "17.2", "17.5"),
                "2024_1Q", Day(2024, 2, 10)),
            InPeriod(
                SimpleQuote("b-1", "pb", C("US", "MX"), 200, "17.0", "17.5"),
                "2024_1Q", Day(2024, 2, 10)),
            InPeriod(
                SimpleQuote("a-2", "pa", C("US", "MX"), 300, "17.325", "17.5"),
                "2024_2Q", Day(2024, 5, 15)),
            InPeriod(
                SimpleQuote("b-2", "pb", C("US", "MX"), 400, "17.15", "17.5"),
                "2024_2Q", Day(2024, 5, 15)),
            InPeriod(SimpleQuote("g", "pa", C("GB", "NG"), 0, "1900", "1950"),
                     "2023_4Q", Day(2024, 8, 1)),
        })),
        clock_(Day(2024, 9, 1)) {}

  QuoteBook book_;
  FakeClock clock_;
};

TEST_F(RankPeriodsTest, DefaultIsTheCorridorsLatestPeriod) {
  RankResult result =
      Must(Rank(book_, RankRequest(C("US", "MX"), M("200 USD")), clock_));
  EXPECT_EQ(result.period, Q("2024_2Q"));
  EXPECT_EQ(result.summary.period, Q("2024_2Q"));
  // a-2: 1.5 % + 1 %; b-2: 2 % + 2 %.
  EXPECT_EQ(OfferIds(result), (std::vector<std::string>{"a-2", "b-2"}));
  EXPECT_TRUE(result.excluded.empty());
  EXPECT_EQ(result.summary.offer_count, 2u);
  EXPECT_EQ(result.summary.average_total_cost_percent->ToString(2), "3.25");

  RankResult gb =
      Must(Rank(book_, RankRequest(C("GB", "NG"), M("150 GBP")), clock_));
  EXPECT_EQ(gb.period, Q("2023_4Q"));
  EXPECT_EQ(OfferIds(gb), (std::vector<std::string>{"g"}));
}

TEST_F(RankPeriodsTest, NamedPastPeriodRanksItsQuotesStaleOrNot) {
  RankRequest request(C("US", "MX"), M("200 USD"));
  request.period = Q("2024_1Q");
  RankResult result = Must(Rank(book_, request, clock_));
  EXPECT_EQ(result.period, Q("2024_1Q"));
  // Stale at the clock, yet ranked: b-1 3.857 %, a-1 4.214 %.
  EXPECT_EQ(OfferIds(result), (std::vector<std::string>{"b-1", "a-1"}));
  EXPECT_TRUE(result.excluded.empty());
  EXPECT_EQ(result.summary.offer_count, 2u);
  EXPECT_EQ(result.summary.cheapest->quote->quote->id, "b-1");

  // Without a named period, staleness applies as ever: on 2024-12-01 the
  // latest period is stale too.
  FakeClock later(Day(2024, 12, 1));
  RankResult stale =
      Must(Rank(book_, RankRequest(C("US", "MX"), M("200 USD")), later));
  EXPECT_TRUE(stale.offers.empty());
  ASSERT_EQ(stale.excluded.size(), 2u);
  EXPECT_EQ(stale.excluded[0].reason, ExclusionReason::kStale);
  request.period = Q("2024_2Q");
  EXPECT_EQ(OfferIds(Must(Rank(book_, request, later))),
            (std::vector<std::string>{"a-2", "b-2"}));
}

TEST_F(RankPeriodsTest, UnknownPeriodIsNotFoundListingThePeriods) {
  RankRequest request(C("US", "MX"), M("200 USD"));
  request.period = Q("2023_4Q");
  absl::StatusOr<RankResult> result = Rank(book_, request, clock_);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(result.status().message(),
            "corridor USA/USD->MEX/MXN has no quotes in period 2023_4Q; its "
            "periods are 2024_1Q, 2024_2Q");
}

TEST(Usd200EquivalentTest, LooksAtTheChosenPeriodsSurveyAmounts) {
  const Corridor gb_bd = C("GB", "BD");
  auto survey = [&](const char* id, int64_t smallest, const char* period) {
    Quote q = SimpleQuote(id, "p", gb_bd, 0, "1", "168");
    q.rate.reset();
    q.survey_points = {{smallest, 499, testing::R("163.8"), {}},
                       {smallest * 5 / 2, 499, testing::R("163.8"), {}}};
    q.period = Q(period);
    return q;
  };
  QuoteBook book =
      Book({survey("old", 11000, "2024_1Q"), survey("new", 12000, "2024_2Q")});
  EXPECT_EQ(Must(Usd200Equivalent(book, gb_bd)).amount.ToString(),
            "120.00 GBP");
  EXPECT_EQ(Must(Usd200Equivalent(book, gb_bd, Q("2024_1Q"))).amount.ToString(),
            "110.00 GBP");
  EXPECT_EQ(Usd200Equivalent(book, gb_bd, Q("2023_1Q")).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace remit
