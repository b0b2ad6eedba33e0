// http_canned_server: remitrank_server's HTTP stack (service/http's
// HttpServer) answering one fixed response, to measure what the HTTP layer
// itself costs. GET (or HEAD) of --path answers --body_file's bytes with the
// headers listed in --headers_file; any other target answers 404.
// http_compare.sh captures both files from a real RankOffers answer, so the
// canned answer has the real one's size and headers.
//
//   http_canned_server --path="/v1/corridors/US/MX/offers?..."
//       --body_file=answer.json --headers_file=answer.headers
//       --listen=127.0.0.1:0 --port_file=/tmp/port
//
// --headers_file holds "Name: value" lines (as curl -D writes them); the
// status line, Content-Length, Connection, Date, Server and
// Transfer-Encoding are skipped: the server sets those itself.
// Prints "http_canned: serving on HOST:PORT" once ready; SIGTERM stops it.
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "service/http/http_message.h"
#include "service/http/http_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:0",
          "host:port; port 0 picks a free port");
ABSL_FLAG(std::string, port_file, "",
          "if set, the port listened on is written to this file");
ABSL_FLAG(std::string, path, "", "the request target answered (required)");
ABSL_FLAG(std::string, body_file, "", "the answer's body (required)");
ABSL_FLAG(std::string, headers_file, "",
          "the answer's headers, \"Name: value\" lines");
ABSL_FLAG(int, threads, 2, "the HTTP server's threads (as remitrank_server)");

namespace {

using remit::service::http::HttpRequest;
using remit::service::http::HttpResponse;

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  *out = text.str();
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string path = absl::GetFlag(FLAGS_path);
  if (path.empty() || absl::GetFlag(FLAGS_body_file).empty()) {
    std::fprintf(stderr, "http_canned: --path and --body_file are required\n");
    return 2;
  }
  HttpResponse canned;
  if (!ReadFile(absl::GetFlag(FLAGS_body_file), &canned.body)) {
    std::fprintf(stderr, "http_canned: --body_file=%s: cannot read\n",
                 absl::GetFlag(FLAGS_body_file).c_str());
    return 1;
  }
  if (const std::string file = absl::GetFlag(FLAGS_headers_file);
      !file.empty()) {
    std::string text;
    if (!ReadFile(file, &text)) {
      std::fprintf(stderr, "http_canned: --headers_file=%s: cannot read\n",
                   file.c_str());
      return 1;
    }
    for (absl::string_view line : absl::StrSplit(text, '\n')) {
      line = absl::StripAsciiWhitespace(line);
      if (line.empty() || absl::StartsWith(line, "HTTP/")) continue;
      const size_t colon = line.find(':');
      if (colon == absl::string_view::npos) continue;
      const std::string name = absl::AsciiStrToLower(
          absl::StripAsciiWhitespace(line.substr(0, colon)));
      if (name == "content-length" || name == "connection" || name == "date" ||
          name == "server" || name == "transfer-encoding") {
        continue;
      }
      canned.headers.emplace_back(
          name,
          std::string(absl::StripAsciiWhitespace(line.substr(colon + 1))));
    }
  } else {
    canned.SetHeader("Content-Type", "application/json");
  }

  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  remit::service::http::HttpServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.threads = absl::GetFlag(FLAGS_threads);
  auto server = remit::service::http::HttpServer::Start(
      options, [&canned, &path](const HttpRequest& request) {
        if (request.target == path &&
            (request.method == "GET" || request.method == "HEAD")) {
          return canned;
        }
        HttpResponse not_found;
        not_found.status = 404;
        not_found.SetHeader("Content-Type", "text/plain");
        not_found.body = "not found\n";
        return not_found;
      });
  if (!server.ok()) {
    std::fprintf(stderr, "http_canned: %s\n",
                 server.status().ToString().c_str());
    return 1;
  }
  const int port = (*server)->port();
  if (const std::string file = absl::GetFlag(FLAGS_port_file); !file.empty()) {
    std::ofstream out(file);
    out << port << "\n";
    if (!out) {
      std::fprintf(stderr, "http_canned: --port_file=%s: cannot write\n",
                   file.c_str());
      return 1;
    }
  }
  const std::string listen = absl::GetFlag(FLAGS_listen);
  std::printf("http_canned: serving on %s:%d\n",
              listen.substr(0, listen.rfind(':')).c_str(), port);
  std::fflush(stdout);
  int signal = 0;
  sigwait(&signals, &signal);
  (*server)->Shutdown(absl::Seconds(2));
  return 0;
}
