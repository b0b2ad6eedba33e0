#include "cli/backend.h"

#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "service/status.h"

namespace remit::cli {

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

grpc::Status LocalBackend::RankOffers(const v1::RankOffersRequest& request,
                                      v1::RankOffersResponse* response) {
  return service::ToGrpcStatus(handler_.RankOffers(request, response));
}

grpc::Status LocalBackend::ListCorridors(
    const v1::ListCorridorsRequest& request,
    v1::ListCorridorsResponse* response) {
  return service::ToGrpcStatus(handler_.ListCorridors(request, response));
}

grpc::Status LocalBackend::GetCorridorSummary(
    const v1::GetCorridorSummaryRequest& request,
    v1::CorridorSummary* response) {
  return service::ToGrpcStatus(handler_.GetCorridorSummary(request, response));
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
  stub_ =
      v1::RemitRank::NewStub(grpc::CreateChannel(options.address, credentials));
}

void RemoteBackend::Prepare(grpc::ClientContext* context) const {
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline_));
}

grpc::Status RemoteBackend::RankOffers(const v1::RankOffersRequest& request,
                                       v1::RankOffersResponse* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return stub_->RankOffers(&context, request, response);
}

grpc::Status RemoteBackend::ListCorridors(
    const v1::ListCorridorsRequest& request,
    v1::ListCorridorsResponse* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return stub_->ListCorridors(&context, request, response);
}

grpc::Status RemoteBackend::GetCorridorSummary(
    const v1::GetCorridorSummaryRequest& request,
    v1::CorridorSummary* response) {
  grpc::ClientContext context;
  Prepare(&context);
  return stub_->GetCorridorSummary(&context, request, response);
}

}  // namespace remit::cli
