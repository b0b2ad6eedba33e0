// CountryCode: an ISO 3166-1 country, canonical as alpha-3.
//
// Accepts alpha-3 ("GBR", as RPW writes it) and alpha-2 ("GB", as people
// type it), in any case, and always answers with alpha-3. Kosovo, which has
// no ISO code, is the user-assigned XKX (alpha-2 XK); RPW's KSV is accepted
// as an alias. Each country carries its English short name and the currency
// a recipient there is normally paid in (see country.cc for the few cases
// where that is not the ISO legal tender, e.g. Zimbabwe).
//
// A CountryCode is a 2-byte value type: copy it freely. Thread-safe.
//
// Example:
//   absl::StatusOr<CountryCode> uk = CountryCode::FromString("gb");
//   uk->alpha3();            // "GBR"
//   uk->default_currency();  // GBP
#ifndef REMIT_ENGINE_MONEY_COUNTRY_H_
#define REMIT_ENGINE_MONEY_COUNTRY_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "engine/money/currency.h"

namespace remit {

class CountryCode {
 public:
  // INVALID_ARGUMENT names the input, and suggests close codes when there
  // are any ("'GBA' is not an ISO 3166-1 country code; did you mean GBR?").
  static absl::StatusOr<CountryCode> FromString(absl::string_view code);

  absl::string_view alpha3() const;
  absl::string_view alpha2() const;
  absl::string_view name() const;
  // The currency recipients there are normally paid in. None only for
  // Antarctica.
  std::optional<CurrencyCode> default_currency() const;

  // Every country in the table, ordered by alpha-3.
  static std::vector<CountryCode> All();

  friend bool operator==(CountryCode a, CountryCode b) {
    return a.index_ == b.index_;
  }
  friend bool operator!=(CountryCode a, CountryCode b) { return !(a == b); }
  friend bool operator<(CountryCode a, CountryCode b) {
    return a.index_ < b.index_;  // The table is ordered by alpha-3.
  }
  template <typename H>
  friend H AbslHashValue(H h, CountryCode c) {
    return H::combine(std::move(h), c.index_);
  }
  friend std::ostream& operator<<(std::ostream& os, CountryCode c) {
    return os << c.alpha3();
  }

 private:
  explicit CountryCode(uint16_t index) : index_(index) {}
  uint16_t index_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_MONEY_COUNTRY_H_
