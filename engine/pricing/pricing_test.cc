#include "engine/pricing/pricing.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/testing/test_util.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::Book;
using testing::C;
using testing::Cur;
using testing::Day;
using testing::M;
using testing::Must;
using testing::P;
using testing::R;
using testing::SimpleQuote;

// Expected figures below were worked out by hand with exact fractions.

const PreparedQuote& Only(const QuoteBook& book) {
  return book.QuotesIn(book.corridors().front()).front();
}

CostBreakdown Send(const QuoteBook& book, const char* amount) {
  return Must(PriceSend(Only(book), M(amount).minor_units()));
}

// methodology.md: 120 GBP, fee 4.99, r 163.8815, m 168.459165.
TEST(PriceSendTest, RpwWorkedExample) {
  Quote quote = SimpleQuote("mg", "moneygram", C("GB", "BD"), 499, "163.8815",
                            "168.459165");
  QuoteBook book = Book({quote});
  CostBreakdown cost = Send(book, "120 GBP");
  EXPECT_EQ(cost.fee.ToString(), "4.99 GBP");
  EXPECT_EQ(cost.total_outlay.ToString(), "124.99 GBP");
  EXPECT_EQ(cost.amount_converted.ToString(), "120.00 GBP");
  // M = 2.71737367...%.
  EXPECT_EQ(cost.fx_margin.ToString(), "2.72");
  EXPECT_EQ(cost.fx_margin.ToString(6), "2.717374");
  // 120 x M = 3.2608 GBP.
  EXPECT_EQ(cost.fx_margin_cost.ToString(), "3.26 GBP");
  // K = 4.99 + 3.26085 = 8.25085; C = 6.87570...%.
  EXPECT_EQ(cost.total_cost.ToString(), "8.25 GBP");
  EXPECT_EQ(cost.total_cost_percent.ToString(), "6.88");
  EXPECT_EQ(cost.total_cost_percent.ToString(4), "6.8757");
  // R = 120 x 163.8815 = 19665.78 BDT.
  ASSERT_TRUE(cost.amount_received.has_value());
  EXPECT_EQ(cost.amount_received->ToString(), "19665.78 BDT");
  EXPECT_EQ(cost.mid_market_rate, R("168.459165"));
  EXPECT_EQ(cost.mid_source, MidSource::kQuote);
  EXPECT_FALSE(cost.estimated);
}

TEST(PriceSendTest, BandsAndCaps) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "17", "17.5");
  quote.fees.bands = {
      // Up to 499.99: 2.99 + 1 %, at most 10.00.
      FeeBand{0, 299, P("1"), {}, 1000},
      // From 500.00: 0.5 %, at least 3.00.
      FeeBand{50000, 0, P("0.5"), 300, {}},
  };
  QuoteBook book = Book({quote});
  struct Case {
    const char* amount;
    const char* fee;
  };
  const Case cases[] = {
      {"200 USD", "4.99 USD"},     // 2.99 + 2.00
      {"499.99 USD", "7.99 USD"},  // 2.99 + 4.9999 -> 5.00
      {"1500 USD", "7.50 USD"},    // second band: 0.5 % of 1500
      {"500 USD", "3.00 USD"},     // 2.50, raised to the minimum
      {"450 USD", "7.49 USD"},     // 2.99 + 4.50
      {"900 USD", "4.50 USD"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Send(book, c.amount).fee.ToString(), c.fee) << c.amount;
  }
  // The cap: a first band alone at 1500 would charge 17.99.
  Quote capped = quote;
  capped.fees.bands.resize(1);
  EXPECT_EQ(Send(Book({capped}), "1500 USD").fee.ToString(), "10.00 USD");
  // M = 2.857142857%; at 200: 4.99 / 200 = 2.495 % -> 5.352142857 %.
  EXPECT_EQ(Send(book, "200 USD").total_cost_percent.ToString(4), "5.3521");
}

