#include "cli/commands/session.h"

#include <fstream>
#include <optional>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/time.h"
#include "cli/errors.h"
#include "engine/data/dataset.h"
#include "engine/snapshot/snapshot.h"

namespace remit::cli {
namespace {

// API errors use the request's field names; the user typed options.
std::string InTermsOfOptions(absl::string_view message) {
  return absl::StrReplaceAll(message,
                             {{"corridor.send_country", "--from"},
                              {"corridor.receive_country", "--to"},
                              {"send_amount.currency_code", "--amount"},
                              {"receive_amount.currency_code", "--amount"},
                              {"send_amount", "--amount"},
                              {"receive_amount", "--amount"},
                              {"min_amount", "--min"},
                              {"max_amount", "--max"},
                              {"sample_count", "--samples"},
                              {"in receive mode", "with --receive"},
                              {"use receive mode", "use --receive"},
                              {"page_size", "--limit"},
                              {"amount_level", "--amount-level"},
                              {"provider_id", "--provider"},
                              {"period: ", "--period: "}});
}

absl::StatusOr<Session> OpenRemote(const Args& args, const std::string& server,
                                   Session session) {
  if (args.Has("data") || args.Has("as-of")) {
    return UsageError(
        "--server answers from the server's data: leave out --data and "
        "--as-of");
  }
  RemoteOptions options;
  options.target = server;
  if (std::optional<std::string> ca = args.Get("tls_ca")) {
    std::ifstream in(*ca);
    std::ostringstream pem;
    pem << in.rdbuf();
    if (!in) {
      return absl::NotFoundError(
          absl::StrCat("--tls_ca=", *ca, ": cannot read the file"));
    }
    options.tls_ca_pem = pem.str();
  }
  if (std::optional<std::string> name = args.Get("tls_server_name")) {
    if (options.tls_ca_pem.empty()) {
      return UsageError("--tls_server_name goes with --tls_ca");
    }
    options.tls_server_name = *name;
  }
  if (std::optional<std::string> d = args.Get("deadline")) {
    if (!absl::ParseDuration(*d, &options.deadline) ||
        options.deadline <= absl::ZeroDuration()) {
      return UsageError(
          absl::StrCat("--deadline: '", *d, "' is not a duration like 10s"));
    }
  }
  session.backend = std::make_unique<RemoteBackend>(options);
  return session;
}

absl::StatusOr<Session> OpenLocal(const Args& args,
                                  const std::vector<std::string>& default_data,
                                  Session session) {
  std::vector<std::string> paths = args.GetAll("data");
  if (paths.empty()) paths = default_data;
  if (paths.empty()) {
    return absl::FailedPreconditionError(
        "no data: give --data=FILE (a dataset or RPW file) or "
        "--server=HOST:PORT");
  }
  if (std::optional<std::string> as_of = args.Get("as-of")) {
    absl::Time time;
    std::string why;
    if (!absl::ParseTime("%Y-%m-%d", *as_of, &time, &why)) {
      return UsageError(
          absl::StrCat("--as-of: '", *as_of, "' is not YYYY-MM-DD"));
    }
    session.clock = std::make_unique<FakeClock>(time);
  } else {
    session.clock = std::make_unique<SystemClock>();
  }
  DatasetOptions options;
  absl::StatusOr<std::unique_ptr<LocalBackend>> backend =
      LocalBackend::Load(paths, options, session.clock.get());
  // Whatever its code, bad data is a runtime error, not a usage error.
  if (!backend.ok()) return backend.status();
  session.backend = *std::move(backend);
  return session;
}

}  // namespace

const std::vector<OptionSpec>& DataOptions() {
  static const auto* options = new std::vector<OptionSpec>{
      {"data", true, true,
       "dataset file (.textproto, .txtpb, .json, .binpb, RPW .csv or .xlsx); "
       "repeat "
       "or comma-separate"},
      {"server", true, false,
       "ask remitrank at HOST:PORT instead, or at a gRPC target: "
       "dns:///HOST:PORT (every address of the name) or ipv4:A:P,B:P; calls "
       "take turns over the addresses"},
      {"tls_ca", true, false, "with --server: CA certificate (PEM) for TLS"},
      {"tls_server_name", true, false,
       "with --tls_ca: the name the server's certificate must have (by "
       "default the host in --server; an ipv4: list needs it)"},
      {"deadline", true, false,
       "with --server: how long to wait, at most 10s (the default)"},
      {"as-of", true, false,
       "judge stale quotes as of this date (YYYY-MM-DD); local data only"},
      {"format", true, false, "table (default), csv or json"},
      {"help", false, false, "this help"},
  };
  return *options;
}

std::vector<OptionSpec> WithDataOptions(std::vector<OptionSpec> specs,
                                        absl::Span<const Format> formats) {
  for (const OptionSpec& option : DataOptions()) {
    if (option.name != "format") {
      specs.push_back(option);
    } else if (!formats.empty()) {
      specs.push_back(option);
      specs.back().help = FormatsHelp(formats);
    }
  }
  return specs;
}

absl::StatusOr<Session> OpenSession(
    const Args& args, const std::vector<std::string>& default_data,
    absl::Span<const Format> formats) {
  Session session;
  if (std::optional<std::string> f = args.Get("format")) {
    absl::StatusOr<Format> format = ParseFormat(*f, formats);
    if (!format.ok()) return UsageError(format.status().message());
    session.format = *format;
  }
  if (std::optional<std::string> server = args.Get("server")) {
    return OpenRemote(args, *server, std::move(session));
  }
  return OpenLocal(args, default_data, std::move(session));
}

absl::Status NoPositionalArguments(const Args& args) {
  if (args.positional.empty()) return absl::OkStatus();
  return UsageError(
      absl::StrCat("unexpected argument '", args.positional.front(), "'"));
}

absl::Status WriteAnswer(const Args& args, const CommandIo& io,
                         const std::string& text) {
  std::optional<std::string> path = args.Get("output");
  if (!path.has_value()) {
    io.out << text;
    return absl::OkStatus();
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) {
    return absl::FailedPreconditionError(
        absl::StrCat("--output=", *path, ": cannot write"));
  }
  io.err << "remitrank: wrote " << *path << "\n";
  return absl::OkStatus();
}

absl::Status BackendError(const absl::Status& status) {
  const std::string message = InTermsOfOptions(status.message());
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      return UsageError(message);
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kDeadlineExceeded:
      return absl::Status(status.code(),
                          absl::StrCat("the server did not answer: ", message));
    default:
      return absl::Status(status.code(), message);
  }
}

}  // namespace remit::cli
