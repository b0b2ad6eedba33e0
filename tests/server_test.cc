// End-to-end tests of remitrank_server: started as a subprocess on a free
// port over the sample corridors, called through real gRPC channels.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <future>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/byte_buffer.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/testing/bad_requests.h"
#include "tests/health.grpc.pb.h"
#include "tests/reflection.grpc.pb.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

using service::testing::BadRankRequests;
using service::testing::BadRequest;
using service::testing::UsMx200;

constexpr char kToken[] = "a-test-admin-token-of-35-characters";
// The sample's quotes are dated 2026-11-02; the server's clock is pinned.
constexpr char kClock[] = "--clock_time=2026-11-15T00:00:00Z";

// The sample with Northwind's USA -> MEX fee at 9.99: it falls from second
// to third place.
std::string DearerNorthwind() {
  return absl::StrReplaceAll(ReadFile(kSampleCorridors),
                             {{"fixed_fee: \"1.99\"", "fixed_fee: \"9.99\""}});
}

class ServerTest : public ::testing::Test {
 protected:
  // A server over a writable copy of the sample, with an admin token.
  void StartServer(std::vector<std::string> extra = {}) {
    StartServerOn(kSampleCorridors, "data.textproto", std::move(extra));
  }
  // The same over a writable copy of `source`, named `name` (its extension
  // chooses the format).
  void StartServerOn(const char* source, const char* name,
                     std::vector<std::string> extra = {}) {
    data_ = TempPath(name);
    WriteFile(data_, ReadFile(source));
    const std::string token_file = TempPath("token");
    WriteFile(token_file, std::string(kToken) + "\n");
    std::vector<std::string> flags = {
        "--data=" + data_, "--admin_token_file=" + token_file, kClock};
    flags.insert(flags.end(), extra.begin(), extra.end());
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(flags);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    channel_ = grpc::CreateChannel(server_->address(),
                                   grpc::InsecureChannelCredentials());
    rank_ = v1::RemitRank::NewStub(channel_);
    admin_ = v1::RemitAdmin::NewStub(channel_);
  }

  grpc::Status Rank(const v1::RankOffersRequest& request,
                    v1::RankOffersResponse* response) {
    grpc::ClientContext context;
    return rank_->RankOffers(&context, request, response);
  }

  // Calls with "authorization: Bearer <token>" when `token` is set.
  grpc::Status Reload(const char* token, v1::ReloadDatasetResponse* response) {
    grpc::ClientContext context;
    if (token != nullptr) {
      context.AddMetadata("authorization", std::string("Bearer ") + token);
    }
    return admin_->ReloadDataset(&context, {}, response);
  }
  grpc::Status Info(const char* token, v1::DatasetInfo* response) {
    grpc::ClientContext context;
    if (token != nullptr) {
      context.AddMetadata("authorization", std::string("Bearer ") + token);
    }
    return admin_->GetDatasetInfo(&context, {}, response);
  }

  grpc::health::v1::HealthCheckResponse::ServingStatus Health(
      const std::string& service) {
    auto stub = grpc::health::v1::Health::NewStub(channel_);
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.status();
  }

  std::string data_;
  std::unique_ptr<ServerProcess> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::RemitRank::Stub> rank_;
  std::unique_ptr<v1::RemitAdmin::Stub> admin_;
};

TEST_F(ServerTest, HealthAndReflection) {
  StartServer({"--reflection"});
  using Status = grpc::health::v1::HealthCheckResponse;
  EXPECT_EQ(Health(""), Status::SERVING);
  EXPECT_EQ(Health("remit.v1.RemitRank"), Status::SERVING);
  EXPECT_EQ(Health("remit.v1.RemitAdmin"), Status::SERVING);

  auto reflection =
      grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  grpc::ClientContext context;
  auto stream = reflection->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::vector<std::string> names;
  for (const auto& s : response.list_services_response().service()) {
    names.push_back(s.name());
  }
  EXPECT_TRUE(stream->Finish().ok());
  for (const char* expected :
       {"remit.v1.RemitRank", "remit.v1.RemitAdmin", "grpc.health.v1.Health"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end())
        << expected;
  }
}

TEST_F(ServerTest, ReflectionIsOffByDefault) {
  StartServer();
  auto reflection =
      grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  grpc::ClientContext context;
  auto stream = reflection->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  stream->Write(request);
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  EXPECT_FALSE(stream->Read(&response));
  EXPECT_EQ(stream->Finish().error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

// The golden figures of engine/dataset_test.cc, over the wire.
TEST_F(ServerTest, GoldenAnswers) {
  StartServer();
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(UsMx200(), &response).ok());
  std::vector<std::string> ids;
  for (const v1::Offer& o : response.offers()) ids.push_back(o.quote_id());
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "us-mx-swiftsend-promo", "us-mx-northwind-app",
                     "us-mx-globe-cash", "us-mx-first-harbor-wire"}));
  EXPECT_EQ(response.offers(1).total_cost_percent().substr(0, 6), "1.9840");
  EXPECT_EQ(response.summary().smart_percent().substr(0, 6), "2.2256");
  EXPECT_EQ(response.excluded_offers_size(), 2);

  // Receive mode: what must be sent for 3400 MXN to arrive.
  v1::RankOffersRequest receive = UsMx200();
  receive.mutable_receive_amount()->set_currency_code("MXN");
  receive.mutable_receive_amount()->set_units(3400);
  ASSERT_TRUE(Rank(receive, &response).ok());
  for (const v1::Offer& o : response.offers()) {
    EXPECT_GE(o.receive_amount().units(), 3400) << o.quote_id();
  }

  grpc::ClientContext context;
  v1::ListCorridorsResponse corridors;
  ASSERT_TRUE(rank_->ListCorridors(&context, {}, &corridors).ok());
  EXPECT_EQ(corridors.corridors_size(), 8);
}

