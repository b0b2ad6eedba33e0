#include "service/http/api.h"

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"
#include "service/http/gzip.h"

namespace remit::service::http {
namespace {

using ::remit::testing::Day;
using ::remit::testing::kSurveyPeriods;
using ::remit::testing::Must;

HttpRequest Req(std::string method, std::string target,
                HttpHeaders headers = {}, std::string body = "") {
  return {std::move(method), std::move(target), std::move(headers),
          std::move(body)};
}

// The API over testdata/survey_periods.textproto on 2024-09-01: USA -> MEX
// in 2024_1Q and 2024_2Q, GBR -> NGA in 2023_4Q and 2024_1Q.
class HttpApiTest : public ::testing::Test {
 protected:
  HttpApiTest()
      : clock_(Day(2024, 9, 1)),
        tokens_(PageTokens::RandomKey()),
        handler_(&store_, &clock_, &tokens_) {
    store_.Publish(Must(Snapshot::Load({kSurveyPeriods}, {}, clock_)));
    api_ = Must(HttpApi::Create(&store_, &handler_, {}));
  }

  HttpResponse Get(const std::string& target, HttpHeaders headers = {}) {
    return api_->Handle({"GET", target, std::move(headers), ""});
  }

  FakeClock clock_;
  SnapshotStore store_;
  PageTokens tokens_;
  RemitRankHandler handler_;
  std::unique_ptr<HttpApi> api_;
};

TEST_F(HttpApiTest, RankOffersByGetIsTheSameAsByPost) {
  HttpResponse get =
      Get("/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&"
          "sendAmount.units=200");
  ASSERT_EQ(get.status, 200) << get.body;
  EXPECT_EQ(get.Header("content-type"), "application/json");
  EXPECT_TRUE(absl::StrContains(get.body, R"("quoteId":"us-mx-alpha-2q")"))
      << get.body;
  EXPECT_TRUE(absl::StrContains(get.body, R"("period":"2024_2Q")"));
  HttpResponse post =
      api_->Handle({"POST",
                    "/v1/corridors:rankOffers",
                    {{"content-type", "application/json; charset=utf-8"}},
                    R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"},
           "send_amount":{"currency_code":"USD","units":200}})"});
  ASSERT_EQ(post.status, 200) << post.body;
  EXPECT_EQ(post.body, get.body);
  EXPECT_EQ(post.Header("cache-control"), "no-store");
  EXPECT_EQ(post.Header("etag"), "");
}

TEST_F(HttpApiTest, EveryGetRouteAnswers) {
  for (const char* target :
       {"/v1/corridors", "/v1/corridors/US/MX/summary",
        "/v1/corridors/GBR/NGA/history?amountLevel=AMOUNT_LEVEL_CC1",
        "/v1/indicators?period=2024_1Q",
        "/v1/corridors/US/MX/curve?minAmount.currencyCode=USD&"
        "minAmount.units=1&maxAmount.currencyCode=USD&maxAmount.units=600",
        "/healthz", "/readyz"}) {
    HttpResponse r = Get(target);
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*") << target;
  }
  EXPECT_TRUE(
      absl::StrContains(Get("/v1/corridors").body, R"("sendCountry":"USA")"));
  EXPECT_TRUE(absl::StrContains(Get("/v1/corridors/GB/NG/history").body,
                                R"("period":"2023_4Q")"));
  EXPECT_TRUE(absl::StrContains(
      Get("/v1/corridors/US/MX/curve?minAmount.currencyCode=USD&"
          "minAmount.units=1&maxAmount.currencyCode=USD&maxAmount.units=600")
          .body,
      R"("intervals":[{"fromAmount":)"));
}

TEST_F(HttpApiTest, HandlerErrorsAreStatusJsonWithTheirHttpStatus) {
  HttpResponse bad = Get("/v1/corridors/XX/MX/offers?sendAmount.units=1");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(absl::StartsWith(bad.body, R"({"code":3,"message":")"))
      << bad.body;
  EXPECT_TRUE(absl::StrContains(bad.body, "corridor.send_country")) << bad.body;
  EXPECT_TRUE(absl::EndsWith(bad.body, R"(","details":[]})"));
  HttpResponse missing =
      Get("/v1/corridors/US/KE/offers?sendAmount.currencyCode=USD&"
          "sendAmount.units=200");
  EXPECT_EQ(missing.status, 404) << missing.body;
  EXPECT_TRUE(absl::StartsWith(missing.body, R"({"code":5,)"));
}

TEST_F(HttpApiTest, NoDatasetIsNotReadyAndFailedPrecondition) {
  SnapshotStore empty;
  RemitRankHandler handler(&empty, &clock_, &tokens_);
  std::unique_ptr<HttpApi> api = Must(HttpApi::Create(&empty, &handler, {}));
  EXPECT_EQ(api->Handle(Req("GET", "/readyz")).status, 503);
  EXPECT_EQ(api->Handle(Req("GET", "/healthz")).status, 200);
  HttpResponse r = api->Handle(Req("GET", "/v1/corridors"));
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(absl::StartsWith(r.body, R"({"code":9,)")) << r.body;
}

// Draining: both probes fail (so that load balancers stop sending), while
// the API still answers.
TEST_F(HttpApiTest, HealthAndReadinessTurnNotServing) {
  ASSERT_EQ(Get("/readyz").status, 200);
  api_->SetServing(false);
  HttpResponse r = Get("/healthz");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.body, R"({"status":"NOT_SERVING"})");
  HttpResponse ready = Get("/readyz");
  EXPECT_EQ(ready.status, 503);
  EXPECT_EQ(ready.body, R"({"status":"NOT_READY"})");
  EXPECT_EQ(Get("/v1/corridors").status, 200);
}

TEST_F(HttpApiTest, ETagAndNotModified) {
  const std::string target = "/v1/corridors/US/MX/summary";
  HttpResponse first = Get(target);
  ASSERT_EQ(first.status, 200);
  const std::string etag(first.Header("etag"));
  EXPECT_TRUE(absl::StartsWith(etag, "W/\"")) << etag;
  EXPECT_EQ(first.Header("cache-control"), "public, max-age=60");
  // The same request spelled otherwise has the same tag.
  EXPECT_EQ(Get("/v1/corridors/US/MX/summary?period=").Header("etag"), etag);
  HttpResponse again = Get(target, {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.Header("etag"), etag);
  EXPECT_EQ(Get(target, {{"if-none-match", "\"other\", " + etag}}).status, 304);
  EXPECT_EQ(Get(target, {{"if-none-match", "\"other\""}}).status, 200);
  // Another request, another tag.
  EXPECT_NE(Get("/v1/corridors/GB/NG/summary").Header("etag"), etag);
}

TEST_F(HttpApiTest, GzipWhenAskedAndLargeEnough) {
  HttpResponse plain =
      Get("/v1/corridors/US/MX/offers?sendAmount.units=200&"
          "sendAmount.currencyCode=USD");
  HttpResponse zipped =
      Get("/v1/corridors/US/MX/offers?sendAmount.units=200&"
          "sendAmount.currencyCode=USD",
          {{"accept-encoding", "gzip, deflate"}});
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.Header("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), plain.body.size());
  EXPECT_EQ(Must(Gunzip(zipped.body)), plain.body);
  EXPECT_EQ(plain.Header("content-encoding"), "");
  // Small answers stay as they are.
  EXPECT_EQ(
      Get("/healthz", {{"accept-encoding", "gzip"}}).Header("content-encoding"),
      "");
}

TEST_F(HttpApiTest, PreflightAndMethodNotAllowed) {
  HttpResponse preflight =
      api_->Handle({"OPTIONS",
                    "/v1/corridors:rankOffers",
                    {{"origin", "https://embassy.example"},
                     {"access-control-request-method", "POST"}},
                    ""});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.Header("access-control-allow-origin"), "*");
  EXPECT_EQ(preflight.Header("access-control-allow-methods"), "POST, OPTIONS");
  EXPECT_TRUE(absl::StrContains(
      preflight.Header("access-control-allow-headers"), "Content-Type"));
  EXPECT_EQ(api_->Handle(Req("OPTIONS", "/v1/nothing")).status, 404);

  HttpResponse wrong = api_->Handle(Req("POST", "/v1/corridors"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.Header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_TRUE(absl::StartsWith(wrong.body, R"({"code":12,)")) << wrong.body;
}

TEST_F(HttpApiTest, StaticRoutesCanBeAdded) {
  ASSERT_TRUE(api_->AddStatic("GET", "/widget/remit-compare.js",
                              [](const HttpRequest&) {
                                HttpResponse r;
                                r.SetHeader("Content-Type",
                                            "application/javascript");
                                r.body = "customElements;";
                                return r;
                              })
                  .ok());
  HttpResponse r = Get("/widget/remit-compare.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "customElements;");
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
}

TEST(HttpApiForServiceTest, ARoutedMethodWithoutHandlerFailsAtStart) {
  const google::protobuf::ServiceDescriptor* service =
      v1::RankOffersRequest::descriptor()->file()->FindServiceByName(
          "RemitRank");
  absl::StatusOr<std::unique_ptr<HttpApi>> api =
      HttpApi::ForService(service, {}, [] { return true; }, {});
  EXPECT_EQ(api.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(absl::StrContains(api.status().message(),
                                "remit.v1.RemitRank.RankOffers has the HTTP "
                                "route GET /v1/corridors/"))
      << api.status();
}

}  // namespace
}  // namespace remit::service::http
