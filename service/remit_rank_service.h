// RemitRankService: the remit.v1.RemitRank gRPC service, a thin adapter
// over RemitRankHandler (remit_rank_handler.h), which does the work without
// gRPC. The adapter refuses calls already cancelled and turns the handler's
// absl::Status into the call's grpc::Status, once, through ToGrpcStatus.
//
// It runs on gRPC's callback API: each call runs the handler inline on the
// thread that received it (the work is short and never blocks), which
// spares the hand-off to a worker thread of the synchronous API. Each
// call's messages live on an arena (see arena_messages.h). Request bytes
// that are not a valid message are answered INVALID_ARGUMENT saying so
// (ParseCheckedUnaryHandler), not gRPC's bare UNIMPLEMENTED.
//
// Thread-safety: thread-safe; the gRPC server calls it from many threads.
// The store, clock and page tokens must outlive it.
//
// Example:
//   RemitRankService service(&store, &clock, &tokens);
//   grpc::ServerBuilder builder;
//   builder.RegisterService(&service);
#ifndef REMIT_SERVICE_REMIT_RANK_SERVICE_H_
#define REMIT_SERVICE_REMIT_RANK_SERVICE_H_

#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "grpcpp/support/server_callback.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/arena_messages.h"
#include "service/page_token.h"
#include "service/remit_rank_handler.h"

namespace remit::service {

class RemitRankService final : public v1::RemitRank::CallbackService {
 public:
  // `indicator_options`: the rules of GetCorridorHistory and
  // GetIndicators.
  RemitRankService(const SnapshotStore* store, const Clock* clock,
                   const PageTokens* page_tokens,
                   IndicatorOptions indicator_options = {});

  grpc::ServerUnaryReactor* RankOffers(
      grpc::CallbackServerContext* context,
      const v1::RankOffersRequest* request,
      v1::RankOffersResponse* response) override;
  grpc::ServerUnaryReactor* ListCorridors(
      grpc::CallbackServerContext* context,
      const v1::ListCorridorsRequest* request,
      v1::ListCorridorsResponse* response) override;
  grpc::ServerUnaryReactor* GetCorridorSummary(
      grpc::CallbackServerContext* context,
      const v1::GetCorridorSummaryRequest* request,
      v1::CorridorSummary* response) override;
  grpc::ServerUnaryReactor* GetCorridorHistory(
      grpc::CallbackServerContext* context,
      const v1::GetCorridorHistoryRequest* request,
      v1::CorridorHistory* response) override;
  grpc::ServerUnaryReactor* GetIndicators(
      grpc::CallbackServerContext* context,
      const v1::GetIndicatorsRequest* request,
      v1::Indicators* response) override;
  grpc::ServerUnaryReactor* GetCostCurve(
      grpc::CallbackServerContext* context,
      const v1::GetCostCurveRequest* request,
      v1::GetCostCurveResponse* response) override;

 private:
  // Serves the method `name` with `serve`, its messages from `messages`,
  // and request bytes that are not a valid message refused as
  // INVALID_ARGUMENT (ParseCheckedUnaryHandler).
  template <typename Request, typename Response>
  void Serve(const char* name, ArenaMessages<Request, Response>* messages,
             grpc::ServerUnaryReactor* (RemitRankService::*serve)(
                 grpc::CallbackServerContext*, const Request*, Response*));

  RemitRankHandler handler_;
  ArenaMessages<v1::RankOffersRequest, v1::RankOffersResponse>
      rank_offers_messages_;
  ArenaMessages<v1::ListCorridorsRequest, v1::ListCorridorsResponse>
      list_corridors_messages_;
  ArenaMessages<v1::GetCorridorSummaryRequest, v1::CorridorSummary>
      summary_messages_;
  ArenaMessages<v1::GetCorridorHistoryRequest, v1::CorridorHistory>
      history_messages_;
  ArenaMessages<v1::GetIndicatorsRequest, v1::Indicators> indicators_messages_;
  ArenaMessages<v1::GetCostCurveRequest, v1::GetCostCurveResponse>
      curve_messages_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_RANK_SERVICE_H_
