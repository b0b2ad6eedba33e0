#include "service/convert.h"

#include <limits>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

using ::remit::testing::Book;
using ::remit::testing::C;
using ::remit::testing::Day;
using ::remit::testing::M;
using ::remit::testing::Must;
using ::remit::testing::P;
using ::remit::testing::SimpleQuote;

v1::Corridor WireCorridor(const char* send_country, const char* send_currency,
                          const char* receive_country,
                          const char* receive_currency) {
  v1::Corridor proto;
  proto.set_send_country(send_country);
  proto.set_send_currency(send_currency);
  proto.set_receive_country(receive_country);
  proto.set_receive_currency(receive_currency);
  return proto;
}

v1::Money WireMoney(const char* currency, int64_t units, int32_t nanos) {
  v1::Money proto;
  proto.set_currency_code(currency);
  proto.set_units(units);
  proto.set_nanos(nanos);
  return proto;
}

// 200 USD from the US to Mexico: the request every RankRequest case edits.
v1::RankOffersRequest UsMx200() {
  v1::RankOffersRequest request;
  *request.mutable_corridor() = WireCorridor("US", "", "MX", "");
  *request.mutable_send_amount() = WireMoney("USD", 200, 0);
  return request;
}

// --- CorridorFromProto ---

TEST(CorridorFromProtoTest, AcceptsCodesAndDefaultsCurrencies) {
  struct Case {
    v1::Corridor proto;
    const char* want;  // Corridor::ToString()
  } cases[] = {
      {WireCorridor("US", "", "MX", ""), "USA/USD->MEX/MXN"},
      {WireCorridor("usa", "usd", "mex", "mxn"), "USA/USD->MEX/MXN"},
      {WireCorridor("GB", "", "NG", "USD"), "GBR/GBP->NGA/USD"},
      {WireCorridor("ARE", "AED", "IND", "INR"), "ARE/AED->IND/INR"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.proto.ShortDebugString());
    absl::StatusOr<Corridor> corridor =
        CorridorFromProto(c.proto, /*present=*/true);
    ASSERT_TRUE(corridor.ok()) << corridor.status();
    EXPECT_EQ(corridor->ToString(), c.want);
  }
}

TEST(CorridorFromProtoTest, RefusesBadCodesNamingTheField) {
  struct Case {
    v1::Corridor proto;
    const char* message;
  } cases[] = {
      {WireCorridor("XXX", "", "MX", ""),
       "corridor.send_country: 'XXX' is not an ISO 3166-1 country code; did "
       "you mean XKX?"},
      {WireCorridor("US", "", "", ""),
       "corridor.receive_country: '' is not an ISO 3166-1 country code"},
      {WireCorridor("US", "US$", "MX", ""),
       "corridor.send_currency: 'US$' is not an ISO 4217 currency code"},
      {WireCorridor("US", "", "MX", "ZZZ"),
       "corridor.receive_currency: 'ZZZ' is not an ISO 4217 currency code"},
      {WireCorridor("US", "", "US", ""),
       "corridor.receive_country: 'USA' is also the sending country; a "
       "corridor joins two countries"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.proto.ShortDebugString());
    absl::StatusOr<Corridor> corridor =
        CorridorFromProto(c.proto, /*present=*/true);
    EXPECT_EQ(corridor.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(corridor.status().message()), c.message);
  }
}

TEST(CorridorFromProtoTest, AbsentCorridorIsRequired) {
  absl::StatusOr<Corridor> corridor =
      CorridorFromProto(WireCorridor("US", "", "MX", ""), /*present=*/false);
  EXPECT_EQ(corridor.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(corridor.status().message()), "corridor: is required");
}

TEST(CorridorToProtoTest, WritesAlpha3AndCurrencies) {
  v1::Corridor proto;
  CorridorToProto(C("GB", "NG"), &proto);
  EXPECT_EQ(proto.send_country(), "GBR");
  EXPECT_EQ(proto.send_currency(), "GBP");
  EXPECT_EQ(proto.receive_country(), "NGA");
  EXPECT_EQ(proto.receive_currency(), "NGN");
}

// --- AmountFromProto ---

TEST(AmountFromProtoTest, AcceptsUnitsAndNanos) {
  struct Case {
    v1::Money proto;
    const char* want;  // Money::ToString()
  } cases[] = {
      {WireMoney("USD", 200, 0), "200.00 USD"},
      {WireMoney("USD", 1, 990000000), "1.99 USD"},
      {WireMoney("USD", 0, 10000000), "0.01 USD"},
      {WireMoney("USD", -1, -500000000), "-1.50 USD"},
      {WireMoney("usd", 5, 0), "5.00 USD"},
      {WireMoney("JPY", 1000, 0), "1000 JPY"},
      {WireMoney("KWD", 2, 125000000), "2.125 KWD"},
      {WireMoney("CLF", 0, 123400000), "0.1234 CLF"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.proto.ShortDebugString());
    absl::StatusOr<Money> money = AmountFromProto(c.proto, "send_amount");
    ASSERT_TRUE(money.ok()) << money.status();
    EXPECT_EQ(money->ToString(), c.want);
  }
}

TEST(AmountFromProtoTest, RefusesBadAmountsNamingTheField) {
  struct Case {
    v1::Money proto;
    const char* field;
    absl::StatusCode code;
    const char* message;
  } cases[] = {
      {WireMoney("XYZ", 200, 0), "send_amount",
       absl::StatusCode::kInvalidArgument,
       "send_amount.currency_code: 'XYZ' is not an ISO 4217 currency code"},
      {WireMoney("", 200, 0), "receive_amount",
       absl::StatusCode::kInvalidArgument,
       "receive_amount.currency_code: '' is not an ISO 4217 currency code"},
      {WireMoney("USD", 1, -500000000), "send_amount",
       absl::StatusCode::kInvalidArgument,
       "send_amount: {units: 1, nanos: -500000000, currency_code: 'USD'}: "
       "units and nanos must have the same sign"},
      {WireMoney("USD", -1, 500000000), "send_amount",
       absl::StatusCode::kInvalidArgument,
       "send_amount: {units: -1, nanos: 500000000, currency_code: 'USD'}: "
       "units and nanos must have the same sign"},
      {WireMoney("USD", 0, 1000000000), "send_amount",
       absl::StatusCode::kInvalidArgument,
       "send_amount: {units: 0, nanos: 1000000000, currency_code: 'USD'}: "
       "nanos must be within -999999999..999999999"},
      {WireMoney("USD", 1, 5000000), "receive_amount",
       absl::StatusCode::kInvalidArgument,
       "receive_amount: {units: 1, nanos: 5000000, currency_code: 'USD'}: "
       "more than 2 decimal places, the most USD allows"},
      {WireMoney("JPY", 100, 500000000), "send_amount",
       absl::StatusCode::kInvalidArgument,
       "send_amount: {units: 100, nanos: 500000000, currency_code: 'JPY'}: "
       "more than 0 decimal places, the most JPY allows"},
      {WireMoney("USD", std::numeric_limits<int64_t>::max(), 0), "send_amount",
       absl::StatusCode::kInvalidArgument,
       "send_amount: {units: 9223372036854775807, nanos: 0, currency_code: "
       "'USD'}: amount is too large"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.proto.ShortDebugString());
    absl::StatusOr<Money> money = AmountFromProto(c.proto, c.field);
    EXPECT_EQ(money.status().code(), c.code);
    EXPECT_EQ(std::string(money.status().message()), c.message);
  }
}

