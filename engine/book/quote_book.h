// QuoteBook: an immutable set of providers, quotes and reference rates,
// indexed by corridor and prepared for pricing.
//
// Create() checks what pricing and ranking rely on (unique ids, providers
// that exist, sorted fee bands and survey points, a rate for every quote)
// and resolves each quote's mid-market rate once. Dataset files are
// validated field by field before they get here (engine/data).
//
// Thread-safety: immutable after Create(); any number of threads may read
// and rank at once. Pointers into it (Offer::quote, ...) live as long as it.
//
// Example:
//   absl::StatusOr<QuoteBook> book =
//       QuoteBook::Create(providers, quotes, ReferenceRates());
//   absl::Span<const PreparedQuote> q = book->QuotesIn(corridor);
#ifndef REMIT_ENGINE_BOOK_QUOTE_BOOK_H_
#define REMIT_ENGINE_BOOK_QUOTE_BOOK_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "engine/model/model.h"
#include "engine/model/reference_rates.h"
#include "engine/pricing/pricing.h"

namespace remit {

class QuoteBook {
 public:
  // INVALID_ARGUMENT naming the quote or provider and the field, e.g.
  // "quote 'wu-1': provider_id: 'nobody' is not a provider".
  static absl::StatusOr<QuoteBook> Create(std::vector<Provider> providers,
                                          std::vector<Quote> quotes,
                                          ReferenceRates references);

  QuoteBook(QuoteBook&&) = default;
  QuoteBook& operator=(QuoteBook&&) = default;

  const std::vector<Provider>& providers() const { return data_->providers; }
  const std::vector<Quote>& quotes() const { return data_->quotes; }
  const ReferenceRates& references() const { return data_->references; }

  // Every corridor with at least one quote, in order.
  const std::vector<Corridor>& corridors() const { return data_->corridors; }

  // The corridor's quotes, in (provider id, quote id) order; empty when the
  // corridor has none.
  absl::Span<const PreparedQuote> QuotesIn(const Corridor& corridor) const;

  const Provider* FindProvider(absl::string_view id) const;

 private:
  struct Data {
    std::vector<Provider> providers;
    std::vector<Quote> quotes;
    ReferenceRates references;
    std::vector<Corridor> corridors;
    absl::flat_hash_map<Corridor, std::vector<PreparedQuote>> by_corridor;
    absl::flat_hash_map<std::string, size_t> provider_index;
  };
  explicit QuoteBook(std::unique_ptr<Data> data) : data_(std::move(data)) {}

  // Heap-allocated so that the pointers inside stay valid when moved.
  std::unique_ptr<Data> data_;
};

}  // namespace remit

#endif  // REMIT_ENGINE_BOOK_QUOTE_BOOK_H_
