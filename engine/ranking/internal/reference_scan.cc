#include "engine/ranking/internal/reference_scan.h"

#include <vector>

#include "engine/ranking/internal/rank_driver.h"

namespace remit::ranking_internal {
namespace {

// Every quote through ScanQuote, in order, with 128-bit keys.
struct ReferenceScan {
  template <typename Key>
  bool operator()(const ScanInput& in, BasicPageSelector<Key>& page,
                  BasicSummaryAccumulator<Key>& summary,
                  std::vector<ExcludedOffer>& excluded,
                  size_t* stale_count) const {
    engine_internal::CostCore core;
    *stale_count = 0;
    for (size_t i = 0; i < in.selected.quotes.size(); ++i) {
      const bool stale = in.screen.IsStale(*in.selected.quotes[i].quote);
      *stale_count += stale;
      if (!ScanQuote(in, i, stale, &core, page, summary, excluded)) {
        return false;
      }
    }
    return true;
  }
};

}  // namespace

absl::StatusOr<RankResult> RankByReferenceScan(const QuoteBook& book,
                                               const RankRequest& request,
                                               const Clock& clock) {
  std::vector<Candidate> candidates;
  std::vector<absl::int128> percents;
  std::vector<ExcludedOffer> excluded;
  RankBuffers buffers;
  buffers.wide = {&candidates, &percents};
  buffers.excluded = &excluded;
  return RankWith(book, request, clock, buffers, ReferenceScan());
}

}  // namespace remit::ranking_internal
