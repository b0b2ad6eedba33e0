// RemitRankHandler and RemitRankService: the remit.v1.RemitRank operations
// and their gRPC service, a thin adapter over the engine (proto in, engine
// types, proto out).
//
// Each call takes the current snapshot from the store once and answers
// entirely from it, naming its version; a reload during the call does not
// mix data. The service refuses calls already cancelled.
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

namespace remit::service {

// The operations themselves, over the store: proto in, engine, proto out.
// Used by the gRPC service below, and in process by the command-line tool.
class RemitRankHandler {
 public:
  RemitRankHandler(const SnapshotStore* store, const Clock* clock,
                   const PageTokens* page_tokens)
      : store_(store), clock_(clock), page_tokens_(page_tokens) {}

  grpc::Status RankOffers(const v1::RankOffersRequest& request,
                          v1::RankOffersResponse* response) const;
  grpc::Status ListCorridors(const v1::ListCorridorsRequest& request,
                             v1::ListCorridorsResponse* response) const;
  grpc::Status GetCorridorSummary(const v1::GetCorridorSummaryRequest& request,
                                  v1::CorridorSummary* response) const;

 private:
  const SnapshotStore* store_;
  const Clock* clock_;
  const PageTokens* page_tokens_;
};

// The gRPC service, on gRPC's callback API: each call runs the handler
// inline on the thread that received it (the work is short and never
// blocks), which spares the hand-off to a worker thread of the synchronous
// API. Each call's messages live on an arena (see arena_messages.h).
class RemitRankService final : public v1::RemitRank::CallbackService {
 public:
  RemitRankService(const SnapshotStore* store, const Clock* clock,
                   const PageTokens* page_tokens);

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

 private:
  RemitRankHandler handler_;
  ArenaMessages<v1::RankOffersRequest, v1::RankOffersResponse>
      rank_offers_messages_;
  ArenaMessages<v1::ListCorridorsRequest, v1::ListCorridorsResponse>
      list_corridors_messages_;
  ArenaMessages<v1::GetCorridorSummaryRequest, v1::CorridorSummary>
      summary_messages_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_RANK_SERVICE_H_
