// loadgen: keeps N RankOffers calls in flight against a server, checks
// every answer, and reports throughput and latency.
//
//   loadgen --target=127.0.0.1:50051 --concurrency=16 --duration=10s
//
// With --rate=R it issues R calls a second at a steady pace instead, however
// long each takes (a probe measuring what a well-behaved client sees while
// the server is under load or attack); --deadline bounds each call.
//
// Bounded by --duration and --max_calls, whichever comes first. Prints one
// line: calls, seconds, calls/s, p50/p99/max latency in microseconds,
// non-OK answers, and wrong answers (an OK answer whose first offer is not
// --expect_first, when given); then, on stderr, the failed calls by status
// code, if any. Exits 1 when any call failed or was wrong.
// --print_first_offer makes one call and prints its first offer's id
// instead (to find what --expect_first should be for a dataset).
// Callback API: each of the N slots issues its next call from the previous
// one's completion.
//
// --channel=plain (the default) is gRPC's default channel: one connection,
// to the first address that answers. --channel=recommended is the one
// partner clients use (service/client): round_robin over every address of
// the target, health checks, retries on UNAVAILABLE; a retried call that
// succeeds counts as one call, with its whole latency:
//
//   loadgen --channel=recommended --target=ipv4:127.0.0.1:5001,127.0.0.1:5002
#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/client/channel.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051",
          "server host:port, or a gRPC target (dns:///host:port, "
          "ipv4:a:p,b:p)");
ABSL_FLAG(std::string, channel, "plain",
          "plain (gRPC's defaults: one connection) or recommended "
          "(docs/client/service_config.json: round_robin, health checks, "
          "retries)");
ABSL_FLAG(int, concurrency, 16, "calls kept in flight");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "how long to run");
ABSL_FLAG(int64_t, max_calls, 1'000'000, "stop after this many calls");
ABSL_FLAG(double, rate, 0,
          "calls a second issued at a steady pace; 0: keep --concurrency "
          "calls in flight instead");
ABSL_FLAG(absl::Duration, deadline, absl::ZeroDuration(),
          "deadline of each call; 0: none");
ABSL_FLAG(std::string, expect_first, "",
          "quote id every answer's first offer must have; empty: no check");
ABSL_FLAG(bool, print_first_offer, false,
          "make one call and print its first offer (first_offer=ID offers=N) "
          "instead of running the load");

namespace {

using remit::v1::RankOffersRequest;
using remit::v1::RankOffersResponse;

RankOffersRequest Request() {
  RankOffersRequest request;
  request.mutable_corridor()->set_send_country("US");
  request.mutable_corridor()->set_receive_country("MX");
  request.mutable_send_amount()->set_currency_code("USD");
  request.mutable_send_amount()->set_units(200);
  request.set_page_size(10);
  return request;
}

class Load {
 public:
  Load(remit::v1::RemitRank::Stub* stub, absl::Time end, int64_t max_calls,
       absl::Duration deadline, std::string expect_first)
      : stub_(stub),
        end_(end),
        max_calls_(max_calls),
        deadline_(deadline),
        expect_first_(std::move(expect_first)),
        request_(Request()) {}

  void Run(int concurrency) {
    latencies_.resize(concurrency);
    for (int slot = 0; slot < concurrency; ++slot) {
      ++active_;
      Issue(slot);
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return active_.load() == 0; });
  }

