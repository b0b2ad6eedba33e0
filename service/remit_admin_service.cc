#include "service/remit_admin_service.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "service/convert.h"
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
                                     absl::string_view token)
    : reload_(std::move(reload)), store_(store), token_digest_(Digest(token)) {}

grpc::Status RemitAdminService::Authorize(
    const grpc::CallbackServerContext& context) const {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "authorization: missing; send the metadata "
                        "'authorization: Bearer <token>'");
  }
  const absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kBearer = "Bearer ";
  if (!absl::StartsWith(value, kBearer)) {
    return grpc::Status(grpc::StatusCode::UNAUTHENTICATED,
                        "authorization: expected 'Bearer <token>'");
  }
  const std::string given = Digest(value.substr(kBearer.size()));
  if (CRYPTO_memcmp(given.data(), token_digest_.data(), given.size()) != 0) {
    return grpc::Status(grpc::StatusCode::PERMISSION_DENIED,
                        "authorization: the token is not valid");
  }
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* RemitAdminService::ReloadDataset(
    grpc::CallbackServerContext* context,
    const v1::ReloadDatasetRequest* request,
    v1::ReloadDatasetResponse* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  grpc::Status status = Authorize(*context);
  reactor->Finish(status.ok() ? Reload(response) : status);
  return reactor;
}

grpc::Status RemitAdminService::Reload(v1::ReloadDatasetResponse* response) {
  std::vector<DatasetError> errors;
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot = reload_(&errors);
  response->set_reloaded(snapshot.ok());
  if (!snapshot.ok()) {
    if (errors.empty()) {
      response->add_errors(std::string(snapshot.status().message()));
    }
    for (const DatasetError& e : errors) response->add_errors(e.ToString());
  }
  std::shared_ptr<const Snapshot> current = store_->Get();
  if (current != nullptr) response->set_dataset_version(current->version());
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* RemitAdminService::GetDatasetInfo(
    grpc::CallbackServerContext* context,
    const v1::GetDatasetInfoRequest* request, v1::DatasetInfo* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  grpc::Status status = Authorize(*context);
  reactor->Finish(status.ok() ? Info(response) : status);
  return reactor;
}

grpc::Status RemitAdminService::Info(v1::DatasetInfo* response) const {
  std::shared_ptr<const Snapshot> current = store_->Get();
  if (current == nullptr) {
    return grpc::Status(grpc::StatusCode::FAILED_PRECONDITION,
                        "no dataset is loaded");
  }
  *response = DatasetInfoToProto(current->info());
  return grpc::Status::OK;
}

}  // namespace remit::service
