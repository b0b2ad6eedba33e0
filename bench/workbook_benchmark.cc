// Reading speed of .xlsx sheets.
//
//   bazel run -c opt //bench:workbook_benchmark
//
// BM_ReadRows/<rows>/<threads>: XlsxReader::Open plus ReadRows over every
// row of a synthetic sheet of RPW's shape (42 columns;
// bench/synthetic_workbook.h), in MB/s of sheet XML. BM_InflateFloor/<rows> is
// the floor, measured in the same run: libzip alone inflating the same sheet
// entry in 64 KiB chunks and discarding the bytes. BM_ReadRows' x_floor counter
// is its time divided by the floor's (the floor timed just before it).
// BM_InflateAndTokenize/<rows> shows where the rest goes: the same
// inflation feeding expat with no handlers at all, the least any
// expat-based reader can cost.
#include <expat.h>
#include <zip.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "bench/synthetic_workbook.h"
#include "benchmark/benchmark.h"
#include "engine/workbook/xlsx_reader.h"

namespace remit {
namespace {

const bench::SyntheticWorkbook& Workbook(int rows) {
  static auto* const cache = new std::map<int, bench::SyntheticWorkbook>;
  auto it = cache->find(rows);
  if (it == cache->end()) {
    absl::StatusOr<bench::SyntheticWorkbook> book =
        bench::MakeRpwShapedWorkbook(rows);
    if (!book.ok()) {
      std::fprintf(stderr, "%s\n", book.status().ToString().c_str());
      std::abort();
    }
    it = cache->emplace(rows, *std::move(book)).first;
  }
  return it->second;
}

// Inflates `part` of the zip in `bytes` with libzip in 64 KiB chunks,
// handing each to `on_chunk` (by default: discarding it); returns the bytes
// inflated.
uint64_t InflateOnly(
    const std::string& bytes, const std::string& part,
    const std::function<void(const char*, size_t)>& on_chunk = nullptr) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source =
      zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (zip == nullptr) std::abort();
  zip_file_t* file = zip_fopen(zip, part.c_str(), 0);
  if (file == nullptr) std::abort();
  std::unique_ptr<char[]> buffer(new char[64 * 1024]);
  uint64_t total = 0;
  while (true) {
    const zip_int64_t got = zip_fread(file, buffer.get(), 64 * 1024);
    if (got <= 0) break;
    benchmark::DoNotOptimize(buffer[0]);
    if (on_chunk) on_chunk(buffer.get(), static_cast<size_t>(got));
    total += static_cast<uint64_t>(got);
  }
  zip_fclose(file);
  zip_discard(zip);
  return total;
}

int64_t ReadAll(const bench::SyntheticWorkbook& book, int threads) {
  XlsxReaderOptions options;
  options.threads = threads;
  absl::StatusOr<XlsxReader> reader =
      XlsxReader::Open("synthetic.xlsx", book.bytes, options);
  if (!reader.ok()) std::abort();
  int64_t cells = 0;
  const absl::Status status = reader->ReadRows(
      book.sheet_name, [&](int row, absl::Span<const XlsxCell> row_cells) {
        cells += static_cast<int64_t>(row_cells.size());
        return absl::OkStatus();
      });
  if (!status.ok()) std::abort();
  return cells;
}

double SecondsOf(const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  work();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

void BM_InflateFloor(benchmark::State& state) {
  const bench::SyntheticWorkbook& book =
      Workbook(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(InflateOnly(book.bytes, book.sheet_part));
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(book.sheet_xml_bytes));
  state.counters["xml_MB"] = static_cast<double>(book.sheet_xml_bytes) / 1e6;
  state.counters["xlsx_MB"] = static_cast<double>(book.bytes.size()) / 1e6;
}

void BM_InflateAndTokenize(benchmark::State& state) {
  const bench::SyntheticWorkbook& book =
      Workbook(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    XML_Parser parser = XML_ParserCreate("UTF-8");
    InflateOnly(book.bytes, book.sheet_part, [&](const char* data, size_t n) {
      if (XML_Parse(parser, data, static_cast<int>(n), XML_FALSE) !=
          XML_STATUS_OK) {
        std::abort();
      }
    });
    if (XML_Parse(parser, "", 0, XML_TRUE) != XML_STATUS_OK) std::abort();
    XML_ParserFree(parser);
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(book.sheet_xml_bytes));
}

void BM_ReadRows(benchmark::State& state) {
  const bench::SyntheticWorkbook& book =
      Workbook(static_cast<int>(state.range(0)));
  // The floor, timed here too, so that the ratio is taken in one run.
  double floor_seconds = 1e30;
  for (int i = 0; i < 3; ++i) {
    floor_seconds = std::min(
        floor_seconds, SecondsOf([&] {
          benchmark::DoNotOptimize(InflateOnly(book.bytes, book.sheet_part));
        }));
  }
  int64_t cells = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) cells = ReadAll(book, static_cast<int>(state.range(1)));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count() /
      static_cast<double>(state.iterations());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(book.sheet_xml_bytes));
  state.SetItemsProcessed(state.iterations() * book.rows);
  state.counters["cells"] = static_cast<double>(cells);
  state.counters["x_floor"] = seconds / floor_seconds;
}

BENCHMARK(BM_InflateFloor)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InflateAndTokenize)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMillisecond);
// Second argument: XlsxReaderOptions::threads (1: the calling thread
// only; 0: the default, the process's cores up to 4). Wall time (MB/s and
// x_floor); the CPU column is the whole process's.
BENCHMARK(BM_ReadRows)
    ->Args({10000, 1})
    ->Args({10000, 0})
    ->Args({100000, 1})
    ->Args({100000, 0})
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace remit