TEST_F(ServerTest, SummaryAndPagesOverTheWire) {
  StartServer();
  grpc::ClientContext context;
  v1::GetCorridorSummaryRequest summary_request;
  summary_request.mutable_corridor()->set_send_country("US");
  summary_request.mutable_corridor()->set_receive_country("MX");
  v1::CorridorSummary summary;
  ASSERT_TRUE(
      rank_->GetCorridorSummary(&context, summary_request, &summary).ok());
  EXPECT_EQ(summary.amount_source(), "usd");
  EXPECT_EQ(summary.offer_count(), 4);
  EXPECT_EQ(summary.average_total_cost_percent().substr(0, 6), "5.6183");
  EXPECT_EQ(summary.median_total_cost_percent().substr(0, 6), "3.4757");
  EXPECT_EQ(summary.share_at_or_below_3_percent(), "50.000000000");
  EXPECT_EQ(summary.cheapest().quote_id(), "us-mx-swiftsend-promo");

  v1::RankOffersRequest request = UsMx200();
  request.set_page_size(3);
  v1::RankOffersResponse first, second;
  ASSERT_TRUE(Rank(request, &first).ok());
  ASSERT_EQ(first.offers_size(), 3);
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  ASSERT_TRUE(Rank(request, &second).ok());
  ASSERT_EQ(second.offers_size(), 1);
  EXPECT_EQ(second.offers(0).rank(), 4);
  EXPECT_EQ(second.offers(0).quote_id(), "us-mx-first-harbor-wire");
  EXPECT_TRUE(second.next_page_token().empty());
  EXPECT_EQ(second.excluded_offers_size(), 0);  // First page only.
}

