#include "cli/commands/session.h"

#include <string>

#include "absl/status/status.h"
#include "cli/errors.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

struct BackendErrorCase {
  absl::Status from_backend;
  absl::StatusCode code;
  bool usage;
  std::string message;
};

TEST(BackendErrorTest, SpeaksOfTheOptionsTheUserTyped) {
  const BackendErrorCase cases[] = {
      {absl::InvalidArgumentError(
           "corridor.send_country: 'XX' is not an ISO 3166-1 country code"),
       absl::StatusCode::kInvalidArgument, true,
       "--from: 'XX' is not an ISO 3166-1 country code"},
      {absl::InvalidArgumentError("amount_level: 7 is not a known level"),
       absl::StatusCode::kInvalidArgument, true,
       "--amount-level: 7 is not a known level"},
      {absl::NotFoundError("provider_id: 'p-9' has no quote in the corridor"),
       absl::StatusCode::kNotFound, false,
       "--provider: 'p-9' has no quote in the corridor"},
      {absl::NotFoundError("period: 2025_2Q is not in the data"),
       absl::StatusCode::kNotFound, false,
       "--period: 2025_2Q is not in the data"},
      {absl::UnavailableError("connection refused"),
       absl::StatusCode::kUnavailable, false,
       "the server did not answer: connection refused"},
      {absl::UnimplementedError("GetIndicators is not implemented"),
       absl::StatusCode::kUnimplemented, false,
       "GetIndicators is not implemented"},
  };
  for (const BackendErrorCase& c : cases) {
    const absl::Status status = BackendError(c.from_backend);
    EXPECT_EQ(status.code(), c.code) << c.message;
    EXPECT_EQ(IsUsageError(status), c.usage) << c.message;
    EXPECT_EQ(status.message(), c.message);
  }
}

}  // namespace
}  // namespace remit::cli
