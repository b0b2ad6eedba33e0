#include "service/remit_rank_service.h"

#include <utility>

#include "absl/status/status.h"
#include "service/status.h"

namespace remit::service {
namespace {

// Runs `handle` unless the call is already cancelled, and finishes with its
// status.
template <typename Handle>
grpc::ServerUnaryReactor* Respond(grpc::CallbackServerContext* context,
                                  Handle handle) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(
      context->IsCancelled() ? absl::CancelledError("the call was cancelled")
                             : handle()));
  return reactor;
}

}  // namespace

RemitRankService::RemitRankService(const SnapshotStore* store,
                                   const Clock* clock,
                                   const PageTokens* page_tokens,
                                   IndicatorOptions indicator_options)
    : handler_(store, clock, page_tokens, std::move(indicator_options)) {
  Serve("RankOffers", &rank_offers_messages_, &RemitRankService::RankOffers);
  Serve("ListCorridors", &list_corridors_messages_,
        &RemitRankService::ListCorridors);
  Serve("GetCorridorSummary", &summary_messages_,
        &RemitRankService::GetCorridorSummary);
  Serve("GetCorridorHistory", &history_messages_,
        &RemitRankService::GetCorridorHistory);
  Serve("GetIndicators", &indicators_messages_,
        &RemitRankService::GetIndicators);
  Serve("GetCostCurve", &curve_messages_, &RemitRankService::GetCostCurve);
}

template <typename Request, typename Response>
void RemitRankService::Serve(
    const char* name, ArenaMessages<Request, Response>* messages,
    grpc::ServerUnaryReactor* (RemitRankService::*serve)(
        grpc::CallbackServerContext*, const Request*, Response*)) {
  const int index = MethodIndex(Request::descriptor()->file(),
                                v1::RemitRank::service_full_name(), name);
  // The generated handler of that method takes these messages.
  using Generated = grpc::internal::CallbackUnaryHandler<Request, Response>;
  GPR_ASSERT(index >= 0 &&
             dynamic_cast<Generated*>(GetHandler(index)) != nullptr);
  MarkMethodCallback(
      index, new ParseCheckedUnaryHandler<Request, Response>(
                 [this, serve](grpc::CallbackServerContext* context,
                               const Request* request, Response* response) {
                   return (this->*serve)(context, request, response);
                 },
                 messages));
}

grpc::ServerUnaryReactor* RemitRankService::RankOffers(
    grpc::CallbackServerContext* context, const v1::RankOffersRequest* request,
    v1::RankOffersResponse* response) {
  return Respond(context,
                 [&] { return handler_.RankOffers(*request, response); });
}

grpc::ServerUnaryReactor* RemitRankService::ListCorridors(
    grpc::CallbackServerContext* context,
    const v1::ListCorridorsRequest* request,
    v1::ListCorridorsResponse* response) {
  return Respond(context,
                 [&] { return handler_.ListCorridors(*request, response); });
}

grpc::ServerUnaryReactor* RemitRankService::GetCorridorSummary(
    grpc::CallbackServerContext* context,
    const v1::GetCorridorSummaryRequest* request,
    v1::CorridorSummary* response) {
  return Respond(
      context, [&] { return handler_.GetCorridorSummary(*request, response); });
}

grpc::ServerUnaryReactor* RemitRankService::GetCorridorHistory(
    grpc::CallbackServerContext* context,
    const v1::GetCorridorHistoryRequest* request,
    v1::CorridorHistory* response) {
  return Respond(
      context, [&] { return handler_.GetCorridorHistory(*request, response); });
}

grpc::ServerUnaryReactor* RemitRankService::GetIndicators(
    grpc::CallbackServerContext* context,
    const v1::GetIndicatorsRequest* request, v1::Indicators* response) {
  return Respond(context,
                 [&] { return handler_.GetIndicators(*request, response); });
}

grpc::ServerUnaryReactor* RemitRankService::GetCostCurve(
    grpc::CallbackServerContext* context,
    const v1::GetCostCurveRequest* request,
    v1::GetCostCurveResponse* response) {
  return Respond(context,
                 [&] { return handler_.GetCostCurve(*request, response); });
}

}  // namespace remit::service
