// remitrank_server: serves the remit.v1 API over the given dataset files.
//
//   remitrank_server --data=testdata/sample_corridors.textproto
//       --listen=127.0.0.1:50051           (one command line)
//
// Prints "remitrank: serving on HOST:PORT" on stdout once ready (with the
// chosen port when --listen ends in :0) and writes the port to
// --port_file when given. --http_listen=HOST:PORT serves the same API over
// HTTP/JSON too ("remitrank: HTTP on http://HOST:PORT/", --http_port_file).
// SIGHUP reloads the data (as the admin RPC does), and so does a change to
// the files with --watch_data. SIGTERM and SIGINT turn health NOT_SERVING,
// keep answering for --drain_delay, then drain calls in flight for
// --shutdown_grace and exit 0. Connections are recycled every
// --max_connection_age so that clients spread over new replicas. Any error
// that stops it from serving: a line on stderr and exit 1; so does a
// listener that no longer accepts connections (--self_check_interval).
// Reflection is off unless --reflection is given.
//
// This file holds the flags; RunServer (run_server.h) does the rest.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "engine/indicators/indicators.h"
#include "engine/money/country.h"
#include "service/http/http_server.h"
#include "service/run_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to listen on; port 0 picks a free port");
ABSL_FLAG(std::vector<std::string>, data, {},
          "dataset file (.textproto, .txtpb, .json, .binpb, RPW .csv or "
          ".xlsx); "
          "repeat the flag or separate paths with commas");
ABSL_FLAG(std::string, rpw_period, "",
          "for RPW files, the period to load (e.g. 2025_3Q); default latest");
ABSL_FLAG(std::string, port_file, "",
          "if set, the port listened on is written to this file");
ABSL_FLAG(std::string, http_listen, "",
          "host:port to serve the API over HTTP/JSON on as well (port 0 "
          "picks a free port); default: no HTTP");
ABSL_FLAG(std::string, http_port_file, "",
          "if set, the HTTP port listened on is written to this file");

// HTTP limits (see service/http/http_server.h), checked by HttpLimits().
ABSL_FLAG(int64_t, http_max_header_bytes, 16 * 1024,
          "HTTP: largest request line and headers together, in bytes (431)");
ABSL_FLAG(int64_t, http_max_target_bytes, 8 * 1024,
          "HTTP: largest request target (path and query), in bytes (414)");
ABSL_FLAG(int64_t, http_max_body_bytes, 64 * 1024,
          "HTTP: largest request body, in bytes (413)");
ABSL_FLAG(absl::Duration, http_read_timeout, absl::Seconds(10),
          "HTTP: time to read a request from its first byte, and to write "
          "an answer (408)");
ABSL_FLAG(absl::Duration, http_idle_timeout, absl::Seconds(60),
          "HTTP: how long a keep-alive connection may wait for its next "
          "request");
ABSL_FLAG(int32_t, http_max_connections, 512,
          "HTTP: connections open at once; more are answered 503");

namespace {
// The HTTP limits from the --http_* flags; INVALID_ARGUMENT naming the flag
// and its value when one is not positive (or, for the header limit, above
// 32 bits).
absl::Status HttpLimits(remit::service::http::HttpServerOptions* http) {
  const std::pair<const char*, int64_t> sizes[] = {
      {"http_max_header_bytes", absl::GetFlag(FLAGS_http_max_header_bytes)},
      {"http_max_target_bytes", absl::GetFlag(FLAGS_http_max_target_bytes)},
      {"http_max_body_bytes", absl::GetFlag(FLAGS_http_max_body_bytes)},
      {"http_max_connections", absl::GetFlag(FLAGS_http_max_connections)}};
  for (const auto& [name, value] : sizes) {
    if (value <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", name, "=", value, ": must be at least 1"));
    }
  }
  // Beast's parser holds the header limit in 32 bits.
  if (const int64_t header = absl::GetFlag(FLAGS_http_max_header_bytes);
      header > std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--http_max_header_bytes=", header, ": must be at most ",
                     std::numeric_limits<uint32_t>::max()));
  }
  const std::pair<const char*, absl::Duration> times[] = {
      {"http_read_timeout", absl::GetFlag(FLAGS_http_read_timeout)},
      {"http_idle_timeout", absl::GetFlag(FLAGS_http_idle_timeout)}};
  for (const auto& [name, value] : times) {
    if (value <= absl::ZeroDuration()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--", name, "=", absl::FormatDuration(value), ": must be positive"));
    }
  }
  http->max_header_bytes = absl::GetFlag(FLAGS_http_max_header_bytes);
  http->max_target_bytes = absl::GetFlag(FLAGS_http_max_target_bytes);
  http->max_body_bytes = absl::GetFlag(FLAGS_http_max_body_bytes);
  http->read_timeout = absl::GetFlag(FLAGS_http_read_timeout);
  http->idle_timeout = absl::GetFlag(FLAGS_http_idle_timeout);
  http->max_connections = absl::GetFlag(FLAGS_http_max_connections);
  return absl::OkStatus();
}
}  // namespace
ABSL_FLAG(std::string, admin_token_file, "",
          "file holding the admin token; without it the admin service is "
          "not served");
