// RemitRankHandler: the remit.v1.RemitRank operations (RankOffers,
// ListCorridors, GetCorridorSummary, GetCorridorHistory, GetIndicators)
// over the engine, without gRPC: request
// message in, engine types, response message out, and an absl::Status.
// The gRPC service (remit_rank_service.h) is a thin adapter over it; the
// command-line tool calls it in process.
//
// Each call takes the current snapshot from the store once and answers
// entirely from it, naming its version; a reload during the call does not
// mix data. Errors: INVALID_ARGUMENT naming the request field and its
// value, FAILED_PRECONDITION when no dataset is loaded (or when a summary
// has no reference amount, or indicators are asked of data without survey
// periods), NOT_FOUND for a corridor without quotes (or a period or
// provider the data does not have).
//
// Histories and indicators apply IndicatorOptions (engine/indicators):
// which total a service counts with, and which services are left out; the
// indicators say so in their `rules`.
//
// The response is expected to be empty; it may live on an arena.
//
// Thread-safety: thread-safe (const methods over shared, immutable
// snapshots). The store, clock and page tokens must outlive it.
//
// Example:
//   RemitRankHandler handler(&store, &clock, &page_tokens);
//   v1::RankOffersResponse response;
//   absl::Status status = handler.RankOffers(request, &response);
#ifndef REMIT_SERVICE_REMIT_RANK_HANDLER_H_
#define REMIT_SERVICE_REMIT_RANK_HANDLER_H_

#include <utility>

#include "absl/status/status.h"
#include "engine/indicators/indicators.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "service/page_token.h"

namespace remit::service {

class RemitRankHandler {
 public:
  RemitRankHandler(const SnapshotStore* store, const Clock* clock,
                   const PageTokens* page_tokens,
                   IndicatorOptions indicator_options = {})
      : store_(store),
        clock_(clock),
        page_tokens_(page_tokens),
        indicator_options_(std::move(indicator_options)) {}

  absl::Status RankOffers(const v1::RankOffersRequest& request,
                          v1::RankOffersResponse* response) const;
  absl::Status ListCorridors(const v1::ListCorridorsRequest& request,
                             v1::ListCorridorsResponse* response) const;
  absl::Status GetCorridorSummary(const v1::GetCorridorSummaryRequest& request,
                                  v1::CorridorSummary* response) const;
  absl::Status GetCorridorHistory(const v1::GetCorridorHistoryRequest& request,
                                  v1::CorridorHistory* response) const;
  absl::Status GetIndicators(const v1::GetIndicatorsRequest& request,
                             v1::Indicators* response) const;
  absl::Status GetCostCurve(const v1::GetCostCurveRequest& request,
                            v1::GetCostCurveResponse* response) const;

 private:
  const SnapshotStore* store_;
  const Clock* clock_;
  const PageTokens* page_tokens_;
  const IndicatorOptions indicator_options_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_RANK_HANDLER_H_
