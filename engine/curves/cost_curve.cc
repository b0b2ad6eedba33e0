#include "engine/curves/cost_curve.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <utility>
#include <vector>

#include "absl/numeric/int128.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "engine/pricing/internal/cost_core.h"
#include "engine/pricing/internal/receive.h"
#include "engine/ranking/internal/screening.h"

namespace remit {
namespace {

using engine_internal::ComputeCost;
using engine_internal::CostCore;
using engine_internal::FloorDivide;
using engine_internal::kCostScale;
using engine_internal::ReceivedAt;
using engine_internal::ReceiveRanges;
using engine_internal::SmallestDelivering;
using ranking_internal::Screen;
using ranking_internal::Screening;

// An offer of the curve: a quote the screen passes, and what its cost
// needs besides pricing.
struct Line {
  const PreparedQuote* prepared = nullptr;
  bool opaque = false;
  uint8_t speed = 0;
  uint32_t tie_rank = 0;
  // A bound on how far the cost strays from a straight line between two of
  // its breakpoints: the roundings of its percentage parts (and, for
  // receive amounts, of inverting delivery).
  absl::int128 noise = 0;
  // Receive amounts: the cost is the outlay of the smallest send amount in
  // [piece_lo, piece_hi] (a part of the quote's amounts where delivery and
  // outlay do not decrease) that delivers the amount. `whole`: the quote's
  // own PriceReceive instead, with no bound on noise (every amount a
  // candidate), for a quote whose delivery or outlay falls within one of
  // PriceReceive's ranges (AddReceiveLines).
  bool receive = false;
  bool whole = false;
  int64_t piece_lo = 0;
  int64_t piece_hi = 0;
  // Receive pieces: which of the quote's ranges (ReceiveRanges) the piece
  // belongs to, numbered across the curve's quotes; and, when `reach_known`,
  // what piece_hi delivers: the piece delivers every amount up to `reach`.
  uint32_t range = 0;
  bool reach_known = false;
  int64_t reach = 0;
};

// One step of a receive piece's outlay: `send` is the smallest amount of
// the piece that delivers `from`, and it delivers `to`: from `from` to
// `to`, the smallest amount that delivers, and so the outlay, stay the
// same.
struct Step {
  bool ok = false;
  int64_t from = 0;
  int64_t to = 0;
  int64_t send = 0;
  int64_t outlay = 0;
};

// The step of a receive piece at `amount`. `hint`, a step of the same
// piece at an amount no larger (or not ok), and `lo`, a send amount below
// which nothing delivers `amount`, narrow the search.
Step StepAt(const Line& line, int64_t amount, const Step& hint,
            int64_t lo = 0) {
  if (hint.ok && hint.from <= amount && amount <= hint.to) return hint;
  int64_t first = std::max(line.piece_lo, lo);
  // The hint's amount delivers less than `amount`.
  if (hint.ok && hint.from <= amount) first = std::max(first, hint.send + 1);
  CostCore core;
  const std::optional<int64_t> send =
      SmallestDelivering(*line.prepared, first, line.piece_hi, amount, &core);
  if (!send.has_value()) return {};
  return {true, amount, core.gross_received - core.recipient_fee, *send,
          core.outlay};
}

enum class Reach { kFound, kNone, kFailed };

// The smallest send amount in [lo, hi] whose outlay is at least `need`,
// into *out, given that outlay does not decrease there and that lo - 1's
// is `below` (less than need). kNone when hi's is less than need;
// kFailed when an amount on the way cannot be priced.
Reach SmallestReaching(const PreparedQuote& prepared, int64_t lo, int64_t hi,
                       int64_t need, int64_t below, int64_t* out) {
  if (lo > hi) return Reach::kNone;
  bool failed = false;
  auto reaches = [&](int64_t send) {
    CostCore core;
    if (!ComputeCost(prepared, send, /*with_payout=*/false, &core).ok()) {
      failed = true;
      return false;
    }
    return core.outlay >= need;
  };
  // Outlay grows by about one minor unit per minor unit sent: a guess,
  // then a gallop (doubling the step) to both sides of the answer, then
  // bisection.
  const int64_t missing = need - below;  // > 0
  int64_t probe = hi - lo < missing - 1 ? hi : lo + (missing - 1);
  int64_t bad = lo - 1;
  int64_t good;
  int64_t step = 1;
  if (reaches(probe)) {
    good = probe;
    while (good - bad > 1) {
      const int64_t down = good - bad <= step ? bad + 1 : good - step;
      if (!reaches(down)) {
        if (failed) return Reach::kFailed;
        bad = down;
        break;
      }
      good = down;
      if (step < (int64_t{1} << 61)) step *= 2;
    }
  } else {
    if (failed) return Reach::kFailed;
    bad = probe;
    while (true) {
      if (bad == hi) return Reach::kNone;
      const int64_t up = hi - bad <= step ? hi : bad + step;
      if (reaches(up)) {
        good = up;
        break;
      }
      if (failed) return Reach::kFailed;
      bad = up;
      if (step < (int64_t{1} << 61)) step *= 2;
    }
  }
  while (good - bad > 1) {
    const int64_t middle = bad + (good - bad) / 2;
    if (reaches(middle)) {
      good = middle;
    } else {
      if (failed) return Reach::kFailed;
      bad = middle;
    }
  }
  *out = good;
  return Reach::kFound;
}

// The cost at one amount, as Rank's scan scores it: cost11 for a send
// amount, the total outlay (send minor units) for a receive amount; unset
// when the quote cannot send or deliver the amount.
struct Cost {
  bool ok = false;
  absl::int128 cost11 = 0;
};

Cost ReceiveCostAt(const Line& line, int64_t amount) {
  const PreparedQuote& prepared = *line.prepared;
  if (line.whole) {
    absl::StatusOr<CostBreakdown> cost = PriceReceive(
        prepared,
        Money::FromMinorUnits(amount, *prepared.quote->rate_currency));
    if (!cost.ok()) return {};
    return {true, cost->total_outlay.minor_units()};
  }
  const std::optional<int64_t> send =
      SmallestDelivering(prepared, line.piece_lo, line.piece_hi, amount);
  if (!send.has_value()) return {};
  CostCore core;
  if (!ComputeCost(prepared, *send, /*with_payout=*/false, &core).ok()) {
    return {};
  }
  return {true, core.outlay};
}

Cost CostAt(const Line& line, int64_t amount) {
  if (line.receive) return ReceiveCostAt(line, amount);
  const Quote& quote = *line.prepared->quote;
  if (amount < quote.min_send_minor || amount > quote.max_send_minor) {
    return {};
  }
  CostCore core;
  if (!ComputeCost(*line.prepared, amount, /*with_payout=*/false, &core).ok()) {
    return {};
  }
  return {true, core.cost11};
}

// Rank's order (RanksBefore, order kTotalCost): opaque last, then cost,
// speed and (provider id, quote id).
bool Before(const Line& a, absl::int128 cost_a, const Line& b,
            absl::int128 cost_b) {
  if (a.opaque != b.opaque) return b.opaque;
  if (cost_a != cost_b) return cost_a < cost_b;
  if (a.speed != b.speed) return a.speed < b.speed;
  return a.tie_rank < b.tie_rank;
}

absl::int128 Abs(absl::int128 v) { return v < 0 ? -v : v; }

absl::int128 Pow10(int n) {
  absl::int128 p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

absl::int128 CeilDivide(absl::int128 n, absl::int128 d) {
  absl::int128 q, r;
  FloorDivide(n, d, &q, &r);
  return r == 0 ? q : q + 1;
}

// The roundings ComputeCost makes, bounded in cost11's unit: half a minor
// unit for each rounded percentage part (and its effect on the converted
// amount through the margin when the fee is deducted), and, for recipient
// fees, the payout side's roundings at the mid-market rate. Doubled: a
// looser bound only costs more pricing.
absl::int128 NoiseBound(const PreparedQuote& prepared) {
  const Quote& quote = *prepared.quote;
  const absl::int128 half = kCostScale / 2;
  absl::int128 margin = Abs(prepared.margin.scaled());
  for (const Percent& m : prepared.point_margins) {
    margin = std::max(margin, Abs(m.scaled()));
  }
  bool fee_rounds = !quote.survey_points.empty();
  for (const FeeBand& band : quote.fees.bands) {
    fee_rounds |= band.percent.scaled() != 0;
  }
  absl::int128 noise = 4;
  if (fee_rounds) noise += half + margin;
  if (quote.fees.funding_surcharge.scaled() != 0) noise += half;
  if (prepared.has_recipient_fees && prepared.mid.has_value() &&
      quote.rate_currency.has_value() && prepared.mid->scaled() > 0) {
    const int send_exponent = quote.corridor.send_currency().exponent();
    const int payout_exponent = quote.rate_currency->exponent();
    // One payout minor unit in cost11's unit, at m.
    const absl::int128 scale =
        Pow10(Rate::kScale + std::max(0, send_exponent - payout_exponent));
    const absl::int128 unit11 =
        CeilDivide(kCostScale * scale,
                   absl::int128(prepared.mid->scaled()) *
                       Pow10(std::max(0, payout_exponent - send_exponent)));
    // Payout minor units per send minor unit, at the quote's best rate.
    int64_t rate = prepared.rate.scaled();
    for (const SurveyPoint& point : quote.survey_points) {
      rate = std::max(rate, point.rate.scaled());
    }
    const absl::int128 per_send = CeilDivide(
        absl::int128(rate) *
            Pow10(std::max(0, payout_exponent - send_exponent)),
        Pow10(Rate::kScale + std::max(0, send_exponent - payout_exponent)));
    const absl::int128 share =
        1 +
        CeilDivide(Abs(quote.fees.recipient_percent_fee.scaled()), kCostScale);
    noise += unit11 * (3 + per_send) * share;
  }
  return 2 * noise;
}

// Whether two offers cost the same at every amount (same fees, rates and
// margins): their order then never changes.
bool SameCostFunction(const PreparedQuote& a, const PreparedQuote& b) {
  const Quote& x = *a.quote;
  const Quote& y = *b.quote;
  if (x.transparent != y.transparent || x.rate_currency != y.rate_currency ||
      a.margin != b.margin || a.rate != b.rate || a.mid != b.mid ||
      a.point_margins != b.point_margins ||
      x.fees.charging != y.fees.charging ||
      x.fees.funding_surcharge != y.fees.funding_surcharge ||
      x.fees.recipient_fixed_fee_minor != y.fees.recipient_fixed_fee_minor ||
      x.fees.recipient_percent_fee != y.fees.recipient_percent_fee ||
      x.fees.bands.size() != y.fees.bands.size() ||
      x.survey_points.size() != y.survey_points.size()) {
    return false;
  }
  for (size_t i = 0; i < x.fees.bands.size(); ++i) {
    const FeeBand& p = x.fees.bands[i];
    const FeeBand& q = y.fees.bands[i];
    if (p.from_minor != q.from_minor || p.fixed_minor != q.fixed_minor ||
        p.percent != q.percent || p.min_fee_minor != q.min_fee_minor ||
        p.max_fee_minor != q.max_fee_minor) {
      return false;
    }
  }
  for (size_t i = 0; i < x.survey_points.size(); ++i) {
    const SurveyPoint& p = x.survey_points[i];
    const SurveyPoint& q = y.survey_points[i];
    if (p.send_minor != q.send_minor || p.fee_minor != q.fee_minor ||
        p.fee_remainder11 != q.fee_remainder11 || p.rate != q.rate) {
      return false;
    }
  }
  return true;
}

// The amounts in (lo, hi] where the quote's cost may stop following one
// straight line: each starts a new piece.
void AddBreakpoints(const Quote& quote, int64_t lo, int64_t hi,
                    std::vector<int64_t>* out) {
  auto add = [&](absl::int128 amount) {
    if (amount > lo && amount <= hi) {
      out->push_back(static_cast<int64_t>(amount));
    }
  };
  add(quote.min_send_minor);
  add(absl::int128(quote.max_send_minor) + 1);
  const std::vector<SurveyPoint>& points = quote.survey_points;
  if (!points.empty()) {
    for (size_t i = 0; i < points.size(); ++i) {
      add(points[i].send_minor);
      // The nearest point (whose rate and margin apply) changes after the
      // midpoint; the lower one when equally near.
      if (i + 1 < points.size()) {
        add((absl::int128(points[i].send_minor) + points[i + 1].send_minor) /
                2 +
            1);
      }
    }
    return;
  }
  for (size_t i = 0; i < quote.fees.bands.size(); ++i) {
    const FeeBand& band = quote.fees.bands[i];
    if (i > 0) add(band.from_minor);
    const int64_t percent = band.percent.scaled();
    if (percent == 0) continue;
    // Where fixed + amount x percent crosses a minimum or a cap: on each
    // side, the fee is either the bound or the rounded line.
    for (const std::optional<int64_t>& bound :
         {band.min_fee_minor, band.max_fee_minor}) {
      if (!bound.has_value()) continue;
      absl::int128 q, r;
      FloorDivide((absl::int128(*bound) - band.fixed_minor) * kCostScale,
                  percent < 0 ? -absl::int128(percent) : percent, &q, &r);
      if (percent < 0) q = -q - (r != 0 ? 1 : 0);
      for (int d = 0; d <= 2; ++d) add(q + d);
    }
  }
}

// For receive amounts, a bound (in send minor units) on how far a piece's
// outlay strays from a straight line in the amount received. Delivery is
// the amount converted (less a deducted fee) at the rate, less recipient
// fees: within 2 payout minor units of a line, plus half a send minor unit
// of deducted fee at the rate. The smallest amount that delivers is then
// within 1 + that error / slope of a line (slope: payout minor units per
// send minor unit, at the quote's lowest rate, after deducted and
// recipient percentages; 1 / slope is `inverse`), and the outlay, which
// grows by less than `growth` per send minor unit, within growth x that + 1
// (its own rounding). A looser bound only costs more pricing.
absl::int128 ReceiveNoiseBound(const PreparedQuote& prepared) {
  const Quote& quote = *prepared.quote;
  int64_t rate = prepared.rate.scaled();
  for (const SurveyPoint& point : quote.survey_points) {
    if (rate <= 0 || (point.rate.scaled() > 0 && point.rate.scaled() < rate)) {
      rate = point.rate.scaled();
    }
  }
  int64_t percent = 0;  // The largest fee percentage, at Percent's scale.
  for (const FeeBand& band : quote.fees.bands) {
    percent = std::max(percent, band.percent.scaled());
  }
  const int64_t surcharge =
      std::max<int64_t>(0, quote.fees.funding_surcharge.scaled());
  const int64_t recipient =
      std::max<int64_t>(0, quote.fees.recipient_percent_fee.scaled());
  const bool deducted = quote.fees.charging == FeeCharging::kDeducted;
  // What is left of each unit sent for the recipient, x kCostScale^2.
  const absl::int128 kept = (kCostScale - (deducted ? percent : 0)) *
                            absl::int128(kCostScale - recipient);
  if (rate <= 0 || kept <= 0) return absl::int128(1) << 80;
  const int send_exponent = quote.corridor.send_currency().exponent();
  const int payout_exponent = quote.rate_currency.has_value()
                                  ? quote.rate_currency->exponent()
                                  : send_exponent;
  // Send minor units per payout minor unit: 10^(s - p + 12) / rate, over
  // what is kept.
  const absl::int128 inverse = CeilDivide(
      Pow10(Rate::kScale + std::max(0, send_exponent - payout_exponent)) *
          kCostScale * kCostScale,
      absl::int128(rate) * Pow10(std::max(0, payout_exponent - send_exponent)) *
          kept);
  // An estimated fee between survey points grows by at most this much per
  // send minor unit.
  absl::int128 survey_slope = 0;
  const std::vector<SurveyPoint>& points = quote.survey_points;
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const int64_t run = points[i + 1].send_minor - points[i].send_minor;
    if (run <= 0) continue;
    survey_slope = std::max(
        survey_slope, CeilDivide(Abs(absl::int128(points[i + 1].fee_minor) -
                                     points[i].fee_minor),
                                 run));
  }
  const absl::int128 growth =
      2 + survey_slope +
      CeilDivide((deducted ? 0 : percent) + surcharge, kCostScale);
  // Half a deducted fee's minor unit, as delivery, over the slope.
  const absl::int128 deducted_error =
      deducted ? CeilDivide(absl::int128(kCostScale) * kCostScale, kept) : 0;
  return growth * (2 * inverse + deducted_error + 1) + 1;
}

// Amounts from..to (inclusive) on which one line is first. For a receive
// piece, `send` (when not 0) is the smallest amount of its quote that
// delivers `from`, the one PriceReceive prices.
struct Piece {
  int64_t from;
  int64_t to;
  size_t line;
  int64_t send = 0;
};

class EnvelopeBuilder {
 public:
  EnvelopeBuilder(const std::vector<Line>& lines, int64_t work_budget,
                  std::vector<Piece>* pieces)
      : lines_(lines), pieces_(pieces), budget_(work_budget) {}

