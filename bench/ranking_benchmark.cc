// Ranking speed: ns per quote ranked for corridors of 10 to 10,000 quotes.
//
//   bazel run -c opt //bench:ranking_benchmark
//
// Counters: ns_per_quote (time / quotes in the corridor) and
// allocs_per_request (operator new calls per Rank()). BM_ScanBaseline reads
// every quote's first fee band once, the floor any ranking pays to look at
// its quotes: compare ratios against it, measured in the same run, or
// paired with it in each iteration (BM_RankTop10AgainstScanBaseline,
// bench/paired_ratio.h).
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "bench/generated_quotes.h"
#include "bench/paired_ratio.h"
#include "benchmark/benchmark.h"
#include "engine/book/quote_book.h"
#include "engine/ranking/ranking.h"
#include "engine/time/clock.h"

namespace {
std::atomic<int64_t> g_allocations{0};
}  // namespace

void* operator new(size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

namespace remit {
namespace {

using bench::MakeBook;
using bench::UsMx;

void RankBenchmark(benchmark::State& state, size_t limit) {
  const int n = static_cast<int>(state.range(0));
  const QuoteBook book = MakeBook(n);
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  RankRequest request(UsMx(), *Money::Parse("200 USD"));
  request.limit = limit;
  RankScratch scratch;
  int64_t allocations = 0;
  for (auto _ : state) {
    const int64_t before = g_allocations.load(std::memory_order_relaxed);
    absl::StatusOr<RankResult> result = Rank(book, request, clock, &scratch);
    allocations += g_allocations.load(std::memory_order_relaxed) - before;
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["ns_per_quote"] = benchmark::Counter(
      static_cast<double>(state.iterations() * n),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  state.counters["allocs_per_request"] =
      static_cast<double>(allocations) / state.iterations();
}

void BM_RankTop10(benchmark::State& state) { RankBenchmark(state, 10); }
BENCHMARK(BM_RankTop10)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void BM_RankAll(benchmark::State& state) {
  RankBenchmark(state, std::numeric_limits<size_t>::max());
}
BENCHMARK(BM_RankAll)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

// The baseline's pass: each quote's first fee, summed.
int64_t FirstFeeSum(absl::Span<const PreparedQuote> quotes) {
  int64_t sum = 0;
  for (const PreparedQuote& p : quotes) {
    const Quote& q = *p.quote;
    sum += q.survey_points.empty() ? q.fees.bands.front().fixed_minor
                                   : q.survey_points.front().fee_minor;
  }
  return sum;
}

// Baseline: one pass over the same prepared quotes reading a fee.
void BM_ScanBaseline(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const QuoteBook book = MakeBook(n);
  absl::Span<const PreparedQuote> quotes = book.QuotesIn(UsMx());
  for (auto _ : state) benchmark::DoNotOptimize(FirstFeeSum(quotes));
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["ns_per_quote"] = benchmark::Counter(
      static_cast<double>(state.iterations() * n),
      benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ScanBaseline)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

// BM_RankTop10 against BM_ScanBaseline paired in each iteration
// (bench/paired_ratio.h), each a batch of calls over some 100,000 quotes:
// `rank_per_scan` is the median ratio of their CPU times.
void BM_RankTop10AgainstScanBaseline(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const int calls = std::max(1, 100'000 / n);
  const QuoteBook book = MakeBook(n);
  const FakeClock clock(absl::FromUnixSeconds(1'750'100'000));
  RankRequest request(UsMx(), *Money::Parse("200 USD"));
  request.limit = 10;
  RankScratch scratch;
  absl::Span<const PreparedQuote> quotes = book.QuotesIn(UsMx());
  state.counters["rank_per_scan"] = bench::MedianRatioOfPairs(
      state,
      [&] {
        for (int i = 0; i < calls; ++i) {
          benchmark::DoNotOptimize(Rank(book, request, clock, &scratch));
        }
      },
      [&] {
        for (int i = 0; i < calls; ++i) {
          benchmark::DoNotOptimize(FirstFeeSum(quotes));
        }
      });
}
BENCHMARK(BM_RankTop10AgainstScanBaseline)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace remit
