// remitrank_server as replicas: three processes on loopback ports, one
// client balancing over them through the channel partner clients use
// (service/client/channel.h: round_robin, health checks on
// remit.v1.RemitRank, retries on UNAVAILABLE), its target listing the
// three addresses ("ipv4:127.0.0.1:A,127.0.0.1:B,127.0.0.1:C") or, in one
// test, a name in DNS.
//
// Which replica answered a call is the call's peer as the client saw it
// (ClientContext::peer(), "ipv4:127.0.0.1:PORT"); each answer names its
// dataset version. Every test is bounded by call counts and deadlines;
// nothing sleeps to wait.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/client/channel.h"
#include "service/testing/bad_requests.h"
#include "service/testing/kubernetes_volume.h"
#include "tests/loopback_dns.h"
#include "tests/server_process.h"

namespace remit::testing {
namespace {

// The DNS test names its own DNS server in the target
// (dns://127.0.0.1:PORT/NAME), which only gRPC's c-ares resolver supports;
// the ASan configuration picks the native one for every test (.bazelrc).
// gRPC reads the choice when it starts, after this.
const bool kAresResolver = setenv("GRPC_DNS_RESOLVER", "ares", 1) == 0;

using service::testing::KubernetesVolume;
using service::testing::UsMx200;

constexpr char kClock[] = "--clock_time=2026-11-15T00:00:00Z";

// gRPC's default: the first address that connects gets every call.
constexpr char kPickFirst[] = R"json({
  "loadBalancingConfig": [{"pick_first": {}}]
})json";

// How long a phase may take before the test gives up; generous for
// AddressSanitizer on a busy machine. Phases end on their condition.
constexpr absl::Duration kPhase = absl::Seconds(60);

// The sample with Northwind's USA -> MEX fee at 9.99: another dataset
// version.
std::string DearerNorthwind() {
  return absl::StrReplaceAll(ReadFile(kSampleCorridors),
                             {{"fixed_fee: \"1.99\"", "fixed_fee: \"9.99\""}});
}

// What the clients have seen so far.
struct Tally {
  int64_t calls = 0;
  int64_t failed = 0;
  std::vector<std::string> failures;  // The first few, for the message.
  // Successful calls, and the last dataset version answered, by replica
  // address ("127.0.0.1:PORT").
  std::map<std::string, int64_t> per_replica;
  std::map<std::string, std::string> version;

  int64_t At(const std::string& address) const {
    auto it = per_replica.find(address);
    return it == per_replica.end() ? 0 : it->second;
  }
  std::string VersionAt(const std::string& address) const {
    auto it = version.find(address);
    return it == version.end() ? "" : it->second;
  }
  std::string Describe() const {
    std::string out = absl::StrCat(calls, " calls, ", failed, " failed");
    for (const auto& [address, n] : per_replica) {
      absl::StrAppend(&out, "; ", address, " ", n);
    }
    if (!failures.empty()) {
      absl::StrAppend(&out, "; failures: ", absl::StrJoin(failures, " | "));
    }
    return out;
  }
};

// One RankOffers call, counted.
void Call(v1::RemitRank::Stub* stub, absl::Mutex* mu, Tally* tally) {
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(30)));
  v1::RankOffersResponse response;
  const grpc::Status status = stub->RankOffers(&context, UsMx200(), &response);
  // The replica: the call's peer, "ipv4:127.0.0.1:PORT".
  std::string address = context.peer();
  if (absl::StartsWith(address, "ipv4:")) address.erase(0, 5);
  absl::MutexLock lock(mu);
  ++tally->calls;
  if (!status.ok()) {
    ++tally->failed;
    if (tally->failures.size() < 5) {
      tally->failures.push_back(absl::StrCat(status.error_code(), " ",
                                             status.error_message(), " (",
                                             context.peer(), ")"));
    }
    return;
  }
  ++tally->per_replica[address];
  tally->version[address] = response.dataset_version();
}

// Clients calling RankOffers back to back on their own threads until
// Stop(), a bound on the calls, or the end of the test.
class Load {
 public:
  Load(const std::shared_ptr<grpc::Channel>& channel, int threads) {
    for (int i = 0; i < threads; ++i) {
      threads_.emplace_back([this, channel] {
        auto stub = v1::RemitRank::NewStub(channel);
        for (;;) {
          {
            absl::MutexLock lock(&mu_);
            if (stop_ || tally_.calls >= kMaxCalls) return;
          }
          Call(stub.get(), &mu_, &tally_);
        }
      });
    }
  }
  ~Load() { Stop(); }

