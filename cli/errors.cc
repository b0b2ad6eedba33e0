#include "cli/errors.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/types/optional.h"

namespace remit::cli {

absl::Status UsageError(absl::string_view message) {
  return ArgumentsError("", message);
}

absl::Status ArgumentsError(absl::string_view command,
                            absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(message);
  status.SetPayload(kUsagePayload, absl::Cord(command));
  return status;
}

bool IsUsageError(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument &&
         status.GetPayload(kUsagePayload).has_value();
}

int ExitCode(const absl::Status& status) {
  if (status.ok()) return kExitOk;
  return IsUsageError(status) ? kExitUsageError : kExitRuntimeError;
}

int Finish(const absl::Status& status, std::ostream& err) {
  if (status.ok()) return kExitOk;
  std::string command;
  if (absl::optional<absl::Cord> payload = status.GetPayload(kUsagePayload);
      payload.has_value() && IsUsageError(status)) {
    command = std::string(*payload);
  }
  if (command.empty()) {
    err << "remitrank: " << status.message() << "\n";
  } else {
    err << "remitrank " << command << ": " << status.message()
        << "\n(see 'remitrank " << command << " --help')\n";
  }
  return ExitCode(status);
}

}  // namespace remit::cli
