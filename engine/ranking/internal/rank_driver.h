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
//     template <typename Key>
//     bool operator()(const ScanInput& in, BasicPageSelector<Key>& page,
//                     BasicSummaryAccumulator<Key>& summary,
//                     std::vector<ExcludedOffer>& excluded,
//                     size_t* stale_count) const;
//   };
//   absl::StatusOr<RankResult> r = RankWith(book, request, clock, buffers,
//                                           MyScan());
#ifndef REMIT_ENGINE_RANKING_INTERNAL_RANK_DRIVER_H_
#define REMIT_ENGINE_RANKING_INTERNAL_RANK_DRIVER_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
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

// Buffers of one key width (candidate.h).
template <typename Key>
struct KeyBuffers {
  std::vector<BasicCandidate<Key>>* candidates = nullptr;
  std::vector<Key>* percents = nullptr;
};

// Buffers a ranking reuses (RankScratch's, or its own). Without `narrow`
// buffers, the scan has 128-bit keys only.
struct RankBuffers {
  KeyBuffers<int64_t> narrow;
  KeyBuffers<absl::int128> wide;
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
template <typename Key>
struct ScanFindings {
  size_t stale_count = 0;
  size_t ranked_count = 0;                     // added().
  size_t first_rank = 0;                       // first_rank().
  absl::Span<const BasicCandidate<Key>> best;  // Finish().
  CorridorSummary summary;                     // Finish().
  std::optional<BasicCandidate<Key>> cheapest;
};

// Everything after the scan. `excluded` in the scan's order. Defined for
// int64_t and absl::int128 keys.
template <typename Key>
absl::StatusOr<RankResult> FinishRank(
    const QuoteBook& book, const PeriodQuotes& selected, const Screen& screen,
    absl::Time now, ScanFindings<Key> findings,
    const std::vector<ExcludedOffer>& excluded);

// One quote, quotes[i], as the reference scan ranks it, `stale` known:
// screened, scored, and handed to the page, the summary or the excluded.
// False when its keys do not fit `Key` (the scan must start again with
// 128-bit keys).
template <typename Key>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool ScanQuote(
    const ScanInput& in, size_t i, bool stale, engine_internal::CostCore* core,
    BasicPageSelector<Key>& page, BasicSummaryAccumulator<Key>& summary,
    std::vector<ExcludedOffer>& excluded) {
  const PreparedQuote& prepared = in.selected.quotes[i];
  ExclusionReason reason;
  const Screening screening = in.screen.Check(prepared, stale, &reason);
  if (screening == Screening::kExcluded) {
    excluded.push_back({&prepared, reason});
    return true;
  }
  Candidate wide;
  if (absl::Status status = Score(prepared, in.request, core, &wide);
      !status.ok()) {
    excluded.push_back({&prepared, status.code() == absl::StatusCode::kNotFound
                                       ? ExclusionReason::kOutsideAmountLimits
                                       : ExclusionReason::kCannotDeliver});
    return true;
  }
  wide.index = static_cast<uint32_t>(i);
  BasicCandidate<Key> scored;
  if (!Narrow(wide, &scored)) return false;
  if (screening == Screening::kListed) {
    page.Add(scored);
  } else {
    excluded.push_back({&prepared, ExclusionReason::kFilteredOut});
  }
  if (!scored.opaque && in.request.summarize) {
    summary.Add(scored, prepared.facets);
  }
  return true;
}

// The scan with `Key` keys and what follows it; unset when a key did not
// fit. The scan may narrow the summary's median to a sample's window
// (BasicSummaryAccumulator::KeepForMedian); when the middle keys fall
// outside it after all, it runs again without one.
template <typename Key, typename Scan>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline std::optional<absl::StatusOr<RankResult>>
RankWithKeys(const QuoteBook& book, const PeriodQuotes& selected,
             const RankRequest& request, absl::Time now, const Screen& screen,
             const KeyBuffers<Key>& buffers,
             std::vector<ExcludedOffer>& excluded, const Scan& scan) {
  const size_t n = selected.quotes.size();
  for (const bool may_narrow_median : {true, false}) {
    BasicPageSelector<Key> page(request.offset, request.limit, n,
                                buffers.candidates);
    BasicSummaryAccumulator<Key> summary(request, request.summarize ? n : 0,
                                         buffers.percents, may_narrow_median);
    excluded.clear();
    ScanFindings<Key> findings;
    if (!scan(ScanInput{selected, request, screen}, page, summary, excluded,
              &findings.stale_count)) {
      return std::nullopt;
    }
    if (!summary.MedianKept()) continue;
    findings.summary = summary.Finish();
    findings.cheapest = summary.cheapest();
    findings.ranked_count = page.added();
    findings.best = page.Finish();
    findings.first_rank = page.first_rank();
    return FinishRank(book, selected, screen, now, std::move(findings),
                      excluded);
  }
  // Without a window, MedianKept() holds.
  std::abort();
}

// Rank() with `scan`, a function object with
//   template <typename Key>
//   bool operator()(const ScanInput&, BasicPageSelector<Key>&,
//                   BasicSummaryAccumulator<Key>&,
//                   std::vector<ExcludedOffer>&, size_t* stale_count) const;
// which sets how many quotes were stale and returns false when a key does
// not fit `Key`, and may narrow the summary's median to a window before it
// adds any offer (BasicSummaryAccumulator::KeepForMedian). With
// `buffers.narrow`, the scan runs with 64-bit keys first, and again with
// 128-bit keys only when one did not fit; with either, again without a
// window when the middle keys fell outside it (RankWithKeys).
template <typename Scan>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline absl::StatusOr<RankResult> RankWith(
    const QuoteBook& book, const RankRequest& request, const Clock& clock,
    const RankBuffers& buffers, const Scan& scan) {
  absl::StatusOr<PeriodQuotes> selected = SelectQuotes(book, request);
  if (!selected.ok()) return selected.status();
  const absl::Time now = clock.Now();
  const Screen screen(request, now);
  if (buffers.narrow.candidates != nullptr) {
    std::optional<absl::StatusOr<RankResult>> narrow =
        RankWithKeys(book, *selected, request, now, screen, buffers.narrow,
                     *buffers.excluded, scan);
    if (narrow.has_value()) return *std::move(narrow);
  }
  return *RankWithKeys(book, *selected, request, now, screen, buffers.wide,
                       *buffers.excluded, scan);
}

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_RANK_DRIVER_H_