// The project's RPW test workbook, served as a user would: history and
// indicators through a real channel. The figures are worked out by hand in
// engine/indicators/indicators_test.cc.
TEST_F(ServerTest, HistoryAndIndicatorsOfTheRpwWorkbook) {
  StartServerOn("testdata/rpw/rpw_test_workbook.xlsx", "rpw.xlsx");
  v1::GetCorridorHistoryRequest request;
  request.mutable_corridor()->set_send_country("USA");
  request.mutable_corridor()->set_receive_country("MEX");
  request.set_amount_level(v1::AMOUNT_LEVEL_CC2);
  v1::CorridorHistory history;
  {
    grpc::ClientContext context;
    grpc::Status status =
        rank_->GetCorridorHistory(&context, request, &history);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_EQ(history.points_size(), 59);  // 2011_1Q to 2025_3Q.
  EXPECT_EQ(history.amount_level(), v1::AMOUNT_LEVEL_CC2);
  EXPECT_FALSE(history.dataset_version().empty());
  // 2011_1Q at USD 500: (12/500 x 100 + 2 + 30/500 x 100 + 3.64) / 2.
  EXPECT_EQ(history.points(0).average_total_cost_percent(), "7.020000000");
  EXPECT_TRUE(history.points(1).gap());   // 2011_2Q: surveyed twice a year.
  EXPECT_TRUE(history.points(57).gap());  // 2025_2Q: never published.
  EXPECT_EQ(history.points(57).period(), "2025_2Q");

  v1::GetIndicatorsRequest indicators_request;
  indicators_request.set_period("2025_3Q");
  v1::Indicators indicators;
  {
    grpc::ClientContext context;
    grpc::Status status =
        rank_->GetIndicators(&context, indicators_request, &indicators);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  EXPECT_EQ(indicators.dataset_version(), history.dataset_version());
  EXPECT_EQ(indicators.global_average_total_cost_percent(), "58.220577906");
  ASSERT_EQ(indicators.by_g8_g20_size(), 2);
  EXPECT_EQ(indicators.by_g8_g20(0).key(), "G20");
  EXPECT_EQ(indicators.corridors_with_smart(), 1);

  indicators_request.set_period("2025_2Q");
  grpc::ClientContext context;
  EXPECT_EQ(rank_->GetIndicators(&context, indicators_request, &indicators)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServerTest, TwoServersCannotShareAPort) {
  StartServer();
  absl::StatusOr<std::unique_ptr<ServerProcess>> second =
      ServerProcess::Start({std::string("--data=") + kSampleCorridors,
                            "--listen=" + server_->address()});
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("cannot listen on"),
            absl::string_view::npos)
      << second.status();
}

TEST_F(ServerTest, BadRequestsAndTheServerStaysUp) {
  StartServer();
  std::vector<BadRequest> cases = BadRankRequests();
  // What only a real server does: refuse an oversized message.
  cases.push_back({"oversized message",
                   [](v1::RankOffersRequest* r) {
                     for (int i = 0; i < 100000; ++i) {  // > 64 KiB
                       r->mutable_filter()->add_payment_instruments(
                           v1::PAYMENT_INSTRUMENT_CASH);
                     }
                   },
                   grpc::StatusCode::RESOURCE_EXHAUSTED, ""});
  cases.push_back({"too precise receive amount",
                   [](v1::RankOffersRequest* r) {
                     r->mutable_receive_amount()->set_currency_code("MXN");
                     r->mutable_receive_amount()->set_nanos(1);
                   },
                   grpc::StatusCode::INVALID_ARGUMENT, "receive_amount: "});
  cases.push_back({"bad access speed",
                   [](v1::RankOffersRequest* r) {
                     r->mutable_access()->set_max_speed(
                         static_cast<v1::Speed>(77));
                   },
                   grpc::StatusCode::INVALID_ARGUMENT,
                   "access.max_speed: 77 is not a Speed"});
  cases.push_back({"bad access point",
                   [](v1::RankOffersRequest* r) {
                     r->mutable_filter()->add_access_points(
                         static_cast<v1::AccessPoint>(8));
                   },
                   grpc::StatusCode::INVALID_ARGUMENT,
                   "filter.access_points[0]: 8 is not a AccessPoint"});
  cases.push_back({"bad max age nanos",
                   [](v1::RankOffersRequest* r) {
                     r->mutable_max_quote_age()->set_nanos(-5);
                   },
                   grpc::StatusCode::INVALID_ARGUMENT, "max_quote_age: "});
  service::testing::ExpectRefused(cases,
                                  [this](const v1::RankOffersRequest& request,
                                         v1::RankOffersResponse* response) {
                                    return Rank(request, response);
                                  });

  // The other rpcs' bad requests.
  {
    grpc::ClientContext context;
    v1::ListCorridorsRequest request;
    request.set_page_token("forged");
    v1::ListCorridorsResponse response;
    grpc::Status status = rank_->ListCorridors(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().rfind("page_token:", 0), 0u);
  }
  {
    grpc::ClientContext context;
    v1::GetCorridorSummaryRequest request;
    request.mutable_corridor()->set_send_country("US");
    request.mutable_corridor()->set_receive_country("NOWHERE");
    v1::CorridorSummary response;
    grpc::Status status =
        rank_->GetCorridorSummary(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().rfind("corridor.receive_country:", 0), 0u);
  }
  {
    grpc::ClientContext context;
    v1::GetCorridorSummaryRequest request;
    request.mutable_corridor()->set_send_country("US");
    request.mutable_corridor()->set_receive_country("IN");
    v1::CorridorSummary response;
    EXPECT_EQ(
        rank_->GetCorridorSummary(&context, request, &response).error_code(),
        grpc::StatusCode::NOT_FOUND);
  }
  EXPECT_GE(cases.size() + 3, 30u);
  // Still serving, still right.
  EXPECT_EQ(Health("remit.v1.RemitRank"),
            grpc::health::v1::HealthCheckResponse::SERVING);
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(UsMx200(), &response).ok());
  EXPECT_EQ(response.offers_size(), 4);
}

TEST_F(ServerTest, AdminNeedsTheToken) {
  StartServer();
  v1::DatasetInfo info;
  grpc::Status status = Info(nullptr, &info);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Info("wrong-token", &info).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  v1::ReloadDatasetResponse reload;
  EXPECT_EQ(Reload("", &reload).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(Info(kToken, &info).ok());
  EXPECT_EQ(info.quote_count(), 36);
  EXPECT_EQ(info.corridor_count(), 8);
  EXPECT_EQ(info.sources(0), data_);
  EXPECT_EQ(info.metadata(0).name(), "remitrank sample corridors");
}

TEST_F(ServerTest, NoAdminServiceWithoutAToken) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({std::string("--data=") + kSampleCorridors, kClock});
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->address(),
                                     grpc::InsecureChannelCredentials());
  grpc::ClientContext context;
  v1::DatasetInfo info;
  EXPECT_EQ(v1::RemitAdmin::NewStub(channel)
                ->GetDatasetInfo(&context, {}, &info)
                .error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ServerTest, ABrokenReloadKeepsServingAGoodOneSwitches) {
  StartServer();
  v1::RankOffersResponse before;
  ASSERT_TRUE(Rank(UsMx200(), &before).ok());

  WriteFile(data_, absl::StrReplaceAll(ReadFile(kSampleCorridors),
                                       {{"rate: \"18.02\"", "rate: \"-1\""}}));
  v1::ReloadDatasetResponse reload;
  ASSERT_TRUE(Reload(kToken, &reload).ok());
  EXPECT_FALSE(reload.reloaded());
  ASSERT_EQ(reload.errors_size(), 1);
  EXPECT_NE(reload.errors(0).find("quotes[0].rate: '-1': rate must not be "
                                  "negative"),
            std::string::npos)
      << reload.errors(0);
  EXPECT_EQ(reload.dataset_version(), before.dataset_version());
  v1::RankOffersResponse still;
  ASSERT_TRUE(Rank(UsMx200(), &still).ok());
  EXPECT_EQ(still.dataset_version(), before.dataset_version());
  EXPECT_EQ(still.offers(1).quote_id(), "us-mx-northwind-app");

  WriteFile(data_, DearerNorthwind());
  ASSERT_TRUE(Reload(kToken, &reload).ok());
  EXPECT_TRUE(reload.reloaded());
  EXPECT_NE(reload.dataset_version(), before.dataset_version());
  v1::RankOffersResponse after;
  ASSERT_TRUE(Rank(UsMx200(), &after).ok());
  EXPECT_EQ(after.dataset_version(), reload.dataset_version());
  EXPECT_EQ(after.offers(1).quote_id(), "us-mx-globe-cash");
}

// Rates that cannot be true are refused like any other bad value: a server
// does not start on them, and a reload with them keeps the good data
// serving.
TEST_F(ServerTest, ImplausibleRatesAreRefusedAtLoadAndReload) {
  // Northwind's USA -> MEX rate entered inverted (1/18.02), and a fee
  // written with a decimal comma.
  const std::string inverted = absl::StrReplaceAll(
      ReadFile(kSampleCorridors), {{"rate: \"18.02\"", "rate: \"0.0555\""}});
  const std::string comma =
      absl::StrReplaceAll(ReadFile(kSampleCorridors),
                          {{"fixed_fee: \"1.99\"", "fixed_fee: \"1,99\""}});

  const std::string bad = TempPath("inverted.textproto");
  WriteFile(bad, inverted);
  absl::StatusOr<std::unique_ptr<ServerProcess>> refused =
      ServerProcess::Start({"--data=" + bad, kClock});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(
                "quotes[0].rate: '0.0555' implies an FX margin of 99.70 % "
                "against the quote's mid_market_rate 18.2"),
            absl::string_view::npos)
      << refused.status();

  StartServer();
  v1::RankOffersResponse before;
  ASSERT_TRUE(Rank(UsMx200(), &before).ok());
  const struct {
    const std::string* data;
    const char* error;
  } cases[] = {
      {&inverted,
       "quotes[0].rate: '0.0555' implies an FX margin of 99.70 % against the "
       "quote's mid_market_rate 18.2; plausible margins are -20 % to 50 %; "
       "looks inverted: 1/0.0555 = 18.018018 (margin 1.00 %)"},
      {&comma,
       "quotes[0].fees.bands[0].fixed_fee: '1,99': amount is not a decimal "
       "number (',' is not accepted: a plain decimal has no thousands "
       "separator and '.' as its decimal point)"},
  };
  for (const auto& c : cases) {
    WriteFile(data_, *c.data);
    v1::ReloadDatasetResponse reload;
    ASSERT_TRUE(Reload(kToken, &reload).ok());
    EXPECT_FALSE(reload.reloaded());
    ASSERT_EQ(reload.errors_size(), 1);
    EXPECT_NE(reload.errors(0).find(c.error), std::string::npos)
        << reload.errors(0);
    EXPECT_EQ(reload.dataset_version(), before.dataset_version());
    v1::RankOffersResponse still;
    ASSERT_TRUE(Rank(UsMx200(), &still).ok());
    EXPECT_EQ(still.dataset_version(), before.dataset_version());
    EXPECT_EQ(still.offers(1).quote_id(), "us-mx-northwind-app");
  }
}

