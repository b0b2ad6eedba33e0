#include "service/http/transcode.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "service/http/route_table.h"

namespace remit::service::http {
namespace {

const google::protobuf::ServiceDescriptor* RemitRank() {
  return v1::RankOffersRequest::descriptor()->file()->FindServiceByName(
      "RemitRank");
}

RouteTable Table() {
  RouteTable table;
  EXPECT_TRUE(table.AddService(RemitRank()).ok());
  return table;
}

TEST(RouteTableTest, EveryRemitRankRpcHasAGetAndAPostRoute) {
  RouteTable table = Table();
  std::vector<std::string> routes;
  for (const Route& r : table.routes()) {
    routes.push_back(absl::StrCat(r.verb, " ", r.path.text(), " ",
                                  r.method->name(), " body=", r.body));
  }
  EXPECT_EQ(
      routes,
      (std::vector<std::string>{
          "GET /v1/corridors/{corridor.send_country}/"
          "{corridor.receive_country}/offers RankOffers body=",
          "POST /v1/corridors:rankOffers RankOffers body=*",
          "GET /v1/corridors ListCorridors body=",
          "POST /v1/corridors:listCorridors ListCorridors body=*",
          "GET /v1/corridors/{corridor.send_country}/"
          "{corridor.receive_country}/summary GetCorridorSummary body=",
          "POST /v1/corridors:getCorridorSummary GetCorridorSummary body=*",
          "GET /v1/corridors/{corridor.send_country}/"
          "{corridor.receive_country}/history GetCorridorHistory body=",
          "POST /v1/corridors:getCorridorHistory GetCorridorHistory body=*",
          "GET /v1/indicators GetIndicators body=",
          "POST /v1/indicators:getIndicators GetIndicators body=*",
          "GET /v1/corridors/{corridor.send_country}/"
          "{corridor.receive_country}/curve GetCostCurve body=",
          "POST /v1/corridors:getCostCurve GetCostCurve body=*",
      }));
}

TEST(RouteTableTest, AdminRpcsHaveNoRoutes) {
  RouteTable table;
  ASSERT_TRUE(
      table
          .AddService(
              v1::RankOffersRequest::descriptor()->file()->FindServiceByName(
                  "RemitAdmin"))
          .ok());
  EXPECT_TRUE(table.routes().empty());
}

TEST(RouteTableTest, FindBindsPathVariables) {
  RouteTable table = Table();
  RouteTable::Match m = table.Find("GET", "/v1/corridors/US/M%58/offers");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method->name(), "RankOffers");
  ASSERT_EQ(m.bindings.size(), 2u);
  EXPECT_EQ(m.bindings[0].name, "corridor.send_country");
  EXPECT_EQ(m.bindings[0].value, "US");
  EXPECT_EQ(m.bindings[1].value, "MX");

  m = table.Find("POST", "/v1/corridors:rankOffers");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->method->name(), "RankOffers");
  EXPECT_TRUE(m.bindings.empty());
}

TEST(RouteTableTest, WrongVerbListsTheAllowedOnesAndUnknownPathsNone) {
  RouteTable table = Table();
  RouteTable::Match m = table.Find("DELETE", "/v1/corridors");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed_verbs, std::vector<std::string>{"GET"});
  for (const char* path :
       {"/v1/corridor", "/v1/corridors/", "/v1/corridors/US/offers",
        "/v1/corridors//MX/offers", "/v1/corridors/US/MX/offers/x",
        "/v1/corridors:rankoffers", "/v2/corridors", "v1/corridors", "",
        "/v1/corridors/US/MX/offers:rankOffers",
        "/v1/corridors/U%ZZ/MX/offers"}) {
    RouteTable::Match none = table.Find("GET", path);
    EXPECT_EQ(none.route, nullptr) << path;
    EXPECT_TRUE(none.allowed_verbs.empty()) << path;
  }
}

TEST(PathTemplateTest, RefusesWhatItCannotServe) {
  const google::protobuf::Descriptor* request =
      v1::RankOffersRequest::descriptor();
  for (const char* bad : {"v1/x", "/v1/{corridor.nope}", "/v1/{corridor}",
                          "/v1/{corridor.send_country=**}", "/v1/**",
                          "/v1/{filter.receive_methods}", "/v1//x",
                          "/v1/x:", "/v1/{corridor.send_country=a/*}"}) {
    EXPECT_FALSE(PathTemplate::Parse(bad, request).ok()) << bad;
  }
  EXPECT_FALSE(
      PathTemplate::Parse("/v1/{corridor.send_country}", nullptr).ok());
  EXPECT_TRUE(
      PathTemplate::Parse("/v1/{corridor.send_country=*}/*:go", request).ok());
}

