#include "service/http/widget.h"

#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"
#include "service/http/api.h"

namespace remit::service::http {
namespace {

using ::remit::testing::Day;
using ::remit::testing::kSurveyPeriods;
using ::remit::testing::Must;

// The API with the widget's routes, over testdata/survey_periods.textproto.
class WidgetTest : public ::testing::Test {
 protected:
  WidgetTest()
      : clock_(Day(2024, 9, 1)),
        tokens_(PageTokens::RandomKey()),
        handler_(&store_, &clock_, &tokens_) {
    store_.Publish(Must(Snapshot::Load({kSurveyPeriods}, {}, clock_)));
    api_ = Must(HttpApi::Create(&store_, &handler_, {}));
    EXPECT_TRUE(AddWidgetRoutes(api_.get()).ok());
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

TEST_F(WidgetTest, EachFileHasItsContentTypeCachingAndCors) {
  struct Case {
    const char* target;
    const char* type;
    const char* contains;
  };
  for (const Case& c : {
           Case{"/widget/remit-compare.js",
                "application/javascript; charset=utf-8",
                "customElements.define('remit-compare'"},
           Case{"/widget/messages/en.json", "application/json; charset=utf-8",
                R"("widget_show_more":"Show more offers")"},
           Case{"/widget/messages/fr.json", "application/json; charset=utf-8",
                R"("code":"fr")"},
           Case{"/widget/messages/es.json", "application/json; charset=utf-8",
                R"("widget_all":"Todos")"},
           Case{"/widget/countries.json", "application/json; charset=utf-8",
                R"("GBR":"GB")"},
           Case{"/embed?from=GB&to=NG&amount=120%20GBP&lang=fr",
                "text/html; charset=utf-8", "<remit-compare>"},
           Case{"/", "text/html; charset=utf-8", "/v1/corridors"},
       }) {
    SCOPED_TRACE(c.target);
    HttpResponse r = Get(c.target);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("content-type"), c.type);
    EXPECT_EQ(r.Header("cache-control"), "public, max-age=300");
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
    EXPECT_EQ(r.Header("x-content-type-options"), "nosniff");
    EXPECT_FALSE(r.Header("etag").empty());
    EXPECT_TRUE(absl::StrContains(r.body, c.contains));
  }
}

TEST_F(WidgetTest, TheCatalogKeepsTheSheetsSentences) {
  HttpResponse r = Get("/widget/messages/en.json");
  EXPECT_TRUE(absl::StrContains(r.body, R"("column_total":"Total cost")"))
      << r.body;
  EXPECT_TRUE(absl::StrContains(
      r.body, R"("speeds":["under 1 hour","same day","next day")"));
}

TEST_F(WidgetTest, AMatchingETagIsNotModified) {
  const HttpResponse first = Get("/widget/remit-compare.js");
  const std::string etag(first.Header("etag"));
  HttpResponse again =
      Get("/widget/remit-compare.js", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.Header("etag"), etag);
  HttpResponse weak =
      Get("/widget/remit-compare.js", {{"if-none-match", "W/" + etag}});
  EXPECT_EQ(weak.status, 304);
  HttpResponse other =
      Get("/widget/remit-compare.js", {{"if-none-match", "\"other\""}});
  EXPECT_EQ(other.status, 200);
  EXPECT_NE(Get("/").Header("etag"), etag);
}

TEST_F(WidgetTest, ScriptsAreGzippedWhenAsked) {
  HttpResponse r =
      Get("/widget/remit-compare.js", {{"accept-encoding", "gzip"}});
  EXPECT_EQ(r.Header("content-encoding"), "gzip");
  EXPECT_EQ(r.Header("vary"), "Accept-Encoding");
}

TEST_F(WidgetTest, OtherMethodsAndUnknownFiles) {
  HttpResponse post = api_->Handle(
      {"POST", "/widget/remit-compare.js", {{"content-type", "text/plain"}},
       "x"});
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(Get("/widget/messages/de.json").status, 404);
  EXPECT_EQ(Get("/widget/other.js").status, 404);
  HttpResponse options =
      api_->Handle({"OPTIONS", "/widget/remit-compare.js", {}, ""});
  EXPECT_EQ(options.status, 204);
  // The root is the demo page only, not a prefix of everything.
  EXPECT_EQ(Get("/index.html").status, 404);
}

}  // namespace
}  // namespace remit::service::http
