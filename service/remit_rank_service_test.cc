#include "service/remit_rank_service.h"

#include <memory>
#include <string>
#include <vector>

#include "engine/test_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

using testing::Day;
using testing::Must;

constexpr char kSample[] = "testdata/sample_corridors.textproto";

// An in-process server on a free loopback port, over the sample data.
class RemitRankServiceTest : public ::testing::Test {
 protected:
  RemitRankServiceTest()
      : clock_(Day(2026, 11, 15)),
        tokens_(PageTokens::RandomKey()),
        service_(&store_, &clock_, &tokens_) {
    store_.Publish(Must(Snapshot::Load({kSample}, {}, clock_)));
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(),
                             &port);
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    stub_ = v1::RemitRank::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(port),
                            grpc::InsecureChannelCredentials()));
  }
  ~RemitRankServiceTest() override { server_->Shutdown(); }

  grpc::Status Rank(const v1::RankOffersRequest& request,
                    v1::RankOffersResponse* response) {
    grpc::ClientContext context;
    return stub_->RankOffers(&context, request, response);
  }

  static v1::RankOffersRequest UsMx200() {
    v1::RankOffersRequest request;
    request.mutable_corridor()->set_send_country("US");
    request.mutable_corridor()->set_receive_country("MX");
    request.mutable_send_amount()->set_currency_code("USD");
    request.mutable_send_amount()->set_units(200);
    return request;
  }

  FakeClock clock_;
  SnapshotStore store_;
  PageTokens tokens_;
  RemitRankService service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::RemitRank::Stub> stub_;
};

std::string Rounded(const std::string& percent) {
  return testing::P(percent.c_str()).ToString(4);
}

// The golden figures of engine/dataset_test.cc, through the wire.
TEST_F(RemitRankServiceTest, RanksUsaToMexico) {
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(UsMx200(), &response).ok());
  ASSERT_EQ(response.offers_size(), 4);
  const char* ids[] = {"us-mx-swiftsend-promo", "us-mx-northwind-app",
                       "us-mx-globe-cash", "us-mx-first-harbor-wire"};
  const char* totals[] = {"-0.2747", "1.9840", "4.9675", "15.7967"};
  for (int i = 0; i < 4; ++i) {
    const v1::Offer& offer = response.offers(i);
    EXPECT_EQ(offer.rank(), i + 1);
    EXPECT_EQ(offer.quote_id(), ids[i]);
    EXPECT_EQ(Rounded(offer.total_cost_percent()), totals[i]);
  }
  const v1::Offer& northwind = response.offers(1);
  EXPECT_EQ(northwind.provider_name(), "Northwind Remit");
  EXPECT_EQ(northwind.provider_type(),
            v1::PROVIDER_TYPE_MONEY_TRANSFER_OPERATOR);
  EXPECT_EQ(northwind.fee().units(), 1);
  EXPECT_EQ(northwind.fee().nanos(), 990000000);
  EXPECT_EQ(northwind.exchange_rate(), "18.02");
  EXPECT_EQ(northwind.mid_market_rate(), "18.2");
  EXPECT_EQ(northwind.mid_market_rate_source(), "quote");
  EXPECT_EQ(northwind.receive_amount().currency_code(), "MXN");
  EXPECT_EQ(northwind.receive_amount().units(), 3604);  // 200 x 18.02
  EXPECT_TRUE(northwind.transparent());
  EXPECT_FALSE(northwind.estimated());
  EXPECT_TRUE(response.offers(0).promotional());
  EXPECT_EQ(response.offers(0).fx_margin_percent().substr(0, 7), "-0.2747");

  ASSERT_EQ(response.excluded_offers_size(), 2);
  EXPECT_EQ(response.excluded_offers(0).exclusion_reason(),
            v1::EXCLUSION_REASON_OPAQUE);
  EXPECT_EQ(response.excluded_offers(1).exclusion_reason(),
            v1::EXCLUSION_REASON_STALE);
  EXPECT_EQ(response.total_size(), 4);
  EXPECT_TRUE(response.next_page_token().empty());
  EXPECT_EQ(response.dataset_version(), store_.Get()->version());
  EXPECT_EQ(Rounded(response.summary().average_total_cost_percent()), "5.6184");
  EXPECT_EQ(Rounded(response.summary().smart_percent()), "2.2256");
  EXPECT_EQ(response.summary().cheapest().quote_id(), "us-mx-swiftsend-promo");
}