// --- PageSize ---

TEST(PageSizeTest, ZeroIsTheDefaultAndLargeIsTheMost) {
  struct Case {
    int page_size;
    int default_size;
    int want;
  } cases[] = {
      {0, kDefaultOfferPageSize, kDefaultOfferPageSize},
      {0, kDefaultCorridorPageSize, kDefaultCorridorPageSize},
      {1, kDefaultOfferPageSize, 1},
      {kMaxPageSize, kDefaultOfferPageSize, kMaxPageSize},
      {kMaxPageSize + 1, kDefaultOfferPageSize, kMaxPageSize},
      {std::numeric_limits<int>::max(), kDefaultOfferPageSize, kMaxPageSize},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.page_size);
    absl::StatusOr<int> size = PageSize(c.page_size, c.default_size);
    ASSERT_TRUE(size.ok()) << size.status();
    EXPECT_EQ(*size, c.want);
  }
}

TEST(PageSizeTest, NegativeIsInvalidArgument) {
  struct Case {
    int page_size;
    const char* message;
  } cases[] = {
      {-1, "page_size: -1 must not be negative"},
      {std::numeric_limits<int>::min(),
       "page_size: -2147483648 must not be negative"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<int> size = PageSize(c.page_size, kDefaultOfferPageSize);
    EXPECT_EQ(size.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(size.status().message()), c.message);
  }
}

// --- RankRequestFromProto ---

TEST(RankRequestFromProtoTest, PlainRequestTakesTheDefaults) {
  absl::StatusOr<RankRequest> request = RankRequestFromProto(UsMx200());
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->corridor.ToString(), "USA/USD->MEX/MXN");
  EXPECT_EQ(request->amount.ToString(), "200.00 USD");
  EXPECT_EQ(request->amount_kind, AmountKind::kSend);
  EXPECT_EQ(request->order, RankOrder::kTotalCost);
  EXPECT_TRUE(request->filter.payment_instruments.empty());
  EXPECT_TRUE(request->filter.access_points.empty());
  EXPECT_TRUE(request->filter.receive_methods.empty());
  EXPECT_TRUE(request->filter.provider_types.empty());
  EXPECT_FALSE(request->filter.max_speed.has_value());
  EXPECT_EQ(request->filter.min_coverage, Coverage::kUnknown);
  EXPECT_TRUE(request->filter.include_promotional);
  EXPECT_FALSE(request->access.has_value());
  EXPECT_FALSE(request->include_opaque);
  EXPECT_EQ(request->max_quote_age, kDefaultMaxQuoteAge);
}

TEST(RankRequestFromProtoTest, ReadsThePeriod) {
  EXPECT_FALSE(RankRequestFromProto(UsMx200())->period.has_value());
  v1::RankOffersRequest proto = UsMx200();
  proto.set_period("2024_2Q");
  absl::StatusOr<RankRequest> request = RankRequestFromProto(proto);
  ASSERT_TRUE(request.ok()) << request.status();
  ASSERT_TRUE(request->period.has_value());
  EXPECT_EQ(request->period->ToString(), "2024_2Q");
}

TEST(PeriodFromProtoTest, EmptyIsUnsetAndBadOnesNameTheFieldAndValue) {
  absl::StatusOr<std::optional<Period>> empty = PeriodFromProto("", "period");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->has_value());
  absl::StatusOr<std::optional<Period>> good =
      PeriodFromProto("2011_3Q", "period");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ((*good)->ToString(), "2011_3Q");
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"2024_5Q",
       "period: '2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): "
       "the quarter must be 1 to 4"},
      {"24_1Q",
       "period: '24_1Q' is not a survey period (YYYY_nQ, e.g. "
       "2024_2Q)"},
      {"2024Q2",
       "period: '2024Q2' is not a survey period (YYYY_nQ, e.g. "
       "2024_2Q)"},
      {"2024_2q",
       "period: '2024_2q' is not a survey period (YYYY_nQ, e.g. "
       "2024_2Q)"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<std::optional<Period>> period =
        PeriodFromProto(c.text, "period");
    EXPECT_EQ(period.status().code(), absl::StatusCode::kInvalidArgument)
        << c.text;
    EXPECT_EQ(period.status().message(), c.message);
  }
}

TEST(RankRequestFromProtoTest, ReceiveAmountRanksByWhatArrives) {
  v1::RankOffersRequest proto = UsMx200();
  *proto.mutable_receive_amount() = WireMoney("MXN", 3400, 0);
  absl::StatusOr<RankRequest> request = RankRequestFromProto(proto);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->amount_kind, AmountKind::kReceive);
  EXPECT_EQ(request->amount.ToString(), "3400.00 MXN");
}

