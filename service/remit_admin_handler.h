// RemitAdminHandler: the remit.v1.RemitAdmin operations (ReloadDataset,
// GetDatasetInfo) without gRPC: request message in, response message out,
// and an absl::Status. It does not check who calls: the gRPC service
// (remit_admin_service.h) checks the caller's admin token first.
//
// Thread-safety: thread-safe if the reload function is. The store must
// outlive it.
//
// Example:
//   RemitAdminHandler admin(
//       [&](std::vector<DatasetError>* e) { return reloader.Reload(e); },
//       &store);
//   v1::DatasetInfo info;
//   absl::Status status = admin.GetDatasetInfo({}, &info);
#ifndef REMIT_SERVICE_REMIT_ADMIN_HANDLER_H_
#define REMIT_SERVICE_REMIT_ADMIN_HANDLER_H_

#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "proto/remit/v1/remit_service.pb.h"

namespace remit::service {

class RemitAdminHandler {
 public:
  // Reloads the data and reports the outcome, with every dataset error in
  // `errors` (the server's RemitServer::Reload, which also logs it).
  using ReloadFunction =
      std::function<absl::StatusOr<std::shared_ptr<const Snapshot>>(
          std::vector<DatasetError>* errors)>;

  // `clock` judges the corridors' freshness in GetDatasetInfo; null: the
  // system clock.
  RemitAdminHandler(ReloadFunction reload, const SnapshotStore* store,
                    const Clock* clock = nullptr)
      : reload_(std::move(reload)), store_(store), clock_(clock) {}

  // Always OK: a refused reload is an answer (reloaded false, with its
  // errors), and the current data keeps serving.
  absl::Status ReloadDataset(const v1::ReloadDatasetRequest& request,
                             v1::ReloadDatasetResponse* response) const;

  // FAILED_PRECONDITION when no dataset is loaded.
  absl::Status GetDatasetInfo(const v1::GetDatasetInfoRequest& request,
                              v1::DatasetInfo* response) const;

 private:
  ReloadFunction reload_;
  const SnapshotStore* store_;
  const Clock* clock_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_REMIT_ADMIN_HANDLER_H_
