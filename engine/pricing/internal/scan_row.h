// ScanRow: what the ranking scan reads of one prepared quote, packed into
// one 64-byte cache line, so that a corridor's quotes lie in one
// contiguous array in the order they are ranked; ScanRowMore, the rest of
// the rows that need more (limits, a second band or point) in a parallel
// array; and CostOfRow: the send-mode cost of a row, the integer
// arithmetic of ComputeCost (cost_core.h) over the packed fields.
//
// A row carries the screen's fields (price date, facets, speed; limits in
// its ScanRowMore) and, for the common shapes of quote, everything pricing
// needs: up to two fee bands (fee on top, no funding surcharge, no
// recipient fee), or up to two survey points. Any other quote (opaque, not
// priceable, implausible, illustrative, deducted fees, surcharges, recipient
// fees, more bands or points) is marked kSlow: the scan then reads its
// PreparedQuote, as the rest of pricing does. ScanCost also hands back to the
// PreparedQuote what it does not price from the row (an amount between two
// survey points, a fee that does not fit int64), so a row never changes an
// answer: it is a faster way to the same figures.
//
// Thread-safety: plain data and pure functions.
//
// Example:
//   ScanRow row;
//   ScanRowMore more;
//   MakeScanRow(prepared, &row, &more);
//   ScanCost cost;
//   if (CostOfRow(row, more, 20000, &cost)) ... else ComputeCost(...);
#ifndef REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_
#define REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_

#include <cstdint>
#include <limits>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/pricing/pricing.h"

namespace remit::engine_internal {

struct ScanRow {
  // Flags.
  static constexpr uint8_t kSlow = 1;    // Scan from the PreparedQuote.
  static constexpr uint8_t kPoints = 2;  // Priced by survey points.
  static constexpr uint8_t kMore = 4;    // Limits or a second band or
                                         // point: read its ScanRowMore.

  int64_t quoted_s = 0;  // Quote::quoted_at in whole Unix seconds.
  uint64_t facets = 0;   // PreparedQuote::facets.
  uint32_t tie_rank = 0;
  uint8_t speed = 0;
  uint8_t flags = 0;
  uint8_t count = 0;  // Bands or points: 1 or 2.
  uint8_t unused = 0;
  // Bands: the margin. Points: unused.
  int64_t margin = 0;
  // Bands: the first band's fixed fee, percentage (Percent::scaled),
  // minimum and maximum fee (int64's extremes when it has none).
  // Points: the first point's send amount, fee, remainder
  // (fee_remainder11) and margin.
  int64_t a0 = 0;
  int64_t b0 = 0;
  int64_t c0 = 0;
  int64_t d0 = 0;
};
static_assert(sizeof(ScanRow) == 64, "one cache line");

// The rest of a row with kMore, in a parallel array: read only for the
// quotes that need it.
struct ScanRowMore {
  int64_t min_send = 0;
  int64_t max_send = std::numeric_limits<int64_t>::max();
  // Bands: the second band's start (from1), fixed fee, percentage,
  // minimum and maximum. Points: the second point's send amount (from1),
  // fee, remainder and margin (a1, b1, c1).
  int64_t from1 = 0;
  int64_t a1 = 0;
  int64_t b1 = 0;
  int64_t c1 = 0;
  int64_t d1 = 0;
  int64_t unused = 0;
};
static_assert(sizeof(ScanRowMore) == 64, "one cache line");

// The row of a prepared quote (its tie_rank too), and its rest.
void MakeScanRow(const PreparedQuote& prepared, ScanRow* row,
                 ScanRowMore* more);

// The figures of a send-mode cost a ranking compares, with cost11 as
// `Key`: absl::int128 (ScanCost), or int64_t (NarrowScanCost) when it fits.
template <typename Key>
struct BasicScanCost {
  int64_t outlay;
  Key cost11;  // As CostCore::cost11.
};
using ScanCost = BasicScanCost<absl::int128>;
using NarrowScanCost = BasicScanCost<int64_t>;

// fee x 10^11 + remainder11 + amount x margin into `out`; false when it
// does not fit.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool RowCost11(int64_t fee,
                                                   int64_t remainder11,
                                                   int64_t amount,
                                                   int64_t margin,
                                                   absl::int128* out) {
  *out = absl::int128(fee) * kCostScale + remainder11 +
         absl::int128(amount) * margin;
  return true;
}
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool RowCost11(int64_t fee,
                                                   int64_t remainder11,
                                                   int64_t amount,
                                                   int64_t margin,
                                                   int64_t* out) {
  int64_t fee11;
  int64_t converted11;
  return !__builtin_mul_overflow(fee, kCostScale, &fee11) &&
         !__builtin_mul_overflow(amount, margin, &converted11) &&
         !__builtin_add_overflow(fee11, remainder11, &fee11) &&
         !__builtin_add_overflow(fee11, converted11, out);
}

// clamp(fixed + round_half_even(amount x percent), min, max); false when
// it does not fit int64.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool RowBandFee(
    int64_t amount, int64_t fixed, int64_t percent, int64_t min_fee,
    int64_t max_fee, int64_t* fee) {
  int64_t share = 0;
  if (percent != 0 &&
      !PercentOf(amount, Percent::FromScaled(percent), &share)) {
    return false;
  }
  int64_t sum;
  if (__builtin_add_overflow(fixed, share, &sum)) return false;
  if (sum < min_fee) sum = min_fee;
  if (sum > max_fee) sum = max_fee;
  *fee = sum;
  return true;
}

// The cost of a row without kSlow at `amount` (> 0), as ComputeCost finds
// it; `more` is read when the row has two bands or points. False when the
// row cannot tell (an amount strictly between two survey points, an
// overflow, of int64 too for a NarrowScanCost): ask ComputeCost.
template <typename Key>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool CostOfRow(const ScanRow& row,
                                                   const ScanRowMore& more,
                                                   int64_t amount,
                                                   BasicScanCost<Key>* out) {
  int64_t fee;
  int64_t remainder11 = 0;
  int64_t margin;
  if ((row.flags & ScanRow::kPoints) == 0) {
    if (row.count == 2 && amount >= more.from1) {
      if (!RowBandFee(amount, more.a1, more.b1, more.c1, more.d1, &fee)) {
        return false;
      }
    } else if (!RowBandFee(amount, row.a0, row.b0, row.c0, row.d0, &fee)) {
      return false;
    }
    margin = row.margin;
  } else if (amount <= row.a0 || row.count == 1) {
    // At, below or (the only point) above the first point: its price.
    fee = row.b0;
    remainder11 = row.c0;
    margin = row.d0;
  } else if (amount >= more.from1) {
    // At or above the second point: its price.
    fee = more.a1;
    remainder11 = more.b1;
    margin = more.c1;
  } else {
    return false;  // Between the points: interpolated.
  }
  int64_t outlay;
  if (__builtin_add_overflow(amount, fee, &outlay)) return false;
  out->outlay = outlay;
  return RowCost11(fee, remainder11, amount, margin, &out->cost11);
}

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_
