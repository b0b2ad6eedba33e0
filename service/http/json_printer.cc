#include "service/http/json_printer.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "absl/base/optimization.h"
#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "google/protobuf/util/json_util.h"

namespace remit::service::http {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// How a field's value is printed.
enum class JsonKind : uint8_t {
  kInt32,
  kInt64,
  kUInt32,
  kUInt64,
  kBool,
  kString,
  kBytes,
  kEnum,
  kMessage,
  kTimestamp,
  kDuration,
};

// How a number is encoded on the wire (strings and messages: kLength).
enum class JsonWire : uint8_t { kVarint, kZigZag, kFixed32, kFixed64, kLength };

// Bytes a PaddedText copies at once.
constexpr size_t kPaddedBytes = 48;

// A text made once per field (a key, an absent value, an enum's name) and
// written many times: kept with zeros after it up to kPaddedBytes + 1 bytes,
// so that one fixed-size copy of kPaddedBytes writes it, from its first or
// second byte (the bytes past its end are overwritten by what follows).
// Longer texts are copied by length.
class PaddedText {
 public:
  PaddedText() : PaddedText("") {}
  explicit PaddedText(absl::string_view text)
      : text_(std::max(text.size(), kPaddedBytes) + 1, '\0'),
        size_(text.size()) {
    std::memcpy(text_.data(), text.data(), text.size());
  }
  absl::string_view view() const {
    return absl::string_view(text_.data(), size_);
  }
  const char* data() const { return text_.data(); }
  size_t size() const { return size_; }

 private:
  std::string text_;
  size_t size_;
};

struct JsonField {
  uint32_t number;
  // Its pair of places in the printer's spans of this message (where its
  // occurrences begin and end on the wire): kept for every field of a
  // table printed in two passes, for the trailing ones only otherwise.
  int slot = -1;
  size_t position;  // its place in JsonTable::placed
  JsonKind kind;
  JsonWire wire;
  uint32_t wire_type;  // of one value: 0 varint, 1 64-bit, 2 length, 5 32-bit
  bool repeated;
  bool trailing;
  // ",\"jsonName\":"; the comma is left out before the first field.
  PaddedText key;
  // The value printed when the field is not on the wire ("0", "\"\"",
  // "[]", the enum's first name...); unused for message fields.
  std::string absent;
  PaddedText key_absent;             // key + absent
  const JsonTable* table = nullptr;  // kMessage
  // kEnum: each number's quoted name.
  const absl::flat_hash_map<int32_t, PaddedText>* names = nullptr;
};

// One message type: the fields printed in declaration order, then those
// printed after them when set (see the header), by number.
struct JsonTable {
  const Descriptor* type;
  absl::Status support;  // of this type's own fields
  std::vector<JsonField> placed;
  std::vector<JsonField> trailing;
  int slot_count = 0;  // pairs of spans a message of this type needs
  // Whether the placed fields are declared in number order (the wire's):
  // then one pass prints them.
  bool in_number_order = true;
  std::vector<const JsonField*> field_of_number;  // nullptr: no such field
  std::vector<const JsonTable*> children;  // the message types it reaches
};

namespace {

// Copies k bytes, N <= k <= 2N, as two overlapping moves of N bytes.
template <size_t N>
inline void CopyEnds(char* to, const char* from, size_t k) {
  char head[N];
  char tail[N];
  std::memcpy(head, from, N);
  std::memcpy(tail, from + k - N, N);
  std::memcpy(to, head, N);
  std::memcpy(to + k - N, tail, N);
}

// Copies k bytes without a call for the short runs a printer writes (keys,
// numbers, most strings).
inline void CopyShort(char* to, const char* from, size_t k) {
  if (k > 32) {
    std::memcpy(to, from, k);
  } else if (k >= 16) {
    CopyEnds<16>(to, from, k);
  } else if (k >= 8) {
    CopyEnds<8>(to, from, k);
  } else if (k >= 4) {
    CopyEnds<4>(to, from, k);
  } else {
    for (size_t i = 0; i < k; ++i) to[i] = from[i];
  }
}

// The output: a string written from `at` on through a cursor, grown
// rarely; Finish() trims it to what was written.
class Buffer {
 public:
  Buffer(std::string* s, size_t at)
      : s_(s), cursor_(s->data() + at), end_(s->data() + s->size()) {}

  char* Room(size_t k) {
    if (ABSL_PREDICT_FALSE(k > static_cast<size_t>(end_ - cursor_))) Grow(k);
    return cursor_;
  }
  void Put(char c) {
    *Room(1) = c;
    ++cursor_;
  }
  void Put(const char* data, size_t k) {
    CopyShort(Room(k), data, k);
    cursor_ += k;
  }
  void Put(absl::string_view text) { Put(text.data(), text.size()); }
  // The text from its byte `from` (0 or 1, at most its size) on.
  void Put(const PaddedText& text, size_t from) {
    const size_t k = text.size() - from;
    if (ABSL_PREDICT_TRUE(text.size() <= kPaddedBytes)) {
      std::memcpy(Room(kPaddedBytes), text.data() + from, kPaddedBytes);
      cursor_ += k;
    } else {
      Put(text.data() + from, k);
    }
  }
  void Wrote(size_t k) { cursor_ += k; }
  void Finish() { s_->resize(cursor_ - s_->data()); }