TEST(PriceSendTest, FeeDeductedFromTheAmount) {
  Quote quote = SimpleQuote("q", "p", C("DE", "US"), 300, "1.05", "1.06");
  quote.fees.charging = FeeCharging::kDeducted;
  CostBreakdown cost = Send(Book({quote}), "100 EUR");
  EXPECT_EQ(cost.total_outlay.ToString(), "100.00 EUR");
  EXPECT_EQ(cost.amount_converted.ToString(), "97.00 EUR");
  EXPECT_EQ(cost.amount_received->ToString(), "101.85 USD");
  // K = S - R/m = 100 - 101.85 / 1.06 = 3.91509...
  EXPECT_EQ(cost.total_cost.ToString(), "3.92 EUR");
  EXPECT_EQ(cost.total_cost_percent.ToString(4), "3.9151");
}

TEST(PriceSendTest, FeeThatTakesTheWholeAmountIsAnError) {
  Quote quote = SimpleQuote("q", "p", C("DE", "US"), 500, "1.05", "1.06");
  quote.fees.charging = FeeCharging::kDeducted;
  QuoteBook book = Book({quote});
  EXPECT_EQ(PriceSend(Only(book), 500).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PriceSendTest, FundingSurcharge) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 500, "17.5", "17.5");
  quote.fees.funding_surcharge = P("2");  // Credit card.
  CostBreakdown cost = Send(Book({quote}), "200 USD");
  EXPECT_EQ(cost.funding_surcharge.ToString(), "4.00 USD");
  EXPECT_EQ(cost.total_outlay.ToString(), "209.00 USD");
  EXPECT_EQ(cost.total_cost.ToString(), "9.00 USD");
  EXPECT_EQ(cost.total_cost_percent.ToString(), "4.50");
}

// JPY (0 decimals) -> PHP with a recipient-side fee of 50 PHP.
TEST(PriceSendTest, RecipientFeeAndZeroDecimalCurrency) {
  Quote quote = SimpleQuote("q", "p", C("JP", "PH"), 500, "0.3712", "0.375");
  quote.fees.recipient_fixed_fee_minor = 5000;
  CostBreakdown cost = Send(Book({quote}), "10000 JPY");
  EXPECT_EQ(cost.total_outlay.ToString(), "10500 JPY");
  EXPECT_EQ(cost.recipient_fee->ToString(), "50.00 PHP");
  // 10000 x 0.3712 = 3712.00, less 50.00.
  EXPECT_EQ(cost.amount_received->ToString(), "3662.00 PHP");
  // M = 1.01333...%; K = 500 + 101.333 + 50 / 0.375 = 734.666... JPY.
  // The recipient fee in yen: 133.33 -> 133; the FX margin cost is what is
  // left of K (101.33 would round to 101 and the parts would sum to 734).
  EXPECT_EQ(cost.recipient_fee_in_send.ToString(), "133 JPY");
  EXPECT_EQ(cost.fx_margin_cost.ToString(), "102 JPY");
  EXPECT_EQ(cost.total_cost.ToString(), "735 JPY");
  EXPECT_EQ(cost.total_cost_percent.ToString(4), "7.3467");
}

// KWD (3 decimals) -> INR.
TEST(PriceSendTest, ThreeDecimalCurrency) {
  Quote quote = SimpleQuote("q", "p", C("KW", "IN"), 1500, "270", "272");
  CostBreakdown cost = Send(Book({quote}), "100.000 KWD");
  EXPECT_EQ(cost.fee.ToString(), "1.500 KWD");
  EXPECT_EQ(cost.amount_received->ToString(), "27000.00 INR");
  // M = 0.73529411...%; K = 1.5 + 0.7352941 = 2.2352941 KWD.
  EXPECT_EQ(cost.fx_margin_cost.ToString(), "0.735 KWD");
  EXPECT_EQ(cost.total_cost.ToString(), "2.235 KWD");
  EXPECT_EQ(cost.total_cost_percent.ToString(), "2.24");
}

TEST(PriceSendTest, NegativeMarginIsShownNotClamped) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "17.6", "17.5");
  quote.promotional = true;
  CostBreakdown cost = Send(Book({quote}), "200 USD");
  EXPECT_EQ(cost.fx_margin.ToString(), "-0.57");
  EXPECT_EQ(cost.fx_margin_cost.ToString(), "-1.14 USD");
  EXPECT_EQ(cost.total_cost.ToString(), "-1.14 USD");
  EXPECT_EQ(cost.total_cost_percent.ToString(), "-0.57");
}

