#include "engine/book/quote_book.h"

#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::Cur;
using testing::P;
using testing::R;
using testing::SimpleQuote;

std::vector<Provider> Providers() {
  return {{"p", "P", ProviderType::kBank}, {"q", "Q", ProviderType::kOther}};
}

absl::Status CreateWith(Quote quote) {
  return QuoteBook::Create(Providers(), {std::move(quote)}, ReferenceRates())
      .status();
}

TEST(QuoteBookTest, IndexesByCorridorInIdOrder) {
  std::vector<Quote> quotes = {
      SimpleQuote("z", "q", C("US", "MX"), 0, "17", "17.5"),
      SimpleQuote("b", "p", C("US", "MX"), 0, "17", "17.5"),
      SimpleQuote("a", "q", C("GB", "NG"), 0, "1900", "1950"),
  };
  absl::StatusOr<QuoteBook> book =
      QuoteBook::Create(Providers(), quotes, ReferenceRates());
  ASSERT_TRUE(book.ok()) << book.status();
  ASSERT_EQ(book->corridors().size(), 2u);
  absl::Span<const PreparedQuote> us_mx = book->QuotesIn(C("US", "MX"));
  ASSERT_EQ(us_mx.size(), 2u);
  EXPECT_EQ(us_mx[0].quote->id, "b");  // Provider p before q.
  EXPECT_EQ(us_mx[1].quote->id, "z");
  EXPECT_EQ(us_mx[0].provider->name, "P");
  EXPECT_TRUE(book->QuotesIn(C("US", "PH")).empty());
  EXPECT_EQ(book->FindProvider("q")->type, ProviderType::kOther);
  EXPECT_EQ(book->FindProvider("nobody"), nullptr);
}