  // Adds the envelope over [s, e], between two consecutive breakpoints.
  // Stops, the envelope unfinished, once the work budget is spent.
  void Segment(int64_t s, int64_t e) {
    if (s > e || exhausted_) return;
    // Overflow guard for the chord arithmetic: long ranges in halves.
    if (e - s > (int64_t{1} << 36)) {
      const int64_t middle = s + (e - s) / 2;
      Segment(s, middle);
      Segment(middle + 1, e);
      return;
    }
    // Each line priced at both ends (a receive outlay's step is a search:
    // counted twice).
    if (!Spend(4 * static_cast<int64_t>(lines_.size()))) return;
    if (ReceiveSegment(s, e)) return;
    std::vector<size_t> active;
    std::vector<Cost> at_s, at_e;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Cost a = CostAt(lines_[i], s);
      const Cost b = CostAt(lines_[i], e);
      if (a.ok != b.ok) {
        // Priced at one end only (a deducted fee that takes the whole of
        // small amounts): split where that changes.
        int64_t good = a.ok ? s : e;
        int64_t bad = a.ok ? e : s;
        while (std::llabs(good - bad) > 1) {
          const int64_t middle = bad + (good - bad) / 2;
          (CostAt(lines_[i], middle).ok ? good : bad) = middle;
        }
        const int64_t split = std::max(good, bad);
        Segment(s, split - 1);
        Segment(split, e);
        return;
      }
      if (!a.ok) continue;
      active.push_back(i);
      at_s.push_back(a);
      at_e.push_back(b);
    }
    if (active.empty()) return;
    s_ = s;
    e_ = e;
    active_ = std::move(active);
    at_s_ = std::move(at_s);
    at_e_ = std::move(at_e);
    Walk();
  }