TEST(PriceSendTest, MarginOverMid) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "1", "20");
  quote.rate.reset();
  quote.margin_over_mid = P("1.5");
  CostBreakdown cost = Send(Book({quote}), "100 USD");
  EXPECT_EQ(cost.exchange_rate, R("19.7"));  // 20 x 0.985
  EXPECT_EQ(cost.amount_received->ToString(), "1970.00 MXN");
  EXPECT_EQ(cost.total_cost_percent.ToString(), "1.50");
}

TEST(PriceSendTest, ReferenceRateWhenTheQuoteHasNoMid) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "17", "1");
  quote.mid_rate.reset();
  quote.quoted_at = Day(2025, 9, 10);
  ReferenceRates::Builder builder;
  builder.Add({Cur("USD"), Cur("MXN"), R("17.2"), Day(2025, 9, 1), "ref"});
  builder.Add({Cur("USD"), Cur("MXN"), R("17.5"), Day(2025, 9, 9), "ref"});
  builder.Add({Cur("USD"), Cur("MXN"), R("18.0"), Day(2025, 9, 11), "ref"});
  QuoteBook book =
      Must(QuoteBook::Create({{"p", "P", ProviderType::kBank}}, {quote},
                             Must(std::move(builder).Build())));
  CostBreakdown cost = Send(book, "100 USD");
  EXPECT_EQ(cost.mid_market_rate, R("17.5"));  // At or before 9-10.
  EXPECT_EQ(cost.mid_source, MidSource::kReferenceAtOrBefore);

  // Quoted before every reference rate: the latest is used, and said.
  quote.quoted_at = Day(2025, 8, 1);
  ReferenceRates::Builder later;
  later.Add({Cur("USD"), Cur("MXN"), R("17.2"), Day(2025, 9, 1), "ref"});
  later.Add({Cur("USD"), Cur("MXN"), R("17.5"), Day(2025, 9, 9), "ref"});
  QuoteBook book2 =
      Must(QuoteBook::Create({{"p", "P", ProviderType::kBank}}, {quote},
                             Must(std::move(later).Build())));
  CostBreakdown cost2 = Send(book2, "100 USD");
  EXPECT_EQ(cost2.mid_market_rate, R("17.5"));
  EXPECT_EQ(cost2.mid_source, MidSource::kReferenceLatest);
}

TEST(PriceSendTest, NoMidMeansNotPriceable) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "17", "1");
  quote.mid_rate.reset();
  QuoteBook book = Book({quote});
  EXPECT_FALSE(Only(book).priceable);
  EXPECT_EQ(PriceSend(Only(book), 100).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

Quote PointQuote() {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "1", "17.5");
  quote.rate.reset();
  quote.survey_points = {{20000, 500, R("17.0"), {}},
                         {50000, 800, R("17.1"), {}}};
  return quote;
}

TEST(PriceSendTest, SurveyPointsAreExactThereAndEstimatedBetween) {
  QuoteBook book = Book({PointQuote()});
  struct Case {
    const char* amount;
    const char* fee;
    const char* rate;
    bool estimated;
  };
  const Case cases[] = {
      {"200 USD", "5.00 USD", "17", false},
      {"500 USD", "8.00 USD", "17.1", false},
      {"300 USD", "6.00 USD", "17", true},    // 5 + 3 x 100/300; nearer 200
      {"400 USD", "7.00 USD", "17.1", true},  // nearer 500
      {"350 USD", "6.50 USD", "17", true},    // equally near: the lower
      {"100 USD", "5.00 USD", "17", true},    // below: the nearest point
      {"900 USD", "8.00 USD", "17.1", true},  // above: the nearest point
  };
  for (const Case& c : cases) {
    CostBreakdown cost = Send(book, c.amount);
    EXPECT_EQ(cost.fee.ToString(), c.fee) << c.amount;
    EXPECT_EQ(cost.exchange_rate, R(c.rate)) << c.amount;
    EXPECT_EQ(cost.estimated, c.estimated) << c.amount;
  }
}

