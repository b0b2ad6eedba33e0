#include "service/client/channel.h"

#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"

namespace remit::client {
namespace {

constexpr char kHealthName[] = "remit.v1.RemitRank";

// ListCorridors answers UNAVAILABLE to its first `fail_first` calls, then
// OK with `dataset_version` set; it remembers the last user agent.
class FlakyRemitRank final : public v1::RemitRank::Service {
 public:
  explicit FlakyRemitRank(int fail_first) : fail_first_(fail_first) {}

  grpc::Status ListCorridors(grpc::ServerContext* context,
                             const v1::ListCorridorsRequest*,
                             v1::ListCorridorsResponse* response) override {
    const int call = calls_.fetch_add(1) + 1;
    {
      absl::MutexLock lock(&mu_);
      auto agent = context->client_metadata().find("user-agent");
      if (agent != context->client_metadata().end()) {
        user_agent_.assign(agent->second.data(), agent->second.size());
      }
    }
    if (call <= fail_first_) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "not yet");
    }
    response->set_dataset_version("v1");
    return grpc::Status::OK;
  }

  int calls() const { return calls_.load(); }
  std::string user_agent() const {
    absl::MutexLock lock(&mu_);
    return user_agent_;
  }

 private:
  const int fail_first_;
  std::atomic<int> calls_{0};
  mutable absl::Mutex mu_;
  std::string user_agent_ ABSL_GUARDED_BY(mu_);
};

// A server on a free loopback port with the health service, reporting
// remit.v1.RemitRank SERVING.
class TestServer {
 public:
  explicit TestServer(int fail_first = 0) : service_(fail_first) {
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port_);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    SetServing(true);
  }
  ~TestServer() { server_->Shutdown(); }

  void SetServing(bool serving) {
    server_->GetHealthCheckService()->SetServingStatus(kHealthName, serving);
  }
  std::string target() const {
    return "ipv4:127.0.0.1:" + std::to_string(port_);
  }
  int port() const { return port_; }
  const FlakyRemitRank& service() const { return service_; }

 private:
  FlakyRemitRank service_;
  int port_ = 0;
  std::unique_ptr<grpc::Server> server_;
};

std::chrono::system_clock::time_point In(absl::Duration d) {
  return absl::ToChronoTime(absl::Now() + d);
}

// Waits (at most 10 s) until `channel` is in `want`, connecting as needed.
bool WaitForState(grpc::Channel& channel, grpc_connectivity_state want) {
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  grpc_connectivity_state state = channel.GetState(/*try_to_connect=*/true);
  while (state != want) {
    if (!channel.WaitForStateChange(state, absl::ToChronoTime(deadline))) {
      return false;
    }
    state = channel.GetState(/*try_to_connect=*/true);
  }
  return true;
}

grpc::Status ListCorridors(grpc::Channel& channel,
                           v1::ListCorridorsResponse* response) {
  std::shared_ptr<grpc::Channel> shared(&channel, [](grpc::Channel*) {});
  auto stub = v1::RemitRank::NewStub(shared);
  grpc::ClientContext context;
  context.set_deadline(In(absl::Seconds(10)));
  return stub->ListCorridors(&context, v1::ListCorridorsRequest(), response);
}

TEST(RecommendedServiceConfigTest, IsTheDocumentedFile) {
  std::ifstream in("docs/client/service_config.json", std::ios::binary);
  ASSERT_TRUE(in) << "docs/client/service_config.json not in runfiles";
  std::ostringstream file;
  file << in.rdbuf();
  EXPECT_EQ(RecommendedServiceConfig(), file.str());
}

TEST(CreateRecommendedChannelTest, UsesRoundRobinAndTheConfig) {
  TestServer server;
  std::shared_ptr<grpc::Channel> channel = CreateRecommendedChannel(
      server.target(), grpc::InsecureChannelCredentials());
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_READY));
  EXPECT_EQ(channel->GetLoadBalancingPolicyName(), "round_robin");
  EXPECT_EQ(channel->GetServiceConfigJSON(), RecommendedServiceConfig());
}

