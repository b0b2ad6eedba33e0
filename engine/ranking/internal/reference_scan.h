// RankByReferenceScan: Rank() with the reference scan, which screens and
// prices each prepared quote on its own (Screen::Check, then the cost core
// through the PreparedQuote) instead of reading the book's packed rows.
// The straightforward form of the scan, for tests that check the engine's
// scan gives the same answers. Internal to engine/ranking; test only.
//
// Thread-safety: as Rank().
//
// Example:
//   absl::StatusOr<RankResult> expected =
//       RankByReferenceScan(book, request, clock);
//   absl::StatusOr<RankResult> actual = Rank(book, request, clock);
#ifndef REMIT_ENGINE_RANKING_INTERNAL_REFERENCE_SCAN_H_
#define REMIT_ENGINE_RANKING_INTERNAL_REFERENCE_SCAN_H_

#include "absl/status/statusor.h"
#include "engine/book/quote_book.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit::ranking_internal {

absl::StatusOr<RankResult> RankByReferenceScan(const QuoteBook& book,
                                               const RankRequest& request,
                                               const Clock& clock);

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_REFERENCE_SCAN_H_