// A survey point at `send_minor` whose fee is fee11 / 10^11 minor units.
SurveyPoint ExactFeePoint(int64_t send_minor, absl::int128 fee11,
                          const char* rate, std::optional<Percent> margin) {
  SurveyPoint point{send_minor, 0, R(rate), margin};
  EXPECT_TRUE(point.SetFee11(fee11));
  return point;
}

// RWF has no minor unit; RPW publishes fees such as 46172.7 RWF.
Quote RwandaPointQuote(absl::int128 fee11) {
  Quote quote = SimpleQuote("q", "p", C("RW", "KE"), 0, "0.087", "0.1022");
  quote.rate.reset();
  quote.survey_points = {
      ExactFeePoint(261000, fee11, "0.087", P("14.86")),
  };
  return quote;
}

constexpr absl::int128 k46172Point7 = int64_t{4'617'270'000'000'000};

TEST(PriceSendTest, SubMinorSurveyFeeCountsExactly) {
  QuoteBook book = Book({RwandaPointQuote(k46172Point7)});
  CostBreakdown cost = Send(book, "261000 RWF");
  // Paid: 46172.7 rounded to 46173.
  EXPECT_EQ(cost.fee.ToString(), "46173 RWF");
  EXPECT_EQ(cost.total_outlay.ToString(), "307173 RWF");
  EXPECT_EQ(cost.amount_converted.ToString(), "261000 RWF");
  // 46172.7 / 261000 x 100 = 17.690689655172...; + 14.86 = 32.550689655172.
  // (With the rounded fee it would be 32.550804598.)
  EXPECT_EQ(cost.total_cost_percent.scaled(),
            17'690'689'655 + P("14.86").scaled());
  // K = 46172.7 + 261000 x 0.1486 = 46172.7 + 38784.6 = 84957.3.
  EXPECT_EQ(cost.total_cost.ToString(), "84957 RWF");
  // 38784.6 would round to 38785: what is left of K after the payable fee
  // keeps the parts adding up (46173 + 38784 = 84957).
  EXPECT_EQ(cost.fx_margin_cost.ToString(), "38784 RWF");
  EXPECT_FALSE(cost.estimated);
}

TEST(PriceSendTest, SubMinorSurveyFeeDeducted) {
  Quote quote = RwandaPointQuote(k46172Point7);
  quote.fees.charging = FeeCharging::kDeducted;
  QuoteBook book = Book({quote});
  CostBreakdown cost = Send(book, "261000 RWF");
  // What is converted is a whole amount: 261000 - 46173 = 214827; the cost
  // counts the fee as published: K = 46172.7 + 214827 x 0.1486
  //   = 46172.7 + 31923.2922 = 78095.9922; K / A = 29.921836092...%.
  EXPECT_EQ(cost.fee.ToString(), "46173 RWF");
  EXPECT_EQ(cost.total_outlay.ToString(), "261000 RWF");
  EXPECT_EQ(cost.amount_converted.ToString(), "214827 RWF");
  EXPECT_EQ(cost.fx_margin_cost.ToString(), "31923 RWF");
  EXPECT_EQ(cost.total_cost.ToString(), "78096 RWF");
  EXPECT_EQ(cost.total_cost_percent.scaled(), 29'921'836'092);
}

TEST(PriceSendTest, SubMinorSurveyFeesInterpolated) {
  Quote quote = SimpleQuote("q", "p", C("RW", "KE"), 0, "0.1", "0.1");
  quote.rate.reset();
  quote.survey_points = {
      // 1000.3 and 2000.9 RWF.
      ExactFeePoint(100000, int64_t{100'030'000'000'000}, "0.098", P("2")),
      ExactFeePoint(130000, int64_t{200'090'000'000'000}, "0.097", P("3")),
  };
  QuoteBook book = Book({quote});
  // At 110000: 1000.3 + 1000.6 / 3 = 1333.8333... RWF, paid as 1334; the
  // lower point's margin. (1333.8333... / 110000 + 0.02) x 100
  //   = 3.2125757575...%; K = 1333.8333... + 2200 = 3533.8333...
  CostBreakdown cost = Send(book, "110000 RWF");
  EXPECT_TRUE(cost.estimated);
  EXPECT_EQ(cost.fee.ToString(), "1334 RWF");
  EXPECT_EQ(cost.total_outlay.ToString(), "111334 RWF");
  EXPECT_EQ(cost.fx_margin.ToString(), "2.00");
  EXPECT_EQ(cost.total_cost.ToString(), "3534 RWF");
  EXPECT_EQ(cost.total_cost_percent.scaled(), 3'212'575'758);
  // At 115000: 1000.3 + 1000.6 / 2 = 1500.6, paid as 1501; equally near:
  // the lower point's margin. (1500.6 / 115000 + 0.02) x 100
  //   = 3.30486956521...%.
  cost = Send(book, "115000 RWF");
  EXPECT_EQ(cost.fee.ToString(), "1501 RWF");
  EXPECT_EQ(cost.total_cost_percent.scaled(), 3'304'869'565);
  // At 129999: 2000.9 - 1000.6 / 30000 = 2000.86664666... RWF, the upper
  // point's margin. (2000.86664666... + 3899.97) / 129999 x 100
  //   = 4.5391400290...%.
  cost = Send(book, "129999 RWF");
  EXPECT_EQ(cost.fee.ToString(), "2001 RWF");
  EXPECT_EQ(cost.fx_margin.ToString(), "3.00");
  EXPECT_EQ(cost.total_cost_percent.scaled(), 4'539'140'029);
}

TEST(PriceSendTest, PaidSurveyFeeRoundsHalfEven) {
  struct Case {
    int64_t fee11;  // In cents x 10^11.
    const char* fee;
  };
  const Case cases[] = {
      {50'000'000'000, "0.00 USD"},   // 0.5 cent
      {150'000'000'000, "0.02 USD"},  // 1.5 cents
      {250'000'000'000, "0.02 USD"},  // 2.5 cents
      {250'000'000'001, "0.03 USD"},  // a hair above
      {149'999'999'999, "0.01 USD"},  // a hair below
  };
  for (const Case& c : cases) {
    Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "17", "17.5");
    quote.rate.reset();
    quote.survey_points = {ExactFeePoint(10000, c.fee11, "17", P("1"))};
    QuoteBook book = Book({quote});
    CostBreakdown cost = Send(book, "100 USD");
    EXPECT_EQ(cost.fee.ToString(), c.fee) << c.fee11;
    // fee / 10000 cents x 100 + 1, in billionths of a point: exact.
    EXPECT_EQ(cost.total_cost_percent.scaled(),
              (c.fee11 + 5'000) / 10'000 + 1'000'000'000)
        << c.fee11;
  }
  // Between whole fees, the tie goes to the even fee: 1.5 -> 2, 2.5 -> 2.
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "17", "17.5");
  quote.rate.reset();
  quote.survey_points = {{10000, 1, R("17"), {}},
                         {20000, 2, R("17"), {}},
                         {30000, 3, R("17"), {}}};
  QuoteBook book = Book({quote});
  EXPECT_EQ(Send(book, "150 USD").fee.ToString(), "0.02 USD");
  EXPECT_EQ(Send(book, "250 USD").fee.ToString(), "0.02 USD");
}

// Real RPW rows (World Bank, CC BY 4.0), typed in: fee, published margin,
// and the published total cost % the engine must reproduce to 0.01 pp.
struct RpwRow {
  const char* name;
  const char* from;
  const char* to;
  const char* payout;  // nullptr: the row's rate is in a currency it does
                       // not name.
  const char* amount1;
  const char* fee1;
  const char* amount2;
  const char* fee2;
  const char* rate;
  const char* interbank;
  const char* margin;
  const char* total1;
  const char* total2;
};

constexpr RpwRow kRpwRows[] = {
    // 2024_2Q KEN->RWA Western Union, cash.
    {"WU KEN-RWA", "KE", "RW", "RWF", "18000", "207", "45000", "517.5",
     "9.4873", "9.7952", "3.14", "4.29", "4.29"},
    // 2024_2Q KEN->RWA M-Pesa, mobile money.
    {"M-Pesa KEN-RWA", "KE", "RW", "RWF", "18000", "350", "45000", "500",
     "9.4866", "9.9245", "4.41", "6.35", "5.52"},
    // 2024_2Q KEN->RWA MoneyGram, cash.
    {"MoneyGram KEN-RWA", "KE", "RW", "RWF", "18000", "403", "45000", "633",
     "9.4082", "9.7952", "3.95", "6.19", "5.36"},
    // 2024_2Q KEN->? Ecobank: the rate is USD per KES rounded to two
    // significant digits; recomputing the margin from it would give 2.63.
    {"Ecobank KEN", "KE", "NG", nullptr, "18000", "3600", "45000", "3600",
     "0.0074", "0.0076", "2.32", "22.32", "10.32"},
    // 2024_2Q Development Bank of Kenya: a negative margin.
    {"DBK KEN", "KE", "NG", nullptr, "18000", "2454", "45000", "2535", "0.0077",
     "0.0077", "-0.1", "13.53", "5.53"},
    // 2011_1Q TZA->KEN MoneyGram, cash to cash.
    {"MoneyGram TZA-KEN", "TZ", "KE", "KES", "295000", "20650", "735000",
     "38220", "0.000651", "0.00066", "1.36", "8.36", "6.56"},
    // 2011_1Q TZA->KEN KCB, account to account.
    {"KCB TZA-KEN", "TZ", "KE", "KES", "295000", "29500", "735000", "29400",
     "0.0006532", "0.00066", "1.03", "11.03", "5.03"},
};

TEST(PriceSendTest, ReproducesRpwRows) {
  for (const RpwRow& row : kRpwRows) {
    const Corridor corridor = C(row.from, row.to);
    const CurrencyCode send = corridor.send_currency();
    Quote quote(corridor);
    quote.id = row.name;
    quote.provider_id = "p";
    quote.quoted_at = testing::Day(2025, 8, 1);
    quote.survey_points = {
        {Must(Money::FromDecimal(row.amount1, send)).minor_units(),
         Must(Money::FromDecimal(row.fee1, send)).minor_units(), R(row.rate),
         P(row.margin)},
        {Must(Money::FromDecimal(row.amount2, send)).minor_units(),
         Must(Money::FromDecimal(row.fee2, send)).minor_units(), R(row.rate),
         P(row.margin)},
    };
    quote.mid_rate = R(row.interbank);
    if (row.payout != nullptr) quote.rate_currency = Cur(row.payout);
    QuoteBook book = Book({quote});
    for (int point = 0; point < 2; ++point) {
      const char* amount = point == 0 ? row.amount1 : row.amount2;
      const char* total = point == 0 ? row.total1 : row.total2;
      CostBreakdown cost = Must(PriceSend(
          Only(book), Must(Money::FromDecimal(amount, send)).minor_units()));
      const int64_t difference =
          cost.total_cost_percent.scaled() - P(total).scaled();
      EXPECT_LE(std::abs(difference), 10'000'000)  // 0.01 pp
          << row.name << " at " << amount << ": "
          << cost.total_cost_percent.ToString(4) << " vs " << total;
      EXPECT_FALSE(cost.estimated);
      // No invented amount received when the row does not name its payout
      // currency.
      EXPECT_EQ(cost.amount_received.has_value(), row.payout != nullptr)
          << row.name;
    }
  }
}

// fee + funding surcharge + recipient fee (send currency) + FX margin cost
// is the total cost, exactly, whatever the roundings: quotes with every
// kind of charge, transparent and opaque, on top and deducted, survey
// points with sub-minor fees, at many amounts.
TEST(PriceSendTest, ShownPartsAddUpToTheTotal) {
  std::vector<Quote> quotes;
  for (int variant = 0; variant < 8; ++variant) {
    Quote quote =
        SimpleQuote(absl::StrCat("q", variant), "p", C("JP", "PH"), 333,
                    variant % 2 == 0 ? "0.3712" : "0.3791", "0.375");
    quote.fees.funding_surcharge = P(variant & 2 ? "1.37" : "0");
    quote.fees.recipient_fixed_fee_minor = variant & 4 ? 5001 : 0;
    quote.fees.recipient_percent_fee = P(variant & 4 ? "0.7" : "0");
    if (variant == 3) quote.fees.charging = FeeCharging::kDeducted;
    if (variant == 5) quote.transparent = false;
    quotes.push_back(quote);
  }
  Quote rwanda = RwandaPointQuote(k46172Point7);
  QuoteBook points = Book({rwanda});
  for (const Quote& quote : quotes) {
    QuoteBook book = Book({quote});
    for (int64_t amount = 1000; amount < 400000; amount = amount * 3 + 7) {
      absl::StatusOr<CostBreakdown> cost = PriceSend(Only(book), amount);
      ASSERT_TRUE(cost.ok()) << cost.status();
      EXPECT_EQ(cost->fee.minor_units() +
                    cost->funding_surcharge.minor_units() +
                    cost->recipient_fee_in_send.minor_units() +
                    cost->fx_margin_cost.minor_units(),
                cost->total_cost.minor_units())
          << quote.id << " at " << amount;
      if (!quote.transparent) {
        EXPECT_EQ(cost->fx_margin_cost.minor_units(), 0) << quote.id;
      }
    }
  }
  for (int64_t amount = 1000; amount < 900000; amount = amount * 2 + 13) {
    CostBreakdown cost = Must(PriceSend(Only(points), amount));
    EXPECT_EQ(cost.fee.minor_units() + cost.funding_surcharge.minor_units() +
                  cost.recipient_fee_in_send.minor_units() +
                  cost.fx_margin_cost.minor_units(),
              cost.total_cost.minor_units())
        << amount;
  }
}

TEST(PriceReceiveTest, CheaperInTheNextBand) {
  // USD -> MXN at 20 (= mid): 10.00 below 300.00, 2.00 from 300.00.
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "20", "20");
  quote.fees.bands = {FeeBand{0, 1000, Percent(), {}, {}},
                      FeeBand{30000, 200, Percent(), {}, {}}};
  QuoteBook book = Book({quote});
  struct Case {
    const char* target;
    const char* send;
    const char* outlay;
  };
  const Case cases[] = {
      // 295.00 would deliver 5900 for 305.00; 300.00 costs 302.00.
      {"5900 MXN", "300.00 USD", "302.00 USD"},
      {"6100 MXN", "305.00 USD", "307.00 USD"},
      {"1000 MXN", "50.00 USD", "60.00 USD"},
      // 1000.01 / 20 = 50.0005: 50.01 is the least that delivers it.
      {"1000.01 MXN", "50.01 USD", "60.01 USD"},
  };
  for (const Case& c : cases) {
    CostBreakdown cost = Must(PriceReceive(Only(book), M(c.target)));
    EXPECT_EQ(cost.send_amount.ToString(), c.send) << c.target;
    EXPECT_EQ(cost.total_outlay.ToString(), c.outlay) << c.target;
    EXPECT_GE(cost.amount_received->minor_units(), M(c.target).minor_units());
  }
}

TEST(PriceReceiveTest, DeductedFeesAndRecipientFees) {
  Quote quote = SimpleQuote("q", "p", C("DE", "US"), 300, "1.05", "1.06");
  quote.fees.charging = FeeCharging::kDeducted;
  quote.fees.recipient_fixed_fee_minor = 100;  // 1.00 USD
  QuoteBook book = Book({quote});
  // 96.19 EUR converted gives 100.9995 -> 101.00 USD (half-even), less
  // 1.00: exactly 100.00. 96.18 gives 100.99 - 1.00 = 99.99: short.
  // Send 96.19 + 3.00 fee.
  CostBreakdown cost = Must(PriceReceive(Only(book), M("100 USD")));
  EXPECT_EQ(cost.send_amount.ToString(), "99.19 EUR");
  EXPECT_EQ(cost.amount_received->ToString(), "100.00 USD");
}

TEST(PriceReceiveTest, SubMinorSurveyFee) {
  // 1000.4 RWF at 100000 RWF, r = m = 0.1 KES: below the point its fee.
  Quote quote = SimpleQuote("q", "p", C("RW", "KE"), 0, "0.1", "0.1");
  quote.rate.reset();
  quote.survey_points = {
      ExactFeePoint(100000, int64_t{100'040'000'000'000}, "0.1", {})};
  QuoteBook book = Book({quote});
  CostBreakdown cost = Must(PriceReceive(Only(book), M("5000 KES")));
  EXPECT_EQ(cost.send_amount.ToString(), "50000 RWF");
  EXPECT_EQ(cost.fee.ToString(), "1000 RWF");
  EXPECT_EQ(cost.total_outlay.ToString(), "51000 RWF");
  EXPECT_EQ(cost.amount_received->ToString(), "5000.00 KES");
  // 1000.4 / 50000 x 100 = 2.0008 %: the exact fee, no margin.
  EXPECT_EQ(cost.total_cost_percent.scaled(), 2'000'800'000);
  EXPECT_TRUE(cost.estimated);
}

// Survey points whose rate falls: the nearer point's rate applies, so
// delivery drops just above the midpoint (350.00 USD) and rises again.
// 5.00 USD deducted at both points; 100 MXN per USD at 200.00, 80 at 500.00:
//   send 350.00 delivers (350 - 5) x 100 = 34,500.00 MXN,
//   send 350.01 delivers (350.01 - 5) x 80 = 27,600.80 MXN.
// The least outlay that delivers a target is searched on both sides.
TEST(PriceReceiveTest, DeliveryFallsBetweenSurveyPoints) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "100", "100");
  quote.rate.reset();
  quote.fees.charging = FeeCharging::kDeducted;
  quote.survey_points = {SurveyPoint{20000, 500, R("100"), {}},
                         SurveyPoint{50000, 500, R("80"), {}}};
  QuoteBook book = Book({quote});
  struct Case {
    const char* target;
    const char* send;  // The least outlay (no surcharge: the same).
  };
  const Case cases[] = {
      // (s - 5) x 100 >= 34,000 at s = 345.00, below the midpoint; above
      // it (s - 5) x 80 >= 34,000 needs 430.00.
      {"34000 MXN", "345.00 USD"},
      // The most the lower side delivers, at the midpoint itself.
      {"34500 MXN", "350.00 USD"},
      // Beyond the lower side: (s - 5) x 80 >= 34,500.01 at s = 436.26.
      {"34500.01 MXN", "436.26 USD"},
      // Small amounts: the lower side, (s - 5) x 100 >= 100 at 6.00.
      {"100 MXN", "6.00 USD"},
      // (s - 5) x 100 >= 27,600 at 281.00 on the lower side, while
      // 350.01 on the upper side delivers more for more.
      {"27600 MXN", "281.00 USD"},
  };
  for (const Case& c : cases) {
    CostBreakdown cost = Must(PriceReceive(Only(book), M(c.target)));
    EXPECT_EQ(cost.send_amount.ToString(), c.send) << c.target;
    EXPECT_EQ(cost.total_outlay.ToString(), c.send) << c.target;
    EXPECT_GE(cost.amount_received->minor_units(), M(c.target).minor_units())
        << c.target;
    // Outlay is the amount sent here: no smaller amount delivers (checked
    // at about 500 amounts below).
    const int64_t less = cost.send_amount.minor_units() - 1;
    for (int64_t send = 1; send <= less;
         send += std::max<int64_t>(1, less / 500)) {
      absl::StatusOr<CostBreakdown> other = PriceSend(Only(book), send);
      if (!other.ok() || !other->amount_received.has_value()) continue;
      EXPECT_LT(other->amount_received->minor_units(),
                M(c.target).minor_units())
          << c.target << " at " << send;
    }
  }
}

TEST(PriceReceiveTest, RespectsLimitsAndCurrency) {
  Quote quote = SimpleQuote("q", "p", C("US", "MX"), 0, "20", "20");
  quote.max_send_minor = 10000;  // 100.00 USD
  QuoteBook book = Book({quote});
  EXPECT_EQ(PriceReceive(Only(book), M("2000 MXN"))->send_amount.ToString(),
            "100.00 USD");
  EXPECT_EQ(PriceReceive(Only(book), M("2000.01 MXN")).status().code(),
            absl::StatusCode::kNotFound);
  EXPECT_EQ(PriceReceive(Only(book), M("10 USD")).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace remit
