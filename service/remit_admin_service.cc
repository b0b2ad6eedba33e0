#include "service/remit_admin_service.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
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

absl::Status CheckAdminToken(absl::string_view token) {
  if (token.size() >= kMinAdminTokenBytes) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(
      "the admin token has ", token.size(), " characters; it needs at least ",
      kMinAdminTokenBytes, " (e.g. openssl rand -hex 32)"));
}

RemitAdminService::RemitAdminService(ReloadFunction reload,
                                     const SnapshotStore* store,
                                     absl::string_view token,
                                     const Clock* clock, Failures failures)
    : handler_(std::move(reload), store, clock),
      token_digest_(Digest(token)),
      failures_(std::move(failures)) {
  // Request bytes that are not a valid message are refused as
  // INVALID_ARGUMENT (ParseCheckedUnaryHandler), before any token check.
  const auto* file = v1::ReloadDatasetRequest::descriptor()->file();
  const std::string name = v1::RemitAdmin::service_full_name();
  MarkMethodCallback(MethodIndex(file, name, "ReloadDataset"),
                     new ParseCheckedUnaryHandler<v1::ReloadDatasetRequest,
                                                  v1::ReloadDatasetResponse>(
                         [this](grpc::CallbackServerContext* context,
                                const v1::ReloadDatasetRequest* request,
                                v1::ReloadDatasetResponse* response) {
                           return ReloadDataset(context, request, response);
                         },
                         /*allocator=*/nullptr));
  MarkMethodCallback(
      MethodIndex(file, name, "GetDatasetInfo"),
      new ParseCheckedUnaryHandler<v1::GetDatasetInfoRequest, v1::DatasetInfo>(
          [this](grpc::CallbackServerContext* context,
                 const v1::GetDatasetInfoRequest* request,
                 v1::DatasetInfo* response) {
            return GetDatasetInfo(context, request, response);
          },
          /*allocator=*/nullptr));
}

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

template <typename Handle>
grpc::ServerUnaryReactor* RemitAdminService::Respond(
    grpc::CallbackServerContext* context, const char* method, Handle handle) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  const absl::Status authorized = Authorize(*context);
  if (authorized.ok()) {
    reactor->Finish(ToGrpcStatus(handle()));
    return reactor;
  }
  if (failures_.log) {
    failures_.log(absl::StrCat("admin: refused ", method, " from ",
                               context->peer(), ": ",
                               absl::StatusCodeToString(authorized.code()),
                               " (", authorized.message(), ")"));
  }
  grpc::Status refused = ToGrpcStatus(authorized);
  if (failures_.defer) {
    failures_.defer(failures_.delay, [reactor, refused = std::move(refused)] {
      reactor->Finish(refused);
    });
  } else {
    reactor->Finish(refused);
  }
  return reactor;
}

grpc::ServerUnaryReactor* RemitAdminService::ReloadDataset(
    grpc::CallbackServerContext* context,
    const v1::ReloadDatasetRequest* request,
    v1::ReloadDatasetResponse* response) {
  return Respond(context, "ReloadDataset",
                 [&] { return handler_.ReloadDataset(*request, response); });
}

grpc::ServerUnaryReactor* RemitAdminService::GetDatasetInfo(
    grpc::CallbackServerContext* context,
    const v1::GetDatasetInfoRequest* request, v1::DatasetInfo* response) {
  return Respond(context, "GetDatasetInfo",
                 [&] { return handler_.GetDatasetInfo(*request, response); });
}

}  // namespace remit::service
