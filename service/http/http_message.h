// HttpRequest and HttpResponse: one HTTP/1.1 exchange as plain values, so
// that the API (api.h) is tested without sockets and the socket server
// (http_server.h) knows nothing of the API.
//
// Header names are stored lower case; Header() finds one by any case.
// Thread-compatible value types.
//
// Example:
//   HttpRequest request{"GET", "/v1/corridors?pageSize=2"};
//   request.headers.push_back({"accept-encoding", "gzip"});
#ifndef REMIT_SERVICE_HTTP_HTTP_MESSAGE_H_
#define REMIT_SERVICE_HTTP_HTTP_MESSAGE_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"

namespace remit::service::http {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The first value of header `name` (any case), or "" when absent.
inline absl::string_view FindHeader(const HttpHeaders& headers,
                                    absl::string_view name) {
  for (const auto& [key, value] : headers) {
    if (absl::EqualsIgnoreCase(key, name)) return value;
  }
  return "";
}

struct HttpRequest {
  // "GET", "POST", ... as sent.
  std::string method;
  // The request target: path and query ("/v1/corridors?pageSize=2").
  std::string target;
  HttpHeaders headers;
  std::string body;

  absl::string_view Header(absl::string_view name) const {
    return FindHeader(headers, name);
  }
};

struct HttpResponse {
  int status = 200;
  HttpHeaders headers;
  std::string body;

  absl::string_view Header(absl::string_view name) const {
    return FindHeader(headers, name);
  }
  void SetHeader(absl::string_view name, absl::string_view value) {
    for (auto& [key, v] : headers) {
      if (absl::EqualsIgnoreCase(key, name)) {
        v = std::string(value);
        return;
      }
    }
    headers.emplace_back(absl::AsciiStrToLower(name), std::string(value));
  }
};

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_HTTP_MESSAGE_H_