ABSL_FLAG(std::string, tls_cert, "", "server certificate (PEM) for TLS");
ABSL_FLAG(std::string, tls_key, "", "server private key (PEM) for TLS");
ABSL_FLAG(std::string, tls_client_ca, "",
          "CA (PEM) that client certificates must chain to; turns on mTLS");
ABSL_FLAG(bool, reflection, false,
          "serve gRPC server reflection (it lists every service, RemitAdmin "
          "too); off by default, for local tools such as grpcurl");
ABSL_FLAG(int32_t, max_receive_message_bytes, 64 * 1024,
          "largest request accepted, in bytes");
ABSL_FLAG(int32_t, max_concurrent_streams, 100,
          "concurrent calls per client connection");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(5),
          "on SIGTERM/SIGINT, how long calls in flight may take to finish");
// Running as one of several replicas (Kubernetes): connection lifetime,
// drain on SIGTERM, data reloaded when its volume changes.
ABSL_FLAG(absl::Duration, max_connection_age, absl::Minutes(5),
          "a client connection older than this (+-10 % jitter) is asked to "
          "reconnect (GOAWAY), so clients re-resolve and spread over "
          "replicas added since; 0 or inf: never");
ABSL_FLAG(absl::Duration, max_connection_age_grace, absl::Seconds(30),
          "after --max_connection_age, how long the connection's calls in "
          "flight may take to finish");
ABSL_FLAG(absl::Duration, drain_delay, absl::ZeroDuration(),
          "on SIGTERM/SIGINT, how long to keep answering calls while health "
          "(gRPC and HTTP /healthz, /readyz) says NOT_SERVING, before "
          "stopping; 0 (the default, for local use): stop at once; on "
          "Kubernetes 5s; a second signal cuts it short");
ABSL_FLAG(bool, watch_data, false,
          "reload the data when a --data file, or the ..data link of a "
          "Kubernetes volume, changes in the files' directories (inotify); a "
          "reload that fails keeps the data being served, as SIGHUP does");
ABSL_FLAG(absl::Duration, watch_debounce, absl::Seconds(1),
          "with --watch_data, reload once the files have not changed for "
          "this long");

ABSL_FLAG(std::string, indicators_total, "published",
          "corridor histories and indicators: the total cost % each service "
          "counts with: 'published' (the survey's published figure where it "
          "gives one, else fee / amount x 100 + FX margin, as RPW's figures "
          "do) or 'computed' (always fee / amount x 100 + FX margin)");
ABSL_FLAG(bool, indicators_require_published_total, false,
          "corridor histories and indicators leave out services surveyed "
          "without a published total cost %");
ABSL_FLAG(bool, indicators_include_opaque, false,
          "corridor histories and indicators count services that do not "
          "disclose their exchange rate, at their fees alone (never for "
          "SmaRT); by default they are left out, as RPW does");
ABSL_FLAG(std::vector<std::string>, indicators_exclude_providers, {},
          "provider ids left out of corridor histories and indicators "
          "(comma-separated, e.g. rpw-western-union)");
ABSL_FLAG(std::vector<std::string>, indicators_exclude_sending_countries, {},
          "sending countries (ISO 3166-1 codes, comma-separated) whose "
          "services indicators leave out, as RPW does for some recent "
          "global figures");
// Limits for untrusted clients (see service/server.h).
ABSL_FLAG(int64_t, memory_quota, int64_t{256} << 20,
          "bytes of memory gRPC may use for connections and calls (a "
          "grpc::ResourceQuota); near it, gRPC closes connections without "
          "calls, then cancels calls; 0: no cap");
ABSL_FLAG(absl::Duration, max_connection_idle, absl::Minutes(5),
          "close a client connection without a call for this long "
          "(GOAWAY); 0: never");
ABSL_FLAG(absl::Duration, handshake_timeout, absl::Seconds(10),
          "how long a new connection has to finish its TLS handshake and "
          "send its HTTP/2 SETTINGS");
ABSL_FLAG(absl::Duration, self_check_interval, absl::Seconds(30),
          "how often the server opens a new connection to its own listener; "
          "after 3 failures in a row (each waiting at most 5s, or the "
          "interval if shorter) it turns NOT_SERVING and exits 1, for a "
          "supervisor to restart it; 0: no self-check");
ABSL_FLAG(std::string, clock_time, "",
          "pin the server's clock to this RFC 3339 time (what counts as "
          "stale is measured from it): reproducible answers and tests");

namespace {

// Every --data flag's paths: absl keeps only the last occurrence of a flag,
// so the repeated form is collected from argv.
std::vector<std::string> DataPaths(int argc, char** argv) {
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    absl::string_view arg = argv[i];
    std::string value;
    if (absl::ConsumePrefix(&arg, "--data=")) {
      value = std::string(arg);
    } else if (arg == "--data" && i + 1 < argc) {
      value = argv[++i];
    } else {
      continue;
    }
    for (absl::string_view p : absl::StrSplit(value, ',', absl::SkipEmpty())) {
      paths.emplace_back(p);
    }
  }
  return paths;
}

