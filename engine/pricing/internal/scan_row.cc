#include "engine/pricing/internal/scan_row.h"

#include <limits>
#include <vector>

#include "absl/time/time.h"

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

void SetBand(const FeeBand& band, int64_t* fixed, int64_t* percent,
             int64_t* min_fee, int64_t* max_fee) {
  *fixed = band.fixed_minor;
  *percent = band.percent.scaled();
  *min_fee = band.min_fee_minor.value_or(std::numeric_limits<int64_t>::min());
  *max_fee = band.max_fee_minor.value_or(std::numeric_limits<int64_t>::max());
}

}  // namespace

void MakeScanRow(const PreparedQuote& prepared, ScanRow* out_row,
                 ScanRowMore* out_more) {
  const Quote& quote = *prepared.quote;
  ScanRow& row = *out_row;
  ScanRowMore& more = *out_more;
  row = ScanRow();
  more = ScanRowMore();
  row.quoted_s = absl::ToUnixSeconds(quote.quoted_at);
  row.facets = prepared.facets;
  row.tie_rank = prepared.tie_rank;
  row.speed = static_cast<uint8_t>(quote.speed);
  more.min_send = quote.min_send_minor;
  more.max_send = quote.max_send_minor;
  if (NeedsPreparedQuote(prepared)) {
    row.flags = ScanRow::kSlow;
    return;
  }
  const std::vector<SurveyPoint>& points = quote.survey_points;
  const std::vector<FeeBand>& bands = quote.fees.bands;
  if (!points.empty()) {
    row.flags = ScanRow::kPoints;
    row.count = static_cast<uint8_t>(points.size());
    row.a0 = points[0].send_minor;
    row.b0 = points[0].fee_minor;
    row.c0 = points[0].fee_remainder11;
    row.d0 = prepared.point_margins[0].scaled();
    if (points.size() == 2) {
      more.from1 = points[1].send_minor;
      more.a1 = points[1].fee_minor;
      more.b1 = points[1].fee_remainder11;
      more.c1 = prepared.point_margins[1].scaled();
    }
  } else {
    row.margin = prepared.margin.scaled();
    row.count = bands.size() == 2 ? 2 : 1;
    // No band: no fee.
    SetBand(bands.empty() ? FeeBand() : bands[0], &row.a0, &row.b0, &row.c0,
            &row.d0);
    if (bands.size() == 2) {
      more.from1 = bands[1].from_minor;
      SetBand(bands[1], &more.a1, &more.b1, &more.c1, &more.d1);
    }
  }
  if (row.count == 2 || more.min_send != 0 ||
      more.max_send != std::numeric_limits<int64_t>::max()) {
    row.flags |= ScanRow::kMore;
  }
}

}  // namespace remit::engine_internal