TEST(RankRequestFromProtoTest, ReadsEveryFilterAndOption) {
  v1::RankOffersRequest proto = UsMx200();
  v1::OfferFilter* f = proto.mutable_filter();
  f->add_payment_instruments(v1::PAYMENT_INSTRUMENT_DEBIT_CARD);
  f->add_payment_instruments(v1::PAYMENT_INSTRUMENT_MOBILE_WALLET);
  f->add_access_points(v1::ACCESS_POINT_MOBILE_APP);
  f->add_receive_methods(v1::RECEIVE_METHOD_HOME_DELIVERY);
  f->add_provider_types(v1::PROVIDER_TYPE_POST_OFFICE);
  f->set_max_speed(v1::SPEED_NEXT_DAY);
  f->set_min_coverage(v1::COVERAGE_MEDIUM);
  f->set_exclude_promotional(true);
  proto.set_order_by("amount_received");
  proto.set_include_opaque(true);
  proto.mutable_max_quote_age()->set_seconds(86400);
  proto.mutable_max_quote_age()->set_nanos(5);
  proto.mutable_access()->set_has_card(true);
  proto.mutable_access()->set_max_speed(v1::SPEED_SAME_DAY);

  absl::StatusOr<RankRequest> request = RankRequestFromProto(proto);
  ASSERT_TRUE(request.ok()) << request.status();
  const RankFilter& filter = request->filter;
  EXPECT_EQ(filter.payment_instruments,
            (std::vector<PaymentInstrument>{PaymentInstrument::kDebitCard,
                                            PaymentInstrument::kMobileWallet}));
  EXPECT_EQ(filter.access_points,
            std::vector<AccessPoint>{AccessPoint::kMobileApp});
  EXPECT_EQ(filter.receive_methods,
            std::vector<ReceiveMethod>{ReceiveMethod::kHomeDelivery});
  EXPECT_EQ(filter.provider_types,
            std::vector<ProviderType>{ProviderType::kPostOffice});
  EXPECT_EQ(filter.max_speed, Speed::kNextDay);
  EXPECT_EQ(filter.min_coverage, Coverage::kMedium);
  EXPECT_FALSE(filter.include_promotional);
  EXPECT_EQ(request->order, RankOrder::kAmountReceived);
  EXPECT_TRUE(request->include_opaque);
  EXPECT_EQ(request->max_quote_age, absl::Hours(24) + absl::Nanoseconds(5));
  ASSERT_TRUE(request->access.has_value());
  EXPECT_TRUE(request->access->has_card);
  EXPECT_FALSE(request->access->has_bank_account);
  EXPECT_EQ(request->access->max_speed, Speed::kSameDay);
}

TEST(RankRequestFromProtoTest, ReadsEachOrder) {
  struct Case {
    const char* order_by;
    RankOrder want;
  } cases[] = {
      {"", RankOrder::kTotalCost},
      {"total_cost", RankOrder::kTotalCost},
      {"amount_received", RankOrder::kAmountReceived},
      {"speed", RankOrder::kSpeed},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.order_by);
    v1::RankOffersRequest proto = UsMx200();
    proto.set_order_by(c.order_by);
    absl::StatusOr<RankRequest> request = RankRequestFromProto(proto);
    ASSERT_TRUE(request.ok()) << request.status();
    EXPECT_EQ(request->order, c.want);
  }
}

TEST(RankRequestFromProtoTest, ReadsEachMinCoverage) {
  struct Case {
    v1::Coverage wire;
    Coverage want;
  } cases[] = {
      {v1::COVERAGE_UNSPECIFIED, Coverage::kUnknown},
      {v1::COVERAGE_LOW, Coverage::kLow},
      {v1::COVERAGE_MEDIUM, Coverage::kMedium},
      {v1::COVERAGE_HIGH, Coverage::kHigh},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.wire);
    v1::RankOffersRequest proto = UsMx200();
    proto.mutable_filter()->set_min_coverage(c.wire);
    absl::StatusOr<RankRequest> request = RankRequestFromProto(proto);
    ASSERT_TRUE(request.ok()) << request.status();
    EXPECT_EQ(request->filter.min_coverage, c.want);
  }
}

TEST(RankRequestFromProtoTest, RefusesBadFieldsNamingThem) {
  struct Case {
    const char* what;
    void (*mutate)(v1::RankOffersRequest*);
    const char* message;
  } cases[] = {
      {"no corridor", [](v1::RankOffersRequest* r) { r->clear_corridor(); },
       "corridor: is required"},
      {"bad country",
       [](v1::RankOffersRequest* r) {
         r->mutable_corridor()->set_receive_country("QQ");
       },
       "corridor.receive_country: 'QQ' is not an ISO 3166-1 country code; "
       "did you mean ATA or BES or GNQ or IRQ or MTQ?"},
      {"no amount", [](v1::RankOffersRequest* r) { r->clear_send_amount(); },
       "send_amount: one of send_amount or receive_amount is required"},
      {"bad send amount",
       [](v1::RankOffersRequest* r) {
         r->mutable_send_amount()->set_nanos(-1);
       },
       "send_amount: {units: 200, nanos: -1, currency_code: 'USD'}: units "
       "and nanos must have the same sign"},
      {"bad receive currency",
       [](v1::RankOffersRequest* r) {
         *r->mutable_receive_amount() = WireMoney("MX$", 1, 0);
       },
       "receive_amount.currency_code: 'MX$' is not an ISO 4217 currency "
       "code"},
      {"unspecified payment instrument",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_payment_instruments(
             v1::PAYMENT_INSTRUMENT_CASH);
         r->mutable_filter()->add_payment_instruments(
             v1::PAYMENT_INSTRUMENT_UNSPECIFIED);
       },
       "filter.payment_instruments[1]: 0 is not a PaymentInstrument"},
      {"unknown payment instrument",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_payment_instruments(
             static_cast<v1::PaymentInstrument>(99));
       },
       "filter.payment_instruments[0]: 99 is not a PaymentInstrument"},
      {"unspecified access point",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_access_points(v1::ACCESS_POINT_UNSPECIFIED);
       },
       "filter.access_points[0]: 0 is not a AccessPoint"},
      {"unknown access point",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_access_points(
             static_cast<v1::AccessPoint>(-3));
       },
       "filter.access_points[0]: -3 is not a AccessPoint"},
      {"unspecified receive method",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_receive_methods(
             v1::RECEIVE_METHOD_UNSPECIFIED);
       },
       "filter.receive_methods[0]: 0 is not a ReceiveMethod"},
      {"unknown receive method",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_receive_methods(
             static_cast<v1::ReceiveMethod>(6));
       },
       "filter.receive_methods[0]: 6 is not a ReceiveMethod"},
      {"unspecified provider type",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_provider_types(v1::PROVIDER_TYPE_UNSPECIFIED);
       },
       "filter.provider_types[0]: 0 is not a ProviderType"},
      {"unknown provider type",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->add_provider_types(
             static_cast<v1::ProviderType>(42));
       },
       "filter.provider_types[0]: 42 is not a ProviderType"},
      {"unknown max speed",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->set_max_speed(static_cast<v1::Speed>(7));
       },
       "filter.max_speed: 7 is not a Speed"},
      {"unknown min coverage",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->set_min_coverage(static_cast<v1::Coverage>(4));
       },
       "filter.min_coverage: 4 is not a Coverage"},
      {"negative min coverage",
       [](v1::RankOffersRequest* r) {
         r->mutable_filter()->set_min_coverage(static_cast<v1::Coverage>(-1));
       },
       "filter.min_coverage: -1 is not a Coverage"},
      {"unknown order",
       [](v1::RankOffersRequest* r) { r->set_order_by("cheapest"); },
       "order_by: 'cheapest' is not one of total_cost, amount_received, "
       "speed"},
      {"order with a newline",
       [](v1::RankOffersRequest* r) { r->set_order_by("speed\n"); },
       "order_by: 'speed\\n' is not one of total_cost, amount_received, "
       "speed"},
      {"unknown access speed",
       [](v1::RankOffersRequest* r) {
         r->mutable_access()->set_max_speed(static_cast<v1::Speed>(100));
       },
       "access.max_speed: 100 is not a Speed"},
      {"negative max quote age",
       [](v1::RankOffersRequest* r) {
         r->mutable_max_quote_age()->set_seconds(-60);
       },
       "max_quote_age: {seconds: -60, nanos: 0} must be a positive "
       "duration"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    v1::RankOffersRequest proto = UsMx200();
    c.mutate(&proto);
    absl::StatusOr<RankRequest> request = RankRequestFromProto(proto);
    EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(request.status().message()), c.message);
  }
}