TEST_F(ServerTest, SighupReloads) {
  StartServer();
  v1::RankOffersResponse before;
  ASSERT_TRUE(Rank(UsMx200(), &before).ok());
  WriteFile(data_, DearerNorthwind());
  server_->Signal(SIGHUP);
  ASSERT_TRUE(server_->WaitForLog("reloaded dataset")) << server_->log();
  v1::RankOffersResponse after;
  ASSERT_TRUE(Rank(UsMx200(), &after).ok());
  EXPECT_NE(after.dataset_version(), before.dataset_version());
}

// Clients rank continuously while the data alternates between two
// versions: no call fails, and every answer is the ranking of the version
// it names.
TEST_F(ServerTest, ReloadsUnderLoad) {
  StartServer();
  std::map<std::string, std::string> second_by_version;
  v1::ReloadDatasetResponse reload;
  WriteFile(data_, DearerNorthwind());
  ASSERT_TRUE(Reload(kToken, &reload).ok() && reload.reloaded());
  second_by_version[reload.dataset_version()] = "us-mx-globe-cash";
  WriteFile(data_, ReadFile(kSampleCorridors));
  ASSERT_TRUE(Reload(kToken, &reload).ok() && reload.reloaded());
  second_by_version[reload.dataset_version()] = "us-mx-northwind-app";

  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, failures{0}, inconsistent{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      while (!stop.load()) {
        v1::RankOffersResponse response;
        grpc::Status status = Rank(UsMx200(), &response);
        ++calls;
        if (!status.ok()) {
          ++failures;
          continue;
        }
        auto it = second_by_version.find(response.dataset_version());
        if (it == second_by_version.end() ||
            response.offers(1).quote_id() != it->second) {
          ++inconsistent;
        }
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    WriteFile(data_,
              i % 2 == 0 ? DearerNorthwind() : ReadFile(kSampleCorridors));
    ASSERT_TRUE(Reload(kToken, &reload).ok());
    EXPECT_TRUE(reload.reloaded());
  }
  stop = true;
  for (std::thread& t : clients) t.join();
  EXPECT_GT(calls.load(), 20);
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(inconsistent.load(), 0);
}

// SIGTERM: calls in flight complete, new ones are refused, exit code 0.
TEST_F(ServerTest, SigtermDrainsAndExitsZero) {
  StartServer();
  std::atomic<int> ok{0}, other{0};
  std::atomic<bool> refused{false};
  std::thread client([&] {
    while (!refused.load()) {
      v1::RankOffersResponse response;
      grpc::Status status = Rank(UsMx200(), &response);
      if (status.ok()) {
        ++ok;
      } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                 status.error_code() == grpc::StatusCode::CANCELLED) {
        // Refused: after shutdown begins, new calls are turned away,
        // either by the closing connection (UNAVAILABLE) or, when they
        // reached the transport before any handler, by cancellation.
        refused = true;
      } else {
        ++other;
      }
    }
  });
  // Let some calls through, then stop the server while they keep coming.
  while (ok.load() < 20) std::this_thread::yield();
  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(), 0);
  client.join();
  EXPECT_TRUE(refused.load());
  EXPECT_EQ(other.load(), 0);  // Nothing but success or a refusal.
  EXPECT_GE(ok.load(), 20);
  EXPECT_TRUE(server_->WaitForLog("stopped")) << server_->log();
}

