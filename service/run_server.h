// RunServer: remitrank_server's life, from its options to its exit. Raises
// the soft limit on open files to the hard one (logged: "remitrank: open
// files: soft 1024 -> 1048576 (hard)"), reads the TLS and admin-token
// files, picks the clock, starts the RemitServer
// (server.h), writes the port file, prints "remitrank: serving on
// HOST:PORT" on stdout (and, with HTTP, the port to its own port file and
// "remitrank: HTTP on http://HOST:PORT/"), then waits for signals: SIGHUP
// reloads the data (as the admin RPC does); with watch_data, so does a
// change to the data files (DataWatch, data_watch.h). SIGTERM and SIGINT
// drain: the services turn NOT_SERVING (gRPC health, HTTP /healthz and
// /readyz; "remitrank: not serving; stopping in D" is logged) while calls
// are still answered for drain_delay, so that clients checking health and
// load balancers move away first; a second SIGTERM or SIGINT cuts the
// delay short. Then the server stops accepting, lets calls in flight
// finish for the shutdown grace, logs "remitrank: stopped" and returns OK.
// When the listener self-check finds the listener dead (server.h), it
// shuts down the same way, without the drain delay, and returns
// UNAVAILABLE saying so, for main to exit non-zero and a supervisor to
// restart the server. main() is left with the flags (main.cc).
//
// On Kubernetes: the pod's terminationGracePeriodSeconds must cover any
// preStop sleep + drain_delay + shutdown_grace; 5 s of drain delay covers
// clients' health watches (they see NOT_SERVING within milliseconds) and
// endpoint propagation to load balancers that poll readiness.
//
// Errors name the server's flag and its value ("--tls_cert=cert.pem: No
// such file or directory"): NOT_FOUND for a file that cannot be read or a
// data directory that cannot be watched, INVALID_ARGUMENT for an empty or
// short admin token or a bad --clock_time,
// UNAVAILABLE for a port file that cannot be written, and RemitServer::
// Start's errors.
//
// Thread-safety: RunServer takes the signals SIGHUP, SIGTERM, SIGINT and
// SIGUSR1 (the self-check's alarm) for itself: it blocks them in the calling
// thread (the server's threads inherit the mask) and leaves them blocked, so
// that a second signal during shutdown is not fatal. Call it once, from the
// main thread, before any other thread starts. The helpers below are
// thread-compatible.
//
// Example:
//   RunOptions options;
//   options.server.data_paths = {"testdata/sample_corridors.textproto"};
//   options.port_file = "/tmp/port";
//   absl::Status status = RunServer(options);  // Until SIGTERM.
#ifndef REMIT_SERVICE_RUN_SERVER_H_
#define REMIT_SERVICE_RUN_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "engine/time/clock.h"
#include "service/server.h"

namespace remit::service {

struct RunOptions {
  // The server's options. Its PEM fields and admin token are filled from
  // the files below when those are given.
  ServerOptions server;
  // Files holding the server certificate, its key and the client CA (PEM)
  // for TLS and mTLS. Default: empty, none.
  std::string tls_cert_path;
  std::string tls_key_path;
  std::string tls_client_ca_path;
  // File holding the admin token (surrounding whitespace is dropped; the
  // file must not be empty). Default: empty, no admin service.
  std::string admin_token_path;
  // File to write the port listened on to. Default: empty, none.
  std::string port_file;
  // The same for the HTTP port (with server.http_listen). Default: none.
  std::string http_port_file;
  // RFC 3339 time to pin the clock to. Default: empty, the system clock.
  std::string clock_time;
  // How long calls in flight may finish after SIGTERM or SIGINT (and the
  // drain delay). Default: 5 seconds.
  absl::Duration shutdown_grace = absl::Seconds(5);
  // After SIGTERM or SIGINT, how long the server answers calls while
  // NOT_SERVING before it stops accepting. Default: zero, stop at once
  // (local use); the Kubernetes manifests set 5 seconds.
  absl::Duration drain_delay = absl::ZeroDuration();
  // Reload when a data file, or the `..data` link of a Kubernetes volume,
  // changes in the files' directories, once `watch_debounce` has passed
  // without another change. Default: off; 1 second.
  bool watch_data = false;
  absl::Duration watch_debounce = absl::Seconds(1);
};

// Serves until SIGTERM or SIGINT, then returns OK; an error when the server
// cannot start, or UNAVAILABLE when its listener died.
absl::Status RunServer(const RunOptions& options);

// The steps of RunServer, each on its own.

// The whole file at `path`, or NOT_FOUND "--<flag>=<path>: <reason>".
absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag,
                                         const std::string& path);

// options.server with the TLS PEMs and the admin token read from their
// files. The token loses surrounding whitespace; an empty one, or one
// shorter than kMinAdminTokenBytes (32), is INVALID_ARGUMENT naming
// --admin_token_file.
absl::StatusOr<ServerOptions> ServerOptionsWithFiles(const RunOptions& options);

// Writes "<port>\n" to `path` through a temporary file renamed into place,
// so that a reader never sees a partial line. UNAVAILABLE naming
// --<flag> on failure.
absl::Status WritePortFile(const std::string& path, int port,
                           absl::string_view flag = "port_file");

// Raises this process's soft limit on open files (RLIMIT_NOFILE) to its
// hard limit: a connection flood then meets the hard limit, not the usual
// soft 1024. The line to log: "open files: soft 1024 -> 1048576 (hard)",
// "open files: soft 1048576 = hard", or, when it cannot be raised,
// "open files: soft 1024, hard 4096; not raised: <reason>".
std::string RaiseOpenFileLimit();

// INVALID_ARGUMENT naming the flag of the first negative duration
// ("--drain_delay=-1s: must not be negative").
absl::Status CheckDurations(const RunOptions& options);

// The system clock for an empty `clock_time`, else a clock pinned to it
// (RFC 3339); INVALID_ARGUMENT naming --clock_time when it does not parse.
absl::StatusOr<std::unique_ptr<Clock>> ClockFor(absl::string_view clock_time);

}  // namespace remit::service

#endif  // REMIT_SERVICE_RUN_SERVER_H_