TEST(CreateRecommendedChannelTest, AcceptsPlainHostPort) {
  TestServer server;
  std::shared_ptr<grpc::Channel> channel =
      CreateRecommendedChannel("localhost:" + std::to_string(server.port()),
                               grpc::InsecureChannelCredentials());
  v1::ListCorridorsResponse response;
  ASSERT_TRUE(ListCorridors(*channel, &response).ok());
  EXPECT_EQ(channel->GetLoadBalancingPolicyName(), "round_robin");
}

TEST(CreateRecommendedChannelTest, KeepsExtraArguments) {
  TestServer server;
  grpc::ChannelArguments extra;
  extra.SetUserAgentPrefix("partner-app/2.1");
  std::shared_ptr<grpc::Channel> channel = CreateRecommendedChannel(
      server.target(), grpc::InsecureChannelCredentials(), extra);
  v1::ListCorridorsResponse response;
  ASSERT_TRUE(ListCorridors(*channel, &response).ok());
  EXPECT_EQ(channel->GetLoadBalancingPolicyName(), "round_robin");
  EXPECT_EQ(server.service().user_agent().rfind("partner-app/2.1", 0), 0u)
      << server.service().user_agent();
}

TEST(CreateRecommendedChannelTest, AServiceConfigInExtraWins) {
  TestServer server;
  grpc::ChannelArguments extra;
  const std::string pick_first =
      R"({"loadBalancingConfig": [{"pick_first": {}}]})";
  extra.SetServiceConfigJSON(pick_first);
  std::shared_ptr<grpc::Channel> channel = CreateRecommendedChannel(
      server.target(), grpc::InsecureChannelCredentials(), extra);
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_READY));
  EXPECT_EQ(channel->GetLoadBalancingPolicyName(), "pick_first");
  EXPECT_EQ(channel->GetServiceConfigJSON(), pick_first);
}

TEST(CreateRecommendedChannelTest, RetriesUnavailable) {
  TestServer server(/*fail_first=*/2);
  std::shared_ptr<grpc::Channel> channel = CreateRecommendedChannel(
      server.target(), grpc::InsecureChannelCredentials());
  v1::ListCorridorsResponse response;
  grpc::Status status = ListCorridors(*channel, &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.dataset_version(), "v1");
  EXPECT_EQ(server.service().calls(), 3);
}

TEST(CreateRecommendedChannelTest, GivesUpAfterFourAttempts) {
  TestServer server(/*fail_first=*/10);
  std::shared_ptr<grpc::Channel> channel = CreateRecommendedChannel(
      server.target(), grpc::InsecureChannelCredentials());
  v1::ListCorridorsResponse response;
  grpc::Status status = ListCorridors(*channel, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(server.service().calls(), 4);
}

TEST(CreateRecommendedChannelTest, LeavesAReplicaThatIsNotServing) {
  TestServer server;
  std::shared_ptr<grpc::Channel> channel = CreateRecommendedChannel(
      server.target(), grpc::InsecureChannelCredentials());
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_READY));
  // Its only replica draining, the channel has nowhere to send calls.
  server.SetServing(false);
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_TRANSIENT_FAILURE));
  server.SetServing(true);
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_READY));
  v1::ListCorridorsResponse response;
  EXPECT_TRUE(ListCorridors(*channel, &response).ok());
}

TEST(CreateRecommendedChannelTest, PlainChannelDoesNotWatchHealth) {
  // The control for the test above: without the config, NOT_SERVING is
  // not seen and calls still go to the replica.
  TestServer server;
  std::shared_ptr<grpc::Channel> channel =
      grpc::CreateChannel(server.target(), grpc::InsecureChannelCredentials());
  ASSERT_TRUE(WaitForState(*channel, GRPC_CHANNEL_READY));
  server.SetServing(false);
  v1::ListCorridorsResponse response;
  EXPECT_TRUE(ListCorridors(*channel, &response).ok());
  EXPECT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
}

}  // namespace
}  // namespace remit::client
