// RemitAdminService: the remit.v1.RemitAdmin gRPC service (reload the
// dataset, describe what is loaded), for the server's operators. A thin
// adapter over RemitAdminHandler (remit_admin_handler.h): it checks the
// caller, runs the handler and turns its absl::Status into the call's
// grpc::Status, once, through ToGrpcStatus.
//
// Every call needs the metadata "authorization: Bearer <token>" with the
// server's admin token: none is UNAUTHENTICATED, a wrong one
// PERMISSION_DENIED. Tokens are compared in constant time (as SHA-256
// digests, so their lengths do not leak either).
//
// Thread-safety: thread-safe. The store must outlive it.
//
// Example:
//   RemitAdminService admin(reload, &store, token);
//   builder.RegisterService(&admin);
#ifndef REMIT_SERVICE_REMIT_ADMIN_SERVICE_H_
#define REMIT_SERVICE_REMIT_ADMIN_SERVICE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "grpcpp/support/server_callback.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/remit_admin_handler.h"

namespace remit::service {

class RemitAdminService final : public v1::RemitAdmin::CallbackService {
 public:
  // `reload` reloads the data and reports the outcome (the server's
  // RemitServer::Reload, which also logs it).
  using ReloadFunction = RemitAdminHandler::ReloadFunction;

  RemitAdminService(ReloadFunction reload, const SnapshotStore* store,
                    absl::string_view token, const Clock* clock = nullptr);

  grpc::ServerUnaryReactor* ReloadDataset(
      grpc::CallbackServerContext* context,
      const v1::ReloadDatasetRequest* request,
      v1::ReloadDatasetResponse* response) override;
  grpc::ServerUnaryReactor* GetDatasetInfo(
      grpc::CallbackServerContext* context,
      const v1::GetDatasetInfoRequest* request,
      v1::DatasetInfo* response) override;

 private:
  absl::Status Authorize(const grpc::CallbackServerContext& context) const;

  RemitAdminHandler handler_;
  std::string token_digest_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_ADMIN_SERVICE_H_