TEST(BindQueryTest, BothNameStylesNestedRepeatedEnumsAndDurations) {
  v1::RankOffersRequest camel;
  ASSERT_TRUE(BindQuery("sendAmount.currencyCode=USD&sendAmount.units=200&"
                        "orderBy=speed&filter.receiveMethods=RECEIVE_METHOD_"
                        "CASH_PICKUP&filter.receiveMethods=RECEIVE_METHOD_"
                        "BANK_ACCOUNT&includeOpaque=true&maxQuoteAge=3600s&"
                        "pageSize=5&period=2024_2Q",
                        {}, &camel)
                  .ok());
  v1::RankOffersRequest snake;
  ASSERT_TRUE(BindQuery("send_amount.currency_code=USD&send_amount.units=200&"
                        "order_by=speed&filter.receive_methods=RECEIVE_METHOD_"
                        "CASH_PICKUP&filter.receive_methods=RECEIVE_METHOD_"
                        "BANK_ACCOUNT&include_opaque=true&max_quote_age=3600s&"
                        "page_size=5&period=2024%5F2Q",
                        {}, &snake)
                  .ok());
  EXPECT_EQ(camel.SerializeAsString(), snake.SerializeAsString());
  EXPECT_EQ(camel.send_amount().currency_code(), "USD");
  EXPECT_EQ(camel.send_amount().units(), 200);
  EXPECT_EQ(camel.order_by(), "speed");
  ASSERT_EQ(camel.filter().receive_methods_size(), 2);
  EXPECT_EQ(camel.filter().receive_methods(0), v1::RECEIVE_METHOD_CASH_PICKUP);
  EXPECT_TRUE(camel.include_opaque());
  EXPECT_EQ(camel.max_quote_age().seconds(), 3600);
  EXPECT_EQ(camel.page_size(), 5);
  EXPECT_EQ(camel.period(), "2024_2Q");
}

TEST(BindQueryTest, PlusAndEscapesDecode) {
  v1::RankOffersRequest request;
  ASSERT_TRUE(BindQuery("orderBy=total+cost%21", {}, &request).ok());
  EXPECT_EQ(request.order_by(), "total cost!");
}

TEST(BindQueryTest, BadParametersNameTheParameterAndValue) {
  const struct {
    const char* query;
    const char* message;
  } cases[] = {
      {"nope=1", "query parameter nope: '1' is not expected"},
      {"sendAmount.nope=1", "has no field 'nope'"},
      {"pageSize=ten", "query parameter pageSize: 'ten' is not a 32-bit"},
      {"pageSize=99999999999", "'99999999999' is not a 32-bit integer"},
      {"sendAmount.units=1.5", "'1.5' is not a 64-bit integer"},
      {"includeOpaque=yes", "'yes' is not true or false"},
      {"filter.maxSpeed=FAST", "'FAST' is not a Speed (one of SPEED_"},
      {"maxQuoteAge=1h", "'1h' is not a duration"},
      {"sendAmount=200", "names a message (remit.v1.Money)"},
      {"pageSize=1&pageSize=2", "is a second value for a single field"},
      {"orderBy=%zz", "bad percent escape"},
      {"=5", "without a name"},
      {"sendAmount.units=1&receiveAmount.units=1",
       "cannot be given with sendAmount"},
      {"pageSize.x=1", "'pageSize' has no fields"},
  };
  for (const auto& c : cases) {
    v1::RankOffersRequest request;
    absl::Status status = BindQuery(c.query, {}, &request);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.query;
    EXPECT_TRUE(absl::StrContains(status.message(), c.message))
        << c.query << ": " << status.message();
  }
}

TEST(BindQueryTest, PathBoundFieldsAreNotQueryParameters) {
  RouteTable table = Table();
  RouteTable::Match m = table.Find("GET", "/v1/corridors/US/MX/summary");
  ASSERT_NE(m.route, nullptr);
  v1::GetCorridorSummaryRequest request;
  ASSERT_TRUE(BindPath(m.bindings, &request).ok());
  EXPECT_EQ(request.corridor().send_country(), "US");
  absl::Status status =
      BindQuery("corridor.sendCountry=GB", m.bindings, &request);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(status.message(), "the path gives it"));
  // Other corridor fields are fine.
  EXPECT_TRUE(
      BindQuery("corridor.sendCurrency=USD", m.bindings, &request).ok());
}

TEST(ParseJsonBodyTest, ParsesAndRefusesUnknownFields) {
  v1::RankOffersRequest request;
  ASSERT_TRUE(ParseJsonBody(R"({"corridor":{"send_country":"US"},
      "sendAmount":{"currencyCode":"USD","units":"200"},
      "filter":{"receiveMethods":["RECEIVE_METHOD_CASH_PICKUP"]}})",
                            &request)
                  .ok());
  EXPECT_EQ(request.corridor().send_country(), "US");
  EXPECT_EQ(request.send_amount().units(), 200);
  EXPECT_EQ(request.filter().receive_methods(0),
            v1::RECEIVE_METHOD_CASH_PICKUP);
  EXPECT_TRUE(ParseJsonBody("", &request).ok());
  for (const char* bad : {"{", R"({"nope":1})", "[]", R"({"pageSize":"x"})"}) {
    absl::Status status = ParseJsonBody(bad, &request);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_TRUE(absl::StartsWith(status.message(), "request body: ")) << bad;
    EXPECT_FALSE(absl::StrContains(status.message(), "\n")) << bad;
  }
}

TEST(ToJsonTest, CamelCaseEnumNamesAndZeroValues) {
  v1::Offer offer;
  offer.set_provider_id("alpha");
  offer.set_speed(v1::SPEED_SAME_DAY);
  const std::string json = ToJson(offer);
  EXPECT_TRUE(absl::StrContains(json, R"("providerId":"alpha")")) << json;
  EXPECT_TRUE(absl::StrContains(json, R"("speed":"SPEED_SAME_DAY")")) << json;
  EXPECT_TRUE(absl::StrContains(json, R"("rank":0)")) << json;
  EXPECT_TRUE(absl::StrContains(json, R"("promotional":false)")) << json;
  EXPECT_TRUE(absl::StrContains(json, R"("dataNotes":[])")) << json;
}

}  // namespace
}  // namespace remit::service::http
