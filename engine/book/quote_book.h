// QuoteBook: an immutable set of providers, quotes and reference rates,
// indexed by corridor and prepared for pricing.
//
// Create() checks what pricing and ranking rely on (unique ids, providers
// that exist, sorted fee bands and survey points, a rate for every quote)
// and resolves each quote's mid-market rate once. Dataset files are
// validated field by field before they get here (engine/data).
//
// Survey periods. Quotes may carry a survey period (Quote::period, e.g.
// 2024_2Q); the book indexes each corridor's quotes by period too: its
// periods in order, its latest, and the quotes of one (corridor, period) as
// one contiguous span. Quotes without a period form their own group. In a
// corridor that has both, the quotes without a period take part in every
// period: they are not survey observations (a provider's own price list,
// say), so no period is without them. A corridor whose quotes have no period
// has no periods, and is ranked whole as before.
//
// Create() also runs the rules every quote follows, however it was made
// (engine/pricing/quote_rules.h: no negative amount, a payout currency of
// the corridor, a price date that is set and, given a clock, not in the
// future, a plausible rate), with the texts the dataset loader and the
// quote builder (engine/quotes) give.
//
// Lifetime. A QuoteBook is a handle to immutable data it shares with its
// copies (copying is cheap), and with every RankResult ranked from it
// (RankResult::book): pointers into the data (PreparedQuote, Offer::quote)
// stay valid while any of them lives. References and spans returned by
// its accessors live as long as the data too, but are marked
// ABSL_ATTRIBUTE_LIFETIME_BOUND: clang (-Wdangling, on by default) warns
// when one is taken from a temporary book. Keep the book by value:
//   QuoteBook book = *std::move(created);      // right
//   const QuoteBook& book = *QuoteBook::Create(...);  // dangles: the
//       // StatusOr temporary dies at the ';' (clang warns; gcc 12 does not)
//
// Thread-safety: immutable after Create(); any number of threads may read
// and rank at once.
//
// Example:
//   absl::StatusOr<QuoteBook> book =
//       QuoteBook::Create(providers, quotes, ReferenceRates(), &clock);
//   absl::Span<const PreparedQuote> all = book->QuotesIn(corridor);
//   std::optional<Period> latest = book->LatestPeriod(corridor);
//   absl::StatusOr<PeriodQuotes> ranked = book->QuotesFor(corridor, {});
#ifndef REMIT_ENGINE_BOOK_QUOTE_BOOK_H_
#define REMIT_ENGINE_BOOK_QUOTE_BOOK_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "engine/model/model.h"
#include "engine/model/period.h"
#include "engine/model/reference_rates.h"
#include "engine/pricing/internal/scan_row.h"
#include "engine/pricing/pricing.h"
#include "engine/time/clock.h"

namespace remit {

// What a set of quotes holds whatever the request: how old its prices
// are and which dataset files they come from (worked out once, when the
// book is made, so that a ranking need not).
struct QuoteSetFacts {
  // Over every quote of the set; InfinitePast and InfiniteFuture when empty.
  absl::Time newest_quoted_at = absl::InfinitePast();
  absl::Time oldest_quoted_at = absl::InfiniteFuture();
  // Quote::dataset_index as bits: bit i for file i, bit 63 for the 64th
  // file and every later one.
  uint64_t datasets = 0;
  // Quotes with a Quote::judged_at (illustrative data), and the latest.
  size_t illustrative_count = 0;
  absl::Time latest_judged_at = absl::InfinitePast();

  static QuoteSetFacts Of(absl::Span<const PreparedQuote> quotes);
};

// The quotes one ranking of a corridor reads, and the period they are for.
struct PeriodQuotes {
  // Unset when the corridor's quotes have no period.
  std::optional<Period> period;
  // In (provider id, quote id) order; tie_rank is the position here.
  absl::Span<const PreparedQuote> quotes;
  // The same quotes as the ranking scan reads them: rows[i] is quotes[i]'s
  // (engine/pricing/internal/scan_row.h), one contiguous array. Internal.
  absl::Span<const engine_internal::ScanRow> rows;
  // more[i]: the rest of rows[i], read when it has ScanRow::kMore.
  absl::Span<const engine_internal::ScanRowMore> more;
  // facets[i]: quotes[i]'s PreparedQuote::facets, for the scan's filter.
  absl::Span<const uint64_t> facets;
  // Facts about `quotes`; never null from QuotesFor().
  const QuoteSetFacts* facts = nullptr;
};

class QuoteBook;
// Internal to engine/book and engine/data: engine/book/internal/checked_book.h.
namespace book_internal {
absl::StatusOr<QuoteBook> CreateFromCheckedQuotes(
    std::vector<Provider> providers, std::vector<Quote> quotes,
    absl::Span<const uint32_t> quote_providers, ReferenceRates references);
}  // namespace book_internal

class QuoteBook {
 public:
  // INVALID_ARGUMENT naming the quote or provider and the field, e.g.
  // "quote 'wu-1': provider_id: 'nobody' is not a provider",
  // "quote 'wu-1': fees.bands[0].fixed_fee: '-3.00' must not be negative".
  // With `clock`, a quote dated after its now is refused too ("quoted_at:
  // '2027-06-01' is in the future (now is 2026-12-01)").
  ABSL_MUST_USE_RESULT static absl::StatusOr<QuoteBook> Create(
      std::vector<Provider> providers, std::vector<Quote> quotes,
      ReferenceRates references, const Clock* clock = nullptr);

