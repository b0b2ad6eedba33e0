// RemitServer: the remitrank gRPC server, built from options.
//
// Loads the dataset files (all or nothing: a server never starts on bad
// data), registers RemitRank, RemitAdmin (only with an admin token of at
// least 32 characters), the standard health service (per-service status)
// and, when asked for, server reflection; then listens. Hardened: a small
// receive-message limit, a stream limit, keepalive enforcement, no
// SO_REUSEPORT (two servers cannot silently share a port), and, as far as
// gRPC 1.51 allows (docs/security.md says what it does not):
//   - a memory quota (grpc::ResourceQuota) for connections and calls;
//   - idle connections closed, and a short handshake timeout (a new
//     connection must finish TLS and send its HTTP/2 SETTINGS in time);
//   - the listener self-check (self_check.h): a new connection to itself
//     every interval; when the listener is dead, every service turns
//     NOT_SERVING and `on_listener_dead` is called (RunServer then exits
//     non-zero for a supervisor to restart the server);
//   - refused admin calls logged (at most a line a second) and answered
//     only after a delay, without holding a thread (remit_admin_service.h).
//
// With an HTTP address it also serves RemitRank over HTTP/JSON
// (service/http): the routes of the protos' google.api.http options, on
// their own threads, calling the same handlers in process; with the TLS
// options, over HTTPS (and mTLS) as gRPC is.
//
// Connections live at most max_connection_age (then a GOAWAY, and
// max_connection_age_grace for their calls to finish), so that clients
// balancing over replicas re-resolve and reach replicas added since.
//
// Reload() loads the same files again (SIGHUP, the admin RPC and the data
// watch use it). StopServing() sets every service NOT_SERVING (gRPC health
// for each service and the server, HTTP /healthz and /readyz) while calls
// are still served: clients that check health move away before the server
// stops (the drain delay of run_server.h). Shutdown() does the same, stops
// accepting HTTP connections, lets calls and requests in flight finish for
// up to the grace period, then stops.
//
// Thread-safety: Reload, StopServing, Shutdown and the accessors are
// thread-safe.
//
// Example:
//   ServerOptions options;
//   options.data_paths = {"testdata/sample_corridors.textproto"};
//   absl::StatusOr<std::unique_ptr<RemitServer>> server =
//       RemitServer::Start(options, &clock);
//   (*server)->Wait();
#ifndef REMIT_SERVICE_SERVER_H_
#define REMIT_SERVICE_SERVER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/indicators/indicators.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "grpcpp/server.h"
#include "service/delay_queue.h"
#include "service/http/api.h"
#include "service/http/http_server.h"
#include "service/page_token.h"
#include "service/rate_limited_log.h"
#include "service/remit_admin_service.h"
#include "service/remit_rank_service.h"
#include "service/self_check.h"

namespace remit::service {

struct ServerOptions {
  // host:port; port 0 picks a free one (see RemitServer::port()).
  // Default: 127.0.0.1:50051.
  std::string listen = "127.0.0.1:50051";
  // Dataset files, any supported format. Required.
  std::vector<std::string> data_paths;
  // For RPW files: the period to load. Default: the latest.
  std::string rpw_period;
  // Empty: the admin service is not registered.
  std::string admin_token;
  // PEM. With a certificate and key the server speaks TLS; with a client
  // CA too, it requires and verifies client certificates (mTLS).
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::string tls_client_ca_pem;
  // Server reflection (which lists every service, RemitAdmin too).
  // Default: off.
  bool reflection = false;
  // Largest request accepted. Default: 64 KiB.
  int max_receive_message_bytes = 64 * 1024;
  // Concurrent calls per connection. Default: 100.
  int max_concurrent_streams = 100;
  // The rules of corridor histories and RPW's indicators (which services
  // count, with which total). Default: IndicatorOptions' defaults.
  IndicatorOptions indicators;
  // host:port for HTTP/JSON; port 0 picks a free one (see http_port()).
  // Default: empty, no HTTP. Its limits and timeouts are in `http`
  // (whose `listen` is ignored).
  std::string http_listen;
  http::HttpServerOptions http;

