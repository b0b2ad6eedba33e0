#include "service/self_check.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace remit::service {
namespace {

TEST(SelfCheckTest, ThirdFailureInARowIsFatal) {
  // Scripted probe answers: a failure, then success, resets the count.
  std::deque<absl::Status> answers = {absl::UnavailableError("a"),
                                      absl::UnavailableError("b"),
                                      absl::OkStatus(),
                                      absl::UnavailableError("c"),
                                      absl::UnavailableError("d"),
                                      absl::UnavailableError("e")};
  int probes = 0;
  std::vector<std::string> deaths;
  ListenerSelfCheck check(
      {absl::Seconds(30), absl::Seconds(5), 3},
      [&] {
        ++probes;
        absl::Status next = answers.front();
        answers.pop_front();
        return next;
      },
      [&](const absl::Status& why) {
        deaths.push_back(std::string(why.message()));
      });
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(check.CheckOnce()) << i;
  EXPECT_TRUE(deaths.empty());
  EXPECT_FALSE(check.CheckOnce());
  ASSERT_EQ(deaths.size(), 1u);
  EXPECT_EQ(deaths[0],
            "the listener accepts no new connection: 3 probes in a row "
            "failed (the last: e)");
  // Dead stays dead, without probing or reporting again.
  EXPECT_FALSE(check.CheckOnce());
  EXPECT_EQ(probes, 6);
  EXPECT_EQ(deaths.size(), 1u);
}

TEST(SelfCheckTest, TheThreadReportsADeadListenerOnce) {
  std::atomic<int> deaths{0};
  absl::Notification dead;
  ListenerSelfCheck check(
      {absl::Milliseconds(1), absl::Seconds(1), 2},
      [] { return absl::UnavailableError("refused"); },
      [&](const absl::Status&) {
        ++deaths;
        dead.Notify();
      });
  check.Start();
  ASSERT_TRUE(dead.WaitForNotificationWithTimeout(absl::Seconds(60)));
  check.Stop();
  EXPECT_EQ(deaths.load(), 1);
}

TEST(SelfCheckTest, StopDoesNotWaitForTheInterval) {
  std::atomic<int> probes{0};
  ListenerSelfCheck check(
      {absl::Hours(1), absl::Seconds(1), 3},
      [&] {
        ++probes;
        return absl::OkStatus();
      },
      [](const absl::Status&) {});
  check.Start();
  check.Stop();  // Would take an hour if it waited.
  EXPECT_EQ(probes.load(), 0);
}

TEST(SelfCheckTest, ZeroIntervalIsOff) {
  ListenerSelfCheck check(
      {absl::ZeroDuration(), absl::Seconds(1), 1},
      [] { return absl::UnavailableError("x"); },
      [](const absl::Status&) { FAIL(); });
  check.Start();
  check.Stop();
}

TEST(ProbeAddressTest, WildcardsAreProbedOnLoopback) {
  EXPECT_EQ(ProbeAddress("127.0.0.1:0", 4242), "127.0.0.1:4242");
  EXPECT_EQ(ProbeAddress("0.0.0.0:50051", 50051), "127.0.0.1:50051");
  EXPECT_EQ(ProbeAddress(":50051", 50051), "127.0.0.1:50051");
  EXPECT_EQ(ProbeAddress("[::]:0", 7), "[::1]:7");
  EXPECT_EQ(ProbeAddress("localhost:0", 7), "localhost:7");
  EXPECT_EQ(ProbeAddress("unix:/run/remit.sock", 1), "unix:/run/remit.sock");
}

// A loopback TCP socket listening on a free port.
struct Listener {
  Listener() {
    fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    listen(fd, 16);
    socklen_t length = sizeof(address);
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    port = ntohs(address.sin_port);
  }
  ~Listener() { close(fd); }
  std::string address() const { return absl::StrCat("127.0.0.1:", port); }
  int fd;
  int port;
};

TEST(ProbeListenerTest, AListenerThatNobodyAcceptsFromFails) {
  Listener listener;  // Listens, never accepts: the kernel connects anyway.
  const absl::Status status =
      ProbeListener(listener.address(), false, absl::Milliseconds(200));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(status.message(), "connected, but no answer"))
      << status;
}

TEST(ProbeListenerTest, NoListenerFails) {
  int port;
  {
    Listener gone;
    port = gone.port;
  }
  const absl::Status status =
      ProbeListener(absl::StrCat("127.0.0.1:", port), false, absl::Seconds(5));
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_TRUE(absl::StrContains(status.message(), "refused")) << status;
}

// A server that accepts, reads what the client sends first and answers
// with one byte.
void AnswerOnce(int listener, std::string* received) {
  const int connection = accept(listener, nullptr, nullptr);
  char buffer[4096];
  const ssize_t n = read(connection, buffer, sizeof(buffer));
  if (n > 0) received->assign(buffer, static_cast<size_t>(n));
  (void)!write(connection, "x", 1);
  close(connection);
}

TEST(ProbeListenerTest, AnAnsweringServerPassesWithAnHttp2Preface) {
  Listener listener;
  std::string received;
  std::thread server(AnswerOnce, listener.fd, &received);
  const absl::Status status =
      ProbeListener(listener.address(), false, absl::Seconds(30));
  server.join();
  EXPECT_TRUE(status.ok()) << status;
  EXPECT_TRUE(absl::StartsWith(received, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
}

TEST(ProbeListenerTest, OverTlsItSendsAClientHello) {
  Listener listener;
  std::string received;
  std::thread server(AnswerOnce, listener.fd, &received);
  const absl::Status status =
      ProbeListener(listener.address(), true, absl::Seconds(30));
  server.join();
  EXPECT_TRUE(status.ok()) << status;
  ASSERT_GE(received.size(), 6u);
  EXPECT_EQ(received[0], '\x16');  // A TLS handshake record...
  EXPECT_EQ(received[5], '\x01');  // ...holding a ClientHello.
}

}  // namespace
}  // namespace remit::service
