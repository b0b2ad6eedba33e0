// MedianRatioOfPairs: the figure of a benchmark whose goal is a ratio of
// two pieces of work measured in the same run. Each iteration runs both,
// one right after the other, and keeps the ratio of their thread CPU
// times; the median over the iterations is returned. A machine whose
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
  for (auto _ : state) {
    const int64_t start = ThreadCpuNanos();
    first();
    const int64_t between = ThreadCpuNanos();
    second();
    const int64_t end = ThreadCpuNanos();
    ratios.push_back(static_cast<double>(between - start) /
                     static_cast<double>(end - between));
  }
  if (ratios.empty()) return 0;
  const auto middle = ratios.begin() + ratios.size() / 2;
  std::nth_element(ratios.begin(), middle, ratios.end());
  return *middle;
}

}  // namespace remit::bench

#endif  // REMIT_BENCH_PAIRED_RATIO_H_
