// baseline_server: the RemitRank service without the engine, to measure
// what gRPC itself costs. --mode=empty answers every RankOffers with an
// empty response; --mode=canned answers with a fixed response ranked once
// at start-up from --data (the size of a real top-10 answer).
//
//   baseline_server --mode=canned --data=testdata/sample_corridors.textproto
//
// Prints "baseline: serving on HOST:PORT" once ready; SIGTERM stops it.
#include <signal.h>

#include <cstdio>
#include <memory>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "grpcpp/server_context.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/arena_messages.h"
#include "service/page_token.h"
#include "service/remit_rank_handler.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0", "host:port");
ABSL_FLAG(std::string, mode, "empty", "empty or canned");
ABSL_FLAG(std::string, data, "testdata/sample_corridors.textproto",
          "dataset for the canned answer");
ABSL_FLAG(std::string, clock_time, "2026-11-15T00:00:00Z",
          "the clock for the canned answer (RFC 3339)");

namespace {

// The same server model as remitrank_server (the callback API, each call's
// messages on an arena), so that only the handler's work differs.
class Baseline final : public remit::v1::RemitRank::CallbackService {
 public:
  explicit Baseline(remit::v1::RankOffersResponse canned)
      : canned_(std::move(canned)) {
    SetMessageAllocatorFor_RankOffers(&messages_);
  }
  grpc::ServerUnaryReactor* RankOffers(
      grpc::CallbackServerContext* context, const remit::v1::RankOffersRequest*,
      remit::v1::RankOffersResponse* response) override {
    *response = canned_;
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  const remit::v1::RankOffersResponse canned_;
  remit::service::ArenaMessages<remit::v1::RankOffersRequest,
                                remit::v1::RankOffersResponse>
      messages_;
};

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  remit::v1::RankOffersResponse canned;
  if (absl::GetFlag(FLAGS_mode) == "canned") {
    absl::Time now;
    std::string why;
    if (!absl::ParseTime(absl::RFC3339_full, absl::GetFlag(FLAGS_clock_time),
                         &now, &why)) {
      std::fprintf(stderr, "baseline: --clock_time: %s\n", why.c_str());
      return 2;
    }
    remit::FakeClock clock(now);
    auto snapshot =
        remit::Snapshot::Load({absl::GetFlag(FLAGS_data)}, {}, clock);
    if (!snapshot.ok()) {
      std::fprintf(stderr, "baseline: %s\n",
                   snapshot.status().ToString().c_str());
      return 1;
    }
    remit::SnapshotStore store;
    store.Publish(*snapshot);
    remit::service::PageTokens tokens(remit::service::PageTokens::RandomKey());
    remit::service::RemitRankHandler real(&store, &clock, &tokens);
    remit::v1::RankOffersRequest request;
    request.mutable_corridor()->set_send_country("US");
    request.mutable_corridor()->set_receive_country("MX");
    request.mutable_send_amount()->set_currency_code("USD");
    request.mutable_send_amount()->set_units(200);
    request.set_page_size(10);
    if (!real.RankOffers(request, &canned).ok()) return 1;
  } else if (absl::GetFlag(FLAGS_mode) != "empty") {
    std::fprintf(stderr, "baseline: --mode is empty or canned\n");
    return 2;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  Baseline service(std::move(canned));
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(absl::GetFlag(FLAGS_listen),
                           grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) return 1;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  std::printf("baseline: serving on %s:%d\n",
              listen.substr(0, listen.rfind(':')).c_str(), port);
  std::fflush(stdout);
  int signal = 0;
  sigwait(&signals, &signal);
  server->Shutdown();
  return 0;
}
