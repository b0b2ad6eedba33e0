#include "engine/quotes/quote_builder.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "engine/book/quote_book.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/ranking/ranking.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

using testing::C;
using testing::Cur;
using testing::Day;
using testing::Must;

// One quote's values as dataset files write them. The table below breaks
// one at a time and gives the quote to the builder and, as a file, to the
// dataset loader: both must refuse it with the same field and text.
struct Values {
  std::string quoted_at = "2026-11-02";
  std::string fee = "4.99";
  std::string min_fee;
  std::string max_fee;
  std::string second_band_from;  // Empty: one band.
  std::string min_send;
  std::string max_send;
  std::string rate = "17.9";
  std::string margin;
  std::string mid = "18.2";
  std::string rate_currency;  // Empty: the default.
};

const absl::Time kNow = Day(2026, 12, 1);

Money Usd(const std::string& text) {
  return Must(Money::FromDecimal(text, Cur("USD")));
}

absl::StatusOr<Quote> BuildWith(const Values& v) {
  absl::Time quoted_at;
  std::string why;
  EXPECT_TRUE(absl::ParseTime("%Y-%m-%d", v.quoted_at, &quoted_at, &why));
  QuoteBuilder builder("q1", "p1", C("US", "MX"), quoted_at,
                       {PaymentInstrument::kCash, AccessPoint::kBranchOrAgent,
                        ReceiveMethod::kCashPickup, Speed::kSameDay});
  FeeBandSpec band{Usd("0"), Usd(v.fee)};
  if (!v.min_fee.empty()) band.min_fee = Usd(v.min_fee);
  if (!v.max_fee.empty()) band.max_fee = Usd(v.max_fee);
  builder.AddFeeBand(band);
  if (!v.second_band_from.empty()) {
    builder.AddFeeBand({Usd(v.second_band_from), Usd("1.00")});
  }
  if (!v.min_send.empty()) builder.SendLimits(Usd(v.min_send), Usd(v.max_send));
  if (!v.rate.empty()) builder.ExchangeRate(testing::R(v.rate.c_str()));
  if (!v.margin.empty()) builder.MarginOverMid(testing::P(v.margin.c_str()));
  if (!v.mid.empty()) builder.MidMarketRate(testing::R(v.mid.c_str()));
  if (!v.rate_currency.empty())
    builder.PayoutCurrency(Cur(v.rate_currency.c_str()));
  return builder.Build(FakeClock(kNow));
}

std::string FileWith(const Values& v) {
  auto field = [](const char* name, const std::string& value) {
    return value.empty() ? std::string()
                         : absl::StrFormat(" %s: \"%s\"", name, value);
  };
  std::string bands = absl::StrCat("bands {", field("fixed_fee", v.fee),
                                   field("min_fee", v.min_fee),
                                   field("max_fee", v.max_fee), " }");
  if (!v.second_band_from.empty()) {
    absl::StrAppend(&bands, " bands {",
                    field("from_amount", v.second_band_from),
                    " fixed_fee: \"1.00\" }");
  }
  return absl::StrCat(
      "metadata { name: \"t\" as_of: \"2026-11-01\" }\n"
      "providers { id: \"p1\" name: \"P One\" type: PROVIDER_TYPE_BANK }\n"
      "quotes {\n"
      "  id: \"q1\" provider_id: \"p1\"\n"
      "  corridor { send_country: \"US\" receive_country: \"MX\" }\n"
      "  payment_instrument: PAYMENT_INSTRUMENT_CASH\n"
      "  access_point: ACCESS_POINT_BRANCH_OR_AGENT\n"
      "  receive_method: RECEIVE_METHOD_CASH_PICKUP\n"
      "  speed: SPEED_SAME_DAY\n"
      "  ",
      field("quoted_at", v.quoted_at), "\n  fees { ", bands, " }\n  ",
      field("min_send_amount", v.min_send),
      field("max_send_amount", v.max_send), field("rate", v.rate),
      field("margin_over_mid_percent", v.margin),
      field("mid_market_rate", v.mid), field("rate_currency", v.rate_currency),
      "\n}\n");
}

std::vector<DatasetError> LoadErrors(const Values& v) {
  std::vector<DatasetError> errors;
  DatasetOptions options;
  options.refuse_after = kNow;
  ParsedDataset file =
      Must(ParseDataset("q.textproto", FileWith(v), options, &errors));
  absl::StatusOr<QuoteBook> book = BuildQuoteBook({file}, options, &errors);
  EXPECT_FALSE(book.ok());
  return errors;
}

struct BadCase {
  const char* what;
  Values values;
  const char* field;    // Relative to the quote.
  std::string message;  // Exactly, from both.
};

Values With(void (*change)(Values&)) {
  Values v;
  change(v);
  return v;
}

const std::string kConfirm =
    "; if it is real, set rate_outlier_confirmed: true";

