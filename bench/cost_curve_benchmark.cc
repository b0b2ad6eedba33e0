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
//
// BM_ReceiveCurveAgainstRankAtEachAmount does the same for amounts the
// recipient gets (MXN, curve and Rank in receive mode), over a corridor
// whose survey quotes deliver less just above 350.00 USD (their rate falls
// at their second point): the amounts each quote delivers there lie in
// the ranges measured.
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

// Times the curve over 1,000 amounts of `kind` from state.range(0) minor
// units, state.range(1) apart, and Rank() at each of them.
void CurveAgainstRankAtEachAmount(benchmark::State& state,
                                  const QuoteBook& book, AmountKind kind) {
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  const CurrencyCode currency = kind == AmountKind::kSend
                                    ? UsMx().send_currency()
                                    : UsMx().receive_currency();
  const int64_t first = state.range(0);
  const int64_t step = state.range(1);
  constexpr int kAmounts = 1000;
  const int64_t last = first + step * (kAmounts - 1);
  CostCurveRequest curve_request(UsMx(), Money::FromMinorUnits(first, currency),
                                 Money::FromMinorUnits(last, currency));
  curve_request.amount_kind = kind;
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
                          Money::FromMinorUnits(first + step * i, currency));
      request.amount_kind = kind;
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

// state.range(0): the first amount, in cents; state.range(1): the step
// between the 1,000 amounts, in cents.
void BM_CurveAgainstRankAtEachAmount(benchmark::State& state) {
  CurveAgainstRankAtEachAmount(state, MakeBook(20), AmountKind::kSend);
}
BENCHMARK(BM_CurveAgainstRankAtEachAmount)
    ->Args({20000, 1})  // 200.00 .. 209.99 USD, every cent.
    ->Args({100, 100})  // 1.00 .. 1,000.00 USD, every dollar.
    ->Args({100, 2})    // 1.00 .. 20.98 USD, every other cent.
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

// state.range(0): the first amount received, in centavos; state.range(1):
// the step between the 1,000 amounts, in centavos.
void BM_ReceiveCurveAgainstRankAtEachAmount(benchmark::State& state) {
  CurveAgainstRankAtEachAmount(
      state, MakeBook(20, /*simple=*/false, /*falling_survey_rates=*/true),
      AmountKind::kReceive);
}
BENCHMARK(BM_ReceiveCurveAgainstRankAtEachAmount)
    ->Args({590000, 1})   // 5,900.00 .. 5,909.99 MXN, every centavo.
    ->Args({2000, 2000})  // 20.00 .. 20,000.00 MXN, every 20 MXN.
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace remit
