// A bounded soak of remitrank_server: clients rank continuously while the
// data is reloaded over and over; the server's resident memory, threads
// and open files, read from /proc after a warm-up and at the end, must stay
// flat. Bounded by counts, not time: a few seconds here.
#include <dirent.h>
#include <signal.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/config.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/testing/bad_requests.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

constexpr char kToken[] = "soak-token-0123456789abcdef0123456";
constexpr int kReloads = 120;

struct Usage {
  int64_t rss_kib = 0;
  int threads = 0;
  int open_files = 0;
};

Usage Sample(pid_t pid) {
  Usage usage;
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    absl::string_view view(line);
    if (absl::ConsumePrefix(&view, "VmRSS:")) {
      (void)absl::SimpleAtoi(
          absl::StripSuffix(absl::StripAsciiWhitespace(view), " kB"),
          &usage.rss_kib);
    } else if (absl::ConsumePrefix(&view, "Threads:")) {
      (void)absl::SimpleAtoi(absl::StripAsciiWhitespace(view), &usage.threads);
    }
  }
  if (DIR* fds = opendir(absl::StrCat("/proc/", pid, "/fd").c_str())) {
    while (dirent* entry = readdir(fds))
      usage.open_files += entry->d_name[0] != '.';
    closedir(fds);
  }
  return usage;
}

TEST(SoakTest, LoadAndReloadsLeaveNoTrace) {
  const std::string data = TempPath("soak.textproto");
  const std::string a = ReadFile(kSampleCorridors);
  const std::string b =
      absl::StrReplaceAll(a, {{"fixed_fee: \"1.99\"", "fixed_fee: \"9.99\""}});
  WriteFile(data, a);
  const std::string token_file = TempPath("soak-token");
  WriteFile(token_file, kToken);
  auto server = ServerProcess::Start({"--data=" + data,
                                      "--admin_token_file=" + token_file,
                                      "--clock_time=2026-11-15T00:00:00Z"});
  ASSERT_TRUE(server.ok()) << server.status();
  auto channel = grpc::CreateChannel((*server)->address(),
                                     grpc::InsecureChannelCredentials());
  auto admin = v1::RemitAdmin::NewStub(channel);
  auto reload = [&](const std::string& content) {
    WriteFile(data, content);
    grpc::ClientContext context;
    context.AddMetadata("authorization", std::string("Bearer ") + kToken);
    v1::ReloadDatasetResponse response;
    return admin->ReloadDataset(&context, {}, &response).ok() &&
           response.reloaded();
  };

  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, failures{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      auto stub = v1::RemitRank::NewStub(channel);
      while (!stop.load()) {
        grpc::ClientContext context;
        v1::RankOffersResponse response;
        if (!stub->RankOffers(&context, service::testing::UsMx200(), &response)
                 .ok()) {
          ++failures;
        }
        ++calls;
      }
    });
  }
  // Warm up: the allocator's pools and gRPC's threads settle.
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(reload(i % 2 ? a : b));
  while (calls.load() < 2000) std::this_thread::yield();
  const Usage warm = Sample((*server)->pid());
  for (int i = 0; i < kReloads; ++i) ASSERT_TRUE(reload(i % 2 ? a : b));
  const int calls_during = calls.load();
  const Usage end = Sample((*server)->pid());
  stop = true;
  for (std::thread& t : clients) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(calls_during, 2000);
  // Flat: a little slack for the allocator and for gRPC's thread pool,
  // which grows and shrinks with load. Under AddressSanitizer freed memory
  // sits in its quarantine, so RSS grows by design; there LeakSanitizer
  // checks the server at exit instead (below).
#if !defined(ABSL_HAVE_ADDRESS_SANITIZER)
  EXPECT_LE(end.rss_kib, warm.rss_kib + warm.rss_kib / 4 + 8 * 1024)
      << "RSS " << warm.rss_kib << " -> " << end.rss_kib << " KiB";
#endif
  EXPECT_LE(end.threads, warm.threads + 4)
      << "threads " << warm.threads << " -> " << end.threads;
  EXPECT_LE(end.open_files, warm.open_files + 2)
      << "open files " << warm.open_files << " -> " << end.open_files;
  std::printf(
      "soak: %d calls, %d reloads; RSS %lld -> %lld KiB, threads "
      "%d -> %d, open files %d -> %d\n",
      calls.load(), kReloads, static_cast<long long>(warm.rss_kib),
      static_cast<long long>(end.rss_kib), warm.threads, end.threads,
      warm.open_files, end.open_files);
}

}  // namespace
}  // namespace remit::testing