  // Shares the data: cheap.
  QuoteBook(const QuoteBook&) = default;
  QuoteBook& operator=(const QuoteBook&) = default;
  QuoteBook(QuoteBook&&) = default;
  QuoteBook& operator=(QuoteBook&&) = default;

  const std::vector<Provider>& providers() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return data_->providers;
  }
  const std::vector<Quote>& quotes() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return data_->quotes;
  }
  const ReferenceRates& references() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return data_->references;
  }

  // Every corridor with at least one quote, in order.
  const std::vector<Corridor>& corridors() const ABSL_ATTRIBUTE_LIFETIME_BOUND {
    return data_->corridors;
  }
  // Those of corridors() from country `from` to country `to`, in any
  // currencies, in order.
  std::vector<Corridor> CorridorsBetween(CountryCode from,
                                         CountryCode to) const;

  // The book's data, to keep alive what points into it (PreparedQuote,
  // Offer::quote) after this handle is gone: RankResult::book holds it.
  std::shared_ptr<const void> Share() const { return data_; }

  // Every quote of the corridor, whatever its period, in (period, provider
  // id, quote id) order, quotes without a period first; empty when the
  // corridor has none. Without periods: (provider id, quote id) order.
  absl::Span<const PreparedQuote> QuotesIn(const Corridor& corridor) const
      ABSL_ATTRIBUTE_LIFETIME_BOUND;

  // The quotes ranked for `period` in the corridor: those of the period,
  // and those without one when the corridor has both; in (provider id,
  // quote id) order, tie_rank their position. Empty when the corridor has
  // no quote in the period.
  absl::Span<const PreparedQuote> QuotesIn(const Corridor& corridor,
                                           Period period) const
      ABSL_ATTRIBUTE_LIFETIME_BOUND;

  // The corridor's survey periods, oldest first; empty when none of its
  // quotes has a period (or it has no quotes).
  absl::Span<const Period> PeriodsOf(const Corridor& corridor) const
      ABSL_ATTRIBUTE_LIFETIME_BOUND;
  // The last of PeriodsOf(corridor); unset when it is empty.
  std::optional<Period> LatestPeriod(const Corridor& corridor) const;

  // What a ranking of the corridor reads: with `period`, QuotesIn(corridor,
  // *period); without, the corridor's latest period, or all its quotes when
  // they have no period. NOT_FOUND "corridor GBR/GBP->NGA/NGN has no
  // quotes" when it has none; "corridor ... has no quotes in period 2023_1Q;
  // its periods are 2024_1Q, 2024_2Q" (or "; its quotes have no period")
  // when a named period is not one of its.
  absl::StatusOr<PeriodQuotes> QuotesFor(const Corridor& corridor,
                                         std::optional<Period> period) const
      ABSL_ATTRIBUTE_LIFETIME_BOUND;

  const Provider* FindProvider(absl::string_view id) const
      ABSL_ATTRIBUTE_LIFETIME_BOUND;

 private:
  friend absl::StatusOr<QuoteBook> book_internal::CreateFromCheckedQuotes(
      std::vector<Provider>, std::vector<Quote>, absl::Span<const uint32_t>,
      ReferenceRates);
  // Create(); `checked`: the quotes' ids, providers and rules were checked
  // already (book_internal::CreateFromCheckedQuotes), and
  // `quote_providers[i]` is the position of quotes[i]'s provider in
  // `providers` (empty: found by id here).
  static absl::StatusOr<QuoteBook> Make(
      std::vector<Provider> providers, std::vector<Quote> quotes,
      absl::Span<const uint32_t> quote_providers, ReferenceRates references,
      const Clock* clock, bool checked);

  // One corridor's quotes and their periods.
  struct CorridorQuotes {
    // (period, provider id, quote id) order, quotes without a period first;
    // tie_rank is the position within the quote's period group.
    std::vector<PreparedQuote> all;
    // Ascending; empty when no quote has a period.
    std::vector<Period> periods;
    // periods[i]'s quotes are all[ranges[i].first, ranges[i].second).
    std::vector<std::pair<size_t, size_t>> ranges;
    // Only when the corridor has quotes with and without a period:
    // merged[i] holds periods[i]'s quotes and those without a period, in
    // (provider id, quote id) order, tie_rank renumbered.
    std::vector<std::vector<PreparedQuote>> merged;
    // The scan's rows of `all` and of each of `merged`, index for index.
    struct Rows {
      std::vector<engine_internal::ScanRow> rows;
      std::vector<engine_internal::ScanRowMore> more;
      std::vector<uint64_t> facets;
    };
    Rows all_rows;
    std::vector<Rows> merged_rows;
    // QuoteSetFacts of what QuotesFor() gives: of `all` when there are no
    // periods, else one per period (with the quotes without one).
    QuoteSetFacts all_facts;
    std::vector<QuoteSetFacts> period_facts;
  };
  struct Data {
    std::vector<Provider> providers;
    std::vector<Quote> quotes;
    ReferenceRates references;
    std::vector<Corridor> corridors;
    absl::flat_hash_map<Corridor, CorridorQuotes> by_corridor;
    absl::flat_hash_map<std::string, size_t> provider_index;
  };
  const CorridorQuotes* Find(const Corridor& corridor) const;
  // periods[i]'s quotes and rows (with those without a period when the
  // corridor has both).
  static PeriodQuotes PeriodAt(const CorridorQuotes& index, size_t i);
  explicit QuoteBook(std::shared_ptr<const Data> data)
      : data_(std::move(data)) {}

  // Shared and immutable: the pointers inside stay valid when the handle
  // is moved or copied, and while any copy or RankResult holds it.
  std::shared_ptr<const Data> data_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_BOOK_QUOTE_BOOK_H_