const BadCase kBadCases[] = {
    {"negative fee", With([](Values& v) { v.fee = "-3.00"; }),
     "fees.bands[0].fixed_fee", "'-3.00' must not be negative"},
    {"negative max fee", With([](Values& v) { v.max_fee = "-1.00"; }),
     "fees.bands[0].max_fee", "'-1.00' must not be negative"},
    {"min fee above max fee", With([](Values& v) {
       v.min_fee = "5.00";
       v.max_fee = "1.00";
     }),
     "fees.bands[0].min_fee", "'5.00' is above max_fee '1.00'"},
    {"bands out of order", With([](Values& v) { v.second_band_from = "0.00"; }),
     "fees.bands[1].from_amount",
     "'0.00' must be above the previous band's from_amount: bands are sorted "
     "and do not overlap"},
    {"send limits crossed", With([](Values& v) {
       v.min_send = "500.00";
       v.max_send = "100.00";
     }),
     "min_send_amount", "'500.00' is above max_send_amount '100.00'"},
    {"quoted in the future",
     With([](Values& v) { v.quoted_at = "2027-06-01"; }), "quoted_at",
     "'2027-06-01' is in the future (now is 2026-12-01)"},
    {"quoted at the epoch", With([](Values& v) { v.quoted_at = "1970-01-01"; }),
     "quoted_at",
     "'1970-01-01' is the Unix epoch, the value of a time never set: give the "
     "date the price was quoted"},
    {"payout currency not of the corridor",
     With([](Values& v) { v.rate_currency = "EUR"; }), "rate_currency",
     "'EUR' is not a payout currency of corridor USA/USD->MEX/MXN: the "
     "recipient is paid in MXN or USD"},
    {"payout in the send currency",
     With([](Values& v) { v.rate_currency = "USD"; }), "rate_currency",
     "'USD' is the send currency; a rate is in the payout currency"},
    {"rate the wrong way round", With([](Values& v) { v.rate = "0.0549"; }),
     "rate",
     "'0.0549' implies an FX margin of 99.70 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks "
     "inverted: 1/0.0549 = 18.214936 (margin -0.08 %)" +
         kConfirm},
    {"rate ten times too high", With([](Values& v) { v.rate = "179"; }), "rate",
     "'179' implies an FX margin of -883.52 % against the quote's "
     "mid_market_rate 18.2; plausible margins are -20 % to 50 %; looks off "
     "by a factor of 10 (too high)" +
         kConfirm},
    {"implausible margin", With([](Values& v) {
       v.rate.clear();
       v.margin = "60.00";
     }),
     "margin_over_mid_percent",
     "'60.00' is outside the plausible band: plausible margins are -20 % to "
     "50 %" +
         kConfirm},
    {"no price", With([](Values& v) { v.rate.clear(); }), "rate",
     "a transparent quote needs one of rate, margin_over_mid_percent or "
     "survey_points"},
    {"two prices", With([](Values& v) { v.margin = "1.00"; }), "rate",
     "give only one of rate, margin_over_mid_percent and survey_points"},
};

