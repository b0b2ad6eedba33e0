// ReferenceRates: mid-market (interbank) rates by currency pair over time.
//
// A quote whose data carries no mid-market rate of its own is compared with
// the reference rate for its pair: the most recent one at or before the
// quote's time, else (when every rate is later) the latest one; the answer
// says which of the two was used.
//
// Immutable once built; thread-safe for concurrent lookups.
//
// Example:
//   ReferenceRates::Builder builder;
//   builder.Add({gbp, bdt, *Rate::FromString("168.459165"), t, "ECB"});
//   absl::StatusOr<ReferenceRates> rates = std::move(builder).Build();
//   std::optional<ReferenceRates::Match> m = rates->Find(gbp, bdt, t);
#ifndef REMIT_ENGINE_MODEL_REFERENCE_RATES_H_
#define REMIT_ENGINE_MODEL_REFERENCE_RATES_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "engine/money/currency.h"
#include "engine/money/rate.h"

namespace remit {

struct ReferenceRate {
  CurrencyCode base;   // One unit of this...
  CurrencyCode quote;  // ...buys `rate` units of this.
  Rate rate;
  absl::Time as_of;
  std::string source;  // "ECB euro reference rate", "Refinitiv mid", ...
};

// How the mid-market rate of a quote was found.
enum class MidSource {
  kQuote,                // The quote's own data carries it.
  kReferenceAtOrBefore,  // Reference rate at or before the quote's time.
  kReferenceLatest,      // Only later reference rates exist: the latest.
};

absl::string_view Name(MidSource value);

class ReferenceRates {
 public:
  class Builder {
   public:
    void Add(ReferenceRate rate) { rates_.push_back(std::move(rate)); }
    // INVALID_ARGUMENT when a pair has two rates at the same time, or a
    // rate's base equals its quote currency.
    absl::StatusOr<ReferenceRates> Build() &&;

   private:
    std::vector<ReferenceRate> rates_;
  };

  struct Match {
    const ReferenceRate* rate;
    MidSource source;
  };

  ReferenceRates() = default;

  // The rate for base -> quote to use for a quote made at `at`.
  std::optional<Match> Find(CurrencyCode base, CurrencyCode quote,
                            absl::Time at) const;

  size_t size() const { return rates_.size(); }
  const std::vector<ReferenceRate>& all() const { return rates_; }

 private:
  // Sorted by (base, quote, as_of).
  std::vector<ReferenceRate> rates_;
  // (base, quote) -> [begin, end) in rates_.
  absl::flat_hash_map<std::pair<CurrencyCode, CurrencyCode>,
                      std::pair<size_t, size_t>>
      index_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_MODEL_REFERENCE_RATES_H_
