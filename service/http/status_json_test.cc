#include "service/http/status_json.h"

#include "gtest/gtest.h"

namespace remit::service::http {
namespace {

TEST(HttpStatusForTest, StandardMapping) {
  const struct {
    absl::StatusCode code;
    int http;
  } cases[] = {
      {absl::StatusCode::kOk, 200},
      {absl::StatusCode::kInvalidArgument, 400},
      {absl::StatusCode::kFailedPrecondition, 400},
      {absl::StatusCode::kOutOfRange, 400},
      {absl::StatusCode::kUnauthenticated, 401},
      {absl::StatusCode::kPermissionDenied, 403},
      {absl::StatusCode::kNotFound, 404},
      {absl::StatusCode::kAlreadyExists, 409},
      {absl::StatusCode::kAborted, 409},
      {absl::StatusCode::kResourceExhausted, 429},
      {absl::StatusCode::kCancelled, 499},
      {absl::StatusCode::kUnimplemented, 501},
      {absl::StatusCode::kInternal, 500},
      {absl::StatusCode::kUnknown, 500},
      {absl::StatusCode::kDataLoss, 500},
      {absl::StatusCode::kUnavailable, 503},
      {absl::StatusCode::kDeadlineExceeded, 504},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HttpStatusFor(c.code), c.http)
        << absl::StatusCodeToString(c.code);
  }
}

TEST(StatusJsonTest, IsGoogleRpcStatus) {
  EXPECT_EQ(StatusJson(absl::NotFoundError("no \"quote\" here")),
            R"({"code":5,"message":"no \"quote\" here","details":[]})");
}

TEST(ErrorResponseTest, StatusBodyAndNoStore) {
  HttpResponse r = ErrorResponse(absl::ResourceExhaustedError("slow down"));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  EXPECT_EQ(r.Header("cache-control"), "no-store");
  EXPECT_EQ(r.body, R"({"code":8,"message":"slow down","details":[]})");
  EXPECT_EQ(ErrorResponse(absl::InvalidArgumentError("x"), 413).status, 413);
}

}  // namespace
}  // namespace remit::service::http