// --- AccessFromProto ---

TEST(AccessFromProtoTest, AbsentIsUnset) {
  v1::SenderAccess proto;
  proto.set_has_card(true);
  EXPECT_FALSE(AccessFromProto(/*present=*/false, proto).has_value());
}

TEST(AccessFromProtoTest, CopiesEachMeans) {
  v1::SenderAccess proto;
  proto.set_has_bank_account(true);
  proto.set_has_mobile_wallet(true);
  proto.set_needs_cash_pickup(true);
  proto.set_max_speed(v1::SPEED_TWO_DAYS);
  std::optional<SenderAccess> access = AccessFromProto(true, proto);
  ASSERT_TRUE(access.has_value());
  EXPECT_TRUE(access->has_bank_account);
  EXPECT_FALSE(access->has_card);
  EXPECT_TRUE(access->has_mobile_wallet);
  EXPECT_FALSE(access->has_internet);
  EXPECT_TRUE(access->needs_cash_pickup);
  EXPECT_EQ(access->max_speed, Speed::kTwoDays);
}

TEST(AccessFromProtoTest, UnspecifiedOrUnknownSpeedIsAnySpeed) {
  for (v1::Speed speed : {v1::SPEED_UNSPECIFIED, static_cast<v1::Speed>(100)}) {
    SCOPED_TRACE(speed);
    v1::SenderAccess proto;
    proto.set_max_speed(speed);
    std::optional<SenderAccess> access = AccessFromProto(true, proto);
    ASSERT_TRUE(access.has_value());
    EXPECT_EQ(access->max_speed, Speed::kSixDaysOrMore);
  }
}

// --- MaxQuoteAgeFromProto ---

TEST(MaxQuoteAgeFromProtoTest, UnsetOrZeroIsTheDefault) {
  google::protobuf::Duration zero;
  EXPECT_EQ(*MaxQuoteAgeFromProto(false, zero, "max_quote_age"),
            kDefaultMaxQuoteAge);
  EXPECT_EQ(*MaxQuoteAgeFromProto(true, zero, "max_quote_age"),
            kDefaultMaxQuoteAge);
  google::protobuf::Duration negative;
  negative.set_seconds(-1);
  EXPECT_EQ(*MaxQuoteAgeFromProto(false, negative, "max_quote_age"),
            kDefaultMaxQuoteAge);
}

TEST(MaxQuoteAgeFromProtoTest, PositiveDurations) {
  struct Case {
    int64_t seconds;
    int32_t nanos;
    absl::Duration want;
  } cases[] = {
      {3600, 0, absl::Hours(1)},
      {0, 1, absl::Nanoseconds(1)},
      {1, 999999999, absl::Seconds(2) - absl::Nanoseconds(1)},
  };
  for (const Case& c : cases) {
    google::protobuf::Duration proto;
    proto.set_seconds(c.seconds);
    proto.set_nanos(c.nanos);
    absl::StatusOr<absl::Duration> age =
        MaxQuoteAgeFromProto(true, proto, "max_quote_age");
    ASSERT_TRUE(age.ok()) << age.status();
    EXPECT_EQ(*age, c.want);
  }
}

