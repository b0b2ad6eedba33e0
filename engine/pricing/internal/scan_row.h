// ScanRow: what the ranking scan reads of one prepared quote, packed into
// 32 bytes (two rows a cache line), so that a corridor's quotes lie in one
// contiguous array in the order they are ranked; ScanRowMore, the rest of
// the rows that need more (limits, a fee band's minimum or maximum, a
// second band or point) in a parallel array, and the quotes' facets in a
// third; and CostOfRow: the send-mode cost of a row, the integer
// arithmetic of ComputeCost (cost_core.h) over the packed fields.
//
// A row carries the screen's fields (price date, speed; facets and limits
// apart) and, for the common shapes of quote, everything pricing needs: up
// to two fee bands (fee on top, no funding surcharge, no recipient fee), or
// up to two survey points. Any other quote (opaque, not priceable,
// implausible, illustrative, deducted fees, surcharges, recipient fees,
// more bands or points, a fee, fee limit or point amount past int32, a
// date past 2^46 seconds) is marked kSlow: the scan then reads its
// PreparedQuote, as the rest of pricing does. ScanCost also hands back to
// the PreparedQuote what it does not price from the row (an amount between
// two survey points, a fee that does not fit int64), so a row never changes
// an answer: it is a faster way to the same figures.
//
// A row marked kPlain (one band without fee limits, or one survey point,
// no amount limits, every figure well inside int64) is priced by
// PlainCostOfRow without any overflow check for amounts up to
// kPlainAmountMax: the bounds below keep every intermediate inside int64.
// A row of two points or two bands whose first holds the same bounds is
// priced the same way at amounts its first prices (ScanRow::plain_to).
//
// Thread-safety: plain data and pure functions.
//
// Example:
//   ScanRow row;
//   ScanRowMore more;
//   uint64_t facets;
//   MakeScanRow(prepared, &row, &more, &facets);
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
  // Flags: the low byte of `when`.
  static constexpr int64_t kSlow = 1;    // Scan from the PreparedQuote.
  static constexpr int64_t kPoints = 2;  // Priced by survey points.
  static constexpr int64_t kMore = 4;    // Limits, a fee band's minimum or
                                         // maximum, or a second band or
                                         // point: read its ScanRowMore.
  static constexpr int64_t kTwo = 8;     // Two bands or points (kMore).
  static constexpr int64_t kPlain = 16;  // PlainCostOfRow prices it.

  // Whole Unix seconds of Quote::quoted_at (|s| < 2^46) x 2^16, plus
  // speed x 2^8, plus the flags; a row compares with a second x 2^16 as
  // its date does. 0 with kSlow alone when the date does not fit.
  int64_t when = 0;
  // Bands: the margin (Rate::scaled). Points: the first point's margin.
  int64_t margin = 0;
  // Bands: the first band's percentage (Percent::scaled). Points: the
  // first point's fee remainder (fee_remainder11).
  int64_t rate = 0;
  // Bands: the first band's fixed fee. Points: the first point's fee.
  int32_t fee = 0;
  // The largest send amount at which PlainCostOfRow prices the row, at
  // most kPlainAmountMax; 0 when it never does. kPlain rows: kPlainAmountMax.
  // Rows of two survey points (or two bands) whose first point (band, with
  // no fee limits) holds the plain bounds, without amount limits: up to the
  // first point's send amount (the last amount before the second band),
  // where CostOfRow prices the row from its own fields as a plain row's.
  // (The quote's tie rank is its index in the rows' span.)
  uint32_t plain_to = 0;

  int64_t seconds() const { return when >> 16; }
  uint8_t speed() const { return static_cast<uint8_t>(when >> 8); }
  int64_t flags() const { return when & 0xff; }
};
static_assert(sizeof(ScanRow) == 32, "two rows a cache line");

// The rest of a row with kMore, in a parallel array: read only for the
// quotes that need it.
struct ScanRowMore {
  int64_t min_send = 0;
  int64_t max_send = std::numeric_limits<int64_t>::max();
  // Bands: the second band's start. Points: the second point's send
  // amount.
  int64_t from1 = 0;
  // Bands: the first band's minimum and maximum fee, int32's extremes when
  // it has none (a limit at an extreme is kSlow). Points: `low0` is the
  // first point's send amount.
  int32_t low0 = std::numeric_limits<int32_t>::min();
  int32_t high0 = std::numeric_limits<int32_t>::max();
  // Bands: the second band's fixed fee, percentage, minimum and maximum
  // (int64's extremes when it has none). Points: the second point's fee,
  // remainder and margin (a1, b1, c1).
  int64_t a1 = 0;
  int64_t b1 = 0;
  int64_t c1 = 0;
  int64_t d1 = 0;
};
static_assert(sizeof(ScanRowMore) == 64, "one cache line");