  void Stop() {
    {
      absl::MutexLock lock(&mu_);
      stop_ = true;
    }
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  Tally Get() {
    absl::MutexLock lock(&mu_);
    return tally_;
  }

  // Blocks until `done` holds of the tally (true), or `timeout` (false).
  bool WaitUntil(const std::function<bool(const Tally&)>& done,
                 absl::Duration timeout = kPhase) {
    absl::MutexLock lock(&mu_);
    const auto ready = [&] { return done(tally_) || tally_.failed > 0; };
    return mu_.AwaitWithTimeout(absl::Condition(&ready), timeout) &&
           done(tally_);
  }

 private:
  static constexpr int64_t kMaxCalls = 1'000'000;

  absl::Mutex mu_;
  bool stop_ = false;
  Tally tally_;
  std::vector<std::thread> threads_;
};

// A TCP port free on every one of `hosts` (IPv4 addresses) at once: one
// the system picks on the first, tried on the others; 0 if none is found
// in a few tries.
int PortFreeOn(const std::vector<std::string>& hosts) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    std::vector<int> fds;
    int port = 0;
    bool free = true;
    for (const std::string& host : hosts) {
      const int fd = socket(AF_INET, SOCK_STREAM, 0);
      if (fd < 0) return 0;
      fds.push_back(fd);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_port = htons(static_cast<uint16_t>(port));
      inet_pton(AF_INET, host.c_str(), &address.sin_addr);
      if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) !=
          0) {
        free = false;
        break;
      }
      if (port == 0) {
        socklen_t length = sizeof(address);
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
        port = ntohs(address.sin_port);
      }
    }
    for (int fd : fds) close(fd);
    if (free) return port;
  }
  return 0;
}

class ReplicasTest : public ::testing::Test {
 protected:
  // A replica over `data` (default: the sample) with `extra` flags, on a
  // free port unless they say --listen.
  std::unique_ptr<ServerProcess> StartReplica(
      std::vector<std::string> extra = {},
      std::string data = kSampleCorridors) {
    std::vector<std::string> flags = {"--data=" + data, kClock};
    flags.insert(flags.end(), extra.begin(), extra.end());
    absl::StatusOr<std::unique_ptr<ServerProcess>> server =
        ServerProcess::Start(flags);
    EXPECT_TRUE(server.ok()) << server.status();
    return server.ok() ? *std::move(server) : nullptr;
  }

  // The recommended channel to `target`, with a replica that is down
  // tried again after 0.1 s, backing off to 1 s (gRPC's default starts at
  // 1 s and grows to 120 s), so that one back up is reached within a
  // test's time. (Not GRPC_ARG_MIN_RECONNECT_BACKOFF_MS: it is also the
  // time a connection attempt may take, 20 s.) `extra` adds arguments (a
  // service config among them replaces the recommended one).
  static std::shared_ptr<grpc::Channel> Channel(
      const std::string& target, grpc::ChannelArguments extra = {}) {
    extra.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
    extra.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
    return client::CreateRecommendedChannel(
        target, grpc::InsecureChannelCredentials(), std::move(extra));
  }
  // The same to a fixed list of addresses ("ipv4:A,B,C").
  static std::shared_ptr<grpc::Channel> Channel(
      const std::vector<std::string>& addresses,
      grpc::ChannelArguments extra = {}) {
    return Channel("ipv4:" + absl::StrJoin(addresses, ","), std::move(extra));
  }

  // Three replicas on free ports, with `extra` flags.
  void StartThree(const std::vector<std::string>& extra = {}) {
    for (int i = 0; i < 3; ++i) {
      replicas_.push_back(StartReplica(extra));
      ASSERT_NE(replicas_.back(), nullptr);
      addresses_.push_back(replicas_.back()->address());
    }
  }

  std::vector<std::unique_ptr<ServerProcess>> replicas_;
  std::vector<std::string> addresses_;
};

