// End-to-end tests of what remitrank_server does against untrusted
// clients: the file limit raised at start, the admin token's minimum
// length, refused admin calls logged (rate-limited) and slowed, the
// handshake timeout, and the listener self-check that makes a server whose
// listener died exit non-zero.
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

constexpr char kToken[] = "0123456789abcdef0123456789abcdef";
constexpr char kClock[] = "--clock_time=2026-11-15T00:00:00Z";

std::string Data() { return std::string("--data=") + kSampleCorridors; }

std::string TokenFile(const std::string& token) {
  const std::string path = TempPath("hardening-token");
  WriteFile(path, token + "\n");
  return "--admin_token_file=" + path;
}

// Kills `server` unless Disarm() is called within `limit`: the test's
// bound on waiting for the server to do something.
class Watchdog {
 public:
  Watchdog(ServerProcess* server, absl::Duration limit)
      : thread_([this, server, limit] {
          if (!disarmed_.WaitForNotificationWithTimeout(limit)) {
            fired_ = true;
            server->Signal(SIGKILL);
          }
        }) {}
  ~Watchdog() { Disarm(); }
  void Disarm() {
    if (!disarmed_.HasBeenNotified()) disarmed_.Notify();
    if (thread_.joinable()) thread_.join();
  }
  bool fired() const { return fired_; }

 private:
  absl::Notification disarmed_;
  std::atomic<bool> fired_{false};
  std::thread thread_;
};

// The soft and hard "Max open files" of process `pid`.
std::pair<std::string, std::string> OpenFileLimits(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/limits"));
  for (std::string line; std::getline(in, line);) {
    if (!absl::StartsWith(line, "Max open files")) continue;
    std::vector<std::string> words =
        absl::StrSplit(line.substr(14), ' ', absl::SkipEmpty());
    if (words.size() >= 2) return {words[0], words[1]};
  }
  return {"", ""};
}

int OpenFileCount(pid_t pid) {
  int count = 0;
  if (DIR* dir = opendir(absl::StrCat("/proc/", pid, "/fd").c_str())) {
    while (dirent* entry = readdir(dir)) count += entry->d_name[0] != '.';
    closedir(dir);
  }
  return count;
}

TEST(HardeningTest, TheSoftFileLimitIsRaisedToTheHardOneAndLogged) {
  auto server = ServerProcess::Start({Data(), kClock});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE((*server)->WaitForLog("remitrank: open files: soft "))
      << (*server)->log();
  const auto [soft, hard] = OpenFileLimits((*server)->pid());
  ASSERT_FALSE(hard.empty());
  EXPECT_EQ(soft, hard);
}

TEST(HardeningTest, AShortAdminTokenStopsTheServer) {
  const std::string flag = TokenFile("s3cret-but-short");
  auto server = ServerProcess::Start({Data(), flag, kClock});
  ASSERT_FALSE(server.ok());
  EXPECT_TRUE(absl::StrContains(
      server.status().message(),
      flag + ": the admin token has 16 characters; it needs at least 32"))
      << server.status();
}

TEST(HardeningTest, RefusedAdminCallsAreLoggedAtMostOnceASecondAndSlowed) {
  auto started = ServerProcess::Start({Data(), TokenFile(kToken), kClock});
  ASSERT_TRUE(started.ok()) << started.status();
  ServerProcess& server = **started;
  auto channel =
      grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials());
  auto admin = v1::RemitAdmin::NewStub(channel);
  constexpr char kGuess[] = "guessed-token-guessed-token-guessed";

  // Five wrong tokens at once: each answered only after the delay (1 s);
  // one log line for all of them.
  const absl::Time start = absl::Now();
  std::vector<std::future<grpc::Status>> calls;
  for (int i = 0; i < 5; ++i) {
    calls.push_back(std::async(std::launch::async, [&] {
      grpc::ClientContext context;
      context.AddMetadata("authorization", std::string("Bearer ") + kGuess);
      v1::DatasetInfo info;
      return admin->GetDatasetInfo(&context, {}, &info);
    }));
  }
  for (auto& call : calls) {
    EXPECT_EQ(call.get().error_code(), grpc::StatusCode::PERMISSION_DENIED);
  }
  EXPECT_GE(absl::Now() - start, absl::Seconds(1));
  // The right token is answered at once, as before.
  {
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    v1::DatasetInfo info;
    EXPECT_TRUE(admin->GetDatasetInfo(&context, {}, &info).ok());
  }
  // A second afterwards: the next refusal is logged, with the count of
  // those left out.
  {
    grpc::ClientContext context;
    v1::DatasetInfo info;
    EXPECT_EQ(admin->GetDatasetInfo(&context, {}, &info).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  ASSERT_TRUE(server.WaitForLog("(4 more not logged since the last line)"))
      << server.log();
  const std::string& log = server.log();
  EXPECT_TRUE(
      absl::StrContains(log, "admin: refused GetDatasetInfo from ipv4:"))
      << log;
  size_t lines = 0;
  for (absl::string_view line : absl::StrSplit(log, '\n')) {
    lines += absl::StrContains(line, "admin: refused GetDatasetInfo");
  }
  EXPECT_EQ(lines, 2u) << log;
  EXPECT_TRUE(absl::StrContains(log, ": PERMISSION_DENIED (")) << log;
  EXPECT_FALSE(absl::StrContains(log, kGuess)) << log;
  EXPECT_FALSE(absl::StrContains(log, kToken)) << log;
}

TEST(HardeningTest, AConnectionThatNeverSendsItsPrefaceIsClosed) {
  auto server =
      ServerProcess::Start({Data(), kClock, "--handshake_timeout=1s"});
  ASSERT_TRUE(server.ok()) << server.status();
  const int fd = ConnectToLoopback((*server)->port());
  ASSERT_GE(fd, 0);
  // The server sends its SETTINGS, then closes the connection after the
  // handshake timeout (gRPC's own: 120 s).
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  bool closed = false;
  while (!closed && absl::Now() < deadline) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 1000) != 1) continue;
    char buffer[1024];
    closed = recv(fd, buffer, sizeof(buffer), 0) <= 0;
  }
  EXPECT_TRUE(closed) << "still open after 60 s";
  close(fd);
}