  // Whether the work budget ran out: the envelope is then unfinished.
  bool exhausted() const { return exhausted_; }
  // Whether the envelope has more than kMaxCurveIntervals intervals (runs
  // of pieces of one quote): it is then unfinished too.
  bool too_many_intervals() const { return intervals_ > kMaxCurveIntervals; }

 private:
  // The position in active_ of the first offer at `amount`.
  size_t LeaderAt(int64_t amount) const {
    size_t best = 0;
    absl::int128 best_cost = 0;
    bool found = false;
    for (size_t k = 0; k < active_.size(); ++k) {
      const Cost cost = amount == s_ ? at_s_[k] : CostAt(line(k), amount);
      if (!cost.ok) continue;
      if (!found || Before(line(k), cost.cost11, line(best), best_cost)) {
        found = true;
        best = k;
        best_cost = cost.cost11;
      }
    }
    return best;
  }

  const Line& line(size_t k) const { return lines_[active_[k]]; }

  // Adds a piece (pieces come in ascending order), counting it as work
  // and the intervals; false when the envelope is to stop.
  bool Push(const Piece& piece) {
    if (!Spend()) return false;
    if (pieces_->empty() || pieces_->back().to + 1 != piece.from ||
        lines_[pieces_->back().line].prepared != lines_[piece.line].prepared) {
      if (++intervals_ > kMaxCurveIntervals) {
        exhausted_ = true;
        return false;
      }
    }
    pieces_->push_back(piece);
    return true;
  }

