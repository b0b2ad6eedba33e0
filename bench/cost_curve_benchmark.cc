// Cost curves against ranking at every amount: the envelope over a range of
// 1,000 send amounts (one cent apart, and 1,000 amounts spread over 1.00 to
// 1,000.00 USD) for a 20-offer corridor, against Rank() called at each of
// those amounts (limit 1, no summary: what finding the cheapest at each
// amount needs).
//
//   bazel run -c opt //bench:cost_curve_benchmark
//
// Each iteration times both, one after the other, with the same clock;
// the reported time is the curve's, and ratio_to_rank is the curve's time
// over the 1,000 Rank() calls', measured in the same run. The goal: at
// most 0.2.
#include <chrono>
#include <cstdint>

#include "bench/generated_quotes.h"
#include "benchmark/benchmark.h"
#include "engine/curves/cost_curve.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace remit {
namespace {

using bench::MakeBook;
using bench::UsMx;

// state.range(0): the first amount, in cents; state.range(1): the step
// between the 1,000 amounts, in cents.
void BM_CurveAgainstRankAtEachAmount(benchmark::State& state) {
  const QuoteBook book = MakeBook(20);
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  const CurrencyCode usd = UsMx().send_currency();
  const int64_t first = state.range(0);
  const int64_t step = state.range(1);
  constexpr int kAmounts = 1000;
  const int64_t last = first + step * (kAmounts - 1);
  CostCurveRequest curve_request(UsMx(), Money::FromMinorUnits(first, usd),
                                 Money::FromMinorUnits(last, usd));
  RankScratch scratch;
  double curve_seconds = 0;
  double rank_seconds = 0;
  size_t intervals = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<CostCurve> curve =
        ComputeCostCurve(book, curve_request, clock);
    const auto middle = std::chrono::steady_clock::now();
    for (int i = 0; i < kAmounts; ++i) {
      RankRequest request(UsMx(),
                          Money::FromMinorUnits(first + step * i, usd));
      request.limit = 1;
      request.summarize = false;
      absl::StatusOr<RankResult> result = Rank(book, request, clock, &scratch);
      benchmark::DoNotOptimize(result);
    }
    const auto end = std::chrono::steady_clock::now();
    const double c = std::chrono::duration<double>(middle - start).count();
    curve_seconds += c;
    rank_seconds += std::chrono::duration<double>(end - middle).count();
    state.SetIterationTime(c);
    intervals = curve.ok() ? curve->intervals.size() : 0;
    benchmark::DoNotOptimize(curve);
  }
  state.counters["ratio_to_rank"] = curve_seconds / rank_seconds;
  state.counters["rank_ms"] = rank_seconds * 1e3 / state.iterations();
  state.counters["intervals"] = static_cast<double>(intervals);
}
BENCHMARK(BM_CurveAgainstRankAtEachAmount)
    ->Args({20000, 1})   // 200.00 .. 209.99 USD, every cent.
    ->Args({100, 100})   // 1.00 .. 1,000.00 USD, every dollar.
    ->Args({100, 2})     // 1.00 .. 20.98 USD, every other cent.
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace remit
