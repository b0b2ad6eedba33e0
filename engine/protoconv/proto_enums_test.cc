#include "engine/protoconv/proto_enums.h"

#include "gtest/gtest.h"

namespace remit {
namespace {

// Every engine value maps to the wire value of the same name and back.
TEST(ProtoEnumsTest, NamesMatchBothWays) {
  for (int i = 0; i <= static_cast<int>(ProviderType::kOther); ++i) {
    auto value = static_cast<ProviderType>(i);
    std::string wire = v1::ProviderType_Name(ToProto(value));
    std::string name(Name(value));
    for (char& c : name) c = static_cast<char>(toupper(c));
    EXPECT_EQ(wire, "PROVIDER_TYPE_" + name);
    EXPECT_EQ(FromProto(ToProto(value)), value);
  }
  for (int i = 0; i <= static_cast<int>(PaymentInstrument::kOther); ++i) {
    auto value = static_cast<PaymentInstrument>(i);
    std::string name(Name(value));
    for (char& c : name) c = static_cast<char>(toupper(c));
    EXPECT_EQ(v1::PaymentInstrument_Name(ToProto(value)),
              "PAYMENT_INSTRUMENT_" + name);
    EXPECT_EQ(FromProto(ToProto(value)), value);
  }
  for (int i = 0; i <= static_cast<int>(AccessPoint::kOther); ++i) {
    auto value = static_cast<AccessPoint>(i);
    std::string name(Name(value));
    for (char& c : name) c = static_cast<char>(toupper(c));
    EXPECT_EQ(v1::AccessPoint_Name(ToProto(value)), "ACCESS_POINT_" + name);
    EXPECT_EQ(FromProto(ToProto(value)), value);
  }
  for (int i = 0; i <= static_cast<int>(ReceiveMethod::kOther); ++i) {
    auto value = static_cast<ReceiveMethod>(i);
    std::string name(Name(value));
    for (char& c : name) c = static_cast<char>(toupper(c));
    EXPECT_EQ(v1::ReceiveMethod_Name(ToProto(value)), "RECEIVE_METHOD_" + name);
    EXPECT_EQ(FromProto(ToProto(value)), value);
  }
  const char* speeds[] = {"LESS_THAN_ONE_HOUR", "SAME_DAY",
                          "NEXT_DAY",           "TWO_DAYS",
                          "THREE_TO_FIVE_DAYS", "SIX_DAYS_OR_MORE"};
  for (int i = 0; i <= static_cast<int>(Speed::kSixDaysOrMore); ++i) {
    auto value = static_cast<Speed>(i);
    EXPECT_EQ(v1::Speed_Name(ToProto(value)),
              std::string("SPEED_") + speeds[i]);
    EXPECT_EQ(FromProto(ToProto(value)), value);
  }
  EXPECT_EQ(v1::Coverage_Name(ToProto(Coverage::kHigh)), "COVERAGE_HIGH");
  EXPECT_EQ(FromProto(v1::COVERAGE_UNSPECIFIED), Coverage::kUnknown);
  EXPECT_EQ(FromProto(v1::COVERAGE_LOW), Coverage::kLow);
}

TEST(ProtoEnumsTest, DataNotesBothWays) {
  const std::pair<DataNote, v1::DataNote> notes[] = {
      {DataNote::kTotalDiffersFromParts,
       v1::DATA_NOTE_TOTAL_DIFFERS_FROM_PARTS},
      {DataNote::kNegativeTotal, v1::DATA_NOTE_NEGATIVE_TOTAL},
      {DataNote::kTotalAbove100Percent, v1::DATA_NOTE_TOTAL_ABOVE_100_PERCENT},
      {DataNote::kPayoutCurrencyUnknown, v1::DATA_NOTE_PAYOUT_CURRENCY_UNKNOWN},
      {DataNote::kRateImplausible, v1::DATA_NOTE_RATE_IMPLAUSIBLE},
  };
  for (const auto& [engine, wire] : notes) {
    EXPECT_EQ(ToProto(engine), wire);
    EXPECT_EQ(FromProto(wire), engine);
  }
  EXPECT_FALSE(FromProto(v1::DATA_NOTE_UNSPECIFIED).has_value());
}

TEST(ProtoEnumsTest, UnspecifiedHasNoEngineValue) {
  EXPECT_FALSE(FromProto(v1::SPEED_UNSPECIFIED).has_value());
  EXPECT_FALSE(FromProto(v1::PROVIDER_TYPE_UNSPECIFIED).has_value());
  EXPECT_FALSE(FromProto(static_cast<v1::Speed>(99)).has_value());
  EXPECT_EQ(FromProto(v1::FEE_CHARGING_UNSPECIFIED), FeeCharging::kOnTop);
  EXPECT_EQ(FromProto(v1::FEE_CHARGING_DEDUCTED), FeeCharging::kDeducted);
}

}  // namespace
}  // namespace remit
