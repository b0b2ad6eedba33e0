#include "cli/errors.h"

#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/cord.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

struct FinishCase {
  const char* name;
  absl::Status status;
  int exit_code;
  const char* err;
};

TEST(FinishTest, ExitCodeAndMessage) {
  const FinishCase cases[] = {
      {"ok", absl::OkStatus(), 0, ""},
      {"usage", UsageError("--from is required"), 2,
       "remitrank: --from is required\n"},
      {"arguments", ArgumentsError("rank", "unknown option '--form'"), 2,
       "remitrank rank: unknown option '--form'\n"
       "(see 'remitrank rank --help')\n"},
      // An INVALID_ARGUMENT that is not tagged (bad data) is a runtime
      // error.
      {"untagged invalid argument",
       absl::InvalidArgumentError("2 errors; nothing was loaded"), 1,
       "remitrank: 2 errors; nothing was loaded\n"},
      {"not found", absl::NotFoundError("corridor X has no quotes"), 1,
       "remitrank: corridor X has no quotes\n"},
      {"unavailable", absl::UnavailableError("the server did not answer"), 1,
       "remitrank: the server did not answer\n"},
  };
  for (const FinishCase& c : cases) {
    std::ostringstream err;
    EXPECT_EQ(Finish(c.status, err), c.exit_code) << c.name;
    EXPECT_EQ(err.str(), c.err) << c.name;
    EXPECT_EQ(ExitCode(c.status), c.exit_code) << c.name;
  }
}

TEST(UsageErrorTest, IsInvalidArgumentAndTagged) {
  const absl::Status usage = UsageError("--limit: 'x' is not a number");
  EXPECT_EQ(usage.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(usage.message(), "--limit: 'x' is not a number");
  EXPECT_TRUE(IsUsageError(usage));
  EXPECT_TRUE(IsUsageError(ArgumentsError("rank", "--from needs a value")));
  EXPECT_FALSE(IsUsageError(absl::InvalidArgumentError("bad data")));
  EXPECT_FALSE(IsUsageError(absl::OkStatus()));
  // The tag alone, on another code, does not make a usage error.
  absl::Status tagged = absl::NotFoundError("x");
  tagged.SetPayload(kUsagePayload, absl::Cord(""));
  EXPECT_FALSE(IsUsageError(tagged));
  EXPECT_EQ(ExitCode(tagged), 1);
}

}  // namespace
}  // namespace remit::cli
