#include "engine/money/internal/fixed_point.h"

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/money/echo.h"

namespace remit::engine_internal {

namespace {

struct Powers {
  absl::int128 values[39];
  Powers() {
    values[0] = 1;
    for (int i = 1; i < 39; ++i) values[i] = values[i - 1] * 10;
  }
};

}  // namespace

absl::int128 Pow10Wide(int n) {
  static const Powers* const kPowers = new Powers();
  if (n < 0 || n > 38) std::abort();
  return kPowers->values[n];
}

namespace {

absl::Status Malformed(absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("is not a decimal number (", why, ")"));
}

// Reads the integer part, enforcing well-formed thousands groups when they
// are allowed. Appends digits to `digits`.
absl::Status ReadIntegerPart(absl::string_view text, bool allow_grouping,
                             std::string* digits) {
  if (text.empty()) return Malformed("no digits before the decimal point");
  bool grouped = text.find(',') != absl::string_view::npos;
  if (grouped && !allow_grouping) {
    return Malformed(
        "',' is not accepted: a plain decimal has no thousands separator "
        "and '.' as its decimal point");
  }
  size_t group_len = 0;
  bool first_group = true;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ',') {
      if ((first_group && (group_len == 0 || group_len > 3)) ||
          (!first_group && group_len != 3)) {
        return Malformed("thousands groups must have three digits");
      }
      first_group = false;
      group_len = 0;
      continue;
    }
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return Malformed(absl::StrCat("unexpected character '",
                                    absl::string_view(&text[i], 1), "'"));
    }
    digits->push_back(c);
    ++group_len;
  }
  if (grouped && group_len != 3) {
    return Malformed("thousands groups must have three digits");
  }
  return absl::OkStatus();
}

}  // namespace

// The common case in data files (the general path below also words the
// errors).
bool ParsePlainScaled(absl::string_view text, const ParseOptions& options,
                      int64_t* out) {
  size_t i = 0;
  const bool negative = !text.empty() && text[0] == '-';
  if (negative) {
    if (!options.allow_negative) return false;
    i = 1;
  }
  if (i >= text.size() || text[i] < '0' || text[i] > '9') return false;
  int64_t value = 0;
  int digits = 0;
  int fraction = -1;  // Digits after the point; -1 before any point.
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      if (++digits > 18) return false;
      value = value * 10 + (c - '0');
      if (fraction >= 0) ++fraction;
    } else if (c == '.' && fraction < 0) {
      fraction = 0;
    } else {
      return false;
    }
  }
  if (fraction == 0) return false;  // "12." is malformed.
  const int shift = options.scale - (fraction < 0 ? 0 : fraction);
  if (shift < 0 || digits + shift > 18) return false;
  // At most 18 digits in all: the product fits int64.
  value *= static_cast<int64_t>(Pow10(shift));
  *out = negative ? -value : value;
  return true;
}

absl::StatusOr<int64_t> ParseScaled(absl::string_view text,
                                    const ParseOptions& options) {
  if (options.scale < 0 || options.scale > kMaxScale) std::abort();
  if (int64_t value; ParsePlainScaled(text, options, &value)) return value;
  if (text.empty()) return Malformed("empty");
  bool negative = false;
  if (text.front() == '-') {
    if (!options.allow_negative) {
      return absl::InvalidArgumentError("must not be negative");
    }
    negative = true;
    text.remove_prefix(1);
  }

  int exponent = 0;
  size_t e_pos = text.find_first_of("eE");
  if (e_pos != absl::string_view::npos) {
    if (!options.allow_exponent) return Malformed("no exponent allowed");
    absl::string_view exp_text = text.substr(e_pos + 1);
    text = text.substr(0, e_pos);
    bool exp_negative = false;
    if (!exp_text.empty() && (exp_text[0] == '-' || exp_text[0] == '+')) {
      exp_negative = exp_text[0] == '-';
      exp_text.remove_prefix(1);
    }
    if (exp_text.empty() || exp_text.size() > 3) {
      return Malformed("bad exponent");
    }
    for (char c : exp_text) {
      if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
        return Malformed("bad exponent");
      }
      exponent = exponent * 10 + (c - '0');
    }
    if (exp_negative) exponent = -exponent;
  }

  absl::string_view int_part = text;
  absl::string_view frac_part;
  size_t dot = text.find('.');
  bool has_dot = dot != absl::string_view::npos;
  if (has_dot) {
    int_part = text.substr(0, dot);
    frac_part = text.substr(dot + 1);
    if (frac_part.empty())
      return Malformed("no digits after the decimal point");
  }
  std::string digits;
  digits.reserve(text.size());
  if (absl::Status s =
          ReadIntegerPart(int_part, options.allow_grouping, &digits);
      !s.ok()) {
    return s;
  }
  for (char c : frac_part) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      return Malformed(absl::StrCat("unexpected character '",
                                    absl::string_view(&c, 1), "'"));
    }
    digits.push_back(c);
  }
  // value = digits * 10^(exponent - frac_len); scaled = value * 10^scale.
  int shift = options.scale + exponent - static_cast<int>(frac_part.size());
  // Drop trailing zeros that a negative shift would remove exactly.
  while (shift < 0 && !digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++shift;
  }
  if (shift < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("has more than ", options.scale, " fractional digit",
                     options.scale == 1 ? "" : "s"));
  }
  // Leading zeros do not count towards the size.
  size_t first_nonzero = digits.find_first_not_of('0');
  if (first_nonzero == std::string::npos) return 0;
  absl::string_view significant =
      absl::string_view(digits).substr(first_nonzero);
  const absl::int128 limit =
      negative ? -absl::int128(std::numeric_limits<int64_t>::min())
               : absl::int128(std::numeric_limits<int64_t>::max());
  if (significant.size() + shift > 19) {
    return absl::OutOfRangeError("is too large");
  }
  absl::int128 value = 0;
  for (char c : significant) value = value * 10 + (c - '0');
  value *= Pow10(shift);
  if (value > limit) return absl::OutOfRangeError("is too large");
  return static_cast<int64_t>(negative ? -value : value);
}

