// HttpServer: HTTP/1.1 over TCP with Boost.Beast, asynchronous, keep-alive,
// on its own threads, each running its own io_context; connections are
// spread over them in turn, and each stays on one thread (no strand, no
// locking per step). It knows nothing of the API: each request
// goes to an HttpHandler (api.h's HttpApi::Handle) as a plain HttpRequest.
//
// With a certificate it speaks HTTPS, as the gRPC side does (the same
// certificate, key and client CA).
//
// Limits, each answered with a google.rpc.Status JSON body before the
// connection is closed: the request line and headers together (431), the
// request target (414), the body (413), a malformed request (400), a
// request not fully read within read_timeout of its first byte (408), and
// connections beyond max_connections (503, at once). A keep-alive
// connection idle for idle_timeout is closed. HEAD answers carry the GET
// answer's Content-Length and no body.
//
// Shutdown: StopAccepting() closes the listening socket (new connections
// are refused) and closes idle keep-alive connections; a request being
// read or handled is answered, with "Connection: close". Shutdown(grace)
// does that, waits up to `grace` for those answers, then closes what is
// left and joins the threads.
//
// Thread-safety: the handler is called on the server's threads, several
// at once; it must be thread-safe. StopAccepting, Shutdown and the
// accessors are thread-safe.
//
// Example:
//   HttpServerOptions options;
//   options.listen = "127.0.0.1:0";
//   absl::StatusOr<std::unique_ptr<HttpServer>> server = HttpServer::Start(
//       options, [&](const HttpRequest& r) { return api->Handle(r); });
//   int port = (*server)->port();
//   (*server)->Shutdown(absl::Seconds(5));
#ifndef REMIT_SERVICE_HTTP_HTTP_SERVER_H_
#define REMIT_SERVICE_HTTP_HTTP_SERVER_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/http/http_message.h"

namespace remit::service::http {

struct HttpServerOptions {
  // host:port (an IP address; IPv6 in brackets); port 0 picks a free one.
  // Required.
  std::string listen;
  // Threads, each with its own io_context. Default: 2.
  int threads = 2;
  // The request line and headers together. Default: 16 KiB.
  size_t max_header_bytes = 16 * 1024;
  // The request target (path and query). Default: 8 KiB.
  size_t max_target_bytes = 8 * 1024;
  // The body. Default: 64 KiB.
  size_t max_body_bytes = 64 * 1024;
  // From a request's first byte to its last, and for writing an answer.
  // Default: 10 s.
  absl::Duration read_timeout = absl::Seconds(10);
  // How long a keep-alive connection may wait for its next request.
  // Default: 60 s.
  absl::Duration idle_timeout = absl::Seconds(60);
  // Open connections at once. Default: 512.
  int max_connections = 512;
  // PEM. With a certificate and key the server speaks HTTPS (TLS 1.2 or
  // later); with a client CA too, it requires and verifies client
  // certificates (mTLS). Default: empty, plain HTTP.
  std::string tls_cert_pem;
  std::string tls_key_pem;
  std::string tls_client_ca_pem;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

class HttpServer {
 public:
  // INVALID_ARGUMENT for a malformed listen address or TLS PEMs that do
  // not load, UNAVAILABLE when the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<HttpServer>> Start(
      const HttpServerOptions& options, HttpHandler handler);

  // Shutdown(absl::ZeroDuration()) unless already shut down.
  ~HttpServer();

  // The port listened on (the chosen one when the options said 0).
  int port() const;
  // Connections open now.
  int connections() const;

  void StopAccepting();
  void Shutdown(absl::Duration grace);

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_HTTP_SERVER_H_
