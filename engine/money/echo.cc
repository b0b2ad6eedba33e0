#include "engine/money/echo.h"

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace remit {
namespace {

bool IsContinuationByte(char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed UTF-8 sequence at the start of `text` of a
// character shown as it is (not ASCII, not a control, a line separator or
// a formatting or direction mark, which would hide or reorder the text
// around it); 0 when there is none.
size_t VisibleCharacterLength(absl::string_view text) {
  const auto byte = [&](size_t i) {
    return static_cast<uint32_t>(static_cast<unsigned char>(text[i]));
  };
  const uint32_t lead = byte(0);
  size_t length;
  uint32_t code;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuationByte(text[i])) return 0;
    code = (code << 6) | (byte(i) & 0x3F);
  }
  const bool overlong =
      (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
  const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
  const bool hidden = code < 0xA0 || code == 0xAD || code == 0x61C ||
                      (code >= 0x200B && code <= 0x200F) ||
                      (code >= 0x2028 && code <= 0x202E) ||
                      (code >= 0x2060 && code <= 0x206F) || code == 0xFEFF ||
                      (code >= 0xFFF9 && code <= 0xFFFB);
  if (overlong || surrogate || code > 0x10FFFF || hidden) return 0;
  return length;
}

// `value` C-escaped, but for the characters VisibleCharacterLength keeps.
std::string Escaped(absl::string_view value) {
  std::string out;
  size_t run = 0;  // Start of the bytes not yet written.
  for (size_t i = 0; i < value.size();) {
    const size_t length = static_cast<unsigned char>(value[i]) < 0x80
                              ? 0
                              : VisibleCharacterLength(value.substr(i));
    if (length == 0) {
      ++i;
      continue;
    }
    absl::StrAppend(&out, absl::CHexEscape(value.substr(run, i - run)),
                    value.substr(i, length));
    i += length;
    run = i;
  }
  absl::StrAppend(&out, absl::CHexEscape(value.substr(run)));
  return out;
}

std::string Shown(absl::string_view value, absl::string_view quote) {
  if (value.size() <= kEchoPrefixBytes) {
    return absl::StrCat(quote, Escaped(value), quote);
  }
  // Cut between characters, as ShortenMessage does.
  size_t head = kEchoPrefixBytes;
  while (head > 0 && IsContinuationByte(value[head])) --head;
  return absl::StrCat(quote, Escaped(value.substr(0, head)), "...", quote, " (",
                      value.size(), " bytes)");
}

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