  // Counts `units` of work (an offer priced at an amount, a receive
  // outlay's step, a piece of the envelope); false once the budget is
  // spent.
  bool Spend(int64_t units = 1) {
    work_ += units;
    if (work_ > budget_) exhausted_ = true;
    return !exhausted_;
  }

  void Walk() {
    int64_t from = s_;
    size_t leader = LeaderAt(from);
    while (true) {
      int64_t next = e_ + 1;
      for (size_t k = 0; k < active_.size(); ++k) {
        if (k == leader) continue;
        if (!Spend()) return;
        if (std::optional<int64_t> beat =
                FirstBeat(leader, k, from + 1, next - 1)) {
          next = *beat;
        }
      }
      if (!Push({from, next - 1, active_[leader]})) return;
      if (next > e_) return;
      from = next;
      if (!Spend(static_cast<int64_t>(active_.size()))) return;
      leader = LeaderAt(from);
    }
  }

  // The first amount in [from, to] where offer y ranks before offer x.
  std::optional<int64_t> FirstBeat(size_t x, size_t y, int64_t from,
                                   int64_t to) {
    if (from > to) return std::nullopt;
    const Line& lx = line(x);
    const Line& ly = line(y);
    if (lx.opaque != ly.opaque) {
      if (ly.opaque) return std::nullopt;
      return from;
    }
    if (!lx.receive && SameCostFunction(*lx.prepared, *ly.prepared)) {
      return std::nullopt;
    }
    // d = y's cost - x's; y ranks first where d < threshold.
    const bool y_wins_ties = Before(ly, 0, lx, 0);
    const absl::int128 threshold = y_wins_ties ? 1 : 0;
    const absl::int128 ds = at_s_[y].cost11 - at_s_[x].cost11;
    const absl::int128 de = at_e_[y].cost11 - at_e_[x].cost11;
    // Between the ends, d stays within `slack` of the chord from ds to de;
    // y can rank first only where the chord is below threshold + slack.
    const absl::int128 slack = 2 * (lx.noise + ly.noise) + 2;
    const absl::int128 t = threshold + slack;
    int64_t first = from;
    int64_t last = to;
    const absl::int128 span = e_ - s_;
    const absl::int128 k = de - ds;
    constexpr absl::int128 kLimit = absl::int128(1) << 88;
    if (lx.whole || ly.whole) {
      // No bound on how far a cost strays: every amount is a candidate.
    } else if (span == 0 || k == 0) {
      if (ds >= t) return std::nullopt;
    } else if (Abs(ds) < kLimit && Abs(k) < kLimit) {
      // Candidates: k x (A - s) < (t - ds) x span = room.
      const absl::int128 room = (t - ds) * span;
      absl::int128 q, r;
      if (k > 0) {
        if (room <= 0) return std::nullopt;
        FloorDivide(room - 1, k, &q, &r);
        if (s_ + q < last) last = static_cast<int64_t>(s_ + q);
      } else {
        FloorDivide(-room, -k, &q, &r);
        if (s_ + q + 1 > first) {
          if (s_ + q + 1 > to) return std::nullopt;
          first = static_cast<int64_t>(s_ + q + 1);
        }
      }
    }
    for (int64_t amount = first; amount <= last; ++amount) {
      if (!Spend(2)) return std::nullopt;
      const Cost cx = CostAt(lx, amount);
      const Cost cy = CostAt(ly, amount);
      if (cx.ok && cy.ok && Before(ly, cy.cost11, lx, cx.cost11)) {
        return amount;
      }
    }
    return std::nullopt;
  }

