// ServerProcess: the real remitrank_server binary, started for a test as a
// user would start it, on a free loopback port.
//
// Start() runs service/remitrank_server (from the test's runfiles) with
// --listen=127.0.0.1:0 and the given flags, and returns once the server
// has printed its "serving on" line. Its log (stderr) is read line by line
// on demand, so tests wait for events ("reloaded ...") instead of
// sleeping. The destructor kills a server still running.
//
// Thread-safety: one test thread drives it.
#ifndef REMIT_TESTS_SERVER_PROCESS_H_
#define REMIT_TESTS_SERVER_PROCESS_H_

#include <sys/types.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/testing/test_util.h"  // ReadFile, kSampleCorridors.

namespace remit::testing {

class ServerProcess {
 public:
  // FAILED_PRECONDITION with the server's log when it exits before serving.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(
      const std::vector<std::string>& flags);

  ~ServerProcess();

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  // "127.0.0.1:<port>".
  std::string address() const;

  void Signal(int signal);
  // Reads the log until a line containing `text`; false if the log ends
  // first, or `timeout` passes.
  bool WaitForLog(absl::string_view text,
                  absl::Duration timeout = absl::InfiniteDuration());
  // Waits for the process to end; its exit code (128 + signal if killed).
  int Wait();
  // Everything read from the log so far.
  const std::string& log() const { return log_; }

 private:
  ServerProcess() = default;

  pid_t pid_ = -1;
  // One whole line of the log (without its newline) into `line`; false
  // at its end or after `timeout`.
  bool ReadLogLine(absl::Duration timeout, std::string* line);

  FILE* stdout_ = nullptr;
  int stderr_fd_ = -1;
  std::string unread_;  // Read from stderr_fd_, not yet a whole line.
  int port_ = 0;
  std::string log_;
};

// What a finished command printed, and its exit code.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `binary` (a runfiles path, e.g. "cli/remitrank") with `args` to the
// end.
CommandResult RunCommand(const std::string& binary,
                         const std::vector<std::string>& args);

// The path of a file in TEST_TMPDIR.
std::string TempPath(absl::string_view name);
// Writes `content` to `path`, replacing it.
void WriteFile(const std::string& path, absl::string_view content);
// A blocking TCP connection to 127.0.0.1:`port`, as a descriptor the
// caller closes; -1 when it is refused.
int ConnectToLoopback(int port);

}  // namespace remit::testing

#endif  // REMIT_TESTS_SERVER_PROCESS_H_
