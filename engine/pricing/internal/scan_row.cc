#include "engine/pricing/internal/scan_row.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "absl/time/time.h"
#include "engine/model/internal/facets.h"

namespace remit::engine_internal {
namespace {

// Whether the scan must read the PreparedQuote: every exclusion but
// staleness, limits and the filter, and every way of pricing the row does
// not hold.
bool NeedsPreparedQuote(const PreparedQuote& prepared) {
  const Quote& quote = *prepared.quote;
  const FeeSchedule& fees = quote.fees;
  return !quote.transparent || !prepared.priceable ||
         quote.Has(DataNote::kRateImplausible) || quote.judged_at.has_value() ||
         fees.charging != FeeCharging::kOnTop ||
         fees.funding_surcharge != Percent() || prepared.has_recipient_fees ||
         quote.survey_points.size() > 2 ||
         (quote.survey_points.empty() && fees.bands.size() > 2);
}

bool FitsInt32(int64_t v) {
  return v >= std::numeric_limits<int32_t>::min() &&
         v <= std::numeric_limits<int32_t>::max();
}

// A fee limit in a row: fits int32 without being one of its extremes
// (which stand for none).
bool FitsLimit(int64_t v) {
  return v > std::numeric_limits<int32_t>::min() &&
         v < std::numeric_limits<int32_t>::max();
}

bool Within(int64_t v, int64_t bound) { return v > -bound && v < bound; }

}  // namespace

void MakeScanRow(const PreparedQuote& prepared, ScanRow* out_row,
                 ScanRowMore* out_more, uint64_t* facets) {
  const Quote& quote = *prepared.quote;
  ScanRow& row = *out_row;
  ScanRowMore& more = *out_more;
  row = ScanRow();
  more = ScanRowMore();
  *facets = prepared.facets;
  more.min_send = quote.min_send_minor;
  more.max_send = quote.max_send_minor;
  const int64_t seconds = absl::ToUnixSeconds(quote.quoted_at);
  constexpr int64_t kSecondsBound = int64_t{1} << 46;
  // Facets outside the ordinary ones: the scan reads facets only for a
  // filter that refuses some ordinary facet (or a personal SmaRT).
  if (NeedsPreparedQuote(prepared) || !Within(seconds, kSecondsBound) ||
      (prepared.facets & ~kOrdinaryFacets) != 0) {
    row.when = ScanRow::kSlow;
    return;
  }
  int64_t flags = 0;
  const std::vector<SurveyPoint>& points = quote.survey_points;
  const FeeBands& bands = quote.fees.bands;
  bool fits = true;
  bool plain = false;
  bool limits = false;  // A fee band's minimum or maximum.
  // The first point or band holds the plain bounds; up to `first_to` it
  // prices the row (with no fee limits, for a band).
  bool first_plain = false;
  int64_t first_to = 0;
  if (!points.empty()) {
    flags = ScanRow::kPoints;
    fits = FitsInt32(points[0].fee_minor) && FitsInt32(points[0].send_minor);
    row.fee = static_cast<int32_t>(points[0].fee_minor);
    row.rate = points[0].fee_remainder11;
    row.margin = prepared.point_margins[0].scaled();
    more.low0 = static_cast<int32_t>(points[0].send_minor);
    first_plain = Within(row.fee, kPlainFeeBound) &&
                  Within(row.rate, kPlainRemainderBound) &&
                  Within(row.margin, kPlainMarginBound);
    first_to = points[0].send_minor;
    plain = points.size() == 1 && first_plain;
    if (points.size() == 2) {
      flags |= ScanRow::kTwo;
      more.from1 = points[1].send_minor;
      more.a1 = points[1].fee_minor;
      more.b1 = points[1].fee_remainder11;
      more.c1 = prepared.point_margins[1].scaled();
    }
  } else {
    // No band: no fee.
    const FeeBand first = bands.empty() ? FeeBand() : bands[0];
    fits =
        FitsInt32(first.fixed_minor) &&
        (!first.min_fee_minor.has_value() || FitsLimit(*first.min_fee_minor)) &&
        (!first.max_fee_minor.has_value() || FitsLimit(*first.max_fee_minor));
    row.fee = static_cast<int32_t>(first.fixed_minor);
    row.rate = first.percent.scaled();
    row.margin = prepared.margin.scaled();
    if (first.min_fee_minor.has_value()) {
      more.low0 = static_cast<int32_t>(*first.min_fee_minor);
      limits = true;
    }
    if (first.max_fee_minor.has_value()) {
      more.high0 = static_cast<int32_t>(*first.max_fee_minor);
      limits = true;
    }
    first_plain = !limits && Within(row.fee, kPlainFeeBound) && row.rate >= 0 &&
                  row.rate < kPlainPercentBound &&
                  Within(row.margin, kPlainMarginBound);
    plain = bands.size() <= 1 && first_plain;
    if (bands.size() == 2) {
      // The first band prices every amount below the second's start.
      first_to = std::max(bands[1].from_minor, int64_t{1}) - 1;
      flags |= ScanRow::kTwo;
      const FeeBand& second = bands[1];
      more.from1 = second.from_minor;
      more.a1 = second.fixed_minor;
      more.b1 = second.percent.scaled();
      more.c1 =
          second.min_fee_minor.value_or(std::numeric_limits<int64_t>::min());
      more.d1 =
          second.max_fee_minor.value_or(std::numeric_limits<int64_t>::max());
    }
  }
  if (!fits) {
    row = ScanRow();
    row.when = ScanRow::kSlow;
    return;
  }
  const bool amount_limits =
      more.min_send != 0 ||
      more.max_send != std::numeric_limits<int64_t>::max();
  if ((flags & ScanRow::kTwo) != 0 || limits || amount_limits) {
    flags |= ScanRow::kMore;
  } else if (plain) {
    flags |= ScanRow::kPlain;
  }
  if (plain && !amount_limits) {
    row.plain_to = static_cast<uint32_t>(kPlainAmountMax);
  } else if ((flags & ScanRow::kTwo) != 0 && first_plain && !amount_limits) {
    row.plain_to = static_cast<uint32_t>(
        std::clamp(first_to, int64_t{0}, kPlainAmountMax));
  }
  row.when = seconds * 65536 +
             int64_t{static_cast<uint8_t>(quote.speed)} * 256 + flags;
}

}  // namespace remit::engine_internal