TEST(MaxQuoteAgeFromProtoTest, RefusesNegativeOrMalformedNamingTheField) {
  struct Case {
    int64_t seconds;
    int32_t nanos;
    const char* message;
  } cases[] = {
      {-1, 0, "age: {seconds: -1, nanos: 0} must be a positive duration"},
      {0, -1, "age: {seconds: 0, nanos: -1} must be a positive duration"},
      {5, 1000000000,
       "age: {seconds: 5, nanos: 1000000000} must be a positive duration"},
  };
  for (const Case& c : cases) {
    google::protobuf::Duration proto;
    proto.set_seconds(c.seconds);
    proto.set_nanos(c.nanos);
    absl::StatusOr<absl::Duration> age =
        MaxQuoteAgeFromProto(true, proto, "age");
    EXPECT_EQ(age.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(std::string(age.status().message()), c.message);
  }
}

// --- Responses ---

// Two quotes from the US to Mexico, priced on 2025-09-15 (the quotes are
// from 2025-09-01): "cheap" (fee 4.99 USD, rate 17.8 against 18.2) and
// "dear" (fee 12.00 USD, rate 17.5 against 18.2).
class ResponsesTest : public ::testing::Test {
 protected:
  ResponsesTest()
      : book_(Book(
            {SimpleQuote("cheap", "swift", C("US", "MX"), 499, "17.8", "18.2"),
             SimpleQuote("dear", "bank", C("US", "MX"), 1200, "17.5", "18.2")},
            {"bank"})),
        clock_(Day(2025, 9, 15)) {}

  RankResult RankAt(const char* amount) {
    return Must(Rank(book_, RankRequest(C("US", "MX"), M(amount)), clock_));
  }

  QuoteBook book_;
  FakeClock clock_;
};

TEST_F(ResponsesTest, OfferToProtoHasExactFigures) {
  RankResult result = RankAt("200 USD");
  ASSERT_EQ(result.offers.size(), 2u);
  v1::Offer proto;
  OfferToProto(result.offers[0], &proto);

  EXPECT_EQ(proto.rank(), 1);
  EXPECT_EQ(proto.quote_id(), "cheap");
  EXPECT_EQ(proto.provider_id(), "swift");
  EXPECT_EQ(proto.provider_name(), "swift Ltd");
  EXPECT_EQ(proto.provider_type(), v1::PROVIDER_TYPE_MONEY_TRANSFER_OPERATOR);
  EXPECT_EQ(proto.payment_instrument(), v1::PAYMENT_INSTRUMENT_CASH);
  EXPECT_EQ(proto.access_point(), v1::ACCESS_POINT_BRANCH_OR_AGENT);
  EXPECT_EQ(proto.receive_method(), v1::RECEIVE_METHOD_CASH_PICKUP);
  EXPECT_EQ(proto.speed(), v1::SPEED_LESS_THAN_ONE_HOUR);
  EXPECT_EQ(proto.send_amount().ShortDebugString(),
            WireMoney("USD", 200, 0).ShortDebugString());
  EXPECT_EQ(proto.fee().ShortDebugString(),
            WireMoney("USD", 4, 990000000).ShortDebugString());
  EXPECT_EQ(proto.funding_surcharge().ShortDebugString(),
            WireMoney("USD", 0, 0).ShortDebugString());
  EXPECT_EQ(proto.total_outlay().ShortDebugString(),
            WireMoney("USD", 204, 990000000).ShortDebugString());
  EXPECT_TRUE(proto.transparent());
  EXPECT_EQ(proto.exchange_rate(), "17.8");
  EXPECT_EQ(proto.mid_market_rate(), "18.2");
  EXPECT_EQ(proto.mid_market_rate_source(), "quote");
  // (18.2 - 17.8) / 18.2 = 2.197802197802...%; 200 USD x that = 4.40 USD.
  EXPECT_EQ(proto.fx_margin_percent(), "2.197802198");
  EXPECT_EQ(proto.fx_margin_cost().ShortDebugString(),
            WireMoney("USD", 4, 400000000).ShortDebugString());
  // 4.99 + 4.40 = 9.39 USD of 200 USD.
  EXPECT_EQ(proto.total_cost().ShortDebugString(),
            WireMoney("USD", 9, 390000000).ShortDebugString());
  // The fee's 2.495% plus the exact margin, not 9.39 / 200 (the margin's
  // cost is rounded to cents, its percentage is not).
  EXPECT_EQ(proto.total_cost_percent(), "4.692802198");
  EXPECT_EQ(proto.receive_amount().ShortDebugString(),
            WireMoney("MXN", 3560, 0).ShortDebugString());
  // No recipient fee: zero, in the payout currency.
  EXPECT_EQ(proto.recipient_fee().ShortDebugString(),
            WireMoney("MXN", 0, 0).ShortDebugString());
  EXPECT_EQ(proto.recipient_fee_in_send_currency().ShortDebugString(),
            WireMoney("USD", 0, 0).ShortDebugString());
  EXPECT_FALSE(proto.estimated());
  EXPECT_FALSE(proto.promotional());
  EXPECT_EQ(proto.quoted_at().seconds(), absl::ToUnixSeconds(Day(2025, 9, 1)));
  EXPECT_EQ(proto.quoted_at().nanos(), 0);

  v1::Offer second;
  OfferToProto(result.offers[1], &second);
  EXPECT_EQ(second.rank(), 2);
  EXPECT_EQ(second.provider_type(), v1::PROVIDER_TYPE_BANK);
  EXPECT_EQ(second.exchange_rate(), "17.5");
}

TEST_F(ResponsesTest, OpaqueOfferHasNoMargin) {
  Quote opaque =
      SimpleQuote("opaque", "swift", C("US", "MX"), 499, "17.8", "18.2");
  opaque.transparent = false;
  QuoteBook book = Book({opaque});
  RankRequest request(C("US", "MX"), M("200 USD"));
  request.include_opaque = true;
  RankResult result = Must(Rank(book, request, clock_));
  ASSERT_EQ(result.offers.size(), 1u);
  v1::Offer proto;
  OfferToProto(result.offers[0], &proto);
  EXPECT_FALSE(proto.transparent());
  EXPECT_TRUE(proto.exchange_rate().empty());
  EXPECT_TRUE(proto.fx_margin_percent().empty());
  EXPECT_FALSE(proto.has_fx_margin_cost());
}

TEST_F(ResponsesTest, ExcludedToProtoNamesEachReason) {
  const PreparedQuote* quote = &book_.QuotesIn(C("US", "MX"))[0];
  struct Case {
    ExclusionReason reason;
    v1::ExclusionReason want;
  } cases[] = {
      {ExclusionReason::kOpaque, v1::EXCLUSION_REASON_OPAQUE},
      {ExclusionReason::kStale, v1::EXCLUSION_REASON_STALE},
      {ExclusionReason::kOutsideAmountLimits,
       v1::EXCLUSION_REASON_OUTSIDE_AMOUNT_LIMITS},
      {ExclusionReason::kNoMidMarketRate,
       v1::EXCLUSION_REASON_NO_MID_MARKET_RATE},
      {ExclusionReason::kFilteredOut, v1::EXCLUSION_REASON_FILTERED_OUT},
      {ExclusionReason::kCannotDeliver, v1::EXCLUSION_REASON_CANNOT_DELIVER},
      {ExclusionReason::kRateImplausible,
       v1::EXCLUSION_REASON_RATE_IMPLAUSIBLE},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(static_cast<int>(c.reason));
    v1::ExcludedOffer proto;
    ExcludedToProto(ExcludedOffer{quote, c.reason}, &proto);
    EXPECT_EQ(proto.exclusion_reason(), c.want);
    EXPECT_EQ(proto.quote_id(), quote->quote->id);
    EXPECT_EQ(proto.provider_id(), quote->provider->id);
    EXPECT_EQ(proto.provider_name(), quote->provider->name);
  }
}

TEST_F(ResponsesTest, SummaryToProtoHasExactPercents) {
  RankResult result = RankAt("200 USD");
  CorridorSummary summary = result.summary;
  summary.average_total_cost_percent = P("5.5");
  summary.median_total_cost_percent = P("-0.000000001");
  summary.smart_percent = P("2.125");
  summary.smart_qualifying = 3;
  summary.personal_smart_percent = P("10");
  summary.personal_smart_qualifying = 4;
  summary.share_at_or_below_3_percent = P("0");
  summary.share_at_or_below_5_percent = P("50");

  v1::CorridorSummary proto;
  SummaryToProto(C("US", "MX"), M("200 USD"), summary, "v1", nullptr, &proto);
  EXPECT_EQ(proto.corridor().send_country(), "USA");
  EXPECT_EQ(proto.corridor().receive_currency(), "MXN");
  EXPECT_EQ(proto.amount().ShortDebugString(),
            WireMoney("USD", 200, 0).ShortDebugString());
  EXPECT_EQ(proto.offer_count(), 2);
  EXPECT_EQ(proto.average_total_cost_percent(), "5.500000000");
  EXPECT_EQ(proto.median_total_cost_percent(), "-0.000000001");
  EXPECT_EQ(proto.smart_percent(), "2.125000000");
  EXPECT_EQ(proto.smart_qualifying_count(), 3);
  EXPECT_EQ(proto.personal_smart_percent(), "10.000000000");
  EXPECT_EQ(proto.personal_smart_qualifying_count(), 4);
  EXPECT_EQ(proto.share_at_or_below_3_percent(), "0.000000000");
  EXPECT_EQ(proto.share_at_or_below_5_percent(), "50.000000000");
  EXPECT_EQ(proto.dataset_version(), "v1");
  ASSERT_TRUE(proto.has_cheapest());
  EXPECT_EQ(proto.cheapest().quote_id(), "cheap");
  EXPECT_EQ(proto.cheapest().total_cost_percent(), "4.692802198");
}

TEST_F(ResponsesTest, SummaryToProtoLeavesOutWhatIsUnknown) {
  CorridorSummary summary;  // No offers.
  v1::CorridorSummary proto;
  SummaryToProto(C("US", "MX"), M("200 USD"), summary, "v2", nullptr, &proto);
  EXPECT_EQ(proto.offer_count(), 0);
  EXPECT_TRUE(proto.average_total_cost_percent().empty());
  EXPECT_TRUE(proto.median_total_cost_percent().empty());
  EXPECT_TRUE(proto.smart_percent().empty());
  EXPECT_TRUE(proto.personal_smart_percent().empty());
  EXPECT_TRUE(proto.share_at_or_below_3_percent().empty());
  EXPECT_TRUE(proto.share_at_or_below_5_percent().empty());
  EXPECT_FALSE(proto.has_cheapest());
  EXPECT_EQ(proto.dataset_version(), "v2");
  EXPECT_TRUE(proto.period().empty());  // Data without periods.
}

TEST_F(ResponsesTest, SummaryToProtoNamesThePeriod) {
  CorridorSummary summary;
  summary.period = *Period::Parse("2024_2Q");
  v1::CorridorSummary proto;
  SummaryToProto(C("US", "MX"), M("200 USD"), summary, "v3", nullptr, &proto);
  EXPECT_EQ(proto.period(), "2024_2Q");
}

TEST_F(ResponsesTest, SummaryToProtoCopiesTheCheapestAlreadyBuilt) {
  RankResult result = RankAt("200 USD");
  ASSERT_TRUE(result.summary.cheapest.has_value());
  v1::Offer built;
  OfferToProto(result.offers[0], &built);
  built.set_provider_name("marker");  // Shows the copy was used.
  v1::CorridorSummary proto;
  SummaryToProto(C("US", "MX"), M("200 USD"), result.summary, "v1", &built,
                 &proto);
  EXPECT_EQ(proto.cheapest().provider_name(), "marker");
  EXPECT_EQ(proto.cheapest().rank(),
            static_cast<int32_t>(result.summary.cheapest->rank));

  v1::CorridorSummary fresh;
  SummaryToProto(C("US", "MX"), M("200 USD"), result.summary, "v1", nullptr,
                 &fresh);
  EXPECT_EQ(fresh.cheapest().provider_name(), "swift Ltd");
  EXPECT_EQ(fresh.cheapest().rank(), proto.cheapest().rank());
}

TEST(DatasetInfoToProtoTest, CopiesEveryField) {
  SnapshotInfo info;
  info.version = std::string(64, 'a');
  info.loaded_at = Day(2026, 11, 15) + absl::Seconds(30);
  info.sources = {"a.textproto", "b.csv"};
  info.metadata.resize(2);
  info.metadata[0].set_name("hand");
  info.provider_count = 3;
  info.quote_count = 17;
  info.corridor_count = 5;
  info.reference_rate_count = 2;

  v1::DatasetInfo proto = DatasetInfoToProto(info);
  EXPECT_EQ(proto.dataset_version(), info.version);
  EXPECT_EQ(proto.loaded_at().seconds(),
            absl::ToUnixSeconds(Day(2026, 11, 15)) + 30);
  ASSERT_EQ(proto.sources_size(), 2);
  EXPECT_EQ(proto.sources(0), "a.textproto");
  EXPECT_EQ(proto.sources(1), "b.csv");
  ASSERT_EQ(proto.metadata_size(), 2);
  EXPECT_EQ(proto.metadata(0).name(), "hand");
  EXPECT_EQ(proto.provider_count(), 3);
  EXPECT_EQ(proto.quote_count(), 17);
  EXPECT_EQ(proto.corridor_count(), 5);
  EXPECT_EQ(proto.reference_rate_count(), 2);
}

// --- Histories and indicators ---

TEST(AmountLevelFromProtoTest, UnspecifiedIsCc1AndUnknownIsRefused) {
  EXPECT_EQ(Must(AmountLevelFromProto(v1::AMOUNT_LEVEL_UNSPECIFIED, "f")),
            AmountLevel::kCc1);
  EXPECT_EQ(Must(AmountLevelFromProto(v1::AMOUNT_LEVEL_CC1, "f")),
            AmountLevel::kCc1);
  EXPECT_EQ(Must(AmountLevelFromProto(v1::AMOUNT_LEVEL_CC2, "f")),
            AmountLevel::kCc2);
  absl::StatusOr<AmountLevel> bad =
      AmountLevelFromProto(static_cast<v1::AmountLevel>(7), "amount_level");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StartsWith(bad.status().message(),
                               "amount_level: 7 is not an AmountLevel"))
      << bad.status();
  EXPECT_EQ(AmountLevelToProto(AmountLevel::kCc2), v1::AMOUNT_LEVEL_CC2);
  EXPECT_EQ(AmountLevelToProto(AmountLevel::kCc1), v1::AMOUNT_LEVEL_CC1);
}