 private:
  ABSL_ATTRIBUTE_NOINLINE void Grow(size_t k) {
    const size_t n = cursor_ - s_->data();
    s_->resize(std::max(n + k, 2 * s_->size() + 256));
    cursor_ = s_->data() + n;
    end_ = s_->data() + s_->size();
  }

  std::string* s_;
  char* cursor_;
  char* end_;
};

// Escapes of the code points below 0x80 that protobuf escapes (nullptr:
// written as is).
struct AsciiEscapes {
  const char* text[128] = {};
  bool plain[256] = {};  // bytes below 0x80 written as they are
  AsciiEscapes() {
    static const char* const kControl[32] = {
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
        "\\u0006", "\\u0007", "\\b",     "\\t",     "\\n",     "\\u000b",
        "\\f",     "\\r",     "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
        "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d",
        "\\u001e", "\\u001f"};
    for (int c = 0; c < 32; ++c) text[c] = kControl[c];
    text[int{'"'}] = "\\\"";
    text[int{'\\'}] = "\\\\";
    text[int{'<'}] = "\\u003c";
    text[int{'>'}] = "\\u003e";
    text[0x7f] = "\\u007f";
    for (int c = 0; c < 128; ++c) plain[c] = text[c] == nullptr;
  }
};
const AsciiEscapes kAscii;

constexpr char kHex[] = "0123456789abcdef";

void PutU(uint32_t unit, Buffer* out) {
  const char text[6] = {'\\',
                        'u',
                        kHex[(unit >> 12) & 0xf],
                        kHex[(unit >> 8) & 0xf],
                        kHex[(unit >> 4) & 0xf],
                        kHex[unit & 0xf]};
  out->Put(text, 6);
}

// Whether protobuf writes the code point (0x80 and above) as \u escapes.
bool EscapedAbove7F(uint32_t cp) {
  if (cp < 0xa0) return true;  // C1 controls
  switch (cp) {
    case 0x00ad:
    case 0x06dd:
    case 0x070f:
    case 0x17b4:
    case 0x17b5:
    case 0xfeff:
    case 0xfff9:
    case 0xfffa:
    case 0xfffb:
    case 0xe0001:
      return true;
    default:
      return (cp >= 0x0600 && cp <= 0x0603) || (cp >= 0x200b && cp <= 0x200f) ||
             (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x2064) ||
             (cp >= 0x206a && cp <= 0x206f) ||
             (cp >= 0x1d173 && cp <= 0x1d17a) ||
             (cp >= 0xe0020 && cp <= 0xe007f);
  }
}

inline bool Continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

// The first byte at or after `p` that is not copied as it is (below 0x20,
// '"', '\\', '<', '>', 0x7f, or not ASCII), or `end`.
// kPadded: at least kPaddedBytes readable bytes follow `end` (the wire
// buffer's slack); the last partial block is then read whole, the bytes
// past `end` left out of the result.
template <bool kPadded>
const unsigned char* SkipPlain(const unsigned char* p,
                               const unsigned char* const end) {
#ifdef __SSE2__
  // 16 bytes at a time: as signed bytes, the ones below 0x20 and the ones
  // above 0x7f are both less than 0x20.
  const __m128i space = _mm_set1_epi8(0x20);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i less = _mm_set1_epi8('<');
  const __m128i greater = _mm_set1_epi8('>');
  const __m128i del = _mm_set1_epi8(0x7f);
  // The bytes of the 16 at `p` that are not copied as they are, as a mask.
  auto special = [&](const unsigned char* at) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
        _mm_or_si128(_mm_cmplt_epi8(v, space),
                     _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                  _mm_cmpeq_epi8(v, backslash))),
        _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, less), _mm_cmpeq_epi8(v, greater)),
            _mm_cmpeq_epi8(v, del)))));
  };
  for (; end - p >= 16; p += 16) {
    if (const unsigned mask = special(p); mask != 0) {
      return p + __builtin_ctz(mask);
    }
  }
  if constexpr (kPadded) {
    if (p == end) return end;
    const unsigned mask = special(p) & ((1u << (end - p)) - 1);
    return mask != 0 ? p + __builtin_ctz(mask) : end;
  }
#endif
  while (p < end && kAscii.plain[*p]) ++p;
  return p;
}