TEST_F(ServerTest, RefusesToStartOnBadData) {
  const std::string bad = TempPath("bad.textproto");
  WriteFile(bad, "quotes { id: \"x\" }\n");
  absl::StatusOr<std::unique_ptr<ServerProcess>> server =
      ServerProcess::Start({"--data=" + bad});
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("quotes[0].provider_id: is "
                                           "required"),
            absl::string_view::npos)
      << server.status();
}

// Real survey data (RPW's layout) served years after it was collected: the
// server warns in its log at load and at reload, and every answer says the
// prices are stale, how old they are and what to do, and names its source.
TEST_F(ServerTest, StaleDataIsWarnedAboutAndExplained) {
  StartServerOn("testdata/rpw_sample.csv", "rpw.csv",
                {"--clock_time=2030-01-01T00:00:00Z"});
  const std::string warning =
      "warning: stale data: in 1 of 1 corridors every price is older than "
      "183 days at 2030-01-01: GBR/GBP->BGD/BDT (newest 2026-08-18)";
  ASSERT_TRUE(server_->WaitForLog(warning)) << server_->log();

  v1::RankOffersRequest request;
  request.mutable_corridor()->set_send_country("GB");
  request.mutable_corridor()->set_receive_country("BD");
  request.mutable_send_amount()->set_currency_code("GBP");
  request.mutable_send_amount()->set_units(120);
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(request, &response).ok());
  EXPECT_EQ(response.offers_size(), 0);
  const v1::Freshness& f = response.freshness();
  EXPECT_TRUE(f.all_stale());
  EXPECT_FALSE(f.illustrative());
  EXPECT_EQ(f.as_of_date(), "2030-01-01");
  EXPECT_EQ(f.newest_price_date(), "2026-08-18");
  EXPECT_EQ(f.oldest_price_date(), "");
  EXPECT_EQ(f.max_quote_age().seconds(), 183 * 86400);
  EXPECT_EQ(f.quote_count(), 6);
  EXPECT_EQ(f.stale_quote_count(), 6);
  EXPECT_EQ(f.message(),
            "Every price in corridor GBR/GBP->BGD/BDT is stale: the newest is "
            "dated 2026-08-18, and prices older than 183 days at 2030-01-01 "
            "are left out. Load newer data (the server reloads its files on "
            "SIGHUP or ReloadDataset), or ask with a longer max_quote_age.");
  EXPECT_TRUE(response.summary().freshness().all_stale());
  EXPECT_EQ(response.no_offers().reason(), v1::EXCLUSION_REASON_STALE);
  EXPECT_EQ(response.no_offers().message(),
            "all 6 quotes are stale (older than 183 days)");
  ASSERT_EQ(response.data_sources_size(), 1);
  EXPECT_EQ(response.data_sources(0).publisher(), "The World Bank");
  EXPECT_EQ(response.data_sources(0).license(), "CC BY 4.0");
  EXPECT_EQ(response.data_sources(0).as_of(), "2026-08-18");
  EXPECT_EQ(response.data_sources(0).attribution(),
            "Source: World Bank, Remittance Prices Worldwide "
            "(remittanceprices.worldbank.org), licensed under CC BY 4.0.");

  // A longer max_quote_age is the override: the prices come back, dated.
  request.mutable_max_quote_age()->set_seconds(int64_t{2000} * 86400);
  response.Clear();
  ASSERT_TRUE(Rank(request, &response).ok());
  EXPECT_GT(response.offers_size(), 0);
  EXPECT_FALSE(response.freshness().all_stale());
  EXPECT_FALSE(response.has_no_offers());
  EXPECT_EQ(response.freshness().oldest_price_date(), "2026-08-18");

  v1::GetCorridorSummaryRequest summary_request;
  *summary_request.mutable_corridor() = request.corridor();
  v1::CorridorSummary summary;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(
        rank_->GetCorridorSummary(&context, summary_request, &summary).ok());
  }
  EXPECT_TRUE(summary.freshness().all_stale());
  EXPECT_EQ(summary.data_sources_size(), 1);

  v1::ListCorridorsResponse corridors;
  {
    grpc::ClientContext context;
    ASSERT_TRUE(rank_->ListCorridors(&context, {}, &corridors).ok());
  }
  ASSERT_EQ(corridors.corridors_size(), 1);
  EXPECT_EQ(corridors.corridors(0).newest_price_date(), "2026-08-18");
  EXPECT_TRUE(corridors.corridors(0).freshness().all_stale());
  ASSERT_EQ(corridors.data_sources_size(), 1);
  EXPECT_EQ(corridors.data_sources(0).license(), "CC BY 4.0");

  v1::DatasetInfo info;
  ASSERT_TRUE(Info(kToken, &info).ok());
  ASSERT_EQ(info.corridors_size(), 1);
  EXPECT_EQ(info.corridors(0).newest_price_date(), "2026-08-18");
  EXPECT_TRUE(info.corridors(0).freshness().all_stale());

  v1::ReloadDatasetResponse reload;
  ASSERT_TRUE(Reload(kToken, &reload).ok());
  EXPECT_TRUE(reload.reloaded());
  ASSERT_TRUE(server_->WaitForLog(warning)) << server_->log();
}

