// Test helpers for the commands' request builders (RankRequestFromArgs and
// the like): run a builder on arguments as the command line gives them, and
// check tables of expected requests and usage errors. Test-only.
//
// Thread-safety: test code; one test at a time.
//
// Example:
//   ExpectRequests(RankCommand(), &RankRequestFromArgs, cases);
//   ExpectUsageErrors(RankCommand(), &RankRequestFromArgs, errors);
#ifndef REMIT_CLI_COMMANDS_REQUEST_BUILDER_TESTING_H_
#define REMIT_CLI_COMMANDS_REQUEST_BUILDER_TESTING_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "cli/args.h"
#include "cli/commands/command.h"
#include "cli/errors.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace remit::cli::testing {

template <typename Request>
using RequestBuilder = absl::StatusOr<Request> (*)(const Args&);

// Parses `arguments` with the command's options, then builds its request.
template <typename Request>
absl::StatusOr<Request> BuildFromArguments(
    const Command& command, RequestBuilder<Request> build,
    const std::vector<std::string>& arguments) {
  absl::StatusOr<Args> args = ParseArgs(arguments, command.options);
  if (!args.ok()) return args.status();
  return build(*args);
}

struct RequestCase {
  std::vector<std::string> args;
  const char* request;  // The expected message, in text format.
};

// Each case's arguments build exactly the expected request message.
template <typename Request>
void ExpectRequests(const Command& command, RequestBuilder<Request> build,
                    absl::Span<const RequestCase> cases) {
  for (const RequestCase& c : cases) {
    Request expected;
    ASSERT_TRUE(
        google::protobuf::TextFormat::ParseFromString(c.request, &expected))
        << c.request;
    absl::StatusOr<Request> request =
        BuildFromArguments(command, build, c.args);
    ASSERT_TRUE(request.ok()) << request.status();
    EXPECT_TRUE(
        google::protobuf::util::MessageDifferencer::Equals(*request, expected))
        << "got:\n"
        << request->DebugString() << "want:\n"
        << expected.DebugString();
  }
}

struct UsageErrorCase {
  std::vector<std::string> args;
  std::string message;
};

// Each case's arguments are a usage error (INVALID_ARGUMENT, exit code 2)
// with exactly the expected message.
template <typename Request>
void ExpectUsageErrors(const Command& command, RequestBuilder<Request> build,
                       absl::Span<const UsageErrorCase> cases) {
  for (const UsageErrorCase& c : cases) {
    absl::StatusOr<Request> request =
        BuildFromArguments(command, build, c.args);
    EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument)
        << c.message;
    EXPECT_TRUE(IsUsageError(request.status())) << c.message;
    EXPECT_EQ(request.status().message(), c.message);
  }
}

}  // namespace remit::cli::testing

#endif  // REMIT_CLI_COMMANDS_REQUEST_BUILDER_TESTING_H_
