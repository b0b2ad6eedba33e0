// RemitServer: the remitrank gRPC server, built from options.
//
// Loads the dataset files (all or nothing: a server never starts on bad
// data), registers RemitRank, RemitAdmin (only with an admin token), the
// standard health service (per-service status) and, unless turned off,
// server reflection; then listens. Hardened: a small receive-message limit,
// a stream limit, keepalive enforcement, and no SO_REUSEPORT (two servers
// cannot silently share a port).
//
// With an HTTP address it also serves RemitRank over HTTP/JSON
// (service/http): the routes of the protos' google.api.http options, on
// their own threads, calling the same handlers in process; with the TLS
// options, over HTTPS (and mTLS) as gRPC is.
//
// Reload() loads the same files again (SIGHUP and the admin RPC use it);
// Shutdown() sets every service NOT_SERVING (gRPC health and HTTP
// /healthz), stops accepting HTTP connections, lets calls and requests in
// flight finish for up to the grace period, then stops.
//
// Thread-safety: Reload, Shutdown and the accessors are thread-safe.
//
// Example:
//   ServerOptions options;
//   options.data_paths = {"testdata/sample_corridors.textproto"};
//   absl::StatusOr<std::unique_ptr<RemitServer>> server =
//       RemitServer::Start(options, &clock);
//   (*server)->Wait();
#ifndef REMIT_SERVICE_SERVER_H_
#define REMIT_SERVICE_SERVER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/indicators/indicators.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "grpcpp/server.h"
#include "service/http/api.h"
#include "service/http/http_server.h"
#include "service/page_token.h"
#include "service/remit_admin_service.h"
#include "service/remit_rank_service.h"

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
  // Server reflection. Default: on.
  bool reflection = true;
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
};

class RemitServer {
 public:
  // INVALID_ARGUMENT with every dataset error, NOT_FOUND for a missing
  // file, UNAVAILABLE when the address cannot be bound. `clock` must
  // outlive the server.
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

  // NOT_SERVING, then waits up to `grace` for calls in flight, then stops.
  void Shutdown(absl::Duration grace);

  // Blocks until the server has shut down.
  void Wait();

 private:
  RemitServer(const ServerOptions& options, const Clock* clock);
  absl::Status StartHttp(const ServerOptions& options);

  const Clock* clock_;
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
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_SERVER_H_
