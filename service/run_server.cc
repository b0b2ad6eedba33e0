#include "service/run_server.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "service/data_watch.h"

namespace remit::service {
namespace {

void Log(const std::string& line) {
  std::fprintf(stderr, "remitrank: %s\n", line.c_str());
  std::fflush(stderr);
}

// Blocks for `delay`, or until another of `signals` than SIGHUP comes (a
// second SIGTERM or SIGINT, or the self-check's SIGUSR1). SIGHUP is taken
// and ignored: the server is on its way out.
void WaitOutDrain(absl::Duration delay, const sigset_t& signals) {
  const absl::Time end = absl::Now() + delay;
  for (absl::Duration left = delay; left > absl::ZeroDuration();
       left = end - absl::Now()) {
    const timespec timeout = absl::ToTimespec(left);
    const int signal = sigtimedwait(&signals, nullptr, &timeout);
    if (signal > 0 && signal != SIGHUP) return;
  }
}

}  // namespace

absl::StatusOr<std::string> ReadFlagFile(absl::string_view flag,
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

absl::StatusOr<ServerOptions> ServerOptionsWithFiles(
    const RunOptions& options) {
  ServerOptions server = options.server;
  const struct {
    const char* flag;
    const std::string& path;
    std::string* content;
  } files[] = {
      {"tls_cert", options.tls_cert_path, &server.tls_cert_pem},
      {"tls_key", options.tls_key_path, &server.tls_key_pem},
      {"tls_client_ca", options.tls_client_ca_path, &server.tls_client_ca_pem},
      {"admin_token_file", options.admin_token_path, &server.admin_token},
  };
  for (const auto& file : files) {
    if (file.path.empty()) continue;
    absl::StatusOr<std::string> content = ReadFlagFile(file.flag, file.path);
    if (!content.ok()) return content.status();
    *file.content = *std::move(content);
  }
  server.admin_token =
      std::string(absl::StripAsciiWhitespace(server.admin_token));
  if (!options.admin_token_path.empty() && server.admin_token.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("--admin_token_file=", options.admin_token_path,
                     ": the file is empty"));
  }
  if (!options.admin_token_path.empty()) {
    if (absl::Status token = CheckAdminToken(server.admin_token); !token.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--admin_token_file=", options.admin_token_path, ": ",
                       token.message()));
    }
  }
  return server;
}

absl::Status WritePortFile(const std::string& path, int port,
                           absl::string_view flag) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << port << "\n";
    if (!out) {
      return absl::UnavailableError(
          absl::StrCat("--", flag, "=", path, ": cannot write"));
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(
        absl::StrCat("--", flag, "=", path, ": ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

std::string RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return absl::StrCat("open files: cannot read the limit: ",
                        std::strerror(errno));
  }
  const auto text = [](rlim_t value) {
    return value == RLIM_INFINITY ? std::string("unlimited")
                                  : absl::StrCat(value);
  };
  if (limit.rlim_cur == limit.rlim_max) {
    return absl::StrCat("open files: soft ", text(limit.rlim_cur), " = hard");
  }
  const rlim_t before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    return absl::StrCat("open files: soft ", text(before), ", hard ",
                        text(limit.rlim_max),
                        "; not raised: ", std::strerror(errno));
  }
  return absl::StrCat("open files: soft ", text(before), " -> ",
                      text(limit.rlim_max), " (hard)");
}

absl::StatusOr<std::unique_ptr<Clock>> ClockFor(absl::string_view clock_time) {
  if (clock_time.empty()) return std::make_unique<SystemClock>();
  absl::Time time;
  std::string why;
  if (!absl::ParseTime(absl::RFC3339_full, clock_time, &time, &why)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--clock_time=", clock_time, ": ", why));
  }
  return std::make_unique<FakeClock>(time);
}

absl::Status CheckDurations(const RunOptions& options) {
  const struct {
    const char* flag;
    absl::Duration value;
  } durations[] = {
      {"shutdown_grace", options.shutdown_grace},
      {"drain_delay", options.drain_delay},
      {"watch_debounce", options.watch_debounce},
      {"max_connection_age", options.server.max_connection_age},
      {"max_connection_age_grace", options.server.max_connection_age_grace},
  };
  for (const auto& d : durations) {
    if (d.value < absl::ZeroDuration()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--", d.flag, "=", absl::FormatDuration(d.value),
                       ": must not be negative"));
    }
  }
  return absl::OkStatus();
}

