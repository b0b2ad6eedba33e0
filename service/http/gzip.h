// gzip (RFC 1952) through zlib, for HTTP's Content-Encoding: gzip.
//
// Thread-safe: pure functions.
//
// Example:
//   std::string compressed = Gzip(json);
//   absl::StatusOr<std::string> back = Gunzip(compressed);
#ifndef REMIT_SERVICE_HTTP_GZIP_H_
#define REMIT_SERVICE_HTTP_GZIP_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit::service::http {

std::string Gzip(absl::string_view data);

// DATA_LOSS when `data` is not one complete gzip member.
absl::StatusOr<std::string> Gunzip(absl::string_view data);

// True when an Accept-Encoding value accepts gzip ("gzip", "gzip;q=0.5",
// "*"; not "gzip;q=0").
bool AcceptsGzip(absl::string_view accept_encoding);

}  // namespace remit::service::http

#endif  // REMIT_SERVICE_HTTP_GZIP_H_