TEST(CheckProviderIdTest, EmptyOrAnIdAndNothingElse) {
  EXPECT_TRUE(CheckProviderId("", "provider_id").ok());
  EXPECT_TRUE(CheckProviderId("rpw-northwind-remit", "provider_id").ok());
  EXPECT_TRUE(CheckProviderId(std::string(64, 'a'), "provider_id").ok());
  for (const std::string& bad :
       {std::string("two words"), std::string(65, 'a'), std::string("a/b")}) {
    absl::Status status = CheckProviderId(bad, "provider_id");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_TRUE(absl::StartsWith(status.message(), "provider_id: '")) << status;
    EXPECT_TRUE(absl::StrContains(status.message(), "is not a provider id"))
        << status;
  }
}

TEST(HistoryPointToProtoTest, GapHasItsPeriodOnly) {
  HistoryPoint gap(Must(Period::Parse("2025_2Q")));
  v1::HistoryPoint proto;
  HistoryPointToProto(gap, &proto);
  EXPECT_EQ(proto.period(), "2025_2Q");
  EXPECT_TRUE(proto.gap());
  EXPECT_EQ(proto.transparent_service_count(), 0);
  EXPECT_EQ(proto.average_total_cost_percent(), "");
  EXPECT_FALSE(proto.has_smart_percent());
  EXPECT_EQ(proto.share_at_or_below_3_percent(), "");
  EXPECT_FALSE(proto.has_provider_average_total_cost_percent());
}

