// remitrank_server: serves the remit.v1 API over the given dataset files.
//
//   remitrank_server --data=testdata/sample_corridors.textproto
//       --listen=127.0.0.1:50051           (one command line)
//
// Prints "remitrank: serving on HOST:PORT" on stdout once ready (with the
// chosen port when --listen ends in :0) and writes the port to
// --port_file when given. SIGHUP reloads the data (as the admin RPC does);
// SIGTERM and SIGINT drain calls in flight for --shutdown_grace and exit 0.
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "engine/time/clock.h"
#include "service/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to listen on; port 0 picks a free port");
ABSL_FLAG(std::vector<std::string>, data, {},
          "dataset file (.textproto, .txtpb, .json, .binpb, RPW .csv); "
          "repeat the flag or separate paths with commas");
ABSL_FLAG(std::string, rpw_period, "",
          "for RPW files, the period to load (e.g. 2025_3Q); default latest");
ABSL_FLAG(std::string, port_file, "",
          "if set, the port listened on is written to this file");
ABSL_FLAG(std::string, admin_token_file, "",
          "file holding the admin token; without it the admin service is "
          "not served");
ABSL_FLAG(std::string, tls_cert, "", "server certificate (PEM) for TLS");
ABSL_FLAG(std::string, tls_key, "", "server private key (PEM) for TLS");
ABSL_FLAG(std::string, tls_client_ca, "",
          "CA (PEM) that client certificates must chain to; turns on mTLS");
ABSL_FLAG(bool, reflection, true, "serve gRPC server reflection");
ABSL_FLAG(int32_t, max_receive_message_bytes, 64 * 1024,
          "largest request accepted, in bytes");
ABSL_FLAG(int32_t, max_concurrent_streams, 100,
          "concurrent calls per client connection");
ABSL_FLAG(absl::Duration, shutdown_grace, absl::Seconds(5),
          "on SIGTERM/SIGINT, how long calls in flight may take to finish");
ABSL_FLAG(std::string, clock_time, "",
          "pin the server's clock to this RFC 3339 time (what counts as "
          "stale is measured from it): reproducible answers and tests");

namespace {

int Fail(const std::string& message) {
  std::fprintf(stderr, "remitrank: %s\n", message.c_str());
  return 1;
}

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

// The whole file, or an error naming it.
absl::StatusOr<std::string> ReadFile(const std::string& flag,
                                     const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(
        absl::StrCat("--", flag, "=", path, ": ", std::strerror(errno)));
  }
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

absl::Status WritePortFile(const std::string& path, int port) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    if (!out) {
      return absl::UnavailableError(
          absl::StrCat("--port_file=", path, ": cannot write"));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(
        absl::StrCat("--port_file=", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "serves the remitrank gRPC API over dataset files.\n"
      "  remitrank_server --data=FILE [--data=FILE...] [--listen=HOST:PORT]");
  const std::vector<std::string> data_paths = DataPaths(argc, argv);
  absl::ParseCommandLine(argc, argv);

  remit::service::ServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_paths = data_paths;
  options.rpw_period = absl::GetFlag(FLAGS_rpw_period);
  options.reflection = absl::GetFlag(FLAGS_reflection);
  options.max_receive_message_bytes =
      absl::GetFlag(FLAGS_max_receive_message_bytes);
  options.max_concurrent_streams = absl::GetFlag(FLAGS_max_concurrent_streams);
  const std::pair<const char*, std::string*> files[] = {
      {"tls_cert", &options.tls_cert_pem},
      {"tls_key", &options.tls_key_pem},
      {"tls_client_ca", &options.tls_client_ca_pem},
      {"admin_token_file", &options.admin_token}};
  const std::string paths[] = {absl::GetFlag(FLAGS_tls_cert),
                               absl::GetFlag(FLAGS_tls_key),
                               absl::GetFlag(FLAGS_tls_client_ca),
                               absl::GetFlag(FLAGS_admin_token_file)};
  for (int i = 0; i < 4; ++i) {
    if (paths[i].empty()) continue;
    absl::StatusOr<std::string> content = ReadFile(files[i].first, paths[i]);
    if (!content.ok()) return Fail(std::string(content.status().message()));
    *files[i].second = *std::move(content);
  }
  options.admin_token =
      std::string(absl::StripAsciiWhitespace(options.admin_token));
  if (!paths[3].empty() && options.admin_token.empty()) {
    return Fail(
        absl::StrCat("--admin_token_file=", paths[3], ": the file is empty"));
  }

  // Signals are taken on this thread with sigwait: block them before the
  // server starts its threads, which inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<remit::Clock> clock;
  if (const std::string pinned = absl::GetFlag(FLAGS_clock_time);
      pinned.empty()) {
    clock = std::make_unique<remit::SystemClock>();
  } else {
    absl::Time time;
    std::string why;
    if (!absl::ParseTime(absl::RFC3339_full, pinned, &time, &why)) {
      return Fail(absl::StrCat("--clock_time=", pinned, ": ", why));
    }
    clock = std::make_unique<remit::FakeClock>(time);
  }
  absl::StatusOr<std::unique_ptr<remit::service::RemitServer>> server =
      remit::service::RemitServer::Start(options, clock.get());
  if (!server.ok()) return Fail(std::string(server.status().message()));
  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty()) {
    if (absl::Status s = WritePortFile(port_file, (*server)->port()); !s.ok()) {
      return Fail(std::string(s.message()));
    }
  }
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::printf("remitrank: serving on %s:%d\n", host.c_str(), (*server)->port());
  std::fflush(stdout);

  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      (void)(*server)->Reload();
      continue;
    }
    (*server)->Shutdown(absl::GetFlag(FLAGS_shutdown_grace));
    (*server)->Wait();
    std::fprintf(stderr, "remitrank: stopped\n");
    return 0;
  }
}
