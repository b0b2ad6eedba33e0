// RemitAdminService: the remit.v1.RemitAdmin gRPC service (reload the
// dataset, describe what is loaded), for the server's operators. A thin
// adapter over RemitAdminHandler (remit_admin_handler.h): it checks the
// caller, runs the handler and turns its absl::Status into the call's
// grpc::Status, once, through ToGrpcStatus.
//
// Every call needs the metadata "authorization: Bearer <token>" with the
// server's admin token: none is UNAUTHENTICATED, a wrong one
// PERMISSION_DENIED. Tokens are compared in constant time (as SHA-256
// digests, so their lengths do not leak either), and a token must have at
// least kMinAdminTokenBytes characters (CheckAdminToken).
//
// A refused call is logged (the method, the peer and why; never the token
// given) through `failures.log`, and answered only after `failures.delay`,
// through `failures.defer`, which holds no gRPC thread meanwhile: guessing
// tokens is slow, and other calls are served as usual. Request bytes that
// are not a valid message are answered INVALID_ARGUMENT saying so
// (ParseCheckedUnaryHandler).
//
// Thread-safety: thread-safe. The store must outlive it.
//
// Example:
//   DelayQueue delays;
//   RemitAdminService::Failures failures;
//   failures.defer = [&](absl::Duration d, std::function<void()> f) {
//     delays.After(d, std::move(f));
//   };
//   RemitAdminService admin(reload, &store, token, &clock, failures);
//   builder.RegisterService(&admin);
#ifndef REMIT_SERVICE_REMIT_ADMIN_SERVICE_H_
#define REMIT_SERVICE_REMIT_ADMIN_SERVICE_H_

#include <cstddef>
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "grpcpp/support/server_callback.h"
#include "proto/remit/v1/remit_service.grpc.pb.h"
#include "service/arena_messages.h"
#include "service/remit_admin_handler.h"

namespace remit::service {

// The fewest characters an admin token may have.
inline constexpr size_t kMinAdminTokenBytes = 32;

// INVALID_ARGUMENT "the admin token has 12 characters; it needs at least
// 32 (e.g. openssl rand -hex 32)" for a token shorter than
// kMinAdminTokenBytes.
absl::Status CheckAdminToken(absl::string_view token);

// What RemitAdminService does with calls refused for their token.
struct AdminFailures {
  // How long before the refusal is answered.
  absl::Duration delay = absl::Seconds(1);
  // Runs a function once a delay has passed, without blocking the caller
  // (the server's DelayQueue). Null: refusals are answered at once.
  std::function<void(absl::Duration, std::function<void()>)> defer;
  // Takes one line per refused call (the server's rate-limited log).
  // Null: not logged.
  std::function<void(const std::string&)> log;
};

class RemitAdminService final : public v1::RemitAdmin::CallbackService {
 public:
  // `reload` reloads the data and reports the outcome (the server's
  // RemitServer::Reload, which also logs it).
  using ReloadFunction = RemitAdminHandler::ReloadFunction;

  // What happens to calls refused for their token.
  using Failures = AdminFailures;

  // `token` is not checked here: see CheckAdminToken.
  RemitAdminService(ReloadFunction reload, const SnapshotStore* store,
                    absl::string_view token, const Clock* clock = nullptr,
                    Failures failures = {});

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
  // Authorizes the call, runs `handle` if allowed, and finishes it: at
  // once, or after the failure delay for a refused call.
  template <typename Handle>
  grpc::ServerUnaryReactor* Respond(grpc::CallbackServerContext* context,
                                    const char* method, Handle handle);

  RemitAdminHandler handler_;
  std::string token_digest_;
  Failures failures_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_ADMIN_SERVICE_H_
