#include "engine/money/money.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

CurrencyCode Code(const char* code) { return *CurrencyCode::FromString(code); }

struct ParseCase {
  const char* text;
  int64_t minor_units;
  const char* currency;
};

constexpr ParseCase kParses[] = {
    {"1234.50 USD", 123450, "USD"},
    {"1,234.50 USD", 123450, "USD"},
    {"USD 1234.50", 123450, "USD"},
    {"usd 1234.5", 123450, "USD"},
    {"  19.99   USD ", 1999, "USD"},  // 19.99 is exactly 1999 cents.
    {"120 GBP", 12000, "GBP"},
    {"4.99 GBP", 499, "GBP"},
    {"-3.00 EUR", -300, "EUR"},
    {"500 JPY", 500, "JPY"},
    {"1,000,000 JPY", 1000000, "JPY"},
    {"1.250 KWD", 1250, "KWD"},
    {"0.0001 CLF", 1, "CLF"},
    {"18,000 KES", 1800000, "KES"},
    {"92233720368547758.07 USD", std::numeric_limits<int64_t>::max(), "USD"},
};

TEST(MoneyTest, ParsesDocumentedForms) {
  for (const ParseCase& c : kParses) {
    absl::StatusOr<Money> money = Money::Parse(c.text);
    ASSERT_TRUE(money.ok()) << c.text << ": " << money.status();
    EXPECT_EQ(money->minor_units(), c.minor_units) << c.text;
    EXPECT_EQ(money->currency().code(), c.currency) << c.text;
  }
}

struct BadCase {
  const char* text;
  absl::StatusCode code;
  const char* message;
};

constexpr BadCase kBad[] = {
    {"", absl::StatusCode::kInvalidArgument,
     "'' is not an amount of money; write it as '1234.50 USD' or 'USD "
     "1234.50'"},
    {"USD", absl::StatusCode::kInvalidArgument,
     "'USD' is not an amount of money; write it as '1234.50 USD' or 'USD "
     "1234.50'"},
    {"1e5 USD", absl::StatusCode::kInvalidArgument,
     "'1e5 USD': amount is not a decimal number (no exponent allowed)"},
    {"NaN USD", absl::StatusCode::kInvalidArgument,
     "'NaN USD': amount is not a decimal number (unexpected character 'N')"},
    {"12.345 USD", absl::StatusCode::kInvalidArgument,
     "'12.345 USD': amount has more than 2 fractional digits, the most USD "
     "allows"},
    {"1.5 JPY", absl::StatusCode::kInvalidArgument,
     "'1.5 JPY': amount has more than 0 fractional digits, the most JPY "
     "allows"},
    {"12 ZZZ", absl::StatusCode::kInvalidArgument,
     "'12 ZZZ': 'ZZZ' is not an ISO 4217 currency code"},
    {"1,23 USD", absl::StatusCode::kInvalidArgument,
     "'1,23 USD': amount is not a decimal number (thousands groups must have "
     "three digits)"},
    {"92233720368547758.08 USD", absl::StatusCode::kOutOfRange,
     "'92233720368547758.08 USD': amount is too large"},
    {"12 USD EUR", absl::StatusCode::kInvalidArgument,
     "'12 USD EUR' is not an amount of money; write it as '1234.50 USD' or "
     "'USD 1234.50'"},
    {"12USD", absl::StatusCode::kInvalidArgument,
     "'12USD' is not an amount of money; write it as '1234.50 USD' or 'USD "
     "1234.50'"},
};

TEST(MoneyTest, RejectsWithMessagesNamingTheInput) {
  for (const BadCase& c : kBad) {
    absl::StatusOr<Money> money = Money::Parse(c.text);
    ASSERT_FALSE(money.ok()) << c.text << " parsed as " << *money;
    EXPECT_EQ(money.status().code(), c.code) << c.text;
    EXPECT_EQ(money.status().message(), c.message);
  }
}

TEST(MoneyTest, FormatsPerExponent) {
  EXPECT_EQ(Money::FromMinorUnits(123450, Code("USD")).ToString(),
            "1234.50 USD");
  EXPECT_EQ(Money::FromMinorUnits(500, Code("JPY")).ToString(), "500 JPY");
  EXPECT_EQ(Money::FromMinorUnits(1250, Code("KWD")).ToString(), "1.250 KWD");
  EXPECT_EQ(Money::FromMinorUnits(1, Code("CLF")).ToString(), "0.0001 CLF");
  EXPECT_EQ(Money::FromMinorUnits(-5, Code("EUR")).ToString(), "-0.05 EUR");
  EXPECT_EQ(Money::FromMinorUnits(-5, Code("EUR")).AmountString(), "-0.05");
}