// Every replica of `addresses` has served at least `n` calls more than in
// `before`.
std::function<bool(const Tally&)> EachServedMore(
    const std::vector<std::string>& addresses, const Tally& before, int64_t n) {
  return [addresses, before, n](const Tally& t) {
    for (const std::string& address : addresses) {
      if (t.At(address) < before.At(address) + n) return false;
    }
    return true;
  };
}

// One client thread, calls in turn: round_robin sends each to the next
// ready replica, so 300 calls are 100 per replica.
TEST_F(ReplicasTest, RoundRobinSplitsCallsEvenly) {
  StartThree();
  auto stub = v1::RemitRank::NewStub(Channel(addresses_));
  absl::Mutex mu;
  Tally tally;
  // Until every replica's connection is up and healthy (bounded).
  for (int i = 0; i < 1000 && !EachServedMore(addresses_, {}, 1)(tally); ++i) {
    Call(stub.get(), &mu, &tally);
  }
  ASSERT_TRUE(EachServedMore(addresses_, {}, 1)(tally)) << tally.Describe();
  const Tally warm = tally;
  for (int i = 0; i < 300; ++i) Call(stub.get(), &mu, &tally);

  EXPECT_EQ(tally.failed, 0) << tally.Describe();
  for (const std::string& address : addresses_) {
    const int64_t served = tally.At(address) - warm.At(address);
    EXPECT_GE(served, 90) << address << ": " << tally.Describe();
    EXPECT_LE(served, 110) << address << ": " << tally.Describe();
  }
}

// What a client gets without the recommended config: one connection, one
// replica, however many there are.
TEST_F(ReplicasTest, PickFirstPinsEveryCallToOneReplica) {
  StartThree();
  grpc::ChannelArguments pick_first;
  pick_first.SetServiceConfigJSON(kPickFirst);
  auto stub = v1::RemitRank::NewStub(Channel(addresses_, pick_first));
  absl::Mutex mu;
  Tally tally;
  for (int i = 0; i < 300; ++i) Call(stub.get(), &mu, &tally);

  EXPECT_EQ(tally.failed, 0) << tally.Describe();
  ASSERT_EQ(tally.per_replica.size(), 1u) << tally.Describe();
  EXPECT_EQ(tally.per_replica.begin()->second, 300);
}

// kill -9 of a replica under load: its calls in flight fail UNAVAILABLE
// and are retried on the others; no call fails.
TEST_F(ReplicasTest, KillNineOfAReplicaUnderLoadFailsNoCall) {
  StartThree();
  Load load(Channel(addresses_), 2);
  ASSERT_TRUE(load.WaitUntil(EachServedMore(addresses_, {}, 20)))
      << load.Get().Describe();

  replicas_[1]->Signal(SIGKILL);
  EXPECT_EQ(replicas_[1]->Wait(), 128 + SIGKILL);
  const Tally at_kill = load.Get();
  const std::vector<std::string> survivors = {addresses_[0], addresses_[2]};
  ASSERT_TRUE(load.WaitUntil(EachServedMore(survivors, at_kill, 150)))
      << load.Get().Describe();
  load.Stop();

  const Tally end = load.Get();
  EXPECT_EQ(end.failed, 0) << end.Describe();
  // Nothing reaches the killed replica; a call it answered just before
  // the kill may be counted just after (at most one per load thread).
  EXPECT_LE(end.At(addresses_[1]) - at_kill.At(addresses_[1]), 2)
      << end.Describe();
}

