// The HTTP server through real sockets on 127.0.0.1 (port 0): the API over
// testdata/survey_periods.textproto, called by a small raw-socket client so
// that malformed and oversized requests can be sent as they are.
#include "service/http/http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "engine/testing/test_util.h"
#include "engine/time/clock.h"
#include "gtest/gtest.h"
#include "service/http/api.h"
#include "service/http/gzip.h"

namespace remit::service::http {
namespace {

using ::remit::testing::Day;
using ::remit::testing::kSurveyPeriods;
using ::remit::testing::Must;

struct Reply {
  int status = 0;
  HttpHeaders headers;
  std::string body;
  absl::string_view Header(absl::string_view name) const {
    return FindHeader(headers, name);
  }
};

// One client connection. Reads block (a 60 s receive timeout only guards
// against a hung test; nothing waits for it to pass).
class Connection {
 public:
  explicit Connection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    timeval guard{60, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof(guard));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address),
                         sizeof(address)) == 0;
    connect_errno_ = connected_ ? 0 : errno;
  }
  ~Connection() { close(fd_); }

  bool connected() const { return connected_; }
  int connect_errno() const { return connect_errno_; }

  void Send(absl::string_view data) {
    while (!data.empty()) {
      const ssize_t n = send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return;
      data.remove_prefix(static_cast<size_t>(n));
    }
  }

  // Reads one response; `head`: it has no body whatever Content-Length says.
  // Status 0 when the connection closed first.
  Reply Read(bool head = false) {
    Reply reply;
    size_t end;
    while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return reply;
    }
    const std::string header = pending_.substr(0, end);
    pending_.erase(0, end + 4);
    std::vector<std::string> lines = absl::StrSplit(header, "\r\n");
    std::vector<std::string> status_line = absl::StrSplit(lines[0], ' ');
    if (status_line.size() < 2 ||
        !absl::SimpleAtoi(status_line[1], &reply.status)) {
      return reply;
    }
    size_t length = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
      const size_t colon = lines[i].find(':');
      std::string name = absl::AsciiStrToLower(lines[i].substr(0, colon));
      std::string value(absl::StripAsciiWhitespace(lines[i].substr(colon + 1)));
      if (name == "content-length") (void)absl::SimpleAtoi(value, &length);
      reply.headers.emplace_back(std::move(name), std::move(value));
    }
    if (head || reply.status == 204 || reply.status == 304) length = 0;
    while (pending_.size() < length) {
      if (!Fill()) break;
    }
    reply.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return reply;
  }

  Reply Exchange(absl::string_view request, bool head = false) {
    Send(request);
    return Read(head);
  }

  // True when the server closed the connection (after what was read).
  bool Closed() {
    if (!pending_.empty()) return false;
    char c;
    return recv(fd_, &c, 1, 0) == 0;
  }

 private:
  bool Fill() {
    char buffer[16 * 1024];
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return false;
    pending_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  int connect_errno_ = 0;
  std::string pending_;
};

std::string Get(absl::string_view target, absl::string_view headers = "") {
  return absl::StrCat("GET ", target, " HTTP/1.1\r\nHost: test\r\n", headers,
                      "\r\n");
}

std::string Post(absl::string_view target, absl::string_view body,
                 absl::string_view type = "application/json") {
  return absl::StrCat("POST ", target,
                      " HTTP/1.1\r\nHost: test\r\nContent-Type: ", type,
                      "\r\nContent-Length: ", body.size(), "\r\n\r\n", body);
}

constexpr char kOffers[] =
    "/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&"
    "sendAmount.units=200";

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest()
      : clock_(Day(2024, 9, 1)),
        tokens_(PageTokens::RandomKey()),
        handler_(&store_, &clock_, &tokens_) {
    store_.Publish(Must(Snapshot::Load({kSurveyPeriods}, {}, clock_)));
    api_ = Must(HttpApi::Create(&store_, &handler_, {}));
  }

  // A server over the API with `options` (listen filled in).
  std::unique_ptr<HttpServer> Serve(HttpServerOptions options = {}) {
    options.listen = "127.0.0.1:0";
    return Must(HttpServer::Start(
        options, [this](const HttpRequest& r) { return api_->Handle(r); }));
  }

  FakeClock clock_;
  SnapshotStore store_;
  PageTokens tokens_;
  RemitRankHandler handler_;
  std::unique_ptr<HttpApi> api_;
};

