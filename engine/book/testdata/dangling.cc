// Probes for lifetime_test.sh: each PROBE keeps a reference into an object
// (a QuoteBook, a QuoteBuilder) that dies at the end of its
// full-expression; clang must refuse it under
// -Werror=dangling. PROBEs 5 and 6 throw away a result that must be kept
// (-Werror=unused-result). PROBE 0 keeps everything by value and must
// compile.
#include <vector>

#include "engine/book/quote_book.h"
#include "engine/model/model.h"
#include "engine/model/reference_rates.h"
#include "engine/quotes/quote_builder.h"

namespace remit {

absl::StatusOr<QuoteBook> Make() {
  return QuoteBook::Create(std::vector<Provider>(), std::vector<Quote>(),
                           ReferenceRates());
}

size_t Probe() {
#if PROBE == 0
  absl::StatusOr<QuoteBook> made = Make();
  QuoteBook book = *std::move(made);
  const std::vector<Provider>& providers = book.providers();
  QuoteBuilder builder("q", "p", *Corridor::Parse("US", "", "MX", ""),
                       absl::UnixEpoch(),
                       {PaymentInstrument::kCash, AccessPoint::kBranchOrAgent,
                        ReceiveMethod::kCashPickup, Speed::kSameDay});
  builder.FlatFee(Money()).ExchangeRate(Rate());
  return providers.size() + book.corridors().size() +
         builder.Build(SystemClock()).ok();
#elif PROBE == 1
  // The StatusOr temporary, and the book in it, die at the ';'.
  const QuoteBook& book = *Make();
  return book.quotes().size();
#elif PROBE == 2
  // The book dies at the ';': the vector is its.
  const std::vector<Quote>& quotes = Make()->quotes();
  return quotes.size();
#elif PROBE == 3
  QuoteBook book = *Make();
  // A temporary copy's providers.
  const std::vector<Provider>& providers = QuoteBook(book).providers();
  return providers.size();
#elif PROBE == 4
  // The builder is a temporary: the reference its setters return dangles.
  QuoteBuilder& builder =
      QuoteBuilder("q", "p", *Corridor::Parse("US", "", "MX", ""),
                   absl::UnixEpoch(),
                   {PaymentInstrument::kCash, AccessPoint::kBranchOrAgent,
                    ReceiveMethod::kCashPickup, Speed::kSameDay})
          .FlatFee(Money());
  return builder.Build(SystemClock()).ok();
#elif PROBE == 5
  // A built quote, or the error saying why not, thrown away.
  QuoteBuilder builder("q", "p", *Corridor::Parse("US", "", "MX", ""),
                       absl::UnixEpoch(),
                       {PaymentInstrument::kCash, AccessPoint::kBranchOrAgent,
                        ReceiveMethod::kCashPickup, Speed::kSameDay});
  builder.Build(SystemClock());
  return 0;
#elif PROBE == 6
  // A book created and dropped, its errors unseen.
  QuoteBook::Create(std::vector<Provider>(), std::vector<Quote>(),
                    ReferenceRates());
  return 0;
#endif
}

}  // namespace remit
