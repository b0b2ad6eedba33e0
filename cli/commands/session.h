// What the data-reading commands (rank, corridors, summary, sheet) share:
// their common options (--data, --server, --as-of, --format, ...), opening
// the backend those options name, and putting the backend's errors in
// terms of the options the user typed.
//
// Thread-safety: OpenSession() and the functions are safe to call from any
// thread; a Session is used by one command at a time.
//
// Example:
//   absl::StatusOr<Session> session = OpenSession(args, io.default_data);
//   if (!session.ok()) return session.status();
//   absl::Status status = session->backend->RankOffers(request, &response);
//   if (!status.ok()) return BackendError(status);
#ifndef REMIT_CLI_COMMANDS_SESSION_H_
#define REMIT_CLI_COMMANDS_SESSION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "cli/args.h"
#include "cli/backend.h"
#include "cli/commands/command.h"
#include "cli/output.h"
#include "engine/time/clock.h"

namespace remit::cli {

// The options every data-reading command takes, "--help" included.
const std::vector<OptionSpec>& DataOptions();
// `specs` followed by DataOptions(), --format's help listing `formats`
// (the command's, the first its default). No --format when `formats` is
// empty: the command writes one format only.
std::vector<OptionSpec> WithDataOptions(
    std::vector<OptionSpec> specs,
    absl::Span<const Format> formats = kTextFormats);

struct Session {
  // The clock a local backend judges stale quotes by (--as-of, or the
  // system's); null for a remote backend. Declared before the backend,
  // which holds a pointer to it.
  std::unique_ptr<Clock> clock;
  std::unique_ptr<Backend> backend;
  Format format = Format::kTable;  // --format
};

// Opens the backend the options name: --server (a RemoteBackend), else the
// --data files, else `default_data` (a LocalBackend over them). Usage
// errors for a --format not in `formats`, a bad --deadline or --as-of, or
// --server given with --data or --as-of; runtime errors when there is no
// data, a file cannot be read or the data is invalid.
absl::StatusOr<Session> OpenSession(
    const Args& args, const std::vector<std::string>& default_data,
    absl::Span<const Format> formats = kTextFormats);

// A usage error for the first positional argument, if any: the data
// commands take options only.
absl::Status NoPositionalArguments(const Args& args);

// Writes a command's answer to the file --output names (saying so on
// io.err), else to io.out. FAILED_PRECONDITION naming the file when it
// cannot be written.
absl::Status WriteAnswer(const Args& args, const CommandIo& io,
                         const std::string& text);

// An error from the backend, for the user: field names become the options
// they came from (corridor.send_country -> --from); INVALID_ARGUMENT (the
// request was wrong, so the options were) becomes a usage error; when the
// server did not answer (UNAVAILABLE, DEADLINE_EXCEEDED) the message says
// so. Other codes stay as they are.
absl::Status BackendError(const absl::Status& status);

}  // namespace remit::cli

#endif  // REMIT_CLI_COMMANDS_SESSION_H_