// The bundled sample is illustrative: served in 2030 it still ranks,
// judged at its own date, and says so; nothing is logged as stale.
TEST_F(ServerTest, TheSampleIsServedWhateverTheDate) {
  StartServer({"--clock_time=2030-06-01T00:00:00Z"});
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(UsMx200(), &response).ok());
  EXPECT_EQ(response.offers_size(), 4);
  EXPECT_TRUE(response.freshness().illustrative());
  EXPECT_EQ(response.freshness().as_of_date(), "2026-11-02");
  EXPECT_EQ(response.freshness().stale_quote_count(), 1);  // PostaLink.
  EXPECT_TRUE(absl::StartsWith(response.freshness().message(),
                               "Illustrative data as of 2026-11-02: "))
      << response.freshness().message();
  ASSERT_EQ(response.data_sources_size(), 1);
  EXPECT_TRUE(response.data_sources(0).illustrative());
  EXPECT_EQ(response.data_sources(0).license(), "CC0 1.0");
  EXPECT_FALSE(absl::StrContains(server_->log(), "stale data"));
}

TEST(ServerHelpTest, HelpListsTheServersFlags) {
  for (const char* flag : {"--help", "--helpshort"}) {
    const CommandResult r = RunCommand("service/remitrank_server", {flag});
    const std::string out = r.out + r.err;
    EXPECT_EQ(out.find("No flags matched"), std::string::npos) << out;
    EXPECT_NE(out.find("serves the remitrank gRPC API over dataset files"),
              std::string::npos)
        << out;
    for (const char* listed :
         {"--listen (host:port to listen on; port 0 picks a free port)",
          "--data (dataset file", "--admin_token_file", "--clock_time",
          "--shutdown_grace", "--max_receive_message_bytes", "--memory_quota",
          "--max_connection_idle", "--handshake_timeout",
          "--self_check_interval", "--reflection (serve gRPC server"}) {
      EXPECT_NE(out.find(listed), std::string::npos)
          << flag << ": " << listed << "\n"
          << out;
    }
  }
}

TEST_F(ServerTest, APageTokenHoldsForEitherSpellingOfTheCorridor) {
  StartServer();
  v1::RankOffersRequest two_letters = UsMx200();
  two_letters.set_page_size(3);
  v1::RankOffersRequest three_letters = two_letters;
  three_letters.mutable_corridor()->set_send_country("USA");
  three_letters.mutable_corridor()->set_receive_country("MEX");
  three_letters.mutable_corridor()->set_send_currency("USD");
  three_letters.mutable_corridor()->set_receive_currency("MXN");
  for (const auto& [first_request, next_request] :
       {std::make_pair(two_letters, three_letters),
        std::make_pair(three_letters, two_letters)}) {
    v1::RankOffersResponse first;
    ASSERT_TRUE(Rank(first_request, &first).ok());
    ASSERT_FALSE(first.next_page_token().empty());
    v1::RankOffersRequest next = next_request;
    next.set_page_token(first.next_page_token());
    v1::RankOffersResponse second;
    const grpc::Status status = Rank(next, &second);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(second.offers_size(), 1);
    EXPECT_EQ(second.offers(0).rank(), 4);
    // Still refused for another request.
    next.mutable_send_amount()->set_units(300);
    EXPECT_EQ(Rank(next, &second).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
}

TEST_F(ServerTest, AHugeAmountIsAnInvalidArgument) {
  StartServer();
  v1::RankOffersRequest request = UsMx200();
  request.mutable_send_amount()->set_units(INT64_MAX);
  v1::RankOffersResponse response;
  grpc::Status status = Rank(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "send_amount: {units: 9223372036854775807, nanos: 0, "
            "currency_code: 'USD'}: amount is too large");
  {
    grpc::ClientContext context;
    v1::GetCorridorSummaryRequest summary;
    *summary.mutable_corridor() = request.corridor();
    *summary.mutable_send_amount() = request.send_amount();
    v1::CorridorSummary answer;
    status = rank_->GetCorridorSummary(&context, summary, &answer);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().rfind("send_amount: {units: ", 0), 0u)
        << status.error_message();
  }
  // An amount that holds, but whose conversion does not.
  request.mutable_send_amount()->set_units(90'000'000'000'000'000);
  status = Rank(request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(),
            "send_amount: 90000000000000000.00 USD is too large to price "
            "(90000000000000000.00 USD x 18.02 does not fit in MXN)");
}

// Sends `bytes` as the request of `method` ("/remit.v1.RemitRank/...").
grpc::Status CallWithBytes(grpc::Channel* channel, const std::string& method,
                           const std::string& bytes) {
  grpc::GenericStub stub(channel->shared_from_this());
  grpc::Slice slice(bytes);
  grpc::ByteBuffer request(&slice, 1);
  grpc::ByteBuffer response;
  grpc::ClientContext context;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(status); });
  return done.get_future().get();
}

