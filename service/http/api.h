// HttpApi: remit.v1's RemitRank over HTTP/JSON, as plain request in,
// response out (the socket server, http_server.h, calls Handle()).
//
// The routes come from the google.api.http options of remit.v1.RemitRank
// (route_table.h), so the HTTP surface is the proto's. Each RPC route
// builds the request message (transcode.h) and calls the same
// RemitRankHandler the gRPC service calls, in process: the same
// validation and snapshot. Answers are JSON; errors are google.rpc.Status
// JSON with the standard HTTP status (status_json.h).
//
// Web behaviour: every answer carries "Access-Control-Allow-Origin: *";
// OPTIONS answers a CORS preflight for any route's path (404 for an unknown
// one). GET and HEAD answers carry a weak ETag (the dataset version and
// the request) and "Cache-Control: public, max-age=N"; a matching
// If-None-Match gets 304 Not Modified. Bodies of at least
// gzip_min_bytes are gzipped when Accept-Encoding accepts it. A POST body
// must be application/json (415 otherwise). HEAD is answered as GET (the
// socket server drops the body). An unknown path is 404, a known path with
// another method 405 (with Allow); both with Status JSON.
//
// GET /healthz: 200 {"status":"SERVING"}, or 503 NOT_SERVING once
// SetServing(false) (a drain or shutdown begins). GET /readyz: 200 while a
// dataset is loaded and the API is serving, else 503.
//
// Static routes (files such as a widget script) can be added before
// serving with AddStatic().
//
// Thread-safety: Handle() and SetServing() are thread-safe; AddStatic()
// only before the first Handle(). The store and handler must outlive it.
//
// Example:
//   absl::StatusOr<std::unique_ptr<HttpApi>> api =
//       HttpApi::Create(&store, &handler, {});
//   HttpResponse r = (*api)->Handle({"GET", "/v1/corridors"});
#ifndef REMIT_SERVICE_HTTP_API_H_
#define REMIT_SERVICE_HTTP_API_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/snapshot/snapshot.h"
#include "google/protobuf/message.h"
#include "service/http/http_message.h"
#include "service/http/route_table.h"
#include "service/remit_rank_handler.h"

namespace remit::service::http {

struct HttpApiOptions {
  // Cache-Control max-age of successful GET answers. Default: 60 s.
  absl::Duration max_age = absl::Seconds(60);
  // Smallest body gzipped. Default: 512 bytes.
  size_t gzip_min_bytes = 512;
};

class HttpApi {
 public:
  // Calls one RPC: request in, response out.
  using Invoker =
      std::function<absl::Status(const google::protobuf::Message& request,
                                 google::protobuf::Message* response)>;

  // The RemitRank routes over `handler`; INVALID_ARGUMENT when a route
  // cannot be served or a routed method has no handler.
  static absl::StatusOr<std::unique_ptr<HttpApi>> Create(
      const SnapshotStore* store, const RemitRankHandler* handler,
      HttpApiOptions options);

  // The routes of any service, each routed method calling its invoker
  // (keyed by the method's full name); `ready` answers /readyz.
  static absl::StatusOr<std::unique_ptr<HttpApi>> ForService(
      const google::protobuf::ServiceDescriptor* service,
      absl::flat_hash_map<std::string, Invoker> invokers,
      std::function<bool()> ready, HttpApiOptions options);

  absl::Status AddStatic(absl::string_view verb, absl::string_view path,
                         StaticHandler handler) {
    return routes_.AddStatic(verb, path, std::move(handler));
  }

  HttpResponse Handle(const HttpRequest& request) const;

  void SetServing(bool serving) { serving_.store(serving); }

  const RouteTable& routes() const { return routes_; }

 private:
  HttpApi(absl::flat_hash_map<std::string, Invoker> invokers,
          std::function<bool()> ready, HttpApiOptions options)
      : invokers_(std::move(invokers)),
        ready_(std::move(ready)),
        options_(options) {}

  HttpResponse Dispatch(const HttpRequest& request, absl::string_view verb,
                        absl::string_view path, absl::string_view query) const;
  HttpResponse CallRpc(const HttpRequest& request,
                       const RouteTable::Match& match,
                       absl::string_view query) const;
  HttpResponse Preflight(absl::string_view path) const;

  RouteTable routes_;
  absl::flat_hash_map<std::string, Invoker> invokers_;
  std::function<bool()> ready_;
  HttpApiOptions options_;
  std::atomic<bool> serving_{true};
};

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_API_H_
