#include "service/server.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "grpc/grpc.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/impl/server_builder_option.h"
#include "grpcpp/impl/server_builder_plugin.h"
#include "grpcpp/resource_quota.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server_builder.h"
#include "service/convert.h"
#include "service/http/widget.h"

namespace remit::service {
namespace {

constexpr const char* kServices[] = {"remit.v1.RemitRank",
                                     "remit.v1.RemitAdmin"};

// A duration as gRPC's channel arguments take it, capped to an int.
int Millis(absl::Duration d) {
  const int64_t ms = absl::ToInt64Milliseconds(d);
  return static_cast<int>(std::min<int64_t>(ms, INT32_MAX));
}

void Log(const std::string& line) {
  std::fprintf(stderr, "remitrank: %s\n", line.c_str());
  std::fflush(stderr);
}

std::string Describe(const Snapshot& s) {
  std::string out =
      absl::StrFormat("dataset %s (%d quotes, %d providers, %d corridors)",
                      s.version().substr(0, 12), s.info().quote_count,
                      s.info().provider_count, s.info().corridor_count);
  for (const SnapshotInfo::SourceReport& r : s.info().import_reports) {
    absl::StrAppend(&out, "; ", r.source, ": ", r.report.Summary());
  }
  return out;
}

std::shared_ptr<grpc::ServerCredentials> Credentials(
    const ServerOptions& options) {
  if (options.tls_cert_pem.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions ssl(
      options.tls_client_ca_pem.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = options.tls_client_ca_pem;
  ssl.pem_key_cert_pairs.push_back({options.tls_key_pem, options.tls_cert_pem});
  return grpc::SslServerCredentials(ssl);
}

// Linking gRPC's reflection library registers its plugin in a static
// initializer, so reflection is on unless the plugin is taken out again.
class WithoutReflection final : public grpc::ServerBuilderOption {
 public:
  void UpdateArguments(grpc::ChannelArguments*) override {}
  void UpdatePlugins(std::vector<std::unique_ptr<grpc::ServerBuilderPlugin>>*
                         plugins) override {
    plugins->erase(
        std::remove_if(plugins->begin(), plugins->end(),
                       [](const std::unique_ptr<grpc::ServerBuilderPlugin>& p) {
                         return p->name() == "proto_server_reflection";
                       }),
        plugins->end());
  }
};

}  // namespace

RemitServer::RemitServer(const ServerOptions& options, const Clock* clock)
    : clock_(clock),
      admin_failures_log_(&system_clock_, absl::Seconds(1),
                          [](const std::string& line) { Log(line); }),
      on_listener_dead_(options.on_listener_dead),
      reloader_(options.data_paths, DatasetOptions{options.rpw_period, 100},
                clock, &store_),
      page_tokens_(PageTokens::RandomKey()),
      rank_service_(&store_, clock, &page_tokens_, options.indicators) {}

RemitServer::~RemitServer() {
  if (self_check_ != nullptr) self_check_->Stop();
  if (http_server_ != nullptr) http_server_->Shutdown(absl::ZeroDuration());
  if (server_ != nullptr) {
    server_->Shutdown(std::chrono::system_clock::now());
    server_->Wait();
  }
}

absl::StatusOr<std::unique_ptr<RemitServer>> RemitServer::Start(
    const ServerOptions& options, const Clock* clock) {
  if (options.data_paths.empty()) {
    return absl::InvalidArgumentError(
        "no dataset files given; pass --data=PATH (repeatable)");
  }
  if (options.tls_cert_pem.empty() != options.tls_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate and its key");
  }
  if (!options.tls_client_ca_pem.empty() && options.tls_cert_pem.empty()) {
    return absl::InvalidArgumentError(
        "a client CA (mTLS) needs the server's own certificate and key");
  }

  std::unique_ptr<RemitServer> server(new RemitServer(options, clock));
  const absl::Time start = clock->Now();
  std::vector<DatasetError> errors;
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot =
      server->reloader_.Reload(&errors);
  if (!snapshot.ok()) return snapshot.status();
  Log(absl::StrCat("loaded ", Describe(**snapshot), " in ",
                   absl::FormatDuration(clock->Now() - start)));
  if (std::string warning = StaleDataWarning((*snapshot)->book(), *clock);
      !warning.empty()) {
    Log(warning);
  }

  if (!options.admin_token.empty()) {
    if (absl::Status token = CheckAdminToken(options.admin_token);
        !token.ok()) {
      return token;
    }
    RemitServer* self = server.get();
    RemitAdminService::Failures failures;
    failures.delay = options.admin_failure_delay;
    failures.defer = [self](absl::Duration delay, std::function<void()> f) {
      self->delays_.After(delay, std::move(f));
    };
    failures.log = [self](const std::string& line) {
      self->admin_failures_log_.Log(line);
    };
    server->admin_service_ = std::make_unique<RemitAdminService>(
        [self](std::vector<DatasetError>* e) { return self->Reload(e); },
        &server->store_, options.admin_token, clock, std::move(failures));
  }

  grpc::EnableDefaultHealthCheckService(true);
  if (options.reflection)
    grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  if (!options.reflection) {
    builder.SetOption(std::make_unique<WithoutReflection>());
  }
  builder.AddListeningPort(options.listen, Credentials(options),
                           &server->port_);
  builder.RegisterService(&server->rank_service_);
  if (server->admin_service_ != nullptr) {
    builder.RegisterService(server->admin_service_.get());
  }
  builder.SetMaxReceiveMessageSize(options.max_receive_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS,
                             options.max_concurrent_streams);
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  // Keepalive enforcement: clients may not ping more often than every
  // 30 s without calls; two strikes and the connection goes.
  builder.AddChannelArgument(
      GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 30'000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 120'000);
  // Limits for untrusted clients.
  if (options.memory_quota_bytes > 0) {
    grpc::ResourceQuota quota("remitrank");
    quota.Resize(static_cast<size_t>(options.memory_quota_bytes));
    builder.SetResourceQuota(quota);
  }
  if (options.max_connection_idle > absl::ZeroDuration()) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_IDLE_MS,
                               Millis(options.max_connection_idle));
  }
  builder.AddChannelArgument(GRPC_ARG_SERVER_HANDSHAKE_TIMEOUT_MS,
                             Millis(options.handshake_timeout));
  // Connections end at their age, so that clients re-resolve.
  if (options.max_connection_age > absl::ZeroDuration()) {
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_MS,
                               Millis(options.max_connection_age));
    builder.AddChannelArgument(GRPC_ARG_MAX_CONNECTION_AGE_GRACE_MS,
                               Millis(options.max_connection_age_grace));
  }
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.listen,
                     " (in use, or not an address of this machine)"));
  }
  if (!options.http_listen.empty()) {
    absl::Status http = server->StartHttp(options);
    if (!http.ok()) return http;
  }
  grpc::HealthCheckServiceInterface* health =
      server->server_->GetHealthCheckService();
  health->SetServingStatus(kServices[0], true);
  if (server->admin_service_ != nullptr) {
    health->SetServingStatus(kServices[1], true);
  }
  const std::string probed = ProbeAddress(options.listen, server->port_);
  const bool tls = !options.tls_cert_pem.empty();
  const absl::Duration timeout = options.self_check.timeout;
  RemitServer* self = server.get();
  server->self_check_ = std::make_unique<ListenerSelfCheck>(
      options.self_check,
      [probed, tls, timeout] { return ProbeListener(probed, tls, timeout); },
      [self](const absl::Status& why) { self->OnListenerDead(why); });
  server->self_check_->Start();
  return server;
}

