// Peak memory of loading an RPW workbook, against the heap the finished
// snapshot keeps. Loads the file as the server does (read it, parse it,
// let the file's bytes go, build the snapshot, let the parsed dataset go)
// and prints:
//   snapshot_heap_MB  heap held by the snapshot once built (mallinfo2);
//   peak_rss_MB       the process's peak resident set (getrusage), file
//                     bytes and program included;
//   start_rss_MB      resident set before reading the file;
//   peak/snapshot     the goal's ratio;
//   parsed_heap_MB    heap held by the parsed dataset (the quotes as
//                     protos), before the snapshot is built;
//   peak_rss_after_parse_MB  the peak by then.
//
//   bazel build -c opt //bench:rpw_import_memory
//   /usr/bin/time -v bazel-bin/bench/rpw_import_memory --data=/tmp/rpw.xlsx
#include <malloc.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/time/time.h"
#include "engine/data/parsed_dataset.h"
#include "engine/formats/formats.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"

ABSL_FLAG(std::string, data, "", "The .xlsx (or any dataset) file to load.");
ABSL_FLAG(int, threads, 0,
          "DatasetOptions::workbook_threads: 1 parses on the calling thread "
          "only; 0 (the default) on the process's cores, up to 4.");

namespace remit {
namespace {

double HeapBytes() {
  struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

double PeakRssBytes() {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) * 1024;
}

int Run(const std::string& path, int threads) {
  const double start_rss = PeakRssBytes();
  std::string bytes;
  {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    if (!file) {
      std::fprintf(stderr, "%s: cannot read\n", path.c_str());
      return 1;
    }
    bytes = content.str();
  }
  double heap_before = HeapBytes();
  const double file_mb = static_cast<double>(bytes.size()) / 1e6;
  const auto start = std::chrono::steady_clock::now();
  const FakeClock clock(absl::FromUnixSeconds(1'790'000'000));
  std::shared_ptr<const Snapshot> snapshot;
  double parsed_heap = 0;  // The parsed dataset's, before the snapshot.
  double parsed_rss = 0;   // Peak RSS by then.
  {
    std::vector<DatasetError> errors;
    DatasetOptions options;
    options.workbook_threads = threads;
    absl::StatusOr<ParsedDataset> parsed =
        ParseDataset(path, bytes, options, &errors);
    if (!parsed.ok()) {
      std::fprintf(stderr, "%s\n", parsed.status().ToString().c_str());
      return 1;
    }
    if (const ImportReport* report = parsed->report()) {
      std::fprintf(stderr, "%s\n", report->Summary().c_str());
      // What did not import, so that a figure is never of a file that
      // failed halfway.
      for (const ImportReport::RowGroup& group : report->quarantined) {
        std::fprintf(
            stderr, "quarantined: %zu rows: %s (first: %s)\n", group.rows,
            group.reason.c_str(),
            group.first_places.empty() ? "" : group.first_places[0].c_str());
      }
      for (const ImportReport::RowGroup& group : report->notes) {
        std::fprintf(stderr, "noted: %zu rows: %s\n", group.rows,
                     group.reason.c_str());
      }
    }
    parsed_heap = HeapBytes() - heap_before;
    parsed_rss = PeakRssBytes();
    // The server lets the file's bytes go once parsed (ReadDatasetFile).
    // The snapshot's heap is counted from before the file was read.
    const double with_file = HeapBytes();
    std::string().swap(bytes);
    heap_before -= with_file - HeapBytes();
    std::vector<ParsedDataset> files;
    files.push_back(*std::move(parsed));
    absl::StatusOr<std::shared_ptr<const Snapshot>> built =
        Snapshot::Build(std::move(files), {}, clock, &errors);
    if (!built.ok()) {
      std::fprintf(stderr, "%s\n", built.status().ToString().c_str());
      return 1;
    }
    snapshot = *std::move(built);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  const double snapshot_heap = HeapBytes() - heap_before;
  const double peak = PeakRssBytes();
  std::printf(
      "file_MB=%.1f quotes=%zu load_s=%.2f snapshot_heap_MB=%.1f "
      "bytes_per_quote=%.0f start_rss_MB=%.1f peak_rss_MB=%.1f "
      "peak/snapshot=%.2f parsed_heap_MB=%.1f peak_rss_after_parse_MB=%.1f\n",
      file_mb, snapshot->book().quotes().size(), seconds, snapshot_heap / 1e6,
      snapshot_heap / static_cast<double>(snapshot->book().quotes().size()),
      start_rss / 1e6, peak / 1e6, peak / snapshot_heap, parsed_heap / 1e6,
      parsed_rss / 1e6);
  return 0;
}

}  // namespace
}  // namespace remit

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const std::string path = absl::GetFlag(FLAGS_data);
  if (path.empty()) {
    std::fprintf(stderr, "usage: rpw_import_memory --data=FILE\n");
    return 2;
  }
  return remit::Run(path, absl::GetFlag(FLAGS_threads));
}
