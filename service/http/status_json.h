// The HTTP side of an absl::Status: the status code of the standard
// google.rpc.Code mapping (the one gRPC-HTTP gateways use) and a
// google.rpc.Status JSON body: {"code":3,"message":"...","details":[]}.
//
// Thread-safe: pure functions.
//
// Example:
//   HttpResponse r = ErrorResponse(absl::NotFoundError("no such route"));
//   // r.status == 404, r.body == {"code":5,"message":"no such route",...}
#ifndef REMIT_SERVICE_HTTP_STATUS_JSON_H_
#define REMIT_SERVICE_HTTP_STATUS_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "service/http/http_message.h"

namespace remit::service::http {

// INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE 400; UNAUTHENTICATED
// 401; PERMISSION_DENIED 403; NOT_FOUND 404; ALREADY_EXISTS, ABORTED 409;
// RESOURCE_EXHAUSTED 429; CANCELLED 499; UNIMPLEMENTED 501; UNAVAILABLE
// 503; DEADLINE_EXCEEDED 504; OK 200; anything else 500.
int HttpStatusFor(absl::StatusCode code);

// google.rpc.Status as JSON; `status` must not be OK.
std::string StatusJson(const absl::Status& status);

// A JSON error response: HttpStatusFor(status.code()) unless
// `http_status` is given (e.g. 405, 413), the Status JSON body and
// "Cache-Control: no-store".
HttpResponse ErrorResponse(const absl::Status& status, int http_status = 0);

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_STATUS_JSON_H_
