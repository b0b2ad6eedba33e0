#include "service/page_token.h"

#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace remit::service {
namespace {

constexpr size_t kMacBytes = 16;  // Truncated HMAC-SHA256.

std::string OffsetBytes(int64_t offset) {
  std::string bytes(8, '\0');
  for (int i = 0; i < 8; ++i) {
    bytes[i] = static_cast<char>(
        (static_cast<uint64_t>(offset) >> (56 - 8 * i)) & 0xff);
  }
  return bytes;
}

absl::Status Invalid() {
  return absl::InvalidArgumentError(
      "page_token: not a token this server issued for this request and "
      "dataset; start again without one");
}

}  // namespace

std::string PageTokens::RandomKey() {
  std::string key(32, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key.data()),
                 static_cast<int>(key.size())) != 1) {
    std::abort();  // No randomness: the machine is broken.
  }
  return key;
}

std::string PageTokens::Mac(absl::string_view fingerprint,
                            int64_t offset) const {
  const std::string message = absl::StrCat(OffsetBytes(offset), fingerprint);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       digest, &length);
  return std::string(reinterpret_cast<const char*>(digest), kMacBytes);
}

std::string PageTokens::Issue(absl::string_view fingerprint,
                              int64_t offset) const {
  std::string token;
  absl::WebSafeBase64Escape(
      absl::StrCat(OffsetBytes(offset), Mac(fingerprint, offset)), &token);
  return token;
}

absl::StatusOr<int64_t> PageTokens::Read(absl::string_view token,
                                         absl::string_view fingerprint) const {
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(token, &bytes) ||
      bytes.size() != 8 + kMacBytes) {
    return Invalid();
  }
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  }
  const int64_t offset = static_cast<int64_t>(value);
  const std::string expected = Mac(fingerprint, offset);
  // Constant time, so that timing tells nothing about the key.
  if (offset < 0 ||
      CRYPTO_memcmp(expected.data(), bytes.data() + 8, kMacBytes) != 0) {
    return Invalid();
  }
  return offset;
}

}  // namespace remit::service
