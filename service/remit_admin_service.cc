#include "service/remit_admin_service.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "absl/strings/match.h"
#include "service/status.h"

namespace remit::service {
namespace {

std::string Digest(absl::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

}  // namespace

RemitAdminService::RemitAdminService(ReloadFunction reload,
                                     const SnapshotStore* store,
                                     absl::string_view token,
                                     const Clock* clock)
    : handler_(std::move(reload), store, clock), token_digest_(Digest(token)) {}

absl::Status RemitAdminService::Authorize(
    const grpc::CallbackServerContext& context) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return absl::UnauthenticatedError(
        "authorization: missing; send the metadata "
        "'authorization: Bearer <token>'");
  }
  const absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWith(value, kBearer)) {
    return absl::UnauthenticatedError(
        "authorization: expected 'Bearer <token>'");
  }
  const std::string given = Digest(value.substr(kBearer.size()));
  if (CRYPTO_memcmp(given.data(), token_digest_.data(), given.size()) != 0) {
    return absl::PermissionDeniedError("authorization: the token is not valid");
  }
  return absl::OkStatus();
}

grpc::ServerUnaryReactor* RemitAdminService::ReloadDataset(
    grpc::CallbackServerContext* context,
    const v1::ReloadDatasetRequest* request,
    v1::ReloadDatasetResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::Status status = Authorize(*context);
  if (status.ok()) status = handler_.ReloadDataset(*request, response);
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

grpc::ServerUnaryReactor* RemitAdminService::GetDatasetInfo(
    grpc::CallbackServerContext* context,
    const v1::GetDatasetInfoRequest* request, v1::DatasetInfo* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::Status status = Authorize(*context);
  if (status.ok()) status = handler_.GetDatasetInfo(*request, response);
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

}  // namespace remit::service
