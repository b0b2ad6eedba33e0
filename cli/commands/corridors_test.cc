#include "cli/commands/corridors.h"

#include "gtest/gtest.h"

namespace remit::cli {
namespace {

TEST(CorridorsRequestFromArgsTest, EveryCorridorOnOnePage) {
  absl::StatusOr<Args> args =
      ParseArgs({"--format=csv"}, CorridorsCommand().options);
  ASSERT_TRUE(args.ok()) << args.status();
  absl::StatusOr<v1::ListCorridorsRequest> request =
      CorridorsRequestFromArgs(*args);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->page_size(), 1000);
  EXPECT_EQ(request->page_token(), "");
}

}  // namespace
}  // namespace remit::cli
