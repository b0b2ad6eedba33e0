// MedianRatioOfPairs: the figure of a benchmark whose goal is a ratio of
// two pieces of work measured in the same run. Each iteration runs both,
// one right after the other (each first in every other iteration), and
// keeps the ratio of their thread CPU times; the median over the
// iterations is returned. A machine whose
// speed drifts (other tenants, frequency) between two separate benchmarks
// moves both sides of each pair alike, so the ratio holds still where the
// separate figures do not.
//
// Thread-safety: call from the benchmark's own thread.
//
// Example:
//   void BM_LargeAgainstSmall(benchmark::State& state) {
//     state.counters["ratio"] = bench::MedianRatioOfPairs(
//         state, [&] { RankLarge(); }, [&] { RankSmall(); });
//   }
#ifndef REMIT_BENCH_PAIRED_RATIO_H_
#define REMIT_BENCH_PAIRED_RATIO_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "benchmark/benchmark.h"

namespace remit::bench {

// This thread's CPU time, in nanoseconds.
int64_t ThreadCpuNanos();

// The median over the state's iterations of first()'s CPU time over
// second()'s.
template <typename First, typename Second>
double MedianRatioOfPairs(benchmark::State& state, const First& first,
                          const Second& second) {
  std::vector<double> ratios;
  ratios.reserve(static_cast<size_t>(state.max_iterations));
  bool first_first = true;
  for (auto _ : state) {
    // Each side goes first in every other iteration, so that neither
    // always finds the caches as the other left them.
    const int64_t start = ThreadCpuNanos();
    if (first_first) {
      first();
    } else {
      second();
    }
    const int64_t between = ThreadCpuNanos();
    if (first_first) {
      second();
    } else {
      first();
    }
    const int64_t end = ThreadCpuNanos();
    const double early = static_cast<double>(between - start);
    const double late = static_cast<double>(end - between);
    ratios.push_back(first_first ? early / late : late / early);
    first_first = !first_first;
  }
  if (ratios.empty()) return 0;
  const auto middle = ratios.begin() + ratios.size() / 2;
  std::nth_element(ratios.begin(), middle, ratios.end());
  return *middle;
}

}  // namespace remit::bench

#endif  // REMIT_BENCH_PAIRED_RATIO_H_
