#include "engine/model/period.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace remit {
namespace {

TEST(PeriodTest, ParsesYearAndQuarter) {
  absl::StatusOr<Period> p = Period::Parse("2024_2Q");
  ASSERT_TRUE(p.ok()) << p.status();
  EXPECT_EQ(p->year(), 2024);
  EXPECT_EQ(p->quarter(), 2);
  EXPECT_EQ(p->ToString(), "2024_2Q");
  EXPECT_EQ(*p, *Period::Create(2024, 2));
}

TEST(PeriodTest, RoundTripsEveryQuarter) {
  for (const char* text :
       {"2011_1Q", "2011_3Q", "2025_3Q", "2025_4Q", "1000_1Q", "9999_4Q"}) {
    absl::StatusOr<Period> p = Period::Parse(text);
    ASSERT_TRUE(p.ok()) << text << ": " << p.status();
    EXPECT_EQ(p->ToString(), text);
  }
}

TEST(PeriodTest, OrdersByTime) {
  std::vector<Period> periods = {*Period::Parse("2025_1Q"),
                                 *Period::Parse("2024_4Q"),
                                 *Period::Parse("2024_2Q")};
  std::sort(periods.begin(), periods.end());
  EXPECT_EQ(periods[0].ToString(), "2024_2Q");
  EXPECT_EQ(periods[1].ToString(), "2024_4Q");
  EXPECT_EQ(periods[2].ToString(), "2025_1Q");
  EXPECT_LT(*Period::Parse("2024_4Q"), *Period::Parse("2025_1Q"));
  EXPECT_GT(*Period::Parse("2024_2Q"), *Period::Parse("2024_1Q"));
  EXPECT_NE(*Period::Parse("2024_2Q"), *Period::Parse("2023_2Q"));
}

TEST(PeriodTest, RefusesAnythingElseNamingTheText) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"2024_5Q",
       "'2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): the "
       "quarter must be 1 to 4"},
      {"2024_0Q",
       "'2024_0Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): the quarter "
       "must be 1"},
      {"24_1Q", "'24_1Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)"},
      {"2024Q1", "'2024Q1' is not a survey period (YYYY_nQ"},
      {"2024_1q", "'2024_1q' is not a survey period (YYYY_nQ"},
      {"2024-1Q", "'2024-1Q' is not a survey period (YYYY_nQ"},
      {" 2024_1Q", "' 2024_1Q' is not a survey period (YYYY_nQ"},
      {"2024_1Q ", "'2024_1Q ' is not a survey period (YYYY_nQ"},
      {"20x4_1Q",
       "'20x4_1Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): the year is "
       "four"},
      {"0999_1Q",
       "'0999_1Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): the year "
       "must not"},
      {"2024_xQ",
       "'2024_xQ' is not a survey period (YYYY_nQ, e.g. 2024_2Q): the quarter "
       "must be"},
      {"", "'' is not a survey period (YYYY_nQ"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<Period> p = Period::Parse(c.text);
    EXPECT_EQ(p.status().code(), absl::StatusCode::kInvalidArgument) << c.text;
    EXPECT_TRUE(absl::StartsWith(p.status().message(), c.message))
        << c.text << ": " << p.status().message();
  }
}

TEST(PeriodTest, CreateChecksTheNumbers) {
  EXPECT_EQ(Period::Create(2024, 5).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Period::Create(2024, 0).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Period::Create(24, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Period::Create(10000, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(Period::Create(2024, 5).status().message(),
                                "quarter 5"));
}

}  // namespace
}  // namespace remit