TEST_F(HttpServerTest, EveryRouteOnOneKeptAliveConnection) {
  std::unique_ptr<HttpServer> server = Serve();
  Connection c(server->port());
  ASSERT_TRUE(c.connected());
  const struct {
    std::string request;
    const char* expect;
  } cases[] = {
      {Get("/v1/corridors"),
       R"("corridors":[{"corridor":{"sendCountry":"GBR")"},
      {Get(kOffers), R"("quoteId":"us-mx-alpha-2q")"},
      {Get("/v1/corridors/US/MX/summary"), R"("amountSource":)"},
      {Get("/v1/corridors/GB/NG/history"), R"("period":"2023_4Q","gap":false)"},
      {Get("/v1/indicators"), R"("globalAverageTotalCostPercent":)"},
      {Get("/healthz"), R"({"status":"SERVING"})"},
      {Get("/readyz"), R"({"status":"READY"})"},
      {Post("/v1/corridors:rankOffers",
            R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"},)"
            R"("sendAmount":{"currencyCode":"USD","units":"200"}})"),
       R"("quoteId":"us-mx-alpha-2q")"},
      {Post("/v1/corridors:listCorridors", R"({"pageSize":1})"),
       R"("nextPageToken":")"},
      {Post("/v1/corridors:getCorridorSummary",
            R"({"corridor":{"sendCountry":"GB","receiveCountry":"NG"}})"),
       R"("sendCountry":"GBR")"},
      {Post("/v1/corridors:getCorridorHistory",
            R"({"corridor":{"send_country":"US","receive_country":"MX"},)"
            R"("amountLevel":"AMOUNT_LEVEL_CC1"})"),
       R"("period":"2024_2Q")"},
      {Post("/v1/indicators:getIndicators", R"({"period":"2024_1Q"})"),
       R"("period":"2024_1Q")"},
      {Post("/v1/indicators:getIndicators", ""), R"("period":"2024_2Q")"},
  };
  for (const auto& test : cases) {
    Reply r = c.Exchange(test.request);
    EXPECT_EQ(r.status, 200) << test.request << r.body;
    EXPECT_TRUE(absl::StrContains(r.body, test.expect)) << test.request << "\n"
                                                        << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json");
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
    EXPECT_EQ(r.Header("connection"), "");  // Kept alive.
  }
  EXPECT_EQ(server->connections(), 1);
}

TEST_F(HttpServerTest, QueryNamesInEitherStyleGiveTheSameAnswer) {
  std::unique_ptr<HttpServer> server = Serve();
  Connection c(server->port());
  Reply camel = c.Exchange(
      Get("/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&"
          "sendAmount.units=200&orderBy=speed&filter.receiveMethods="
          "RECEIVE_METHOD_BANK_ACCOUNT&filter.receiveMethods=RECEIVE_METHOD_"
          "CASH_PICKUP&maxQuoteAge=86400000s&pageSize=2"));
  Reply snake = c.Exchange(
      Get("/v1/corridors/US/MX/offers?send_amount.currency_code=USD&"
          "send_amount.units=200&order_by=speed&filter.receive_methods="
          "RECEIVE_METHOD_BANK_ACCOUNT&filter.receive_methods=RECEIVE_METHOD_"
          "CASH_PICKUP&max_quote_age=86400000s&page_size=2"));
  ASSERT_EQ(camel.status, 200) << camel.body;
  EXPECT_EQ(camel.body, snake.body);
  EXPECT_EQ(camel.Header("etag"), snake.Header("etag"));
  EXPECT_TRUE(absl::StrContains(camel.body, R"("totalSize":)"));
  // The filter took effect: pageSize=2 pages, and zero values are printed.
  EXPECT_TRUE(absl::StrContains(camel.body, R"("includeOpaque")") ||
              absl::StrContains(camel.body, R"("rank":1)"));
}

TEST_F(HttpServerTest, HeadHasTheLengthButNoBody) {
  std::unique_ptr<HttpServer> server = Serve();
  Connection c(server->port());
  Reply get = c.Exchange(Get("/v1/corridors"));
  Reply head = c.Exchange("HEAD /v1/corridors HTTP/1.1\r\nHost: test\r\n\r\n",
                          /*head=*/true);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("content-length"), absl::StrCat(get.body.size()));
  EXPECT_EQ(head.Header("etag"), get.Header("etag"));
  // Nothing of a body came: the next answer on the connection parses.
  Reply next = c.Exchange(Get("/healthz"));
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.body, R"({"status":"SERVING"})");
}

