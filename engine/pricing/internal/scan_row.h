// ScanRow: what the ranking scan reads of one prepared quote, packed into
// 128 bytes so that a corridor's quotes lie in one contiguous array in the
// order they are ranked, and ScanCost: the send-mode cost of a row, the
// integer arithmetic of ComputeCost (cost_core.h) over the packed fields.
//
// A row carries the screen's fields (price date, limits, facets, speed)
// and, for the common shapes of quote, everything pricing needs: up to two
// fee bands (fee on top, no funding surcharge, no recipient fee), or up to
// two survey points. Any other quote (opaque, not priceable, implausible,
// illustrative, deducted fees, surcharges, recipient fees, more bands or
// points) is marked kSlow: the scan then reads its PreparedQuote, as the
// rest of pricing does. ScanCost also hands back to the PreparedQuote
// what it does not price from the row (an amount between two survey
// points, a fee that does not fit int64), so a row never changes an
// answer: it is a faster way to the same figures.
//
// Thread-safety: plain data and pure functions.
//
// Example:
//   const ScanRow row = MakeScanRow(prepared);
//   ScanCostResult cost;
//   if (ScanCost(row, 20000, &cost)) ... else ComputeCost(prepared, ...);
#ifndef REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_
#define REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_

#include <cstdint>

#include "absl/base/attributes.h"
#include "absl/numeric/int128.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/pricing/pricing.h"

namespace remit::engine_internal {

struct ScanRow {
  // Flags.
  static constexpr uint8_t kSlow = 1;    // Scan from the PreparedQuote.
  static constexpr uint8_t kPoints = 2;  // Priced by survey points.

  // First cache line: the screen, and the first band or point.
  int64_t quoted_s = 0;  // Quote::quoted_at in whole Unix seconds.
  int64_t min_send = 0;
  int64_t max_send = 0;
  uint64_t facets = 0;  // PreparedQuote::facets.
  uint32_t tie_rank = 0;
  uint8_t speed = 0;
  uint8_t flags = 0;
  uint8_t count = 0;  // Bands or points in the row: 1 or 2.
  uint8_t unused = 0;
  // Bands: the margin. Points: unused.
  int64_t margin = 0;
  // Bands: the first band's fixed fee and percentage (Percent::scaled).
  // Points: the first point's send amount and fee.
  int64_t a0 = 0;
  int64_t b0 = 0;
  // Second line. Bands: the first band's minimum and maximum fee
  // (int64's extremes when it has none), the second band's start (from1),
  // fixed fee, percentage, minimum and maximum. Points: the first point's
  // remainder (fee_remainder11) and margin, the second point's send
  // amount (from1), fee, remainder and margin (a1, b1, c1).
  int64_t c0 = 0;
  int64_t d0 = 0;
  int64_t from1 = 0;
  int64_t a1 = 0;
  int64_t b1 = 0;
  int64_t c1 = 0;
  int64_t d1 = 0;
  int64_t unused2 = 0;
};
static_assert(sizeof(ScanRow) == 128, "two cache lines");

// The row of a prepared quote (its tie_rank too).
ScanRow MakeScanRow(const PreparedQuote& prepared);

// The figures of a send-mode cost a ranking compares.
struct ScanCost {
  int64_t outlay;
  absl::int128 cost11;  // As CostCore::cost11.
};

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
// it. False when the row cannot tell (an amount strictly between two
// survey points, an overflow): ask ComputeCost.
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool CostOfRow(const ScanRow& row,
                                                   int64_t amount,
                                                   ScanCost* out) {
  int64_t fee;
  int64_t remainder11 = 0;
  int64_t margin;
  if ((row.flags & ScanRow::kPoints) == 0) {
    const bool second = row.count == 2 && amount >= row.from1;
    if (!RowBandFee(amount, second ? row.a1 : row.a0, second ? row.b1 : row.b0,
                    second ? row.c1 : row.c0, second ? row.d1 : row.d0, &fee)) {
      return false;
    }
    margin = row.margin;
  } else if (amount <= row.a0 || row.count == 1) {
    // At, below or (the only point) above the first point: its price.
    fee = row.b0;
    remainder11 = row.c0;
    margin = row.d0;
  } else if (amount >= row.from1) {
    // At or above the second point: its price.
    fee = row.a1;
    remainder11 = row.b1;
    margin = row.c1;
  } else {
    return false;  // Between the points: interpolated.
  }
  int64_t outlay;
  if (__builtin_add_overflow(amount, fee, &outlay)) return false;
  out->outlay = outlay;
  out->cost11 = absl::int128(fee) * kCostScale + remainder11 +
                absl::int128(amount) * margin;
  return true;
}

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_
