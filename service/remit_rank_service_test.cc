#include "service/remit_rank_service.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/testing/test_util.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "service/testing/bad_requests.h"

namespace remit::service {
namespace {

using ::remit::testing::Day;
using ::remit::testing::kSampleCorridors;
using ::remit::testing::Must;
using testing::BadRankRequests;
using testing::UsMx200;

// An in-process server on a free loopback port, over the sample data.
class RemitRankServiceTest : public ::testing::Test {
 protected:
  explicit RemitRankServiceTest(const char* data = kSampleCorridors,
                                absl::Time now = Day(2026, 11, 15))
      : clock_(now),
        tokens_(PageTokens::RandomKey()),
        service_(&store_, &clock_, &tokens_) {
    store_.Publish(Must(Snapshot::Load({data}, {}, clock_)));
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
  grpc::Status Summary(const v1::GetCorridorSummaryRequest& request,
                       v1::CorridorSummary* summary) {
    grpc::ClientContext context;
    return stub_->GetCorridorSummary(&context, request, summary);
  }

  FakeClock clock_;
  SnapshotStore store_;
  PageTokens tokens_;
  RemitRankService service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::RemitRank::Stub> stub_;
};

std::string Rounded(const std::string& percent) {
  return ::remit::testing::P(percent.c_str()).ToString(4);
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

// RankOffers copies the cheapest offer from its page; GetCorridorSummary
// converts it afresh. Both give the same message, ranked 0.
TEST_F(RemitRankServiceTest, CheapestOfferIsTheSameOnThePageAndAlone) {
  v1::RankOffersResponse ranked;
  ASSERT_TRUE(Rank(UsMx200(), &ranked).ok());
  v1::GetCorridorSummaryRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  grpc::ClientContext context;
  v1::CorridorSummary alone;
  ASSERT_TRUE(stub_->GetCorridorSummary(&context, request, &alone).ok());

  const v1::Offer& from_page = ranked.summary().cheapest();
  EXPECT_EQ(from_page.rank(), 0);
  EXPECT_EQ(from_page.SerializeAsString(),
            alone.cheapest().SerializeAsString());
  v1::Offer first = ranked.offers(0);
  first.set_rank(0);
  EXPECT_EQ(from_page.SerializeAsString(), first.SerializeAsString());
}

TEST_F(RemitRankServiceTest, BadRequestsNameTheField) {
  testing::ExpectRefused(BadRankRequests(),
                         [this](const v1::RankOffersRequest& request,
                                v1::RankOffersResponse* response) {
                           return Rank(request, response);
                         });
  // The server answers normally afterwards.
  v1::RankOffersResponse response;
  EXPECT_TRUE(Rank(UsMx200(), &response).ok());
}

v1::GetCostCurveRequest UsMxCurve(const char* min, const char* max) {
  v1::GetCostCurveRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  for (auto [amount, text] : {std::pair{request.mutable_min_amount(), min},
                              std::pair{request.mutable_max_amount(), max}}) {
    amount->set_currency_code("USD");
    amount->set_units(std::stoll(text));
  }
  return request;
}

int64_t Cents(const v1::Money& money) {
  return money.units() * 100 + money.nanos() / 10'000'000;
}

// Over amounts received: each interval's cheapest is RankOffers' first
// offer for that receive_amount, at both ends.
TEST_F(RemitRankServiceTest, CostCurveOverAmountsReceived) {
  v1::GetCostCurveRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  request.mutable_min_amount()->set_currency_code("MXN");
  request.mutable_min_amount()->set_units(100);
  request.mutable_max_amount()->set_currency_code("MXN");
  request.mutable_max_amount()->set_units(12000);
  request.set_receive_amounts(true);
  v1::GetCostCurveResponse curve;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->GetCostCurve(&context, request, &curve).ok());
  EXPECT_TRUE(curve.receive_amounts());
  ASSERT_GE(curve.intervals_size(), 1);
  for (const v1::CurveInterval& interval : curve.intervals()) {
    EXPECT_EQ(interval.from_amount().currency_code(), "MXN");
    for (const v1::Money& amount :
         {interval.from_amount(), interval.to_amount()}) {
      v1::RankOffersRequest rank = UsMx200();
      *rank.mutable_receive_amount() = amount;
      v1::RankOffersResponse ranked;
      ASSERT_TRUE(Rank(rank, &ranked).ok());
      ASSERT_GT(ranked.offers_size(), 0);
      EXPECT_EQ(ranked.offers(0).quote_id(), interval.cheapest().quote_id())
          << Cents(amount);
    }
    // Priced as RankOffers prices a receive_amount: at least that much.
    EXPECT_GE(Cents(interval.cheapest().receive_amount()),
              Cents(interval.from_amount()));
  }
  // In the send currency, refused naming the field.
  request.mutable_min_amount()->set_currency_code("USD");
  grpc::ClientContext usd_context;
  const grpc::Status usd = stub_->GetCostCurve(&usd_context, request, &curve);
  EXPECT_EQ(usd.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(usd.error_message().find("min_amount"), std::string::npos)
      << usd.error_message();
}

// Every interval's cheapest is RankOffers' first offer at both its ends,
// and the intervals follow one another.
TEST_F(RemitRankServiceTest, CostCurveAgreesWithRankOffersAtEachSwitch) {
  v1::GetCostCurveRequest request = UsMxCurve("1", "600");
  request.set_sample_count(5);
  v1::GetCostCurveResponse curve;
  grpc::ClientContext context;
  ASSERT_TRUE(stub_->GetCostCurve(&context, request, &curve).ok());
  EXPECT_EQ(curve.corridor().send_country(), "USA");
  EXPECT_EQ(curve.dataset_version(), store_.Get()->version());
  // Where the data comes from, as a ranking of the corridor says it.
  ASSERT_EQ(curve.data_sources_size(), 1);
  EXPECT_EQ(curve.data_sources(0).name(), "remitrank sample corridors");
  EXPECT_EQ(curve.data_sources(0).license(), "CC0 1.0");
  ASSERT_GE(curve.intervals_size(), 2);
  EXPECT_EQ(Cents(curve.intervals(0).from_amount()), 100);
  EXPECT_EQ(Cents(curve.intervals(curve.intervals_size() - 1).to_amount()),
            60000);
  for (int i = 0; i < curve.intervals_size(); ++i) {
    const v1::CurveInterval& interval = curve.intervals(i);
    if (i > 0) {
      EXPECT_EQ(Cents(interval.from_amount()),
                Cents(curve.intervals(i - 1).to_amount()) + 1);
      EXPECT_NE(interval.cheapest().quote_id(),
                curve.intervals(i - 1).cheapest().quote_id());
    }
    EXPECT_EQ(interval.cheapest().rank(), 1);
    EXPECT_EQ(Cents(interval.cheapest().send_amount()),
              Cents(interval.from_amount()));
    for (const v1::Money& amount :
         {interval.from_amount(), interval.to_amount()}) {
      v1::RankOffersRequest rank = UsMx200();
      *rank.mutable_send_amount() = amount;
      v1::RankOffersResponse ranked;
      ASSERT_TRUE(Rank(rank, &ranked).ok());
      ASSERT_GT(ranked.offers_size(), 0);
      EXPECT_EQ(ranked.offers(0).quote_id(), interval.cheapest().quote_id())
          << Cents(amount);
    }
  }
  ASSERT_EQ(curve.sample_amounts_size(), 5);
  EXPECT_EQ(Cents(curve.sample_amounts(2)), 30050);
  ASSERT_GT(curve.offers_size(), 0);
  for (const v1::OfferCurve& offer : curve.offers()) {
    ASSERT_EQ(offer.samples_size(), 5);
  }
}

TEST_F(RemitRankServiceTest, CostCurveErrorsNameTheField) {
  struct Case {
    v1::GetCostCurveRequest request;
    const char* message;
  };
  std::vector<Case> cases;
  cases.push_back({UsMxCurve("600", "1"),
                   "min_amount: 600.00 USD is more than max_amount 1.00 USD"});
  cases.push_back({UsMxCurve("1", "600"), "min_amount: is required"});
  cases.back().request.clear_min_amount();
  cases.push_back(
      {UsMxCurve("1", "600"), "sample_count: 1001 is not between 0 and 1000"});
  cases.back().request.set_sample_count(1001);
  cases.push_back({UsMxCurve("1", "600"), "period: "});
  cases.back().request.set_period("2024-2");
  for (const Case& c : cases) {
    v1::GetCostCurveResponse response;
    grpc::ClientContext context;
    const grpc::Status status =
        stub_->GetCostCurve(&context, c.request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(status.error_message().substr(0, std::string(c.message).size()),
              c.message);
  }
  v1::GetCostCurveRequest nowhere = UsMxCurve("1", "600");
  nowhere.mutable_corridor()->set_receive_country("NO");
  nowhere.mutable_max_amount()->set_currency_code("USD");
  v1::GetCostCurveResponse response;
  grpc::ClientContext context;
  EXPECT_EQ(stub_->GetCostCurve(&context, nowhere, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(RemitRankServiceTest, NoDatasetIsFailedPrecondition) {
  SnapshotStore empty;
  RemitRankHandler handler(&empty, &clock_, &tokens_);
  v1::RankOffersResponse response;
  absl::Status status = handler.RankOffers(UsMx200(), &response);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  v1::GetCostCurveResponse curve;
  EXPECT_EQ(handler.GetCostCurve(UsMxCurve("1", "600"), &curve).code(),
            absl::StatusCode::kFailedPrecondition);
}

// testdata/survey_periods.textproto on 2024-09-01 (its comments give the
// figures): USA -> MEX in 2024_1Q (stale by then) and 2024_2Q, GBR -> NGA in
// 2023_4Q and 2024_1Q.
class RemitRankPeriodsTest : public RemitRankServiceTest {
 protected:
  RemitRankPeriodsTest()
      : RemitRankServiceTest(::remit::testing::kSurveyPeriods,
                             Day(2024, 9, 1)) {}

  static v1::RankOffersRequest Request(const char* from, const char* to,
                                       const char* currency, int64_t units,
                                       const char* period) {
    v1::RankOffersRequest request;
    request.mutable_corridor()->set_send_country(from);
    request.mutable_corridor()->set_receive_country(to);
    request.mutable_send_amount()->set_currency_code(currency);
    request.mutable_send_amount()->set_units(units);
    request.set_period(period);
    return request;
  }
  static std::vector<std::string> Offers(
      const v1::RankOffersResponse& response) {
    std::vector<std::string> offers;
    for (const v1::Offer& o : response.offers()) {
      offers.push_back(o.quote_id() + " " + Rounded(o.total_cost_percent()));
    }
    return offers;
  }
};

TEST_F(RemitRankPeriodsTest, RanksEachCorridorsLatestPeriodByDefault) {
  v1::RankOffersResponse us_mx;
  ASSERT_TRUE(Rank(Request("US", "MX", "USD", 200, ""), &us_mx).ok());
  EXPECT_EQ(us_mx.period(), "2024_2Q");
  EXPECT_EQ(us_mx.summary().period(), "2024_2Q");
  EXPECT_EQ(Offers(us_mx), (std::vector<std::string>{"us-mx-alpha-2q 2.5000",
                                                     "us-mx-gamma-2q 2.8571",
                                                     "us-mx-beta-2q 4.0000"}));
  EXPECT_EQ(us_mx.excluded_offers_size(), 0);
  // Another corridor, another latest period.
  v1::RankOffersResponse gb_ng;
  ASSERT_TRUE(Rank(Request("GB", "NG", "GBP", 155, ""), &gb_ng).ok());
  EXPECT_EQ(gb_ng.period(), "2024_1Q");
  EXPECT_EQ(Offers(gb_ng), (std::vector<std::string>{"gb-ng-alpha-1q 3.0000",
                                                     "gb-ng-beta-1q 3.5000"}));
}

TEST_F(RemitRankPeriodsTest, NamedOlderPeriodRanksItsQuotesThoughStale) {
  v1::RankOffersResponse response;
  ASSERT_TRUE(Rank(Request("US", "MX", "USD", 200, "2024_1Q"), &response).ok());
  EXPECT_EQ(response.period(), "2024_1Q");
  EXPECT_EQ(Offers(response),
            (std::vector<std::string>{"us-mx-beta-1q 3.8571",
                                      "us-mx-alpha-1q 4.2143"}));
  EXPECT_EQ(response.excluded_offers_size(), 0);
  EXPECT_EQ(response.summary().offer_count(), 2);
  EXPECT_EQ(response.summary().cheapest().quote_id(), "us-mx-beta-1q");
}

TEST_F(RemitRankPeriodsTest, UnknownOrBadPeriodIsRefused) {
  v1::RankOffersResponse response;
  grpc::Status unknown =
      Rank(Request("US", "MX", "USD", 200, "2023_4Q"), &response);
  EXPECT_EQ(unknown.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(unknown.error_message(),
            "corridor USA/USD->MEX/MXN has no quotes in period 2023_4Q; its "
            "periods are 2024_1Q, 2024_2Q");
  grpc::Status bad =
      Rank(Request("US", "MX", "USD", 200, "2024-2Q"), &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(bad.error_message(),
            "period: '2024-2Q' is not a survey period (YYYY_nQ, e.g. 2024_2Q)");

  v1::GetCorridorSummaryRequest summary_request;
  summary_request.mutable_corridor()->set_send_country("GB");
  summary_request.mutable_corridor()->set_receive_country("NG");
  summary_request.set_period("2024_2Q");
  v1::CorridorSummary summary;
  grpc::Status missing = Summary(summary_request, &summary);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(missing.error_message(),
            "corridor GBR/GBP->NGA/NGN has no quotes in period 2024_2Q; its "
            "periods are 2023_4Q, 2024_1Q");
  summary_request.set_period("2024_9Q");
  EXPECT_EQ(Summary(summary_request, &summary).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(RemitRankPeriodsTest, SummaryOfANamedPeriodAtItsOwnSurveyAmount) {
  v1::GetCorridorSummaryRequest request;
  request.mutable_corridor()->set_send_country("GB");
  request.mutable_corridor()->set_receive_country("NG");
  v1::CorridorSummary latest;
  ASSERT_TRUE(Summary(request, &latest).ok());
  EXPECT_EQ(latest.period(), "2024_1Q");
  EXPECT_EQ(latest.amount().units(), 155);
  EXPECT_EQ(latest.amount_source(), "survey amount");
  EXPECT_EQ(Rounded(latest.average_total_cost_percent()), "3.2500");

  request.set_period("2023_4Q");
  v1::CorridorSummary named;
  ASSERT_TRUE(Summary(request, &named).ok());
  EXPECT_EQ(named.period(), "2023_4Q");
  EXPECT_EQ(named.amount().units(), 160);  // That period's survey amount.
  EXPECT_EQ(named.amount_source(), "survey amount");
  EXPECT_EQ(named.offer_count(), 2);  // Stale at the clock, yet counted.
  EXPECT_EQ(Rounded(named.average_total_cost_percent()), "5.2500");
  EXPECT_EQ(named.cheapest().quote_id(), "gb-ng-alpha-4q");
}

TEST_F(RemitRankPeriodsTest, PageTokenOfOnePeriodIsRefusedForAnother) {
  v1::RankOffersRequest request = Request("US", "MX", "USD", 200, "2024_2Q");
  request.set_page_size(1);
  v1::RankOffersResponse first;
  ASSERT_TRUE(Rank(request, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  request.set_page_token(first.next_page_token());
  v1::RankOffersResponse second;
  ASSERT_TRUE(Rank(request, &second).ok());
  EXPECT_EQ(second.offers(0).quote_id(), "us-mx-gamma-2q");

  request.set_period("2024_1Q");
  v1::RankOffersResponse other;
  grpc::Status status = Rank(request, &other);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("page_token: ", 0), 0u)
      << status.error_message();
}

// The project's RPW test workbook (testdata/rpw/make_rpw_workbook.py); the
// figures are worked out in engine/indicators/indicators_test.cc.
class RemitRankHistoryTest : public RemitRankServiceTest {
 protected:
  RemitRankHistoryTest()
      : RemitRankServiceTest("testdata/rpw/rpw_test_workbook.xlsx",
                             Day(2026, 1, 1)) {}

  grpc::Status History(const v1::GetCorridorHistoryRequest& request,
                       v1::CorridorHistory* response) {
    grpc::ClientContext context;
    return stub_->GetCorridorHistory(&context, request, response);
  }
  grpc::Status GetIndicators(const v1::GetIndicatorsRequest& request,
                             v1::Indicators* response) {
    grpc::ClientContext context;
    return stub_->GetIndicators(&context, request, response);
  }
  static v1::GetCorridorHistoryRequest UsaMex() {
    v1::GetCorridorHistoryRequest request;
    request.mutable_corridor()->set_send_country("US");
    request.mutable_corridor()->set_receive_country("MX");
    return request;
  }
};

TEST_F(RemitRankHistoryTest, HistoryOverTheWireWithGaps) {
  v1::GetCorridorHistoryRequest request = UsaMex();
  request.set_provider_id("rpw-northwind-remit");
  v1::CorridorHistory history;
  ASSERT_TRUE(History(request, &history).ok());
  EXPECT_EQ(history.corridor().send_country(), "USA");
  EXPECT_EQ(history.amount_level(), v1::AMOUNT_LEVEL_CC1);
  EXPECT_EQ(history.provider_id(), "rpw-northwind-remit");
  EXPECT_EQ(history.dataset_version(), store_.Get()->version());
  // RPW data: CC BY 4.0, whose attribution every answer carries.
  ASSERT_EQ(history.data_sources_size(), 1);
  EXPECT_EQ(history.data_sources(0).license(), "CC BY 4.0");
  EXPECT_NE(history.data_sources(0).attribution(), "");
  // 2011_1Q to 2025_3Q: 59 quarters.
  ASSERT_EQ(history.points_size(), 59);
  std::map<std::string, const v1::HistoryPoint*> by_period;
  for (const v1::HistoryPoint& p : history.points()) by_period[p.period()] = &p;
  EXPECT_TRUE(by_period["2025_2Q"]->gap());
  EXPECT_EQ(by_period["2025_2Q"]->average_total_cost_percent(), "");
  EXPECT_TRUE(by_period["2011_2Q"]->gap());
  const v1::HistoryPoint& q2024 = *by_period["2024_3Q"];
  EXPECT_FALSE(q2024.gap());
  EXPECT_EQ(q2024.transparent_service_count(), 3);
  EXPECT_EQ(q2024.average_total_cost_percent(), "4.405000000");
  EXPECT_EQ(q2024.smart_percent(), "4.405000000");
  EXPECT_EQ(q2024.cheapest_provider_name(), "Northwind Remit");
  EXPECT_EQ(q2024.provider_average_total_cost_percent(), "3.035000000");
  EXPECT_EQ(by_period["2025_1Q"]->cheapest_total_cost_percent(),
            "-0.990000000");
}

TEST_F(RemitRankHistoryTest, HistoryErrorsNameTheField) {
  v1::CorridorHistory history;
  v1::GetCorridorHistoryRequest bad_level = UsaMex();
  bad_level.set_amount_level(static_cast<v1::AmountLevel>(9));
  grpc::Status status = History(bad_level, &history);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("amount_level: 9", 0), 0u)
      << status.error_message();
  v1::GetCorridorHistoryRequest bad_country = UsaMex();
  bad_country.mutable_corridor()->set_send_country("XX");
  status = History(bad_country, &history);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("corridor.send_country: 'XX'", 0), 0u)
      << status.error_message();
  v1::GetCorridorHistoryRequest no_corridor;
  status = History(no_corridor, &history);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  v1::GetCorridorHistoryRequest stranger = UsaMex();
  stranger.set_provider_id("rpw-kigali-money");  // Only in RWA -> KEN.
  status = History(stranger, &history);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  v1::GetCorridorHistoryRequest elsewhere = UsaMex();
  elsewhere.mutable_corridor()->set_receive_country("NG");
  status = History(elsewhere, &history);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(RemitRankHistoryTest, IndicatorsOfTheLatestPeriodAndANamedOne) {
  v1::Indicators latest;
  ASSERT_TRUE(GetIndicators({}, &latest).ok());
  EXPECT_EQ(latest.period(), "2025_3Q");
  EXPECT_EQ(latest.dataset_version(), store_.Get()->version());
  ASSERT_EQ(latest.data_sources_size(), 1);
  EXPECT_EQ(latest.data_sources(0).license(), "CC BY 4.0");
  EXPECT_NE(latest.data_sources(0).attribution(), "");
  EXPECT_EQ(latest.global_average_total_cost_percent(), "58.220577906");
  EXPECT_EQ(latest.service_count(), 6);
  EXPECT_EQ(latest.corridors_size(), 4);
  EXPECT_EQ(latest.corridors_at_or_below_5_percent(), 2);
  EXPECT_EQ(latest.share_of_corridors_at_or_below_3_percent(), "25.000000000");
  EXPECT_EQ(latest.global_smart_average_percent(), "112.396896552");
  ASSERT_EQ(latest.by_receiving_region_size(), 4);
  EXPECT_EQ(latest.by_receiving_region(0).key(), "Sub-Saharan Africa");
  EXPECT_GE(latest.rules_size(), 3);

  v1::GetIndicatorsRequest request;
  request.set_period("2024_3Q");
  v1::Indicators older;
  ASSERT_TRUE(GetIndicators(request, &older).ok());
  EXPECT_EQ(older.global_average_total_cost_percent(), "4.405000000");
}

TEST_F(RemitRankHistoryTest, IndicatorsErrors) {
  v1::Indicators indicators;
  v1::GetIndicatorsRequest malformed;
  malformed.set_period("2025_5Q");
  grpc::Status status = GetIndicators(malformed, &indicators);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(status.error_message().rfind("period: '2025_5Q'", 0), 0u)
      << status.error_message();
  v1::GetIndicatorsRequest missing;
  missing.set_period("2025_2Q");
  status = GetIndicators(missing, &indicators);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);

  SnapshotStore empty;
  RemitRankHandler handler(&empty, &clock_, &tokens_);
  v1::Indicators response;
  EXPECT_EQ(handler.GetIndicators({}, &response).code(),
            absl::StatusCode::kFailedPrecondition);
  v1::CorridorHistory history;
  EXPECT_EQ(handler.GetCorridorHistory(UsaMex(), &history).code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(RemitRankServiceTest, IndicatorsNeedSurveyPeriods) {
  // The sample corridors' quotes have no survey period.
  v1::Indicators indicators;
  grpc::ClientContext context;
  grpc::Status status = stub_->GetIndicators(&context, {}, &indicators);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
      << status.error_message();
}

}  // namespace
}  // namespace remit::service
