// RemitRankService: the remit.v1.RemitRank gRPC service, a thin adapter
// over the engine (proto in, engine types, proto out).
//
// Each call takes the current snapshot from the store once and answers
// entirely from it, naming its version; a reload during the call does not
// mix data. Calls check for cancellation before ranking.
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

#include "engine/clock.h"
#include "engine/snapshot.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/page_token.h"

namespace remit::service {

class RemitRankService final : public v1::RemitRank::Service {
 public:
  RemitRankService(const SnapshotStore* store, const Clock* clock,
                   const PageTokens* page_tokens)
      : store_(store), clock_(clock), page_tokens_(page_tokens) {}

  grpc::Status RankOffers(grpc::ServerContext* context,
                          const v1::RankOffersRequest* request,
                          v1::RankOffersResponse* response) override;
  grpc::Status ListCorridors(grpc::ServerContext* context,
                             const v1::ListCorridorsRequest* request,
                             v1::ListCorridorsResponse* response) override;
  grpc::Status GetCorridorSummary(grpc::ServerContext* context,
                                  const v1::GetCorridorSummaryRequest* request,
                                  v1::CorridorSummary* response) override;

 private:
  const SnapshotStore* store_;
  const Clock* clock_;
  const PageTokens* page_tokens_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_RANK_SERVICE_H_