// Puts `text` as a quoted JSON string. False when it is not valid UTF-8
// (protobuf's printer drops such bytes in its own way; the caller lets it).
// kPadded: at least kPaddedBytes readable bytes follow `text` (it is in the
// wire buffer); a short one is then copied with one fixed-size copy.
template <bool kPadded>
bool PutString(absl::string_view text, Buffer* out) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const unsigned char* const end = p + text.size();
  const unsigned char* run = p;  // start of what is not yet written
  p = SkipPlain<kPadded>(p, end);
  if (p == end) {  // nothing to escape: the usual case
    if (kPadded && text.size() <= kPaddedBytes - 2) {
      // One fixed-size copy; the closing quote overwrites what follows.
      char* to = out->Room(kPaddedBytes + 1);
      to[0] = '"';
      std::memcpy(to + 1, text.data(), kPaddedBytes - 2);
      to[text.size() + 1] = '"';
    } else {
      char* to = out->Room(text.size() + 2);
      to[0] = '"';
      CopyShort(to + 1, text.data(), text.size());
      to[text.size() + 1] = '"';
    }
    out->Wrote(text.size() + 2);
    return true;
  }
  out->Put('"');
  auto flush = [&] { out->Put(reinterpret_cast<const char*>(run), p - run); };
  while (p < end) {
    p = SkipPlain<kPadded>(p, end);
    if (p == end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      flush();
      out->Put(kAscii.text[c], std::strlen(kAscii.text[c]));
      run = ++p;
      continue;
    }
    // A sequence of 2 to 4 bytes, in the shortest form, no surrogates, at
    // most U+10FFFF.
    uint32_t cp;
    int length;
    const size_t left = end - p;
    if (c >= 0xc2 && c <= 0xdf) {
      if (left < 2 || !Continuation(p[1])) return false;
      cp = ((c & 0x1f) << 6) | (p[1] & 0x3f);
      length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      if (left < 3 || !Continuation(p[1]) || !Continuation(p[2])) return false;
      if (c == 0xe0 && p[1] < 0xa0) return false;
      if (c == 0xed && p[1] > 0x9f) return false;
      cp = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
      length = 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      if (left < 4 || !Continuation(p[1]) || !Continuation(p[2]) ||
          !Continuation(p[3])) {
        return false;
      }
      if (c == 0xf0 && p[1] < 0x90) return false;
      if (c == 0xf4 && p[1] > 0x8f) return false;
      cp = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) |
           (p[3] & 0x3f);
      length = 4;
    } else {
      return false;
    }
    if (EscapedAbove7F(cp)) {
      flush();
      if (cp < 0x10000) {
        PutU(cp, out);
      } else {
        PutU(0xd800 + ((cp - 0x10000) >> 10), out);
        PutU(0xdc00 + (cp & 0x3ff), out);
      }
      run = p + length;
    }
    p += length;
  }
  flush();
  out->Put('"');
  return true;
}

void PutBase64(absl::string_view bytes, Buffer* out) {
  static constexpr char kDigits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  size_t n = bytes.size();
  out->Put('"');
  for (; n >= 3; n -= 3, p += 3) {
    const uint32_t v = (p[0] << 16) | (p[1] << 8) | p[2];
    const char quad[4] = {kDigits[v >> 18], kDigits[(v >> 12) & 63],
                          kDigits[(v >> 6) & 63], kDigits[v & 63]};
    out->Put(quad, 4);
  }
  if (n > 0) {
    const uint32_t v = (p[0] << 16) | (n == 2 ? p[1] << 8 : 0);
    const char quad[4] = {kDigits[v >> 18], kDigits[(v >> 12) & 63],
                          n == 2 ? kDigits[(v >> 6) & 63] : '=', '='};
    out->Put(quad, 4);
  }
  out->Put('"');
}