// The row of a prepared quote, its rest and its facets
// (PreparedQuote::facets).
void MakeScanRow(const PreparedQuote& prepared, ScanRow* row, ScanRowMore* more,
                 uint64_t* facets);

// The largest send amount PlainCostOfRow prices (2^24 minor units).
inline constexpr int64_t kPlainAmountMax = int64_t{1} << 24;
// A kPlain row's bounds: |fee| < 2^24, 0 <= percentage < 2^36,
// |remainder| < 2^37, |margin| < 2^36. With 0 < amount <= 2^24, the share
// is below 2^60 / 10^11 < 2^24, the fee below 2^25, fee x 10^11 below
// 3.4 x 10^18, amount x margin below 2^60 = 1.2 x 10^18: cost11 stays
// below 4.6 x 10^18, and amount x (margin - 10^11) below 2^62.
inline constexpr int64_t kPlainFeeBound = int64_t{1} << 24;
inline constexpr int64_t kPlainPercentBound = int64_t{1} << 36;
inline constexpr int64_t kPlainRemainderBound = int64_t{1} << 37;
inline constexpr int64_t kPlainMarginBound = int64_t{1} << 36;

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
// it; `more` is read when the row has kMore. False when the row cannot
// tell (an amount strictly between two survey points, an overflow, of
// int64 too for a NarrowScanCost): ask ComputeCost.
template <typename Key>
ABSL_ATTRIBUTE_ALWAYS_INLINE inline bool CostOfRow(const ScanRow& row,
                                                   const ScanRowMore& more,
                                                   int64_t amount,
                                                   BasicScanCost<Key>* out) {
  constexpr int32_t kNoMin = std::numeric_limits<int32_t>::min();
  constexpr int32_t kNoMax = std::numeric_limits<int32_t>::max();
  const int64_t flags = row.flags();
  int64_t fee;
  int64_t remainder11 = 0;
  int64_t margin;
  if ((flags & ScanRow::kPoints) == 0) {
    if ((flags & ScanRow::kTwo) != 0 && amount >= more.from1) {
      if (!RowBandFee(amount, more.a1, more.b1, more.c1, more.d1, &fee)) {
        return false;
      }
    } else if (!RowBandFee(
                   amount, row.fee, row.rate,
                   more.low0 == kNoMin ? std::numeric_limits<int64_t>::min()
                                       : more.low0,
                   more.high0 == kNoMax ? std::numeric_limits<int64_t>::max()
                                        : more.high0,
                   &fee)) {
      return false;
    }
    margin = row.margin;
  } else if ((flags & ScanRow::kTwo) == 0 || amount <= more.low0) {
    // At, below or (the only point) above the first point: its price.
    fee = row.fee;
    remainder11 = row.rate;
    margin = row.margin;
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

// The figures of a row at `amount` (0 < amount <= row.plain_to), the same
// as CostOfRow's, without overflow checks (the bounds above), and
// amount x (margin - 10^11) + remainder, the amount-received order's key
// (cost11 - outlay x 10^11).
struct PlainCost {
  int64_t outlay;
  int64_t cost11;
  int64_t received_key;
};
ABSL_ATTRIBUTE_ALWAYS_INLINE inline PlainCost PlainCostOfRow(const ScanRow& row,
                                                             int64_t amount) {
  int64_t fee = row.fee;
  int64_t remainder11 = 0;
  if ((row.when & ScanRow::kPoints) == 0) {
    // round_half_even(amount x percentage / 10^11), the product >= 0 and
    // below 2^60.
    const uint64_t product =
        static_cast<uint64_t>(amount) * static_cast<uint64_t>(row.rate);
    const uint64_t quotient = product / kCostScale;
    const uint64_t twice = 2 * (product - quotient * kCostScale);
    fee += static_cast<int64_t>(
        quotient + (twice + (quotient & 1) > uint64_t{kCostScale}));
  } else {
    remainder11 = row.rate;
  }
  const int64_t converted11 = amount * row.margin;
  PlainCost cost;
  cost.outlay = amount + fee;
  cost.cost11 = fee * kCostScale + remainder11 + converted11;
  cost.received_key = converted11 - amount * kCostScale + remainder11;
  return cost;
}

}  // namespace remit::engine_internal

#endif  // REMIT_ENGINE_PRICING_INTERNAL_SCAN_ROW_H_