TEST(QuoteBookTest, RejectsWhatRankingCannotUse) {
  struct Case {
    const char* what;
    Quote quote;
    const char* message;
  };
  Quote base = SimpleQuote("q1", "p", C("US", "MX"), 0, "17", "17.5");
  std::vector<Case> cases;
  {
    Quote q = base;
    q.provider_id = "nobody";
    cases.push_back({"unknown provider", q,
                     "quote 'q1': provider_id: 'nobody' is not a provider"});
  }
  {
    Quote q = base;
    q.fees.bands = {FeeBand{100, 0, P("0"), {}, {}},
                    FeeBand{100, 0, P("0"), {}, {}}};
    cases.push_back({"overlapping bands", q,
                     "quote 'q1': fees.bands[1].from_amount: '1.00' must be "
                     "above the previous band's from_amount: bands are "
                     "sorted and do not overlap"});
  }
  {
    Quote q = base;
    q.fees.bands = {FeeBand{0, 0, P("0"), 500, 100}};
    cases.push_back({"min above max", q,
                     "quote 'q1': fees.bands[0].min_fee: '5.00' is above "
                     "max_fee '1.00'"});
  }
  {
    Quote q = base;
    q.rate.reset();
    cases.push_back({"no rate", q,
                     "quote 'q1': rate: a transparent quote needs one of "
                     "rate, margin_over_mid_percent or survey_points"});
  }
  {
    Quote q = base;
    q.margin_over_mid = P("1");
    cases.push_back({"rate and margin", q,
                     "quote 'q1': rate: give only one of rate, "
                     "margin_over_mid_percent and survey_points"});
  }
  {
    Quote q = base;
    q.min_send_minor = 500;
    q.max_send_minor = 100;
    cases.push_back({"limits", q,
                     "quote 'q1': min_send_amount: '5.00' is above "
                     "max_send_amount '1.00'"});
  }
  {
    Quote q = base;
    q.rate_currency.reset();
    q.fees.recipient_fixed_fee_minor = 100;
    cases.push_back({"recipient fee without currency", q,
                     "quote 'q1': rate_currency: recipient fees need the "
                     "payout currency"});
  }
  {
    Quote q = base;
    q.rate.reset();
    q.survey_points = {{500, 0, testing::R("1"), {}},
                       {500, 0, testing::R("1"), {}}};
    cases.push_back({"survey points", q,
                     "quote 'q1': survey_points[1].send: points must be at "
                     "positive, increasing amounts"});
  }
  {
    // 1.6 minor units stored as 1 + 0.6: the fee must be 2 (+ -0.4).
    Quote q = base;
    q.rate.reset();
    q.survey_points = {{500, 1, testing::R("1"), {}, 60'000'000'000}};
    cases.push_back({"survey fee remainder", q,
                     "quote 'q1': survey_points[0].fee_remainder11: "
                     "60000000000 is not what rounding the fee half-even to 1 "
                     "minor units left out"});
  }
  {
    // 1.5 minor units round to 2, not 1.
    Quote q = base;
    q.rate.reset();
    q.survey_points = {{500, 1, testing::R("1"), {}, 50'000'000'000}};
    cases.push_back({"survey fee tie", q,
                     "quote 'q1': survey_points[0].fee_remainder11: "
                     "50000000000 is not what rounding the fee half-even to 1 "
                     "minor units left out"});
  }
  {
    Quote q = base;
    q.fees.bands = {FeeBand{0, -300, P("0"), {}, {}}};
    cases.push_back({"negative fee", q,
                     "quote 'q1': fees.bands[0].fixed_fee: '-3.00' must not "
                     "be negative"});
  }
  {
    Quote q = base;
    q.rate_currency = Cur("EUR");
    cases.push_back({"payout currency not of the corridor", q,
                     "quote 'q1': rate_currency: 'EUR' is not a payout "
                     "currency of corridor USA/USD->MEX/MXN: the recipient "
                     "is paid in MXN or USD"});
  }
  {
    Quote q = base;
    q.quoted_at = absl::UnixEpoch();
    cases.push_back({"quoted_at never set", q,
                     "quote 'q1': quoted_at: '1970-01-01' is the Unix epoch, "
                     "the value of a time never set: give the date the price "
                     "was quoted"});
  }
  {
    Quote q = base;
    q.rate = testing::R("0.0588");
    cases.push_back(
        {"inverted rate", q,
         "quote 'q1': rate: '0.0588' implies an FX margin of 99.66 % against "
         "the quote's mid_market_rate 17.5; plausible margins are -20 % to "
         "50 %; looks inverted: 1/0.0588 = 17.006803 (margin 2.82 %); if it "
         "is real, set rate_outlier_confirmed: true"});
  }
  for (const Case& c : cases) {
    absl::Status status = CreateWith(c.quote);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(status.message(), c.message) << c.what;
  }
}

TEST(QuoteBookTest, ConfirmedOutlierRateIsKept) {
  Quote q = SimpleQuote("q1", "p", C("US", "MX"), 0, "0.0588", "17.5");
  EXPECT_EQ(CreateWith(q).code(), absl::StatusCode::kInvalidArgument);
  q.rate_outlier_confirmed = true;
  EXPECT_TRUE(CreateWith(q).ok());
}

TEST(QuoteBookTest, RefusesQuotesFromTheFutureGivenAClock) {
  Quote q = SimpleQuote("q1", "p", C("US", "MX"), 0, "17", "17.5");
  q.quoted_at = testing::Day(2027, 6, 1);
  const FakeClock clock(testing::Day(2026, 12, 1));
  EXPECT_TRUE(CreateWith(q).ok());  // No clock: dates are not judged.
  absl::StatusOr<QuoteBook> book =
      QuoteBook::Create(Providers(), {q}, ReferenceRates(), &clock);
  EXPECT_EQ(book.status().message(),
            "quote 'q1': quoted_at: '2027-06-01' is in the future (now is "
            "2026-12-01)");
}

TEST(QuoteBookTest, CopiesShareTheDataAndOutliveTheOriginal) {
  std::optional<QuoteBook> original =
      testing::Book({SimpleQuote("q1", "p", C("US", "MX"), 0, "17", "17.5")});
  const PreparedQuote* prepared = &original->QuotesIn(C("US", "MX"))[0];
  std::shared_ptr<const void> kept = original->Share();
  QuoteBook copy = *original;
  original.reset();
  EXPECT_EQ(&copy.QuotesIn(C("US", "MX"))[0], prepared);
  EXPECT_EQ(prepared->quote->id, "q1");
  EXPECT_NE(kept, nullptr);
}

TEST(QuoteBookTest, RejectsDuplicateIds) {
  Quote q = SimpleQuote("q1", "p", C("US", "MX"), 0, "17", "17.5");
  EXPECT_EQ(QuoteBook::Create(Providers(), {q, q}, ReferenceRates())
                .status()
                .message(),
            "quote 'q1': id: is used twice");
  std::vector<Provider> twice = {{"p", "P", ProviderType::kBank},
                                 {"p", "P2", ProviderType::kBank}};
  EXPECT_EQ(QuoteBook::Create(twice, {q}, ReferenceRates()).status().message(),
            "provider 'p': id: is used twice");
}

}  // namespace
}  // namespace remit

namespace remit {
namespace {

using testing::C;
using testing::SimpleQuote;

Period Q(const char* text) { return testing::Must(Period::Parse(text)); }

Quote InPeriod(Quote quote, const char* period) {
  quote.period = Q(period);
  return quote;
}

std::vector<std::string> Ids(absl::Span<const PreparedQuote> quotes) {
  std::vector<std::string> ids;
  for (const PreparedQuote& p : quotes) ids.push_back(p.quote->id);
  return ids;
}

std::vector<uint32_t> TieRanks(absl::Span<const PreparedQuote> quotes) {
  std::vector<uint32_t> ranks;
  for (const PreparedQuote& p : quotes) ranks.push_back(p.tie_rank);
  return ranks;
}

std::vector<Provider> ThreeProviders() {
  return {{"p", "P", ProviderType::kBank},
          {"q", "Q", ProviderType::kOther},
          {"r", "R", ProviderType::kOther}};
}

TEST(QuoteBookPeriodsTest, IndexesEachCorridorsPeriods) {
  const Corridor us_mx = C("US", "MX");
  const Corridor gb_ng = C("GB", "NG");
  std::vector<Quote> quotes = {
      InPeriod(SimpleQuote("q-2", "q", us_mx, 0, "17", "17.5"), "2024_2Q"),
      InPeriod(SimpleQuote("p-1", "p", us_mx, 0, "17", "17.5"), "2024_1Q"),
      InPeriod(SimpleQuote("p-2", "p", us_mx, 0, "17", "17.5"), "2024_2Q"),
      InPeriod(SimpleQuote("r-1", "r", us_mx, 0, "17", "17.5"), "2024_1Q"),
      InPeriod(SimpleQuote("q-1", "q", us_mx, 0, "17", "17.5"), "2024_1Q"),
      InPeriod(SimpleQuote("g", "p", gb_ng, 0, "1900", "1950"), "2023_4Q"),
  };
  QuoteBook book = testing::Must(
      QuoteBook::Create(ThreeProviders(), quotes, ReferenceRates()));

  ASSERT_EQ(book.PeriodsOf(us_mx).size(), 2u);
  EXPECT_EQ(book.PeriodsOf(us_mx)[0], Q("2024_1Q"));
  EXPECT_EQ(book.PeriodsOf(us_mx)[1], Q("2024_2Q"));
  EXPECT_EQ(book.LatestPeriod(us_mx), Q("2024_2Q"));
  // Each corridor has its own latest period.
  EXPECT_EQ(book.LatestPeriod(gb_ng), Q("2023_4Q"));
  EXPECT_EQ(book.LatestPeriod(C("US", "PH")), std::nullopt);

  // Every quote, by (period, provider id, quote id).
  EXPECT_EQ(Ids(book.QuotesIn(us_mx)),
            (std::vector<std::string>{"p-1", "q-1", "r-1", "p-2", "q-2"}));
  // One period: a contiguous span of them, tie_rank counting within it.
  absl::Span<const PreparedQuote> first = book.QuotesIn(us_mx, Q("2024_1Q"));
  EXPECT_EQ(Ids(first), (std::vector<std::string>{"p-1", "q-1", "r-1"}));
  EXPECT_EQ(TieRanks(first), (std::vector<uint32_t>{0, 1, 2}));
  EXPECT_EQ(first.data(), book.QuotesIn(us_mx).data());
  absl::Span<const PreparedQuote> second = book.QuotesIn(us_mx, Q("2024_2Q"));
  EXPECT_EQ(Ids(second), (std::vector<std::string>{"p-2", "q-2"}));
  EXPECT_EQ(TieRanks(second), (std::vector<uint32_t>{0, 1}));
  EXPECT_TRUE(book.QuotesIn(us_mx, Q("2023_4Q")).empty());
  EXPECT_TRUE(book.QuotesIn(C("US", "PH"), Q("2024_1Q")).empty());
}

TEST(QuoteBookPeriodsTest, QuotesForDefaultsToTheLatestPeriod) {
  const Corridor us_mx = C("US", "MX");
  QuoteBook book = testing::Book(
      {InPeriod(SimpleQuote("a", "p", us_mx, 0, "17", "17.5"), "2024_1Q"),
       InPeriod(SimpleQuote("b", "p", us_mx, 0, "17", "17.5"), "2024_2Q")});
  PeriodQuotes latest = testing::Must(book.QuotesFor(us_mx, std::nullopt));
  EXPECT_EQ(latest.period, Q("2024_2Q"));
  EXPECT_EQ(Ids(latest.quotes), (std::vector<std::string>{"b"}));
  PeriodQuotes named = testing::Must(book.QuotesFor(us_mx, Q("2024_1Q")));
  EXPECT_EQ(named.period, Q("2024_1Q"));
  EXPECT_EQ(Ids(named.quotes), (std::vector<std::string>{"a"}));

  absl::StatusOr<PeriodQuotes> unknown = book.QuotesFor(us_mx, Q("2023_4Q"));
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message(),
            "corridor USA/USD->MEX/MXN has no quotes in period 2023_4Q; its "
            "periods are 2024_1Q, 2024_2Q");
  absl::StatusOr<PeriodQuotes> none = book.QuotesFor(C("US", "PH"), {});
  EXPECT_EQ(none.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(none.status().message(), "corridor USA/USD->PHL/PHP has no quotes");
  // The same countries in another currency: the corridors there are, named.
  absl::StatusOr<PeriodQuotes> euros =
      book.QuotesFor(testing::Must(Corridor::Parse("US", "EUR", "MX", "")), {});
  EXPECT_EQ(euros.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(euros.status().message(),
            "corridor USA/EUR->MEX/MXN has no quotes; between these countries "
            "the data has USA/USD->MEX/MXN");
}

TEST(QuoteBookPeriodsTest, WithoutPeriodsTheCorridorIsOneGroup) {
  const Corridor us_mx = C("US", "MX");
  QuoteBook book =
      testing::Book({SimpleQuote("b", "q", us_mx, 0, "17", "17.5"),
                     SimpleQuote("a", "p", us_mx, 0, "17", "17.5")});
  EXPECT_TRUE(book.PeriodsOf(us_mx).empty());
  EXPECT_EQ(book.LatestPeriod(us_mx), std::nullopt);
  PeriodQuotes all = testing::Must(book.QuotesFor(us_mx, std::nullopt));
  EXPECT_EQ(all.period, std::nullopt);
  EXPECT_EQ(Ids(all.quotes), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(TieRanks(all.quotes), (std::vector<uint32_t>{0, 1}));
  absl::StatusOr<PeriodQuotes> named = book.QuotesFor(us_mx, Q("2024_1Q"));
  EXPECT_EQ(named.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(named.status().message(),
            "corridor USA/USD->MEX/MXN has no quotes in period 2024_1Q; its "
            "quotes have no period");
}

// The rule for a corridor with both: quotes without a period take part in
// every period, in (provider id, quote id) order with that period's quotes.
TEST(QuoteBookPeriodsTest, QuotesWithoutAPeriodTakePartInEveryPeriod) {
  const Corridor us_mx = C("US", "MX");
  std::vector<Quote> quotes = {
      SimpleQuote("q-live", "q", us_mx, 0, "17", "17.5"),
      InPeriod(SimpleQuote("p-1", "p", us_mx, 0, "17", "17.5"), "2024_1Q"),
      InPeriod(SimpleQuote("r-1", "r", us_mx, 0, "17", "17.5"), "2024_1Q"),
      InPeriod(SimpleQuote("r-2", "r", us_mx, 0, "17", "17.5"), "2024_2Q"),
  };
  QuoteBook book = testing::Must(
      QuoteBook::Create(ThreeProviders(), quotes, ReferenceRates()));
  EXPECT_EQ(book.PeriodsOf(us_mx).size(), 2u);
  EXPECT_EQ(Ids(book.QuotesIn(us_mx)),
            (std::vector<std::string>{"q-live", "p-1", "r-1", "r-2"}));
  absl::Span<const PreparedQuote> first = book.QuotesIn(us_mx, Q("2024_1Q"));
  EXPECT_EQ(Ids(first), (std::vector<std::string>{"p-1", "q-live", "r-1"}));
  EXPECT_EQ(TieRanks(first), (std::vector<uint32_t>{0, 1, 2}));
  absl::Span<const PreparedQuote> second = book.QuotesIn(us_mx, Q("2024_2Q"));
  EXPECT_EQ(Ids(second), (std::vector<std::string>{"q-live", "r-2"}));
  EXPECT_EQ(TieRanks(second), (std::vector<uint32_t>{0, 1}));
  // The default is the latest period, with the quote without one.
  PeriodQuotes latest = testing::Must(book.QuotesFor(us_mx, std::nullopt));
  EXPECT_EQ(latest.period, Q("2024_2Q"));
  EXPECT_EQ(Ids(latest.quotes), (std::vector<std::string>{"q-live", "r-2"}));
}

// The facts of each set QuotesFor() gives: its price dates, its files and
// its illustrative quotes, worked out once when the book is made.
TEST(QuoteBookPeriodsTest, FactsOfEachSetOfQuotes) {
  const Corridor us_mx = C("US", "MX");
  Quote live = SimpleQuote("q-live", "q", us_mx, 0, "17", "17.5");
  live.quoted_at = testing::Day(2024, 9, 1);
  live.dataset_index = 1;
  live.judged_at = testing::Day(2024, 10, 1);
  Quote first =
      InPeriod(SimpleQuote("p-1", "p", us_mx, 0, "17", "17.5"), "2024_1Q");
  first.quoted_at = testing::Day(2024, 2, 1);
  Quote second =
      InPeriod(SimpleQuote("r-2", "r", us_mx, 0, "17", "17.5"), "2024_2Q");
  second.quoted_at = testing::Day(2024, 5, 1);
  second.dataset_index = 70;
  Quote alone = SimpleQuote("a", "p", C("GB", "NG"), 0, "1900", "1950");
  alone.quoted_at = testing::Day(2024, 3, 1);
  QuoteBook book = testing::Must(QuoteBook::Create(
      ThreeProviders(), {live, first, second, alone}, ReferenceRates()));

  PeriodQuotes q1 = testing::Must(book.QuotesFor(us_mx, Q("2024_1Q")));
  ASSERT_NE(q1.facts, nullptr);
  EXPECT_EQ(q1.facts->newest_quoted_at, testing::Day(2024, 9, 1));
  EXPECT_EQ(q1.facts->oldest_quoted_at, testing::Day(2024, 2, 1));
  EXPECT_EQ(q1.facts->datasets, 0b11u);
  EXPECT_EQ(q1.facts->illustrative_count, 1u);
  EXPECT_EQ(q1.facts->latest_judged_at, testing::Day(2024, 10, 1));
  PeriodQuotes q2 = testing::Must(book.QuotesFor(us_mx, std::nullopt));
  EXPECT_EQ(q2.facts->oldest_quoted_at, testing::Day(2024, 5, 1));
  EXPECT_EQ(q2.facts->datasets, (uint64_t{1} << 63) | 0b10u);
  PeriodQuotes gb = testing::Must(book.QuotesFor(C("GB", "NG"), std::nullopt));
  ASSERT_NE(gb.facts, nullptr);
  EXPECT_EQ(gb.facts->newest_quoted_at, testing::Day(2024, 3, 1));
  EXPECT_EQ(gb.facts->illustrative_count, 0u);
  EXPECT_EQ(gb.facts->datasets, 1u);
}

// The scan's rows are those of the quotes in their places: rows[i] is
// MakeScanRow of quotes[i], its tie_rank i, in every set QuotesFor()
// gives (a corridor's quotes, each period's, with and without the quotes
// that have no period), whatever the order the quotes came in.
TEST(QuoteBookPeriodsTest, RowsAreThoseOfTheQuotesInTheirPlaces) {
  const Corridor us_mx = C("US", "MX");
  const Corridor gb_ng = C("GB", "NG");
  std::vector<Quote> quotes;
  for (int i = 0; i < 60; ++i) {
    const char* providers[] = {"r", "p", "q"};
    // Ids longer than 8 bytes sort by their text.
    Quote q = SimpleQuote(absl::StrCat("quote-", 97 - i), providers[i % 3],
                          i % 4 == 0 ? gb_ng : us_mx, 100 + i, "17", "17.5");
    switch (i % 5) {
      case 0:
        q.fees.bands.push_back(FeeBand{50000, 0, P("0.5"), 100, 900});
        break;
      case 1:
        q.fees.bands[0].max_fee_minor = 700 + i;
        break;
      case 2:
        q.fees.bands.clear();
        q.rate.reset();
        q.survey_points = {{20000, 300 + i, R("16.9"), {}, 0},
                           {50000, 400 + i, R("17.1"), {}, 0}};
        break;
      case 3:
        q.transparent = false;
        break;
      default:
        q.quoted_at = testing::Day(2024, 1 + i % 12, 3);
        break;
    }
    if (i % 3 != 0)
      q = InPeriod(std::move(q), i % 2 == 0 ? "2024_1Q" : "2024_2Q");
    quotes.push_back(std::move(q));
  }
  QuoteBook book = testing::Must(
      QuoteBook::Create(ThreeProviders(), quotes, ReferenceRates()));
  size_t sets = 0;
  auto check = [&](const PeriodQuotes& set) {
    ++sets;
    ASSERT_EQ(set.rows.size(), set.quotes.size());
    ASSERT_EQ(set.more.size(), set.quotes.size());
    ASSERT_EQ(set.facets.size(), set.quotes.size());
    for (size_t i = 0; i < set.quotes.size(); ++i) {
      engine_internal::ScanRow row;
      engine_internal::ScanRowMore more;
      uint64_t facets = 0;
      engine_internal::MakeScanRow(set.quotes[i], &row, &more, &facets);
      EXPECT_EQ(set.quotes[i].tie_rank, i);
      EXPECT_EQ(std::memcmp(&set.rows[i], &row, sizeof(row)), 0)
          << set.quotes[i].quote->id;
      EXPECT_EQ(std::memcmp(&set.more[i], &more, sizeof(more)), 0)
          << set.quotes[i].quote->id;
      EXPECT_EQ(set.facets[i], facets) << set.quotes[i].quote->id;
    }
  };
  for (const Corridor& corridor : {us_mx, gb_ng}) {
    check(testing::Must(book.QuotesFor(corridor, std::nullopt)));
    for (Period period : book.PeriodsOf(corridor)) {
      check(testing::Must(book.QuotesFor(corridor, period)));
    }
  }
  EXPECT_EQ(sets, 5u);
}

}  // namespace
}  // namespace remit