  // Receive amounts, when every line is a receive piece whose reach is
  // known (else false, and nothing is added). The walk over [s, e] is
  // Walk's, with two differences that use what receive pieces are. First,
  // of a quote's pieces within one range only the first that delivers the
  // amount is kept: a later one delivers from a larger amount, whose
  // outlay is no smaller, and ranks the same otherwise, so it never ranks
  // before it. Second, the amounts where another offer may overtake the
  // leader are found step by step (ReceiveBeat) rather than amount by
  // amount, and what each pair of offers has shown is kept for the rest of
  // the segment.
  bool ReceiveSegment(int64_t s, int64_t e) {
    for (const Line& line : lines_) {
      if (!line.receive || line.whole || !line.reach_known) return false;
    }
    // Each piece delivers every amount up to its reach: split where one
    // stops within [s, e].
    for (const Line& line : lines_) {
      if (line.reach >= s && line.reach < e) {
        Segment(s, line.reach);
        Segment(line.reach + 1, e);
        return true;
      }
    }
    if (steps_.size() != lines_.size()) steps_.assign(lines_.size(), Step{});
    active_.clear();
    at_s_.clear();
    at_e_.clear();
    step_s_.clear();
    bool kept_any = false;
    uint32_t kept_range = 0;
    for (size_t i = 0; i < lines_.size(); ++i) {
      const Line& line = lines_[i];
      if (line.reach < e) continue;  // Delivers none of [s, e].
      if (kept_any && line.range == kept_range) continue;
      kept_any = true;
      kept_range = line.range;
      const Step first = StepAt(line, s, steps_[i]);
      const Step last = StepAt(line, e, first);
      // Within its reach a piece delivers every amount; should it not,
      // the amount-by-amount walk decides.
      if (!first.ok || !last.ok) return false;
      steps_[i] = last;
      active_.push_back(i);
      at_s_.push_back({true, first.outlay});
      at_e_.push_back({true, last.outlay});
      step_s_.push_back(first);
    }
    if (active_.empty()) return true;
    s_ = s;
    e_ = e;
    ReceiveWalk();
    return true;
  }

  // What one pair (leader x, other offer y) has shown in the segment.
  struct Pair {
    // y ranks before x nowhere from the first amount asked to clean_to;
    // with `beat`, it does at clean_to + 1.
    int64_t clean_to = 0;
    bool beat = false;
    // The chord's candidates (FirstBeat): y can rank first only within.
    int64_t first = 0;
    int64_t last = 0;
    // x's and y's steps at the last amount compared.
    Step x;
    Step y;
  };

  void ReceiveWalk() {
    const size_t n = active_.size();
    ++segment_;
    pairs_.clear();
    if (pair_index_.size() < n * n) pair_index_.resize(n * n, 0);
    int64_t from = s_;
    size_t leader = LeaderAt(from);
    int64_t send = step_s_[leader].send;
    std::vector<size_t>& beaters = beaters_;
    while (true) {
      int64_t next = e_ + 1;
      beaters.clear();
      for (size_t k = 0; k < n && from < e_; ++k) {
        if (k == leader) continue;
        if (!Spend()) return;
        // Up to `next` itself: each offer that overtakes there is needed.
        const std::optional<int64_t> beat =
            ReceiveBeat(leader, k, from + 1, std::min(next, e_));
        if (!beat.has_value()) continue;
        if (*beat < next) {
          next = *beat;
          beaters.assign(1, k);
        } else {
          beaters.push_back(k);
        }
      }
      if (!Push({from, next - 1, active_[leader], send})) return;
      if (next > e_) return;
      // The first at `next`: of the offers that rank before the leader
      // there, the first in Rank's order (the first line among equals, as
      // LeaderAt).
      const size_t before = leader;
      leader = beaters[0];
      for (size_t j = 1; j < beaters.size(); ++j) {
        const size_t k = beaters[j];
        if (Before(line(k), PairOf(before, k).y.outlay, line(leader),
                   PairOf(before, leader).y.outlay)) {
          leader = k;
        }
      }
      send = PairOf(before, leader).y.send;
      from = next;
    }
  }

  // The pair (x, y) of this segment, once ReceiveBeat has started it.
  const Pair& PairOf(size_t x, size_t y) const {
    return pairs_[pair_index_[x * active_.size() + y] & 0xffffffff];
  }

