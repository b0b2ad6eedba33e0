#include "cli/commands/indicators.h"

#include <string>
#include <vector>

#include "cli/commands/request_builder_testing.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

using testing::ExpectRequests;
using testing::ExpectUsageErrors;
using testing::RequestCase;
using testing::UsageErrorCase;

TEST(IndicatorsRequestFromArgsTest, BuildsTheRequest) {
  const RequestCase cases[] = {
      // No period: the latest in the data.
      {{}, ""},
      {{"--period=2024_2Q"}, R"pb(period: "2024_2Q")pb"},
      // --by chooses what is shown, not what is asked.
      {{"--period=2011_1Q", "--by=corridor", "--format=csv"},
       R"pb(period: "2011_1Q")pb"},
  };
  ExpectRequests(IndicatorsCommand(), &IndicatorsRequestFromArgs, cases);
}

TEST(IndicatorsRequestFromArgsTest, UsageErrorsNameTheOption) {
  const UsageErrorCase cases[] = {
      {{"--period=2024-2Q"},
       "--period: '2024-2Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)"},
      {{"--period=2024_5Q"},
       "--period: '2024_5Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): "
       "the quarter must be 1 to 4"},
  };
  ExpectUsageErrors(IndicatorsCommand(), &IndicatorsRequestFromArgs, cases);
}

struct BreakdownCase {
  std::vector<std::string> args;
  std::vector<IndicatorBreakdown> want;
};

absl::StatusOr<std::vector<IndicatorBreakdown>> Breakdowns(
    const std::vector<std::string>& arguments) {
  absl::StatusOr<Args> args = ParseArgs(arguments, IndicatorsCommand().options);
  if (!args.ok()) return args.status();
  return BreakdownsFromArgs(*args);
}

TEST(BreakdownsFromArgsTest, ChoosesTheBreakdowns) {
  using B = IndicatorBreakdown;
  const BreakdownCase cases[] = {
      {{},
       {B::kFirmType, B::kSendingCountry, B::kReceivingCountry,
        B::kReceivingRegion, B::kG8G20, B::kCorridor}},
      {{"--by=firm_type"}, {B::kFirmType}},
      {{"--by=corridor", "--by=g8_g20"}, {B::kCorridor, B::kG8G20}},
      {{"--by=receiving_region,sending_country,receiving_region"},
       {B::kReceivingRegion, B::kSendingCountry}},
      {{"--by=receiving_country"}, {B::kReceivingCountry}},
  };
  for (const BreakdownCase& c : cases) {
    absl::StatusOr<std::vector<IndicatorBreakdown>> got = Breakdowns(c.args);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, c.want) << ::testing::PrintToString(c.args);
  }
}

TEST(BreakdownsFromArgsTest, UnknownBreakdownIsAUsageError) {
  const UsageErrorCase cases[] = {
      {{"--by=firmtype"},
       "--by: 'firmtype' is not one of firm_type, sending_country, "
       "receiving_country, receiving_region, g8_g20, corridor; did you mean "
       "firm_type?"},
      {{"--by=country"},
       "--by: 'country' is not one of firm_type, sending_country, "
       "receiving_country, receiving_region, g8_g20, corridor"},
  };
  for (const UsageErrorCase& c : cases) {
    absl::StatusOr<std::vector<IndicatorBreakdown>> got = Breakdowns(c.args);
    EXPECT_TRUE(IsUsageError(got.status())) << c.message;
    EXPECT_EQ(got.status().message(), c.message);
  }
}

}  // namespace
}  // namespace remit::cli
