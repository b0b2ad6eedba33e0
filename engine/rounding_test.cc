#include "engine/rounding.h"

#include "gtest/gtest.h"

namespace remit {
namespace {

struct Case {
  int64_t numerator;
  int64_t denominator;
  RoundingMode mode;
  int64_t expected;
};

// Each row states the true quotient in the comment.
constexpr Case kCases[] = {
    // Ties: 2.5, 3.5, -2.5, -3.5.
    {5, 2, RoundingMode::kHalfEven, 2},
    {7, 2, RoundingMode::kHalfEven, 4},
    {-5, 2, RoundingMode::kHalfEven, -2},
    {-7, 2, RoundingMode::kHalfEven, -4},
    {5, 2, RoundingMode::kHalfAwayFromZero, 3},
    {-5, 2, RoundingMode::kHalfAwayFromZero, -3},
    {5, 2, RoundingMode::kFloor, 2},
    {-5, 2, RoundingMode::kFloor, -3},
    {5, 2, RoundingMode::kCeiling, 3},
    {-5, 2, RoundingMode::kCeiling, -2},
    {5, 2, RoundingMode::kTowardZero, 2},
    {-5, 2, RoundingMode::kTowardZero, -2},
    // Not ties: 2.7 and -2.7, 2.3 and -2.3.
    {27, 10, RoundingMode::kHalfEven, 3},
    {-27, 10, RoundingMode::kHalfEven, -3},
    {23, 10, RoundingMode::kHalfEven, 2},
    {-23, 10, RoundingMode::kHalfAwayFromZero, -2},
    {23, 10, RoundingMode::kCeiling, 3},
    {-27, 10, RoundingMode::kCeiling, -2},
    {27, 10, RoundingMode::kFloor, 2},
    {-23, 10, RoundingMode::kFloor, -3},
    {27, 10, RoundingMode::kTowardZero, 2},
    // Exact quotients never move.
    {10, 5, RoundingMode::kCeiling, 2},
    {-10, 5, RoundingMode::kFloor, -2},
    // Negative denominators.
    {5, -2, RoundingMode::kHalfEven, -2},
    {5, -2, RoundingMode::kFloor, -3},
    {-5, -2, RoundingMode::kCeiling, 3},
    // Zero.
    {0, 7, RoundingMode::kCeiling, 0},
};

TEST(DivideRoundedTest, Table) {
  for (const Case& c : kCases) {
    EXPECT_EQ(DivideRounded(c.numerator, c.denominator, c.mode), c.expected)
        << c.numerator << "/" << c.denominator << " "
        << RoundingModeName(c.mode);
  }
}

TEST(DivideRoundedTest, LargeValuesStayExact) {
  const absl::int128 big = absl::MakeInt128(1, 0);  // 2^64
  EXPECT_EQ(DivideRounded(big * 3 + 1, 2, RoundingMode::kHalfEven),
            big * 3 / 2);  // x.5 with an even neighbour below
  EXPECT_EQ(DivideRounded(big * 3 + 1, 2, RoundingMode::kCeiling),
            big * 3 / 2 + 1);
}

}  // namespace
}  // namespace remit