TEST(HistoryPointToProtoTest, EveryFigureAsAnExactDecimal) {
  const Provider provider{"rpw-elm-remit", "Elm Remit",
                          ProviderType::kMoneyTransferOperator};
  HistoryPoint point(Must(Period::Parse("2025_1Q")));
  point.gap = false;
  point.service_count = 2;
  point.average = P("0.7475");
  point.median = P("0.7475");
  point.smart_qualifying = 2;
  point.cheapest_provider = &provider;
  point.cheapest_total = P("-0.99");
  point.share_at_or_below_3_percent = P("100");
  point.share_at_or_below_5_percent = P("100");
  point.provider_average = P("2.485");
  v1::HistoryPoint proto;
  HistoryPointToProto(point, &proto);
  EXPECT_FALSE(proto.gap());
  EXPECT_EQ(proto.transparent_service_count(), 2);
  EXPECT_EQ(proto.average_total_cost_percent(), "0.747500000");
  EXPECT_EQ(proto.median_total_cost_percent(), "0.747500000");
  EXPECT_FALSE(proto.has_smart_percent());  // Fewer than three.
  EXPECT_EQ(proto.smart_qualifying_count(), 2);
  EXPECT_EQ(proto.cheapest_provider_id(), "rpw-elm-remit");
  EXPECT_EQ(proto.cheapest_provider_name(), "Elm Remit");
  EXPECT_EQ(proto.cheapest_total_cost_percent(), "-0.990000000");
  EXPECT_EQ(proto.share_at_or_below_3_percent(), "100.000000000");
  EXPECT_EQ(proto.provider_average_total_cost_percent(), "2.485000000");
}

TEST(IndicatorsToProtoTest, CopiesEveryFigure) {
  RpwIndicators in(Must(Period::Parse("2025_3Q")));
  in.global_average = P("69.064693487");
  in.service_count = 5;
  in.by_firm_type = {{"Money transfer operator", 4, P("81.033194444")},
                     {"Bank", 1, P("21.190689655")}};
  in.by_receiving_region = {{"Sub-Saharan Africa", 3, P("112.396896552")}};
  in.by_g8_g20 = {{"G20", 1, P("2.575")}};
  CorridorFigures corridor(C("RW", "KE"));
  corridor.service_count = 3;
  corridor.average = P("112.396896552");
  corridor.smart = P("112.396896552");
  corridor.smart_qualifying = 3;
  in.corridors.push_back(corridor);
  in.corridors.emplace_back(C("US", "MX"));  // No services counted.
  in.corridors_with_average = 1;
  in.corridors_at_or_below_5_percent = 0;
  in.share_of_corridors_at_or_below_5_percent = P("0");
  in.global_smart_average = P("112.396896552");
  in.corridors_with_smart = 1;
  in.rules = {"rule one", "rule two"};
  v1::Indicators proto;
  IndicatorsToProto(in, &proto);
  EXPECT_EQ(proto.period(), "2025_3Q");
  EXPECT_EQ(proto.global_average_total_cost_percent(), "69.064693487");
  EXPECT_EQ(proto.service_count(), 5);
  ASSERT_EQ(proto.by_firm_type_size(), 2);
  EXPECT_EQ(proto.by_firm_type(0).key(), "Money transfer operator");
  EXPECT_EQ(proto.by_firm_type(0).service_count(), 4);
  EXPECT_EQ(proto.by_firm_type(0).average_total_cost_percent(), "81.033194444");
  EXPECT_EQ(proto.by_receiving_region(0).key(), "Sub-Saharan Africa");
  EXPECT_EQ(proto.by_g8_g20(0).average_total_cost_percent(), "2.575000000");
  EXPECT_EQ(proto.by_sending_country_size(), 0);
  ASSERT_EQ(proto.corridors_size(), 2);
  EXPECT_EQ(proto.corridors(0).corridor().send_country(), "RWA");
  EXPECT_EQ(proto.corridors(0).corridor().receive_currency(), "KES");
  EXPECT_EQ(proto.corridors(0).smart_percent(), "112.396896552");
  EXPECT_EQ(proto.corridors(0).smart_qualifying_count(), 3);
  EXPECT_EQ(proto.corridors(1).average_total_cost_percent(), "");
  EXPECT_FALSE(proto.corridors(1).has_smart_percent());
  EXPECT_EQ(proto.share_of_corridors_at_or_below_5_percent(), "0.000000000");
  EXPECT_EQ(proto.global_smart_average_percent(), "112.396896552");
  EXPECT_EQ(proto.corridors_with_smart(), 1);
  ASSERT_EQ(proto.rules_size(), 2);
  EXPECT_EQ(proto.rules(1), "rule two");
}

}  // namespace
}  // namespace remit::service

