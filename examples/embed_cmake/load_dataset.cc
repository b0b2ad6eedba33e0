// Embedding remitrank's dataset files (remit::data): loads the files named
// on the command line into a versioned Snapshot, as a server would, and
// says what it holds.
//
//   load_dataset testdata/sample_corridors.textproto testdata/rpw_sample.csv
//
// Prints "N corridors, N quotes, N providers; version <12 hex digits>", or
// the loader's errors (each with file, line and field) and exits 1.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "engine/data/parsed_dataset.h"
#include "engine/snapshot/snapshot.h"
#include "engine/time/clock.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: load_dataset FILE...\n");
    return 2;
  }
  const std::vector<std::string> paths(argv + 1, argv + argc);
  const remit::SystemClock clock;
  absl::StatusOr<std::shared_ptr<const remit::Snapshot>> snapshot =
      remit::Snapshot::Load(paths, remit::DatasetOptions(), clock);
  if (!snapshot.ok()) {
    std::fprintf(stderr, "load_dataset: %s\n",
                 snapshot.status().ToString().c_str());
    return 1;
  }
  const remit::QuoteBook& book = (*snapshot)->book();
  std::printf("%zu corridors, %zu quotes, %zu providers; version %s\n",
              book.corridors().size(), book.quotes().size(),
              book.providers().size(),
              (*snapshot)->version().substr(0, 12).c_str());
  return 0;
}
