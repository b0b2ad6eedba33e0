// Page tokens: opaque, and rejected when forged or used for another request.
//
// A token carries the offset of the next page, bound by an HMAC-SHA256 (with
// a key the server picks at start-up) to a fingerprint of the request (its
// fields other than page_size and page_token, the survey period included)
// and to the dataset version. A token from one period is refused for
// another; the period a request leaves unset is fixed by the version.
// A token from another request, another server run or another dataset is
// refused: after a reload, clients start again from the first page.
//
// Thread-safety: immutable after construction; any number of threads.
//
// Example:
//   PageTokens tokens(PageTokens::RandomKey());
//   std::string next = tokens.Issue(fingerprint, 50);
//   absl::StatusOr<int64_t> offset = tokens.Read(next, fingerprint);  // 50
#ifndef REMIT_SERVICE_PAGE_TOKEN_H_
#define REMIT_SERVICE_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit::service {

class PageTokens {
 public:
  // 32 bytes from the system's random source.
  static std::string RandomKey();

  explicit PageTokens(std::string key) : key_(std::move(key)) {}

  // The token for `offset` in the results of the request `fingerprint`
  // (any bytes that identify the request and the data).
  std::string Issue(absl::string_view fingerprint, int64_t offset) const;

  // The offset in `token`. INVALID_ARGUMENT ("page_token: ...") when it is
  // malformed, forged, or was issued for another fingerprint.
  absl::StatusOr<int64_t> Read(absl::string_view token,
                               absl::string_view fingerprint) const;

 private:
  std::string Mac(absl::string_view fingerprint, int64_t offset) const;

  std::string key_;
};

}  // namespace remit::service

#endif  // REMIT_SERVICE_PAGE_TOKEN_H_