namespace remit::service {
namespace {

using ::remit::testing::Book;
using ::remit::testing::C;
using ::remit::testing::Day;
using ::remit::testing::SimpleQuote;

Freshness SomeFreshness() {
  Freshness f;
  f.as_of = Day(2026, 12, 2);
  f.max_quote_age = kDefaultMaxQuoteAge;
  f.quote_count = 6;
  f.stale_count = 1;
  f.newest_quoted_at = Day(2026, 11, 2);
  f.oldest_fresh_quoted_at = Day(2026, 8, 18);
  return f;
}

TEST(FreshnessToProtoTest, FieldsAndWords) {
  v1::Freshness proto;
  FreshnessToProto(SomeFreshness(), C("US", "MX"), &proto);
  EXPECT_EQ(proto.as_of_date(), "2026-12-02");
  EXPECT_FALSE(proto.illustrative());
  EXPECT_EQ(proto.max_quote_age().seconds(), 183 * 86400);
  EXPECT_EQ(proto.newest_price_date(), "2026-11-02");
  EXPECT_EQ(proto.oldest_price_date(), "2026-08-18");
  EXPECT_EQ(proto.quote_count(), 6);
  EXPECT_EQ(proto.stale_quote_count(), 1);
  EXPECT_FALSE(proto.all_stale());
  EXPECT_EQ(proto.message(),
            "Prices dated 2026-08-18 to 2026-11-02; prices older than 183 "
            "days at 2026-12-02 are left out as stale (1 of 6).");
}

TEST(FreshnessToProtoTest, AllStaleSaysWhatToDo) {
  Freshness f = SomeFreshness();
  f.as_of = Day(2030, 1, 1);
  f.stale_count = 6;
  f.oldest_fresh_quoted_at.reset();
  v1::Freshness proto;
  FreshnessToProto(f, C("US", "MX"), &proto);
  EXPECT_TRUE(proto.all_stale());
  EXPECT_EQ(proto.oldest_price_date(), "");
  EXPECT_EQ(proto.message(),
            "Every price in corridor USA/USD->MEX/MXN is stale: the newest "
            "is dated 2026-11-02, and prices older than 183 days at "
            "2030-01-01 are left out. Load newer data (the server reloads "
            "its files on SIGHUP or ReloadDataset), or ask with a longer "
            "max_quote_age.");
}

TEST(FreshnessToProtoTest, IllustrativeAndUnlimited) {
  Freshness f = SomeFreshness();
  f.illustrative = true;
  f.as_of = Day(2026, 11, 2);
  f.max_quote_age = absl::InfiniteDuration();
  f.stale_count = 0;
  v1::Freshness proto;
  FreshnessToProto(f, C("US", "MX"), &proto);
  EXPECT_TRUE(proto.illustrative());
  EXPECT_FALSE(proto.has_max_quote_age());
  EXPECT_EQ(proto.message(),
            "Illustrative data as of 2026-11-02: made-up prices, judged at "
            "that date, not today. Prices dated 2026-08-18 to 2026-11-02; no "
            "age limit (a survey period asked for).");
}

// DateText computes most dates itself: the same text as absl::FormatTime
// on every day of 1969-1971 and around each leap-year rule, at the first
// and last instant of a day, and through FormatTime outside years 1000 to
// 9999 and for the infinite times.
TEST(DateTextTest, WritesWhatFormatTimeWrites) {
  auto format_time = [](absl::Time t) {
    return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone());
  };
  std::vector<absl::Time> times = {absl::InfinitePast(), absl::InfiniteFuture(),
                                   absl::UnixEpoch() - absl::Nanoseconds(1)};
  // Every day of a range, at its first and last nanosecond.
  auto days = [&times](absl::CivilDay first, int count) {
    for (int i = 0; i < count; ++i) {
      const absl::Time start = absl::FromCivil(first + i, absl::UTCTimeZone());
      times.push_back(start);
      times.push_back(start + absl::Hours(24) - absl::Nanoseconds(1));
    }
  };
  days(absl::CivilDay(1969, 1, 1), 3 * 366);
  for (int year : {0, 999, 1000, 1600, 1700, 1900, 2000, 2024, 2100, 2400, 9999,
                   10000, -1}) {
    days(absl::CivilDay(year, 2, 25), 8);   // the end of February
    days(absl::CivilDay(year, 12, 29), 5);  // the new year
  }
  // Each day start of 1000 to 9999 at a 97-day step (every month and
  // weekday, leap years of each kind).
  for (absl::CivilDay d(1000, 1, 1); d.year() < 10000; d += 97) {
    times.push_back(absl::FromCivil(d, absl::UTCTimeZone()));
  }
  for (absl::Time t : times) {
    EXPECT_EQ(DateText(t), format_time(t)) << t;
  }
  EXPECT_EQ(DateText(absl::FromCivil(absl::CivilDay(1000, 1, 1),
                                     absl::UTCTimeZone())),
            "1000-01-01");
  EXPECT_EQ(DateText(absl::FromCivil(absl::CivilDay(2024, 2, 29),
                                     absl::UTCTimeZone()) +
                     absl::Hours(23)),
            "2024-02-29");
  EXPECT_EQ(DateText(absl::UnixEpoch() - absl::Nanoseconds(1)), "1969-12-31");
}

TEST(StaleDataWarningTest, NamesTheStaleCorridorsAndTheirNewestDate) {
  Quote us_mx = SimpleQuote("a", "pa", C("US", "MX"), 0, "17.2", "17.5");
  us_mx.quoted_at = Day(2025, 9, 1);
  Quote gb_ng = SimpleQuote("b", "pa", C("GB", "NG"), 0, "1900", "1950");
  gb_ng.quoted_at = Day(2026, 9, 1);
  const QuoteBook book = Book({us_mx, gb_ng});
  EXPECT_EQ(StaleDataWarning(book, FakeClock(Day(2025, 10, 1))), "");
  EXPECT_EQ(StaleDataWarning(book, FakeClock(Day(2026, 10, 1))),
            "warning: stale data: in 1 of 2 corridors every price is older "
            "than 183 days at 2026-10-01: USA/USD->MEX/MXN (newest "
            "2025-09-01); their rankings list no offer. Load newer data and "
            "reload (SIGHUP), or set the clock with --clock_time");

  v1::CorridorInfo info;
  CorridorInfoToProto(book, C("US", "MX"), FakeClock(Day(2026, 10, 1)), &info);
  EXPECT_EQ(info.quote_count(), 1);
  EXPECT_EQ(info.newest_price_date(), "2025-09-01");
  EXPECT_TRUE(info.freshness().all_stale());
}

}  // namespace
}  // namespace remit::service
