// Fuzzes the exact money parsers and Money x Rate, against an independent
// reference written with decimal strings (no int64, no int128).
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "absl/strings/str_cat.h"
#include "engine/money/money.h"
#include "engine/money/percent.h"
#include "engine/money/rate.h"
#include "fuzz/invariants.h"

namespace {

using remit::fuzz::Require;

// Decimal strings without sign or leading zeros ("0" for zero).
std::string Strip(std::string digits) {
  size_t first = digits.find_first_not_of('0');
  return first == std::string::npos ? "0" : digits.substr(first);
}

std::string Multiply(const std::string& a, const std::string& b) {
  std::string out(a.size() + b.size(), 0);
  std::vector<int> acc(a.size() + b.size(), 0);
  for (int i = static_cast<int>(a.size()) - 1; i >= 0; --i) {
    for (int j = static_cast<int>(b.size()) - 1; j >= 0; --j) {
      acc[i + j + 1] += (a[i] - '0') * (b[j] - '0');
    }
  }
  for (int k = static_cast<int>(acc.size()) - 1; k > 0; --k) {
    acc[k - 1] += acc[k] / 10;
    acc[k] %= 10;
  }
  for (size_t k = 0; k < acc.size(); ++k)
    out[k] = static_cast<char>('0' + acc[k]);
  return Strip(out);
}

// Does the decimal string fit in int64 (as a magnitude, given the sign)?
bool FitsInt64(const std::string& digits, bool negative) {
  const std::string limit =
      negative ? "9223372036854775808" : "9223372036854775807";
  if (digits.size() != limit.size()) return digits.size() < limit.size();
  return digits <= limit;
}

// The reference for "[-]digits[.digits]" at `scale` fractional digits:
// the scaled integer as a decimal string, or "" when the text has more
// fractional digits than the scale (ignoring trailing zeros).
bool PlainDecimal(const std::string& text, bool* negative, std::string* whole,
                  std::string* fraction) {
  size_t i = 0;
  *negative = !text.empty() && text[0] == '-';
  if (*negative) i = 1;
  size_t dot = text.find('.', i);
  *whole =
      text.substr(i, dot == std::string::npos ? std::string::npos : dot - i);
  *fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  if (whole->empty() || (dot != std::string::npos && fraction->empty())) {
    return false;
  }
  for (char c : *whole + *fraction) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

void CheckRateAgainstReference(const std::string& text) {
  bool negative;
  std::string whole, fraction;
  if (!PlainDecimal(text, &negative, &whole, &fraction)) return;
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  absl::StatusOr<remit::Rate> rate = remit::Rate::FromString(text);
  if (fraction.size() > 12) {
    Require(!rate.ok(), "more than 12 decimals refused");
    return;
  }
  const std::string scaled =
      Strip(whole + fraction + std::string(12 - fraction.size(), '0'));
  if (negative || scaled == "0" || !FitsInt64(scaled, false)) {
    Require(!rate.ok(), "non-positive or huge rates refused");
    return;
  }
  Require(rate.ok(), "a plain positive rate parses");
  Require(absl::StrCat(rate->scaled()) == scaled, "rate value exact");
}

// Money x Rate, rounded half-even, by decimal strings.
void CheckConvertAgainstReference(const uint8_t* data, size_t size) {
  if (size < 16) return;
  int64_t amount;
  int64_t rate_scaled;
  std::memcpy(&amount, data, 8);
  std::memcpy(&rate_scaled, data + 8, 8);
  if (rate_scaled <= 0) return;
  const auto from = *remit::CurrencyCode::FromString(size % 2 ? "JPY" : "USD");
  const auto to = *remit::CurrencyCode::FromString(size % 3 ? "KWD" : "INR");
  const remit::Money money = remit::Money::FromMinorUnits(amount, from);
  const remit::Rate rate = *remit::Rate::FromScaled(rate_scaled);
  absl::StatusOr<remit::Money> converted = remit::Convert(money, rate, to);

  const bool negative = amount < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(amount)
                                      : static_cast<uint64_t>(amount);
  const std::string product =
      Multiply(absl::StrCat(magnitude), absl::StrCat(rate_scaled));
  const size_t drop = static_cast<size_t>(12 + from.exponent() - to.exponent());
  std::string quotient =
      product.size() > drop ? product.substr(0, product.size() - drop) : "0";
  std::string rest = product.size() > drop
                         ? product.substr(product.size() - drop)
                         : std::string(drop - product.size(), '0') + product;
  const std::string half = "5" + std::string(drop - 1, '0');
  bool up = rest > half || (rest == half && ((quotient.back() - '0') % 2 == 1));
  if (up) {  // quotient += 1, in decimal.
    int k = static_cast<int>(quotient.size()) - 1;
    while (k >= 0 && quotient[k] == '9') quotient[k--] = '0';
    if (k < 0) {
      quotient.insert(quotient.begin(), '1');
    } else {
      ++quotient[k];
    }
  }
  quotient = Strip(quotient);
  if (!FitsInt64(quotient, negative)) {
    Require(!converted.ok(), "overflowing conversions refused");
    return;
  }
  Require(converted.ok(), "a conversion that fits succeeds");
  const int64_t got = converted->minor_units();
  const std::string got_text =
      got < 0 ? absl::StrCat(0 - static_cast<uint64_t>(got))
              : absl::StrCat(got);
  Require(got_text == quotient && (got < 0) == (negative && quotient != "0"),
          "conversion equals the reference");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (absl::StatusOr<remit::Money> m = remit::Money::Parse(text); m.ok()) {
    absl::StatusOr<remit::Money> again = remit::Money::Parse(m->ToString());
    Require(again.ok() && *again == *m, "money prints back to itself");
  }
  if (absl::StatusOr<remit::Rate> r = remit::Rate::FromString(text); r.ok()) {
    Require(r->scaled() > 0, "rates are positive");
    Require(*remit::Rate::FromString(r->ToString()) == *r,
            "rate prints back to itself");
  }
  if (absl::StatusOr<remit::Percent> p = remit::Percent::FromString(text);
      p.ok()) {
    Require(*remit::Percent::FromString(p->ToString(9)) == *p,
            "percent prints back to itself");
  }
  CheckRateAgainstReference(text);
  CheckConvertAgainstReference(data, size);
  return 0;
}
