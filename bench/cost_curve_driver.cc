// One receive-amount cost curve over the wide range of
// BM_ReceiveCurveAgainstRankAtEachAmount (20.00 .. 20,000.00 MXN on the
// generated 20-offer corridor with falling survey rates), computed
// `--repeat` times, for instruction counts:
//
//   valgrind --tool=callgrind --toggle-collect='remit::ComputeCostCurve*' \
//       bazel-bin/bench/cost_curve_driver
//
// With --rank, calls Rank() (limit 1, no summary) at the 1,000 amounts
// the benchmark ranks at instead (toggle-collect on 'remit::Rank(*').
// With --verify, checks each interval's price against PriceReceive at its
// first amount. With --print, lists the intervals (from, to, quote id, outlay
// at from), to compare two builds' answers.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bench/generated_quotes.h"
#include "engine/curves/cost_curve.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit {
namespace {

int Run(int argc, char** argv) {
  bool print = false;
  bool rank = false;
  bool verify = false;
  int repeat = 1;
  int64_t lo = 2000;
  int64_t hi = 2000000;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--print") == 0) print = true;
    if (std::strcmp(argv[i], "--rank") == 0) rank = true;
    if (std::strcmp(argv[i], "--verify") == 0) verify = true;
    if (std::strncmp(argv[i], "--repeat=", 9) == 0)
      repeat = std::atoi(argv[i] + 9);
    if (std::strncmp(argv[i], "--lo=", 5) == 0) lo = std::atoll(argv[i] + 5);
    if (std::strncmp(argv[i], "--hi=", 5) == 0) hi = std::atoll(argv[i] + 5);
  }
  const QuoteBook book =
      bench::MakeBook(20, /*simple=*/false, /*falling_survey_rates=*/true);
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  const CurrencyCode mxn = bench::UsMx().receive_currency();
  CostCurveRequest request(bench::UsMx(), Money::FromMinorUnits(lo, mxn),
                           Money::FromMinorUnits(hi, mxn));
  request.amount_kind = AmountKind::kReceive;
  if (rank) {
    RankScratch scratch;
    const int64_t step = (hi - lo) / 999;
    for (int i = 0; i < 1000; ++i) {
      RankRequest rank_request(bench::UsMx(),
                               Money::FromMinorUnits(lo + step * i, mxn));
      rank_request.amount_kind = AmountKind::kReceive;
      rank_request.limit = 1;
      rank_request.summarize = false;
      if (!Rank(book, rank_request, clock, &scratch).ok()) return 1;
    }
    return 0;
  }
  size_t intervals = 0;
  for (int i = 0; i < repeat; ++i) {
    absl::StatusOr<CostCurve> curve = ComputeCostCurve(book, request, clock);
    if (!curve.ok()) {
      std::fprintf(stderr, "%s\n", curve.status().ToString().c_str());
      return 1;
    }
    intervals = curve->intervals.size();
    if (verify && i == 0) {
      // Each interval's offer is priced as PriceReceive prices it.
      for (const CurveInterval& interval : curve->intervals) {
        absl::StatusOr<CostBreakdown> priced =
            PriceReceive(*interval.cheapest.quote, interval.from);
        if (!priced.ok() ||
            priced->send_amount != interval.cheapest.cost.send_amount ||
            priced->total_cost != interval.cheapest.cost.total_cost ||
            priced->total_outlay != interval.cheapest.cost.total_outlay) {
          std::fprintf(stderr, "price differs at %lld\n",
                       static_cast<long long>(interval.from.minor_units()));
          return 1;
        }
      }
    }
    if (print && i == 0) {
      for (const CurveInterval& interval : curve->intervals) {
        std::printf("%lld %lld %s %lld\n",
                    static_cast<long long>(interval.from.minor_units()),
                    static_cast<long long>(interval.to.minor_units()),
                    interval.cheapest.quote->quote->id.c_str(),
                    static_cast<long long>(
                        interval.cheapest.cost.total_outlay.minor_units()));
      }
    }
  }
  std::fprintf(stderr, "intervals: %zu\n", intervals);
  return 0;
}

}  // namespace
}  // namespace remit

int main(int argc, char** argv) { return remit::Run(argc, argv); }