// `width` digits of `value`, zero-padded.
void PutDigits(uint32_t value, int width, Buffer* out) {
  char* text = out->Room(width);
  for (int i = width - 1; i >= 0; --i) {
    text[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out->Wrote(width);
}

template <typename Int>
void PutNumber(Int number, Buffer* out) {
  char* text = out->Room(absl::numbers_internal::kFastToBufferSize);
  out->Wrote(absl::numbers_internal::FastIntToBuffer(number, text) - text);
}

template <typename Int>
void PutQuotedNumber(Int number, Buffer* out) {
  char* text = out->Room(absl::numbers_internal::kFastToBufferSize + 2);
  text[0] = '"';
  char* end = absl::numbers_internal::FastIntToBuffer(number, text + 1);
  *end = '"';
  out->Wrote(end + 1 - text);
}

// ".123", ".123456" or ".123456789" (nothing for 0): as few groups of
// three digits as show the nanoseconds exactly.
void PutNanos(uint32_t nanos, Buffer* out) {
  if (nanos == 0) return;
  out->Put('.');
  if (nanos % 1000000 == 0) {
    PutDigits(nanos / 1000000, 3, out);
  } else if (nanos % 1000 == 0) {
    PutDigits(nanos / 1000, 6, out);
  } else {
    PutDigits(nanos, 9, out);
  }
}

constexpr int64_t kTimestampMinSeconds = -62135596800;  // 0001-01-01
constexpr int64_t kTimestampMaxSeconds = 253402300799;  // 9999-12-31 23:59:59
constexpr int64_t kDurationMaxSeconds = 315576000000;   // 10,000 years

// "2024-05-01T00:00:00.500Z". False out of protobuf's range.
bool PutTimestamp(int64_t seconds, int32_t nanos, Buffer* out) {
  if (seconds < kTimestampMinSeconds || seconds > kTimestampMaxSeconds ||
      nanos < 0 || nanos > 999999999) {
    return false;
  }
  int64_t days = seconds / 86400;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    --days;
  }
  // The civil date of a day count from 1970-01-01 (proleptic Gregorian).
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era = (day_of_era - day_of_era / 1460 +
                               day_of_era / 36524 - day_of_era / 146096) /
                              365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int64_t day = day_of_year - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  out->Put('"');
  PutDigits(static_cast<uint32_t>(year), 4, out);
  out->Put('-');
  PutDigits(static_cast<uint32_t>(month), 2, out);
  out->Put('-');
  PutDigits(static_cast<uint32_t>(day), 2, out);
  out->Put('T');
  PutDigits(static_cast<uint32_t>(second_of_day / 3600), 2, out);
  out->Put(':');
  PutDigits(static_cast<uint32_t>(second_of_day / 60 % 60), 2, out);
  out->Put(':');
  PutDigits(static_cast<uint32_t>(second_of_day % 60), 2, out);
  PutNanos(static_cast<uint32_t>(nanos), out);
  out->Put("Z\"");
  return true;
}

// "3600s", "-1.500s". False out of protobuf's range, and for positive
// seconds with negative nanos (which protobuf prints as garbage).
bool PutDuration(int64_t seconds, int32_t nanos, Buffer* out) {
  if (seconds < -kDurationMaxSeconds || seconds > kDurationMaxSeconds ||
      nanos <= -1000000000 || nanos >= 1000000000 ||
      (seconds < 0 && nanos > 0) || (seconds > 0 && nanos < 0)) {
    return false;
  }
  out->Put('"');
  if (seconds < 0 || nanos < 0) out->Put('-');
  PutNumber(seconds < 0 ? -seconds : seconds, out);
  PutNanos(static_cast<uint32_t>(nanos < 0 ? -nanos : nanos), out);
  out->Put("s\"");
  return true;
}

// Reading the wire format. Every reader advances `p` and returns false
// past `end` or on a malformed value.
bool ReadLongVarint(const char*& p, const char* end, uint64_t* value) {
  uint64_t v = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (p == end) return false;
    const uint8_t byte = static_cast<uint8_t>(*p++);
    v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if (byte < 0x80) {
      *value = v;
      return true;
    }
  }
  return false;
}

inline bool ReadVarint(const char*& p, const char* end, uint64_t* value) {
  if (p < end && static_cast<uint8_t>(*p) < 0x80) {  // most tags and sizes
    *value = static_cast<uint8_t>(*p++);
    return true;
  }
  return ReadLongVarint(p, end, value);
}

bool ReadFixed(const char*& p, const char* end, int bytes, uint64_t* value) {
  if (end - p < bytes) return false;
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) {
    v = (v << 8) | static_cast<uint8_t>(p[i]);
  }
  p += bytes;
  *value = v;
  return true;
}

// A length-delimited payload: [*begin, *stop).
bool ReadLength(const char*& p, const char* end, const char** begin,
                const char** stop) {
  uint64_t length;
  if (!ReadVarint(p, end, &length) || length > static_cast<uint64_t>(end - p)) {
    return false;
  }
  *begin = p;
  p += length;
  *stop = p;
  return true;
}

// One number of a field, as its raw 64 bits (sint: decoded).
bool ReadNumber(JsonWire wire, const char*& p, const char* end,
                uint64_t* value) {
  switch (wire) {
    case JsonWire::kVarint:
      return ReadVarint(p, end, value);
    case JsonWire::kZigZag:
      if (!ReadVarint(p, end, value)) return false;
      *value = (*value >> 1) ^ (~(*value & 1) + 1);
      return true;
    case JsonWire::kFixed32:
      return ReadFixed(p, end, 4, value);
    case JsonWire::kFixed64:
      return ReadFixed(p, end, 8, value);
    case JsonWire::kLength:
      return false;
  }
  return false;
}

// Skips a value of wire type `type`. Groups are refused.
bool SkipValue(uint32_t type, const char*& p, const char* end) {
  uint64_t ignored;
  const char* begin;
  const char* stop;
  switch (type) {
    case 0:
      return ReadVarint(p, end, &ignored);
    case 1:
      return ReadFixed(p, end, 8, &ignored);
    case 2:
      return ReadLength(p, end, &begin, &stop);
    case 5:
      return ReadFixed(p, end, 4, &ignored);
    default:
      return false;
  }
}

uint32_t WireType(JsonWire wire) {
  switch (wire) {
    case JsonWire::kVarint:
    case JsonWire::kZigZag:
      return 0;
    case JsonWire::kFixed64:
      return 1;
    case JsonWire::kLength:
      return 2;
    case JsonWire::kFixed32:
      return 5;
  }
  return 7;
}