TEST_F(RemitRankServiceTest, PagesWithTokensThatCannotBeForged) {
  v1::RankOffersRequest request = UsMx200();
  request.set_page_size(1);
  std::vector<std::string> ids;
  for (int page = 0; page < 10; ++page) {
    v1::RankOffersResponse response;
    ASSERT_TRUE(Rank(request, &response).ok());
    ASSERT_EQ(response.offers_size(), 1);
    EXPECT_EQ(response.offers(0).rank(), page + 1);
    ids.push_back(response.offers(0).quote_id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "us-mx-swiftsend-promo", "us-mx-northwind-app",
                     "us-mx-globe-cash", "us-mx-first-harbor-wire"}));

  // A token for this request does not work for another amount.
  request = UsMx200();
  request.set_page_size(1);
  v1::RankOffersResponse first;
  ASSERT_TRUE(Rank(request, &first).ok());
  v1::RankOffersRequest other = UsMx200();
  other.mutable_send_amount()->set_units(300);
  other.set_page_token(first.next_page_token());
  v1::RankOffersResponse response;
  grpc::Status status = Rank(other, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("page_token:", 0), 0u);

  // Nor does a forged one.
  request.set_page_token("AAAAAAAAAAUAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  EXPECT_EQ(Rank(request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RemitRankServiceTest, ListsCorridorsInPages) {
  v1::ListCorridorsRequest request;
  request.set_page_size(3);
  std::vector<std::string> corridors;
  for (int page = 0; page < 5; ++page) {
    grpc::ClientContext context;
    v1::ListCorridorsResponse response;
    ASSERT_TRUE(stub_->ListCorridors(&context, request, &response).ok());
    for (const v1::CorridorInfo& c : response.corridors()) {
      corridors.push_back(c.corridor().send_country() + "->" +
                          c.corridor().receive_country());
    }
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(corridors.size(), 8u);
  EXPECT_EQ(corridors.front(), "ARE->IND");

  grpc::ClientContext context;
  v1::ListCorridorsResponse response;
  request.Clear();
  request.set_page_size(-1);
  grpc::Status status = stub_->ListCorridors(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message(), "page_size: -1 must not be negative");
}

TEST_F(RemitRankServiceTest, SummaryAtTheUsd200Equivalent) {
  v1::GetCorridorSummaryRequest request;
  request.mutable_corridor()->set_send_country("USA");
  request.mutable_corridor()->set_receive_country("MEX");
  {
    grpc::ClientContext context;
    v1::CorridorSummary summary;
    ASSERT_TRUE(stub_->GetCorridorSummary(&context, request, &summary).ok());
    EXPECT_EQ(summary.amount().units(), 200);
    EXPECT_EQ(summary.amount_source(), "usd");
    EXPECT_EQ(summary.offer_count(), 4);
    EXPECT_EQ(Rounded(summary.median_total_cost_percent()), "3.4758");
    EXPECT_TRUE(summary.has_smart_percent());
  }
  // KES has no survey amounts and no USD reference rate in the sample.
  request.mutable_corridor()->set_send_country("KE");
  request.mutable_corridor()->set_receive_country("TZ");
  {
    grpc::ClientContext context;
    v1::CorridorSummary summary;
    grpc::Status status =
        stub_->GetCorridorSummary(&context, request, &summary);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  }
  request.mutable_send_amount()->set_currency_code("KES");
  request.mutable_send_amount()->set_units(20000);
  {
    grpc::ClientContext context;
    v1::CorridorSummary summary;
    ASSERT_TRUE(stub_->GetCorridorSummary(&context, request, &summary).ok());
    EXPECT_EQ(summary.amount_source(), "request");
    EXPECT_EQ(summary.offer_count(), 4);
  }
}

struct BadRequest {
  const char* what;
  void (*mutate)(v1::RankOffersRequest*);
  grpc::StatusCode code;
  const char* message;
};

const BadRequest kBadRequests[] = {
    {"no corridor", [](v1::RankOffersRequest* r) { r->clear_corridor(); },
     grpc::StatusCode::INVALID_ARGUMENT, "corridor: is required"},
    {"bad country",
     [](v1::RankOffersRequest* r) {
       r->mutable_corridor()->set_send_country("XXX");
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "corridor.send_country: 'XXX' is not an ISO 3166-1 country code"},
    {"bad currency",
     [](v1::RankOffersRequest* r) {
       r->mutable_corridor()->set_receive_currency("MXX");
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "corridor.receive_currency: 'MXX' is not an ISO 4217 currency code"},
    {"no amount", [](v1::RankOffersRequest* r) { r->clear_send_amount(); },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount: one of send_amount or receive_amount is required"},
    {"amount currency",
     [](v1::RankOffersRequest* r) {
       r->mutable_send_amount()->set_currency_code("ZZZ");
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount.currency_code: 'ZZZ' is not an ISO 4217 currency code"},
    {"too precise",
     [](v1::RankOffersRequest* r) {
       r->mutable_send_amount()->set_nanos(5000000);
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount: {units: 200, nanos: 5000000, currency_code: 'USD'}: more "
     "than 2 decimal places, the most USD allows"},
    {"wrong currency",
     [](v1::RankOffersRequest* r) {
       r->mutable_send_amount()->set_currency_code("EUR");
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount: 200.00 EUR is not in USD, the corridor's send currency"},
    {"zero",
     [](v1::RankOffersRequest* r) { r->mutable_send_amount()->set_units(0); },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount: 0.00 USD must be positive"},
    {"negative",
     [](v1::RankOffersRequest* r) { r->mutable_send_amount()->set_units(-5); },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount: -5.00 USD must be positive"},
    {"overflow",
     [](v1::RankOffersRequest* r) {
       r->mutable_send_amount()->set_units(INT64_MAX);
     },
     grpc::StatusCode::OUT_OF_RANGE, "send_amount: {units: "},
    {"nanos sign",
     [](v1::RankOffersRequest* r) {
       r->mutable_send_amount()->set_nanos(-10000000);
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "send_amount: {units: 200, nanos: -10000000, currency_code: 'USD'}: "
     "units and nanos must have the same sign"},
    {"receive in send currency",
     [](v1::RankOffersRequest* r) {
       v1::Money m = r->send_amount();
       *r->mutable_receive_amount() = m;
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "receive_amount: 200.00 USD is not in MXN, the corridor's receive "
     "currency"},
    {"negative page size",
     [](v1::RankOffersRequest* r) { r->set_page_size(-3); },
     grpc::StatusCode::INVALID_ARGUMENT, "page_size: -3 must not be negative"},
    {"garbage page token",
     [](v1::RankOffersRequest* r) { r->set_page_token("not-a-token"); },
     grpc::StatusCode::INVALID_ARGUMENT, "page_token: not a token"},
    {"order", [](v1::RankOffersRequest* r) { r->set_order_by("cheapest"); },
     grpc::StatusCode::INVALID_ARGUMENT,
     "order_by: 'cheapest' is not one of total_cost, amount_received, speed"},
    {"filter enum",
     [](v1::RankOffersRequest* r) {
       r->mutable_filter()->add_payment_instruments(
           static_cast<v1::PaymentInstrument>(42));
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "filter.payment_instruments[0]: 42 is not a PaymentInstrument"},
    {"unspecified in filter",
     [](v1::RankOffersRequest* r) {
       r->mutable_filter()->add_receive_methods(v1::RECEIVE_METHOD_UNSPECIFIED);
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "filter.receive_methods[0]: 0 is not a ReceiveMethod"},
    {"max speed",
     [](v1::RankOffersRequest* r) {
       r->mutable_filter()->set_max_speed(static_cast<v1::Speed>(9));
     },
     grpc::StatusCode::INVALID_ARGUMENT, "filter.max_speed: 9 is not a Speed"},
    {"coverage",
     [](v1::RankOffersRequest* r) {
       r->mutable_filter()->set_min_coverage(static_cast<v1::Coverage>(-1));
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "filter.min_coverage: -1 is not a Coverage"},
    {"max age",
     [](v1::RankOffersRequest* r) {
       r->mutable_max_quote_age()->set_seconds(-60);
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "max_quote_age: {seconds: -60, nanos: 0} must be a positive duration"},
    {"unknown corridor",
     [](v1::RankOffersRequest* r) {
       r->mutable_corridor()->set_receive_country("IN");
     },
     grpc::StatusCode::NOT_FOUND, "corridor USA/USD->IND/INR has no quotes"},
    {"same countries",
     [](v1::RankOffersRequest* r) {
       r->mutable_corridor()->set_receive_country("US");
     },
     grpc::StatusCode::INVALID_ARGUMENT,
     "corridor.receive_country: 'USA' is also the sending country"},
};

TEST_F(RemitRankServiceTest, BadRequestsNameTheField) {
  for (const BadRequest& bad : kBadRequests) {
    v1::RankOffersRequest request = UsMx200();
    bad.mutate(&request);
    v1::RankOffersResponse response;
    grpc::Status status = Rank(request, &response);
    EXPECT_EQ(status.error_code(), bad.code) << bad.what;
    EXPECT_EQ(status.error_message().rfind(bad.message, 0), 0u)
        << bad.what << ": " << status.error_message();
  }
  // The server answers normally afterwards.
  v1::RankOffersResponse response;
  EXPECT_TRUE(Rank(UsMx200(), &response).ok());
}

TEST_F(RemitRankServiceTest, NoDatasetIsFailedPrecondition) {
  SnapshotStore empty;
  RemitRankService service(&empty, &clock_, &tokens_);
  grpc::ServerContext context;
  v1::RankOffersRequest request = UsMx200();
  v1::RankOffersResponse response;
  grpc::Status status = service.RankOffers(&context, &request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
}

}  // namespace
}  // namespace remit::service
