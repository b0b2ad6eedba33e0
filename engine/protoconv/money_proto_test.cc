#include "engine/protoconv/money_proto.h"

#include "gtest/gtest.h"

namespace remit {
namespace {

TEST(MoneyProtoTest, RoundTrip) {
  for (const char* text : {"12.34 USD", "-0.05 EUR", "500 JPY", "1.250 KWD"}) {
    Money money = *Money::Parse(text);
    v1::Money proto = MoneyToProto(money);
    EXPECT_EQ(proto.currency_code(), money.currency().code());
    absl::StatusOr<Money> back = MoneyFromProto(proto);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, money);
  }
}

TEST(MoneyProtoTest, ShapeIsGoogleTypeMoney) {
  v1::Money proto = MoneyToProto(*Money::Parse("12.34 USD"));
  EXPECT_EQ(proto.units(), 12);
  EXPECT_EQ(proto.nanos(), 340000000);
}

TEST(MoneyProtoTest, ErrorsNameTheField) {
  v1::Money proto;
  proto.set_currency_code("ZZZ");
  proto.set_units(1);
  absl::StatusOr<Money> money = MoneyFromProto(proto);
  EXPECT_EQ(money.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(money.status().message(),
            "currency_code: 'ZZZ' is not an ISO 4217 currency code");

  proto.set_currency_code("USD");
  proto.set_nanos(1);
  EXPECT_EQ(MoneyFromProto(proto).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace remit
