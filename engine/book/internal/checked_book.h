// CreateFromCheckedQuotes: QuoteBook::Create for quotes the dataset
// validator (engine/data) has already checked field by field: unique ids
// across files, providers that exist, and every rule of
// engine/pricing/quote_rules.h (with its own "now",
// DatasetOptions::refuse_after). Those are not checked a second time;
// the book's own structure checks and pricing preparation still run.
// quote_providers[i] is the position in `providers` of quotes[i]'s
// provider, as the validator found it: ids are not looked up again.
// Internal to engine/book and engine/data.
//
// Thread-safety: as QuoteBook::Create.
//
// Example:
//   absl::StatusOr<QuoteBook> book = book_internal::CreateFromCheckedQuotes(
//       std::move(validator.providers), std::move(validator.quotes),
//       validator.quote_providers, refs);
#ifndef REMIT_ENGINE_BOOK_INTERNAL_CHECKED_BOOK_H_
#define REMIT_ENGINE_BOOK_INTERNAL_CHECKED_BOOK_H_

#include "engine/book/quote_book.h"

#endif  // REMIT_ENGINE_BOOK_INTERNAL_CHECKED_BOOK_H_