TEST_F(ServerTest, BytesThatAreNotAMessageGetAClearStatus) {
  StartServer();
  // A field tag with no field number, a truncated length-delimited field,
  // a varint that never ends.
  for (const std::string& bytes :
       {std::string("\x00\x01", 2), std::string("\x0a\x20\x01", 3),
        std::string(12, '\xff')}) {
    for (const char* method :
         {"RemitRank/RankOffers", "RemitRank/ListCorridors",
          "RemitRank/GetCorridorSummary", "RemitRank/GetCorridorHistory",
          "RemitRank/GetIndicators", "RemitRank/GetCostCurve",
          "RemitAdmin/ReloadDataset", "RemitAdmin/GetDatasetInfo"}) {
      const grpc::Status status = CallWithBytes(
          channel_.get(), absl::StrCat("/remit.v1.", method), bytes);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
          << method;
      const std::string name =
          std::string(method).substr(std::string(method).find('/') + 1);
      EXPECT_EQ(status.error_message(),
                absl::StrCat("request: the bytes received are not a valid "
                             "remit.v1.",
                             name, "Request message"))
          << method;
    }
  }
  // Valid bytes still get their answer through the same path.
  const grpc::Status ok =
      CallWithBytes(channel_.get(), "/remit.v1.RemitRank/RankOffers",
                    UsMx200().SerializeAsString());
  EXPECT_TRUE(ok.ok()) << ok.error_message();
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(UsMx200(), &response).ok());
  EXPECT_EQ(response.offers_size(), 4);
}

TEST_F(ServerTest, IndicatorRulesFromTheFlags) {
  StartServerOn("testdata/rpw/rpw_test_workbook.xlsx", "rpw.xlsx",
                {"--indicators_total=computed", "--indicators_include_opaque",
                 "--indicators_exclude_sending_countries=GB,FR"});
  v1::GetIndicatorsRequest request;
  request.set_period("2025_3Q");
  v1::Indicators indicators;
  grpc::ClientContext context;
  const grpc::Status status =
      rank_->GetIndicators(&context, request, &indicators);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::string rules;
  for (const std::string& rule : indicators.rules()) rules += rule + "\n";
  EXPECT_NE(rules.find("each service counts with fee / amount x 100 + FX "
                       "margin, whatever total the survey published"),
            std::string::npos)
      << rules;
  EXPECT_NE(rules.find("services that do not disclose their exchange rate "
                       "count at their fees alone"),
            std::string::npos)
      << rules;
  EXPECT_NE(rules.find("services sent from GBR, FRA are left out"),
            std::string::npos)
      << rules;
  // The default rules give 58.220577906 (HistoryAndIndicatorsOfTheRpwWorkbook).
  EXPECT_NE(indicators.global_average_total_cost_percent(), "58.220577906");
}

TEST(ServerFlagsTest, BadIndicatorFlagsStopTheServer) {
  for (const auto& [flag, message] :
       std::vector<std::pair<std::string, std::string>>{
           {"--indicators_total=cheapest",
            "--indicators_total: 'cheapest' is neither published nor "
            "computed"},
           {"--indicators_exclude_sending_countries=GB,XX",
            "--indicators_exclude_sending_countries: "}}) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start({"--data=" + std::string(kSampleCorridors), flag});
    ASSERT_FALSE(server.ok()) << flag;
    EXPECT_NE(server.status().message().find(message), absl::string_view::npos)
        << server.status();
  }
}

// An HTTP/1.1 exchange on a fresh connection: the status and the body
// ({0, ""} when the connection is refused).
std::pair<int, std::string> HttpCall(int port, const std::string& request) {
  const int fd = ConnectToLoopback(port);
  if (fd < 0) return {0, ""};
  (void)send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string reply;
  char buffer[8192];
  for (ssize_t n; (n = recv(fd, buffer, sizeof(buffer), 0)) > 0;) {
    reply.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  int status = 0;
  const size_t end = reply.find("\r\n\r\n");
  if (reply.size() < 12 || end == std::string::npos ||
      !absl::SimpleAtoi(reply.substr(9, 3), &status)) {
    return {0, reply};
  }
  return {status, reply.substr(end + 4)};
}

std::pair<int, std::string> HttpGet(int port, const std::string& target) {
  return HttpCall(port, "GET " + target +
                            " HTTP/1.1\r\nHost: test\r\n"
                            "Connection: close\r\n\r\n");
}

// --http_listen: the same answers as gRPC, as JSON, from the same process;
// errors as google.rpc.Status; SIGTERM stops both.
TEST_F(ServerTest, HttpJsonBesideGrpc) {
  const std::string port_file = TempPath("http_port");
  StartServer({"--http_listen=127.0.0.1:0", "--http_port_file=" + port_file});
  int port = 0;
  ASSERT_TRUE(
      absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(port_file)), &port));
  ASSERT_GT(port, 0);
  EXPECT_NE(port, server_->port());

  v1::RankOffersResponse over_grpc;
  ASSERT_TRUE(Rank(UsMx200(), &over_grpc).ok());
  auto [status, body] =
      HttpGet(port,
              "/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&"
              "sendAmount.units=200");
  ASSERT_EQ(status, 200) << body;
  v1::RankOffersResponse over_http;
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(body, &over_http).ok())
      << body;
  // Page tokens carry a random nonce; everything else is the same answer.
  over_grpc.clear_next_page_token();
  over_http.clear_next_page_token();
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(over_grpc, over_http))
      << over_grpc.DebugString() << "\n---\n"
      << over_http.DebugString();
  ASSERT_GT(over_http.offers_size(), 0);

  const std::string json_request =
      R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"},)"
      R"("sendAmount":{"currencyCode":"USD","units":"200"}})";
  auto [post_status, post_body] = HttpCall(
      port,
      "POST /v1/corridors:rankOffers HTTP/1.1\r\nHost: t\r\n"
      "Connection: close\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
          std::to_string(json_request.size()) + "\r\n\r\n" + json_request);
  EXPECT_EQ(post_status, 200) << post_body;
  EXPECT_TRUE(absl::StrContains(post_body, over_http.offers(0).quote_id()));

  auto [bad_status, bad_body] =
      HttpGet(port, "/v1/corridors/XX/MX/offers?sendAmount.units=1");
  EXPECT_EQ(bad_status, 400);
  EXPECT_TRUE(absl::StartsWith(bad_body, R"({"code":3,"message":")"))
      << bad_body;
  EXPECT_EQ(HttpGet(port, "/healthz"),
            std::make_pair(200, std::string(R"({"status":"SERVING"})")));
  EXPECT_EQ(HttpGet(port, "/readyz").first, 200);
  EXPECT_EQ(HttpGet(port, "/v1/nothing").first, 404);

  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(), 0);
  EXPECT_EQ(HttpGet(port, "/healthz").first, 0);  // Refused.
}

