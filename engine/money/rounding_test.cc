#include "engine/money/rounding.h"

#include <cstdint>
#include <limits>

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

// A reference in int128 only: 2|r| against d decides the half cases.
absl::int128 Reference(absl::int128 n, absl::int128 d, RoundingMode mode) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const absl::int128 q = n / d;
  const absl::int128 r = n % d;
  if (r == 0) return q;
  const int step = n < 0 ? -1 : 1;
  const absl::int128 twice = (r < 0 ? -r : r) * 2;
  switch (mode) {
    case RoundingMode::kHalfEven:
      return twice > d || (twice == d && q % 2 != 0) ? q + step : q;
    case RoundingMode::kHalfAwayFromZero:
      return twice >= d ? q + step : q;
    case RoundingMode::kFloor:
      return n < 0 ? q - 1 : q;
    case RoundingMode::kCeiling:
      return n > 0 ? q + 1 : q;
    case RoundingMode::kTowardZero:
      return q;
  }
  return q;
}

// Operands on both sides of the int64 limits take both division paths.
TEST(DivideRoundedTest, AgreesWithReferenceAcrossTheInt64Limits) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  const absl::int128 numerators[] = {kMin,
                                     absl::int128(kMin) - 1,
                                     kMin + 1,
                                     kMax,
                                     absl::int128(kMax) + 1,
                                     kMax - 1,
                                     0,
                                     1,
                                     -1,
                                     7,
                                     -7,
                                     1000000000000,
                                     absl::int128(kMax) * 3 + 5,
                                     -(absl::int128(kMax) * 3 + 5)};
  const absl::int128 denominators[] = {1,
                                       -1,
                                       2,
                                       -2,
                                       3,
                                       7,
                                       1000000000000,
                                       kMax,
                                       absl::int128(kMax) + 1,
                                       -absl::int128(kMax),
                                       absl::int128(kMax) * 2};
  const RoundingMode modes[] = {
      RoundingMode::kHalfEven, RoundingMode::kHalfAwayFromZero,
      RoundingMode::kFloor, RoundingMode::kCeiling, RoundingMode::kTowardZero};
  for (absl::int128 n : numerators) {
    for (absl::int128 d : denominators) {
      for (RoundingMode mode : modes) {
        EXPECT_EQ(DivideRounded(n, d, mode), Reference(n, d, mode))
            << n << "/" << d << " " << RoundingModeName(mode);
      }
    }
  }
}

}  // namespace
}  // namespace remit