absl::StatusOr<int64_t> ParseQuantity(absl::string_view text,
                                      absl::string_view what,
                                      const ParseOptions& options) {
  absl::StatusOr<int64_t> value = ParseScaled(text, options);
  if (!value.ok()) {
    return absl::Status(
        value.status().code(),
        absl::StrCat(Echo(text), ": ", what, " ", value.status().message()));
  }
  return value;
}

namespace {

// "00", "01", ..., "99" back to back: two digits per table look-up.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

// Writes the last `count` decimal digits of `value` (zero-padded) so that
// they end just before `end`; returns where they begin. Four digits per
// 64-bit division, then two 32-bit table look-ups.
char* WriteDigitsBefore(char* end, uint64_t value, int count) {
  for (; count >= 4; count -= 4) {
    const uint32_t four = static_cast<uint32_t>(value % 10000);
    value /= 10000;
    end -= 4;
    std::memcpy(end, &kDigitPairs[2 * (four / 100)], 2);
    std::memcpy(end + 2, &kDigitPairs[2 * (four % 100)], 2);
  }
  if (count >= 2) {
    end -= 2;
    std::memcpy(end, &kDigitPairs[2 * (value % 100)], 2);
    value /= 100;
    count -= 2;
  }
  if (count == 1) *--end = static_cast<char>('0' + value % 10);
  return end;
}

int DigitCount(uint64_t value) {
  int count = 1;
  for (; value >= 100; value /= 100) count += 2;
  return value >= 10 ? count + 1 : count;
}

}  // namespace

std::string FormatScaled(int64_t value, int scale, int min_fraction_digits) {
  if (scale < 0 || scale > kMaxScale) std::abort();
  const bool negative = value < 0;
  // Via uint64 so that INT64_MIN negates safely.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value)
                                      : static_cast<uint64_t>(value);
  const uint64_t unit = static_cast<uint64_t>(Pow10(scale));
  const uint64_t whole = magnitude / unit;
  uint64_t fraction = magnitude % unit;
  // Trailing zeros go, down to `min_fraction_digits`: 16, 8, 4, 2, then 1
  // at a time, so that any count up to kMaxScale takes five tests.
  static_assert(kMaxScale < 16 + 8 + 4 + 2 + 1);
  int fraction_digits = scale;
  auto strip = [&](int zeros, uint64_t power) {
    if (fraction_digits - min_fraction_digits >= zeros &&
        fraction % power == 0) {
      fraction /= power;
      fraction_digits -= zeros;
    }
  };
  strip(16, 10'000'000'000'000'000);
  strip(8, 100'000'000);
  strip(4, 10'000);
  strip(2, 100);
  strip(1, 10);
  // Sign, at most 20 whole digits, the point, at most kMaxScale digits.
  char text[1 + 20 + 1 + kMaxScale];
  char* const end = text + sizeof(text);
  char* begin = WriteDigitsBefore(end, fraction, fraction_digits);
  if (fraction_digits > 0) *--begin = '.';
  begin = WriteDigitsBefore(begin, whole, DigitCount(whole));
  if (negative) *--begin = '-';
  return std::string(begin, end);
}

}  // namespace remit::engine_internal
