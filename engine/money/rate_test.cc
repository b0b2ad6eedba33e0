#include "engine/money/rate.h"

#include <limits>

#include "gtest/gtest.h"

namespace remit {
namespace {

CurrencyCode Code(const char* code) { return *CurrencyCode::FromString(code); }
Rate R(const char* text) { return *Rate::FromString(text); }
Money M(const char* text) { return *Money::Parse(text); }

TEST(RateTest, ParsesExactly) {
  EXPECT_EQ(R("163.8815").scaled(), 163881500000000);
  EXPECT_EQ(R("0.000651").scaled(), 651000000);
  EXPECT_EQ(R("6.51E-04").scaled(), 651000000);
  EXPECT_EQ(R("0.000000000001").scaled(), 1);
  EXPECT_EQ(R("163.8815").ToString(), "163.8815");
  EXPECT_EQ(R("0.000651").ToString(), "0.000651");
  EXPECT_EQ(R("1").ToString(), "1");
}

TEST(RateTest, Rejects) {
  struct Case {
    const char* text;
    absl::StatusCode code;
    const char* message;
  };
  const Case cases[] = {
      {"0", absl::StatusCode::kInvalidArgument,
       "'0': rate must be greater than zero"},
      {"-1.5", absl::StatusCode::kInvalidArgument,
       "'-1.5': rate must not be negative"},
      {"0.0000000000001", absl::StatusCode::kInvalidArgument,
       "'0.0000000000001': rate has more than 12 fractional digits"},
      {"10000000", absl::StatusCode::kOutOfRange,
       "'10000000': rate is too large"},
      {"abc", absl::StatusCode::kInvalidArgument,
       "'abc': rate is not a decimal number (unexpected character 'a')"},
      {"6,500", absl::StatusCode::kInvalidArgument,
       "'6,500': rate is not a decimal number (',' is not accepted: a plain "
       "decimal has no thousands separator and '.' as its decimal point)"},
      {"1,234.5", absl::StatusCode::kInvalidArgument,
       "'1,234.5': rate is not a decimal number (',' is not accepted: a "
       "plain decimal has no thousands separator and '.' as its decimal "
       "point)"},
      {"", absl::StatusCode::kInvalidArgument,
       "'': rate is not a decimal number (empty)"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Rate> rate = Rate::FromString(c.text);
    ASSERT_FALSE(rate.ok()) << c.text;
    EXPECT_EQ(rate.status().code(), c.code) << c.text;
    EXPECT_EQ(rate.status().message(), c.message);
  }
  EXPECT_FALSE(Rate::FromScaled(0).ok());
}

struct ConvertCase {
  const char* amount;
  const char* rate;
  const char* to;
  RoundingMode mode;
  const char* expected;
};

// Expected values worked out by hand.
constexpr ConvertCase kConversions[] = {
    // 120 x 163.8815 = 19665.78 exactly.
    {"120 GBP", "163.8815", "BDT", RoundingMode::kHalfEven, "19665.78 BDT"},
    // 200 x 17.1234 = 3424.68 exactly.
    {"200 USD", "17.1234", "MXN", RoundingMode::kHalfEven, "3424.68 MXN"},
    // 0-decimal to 2-decimal: 10000 JPY x 0.3712 = 3712.00 PHP.
    {"10000 JPY", "0.3712", "PHP", RoundingMode::kHalfEven, "3712.00 PHP"},
    // 3-decimal to 2-decimal: 61.500 KWD x 270.123 = 16612.5645 -> 16612.56.
    {"61.500 KWD", "270.123", "INR", RoundingMode::kHalfEven, "16612.56 INR"},
    // 2-decimal to 0-decimal: 100 USD x 156.785 = 15678.5 JPY: a tie.
    {"100 USD", "156.785", "JPY", RoundingMode::kHalfEven, "15678 JPY"},
    {"100 USD", "156.785", "JPY", RoundingMode::kHalfAwayFromZero, "15679 JPY"},
    {"100 USD", "156.795", "JPY", RoundingMode::kHalfEven, "15680 JPY"},
    {"100 USD", "156.785", "JPY", RoundingMode::kFloor, "15678 JPY"},
    {"100 USD", "156.781", "JPY", RoundingMode::kCeiling, "15679 JPY"},
    // Tiny rates: 295000 TZS x 0.000651 = 192.045 KES -> 192.04 (tie, even).
    {"295000 TZS", "0.000651", "KES", RoundingMode::kHalfEven, "192.04 KES"},
    {"295000 TZS", "0.000651", "KES", RoundingMode::kHalfAwayFromZero,
     "192.05 KES"},
    // Negative amounts round symmetrically under half-even.
    {"-100 USD", "156.785", "JPY", RoundingMode::kHalfEven, "-15678 JPY"},
    // 4-decimal: 1 CLF x 39485.65 = 39485.65 CLP -> 39486 (half-even, .65).
    {"1.0000 CLF", "39485.65", "CLP", RoundingMode::kHalfEven, "39486 CLP"},
};

TEST(ConvertTest, Table) {
  for (const ConvertCase& c : kConversions) {
    absl::StatusOr<Money> converted =
        Convert(M(c.amount), R(c.rate), Code(c.to), c.mode);
    ASSERT_TRUE(converted.ok()) << c.amount << ": " << converted.status();
    EXPECT_EQ(converted->ToString(), c.expected)
        << c.amount << " x " << c.rate << " " << RoundingModeName(c.mode);
  }
}

TEST(ConvertTest, OverflowIsAnError) {
  Money huge =
      Money::FromMinorUnits(std::numeric_limits<int64_t>::max(), Code("USD"));
  absl::StatusOr<Money> converted = Convert(huge, R("9000000"), Code("VND"));
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kOutOfRange);
}

TEST(ConvertBackTest, InvertsARate) {
  // 19665.78 BDT / 163.8815 = 120.00 GBP exactly.
  EXPECT_EQ(
      ConvertBack(M("19665.78 BDT"), R("163.8815"), Code("GBP"))->ToString(),
      "120.00 GBP");
  // 3712 PHP / 0.3712 = 10000 JPY.
  EXPECT_EQ(ConvertBack(M("3712.00 PHP"), R("0.3712"), Code("JPY"))->ToString(),
            "10000 JPY");
  // 100 MXN / 17.1234 = 5.8399... USD: floor 5.83, ceiling 5.84.
  EXPECT_EQ(
      ConvertBack(M("100 MXN"), R("17.1234"), Code("USD"), RoundingMode::kFloor)
          ->ToString(),
      "5.83 USD");
  EXPECT_EQ(ConvertBack(M("100 MXN"), R("17.1234"), Code("USD"),
                        RoundingMode::kCeiling)
                ->ToString(),
            "5.84 USD");
}

// The worked example of the methodology (RPW, Q3 2025, UK -> Bangladesh,
// MoneyGram, debit card, cash): A = 120 GBP, F = 4.99 GBP,
// r = 163.8815, m = 168.459165 -> M = 2.72 %, F/A = 4.16 %, C = 6.88 %.
TEST(MarginTest, RpwWorkedExample) {
  Percent margin = *MarginBelow(R("163.8815"), R("168.459165"));
  // (168.459165 - 163.8815) / 168.459165 * 100 = 2.717374...%.
  EXPECT_EQ(margin.ToString(), "2.72");
  EXPECT_EQ(margin.ToString(4), "2.7174");
  Percent fee_share =
      *Percent::FromRatio(M("4.99 GBP").minor_units(),
                          M("120 GBP").minor_units(), RoundingMode::kHalfEven);
  EXPECT_EQ(fee_share.ToString(), "4.16");
  EXPECT_EQ(fee_share.Add(margin)->ToString(), "6.88");
}

TEST(MarginTest, NegativeMarginIsShownNotClamped) {
  // A promotion: the provider gives 170 where mid is 168.459165.
  Percent margin = *MarginBelow(R("170"), R("168.459165"));
  EXPECT_LT(margin, Percent());
  EXPECT_EQ(margin.ToString(), "-0.91");
  EXPECT_EQ(MarginBelow(R("5"), R("5"))->scaled(), 0);
}

}  // namespace
}  // namespace remit