// The rules of histories and indicators, from the --indicators_* flags;
// INVALID_ARGUMENT naming the flag and the value.
absl::StatusOr<remit::IndicatorOptions> IndicatorOptionsFromFlags() {
  remit::IndicatorOptions options;
  const std::string total = absl::GetFlag(FLAGS_indicators_total);
  if (total == "computed") {
    options.total = remit::IndicatorOptions::Total::kComputed;
  } else if (total != "published") {
    return absl::InvalidArgumentError(absl::StrCat(
        "--indicators_total: '", total, "' is neither published nor computed"));
  }
  options.require_published_total =
      absl::GetFlag(FLAGS_indicators_require_published_total);
  options.include_opaque = absl::GetFlag(FLAGS_indicators_include_opaque);
  options.excluded_provider_ids =
      absl::GetFlag(FLAGS_indicators_exclude_providers);
  for (const std::string& code :
       absl::GetFlag(FLAGS_indicators_exclude_sending_countries)) {
    absl::StatusOr<remit::CountryCode> country =
        remit::CountryCode::FromString(code);
    if (!country.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--indicators_exclude_sending_countries: ",
                       country.status().message()));
    }
    options.excluded_sending_countries.push_back(*country);
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  // --help and --helpshort list the flags of the files absl takes for the
  // program's own (by default, those named like the binary): here, this
  // file, whose flags are the server's.
  absl::FlagsUsageConfig usage;
  const auto ours = [](absl::string_view file) {
    return absl::EndsWith(file, "service/main.cc");
  };
  usage.contains_help_flags = ours;
  usage.contains_helpshort_flags = ours;
  absl::SetFlagsUsageConfig(usage);
  absl::SetProgramUsageMessage(
      "serves the remitrank gRPC API over dataset files.\n"
      "  remitrank_server --data=FILE [--data=FILE...] [--listen=HOST:PORT]");
  const std::vector<std::string> data_paths = DataPaths(argc, argv);
  absl::ParseCommandLine(argc, argv);

  remit::service::RunOptions options;
  options.server.listen = absl::GetFlag(FLAGS_listen);
  options.server.data_paths = data_paths;
  options.server.rpw_period = absl::GetFlag(FLAGS_rpw_period);
  options.server.reflection = absl::GetFlag(FLAGS_reflection);
  options.server.max_receive_message_bytes =
      absl::GetFlag(FLAGS_max_receive_message_bytes);
  options.server.max_concurrent_streams =
      absl::GetFlag(FLAGS_max_concurrent_streams);
  options.tls_cert_path = absl::GetFlag(FLAGS_tls_cert);
  options.tls_key_path = absl::GetFlag(FLAGS_tls_key);
  options.tls_client_ca_path = absl::GetFlag(FLAGS_tls_client_ca);
  options.admin_token_path = absl::GetFlag(FLAGS_admin_token_file);
  options.port_file = absl::GetFlag(FLAGS_port_file);
  options.server.http_listen = absl::GetFlag(FLAGS_http_listen);
  options.http_port_file = absl::GetFlag(FLAGS_http_port_file);
  if (const absl::Status http = HttpLimits(&options.server.http); !http.ok()) {
    std::fprintf(stderr, "remitrank: %s\n",
                 std::string(http.message()).c_str());
    return 1;
  }
  options.clock_time = absl::GetFlag(FLAGS_clock_time);
  options.shutdown_grace = absl::GetFlag(FLAGS_shutdown_grace);
  options.server.memory_quota_bytes = absl::GetFlag(FLAGS_memory_quota);
  options.server.max_connection_idle = absl::GetFlag(FLAGS_max_connection_idle);
  options.server.handshake_timeout = absl::GetFlag(FLAGS_handshake_timeout);
  options.server.self_check.interval = absl::GetFlag(FLAGS_self_check_interval);
  options.server.self_check.timeout = std::min(
      options.server.self_check.timeout, options.server.self_check.interval);
  options.server.max_connection_age = absl::GetFlag(FLAGS_max_connection_age);
  options.server.max_connection_age_grace =
      absl::GetFlag(FLAGS_max_connection_age_grace);
  options.drain_delay = absl::GetFlag(FLAGS_drain_delay);
  options.watch_data = absl::GetFlag(FLAGS_watch_data);
  options.watch_debounce = absl::GetFlag(FLAGS_watch_debounce);
  absl::StatusOr<remit::IndicatorOptions> indicators =
      IndicatorOptionsFromFlags();
  if (!indicators.ok()) {
    std::fprintf(stderr, "remitrank: %s\n",
                 std::string(indicators.status().message()).c_str());
    return 1;
  }
  options.server.indicators = *std::move(indicators);

  const absl::Status status = remit::service::RunServer(options);
  if (!status.ok()) {
    std::fprintf(stderr, "remitrank: %s\n",
                 std::string(status.message()).c_str());
    return 1;
  }
  return 0;
}