// Prints a message from its wire form (as the generated serializer writes
// it: fields in number order, the elements of a repeated field together).
class Writer {
 public:
  Writer(Buffer* out, std::vector<const char*>* slots)
      : out_(out), slots_(slots) {}

  // False when the message holds something not printed here.
  bool Object(const JsonTable& table, const char* p, const char* end) {
    // Deeper than protobuf's printer goes (it stops at 100 levels).
    if (++depth_ > kMaxDepth) return false;
    // Where each trailing field (each field, for a table whose placed
    // fields are not in number order) begins and ends on the wire.
    const size_t base = slots_->size();
    if (table.slot_count > 0) {
      slots_->resize(base + 2 * table.slot_count, nullptr);
    }
    first_ = true;
    out_->Put('{');
    if (table.in_number_order) {
      // One pass: each placed field printed as it comes, the absent ones
      // before it printed as absent.
      size_t next = 0;  // the next placed field to print
      while (p < end) {
        const char* value = p;
        uint32_t type;
        const JsonField* f = FieldAt(table, value, end, &type);
        if (f == nullptr) return false;
        if (f->trailing) {
          if (!Skip(*f, base, p, end)) return false;
          continue;
        }
        if (f->position < next) return false;  // a field in two places
        for (; next < f->position; ++next) Absent(table.placed[next]);
        ++next;
        if (f->repeated) {
          if (!Present(*f, p, end)) return false;
          continue;
        }
        // A single value: its tag is read already.
        Key(*f);
        if (type != f->wire_type || !Value(*f, value, end)) return false;
        p = value;
      }
      for (; next < table.placed.size(); ++next) Absent(table.placed[next]);
    } else {
      while (p < end) {
        const char* value = p;
        uint32_t type;
        const JsonField* f = FieldAt(table, value, end, &type);
        if (f == nullptr || !Skip(*f, base, p, end)) return false;
      }
      for (const JsonField& f : table.placed) {
        const char* begin = (*slots_)[base + 2 * f.slot];
        if (begin == nullptr) {
          Absent(f);
        } else if (!Present(f, begin, (*slots_)[base + 2 * f.slot + 1])) {
          return false;
        }
      }
    }
    for (const JsonField& f : table.trailing) {
      const char* begin = (*slots_)[base + 2 * f.slot];
      if (begin != nullptr &&
          !Present(f, begin, (*slots_)[base + 2 * f.slot + 1])) {
        return false;
      }
    }
    out_->Put('}');
    first_ = false;
    if (table.slot_count > 0) slots_->resize(base);
    --depth_;
    return true;
  }

 private:
  static constexpr int kMaxDepth = 64;

  // The field whose tag is at `p`, read (`*type`: its wire type); nullptr
  // for an unknown one.
  static const JsonField* FieldAt(const JsonTable& table, const char*& p,
                                  const char* end, uint32_t* type) {
    uint64_t tag;
    if (!ReadVarint(p, end, &tag)) return nullptr;
    const uint64_t number = tag >> 3;
    if (number >= table.field_of_number.size()) return nullptr;
    *type = static_cast<uint32_t>(tag & 7);
    return table.field_of_number[number];
  }

  // Whether the tag at `p` is one of field `f`'s; if so, reads it.
  static bool NextIs(const JsonField& f, const char*& p, const char* end,
                     uint32_t* type) {
    const char* q = p;
    uint64_t tag;
    if (p == end || !ReadVarint(q, end, &tag) || (tag >> 3) != f.number) {
      return false;
    }
    p = q;
    *type = static_cast<uint32_t>(tag & 7);
    return true;
  }

  // Records where the field's occurrences at `p` are and skips them.
  bool Skip(const JsonField& f, size_t base, const char*& p, const char* end) {
    const char** span = slots_->data() + base + 2 * f.slot;
    if (span[0] != nullptr) return false;  // a field in two places
    span[0] = p;
    uint32_t type;
    while (NextIs(f, p, end, &type)) {
      if (!SkipValue(type, p, end)) return false;
    }
    span[1] = p;
    return true;
  }

  void Key(const JsonField& f) {
    const size_t comma = first_ ? 1 : 0;
    out_->Put(f.key, comma);
    first_ = false;
  }

  void Absent(const JsonField& f) {
    if (f.kind == JsonKind::kMessage && !f.repeated) return;
    const size_t comma = first_ ? 1 : 0;
    out_->Put(f.key_absent, comma);
    first_ = false;
  }

  // The field's occurrences at `p`, read up to the next field's tag.
  bool Present(const JsonField& f, const char*& p, const char* end) {
    Key(f);
    uint32_t type;
    if (!f.repeated) {
      if (!NextIs(f, p, end, &type) || type != f.wire_type) return false;
      return Value(f, p, end);
    }
    out_->Put('[');
    bool first = true;
    while (NextIs(f, p, end, &type)) {
      if (type == 2 && f.wire != JsonWire::kLength) {  // packed numbers
        const char* begin;
        const char* stop;
        if (!ReadLength(p, end, &begin, &stop)) return false;
        while (begin < stop) {
          if (!first) out_->Put(',');
          first = false;
          if (!Value(f, begin, stop)) return false;
        }
        continue;
      }
      if (type != f.wire_type) return false;
      if (!first) out_->Put(',');
      first = false;
      if (!Value(f, p, end)) return false;
    }
    out_->Put(']');
    return true;
  }

