#include "engine/model/model.h"

#include "gtest/gtest.h"

namespace remit {
namespace {

TEST(CorridorTest, ParseDefaultsCurrenciesAndCanonicalisesCountries) {
  absl::StatusOr<Corridor> c = Corridor::Parse("gb", "", "BGD", "");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->ToString(), "GBR/GBP->BGD/BDT");
  EXPECT_EQ(Corridor::Parse("LB", "USD", "SY", "usd")->ToString(),
            "LBN/USD->SYR/USD");
}

TEST(CorridorTest, ErrorsNameTheField) {
  struct Case {
    const char* from;
    const char* from_currency;
    const char* to;
    const char* to_currency;
    const char* message;
  };
  const Case cases[] = {
      {"99", "", "BD", "",
       "send_country: '99' is not an ISO 3166-1 country "
       "code"},
      {"GB", "", "ZZZ", "",
       "receive_country: 'ZZZ' is not an ISO 3166-1 "
       "country code"},
      {"GB", "GBX", "BD", "",
       "send_currency: 'GBX' is not an ISO 4217 "
       "currency code"},
      {"GB", "", "BD", "TAKA",
       "receive_currency: 'TAKA' is not an ISO 4217 "
       "currency code"},
      {"GB", "", "GBR", "",
       "receive_country: 'GBR' is also the sending "
       "country; a corridor joins two countries"},
      {"GB", "", "AQ", "",
       "receive_currency: ATA has no currency of its "
       "own; name one"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Corridor> corridor =
        Corridor::Parse(c.from, c.from_currency, c.to, c.to_currency);
    ASSERT_FALSE(corridor.ok());
    EXPECT_EQ(corridor.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(corridor.status().message(), c.message);
  }
}

TEST(ModelTest, SpeedOrderIsFastestFirst) {
  EXPECT_LT(Speed::kLessThanOneHour, Speed::kSameDay);
  EXPECT_LT(Speed::kThreeToFiveDays, Speed::kSixDaysOrMore);
  EXPECT_EQ(Name(Speed::kThreeToFiveDays), "3-5 days");
  EXPECT_EQ(Name(ProviderType::kMoneyTransferOperator),
            "money_transfer_operator");
}

}  // namespace
}  // namespace remit
