// Loading speed and memory of datasets.
//
//   bazel run -c opt //bench:dataset_benchmark
//
// BM_Load/<format>/<quotes>: parse + validate + build the QuoteBook from a
// file's bytes already in memory, reported as quotes per second on one
// thread. BM_ParseBinaryOnly is the baseline: protobuf parsing the same
// binary bytes and nothing else (the floor of the binary format), measured
// in the same run. BM_Reload: Snapshot::Build of the same 50,000 quotes,
// with the version hash. The retained_bytes_per_quote counter is the heap
// a built snapshot keeps, divided by its quotes (mallinfo2).
// BM_LoadBinaryAgainstArenaParse pairs the binary load with protobuf's
// arena parse in each iteration: load_speed_ratio is the load's speed
// against the parse's (bench/paired_ratio.h).
#include <malloc.h>

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "bench/generated_dataset.h"
#include "bench/paired_ratio.h"
#include "benchmark/benchmark.h"
#include "engine/data/dataset.h"
#include "engine/formats/formats.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"
#include "google/protobuf/arena.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"

namespace remit {
namespace {

// RPW-style CSV of `rows` rows in one corridor and period.
std::string MakeCsv(int rows) {
  std::string csv =
      "period,source_code,destination_code,firm,firm_type,payment "
      "instrument,speed actual,cc1 lcu code,cc1 lcu amount,cc1 lcu fee,cc1 "
      "lcu fx rate,cc1 fx margin,cc1 total cost %,cc2 lcu code,cc2 lcu "
      "amount,cc2 lcu fee,cc2 lcu fx rate,cc2 fx margin,cc2 total cost "
      "%,inter lcu bank fx,transparent,pick-up method,date\r\n";
  for (int i = 0; i < rows; ++i) {
    absl::StrAppend(&csv, "2026_3Q,GBR,BGD,Firm ", i % 100,
                    ",Money Transfer Operator,Debit card,Same day,GBP,120,",
                    "2.40,165.1,1.96,3.96,GBP,300,3.00,165.1,1.96,2.96,168.4,",
                    "yes,Cash,2026-08-18\r\n");
  }
  return csv;
}

struct Input {
  std::string bytes;
  std::string name;  // Its extension picks the format.
};

Input MakeInput(const std::string& name, int quotes) {
  if (absl::EndsWith(name, ".csv")) return {MakeCsv(quotes), name};
  const v1::Dataset d = bench::MakeDataset(quotes);
  std::string bytes;
  if (absl::EndsWith(name, ".binpb")) {
    d.SerializeToString(&bytes);
  } else if (absl::EndsWith(name, ".json")) {
    (void)google::protobuf::util::MessageToJsonString(d, &bytes);
  } else {
    google::protobuf::TextFormat::PrintToString(d, &bytes);
  }
  return {bytes, name};
}

// Parse, validation and the book, freed at the end as a reload frees the
// old one; whether the book was built.
bool LoadOnce(const Input& input) {
  std::vector<DatasetError> errors;
  absl::StatusOr<ParsedDataset> file =
      ParseDataset(input.name, input.bytes, {}, &errors);
  if (!file.ok()) return false;
  std::vector<ParsedDataset> files;
  files.push_back(*std::move(file));
  absl::StatusOr<QuoteBook> book = BuildQuoteBook(files, {}, &errors);
  benchmark::DoNotOptimize(book);
  return book.ok();
}

// Protobuf's parse of binary bytes into an arena, as the loader's; whether
// it parsed.
bool ParseOnArenaOnce(const std::string& bytes) {
  google::protobuf::Arena arena;
  auto* d = google::protobuf::Arena::CreateMessage<v1::Dataset>(&arena);
  const bool parsed = d->ParseFromString(bytes);
  benchmark::DoNotOptimize(d);
  return parsed;
}

void Load(benchmark::State& state, const std::string& name) {
  const int quotes = static_cast<int>(state.range(0));
  const Input input = MakeInput(name, quotes);
  for (auto _ : state) {
    if (!LoadOnce(input)) state.SkipWithError("invalid benchmark data");
  }
  state.SetItemsProcessed(state.iterations() * quotes);
  state.SetBytesProcessed(state.iterations() * input.bytes.size());
}

void BM_LoadBinary(benchmark::State& s) { Load(s, "bench.binpb"); }
void BM_LoadJson(benchmark::State& s) { Load(s, "bench.json"); }
void BM_LoadTextproto(benchmark::State& s) { Load(s, "bench.textproto"); }
void BM_LoadRpwCsv(benchmark::State& s) { Load(s, "bench.csv"); }
BENCHMARK(BM_LoadBinary)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadJson)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadTextproto)->Arg(50000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadRpwCsv)->Arg(50000)->Unit(benchmark::kMillisecond);

