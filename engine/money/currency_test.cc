#include "engine/money/currency.h"

#include "absl/container/flat_hash_set.h"
#include "gtest/gtest.h"

namespace remit {
namespace engine_internal {
bool CurrencyTableIsSorted();
}  // namespace engine_internal
namespace {

TEST(CurrencyCodeTest, TableIsSorted) {
  EXPECT_TRUE(engine_internal::CurrencyTableIsSorted());
}

struct ExponentCase {
  const char* code;
  int exponent;
};

// Exponents from ISO 4217 List One; the disputed ones follow ISO (see
// currency.cc).
constexpr ExponentCase kExponents[] = {
    {"JPY", 0}, {"KRW", 0}, {"VND", 0}, {"XOF", 0}, {"XAF", 0}, {"UGX", 0},
    {"RWF", 0}, {"CLP", 0}, {"ISK", 0}, {"PYG", 0}, {"USD", 2}, {"EUR", 2},
    {"GBP", 2}, {"INR", 2}, {"PHP", 2}, {"MXN", 2}, {"NGN", 2}, {"KES", 2},
    {"TZS", 2}, {"BDT", 2}, {"IDR", 2}, {"MGA", 2}, {"MRU", 2}, {"KWD", 3},
    {"BHD", 3}, {"OMR", 3}, {"JOD", 3}, {"TND", 3}, {"LYD", 3}, {"IQD", 3},
    {"CLF", 4}, {"UYW", 4},
};

TEST(CurrencyCodeTest, Exponents) {
  for (const ExponentCase& c : kExponents) {
    absl::StatusOr<CurrencyCode> code = CurrencyCode::FromString(c.code);
    ASSERT_TRUE(code.ok()) << c.code;
    EXPECT_EQ(code->code(), c.code);
    EXPECT_EQ(code->exponent(), c.exponent) << c.code;
  }
}

TEST(CurrencyCodeTest, AnyCaseBecomesUpper) {
  EXPECT_EQ(CurrencyCode::FromString("usd")->code(), "USD");
  EXPECT_EQ(*CurrencyCode::FromString("Kwd"), *CurrencyCode::FromString("KWD"));
}

TEST(CurrencyCodeTest, RejectsUnknownWithTheInput) {
  for (const char* bad : {"", "US", "USDD", "ZZZ", "12$", "U D"}) {
    absl::StatusOr<CurrencyCode> code = CurrencyCode::FromString(bad);
    ASSERT_FALSE(code.ok()) << bad;
    EXPECT_EQ(code.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_EQ(code.status().message(),
              absl::StrCat("'", bad, "' is not an ISO 4217 currency code"));
  }
}

TEST(CurrencyCodeTest, WithdrawnCodesAreKnownAndMarked) {
  EXPECT_TRUE(CurrencyCode::FromString("HRK")->withdrawn());
  EXPECT_TRUE(CurrencyCode::FromString("SLL")->withdrawn());
  EXPECT_FALSE(CurrencyCode::FromString("SLE")->withdrawn());
}

TEST(CurrencyCodeTest, DefaultIsNoCurrency) {
  EXPECT_EQ(CurrencyCode().code(), "XXX");
  EXPECT_EQ(CurrencyCode().exponent(), 0);
}

TEST(CurrencyCodeTest, EqualityAndHashing) {
  absl::flat_hash_set<CurrencyCode> set;
  set.insert(*CurrencyCode::FromString("USD"));
  set.insert(*CurrencyCode::FromString("usd"));
  set.insert(*CurrencyCode::FromString("EUR"));
  EXPECT_EQ(set.size(), 2u);
  EXPECT_LT(*CurrencyCode::FromString("EUR"), *CurrencyCode::FromString("USD"));
}

}  // namespace
}  // namespace remit
