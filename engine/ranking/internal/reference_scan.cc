#include "engine/ranking/internal/reference_scan.h"

#include <vector>

#include "engine/ranking/internal/rank_driver.h"

namespace remit::ranking_internal {
namespace {

// Every quote through ScanQuote, in order.
struct ReferenceScan {
  size_t operator()(const ScanInput& in, PageSelector& page,
                    SummaryAccumulator& summary,
                    std::vector<ExcludedOffer>& excluded) const {
    engine_internal::CostCore core;
    size_t stale_count = 0;
    for (size_t i = 0; i < in.selected.quotes.size(); ++i) {
      const bool stale = in.screen.IsStale(*in.selected.quotes[i].quote);
      stale_count += stale;
      ScanQuote(in, i, stale, &core, page, summary, excluded);
    }
    return stale_count;
  }
};

}  // namespace

absl::StatusOr<RankResult> RankByReferenceScan(const QuoteBook& book,
                                               const RankRequest& request,
                                               const Clock& clock) {
  std::vector<Candidate> candidates;
  std::vector<absl::int128> percents;
  std::vector<ExcludedOffer> excluded;
  return RankWith(book, request, clock, {&candidates, &percents, &excluded},
                  ReferenceScan());
}

}  // namespace remit::ranking_internal