// A 40 KB value comes back as its first 64 bytes and its length, over
// HTTP as over gRPC (BadRequestsAndTheServerStaysUp).
TEST_F(ServerTest, LongValuesAreQuotedShortOverHttp) {
  const std::string port_file = TempPath("http_port");
  StartServer({"--http_listen=127.0.0.1:0", "--http_port_file=" + port_file});
  int port = 0;
  ASSERT_TRUE(
      absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(port_file)), &port));
  const std::string order_by(40 * 1024, 'x');
  const std::string json_request =
      R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"},)"
      R"("sendAmount":{"currencyCode":"USD","units":"200"},"orderBy":")" +
      order_by + R"("})";
  auto [status, body] = HttpCall(
      port,
      "POST /v1/corridors:rankOffers HTTP/1.1\r\nHost: t\r\n"
      "Connection: close\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
          std::to_string(json_request.size()) + "\r\n\r\n" + json_request);
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body, absl::StrCat(R"({"code":3,"message":"order_by: ')",
                               std::string(64, 'x'),
                               R"(...' (40960 bytes) is not one of )"
                               R"(total_cost, amount_received, speed",)"
                               R"("details":[]})"));
  // A value protobuf's JSON parser refuses, quoting it: shortened too.
  const std::string enum_request =
      R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"},)"
      R"("filter":{"receiveMethods":[")" +
      order_by + R"("]}})";
  auto [enum_status, enum_body] = HttpCall(
      port,
      "POST /v1/corridors:rankOffers HTTP/1.1\r\nHost: t\r\n"
      "Connection: close\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
          std::to_string(enum_request.size()) + "\r\n\r\n" + enum_request);
  EXPECT_EQ(enum_status, 400);
  EXPECT_LT(enum_body.size(), 512u) << enum_body;
  EXPECT_TRUE(absl::StrContains(enum_body, "request body: ")) << enum_body;
  // A query parameter: its name and value both (the request target holds
  // 8 KiB at most).
  const std::string name(3000, 'n');
  const std::string value(3000, 'v');
  auto [query_status, query_body] =
      HttpGet(port, "/v1/corridors/US/MX/offers?" + name + "=" + value);
  EXPECT_EQ(query_status, 400);
  EXPECT_LT(query_body.size(), 512u) << query_body;
  EXPECT_TRUE(absl::StrContains(query_body,
                                std::string(64, 'n') + "... (3000 bytes): '" +
                                    std::string(64, 'v') + "...' (3000 bytes)"))
      << query_body;
}

// --drain_delay: SIGTERM turns gRPC health (each service and the server)
// and HTTP /healthz and /readyz NOT_SERVING while calls are still
// answered; the stop waits for the delay, which a second SIGTERM cuts
// short (here the delay is far longer than the test).
TEST_F(ServerTest, DrainDelayAnswersWhileNotServingUntilTheStop) {
  const std::string port_file = TempPath("drain_http_port");
  StartServer({"--drain_delay=1h", "--http_listen=127.0.0.1:0",
               "--http_port_file=" + port_file});
  int port = 0;
  ASSERT_TRUE(
      absl::SimpleAtoi(absl::StripAsciiWhitespace(ReadFile(port_file)), &port));
  using Status = grpc::health::v1::HealthCheckResponse;
  ASSERT_EQ(Health("remit.v1.RemitRank"), Status::SERVING);
  ASSERT_EQ(HttpGet(port, "/readyz").first, 200);

  server_->Signal(SIGTERM);
  ASSERT_TRUE(
      server_->WaitForLog("not serving; stopping in 1h", absl::Seconds(30)))
      << server_->log();
  for (const char* service :
       {"", "remit.v1.RemitRank", "remit.v1.RemitAdmin"}) {
    EXPECT_EQ(Health(service), Status::NOT_SERVING) << service;
  }
  EXPECT_EQ(HttpGet(port, "/healthz").first, 503);
  EXPECT_EQ(HttpGet(port, "/readyz").first, 503);
  // Still answering, over both.
  v1::RankOffersResponse response;
  EXPECT_TRUE(Rank(UsMx200(), &response).ok());
  EXPECT_EQ(HttpGet(port, "/v1/corridors").first, 200);

  server_->Signal(SIGTERM);
  EXPECT_EQ(server_->Wait(), 0);
  EXPECT_TRUE(server_->WaitForLog("stopped", absl::Seconds(5)))
      << server_->log();
}

TEST_F(ServerTest, HttpListenIsCheckedAtStart) {
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(
      {"--data=" + std::string(kSampleCorridors), "--http_listen=127.0.0.1"});
  ASSERT_FALSE(server.ok());
  EXPECT_TRUE(absl::StrContains(server.status().message(),
                                "--http_listen=127.0.0.1: expected HOST:PORT"))
      << server.status();
}

}  // namespace
}  // namespace remit::testing
