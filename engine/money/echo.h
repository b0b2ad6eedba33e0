// Echo: how an error message shows a value it was given (a currency code,
// an amount's text, a page order, a query parameter...).
//
// A message names the value it refuses, but a caller may send kilobytes of
// it: a 40 KB order_by echoed whole makes a 160 KB gRPC status that clients
// then refuse as too large. Every message that quotes a value it was given
// goes through these functions, which show at most its first
// kEchoPrefixBytes bytes (cut between characters), C-escaped but for
// well-formed UTF-8 characters that show as themselves ('£120',
// 'Société'; controls, direction and formatting marks are escaped), and
// then how long it was.
//
// Thread-safety: pure functions.
//
// Example:
//   ShortenMessage(protobuf_message)   // at most about 230 bytes
//   Echo("usd")                    // 'usd'
//   Echo("£120")                   // '£120'
//   Echo(std::string(40960, 'x'))  // 'xx...' (40960 bytes): 64 x's, then
//                                  // "..." inside the quotes
//   EchoText("a\nb")               // a\nb
#ifndef REMIT_ENGINE_MONEY_ECHO_H_
#define REMIT_ENGINE_MONEY_ECHO_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace remit {

// The most bytes of a value a message shows.
inline constexpr size_t kEchoPrefixBytes = 64;

// `value` escaped as above; when longer than kEchoPrefixBytes, its first
// kEchoPrefixBytes bytes at most (whole characters) followed by "... (N
// bytes)".
std::string EchoText(absl::string_view value);

// The same in single quotes, the quote closing before the length:
// 'USD', or 'abcabc...' (40960 bytes).
std::string Echo(absl::string_view value);

// A message made elsewhere that may quote a value whole (protobuf's JSON
// parser's: "invalid value \"<40 KB>\" for type TYPE_ENUM"): when longer
// than 3 x kEchoPrefixBytes bytes, its first and last kEchoPrefixBytes
// bytes (whole UTF-8 characters) around " ... (N bytes) ... ", so that both
// what the message starts with (a field) and how it ends (the reason)
// stay.
std::string ShortenMessage(absl::string_view message);

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_ECHO_H_
