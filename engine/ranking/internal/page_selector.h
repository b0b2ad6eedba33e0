// PageSelector: keeps the candidates that can still make the requested
// page (ranks offset+1 .. offset+limit) as they are scored, then sorts
// them. Internal to engine/ranking.
//
// For the usual small pages the best offset+limit candidates are kept, so
// that most candidates cost one comparison with the worst kept: up to
// kMaxSortedPage of them in order (a better one is inserted in place), up
// to kMaxHeapPage in a bounded heap whose front is the worst kept. Longer
// pages keep every candidate and select afterwards.
//
// The candidates' keys are 64- or 128-bit (candidate.h): PageSelector is
// the selector of Candidate, NarrowPageSelector of NarrowCandidate.
//
// Thread-safety: one selector per scan; not thread-safe.
//
// Example:
//   PageSelector page(request.offset, request.limit, expected, &buffer);
//   for (...) page.Add(candidate);
//   absl::Span<const Candidate> best = page.Finish();
#ifndef REMIT_ENGINE_RANKING_INTERNAL_PAGE_SELECTOR_H_
#define REMIT_ENGINE_RANKING_INTERNAL_PAGE_SELECTOR_H_

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "absl/types/span.h"
#include "engine/ranking/internal/candidate.h"

namespace remit::ranking_internal {

template <typename Key>
class BasicPageSelector {
 public:
  using Candidate = BasicCandidate<Key>;

  // Pages of up to this many ranks (offset + limit) are selected while
  // scoring; longer ones are sorted afterwards.
  static constexpr size_t kMaxHeapPage = 256;
  // Pages of up to this many ranks are kept in order rather than in a
  // heap: fewer moves for the few that replace the worst kept.
  static constexpr size_t kMaxSortedPage = 32;

  // `buffer` is cleared and reused; it must outlive the selector.
  // `expected`: how many candidates may come (a capacity hint).
  BasicPageSelector(size_t offset, size_t limit, size_t expected,
                    std::vector<Candidate>* buffer)
      : offset_(offset),
        limit_(limit),
        keep_(limit > kMaxHeapPage || offset > kMaxHeapPage - limit
                  ? kAll
                  : offset + limit),
        page_(*buffer) {
    page_.clear();
    if (keep_ == kAll) page_.reserve(expected);
  }

  // Inlined into the scan: most candidates stop at the first comparison.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Add(const Candidate& c) {
    ++added_;
    if (kept_ < keep_) {
      Keep(c);
    } else if (keep_ > 0 &&
               // Between transparent offers a larger key never ranks
               // before: most candidates stop at this one comparison.
               (c.opaque || worst_kept_.opaque ||
                c.order_key <= worst_kept_.order_key) &&
               RanksBefore(c, worst_kept_)) {
      Replace(c);
    }
  }

  // A transparent candidate with `order_key`, made by make() only when it
  // may be kept: the same as Add(make()).
  template <typename Make>
  ABSL_ATTRIBUTE_ALWAYS_INLINE void AddTransparent(Key order_key,
                                                   const Make& make) {
    ++added_;
    if (kept_ < keep_) {
      Keep(make());
    } else if (keep_ > 0 &&
               (worst_kept_.opaque || order_key <= worst_kept_.order_key)) {
      const Candidate c = make();
      if (RanksBefore(c, worst_kept_)) Replace(c);
    }
  }

  // AddTransparent of a candidate whose order key is above this only
  // counts it: a scan may then count it itself (Skipped) and call
  // AddTransparent for the others, asking again after each.
  Key TransparentBound() const {
    if (kept_ < keep_ || (keep_ > 0 && worst_kept_.opaque)) {
      return std::numeric_limits<Key>::max();
    }
    return keep_ > 0 ? worst_kept_.order_key : std::numeric_limits<Key>::min();
  }
  // `count` candidates the scan found above TransparentBound().
  void Skipped(size_t count) { added_ += count; }

  // Every candidate added, on the page or not.
  size_t added() const { return added_; }

  // The page, best first: rank offset+1 first. Call once, after the last
  // Add.
  absl::Span<const Candidate> Finish() {
    const size_t first = std::min(offset_, page_.size());
    const size_t last = first + std::min(limit_, page_.size() - first);
    if (keep_ == kAll) {
      if (first > 0) {
        std::nth_element(page_.begin(), page_.begin() + first, page_.end(),
                         RanksBefore);
      }
      std::partial_sort(page_.begin() + first, page_.begin() + last,
                        page_.end(), RanksBefore);
    } else if (!(keep_ <= kMaxSortedPage && kept_ == keep_)) {
      // Kept in order only once the page was full.
      std::sort(page_.begin(), page_.end(), RanksBefore);
    }
    return absl::MakeConstSpan(page_.data() + first, last - first);
  }

  // The rank of the first candidate Finish() returns, 1-based.
  size_t first_rank() const { return std::min(offset_, page_.size()) + 1; }

 private:
  // While the page is not full.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Keep(const Candidate& c) {
    page_.push_back(c);
    if (++kept_ == keep_ && keep_ != kAll) {
      worst_kept_ = keep_ <= kMaxSortedPage ? Sort(page_) : MakeHeap(page_);
    }
  }

  // `c` ranks before the worst kept, which it replaces.
  ABSL_ATTRIBUTE_ALWAYS_INLINE void Replace(const Candidate& c) {
    worst_kept_ = keep_ <= kMaxSortedPage ? InsertInOrder(page_, c)
                                          : ReplaceWorst(page_, c);
  }

  // Out of line, and given the page rather than `this`: a scan that
  // inlines Add can then keep the selector in registers. Each returns the
  // new worst kept.
  ABSL_ATTRIBUTE_NOINLINE static Candidate MakeHeap(
      std::vector<Candidate>& page) {
    std::make_heap(page.begin(), page.end(), RanksBefore);
    return page.front();
  }
  ABSL_ATTRIBUTE_NOINLINE static Candidate Sort(std::vector<Candidate>& page) {
    std::sort(page.begin(), page.end(), RanksBefore);
    return page.back();
  }
  // `page` in order, `c` ranking before its last.
  ABSL_ATTRIBUTE_NOINLINE static Candidate InsertInOrder(
      std::vector<Candidate>& page, const Candidate& c) {
    size_t i = page.size() - 1;
    for (; i > 0 && RanksBefore(c, page[i - 1]); --i) page[i] = page[i - 1];
    page[i] = c;
    return page.back();
  }
  ABSL_ATTRIBUTE_NOINLINE static Candidate ReplaceWorst(
      std::vector<Candidate>& page, const Candidate& c) {
    std::pop_heap(page.begin(), page.end(), RanksBefore);
    page.back() = c;
    std::push_heap(page.begin(), page.end(), RanksBefore);
    return page.front();
  }

  static constexpr size_t kAll = std::numeric_limits<size_t>::max();

  const size_t offset_;
  const size_t limit_;
  const size_t keep_;  // kAll, or offset + limit.
  std::vector<Candidate>& page_;
  size_t kept_ = 0;
  size_t added_ = 0;
  // Once the page is full: the last kept (in order), or the heap's front.
  Candidate worst_kept_{};
};

using PageSelector = BasicPageSelector<absl::int128>;
using NarrowPageSelector = BasicPageSelector<int64_t>;

}  // namespace remit::ranking_internal

#endif  // REMIT_ENGINE_RANKING_INTERNAL_PAGE_SELECTOR_H_