  // One value (after its tag, or inside a packed run).
  bool Value(const JsonField& f, const char*& p, const char* end) {
    if (f.wire != JsonWire::kLength) {
      uint64_t v;
      if (!ReadNumber(f.wire, p, end, &v)) return false;
      switch (f.kind) {
        case JsonKind::kInt32:
          PutNumber(static_cast<int32_t>(v), out_);
          return true;
        case JsonKind::kUInt32:
          PutNumber(static_cast<uint32_t>(v), out_);
          return true;
        case JsonKind::kInt64:
          PutQuotedNumber(static_cast<int64_t>(v), out_);
          return true;
        case JsonKind::kUInt64:
          PutQuotedNumber(v, out_);
          return true;
        case JsonKind::kBool:
          out_->Put(v != 0 ? absl::string_view("true")
                           : absl::string_view("false"));
          return true;
        case JsonKind::kEnum: {
          const int32_t number = static_cast<int32_t>(v);
          auto name = f.names->find(number);
          if (name == f.names->end()) {
            PutNumber(number, out_);
          } else {
            out_->Put(name->second, 0);
          }
          return true;
        }
        default:
          return false;
      }
    }
    const char* begin;
    const char* stop;
    if (!ReadLength(p, end, &begin, &stop)) return false;
    switch (f.kind) {
      case JsonKind::kString:
        return PutString<true>(absl::string_view(begin, stop - begin), out_);
      case JsonKind::kBytes:
        PutBase64(absl::string_view(begin, stop - begin), out_);
        return true;
      case JsonKind::kMessage:
        return Object(*f.table, begin, stop);
      case JsonKind::kTimestamp:
      case JsonKind::kDuration: {
        uint64_t seconds = 0;
        uint64_t nanos = 0;
        while (begin < stop) {
          uint64_t tag;
          if (!ReadVarint(begin, stop, &tag)) return false;
          if (tag == (1 << 3)) {
            if (!ReadVarint(begin, stop, &seconds)) return false;
          } else if (tag == (2 << 3)) {
            if (!ReadVarint(begin, stop, &nanos)) return false;
          } else {
            return false;
          }
        }
        return f.kind == JsonKind::kTimestamp
                   ? PutTimestamp(static_cast<int64_t>(seconds),
                                  static_cast<int32_t>(nanos), out_)
                   : PutDuration(static_cast<int64_t>(seconds),
                                 static_cast<int32_t>(nanos), out_);
      }
      default:
        return false;
    }
  }

  Buffer* out_;
  // Two pointers (begin, end) per field of each message being printed.
  std::vector<const char*>* slots_;
  int depth_ = 0;
  bool first_ = true;  // no field printed yet in the innermost object
};

// Field numbers above this make a type unsupported (the number-to-field
// table is an array).
constexpr int kMaxFieldNumber = 4096;

// The tables of every message type printed so far, and the printers.
class Registry {
 public:
  static Registry& Get() {
    static Registry* registry = new Registry;
    return *registry;
  }

  const JsonPrinter* Find(const Descriptor* type) {
    absl::ReaderMutexLock lock(&mu_);
    auto it = printers_.find(type);
    return it == printers_.end() ? nullptr : it->second.get();
  }

  // Makes the tables of `type` and what it reaches; calls `make` with the
  // root table and its support, and keeps the printer it returns.
  template <typename Make>
  const JsonPrinter& Add(const Descriptor* type, Make make) {
    absl::MutexLock lock(&mu_);
    auto it = printers_.find(type);
    if (it != printers_.end()) return *it->second;
    const JsonTable* root = Table(type);
    // The first unsupported field of any table reached.
    absl::Status support;
    std::vector<const JsonTable*> stack = {root};
    absl::flat_hash_set<const JsonTable*> seen = {root};
    while (!stack.empty() && support.ok()) {
      const JsonTable* t = stack.back();
      stack.pop_back();
      support = t->support;
      for (const JsonTable* child : t->children) {
        if (seen.insert(child).second) stack.push_back(child);
      }
    }
    std::unique_ptr<JsonPrinter>& printer = printers_[type];
    printer.reset(make(root, std::move(support)));
    return *printer;
  }

 private:
  static absl::Status Unsupported(const FieldDescriptor* field,
                                  absl::string_view why) {
    return absl::UnimplementedError(
        absl::StrCat(field->full_name(), ": ", why));
  }

  // A JSON string of `text` (names from descriptors).
  static std::string Quoted(absl::string_view text) {
    std::string quoted;
    Buffer buffer(&quoted, 0);
    if (!PutString<false>(text, &buffer)) return "";
    buffer.Finish();
    return quoted;
  }