TEST_F(HttpServerTest, CorsPreflightForPost) {
  std::unique_ptr<HttpServer> server = Serve();
  Connection c(server->port());
  Reply r = c.Exchange(
      "OPTIONS /v1/corridors:rankOffers HTTP/1.1\r\nHost: test\r\n"
      "Origin: https://embassy.example\r\n"
      "Access-Control-Request-Method: POST\r\n"
      "Access-Control-Request-Headers: content-type\r\n\r\n");
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.Header("access-control-allow-origin"), "*");
  EXPECT_EQ(r.Header("access-control-allow-methods"), "POST, OPTIONS");
  EXPECT_EQ(r.Header("access-control-allow-headers"),
            "Content-Type, If-None-Match");
  EXPECT_EQ(r.Header("access-control-max-age"), "600");
  Reply get = c.Exchange(Get("/v1/corridors", "Origin: https://x.example\r\n"));
  EXPECT_EQ(get.Header("access-control-allow-origin"), "*");
}

TEST_F(HttpServerTest, ETagGivesNotModified) {
  std::unique_ptr<HttpServer> server = Serve();
  Connection c(server->port());
  Reply first = c.Exchange(Get(kOffers));
  ASSERT_EQ(first.status, 200);
  const std::string etag(first.Header("etag"));
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.Header("cache-control"), "public, max-age=60");
  Reply second =
      c.Exchange(Get(kOffers, absl::StrCat("If-None-Match: ", etag, "\r\n")));
  EXPECT_EQ(second.status, 304);
  EXPECT_EQ(second.body, "");
  EXPECT_EQ(second.Header("etag"), etag);
  // The connection goes on after a 304.
  EXPECT_EQ(c.Exchange(Get("/healthz")).status, 200);
}

TEST_F(HttpServerTest, GzipWhenAsked) {
  std::unique_ptr<HttpServer> server = Serve();
  Connection c(server->port());
  Reply plain = c.Exchange(Get(kOffers));
  Reply zipped = c.Exchange(Get(kOffers, "Accept-Encoding: gzip, br\r\n"));
  ASSERT_EQ(zipped.status, 200);
  EXPECT_EQ(zipped.Header("content-encoding"), "gzip");
  EXPECT_EQ(zipped.Header("vary"), "Accept-Encoding");
  EXPECT_LT(zipped.body.size(), plain.body.size());
  absl::StatusOr<std::string> inflated = Gunzip(zipped.body);
  ASSERT_TRUE(inflated.ok()) << inflated.status();
  EXPECT_EQ(*inflated, plain.body);
  EXPECT_EQ(plain.Header("content-encoding"), "");
}

