// End-to-end tests of remitrank_server's HTTP limit flags, through real
// sockets: --http_max_header_bytes (431), --http_max_target_bytes (414),
// --http_max_body_bytes (413), --http_read_timeout (408),
// --http_idle_timeout (a kept-alive connection closed),
// --http_max_connections (503), each set on the command line and checked
// on the wire, and each one's refusal of values it cannot take.
//
// The timeouts are set short and the test waits for the server to answer
// or close the socket: a blocking read, bounded by the test's own timeout
// (and a receive timeout far above the flags', so that a server that never
// closes fails the test instead of hanging it).
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

// A receive that takes longer than this fails the test (the flags under
// test are far shorter).
constexpr int kReceiveGuardSeconds = 60;

constexpr char kRankTarget[] =
    "/v1/corridors/US/MX/offers?sendAmount.currencyCode=USD&"
    "sendAmount.units=200";

// A server on free ports with `flags`, serving HTTP; its HTTP port.
class HttpLimitsTest : public ::testing::Test {
 protected:
  void StartServer(const std::vector<std::string>& flags) {
    const std::string port_file = TempPath("http_limits_port");
    std::vector<std::string> all = {"--data=" + std::string(kSampleCorridors),
                                    "--clock_time=2026-11-15T00:00:00Z",
                                    "--http_listen=127.0.0.1:0",
                                    "--http_port_file=" + port_file};
    all.insert(all.end(), flags.begin(), flags.end());
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(all);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = *std::move(server);
    ASSERT_TRUE(absl::SimpleAtoi(
        absl::StripAsciiWhitespace(ReadFile(port_file)), &port_));
    ASSERT_GT(port_, 0);
  }

  std::unique_ptr<ServerProcess> server_;
  int port_ = 0;
};

// One client connection, closed when it goes.
class Connection {
 public:
  explicit Connection(int port) : fd_(ConnectToLoopback(port)) {
    if (fd_ >= 0) {
      timeval guard{};
      guard.tv_sec = kReceiveGuardSeconds;
      setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof(guard));
    }
  }
  ~Connection() {
    if (fd_ >= 0) close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool ok() const { return fd_ >= 0; }

  bool Send(absl::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  struct Answer {
    int status = 0;  // 0: the connection ended first
    std::string headers;
    std::string body;
  };
  // One answer (framed by its Content-Length).
  Answer Receive() {
    Answer answer;
    size_t end;
    while ((end = unread_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return answer;
    }
    answer.headers = absl::AsciiStrToLower(unread_.substr(0, end + 2));
    unread_.erase(0, end + 4);
    if (answer.headers.size() < 12 ||
        !absl::SimpleAtoi(answer.headers.substr(9, 3), &answer.status)) {
      return Answer{};
    }
    size_t length = 0;
    const size_t at = answer.headers.find("\r\ncontent-length: ");
    if (at != std::string::npos) {
      const size_t from = at + 18;
      const size_t to = answer.headers.find("\r\n", from);
      if (!absl::SimpleAtoi(answer.headers.substr(from, to - from), &length)) {
        return Answer{};
      }
    }
    while (unread_.size() < length) {
      if (!Fill()) return Answer{};
    }
    answer.body = unread_.substr(0, length);
    unread_.erase(0, length);
    return answer;
  }

  // Whether the server closes the connection (reads until it does; false
  // if more bytes or an error come instead).
  bool ClosedByServer() {
    if (!unread_.empty()) return false;
    char byte;
    return recv(fd_, &byte, 1, 0) == 0;
  }

 private:
  bool Fill() {
    char buffer[8192];
    const ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return false;
    unread_.append(buffer, static_cast<size_t>(n));
    return true;
  }

  int fd_;
  std::string unread_;
};

std::string Get(absl::string_view target, absl::string_view extra = "") {
  return absl::StrCat("GET ", target, " HTTP/1.1\r\nHost: t\r\n", extra,
                      "\r\n");
}

std::string Post(absl::string_view target, absl::string_view body) {
  return absl::StrCat("POST ", target,
                      " HTTP/1.1\r\nHost: t\r\n"
                      "Content-Type: application/json\r\n"
                      "Content-Length: ",
                      body.size(), "\r\n\r\n", body);
}

// The request and its answer, on a fresh connection.
Connection::Answer Exchange(int port, absl::string_view request) {
  Connection c(port);
  if (!c.ok() || !c.Send(request)) return {};
  return c.Receive();
}

// Reads the refusal `status` with the Status JSON `body`, then expects the
// server to close the connection.
void ExpectRefusalThenClose(Connection& c, int status, absl::string_view body) {
  const Connection::Answer answer = c.Receive();
  EXPECT_EQ(answer.status, status) << answer.headers;
  EXPECT_EQ(answer.body, body);
  EXPECT_TRUE(c.ClosedByServer());
}

TEST_F(HttpLimitsTest, MaxHeaderBytes) {
  StartServer({"--http_max_header_bytes=1024"});
  // Under the limit: answered.
  EXPECT_EQ(Exchange(port_, Get("/healthz",
                                "X-Pad: " + std::string(800, 'p') + "\r\n"))
                .status,
            200);
  // Over it: 431 with a Status JSON naming the limit, then the close.
  Connection c(port_);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(
      c.Send(Get("/healthz", "X-Pad: " + std::string(1100, 'p') + "\r\n")));
  ExpectRefusalThenClose(
      c, 431,
      R"({"code":3,"message":"the request line and headers exceed )"
      R"(1024 bytes","details":[]})");
}

