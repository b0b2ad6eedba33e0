#include "service/remit_admin_service.h"

#include <functional>
#include <future>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "engine/testing/test_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

using ::remit::testing::Day;
using ::remit::testing::kSampleCorridors;
using ::remit::testing::Must;

constexpr char kToken[] = "0123456789abcdef0123456789abcdef";
constexpr char kWrongToken[] = "a-wrong-token-guessed-by-someone";

TEST(CheckAdminTokenTest, AtLeast32Characters) {
  EXPECT_TRUE(CheckAdminToken(kToken).ok());
  const absl::Status short_token = CheckAdminToken("s3cret");
  EXPECT_EQ(short_token.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(short_token.message(),
            "the admin token has 6 characters; it needs at least 32 (e.g. "
            "openssl rand -hex 32)");
  EXPECT_FALSE(CheckAdminToken(std::string(31, 'x')).ok());
}

// An in-process server with the admin service, whose delayed answers wait
// until the test runs them.
class RemitAdminServiceTest : public ::testing::Test {
 protected:
  RemitAdminServiceTest() : clock_(Day(2026, 11, 15)) {
    store_.Publish(Must(Snapshot::Load({kSampleCorridors}, {}, clock_)));
    RemitAdminService::Failures failures;
    failures.delay = absl::Milliseconds(1500);
    failures.defer = [this](absl::Duration delay, std::function<void()> f) {
      absl::MutexLock lock(&mutex_);
      delays_.push_back(delay);
      waiting_.push_back(std::move(f));
    };
    failures.log = [this](const std::string& line) {
      absl::MutexLock lock(&mutex_);
      log_.push_back(line);
    };
    service_ = std::make_unique<RemitAdminService>(
        [](std::vector<DatasetError>*)
            -> absl::StatusOr<std::shared_ptr<const Snapshot>> {
          return absl::UnavailableError("not in this test");
        },
        &store_, kToken, &clock_, std::move(failures));
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                                   grpc::InsecureChannelCredentials());
    stub_ = v1::RemitAdmin::NewStub(channel_);
  }
  ~RemitAdminServiceTest() override {
    RunWaiting();  // Every call is answered before the server stops.
    server_->Shutdown();
  }

  // Blocks until `n` refusals wait for their delay (false after 30 s).
  bool AwaitWaiting(size_t n) {
    absl::MutexLock lock(&mutex_);
    want_ = n;
    return mutex_.AwaitWithTimeout(
        absl::Condition(
            +[](RemitAdminServiceTest* t) ABSL_NO_THREAD_SAFETY_ANALYSIS {
              return t->waiting_.size() >= t->want_;
            },
            this),
        absl::Seconds(30));
  }
  void RunWaiting() {
    std::vector<std::function<void()>> waiting;
    {
      absl::MutexLock lock(&mutex_);
      waiting.swap(waiting_);
    }
    for (auto& f : waiting) f();
  }

  FakeClock clock_;
  SnapshotStore store_;
  std::unique_ptr<RemitAdminService> service_;
  std::unique_ptr<grpc::Server> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::RemitAdmin::Stub> stub_;
  absl::Mutex mutex_;
  std::vector<absl::Duration> delays_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::function<void()>> waiting_ ABSL_GUARDED_BY(mutex_);
  std::vector<std::string> log_ ABSL_GUARDED_BY(mutex_);
  size_t want_ ABSL_GUARDED_BY(mutex_) = 0;
};

TEST_F(RemitAdminServiceTest, ARefusalWaitsForItsDelayWhileOthersAreServed) {
  grpc::ClientContext refused_context;
  refused_context.AddMetadata("authorization",
                              std::string("Bearer ") + kWrongToken);
  v1::DatasetInfo refused_info;
  std::promise<grpc::Status> refused;
  stub_->async()->GetDatasetInfo(
      &refused_context, &v1::GetDatasetInfoRequest::default_instance(),
      &refused_info, [&](grpc::Status s) { refused.set_value(std::move(s)); });
  ASSERT_TRUE(AwaitWaiting(1));
  // Its answer is in the delay queue: meanwhile an authorized call is
  // answered, by the same service.
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    v1::DatasetInfo info;
    const grpc::Status status = stub_->GetDatasetInfo(&context, {}, &info);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(info.quote_count(), 36);
  }
  {
    absl::MutexLock lock(&mutex_);
    EXPECT_EQ(delays_, std::vector<absl::Duration>{absl::Milliseconds(1500)});
    ASSERT_EQ(log_.size(), 1u);
    EXPECT_TRUE(absl::StartsWith(
        log_[0], "admin: refused GetDatasetInfo from ipv4:127.0.0.1:"))
        << log_[0];
    EXPECT_TRUE(absl::EndsWith(
        log_[0], ": PERMISSION_DENIED (authorization: the token is not valid)"))
        << log_[0];
    EXPECT_FALSE(absl::StrContains(log_[0], kWrongToken));
  }
  RunWaiting();
  const grpc::Status status = refused.get_future().get();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(status.error_message(), "authorization: the token is not valid");
}

TEST_F(RemitAdminServiceTest, NoTokenIsRefusedTheSameWay) {
  v1::ReloadDatasetResponse response;
  std::promise<grpc::Status> refused;
  grpc::ClientContext context;
  stub_->async()->ReloadDataset(
      &context, &v1::ReloadDatasetRequest::default_instance(), &response,
      [&](grpc::Status s) { refused.set_value(std::move(s)); });
  ASSERT_TRUE(AwaitWaiting(1));
  RunWaiting();
  EXPECT_EQ(refused.get_future().get().error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  absl::MutexLock lock(&mutex_);
  ASSERT_EQ(log_.size(), 1u);
  EXPECT_TRUE(absl::StrContains(log_[0], "admin: refused ReloadDataset from "))
      << log_[0];
  EXPECT_TRUE(absl::StrContains(log_[0], ": UNAUTHENTICATED (")) << log_[0];
}

TEST_F(RemitAdminServiceTest, BytesThatAreNotAMessageGetAClearStatus) {
  grpc::GenericStub generic(channel_);
  for (const char* method : {"ReloadDataset", "GetDatasetInfo"}) {
    grpc::Slice slice(std::string("\x0a\x20\x01", 3));
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer response;
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    std::promise<grpc::Status> done;
    generic.UnaryCall(&context, std::string("/remit.v1.RemitAdmin/") + method,
                      grpc::StubOptions(), &request, &response,
                      [&](grpc::Status s) { done.set_value(std::move(s)); });
    const grpc::Status status = done.get_future().get();
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << method;
    EXPECT_TRUE(absl::StartsWith(status.error_message(),
                                 "request: the bytes received are not a valid "
                                 "remit.v1."))
        << status.error_message();
  }
}

}  // namespace
}  // namespace remit::service