// Each bad request on its own connection: the HTTP status, the
// google.rpc.Status code in the body, and words of its message.
TEST_F(HttpServerTest, BadRequestsGetStatusJson) {
  HttpServerOptions options;
  options.max_header_bytes = 4096;
  options.max_target_bytes = 2048;
  options.max_body_bytes = 1024;
  std::unique_ptr<HttpServer> server = Serve(options);
  const std::string offers = "/v1/corridors/US/MX/offers?";
  const std::string ok_amount =
      "sendAmount.currencyCode=USD&"
      "sendAmount.units=200";
  const struct {
    std::string request;
    int http;
    int code;
    const char* words;
  } cases[] = {
      // Paths.
      {Get("/nope"), 404, 5, "no route for GET /nope"},
      {Get("/v1/corridors/US/offers"), 404, 5, "no route"},
      {Get("/v1/corridors//MX/offers"), 404, 5, "no route"},
      {Get("/v1/corridors/US/MX/offers/more"), 404, 5, "no route"},
      {Get("/v1/corridors/U%ZZ/MX/offers"), 404, 5, "no route"},
      // Methods.
      {Get("/v1/corridors:rankOffers"), 405, 12, "allowed: POST, OPTIONS"},
      {"DELETE /v1/corridors HTTP/1.1\r\nHost: t\r\n\r\n", 405, 12,
       "method DELETE is not allowed"},
      {Post("/v1/corridors/US/MX/summary", "{}"), 405, 12, "allowed: GET"},
      {"OPTIONS /v1/none HTTP/1.1\r\nHost: t\r\n\r\n", 404, 5, "OPTIONS"},
      // Query values.
      {Get("/v1/corridors?pageSize=abc"), 400, 3,
       "query parameter pageSize: 'abc' is not a 32-bit integer"},
      {Get("/v1/corridors?pageSize=-1"), 400, 3, "page_size"},
      {Get("/v1/corridors?colour=red"), 400, 3,
       "query parameter colour: 'red' is not expected"},
      {Get(offers + "sendAmount.units=1.5"), 400, 3, "'1.5'"},
      {Get(offers + ok_amount + "&filter.maxSpeed=WARP"), 400, 3,
       "'WARP' is not a Speed"},
      {Get(offers + "orderBy=%zz"), 400, 3, "bad percent escape"},
      {Get(offers + ok_amount + "&orderBy=cheapest"), 400, 3, "cheapest"},
      {Get(offers + ok_amount + "&includeOpaque=maybe"), 400, 3,
       "not true or false"},
      {Get(offers + ok_amount + "&receiveAmount.units=5"), 400, 3,
       "alternatives"},
      {Get(offers + ok_amount + "&corridor.sendCountry=GB"), 400, 3,
       "the path gives it"},
      {Get("/v1/corridors/XX/MX/offers?" + ok_amount), 400, 3,
       "corridor.send_country"},
      {Get("/v1/corridors/US/MX/summary?maxQuoteAge=soon"), 400, 3,
       "is not a duration"},
      {Get("/v1/corridors/US/MX/history?amountLevel=AMOUNT_LEVEL_CC9"), 400, 3,
       "is not a AmountLevel"},
      {Get("/v1/indicators?period=someday"), 400, 3, "someday"},
      // Handler answers.
      {Get("/v1/corridors/US/KE/offers?" + ok_amount), 404, 5, ""},
      {Get("/v1/indicators?period=2031_1Q"), 404, 5, "2031_1Q"},
      // Bodies.
      {Post("/v1/corridors:rankOffers", "{"), 400, 3, "request body: "},
      {Post("/v1/corridors:rankOffers", R"({"colour":"red"})"), 400, 3,
       "request body: "},
      {Post("/v1/corridors:rankOffers", R"({"pageSize":"many"})"), 400, 3,
       "request body: "},
      {Post("/v1/corridors:rankOffers", "corridor=US", "text/plain"), 415, 3,
       "send application/json"},
      {Post("/v1/corridors:rankOffers?pageSize=1", "{}"), 400, 3,
       "query parameters are not expected"},
      {"GET /v1/corridors HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}",
       400, 3, "takes no body"},
      {Post("/v1/corridors:rankOffers",
            R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"}})"),
       400, 3, "amount"},
      // Sizes.
      {Get("/v1/corridors",
           absl::StrCat("X-Big: ", std::string(5000, 'a'), "\r\n")),
       431, 3, "exceed 4096 bytes"},
      {Get(absl::StrCat("/v1/corridors?pageToken=", std::string(3000, 'a'))),
       414, 3, "target exceeds 2048 bytes"},
      {"POST /v1/corridors:rankOffers HTTP/1.1\r\nHost: t\r\n"
       "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n",
       413, 3, "body exceeds 1024 bytes"},
      // Malformed HTTP.
      {"GARBAGE\r\n\r\n", 400, 3, "malformed HTTP request"},
      {"GET / FTP/1.1\r\n\r\n", 400, 3, "malformed HTTP request"},
      {"GET /v1/corridors HTTP/1.1\r\nNo colon here\r\n\r\n", 400, 3,
       "malformed HTTP request"},
      {"POST /v1/corridors:rankOffers HTTP/1.1\r\nContent-Length: x\r\n\r\n",
       400, 3, "malformed HTTP request"},
  };
  ASSERT_GE(std::size(cases), 25u);
  for (const auto& test : cases) {
    Connection c(server->port());
    Reply r = c.Exchange(test.request);
    const std::string shown = test.request.substr(0, 120);
    EXPECT_EQ(r.status, test.http) << shown << "\n" << r.body;
    EXPECT_TRUE(
        absl::StartsWith(r.body, absl::StrCat(R"({"code":)", test.code, ",")))
        << shown << "\n"
        << r.body;
    EXPECT_TRUE(absl::StrContains(r.body, R"("message":")")) << r.body;
    EXPECT_TRUE(absl::EndsWith(r.body, R"("details":[]})")) << r.body;
    EXPECT_TRUE(absl::StrContains(r.body, test.words)) << shown << "\n"
                                                       << r.body;
    EXPECT_EQ(r.Header("content-type"), "application/json") << shown;
    EXPECT_EQ(r.Header("access-control-allow-origin"), "*") << shown;
    if (test.http == 431 || test.http == 414 || test.http == 413 ||
        absl::StrContains(test.words, "malformed")) {
      // The server gives up on the connection.
      EXPECT_EQ(r.Header("connection"), "close") << shown;
      EXPECT_TRUE(c.Closed()) << shown;
    }
  }
}

TEST_F(HttpServerTest, SlowRequestGets408AndIdleConnectionIsClosed) {
  HttpServerOptions options;
  options.read_timeout = absl::Milliseconds(200);
  options.idle_timeout = absl::Milliseconds(200);
  std::unique_ptr<HttpServer> server = Serve(options);
  {
    Connection c(server->port());
    c.Send("GET /v1/corridors HTTP/1.1\r\nHost: t\r\n");  // Never finished.
    Reply r = c.Read();
    EXPECT_EQ(r.status, 408);
    EXPECT_TRUE(absl::StartsWith(r.body, R"({"code":4,)")) << r.body;
    EXPECT_TRUE(c.Closed());
  }
  {
    Connection c(server->port());
    EXPECT_EQ(c.Exchange(Get("/healthz")).status, 200);
    // Then nothing: the server closes the idle connection without a word.
    EXPECT_TRUE(c.Closed());
  }
}

TEST_F(HttpServerTest, ConnectionsBeyondTheCapGet503) {
  HttpServerOptions options;
  options.max_connections = 2;
  std::unique_ptr<HttpServer> server = Serve(options);
  Connection a(server->port());
  Connection b(server->port());
  // Both are registered once each has been answered.
  ASSERT_EQ(a.Exchange(Get("/healthz")).status, 200);
  ASSERT_EQ(b.Exchange(Get("/healthz")).status, 200);
  Connection c(server->port());
  Reply r = c.Read();
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(absl::StartsWith(r.body, R"({"code":14,)")) << r.body;
  EXPECT_TRUE(c.Closed());
  // The ones within the cap go on.
  EXPECT_EQ(a.Exchange(Get("/readyz")).status, 200);
}

TEST(HttpServerShutdownTest, InFlightRequestIsAnsweredIdleOnesClosed) {
  absl::Notification entered;
  absl::Notification release;
  HttpServerOptions options;
  options.listen = "127.0.0.1:0";
  std::unique_ptr<HttpServer> server =
      Must(HttpServer::Start(options, [&](const HttpRequest& request) {
        HttpResponse response;
        if (request.target == "/slow") {
          entered.Notify();
          release.WaitForNotification();
          response.body = "finished";
        } else {
          response.body = "quick";
        }
        return response;
      }));
  const int port = server->port();
  Connection idle(port);
  ASSERT_EQ(idle.Exchange(Get("/quick")).body, "quick");
  Connection busy(port);
  busy.Send(Get("/slow"));
  entered.WaitForNotification();

  server->StopAccepting();
  // New connections are refused; the idle one is closed.
  Connection late(port);
  EXPECT_FALSE(late.connected());
  EXPECT_EQ(late.connect_errno(), ECONNREFUSED);
  EXPECT_TRUE(idle.Closed());

  std::thread stopper([&] { server->Shutdown(absl::Seconds(30)); });
  release.Notify();
  Reply r = busy.Read();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "finished");
  EXPECT_EQ(r.Header("connection"), "close");
  EXPECT_TRUE(busy.Closed());
  stopper.join();
  EXPECT_EQ(server->connections(), 0);
}

TEST(HttpServerStartTest, BadListenAddresses) {
  HttpServerOptions options;
  options.listen = "127.0.0.1";
  EXPECT_EQ(HttpServer::Start(options, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.listen = "127.0.0.1:http";
  EXPECT_EQ(HttpServer::Start(options, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  options.listen = "127.0.0.1:0";
  std::unique_ptr<HttpServer> first = Must(HttpServer::Start(
      options, [](const HttpRequest&) { return HttpResponse(); }));
  options.listen = absl::StrCat("127.0.0.1:", first->port());
  EXPECT_EQ(HttpServer::Start(options, nullptr).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace remit::service::http
