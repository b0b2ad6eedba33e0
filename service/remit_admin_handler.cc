#include "service/remit_admin_handler.h"

#include <string>

#include "service/convert.h"

namespace remit::service {

absl::Status RemitAdminHandler::ReloadDataset(
    const v1::ReloadDatasetRequest& /*request*/,
    v1::ReloadDatasetResponse* response) const {
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
  return absl::OkStatus();
}

absl::Status RemitAdminHandler::GetDatasetInfo(
    const v1::GetDatasetInfoRequest& /*request*/,
    v1::DatasetInfo* response) const {
  std::shared_ptr<const Snapshot> current = store_->Get();
  if (current == nullptr) {
    return absl::FailedPreconditionError("no dataset is loaded");
  }
  const SystemClock system_clock;
  *response = DatasetInfoToProto(
      *current,
      clock_ != nullptr ? *clock_ : static_cast<const Clock&>(system_clock));
  return absl::OkStatus();
}

}  // namespace remit::service
