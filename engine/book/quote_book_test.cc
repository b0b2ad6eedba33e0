#include "engine/book/quote_book.h"

#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::P;
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
                     "quote 'q1': fees.bands[1].from: bands must start at "
                     "increasing amounts"});
  }
  {
    Quote q = base;
    q.fees.bands = {FeeBand{0, 0, P("0"), 500, 100}};
    cases.push_back({"min above max", q,
                     "quote 'q1': fees.bands[0].min_fee: is above max_fee"});
  }
  {
    Quote q = base;
    q.rate.reset();
    cases.push_back({"no rate", q,
                     "quote 'q1': rate: a quote needs a rate, a "
                     "margin_over_mid or survey points"});
  }
  {
    Quote q = base;
    q.margin_over_mid = P("1");
    cases.push_back({"rate and margin", q,
                     "quote 'q1': margin_over_mid: give either a rate or a "
                     "margin over mid, not both"});
  }
  {
    Quote q = base;
    q.min_send_minor = 500;
    q.max_send_minor = 100;
    cases.push_back({"limits", q,
                     "quote 'q1': min_send: 500 must be between 0 and "
                     "max_send 100"});
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
  for (const Case& c : cases) {
    absl::Status status = CreateWith(c.quote);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.what;
    EXPECT_EQ(status.message(), c.message) << c.what;
  }
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