absl::Status RunServer(const RunOptions& options) {
  if (absl::Status durations = CheckDurations(options); !durations.ok()) {
    return durations;
  }
  std::fprintf(stderr, "remitrank: %s\n", RaiseOpenFileLimit().c_str());
  absl::StatusOr<ServerOptions> server_options =
      ServerOptionsWithFiles(options);
  if (!server_options.ok()) return server_options.status();

  // Signals are taken on this thread with sigwait: block them before the
  // server starts its threads, which inherit the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGHUP);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  // The self-check's finding, handed to this thread with SIGUSR1.
  absl::Mutex mutex;
  absl::Status listener_dead;
  server_options->on_listener_dead = [&](const absl::Status& why) {
    {
      absl::MutexLock lock(&mutex);
      listener_dead = why;
    }
    kill(getpid(), SIGUSR1);
  };

  absl::StatusOr<std::unique_ptr<Clock>> clock = ClockFor(options.clock_time);
  if (!clock.ok()) return clock.status();
  absl::StatusOr<std::unique_ptr<RemitServer>> server =
      RemitServer::Start(*server_options, clock->get());
  if (!server.ok()) return server.status();
  if (!options.port_file.empty()) {
    absl::Status written = WritePortFile(options.port_file, (*server)->port());
    if (!written.ok()) return written;
  }
  if (!options.http_port_file.empty() && (*server)->http_port() != 0) {
    absl::Status written = WritePortFile(
        options.http_port_file, (*server)->http_port(), "http_port_file");
    if (!written.ok()) return written;
  }
  const std::string& listen = server_options->listen;
  const std::string host = listen.substr(0, listen.rfind(':'));
  std::printf("remitrank: serving on %s:%d\n", host.c_str(), (*server)->port());
  if ((*server)->http_port() != 0) {
    const std::string& http = server_options->http_listen;
    std::printf("remitrank: HTTP on %s://%s:%d/\n",
                server_options->tls_cert_pem.empty() ? "http" : "https",
                http.substr(0, http.rfind(':')).c_str(),
                (*server)->http_port());
  }
  std::fflush(stdout);

  std::unique_ptr<DataWatch> watch;
  if (options.watch_data) {
    absl::StatusOr<std::unique_ptr<DataWatch>> started = DataWatch::Start(
        server_options->data_paths, options.watch_debounce,
        [server = server->get()](const std::vector<std::string>& changed) {
          Log(absl::StrCat("data changed (", absl::StrJoin(changed, ", "),
                           "); reloading"));
          (void)server->Reload();
        });
    if (!started.ok()) {
      return absl::Status(
          started.status().code(),
          absl::StrCat("--watch_data: ", started.status().message()));
    }
    watch = *std::move(started);
    Log(absl::StrCat("watching the data files' directories; reloads after ",
                     absl::FormatDuration(options.watch_debounce),
                     " without changes"));
  }

  for (;;) {
    int signal = 0;
    if (sigwait(&signals, &signal) != 0) continue;
    if (signal == SIGHUP) {
      (void)(*server)->Reload();
      continue;
    }
    absl::Status dead;
    {
      absl::MutexLock lock(&mutex);
      dead = listener_dead;
    }
    if (signal == SIGUSR1 && dead.ok()) continue;  // Not from the check.
    if (watch != nullptr) watch->Stop();
    // Health first, while calls are still answered; a dead listener has
    // nothing to drain.
    if (dead.ok() && options.drain_delay > absl::ZeroDuration()) {
      (*server)->StopServing();
      Log(absl::StrCat("not serving; stopping in ",
                       absl::FormatDuration(options.drain_delay)));
      WaitOutDrain(options.drain_delay, signals);
    }
    (*server)->Shutdown(options.shutdown_grace);
    (*server)->Wait();
    Log("stopped");
    {
      absl::MutexLock lock(&mutex);
      dead = listener_dead;
    }
    if (!dead.ok()) {
      return absl::UnavailableError(
          absl::StrCat("exiting: ", dead.message(), " on ", host, ":",
                       (*server)->port(), "; restart the server"));
    }
    return absl::OkStatus();
  }
}

}  // namespace remit::service
