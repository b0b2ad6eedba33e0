#include "service/http/api.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "engine/money/echo.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "proto/remit/v1/remit_service.pb.h"
#include "service/http/gzip.h"
#include "service/http/status_json.h"
#include "service/http/transcode.h"

namespace remit::service::http {
namespace {

using google::protobuf::Message;

// Bytes of the first block of a call's arena.
constexpr size_t kArenaFirstBlockBytes = 16 * 1024;

template <typename Request, typename Response>
HttpApi::Invoker Bind(const RemitRankHandler* handler,
                      absl::Status (RemitRankHandler::*call)(const Request&,
                                                             Response*) const) {
  return [handler, call](const Message& request, Message* response) {
    return (handler->*call)(static_cast<const Request&>(request),
                            static_cast<Response*>(response));
  };
}

// SHA-256 for ETags: fetched once, one context per thread (an implicit
// fetch per digest costs more than hashing a request).
const EVP_MD* Sha256() {
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// A weak ETag for `request`'s answer from the data `dataset_version`: the
// first 16 bytes of SHA-256 over the method's full name, "\n", the
// version, "\n" and the request's deterministic wire form.
std::string ETagFor(const google::protobuf::MethodDescriptor& method,
                    const Message& request,
                    const std::string& dataset_version) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  thread_local const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(
      EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const std::string& name = method.full_name();
  EVP_DigestInit_ex(ctx.get(), Sha256(), nullptr);
  EVP_DigestUpdate(ctx.get(), name.data(), name.size());
  EVP_DigestUpdate(ctx.get(), "\n", 1);
  EVP_DigestUpdate(ctx.get(), dataset_version.data(), dataset_version.size());
  EVP_DigestUpdate(ctx.get(), "\n", 1);
  EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size());
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  return absl::StrCat("W/\"",
                      absl::BytesToHexString(absl::string_view(
                          reinterpret_cast<const char*>(digest), 16)),
                      "\"");
}

// If-None-Match against `etag`, by weak comparison (RFC 9110 13.1.2).
bool NoneMatch(absl::string_view if_none_match, absl::string_view etag) {
  auto opaque = [](absl::string_view tag) {
    tag = absl::StripAsciiWhitespace(tag);
    absl::ConsumePrefix(&tag, "W/");
    return tag;
  };
  for (absl::string_view tag : absl::StrSplit(if_none_match, ',')) {
    if (absl::StripAsciiWhitespace(tag) == "*") return true;
    if (opaque(tag) == opaque(etag)) return true;
  }
  return false;
}

// The response's dataset_version field, when it has one.
std::string DatasetVersion(const Message& response) {
  const google::protobuf::FieldDescriptor* field =
      response.GetDescriptor()->FindFieldByName("dataset_version");
  if (field == nullptr ||
      field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_STRING) {
    return "";
  }
  return response.GetReflection()->GetString(response, field);
}

HttpResponse JsonResponse(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.SetHeader("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

}  // namespace

absl::StatusOr<std::unique_ptr<HttpApi>> HttpApi::Create(
    const SnapshotStore* store, const RemitRankHandler* handler,
    HttpApiOptions options) {
  // The messages' file holds the service (its stubs are not needed here).
  const google::protobuf::ServiceDescriptor* remit_rank =
      v1::RankOffersRequest::descriptor()->file()->FindServiceByName(
          "RemitRank");
  const std::string service = remit_rank->full_name();
  absl::flat_hash_map<std::string, Invoker> invokers = {
      {service + ".RankOffers", Bind(handler, &RemitRankHandler::RankOffers)},
      {service + ".ListCorridors",
       Bind(handler, &RemitRankHandler::ListCorridors)},
      {service + ".GetCorridorSummary",
       Bind(handler, &RemitRankHandler::GetCorridorSummary)},
      {service + ".GetCorridorHistory",
       Bind(handler, &RemitRankHandler::GetCorridorHistory)},
      {service + ".GetIndicators",
       Bind(handler, &RemitRankHandler::GetIndicators)},
      {service + ".GetCostCurve",
       Bind(handler, &RemitRankHandler::GetCostCurve)},
  };
  return ForService(
      remit_rank, std::move(invokers),
      [store] { return store->Get() != nullptr; }, options);
}

absl::StatusOr<std::unique_ptr<HttpApi>> HttpApi::ForService(
    const google::protobuf::ServiceDescriptor* service,
    absl::flat_hash_map<std::string, Invoker> invokers,
    std::function<bool()> ready, HttpApiOptions options) {
  std::unique_ptr<HttpApi> api(
      new HttpApi(std::move(invokers), std::move(ready), options));
  absl::Status status = api->routes_.AddService(service);
  if (!status.ok()) return status;
  for (const Route& route : api->routes_.routes()) {
    if (!api->invokers_.contains(route.method->full_name())) {
      return absl::InvalidArgumentError(
          absl::StrCat(route.method->full_name(), " has the HTTP route ",
                       route.verb, " ", route.path.text(), " but no handler"));
    }
  }
  HttpApi* self = api.get();
  status.Update(
      api->routes_.AddStatic("GET", "/healthz", [self](const HttpRequest&) {
        const bool serving = self->serving_.load();
        HttpResponse r = JsonResponse(serving ? 200 : 503,
                                      serving ? R"({"status":"SERVING"})"
                                              : R"({"status":"NOT_SERVING"})");
        r.SetHeader("Cache-Control", "no-store");
        return r;
      }));
  status.Update(
      api->routes_.AddStatic("GET", "/readyz", [self](const HttpRequest&) {
        const bool ready = self->serving_.load() && self->ready_();
        HttpResponse r = JsonResponse(
            ready ? 200 : 503,
            ready ? R"({"status":"READY"})" : R"({"status":"NOT_READY"})");
        r.SetHeader("Cache-Control", "no-store");
        return r;
      }));
  if (!status.ok()) return status;
  return api;
}

HttpResponse HttpApi::Handle(const HttpRequest& request) const {
  absl::string_view target = request.target;
  absl::string_view path = target;
  absl::string_view query;
  if (const size_t q = target.find('?'); q != absl::string_view::npos) {
    path = target.substr(0, q);
    query = target.substr(q + 1);
  }
  HttpResponse response;
  if (request.method == "OPTIONS") {
    response = Preflight(path);
  } else {
    response =
        Dispatch(request, request.method == "HEAD" ? "GET" : request.method,
                 path, query);
  }
  response.SetHeader("Access-Control-Allow-Origin", "*");
  if (response.status == 200 && !response.Header("etag").empty()) {
    response.SetHeader("Access-Control-Expose-Headers", "ETag");
  }
  const bool compressible =
      absl::StartsWith(response.Header("content-type"), "application/json") ||
      absl::StartsWith(response.Header("content-type"), "text/") ||
      absl::StartsWith(response.Header("content-type"),
                       "application/javascript");
  if (compressible) response.SetHeader("Vary", "Accept-Encoding");
  if (compressible && response.body.size() >= options_.gzip_min_bytes &&
      AcceptsGzip(request.Header("accept-encoding"))) {
    response.body = Gzip(response.body);
    response.SetHeader("Content-Encoding", "gzip");
  }
  return response;
}

HttpResponse HttpApi::Preflight(absl::string_view path) const {
  RouteTable::Match match = routes_.Find("OPTIONS", path);
  if (match.allowed_verbs.empty()) {
    return ErrorResponse(absl::NotFoundError(
        absl::StrCat("no route for OPTIONS ", EchoText(path))));
  }
  std::vector<std::string> verbs = match.allowed_verbs;
  if (absl::c_linear_search(verbs, "GET")) verbs.push_back("HEAD");
  verbs.push_back("OPTIONS");
  HttpResponse response;
  response.status = 204;
  response.SetHeader("Access-Control-Allow-Methods",
                     absl::StrJoin(verbs, ", "));
  response.SetHeader("Access-Control-Allow-Headers",
                     "Content-Type, If-None-Match");
  response.SetHeader("Access-Control-Max-Age", "600");
  response.SetHeader("Allow", absl::StrJoin(verbs, ", "));
  return response;
}

HttpResponse HttpApi::Dispatch(const HttpRequest& request,
                               absl::string_view verb, absl::string_view path,
                               absl::string_view query) const {
  RouteTable::Match match = routes_.Find(verb, path);
  if (match.route == nullptr) {
    if (match.allowed_verbs.empty()) {
      return ErrorResponse(absl::NotFoundError(absl::StrCat(
          "no route for ", EchoText(request.method), " ", EchoText(path))));
    }
    std::vector<std::string> verbs = match.allowed_verbs;
    if (absl::c_linear_search(verbs, "GET")) verbs.push_back("HEAD");
    verbs.push_back("OPTIONS");
    HttpResponse response = ErrorResponse(
        absl::UnimplementedError(absl::StrCat(
            "method ", EchoText(request.method), " is not allowed for ",
            EchoText(path), "; allowed: ", absl::StrJoin(verbs, ", "))),
        405);
    response.SetHeader("Allow", absl::StrJoin(verbs, ", "));
    return response;
  }
  if (match.route->method == nullptr) return match.route->handler(request);
  return CallRpc(request, match, query);
}

HttpResponse HttpApi::CallRpc(const HttpRequest& request,
                              const RouteTable::Match& match,
                              absl::string_view query) const {
  const Route& route = *match.route;
  const google::protobuf::MethodDescriptor& method = *route.method;
  google::protobuf::MessageFactory* factory =
      google::protobuf::MessageFactory::generated_factory();
  // Both messages on one arena: every sub-message and string of the answer
  // a bump allocation, all freed at once. Its first block is on the stack
  // (a top-10 RankOffers answer fits).
  alignas(8) char first_block[kArenaFirstBlockBytes];
  google::protobuf::ArenaOptions arena_options;
  arena_options.initial_block = first_block;
  arena_options.initial_block_size = sizeof(first_block);
  google::protobuf::Arena arena(arena_options);
  Message* in = factory->GetPrototype(method.input_type())->New(&arena);
  Message* out = factory->GetPrototype(method.output_type())->New(&arena);

  absl::Status status = BindPath(match.bindings, in);
  if (status.ok() && route.body == "*") {
    if (!query.empty()) {
      status = absl::InvalidArgumentError(absl::StrCat(
          "query parameters are not expected: ", route.verb, " ",
          route.path.text(), " takes the whole request as its JSON body"));
    } else if (!request.body.empty() &&
               !absl::StartsWithIgnoreCase(request.Header("content-type"),
                                           "application/json")) {
      return ErrorResponse(
          absl::InvalidArgumentError(absl::StrCat(
              "Content-Type ", Echo(request.Header("content-type")),
              " is not supported: send application/json")),
          415);
    } else {
      status = ParseJsonBody(request.body, in);
    }
  } else if (status.ok()) {
    if (!request.body.empty()) {
      status = absl::InvalidArgumentError(
          absl::StrCat(route.verb, " ", route.path.text(),
                       " takes no body; the request is in the path and the "
                       "query parameters"));
    } else {
      status = BindQuery(query, match.bindings, in);
    }
  }
  if (status.ok()) status = invokers_.at(method.full_name())(*in, out);
  if (!status.ok()) return ErrorResponse(status);

  HttpResponse response;
  // Content-Type, ETag, Cache-Control, then CORS and Vary (Handle).
  response.headers.reserve(8);
  response.SetHeader("Content-Type", "application/json");
  if (route.verb != "GET") {
    response.SetHeader("Cache-Control", "no-store");
    response.body = ToJson(*out);
    return response;
  }
  const std::string etag = ETagFor(method, *in, DatasetVersion(*out));
  response.SetHeader("ETag", etag);
  response.SetHeader(
      "Cache-Control",
      absl::StrCat("public, max-age=", absl::ToInt64Seconds(options_.max_age)));
  if (const absl::string_view inm = request.Header("if-none-match");
      !inm.empty() && NoneMatch(inm, etag)) {
    response.status = 304;
    response.headers.erase(
        std::remove_if(response.headers.begin(), response.headers.end(),
                       [](const auto& h) { return h.first == "content-type"; }),
        response.headers.end());
    return response;
  }
  response.body = ToJson(*out);
  return response;
}

}  // namespace remit::service::http
