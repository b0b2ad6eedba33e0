// CreateFromCheckedQuotes: QuoteBook::Create for quotes the dataset
// validator (engine/data) has already checked field by field: unique ids
// across files, providers that exist, and every rule of
// engine/pricing/quote_rules.h (with its own "now",
// DatasetOptions::refuse_after). Those are not checked a second time;
// the book's own structure checks and pricing preparation still run.
// Internal to engine/book and engine/data.
//
// Thread-safety: as QuoteBook::Create.
//
// Example:
//   absl::StatusOr<QuoteBook> book = book_internal::CreateFromCheckedQuotes(
//       std::move(validator.providers), std::move(validator.quotes), refs);
#ifndef REMIT_ENGINE_BOOK_INTERNAL_CHECKED_BOOK_H_
#define REMIT_ENGINE_BOOK_INTERNAL_CHECKED_BOOK_H_

#include "engine/book/quote_book.h"

#endif  // REMIT_ENGINE_BOOK_INTERNAL_CHECKED_BOOK_H_
