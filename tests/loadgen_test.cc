// The load generator against the real server: every answer is checked,
// wrong and failed calls are counted. Bounded by call counts.
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

constexpr char kLoadgen[] = "bench/loadgen/loadgen";

TEST(LoadgenTest, ChecksEveryAnswerFromTheRealServer) {
  auto server =
      ServerProcess::Start({"--data=testdata/sample_corridors.textproto",
                            "--clock_time=2026-11-15T00:00:00Z"});
  ASSERT_TRUE(server.ok()) << server.status();
  CommandResult r = RunCommand(
      kLoadgen, {"--target=" + (*server)->address(), "--max_calls=300",
                 "--concurrency=4", "--expect_first=us-mx-swiftsend-promo"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(absl::StartsWith(r.out, "calls=300 ")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, " failed=0 wrong=0\n")) << r.out;

  // A wrong expectation is caught: every answer is read, not just its
  // status.
  r = RunCommand(kLoadgen,
                 {"--target=" + (*server)->address(), "--max_calls=20",
                  "--concurrency=2", "--expect_first=someone-else"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.out, " failed=0 wrong=20\n")) << r.out;
}

TEST(LoadgenTest, CountsFailedCalls) {
  // Nothing listens on port 1: the call fails, and the run says so.
  CommandResult r = RunCommand(
      kLoadgen, {"--target=127.0.0.1:1", "--max_calls=1", "--concurrency=1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.out, " failed=1 ")) << r.out;
}

}  // namespace
}  // namespace remit::testing
