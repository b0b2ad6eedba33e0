// Importing a workbook of the published RPW file's size.
//
//   bazel run -c opt //bench:rpw_import_benchmark
//   RPW_BENCH_WORKBOOK=/tmp/rpw.xlsx bazel-bin/bench/rpw_import_benchmark
//
// The workbook: bench/rpw_workbook_input.h (a file, or 253,960 rows made
// in memory). Each benchmark runs once per repetition (a pass takes
// seconds); use --benchmark_repetitions for more.
//
// BM_InflateFloor: libzip alone inflating both dataset sheets in 64 KiB
// chunks and discarding the bytes, the floor of any reader.
// BM_Parse: ParseDataset("rpw.xlsx", ...): open the workbook, stream both
// sheets through engine/importers/rpw, every row checked and turned into a
// quote (what a reload does before validation).
// BM_ParseOneThread: the same on the calling thread alone
// (DatasetOptions::workbook_threads = 1); BM_Parse uses the default, the
// process's cores (up to 4), each sheet parsed in pieces on worker threads.
// CPU times are the whole process's, worker threads included.
// BM_ParseAndBuild: BM_Parse, then Snapshot::Build (validation, the quote
// book, the version hash): the whole load. Their x_floor counters divide
// their time by the fastest floor pass of the same run (BM_InflateFloor
// runs first); snapshot_heap_MB is the heap a built snapshot keeps
// (mallinfo2, measured on the first pass). Peak memory: rpw_import_memory.
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "bench/rpw_workbook_input.h"
#include "benchmark/benchmark.h"
#include "engine/data/parsed_dataset.h"
#include "engine/formats/formats.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"

namespace remit {
namespace {

// The fastest floor pass so far, in seconds; 0 before BM_InflateFloor.
double floor_seconds = 0;

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

// `threads`: DatasetOptions::workbook_threads (0: the default, the
// process's cores, up to 4).
ParsedDataset Parse(const bench::RpwBenchInput& input, int threads = 0) {
  std::vector<DatasetError> errors;
  DatasetOptions options;
  options.workbook_threads = threads;
  absl::StatusOr<ParsedDataset> parsed =
      ParseDataset("rpw.xlsx", input.bytes, options, &errors);
  if (!parsed.ok()) {
    std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
    std::abort();
  }
  return *std::move(parsed);
}

std::shared_ptr<const Snapshot> Build(ParsedDataset parsed,
                                      const Clock& clock) {
  std::vector<ParsedDataset> files;
  files.push_back(std::move(parsed));
  std::vector<DatasetError> errors;
  absl::StatusOr<std::shared_ptr<const Snapshot>> snapshot =
      Snapshot::Build(std::move(files), {}, clock, &errors);
  if (!snapshot.ok()) {
    std::fprintf(stderr, "%s\n", snapshot.status().ToString().c_str());
    std::abort();
  }
  return *std::move(snapshot);
}

void SetCommonCounters(benchmark::State& state,
                       const bench::RpwBenchInput& input, double seconds,
                       size_t quotes) {
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(input.sheet_xml_bytes));
  state.counters["quotes"] = static_cast<double>(quotes);
  if (floor_seconds > 0) state.counters["x_floor"] = seconds / floor_seconds;
}

void BM_InflateFloor(benchmark::State& state) {
  const bench::RpwBenchInput& input = bench::RpwBenchWorkbook();
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    uint64_t total = 0;
    for (const std::string& part : input.sheet_parts) {
      total += bench::InflateAndDiscard(input.bytes, part);
    }
    benchmark::DoNotOptimize(total);
    const double seconds = Seconds(start);
    if (floor_seconds == 0 || seconds < floor_seconds) {
      floor_seconds = seconds;
    }
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(input.sheet_xml_bytes));
  state.counters["xml_MB"] = static_cast<double>(input.sheet_xml_bytes) / 1e6;
  state.counters["xlsx_MB"] = static_cast<double>(input.bytes.size()) / 1e6;
}

void ParseWith(benchmark::State& state, int threads) {
  const bench::RpwBenchInput& input = bench::RpwBenchWorkbook();
  size_t quotes = 0;
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    ParsedDataset parsed = Parse(input, threads);
    quotes = static_cast<size_t>(parsed.dataset().quotes_size());
    seconds += Seconds(start);
    state.PauseTiming();  // Freeing the quotes is not the import's work.
    { ParsedDataset dropped = std::move(parsed); }
    state.ResumeTiming();
  }
  SetCommonCounters(state, input,
                    seconds / static_cast<double>(state.iterations()), quotes);
}

void BM_Parse(benchmark::State& state) { ParseWith(state, 0); }
void BM_ParseOneThread(benchmark::State& state) { ParseWith(state, 1); }

void BM_ParseAndBuild(benchmark::State& state) {
  const bench::RpwBenchInput& input = bench::RpwBenchWorkbook();
  const FakeClock clock(absl::FromUnixSeconds(1'790'000'000));
  auto heap = [] {
    struct mallinfo2 m = mallinfo2();
    return static_cast<double>(m.uordblks + m.hblkhd);
  };
  // Measured on the first pass only: later passes would race the
  // background thread that frees the snapshots before them.
  static double retained = -1;
  size_t quotes = 0;
  double seconds = 0;
  for (auto _ : state) {
    const double before = heap();
    const auto start = std::chrono::steady_clock::now();
    std::shared_ptr<const Snapshot> snapshot = Build(Parse(input), clock);
    seconds += Seconds(start);
    state.PauseTiming();
    quotes = snapshot->book().quotes().size();
    if (retained < 0) retained = heap() - before;
    snapshot.reset();
    state.ResumeTiming();
  }
  SetCommonCounters(state, input,
                    seconds / static_cast<double>(state.iterations()), quotes);
  state.counters["snapshot_heap_MB"] = retained / 1e6;
}

BENCHMARK(BM_InflateFloor)->Iterations(1)->Unit(benchmark::kMillisecond);
// CPU time: the whole process's, worker threads included.
BENCHMARK(BM_Parse)->Iterations(1)->MeasureProcessCPUTime()->Unit(
    benchmark::kMillisecond);
BENCHMARK(BM_ParseOneThread)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseAndBuild)
    ->Iterations(1)
    ->MeasureProcessCPUTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace remit