  // The first amount in [from, to] where receive piece y ranks before
  // receive piece x; `from` does not decrease from one call to the next
  // for the same pair within a segment.
  //
  // Both outlays are steps that do not decrease with the amount. Where y
  // does not rank before x at an amount a, y's outlay there, Oy(a), bounds
  // its outlay at every larger amount from below; so y cannot rank before
  // x until x's outlay reaches Oy(a) (or passes it, as the tie-break
  // says). The smallest send amount S with that outlay (SmallestReaching)
  // gives the next candidate directly: one past what S - 1 delivers. The
  // walk leaps from candidate to candidate; where the two offers are
  // within a minor unit of each other it moves one step at a time.
  std::optional<int64_t> ReceiveBeat(size_t x, size_t y, int64_t from,
                                     int64_t to) {
    if (from > to) return std::nullopt;
    uint64_t& index = pair_index_[x * active_.size() + y];
    if (index >> 32 != segment_) {
      index = (uint64_t{segment_} << 32) | pairs_.size();
      pairs_.emplace_back();
      Pair& pair = pairs_.back();
      pair.clean_to = from - 1;
      pair.beat = false;
      pair.x = step_s_[x];
      pair.y = step_s_[y];
      ChordCandidates(x, y, &pair.first, &pair.last);
    }
    Pair& pair = pairs_[index & 0xffffffff];
    int64_t a = from;
    if (a <= pair.clean_to + 1) {
      if (pair.beat) {
        if (pair.clean_to + 1 <= to) return pair.clean_to + 1;
        return std::nullopt;
      }
      a = pair.clean_to + 1;
    } else {
      pair.beat = false;
    }
    if (a > to) return std::nullopt;
    if (a > pair.last) {
      pair.clean_to = e_;
      return std::nullopt;
    }
    if (a < pair.first) {
      a = pair.first;
      pair.clean_to = a - 1;
      if (a > to) return std::nullopt;
    }
    const int64_t until = std::min(to, pair.last);
    const Line& lx = line(x);
    const Line& ly = line(y);
    const int64_t tie = Before(ly, 0, lx, 0) ? 0 : 1;
    Step sx = StepAt(lx, a, pair.x);
    Step sy = StepAt(ly, a, pair.y);
    int64_t amount = a;
    while (true) {
      if (!Spend(2)) return std::nullopt;
      if (!sx.ok || !sy.ok) {
        // Not expected within both pieces' reach; amount by amount.
        pair.x = step_s_[x];
        pair.y = step_s_[y];
        for (; amount <= until; ++amount) {
          if (!Spend(2)) return std::nullopt;
          const Cost cx = CostAt(lx, amount);
          const Cost cy = CostAt(ly, amount);
          if (cx.ok && cy.ok && Before(ly, cy.cost11, lx, cx.cost11)) {
            pair.clean_to = amount - 1;
            pair.beat = true;
            pair.y = {true, amount, amount, 0, static_cast<int64_t>(cy.cost11)};
            return amount;
          }
        }
        pair.clean_to = until;
        return std::nullopt;
      }
      if (Before(ly, sy.outlay, lx, sx.outlay)) {
        pair.clean_to = amount - 1;
        pair.beat = true;
        pair.x = sx;
        pair.y = sy;
        return amount;
      }
      // Neither outlay changes up to the end of the shorter step.
      int64_t next = std::min(sx.to, sy.to) + 1;
      int64_t x_lo = 0;
      int64_t reach_send = 0;
      switch (SmallestReaching(*lx.prepared, sx.send + 1, lx.piece_hi,
                               sy.outlay + tie, sx.outlay, &reach_send)) {
        case Reach::kNone:
          // x's outlay stays below y's for the rest of the segment.
          pair.clean_to = e_;
          pair.x = sx;
          pair.y = sy;
          return std::nullopt;
        case Reach::kFound: {
          // What reach_send - 1 delivers; sx's own amount is known.
          const std::optional<int64_t> below =
              reach_send - 1 == sx.send
                  ? std::optional<int64_t>(sx.to)
                  : ReceivedAt(*lx.prepared, reach_send - 1);
          if (below.has_value() && *below >= amount) {
            next = std::max(next, *below + 1);
            x_lo = reach_send;
          }
          break;
        }
        case Reach::kFailed:
          break;
      }
      if (next > until) {
        pair.clean_to = next > pair.last ? e_ : next - 1;
        pair.x = sx;
        pair.y = sy;
        return std::nullopt;
      }
      amount = next;
      sx = StepAt(lx, amount, sx, next > sx.to ? x_lo : 0);
      sy = StepAt(ly, amount, sy);
    }
  }

  // The amounts of [s_, e_] where the chord and the rounding bound leave
  // room for y to rank before x (FirstBeat's), as [*first, *last]; empty
  // when *first > *last.
  void ChordCandidates(size_t x, size_t y, int64_t* first,
                       int64_t* last) const {
    *first = s_;
    *last = e_;
    const Line& lx = line(x);
    const Line& ly = line(y);
    const bool y_wins_ties = Before(ly, 0, lx, 0);
    const absl::int128 threshold = y_wins_ties ? 1 : 0;
    const absl::int128 ds = at_s_[y].cost11 - at_s_[x].cost11;
    const absl::int128 de = at_e_[y].cost11 - at_e_[x].cost11;
    const absl::int128 slack = 2 * (lx.noise + ly.noise) + 2;
    const absl::int128 t = threshold + slack;
    const absl::int128 span = e_ - s_;
    const absl::int128 k = de - ds;
    constexpr absl::int128 kLimit = absl::int128(1) << 88;
    if (span == 0 || k == 0) {
      if (ds >= t) *first = e_ + 1;
    } else if (Abs(ds) < kLimit && Abs(k) < kLimit) {
      const absl::int128 room = (t - ds) * span;
      absl::int128 q, r;
      if (k > 0) {
        if (room <= 0) {
          *first = e_ + 1;
          return;
        }
        FloorDivide(room - 1, k, &q, &r);
        if (s_ + q < *last) *last = static_cast<int64_t>(s_ + q);
      } else {
        FloorDivide(-room, -k, &q, &r);
        if (s_ + q + 1 > *first) {
          *first = s_ + q + 1 > e_ ? e_ + 1 : static_cast<int64_t>(s_ + q + 1);
        }
      }
    }
  }