TEST(MoneyTest, TextRoundTrips) {
  for (const ParseCase& c : kParses) {
    Money money = *Money::Parse(c.text);
    EXPECT_EQ(*Money::Parse(money.ToString()), money) << c.text;
  }
}

TEST(MoneyTest, FromDecimal) {
  EXPECT_EQ(Money::FromDecimal("207", Code("KES"))->minor_units(), 20700);
  EXPECT_EQ(Money::FromDecimal("517.5", Code("KES"))->minor_units(), 51750);
  EXPECT_EQ(Money::FromDecimal("0.5", Code("JPY")).status().message(),
            "'0.5': amount has more than 0 fractional digits, the most JPY "
            "allows");
}

// Data files take plain decimals: a comma may be a thousands separator or
// a decimal comma, and reading it as either could be wrong by 1000 times.
// What people type (Parse) keeps its thousands separators.
TEST(MoneyTest, FromDecimalTakesPlainDecimalsOnly) {
  for (const char* text : {"1,500", "6,500", "1,234.50", "6,5"}) {
    absl::StatusOr<Money> money = Money::FromDecimal(text, Code("USD"));
    ASSERT_FALSE(money.ok()) << text;
    EXPECT_EQ(money.status().message(),
              absl::StrCat("'", text,
                           "': amount is not a decimal number (',' is not "
                           "accepted: a plain decimal has no thousands "
                           "separator and '.' as its decimal point)"));
  }
  EXPECT_EQ(Money::Parse("1,500 USD")->minor_units(), 150000);
}

TEST(MoneyTest, AddAndSubtractWithinOneCurrency) {
  Money a = *Money::Parse("120 GBP");
  Money b = *Money::Parse("4.99 GBP");
  EXPECT_EQ(a.Add(b)->ToString(), "124.99 GBP");
  EXPECT_EQ(b.Subtract(a)->ToString(), "-115.01 GBP");
}

TEST(MoneyTest, MixingCurrenciesIsAnError) {
  absl::StatusOr<Money> sum =
      Money::Parse("1 USD")->Add(*Money::Parse("1 EUR"));
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(sum.status().message(),
            "cannot add 1.00 EUR to 1.00 USD: different currencies");
}

TEST(MoneyTest, OverflowIsAnErrorNeverAWrap) {
  Money max =
      Money::FromMinorUnits(std::numeric_limits<int64_t>::max(), Code("USD"));
  Money min =
      Money::FromMinorUnits(std::numeric_limits<int64_t>::min(), Code("USD"));
  Money cent = Money::FromMinorUnits(1, Code("USD"));
  EXPECT_EQ(max.Add(cent).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(min.Subtract(cent).status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_TRUE(max.Subtract(cent).ok());
}

struct UnitsNanosCase {
  int64_t units;
  int32_t nanos;
  const char* currency;
  int64_t minor_units;
};

constexpr UnitsNanosCase kUnitsNanos[] = {
    {12, 340000000, "USD", 1234}, {-12, -340000000, "USD", -1234},
    {0, -10000000, "USD", -1},    {500, 0, "JPY", 500},
    {1, 250000000, "KWD", 1250},  {0, 100000, "CLF", 1},
};

TEST(MoneyTest, UnitsAndNanosRoundTrip) {
  for (const UnitsNanosCase& c : kUnitsNanos) {
    absl::StatusOr<Money> money =
        Money::FromUnitsAndNanos(c.units, c.nanos, Code(c.currency));
    ASSERT_TRUE(money.ok()) << money.status();
    EXPECT_EQ(money->minor_units(), c.minor_units);
    EXPECT_EQ(money->units(), c.units);
    EXPECT_EQ(money->nanos(), c.nanos);
  }
}

TEST(MoneyTest, UnitsAndNanosRejects) {
  EXPECT_EQ(
      Money::FromUnitsAndNanos(1, 5000000, Code("USD")).status().message(),
      "{units: 1, nanos: 5000000, currency_code: 'USD'}: more than 2 "
      "decimal places, the most USD allows");
  EXPECT_EQ(Money::FromUnitsAndNanos(1, -10000000, Code("USD")).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(
      Money::FromUnitsAndNanos(0, 1000000000, Code("USD")).status().code(),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Money::FromUnitsAndNanos(std::numeric_limits<int64_t>::max(), 0,
                                     Code("USD"))
                .status()
                .code(),
            absl::StatusCode::kOutOfRange);
  EXPECT_EQ(Money::FromUnitsAndNanos(1, 1, Code("JPY")).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace remit
