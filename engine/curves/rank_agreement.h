// Helpers shared by the cost curve's tests: small quotes, random books, and
// the check that a curve gives Rank's first offer at each amount.
//
// Thread-safety: functions of their arguments; the checks report through
// GoogleTest and so run on a test's thread.
//
// Example:
//   const QuoteBook book = testing::Book(testing::RandomQuotes(&random, 8));
//   testing::ExpectAgreesWithRank(book, C("US", "MX"), 100, 60000,
//                                 /*include_opaque=*/false, clock);
#ifndef REMIT_ENGINE_CURVES_RANK_AGREEMENT_H_
#define REMIT_ENGINE_CURVES_RANK_AGREEMENT_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/book/quote_book.h"
#include "engine/curves/cost_curve.h"
#include "engine/model/model.h"
#include "engine/time/clock.h"

namespace remit {
namespace testing {

// A quote of provider `id` in US-MX at `rate` against a mid of 20, no fee.
Quote Plain(const std::string& id, const char* rate = "20");

// A fee band from `from` (minor units) of `fixed` minor units and `percent`.
FeeBand Band(int64_t from, int64_t fixed, const char* percent = "0");

// Books of random US-MX quotes: bands with percentages, minimums and caps,
// deducted fees, surcharges, survey points, limits and recipient fees.
// With `rising_rates`, a quote's survey points have rates that do not
// fall from one to the next.
std::vector<Quote> RandomQuotes(std::mt19937* random, int count,
                                bool rising_rates = false);

// The curve over [lo, hi] (amounts sent, or with `kind` kReceive,
// received) gives Rank's first offer at every amount of the range, one
// minor unit apart, priced as Rank prices it at each interval's first
// amount. Reports mismatches (at most five) as test failures. Returns the
// number of intervals.
size_t ExpectAgreesWithRank(const QuoteBook& book, const Corridor& corridor,
                            int64_t lo, int64_t hi, bool include_opaque,
                            const Clock& clock,
                            AmountKind kind = AmountKind::kSend);

// The same at every amount within `reach` minor units of each of the
// curve's first `max_switches` switches (interval starts after the first),
// and at `draws` amounts drawn from [lo, hi] with `random`, where a switch
// the curve missed would show. Returns the number of switches looked at.
size_t ExpectAgreesWithRankNearSwitches(const QuoteBook& book,
                                        const Corridor& corridor, int64_t lo,
                                        int64_t hi, bool include_opaque,
                                        const Clock& clock, AmountKind kind,
                                        int64_t reach, size_t max_switches,
                                        int draws, std::mt19937* random);

}  // namespace testing
}  // namespace remit

#endif  // REMIT_ENGINE_CURVES_RANK_AGREEMENT_H_