void RemitServer::OnListenerDead(const absl::Status& why) {
  server_->GetHealthCheckService()->SetServingStatus(false);
  if (http_api_ != nullptr) http_api_->SetServing(false);
  Log(absl::StrCat(why.message(), "; every service is NOT_SERVING"));
  if (on_listener_dead_) on_listener_dead_(why);
}

absl::Status RemitServer::StartHttp(const ServerOptions& options) {
  http_handler_ = std::make_unique<RemitRankHandler>(
      &store_, clock_, &page_tokens_, options.indicators);
  absl::StatusOr<std::unique_ptr<http::HttpApi>> api =
      http::HttpApi::Create(&store_, http_handler_.get(), {});
  if (!api.ok()) return api.status();
  http_api_ = *std::move(api);
  // The web widget, its pages and catalogs beside the API.
  if (absl::Status widget = http::AddWidgetRoutes(http_api_.get());
      !widget.ok()) {
    return widget;
  }
  http::HttpServerOptions http_options = options.http;
  http_options.listen = options.http_listen;
  // The same TLS as gRPC: HTTPS, and mTLS with a client CA.
  http_options.tls_cert_pem = options.tls_cert_pem;
  http_options.tls_key_pem = options.tls_key_pem;
  http_options.tls_client_ca_pem = options.tls_client_ca_pem;
  http::HttpApi* handler = http_api_.get();
  absl::StatusOr<std::unique_ptr<http::HttpServer>> http_server =
      http::HttpServer::Start(
          http_options,
          [handler](const http::HttpRequest& r) { return handler->Handle(r); });
  if (!http_server.ok()) return http_server.status();
  http_server_ = *std::move(http_server);
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<const Snapshot>> RemitServer::Reload(
    std::vector<DatasetError>* errors) {
  std::vector<DatasetError> local;
  if (errors == nullptr) errors = &local;
  const absl::Time start = clock_->Now();
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot =
      reloader_.Reload(errors);
  const std::string took = absl::FormatDuration(clock_->Now() - start);
  if (snapshot.ok()) {
    Log(absl::StrCat("reloaded ", Describe(**snapshot), " in ", took));
    if (std::string warning = StaleDataWarning((*snapshot)->book(), *clock_);
        !warning.empty()) {
      Log(warning);
    }
  } else {
    std::shared_ptr<const Snapshot> current = store_.Get();
    Log(absl::StrCat("reload refused after ", took, "; still serving ",
                     current ? current->version().substr(0, 12) : "nothing",
                     ": ", snapshot.status().message()));
  }
  return snapshot;
}

void RemitServer::StopServing() {
  if (server_ == nullptr) return;
  server_->GetHealthCheckService()->SetServingStatus(false);
  if (http_api_ != nullptr) http_api_->SetServing(false);
}

void RemitServer::Shutdown(absl::Duration grace) {
  if (server_ == nullptr) return;
  // A listener that stops accepting now is no news.
  if (self_check_ != nullptr) self_check_->Stop();
  // Health first, on both sides; then no new HTTP connections; then drain.
  StopServing();
  if (http_server_ != nullptr) http_server_->StopAccepting();
  Log(absl::StrCat("shutting down; calls in flight have ",
                   absl::FormatDuration(grace)));
  const absl::Time deadline = absl::Now() + grace;
  server_->Shutdown(absl::ToChronoTime(deadline));
  if (http_server_ != nullptr) {
    http_server_->Shutdown(
        std::max(absl::ZeroDuration(), deadline - absl::Now()));
  }
}

void RemitServer::Wait() {
  if (server_ != nullptr) server_->Wait();
}

}  // namespace remit::service