// A rolling restart: ten times, SIGTERM one replica under load (it turns
// NOT_SERVING, the client's health watch takes it out of rotation, and
// only then does it stop and drain), wait for it to exit 0, start it again
// on its port and wait for the client to call it again. No call fails.
TEST_F(ReplicasTest, SigtermOfAReplicaUnderLoadFailsNoCallTenTimes) {
  const std::vector<std::string> flags = {"--drain_delay=1s",
                                          "--shutdown_grace=5s"};
  StartThree(flags);
  Load load(Channel(addresses_), 2);
  ASSERT_TRUE(load.WaitUntil(EachServedMore(addresses_, {}, 20)))
      << load.Get().Describe();

  for (int round = 0; round < 10; ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    const int i = round % 3;
    replicas_[i]->Signal(SIGTERM);
    ASSERT_EQ(replicas_[i]->Wait(), 0);
    // In this order: NOT_SERVING, then the stop, then the end.
    EXPECT_TRUE(replicas_[i]->WaitForLog("not serving; stopping in 1s",
                                         absl::Seconds(5)))
        << replicas_[i]->log();
    EXPECT_TRUE(replicas_[i]->WaitForLog("shutting down", absl::Seconds(5)))
        << replicas_[i]->log();
    EXPECT_TRUE(replicas_[i]->WaitForLog("stopped", absl::Seconds(5)))
        << replicas_[i]->log();

    std::vector<std::string> again = flags;
    again.push_back("--listen=" + addresses_[i]);
    replicas_[i] = StartReplica(again);
    ASSERT_NE(replicas_[i], nullptr);
    ASSERT_TRUE(load.WaitUntil(EachServedMore({addresses_[i]}, load.Get(), 20)))
        << load.Get().Describe();
  }
  load.Stop();
  const Tally end = load.Get();
  EXPECT_EQ(end.failed, 0) << end.Describe();
  std::printf("rolling restart, 10 SIGTERMs: %s\n", end.Describe().c_str());
}

// A replica that was not up when the client started (the target lists its
// address from the start) gets calls once it is: the client's connection
// attempts to it, backing off, reach it when it listens.
TEST_F(ReplicasTest, AReplicaStartedLaterGetsCalls) {
  replicas_.push_back(StartReplica());
  replicas_.push_back(StartReplica());
  ASSERT_NE(replicas_[0], nullptr);
  ASSERT_NE(replicas_[1], nullptr);
  // A free port for the third: one a replica listened on, then left.
  std::unique_ptr<ServerProcess> probe = StartReplica();
  ASSERT_NE(probe, nullptr);
  const std::string late = probe->address();
  probe->Signal(SIGTERM);
  ASSERT_EQ(probe->Wait(), 0);
  addresses_ = {replicas_[0]->address(), replicas_[1]->address(), late};

  Load load(Channel(addresses_), 2);
  ASSERT_TRUE(
      load.WaitUntil(EachServedMore({addresses_[0], addresses_[1]}, {}, 50)))
      << load.Get().Describe();
  EXPECT_EQ(load.Get().At(late), 0);

  replicas_.push_back(StartReplica({"--listen=" + late}));
  ASSERT_NE(replicas_[2], nullptr);
  ASSERT_TRUE(load.WaitUntil(EachServedMore({late}, {}, 50)))
      << load.Get().Describe();
  load.Stop();
  EXPECT_EQ(load.Get().failed, 0) << load.Get().Describe();
}

// Replicas found through DNS, as behind a headless Kubernetes Service:
// the client resolves the name, connects to every address and keeps those
// connections. A replica added to the name later is found only when the
// client resolves again, which it does when a connection ends: the
// servers end theirs at --max_connection_age (here 1 s), with no call
// failing. Replicas share a port on 127.0.0.1, .2 and .3 (one name, one
// port, an address per pod); the client may resolve every 0.1 s (gRPC's
// default is at most every 30 s).
TEST_F(ReplicasTest, AReplicaAddedToDnsGetsCallsOnceConnectionsAge) {
  absl::StatusOr<std::unique_ptr<LoopbackDns>> dns =
      LoopbackDns::Start("replicas.remitrank.test");
  ASSERT_TRUE(dns.ok()) << dns.status();
  const std::vector<std::string> flags = {"--max_connection_age=1s",
                                          "--max_connection_age_grace=5s"};
  // One port, free on .1, .2 and .3 (a port the system picks on .1 may be
  // taken on .2).
  auto start = [&](const std::string& listen) {
    std::vector<std::string> with = flags;
    if (!listen.empty()) with.push_back("--listen=" + listen);
    replicas_.push_back(StartReplica(with));
    return replicas_.back() != nullptr;
  };
  const int port = PortFreeOn({"127.0.0.1", "127.0.0.2", "127.0.0.3"});
  ASSERT_GT(port, 0);
  addresses_ = {absl::StrCat("127.0.0.1:", port),
                absl::StrCat("127.0.0.2:", port),
                absl::StrCat("127.0.0.3:", port)};
  ASSERT_TRUE(start(addresses_[0]));
  ASSERT_TRUE(start(addresses_[1]));
  ASSERT_TRUE((*dns)->SetAddresses({"127.0.0.1", "127.0.0.2"}).ok());

  grpc::ChannelArguments resolve_often;
  resolve_often.SetInt(GRPC_ARG_DNS_MIN_TIME_BETWEEN_RESOLUTIONS_MS, 100);
  Load load(Channel(absl::StrCat("dns://127.0.0.1:", (*dns)->port(),
                                 "/replicas.remitrank.test:", port),
                    resolve_often),
            2);
  ASSERT_TRUE(
      load.WaitUntil(EachServedMore({addresses_[0], addresses_[1]}, {}, 50)))
      << load.Get().Describe();

  ASSERT_TRUE(start(addresses_[2]));
  const int resolved = (*dns)->a_queries();
  ASSERT_TRUE(
      (*dns)->SetAddresses({"127.0.0.1", "127.0.0.2", "127.0.0.3"}).ok());
  ASSERT_TRUE(load.WaitUntil(EachServedMore({addresses_[2]}, {}, 50)))
      << load.Get().Describe();
  load.Stop();
  EXPECT_GT((*dns)->a_queries(), resolved);
  EXPECT_EQ(load.Get().failed, 0) << load.Get().Describe();
}