  const std::vector<Line>& lines_;
  std::vector<Piece>* pieces_;
  int64_t s_ = 0;
  int64_t e_ = 0;
  std::vector<size_t> active_;
  std::vector<Cost> at_s_;
  std::vector<Cost> at_e_;
  // Receive pieces: each active line's step at s_; each line's last step
  // priced (a hint for the next segment).
  std::vector<Step> step_s_;
  std::vector<Step> steps_;
  // The pairs started in this segment; for each (x, y), the segment
  // (segment_, in the high 32 bits) it was last started in and its
  // position in pairs_.
  std::vector<Pair> pairs_;
  std::vector<uint64_t> pair_index_;
  uint32_t segment_ = 0;
  std::vector<size_t> beaters_;  // ReceiveWalk's, kept for their memory.
  int64_t budget_;
  int64_t work_ = 0;
  size_t intervals_ = 0;
  bool exhausted_ = false;
};

// The lines of one quote for receive amounts from lo to hi, with the
// amounts where their costs change course added to `starts`. PriceReceive
// takes the least outlay over the ranges where delivery and outlay rise
// (ReceiveRanges) of the smallest amount of each that delivers; each range
// is cut further where the send cost changes course (AddBreakpoints), into
// pieces, one line each: the quote's cost is the least of its lines'. A
// piece's outlay at a receive amount is the same at its first amount up to
// what that delivers, and close to a straight line from there to what its
// last amount delivers: those two amounts (and one past) start new
// segments. Should delivery or outlay fall within a range after all (a fee
// that changes faster than the amount), the quote gets one line priced by
// PriceReceive itself, with every amount a candidate.
void AddReceiveLines(Line line, int64_t lo, int64_t hi,
                     std::vector<Line>* lines, std::vector<int64_t>* starts,
                     uint32_t* ranges) {
  const PreparedQuote& prepared = *line.prepared;
  const Quote& quote = *prepared.quote;
  // Delivery at two amounts, in order: not less at the second. An amount
  // that cannot be priced (too small for a deducted fee, too large to
  // compute) compares with nothing.
  auto rising = [&](int64_t first, int64_t second) {
    const std::optional<int64_t> a = ReceivedAt(prepared, first);
    const std::optional<int64_t> b = ReceivedAt(prepared, second);
    return !a.has_value() || !b.has_value() || *a <= *b;
  };

  auto outlay = [&](int64_t send) -> std::optional<int64_t> {
    CostCore core;
    if (!ComputeCost(prepared, send, /*with_payout=*/false, &core).ok()) {
      return std::nullopt;
    }
    return core.outlay;
  };
  std::vector<Line> pieces;
  bool steady = true;
  for (const auto& [from, to] : ReceiveRanges(quote)) {
    const uint32_t range = (*ranges)++;
    std::vector<int64_t> cuts = {from};
    AddBreakpoints(quote, from, to, &cuts);
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    for (size_t k = 0; k < cuts.size(); ++k) {
      Line piece = line;
      piece.receive = true;
      piece.piece_lo = cuts[k];
      piece.piece_hi = k + 1 < cuts.size() ? cuts[k + 1] - 1 : to;
      piece.range = range;
      const std::optional<int64_t> first = outlay(piece.piece_lo);
      const std::optional<int64_t> last = outlay(piece.piece_hi);
      steady &= rising(piece.piece_lo, piece.piece_hi) &&
                (!first || !last || *first <= *last);
      if (k > 0) {
        // Within one range, PriceReceive's search takes delivery and
        // outlay to rise from one piece to the next.
        const Line& before = pieces.back();
        const std::optional<int64_t> end = outlay(before.piece_hi);
        steady &= rising(before.piece_hi, piece.piece_lo) &&
                  (!end || !first || *end <= *first);
      }
      pieces.push_back(piece);
    }
  }
  if (!steady) {
    line.receive = true;
    line.whole = true;
    lines->push_back(line);
    return;
  }
  const absl::int128 noise = ReceiveNoiseBound(prepared);
  for (Line& piece : pieces) {
    piece.noise = noise;
    for (const int64_t send : {piece.piece_lo, piece.piece_hi}) {
      const std::optional<int64_t> r = ReceivedAt(prepared, send);
      if (r.has_value() && *r >= lo && *r < hi) starts->push_back(*r + 1);
      if (send == piece.piece_hi && r.has_value()) {
        piece.reach_known = true;
        piece.reach = *r;
      }
    }
    if (!piece.reach_known &&
        SmallestDelivering(prepared, piece.piece_lo, piece.piece_hi, hi)
            .has_value()) {
      // The last amount cannot be priced (too large), but the piece
      // delivers the range's last amount, and so every one before it.
      piece.reach_known = true;
      piece.reach = hi;
    }
    lines->push_back(piece);
  }
}

absl::Status CheckRequest(const CostCurveRequest& request) {
  const bool send = request.amount_kind == AmountKind::kSend;
  const CurrencyCode currency = send ? request.corridor.send_currency()
                                     : request.corridor.receive_currency();
  for (const auto& [field, amount] :
       {std::pair<absl::string_view, const Money*>{"min_amount",
                                                   &request.min_amount},
        {"max_amount", &request.max_amount}}) {
    if (amount->currency() != currency) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ": ", amount->ToString(), " is not in ", currency.code(),
          ", the corridor's ", send ? "send" : "receive", " currency"));
    }
    if (amount->minor_units() <= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": ", amount->ToString(), " must be positive"));
    }
  }
  if (request.min_amount.minor_units() > request.max_amount.minor_units()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "min_amount: ", request.min_amount.ToString(),
        " is more than max_amount ", request.max_amount.ToString()));
  }
  if (request.sample_count > kMaxCurveSamples) {
    return absl::InvalidArgumentError(
        absl::StrCat("sample_count: ", request.sample_count, " is more than ",
                     kMaxCurveSamples));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<CostCurve> ComputeCostCurve(const QuoteBook& book,
                                           const CostCurveRequest& request,
                                           const Clock& clock) {
  if (absl::Status status = CheckRequest(request); !status.ok()) {
    return status;
  }
  absl::StatusOr<PeriodQuotes> selected =
      book.QuotesFor(request.corridor, request.period);
  if (!selected.ok()) return selected.status();

  // Rank's screen, but for the send limits, which the curve applies amount
  // by amount: in receive mode the screen leaves them to pricing.
  RankRequest screened(request.corridor, request.min_amount);
  screened.amount_kind = AmountKind::kReceive;
  screened.filter = request.filter;
  screened.include_opaque = request.include_opaque;
  screened.max_quote_age = request.max_quote_age;
  screened.period = request.period;
  const Screen screen(screened, clock.Now());
  const bool receive = request.amount_kind == AmountKind::kReceive;
  const int64_t lo = request.min_amount.minor_units();
  const int64_t hi = request.max_amount.minor_units();
  std::vector<int64_t> starts = {lo};
  std::vector<Line> lines;
  uint32_t ranges = 0;
  for (const PreparedQuote& prepared : selected->quotes) {
    ExclusionReason reason;
    if (screen.Check(prepared, &reason) != Screening::kListed) continue;
    if (request.access.has_value() &&
        !IsAccessible(*prepared.quote, *request.access)) {
      continue;
    }
    Line line;
    line.prepared = &prepared;
    line.opaque = !prepared.quote->transparent;
    line.speed = static_cast<uint8_t>(prepared.quote->speed);
    line.tie_rank = prepared.tie_rank;
    if (receive) {
      // Rank cannot price these at a receive amount (PriceReceive).
      const Quote& quote = *prepared.quote;
      if (!quote.transparent || !prepared.priceable ||
          quote.rate_currency != request.corridor.receive_currency()) {
        continue;
      }
      AddReceiveLines(line, lo, hi, &lines, &starts, &ranges);
      continue;
    }
    line.noise = NoiseBound(prepared);
    lines.push_back(line);
    AddBreakpoints(*prepared.quote, lo, hi, &starts);
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());

  std::vector<Piece> pieces;
  EnvelopeBuilder builder(lines, request.work_budget, &pieces);
  for (size_t i = 0; i < starts.size() && !builder.exhausted(); ++i) {
    builder.Segment(starts[i], i + 1 < starts.size() ? starts[i + 1] - 1 : hi);
  }
  if (builder.too_many_intervals()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_amount: the cheapest offer changes more than ",
        kMaxCurveIntervals - 1, " times from ", request.min_amount.ToString(),
        " to ", request.max_amount.ToString(), "; ask for a narrower range"));
  }
  if (builder.exhausted()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "max_amount: who is cheapest from ", request.min_amount.ToString(),
        " to ", request.max_amount.ToString(), " needs more than ",
        request.work_budget,
        " steps to work out exactly (the limit of one curve); ask for a "
        "narrower range"));
  }

  CostCurve curve;
  curve.period = selected->period;
  curve.amount_kind = request.amount_kind;
  const CurrencyCode currency = request.min_amount.currency();
  // An offer at one amount, priced as Rank prices it.
  auto price = [&](const PreparedQuote& prepared, int64_t amount) {
    return receive
               ? PriceReceive(prepared, Money::FromMinorUnits(amount, currency))
               : PriceSend(prepared, amount);
  };
  for (const Piece& piece : pieces) {
    const PreparedQuote* prepared = lines[piece.line].prepared;
    if (!curve.intervals.empty() &&
        curve.intervals.back().cheapest.quote == prepared &&
        curve.intervals.back().to.minor_units() + 1 == piece.from) {
      curve.intervals.back().to = Money::FromMinorUnits(piece.to, currency);
      continue;
    }
    // A receive piece's quote delivers `from` first at `send`: PriceReceive
    // would search for that amount again.
    absl::StatusOr<CostBreakdown> cost = piece.send > 0
                                             ? PriceSend(*prepared, piece.send)
                                             : price(*prepared, piece.from);
    if (!cost.ok()) return cost.status();
    curve.intervals.push_back(
        CurveInterval{Money::FromMinorUnits(piece.from, currency),
                      Money::FromMinorUnits(piece.to, currency),
                      Offer{1, prepared, *std::move(cost)}});
  }

  const size_t n = request.sample_count;
  for (size_t i = 0; i < n; ++i) {
    const absl::int128 amount = n == 1 ? lo
                                       : lo + (absl::int128(hi) - lo) *
                                                  static_cast<int64_t>(i) /
                                                  static_cast<int64_t>(n - 1);
    curve.sample_amounts.push_back(
        Money::FromMinorUnits(static_cast<int64_t>(amount), currency));
  }
  if (n > 0) {
    for (size_t i = 0; i < lines.size(); ++i) {
      // A quote's pieces (receive amounts) are consecutive lines.
      if (i > 0 && lines[i].prepared == lines[i - 1].prepared) continue;
      const Line& line = lines[i];
      OfferSamples samples;
      samples.quote = line.prepared;
      for (const Money& amount : curve.sample_amounts) {
        std::optional<CostBreakdown> cost;
        if (receive || CostAt(line, amount.minor_units()).ok) {
          absl::StatusOr<CostBreakdown> priced =
              price(*line.prepared, amount.minor_units());
          if (priced.ok()) cost = *std::move(priced);
        }
        samples.costs.push_back(std::move(cost));
      }
      curve.offers.push_back(std::move(samples));
    }
  }
  return curve;
}

}  // namespace remit
