#include "service/rate_limited_log.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

TEST(RateLimitedLogTest, OneLinePerPeriodAndTheCountOfTheRest) {
  FakeClock clock(absl::FromUnixSeconds(1'800'000'000));
  std::vector<std::string> lines;
  RateLimitedLog log(&clock, absl::Seconds(1),
                     [&](const std::string& line) { lines.push_back(line); });
  log.Log("refused 1");
  for (int i = 2; i <= 100; ++i) {
    clock.Advance(absl::Milliseconds(5));
    log.Log(absl::StrCat("refused ", i));
  }
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "refused 1");
  clock.Advance(absl::Milliseconds(505));  // 1 s after the first line.
  log.Log("refused 101");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1], "refused 101 (99 more not logged since the last line)");
  clock.Advance(absl::Seconds(3));
  log.Log("refused 102");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2], "refused 102");
}

}  // namespace
}  // namespace remit::service
