// The one place that turns absl::Status into grpc::Status.
//
// The codes are the same numbers in both (both follow google.rpc.Code);
// the message is kept. Thread-safe: a pure function.
//
// Example:
//   return ToGrpcStatus(absl::InvalidArgumentError("page_size: -1 ..."));
#ifndef REMIT_SERVICE_STATUS_H_
#define REMIT_SERVICE_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace remit::service {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace remit::service

#endif  // REMIT_SERVICE_STATUS_H_
