#include "cli/backend.h"

#include "absl/time/clock.h"
#include "grpcpp/security/credentials.h"
#include "service/client/channel.h"

namespace remit::cli {

absl::Status FromGrpcStatus(const grpc::Status& status) {
  const int code = static_cast<int>(status.error_code());
  const bool canonical =
      code >= static_cast<int>(absl::StatusCode::kOk) &&
      code <= static_cast<int>(absl::StatusCode::kUnauthenticated);
  return absl::Status(canonical ? static_cast<absl::StatusCode>(code)
                                : absl::StatusCode::kUnknown,
                      status.error_message());
}

LocalBackend::LocalBackend(const Clock* clock)
    : tokens_(service::PageTokens::RandomKey()),
      handler_(&store_, clock, &tokens_) {}

absl::StatusOr<std::unique_ptr<LocalBackend>> LocalBackend::Load(
    const std::vector<std::string>& paths, const DatasetOptions& options,
    const Clock* clock) {
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot =
      Snapshot::Load(paths, options, *clock);
  if (!snapshot.ok()) return snapshot.status();
  std::unique_ptr<LocalBackend> backend(new LocalBackend(clock));
  backend->store_.Publish(*std::move(snapshot));
  return backend;
}

absl::Status LocalBackend::RankOffers(const v1::RankOffersRequest& request,
                                      v1::RankOffersResponse* response) {
  return handler_.RankOffers(request, response);
}

absl::Status LocalBackend::ListCorridors(
    const v1::ListCorridorsRequest& request,
    v1::ListCorridorsResponse* response) {
  return handler_.ListCorridors(request, response);
}

absl::Status LocalBackend::GetCorridorSummary(
    const v1::GetCorridorSummaryRequest& request,
    v1::CorridorSummary* response) {
  return handler_.GetCorridorSummary(request, response);
}

absl::Status LocalBackend::GetCorridorHistory(
    const v1::GetCorridorHistoryRequest& request,
    v1::CorridorHistory* response) {
  return handler_.GetCorridorHistory(request, response);
}

absl::Status LocalBackend::GetIndicators(
    const v1::GetIndicatorsRequest& request, v1::Indicators* response) {
  return handler_.GetIndicators(request, response);
}

absl::Status LocalBackend::GetCostCurve(const v1::GetCostCurveRequest& request,
                                        v1::GetCostCurveResponse* response) {
  return handler_.GetCostCurve(request, response);
}

const SnapshotInfo* LocalBackend::info() const {
  std::shared_ptr<const Snapshot> snapshot = store_.Get();
  return snapshot == nullptr ? nullptr : &snapshot->info();
}

RemoteBackend::RemoteBackend(const RemoteOptions& options)
    : deadline_(options.deadline) {
  std::shared_ptr<grpc::ChannelCredentials> credentials;
  if (options.tls_ca_pem.empty()) {
    credentials = grpc::InsecureChannelCredentials();
  } else {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = options.tls_ca_pem;
    credentials = grpc::SslCredentials(ssl);
  }
  grpc::ChannelArguments args;
  if (!options.tls_server_name.empty()) {
    args.SetSslTargetNameOverride(options.tls_server_name);
  }
  stub_ = v1::RemitRank::NewStub(
      client::CreateRecommendedChannel(options.target, credentials, args));
}

void RemoteBackend::Prepare(grpc::ClientContext* context) const {
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
}

absl::Status RemoteBackend::RankOffers(const v1::RankOffersRequest& request,
                                       v1::RankOffersResponse* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return FromGrpcStatus(stub_->RankOffers(&context, request, response));
}

absl::Status RemoteBackend::ListCorridors(
    const v1::ListCorridorsRequest& request,
    v1::ListCorridorsResponse* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return FromGrpcStatus(stub_->ListCorridors(&context, request, response));
}

absl::Status RemoteBackend::GetCorridorSummary(
    const v1::GetCorridorSummaryRequest& request,
    v1::CorridorSummary* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return FromGrpcStatus(stub_->GetCorridorSummary(&context, request, response));
}

absl::Status RemoteBackend::GetCorridorHistory(
    const v1::GetCorridorHistoryRequest& request,
    v1::CorridorHistory* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return FromGrpcStatus(stub_->GetCorridorHistory(&context, request, response));
}

absl::Status RemoteBackend::GetIndicators(
    const v1::GetIndicatorsRequest& request, v1::Indicators* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return FromGrpcStatus(stub_->GetIndicators(&context, request, response));
}

absl::Status RemoteBackend::GetCostCurve(const v1::GetCostCurveRequest& request,
                                         v1::GetCostCurveResponse* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return FromGrpcStatus(stub_->GetCostCurve(&context, request, response));
}

}  // namespace remit::cli