  const absl::flat_hash_map<int32_t, PaddedText>* Names(
      const google::protobuf::EnumDescriptor* type)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    auto& names = names_[type];
    if (names == nullptr) {
      names = std::make_unique<absl::flat_hash_map<int32_t, PaddedText>>();
      // The first name of a number, as protobuf's printer.
      for (int i = 0; i < type->value_count(); ++i) {
        names->emplace(type->value(i)->number(),
                       PaddedText(Quoted(type->value(i)->name())));
      }
    }
    return names.get();
  }

  // Fills `f` for `field`; an error when it is not supported.
  absl::Status Describe(const FieldDescriptor* field, JsonTable* table,
                        JsonField* f) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    f->repeated = field->is_repeated();
    f->wire = JsonWire::kVarint;
    switch (field->type()) {
      case FieldDescriptor::TYPE_INT32:
        f->kind = JsonKind::kInt32;
        f->absent = "0";
        break;
      case FieldDescriptor::TYPE_SINT32:
        f->kind = JsonKind::kInt32;
        f->wire = JsonWire::kZigZag;
        f->absent = "0";
        break;
      case FieldDescriptor::TYPE_SFIXED32:
        f->kind = JsonKind::kInt32;
        f->wire = JsonWire::kFixed32;
        f->absent = "0";
        break;
      case FieldDescriptor::TYPE_INT64:
        f->kind = JsonKind::kInt64;
        f->absent = "\"0\"";
        break;
      case FieldDescriptor::TYPE_SINT64:
        f->kind = JsonKind::kInt64;
        f->wire = JsonWire::kZigZag;
        f->absent = "\"0\"";
        break;
      case FieldDescriptor::TYPE_SFIXED64:
        f->kind = JsonKind::kInt64;
        f->wire = JsonWire::kFixed64;
        f->absent = "\"0\"";
        break;
      case FieldDescriptor::TYPE_UINT32:
        f->kind = JsonKind::kUInt32;
        f->absent = "0";
        break;
      case FieldDescriptor::TYPE_FIXED32:
        f->kind = JsonKind::kUInt32;
        f->wire = JsonWire::kFixed32;
        f->absent = "0";
        break;
      case FieldDescriptor::TYPE_UINT64:
        f->kind = JsonKind::kUInt64;
        f->absent = "\"0\"";
        break;
      case FieldDescriptor::TYPE_FIXED64:
        f->kind = JsonKind::kUInt64;
        f->wire = JsonWire::kFixed64;
        f->absent = "\"0\"";
        break;
      case FieldDescriptor::TYPE_BOOL:
        f->kind = JsonKind::kBool;
        f->absent = "false";
        break;
      case FieldDescriptor::TYPE_STRING:
        f->kind = JsonKind::kString;
        f->wire = JsonWire::kLength;
        f->absent = "\"\"";
        break;
      case FieldDescriptor::TYPE_BYTES:
        f->kind = JsonKind::kBytes;
        f->wire = JsonWire::kLength;
        f->absent = "\"\"";
        break;
      case FieldDescriptor::TYPE_ENUM:
        if (field->enum_type()->full_name() == "google.protobuf.NullValue") {
          return Unsupported(field, "printed as null");
        }
        f->kind = JsonKind::kEnum;
        f->names = Names(field->enum_type());
        // Unset, it is printed as the enum's first value.
        f->absent = Quoted(field->enum_type()->value(0)->name());
        break;
      case FieldDescriptor::TYPE_FLOAT:
      case FieldDescriptor::TYPE_DOUBLE:
        return Unsupported(field, "a float or double field");
      case FieldDescriptor::TYPE_GROUP:
        return Unsupported(field, "a group");
      case FieldDescriptor::TYPE_MESSAGE: {
        const Descriptor* message = field->message_type();
        const std::string& name = message->full_name();
        f->wire = JsonWire::kLength;
        if (field->is_map()) return Unsupported(field, "a map field");
        if (name == "google.protobuf.Timestamp") {
          f->kind = JsonKind::kTimestamp;
        } else if (name == "google.protobuf.Duration") {
          f->kind = JsonKind::kDuration;
        } else if (message->file()->name().rfind("google/protobuf/", 0) == 0 &&
                   name != "google.protobuf.Empty") {
          return Unsupported(field,
                             absl::StrCat("a well-known type (", name,
                                          ") printed in a form of its own"));
        } else {
          f->kind = JsonKind::kMessage;
          f->table = Table(message);
          table->children.push_back(f->table);
        }
        break;
      }
    }
    if (f->repeated) f->absent = "[]";
    const std::string key = Quoted(field->json_name());
    if (key.empty()) return Unsupported(field, "JSON name is not UTF-8");
    f->key = PaddedText(absl::StrCat(",", key, ":"));
    f->key_absent = PaddedText(absl::StrCat(f->key.view(), f->absent));
    return absl::OkStatus();
  }

  const JsonTable* Table(const Descriptor* type)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    std::unique_ptr<JsonTable>& slot = tables_[type];
    if (slot != nullptr) return slot.get();
    slot = std::make_unique<JsonTable>();
    JsonTable* table = slot.get();  // stays put while `tables_` grows
    table->type = type;
    if (type->file()->syntax() !=
        google::protobuf::FileDescriptor::SYNTAX_PROTO3) {
      table->support = absl::UnimplementedError(
          absl::StrCat(type->full_name(), ": not a proto3 message"));
      return table;
    }
    int max_number = 0;
    for (int i = 0; i < type->field_count(); ++i) {
      max_number = std::max(max_number, type->field(i)->number());
    }
    if (max_number > kMaxFieldNumber) {
      table->support = absl::UnimplementedError(absl::StrCat(
          type->full_name(), ": field numbers above ", kMaxFieldNumber));
      return table;
    }
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* field = type->field(i);
      JsonField f;
      f.number = static_cast<uint32_t>(field->number());
      absl::Status status = Describe(field, table, &f);
      if (!status.ok()) {
        if (table->support.ok()) table->support = std::move(status);
        continue;
      }
      f.wire_type = WireType(f.wire);
      // Printed after the others when set: a oneof member or proto3
      // `optional` field that is not a message, and a Timestamp or
      // Duration field.
      f.trailing = !f.repeated && ((field->containing_oneof() != nullptr &&
                                    f.kind != JsonKind::kMessage) ||
                                   f.kind == JsonKind::kTimestamp ||
                                   f.kind == JsonKind::kDuration);
      std::vector<JsonField>& list =
          f.trailing ? table->trailing : table->placed;
      f.position = list.size();
      if (!f.trailing && !list.empty() && list.back().number > f.number) {
        table->in_number_order = false;
      }
      list.push_back(std::move(f));
    }
    // Spans: for the trailing fields only, when one pass prints the
    // placed ones.
    for (JsonField& f : table->trailing) f.slot = table->slot_count++;
    if (!table->in_number_order) {
      for (JsonField& f : table->placed) f.slot = table->slot_count++;
    }
    std::sort(table->trailing.begin(), table->trailing.end(),
              [](const JsonField& a, const JsonField& b) {
                return a.number < b.number;
              });
    // Both lists are final: point into them.
    table->field_of_number.assign(max_number + 1, nullptr);
    for (const std::vector<JsonField>* list :
         {&table->placed, &table->trailing}) {
      for (const JsonField& f : *list) table->field_of_number[f.number] = &f;
    }
    return table;
  }

  absl::Mutex mu_;
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<JsonTable>> tables_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<const google::protobuf::EnumDescriptor*,
                      std::unique_ptr<absl::flat_hash_map<int32_t, PaddedText>>>
      names_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<const Descriptor*, std::unique_ptr<JsonPrinter>> printers_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace

const JsonPrinter& JsonPrinter::For(const Descriptor* type) {
  Registry& registry = Registry::Get();
  if (const JsonPrinter* printer = registry.Find(type)) return *printer;
  return registry.Add(type, [](const JsonTable* root, absl::Status support) {
    return new JsonPrinter(root, std::move(support));
  });
}

bool JsonPrinter::Print(const Message& message, std::string* out) const {
  const size_t start = out->size();
  if (support_.ok()) {
    // The wire form and the field spans, kept by each thread for the next
    // message.
    // (The wire buffer only grows, and is not cleared first. Past its
    // capacity it has kWireSlack bytes, zeros, that strings at its end may
    // be read into: see PaddedText, SkipPlain.)
    constexpr size_t kWireSlack = 64;
    static_assert(kWireSlack >= kPaddedBytes && kWireSlack >= 16);
    thread_local std::unique_ptr<char[]> wire;
    thread_local size_t wire_capacity = 0;
    thread_local std::vector<const char*> slots;
    slots.clear();
    const size_t size = message.ByteSizeLong();
    if (size <= static_cast<size_t>(std::numeric_limits<int>::max())) {
      if (size > wire_capacity) {
        wire_capacity = std::max(size, 2 * wire_capacity);
        wire.reset(new char[wire_capacity + kWireSlack]());
      }
      message.SerializeWithCachedSizesToArray(
          reinterpret_cast<uint8_t*>(wire.get()));
      out->resize(start + size_hint_.load(std::memory_order_relaxed));
      Buffer buffer(out, start);
      const bool printed = Writer(&buffer, &slots)
                               .Object(*table_, wire.get(), wire.get() + size);
      buffer.Finish();
      if (printed) {
        size_hint_.store(out->size() - start, std::memory_order_relaxed);
        return true;
      }
      out->resize(start);
    }
  }
  AppendProtobufJson(message, out);
  return false;
}

void AppendProtobufJson(const Message& message, std::string* out) {
  google::protobuf::util::JsonPrintOptions options;
  options.always_print_primitive_fields = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  out->append(json);
}

}  // namespace remit::service::http
