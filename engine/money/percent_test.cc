#include "engine/money/percent.h"

#include <limits>

#include "gtest/gtest.h"

namespace remit {
namespace {

TEST(PercentTest, ParsesExactly) {
  EXPECT_EQ(Percent::FromString("2.72")->scaled(), 2720000000);
  EXPECT_EQ(Percent::FromString("-0.5")->scaled(), -500000000);
  EXPECT_EQ(Percent::FromString("300")->scaled(), 300000000000);
  EXPECT_EQ(Percent::FromString("6.51E-01")->scaled(), 651000000);
  EXPECT_EQ(Percent::FromString("0.000000001")->scaled(), 1);
}

TEST(PercentTest, RejectsWithTheInput) {
  EXPECT_EQ(Percent::FromString("2,7").status().message(),
            "'2,7': percentage is not a decimal number (',' is not accepted: "
            "a plain decimal has no thousands separator and '.' as its "
            "decimal point)");
  EXPECT_EQ(Percent::FromString("0.0000000001").status().message(),
            "'0.0000000001': percentage has more than 9 fractional digits");
  EXPECT_FALSE(Percent::FromString("").ok());
  EXPECT_FALSE(Percent::FromString("NaN").ok());
}

struct DisplayCase {
  int64_t scaled;
  int digits;
  const char* text;
};

// Display rounds half away from zero.
constexpr DisplayCase kDisplay[] = {
    {2720000000, 2, "2.72"},  {2725000000, 2, "2.73"},
    {2724999999, 2, "2.72"},  {-2725000000, 2, "-2.73"},
    {-500000000, 2, "-0.50"}, {0, 2, "0.00"},
    {4158333333, 2, "4.16"},  {4158333333, 4, "4.1583"},
    {300000000000, 0, "300"}, {1, 9, "0.000000001"},
    {-4000000, 2, "0.00"},  // No negative zero.
};

TEST(PercentTest, ToStringRoundsHalfAwayFromZero) {
  for (const DisplayCase& c : kDisplay) {
    EXPECT_EQ(Percent::FromScaled(c.scaled).ToString(c.digits), c.text)
        << c.scaled;
  }
}

TEST(PercentTest, FromRatio) {
  // 4.99 / 120 = 4.158333...%: half-even and floor agree, ceiling goes up.
  EXPECT_EQ(Percent::FromRatio(499, 12000, RoundingMode::kHalfEven)->scaled(),
            4158333333);
  EXPECT_EQ(Percent::FromRatio(499, 12000, RoundingMode::kCeiling)->scaled(),
            4158333334);
  // 1/8 = 12.5 % exactly.
  EXPECT_EQ(Percent::FromRatio(1, 8, RoundingMode::kHalfEven)->scaled(),
            12500000000);
  EXPECT_EQ(Percent::FromRatio(-1, 3, RoundingMode::kHalfEven)->scaled(),
            -33333333333);
  EXPECT_EQ(Percent::FromRatio(1, 0, RoundingMode::kHalfEven).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Percent::FromRatio(std::numeric_limits<int64_t>::max(), 1,
                               RoundingMode::kHalfEven)
                .status()
                .code(),
            absl::StatusCode::kOutOfRange);
}

TEST(PercentTest, AddIsChecked) {
  Percent a = *Percent::FromString("4.16");
  EXPECT_EQ(a.Add(*Percent::FromString("2.72"))->ToString(), "6.88");
  EXPECT_EQ(Percent::FromScaled(std::numeric_limits<int64_t>::max())
                .Add(Percent::FromScaled(1))
                .status()
                .code(),
            absl::StatusCode::kOutOfRange);
}

TEST(PercentTest, Ordering) {
  EXPECT_LT(*Percent::FromString("-1"), *Percent::FromString("0.5"));
  EXPECT_EQ(*Percent::FromString("1.50"), *Percent::FromString("1.5"));
}

}  // namespace
}  // namespace remit