  // Limits for untrusted clients (see the top of this file).
  // Memory gRPC may use for its connections and calls (read buffers,
  // messages); under pressure, gRPC 1.51's transport closes connections
  // without calls first, then cancels calls ("Buffers full"). 0: no cap.
  // Default: 256 MiB.
  int64_t memory_quota_bytes = int64_t{256} << 20;
  // A connection without a call for this long is closed (GOAWAY).
  // Zero: never. Default: 5 minutes.
  absl::Duration max_connection_idle = absl::Minutes(5);
  // How long a new connection has to finish its TLS handshake and send
  // its HTTP/2 SETTINGS. Default: 10 seconds (gRPC's own: 120).
  absl::Duration handshake_timeout = absl::Seconds(10);
  // The listener self-check: its interval (zero: off), its probes'
  // timeout, and how many failed probes in a row mean a dead listener.
  // Default: every 30 s, 5 s, 3.
  SelfCheckOptions self_check;
  // Called once, from the self-check's thread, when the listener is found
  // dead (every service is NOT_SERVING by then). Default: none.
  std::function<void(const absl::Status& why)> on_listener_dead;
  // How long a refused admin call waits for its answer. Default: 1 s.
  absl::Duration admin_failure_delay = absl::Seconds(1);
  // Connection lifetime (gRPC's GRPC_ARG_MAX_CONNECTION_AGE_MS, which
  // gRPC jitters by +-10 %, and GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS): a
  // connection older than max_connection_age gets a GOAWAY, and its calls
  // in flight max_connection_age_grace more. Clients then reconnect and
  // re-resolve, so a replica added since gets its share; behind a
  // Kubernetes Service, new pods get traffic within this age. Zero or
  // absl::InfiniteDuration(): no limit. Default: 5 minutes and 30 seconds.
  absl::Duration max_connection_age = absl::Minutes(5);
  absl::Duration max_connection_age_grace = absl::Seconds(30);
};

class RemitServer {
 public:
  // INVALID_ARGUMENT with every dataset error or for an admin token
  // shorter than kMinAdminTokenBytes, NOT_FOUND for a missing file,
  // UNAVAILABLE when the address cannot be bound. `clock` must outlive the
  // server.
  static absl::StatusOr<std::unique_ptr<RemitServer>> Start(
      const ServerOptions& options, const Clock* clock);

  ~RemitServer();

  // The port listened on (the chosen one when the options said 0).
  int port() const { return port_; }
  // The HTTP port; 0 without HTTP.
  int http_port() const {
    return http_server_ != nullptr ? http_server_->port() : 0;
  }
  std::shared_ptr<const Snapshot> snapshot() const { return store_.Get(); }

  // Loads the files again; on any error the current data keeps serving.
  // Logs one line either way.
  absl::StatusOr<std::shared_ptr<const Snapshot>> Reload(
      std::vector<DatasetError>* errors = nullptr);

  // Every service NOT_SERVING (gRPC health and HTTP /healthz, /readyz);
  // calls are still answered. Not undone.
  void StopServing();

  // StopServing(), then waits up to `grace` for calls in flight, then stops.
  void Shutdown(absl::Duration grace);

  // Blocks until the server has shut down.
  void Wait();

 private:
  RemitServer(const ServerOptions& options, const Clock* clock);
  absl::Status StartHttp(const ServerOptions& options);
  void OnListenerDead(const absl::Status& why);

  const Clock* clock_;
  // The failed admin calls' log and delays run on real time, whatever
  // `clock_` says; the queue outlives the server, which waits for the
  // calls it holds.
  SystemClock system_clock_;
  RateLimitedLog admin_failures_log_;
  DelayQueue delays_;
  std::function<void(const absl::Status&)> on_listener_dead_;
  SnapshotStore store_;
  DatasetReloader reloader_;
  PageTokens page_tokens_;
  RemitRankService rank_service_;
  std::unique_ptr<RemitAdminService> admin_service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
  // HTTP/JSON (when asked for); the server goes before what it calls.
  std::unique_ptr<RemitRankHandler> http_handler_;
  std::unique_ptr<http::HttpApi> http_api_;
  std::unique_ptr<http::HttpServer> http_server_;
  // Last: stopped first, before the server it probes.
  std::unique_ptr<ListenerSelfCheck> self_check_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_SERVER_H_