// Each replica reads its dataset from its own Kubernetes-style volume and
// watches it; the volumes are updated one after the other under load, as
// a rollout of data does. Every replica comes to answer with the new
// version, and no call fails. Then a broken dataset is swapped in
// everywhere: every replica refuses it and keeps answering with the
// version it had.
TEST_F(ReplicasTest, ADataVolumeSwapReachesEveryReplicaAndABrokenOneNone) {
  std::vector<KubernetesVolume> volumes;
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<KubernetesVolume> volume = KubernetesVolume::Create(
        TempPath(absl::StrCat("volume", i)), "corridors.textproto",
        ReadFile(kSampleCorridors));
    ASSERT_TRUE(volume.ok()) << volume.status();
    volumes.push_back(*std::move(volume));
    replicas_.push_back(StartReplica({"--watch_data", "--watch_debounce=100ms"},
                                     volumes[i].path()));
    ASSERT_NE(replicas_[i], nullptr);
    addresses_.push_back(replicas_[i]->address());
  }
  Load load(Channel(addresses_), 2);
  ASSERT_TRUE(load.WaitUntil(EachServedMore(addresses_, {}, 10)))
      << load.Get().Describe();
  const std::string old_version = load.Get().VersionAt(addresses_[0]);
  ASSERT_FALSE(old_version.empty());
  for (const std::string& address : addresses_) {
    EXPECT_EQ(load.Get().VersionAt(address), old_version);
  }

  // The rollout: one volume at a time.
  for (KubernetesVolume& volume : volumes) {
    ASSERT_TRUE(volume.Update(DearerNorthwind()).ok());
  }
  std::string new_version;
  const auto converged = [&](const Tally& t) {
    const std::string v = t.VersionAt(addresses_[0]);
    for (const std::string& address : addresses_) {
      if (t.VersionAt(address) != v) return false;
    }
    return v != old_version;
  };
  ASSERT_TRUE(load.WaitUntil(converged)) << load.Get().Describe();
  new_version = load.Get().VersionAt(addresses_[0]);
  for (auto& replica : replicas_) {
    EXPECT_TRUE(replica->WaitForLog("reloaded dataset", absl::Seconds(10)))
        << replica->log();
  }

  // A broken dataset: refused by every replica, which keep their data.
  for (KubernetesVolume& volume : volumes) {
    ASSERT_TRUE(volume.Update("quotes { id: \"x\" }\n").ok());
  }
  for (auto& replica : replicas_) {
    EXPECT_TRUE(replica->WaitForLog("reload refused", kPhase))
        << replica->log();
  }
  const Tally refused = load.Get();
  ASSERT_TRUE(load.WaitUntil(EachServedMore(addresses_, refused, 20)))
      << load.Get().Describe();
  load.Stop();
  const Tally end = load.Get();
  for (const std::string& address : addresses_) {
    EXPECT_EQ(end.VersionAt(address), new_version) << address;
  }
  EXPECT_EQ(end.failed, 0) << end.Describe();
}

}  // namespace
}  // namespace remit::testing
