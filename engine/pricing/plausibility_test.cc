#include "engine/pricing/plausibility.h"

#include <string>

#include "gtest/gtest.h"

namespace remit {
namespace {

Rate R(const std::string& text) { return *Rate::FromString(text); }

struct Case {
  const char* name;
  const char* rate;
  const char* mid;
  bool plausible;
  bool looks_inverted;
  const char* margin;   // Percent::ToString(); "" when it does not fit.
  const char* inverse;  // "" when not inverted.
  int power_of_ten_off = 0;
};

TEST(CheckRateTest, Band) {
  const Case cases[] = {
      // Real rows: RPW's widest margins and a promotion.
      {"rpw_bank_23", "0.3836", "0.4983", true, false, "23.02", ""},
      {"rpw_promo", "0.0006627", "0.00066", true, false, "-0.41", ""},
      {"edge_high", "50", "100", true, false, "50.00", ""},
      {"edge_low", "120", "100", true, false, "-20.00", ""},
      {"just_above", "49.999999", "100", false, false, "50.00", ""},
      {"just_below", "120.000001", "100", false, false, "-20.00", ""},
      {"ten_times_low", "64.5", "645", false, false, "90.00", "", -1},
      {"ten_times_high", "6450", "645", false, false, "-900.00", "", 1},
      {"hundred_times_low", "6.45", "645", false, false, "99.00", "", -2},
      {"hundred_times_high", "64500", "645", false, false, "-9900.00", "", 2},
      {"thousand_times_high", "645000", "645", false, false, "-99900.00", "",
       3},
      {"inverted_xof", "0.001524", "655.957", false, true, "100.00",
       "656.167979"},
      {"inverted_rpw", "0.006", "168", false, true, "100.00", "166.666667"},
      {"inverted_small_mid", "1680", "0.000595", false, true, "-282352841.18",
       "0.000595"},
      // Near parity an inverted rate stays in the band.
      {"inverted_near_parity", "0.92", "1.08", true, false, "14.81", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const RateCheck check = CheckRate(R(c.rate), R(c.mid));
    EXPECT_EQ(check.plausible, c.plausible);
    EXPECT_EQ(check.looks_inverted, c.looks_inverted);
    EXPECT_EQ(check.power_of_ten_off, c.power_of_ten_off);
    ASSERT_TRUE(check.margin.has_value());
    EXPECT_EQ(check.margin->ToString(), c.margin);
    if (c.looks_inverted) {
      ASSERT_TRUE(check.inverse.has_value());
      EXPECT_EQ(check.inverse->ToString(), c.inverse);
      ASSERT_TRUE(check.inverse_margin.has_value());
      EXPECT_TRUE(PlausibleMargin(*check.inverse_margin));
    } else {
      EXPECT_FALSE(check.inverse.has_value());
    }
  }
}

TEST(CheckRateTest, MarginTooLargeForAPercentIsImplausible) {
  const RateCheck check = CheckRate(R("9000000"), R("0.000000000001"));
  EXPECT_FALSE(check.plausible);
  EXPECT_FALSE(check.margin.has_value());
}

TEST(PlausibleMarginTest, Bounds) {
  EXPECT_TRUE(PlausibleMargin(*Percent::FromString("-20")));
  EXPECT_TRUE(PlausibleMargin(*Percent::FromString("50")));
  EXPECT_FALSE(PlausibleMargin(*Percent::FromString("-20.000000001")));
  EXPECT_FALSE(PlausibleMargin(*Percent::FromString("50.000000001")));
}

}  // namespace
}  // namespace remit