// Baseline: protobuf's own binary parse of the same bytes, nothing else.
void BM_ParseBinaryOnly(benchmark::State& state) {
  const int quotes = static_cast<int>(state.range(0));
  const Input input = MakeInput("bench.binpb", quotes);
  for (auto _ : state) {
    v1::Dataset d;
    benchmark::DoNotOptimize(d.ParseFromString(input.bytes));
  }
  state.SetItemsProcessed(state.iterations() * quotes);
}
BENCHMARK(BM_ParseBinaryOnly)->Arg(50000)->Unit(benchmark::kMillisecond);

// Baseline: the same parse into an arena, as the loader does.
void BM_ParseBinaryOnArena(benchmark::State& state) {
  const int quotes = static_cast<int>(state.range(0));
  const Input input = MakeInput("bench.binpb", quotes);
  for (auto _ : state) benchmark::DoNotOptimize(ParseOnArenaOnce(input.bytes));
  state.SetItemsProcessed(state.iterations() * quotes);
}
BENCHMARK(BM_ParseBinaryOnArena)->Arg(50000)->Unit(benchmark::kMillisecond);

// BM_ParseBinaryOnArena and BM_LoadBinary paired in each iteration
// (bench/paired_ratio.h): `load_speed_ratio` is the median ratio of the
// parse's CPU time to the load's, the load's quotes per second against
// the parse's.
void BM_LoadBinaryAgainstArenaParse(benchmark::State& state) {
  const int quotes = static_cast<int>(state.range(0));
  const Input input = MakeInput("bench.binpb", quotes);
  bool ok = true;
  state.counters["load_speed_ratio"] = bench::MedianRatioOfPairs(
      state, [&] { ok &= ParseOnArenaOnce(input.bytes); },
      [&] { ok &= LoadOnce(input); });
  if (!ok) state.SkipWithError("invalid benchmark data");
}
BENCHMARK(BM_LoadBinaryAgainstArenaParse)
    ->Arg(50000)
    ->Unit(benchmark::kMillisecond);

// A whole reload of 50,000 quotes, from binary bytes to a versioned
// snapshot, and the heap it keeps.
void BM_Reload(benchmark::State& state) {
  const int quotes = static_cast<int>(state.range(0));
  const Input input = MakeInput("bench.binpb", quotes);
  const FakeClock clock(absl::FromUnixSeconds(1'790'000'000));
  auto build = [&] {
    std::vector<DatasetError> errors;
    std::vector<ParsedDataset> files;
    files.push_back(*ParseDataset(input.name, input.bytes, {}, &errors));
    return *Snapshot::Build(files, {}, clock, &errors);
  };
  // The heap one snapshot keeps, measured once before the timed loop (the
  // loop's old snapshots are freed on a background thread, which would
  // race the measurement).
  auto heap = [] {
    struct mallinfo2 m = mallinfo2();
    return static_cast<double>(m.uordblks + m.hblkhd);
  };
  const double before = heap();
  std::shared_ptr<const Snapshot> kept = build();
  const double retained = heap() - before;
  kept.reset();
  for (auto _ : state) {
    std::shared_ptr<const Snapshot> snapshot = build();
    benchmark::DoNotOptimize(snapshot);
  }
  state.SetItemsProcessed(state.iterations() * quotes);
  state.counters["retained_bytes_per_quote"] = retained / quotes;
}
BENCHMARK(BM_Reload)->Arg(50000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace remit
