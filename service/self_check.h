// The listener self-check: whether the server still accepts new
// connections, seen from outside.
//
// A gRPC server whose accept() once failed for want of file descriptors
// ("Failed accept4: Too many open files", gRPC 1.51) never listens again:
// its connections keep working and its health service still says SERVING,
// but no new client can connect. Only a new connection shows it.
// ProbeListener opens one, as a client would, and ListenerSelfCheck does so
// periodically: after `failures` failed probes in a row it calls its
// `on_dead` function (the server then turns NOT_SERVING and exits non-zero,
// so that its supervisor restarts it).
//
// A probe connects to the listening address (a wildcard host is probed on
// loopback), sends the start of a client's handshake (the HTTP/2 client
// preface and an empty SETTINGS frame; over TLS, a ClientHello) and waits
// for the server to answer anything or to close the connection. A dead
// listener does neither: the kernel completes the TCP handshake into the
// listen backlog, but nobody reads.
//
// Thread-safety: ProbeListener is thread-safe. ListenerSelfCheck's Start
// and Stop are called by its owner, from one thread other than the check's
// own (on_dead runs on the check's thread).
//
// Example:
//   ListenerSelfCheck check(
//       {absl::Seconds(30), absl::Seconds(5), 3},
//       [] {
//         return ProbeListener("127.0.0.1:50051", false, absl::Seconds(5));
//       },
//       [](const absl::Status& why) { /* NOT_SERVING, exit */ });
//   check.Start();
#ifndef REMIT_SERVICE_SELF_CHECK_H_
#define REMIT_SERVICE_SELF_CHECK_H_

#include <functional>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"

namespace remit::service {

struct SelfCheckOptions {
  // How often to probe; zero: never (Start does nothing).
  absl::Duration interval = absl::Seconds(30);
  // How long a probe waits for an answer.
  absl::Duration timeout = absl::Seconds(5);
  // Failed probes in a row after which the listener counts as dead.
  int failures = 3;
};

// Opens a new connection to `address` ("host:port", "[v6]:port" or
// "unix:PATH"), starts a handshake (TLS when `tls`) and waits up to
// `timeout` for any answer. OK when the server answers or closes the
// connection; UNAVAILABLE saying what failed otherwise.
absl::Status ProbeListener(const std::string& address, bool tls,
                           absl::Duration timeout);

// The address to probe for a server that listens on `listen` (its
// --listen) and got port `port`: 0.0.0.0 and an empty host become
// 127.0.0.1, [::] becomes [::1]; unix: addresses stay as they are.
std::string ProbeAddress(absl::string_view listen, int port);

class ListenerSelfCheck {
 public:
  using Probe = std::function<absl::Status()>;
  using OnDead = std::function<void(const absl::Status& why)>;

  ListenerSelfCheck(SelfCheckOptions options, Probe probe, OnDead on_dead);
  // Stops the check.
  ~ListenerSelfCheck();
  ListenerSelfCheck(const ListenerSelfCheck&) = delete;
  ListenerSelfCheck& operator=(const ListenerSelfCheck&) = delete;

  // Probes every `interval` on a thread of its own, until Stop() or until
  // the listener is found dead.
  void Start();
  // Ends the thread (a probe under way finishes first); idempotent.
  void Stop();

  // One probe, counted: true while the listener counts as alive. The
  // `failures`-th failure in a row calls on_dead once, with UNAVAILABLE
  // "the listener accepts no new connection: 3 probes in a row failed
  // (the last: ...)", and returns false.
  bool CheckOnce();

 private:
  const SelfCheckOptions options_;
  const Probe probe_;
  const OnDead on_dead_;
  // Touched by the checking thread only.
  int failed_in_a_row_ = 0;
  bool dead_ = false;
  absl::Notification stop_;
  std::thread thread_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_SELF_CHECK_H_