TEST(QuoteBuilderTest, RefusesWhatTheDatasetLoaderRefusesWithTheSameText) {
  for (const BadCase& c : kBadCases) {
    SCOPED_TRACE(c.what);
    absl::StatusOr<Quote> built = BuildWith(c.values);
    EXPECT_EQ(built.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(built.status().message(),
              absl::StrCat("quote 'q1': ", c.field, ": ", c.message));

    const std::vector<DatasetError> errors = LoadErrors(c.values);
    ASSERT_EQ(errors.size(), 1u) << DescribeErrors(errors);
    EXPECT_EQ(errors[0].field, absl::StrCat("quotes[0].", c.field));
    EXPECT_EQ(errors[0].message, c.message);
  }
}

TEST(QuoteBuilderTest, TheUnbrokenValuesPassBothWays) {
  EXPECT_TRUE(BuildWith(Values()).ok());
  std::vector<DatasetError> errors;
  DatasetOptions options;
  options.refuse_after = kNow;
  ParsedDataset file =
      Must(ParseDataset("q.textproto", FileWith(Values()), options, &errors));
  EXPECT_TRUE(BuildQuoteBook({file}, options, &errors).ok())
      << DescribeErrors(errors);
}

QuoteBuilder UsMx(const std::string& id, absl::Time quoted_at) {
  return QuoteBuilder(id, "p1", C("US", "MX"), quoted_at,
                      {PaymentInstrument::kBankAccount, AccessPoint::kInternet,
                       ReceiveMethod::kBankAccount, Speed::kSameDay});
}

TEST(QuoteBuilderTest, PayoutCurrencyDefaultsToTheCorridorsReceiveCurrency) {
  Quote quote = Must(UsMx("q1", Day(2026, 11, 30))
                         .FlatFee(Usd("3.99"))
                         .ExchangeRate(testing::R("17.9"))
                         .Build(FakeClock(kNow)));
  EXPECT_EQ(quote.rate_currency, Cur("MXN"));
  EXPECT_EQ(quote.fees.bands[0].fixed_minor, 399);
  EXPECT_EQ(quote.quoted_at, Day(2026, 11, 30));
}

TEST(QuoteBuilderTest, SameCurrencyCorridorNeedsThePayoutCurrency) {
  QuoteBuilder builder("q1", "p1", C("US", "EC"), Day(2026, 11, 30),
                       {PaymentInstrument::kCash, AccessPoint::kBranchOrAgent,
                        ReceiveMethod::kCashPickup, Speed::kSameDay});
  builder.FlatFee(Usd("5.00")).ExchangeRate(testing::R("1"));
  EXPECT_EQ(builder.Build(FakeClock(kNow)).status().message(),
            "quote 'q1': rate_currency: is required: the corridor sends and "
            "receives USD, so the currency the rate is in (what the recipient "
            "is paid in) must be named, or the quote's mid_market_rate given");
}

TEST(QuoteBuilderTest, RefusesAmountsInAnotherCurrency) {
  QuoteBuilder builder = UsMx("q1", Day(2026, 11, 30));
  builder.FlatFee(Must(Money::Parse("3 EUR")))
      .ExchangeRate(testing::R("17.9"))
      .RecipientFee(Usd("1.00"));
  EXPECT_EQ(builder.Build(FakeClock(kNow)).status().message(),
            "quote 'q1': fees.bands[0].from_amount: '0.00 EUR' is not in "
            "USD, the currency of the send amount; quote 'q1': "
            "fees.bands[0].fixed_fee: '3.00 EUR' is not in USD, the currency "
            "of the send amount; quote 'q1': fees.recipient_fixed_fee: '1.00 "
            "USD' is not in MXN, the currency of the payout");
}

TEST(QuoteBuilderTest, FeesAreRequired) {
  EXPECT_EQ(UsMx("q1", Day(2026, 11, 30))
                .ExchangeRate(testing::R("17.9"))
                .Build(FakeClock(kNow))
                .status()
                .message(),
            "quote 'q1': fees: is required: give FlatFee or AddFeeBand "
            "(FlatFee of zero for a free transfer)");
}

TEST(QuoteBuilderTest, RateCheckedAgainstReferenceRates) {
  ReferenceRates::Builder rates;
  rates.Add(
      {Cur("USD"), Cur("MXN"), testing::R("18.2"), Day(2026, 11, 1), "test"});
  const ReferenceRates references = Must(std::move(rates).Build());
  QuoteBuilder builder = UsMx("q1", Day(2026, 11, 30));
  builder.FlatFee(Usd("3.99")).ExchangeRate(testing::R("1.79"));
  EXPECT_TRUE(builder.Build(FakeClock(kNow)).ok());  // Nothing to judge by.
  absl::StatusOr<Quote> judged = builder.Build(FakeClock(kNow), &references);
  EXPECT_EQ(judged.status().message(),
            "quote 'q1': rate: '1.79' implies an FX margin of 90.16 % against "
            "the mid-market rate 18.2 (reference rate USD->MXN of "
            "2026-11-01); plausible margins are -20 % to 50 %; looks off by a "
            "factor of 10 (too low)" +
                kConfirm);
  builder.RateOutlierConfirmed();
  EXPECT_TRUE(builder.Build(FakeClock(kNow), &references).ok());
}

// A book of built quotes, ranked both ways; the result outlives the book.
TEST(QuoteBuilderTest, BuiltQuotesRankInSendAndReceiveModes) {
  const FakeClock clock(kNow);
  std::vector<Quote> quotes = {
      Must(UsMx("cheap", Day(2026, 11, 30))
               .FlatFee(Usd("1.00"))
               .ExchangeRate(testing::R("18.1"))
               .MidMarketRate(testing::R("18.2"))
               .Build(clock)),
      Must(UsMx("dear", Day(2026, 11, 30))
               .FlatFee(Usd("9.00"))
               .ExchangeRate(testing::R("17.5"))
               .MidMarketRate(testing::R("18.2"))
               .Build(clock)),
  };
  std::optional<RankResult> send;
  std::optional<RankResult> receive;
  {
    QuoteBook book =
        Must(QuoteBook::Create({{"p1", "P One", ProviderType::kBank}}, quotes,
                               ReferenceRates(), &clock));
    send = Must(Rank(book, RankRequest(C("US", "MX"), Usd("200")), clock));
    RankRequest by_receive(C("US", "MX"), Must(Money::Parse("3000 MXN")));
    by_receive.amount_kind = AmountKind::kReceive;
    receive = Must(Rank(book, by_receive, clock));
  }
  // The book is gone; the results hold its data.
  ASSERT_EQ(send->offers.size(), 2u);
  EXPECT_EQ(send->offers[0].quote->quote->id, "cheap");
  EXPECT_EQ(send->offers[1].quote->provider->name, "P One");
  EXPECT_FALSE(send->no_offers.has_value());
  ASSERT_EQ(receive->offers.size(), 2u);
  EXPECT_EQ(receive->offers[0].quote->quote->id, "cheap");
  // At least the amount asked for, to the next whole cent sent.
  ASSERT_TRUE(receive->offers[0].cost.amount_received.has_value());
  EXPECT_GE(receive->offers[0].cost.amount_received->minor_units(), 300000);
  EXPECT_LT(receive->offers[0].cost.amount_received->minor_units(), 300019);
}

}  // namespace
}  // namespace remit
