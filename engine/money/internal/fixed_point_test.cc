#include "engine/money/internal/fixed_point.h"

#include <cstdint>
#include <limits>

#include "gtest/gtest.h"

namespace remit::engine_internal {
namespace {

struct GoodCase {
  const char* text;
  int scale;
  bool grouping;
  bool exponent;
  int64_t expected;
};

constexpr GoodCase kGood[] = {
    {"0", 2, false, false, 0},
    {"-0", 2, false, false, 0},
    {"19.99", 2, false, false, 1999},
    {"19.9", 2, false, false, 1990},
    {"007.50", 2, false, false, 750},
    {"1,234,567.89", 2, true, false, 123456789},
    {"163.8815", 12, false, false, 163881500000000},
    {"0.000651", 12, false, false, 651000000},
    {"6.51E-04", 12, false, true, 651000000},
    {"6.51e+2", 0, false, true, 651},
    {"1.50", 1, false, false, 15},  // A trailing zero beyond the scale.
    {"-12.5", 1, false, false, -125},
    {"9223372036854775807", 0, false, false,
     std::numeric_limits<int64_t>::max()},
    {"-9223372036854775808", 0, false, false,
     std::numeric_limits<int64_t>::min()},
    {"92233720368547758.07", 2, false, false,
     std::numeric_limits<int64_t>::max()},
};

TEST(ParseScaledTest, Accepts) {
  for (const GoodCase& c : kGood) {
    ParseOptions options;
    options.scale = c.scale;
    options.allow_grouping = c.grouping;
    options.allow_exponent = c.exponent;
    absl::StatusOr<int64_t> value = ParseScaled(c.text, options);
    ASSERT_TRUE(value.ok()) << c.text << ": " << value.status();
    EXPECT_EQ(*value, c.expected) << c.text;
  }
}

struct BadCase {
  const char* text;
  int scale;
  absl::StatusCode code;
  const char* message_part;
};

constexpr BadCase kBad[] = {
    {"", 2, absl::StatusCode::kInvalidArgument, "empty"},
    {"-", 2, absl::StatusCode::kInvalidArgument, "no digits"},
    {"NaN", 2, absl::StatusCode::kInvalidArgument, "'N'"},
    {"inf", 2, absl::StatusCode::kInvalidArgument, "'i'"},
    {"1e5", 2, absl::StatusCode::kInvalidArgument, "exponent"},
    {"12.345", 2, absl::StatusCode::kInvalidArgument, "more than 2 fractional"},
    {"1.", 2, absl::StatusCode::kInvalidArgument, "after the decimal point"},
    {".5", 2, absl::StatusCode::kInvalidArgument, "before the decimal point"},
    {"1.2.3", 2, absl::StatusCode::kInvalidArgument, "'.'"},
    {"+5", 2, absl::StatusCode::kInvalidArgument, "'+'"},
    {" 5", 2, absl::StatusCode::kInvalidArgument, "' '"},
    {"1,234", 2, absl::StatusCode::kInvalidArgument, "','"},
    {"9223372036854775808", 0, absl::StatusCode::kOutOfRange, "too large"},
    {"92233720368547758.08", 2, absl::StatusCode::kOutOfRange, "too large"},
    {"100000000000000000000000", 0, absl::StatusCode::kOutOfRange, "too large"},
};

TEST(ParseScaledTest, Rejects) {
  for (const BadCase& c : kBad) {
    ParseOptions options;
    options.scale = c.scale;
    absl::StatusOr<int64_t> value = ParseScaled(c.text, options);
    ASSERT_FALSE(value.ok()) << "'" << c.text << "' parsed as " << *value;
    EXPECT_EQ(value.status().code(), c.code) << c.text;
    EXPECT_NE(value.status().message().find(c.message_part),
              absl::string_view::npos)
        << c.text << ": " << value.status();
  }
}

TEST(ParseScaledTest, GroupingMustBeInThrees) {
  ParseOptions options;
  options.scale = 2;
  options.allow_grouping = true;
  for (const char* bad : {"1,23", "1234,567", ",123", "1,,234", "12,3456"}) {
    EXPECT_FALSE(ParseScaled(bad, options).ok()) << bad;
  }
  EXPECT_EQ(*ParseScaled("12,345", options), 1234500);
}

TEST(ParseScaledTest, NegativeCanBeRefused) {
  ParseOptions options;
  options.allow_negative = false;
  EXPECT_EQ(ParseScaled("-1", options).status().message(),
            "must not be negative");
}

// ParsePlainScaled takes the plain numerals ParseScaled takes, with the
// same value, and leaves everything else (extensions, errors) to it.
TEST(ParsePlainScaledTest, AgreesWithParseScaled) {
  struct Case {
    const char* text;
    ParseOptions options;
    bool plain;
  };
  ParseOptions rate;
  rate.scale = 12;
  rate.allow_negative = false;
  rate.allow_exponent = true;
  ParseOptions cents;
  cents.scale = 2;
  ParseOptions whole;
  ParseOptions grouped;
  grouped.scale = 2;
  grouped.allow_grouping = true;
  const Case cases[] = {
      {"20.5", rate, true},
      {"163.8815", rate, true},
      {"0.000000000001", rate, true},
      {"0.0000000000001", rate, false},  // More digits than the scale.
      {"-1.5", rate, false},             // Negative refused.
      {"6.51E-04", rate, false},         // Exponent: the general path.
      {"3.99", cents, true},
      {"-3", cents, true},
      {"0", cents, true},
      {"007.10", cents, true},
      {"1234567890123456.78", cents, true},    // 18 digits.
      {"12345678901234567.89", cents, false},  // 19: the general path.
      {"92233720368547758.07", cents, false},
      {"3.999", cents, false},
      {"12.", cents, false},
      {".5", cents, false},
      {"", cents, false},
      {"-", cents, false},
      {"1,234.50", grouped, false},
      {"1.5", whole, false},
      {"42", whole, true},
      {"1x", whole, false},
  };
  for (const Case& c : cases) {
    int64_t plain = 0;
    const bool taken = ParsePlainScaled(c.text, c.options, &plain);
    EXPECT_EQ(taken, c.plain) << c.text;
    absl::StatusOr<int64_t> full = ParseScaled(c.text, c.options);
    if (taken) {
      ASSERT_TRUE(full.ok()) << c.text;
      EXPECT_EQ(plain, *full) << c.text;
    }
  }
}

TEST(Pow10Test, EveryPower) {
  absl::int128 expected = 1;
  for (int n = 0; n <= 38; ++n) {
    EXPECT_EQ(Pow10(n), expected) << n;
    if (n < 38) expected *= 10;
  }
}

TEST(FormatScaledTest, Table) {
  EXPECT_EQ(FormatScaled(123450, 2, 2), "1234.50");
  EXPECT_EQ(FormatScaled(-5, 2, 2), "-0.05");
  EXPECT_EQ(FormatScaled(500, 0, 0), "500");
  EXPECT_EQ(FormatScaled(163881500000000, 12, 0), "163.8815");
  EXPECT_EQ(FormatScaled(1000000000000, 12, 0), "1");
  EXPECT_EQ(FormatScaled(651000000, 12, 0), "0.000651");
  EXPECT_EQ(FormatScaled(std::numeric_limits<int64_t>::min(), 2, 2),
            "-92233720368547758.08");
  EXPECT_EQ(FormatScaled(std::numeric_limits<int64_t>::max(), 18, 0),
            "9.223372036854775807");
  EXPECT_EQ(FormatScaled(0, 0, 0), "0");
  EXPECT_EQ(FormatScaled(0, 3, 0), "0");
  EXPECT_EQ(FormatScaled(0, 3, 2), "0.00");
  EXPECT_EQ(FormatScaled(-1000000000000, 12, 0), "-1");
  // Trailing zeros go down to `min_fraction_digits`, no further.
  EXPECT_EQ(FormatScaled(1200, 3, 1), "1.2");
  EXPECT_EQ(FormatScaled(1000, 3, 1), "1.0");
  EXPECT_EQ(FormatScaled(1000, 3, 3), "1.000");
  EXPECT_EQ(FormatScaled(1020, 3, 0), "1.02");
  EXPECT_EQ(FormatScaled(-7, 9, 2), "-0.000000007");
}

// FormatScaled against the plainest reference: the magnitude's digits,
// padded, a point put in, trailing zeros dropped one by one.
std::string ReferenceFormat(int64_t value, int scale, int min_fraction_digits) {
  const bool negative = value < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value)
                                      : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  if (digits.size() < static_cast<size_t>(scale) + 1) {
    digits.insert(0, scale + 1 - digits.size(), '0');
  }
  std::string whole = digits.substr(0, digits.size() - scale);
  std::string fraction = digits.substr(digits.size() - scale);
  while (fraction.size() > static_cast<size_t>(min_fraction_digits) &&
         fraction.back() == '0') {
    fraction.pop_back();
  }
  return (negative ? "-" : "") + whole +
         (fraction.empty() ? "" : "." + fraction);
}

TEST(FormatScaledTest, MatchesAReferenceOnManyValues) {
  uint64_t state = 88172645463325252u;  // xorshift64: a fixed sequence.
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  for (int i = 0; i < 200000; ++i) {
    // Values of every length, a third of them with trailing zeros.
    const int64_t base = static_cast<int64_t>(next() >> (1 + next() % 63));
    const int64_t power = static_cast<int64_t>(Pow10(next() % 10));
    const int64_t magnitude = i % 3 == 0 ? base / power * power : base;
    const int64_t value = i % 2 == 0 ? magnitude : -magnitude;
    const int scale = static_cast<int>(next() % (kMaxScale + 1));
    const int min_digits = static_cast<int>(next() % (scale + 1));
    ASSERT_EQ(FormatScaled(value, scale, min_digits),
              ReferenceFormat(value, scale, min_digits))
        << value << " scale " << scale << " min " << min_digits;
  }
}

}  // namespace
}  // namespace remit::engine_internal