TEST_F(HttpLimitsTest, MaxTargetBytes) {
  StartServer({"--http_max_target_bytes=100"});
  const std::string fits = "/healthz?pad=" + std::string(100 - 13, 'p');
  ASSERT_EQ(fits.size(), 100u);
  EXPECT_EQ(Exchange(port_, Get(fits)).status, 200);
  Connection c(port_);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.Send(Get(fits + "p")));
  ExpectRefusalThenClose(
      c, 414,
      R"({"code":3,"message":"the request target exceeds 100 bytes",)"
      R"("details":[]})");
}

TEST_F(HttpLimitsTest, MaxBodyBytes) {
  StartServer({"--http_max_body_bytes=200"});
  const std::string request =
      R"({"corridor":{"sendCountry":"US","receiveCountry":"MX"},)"
      R"("sendAmount":{"currencyCode":"USD","units":"200"}})";
  ASSERT_LE(request.size(), 200u);
  const Connection::Answer ranked =
      Exchange(port_, Post("/v1/corridors:rankOffers", request));
  EXPECT_EQ(ranked.status, 200) << ranked.body;
  EXPECT_TRUE(absl::StrContains(ranked.body, "us-mx-swiftsend-promo"))
      << ranked.body;

  Connection c(port_);
  ASSERT_TRUE(c.ok());
  // The body is refused from its announced length: the server answers
  // before reading it, and the client's rest is read and dropped.
  ASSERT_TRUE(c.Send(Post("/v1/corridors:rankOffers",
                          request + std::string(201 - request.size(), ' '))));
  ExpectRefusalThenClose(
      c, 413,
      R"({"code":3,"message":"the request body exceeds 200 bytes",)"
      R"("details":[]})");
}

TEST_F(HttpLimitsTest, ReadTimeout) {
  StartServer({"--http_read_timeout=200ms"});
  // A request begun and never finished: 408 once the timeout has passed
  // since its first byte, then the close.
  Connection c(port_);
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n"));
  ExpectRefusalThenClose(
      c, 408,
      R"({"code":4,"message":"the request was not received within )"
      R"(200ms","details":[]})");
  // A whole request is answered as usual.
  EXPECT_EQ(Exchange(port_, Get(kRankTarget)).status, 200);
}

TEST_F(HttpLimitsTest, IdleTimeout) {
  StartServer({"--http_idle_timeout=200ms"});
  Connection c(port_);
  ASSERT_TRUE(c.ok());
  // Kept alive between requests...
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(c.Send(Get(kRankTarget)));
    const Connection::Answer answer = c.Receive();
    EXPECT_EQ(answer.status, 200) << i;
    EXPECT_FALSE(absl::StrContains(answer.headers, "connection: close"));
  }
  // ...and closed, without an answer, once idle for the timeout.
  EXPECT_TRUE(c.ClosedByServer());
}

TEST_F(HttpLimitsTest, MaxConnections) {
  StartServer({"--http_max_connections=2"});
  Connection first(port_);
  Connection second(port_);
  ASSERT_TRUE(first.ok() && second.ok());
  // Both accepted and kept alive.
  for (Connection* c : {&first, &second}) {
    ASSERT_TRUE(c->Send(Get("/healthz")));
    EXPECT_EQ(c->Receive().status, 200);
  }
  // The third is answered 503 at once, and closed.
  Connection third(port_);
  ASSERT_TRUE(third.ok());
  const Connection::Answer refused = third.Receive();
  EXPECT_EQ(refused.status, 503) << refused.headers;
  EXPECT_TRUE(absl::StrContains(refused.headers, "\r\nretry-after: 1\r\n"))
      << refused.headers;
  EXPECT_EQ(refused.body,
            R"({"code":14,"message":"too many connections (at most 2); )"
            R"(try again later","details":[]})");
  EXPECT_TRUE(third.ClosedByServer());
  // The two still answer.
  for (Connection* c : {&first, &second}) {
    ASSERT_TRUE(c->Send(Get("/healthz")));
    EXPECT_EQ(c->Receive().status, 200);
  }
}

// Each flag refuses what it cannot take, naming itself and the value; the
// server does not start.
TEST(HttpLimitFlagsTest, BadValuesStopTheServer) {
  const std::pair<std::string, std::string> cases[] = {
      {"--http_max_header_bytes=0",
       "--http_max_header_bytes=0: must be at least 1"},
      {"--http_max_header_bytes=-5",
       "--http_max_header_bytes=-5: must be at least 1"},
      {"--http_max_header_bytes=4294967296",
       "--http_max_header_bytes=4294967296: must be at most 4294967295"},
      {"--http_max_target_bytes=0",
       "--http_max_target_bytes=0: must be at least 1"},
      {"--http_max_body_bytes=-1",
       "--http_max_body_bytes=-1: must be at least 1"},
      {"--http_max_connections=0",
       "--http_max_connections=0: must be at least 1"},
      {"--http_read_timeout=0s", "--http_read_timeout=0: must be positive"},
      {"--http_read_timeout=-1s", "--http_read_timeout=-1s: must be positive"},
      {"--http_idle_timeout=0s", "--http_idle_timeout=0: must be positive"},
      {"--http_idle_timeout=-250ms",
       "--http_idle_timeout=-250ms: must be positive"},
      // Not numbers or durations at all: the flag parser refuses them.
      {"--http_max_body_bytes=lots", "http_max_body_bytes"},
      {"--http_read_timeout=10", "http_read_timeout"},
  };
  for (const auto& [flag, message] : cases) {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start({"--data=" + std::string(kSampleCorridors),
                              "--http_listen=127.0.0.1:0", flag});
    ASSERT_FALSE(server.ok()) << flag;
    EXPECT_TRUE(absl::StrContains(server.status().message(), message))
        << flag << ": " << server.status();
  }
}

}  // namespace
}  // namespace remit::testing