TEST(HardeningTest, AnIdleConnectionIsClosed) {
  auto server =
      ServerProcess::Start({Data(), kClock, "--max_connection_idle=1s"});
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->address(),
                                     grpc::InsecureChannelCredentials());
  auto rank = v1::RemitRank::NewStub(channel);
  grpc::ClientContext context;
  v1::ListCorridorsResponse corridors;
  ASSERT_TRUE(rank->ListCorridors(&context, {}, &corridors).ok());
  ASSERT_EQ(channel->GetState(false), GRPC_CHANNEL_READY);
  // The server's GOAWAY takes the channel out of READY (without the flag
  // it would stay READY for 5 minutes).
  EXPECT_TRUE(channel->WaitForStateChange(
      GRPC_CHANNEL_READY,
      std::chrono::system_clock::now() + std::chrono::seconds(60)));
  EXPECT_NE(channel->GetState(false), GRPC_CHANNEL_READY);
}

// The listener of gRPC 1.51 dies for good when accept() once fails for
// want of file descriptors. The self-check sees it, and the server exits
// non-zero instead of staying up, SERVING, for nobody.
TEST(HardeningTest, AServerWhoseListenerDiedExitsNonZero) {
  auto started =
      ServerProcess::Start({Data(), kClock, "--self_check_interval=300ms"});
  ASSERT_TRUE(started.ok()) << started.status();
  ServerProcess& server = **started;
  Watchdog watchdog(&server, absl::Seconds(120));

  // Leave the server a few descriptors only, then take them with
  // connections, and some more, which it cannot accept.
  const int in_use = OpenFileCount(server.pid());
  ASSERT_GT(in_use, 0);
  rlimit before{};
  ASSERT_EQ(prlimit(server.pid(), RLIMIT_NOFILE, nullptr, &before), 0)
      << std::strerror(errno);
  const rlimit low{static_cast<rlim_t>(in_use + 8), before.rlim_max};
  ASSERT_EQ(prlimit(server.pid(), RLIMIT_NOFILE, &low, nullptr), 0)
      << std::strerror(errno);
  std::vector<int> flood;
  for (int i = 0; i < 40; ++i) {
    const int fd = ConnectToLoopback(server.port());
    if (fd >= 0) flood.push_back(fd);
  }
  ASSERT_TRUE(server.WaitForLog("Too many open files")) << server.log();
  for (int fd : flood) close(fd);
  // Descriptors to spare again do not bring the listener back. (The
  // sanitizers' own checks need descriptors too.)
  ASSERT_EQ(prlimit(server.pid(), RLIMIT_NOFILE, &before, nullptr), 0)
      << std::strerror(errno);

  ASSERT_TRUE(server.WaitForLog("the listener accepts no new connection"))
      << server.log();
  EXPECT_EQ(server.Wait(), 1) << server.log();
  watchdog.Disarm();
  EXPECT_FALSE(watchdog.fired());
  // Everything the log said, to the end.
  server.WaitForLog("\x01never");
  EXPECT_TRUE(absl::StrContains(server.log(), "every service is NOT_SERVING"))
      << server.log();
  EXPECT_TRUE(absl::StrContains(
      server.log(),
      "remitrank: exiting: the listener accepts no new connection: 3 probes "
      "in a row failed"))
      << server.log();
}

}  // namespace
}  // namespace remit::testing
