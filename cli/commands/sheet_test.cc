#include "cli/commands/sheet.h"

#include <string>
#include <vector>

#include "cli/commands/request_builder_testing.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

using testing::ExpectUsageErrors;
using testing::UsageErrorCase;

struct RequestCase {
  std::vector<std::string> args;
  const char* lang;
  std::vector<std::string> amounts;  // "units currency"
};

TEST(SheetRequestFromArgsTest, BuildsTheRequest) {
  const RequestCase cases[] = {
      {{"--from=GB", "--to=NG"}, "en", {}},
      {{"--from=GB", "--to=NG", "--lang=es", "--amounts=120 GBP,300 GBP"},
       "es",
       {"120 GBP", "300 GBP"}},
      {{"--from=GB", "--to=NG", "--lang=fr", "--amounts=1 GBP",
        "--amounts=2 GBP,3 GBP"},
       "fr",
       {"1 GBP", "2 GBP", "3 GBP"}},
  };
  for (const RequestCase& c : cases) {
    absl::StatusOr<SheetRequest> request = testing::BuildFromArguments(
        SheetCommand(), &SheetRequestFromArgs, c.args);
    ASSERT_TRUE(request.ok()) << request.status();
    EXPECT_EQ(request->corridor.send_country(), "GB");
    EXPECT_EQ(request->corridor.receive_country(), "NG");
    EXPECT_EQ(request->corridor.send_currency(), "");
    ASSERT_NE(request->messages, nullptr);
    EXPECT_STREQ(request->messages->code, c.lang);
    std::vector<std::string> amounts;
    for (const v1::Money& m : request->amounts) {
      EXPECT_EQ(m.nanos(), 0);
      amounts.push_back(std::to_string(m.units()) + " " + m.currency_code());
    }
    EXPECT_EQ(amounts, c.amounts) << c.lang;
    EXPECT_EQ(request->period, "");
  }
}

TEST(SheetRequestFromArgsTest, PeriodGoesToEveryRequest) {
  absl::StatusOr<SheetRequest> request =
      testing::BuildFromArguments(SheetCommand(), &SheetRequestFromArgs,
                                  {"--from=GB", "--to=NG", "--period=2024_1Q"});
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->period, "2024_1Q");
}

TEST(SheetRequestFromArgsTest, UsageErrorsNameTheOption) {
  const UsageErrorCase cases[] = {
      {{"--to=NG"}, "--from is required"},
      {{"--from=GB", "--to=NG", "--lang=de"},
       "--lang: 'de' is not one of en, fr, es"},
      {{"--from=GB", "--to=NG", "--amounts=1.234 GBP"},
       "--amounts: '1.234 GBP': amount has more than 2 fractional digits, "
       "the most GBP allows"},
      {{"--from=GB", "--to=NG", "--amounts=1 GBP,2 GBP,3 GBP,4 GBP"},
       "--amounts: at most three amounts fit on the sheet"},
      {{"--from=GB", "--to=NG", "--period=2024_0Q"},
       "--period: '2024_0Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q): "
       "the quarter must be 1 to 4"},
  };
  ExpectUsageErrors(SheetCommand(), &SheetRequestFromArgs, cases);
}

}  // namespace
}  // namespace remit::cli
