// The load generator against the real server: every answer is checked,
// wrong and failed calls are counted. Bounded by call counts.
#include <string>
#include <vector>

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

// Two replicas behind the recommended channel: calls balanced over a
// target that lists both, every answer checked.
TEST(LoadgenTest, RecommendedChannelOverTwoReplicas) {
  const std::vector<std::string> flags = {
      "--data=testdata/sample_corridors.textproto",
      "--clock_time=2026-11-15T00:00:00Z"};
  auto a = ServerProcess::Start(flags);
  ASSERT_TRUE(a.ok()) << a.status();
  auto b = ServerProcess::Start(flags);
  ASSERT_TRUE(b.ok()) << b.status();
  CommandResult r = RunCommand(
      kLoadgen, {"--target=ipv4:" + (*a)->address() + "," + (*b)->address(),
                 "--channel=recommended", "--max_calls=300", "--concurrency=4",
                 "--expect_first=us-mx-swiftsend-promo"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(absl::StartsWith(r.out, "calls=300 ")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.out, " failed=0 wrong=0\n")) << r.out;

  r = RunCommand(kLoadgen, {"--target=" + (*a)->address(), "--channel=fast",
                            "--max_calls=1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "loadgen: --channel: 'fast' is not one of plain, recommended\n");
}

TEST(LoadgenTest, CountsFailedCalls) {
  // Nothing listens on port 1: the call fails, and the run says so.
  CommandResult r = RunCommand(
      kLoadgen, {"--target=127.0.0.1:1", "--max_calls=1", "--concurrency=1"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(absl::StrContains(r.out, " failed=1 ")) << r.out;
  EXPECT_TRUE(absl::StrContains(r.err, "by status code: code14=1\n")) << r.err;
}

}  // namespace
}  // namespace remit::testing