  // Issues `rate` calls a second until the end or --max_calls, each in a
  // slot of its own and not followed by another, then waits for the last
  // answers.
  void RunPaced(double rate) {
    const absl::Duration interval = absl::Seconds(1) / rate;
    absl::Duration remainder;
    const int64_t calls = std::min<int64_t>(
        max_calls_,
        absl::IDivDuration(end_ - absl::Now(), interval, &remainder) + 1);
    latencies_.resize(std::max<int64_t>(calls, 0));
    paced_ = true;
    ++active_;  // Held by this loop, so the count reaches 0 only after it.
    absl::Time next = absl::Now();
    for (int slot = 0; slot < calls && next < end_; ++slot) {
      absl::SleepFor(next - absl::Now());
      ++active_;
      Start(slot);
      next += interval;
    }
    Finish();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return active_.load() == 0; });
  }

  void Report(absl::Duration elapsed) const {
    std::vector<int64_t> all;
    for (const auto& slot : latencies_)
      all.insert(all.end(), slot.begin(), slot.end());
    std::sort(all.begin(), all.end());
    auto at = [&](double q) {
      return all.empty() ? 0
                         : all[std::min(all.size() - 1,
                                        static_cast<size_t>(q * all.size()))];
    };
    const double seconds = absl::ToDoubleSeconds(elapsed);
    std::printf(
        "calls=%zu seconds=%.3f calls_per_s=%.0f p50_us=%lld p99_us=%lld "
        "max_us=%lld failed=%lld wrong=%lld\n",
        all.size(), seconds, all.size() / seconds,
        static_cast<long long>(at(0.5)), static_cast<long long>(at(0.99)),
        static_cast<long long>(all.empty() ? 0 : all.back()),
        static_cast<long long>(failed_.load()),
        static_cast<long long>(wrong_.load()));
    if (failed_.load() == 0) return;
    std::string codes;
    for (int code = 0; code < kCodes; ++code) {
      if (const int64_t n = failed_by_code_[code].load(); n > 0) {
        codes += " code" + std::to_string(code) + "=" + std::to_string(n);
      }
    }
    std::fprintf(stderr, "loadgen: failed calls by status code:%s\n",
                 codes.c_str());
  }

  bool clean() const { return failed_.load() == 0 && wrong_.load() == 0; }

 private:
  struct Call {
    grpc::ClientContext context;
    RankOffersResponse response;
    absl::Time start;
  };

  void Finish() {
    if (--active_ == 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_all();
    }
  }

  void Issue(int slot) {
    if (absl::Now() >= end_ || issued_.fetch_add(1) >= max_calls_) {
      Finish();
      return;
    }
    Start(slot);
  }

  // One call in `slot`; its completion issues the slot's next call, unless
  // the calls are paced.
  void Start(int slot) {
    auto* call = new Call();
    call->start = absl::Now();
    if (deadline_ > absl::ZeroDuration()) {
      call->context.set_deadline(absl::ToChronoTime(call->start + deadline_));
    }
    stub_->async()->RankOffers(
        &call->context, &request_, &call->response,
        [this, slot, call](grpc::Status status) {
          latencies_[slot].push_back(
              absl::ToInt64Microseconds(absl::Now() - call->start));
          if (!status.ok()) {
            ++failed_;
            const int code = static_cast<int>(status.error_code());
            ++failed_by_code_[code >= 0 && code < kCodes ? code : 2];
          } else if (!expect_first_.empty() &&
                     (call->response.offers().empty() ||
                      call->response.offers(0).quote_id() != expect_first_)) {
            ++wrong_;
          }
          delete call;
          if (paced_) {
            Finish();
          } else {
            Issue(slot);
          }
        });
  }

  remit::v1::RemitRank::Stub* stub_;
  const absl::Time end_;
  const int64_t max_calls_;
  const absl::Duration deadline_;
  const std::string expect_first_;
  const RankOffersRequest request_;
  std::vector<std::vector<int64_t>> latencies_;  // One list per slot.
  bool paced_ = false;  // Set by RunPaced before its first call.
  std::atomic<int64_t> issued_{0};
  std::atomic<int64_t> failed_{0};
  std::atomic<int64_t> wrong_{0};
  // grpc::StatusCode's numbers, 0 to 16; others count as UNKNOWN (2).
  static constexpr int kCodes = 17;
  std::array<std::atomic<int64_t>, kCodes> failed_by_code_{};
  std::atomic<int> active_{0};
  std::mutex mutex_;
  std::condition_variable done_;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string target = absl::GetFlag(FLAGS_target);
  const std::string kind = absl::GetFlag(FLAGS_channel);
  std::shared_ptr<grpc::Channel> channel;
  if (kind == "plain") {
    channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  } else if (kind == "recommended") {
    channel = remit::client::CreateRecommendedChannel(
        target, grpc::InsecureChannelCredentials());
  } else {
    std::fprintf(stderr,
                 "loadgen: --channel: '%s' is not one of plain, recommended\n",
                 kind.c_str());
    return 2;
  }
  auto stub = remit::v1::RemitRank::NewStub(channel);
  if (absl::GetFlag(FLAGS_print_first_offer)) {
    grpc::ClientContext context;
    RankOffersResponse response;
    const grpc::Status status =
        stub->RankOffers(&context, Request(), &response);
    if (!status.ok()) {
      std::fprintf(stderr, "%s\n", status.error_message().c_str());
      return 1;
    }
    std::printf(
        "first_offer=%s offers=%d\n",
        response.offers().empty() ? "" : response.offers(0).quote_id().c_str(),
        response.offers_size());
    return response.offers().empty() ? 1 : 0;
  }
  const absl::Time start = absl::Now();
  Load load(stub.get(), start + absl::GetFlag(FLAGS_duration),
            absl::GetFlag(FLAGS_max_calls), absl::GetFlag(FLAGS_deadline),
            absl::GetFlag(FLAGS_expect_first));
  if (absl::GetFlag(FLAGS_rate) > 0) {
    load.RunPaced(absl::GetFlag(FLAGS_rate));
  } else {
    load.Run(std::max(1, absl::GetFlag(FLAGS_concurrency)));
  }
  load.Report(absl::Now() - start);
  return load.clean() ? 0 : 1;
}
