#include "engine/money/echo.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace remit {
namespace {

std::string Shown(absl::string_view value, absl::string_view quote) {
  if (value.size() <= kEchoPrefixBytes) {
    return absl::StrCat(quote, absl::CHexEscape(value), quote);
  }
  return absl::StrCat(quote,
                      absl::CHexEscape(value.substr(0, kEchoPrefixBytes)),
                      "...", quote, " (", value.size(), " bytes)");
}

bool IsContinuationByte(char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::string ShortenMessage(absl::string_view message) {
  if (message.size() <= 3 * kEchoPrefixBytes) return std::string(message);
  size_t head = kEchoPrefixBytes;
  while (head > 0 && IsContinuationByte(message[head])) --head;
  size_t tail = message.size() - kEchoPrefixBytes;
  while (tail < message.size() && IsContinuationByte(message[tail])) ++tail;
  return absl::StrCat(message.substr(0, head), " ... (", message.size(),
                      " bytes) ... ", message.substr(tail));
}

std::string EchoText(absl::string_view value) { return Shown(value, ""); }

std::string Echo(absl::string_view value) { return Shown(value, "'"); }

}  // namespace remit
