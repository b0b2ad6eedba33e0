// RankWith: Rank() around a scan of the quotes read, so that the scan the
// engine uses (over the book's packed rows) and the reference scan the
// tests compare it with (over the prepared quotes, one at a time) share
// everything else: the request's checks, the quotes read, freshness, the
// page's breakdowns, the summary's cheapest offer and why there is no
// offer. ScanQuote is one quote of the reference scan, which the row
// scan also uses for the quotes its rows do not price. Internal to
// engine/ranking.
//
// Thread-safety: as Rank().
//
// Example:
//   struct MyScan {
//     size_t operator()(const ScanInput& in, PageSelector& page,
//                       SummaryAccumulator& summary,
//                       std::vector<ExcludedOffer>& excluded) const;
//   };
//   absl::StatusOr<RankResult> r = RankWith(book, request, clock, buffers,
//                                           MyScan());
#ifndef REMIT_ENGINE_RANKING_INTERNAL_RANK_DRIVER_H_
#define REMIT_ENGINE_RANKING_INTERNAL_RANK_DRIVER_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "engine/book/quote_book.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/ranking/internal/candidate.h"
#include "engine/ranking/internal/page_selector.h"
#include "engine/ranking/internal/screening.h"
#include "engine/ranking/internal/summary_accumulator.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit::ranking_internal {

// Buffers a ranking reuses (RankScratch's, or its own).
struct RankBuffers {
  std::vector<Candidate>* candidates;
  std::vector<absl::int128>* percents;
  std::vector<ExcludedOffer>* excluded;
};

// What a scan reads.
struct ScanInput {
  const PeriodQuotes& selected;
  const RankRequest& request;
  const Screen& screen;
};

// Scores a priced quote into `out` (an out-parameter: the hot loop).
absl::Status Score(const PreparedQuote& prepared, const RankRequest& request,
                   engine_internal::CostCore* core, Candidate* out);

// The quotes a ranking reads, or why there are none (with the request
// checked first).
absl::StatusOr<PeriodQuotes> SelectQuotes(const QuoteBook& book,
                                          const RankRequest& request);

// What a scan found, as values (the page and the summary stay local to
// the scan, in registers).
struct ScanFindings {
  size_t stale_count;
  size_t ranked_count;               // PageSelector::added().
  size_t first_rank;                 // PageSelector::first_rank().
  absl::Span<const Candidate> best;  // PageSelector::Finish().
  CorridorSummary summary;           // SummaryAccumulator::Finish().
  std::optional<Candidate> cheapest;
};

// Everything after the scan. `excluded` in the scan's order.
absl::StatusOr<RankResult> FinishRank(
    const QuoteBook& book, const PeriodQuotes& selected, const Screen& screen,
    absl::Time now, ScanFindings findings,
    const std::vector<ExcludedOffer>& excluded);

// One quote, quotes[i], as the reference scan ranks it, `stale` known:
// screened, scored, and handed to the page, the summary or the excluded.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline void ScanQuote(
    const ScanInput& in, size_t i, bool stale, engine_internal::CostCore* core,
    PageSelector& page, SummaryAccumulator& summary,
    std::vector<ExcludedOffer>& excluded) {
  const PreparedQuote& prepared = in.selected.quotes[i];
  ExclusionReason reason;
  const Screening screening = in.screen.Check(prepared, stale, &reason);
  if (screening == Screening::kExcluded) {
    excluded.push_back({&prepared, reason});
    return;
  }
  Candidate scored;
  if (absl::Status status = Score(prepared, in.request, core, &scored);
      !status.ok()) {
    excluded.push_back({&prepared, status.code() == absl::StatusCode::kNotFound
                                       ? ExclusionReason::kOutsideAmountLimits
                                       : ExclusionReason::kCannotDeliver});
    return;
  }
  scored.index = static_cast<uint32_t>(i);
  if (screening == Screening::kListed) {
    page.Add(scored);
  } else {
    excluded.push_back({&prepared, ExclusionReason::kFilteredOut});
  }
  if (!scored.opaque && in.request.summarize) {
    summary.Add(scored, prepared.facets);
  }
}

// Rank() with `scan`, which returns how many quotes were stale.
template <typename Scan>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline absl::StatusOr<RankResult> RankWith(
    const QuoteBook& book, const RankRequest& request, const Clock& clock,
    const RankBuffers& buffers, const Scan& scan) {
  absl::StatusOr<PeriodQuotes> selected = SelectQuotes(book, request);
  if (!selected.ok()) return selected.status();
  const absl::Time now = clock.Now();
  const Screen screen(request, now);
  PageSelector page(request.offset, request.limit, selected->quotes.size(),
                    buffers.candidates);
  SummaryAccumulator summary(request, buffers.percents);
  std::vector<ExcludedOffer>& excluded = *buffers.excluded;
  excluded.clear();
  ScanFindings findings;
  findings.stale_count =
      scan(ScanInput{*selected, request, screen}, page, summary, excluded);
  findings.summary = summary.Finish();
  findings.cheapest = summary.cheapest();
  findings.ranked_count = page.added();
  findings.best = page.Finish();
  findings.first_rank = page.first_rank();
  return FinishRank(book, *selected, screen, now, std::move(findings),
                    excluded);
}

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_RANK_DRIVER_H_
