// Period: a survey period, one quarter of a year, as RPW names it:
// "2024_2Q" is the second quarter of 2024.
//
// A value type: create it with Parse (text) or Create (numbers). Periods
// order by time, so a sorted list of them is a history and its last one is
// the latest.
//
// Thread-safety: an immutable value.
//
// Example:
//   absl::StatusOr<Period> p = Period::Parse("2024_2Q");
//   p->year();        // 2024
//   p->quarter();     // 2
//   p->ToString();    // "2024_2Q"
//   *p < *Period::Parse("2024_3Q");  // true
#ifndef REMIT_ENGINE_MODEL_PERIOD_H_
#define REMIT_ENGINE_MODEL_PERIOD_H_

#include <cstdint>
#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace remit {

class Period {
 public:
  // Years 1000 to 9999 (written with four digits), quarters 1 to 4.
  // INVALID_ARGUMENT naming the values otherwise.
  static absl::StatusOr<Period> Create(int year, int quarter);
  // Exactly "YYYY_nQ": four digits, '_', a quarter 1 to 4, 'Q'. Nothing
  // else ("24_1Q", "2024_5Q", "2024Q1", "2024_1q" and " 2024_1Q" are
  // refused); the error names the text: "'2024_5Q' is not a survey
  // period (YYYY_nQ, e.g. 2024_2Q): the quarter must be 1 to 4".
  static absl::StatusOr<Period> Parse(absl::string_view text);

  int year() const { return index_ / 4; }
  int quarter() const { return index_ % 4 + 1; }

  // "2024_2Q".
  std::string ToString() const;

  friend bool operator==(Period a, Period b) { return a.index_ == b.index_; }
  friend bool operator!=(Period a, Period b) { return a.index_ != b.index_; }
  friend bool operator<(Period a, Period b) { return a.index_ < b.index_; }
  friend bool operator>(Period a, Period b) { return a.index_ > b.index_; }
  friend bool operator<=(Period a, Period b) { return a.index_ <= b.index_; }
  friend bool operator>=(Period a, Period b) { return a.index_ >= b.index_; }
  template <typename H>
  friend H AbslHashValue(H h, Period p) {
    return H::combine(std::move(h), p.index_);
  }
  friend std::ostream& operator<<(std::ostream& os, Period p) {
    return os << p.ToString();
  }

 private:
  explicit Period(int32_t index) : index_(index) {}

  // Quarters since year 0: year * 4 + (quarter - 1). Orders by time.
  int32_t index_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_MODEL_PERIOD_H_
