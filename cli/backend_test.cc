#include "cli/backend.h"

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "gtest/gtest.h"

namespace remit::cli {
namespace {

struct StatusCase {
  grpc::StatusCode grpc_code;
  absl::StatusCode absl_code;
};

TEST(FromGrpcStatusTest, SameCodeAndMessage) {
  const StatusCase cases[] = {
      {grpc::StatusCode::INVALID_ARGUMENT, absl::StatusCode::kInvalidArgument},
      {grpc::StatusCode::NOT_FOUND, absl::StatusCode::kNotFound},
      {grpc::StatusCode::FAILED_PRECONDITION,
       absl::StatusCode::kFailedPrecondition},
      {grpc::StatusCode::UNAVAILABLE, absl::StatusCode::kUnavailable},
      {grpc::StatusCode::DEADLINE_EXCEEDED,
       absl::StatusCode::kDeadlineExceeded},
      {grpc::StatusCode::UNAUTHENTICATED, absl::StatusCode::kUnauthenticated},
      {grpc::StatusCode::INTERNAL, absl::StatusCode::kInternal},
  };
  for (const StatusCase& c : cases) {
    const absl::Status status =
        FromGrpcStatus(grpc::Status(c.grpc_code, "corridor: no quotes"));
    EXPECT_EQ(status.code(), c.absl_code) << c.grpc_code;
    EXPECT_EQ(status.message(), "corridor: no quotes") << c.grpc_code;
  }
}

TEST(FromGrpcStatusTest, OkAndUnknownCodes) {
  EXPECT_TRUE(FromGrpcStatus(grpc::Status::OK).ok());
  // 20 is not a code today but is in the enum's range (a newer peer's).
  const absl::Status odd = FromGrpcStatus(
      grpc::Status(static_cast<grpc::StatusCode>(20), "from the future"));
  EXPECT_EQ(odd.code(), absl::StatusCode::kUnknown);
  EXPECT_EQ(odd.message(), "from the future");
  const absl::Status negative =
      FromGrpcStatus(grpc::Status(grpc::StatusCode::DO_NOT_USE, "sentinel"));
  EXPECT_EQ(negative.code(), absl::StatusCode::kUnknown);
  EXPECT_EQ(negative.message(), "sentinel");
}

}  // namespace
}  // namespace remit::cli
