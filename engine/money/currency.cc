#include "engine/money/currency.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "engine/money/echo.h"

namespace remit {
namespace {

struct CurrencyInfo {
  const char* code;
  int exponent;
  bool withdrawn;
};

// ISO 4217 List One, sorted by code (a test checks the order).
//
// Where sources disagree on the exponent, remitrank follows ISO 4217:
// - IQD 3: ISO says 3 (fils); Iraqi banks and many providers quote whole
//   dinars. Whole-dinar amounts parse fine either way.
// - MGA 2 and MRU 2: the minor units are fifths (iraimbilanja, khoums); ISO
//   lists 2 and so does remitrank.
// - UGX 0: ISO changed from 2 to 0; some processors still send 2 decimals.
// - ISK 0, CLP 0, VND 0, KRW 0: ISO 0. HUF 2, IDR 2, TWD 2, COP 2: ISO 2
//   though cash has no minor unit.
// Withdrawn codes are kept for historical price data (RPW goes back to 2011).
constexpr CurrencyInfo kCurrencies[] = {
    {"AED", 2, false}, {"AFN", 2, false}, {"ALL", 2, false}, {"AMD", 2, false},
    {"ANG", 2, false}, {"AOA", 2, false}, {"ARS", 2, false}, {"AUD", 2, false},
    {"AWG", 2, false}, {"AZN", 2, false}, {"BAM", 2, false}, {"BBD", 2, false},
    {"BDT", 2, false}, {"BGN", 2, false}, {"BHD", 3, false}, {"BIF", 0, false},
    {"BMD", 2, false}, {"BND", 2, false}, {"BOB", 2, false}, {"BOV", 2, false},
    {"BRL", 2, false}, {"BSD", 2, false}, {"BTN", 2, false}, {"BWP", 2, false},
    {"BYN", 2, false}, {"BYR", 0, true},  {"BZD", 2, false}, {"CAD", 2, false},
    {"CDF", 2, false}, {"CHE", 2, false}, {"CHF", 2, false}, {"CHW", 2, false},
    {"CLF", 4, false}, {"CLP", 0, false}, {"CNY", 2, false}, {"COP", 2, false},
    {"COU", 2, false}, {"CRC", 2, false}, {"CUC", 2, true},  {"CUP", 2, false},
    {"CVE", 2, false}, {"CZK", 2, false}, {"DJF", 0, false}, {"DKK", 2, false},
    {"DOP", 2, false}, {"DZD", 2, false}, {"EEK", 2, true},  {"EGP", 2, false},
    {"ERN", 2, false}, {"ETB", 2, false}, {"EUR", 2, false}, {"FJD", 2, false},
    {"FKP", 2, false}, {"GBP", 2, false}, {"GEL", 2, false}, {"GHS", 2, false},
    {"GIP", 2, false}, {"GMD", 2, false}, {"GNF", 0, false}, {"GTQ", 2, false},
    {"GYD", 2, false}, {"HKD", 2, false}, {"HNL", 2, false}, {"HRK", 2, true},
    {"HTG", 2, false}, {"HUF", 2, false}, {"IDR", 2, false}, {"ILS", 2, false},
    {"INR", 2, false}, {"IQD", 3, false}, {"IRR", 2, false}, {"ISK", 0, false},
    {"JMD", 2, false}, {"JOD", 3, false}, {"JPY", 0, false}, {"KES", 2, false},
    {"KGS", 2, false}, {"KHR", 2, false}, {"KMF", 0, false}, {"KPW", 2, false},
    {"KRW", 0, false}, {"KWD", 3, false}, {"KYD", 2, false}, {"KZT", 2, false},
    {"LAK", 2, false}, {"LBP", 2, false}, {"LKR", 2, false}, {"LRD", 2, false},
    {"LSL", 2, false}, {"LTL", 2, true},  {"LVL", 2, true},  {"LYD", 3, false},
    {"MAD", 2, false}, {"MDL", 2, false}, {"MGA", 2, false}, {"MKD", 2, false},
    {"MMK", 2, false}, {"MNT", 2, false}, {"MOP", 2, false}, {"MRO", 2, true},
    {"MRU", 2, false}, {"MUR", 2, false}, {"MVR", 2, false}, {"MWK", 2, false},
    {"MXN", 2, false}, {"MXV", 2, false}, {"MYR", 2, false}, {"MZN", 2, false},
    {"NAD", 2, false}, {"NGN", 2, false}, {"NIO", 2, false}, {"NOK", 2, false},
    {"NPR", 2, false}, {"NZD", 2, false}, {"OMR", 3, false}, {"PAB", 2, false},
    {"PEN", 2, false}, {"PGK", 2, false}, {"PHP", 2, false}, {"PKR", 2, false},
    {"PLN", 2, false}, {"PYG", 0, false}, {"QAR", 2, false}, {"RON", 2, false},
    {"RSD", 2, false}, {"RUB", 2, false}, {"RWF", 0, false}, {"SAR", 2, false},
    {"SBD", 2, false}, {"SCR", 2, false}, {"SDG", 2, false}, {"SEK", 2, false},
    {"SGD", 2, false}, {"SHP", 2, false}, {"SKK", 2, true},  {"SLE", 2, false},
    {"SLL", 2, true},  {"SOS", 2, false}, {"SRD", 2, false}, {"SSP", 2, false},
    {"STD", 2, true},  {"STN", 2, false}, {"SVC", 2, false}, {"SYP", 2, false},
    {"SZL", 2, false}, {"THB", 2, false}, {"TJS", 2, false}, {"TMT", 2, false},
    {"TND", 3, false}, {"TOP", 2, false}, {"TRY", 2, false}, {"TTD", 2, false},
    {"TWD", 2, false}, {"TZS", 2, false}, {"UAH", 2, false}, {"UGX", 0, false},
    {"USD", 2, false}, {"USN", 2, false}, {"UYI", 0, false}, {"UYU", 2, false},
    {"UYW", 4, false}, {"UZS", 2, false}, {"VED", 2, false}, {"VEF", 2, true},
    {"VES", 2, false}, {"VND", 0, false}, {"VUV", 0, false}, {"WST", 2, false},
    {"XAF", 0, false}, {"XCD", 2, false}, {"XCG", 2, false}, {"XOF", 0, false},
    {"XPF", 0, false}, {"XXX", 0, false}, {"YER", 2, false}, {"ZAR", 2, false},
    {"ZMK", 2, true},  {"ZMW", 2, false}, {"ZWG", 2, false}, {"ZWL", 2, true},
};

// `upper`: three upper-case letters. Every code in the table has three
// letters, so three bytes compare without measuring strings.
const CurrencyInfo* Find(absl::string_view upper) {
  if (upper.size() != 3) return nullptr;
  auto it = std::lower_bound(std::begin(kCurrencies), std::end(kCurrencies),
                             upper.data(),
                             [](const CurrencyInfo& info, const char* code) {
                               return std::memcmp(info.code, code, 3) < 0;
                             });
  if (it == std::end(kCurrencies) || std::memcmp(it->code, upper.data(), 3)) {
    return nullptr;
  }
  return it;
}

}  // namespace

namespace engine_internal {
// For currency_test.cc: Find() needs every code to be three upper-case
// letters, and the table sorted.
bool CurrencyTableIsSorted() {
  for (const CurrencyInfo& info : kCurrencies) {
    if (std::strlen(info.code) != 3 || !absl::ascii_isupper(info.code[0]) ||
        !absl::ascii_isupper(info.code[1]) ||
        !absl::ascii_isupper(info.code[2])) {
      return false;
    }
  }
  return std::is_sorted(std::begin(kCurrencies), std::end(kCurrencies),
                        [](const CurrencyInfo& a, const CurrencyInfo& b) {
                          return std::strcmp(a.code, b.code) < 0;
                        });
}
}  // namespace engine_internal

CurrencyCode::CurrencyCode() : CurrencyCode("XXX", 0) {}

CurrencyCode::CurrencyCode(absl::string_view code, int exponent)
    : exponent_(static_cast<uint8_t>(exponent)) {
  std::memcpy(code_, code.data(), 3);
}

absl::StatusOr<CurrencyCode> CurrencyCode::FromString(absl::string_view code) {
  if (code.size() == 3) {
    const char upper[3] = {
        absl::ascii_toupper(static_cast<unsigned char>(code[0])),
        absl::ascii_toupper(static_cast<unsigned char>(code[1])),
        absl::ascii_toupper(static_cast<unsigned char>(code[2]))};
    if (const CurrencyInfo* info = Find(absl::string_view(upper, 3))) {
      return CurrencyCode(info->code, info->exponent);
    }
  }
  return absl::InvalidArgumentError(
      absl::StrCat(Echo(code), " is not an ISO 4217 currency code"));
}

bool CurrencyCode::withdrawn() const {
  const CurrencyInfo* info = Find(code());
  return info != nullptr && info->withdrawn;
}

uint32_t CurrencyCode::Key() const {
  return static_cast<uint32_t>(static_cast<unsigned char>(code_[0])) |
         static_cast<uint32_t>(static_cast<unsigned char>(code_[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(code_[2])) << 16 |
         static_cast<uint32_t>(exponent_) << 24;
}

}  // namespace remit
